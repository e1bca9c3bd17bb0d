// SPDX-License-Identifier: Apache-2.0
// Fuzzes the HTTP API through its real route table, in process: the server `highfence serve`
// builds (server/serve_setup.h: the same services and routes) over a migrated SQLite database in
// a temporary directory, seeded once with two institutions (an agency and the tenant), a
// programme, an organisation, a person, a shortlisted proposal and its case, and one user per role
// (the researcher linked to the person; each with a session and an API token holding every
// action its role grants). Each input is one
// request sent through Server::ServeInProcess — routing, body limits, authentication, CSRF, the
// role and scope checks, the handler and the error mapping, as after the socket:
//   byte 0  the route: an index into the server's own route table (method + pattern)
//   byte 1  bits 0-2 the role (7 = security officer again); bits 3-4 the credentials: 0, 1 the
//           role's API token, 2 its session with the CSRF token, 3 one of (bits 5-6): nothing,
//           the session without CSRF, an unknown bearer token, the session with a wrong CSRF token
//   byte 2  bits 0-1 Content-Type (application/json, with charset, text/plain, multipart);
//           bits 2-3 the {id} segments (0-2 the seeded record of the collection, 3 the input's
//           first line); bits 4-6 If-Match (none, "0" … "3", W/"1", *)
//   rest    the JSON body (routes with a body) or the query string (the others)
// Asserts: never 5xx; every error body is {"error":{code, message, request_id[, field]}} with a
// non-empty code and message, and a field for 400, 413 and 422; a 4xx appends nothing to the
// audit chain (audit_head.seq unchanged). A request that wrote (2xx on POST / PUT / PATCH /
// DELETE, or any audit record) is undone by restoring the database from the backup taken after
// seeding, so every input starts from the same state.
#include <httplib.h>
#include <sqlite3.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/check.h"
#include "domain/access/action.h"
#include "domain/access/authorize.h"
#include "domain/access/role.h"
#include "server/auth/accounts.h"
#include "server/database_accounts.h"
#include "server/serve_setup.h"
#include "server/server.h"
#include "storage/case_store.h"
#include "storage/database.h"

namespace {

namespace fs = std::filesystem;
using namespace highfence;
using nlohmann::json;

constexpr char kPassword[] = "Hirosaki apple orchard 7";

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "api_routes_fuzzer: %s\n", what.c_str());
  std::abort();
}

std::string_view current_input;  // the input being run, for Problem

// A broken assertion on a response: aborts, or with HF_API_FUZZ_KEEP_GOING=DIR prints it, writes
// the input to DIR/problem-<n> and goes on (to list every problem of a long run at once).
void Problem(const std::string& what) {
  static const char* keep_going = std::getenv("HF_API_FUZZ_KEEP_GOING");
  static int n = 0;
  if (!keep_going || !*keep_going) Die(what);
  std::string file = std::string(keep_going) + "/problem-" + std::to_string(++n);
  std::fprintf(stderr, "api_routes_fuzzer: %s [%s]\n", what.c_str(), file.c_str());
  if (FILE* f = std::fopen(file.c_str(), "wb")) {
    std::fwrite(current_input.data(), 1, current_input.size(), f);
    std::fclose(f);
  }
}

template <typename T>
T Must(Result<T> r, const char* what) {
  if (!r) Die(std::string(what) + ": " + r.error().ToString());
  return std::move(*r);
}

struct Credentials {
  std::string token;  // "hfk_…"
  std::string session;
  std::string csrf;
};

struct World {
  fs::path dir;
  std::unique_ptr<storage::Database> db;
  std::unique_ptr<server::DatabaseAccountStore> store;
  std::unique_ptr<auth::Accounts> accounts;
  server::ServeServices services;
  std::unique_ptr<server::Server> http;
  std::vector<server::Route> routes;
  std::map<std::string, std::string, std::less<>> ids;  // collection ("cases") → seeded id
  std::array<Credentials, access::kAllRoles.size()> creds;
  fs::path backup;
  sqlite3* reader = nullptr;
  sqlite3_stmt* head = nullptr;

  int64_t AuditSeq() {
    HF_CHECK(sqlite3_step(head) == SQLITE_ROW);
    int64_t seq = sqlite3_column_int64(head, 0);
    sqlite3_reset(head);
    return seq;
  }

  void Seed() {
    std::string tenant;
    storage::Caller admin{.user_id = "cli:fuzz", .roles = {access::Role::kAdministrator}};
    cases::Institution jst{.name_ja = "科学技術振興機構",
                           .name_en = "Japan Science and Technology Agency",
                           .kind = cases::InstitutionKind::kAgency};
    std::string agency = Must(services.cases->CreateInstitution(admin, jst), "agency").value.id;
    cases::Institution tohoku{
        .name_ja = "東北大学", .name_en = "Tohoku University", .kind = cases::InstitutionKind::kUniversity};
    tenant = Must(services.cases->CreateInstitution(admin, tohoku), "institution").value.id;
    ids["institutions"] = tenant;

    storage::Caller po{.user_id = "cli:fuzz", .roles = {access::Role::kProgrammeOfficer}, .tenant_id = agency};
    cases::Programme k{.agency_id = agency, .name_ja = "経済安全保障重要技術育成プログラム", .name_en = "K Program"};
    ids["programmes"] = Must(services.cases->CreateProgramme(po, k), "programme").value.id;

    storage::Caller officer{.user_id = "cli:fuzz", .roles = {access::Role::kSecurityOfficer}, .tenant_id = tenant};
    cases::Organisation hit{.names = {{"哈尔滨工业大学", cases::NameScript::kKanji},
                                      {"Harbin Institute of Technology", cases::NameScript::kLatin}},
                            .country = "CN"};
    std::string partner = Must(services.cases->CreateOrganisation(officer, hit), "organisation").value.id;
    ids["organisations"] = partner;
    cases::Person aoba{.names = {{"青葉 花子", cases::NameScript::kKanji},
                                 {"Hanako Aoba", cases::NameScript::kLatin, cases::NameKind::kRomanised}},
                       .erad_id = "70451234"};
    std::string person = Must(services.cases->CreatePerson(officer, aoba), "person").value.id;
    ids["people"] = person;
    cases::Proposal p{.programme_id = ids["programmes"],
                      .title = "NV中心を用いた量子センシングによる自律型水中航走体の航法",
                      .lead_institution_id = tenant,
                      .team = {{person, tenant, cases::TeamRole::kPi}},
                      .partner_institution_ids = {partner}};
    auto proposal = Must(services.cases->SubmitProposal(officer, p), "proposal");
    ids["proposals"] = proposal.value.id;
    Must(services.cases->ChangeProposalState(po, proposal.value.id, cases::ProposalState::kShortlisted,
                                             proposal.version),
         "shortlist");
    ids["cases"] = Must(services.cases->OpenCase(officer, proposal.value.id), "case").value.id;

    // One user per role in the tenant (the researcher is the person), each signed in and holding a
    // token.
    access::Principal root{.user_id = "cli:fuzz", .roles = {access::Role::kAdministrator}, .tenant_id = tenant};
    for (size_t i = 0; i < access::kAllRoles.size(); ++i) {
      access::Role role = access::kAllRoles[i];
      auth::NewUser u{.username = "fuzz_" + std::string(access::RoleName(role)),
                      .password = kPassword,
                      .roles = {role},
                      .person_id = role == access::Role::kResearcher ? person : ""};
      auth::User made = Must(accounts->CreateUser(root, u), "user");
      if (role == access::Role::kSecurityOfficer) ids["users"] = made.id;
      auto login = Must(accounts->Login(u.username, kPassword, "127.0.0.1", "fuzz"), "login");
      creds[i].session = login.session_token;
      creds[i].csrf = login.session.csrf_token;
      auto who = Must(accounts->AuthenticateSession(login.session_token), "session");
      std::vector<access::Action> scopes;
      for (access::Action a : access::kAllActions)
        if (access::Permits(who.principal, a).allowed()) scopes.push_back(a);
      auto token = Must(accounts->CreateToken(who, "fuzz", scopes, std::nullopt), "token");
      creds[i].token = token.secret;
      if (role == access::Role::kSecurityOfficer) ids["tokens"] = token.token.id;
    }
  }

  World() {
    char tmpl[] = "/tmp/hf_api_fuzz.XXXXXX";
    HF_CHECK(mkdtemp(tmpl) != nullptr);
    dir = tmpl;
    fs::path file = dir / "fuzz.db";
    db = Must(storage::Database::Open("sqlite:" + file.string(), {}), "open");
    Must(db->Migrate(), "migrate");
    store = std::make_unique<server::DatabaseAccountStore>(*db);
    auth::AccountsOptions ao;
    ao.password.opslimit = 1;  // sign-in is not what is fuzzed: cheap hashes
    ao.password.memlimit = 8 << 10;
    ao.session_idle = std::chrono::hours(24 * 365);  // a restore puts last_seen_at back
    ao.session_absolute = std::chrono::hours(24 * 365);
    accounts = std::make_unique<auth::Accounts>(*store, *store, ao);
    services = Must(server::LoadServeServices(*db, HF_DATA_DIR), "services");
    server::Options o;
    o.max_body_bytes = 64 << 10;  // -max_len=65536 reaches the limit
    o.log_path = (dir / "server.log").string();
    o.log_level = "error";  // the details of a 5xx, shown by LastLogLine
    http = std::make_unique<server::Server>(o);
    server::AddServeRoutes(*http, *db, *accounts, services);
    routes = http->Routes();
    Seed();
    backup = dir / "seeded.db";
    if (auto r = db->Backup(backup); !r) Die("backup: " + r.error().ToString());
    HF_CHECK(sqlite3_open_v2(file.c_str(), &reader, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    HF_CHECK(sqlite3_prepare_v2(reader, "SELECT seq FROM audit_head WHERE id = 1", -1, &head, nullptr) == SQLITE_OK);
  }
};

World& TheWorld() {
  // Never destroyed (libFuzzer ends with exit(), in no useful order); the temporary directory is
  // removed at exit.
  static World* world = [] {
    World* w = new World();
    static fs::path dir = w->dir;
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(dir, ec);
    });
    return w;
  }();
  return *world;
}

// The server's last log line (the detail of a 500 stays there, as on the network).
std::string LastLogLine(const World& w) {
  FILE* f = std::fopen((w.dir / "server.log").c_str(), "rb");
  if (!f) return "";
  std::string all;
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof(buf), f)) > 0;) all.append(buf, n);
  std::fclose(f);
  while (!all.empty() && all.back() == '\n') all.pop_back();
  return all.substr(all.rfind('\n') + 1);
}

std::string IdFor(const World& w, std::string_view pattern, std::string_view param) {
  if (param != "id") return "appeal_0000000000000000";
  std::string_view rest = pattern.substr(4);  // after "/v1/"
  auto it = w.ids.find(rest.substr(0, rest.find('/')));
  return it == w.ids.end() ? "x_0000000000000000" : it->second;
}

// The pattern with each {name} replaced.
std::string FillPath(const World& w, std::string_view pattern, bool fuzzed, std::string_view fuzzed_id) {
  std::string out;
  size_t i = 0;
  while (i < pattern.size()) {
    size_t open = pattern.find('{', i);
    if (open == std::string_view::npos) {
      out += pattern.substr(i);
      break;
    }
    size_t close = pattern.find('}', open);
    out += pattern.substr(i, open - i);
    out += fuzzed ? std::string(fuzzed_id) : IdFor(w, pattern, pattern.substr(open + 1, close - open - 1));
    i = close + 1;
  }
  return out;
}

void CheckErrorBody(const server::Route& route, int status, const std::string& body) {
  auto fail = [&](const char* why) {
    Problem(route.method + " " + route.pattern + " answered " + std::to_string(status) + " with " + why + ": " + body);
  };
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("error") || !j["error"].is_object())
    return fail("a body that is not the error shape");
  const json& e = j["error"];
  for (const char* key : {"code", "message", "request_id"})
    if (!e.contains(key) || !e[key].is_string() || e[key].get_ref<const std::string&>().empty())
      return fail((std::string("an empty or missing ") + key).c_str());
  if ((status == 400 || status == 413 || status == 422) &&
      (!e.contains("field") || !e["field"].is_string() || e["field"].get_ref<const std::string&>().empty()))
    fail("no field");
}

}  // namespace

// HF_API_FUZZ_ROUTES=1 prints the route table (index: method pattern), to write seed inputs.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  World& w = TheWorld();
  if (const char* list = std::getenv("HF_API_FUZZ_ROUTES"); list && *list == '1')
    for (size_t i = 0; i < w.routes.size(); ++i)
      std::fprintf(stderr, "%zu: %s %s\n", i, w.routes[i].method.c_str(), w.routes[i].pattern.c_str());
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  World& w = TheWorld();
  if (size < 3) return 0;
  current_input = std::string_view(reinterpret_cast<const char*>(data), size);
  const server::Route& route = w.routes[data[0] % w.routes.size()];
  uint8_t who = data[1];
  uint8_t how = data[2];
  std::string_view rest(reinterpret_cast<const char*>(data) + 3, size - 3);

  size_t role = who & 7;
  if (role >= access::kAllRoles.size()) role = 1;  // the security officer
  const Credentials& c = w.creds[role];
  httplib::Request raw;
  raw.method = route.method;
  raw.remote_addr = "127.0.0.1";
  raw.set_header("X-Request-Id", "fuzz-request");
  int auth = (who >> 3) & 3;
  int odd = (who >> 5) & 3;
  if (auth < 2) {
    raw.set_header("Authorization", "Bearer " + c.token);
  } else if (auth == 2 || odd == 1 || odd == 3) {
    raw.set_header("Cookie", "hf_session=" + c.session);
    if (auth == 2) raw.set_header("X-CSRF-Token", c.csrf);
    if (auth == 3 && odd == 3) raw.set_header("X-CSRF-Token", "0" + c.csrf.substr(1));
  } else if (odd == 2) {
    raw.set_header("Authorization", "Bearer hfk_0000000000000000_unknown");
  }

  bool fuzzed_id = ((how >> 2) & 3) == 3;
  std::string_view id;
  if (fuzzed_id) {
    size_t nl = rest.find('\n');
    id = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  }
  raw.path = FillPath(w, route.pattern, fuzzed_id, id);
  int if_match = (how >> 4) & 7;
  if (if_match >= 1 && if_match <= 4) raw.set_header("If-Match", "\"" + std::to_string(if_match - 1) + "\"");
  if (if_match == 5) raw.set_header("If-Match", "W/\"1\"");
  if (if_match == 6) raw.set_header("If-Match", "*");

  if (route.body == server::BodyKind::kNone) {
    httplib::detail::parse_query_text(std::string(rest), raw.params);
  } else {
    static constexpr std::array<const char*, 4> kTypes = {"application/json", "application/json; charset=utf-8",
                                                          "text/plain", "multipart/form-data; boundary=fuzz"};
    raw.set_header("Content-Type", kTypes[how & 3]);
    raw.body = std::string(rest);
    raw.set_header("Content-Length", std::to_string(raw.body.size()));
  }

  int64_t before = w.AuditSeq();
  httplib::Response res;
  w.http->ServeInProcess(raw, res);
  int64_t after = w.AuditSeq();

  if (res.status >= 500 || res.status < 100)
    Problem(route.method + " " + route.pattern + " (" + raw.path + ") answered " + std::to_string(res.status) + ": " +
            res.body + "; log: " + LastLogLine(w));
  if (res.status >= 400) {
    CheckErrorBody(route, res.status, res.body);
    if (after != before)
      Problem(route.method + " " + route.pattern + " answered " + std::to_string(res.status) + " but appended " +
              std::to_string(after - before) + " audit record(s): " + res.body);
  }
  bool wrote = after != before || (route.method != "GET" && res.status < 400);
  if (wrote)
    if (auto r = w.db->Restore(w.backup); !r) Die("restore: " + r.error().ToString());
  return 0;
}
