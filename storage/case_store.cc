// SPDX-License-Identifier: Apache-2.0
#include "storage/case_store.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <type_traits>
#include <unordered_map>

#include "domain/access/authorize.h"
#include "domain/cases/codec.h"
#include "domain/cases/disclosure_validation.h"
#include "domain/cases/restricted_disclosure_codec.h"
#include "domain/workflow/codec.h"
#include "domain/workflow/followup.h"
#include "storage/records.h"

namespace highfence::storage {

namespace {

using nlohmann::json;

// ---- codecs: one name for both domains' codecs -------------------------------------------

template <typename T>
constexpr bool kWorkflowType = std::is_same_v<T, workflow::Evaluation> || std::is_same_v<T, workflow::Measure> ||
                               std::is_same_v<T, workflow::Review> || std::is_same_v<T, workflow::Decision> ||
                               std::is_same_v<T, workflow::Appeal> || std::is_same_v<T, workflow::FollowUp>;

template <typename T>
std::string Encode(const T& value) {
  if constexpr (kWorkflowType<T>) {
    return workflow::ToJson(value);
  } else {
    return cases::ToJson(value);
  }
}

// What the codec made of a body text, kept per process and value type by record id. A hit needs
// the identical body text, so an entry is only ever a memo of FromJson(body): a record changed,
// restored or read from another database misses. Decoding JSON was about a fifth of the server's
// CPU on a case page (docs/benchmarks.md, run I). Bounded (emptied when full); thread-safe; the
// value is copied outside the lock. Restricted disclosure items never pass through it
// (ReadRestricted decodes them itself), so they stay in memory only for the request that read them.
template <typename T>
class DecodeMemo {
 public:
  static DecodeMemo& Get() {
    static DecodeMemo memo;
    return memo;
  }
  std::shared_ptr<const T> Find(const Record& record) {
    std::lock_guard lock(mu_);
    auto it = entries_.find(record.id);
    if (it == entries_.end() || it->second.body != record.body) return nullptr;
    return it->second.value;
  }
  void Put(const Record& record, std::shared_ptr<const T> value) {
    std::lock_guard lock(mu_);
    if (entries_.size() >= kCapacity) entries_.clear();
    entries_[record.id] = {record.body, std::move(value)};
  }

 private:
  static constexpr size_t kCapacity = 1024;
  struct Entry {
    std::string body;
    std::shared_ptr<const T> value;
  };
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

template <typename T>
Result<T> Decode(const Record& record) {
  DecodeMemo<T>& memo = DecodeMemo<T>::Get();
  if (std::shared_ptr<const T> hit = memo.Find(record)) return T(*hit);
  Result<T> out = [&]() -> Result<T> {
    if constexpr (kWorkflowType<T>) {
      return workflow::FromJson<T>(record.body);
    } else {
      return cases::FromJson<T>(record.body);
    }
  }();
  if (!out) return out.error().WithContext(record.table + "/" + record.id);
  memo.Put(record, std::make_shared<const T>(*out));
  return out;
}

template <typename T>
Stored<T> MakeStored(const Record& record, T value) {
  return Stored<T>{std::move(value), record.version, record.created_at, record.updated_at};
}

template <typename T>
Result<Stored<T>> DecodeStored(const Record& record) {
  auto value = Decode<T>(record);
  if (!value) return value.error();
  return MakeStored(record, std::move(*value));
}

// A page of records with its total, decoded.
template <typename T>
Result<PageOf<T>> DecodePage(const std::vector<Record>& records, int64_t total) {
  PageOf<T> out;
  out.total = total;
  for (const Record& rec : records) {
    auto v = DecodeStored<T>(rec);
    if (!v) return v.error();
    out.items.push_back(std::move(*v));
  }
  return out;
}

// ---- key columns (decision 0003) ---------------------------------------------------------

using Keys = std::map<std::string, std::optional<std::string>>;
std::optional<std::string> Opt(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

Keys KeysOf(const cases::Institution& v) {
  return {{"kind", std::string(cases::InstitutionKindId(v.kind))}};
}
Keys KeysOf(const cases::Person& v) {
  return {{"erad_id", Opt(v.erad_id)}, {"orcid", Opt(v.orcid)}};
}
Keys KeysOf(const cases::Organisation& v) {
  return {{"ror_id", Opt(v.ror_id)}};
}
Keys KeysOf(const cases::Programme& v) {
  return {{"designated", v.designated ? "1" : "0"}};
}
Keys KeysOf(const cases::Proposal& v) {
  return {{"programme_id", v.programme_id}, {"state", std::string(cases::ProposalStateId(v.state))}};
}
Keys KeysOf(const cases::Case& v) {
  return {{"proposal_id", v.proposal_id}, {"state", v.state}, {"agency_id", v.agency_id}};
}
Keys KeysOf(const cases::Disclosure& v) {
  return {{"person_id", v.person_id}, {"seq", std::to_string(v.seq)}, {"as_of", Opt(v.as_of)}};
}
Keys KeysOf(const cases::RestrictedDisclosure& v) {
  return {{"person_id", v.person_id}, {"seq", std::to_string(v.seq)}};
}
Keys KeysOf(const cases::ScreeningRef& v) {
  return {{"case_id", v.case_id}, {"kind", std::string(cases::ScreeningKindId(v.kind))}};
}
Keys KeysOf(const workflow::Evaluation& v) {
  return {{"case_id", v.case_id},
          {"subject_kind", std::string(workflow::Name(v.subject.kind))},
          {"subject_id", v.subject.id}};
}
Keys KeysOf(const workflow::Measure& v) {
  std::optional<std::string> due;
  if (v.due_date) due = workflow::FormatDate(*v.due_date);
  return {
      {"case_id", v.case_id}, {"status", std::string(workflow::Name(workflow::CurrentStatus(v)))}, {"due_date", due}};
}
Keys KeysOf(const workflow::Review& v) {
  return {{"case_id", v.case_id}, {"stage", v.stage_id}};
}
Keys KeysOf(const workflow::Decision& v) {
  return {{"case_id", v.case_id}};
}
Keys KeysOf(const workflow::Appeal& v) {
  return {{"case_id", v.case_id}};
}
Keys KeysOf(const workflow::FollowUp& v) {
  return {{"case_id", v.case_id},
          {"kind", std::string(workflow::Name(v.kind))},
          {"status", std::string(workflow::Name(v.status))}};
}

template <typename T>
Record MakeRecord(std::string table, std::string id, std::string tenant, const T& value) {
  Record r;
  r.table = std::move(table);
  r.id = std::move(id);
  r.tenant_id = std::move(tenant);
  r.body = Encode(value);
  r.keys = KeysOf(value);
  return r;
}

template <typename T>
Result<Stored<T>> InsertValue(Transaction& tx, const Actor& actor, std::string table, std::string id,
                              std::string tenant, const T& value) {
  auto stored = Insert(tx, MakeRecord(std::move(table), std::move(id), std::move(tenant), value), actor);
  if (!stored) return stored.error();
  return MakeStored(*stored, value);
}

template <typename T>
Result<Stored<T>> UpdateValue(Transaction& tx, const Actor& actor, const Record& current, const T& value,
                              int64_t expected_version) {
  Record r = MakeRecord(current.table, current.id, current.tenant_id, value);
  auto stored = Update(tx, r, expected_version, actor);
  if (!stored) return stored.error();
  return MakeStored(*stored, value);
}

Error NotFound(std::string_view table, std::string_view id) {
  return MakeError(ErrorCode::kNotFound, std::string(table) + "/" + std::string(id) + ": not found");
}

Error Stale(const Record& r, int64_t expected) {
  return MakeError(ErrorCode::kAborted, r.table + "/" + r.id + ": version " + std::to_string(expected) +
                                            " is stale, current is " + std::to_string(r.version));
}

// Subjects: domain/cases says organisation, domain/workflow says institution.
workflow::Subject ToWorkflow(const cases::Subject& s) {
  return {s.kind == cases::SubjectKind::kPerson ? workflow::SubjectKind::kPerson : workflow::SubjectKind::kInstitution,
          s.id};
}

std::string DateOf(const std::string& timestamp) {
  return timestamp.substr(0, 10);
}

// ---- case_progress body (storage's own shape) ---------------------------------------------

struct Progress {
  std::string case_id;
  int round = 1;
  std::map<std::string, std::string> no_disclosure_reasons;  // person id → reason
  std::string withdrawal_reason;
};

std::string ProgressJson(const Progress& p) {
  json j;
  j["case_id"] = p.case_id;
  j["round"] = p.round;
  j["no_disclosure_reasons"] = p.no_disclosure_reasons;
  j["withdrawal_reason"] = p.withdrawal_reason;
  return j.dump();
}

Result<Progress> ParseProgress(const Record& r) {
  try {
    json j = json::parse(r.body);
    Progress p;
    p.case_id = j.at("case_id").get<std::string>();
    p.round = j.at("round").get<int>();
    p.no_disclosure_reasons = j.at("no_disclosure_reasons").get<std::map<std::string, std::string>>();
    p.withdrawal_reason = j.at("withdrawal_reason").get<std::string>();
    return p;
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kDataLoss, "case_progress/" + r.id + ": " + e.what());
  }
}

Record ProgressRecord(const std::string& id, const std::string& tenant, const Progress& p) {
  Record r;
  r.table = "case_progress";
  r.id = id;
  r.tenant_id = tenant;
  r.body = ProgressJson(p);
  r.keys = {{"case_id", p.case_id}};
  return r;
}

template <typename T>
Result<std::vector<Stored<T>>> ListAll(Transaction& tx, std::string_view table, const Query& q) {
  auto page = List(tx, table, q);
  if (!page) return page.error();
  std::vector<Stored<T>> out;
  for (const Record& r : page->records) {
    auto v = DecodeStored<T>(r);
    if (!v) return v.error();
    out.push_back(std::move(*v));
  }
  return out;
}

bool OnTeam(const cases::Proposal& p, std::string_view person_id) {
  return std::any_of(p.team.begin(), p.team.end(),
                     [&](const cases::TeamMember& m) { return m.person_id == person_id; });
}
bool IsPartner(const cases::Proposal& p, std::string_view id) {
  return std::find(p.partner_institution_ids.begin(), p.partner_institution_ids.end(), id) !=
         p.partner_institution_ids.end();
}
bool SubjectOnCase(const cases::Proposal& p, const workflow::Subject& s) {
  return s.kind == workflow::SubjectKind::kPerson ? OnTeam(p, s.id) : IsPartner(p, s.id);
}

// Every list hit of the case's list checks, as the follow-up functions see them.
std::vector<workflow::ListHit> HitsOf(const std::vector<Stored<cases::ScreeningRef>>& screenings) {
  std::vector<workflow::ListHit> out;
  for (const auto& s : screenings) {
    if (!s.value.lists) continue;
    for (const cases::ListHitRef& h : s.value.lists->hits)
      out.push_back({h.snapshot.list_id, h.entry_id, ToWorkflow(s.value.lists->subject), h.snapshot.version_date,
                     h.matched_name});
  }
  return out;
}

// The filters, order and page of ListOptions as a records Query (every tenant).
Query QueryOf(const ListOptions& options) {
  Query q;
  for (const auto& [k, v] : options.where) q.where.push_back({k, v});
  q.order_by = options.order_by;
  q.descending = options.descending;
  q.limit = options.limit;
  q.offset = options.offset;
  return q;
}

}  // namespace

bool Visibility::Sees(std::string_view tenant_id) const {
  return all || std::find(tenant_ids.begin(), tenant_ids.end(), tenant_id) != tenant_ids.end();
}

// ---------------------------------------------------------------------------------------------

struct CaseStore::Rep {
  Database& db;
  CaseStoreOptions options;
  workflow::MeasureCatalogue measures;
  workflow::RiskCategoryCatalogue risks;
  workflow::ReviewPlan plan;

  std::string Now() const {
    if (options.now) return options.now();
    std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
  }
  Result<workflow::Date> Today() const { return workflow::ParseDate(DateOf(Now()), "clock"); }

  static Actor ActorOf(const Caller& c) { return {c.user_id, c.request_id}; }

  static Result<void> Require(const Caller& caller, access::Action action) {
    if (caller.user_id.empty()) return MakeError(ErrorCode::kInvalidArgument, "caller: empty user id");
    access::Principal p;
    p.user_id = caller.user_id;
    p.roles = caller.roles;
    p.tenant_id = caller.tenant_id;
    access::Decision d = access::Permits(p, action);
    if (!d.allowed()) return d.ToError();
    return Ok();
  }

  // A record by id, visible to `vis` (for cases: by tenant or agency).
  static Result<Record> GetVisible(Transaction& tx, std::string_view table, std::string_view id,
                                   const Visibility& vis) {
    auto r = Get(tx, table, id);
    if (!r) return r.error();
    bool seen = vis.Sees(r->tenant_id);
    if (!seen && table == "cases") {
      auto it = r->keys.find("agency_id");
      seen = it != r->keys.end() && it->second && vis.Sees(*it->second);
    }
    if (!seen) return NotFound(table, id);
    return r;
  }

  // A child record of a case (measure, review …): visible when its case is.
  static Result<Record> GetChild(Transaction& tx, std::string_view table, std::string_view id, const Visibility& vis) {
    auto r = Get(tx, table, id);
    if (!r) return r.error();
    auto it = r->keys.find("case_id");
    if (it == r->keys.end() || !it->second) return NotFound(table, id);
    if (!GetVisible(tx, "cases", *it->second, vis)) return NotFound(table, id);
    return r;
  }

  // Everything the state machine needs, read in `tx`.
  struct Loaded {
    Record case_record;
    cases::Case kase;
    Record proposal_record;
    cases::Proposal proposal;
    Record progress_record;
    Progress progress;
    std::vector<Stored<cases::ScreeningRef>> screenings;
    std::vector<Stored<workflow::Evaluation>> evaluations;
    std::vector<Stored<workflow::Measure>> measures;
    std::vector<Stored<workflow::Review>> reviews;
    std::vector<Stored<workflow::Decision>> decisions;
    std::vector<Stored<workflow::Appeal>> appeals;
    std::vector<Stored<workflow::FollowUp>> followups;
    workflow::CaseSnapshot snapshot;
    // with_parties: the team's people, the partner organisations and institutions (no keys).
    std::vector<Record> party_records;
  };

  // Rows of one table out of GetMany's answer, decoded (they come in created_at, id order).
  template <typename T>
  static Result<std::vector<Stored<T>>> DecodeAll(const std::vector<Record>& rows, std::string_view table) {
    std::vector<Stored<T>> out;
    for (const Record& r : rows) {
      if (r.table != table) continue;
      auto v = DecodeStored<T>(r);
      if (!v) return v.error();
      out.push_back(std::move(*v));
    }
    return out;
  }

  // Loads a case in two statements whatever the size of its record: the case, its proposal, its
  // progress and every child table in one GetMany; then whether each team member has a
  // disclosure and, with_parties, the team's people and the partners (as organisation or
  // institution) for the case view. One List per child table, each with its COUNT, and one
  // probe per member made ~36 round trips on PostgreSQL (docs/benchmarks.md). The case record
  // comes without its key columns (GetMany); writers recompute keys from the value.
  static Result<Loaded> Load(Transaction& tx, std::string_view case_id, const Visibility& vis,
                             bool with_parties = false) {
    Loaded l;
    const std::vector<std::string> by_case = {std::string(case_id)};
    std::vector<Lookup> lookups = {{"cases", "id", by_case},
                                   {"proposals", "id", by_case, false, "cases.proposal_id"},
                                   {"case_progress", "case_id", by_case}};
    for (const char* child : {"screenings", "evaluations", "measures", "reviews", "decisions", "appeals", "followups"})
      lookups.push_back({child, "case_id", by_case});
    auto rows = GetMany(tx, lookups);
    if (!rows) return rows.error();
    auto first_of = [&](std::string_view table) -> const Record* {
      for (const Record& r : *rows)
        if (r.table == table) return &r;
      return nullptr;
    };
    // Visible by tenant or by agency, as GetVisible decides (the agency_id key column is a copy
    // of the body's agency_id); an invisible case is not found, whatever its body holds.
    const Record* cr = first_of("cases");
    if (!cr) return NotFound("cases", case_id);
    auto c = Decode<cases::Case>(*cr);
    if (!vis.Sees(cr->tenant_id) && !(c && vis.Sees(c->agency_id))) return NotFound("cases", case_id);
    if (!c) return c.error();
    l.case_record = *cr;
    l.kase = *c;
    const Record* pr = first_of("proposals");
    if (!pr) return NotFound("proposals", l.kase.proposal_id);
    l.proposal_record = *pr;
    auto p = Decode<cases::Proposal>(*pr);
    if (!p) return p.error();
    l.proposal = *p;
    const Record* prog = first_of("case_progress");
    if (!prog) return MakeError(ErrorCode::kDataLoss, "case_progress: no row for cases/" + std::string(case_id));
    l.progress_record = *prog;
    auto pp = ParseProgress(*prog);
    if (!pp) return pp.error();
    l.progress = *pp;

    auto scr = DecodeAll<cases::ScreeningRef>(*rows, "screenings");
    if (!scr) return scr.error();
    l.screenings = std::move(*scr);
    auto ev = DecodeAll<workflow::Evaluation>(*rows, "evaluations");
    if (!ev) return ev.error();
    l.evaluations = std::move(*ev);
    auto ms = DecodeAll<workflow::Measure>(*rows, "measures");
    if (!ms) return ms.error();
    l.measures = std::move(*ms);
    auto rv = DecodeAll<workflow::Review>(*rows, "reviews");
    if (!rv) return rv.error();
    l.reviews = std::move(*rv);
    auto dc = DecodeAll<workflow::Decision>(*rows, "decisions");
    if (!dc) return dc.error();
    l.decisions = std::move(*dc);
    auto ap = DecodeAll<workflow::Appeal>(*rows, "appeals");
    if (!ap) return ap.error();
    l.appeals = std::move(*ap);
    auto fu = DecodeAll<workflow::FollowUp>(*rows, "followups");
    if (!fu) return fu.error();
    l.followups = std::move(*fu);

    std::vector<std::string> members;
    for (const cases::TeamMember& m : l.proposal.team) members.push_back(m.person_id);
    std::vector<Lookup> parties = {{"disclosures", "person_id", members, /*presence_only=*/true}};
    if (with_parties) {
      parties.push_back({"people", "id", members});
      parties.push_back({"organisations", "id", l.proposal.partner_institution_ids});
      parties.push_back({"institutions", "id", l.proposal.partner_institution_ids});
    }
    auto party_rows = GetMany(tx, parties);
    if (!party_rows) return party_rows.error();
    std::set<std::string> disclosed;
    for (Record& r : *party_rows) {
      if (r.table == "disclosures") {
        disclosed.insert(r.id);
      } else {
        l.party_records.push_back(std::move(r));
      }
    }

    workflow::CaseSnapshot& s = l.snapshot;
    s.case_id = l.kase.id;
    auto state = workflow::ParseCaseState(l.kase.state);
    if (!state) return state.error().WithContext("cases/" + l.kase.id);
    s.state = *state;
    s.round = l.progress.round;
    std::set<std::string> screened;
    for (const auto& sc : l.screenings)
      if (sc.value.lists) screened.insert(sc.value.lists->subject.id);
    for (const cases::TeamMember& m : l.proposal.team) {
      workflow::TeamMember tm;
      tm.person_id = m.person_id;
      tm.has_current_disclosure = disclosed.count(m.person_id) > 0;
      if (auto it = l.progress.no_disclosure_reasons.find(m.person_id); it != l.progress.no_disclosure_reasons.end())
        tm.no_disclosure_reason = it->second;
      tm.list_screened = screened.count(m.person_id) > 0;
      s.team.push_back(std::move(tm));
    }
    for (const std::string& id : l.proposal.partner_institution_ids) s.partners.push_back({id, screened.count(id) > 0});
    std::set<std::pair<std::string, std::string>> seen_flags;
    for (const workflow::ListHit& h : HitsOf(l.screenings)) {
      std::string id = workflow::FlagId(h);
      if (seen_flags.insert({id, h.subject.id}).second) s.flags.push_back({id, h.subject});
    }
    for (const auto& e : l.evaluations) s.evaluations.push_back(e.value);
    for (const auto& m : l.measures) s.measures.push_back(m.value);
    for (const auto& r : l.reviews) s.reviews.push_back(r.value);
    if (!l.decisions.empty()) s.decision = l.decisions.back().value;
    if (!l.appeals.empty()) s.appeal = l.appeals.back().value;
    for (const auto& f : l.followups) s.followups.push_back(f.value);
    s.withdrawal_reason = l.progress.withdrawal_reason;
    return l;
  }

  // Inserts a follow-up of `c`.
  static Result<Stored<workflow::FollowUp>> InsertFollowUp(Transaction& tx, const Actor& actor,
                                                           const Record& case_record, workflow::FollowUp f) {
    f.id = NewId("fu");
    return InsertValue(tx, actor, "followups", f.id, case_record.tenant_id, f);
  }

  // Attaches one screening and records it on the case (ids, risk level).
  static Result<Stored<cases::ScreeningRef>> InsertScreening(Transaction& tx, const Actor& actor,
                                                             const Record& case_record, cases::ScreeningRef s) {
    auto c = Decode<cases::Case>(case_record);
    if (!c) return c.error();
    s.id = NewId("scr");
    auto stored = InsertValue(tx, actor, "screenings", s.id, case_record.tenant_id, s);
    if (!stored) return stored.error();
    c->screening_ids.push_back(s.id);
    if (s.keywords && s.keywords->level) c->risk_level = *s.keywords->level;
    if (auto u = UpdateValue(tx, actor, case_record, *c, case_record.version); !u) return u.error();
    return stored;
  }

  // Applies fn to a stored measure.
  Result<Stored<workflow::Measure>> ModifyMeasure(
      const Caller& caller, std::string_view id, int64_t expected_version,
      const std::function<Result<workflow::Measure>(workflow::Measure)>& fn) {
    if (auto ok = Require(caller, access::Action::kMeasureWrite); !ok) return ok.error();
    Stored<workflow::Measure> out;
    auto r = db.WithTransaction([&](Transaction& tx) -> Result<void> {
      auto rec = GetChild(tx, "measures", id, caller.visible);
      if (!rec) return rec.error();
      if (rec->version != expected_version) return Stale(*rec, expected_version);
      auto m = Decode<workflow::Measure>(*rec);
      if (!m) return m.error();
      auto changed = fn(std::move(*m));
      if (!changed) return changed.error();
      auto stored = UpdateValue(tx, ActorOf(caller), *rec, *changed, expected_version);
      if (!stored) return stored.error();
      out = std::move(*stored);
      return Ok();
    });
    if (!r) return r.error();
    return out;
  }

  // Generic create / update / get / list of the top-level aggregates.
  template <typename T>
  Result<Stored<T>> Create(const Caller& caller, access::Action action, std::string_view table, std::string_view prefix,
                           T value, const std::function<std::string(T&)>& tenant_of,
                           const std::function<Result<void>(Transaction&, const T&)>& check) {
    if (auto ok = Require(caller, action); !ok) return ok.error();
    if (!value.id.empty())
      return MakeError(ErrorCode::kInvalidArgument, std::string(table) + ": id is assigned by the store");
    value.id = NewId(prefix);
    std::string tenant = tenant_of(value);
    if (tenant.empty()) return MakeError(ErrorCode::kInvalidArgument, std::string(table) + ": no tenant");
    if (!caller.visible.Sees(tenant)) return MakeError(ErrorCode::kNotFound, "institutions/" + tenant + ": not found");
    Stored<T> out;
    auto r = db.WithTransaction([&](Transaction& tx) -> Result<void> {
      if (check)
        if (auto ok = check(tx, value); !ok) return ok.error();
      auto stored = InsertValue(tx, ActorOf(caller), std::string(table), value.id, tenant, value);
      if (!stored) return stored.error();
      out = std::move(*stored);
      return Ok();
    });
    if (!r) return r.error();
    return out;
  }

  template <typename T>
  Result<Stored<T>> Modify(const Caller& caller, access::Action action, std::string_view table, const T& value,
                           int64_t expected_version, const std::function<Result<void>(Transaction&, const T&)>& check) {
    if (auto ok = Require(caller, action); !ok) return ok.error();
    Stored<T> out;
    auto r = db.WithTransaction([&](Transaction& tx) -> Result<void> {
      auto rec = GetVisible(tx, table, value.id, caller.visible);
      if (!rec) return rec.error();
      if (rec->version != expected_version) return Stale(*rec, expected_version);
      // A record stays with the institution that keeps it: a replacement may leave tenant_id out
      // (it is the record's) but never name another one.
      T replacement = value;
      if constexpr (requires { replacement.tenant_id; }) {
        if (replacement.tenant_id.empty()) replacement.tenant_id = rec->tenant_id;
        if (replacement.tenant_id != rec->tenant_id)
          return MakeError(ErrorCode::kInvalidArgument, "tenant_id: " + rec->table + "/" + rec->id + " is kept by " +
                                                            rec->tenant_id + " and cannot move to " +
                                                            replacement.tenant_id);
      }
      if (check)
        if (auto ok = check(tx, replacement); !ok) return ok.error();
      auto stored = UpdateValue(tx, ActorOf(caller), *rec, replacement, expected_version);
      if (!stored) return stored.error();
      out = std::move(*stored);
      return Ok();
    });
    if (!r) return r.error();
    return out;
  }

  // One record read in a snapshot through `get` (GetVisible, or GetChild for a case's child
  // records) and decoded.
  template <typename T>
  Result<Stored<T>> ReadThrough(Result<Record> (*get)(Transaction&, std::string_view, std::string_view,
                                                      const Visibility&),
                                const Visibility& vis, std::string_view table, std::string_view id) {
    Stored<T> out;
    auto r = db.WithSnapshot([&](Transaction& tx) -> Result<void> {
      auto rec = get(tx, table, id, vis);
      if (!rec) return rec.error();
      auto v = DecodeStored<T>(*rec);
      if (!v) return v.error();
      out = std::move(*v);
      return Ok();
    });
    if (!r) return r.error();
    return out;
  }

  template <typename T>
  Result<Stored<T>> Read(const Visibility& vis, std::string_view table, std::string_view id) {
    return ReadThrough<T>(&GetVisible, vis, table, id);
  }

  template <typename T>
  Result<PageOf<T>> ListOf(const Visibility& vis, std::string_view table, const ListOptions& o) {
    PageOf<T> out;
    if (!vis.all && vis.tenant_ids.empty()) return out;
    Query q = QueryOf(o);
    if (!vis.all) q.tenant_ids = vis.tenant_ids;
    auto page = List(db, table, q);
    if (!page) return page.error();
    return DecodePage<T>(page->records, page->total);
  }

  // A child record of a case (measure, review …), read in a snapshot.
  template <typename T>
  Result<Stored<T>> ReadChild(const Visibility& vis, std::string_view table, std::string_view id) {
    return ReadThrough<T>(&GetChild, vis, table, id);
  }

  // A page of case records (ListCases without decoding): the page in order and the total.
  struct RecordPage {
    std::vector<Record> records;
    int64_t total = 0;
  };
  Result<RecordPage> CasePage(const Visibility& visible, const ListOptions& options);

  // ListCasesJson's cache: case id → the codec's text of its body at one version. A hit needs
  // the same version and the same body text, so an entry is only ever a memo of
  // Encode(Decode(body)) (a restored older database with other bodies misses).
  struct JsonCacheEntry {
    int64_t version = 0;
    std::string body;
    std::string json;
  };
  std::mutex json_mu;
  std::unordered_map<std::string, JsonCacheEntry> json_cache;

  // Runs fn on a loaded case in one write transaction.
  Result<void> WithCase(const Caller& caller, std::string_view case_id,
                        const std::function<Result<void>(Transaction&, Loaded&)>& fn) {
    return db.WithTransaction([&](Transaction& tx) -> Result<void> {
      auto l = Load(tx, case_id, caller.visible);
      if (!l) return l.error();
      return fn(tx, *l);
    });
  }
};

CaseStore::CaseStore(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
CaseStore::~CaseStore() = default;

Result<std::unique_ptr<CaseStore>> CaseStore::Open(Database& db, const CaseStoreOptions& options) {
  auto measures = workflow::LoadMeasureCatalogue(options.measure_catalogue);
  if (!measures) return measures.error();
  auto risks = workflow::LoadRiskCategories(options.risk_categories);
  if (!risks) return risks.error();
  auto plan = workflow::LoadReviewPlan(options.review_stages);
  if (!plan) return plan.error();
  if (plan->Track(options.review_track).empty())
    return MakeError(ErrorCode::kInvalidArgument,
                     options.review_stages + ": no stages for review track \"" + options.review_track + "\"");
  auto rep =
      std::unique_ptr<Rep>(new Rep{db, options, std::move(*measures), std::move(*risks), std::move(*plan), {}, {}});
  return std::unique_ptr<CaseStore>(new CaseStore(std::move(rep)));
}

Database& CaseStore::database() const {
  return rep_->db;
}
const workflow::MeasureCatalogue& CaseStore::measure_catalogue() const {
  return rep_->measures;
}
const workflow::RiskCategoryCatalogue& CaseStore::risk_categories() const {
  return rep_->risks;
}
const workflow::ReviewPlan& CaseStore::review_plan() const {
  return rep_->plan;
}

// ---- institutions, programmes, organisations, people ---------------------------------------

Result<Stored<cases::Institution>> CaseStore::CreateInstitution(const Caller& caller, cases::Institution institution) {
  if (auto ok = Rep::Require(caller, access::Action::kInstitutionWrite); !ok) return ok.error();
  if (!institution.id.empty())
    return MakeError(ErrorCode::kInvalidArgument, "institutions: id is assigned by the store");
  institution.id = NewId("inst");
  if (auto ok = cases::ValidateInstitution(institution); !ok) return ok.error();
  Stored<cases::Institution> out;
  auto r = rep_->db.WithTransaction([&](Transaction& tx) -> Result<void> {
    auto stored = InsertValue(tx, Rep::ActorOf(caller), "institutions", institution.id, institution.id, institution);
    if (!stored) return stored.error();
    out = std::move(*stored);
    return Ok();
  });
  if (!r) return r.error();
  return out;
}

Result<Stored<cases::Institution>> CaseStore::UpdateInstitution(const Caller& caller,
                                                                const cases::Institution& institution,
                                                                int64_t expected_version) {
  if (auto ok = cases::ValidateInstitution(institution); !ok) return ok.error();
  return rep_->Modify<cases::Institution>(caller, access::Action::kInstitutionWrite, "institutions", institution,
                                          expected_version, {});
}

Result<Stored<cases::Institution>> CaseStore::GetInstitution(const Visibility& visible, std::string_view id) {
  return rep_->Read<cases::Institution>(visible, "institutions", id);
}

Result<PageOf<cases::Institution>> CaseStore::ListInstitutions(const Visibility& visible, const ListOptions& options) {
  return rep_->ListOf<cases::Institution>(visible, "institutions", options);
}

Result<Stored<cases::Programme>> CaseStore::CreateProgramme(const Caller& caller, cases::Programme programme) {
  std::function<std::string(cases::Programme&)> tenant = [](cases::Programme& p) { return p.agency_id; };
  std::function<Result<void>(Transaction&, const cases::Programme&)> check =
      [](Transaction& tx, const cases::Programme& p) -> Result<void> {
    if (auto ok = cases::ValidateProgramme(p); !ok) return ok.error();
    if (auto a = Get(tx, "institutions", p.agency_id); !a) return a.error().WithContext("agency_id");
    return Ok();
  };
  return rep_->Create<cases::Programme>(caller, access::Action::kProgrammeWrite, "programmes", "prog",
                                        std::move(programme), tenant, check);
}

Result<Stored<cases::Programme>> CaseStore::UpdateProgramme(const Caller& caller, const cases::Programme& programme,
                                                            int64_t expected_version) {
  if (auto ok = cases::ValidateProgramme(programme); !ok) return ok.error();
  return rep_->Modify<cases::Programme>(caller, access::Action::kProgrammeWrite, "programmes", programme,
                                        expected_version, {});
}

Result<Stored<cases::Programme>> CaseStore::GetProgramme(const Visibility& visible, std::string_view id) {
  return rep_->Read<cases::Programme>(visible, "programmes", id);
}

Result<PageOf<cases::Programme>> CaseStore::ListProgrammes(const Visibility& visible, const ListOptions& options) {
  return rep_->ListOf<cases::Programme>(visible, "programmes", options);
}

Result<Stored<cases::Organisation>> CaseStore::CreateOrganisation(const Caller& caller,
                                                                  cases::Organisation organisation) {
  std::function<std::string(cases::Organisation&)> tenant = [&](cases::Organisation& o) {
    if (o.tenant_id.empty()) o.tenant_id = caller.tenant_id;
    return o.tenant_id;
  };
  std::function<Result<void>(Transaction&, const cases::Organisation&)> check =
      [](Transaction&, const cases::Organisation& o) { return cases::ValidateOrganisation(o); };
  return rep_->Create<cases::Organisation>(caller, access::Action::kCaseWrite, "organisations", "org",
                                           std::move(organisation), tenant, check);
}

Result<Stored<cases::Organisation>> CaseStore::UpdateOrganisation(const Caller& caller,
                                                                  const cases::Organisation& organisation,
                                                                  int64_t expected_version) {
  if (auto ok = cases::ValidateOrganisation(organisation); !ok) return ok.error();
  return rep_->Modify<cases::Organisation>(caller, access::Action::kCaseWrite, "organisations", organisation,
                                           expected_version, {});
}

Result<Stored<cases::Organisation>> CaseStore::GetOrganisation(const Visibility& visible, std::string_view id) {
  return rep_->Read<cases::Organisation>(visible, "organisations", id);
}

Result<PageOf<cases::Organisation>> CaseStore::ListOrganisations(const Visibility& visible,
                                                                 const ListOptions& options) {
  return rep_->ListOf<cases::Organisation>(visible, "organisations", options);
}

namespace {
// An e-Rad id is unique within a tenant.
Result<void> CheckEradUnique(Transaction& tx, const cases::Person& p) {
  if (p.erad_id.empty()) return Ok();
  Query q;
  q.tenant_ids = {p.tenant_id};
  q.where = {{"erad_id", p.erad_id}};
  q.limit = 0;
  auto page = List(tx, "people", q);
  if (!page) return page.error();
  for (const Record& r : page->records)
    if (r.id != p.id)
      return MakeError(ErrorCode::kAlreadyExists, "erad_id: " + p.erad_id + " is already on record as people/" + r.id);
  return Ok();
}
}  // namespace

Result<Stored<cases::Person>> CaseStore::CreatePerson(const Caller& caller, cases::Person person) {
  std::function<std::string(cases::Person&)> tenant = [&](cases::Person& p) {
    if (p.tenant_id.empty()) p.tenant_id = caller.tenant_id;
    return p.tenant_id;
  };
  std::function<Result<void>(Transaction&, const cases::Person&)> check = [](Transaction& tx,
                                                                             const cases::Person& p) -> Result<void> {
    if (auto ok = cases::ValidatePerson(p); !ok) return ok.error();
    return CheckEradUnique(tx, p);
  };
  return rep_->Create<cases::Person>(caller, access::Action::kPersonWrite, "people", "person", std::move(person),
                                     tenant, check);
}

Result<Stored<cases::Person>> CaseStore::UpdatePerson(const Caller& caller, const cases::Person& person,
                                                      int64_t expected_version) {
  std::function<Result<void>(Transaction&, const cases::Person&)> check = [](Transaction& tx,
                                                                             const cases::Person& p) -> Result<void> {
    if (auto ok = cases::ValidatePerson(p); !ok) return ok.error();
    return CheckEradUnique(tx, p);
  };
  return rep_->Modify<cases::Person>(caller, access::Action::kPersonWrite, "people", person, expected_version, check);
}

Result<Stored<cases::Person>> CaseStore::GetPerson(const Visibility& visible, std::string_view id) {
  return rep_->Read<cases::Person>(visible, "people", id);
}

Result<Stored<cases::Person>> CaseStore::FindPersonByEradId(const Visibility& visible, std::string_view erad_id) {
  ListOptions o;
  o.where = {{"erad_id", std::string(erad_id)}};
  o.limit = 1;
  auto page = ListPeople(visible, o);
  if (!page) return page.error();
  if (page->items.empty())
    return MakeError(ErrorCode::kNotFound, "people: no person with e-Rad id " + std::string(erad_id));
  return page->items.front();
}

Result<PageOf<cases::Person>> CaseStore::ListPeople(const Visibility& visible, const ListOptions& options) {
  return rep_->ListOf<cases::Person>(visible, "people", options);
}

// ---- proposals --------------------------------------------------------------------------------

namespace {
// A proposal is visible to its lead institution's tenant and to the agency whose programme it
// was submitted to (the programme's tenant), like its case.
Result<Record> GetVisibleProposal(Transaction& tx, std::string_view id, const Visibility& vis) {
  auto r = Get(tx, "proposals", id);
  if (!r) return r.error();
  if (vis.Sees(r->tenant_id)) return r;
  auto it = r->keys.find("programme_id");
  if (it != r->keys.end() && it->second)
    if (auto programme = Get(tx, "programmes", *it->second); programme && vis.Sees(programme->tenant_id)) return r;
  return NotFound("proposals", id);
}

// One page of the union of several queries of `table`, each counted with its sign (+1: rows it
// adds; -1: rows already counted by another), in one statement (records.h ListUnion): each part
// fetches only offset + limit rows (the store's indexes serve them in order). Fetching whole
// lists instead cost 44-57 ms per page of cases at 20,000 cases, and one statement per part a
// round trip each on PostgreSQL (docs/benchmarks.md).
Result<Page> UnionPage(Database& db, std::string_view table, const std::vector<std::pair<Query, int64_t>>& queries,
                       const ListOptions& options) {
  std::vector<SignedQuery> parts;
  for (const auto& [q, sign] : queries) parts.push_back({q, static_cast<int>(sign)});
  return ListUnion(db, table, parts, QueryOf(options));
}

template <typename T>
Result<PageOf<T>> ListUnion(Database& db, std::string_view table, const std::vector<std::pair<Query, int64_t>>& queries,
                            const ListOptions& options) {
  auto page = UnionPage(db, table, queries, options);
  if (!page) return page.error();
  return DecodePage<T>(page->records, page->total);
}

// The queries of the proposals visible to `visible`: its tenants' own, plus those submitted to
// its tenants' programmes (an agency's), less those counted twice. Just the own query when no
// visible tenant has a programme.
Result<std::vector<std::pair<Query, int64_t>>> ProposalQueries(Database& db, const Visibility& visible) {
  Query own;
  own.tenant_ids = visible.tenant_ids;
  std::vector<std::pair<Query, int64_t>> out = {{own, +1}};
  Query programmes;
  programmes.tenant_ids = visible.tenant_ids;
  programmes.limit = 0;
  auto owned = List(db, "programmes", programmes);
  if (!owned) return owned.error();
  for (const Record& programme : owned->records) {
    Query submitted;
    submitted.where = {{"programme_id", programme.id}};
    out.push_back({submitted, +1});
    submitted.tenant_ids = visible.tenant_ids;  // already counted among the own proposals
    out.push_back({submitted, -1});
  }
  return out;
}
}  // namespace

Result<Stored<cases::Proposal>> CaseStore::SubmitProposal(const Caller& caller, cases::Proposal proposal) {
  proposal.state = cases::ProposalState::kSubmitted;
  std::function<std::string(cases::Proposal&)> tenant = [&](cases::Proposal& p) {
    if (p.lead_institution_id.empty()) p.lead_institution_id = caller.tenant_id;
    return p.lead_institution_id;
  };
  std::function<Result<void>(Transaction&, const cases::Proposal&)> check =
      [](Transaction& tx, const cases::Proposal& p) -> Result<void> {
    if (auto ok = cases::ValidateProposal(p); !ok) return ok.error();
    if (auto g = Get(tx, "programmes", p.programme_id); !g) return g.error().WithContext("programme_id");
    for (size_t i = 0; i < p.team.size(); ++i)
      if (auto g = Get(tx, "people", p.team[i].person_id); !g)
        return g.error().WithContext("team[" + std::to_string(i) + "].person_id");
    for (size_t i = 0; i < p.partner_institution_ids.size(); ++i) {
      const std::string& id = p.partner_institution_ids[i];
      if (!Get(tx, "institutions", id) && !Get(tx, "organisations", id))
        return MakeError(ErrorCode::kNotFound, "partner_institution_ids[" + std::to_string(i) + "]: " + id +
                                                   " is neither an institution nor an organisation");
    }
    return Ok();
  };
  return rep_->Create<cases::Proposal>(caller, access::Action::kProposalSubmit, "proposals", "prop",
                                       std::move(proposal), tenant, check);
}

Result<Stored<cases::Proposal>> CaseStore::ChangeProposalState(const Caller& caller, std::string_view proposal_id,
                                                               cases::ProposalState to, int64_t expected_version) {
  if (auto ok = Rep::Require(caller, access::Action::kProposalDecide); !ok) return ok.error();
  Stored<cases::Proposal> out;
  auto r = rep_->db.WithTransaction([&](Transaction& tx) -> Result<void> {
    auto rec = GetVisibleProposal(tx, proposal_id, caller.visible);
    if (!rec) return rec.error();
    if (rec->version != expected_version) return Stale(*rec, expected_version);
    auto p = Decode<cases::Proposal>(*rec);
    if (!p) return p.error();
    if (auto ok = cases::CheckProposalTransition(p->state, to); !ok)
      return ok.error().WithContext("proposals/" + p->id);
    p->state = to;
    auto stored = UpdateValue(tx, Rep::ActorOf(caller), *rec, *p, expected_version);
    if (!stored) return stored.error();
    out = std::move(*stored);
    return Ok();
  });
  if (!r) return r.error();
  return out;
}

Result<Stored<cases::Proposal>> CaseStore::GetProposal(const Visibility& visible, std::string_view id) {
  Stored<cases::Proposal> out;
  auto r = rep_->db.WithSnapshot([&](Transaction& tx) -> Result<void> {
    auto rec = GetVisibleProposal(tx, id, visible);
    if (!rec) return rec.error();
    auto v = DecodeStored<cases::Proposal>(*rec);
    if (!v) return v.error();
    out = std::move(*v);
    return Ok();
  });
  if (!r) return r.error();
  return out;
}

Result<PageOf<cases::Proposal>> CaseStore::ListProposals(const Visibility& visible, const ListOptions& options) {
  if (visible.all || visible.tenant_ids.empty()) return rep_->ListOf<cases::Proposal>(visible, "proposals", options);
  auto queries = ProposalQueries(rep_->db, visible);  // an agency also sees what was submitted to it
  if (!queries) return queries.error();
  if (queries->size() == 1) return rep_->ListOf<cases::Proposal>(visible, "proposals", options);
  return ListUnion<cases::Proposal>(rep_->db, "proposals", *queries, options);
}

// ---- cases ------------------------------------------------------------------------------------

Result<Stored<cases::Case>> CaseStore::OpenCase(const Caller& caller, std::string_view proposal_id) {
  if (auto ok = Rep::Require(caller, access::Action::kCaseWrite); !ok) return ok.error();
  Stored<cases::Case> out;
  std::string now = rep_->Now();
  auto r = rep_->db.WithTransaction([&](Transaction& tx) -> Result<void> {
    auto prec = Rep::GetVisible(tx, "proposals", proposal_id, caller.visible);
    if (!prec) return prec.error();
    auto p = Decode<cases::Proposal>(*prec);
    if (!p) return p.error();
    if (p->state != cases::ProposalState::kShortlisted)
      return MakeError(ErrorCode::kFailedPrecondition, "proposals/" + p->id +
                                                           ": a case opens from a shortlisted proposal; this one is " +
                                                           std::string(cases::ProposalStateId(p->state)));
    Query q;
    q.where = {{"proposal_id", p->id}};
    q.limit = 1;
    auto existing = List(tx, "cases", q);
    if (!existing) return existing.error();
    if (!existing->records.empty())
      return MakeError(ErrorCode::kAlreadyExists,
                       "proposals/" + p->id + ": already has cases/" + existing->records.front().id);
    auto prog = Get(tx, "programmes", p->programme_id);
    if (!prog) return prog.error();
    auto programme = Decode<cases::Programme>(*prog);
    if (!programme) return programme.error();
    cases::Case c;
    c.id = NewId("case");
    c.tenant_id = p->lead_institution_id;
    c.agency_id = programme->agency_id;
    c.proposal_id = p->id;
    c.state = std::string(workflow::Name(workflow::CaseState::kOpened));
    c.opened_at = now;
    c.opened_by = caller.user_id;
    if (auto ok = cases::ValidateCase(c); !ok) return ok.error();
    auto stored = InsertValue(tx, Rep::ActorOf(caller), "cases", c.id, c.tenant_id, c);
    if (!stored) return stored.error();
    Progress progress;
    progress.case_id = c.id;
    if (auto ins = Insert(tx, ProgressRecord(NewId("prog"), c.tenant_id, progress), Rep::ActorOf(caller)); !ins)
      return ins.error();
    out = std::move(*stored);
    return Ok();
  });
  if (!r) return r.error();
  return out;
}

Result<CaseView> CaseStore::GetCase(const Visibility& visible, std::string_view case_id) {
  CaseView view;
  auto r = rep_->db.WithSnapshot([&](Transaction& tx) -> Result<void> {
    auto l = Rep::Load(tx, case_id, visible, /*with_parties=*/true);
    if (!l) return l.error();
    view.kase = MakeStored(l->case_record, l->kase);
    view.proposal = MakeStored(l->proposal_record, l->proposal);
    auto party = [&](std::string_view table, std::string_view id) -> const Record* {
      for (const Record& rec : l->party_records)
        if (rec.table == table && rec.id == id) return &rec;
      return nullptr;
    };
    for (const cases::TeamMember& m : l->proposal.team) {
      const Record* pr = party("people", m.person_id);
      if (!pr) continue;
      auto p = DecodeStored<cases::Person>(*pr);
      if (!p) return p.error();
      view.team.push_back(std::move(*p));
    }
    for (const std::string& id : l->proposal.partner_institution_ids) {
      if (const Record* o = party("organisations", id)) {
        auto v = DecodeStored<cases::Organisation>(*o);
        if (!v) return v.error();
        view.partner_organisations.push_back(std::move(*v));
      } else if (const Record* i = party("institutions", id)) {
        auto v = DecodeStored<cases::Institution>(*i);
        if (!v) return v.error();
        view.partner_institutions.push_back(std::move(*v));
      }
    }
    view.screenings = l->screenings;
    view.flags = l->snapshot.flags;
    view.evaluations = l->evaluations;
    view.measures = l->measures;
    view.reviews = l->reviews;
    if (!l->decisions.empty()) view.decision = l->decisions.back();
    if (!l->appeals.empty()) view.appeal = l->appeals.back();
    view.appeals = l->appeals;
    view.followups = l->followups;
    view.snapshot = l->snapshot;
    return Ok();
  });
  if (!r) return r.error();
  return view;
}

Result<CaseStore::Rep::RecordPage> CaseStore::Rep::CasePage(const Visibility& visible, const ListOptions& options) {
  RecordPage out;
  if (visible.all) {
    auto page = List(db, "cases", QueryOf(options));
    if (!page) return page.error();
    out.records = std::move(page->records);
    out.total = page->total;
    return out;
  }
  // Visible by tenant or by agency: the union of the own cases and, per visible tenant, the cases
  // funded through it as an agency, less the own cases whose agency is also visible.
  if (visible.tenant_ids.empty()) return out;
  Query own;
  own.tenant_ids = visible.tenant_ids;
  std::vector<std::pair<Query, int64_t>> queries = {{own, +1}};
  for (const std::string& t : visible.tenant_ids) {
    Query agency;
    agency.where = {{"agency_id", t}};
    queries.push_back({agency, +1});
    Query both = agency;  // already counted among the own cases
    both.tenant_ids = visible.tenant_ids;
    queries.push_back({both, -1});
  }
  auto page = UnionPage(db, "cases", queries, options);
  if (!page) return page.error();
  out.records = std::move(page->records);
  out.total = page->total;
  return out;
}

Result<PageOf<cases::Case>> CaseStore::ListCases(const Visibility& visible, const ListOptions& options) {
  auto page = rep_->CasePage(visible, options);
  if (!page) return page.error();
  return DecodePage<cases::Case>(page->records, page->total);
}

Result<JsonPage> CaseStore::ListCasesJson(const Visibility& visible, const ListOptions& options) {
  auto page = rep_->CasePage(visible, options);
  if (!page) return page.error();
  JsonPage out;
  out.total = page->total;
  out.items.resize(page->records.size());
  std::vector<size_t> misses;
  const size_t capacity = rep_->options.json_cache_entries;
  if (capacity > 0) {
    std::lock_guard lock(rep_->json_mu);
    for (size_t i = 0; i < page->records.size(); ++i) {
      const Record& rec = page->records[i];
      auto it = rep_->json_cache.find(rec.id);
      if (it != rep_->json_cache.end() && it->second.version == rec.version && it->second.body == rec.body) {
        out.items[i].json = it->second.json;
      } else {
        misses.push_back(i);
      }
    }
  } else {
    for (size_t i = 0; i < page->records.size(); ++i) misses.push_back(i);
  }
  for (size_t i : misses) {  // decoded outside the lock
    auto v = Decode<cases::Case>(page->records[i]);
    if (!v) return v.error();
    out.items[i].json = Encode(*v);
  }
  if (capacity > 0 && !misses.empty()) {
    std::lock_guard lock(rep_->json_mu);
    if (rep_->json_cache.size() + misses.size() > capacity) rep_->json_cache.clear();  // simple, bounded
    for (size_t i : misses) {
      const Record& rec = page->records[i];
      rep_->json_cache[rec.id] = {rec.version, rec.body, out.items[i].json};
    }
  }
  for (size_t i = 0; i < page->records.size(); ++i) {
    Record& rec = page->records[i];
    out.items[i].id = std::move(rec.id);
    out.items[i].version = rec.version;
    out.items[i].created_at = std::move(rec.created_at);
    out.items[i].updated_at = std::move(rec.updated_at);
  }
  return out;
}

Result<Stored<cases::Proposal>> CaseStore::AddTeamMember(const Caller& caller, std::string_view case_id,
                                                         const cases::TeamMember& member) {
  if (auto ok = Rep::Require(caller, access::Action::kProposalWrite); !ok) return ok.error();
  Stored<cases::Proposal> out;
  std::string now = rep_->Now();
  auto r = rep_->WithCase(caller, case_id, [&](Transaction& tx, Rep::Loaded& l) -> Result<void> {
    if (auto person = Rep::GetVisible(tx, "people", member.person_id, caller.visible); !person) return person.error();
    if (OnTeam(l.proposal, member.person_id))
      return MakeError(ErrorCode::kAlreadyExists,
                       "cases/" + l.kase.id + ": people/" + member.person_id + " is already on the team");
    cases::Proposal p = l.proposal;
    p.team.push_back(member);
    if (auto ok = cases::ValidateProposal(p); !ok) return ok.error();
    auto stored = UpdateValue(tx, Rep::ActorOf(caller), l.proposal_record, p, l.proposal_record.version);
    if (!stored) return stored.error();
    auto state = l.snapshot.state;
    if (state != workflow::CaseState::kOpened && state != workflow::CaseState::kIdentification) {
      auto f = Rep::InsertFollowUp(tx, Rep::ActorOf(caller), l.case_record,
                                   workflow::OnMemberAdded(l.kase.id, member.person_id, now));
      if (!f) return f.error();
    }
    out = std::move(*stored);
    return Ok();
  });
  if (!r) return r.error();
  return out;
}

Result<void> CaseStore::RecordNoDisclosureReason(const Caller& caller, std::string_view case_id,
                                                 std::string_view person_id, std::string_view reason) {
  if (auto ok = Rep::Require(caller, access::Action::kCaseWrite); !ok) return ok.error();
  if (reason.empty()) return MakeError(ErrorCode::kInvalidArgument, "reason: empty");
  return rep_->WithCase(caller, case_id, [&](Transaction& tx, Rep::Loaded& l) -> Result<void> {
    if (!OnTeam(l.proposal, person_id))
      return MakeError(ErrorCode::kNotFound,
                       "cases/" + l.kase.id + ": people/" + std::string(person_id) + " is not on the team");
    Progress p = l.progress;
    p.no_disclosure_reasons[std::string(person_id)] = std::string(reason);
    Record rec = ProgressRecord(l.progress_record.id, l.progress_record.tenant_id, p);
    auto u = Update(tx, rec, l.progress_record.version, Rep::ActorOf(caller));
    if (!u) return u.error();
    return Ok();
  });
}

// One transaction for the whole file: every row is resolved and validated against the team as
// it grows, and the proposal is written once (one audit record) with the member_added
// follow-ups. Without `partial`, any problem (a parse error included) writes nothing.
Result<TeamImportOutcome> CaseStore::ImportTeam(const Caller& caller, std::string_view case_id,
                                                const cases::TeamImport& parsed, std::string_view file_name,
                                                bool partial) {
  if (auto ok = Rep::Require(caller, access::Action::kProposalWrite); !ok) return ok.error();
  const std::string file(file_name);
  std::string now = rep_->Now();
  TeamImportOutcome out;
  out.rows_read = parsed.rows_read;
  auto r = rep_->WithCase(caller, case_id, [&](Transaction& tx, Rep::Loaded& l) -> Result<void> {
    out = TeamImportOutcome{};
    out.rows_read = parsed.rows_read;
    out.errors = parsed.errors;
    for (cases::ImportError& e : out.errors)
      if (e.file.empty()) e.file = file;
    cases::Proposal p = l.proposal;
    std::vector<std::string> added;
    for (const cases::TeamMemberDraft& d : parsed.members) {
      auto fail = [&](std::string column, std::string message) {
        out.errors.push_back({file, d.line, std::move(column), std::move(message)});
      };
      if (!d.proposal_id.empty() && d.proposal_id != p.id) {
        fail("proposal_id", d.proposal_id + " is not this case's proposal " + p.id);
        continue;
      }
      Result<Record> person = MakeError(ErrorCode::kNotFound, "");
      if (!d.person_id.empty()) {
        person = Rep::GetVisible(tx, "people", d.person_id, caller.visible);
      } else if (!d.erad_id.empty()) {
        Query q;
        q.tenant_ids = caller.visible.all ? std::vector<std::string>{} : caller.visible.tenant_ids;
        q.where = {{"erad_id", d.erad_id}};
        q.limit = 1;
        auto page = List(tx, "people", q);
        if (!page) return page.error();
        if (!page->records.empty()) person = page->records.front();
      }
      if (!person) {
        fail(d.person_id.empty() ? "erad_id" : "person_id",
             "no person on record with " + (d.person_id.empty() ? "e-Rad id " + d.erad_id : "id " + d.person_id) +
                 " (" + d.name + "); add the person first");
        continue;
      }
      if (OnTeam(p, person->id)) {
        ++out.already_on_team;  // importing the same file twice changes nothing
        continue;
      }
      cases::Proposal next = p;
      next.team.push_back({person->id, d.institution, d.role});
      if (auto ok = cases::ValidateProposal(next); !ok) {
        // "team[2].role: a second PI …" → column "role".
        const std::string& m = ok.error().message;
        size_t dot = m.find("].");
        size_t colon = m.find(": ");
        std::string column = dot != std::string::npos && colon != std::string::npos && dot < colon
                                 ? m.substr(dot + 2, colon - dot - 2)
                                 : "";
        fail(column == "institution_id" ? "institution" : column, m);
        continue;
      }
      p = std::move(next);
      added.push_back(person->id);
    }
    if (!out.errors.empty() && !partial) return Ok();  // refused: nothing written
    if (added.empty()) return Ok();
    auto stored = UpdateValue(tx, Rep::ActorOf(caller), l.proposal_record, p, l.proposal_record.version);
    if (!stored) return stored.error();
    auto state = l.snapshot.state;
    if (state != workflow::CaseState::kOpened && state != workflow::CaseState::kIdentification)
      for (const std::string& person_id : added) {
        auto f = Rep::InsertFollowUp(tx, Rep::ActorOf(caller), l.case_record,
                                     workflow::OnMemberAdded(l.kase.id, person_id, now));
        if (!f) return f.error();
        out.followups.push_back(std::move(*f));
      }
    out.added = static_cast<int>(added.size());
    out.proposal = std::move(*stored);
    return Ok();
  });
  if (!r) return r.error();
  return out;
}

// ---- disclosures ------------------------------------------------------------------------------

Result<Stored<cases::Disclosure>> CaseStore::Disclose(const Caller& caller, std::string_view person_id,
                                                      cases::Disclosure disclosure) {
  if (auto ok = Rep::Require(caller, access::Action::kDisclosureWrite); !ok) return ok.error();
  if (!disclosure.id.empty()) return MakeError(ErrorCode::kInvalidArgument, "disclosures: id is assigned by the store");
  std::string today = DateOf(rep_->Now());
  Stored<cases::Disclosure> out;
  auto r = rep_->db.WithTransaction([&](Transaction& tx) -> Result<void> {
    auto person = Rep::GetVisible(tx, "people", person_id, caller.visible);
    if (!person) return person.error();
    cases::Disclosure d = disclosure;
    d.person_id = std::string(person_id);
    d.tenant_id = person->tenant_id;
    Query q;
    q.where = {{"person_id", d.person_id}};
    q.order_by = "seq";
    q.descending = true;
    q.limit = 1;
    auto last = List(tx, "disclosures", q);
    if (!last) return last.error();
    d.seq = 1;
    if (!last->records.empty()) {
      auto prev = Decode<cases::Disclosure>(last->records.front());
      if (!prev) return prev.error();
      d.seq = prev->seq + 1;
    }
    d.id = NewId("disc");
    if (auto ok = cases::ValidateDisclosure(d, {.today = today}); !ok)
      return ok.error().WithContext("people/" + d.person_id + " disclosure");
    auto stored = InsertValue(tx, Rep::ActorOf(caller), "disclosures", d.id, d.tenant_id, d);
    if (!stored) return stored.error();
    out = std::move(*stored);
    return Ok();
  });
  if (!r) return r.error();
  return out;
}

Result<std::vector<Stored<cases::Disclosure>>> CaseStore::DisclosureHistory(const Visibility& visible,
                                                                            std::string_view person_id) {
  std::vector<Stored<cases::Disclosure>> out;
  auto r = rep_->db.WithSnapshot([&](Transaction& tx) -> Result<void> {
    if (auto person = Rep::GetVisible(tx, "people", person_id, visible); !person) return person.error();
    Query q;
    q.where = {{"person_id", std::string(person_id)}};
    q.order_by = "seq";
    q.limit = 0;
    auto all = ListAll<cases::Disclosure>(tx, "disclosures", q);
    if (!all) return all.error();
    out = std::move(*all);
    return Ok();
  });
  if (!r) return r.error();
  return out;
}

Result<cases::DisclosureDiff> CaseStore::DiffDisclosures(const Visibility& visible, std::string_view person_id,
                                                         int seq_a, int seq_b) {
  auto history = DisclosureHistory(visible, person_id);
  if (!history) return history.error();
  auto find = [&](int seq) -> const cases::Disclosure* {
    for (const auto& d : *history)
      if (d.value.seq == seq) return &d.value;
    return nullptr;
  };
  const cases::Disclosure* a = find(seq_a);
  const cases::Disclosure* b = find(seq_b);
  for (auto [p, seq] : {std::pair{a, seq_a}, std::pair{b, seq_b}})
    if (p == nullptr)
      return MakeError(ErrorCode::kNotFound, "people/" + std::string(person_id) + ": no disclosure version " +
                                                 std::to_string(seq) + " (" + std::to_string(history->size()) +
                                                 " on record)");
  return cases::Diff(*a, *b);
}

Result<ImportOutcome> CaseStore::ImportDisclosures(const Caller& caller,
                                                   const std::vector<cases::DisclosureDraft>& drafts,
                                                   const cases::Certification& certification, bool partial) {
  if (auto ok = Rep::Require(caller, access::Action::kImportRun); !ok) return ok.error();
  ImportOutcome out;
  out.drafts = static_cast<int>(drafts.size());
  std::string today = DateOf(rep_->Now());
  // Resolve and validate everything first, so that a refused file writes nothing.
  std::vector<std::pair<std::string, cases::Disclosure>> ready;
  for (const cases::DisclosureDraft& draft : drafts) {
    int line = draft.sources.empty() ? 0 : draft.sources.front().line;
    std::string who = draft.person_id.empty() ? "e-Rad " + draft.erad_id : draft.person_id;
    std::string person_id;
    if (!draft.person_id.empty()) {
      if (auto p = GetPerson(caller.visible, draft.person_id); p) person_id = p->value.id;
    } else if (!draft.erad_id.empty()) {
      if (auto p = FindPersonByEradId(caller.visible, draft.erad_id); p) person_id = p->value.id;
    }
    if (person_id.empty()) {
      out.errors.push_back({"", line, "", "person " + who + " is not on record"});
      continue;
    }
    cases::Disclosure d = draft.disclosure;
    d.person_id = person_id;
    d.certification = certification;
    d.id = "disc_pending";  // placeholders for validation; Disclose assigns both
    d.seq = 1;
    if (auto ok = cases::ValidateDisclosure(d, {.today = today}); !ok) {
      out.errors.push_back({"", line, "", "person " + who + ": " + ok.error().message});
      continue;
    }
    d.id.clear();
    d.seq = 0;
    ready.push_back({person_id, std::move(d)});
  }
  if (!out.errors.empty() && !partial) return out;
  for (auto& [person_id, d] : ready) {
    auto stored = Disclose(caller, person_id, std::move(d));
    if (!stored) return stored.error();
    out.stored.push_back(std::move(*stored));
    ++out.written;
  }
  return out;
}

// ---- a researcher's own disclosure ------------------------------------------------------------

Result<Stored<cases::Disclosure>> CaseStore::DiscloseOwn(const Caller& caller, cases::Disclosure disclosure,
                                                         int expected_seq) {
  if (auto ok = Rep::Require(caller, access::Action::kDisclosureWriteOwn); !ok) return ok.error();
  if (caller.person_id.empty())
    return MakeError(ErrorCode::kNotFound, "caller " + caller.user_id + " is not linked to a person record");
  if (!disclosure.id.empty()) return MakeError(ErrorCode::kInvalidArgument, "id: assigned by the store");
  if (!disclosure.person_id.empty() && disclosure.person_id != caller.person_id)
    return MakeError(ErrorCode::kInvalidArgument,
                     "person_id: a researcher files only their own disclosure (" + caller.person_id + ")");
  if (disclosure.certification.statement.find_first_not_of(" \t\r\n") == std::string::npos)
    return MakeError(ErrorCode::kInvalidArgument,
                     "certification.statement: required: the text the researcher certifies as true and complete");
  std::string now = rep_->Now();
  disclosure.person_id = caller.person_id;
  disclosure.certification.certified_by = caller.user_id;
  disclosure.certification.certified_at = now;
  Stored<cases::Disclosure> out;
  auto r = rep_->db.WithTransaction([&](Transaction& tx) -> Result<void> {
    auto person = Rep::GetVisible(tx, "people", caller.person_id, caller.visible);
    if (!person) return person.error();
    Query latest;
    latest.where = {{"person_id", caller.person_id}};
    latest.order_by = "seq";
    latest.descending = true;
    latest.limit = 1;
    auto last = ListAll<cases::Disclosure>(tx, "disclosures", latest);
    if (!last) return last.error();
    int current = last->empty() ? 0 : last->front().value.seq;
    if (current != expected_seq)
      return MakeError(ErrorCode::kAborted, "people/" + caller.person_id + " disclosure: version " +
                                                std::to_string(expected_seq) + " is stale, current is " +
                                                std::to_string(current));
    cases::Disclosure d = disclosure;
    d.tenant_id = person->tenant_id;
    d.seq = current + 1;
    d.id = NewId("disc");
    if (auto ok = cases::ValidateDisclosure(d, {.today = DateOf(now)}); !ok) return ok.error();
    auto stored = InsertValue(tx, Rep::ActorOf(caller), "disclosures", d.id, d.tenant_id, d);
    if (!stored) return stored.error();
    out = std::move(*stored);
    return Ok();
  });
  if (!r) return r.error();
  return out;
}

// ---- restricted items ⑫ ⑬ ------------------------------------------------------------------

namespace {
Result<void> RequireExportControl(const Caller& caller) {
  if (std::find(caller.roles.begin(), caller.roles.end(), access::Role::kExportControlOfficer) != caller.roles.end())
    return Ok();
  std::string roles;
  for (access::Role r : caller.roles) roles += (roles.empty() ? "" : ", ") + std::string(access::RoleName(r));
  return MakeError(ErrorCode::kPermissionDenied,
                   "restricted items ⑫ ⑬ are for the export_control_officer role only (caller has: " +
                       (roles.empty() ? std::string("no role") : roles) + ")");
}
}  // namespace

Result<Stored<cases::RestrictedDisclosure>> CaseStore::DiscloseRestricted(const Caller& caller,
                                                                          std::string_view person_id,
                                                                          cases::RestrictedDisclosure restricted) {
  if (auto ok = RequireExportControl(caller); !ok) return ok.error();
  Stored<cases::RestrictedDisclosure> out;
  auto r = rep_->db.WithTransaction([&](Transaction& tx) -> Result<void> {
    auto person = Rep::GetVisible(tx, "people", person_id, caller.visible);
    if (!person) return person.error();
    cases::RestrictedDisclosure d = restricted;
    d.person_id = std::string(person_id);
    d.tenant_id = person->tenant_id;
    Query q;
    q.where = {{"person_id", d.person_id}};
    q.limit = 0;
    auto all = List(tx, "restricted_disclosures", q);
    if (!all) return all.error();
    d.seq = static_cast<int>(all->total) + 1;
    d.id = NewId("rdisc");
    if (auto ok = cases::ValidateRestrictedDisclosure(d); !ok) return ok.error();
    Record rec;
    rec.table = "restricted_disclosures";
    rec.id = d.id;
    rec.tenant_id = d.tenant_id;
    rec.body = cases::ToJson(d);
    rec.keys = KeysOf(d);
    auto stored = Insert(tx, rec, Rep::ActorOf(caller));
    if (!stored) return stored.error();
    out = MakeStored(*stored, d);
    return Ok();
  });
  if (!r) return r.error();
  return out;
}

Result<std::vector<Stored<cases::RestrictedDisclosure>>> CaseStore::ReadRestricted(const Caller& caller,
                                                                                   std::string_view person_id,
                                                                                   std::string_view reason) {
  if (auto ok = RequireExportControl(caller); !ok) return ok.error();
  if (reason.empty()) return MakeError(ErrorCode::kInvalidArgument, "reason: a read of items ⑫ ⑬ needs a reason");
  std::vector<Stored<cases::RestrictedDisclosure>> out;
  auto r = rep_->db.WithTransaction([&](Transaction& tx) -> Result<void> {
    out.clear();
    if (auto person = Rep::GetVisible(tx, "people", person_id, caller.visible); !person) return person.error();
    Query q;
    q.where = {{"person_id", std::string(person_id)}};
    q.order_by = "seq";
    q.limit = 0;
    auto page = List(tx, "restricted_disclosures", q);
    if (!page) return page.error();
    for (const Record& rec : page->records) {
      auto v = cases::FromJson<cases::RestrictedDisclosure>(rec.body);
      if (!v) return v.error().WithContext("restricted_disclosures/" + rec.id);
      if (auto a = AppendRead(tx, Rep::ActorOf(caller), rec, reason); !a) return a.error();
      out.push_back(MakeStored(rec, std::move(*v)));
    }
    return Ok();
  });
  if (!r) return r.error();
  return out;
}

// ---- ① screening ---------------------------------------------------------------------------

Result<Stored<cases::ScreeningRef>> CaseStore::AttachScreening(const Caller& caller, std::string_view case_id,
                                                               cases::ScreeningRef screening) {
  if (auto ok = Rep::Require(caller, access::Action::kCaseWrite); !ok) return ok.error();
  bool keywords = screening.kind == cases::ScreeningKind::kKeywords;
  if (keywords != screening.keywords.has_value() || keywords == screening.lists.has_value())
    return MakeError(ErrorCode::kInvalidArgument, "screening: kind " +
                                                      std::string(cases::ScreeningKindId(screening.kind)) +
                                                      " needs exactly its own payload (keywords or lists)");
  if (screening.screened_at.empty()) screening.screened_at = rep_->Now();
  if (screening.screened_by.empty()) screening.screened_by = caller.user_id;
  Stored<cases::ScreeningRef> out;
  auto r = rep_->WithCase(caller, case_id, [&](Transaction& tx, Rep::Loaded& l) -> Result<void> {
    screening.case_id = l.kase.id;
    if (screening.lists && !SubjectOnCase(l.proposal, ToWorkflow(screening.lists->subject)))
      return MakeError(ErrorCode::kInvalidArgument,
                       "lists.subject: " + workflow::Describe(ToWorkflow(screening.lists->subject)) +
                           " is neither on the team nor a partner of cases/" + l.kase.id);
    auto stored = Rep::InsertScreening(tx, Rep::ActorOf(caller), l.case_record, screening);
    if (!stored) return stored.error();
    out = std::move(*stored);
    return Ok();
  });
  if (!r) return r.error();
  return out;
}

// ---- ② evaluation ----------------------------------------------------------------------------

Result<cases::EvaluationInputs> CaseStore::EvaluationInputsFor(const Visibility& visible, std::string_view case_id,
                                                               const cases::Subject& subject) {
  cases::EvaluationInputs out;
  auto r = rep_->db.WithSnapshot([&](Transaction& tx) -> Result<void> {
    auto l = Rep::Load(tx, case_id, visible);
    if (!l) return l.error();
    if (!SubjectOnCase(l->proposal, ToWorkflow(subject)))
      return MakeError(ErrorCode::kNotFound,
                       "cases/" + l->kase.id + ": " + workflow::Describe(ToWorkflow(subject)) + " is not on the case");
    std::vector<cases::ScreeningRef> screenings;
    for (const auto& s : l->screenings) screenings.push_back(s.value);
    if (subject.kind == cases::SubjectKind::kPerson) {
      auto pr = Get(tx, "people", subject.id);
      if (!pr) return pr.error();
      auto person = Decode<cases::Person>(*pr);
      if (!person) return person.error();
      Query q;
      q.where = {{"person_id", subject.id}};
      q.order_by = "seq";
      q.descending = true;
      q.limit = 1;
      auto last = List(tx, "disclosures", q);
      if (!last) return last.error();
      std::optional<cases::Disclosure> current;
      if (!last->records.empty()) {
        auto d = Decode<cases::Disclosure>(last->records.front());
        if (!d) return d.error();
        current = std::move(*d);
      }
      auto in = cases::InputsForPerson(l->kase.id, *person, current, screenings);
      if (!in) return in.error();
      out = std::move(*in);
      return Ok();
    }
    cases::Organisation org;
    if (auto o = Get(tx, "organisations", subject.id)) {
      auto v = Decode<cases::Organisation>(*o);
      if (!v) return v.error();
      org = std::move(*v);
    } else {
      auto i = Get(tx, "institutions", subject.id);
      if (!i) return i.error();
      auto inst = Decode<cases::Institution>(*i);
      if (!inst) return inst.error();
      org.id = inst->id;
      org.tenant_id = inst->id;
      if (!inst->name_ja.empty()) org.names.push_back({inst->name_ja, cases::NameScript::kKanji});
      if (!inst->name_en.empty())
        org.names.push_back({inst->name_en, cases::NameScript::kLatin, cases::NameKind::kRomanised});
      org.ror_id = inst->ror_id;
    }
    auto in = cases::InputsForOrganisation(l->kase.id, org, screenings);
    if (!in) return in.error();
    out = std::move(*in);
    return Ok();
  });
  if (!r) return r.error();
  return out;
}

Result<Stored<workflow::Evaluation>> CaseStore::Assess(const Caller& caller, std::string_view case_id,
                                                       workflow::Evaluation evaluation) {
  if (auto ok = Rep::Require(caller, access::Action::kEvaluationWrite); !ok) return ok.error();
  if (evaluation.evaluator.empty()) evaluation.evaluator = caller.user_id;
  if (evaluation.at.empty()) evaluation.at = rep_->Now();
  Stored<workflow::Evaluation> out;
  auto r = rep_->WithCase(caller, case_id, [&](Transaction& tx, Rep::Loaded& l) -> Result<void> {
    workflow::Evaluation e = evaluation;
    e.case_id = l.kase.id;
    e.id = NewId("ev");
    if (!SubjectOnCase(l.proposal, e.subject))
      return MakeError(ErrorCode::kInvalidArgument, "subject: " + workflow::Describe(e.subject) +
                                                        " is neither on the team nor a partner of cases/" + l.kase.id);
    for (size_t i = 0; i < e.flag_ids.size(); ++i) {
      bool known = std::any_of(l.snapshot.flags.begin(), l.snapshot.flags.end(), [&](const workflow::Flag& f) {
        return f.id == e.flag_ids[i] && f.subject == e.subject;
      });
      if (!known)
        return MakeError(ErrorCode::kInvalidArgument, "flag_ids[" + std::to_string(i) + "]: " + e.flag_ids[i] +
                                                          " is not a flag on " + workflow::Describe(e.subject));
    }
    if (auto ok = workflow::Validate(e, rep_->risks); !ok) return ok.error();
    auto stored = InsertValue(tx, Rep::ActorOf(caller), "evaluations", e.id, l.case_record.tenant_id, e);
    if (!stored) return stored.error();
    out = std::move(*stored);
    return Ok();
  });
  if (!r) return r.error();
  return out;
}

// ---- ③ measures --------------------------------------------------------------------------------

Result<Stored<workflow::Measure>> CaseStore::AddMeasure(const Caller& caller, std::string_view case_id,
                                                        workflow::Measure measure) {
  if (auto ok = Rep::Require(caller, access::Action::kMeasureWrite); !ok) return ok.error();
  std::string now = rep_->Now();
  Stored<workflow::Measure> out;
  auto r = rep_->WithCase(caller, case_id, [&](Transaction& tx, Rep::Loaded& l) -> Result<void> {
    workflow::Measure m = measure;
    m.case_id = l.kase.id;
    m.id = NewId("ms");
    if (!SubjectOnCase(l.proposal, m.subject))
      return MakeError(ErrorCode::kInvalidArgument, "subject: " + workflow::Describe(m.subject) +
                                                        " is neither on the team nor a partner of cases/" + l.kase.id);
    auto valid = workflow::ValidateNew(m, rep_->measures, now);
    if (!valid) return valid.error();
    auto stored = InsertValue(tx, Rep::ActorOf(caller), "measures", valid->id, l.case_record.tenant_id, *valid);
    if (!stored) return stored.error();
    out = std::move(*stored);
    return Ok();
  });
  if (!r) return r.error();
  return out;
}

Result<Stored<workflow::Measure>> CaseStore::UpdateMeasure(const Caller& caller, const workflow::Measure& measure,
                                                           int64_t expected_version) {
  std::string now = rep_->Now();
  return rep_->ModifyMeasure(caller, measure.id, expected_version,
                             [&](workflow::Measure current) -> Result<workflow::Measure> {
                               workflow::Measure m = measure;
                               m.case_id = current.case_id;
                               return workflow::ValidateNew(m, rep_->measures, now);
                             });
}

Result<Stored<workflow::Measure>> CaseStore::ChangeMeasureStatus(const Caller& caller, std::string_view measure_id,
                                                                 int64_t expected_version,
                                                                 workflow::StatusChange change) {
  if (change.by.empty()) change.by = caller.user_id;
  if (change.at.empty()) change.at = rep_->Now();
  return rep_->ModifyMeasure(caller, measure_id, expected_version,
                             [&](workflow::Measure m) { return workflow::ChangeStatus(std::move(m), change); });
}

Result<Stored<workflow::Measure>> CaseStore::AddMeasureEvidence(const Caller& caller, std::string_view measure_id,
                                                                int64_t expected_version, workflow::Evidence evidence) {
  if (evidence.uploaded_by.empty()) evidence.uploaded_by = caller.user_id;
  if (evidence.at.empty()) evidence.at = rep_->Now();
  return rep_->ModifyMeasure(caller, measure_id, expected_version,
                             [&](workflow::Measure m) { return workflow::AddEvidence(std::move(m), evidence); });
}

Result<Stored<workflow::Measure>> CaseStore::ConfirmMeasureFeasibility(const Caller& caller,
                                                                       std::string_view measure_id,
                                                                       int64_t expected_version,
                                                                       workflow::Feasibility feasibility) {
  if (feasibility.by.empty()) feasibility.by = caller.user_id;
  if (feasibility.at.empty()) feasibility.at = rep_->Now();
  return rep_->ModifyMeasure(caller, measure_id, expected_version, [&](workflow::Measure m) {
    return workflow::ConfirmFeasibility(std::move(m), feasibility);
  });
}

Result<Stored<workflow::Measure>> CaseStore::RecordMeasureConsent(const Caller& caller, std::string_view measure_id,
                                                                  int64_t expected_version, workflow::Consent consent) {
  if (consent.at.empty()) consent.at = rep_->Now();
  return rep_->ModifyMeasure(caller, measure_id, expected_version,
                             [&](workflow::Measure m) { return workflow::RecordConsent(std::move(m), consent); });
}

Result<Stored<workflow::Measure>> CaseStore::GetMeasure(const Visibility& visible, std::string_view measure_id) {
  return rep_->ReadChild<workflow::Measure>(visible, "measures", measure_id);
}

// ---- reviews, decisions, appeals -------------------------------------------------------------

namespace {

// The tenant running a review names its own people: every reviewer an enabled account of the
// caller's tenant (an agency's panel holds no institution staff, and the reverse) holding one of
// the stage's roles (review_stages.tsv). An id of another tenant gets the message of an unknown
// one, so a guess tells nothing. Callers that see every tenant (the CLI's operator, without
// accounts) are not checked.
Result<void> CheckReviewerAccounts(Transaction& tx, const Caller& caller, const workflow::ReviewStage& stage,
                                   const std::vector<std::string>& reviewers) {
  if (caller.visible.all) return Ok();
  for (size_t i = 0; i < reviewers.size(); ++i) {
    const std::string field = "reviewers[" + std::to_string(i) + "]";
    const std::string who = "\"" + reviewers[i] + "\"";
    auto user = Get(tx, "users", reviewers[i]);
    if (!user && user.error().code != ErrorCode::kNotFound) return user.error();
    if (!user || user->tenant_id != caller.tenant_id)
      return MakeError(ErrorCode::kInvalidArgument,
                       field + ": " + who + " is not a user account of tenant " + caller.tenant_id);
    if (user->keys["disabled"].value_or("0") != "0")
      return MakeError(ErrorCode::kInvalidArgument, field + ": the account " + who + " is disabled");
    std::vector<std::string> roles;
    try {
      roles = json::parse(user->body).value("roles", std::vector<std::string>{});
    } catch (const json::exception& e) {
      return MakeError(ErrorCode::kDataLoss, "users/" + reviewers[i] + ": body is not a user: " + e.what());
    }
    std::string wanted;
    bool holds = false;
    for (access::Role r : stage.roles) {
      wanted += (wanted.empty() ? "" : ", ") + std::string(access::RoleName(r));
      holds = holds || std::find(roles.begin(), roles.end(), access::RoleName(r)) != roles.end();
    }
    if (!holds)
      return MakeError(ErrorCode::kInvalidArgument,
                       field + ": " + who + " holds none of the roles of stage " + stage.id + " (" + wanted + ")");
  }
  return Ok();
}

}  // namespace

Result<Stored<workflow::Review>> CaseStore::AssignReviewers(const Caller& caller, std::string_view case_id,
                                                            std::string_view stage_id,
                                                            std::vector<std::string> reviewers) {
  if (auto ok = Rep::Require(caller, access::Action::kReviewAssign); !ok) return ok.error();
  const workflow::ReviewStage* stage = rep_->plan.Find(rep_->options.review_track, stage_id);
  if (stage == nullptr) {
    std::string known;
    for (const workflow::ReviewStage* s : rep_->plan.Track(rep_->options.review_track))
      known += (known.empty() ? "" : ", ") + s->id;
    return MakeError(ErrorCode::kInvalidArgument, "stage: unknown \"" + std::string(stage_id) + "\" in track " +
                                                      rep_->options.review_track + " (known: " + known + ")");
  }
  Stored<workflow::Review> out;
  auto r = rep_->WithCase(caller, case_id, [&](Transaction& tx, Rep::Loaded& l) -> Result<void> {
    for (const auto& rv : l.reviews)
      if (rv.value.stage_id == stage->id && rv.value.round == l.progress.round)
        return MakeError(ErrorCode::kAlreadyExists, "cases/" + l.kase.id + ": stage " + stage->id +
                                                        " already has reviews/" + rv.value.id + " in round " +
                                                        std::to_string(l.progress.round));
    if (auto ok = CheckReviewerAccounts(tx, caller, *stage, reviewers); !ok) return ok.error();
    auto review = workflow::OpenReview(l.kase.id, l.progress.round, *stage, reviewers);
    if (!review) return review.error();
    review->id = NewId("rv");
    auto stored = InsertValue(tx, Rep::ActorOf(caller), "reviews", review->id, l.case_record.tenant_id, *review);
    if (!stored) return stored.error();
    out = std::move(*stored);
    return Ok();
  });
  if (!r) return r.error();
  return out;
}

Result<Stored<workflow::Review>> CaseStore::Vote(const Caller& caller, std::string_view review_id,
                                                 int64_t expected_version, workflow::Opinion opinion) {
  if (caller.user_id.empty()) return MakeError(ErrorCode::kInvalidArgument, "caller: empty user id");
  if (opinion.reviewer.empty()) opinion.reviewer = caller.user_id;
  if (opinion.at.empty()) opinion.at = rep_->Now();
  Stored<workflow::Review> out;
  auto r = rep_->db.WithTransaction([&](Transaction& tx) -> Result<void> {
    auto rec = Rep::GetChild(tx, "reviews", review_id, caller.visible);
    if (!rec) return rec.error();
    if (rec->version != expected_version) return Stale(*rec, expected_version);
    auto review = Decode<workflow::Review>(*rec);
    if (!review) return review.error();
    // The stage says who votes (e.g. compliance: security officers; committees: reviewers).
    if (const workflow::ReviewStage* stage = rep_->plan.Find(rep_->options.review_track, review->stage_id)) {
      bool may = std::any_of(caller.roles.begin(), caller.roles.end(), [&](access::Role role) {
        return std::find(stage->roles.begin(), stage->roles.end(), role) != stage->roles.end();
      });
      if (!may) {
        std::string roles;
        for (access::Role role : stage->roles)
          roles += (roles.empty() ? "" : ", ") + std::string(access::RoleName(role));
        return MakeError(ErrorCode::kPermissionDenied,
                         "reviews/" + review->id + ": stage " + stage->id + " is voted by " + roles);
      }
    }
    auto voted = workflow::RecordOpinion(std::move(*review), opinion);
    if (!voted) return voted.error();
    auto stored = UpdateValue(tx, Rep::ActorOf(caller), *rec, *voted, expected_version);
    if (!stored) return stored.error();
    out = std::move(*stored);
    return Ok();
  });
  if (!r) return r.error();
  return out;
}

Result<Stored<workflow::Review>> CaseStore::GetReview(const Visibility& visible, std::string_view review_id) {
  return rep_->ReadChild<workflow::Review>(visible, "reviews", review_id);
}

Result<Stored<workflow::Decision>> CaseStore::Decide(const Caller& caller, std::string_view case_id,
                                                     workflow::Decision decision) {
  if (auto ok = Rep::Require(caller, access::Action::kCaseDecide); !ok) return ok.error();
  if (decision.decided_by.empty()) decision.decided_by = caller.user_id;
  if (decision.at.empty()) decision.at = rep_->Now();
  Stored<workflow::Decision> out;
  auto r = rep_->WithCase(caller, case_id, [&](Transaction& tx, Rep::Loaded& l) -> Result<void> {
    workflow::Decision d = decision;
    d.case_id = l.kase.id;
    d.round = l.progress.round;
    auto made = workflow::MakeDecision(d, rep_->options.decisions);
    if (!made) return made.error();
    made->id = NewId("dc");
    auto stored = InsertValue(tx, Rep::ActorOf(caller), "decisions", made->id, l.case_record.tenant_id, *made);
    if (!stored) return stored.error();
    out = std::move(*stored);
    return Ok();
  });
  if (!r) return r.error();
  return out;
}

Result<Stored<workflow::Appeal>> CaseStore::FileAppeal(const Caller& caller, std::string_view case_id,
                                                       workflow::Appeal appeal) {
  if (auto ok = Rep::Require(caller, access::Action::kCaseRead); !ok) return ok.error();
  if (appeal.filed_by.empty()) appeal.filed_by = caller.user_id;
  if (appeal.filed_at.empty()) appeal.filed_at = rep_->Now();
  auto today = rep_->Today();
  if (!today) return today.error();
  Stored<workflow::Appeal> out;
  auto r = rep_->WithCase(caller, case_id, [&](Transaction& tx, Rep::Loaded& l) -> Result<void> {
    if (l.decisions.empty())
      return MakeError(ErrorCode::kFailedPrecondition, "cases/" + l.kase.id + ": no decision to appeal");
    // One appeal at a time: a second one while the first awaits its decision would leave two
    // pending and only the latest decidable.
    for (const auto& earlier : l.appeals)
      if (earlier.value.status == workflow::AppealStatus::kPending)
        return MakeError(ErrorCode::kAlreadyExists, "cases/" + l.kase.id + ": appeals/" + earlier.value.id +
                                                        " is still pending; it must be decided first");
    const workflow::Decision& decision = l.decisions.back().value;
    workflow::Appeal a = appeal;
    a.case_id = l.kase.id;
    a.decision_id = decision.id;
    auto filed = workflow::FileAppeal(decision, a, *today);
    if (!filed) return filed.error();
    filed->id = NewId("ap");
    auto stored = InsertValue(tx, Rep::ActorOf(caller), "appeals", filed->id, l.case_record.tenant_id, *filed);
    if (!stored) return stored.error();
    out = std::move(*stored);
    return Ok();
  });
  if (!r) return r.error();
  return out;
}

Result<Stored<workflow::Appeal>> CaseStore::DecideAppeal(const Caller& caller, std::string_view appeal_id,
                                                         int64_t expected_version, workflow::AppealStatus status,
                                                         std::string reason) {
  if (auto ok = Rep::Require(caller, access::Action::kCaseDecide); !ok) return ok.error();
  std::string now = rep_->Now();
  Stored<workflow::Appeal> out;
  auto r = rep_->db.WithTransaction([&](Transaction& tx) -> Result<void> {
    auto rec = Rep::GetChild(tx, "appeals", appeal_id, caller.visible);
    if (!rec) return rec.error();
    if (rec->version != expected_version) return Stale(*rec, expected_version);
    auto a = Decode<workflow::Appeal>(*rec);
    if (!a) return a.error();
    auto decided = workflow::DecideAppeal(std::move(*a), status, reason, caller.user_id, now);
    if (!decided) return decided.error();
    auto stored = UpdateValue(tx, Rep::ActorOf(caller), *rec, *decided, expected_version);
    if (!stored) return stored.error();
    out = std::move(*stored);
    return Ok();
  });
  if (!r) return r.error();
  return out;
}

// ---- the state machine -------------------------------------------------------------------------

Result<Stored<cases::Case>> CaseStore::Advance(const Caller& caller, std::string_view case_id,
                                               workflow::Transition transition, int64_t expected_version,
                                               std::string_view reason) {
  if (caller.user_id.empty()) return MakeError(ErrorCode::kInvalidArgument, "caller: empty user id");
  if (caller.roles.empty()) return MakeError(ErrorCode::kPermissionDenied, "caller: no role");
  auto today = rep_->Today();
  if (!today) return today.error();
  Stored<cases::Case> out;
  auto r = rep_->WithCase(caller, case_id, [&](Transaction& tx, Rep::Loaded& l) -> Result<void> {
    if (l.case_record.version != expected_version) return Stale(l.case_record, expected_version);
    workflow::CaseSnapshot snapshot = l.snapshot;
    Progress progress = l.progress;
    if (transition == workflow::Transition::kWithdraw && !reason.empty()) {
      snapshot.withdrawal_reason = std::string(reason);
      progress.withdrawal_reason = std::string(reason);
    }
    std::optional<Error> first_error;
    std::optional<workflow::CaseState> next;
    for (access::Role role : caller.roles) {
      auto n = workflow::Advance(snapshot, transition, role, *today);
      if (n) {
        next = *n;
        break;
      }
      // An unmet condition says more than "another role may".
      if (!first_error ||
          (n.error().code == ErrorCode::kFailedPrecondition && first_error->code != ErrorCode::kFailedPrecondition))
        first_error = n.error();
    }
    if (!next) {
      if (first_error->message.find(l.kase.id) != std::string::npos) return *first_error;
      return first_error->WithContext("cases/" + l.kase.id);
    }
    bool new_round = false;
    for (const workflow::TransitionRule& rule : workflow::TransitionTable())
      if (rule.transition == transition && rule.from == snapshot.state && rule.to == *next) new_round = rule.new_round;
    cases::Case c = l.kase;
    c.state = std::string(workflow::Name(*next));
    auto stored = UpdateValue(tx, Rep::ActorOf(caller), l.case_record, c, expected_version);
    if (!stored) return stored.error();
    if (new_round) progress.round += 1;
    if (new_round || progress.withdrawal_reason != l.progress.withdrawal_reason) {
      Record rec = ProgressRecord(l.progress_record.id, l.progress_record.tenant_id, progress);
      if (auto u = Update(tx, rec, l.progress_record.version, Rep::ActorOf(caller)); !u) return u.error();
    }
    out = std::move(*stored);
    return Ok();
  });
  if (!r) return r.error();
  return out;
}

Result<std::vector<TransitionChoice>> CaseStore::AllowedTransitions(const Caller& caller, std::string_view case_id) {
  auto today = rep_->Today();
  if (!today) return today.error();
  std::vector<TransitionChoice> out;
  auto r = rep_->db.WithSnapshot([&](Transaction& tx) -> Result<void> {
    auto l = Rep::Load(tx, case_id, caller.visible);
    if (!l) return l.error();
    for (access::Role role : caller.roles)
      for (const workflow::TransitionOption& o : workflow::AllowedTransitions(l->snapshot, role, *today)) {
        auto same = std::find_if(out.begin(), out.end(), [&](const TransitionChoice& c) {
          return c.transition == o.rule->transition && c.to == o.rule->to;
        });
        if (same == out.end())
          out.push_back({o.rule->transition, o.rule->to, o.blockers});
        else if (o.blockers.empty())
          same->blockers.clear();
      }
    return Ok();
  });
  if (!r) return r.error();
  return out;
}

// ---- ④ follow-ups ----------------------------------------------------------------------------

Result<Stored<workflow::FollowUp>> CaseStore::MemberAdded(const Caller& caller, std::string_view case_id,
                                                          std::string_view person_id) {
  if (auto ok = Rep::Require(caller, access::Action::kFollowupWrite); !ok) return ok.error();
  std::string now = rep_->Now();
  Stored<workflow::FollowUp> out;
  auto r = rep_->WithCase(caller, case_id, [&](Transaction& tx, Rep::Loaded& l) -> Result<void> {
    if (!OnTeam(l.proposal, person_id))
      return MakeError(ErrorCode::kNotFound,
                       "cases/" + l.kase.id + ": people/" + std::string(person_id) + " is not on the team");
    auto f = Rep::InsertFollowUp(tx, Rep::ActorOf(caller), l.case_record,
                                 workflow::OnMemberAdded(l.kase.id, std::string(person_id), now));
    if (!f) return f.error();
    out = std::move(*f);
    return Ok();
  });
  if (!r) return r.error();
  return out;
}

Result<FollowUpRun> CaseStore::OnListSnapshotChanged(const Caller& caller, const SubjectChecker& check) {
  if (auto ok = Rep::Require(caller, access::Action::kFollowupWrite); !ok) return ok.error();
  FollowUpRun run;
  ListOptions all;
  all.limit = 0;
  auto open_cases = ListCases(caller.visible, all);
  if (!open_cases) return open_cases.error();
  std::string now = rep_->Now();
  for (const Stored<cases::Case>& c : open_cases->items) {
    if (c.value.state == workflow::Name(workflow::CaseState::kClosed)) continue;
    auto view = GetCase(caller.visible, c.value.id);
    if (!view) return view.error();
    // Run the checks outside the transaction (they read only the lists).
    std::vector<cases::ListCheck> checks;
    std::vector<CheckSubject> subjects;
    for (const auto& p : view->team) subjects.push_back({{cases::SubjectKind::kPerson, p.value.id}, p.value.names, ""});
    for (const auto& o : view->partner_organisations)
      subjects.push_back({{cases::SubjectKind::kOrganisation, o.value.id}, o.value.names, o.value.country});
    for (const auto& i : view->partner_institutions) {
      CheckSubject s{{cases::SubjectKind::kOrganisation, i.value.id}, {}, ""};
      if (!i.value.name_ja.empty()) s.names.push_back({i.value.name_ja, cases::NameScript::kKanji});
      if (!i.value.name_en.empty())
        s.names.push_back({i.value.name_en, cases::NameScript::kLatin, cases::NameKind::kRomanised});
      subjects.push_back(std::move(s));
    }
    for (const CheckSubject& s : subjects) {
      auto checked = check(s);
      if (!checked) return checked.error().WithContext("cases/" + c.value.id + " " + s.subject.id);
      checked->subject = s.subject;
      checks.push_back(std::move(*checked));
      ++run.subjects_checked;
    }
    ++run.cases_checked;
    std::vector<Stored<cases::ScreeningRef>> attached;
    std::vector<Stored<workflow::FollowUp>> opened;
    auto r = rep_->WithCase(caller, c.value.id, [&](Transaction& tx, Rep::Loaded& l) -> Result<void> {
      attached.clear();
      opened.clear();
      std::vector<workflow::ListHit> previous = HitsOf(l.screenings);
      Record case_record = l.case_record;
      std::vector<Stored<cases::ScreeningRef>> fresh;
      for (const cases::ListCheck& lc : checks) {
        cases::ScreeningRef s;
        s.kind = cases::ScreeningKind::kLists;
        s.case_id = l.kase.id;
        s.screened_at = now;
        s.screened_by = caller.user_id;
        s.lists = lc;
        auto stored = Rep::InsertScreening(tx, Rep::ActorOf(caller), case_record, s);
        if (!stored) return stored.error();
        auto reread = Get(tx, "cases", l.kase.id);
        if (!reread) return reread.error();
        case_record = *reread;
        fresh.push_back(*stored);
        attached.push_back(std::move(*stored));
      }
      std::vector<workflow::ListHit> current = HitsOf(fresh);
      for (workflow::FollowUp& f : workflow::OnListSnapshotChanged(l.kase.id, previous, current, now)) {
        auto stored = Rep::InsertFollowUp(tx, Rep::ActorOf(caller), case_record, std::move(f));
        if (!stored) return stored.error();
        opened.push_back(std::move(*stored));
      }
      return Ok();
    });
    if (!r) return r.error();
    for (auto& s : attached) run.screenings.push_back(std::move(s));
    for (auto& f : opened) run.opened.push_back(std::move(f));
  }
  return run;
}

Result<std::vector<Stored<workflow::FollowUp>>> CaseStore::MarkOverdueMeasures(const Caller& caller,
                                                                               std::string_view today) {
  if (auto ok = Rep::Require(caller, access::Action::kFollowupWrite); !ok) return ok.error();
  auto day = workflow::ParseDate(today, "today");
  if (!day) return day.error();
  ListOptions all;
  all.limit = 0;
  auto open_cases = ListCases(caller.visible, all);
  if (!open_cases) return open_cases.error();
  std::string now = rep_->Now();
  std::vector<Stored<workflow::FollowUp>> out;
  for (const Stored<cases::Case>& c : open_cases->items) {
    if (c.value.state == workflow::Name(workflow::CaseState::kClosed)) continue;
    std::vector<Stored<workflow::FollowUp>> opened;
    auto r = rep_->WithCase(caller, c.value.id, [&](Transaction& tx, Rep::Loaded& l) -> Result<void> {
      opened.clear();
      for (workflow::FollowUp& f :
           workflow::OnMeasuresOverdue(l.kase.id, l.snapshot.measures, l.snapshot.followups, *day, now)) {
        auto stored = Rep::InsertFollowUp(tx, Rep::ActorOf(caller), l.case_record, std::move(f));
        if (!stored) return stored.error();
        opened.push_back(std::move(*stored));
      }
      return Ok();
    });
    if (!r) return r.error();
    for (auto& f : opened) out.push_back(std::move(f));
  }
  return out;
}

Result<Stored<workflow::FollowUp>> CaseStore::ReportChangeToFunder(const Caller& caller, std::string_view case_id,
                                                                   const workflow::Subject& subject,
                                                                   std::string_view reference,
                                                                   std::string_view description) {
  if (auto ok = Rep::Require(caller, access::Action::kFollowupWrite); !ok) return ok.error();
  std::string now = rep_->Now();
  Stored<workflow::FollowUp> out;
  auto r = rep_->WithCase(caller, case_id, [&](Transaction& tx, Rep::Loaded& l) -> Result<void> {
    auto f =
        workflow::OnChangeReportedToFunder(l.kase.id, subject, std::string(reference), std::string(description), now);
    if (!f) return f.error();
    auto stored = Rep::InsertFollowUp(tx, Rep::ActorOf(caller), l.case_record, std::move(*f));
    if (!stored) return stored.error();
    out = std::move(*stored);
    return Ok();
  });
  if (!r) return r.error();
  return out;
}

Result<Stored<workflow::FollowUp>> CaseStore::CloseFollowUp(const Caller& caller, std::string_view followup_id,
                                                            int64_t expected_version, std::string_view note) {
  if (auto ok = Rep::Require(caller, access::Action::kFollowupWrite); !ok) return ok.error();
  std::string now = rep_->Now();
  auto today = rep_->Today();
  if (!today) return today.error();
  Stored<workflow::FollowUp> out;
  auto r = rep_->db.WithTransaction([&](Transaction& tx) -> Result<void> {
    auto rec = Rep::GetChild(tx, "followups", followup_id, caller.visible);
    if (!rec) return rec.error();
    if (rec->version != expected_version) return Stale(*rec, expected_version);
    auto f = Decode<workflow::FollowUp>(*rec);
    if (!f) return f.error();
    auto l = Rep::Load(tx, f->case_id, caller.visible);
    if (!l) return l.error();
    auto closed = workflow::CloseFollowUp(l->snapshot, std::move(*f), caller.user_id, now, std::string(note), *today);
    if (!closed) return closed.error();
    auto stored = UpdateValue(tx, Rep::ActorOf(caller), *rec, *closed, expected_version);
    if (!stored) return stored.error();
    out = std::move(*stored);
    return Ok();
  });
  if (!r) return r.error();
  return out;
}

Result<PageOf<workflow::FollowUp>> CaseStore::ListFollowUps(const Visibility& visible, const ListOptions& options) {
  return rep_->ListOf<workflow::FollowUp>(visible, "followups", options);
}

}  // namespace highfence::storage
