// SPDX-License-Identifier: Apache-2.0
// docs/api/openapi.json against the server: every registered route is described and every
// described route is registered; every request and response example validates against its
// schema (valijson, JSON Schema draft 7, which OpenAPI 3.1 schemas are written in here).
#include "server/openapi.h"

#include <gtest/gtest.h>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <nlohmann/json.hpp>
#include <set>

#include "server/account_routes.h"
#include "server/resources.h"
#include "server/server.h"
#include "tests/server/in_memory_account_store.h"
#include "tests/server/openapi_contract.h"
#include "tests/support/data.h"

namespace highfence::server {
namespace {

using nlohmann::json;

json Document() {
  return json::parse(testing::ReadFileOrFail(testing::RepoPath("docs/api/openapi.json")));
}

// The routes of a fully wired server (infrastructure and accounts), as "METHOD /pattern".
std::set<std::string> RegisteredRoutes() {
  testing::InMemoryAccountStore store;
  auth::InMemoryThrottleStore throttle;
  auth::AccountsOptions o;
  o.password.opslimit = 1;
  o.password.memlimit = 8 << 10;
  auth::Accounts accounts(store, throttle, o);
  Server server(Options{});
  AddAccountRoutes(server, accounts, {});
  AddResourceRoutes(server, {}, {});
  std::set<std::string> out;
  for (const Route& r : server.Routes()) out.insert(r.method + " " + r.pattern);
  return out;
}

std::set<std::string> DescribedRoutes(const json& doc) {
  std::set<std::string> out;
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, op] : item.items()) {
      std::string m = method;
      for (char& c : m) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out.insert(m + " " + path);
    }
  return out;
}

TEST(OpenApiTest, ServedDocumentIsTheOneInTheRepository) {
  EXPECT_EQ(json::parse(OpenApiDocument()), Document()) << "rebuild: the served copy is compiled in";
}

TEST(OpenApiTest, EveryRegisteredRouteIsDescribedAndEveryDescribedRouteIsRegistered) {
  std::set<std::string> registered = RegisteredRoutes();
  std::set<std::string> described = DescribedRoutes(Document());
  for (const std::string& r : registered) EXPECT_TRUE(described.count(r)) << r << " is not in docs/api/openapi.json";
  for (const std::string& d : described) EXPECT_TRUE(registered.count(d)) << d << " is described but not served";
  EXPECT_GE(registered.size(), 10u);
}

TEST(OpenApiTest, RoutesWithAnActionSayWhichInTheDocument) {
  testing::InMemoryAccountStore store;
  auth::InMemoryThrottleStore throttle;
  auth::Accounts accounts(store, throttle, {});
  Server server(Options{});
  AddAccountRoutes(server, accounts, {});
  AddResourceRoutes(server, {}, {});
  json doc = Document();
  for (const Route& r : server.Routes()) {
    std::string m = r.method;
    for (char& c : m) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const json& op = doc["paths"][r.pattern][m];
    if (r.action)
      EXPECT_EQ(op.value("x-action", ""), access::ActionName(*r.action)) << r.method << " " << r.pattern;
    else
      EXPECT_FALSE(op.contains("x-action")) << r.method << " " << r.pattern;
    EXPECT_EQ(op.contains("security") && op["security"].empty(), r.audience == Audience::kPublic)
        << r.method << " " << r.pattern << ": public routes have security: []";
  }
}

// Validates `example` against `schema`, resolving "#/components/…" in the whole document.
std::string Validate(const json& doc, const json& schema, const json& example) {
  json root = {{"components", doc["components"]}, {"allOf", json::array({schema})}};
  valijson::Schema compiled;
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter root_adapter(root);
  parser.populateSchema(root_adapter, compiled);
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(example);
  if (validator.validate(compiled, target, &results)) return "";
  std::string why;
  valijson::ValidationResults::Error e;
  while (results.popError(e)) {
    for (const std::string& c : e.context) why += c;
    why += ": " + e.description + "\n";
  }
  return why.empty() ? "invalid" : why;
}

TEST(OpenApiTest, EveryExampleValidatesAgainstItsSchema) {
  json doc = Document();
  int validated = 0;
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, op] : item.items()) {
      std::vector<std::pair<std::string, json>> media;
      if (op.contains("requestBody")) media.emplace_back("request", op["requestBody"]["content"]);
      for (const auto& [status, resp] : op["responses"].items())
        if (resp.contains("content")) media.emplace_back(status, resp["content"]);
      for (const auto& [where, content] : media) {
        if (!content.contains("application/json")) continue;
        const json& m = content["application/json"];
        if (!m.contains("example")) continue;
        std::string why = Validate(doc, m["schema"], m["example"]);
        EXPECT_EQ(why, "") << method << " " << path << " " << where;
        ++validated;
      }
    }
  EXPECT_GE(validated, 15);
}

TEST(OpenApiTest, TheValidatorRejectsAWrongExample) {
  json doc = Document();
  json bad_token = {{"id", "XYZ"}, {"name", 7}};
  EXPECT_NE(Validate(doc, {{"$ref", "#/components/schemas/Token"}}, bad_token), "");
  json bad_error = {{"error", {{"code", "teapot"}, {"message", "x"}, {"request_id", "r"}}}};
  EXPECT_NE(Validate(doc, {{"$ref", "#/components/schemas/Error"}}, bad_error), "");
}

// The contract the e2e suites apply to every live response (openapi_contract.h).
TEST(OpenApiContractTest, AcceptsTheDocumentedAnswerAndNamesWhatIsWrongWithAnother) {
  json doc = Document();
  const json& ok = doc["paths"]["/v1/cases/{id}"]["get"]["responses"]["200"]["content"]["application/json"]["example"];
  EXPECT_EQ(testing::CheckAgainstOpenApi("GET", "/v1/cases/{id}", 200, "application/json", ok.dump()), "");

  json bad = ok;
  bad["state"] = 7;
  std::string why = testing::CheckAgainstOpenApi("GET", "/v1/cases/{id}", 200, "application/json", bad.dump());
  EXPECT_NE(why.find("GET /v1/cases/{id} 200 does not match its schema"), std::string::npos) << why;
  EXPECT_NE(why.find("[state]"), std::string::npos) << why;
  bad = ok;
  bad.erase("team");
  why = testing::CheckAgainstOpenApi("GET", "/v1/cases/{id}", 200, "application/json", bad.dump());
  EXPECT_NE(why.find("Missing required property 'team'"), std::string::npos) << why;

  why = testing::CheckAgainstOpenApi("GET", "/v1/cases/{id}", 201, "application/json", ok.dump());
  EXPECT_NE(why.find("201, a status its description does not list"), std::string::npos) << why;
  why = testing::CheckAgainstOpenApi("GET", "/v1/cases/{id}", 200, "application/json", "{\"id\":");
  EXPECT_NE(why.find("body is not JSON"), std::string::npos) << why;
  why = testing::CheckAgainstOpenApi("DELETE", "/v1/cases/{id}", 204, "", "");
  EXPECT_NE(why.find("not described"), std::string::npos) << why;
}

TEST(OpenApiContractTest, GenericErrorStatusesNeedTheErrorBodyAndTheRightKindOfOperation) {
  std::string error =
      R"({"error":{"code":"payload_too_large","message":"body of 9 bytes exceeds the limit","request_id":"4f1c2a9e0b7d3e5a6c8f0d12"}})";
  // A body-taking, authenticated operation may answer 413 with an Error body …
  EXPECT_EQ(testing::CheckAgainstOpenApi("POST", "/v1/people", 413, "application/json", error), "");
  // … but not with any other body,
  std::string why = testing::CheckAgainstOpenApi("POST", "/v1/people", 413, "application/json", R"({"ok":false})");
  EXPECT_NE(why.find("does not match its schema"), std::string::npos) << why;
  // a public operation never answers 401, and a GET without a body never 413.
  EXPECT_NE(testing::CheckAgainstOpenApi("GET", "/healthz", 401, "application/json", error), "");
  EXPECT_NE(testing::CheckAgainstOpenApi("GET", "/v1/cases", 413, "application/json", error), "");
}

}  // namespace
}  // namespace highfence::server
