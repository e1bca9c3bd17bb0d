// SPDX-License-Identifier: Apache-2.0
#include "tests/server/openapi_contract.h"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "server/openapi.h"

namespace highfence::testing {
namespace {

using nlohmann::json;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The parsed document and the compiled response schemas, compiled on first use. valijson's
// Schema is immutable once populated, so validation runs outside the lock.
class Contract {
 public:
  static Contract& Get() {
    static Contract* c = new Contract();
    return *c;
  }

  std::string Check(std::string_view method, std::string_view pattern, int status, std::string_view content_type,
                    std::string_view body) {
    std::string m = Lower(method);
    if (m == "head") return "";  // no body; GET's entry covers it
    std::string op = std::string(method) + " " + std::string(pattern);
    const json* responses = Responses(m, pattern);
    if (!responses) return op + ": not described in docs/api/openapi.json";
    std::string code = std::to_string(status);
    const json* response = nullptr;
    if (responses->contains(code))
      response = &(*responses)[code];
    else if (responses->contains("default"))
      response = &(*responses)["default"];
    if (!response && GenericStatus(m, pattern, status)) response = &error_response_;
    if (!response) return op + " answered " + code + ", a status its description does not list";
    if (!response->contains("content")) return "";  // no body described (204, or text such as /metrics)
    if (content_type.substr(0, 16) != "application/json") return "";  // text, files: no JSON schema to check
    json value = json::parse(body, nullptr, false);
    if (value.is_discarded()) return op + " " + code + ": body is not JSON: " + std::string(body.substr(0, 200));
    const valijson::Schema* schema = SchemaFor(m, std::string(pattern), code, *response);
    if (!schema) return "";  // the response documents JSON without a schema
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter target(value);
    if (validator.validate(*schema, target, &results)) return "";
    std::string why = op + " " + code + " does not match its schema:\n";
    valijson::ValidationResults::Error e;
    int shown = 0;
    while (results.popError(e) && shown++ < 16) {
      for (const std::string& c : e.context) why += c;
      why += ": " + e.description + "\n";
    }
    return why + "body: " + std::string(body.substr(0, 600));
  }

 private:
  Contract() : doc_(json::parse(server::OpenApiDocument())) {
    error_response_ = {{"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
  }

  // The statuses any operation of its kind may answer without listing them, as the document's
  // info.description says: 500 / 503 anywhere; 400 (query or body) anywhere; 404 where the path
  // names a resource; 401 / 403 / 429 where credentials are needed; 413 / 415 / 422 where a
  // body is taken. Their body must still be the Error schema.
  bool GenericStatus(const std::string& method, std::string_view pattern, int status) const {
    const json& op = doc_["paths"][std::string(pattern)][method];
    bool is_public = op.contains("security") && op["security"].empty();
    bool has_body = op.contains("requestBody");
    switch (status) {
      case 400:
      case 500:
      case 503:
        return true;
      case 404:
        return pattern.find('{') != std::string_view::npos;
      case 401:
      case 403:
      case 429:
        return !is_public;
      case 413:
      case 415:
      case 422:
        return has_body;
      default:
        return false;
    }
  }

  const json* Responses(const std::string& method, std::string_view pattern) const {
    auto path = doc_["paths"].find(std::string(pattern));
    if (path == doc_["paths"].end()) return nullptr;
    auto op = path->find(method);
    if (op == path->end() || !op->contains("responses")) return nullptr;
    return &(*op)["responses"];
  }

  const valijson::Schema* SchemaFor(const std::string& method, const std::string& pattern, const std::string& code,
                                    const json& response) {
    std::lock_guard<std::mutex> lock(mu_);
    std::string key = method + " " + pattern + " " + (&response == &error_response_ ? "error" : code);
    if (auto it = compiled_.find(key); it != compiled_.end()) return it->second.get();
    const json& content = response["content"];
    auto media = content.find("application/json");
    if (media == content.end() || !media->contains("schema")) return compiled_[key].get();
    // The schema wrapped with the document's components so that its $refs resolve.
    auto root =
        std::make_unique<json>(json{{"components", doc_["components"]}, {"allOf", json::array({(*media)["schema"]})}});
    auto schema = std::make_unique<valijson::Schema>();
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(*root);
    parser.populateSchema(adapter, *schema);
    roots_.push_back(std::move(root));
    return (compiled_[key] = std::move(schema)).get();
  }

  json doc_;
  json error_response_;
  std::mutex mu_;
  std::map<std::string, std::unique_ptr<valijson::Schema>> compiled_;
  std::vector<std::unique_ptr<json>> roots_;
};

}  // namespace

std::string CheckAgainstOpenApi(std::string_view method, std::string_view pattern, int status,
                                std::string_view content_type, std::string_view body) {
  return Contract::Get().Check(method, pattern, status, content_type, body);
}

void ResponseContract::Observe(std::string_view method, std::string_view pattern, int status,
                               std::string_view content_type, std::string_view body) {
  std::string problem = CheckAgainstOpenApi(method, pattern, status, content_type, body);
  std::lock_guard<std::mutex> lock(mu_);
  ++checked_;
  if (problem.empty()) return;
  std::string key = std::string(method) + " " + std::string(pattern) + " " + std::to_string(status);
  if (failed_keys_.insert(key).second) problems_.push_back(std::move(problem));
}

std::vector<std::string> ResponseContract::Problems() const {
  std::lock_guard<std::mutex> lock(mu_);
  return problems_;
}

size_t ResponseContract::checked() const {
  std::lock_guard<std::mutex> lock(mu_);
  return checked_;
}

}  // namespace highfence::testing
