// SPDX-License-Identifier: Apache-2.0
#pragma once
// CaseStore: the one service every interface drives (案件管理) — the CLI now, the HTTP API next.
// It runs the four-step procedure of the 手順書 (① リスク確認 ② リスク評価 ③ リスク軽減措置
// ④ フォローアップ) over the typed aggregates of domain/cases and domain/workflow, kept as documents
// in the tables of decision 0003 (storage/records.h) with the audit chain (storage/audit.h).
//
//   auto store = storage::CaseStore::Open(*db, {});                 // Result<unique_ptr<CaseStore>>
//   storage::Caller officer{.user_id = "user_sato", .roles = {access::Role::kSecurityOfficer},
//                           .tenant_id = "inst_tohoku", .request_id = "req-1"};
//   auto c = (*store)->OpenCase(officer, proposal_id);              // Result<Stored<cases::Case>>
//   auto moved = (*store)->Advance(officer, c->value.id, workflow::Transition::kStartIdentification,
//                                  c->version);                    // kAborted if c is stale
//   auto view = (*store)->GetCase(storage::Visibility::Of({"inst_tohoku"}), c->value.id);
//
// Rules every method keeps:
//   - Every write is ONE transaction holding the change and its audit record(s) (actor =
//     Caller::user_id, request id = Caller::request_id); fn of WithTransaction has no effect
//     outside the database, so a retry is safe.
//   - Optimistic concurrency: an update names the version the caller read; a stale one is
//     kAborted ("measures/ms_…: version 3 is stale, current is 4"), never a lost update.
//   - Roles: a write checks access::Permits for the caller's roles (kPermissionDenied naming the
//     role and action); a transition is checked by workflow::Advance with each of the caller's
//     roles. Items ⑫ ⑬ (RestrictedDisclosure) are written and read only by the export-control
//     role, and every read appends an audit `read` record with its reason.
//   - Tenants: reads take the tenants visible to the caller (the server computes them with
//     domain/access); writes use Caller::visible. A record of a tenant that is not visible is
//     kNotFound, exactly like an id that does not exist. A case is visible to its lead
//     institution's tenant and to its funding agency's tenant.
//   - Ids are assigned by the store (storage::NewId); an id given on create is refused.
//   - Inputs are validated with the domain's Validate* functions; kInvalidArgument names the field.
//
// Where things live: a case's team and partners are its proposal's (cases::Proposal::team /
// partner_institution_ids). The review round, recorded no-disclosure reasons and the withdrawal
// reason live in the `case_progress` table, appeals in `appeals` (migration 0002). Flags are the
// hits of the case's list-check screenings ("lists:<list>:<entry>" on their subject); a keyword
// screening sets Case::risk_level and is evidence on the case as a whole.
//
// Thread-safe: one CaseStore may be shared by every thread (it holds the Database by reference
// and immutable catalogues). Cost: a write is a handful of indexed statements; GetCase loads the
// case, its proposal and every child table in one statement (records.h GetMany), then its parties;
// OnListSnapshotChanged re-checks every subject of every open or awarded case (one checker call each).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "domain/access/role.h"
#include "domain/cases/case.h"
#include "domain/cases/disclosure.h"
#include "domain/cases/disclosure_diff.h"
#include "domain/cases/disclosure_import.h"
#include "domain/cases/evaluation_inputs.h"
#include "domain/cases/institution.h"
#include "domain/cases/organisation.h"
#include "domain/cases/person.h"
#include "domain/cases/programme.h"
#include "domain/cases/proposal.h"
#include "domain/cases/restricted_disclosure.h"
#include "domain/cases/screening_ref.h"
#include "domain/cases/team_import.h"
#include "domain/workflow/case_snapshot.h"
#include "domain/workflow/case_state_machine.h"
#include "domain/workflow/measure_catalogue.h"
#include "domain/workflow/review.h"
#include "domain/workflow/risk_category.h"
#include "storage/database.h"

namespace highfence::storage {

// The tenants whose records a reader may see. Built by the server from domain/access; the CLI
// and system jobs (follow-up runs) use All().
struct Visibility {
  std::vector<std::string> tenant_ids;
  bool all = false;
  static Visibility All() { return {{}, true}; }
  static Visibility Of(std::vector<std::string> ids) { return {std::move(ids), false}; }
  bool Sees(std::string_view tenant_id) const;
};

// Who is writing: recorded in every audit record.
struct Caller {
  std::string user_id;  // "user_3f…", "cli:<login>", "system:followup"; never empty
  std::vector<access::Role> roles;
  std::string tenant_id;   // the caller's own tenant; new people, organisations, proposals default to it
  std::string request_id;  // the HTTP request or CLI run; "" = none
  Visibility visible = Visibility::All();  // tenants the caller may touch (writes see no more)
  std::string person_id = {};              // the caller's own person record, "" if none (own-only writes)
};

// A value as stored, with the version to pass back on update.
template <typename T>
struct Stored {
  T value;
  int64_t version = 0;
  std::string created_at;  // RFC 3339 UTC
  std::string updated_at;
};

template <typename T>
struct PageOf {
  std::vector<Stored<T>> items;
  int64_t total = 0;  // matching rows, ignoring limit / offset
};

// Paging, filters and sort of a list. Filters are key columns of the table (decision 0003:
// people erad_id / orcid; organisations ror_id; programmes designated ("1"/"0"); proposals
// programme_id / state; cases proposal_id / state / agency_id; measures case_id / status;
// followups case_id / kind / status). kInvalidArgument names an unknown column.
struct ListOptions {
  std::vector<std::pair<std::string, std::string>> where = {};
  std::string order_by = "created_at";  // a key column, created_at, updated_at or id
  bool descending = false;
  int64_t limit = 100;  // 0 = no limit
  int64_t offset = 0;
};

struct CaseStoreOptions {
  // The shipped catalogues (data/workflow/); relative paths are taken from the working
  // directory. Default: "data/workflow/risk_categories.tsv", ".../measures.tsv",
  // ".../review_stages.tsv".
  std::string risk_categories = "data/workflow/risk_categories.tsv";
  std::string measure_catalogue = "data/workflow/measures.tsv";
  std::string review_stages = "data/workflow/review_stages.tsv";
  // The review track of new reviews ("institution" or "funding_agency"). Default: "institution".
  std::string review_track = "institution";
  workflow::DecisionOptions decisions = {};
  // The clock: RFC 3339 UTC now. Default (empty): the system clock. Tests pin it.
  std::function<std::string()> now = {};
  // ListCasesJson keeps the JSON text of up to this many cases (by id, version and body), so a
  // list page decodes and encodes only what changed since it was last shown; cleared when full.
  // About 1 KB per case. 0: no cache. Default: 10000.
  size_t json_cache_entries = 10000;
};

// A record as its codec's JSON text (cases::ToJson of the decoded value, byte for byte) with the
// store's fields: what a list page splices into its answer.
struct JsonRecord {
  std::string id;
  std::string json;
  int64_t version = 0;
  std::string created_at;  // RFC 3339 UTC
  std::string updated_at;
};

struct JsonPage {
  std::vector<JsonRecord> items;
  int64_t total = 0;  // matching rows, ignoring limit / offset
};

// Everything the server shows for one case, read in one snapshot.
struct CaseView {
  Stored<cases::Case> kase;
  Stored<cases::Proposal> proposal;
  std::vector<Stored<cases::Person>> team;  // in proposal team order (a missing person is skipped)
  std::vector<Stored<cases::Organisation>> partner_organisations;  // partners that are organisations
  std::vector<Stored<cases::Institution>> partner_institutions;    // partners that are tenants
  std::vector<Stored<cases::ScreeningRef>> screenings;             // oldest first
  std::vector<workflow::Flag> flags;
  std::vector<Stored<workflow::Evaluation>> evaluations;  // recording order
  std::vector<Stored<workflow::Measure>> measures;
  std::vector<Stored<workflow::Review>> reviews;
  std::optional<Stored<workflow::Decision>> decision;  // the latest
  std::optional<Stored<workflow::Appeal>> appeal;      // the latest (appeals.back())
  std::vector<Stored<workflow::Appeal>> appeals;       // every appeal of the case, oldest first
  std::vector<Stored<workflow::FollowUp>> followups;
  workflow::CaseSnapshot snapshot;  // what the state machine sees (round, team status …)
};

struct TransitionChoice {
  workflow::Transition transition;
  workflow::CaseState to;
  std::vector<std::string> blockers;  // empty: can be taken now
};

// One subject to re-check against new list snapshots: a team member or a partner.
struct CheckSubject {
  cases::Subject subject;
  std::vector<cases::Name> names;  // every written form on record
  std::string country;             // organisations only, to disambiguate; "" otherwise
};
// Runs the entity check (domain/checking) for one subject and returns the ListCheck to attach,
// pinned to the snapshots it ran on. Must have no side effects (it may run inside a retry).
using SubjectChecker = std::function<Result<cases::ListCheck>(const CheckSubject&)>;

struct FollowUpRun {
  int cases_checked = 0;
  int subjects_checked = 0;
  std::vector<Stored<cases::ScreeningRef>> screenings;  // the re-checks attached
  std::vector<Stored<workflow::FollowUp>> opened;       // one per NEW hit only
};

// One draft of an import resolved to a stored disclosure (or the reason it was not written).
struct ImportOutcome {
  int drafts = 0;
  int written = 0;
  std::vector<cases::ImportError> errors;  // resolution problems (unknown person …), by line
  std::vector<Stored<cases::Disclosure>> stored;
};

// What ImportTeam did with a parsed team file.
struct TeamImportOutcome {
  int rows_read = 0;                                // data rows of the file (TeamImport::rows_read)
  int added = 0;                                    // members written (0 when refused)
  int already_on_team = 0;                          // rows naming someone already on the team: skipped, not an error
  std::vector<cases::ImportError> errors;           // the parser's and the resolution's, each naming file, row, column
  std::optional<Stored<cases::Proposal>> proposal;  // the team as written; empty when nothing was
  std::vector<Stored<workflow::FollowUp>> followups;  // member_added, once ① is done
  bool refused(bool partial) const { return !errors.empty() && !partial; }
};

class CaseStore {
 public:
  // Loads the catalogues of `options`. kNotFound / kInvalidArgument naming the catalogue file.
  // REQUIRES: db outlives the store and is migrated (0002 included).
  static Result<std::unique_ptr<CaseStore>> Open(Database& db, const CaseStoreOptions& options);
  ~CaseStore();
  CaseStore(const CaseStore&) = delete;
  CaseStore& operator=(const CaseStore&) = delete;

  Database& database() const;
  const workflow::MeasureCatalogue& measure_catalogue() const;
  const workflow::RiskCategoryCatalogue& risk_categories() const;
  const workflow::ReviewPlan& review_plan() const;

  // ---- Institutions (tenants: tenant_id = the institution's own id), programmes (tenant = the
  // agency), organisations and people (tenant = Caller::tenant_id unless set). Create: the id is
  // assigned; kInvalidArgument from ValidateXxx; kAlreadyExists for an e-Rad id already on
  // record in the same tenant. Update: kAborted for a stale version, kNotFound for an unknown
  // or invisible id; the tenant never changes.
  Result<Stored<cases::Institution>> CreateInstitution(const Caller& caller, cases::Institution institution);
  Result<Stored<cases::Institution>> UpdateInstitution(const Caller& caller, const cases::Institution& institution,
                                                       int64_t expected_version);
  Result<Stored<cases::Institution>> GetInstitution(const Visibility& visible, std::string_view id);
  Result<PageOf<cases::Institution>> ListInstitutions(const Visibility& visible, const ListOptions& options);

  Result<Stored<cases::Programme>> CreateProgramme(const Caller& caller, cases::Programme programme);
  Result<Stored<cases::Programme>> UpdateProgramme(const Caller& caller, const cases::Programme& programme,
                                                   int64_t expected_version);
  Result<Stored<cases::Programme>> GetProgramme(const Visibility& visible, std::string_view id);
  Result<PageOf<cases::Programme>> ListProgrammes(const Visibility& visible, const ListOptions& options);

  Result<Stored<cases::Organisation>> CreateOrganisation(const Caller& caller, cases::Organisation organisation);
  Result<Stored<cases::Organisation>> UpdateOrganisation(const Caller& caller, const cases::Organisation& organisation,
                                                         int64_t expected_version);
  Result<Stored<cases::Organisation>> GetOrganisation(const Visibility& visible, std::string_view id);
  Result<PageOf<cases::Organisation>> ListOrganisations(const Visibility& visible, const ListOptions& options);

  Result<Stored<cases::Person>> CreatePerson(const Caller& caller, cases::Person person);
  Result<Stored<cases::Person>> UpdatePerson(const Caller& caller, const cases::Person& person,
                                             int64_t expected_version);
  Result<Stored<cases::Person>> GetPerson(const Visibility& visible, std::string_view id);
  // kNotFound when no visible person has this e-Rad 研究者番号.
  Result<Stored<cases::Person>> FindPersonByEradId(const Visibility& visible, std::string_view erad_id);
  Result<PageOf<cases::Person>> ListPeople(const Visibility& visible, const ListOptions& options);

  // ---- Proposals. Submit stores a new proposal in state submitted (kInvalidArgument from
  // ValidateProposal; kNotFound for an unknown programme). ChangeProposalState takes one step of
  // submitted → shortlisted → awarded | declined (kFailedPrecondition from
  // cases::CheckProposalTransition naming both states; needs proposal.decide). A proposal is
  // visible to its lead institution's tenant and to the agency whose programme it was submitted
  // to (the programme's tenant): Get, List and ChangeProposalState see it through either.
  Result<Stored<cases::Proposal>> SubmitProposal(const Caller& caller, cases::Proposal proposal);
  Result<Stored<cases::Proposal>> ChangeProposalState(const Caller& caller, std::string_view proposal_id,
                                                      cases::ProposalState to, int64_t expected_version);
  Result<Stored<cases::Proposal>> GetProposal(const Visibility& visible, std::string_view id);
  Result<PageOf<cases::Proposal>> ListProposals(const Visibility& visible, const ListOptions& options);

  // ---- Cases. OpenCase: from a shortlisted proposal (kFailedPrecondition naming its state
  // otherwise; kAlreadyExists if the proposal already has a case). The case belongs to the
  // lead institution; agency_id is the programme's agency. State "opened", round 1.
  Result<Stored<cases::Case>> OpenCase(const Caller& caller, std::string_view proposal_id);
  // The case with everything hanging off it, read in one snapshot. kNotFound if invisible.
  Result<CaseView> GetCase(const Visibility& visible, std::string_view case_id);
  // Filter by state with ListOptions::where {"state", "review"}; visible by tenant or agency.
  Result<PageOf<cases::Case>> ListCases(const Visibility& visible, const ListOptions& options);
  // The same page (items, order, total) as codec JSON text, for a caller that only renders it:
  // bodies are decoded (kDataLoss as ListCases) only when not in the cache of
  // CaseStoreOptions::json_cache_entries.
  Result<JsonPage> ListCasesJson(const Visibility& visible, const ListOptions& options);

  // Adds a member to the case's team (its proposal's). kAlreadyExists if the person is on the
  // team; kNotFound for an unknown person. Once ① is done (the case is past identification) a
  // member_added follow-up is opened in the same transaction (④: re-run ① for that person).
  Result<Stored<cases::Proposal>> AddTeamMember(const Caller& caller, std::string_view case_id,
                                                const cases::TeamMember& member);
  // Records why a member has no current disclosure (the state machine accepts a reason in its
  // place). kInvalidArgument for an empty reason; kNotFound when not on the team.
  Result<void> RecordNoDisclosureReason(const Caller& caller, std::string_view case_id, std::string_view person_id,
                                        std::string_view reason);
  // Imports a team file (cases::ParseTeamImport) into the case's team in ONE transaction: a kill
  // or a failing row leaves the team as it was. Each draft names its person by person id, else
  // e-Rad 研究者番号 (visible to the caller); a row whose person is unknown, whose proposal_id is
  // not the case's, or that would make the team invalid (a second PI …) is an ImportError naming
  // file, row and column. `partial` false (the default of the CLI and the API): any error —
  // the parser's included — writes nothing. `partial` true: the good rows are written, in the
  // same single transaction. A person already on the team is counted, not an error (a file
  // imported twice changes nothing). Once ① is done each new member gets a member_added
  // follow-up, as with AddTeamMember. kNotFound for an invisible case; kPermissionDenied
  // without proposal.write.
  Result<TeamImportOutcome> ImportTeam(const Caller& caller, std::string_view case_id, const cases::TeamImport& parsed,
                                       std::string_view file_name, bool partial);

  // ---- Disclosures (items ①–⑪, e-Rad rows). Disclose stores a new immutable version:
  // seq = last + 1, tenant = the person's; validated with cases::ValidateDisclosure (today =
  // the clock's date; certification required); kNotFound for an unknown person.
  Result<Stored<cases::Disclosure>> Disclose(const Caller& caller, std::string_view person_id,
                                             cases::Disclosure disclosure);
  // Every version of the person's disclosure, oldest first (empty when none).
  Result<std::vector<Stored<cases::Disclosure>>> DisclosureHistory(const Visibility& visible,
                                                                   std::string_view person_id);
  // kNotFound naming the seq when either version does not exist.
  Result<cases::DisclosureDiff> DiffDisclosures(const Visibility& visible, std::string_view person_id, int seq_a,
                                                int seq_b);
  // Writes the drafts of a parsed import, each draft as its own transaction (a kill leaves
  // every disclosure wholly there or absent). People are resolved by person id, else e-Rad id;
  // an unresolved draft is an ImportError naming its first line. When `partial` is false and
  // any draft cannot be resolved, nothing is written. `certification` is attached to each.
  Result<ImportOutcome> ImportDisclosures(const Caller& caller, const std::vector<cases::DisclosureDraft>& drafts,
                                          const cases::Certification& certification, bool partial);

  // ---- A researcher's own disclosure (disclosure.write_own): a new version of the caller's own
  // person record (Caller::person_id; kNotFound when the caller has none or it is not
  // visible), stored only if the latest version on record is still `expected_seq` (0 = none
  // yet; kAborted "… version 2 is stale, current is 3" otherwise, never a lost update). The
  // certification is the caller's own: certified_by = Caller::user_id, certified_at = the
  // clock, and the statement given (kInvalidArgument "certification.statement" when empty).
  // The disclosure's person_id, if given, must be the caller's (kInvalidArgument "person_id").
  // Validated as Disclose; audited in the same transaction with the caller and request id.
  Result<Stored<cases::Disclosure>> DiscloseOwn(const Caller& caller, cases::Disclosure disclosure, int expected_seq);

  // ---- Items ⑫ 非居住者・特定類型 and ⑬ 国籍. Only a caller holding the export-control role:
  // anyone else gets kPermissionDenied (and nothing is read). Every ReadRestricted appends one
  // audit `read` record per version read, with `reason` (kInvalidArgument when empty).
  Result<Stored<cases::RestrictedDisclosure>> DiscloseRestricted(const Caller& caller, std::string_view person_id,
                                                                 cases::RestrictedDisclosure restricted);
  Result<std::vector<Stored<cases::RestrictedDisclosure>>> ReadRestricted(const Caller& caller,
                                                                          std::string_view person_id,
                                                                          std::string_view reason);

  // ---- ① Screening evidence. A keyword screening (`screen`) sets the case's risk level; a list
  // check (`check`) of a team member or partner makes its hits flags. kInvalidArgument when the
  // kind and payload disagree or a list check's subject is not on the case.
  Result<Stored<cases::ScreeningRef>> AttachScreening(const Caller& caller, std::string_view case_id,
                                                      cases::ScreeningRef screening);

  // ---- ② Evaluation. The inputs an evaluator may see for a subject: the person and their
  // current disclosure, or the partner, and the screenings that concern it — never items ⑫ ⑬.
  Result<cases::EvaluationInputs> EvaluationInputsFor(const Visibility& visible, std::string_view case_id,
                                                      const cases::Subject& subject);
  // Records an evaluation (immutable; a re-evaluation is a new record). evaluator / at default
  // to the caller and the clock. kInvalidArgument from workflow::Validate or a subject not on
  // the case, or a flag id that is not a flag of that subject.
  Result<Stored<workflow::Evaluation>> Assess(const Caller& caller, std::string_view case_id,
                                              workflow::Evaluation evaluation);

  // ---- ③ Measures from the catalogue. AddMeasure validates with workflow::ValidateNew.
  // UpdateMeasure replaces the measure (validated again). The convenience forms apply one
  // workflow function to the stored measure; all take the version the caller read.
  Result<Stored<workflow::Measure>> AddMeasure(const Caller& caller, std::string_view case_id,
                                               workflow::Measure measure);
  Result<Stored<workflow::Measure>> UpdateMeasure(const Caller& caller, const workflow::Measure& measure,
                                                  int64_t expected_version);
  Result<Stored<workflow::Measure>> ChangeMeasureStatus(const Caller& caller, std::string_view measure_id,
                                                        int64_t expected_version, workflow::StatusChange change);
  Result<Stored<workflow::Measure>> AddMeasureEvidence(const Caller& caller, std::string_view measure_id,
                                                       int64_t expected_version, workflow::Evidence evidence);
  Result<Stored<workflow::Measure>> ConfirmMeasureFeasibility(const Caller& caller, std::string_view measure_id,
                                                              int64_t expected_version,
                                                              workflow::Feasibility feasibility);
  Result<Stored<workflow::Measure>> RecordMeasureConsent(const Caller& caller, std::string_view measure_id,
                                                         int64_t expected_version, workflow::Consent consent);
  Result<Stored<workflow::Measure>> GetMeasure(const Visibility& visible, std::string_view measure_id);

  // ---- Reviews and decisions. AssignReviewers opens the review of `stage_id` (of
  // Options::review_track) for the current round; kAlreadyExists when that stage already has a
  // review this round; kInvalidArgument for an unknown stage (listing the known ones). Needs
  // review.assign. A caller scoped to tenants (a signed-in account: the institution's officer, or
  // an agency's programme officer on a case submitted to its programme) runs the review for its
  // own tenant: each reviewer must be an enabled user account (users table) of caller.tenant_id
  // holding one of the stage's roles, else kInvalidArgument "reviewers[i]: …" (the same words for
  // an id unknown and one of another tenant).
  // A caller that sees every tenant (the CLI's operator) names reviewers freely.
  Result<Stored<workflow::Review>> AssignReviewers(const Caller& caller, std::string_view case_id,
                                                   std::string_view stage_id, std::vector<std::string> reviewers);
  // The opinion's reviewer defaults to the caller. kPermissionDenied when that reviewer is not
  // assigned, or when the caller holds none of the stage's roles (review_stages.tsv: compliance
  // is voted by security / export-control officers, the committees by reviewers).
  Result<Stored<workflow::Review>> Vote(const Caller& caller, std::string_view review_id, int64_t expected_version,
                                        workflow::Opinion opinion);
  Result<Stored<workflow::Review>> GetReview(const Visibility& visible, std::string_view review_id);
  // Records the decision of the current round (workflow::MakeDecision: a decline needs a reason
  // and gets its appeal deadline). The case moves with Advance(kDecide).
  Result<Stored<workflow::Decision>> Decide(const Caller& caller, std::string_view case_id,
                                            workflow::Decision decision);
  // Files an appeal against the latest decision (kFailedPrecondition when it is not a decline
  // or the window closed) and decides it.
  Result<Stored<workflow::Appeal>> FileAppeal(const Caller& caller, std::string_view case_id, workflow::Appeal appeal);
  Result<Stored<workflow::Appeal>> DecideAppeal(const Caller& caller, std::string_view appeal_id,
                                                int64_t expected_version, workflow::AppealStatus status,
                                                std::string reason);

  // ---- The state machine. Loads the CaseSnapshot inside the write transaction, calls
  // workflow::Advance with each of the caller's roles (the first that may), writes the new state
  // and, for a new_round transition, round + 1. kFailedPrecondition naming every unmet
  // condition; kPermissionDenied naming the roles that may; kAborted when expected_version
  // (the case's) is stale. `reason` is the withdrawal reason for kWithdraw.
  Result<Stored<cases::Case>> Advance(const Caller& caller, std::string_view case_id, workflow::Transition transition,
                                      int64_t expected_version, std::string_view reason = {});
  // The transitions the caller's roles may take now from the case's state, with blockers.
  Result<std::vector<TransitionChoice>> AllowedTransitions(const Caller& caller, std::string_view case_id);

  // ---- ④ Follow-ups.
  // Opens a member_added follow-up for a person on the team (AddTeamMember does it itself once
  // ① is done).
  Result<Stored<workflow::FollowUp>> MemberAdded(const Caller& caller, std::string_view case_id,
                                                 std::string_view person_id);
  // Re-checks every team member and partner of every visible case in state other than closed
  // (open or awarded) with `check`, attaches each re-check as a screening, and opens a
  // list_snapshot_changed follow-up only where workflow::NewHits finds a hit absent from every
  // earlier list check of that subject on the case. One transaction per case.
  Result<FollowUpRun> OnListSnapshotChanged(const Caller& caller, const SubjectChecker& check);
  // Opens a measure_overdue follow-up per overdue measure without an open one. `today` is
  // YYYY-MM-DD.
  Result<std::vector<Stored<workflow::FollowUp>>> MarkOverdueMeasures(const Caller& caller, std::string_view today);
  Result<Stored<workflow::FollowUp>> ReportChangeToFunder(const Caller& caller, std::string_view case_id,
                                                          const workflow::Subject& subject, std::string_view reference,
                                                          std::string_view description);
  // workflow::CloseFollowUp on the case's snapshot (kFailedPrecondition naming what is missing).
  Result<Stored<workflow::FollowUp>> CloseFollowUp(const Caller& caller, std::string_view followup_id,
                                                   int64_t expected_version, std::string_view note);
  // Filter with where {"case_id", …} / {"status", "open"} / {"kind", …}.
  Result<PageOf<workflow::FollowUp>> ListFollowUps(const Visibility& visible, const ListOptions& options);

  struct Rep;

 private:
  explicit CaseStore(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace highfence::storage
