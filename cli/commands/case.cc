// SPDX-License-Identifier: Apache-2.0
#include "cli/commands/case.h"

#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include <sodium.h>

#include "cli/commands/db.h"
#include "cli/version.h"
#include "domain/access/role.h"
#include "domain/cases/codec.h"
#include "domain/cases/disclosure_import.h"
#include "domain/cases/restricted_disclosure_codec.h"
#include "domain/cases/team_import.h"
#include "domain/checking/entity_checker.h"
#include "domain/checking/list_check.h"
#include "domain/lists/snapshot_file.h"
#include "domain/rules/readiness_answers.h"
#include "domain/screening/screener.h"
#include "domain/technology/keyword_list.h"
#include "domain/workflow/codec.h"
#include "engines/documents/document.h"
#include "storage/case_store.h"

namespace highfence::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using storage::CaseStore;

// ---- what every verb shares ----------------------------------------------------------------

struct Common {
  std::string db;
  std::string role = "security_officer";
  std::string format = "text";
  std::string tenant;
};

void AddCommon(CLI::App* cmd, Common& c, bool read) {
  AddDbOption(*cmd, c.db);
  cmd->add_option("--as", c.role, "role to act as (default security_officer)");
  cmd->add_option("--tenant", c.tenant, "the institution acting (new people and organisations belong to it)");
  if (read) cmd->add_option("--format", c.format, "text or json")->check(CLI::IsMember({"text", "json"}));
}

std::string Login() {
  if (const char* u = std::getenv("USER"); u && *u) return u;
  if (passwd* pw = getpwuid(getuid())) return pw->pw_name;
  return "unknown";
}

struct Session {
  std::unique_ptr<storage::Database> db;
  std::unique_ptr<CaseStore> store;
  storage::Caller caller;
};

Result<Session> Open(const Common& c) {
  Session s;
  auto role = access::ParseRole(c.role);
  if (!role) return role.error().WithContext("--as");
  auto db = OpenDatabase(c.db);
  if (!db) return db.error();
  s.db = std::move(*db);
  storage::CaseStoreOptions options;
  fs::path wf = DefaultDataDir() / "workflow";
  options.risk_categories = (wf / "risk_categories.tsv").string();
  options.measure_catalogue = (wf / "measures.tsv").string();
  options.review_stages = (wf / "review_stages.tsv").string();
  auto store = CaseStore::Open(*s.db, options);
  if (!store) return store.error();
  s.store = std::move(*store);
  s.caller.user_id = "cli:" + Login();
  s.caller.roles = {*role};
  s.caller.tenant_id = c.tenant;
  s.caller.request_id = "cli-" + std::to_string(::getpid()) + "-" +
                        std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
  s.caller.visible = storage::Visibility::All();
  return s;
}

// The store refused (not found, conflict, unmet condition, permission): exit 1; else 2.
int Refused(const Error& e) {
  std::cerr << "highfence: " << e.message << "\n";
  switch (e.code) {
    case ErrorCode::kNotFound:
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kFailedPrecondition:
    case ErrorCode::kAborted:
    case ErrorCode::kPermissionDenied:
      return kExitSomeFailed;
    default:
      return kExitUsage;
  }
}

Result<std::string> ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, p.string() + ": cannot read");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

json J(const std::string& text) {
  return json::parse(text);
}

template <typename T>
json Versioned(const storage::Stored<T>& s, json body) {
  body["version"] = s.version;
  body["updated_at"] = s.updated_at;
  return body;
}

std::pair<std::string, std::string> SplitBar(const std::string& s) {
  auto bar = s.find('|');
  if (bar == std::string::npos) return {s, ""};
  return {s.substr(0, bar), s.substr(bar + 1)};
}

// Runs a verb body and turns its error into the exit status.
void Bind(CLI::App* cmd, int& status, std::function<Result<int>()> fn) {
  cmd->callback([&status, fn] {
    auto r = fn();
    status = r ? *r : Refused(r.error());
  });
}

std::string Now() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

// ---- lists: --lists PATH (file or directory), repeatable ---------------------------------

Result<std::vector<model::ListSnapshot>> LoadLists(const std::vector<std::string>& paths) {
  std::vector<fs::path> files;
  std::vector<std::string> given = paths;
  if (given.empty()) given.push_back((DefaultDataDir() / "lists").string());
  for (const std::string& p : given) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> in_dir;
      for (const auto& e : fs::directory_iterator(p, ec))
        if (e.path().extension() == ".jsonl") in_dir.push_back(e.path());
      std::sort(in_dir.begin(), in_dir.end());
      files.insert(files.end(), in_dir.begin(), in_dir.end());
    } else if (fs::is_regular_file(p, ec)) {
      files.push_back(p);
    } else {
      return MakeError(ErrorCode::kNotFound, p + ": no list snapshot file or directory");
    }
  }
  std::vector<model::ListSnapshot> out;
  for (const fs::path& f : files) {
    auto s = lists::ReadSnapshot(f);
    if (!s) return s.error();
    out.push_back(std::move(*s));
  }
  if (out.empty()) return MakeError(ErrorCode::kNotFound, "no list snapshots (*.jsonl) in the --lists given");
  return out;
}

// One subject checked under every name on record (checking::CheckNames).
storage::SubjectChecker MakeSubjectChecker(const checking::EntityChecker& checker) {
  return [&checker](const storage::CheckSubject& s) -> Result<cases::ListCheck> {
    return checking::CheckNames(checker, s.subject, s.names, s.country);
  };
}

// ---- rendering ------------------------------------------------------------------------------

std::string PersonName(const cases::Person& p) {
  std::string out;
  for (const cases::Name& n : p.names) out += (out.empty() ? "" : " / ") + n.text;
  return out;
}

json CaseJson(const storage::CaseView& v) {
  json j;
  j["case"] = Versioned(v.kase, J(cases::ToJson(v.kase.value)));
  j["round"] = v.snapshot.round;
  j["proposal"] = Versioned(v.proposal, J(cases::ToJson(v.proposal.value)));
  j["team"] = json::array();
  for (const auto& p : v.team) j["team"].push_back(J(cases::ToJson(p.value)));
  j["partner_organisations"] = json::array();
  for (const auto& o : v.partner_organisations) j["partner_organisations"].push_back(J(cases::ToJson(o.value)));
  j["partner_institutions"] = json::array();
  for (const auto& i : v.partner_institutions) j["partner_institutions"].push_back(J(cases::ToJson(i.value)));
  j["screenings"] = json::array();
  for (const auto& s : v.screenings) j["screenings"].push_back(J(cases::ToJson(s.value)));
  j["flags"] = json::array();
  for (const auto& f : v.flags)
    j["flags"].push_back({{"id", f.id}, {"subject", {{"kind", workflow::Name(f.subject.kind)}, {"id", f.subject.id}}}});
  j["evaluations"] = json::array();
  for (const auto& e : v.evaluations) j["evaluations"].push_back(Versioned(e, J(workflow::ToJson(e.value))));
  j["measures"] = json::array();
  for (const auto& m : v.measures) j["measures"].push_back(Versioned(m, J(workflow::ToJson(m.value))));
  j["reviews"] = json::array();
  for (const auto& r : v.reviews) j["reviews"].push_back(Versioned(r, J(workflow::ToJson(r.value))));
  j["decision"] = v.decision ? Versioned(*v.decision, J(workflow::ToJson(v.decision->value))) : json(nullptr);
  j["appeal"] = v.appeal ? Versioned(*v.appeal, J(workflow::ToJson(v.appeal->value))) : json(nullptr);
  j["followups"] = json::array();
  for (const auto& f : v.followups) j["followups"].push_back(Versioned(f, J(workflow::ToJson(f.value))));
  return j;
}

std::string CaseText(const storage::CaseView& v) {
  std::ostringstream o;
  const cases::Case& c = v.kase.value;
  o << c.id << "  state " << c.state << "  round " << v.snapshot.round << "  version " << v.kase.version << "\n";
  o << "  proposal " << v.proposal.value.id << ": " << v.proposal.value.title << "\n";
  if (c.risk_level) o << "  keyword screening level: " << rules::RiskLevelId(*c.risk_level) << "\n";
  for (size_t i = 0; i < v.team.size(); ++i) {
    const auto& m = v.snapshot.team[i];
    o << "  team  " << v.team[i].value.id << "  " << PersonName(v.team[i].value)
      << (m.has_current_disclosure         ? "  disclosed"
          : m.no_disclosure_reason.empty() ? "  NOT disclosed"
                                           : "  reason: ")
      << m.no_disclosure_reason << (m.list_screened ? "  list-checked" : "  not list-checked") << "\n";
  }
  for (const auto& p : v.partner_organisations)
    o << "  partner " << p.value.id << "  " << p.value.names.front().text << " (" << p.value.country << ")\n";
  for (const auto& p : v.partner_institutions) o << "  partner " << p.value.id << "  " << p.value.name_ja << "\n";
  o << "  screenings " << v.screenings.size() << ", flags " << v.flags.size() << "\n";
  for (const auto& f : v.flags) o << "  flag  " << f.id << " on " << workflow::Describe(f.subject) << "\n";
  for (const auto& e : v.evaluations)
    o << "  evaluation " << e.value.id << "  " << workflow::Describe(e.value.subject) << "  risk "
      << workflow::Name(e.value.risk) << "  DD " << workflow::Name(e.value.due_diligence.state) << "\n";
  for (const auto& m : v.measures)
    o << "  measure " << m.value.id << " v" << m.version << "  " << m.value.catalogue_id << "  "
      << workflow::Name(workflow::CurrentStatus(m.value)) << "  owner " << m.value.owner
      << (m.value.feasibility ? "  feasible" : "  feasibility pending") << "\n";
  for (const auto& r : v.reviews)
    o << "  review " << r.value.id << " v" << r.version << "  " << r.value.stage_id << " (round " << r.value.round
      << ")  " << r.value.opinions.size() << "/" << r.value.reviewers.size() << " opinions\n";
  if (v.decision) {
    o << "  decision " << workflow::Name(v.decision->value.outcome);
    for (const auto& cnd : v.decision->value.conditions) o << "; condition: " << cnd;
    for (const auto& r : v.decision->value.reasons) o << "; reason: " << r;
    o << "\n";
  }
  for (const auto& f : v.followups)
    o << "  follow-up " << f.value.id << "  " << workflow::Name(f.value.kind) << "  " << workflow::Name(f.value.status)
      << "  " << f.value.note << "\n";
  return o.str();
}

void Print(const Common& c, const std::string& text, const json& j) {
  if (c.format == "json")
    std::cout << j.dump(2) << "\n";
  else
    std::cout << text;
}

// ---- verbs ----------------------------------------------------------------------------------

struct Args {
  Common common;
  std::string id, id2, file, text,
      kind = "university", name_ja, name_en, ror, country, erad, orcid, name, name_latin, agency, programme, title,
      lead, state, transition, reason, risk, rationale, dd = "done", dd_note, person, partner, description, owner, due,
      status, note, stage, ref, vote, reviewer, outcome, target = "none", answers, keywords, consent, consent_note,
      feasible, certified_by, certified_at, statement, today, case_id;
  std::vector<std::string> members, partners, categories, flags, gaps, binds, conditions, reasons, reviewers, lists,
      unused;
  bool designated = false, partial = false, refused = false, grant = false, reject = false;
  int a = 0, b = 0;
};

Result<int> InstitutionAdd(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  cases::Institution i;
  i.name_ja = a.name_ja;
  i.name_en = a.name_en;
  auto kind = cases::ParseInstitutionKind(a.kind);
  if (!kind) return MakeError(ErrorCode::kInvalidArgument, "--kind: unknown \"" + a.kind + "\"");
  i.kind = *kind;
  i.ror_id = a.ror;
  auto r = s->store->CreateInstitution(s->caller, i);
  if (!r) return r.error();
  std::cout << r->value.id << "\n";
  return kExitOk;
}

Result<int> ProgrammeAdd(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  cases::Programme p;
  p.agency_id = a.agency;
  p.name_ja = a.name_ja;
  p.name_en = a.name_en;
  p.designated = a.designated;
  for (const std::string& c : a.conditions) {
    auto [label, reference] = SplitBar(c);
    p.designation_conditions.push_back({label, true, reference, ""});
  }
  auto r = s->store->CreateProgramme(s->caller, p);
  if (!r) return r.error();
  std::cout << r->value.id << "\n";
  return kExitOk;
}

std::vector<cases::Name> Names(const std::string& name, const std::string& latin) {
  std::vector<cases::Name> out;
  bool ascii = std::all_of(name.begin(), name.end(), [](unsigned char ch) { return ch < 0x80; });
  if (!name.empty()) out.push_back({name, ascii ? cases::NameScript::kLatin : cases::NameScript::kKanji});
  if (!latin.empty()) out.push_back({latin, cases::NameScript::kLatin, cases::NameKind::kRomanised});
  return out;
}

Result<int> OrganisationAdd(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  cases::Organisation o;
  o.tenant_id = a.common.tenant;
  o.names = Names(a.name, a.name_latin);
  o.ror_id = a.ror;
  o.country = a.country;
  auto r = s->store->CreateOrganisation(s->caller, o);
  if (!r) return r.error();
  std::cout << r->value.id << "\n";
  return kExitOk;
}

Result<int> PersonAdd(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  cases::Person p;
  p.tenant_id = a.common.tenant;
  p.names = Names(a.name, a.name_latin);
  p.erad_id = a.erad;
  p.orcid = a.orcid;
  auto r = s->store->CreatePerson(s->caller, p);
  if (!r) return r.error();
  std::cout << r->value.id << "\n";
  return kExitOk;
}

Result<int> PersonShow(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  auto p = s->store->GetPerson(storage::Visibility::All(), a.id);
  if (!p) return p.error();
  auto history = s->store->DisclosureHistory(storage::Visibility::All(), a.id);
  if (!history) return history.error();
  std::ostringstream t;
  t << p->value.id << "  " << PersonName(p->value) << (p->value.erad_id.empty() ? "" : "  e-Rad " + p->value.erad_id)
    << "  disclosures " << history->size() << "\n";
  json j = Versioned(*p, J(cases::ToJson(p->value)));
  j["disclosure_versions"] = history->size();
  Print(a.common, t.str(), j);
  return kExitOk;
}

Result<int> PersonList(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  storage::Visibility vis =
      a.common.tenant.empty() ? storage::Visibility::All() : storage::Visibility::Of({a.common.tenant});
  storage::ListOptions o;
  o.limit = 0;
  auto page = s->store->ListPeople(vis, o);
  if (!page) return page.error();
  std::ostringstream t;
  json j = {{"total", page->total}, {"items", json::array()}};
  for (const auto& p : page->items) {
    t << p.value.id << "  " << PersonName(p.value) << "\n";
    j["items"].push_back(Versioned(p, J(cases::ToJson(p.value))));
  }
  Print(a.common, t.str(), j);
  return kExitOk;
}

cases::Certification Certification(const Args& a) {
  return {a.certified_by.empty() ? "cli:" + Login() : a.certified_by, a.certified_at.empty() ? Now() : a.certified_at,
          a.statement.empty() ? "記載内容は事実に相違ありません。" : a.statement};
}

Result<int> Disclose(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  auto bytes = ReadFile(a.file);
  if (!bytes) return bytes.error();
  cases::Disclosure d;
  if (fs::path(a.file).extension() == ".json") {
    auto parsed = cases::FromJson<cases::Disclosure>(*bytes);
    if (!parsed) return parsed.error().WithContext(a.file);
    d = std::move(*parsed);
    d.id.clear();
    if (d.certification.certified_by.empty()) d.certification = Certification(a);
  } else {
    // A disclosure import file (CSV / XLSX): this person's rows.
    auto in = cases::ParseDisclosureImport(*bytes, a.file, {});
    if (!in) return in.error();
    for (const auto& e : in->errors) std::cerr << e.ToString() << "\n";
    if (!in->errors.empty()) return kExitSomeFailed;
    auto p = s->store->GetPerson(storage::Visibility::All(), a.id);
    if (!p) return p.error();
    const cases::DisclosureDraft* mine = nullptr;
    for (const auto& draft : in->drafts)
      if (draft.person_id == a.id || (!p->value.erad_id.empty() && draft.erad_id == p->value.erad_id)) mine = &draft;
    if (mine == nullptr) return MakeError(ErrorCode::kNotFound, a.file + ": no rows for " + a.id);
    d = mine->disclosure;
    d.certification = Certification(a);
  }
  d.seq = 0;
  d.person_id.clear();
  auto r = s->store->Disclose(s->caller, a.id, d);
  if (!r) return r.error();
  std::cout << r->value.id << "\n";
  std::cerr << "disclosure version " << r->value.seq << " of " << a.id << " as of " << r->value.as_of << "\n";
  return kExitOk;
}

Result<int> DisclosureHistory(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  auto h = s->store->DisclosureHistory(storage::Visibility::All(), a.id);
  if (!h) return h.error();
  std::ostringstream t;
  json j = json::array();
  for (const auto& d : *h) {
    size_t rows = 0;
    for (const auto& info : cases::DisclosureItems()) rows += d.value.RowCount(info.item);
    t << "v" << d.value.seq << "  as of " << d.value.as_of << "  certified by " << d.value.certification.certified_by
      << " at " << d.value.certification.certified_at << "  " << rows << " rows\n";
    j.push_back(J(cases::ToJson(d.value)));
  }
  Print(a.common, t.str(), j);
  return kExitOk;
}

Result<int> DisclosureDiff(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  auto d = s->store->DiffDisclosures(storage::Visibility::All(), a.id, a.a, a.b);
  if (!d) return d.error();
  std::ostringstream t;
  t << a.id << ": v" << d->before_seq << " (" << d->before_as_of << ") → v" << d->after_seq << " (" << d->after_as_of
    << ")" << (d->empty() ? ": no change" : "") << "\n";
  for (const auto& item : d->items) {
    const auto& info = cases::Info(item.item);
    for (const auto& row : item.rows) {
      t << "  " << info.number << " " << info.ja << "  " << cases::RowChangeKindId(row.kind) << "  " << row.key << "\n";
      if (row.kind == cases::RowChangeKind::kChanged)
        for (const auto& f : row.fields) t << "      " << f.field << ": " << f.before << " → " << f.after << "\n";
    }
  }
  Print(a.common, t.str(), J(cases::ToJson(*d)));
  return kExitOk;
}

Result<int> ProposalSubmit(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  cases::Proposal p;
  p.programme_id = a.programme;
  p.title = a.title;
  p.lead_institution_id = a.lead.empty() ? a.common.tenant : a.lead;
  for (const std::string& m : a.members) {
    // PERSON:ROLE[:INSTITUTION]
    auto c1 = m.find(':');
    if (c1 == std::string::npos)
      return MakeError(ErrorCode::kInvalidArgument, "--member " + m + ": expected PERSON:ROLE[:INSTITUTION]");
    auto c2 = m.find(':', c1 + 1);
    std::string role = m.substr(c1 + 1, c2 == std::string::npos ? std::string::npos : c2 - c1 - 1);
    auto r = cases::ParseTeamRole(role);
    if (!r) return MakeError(ErrorCode::kInvalidArgument, "--member " + m + ": unknown role \"" + role + "\"");
    p.team.push_back({m.substr(0, c1), c2 == std::string::npos ? p.lead_institution_id : m.substr(c2 + 1), *r});
  }
  p.partner_institution_ids = a.partners;
  auto r = s->store->SubmitProposal(s->caller, p);
  if (!r) return r.error();
  std::cout << r->value.id << "\n";
  return kExitOk;
}

Result<int> ProposalState(Args& a, cases::ProposalState to) {
  auto s = Open(a.common);
  if (!s) return s.error();
  auto p = s->store->GetProposal(storage::Visibility::All(), a.id);
  if (!p) return p.error();
  auto r = s->store->ChangeProposalState(s->caller, a.id, to, p->version);
  if (!r) return r.error();
  std::cout << r->value.id << " " << cases::ProposalStateId(r->value.state) << "\n";
  return kExitOk;
}

Result<int> CaseOpen(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  auto r = s->store->OpenCase(s->caller, a.id);
  if (!r) return r.error();
  std::cout << r->value.id << "\n";
  return kExitOk;
}

Result<int> CaseShow(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  auto v = s->store->GetCase(storage::Visibility::All(), a.id);
  if (!v) return v.error();
  Print(a.common, CaseText(*v), CaseJson(*v));
  return kExitOk;
}

Result<int> CaseList(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  storage::ListOptions o;
  o.limit = 0;
  if (!a.state.empty()) o.where = {{"state", a.state}};
  storage::Visibility vis =
      a.common.tenant.empty() ? storage::Visibility::All() : storage::Visibility::Of({a.common.tenant});
  auto page = s->store->ListCases(vis, o);
  if (!page) return page.error();
  std::ostringstream t;
  json j = {{"total", page->total}, {"items", json::array()}};
  for (const auto& c : page->items) {
    t << c.value.id << "  " << c.value.state << "  proposal " << c.value.proposal_id << "  opened " << c.value.opened_at
      << "\n";
    j["items"].push_back(Versioned(c, J(cases::ToJson(c.value))));
  }
  Print(a.common, t.str(), j);
  return kExitOk;
}

Result<int> CaseAdvance(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  auto t = workflow::ParseTransition(a.transition);
  if (!t) return t.error();
  auto v = s->store->GetCase(storage::Visibility::All(), a.id);
  if (!v) return v.error();
  auto r = s->store->Advance(s->caller, a.id, *t, v->kase.version, a.reason);
  if (!r) return r.error();
  std::cout << r->value.id << " " << v->kase.value.state << " → " << r->value.state << "\n";
  return kExitOk;
}

Result<int> CaseTransitions(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  auto choices = s->store->AllowedTransitions(s->caller, a.id);
  if (!choices) return choices.error();
  std::ostringstream t;
  json j = json::array();
  for (const auto& c : *choices) {
    t << workflow::Name(c.transition) << " → " << workflow::Name(c.to)
      << (c.blockers.empty() ? "  (ready)" : "  blocked:") << "\n";
    for (const auto& b : c.blockers) t << "    - " << b << "\n";
    j.push_back({{"transition", workflow::Name(c.transition)}, {"to", workflow::Name(c.to)}, {"blockers", c.blockers}});
  }
  Print(a.common, t.str(), j);
  return kExitOk;
}

Result<int> CaseNoDisclosure(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  if (auto r = s->store->RecordNoDisclosureReason(s->caller, a.id, a.person, a.reason); !r) return r.error();
  std::cout << a.id << " " << a.person << ": reason recorded\n";
  return kExitOk;
}

Result<int> CaseScreen(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  fs::path keyword_dir = a.keywords.empty() ? DefaultDataDir() / "keywords" : fs::path(a.keywords);
  auto list = technology::LoadKeywordDirectory(keyword_dir);
  if (!list) return list.error().WithContext("loading keyword lists");
  auto screener = screening::Screener::Create(std::move(*list), {});
  if (!screener) return screener.error();
  auto doc = documents::ReadDocument(a.file, {});
  if (!doc) return doc.error();
  std::optional<rules::ReadinessAnswers> answers;
  fs::path answers_file = a.answers;
  if (answers_file.empty()) {
    fs::path beside = fs::path(a.file).parent_path() / (fs::path(a.file).stem().string() + ".answers.toml");
    if (fs::exists(beside)) answers_file = beside;
  }
  if (!answers_file.empty()) {
    auto bytes = ReadFile(answers_file);
    if (!bytes) return bytes.error();
    auto parsed = rules::ParseReadinessAnswers(*bytes, answers_file.string());
    if (!parsed) return parsed.error();
    answers = std::move(*parsed);
  }
  screening::ScreeningResult result = screener->Screen(*doc, answers);
  cases::ScreeningRef ref;
  ref.kind = cases::ScreeningKind::kKeywords;
  cases::KeywordScreening k;
  k.document = fs::path(a.file).filename().string();
  k.keyword_list_version = result.keyword_list_version;
  k.keyword_hit = result.classification.keyword_hit;
  k.level = result.classification.level;
  k.min_level = result.classification.min_level;
  k.max_level = result.classification.max_level;
  k.reasons = result.classification.reasons;
  for (const auto& e : result.evidence) k.keywords.push_back(e.term);
  ref.keywords = k;
  auto r = s->store->AttachScreening(s->caller, a.id, ref);
  if (!r) return r.error();
  std::cout << r->value.id << "\n";
  std::cerr << a.id << ": " << k.document << " screened with " << k.keyword_list_version << ": level "
            << (k.level ? std::string(rules::RiskLevelId(*k.level)) : "undetermined") << ", " << k.keywords.size()
            << " keywords\n";
  return kExitOk;
}

Result<int> CaseCheck(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  auto snapshots = LoadLists(a.lists);
  if (!snapshots) return snapshots.error();
  auto checker = checking::EntityChecker::Build(std::move(*snapshots), std::nullopt, {});
  if (!checker) return checker.error();
  auto view = s->store->GetCase(storage::Visibility::All(), a.id);
  if (!view) return view.error();
  storage::SubjectChecker check = MakeSubjectChecker(*checker);
  std::vector<storage::CheckSubject> subjects;
  for (const auto& p : view->team) subjects.push_back({{cases::SubjectKind::kPerson, p.value.id}, p.value.names, ""});
  for (const auto& o : view->partner_organisations)
    subjects.push_back({{cases::SubjectKind::kOrganisation, o.value.id}, o.value.names, o.value.country});
  for (const auto& i : view->partner_institutions)
    subjects.push_back({{cases::SubjectKind::kOrganisation, i.value.id}, Names(i.value.name_ja, i.value.name_en), ""});
  int hits = 0;
  for (const auto& subject : subjects) {
    auto lc = check(subject);
    if (!lc) return lc.error();
    cases::ScreeningRef ref;
    ref.kind = cases::ScreeningKind::kLists;
    ref.lists = *lc;
    auto r = s->store->AttachScreening(s->caller, a.id, ref);
    if (!r) return r.error();
    hits += static_cast<int>(lc->hits.size());
    for (const auto& h : lc->hits)
      std::cout << subject.subject.id << "  " << h.snapshot.list_id << ":" << h.entry_id << "  \"" << h.matched_name
                << "\"  " << h.score << "  " << h.explanation << "\n";
  }
  std::cerr << a.id << ": " << subjects.size() << " subjects checked, " << hits << " hits attached\n";
  return kExitOk;
}

Result<int> Assess(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  workflow::Evaluation e;
  if (!a.person.empty() == !a.partner.empty())
    return MakeError(ErrorCode::kInvalidArgument, "give exactly one of --person or --partner");
  e.subject = a.person.empty() ? workflow::Subject{workflow::SubjectKind::kInstitution, a.partner}
                               : workflow::Subject{workflow::SubjectKind::kPerson, a.person};
  auto risk = workflow::ParseRiskAnswer(a.risk);
  if (!risk) return risk.error();
  e.risk = *risk;
  e.rationale = a.rationale;
  e.categories = a.categories;
  e.flag_ids = a.flags;
  auto dd = workflow::ParseDueDiligenceState(a.dd);
  if (!dd) return dd.error();
  e.due_diligence.state = *dd;
  e.due_diligence.note = a.dd_note;
  for (const std::string& g : a.gaps) {
    auto [what, why] = SplitBar(g);
    e.due_diligence.unobtainable.push_back({what, why});
  }
  auto r = s->store->Assess(s->caller, a.id, e);
  if (!r) return r.error();
  std::cout << r->value.id << "\n";
  return kExitOk;
}

Result<int> MeasureAdd(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  workflow::Measure m;
  if (!a.person.empty() == !a.partner.empty())
    return MakeError(ErrorCode::kInvalidArgument, "give exactly one of --person or --partner");
  m.subject = a.person.empty() ? workflow::Subject{workflow::SubjectKind::kInstitution, a.partner}
                               : workflow::Subject{workflow::SubjectKind::kPerson, a.person};
  m.catalogue_id = a.kind;
  m.description = a.description;
  m.owner = a.owner;
  if (!a.due.empty()) {
    auto d = workflow::ParseDate(a.due, "--due");
    if (!d) return d.error();
    m.due_date = *d;
  }
  m.binds = a.binds;
  auto r = s->store->AddMeasure(s->caller, a.id, m);
  if (!r) return r.error();
  std::cout << r->value.id << "\n";
  return kExitOk;
}

Result<int> MeasureUpdate(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  auto m = s->store->GetMeasure(storage::Visibility::All(), a.id);
  if (!m) return m.error();
  int64_t version = m->version;
  auto step = [&](Result<storage::Stored<workflow::Measure>> r) -> Result<void> {
    if (!r) return r.error();
    version = r->version;
    return Ok();
  };
  if (!a.consent.empty()) {
    workflow::Consent c{a.consent, a.refused ? workflow::ConsentAnswer::kRefused : workflow::ConsentAnswer::kConsented,
                        "", a.consent_note};
    if (auto r = step(s->store->RecordMeasureConsent(s->caller, a.id, version, c)); !r) return r.error();
  }
  if (!a.feasible.empty())
    if (auto r = step(s->store->ConfirmMeasureFeasibility(s->caller, a.id, version, {"", "", a.feasible})); !r)
      return r.error();
  if (!a.status.empty()) {
    auto st = workflow::ParseMeasureStatus(a.status);
    if (!st) return st.error();
    if (auto r = step(s->store->ChangeMeasureStatus(s->caller, a.id, version, {*st, "", "", a.note})); !r)
      return r.error();
  }
  std::cout << a.id << " version " << version << "\n";
  return kExitOk;
}

Result<int> ReviewAssign(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  auto r = s->store->AssignReviewers(s->caller, a.id, a.stage, a.reviewers);
  if (!r) return r.error();
  std::cout << r->value.id << "\n";
  return kExitOk;
}

Result<int> ReviewVote(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  auto vote = workflow::ParseVote(a.vote);
  if (!vote) return vote.error();
  auto review = s->store->GetReview(storage::Visibility::All(), a.id);
  if (!review) return review.error();
  std::optional<int64_t> version = review->version;
  auto r = s->store->Vote(s->caller, a.id, *version, {a.reviewer, *vote, a.text, ""});
  if (!r) return r.error();
  std::cout << a.id << " " << r->value.opinions.size() << "/" << r->value.reviewers.size() << " opinions\n";
  return kExitOk;
}

Result<int> ReviewDecide(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  workflow::Decision d;
  auto outcome = workflow::ParseOutcome(a.outcome);
  if (!outcome) return outcome.error();
  d.outcome = *outcome;
  d.conditions = a.conditions;
  d.reasons = a.reasons;
  auto target = workflow::ParseCorrectionTarget(a.target);
  if (!target) return target.error();
  d.correction_target = *target;
  auto r = s->store->Decide(s->caller, a.id, d);
  if (!r) return r.error();
  std::cout << r->value.id << "\n";
  if (r->value.appeal_deadline)
    std::cerr << "declined: an appeal may be filed until " << workflow::FormatDate(*r->value.appeal_deadline) << "\n";
  return kExitOk;
}

Result<int> FollowupList(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  storage::ListOptions o;
  o.limit = 0;
  if (!a.case_id.empty()) o.where.push_back({"case_id", a.case_id});
  if (!a.status.empty()) o.where.push_back({"status", a.status});
  auto page = s->store->ListFollowUps(storage::Visibility::All(), o);
  if (!page) return page.error();
  std::ostringstream t;
  json j = {{"total", page->total}, {"items", json::array()}};
  for (const auto& f : page->items) {
    t << f.value.id << "  " << f.value.case_id << "  " << workflow::Name(f.value.kind) << "  "
      << workflow::Name(f.value.status) << "  " << f.value.note << "\n";
    j["items"].push_back(Versioned(f, J(workflow::ToJson(f.value))));
  }
  Print(a.common, t.str(), j);
  return kExitOk;
}

Result<int> FollowupRun(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  auto snapshots = LoadLists(a.lists);
  if (!snapshots) return snapshots.error();
  auto checker = checking::EntityChecker::Build(std::move(*snapshots), std::nullopt, {});
  if (!checker) return checker.error();
  auto run = s->store->OnListSnapshotChanged(s->caller, MakeSubjectChecker(*checker));
  if (!run) return run.error();
  std::string today = a.today.empty() ? Now().substr(0, 10) : a.today;
  auto overdue = s->store->MarkOverdueMeasures(s->caller, today);
  if (!overdue) return overdue.error();
  std::ostringstream t;
  t << run->cases_checked << " cases, " << run->subjects_checked << " subjects re-checked; "
    << run->opened.size() + overdue->size() << " follow-ups opened\n";
  json j = {
      {"cases_checked", run->cases_checked}, {"subjects_checked", run->subjects_checked}, {"opened", json::array()}};
  for (const auto* list : {&run->opened, &*overdue})
    for (const auto& f : *list) {
      t << "  " << f.value.id << "  " << f.value.case_id << "  " << workflow::Name(f.value.kind) << "  " << f.value.note
        << "\n";
      j["opened"].push_back(J(workflow::ToJson(f.value)));
    }
  Print(a.common, t.str(), j);
  return kExitOk;
}

// ---- appeals, closing follow-ups, evidence, restricted items ⑫ ⑬ ---------------------------

Result<int> CaseAppeal(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  workflow::Appeal appeal;
  appeal.grounds = a.reason;
  auto r = s->store->FileAppeal(s->caller, a.id, appeal);
  if (!r) return r.error();
  std::cout << r->value.id << "\n";
  return kExitOk;
}

// Decides the case's latest appeal (CaseView::appeal), at the version just read.
Result<int> CaseAppealDecide(Args& a) {
  if (a.grant == a.reject) return MakeError(ErrorCode::kInvalidArgument, "give exactly one of --grant or --reject");
  auto s = Open(a.common);
  if (!s) return s.error();
  auto view = s->store->GetCase(storage::Visibility::All(), a.id);
  if (!view) return view.error();
  if (!view->appeal) return MakeError(ErrorCode::kFailedPrecondition, "cases/" + a.id + ": no appeal filed");
  auto status = a.grant ? workflow::AppealStatus::kGranted : workflow::AppealStatus::kDismissed;
  auto r = s->store->DecideAppeal(s->caller, view->appeal->value.id, view->appeal->version, status, a.reason);
  if (!r) return r.error();
  std::cout << r->value.id << " " << (a.grant ? "granted" : "dismissed") << "\n";
  return kExitOk;
}

// The store has no single-follow-up read: the version comes from the list.
Result<int> FollowupClose(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  storage::ListOptions o;
  o.limit = 0;
  auto page = s->store->ListFollowUps(storage::Visibility::All(), o);
  if (!page) return page.error();
  auto f = std::find_if(page->items.begin(), page->items.end(), [&](const auto& x) { return x.value.id == a.id; });
  if (f == page->items.end()) return MakeError(ErrorCode::kNotFound, "followups/" + a.id + ": not found");
  auto r = s->store->CloseFollowUp(s->caller, a.id, f->version, a.note);
  if (!r) return r.error();
  std::cout << r->value.id << " " << workflow::Name(r->value.status) << "\n";
  return kExitOk;
}

Result<int> FollowupReport(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  if (!a.person.empty() == !a.partner.empty())
    return MakeError(ErrorCode::kInvalidArgument, "give exactly one of --person or --partner");
  workflow::Subject subject = a.person.empty() ? workflow::Subject{workflow::SubjectKind::kInstitution, a.partner}
                                               : workflow::Subject{workflow::SubjectKind::kPerson, a.person};
  auto r = s->store->ReportChangeToFunder(s->caller, a.id, subject, a.ref.empty() ? Now() : a.ref, a.note);
  if (!r) return r.error();
  std::cout << r->value.id << "\n";
  return kExitOk;
}

Result<int> MeasureEvidence(Args& a) {
  auto bytes = ReadFile(a.file);
  if (!bytes) return bytes.error();
  if (sodium_init() < 0) return MakeError(ErrorCode::kInternal, "libsodium failed to initialise");
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes->data()), bytes->size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  auto s = Open(a.common);
  if (!s) return s.error();
  auto m = s->store->GetMeasure(storage::Visibility::All(), a.id);
  if (!m) return m.error();
  workflow::Evidence e;
  e.file_name = fs::path(a.file).filename().string();
  e.sha256 = hex;
  auto r = s->store->AddMeasureEvidence(s->caller, a.id, m->version, e);
  if (!r) return r.error();
  std::cout << a.id << " version " << r->version << " evidence " << e.file_name << " sha256 " << e.sha256 << "\n";
  return kExitOk;
}

// With FILE: stores a new version of PERSON's items ⑫ ⑬; without: reads them (audited).
Result<int> PersonRestricted(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  if (!a.file.empty()) {
    auto bytes = ReadFile(a.file);
    if (!bytes) return bytes.error();
    // id, person and version are the store's to assign: the file need not carry them.
    json body = json::parse(*bytes, nullptr, false);
    if (!body.is_object()) return MakeError(ErrorCode::kInvalidArgument, a.file + ": not a JSON object");
    body["id"] = "";
    body["person_id"] = a.id;
    body["seq"] = 0;
    auto parsed = cases::FromJson<cases::RestrictedDisclosure>(body.dump());
    if (!parsed) return parsed.error().WithContext(a.file);
    cases::RestrictedDisclosure r = std::move(*parsed);
    r.id.clear();
    r.seq = 0;
    r.person_id.clear();
    if (r.certification.certified_by.empty()) r.certification = Certification(a);
    auto stored = s->store->DiscloseRestricted(s->caller, a.id, r);
    if (!stored) return stored.error();
    std::cout << stored->value.id << "\n";
    return kExitOk;
  }
  auto read = s->store->ReadRestricted(s->caller, a.id, a.reason.empty() ? "highfence person restricted" : a.reason);
  if (!read) return read.error();
  std::ostringstream t;
  json j = json::array();
  for (const auto& v : *read) {
    t << v.value.id << "  version " << v.value.seq << "  as of " << v.value.as_of << "  nationalities";
    for (const auto& n : v.value.nationalities) t << " " << n;
    t << "\n";
    j.push_back(Versioned(v, J(cases::ToJson(v.value))));
  }
  Print(a.common, t.str(), j);
  return kExitOk;
}

Result<int> ImportTeam(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  auto bytes = ReadFile(a.file);
  if (!bytes) return bytes.error();
  auto team = cases::ParseTeamImport(*bytes, a.file);
  if (!team) return team.error();
  // One transaction for the whole file: a failing row leaves the team as it was (without
  // --partial), and a kill leaves it wholly before or wholly after.
  auto out = s->store->ImportTeam(s->caller, a.id, *team, a.file, a.partial);
  if (!out) return out.error();
  for (const auto& e : out->errors) std::cerr << e.ToString() << "\n";
  if (out->refused(a.partial)) {
    std::cerr << a.file << ": " << out->errors.size()
              << " problems; nothing written (--partial writes the good rows)\n";
    return kExitSomeFailed;
  }
  std::cout << out->added << " members added to " << a.id;
  if (out->already_on_team > 0) std::cout << " (" << out->already_on_team << " already on the team)";
  std::cout << "\n";
  return out->errors.empty() ? kExitOk : kExitSomeFailed;
}

Result<int> ImportDisclosures(Args& a) {
  auto s = Open(a.common);
  if (!s) return s.error();
  auto bytes = ReadFile(a.file);
  if (!bytes) return bytes.error();
  auto in = cases::ParseDisclosureImport(*bytes, a.file, {.today = Now().substr(0, 10)});
  if (!in) return in.error();
  std::vector<std::string> problems;
  for (const auto& e : in->errors) problems.push_back(e.ToString());
  if (!problems.empty() && !a.partial) {
    for (const auto& p : problems) std::cerr << p << "\n";
    std::cerr << a.file << ": " << problems.size() << " problems; nothing written (--partial writes the good rows)\n";
    return kExitSomeFailed;
  }
  auto out = s->store->ImportDisclosures(s->caller, in->drafts, Certification(a), a.partial);
  if (!out) return out.error();
  for (auto e : out->errors) {
    e.file = a.file;
    problems.push_back(e.ToString());
  }
  for (const auto& p : problems) std::cerr << p << "\n";
  if (!out->errors.empty() && !a.partial) {
    std::cerr << a.file << ": " << out->errors.size()
              << " problems; nothing written (--partial writes the good rows)\n";
    return kExitSomeFailed;
  }
  std::cout << out->written << " disclosures written from " << a.file << "\n";
  return problems.empty() ? kExitOk : kExitSomeFailed;
}

}  // namespace

void AddCaseCommands(CLI::App& app, int& status) {
  // One Args for every verb: CLI11 runs exactly one callback.
  static Args a;
  auto verb = [&](CLI::App* parent, const char* name, const char* help, bool read) {
    CLI::App* c = parent->add_subcommand(name, help);
    AddCommon(c, a.common, read);
    return c;
  };

  CLI::App* inst = app.add_subcommand("institution", "institutions (tenants): universities, agencies, hubs");
  inst->require_subcommand(1);
  CLI::App* c = verb(inst, "add", "add an institution; prints its id (role: administrator)", false);
  c->add_option("--name-ja", a.name_ja);
  c->add_option("--name-en", a.name_en);
  c->add_option("--kind", a.kind, "university, agency, hub or company");
  c->add_option("--ror", a.ror);
  Bind(c, status, [] { return InstitutionAdd(a); });

  CLI::App* prog = app.add_subcommand("programme", "funding programmes (研究開発プログラム)");
  prog->require_subcommand(1);
  c = verb(prog, "add", "add a programme; prints its id (role: programme_officer)", false);
  c->add_option("--agency", a.agency)->required();
  c->add_option("--name-ja", a.name_ja);
  c->add_option("--name-en", a.name_en);
  c->add_flag("--designated", a.designated, "a 特定研究開発プログラム (give three --condition)");
  c->add_option("--condition", a.conditions, "\"LABEL|REFERENCE\" of a designation condition");
  Bind(c, status, [] { return ProgrammeAdd(a); });

  CLI::App* org = app.add_subcommand("organisation", "organisations that are not tenants (partners abroad …)");
  org->require_subcommand(1);
  c = verb(org, "add", "add an organisation; prints its id", false);
  c->add_option("--name", a.name)->required();
  c->add_option("--name-latin", a.name_latin);
  c->add_option("--country", a.country);
  c->add_option("--ror", a.ror);
  Bind(c, status, [] { return OrganisationAdd(a); });

  CLI::App* person = app.add_subcommand("person", "people (研究者)");
  person->require_subcommand(1);
  c = verb(person, "add", "add a person; prints its id", false);
  c->add_option("--name", a.name)->required();
  c->add_option("--name-latin", a.name_latin);
  c->add_option("--erad", a.erad, "e-Rad 研究者番号 (8 digits)");
  c->add_option("--orcid", a.orcid);
  Bind(c, status, [] { return PersonAdd(a); });
  c = verb(person, "show", "a person and their number of disclosure versions", true);
  c->add_option("PERSON", a.id)->required();
  Bind(c, status, [] { return PersonShow(a); });
  c = verb(person, "restricted",
           "items ⑫ ⑬: store FILE.json as a new version, or read them (export_control_officer only; audited)", true);
  c->add_option("PERSON", a.id)->required();
  c->add_option("FILE", a.file, "restricted disclosure JSON to store");
  c->add_option("--reason", a.reason, "why they are read (kept in the audit record)");
  c->add_option("--certified-by", a.certified_by);
  c->add_option("--statement", a.statement);
  Bind(c, status, [] { return PersonRestricted(a); });
  c = verb(person, "list", "people (of --tenant, or all)", true);
  Bind(c, status, [] { return PersonList(a); });

  c = verb(&app, "disclose", "store a new disclosure version of PERSON from FILE.json or an import file", false);
  c->add_option("PERSON", a.id)->required();
  c->add_option("FILE", a.file, "disclosure JSON, or a disclosure import CSV/XLSX (this person's rows)")->required();
  c->add_option("--certified-by", a.certified_by);
  c->add_option("--certified-at", a.certified_at);
  c->add_option("--statement", a.statement);
  Bind(c, status, [] { return Disclose(a); });

  CLI::App* disc = app.add_subcommand("disclosure", "disclosure versions: history, diff");
  disc->require_subcommand(1);
  c = verb(disc, "history", "every version of PERSON's disclosure", true);
  c->add_option("PERSON", a.id)->required();
  Bind(c, status, [] { return DisclosureHistory(a); });
  c = verb(disc, "diff", "what changed from version A to B", true);
  c->add_option("PERSON", a.id)->required();
  c->add_option("A", a.a)->required();
  c->add_option("B", a.b)->required();
  Bind(c, status, [] { return DisclosureDiff(a); });

  CLI::App* prop = app.add_subcommand("proposal", "proposals: submit, shortlist, award, decline");
  prop->require_subcommand(1);
  c = verb(prop, "submit", "submit a proposal; prints its id", false);
  c->add_option("--programme", a.programme)->required();
  c->add_option("--title", a.title)->required();
  c->add_option("--lead", a.lead, "lead institution (default --tenant)");
  c->add_option("--member", a.members, "PERSON:ROLE[:INSTITUTION], ROLE pi, co_pi, participant, student");
  c->add_option("--partner", a.partners, "partner institution or organisation id");
  Bind(c, status, [] { return ProposalSubmit(a); });
  for (auto [name, to] :
       {std::pair{"shortlist", cases::ProposalState::kShortlisted}, std::pair{"award", cases::ProposalState::kAwarded},
        std::pair{"decline", cases::ProposalState::kDeclined}}) {
    c = verb(prop, name, "move the proposal (roles: security_officer, programme_officer)", false);
    c->add_option("PROPOSAL", a.id)->required();
    cases::ProposalState target = to;
    Bind(c, status, [target] { return ProposalState(a, target); });
  }

  CLI::App* kase = app.add_subcommand("case", "cases: the four-step procedure (手順書)");
  kase->require_subcommand(1);
  c = verb(kase, "open", "open the case of a shortlisted PROPOSAL; prints its id", false);
  c->add_option("PROPOSAL", a.id)->required();
  Bind(c, status, [] { return CaseOpen(a); });
  c = verb(kase, "show", "a case with its team, flags, evaluations, measures, reviews, decision", true);
  c->add_option("CASE", a.id)->required();
  Bind(c, status, [] { return CaseShow(a); });
  c = verb(kase, "list", "cases (--state to filter)", true);
  c->add_option("--state", a.state);
  Bind(c, status, [] { return CaseList(a); });
  c = verb(kase, "advance", "take a TRANSITION (e.g. complete_identification)", false);
  c->add_option("CASE", a.id)->required();
  c->add_option("TRANSITION", a.transition)->required();
  c->add_option("--reason", a.reason, "withdrawal reason");
  Bind(c, status, [] { return CaseAdvance(a); });
  c = verb(kase, "transitions", "what the role may do now, and what blocks it", true);
  c->add_option("CASE", a.id)->required();
  Bind(c, status, [] { return CaseTransitions(a); });
  c = verb(kase, "no-disclosure", "record why PERSON has no current disclosure", false);
  c->add_option("CASE", a.id)->required();
  c->add_option("PERSON", a.person)->required();
  c->add_option("REASON", a.reason)->required();
  Bind(c, status, [] { return CaseNoDisclosure(a); });
  c = verb(kase, "screen", "screen the proposal FILE for technology keywords and attach the result", false);
  c->add_option("CASE", a.id)->required();
  c->add_option("FILE", a.file)->required();
  c->add_option("--answers", a.answers, "readiness answers (default: <name>.answers.toml beside FILE)");
  c->add_option("--keywords", a.keywords, "keyword list directory (default: data/keywords)");
  Bind(c, status, [] { return CaseScreen(a); });
  c = verb(kase, "appeal", "file an appeal against CASE's decline; prints the appeal id", false);
  c->add_option("CASE", a.id)->required();
  c->add_option("--reason", a.reason, "the grounds of the appeal")->required();
  Bind(c, status, [] { return CaseAppeal(a); });
  c = verb(kase, "appeal-decide", "grant or reject CASE's pending appeal", false);
  c->add_option("CASE", a.id)->required();
  c->add_flag("--grant", a.grant);
  c->add_flag("--reject", a.reject);
  c->add_option("--reason", a.reason, "why")->required();
  Bind(c, status, [] { return CaseAppealDecide(a); });
  c = verb(kase, "check", "check the team and partners against the lists and attach the results", false);
  c->add_option("CASE", a.id)->required();
  c->add_option("--lists", a.lists, "snapshot file or directory (repeatable; default data/lists)");
  Bind(c, status, [] { return CaseCheck(a); });

  c = verb(&app, "assess", "② record an evaluation of a team member or partner", false);
  c->add_option("CASE", a.id)->required();
  c->add_option("--person", a.person);
  c->add_option("--partner", a.partner);
  c->add_option("--risk", a.risk, "yes, no or unsure")->required();
  c->add_option("--rationale", a.rationale)->required();
  c->add_option("--category", a.categories, "risk category id (data/workflow/risk_categories.tsv)");
  c->add_option("--flag", a.flags, "flag id this answers (lists:<list>:<entry>)");
  c->add_option("--dd", a.dd, "due diligence: done, not_done or partial");
  c->add_option("--gap", a.gaps, "\"WHAT|WHY\" information that could not be obtained (partial)");
  c->add_option("--dd-note", a.dd_note);
  Bind(c, status, [] { return Assess(a); });

  CLI::App* measure = app.add_subcommand("measure", "③ mitigation measures");
  measure->require_subcommand(1);
  c = verb(measure, "add", "add a measure from the catalogue; prints its id", false);
  c->add_option("CASE", a.id)->required();
  c->add_option("--kind", a.kind, "catalogue id (data/workflow/measures.tsv)")->required();
  c->add_option("--person", a.person);
  c->add_option("--partner", a.partner);
  c->add_option("--description", a.description)->required();
  c->add_option("--owner", a.owner)->required();
  c->add_option("--due", a.due, "YYYY-MM-DD");
  c->add_option("--binds", a.binds, "person whose consent it needs (repeatable)");
  Bind(c, status, [] { return MeasureAdd(a); });
  c = verb(measure, "update", "record consent, feasibility or a status change", false);
  c->add_option("MEASURE", a.id)->required();
  c->add_option("--consent", a.consent, "person consenting");
  c->add_flag("--refused", a.refused, "the person refuses (with --consent-note)");
  c->add_option("--consent-note", a.consent_note);
  c->add_option("--feasible", a.feasible, "feasibility confirmed, with a note");
  c->add_option("--status", a.status, "planned, in_progress, done, cancelled");
  c->add_option("--note", a.note);
  Bind(c, status, [] { return MeasureUpdate(a); });

  c = verb(measure, "evidence", "attach FILE as evidence (証跡): its name and sha256 are stored, not the file", false);
  c->add_option("MEASURE", a.id)->required();
  c->add_option("FILE", a.file)->required()->check(CLI::ExistingFile);
  Bind(c, status, [] { return MeasureEvidence(a); });

  CLI::App* review = app.add_subcommand("review", "reviews and decisions");
  review->require_subcommand(1);
  c = verb(review, "assign", "open STAGE of the current round with REVIEWERs; prints the review id", false);
  c->add_option("CASE", a.id)->required();
  c->add_option("STAGE", a.stage)->required();
  c->add_option("REVIEWER", a.reviewers)->required();
  Bind(c, status, [] { return ReviewAssign(a); });
  c = verb(review, "vote", "record a reviewer's opinion", false);
  c->add_option("REVIEW", a.id)->required();
  c->add_option("--vote", a.vote, "approve, conditions, correction, decline, abstain")->required();
  c->add_option("--text", a.text);
  c->add_option("--reviewer", a.reviewer, "the assigned reviewer voting (default: the OS user)");
  Bind(c, status, [] { return ReviewVote(a); });
  c = verb(review, "decide", "record the decision of the current round", false);
  c->add_option("CASE", a.id)->required();
  c->add_option("--outcome", a.outcome, "proceed, proceed_with_conditions, correction_required, decline")->required();
  c->add_option("--condition", a.conditions);
  c->add_option("--reason", a.reasons);
  c->add_option("--target", a.target, "correction target: identification or mitigation");
  Bind(c, status, [] { return ReviewDecide(a); });

  CLI::App* fu = app.add_subcommand("followup", "④ follow-ups");
  fu->require_subcommand(1);
  c = verb(fu, "list", "follow-ups (--case, --status open|done)", true);
  c->add_option("--case", a.case_id);
  c->add_option("--status", a.status);
  Bind(c, status, [] { return FollowupList(a); });
  c = verb(fu, "run", "re-check open cases against the lists; mark overdue measures", true);
  c->add_option("--lists", a.lists, "snapshot file or directory (repeatable; default data/lists)");
  c->add_option("--today", a.today, "YYYY-MM-DD (default: today)");
  Bind(c, status, [] { return FollowupRun(a); });

  c = verb(fu, "close", "close FOLLOWUP once what it asks for is done", false);
  c->add_option("FOLLOWUP", a.id)->required();
  c->add_option("--note", a.note, "how it was resolved")->required();
  Bind(c, status, [] { return FollowupClose(a); });
  c = verb(fu, "report", "record a change reported to the funder (変更報告); prints the follow-up id", false);
  c->add_option("CASE", a.id)->required();
  c->add_option("--note", a.note, "what changed")->required();
  c->add_option("--ref", a.ref, "the report's reference (default: now)");
  c->add_option("--person", a.person, "the person the change concerns (or --partner)");
  c->add_option("--partner", a.partner, "the partner the change concerns");
  Bind(c, status, [] { return FollowupReport(a); });

  CLI::App* imp = app.add_subcommand("import", "import a team or disclosures from CSV / XLSX");
  imp->require_subcommand(1);
  c = verb(imp, "team", "add the members of FILE to CASE's team", false);
  c->add_option("FILE", a.file)->required();
  c->add_option("--case", a.id)->required();
  c->add_flag("--partial", a.partial, "write the good rows even when some rows have errors");
  Bind(c, status, [] { return ImportTeam(a); });
  c = verb(imp, "disclosures", "store the disclosures of FILE (one version per person and as-of date)", false);
  c->add_option("FILE", a.file)->required();
  c->add_flag("--partial", a.partial, "write the good rows even when some rows have errors");
  c->add_option("--certified-by", a.certified_by);
  c->add_option("--statement", a.statement);
  Bind(c, status, [] { return ImportDisclosures(a); });
}

}  // namespace highfence::cli
