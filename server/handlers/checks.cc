// SPDX-License-Identifier: Apache-2.0
// POST /v1/checks, POST /v1/checks/batch: names against the lists of entities of concern
// (domain/checking, loaded once at start); GET /v1/lists/snapshots and GET /v1/keyword-lists:
// the exact list editions and keyword-list version that every check and screening names.
#include <filesystem>

#include "domain/checking/entity_checker.h"
#include "domain/screening/screener.h"
#include "server/internal/handlers.h"
#include "server/internal/json_body.h"
#include "server/internal/paging.h"

namespace highfence::server::handlers {
namespace {

using internal::OptionalNumber;
using internal::OptionalString;
using internal::RequiredString;
using nlohmann::json;

constexpr size_t kMaxNameChars = 500;

json HitJson(const checking::ListHit& h) {
  json countries = json::array();
  for (const std::string& c : h.countries) countries.push_back(c);
  json concerns = json::array();
  for (const model::Concern& c : h.concerns) concerns.push_back({{"code", c.code}, {"label", c.label}});
  return {
      {"list_id", h.list_id},
      {"list_title", h.list_title},
      {"snapshot", {{"list_id", h.list_id}, {"version_date", h.snapshot_version}, {"content_hash", h.snapshot_hash}}},
      {"entry_id", h.entry_id},
      {"type", model::EntityTypeName(h.type)},
      {"primary_name", h.primary_name},
      {"matched_name", h.match.record_name},
      {"score", h.match.score},
      {"explanation", h.match.explanation},
      {"against", h.match.against},
      {"countries", countries},
      {"concerns", concerns},
      {"programme", h.programme},
      {"source_address", h.source_address},
      {"via", h.via}};
}

json SnapshotRefs(const checking::EntityChecker& c) {
  json out = json::array();
  for (const model::ListSnapshot& s : c.snapshots())
    out.push_back({{"list_id", s.list_id}, {"version_date", s.version_date}, {"content_hash", s.content_hash}});
  return out;
}

struct CheckQuery {
  std::string name;
  checking::CheckOptions options;
};

// {name, kind, country} of one query; `prefix` names the element in batch errors ("queries[3].").
ApiResult<CheckQuery> DecodeQuery(const json& obj, const std::string& prefix) {
  if (!obj.is_object()) return ApiError::Unprocessable(prefix.substr(0, prefix.size() - 1), "must be an object");
  const bool top = prefix.empty();  // a single check also carries the tuning fields
  for (const auto& [key, value] : obj.items()) {
    bool known =
        key == "name" || key == "kind" || key == "country" || (top && (key == "threshold" || key == "max_results"));
    if (!known) return internal::UnknownField(prefix, key);
  }
  CheckQuery q;
  auto name = RequiredString(obj, "name", kMaxNameChars);
  if (!name) {
    ApiError e = name.error();
    e.field = prefix + e.field;
    return e;
  }
  q.name = *name;
  if (q.name.find_first_not_of(" \t\r\n") == std::string::npos)
    return ApiError::Unprocessable(prefix + "name", "must not be blank");
  auto kind = OptionalString(obj, "kind", 20);
  if (!kind) return ApiError::Unprocessable(prefix + "kind", kind.error().message);
  if (*kind) {
    if (**kind == "organisation")
      q.options.kind = names::Kind::kOrganisation;
    else if (**kind == "person")
      q.options.kind = names::Kind::kPerson;
    else
      return ApiError::Unprocessable(prefix + "kind", "\"" + **kind + "\" is neither organisation nor person");
  }
  auto country = OptionalString(obj, "country", 2);
  if (!country) return ApiError::Unprocessable(prefix + "country", country.error().message);
  if (*country) {
    const std::string& c = **country;
    if (c.size() != 2 || !std::isupper(static_cast<unsigned char>(c[0])) ||
        !std::isupper(static_cast<unsigned char>(c[1])))
      return ApiError::Unprocessable(prefix + "country", "must be an ISO 3166-1 alpha-2 code such as \"CN\"");
    q.options.country = c;
  }
  return q;
}

ApiResult<void> DecodeTuning(const json& obj, checking::CheckOptions& o) {
  auto threshold = OptionalNumber(obj, "threshold", 0.5, 1.0);
  if (!threshold) return threshold.error();
  if (*threshold) o.threshold = **threshold;
  auto max = internal::OptionalInt(obj, "max_results", 1, 50);
  if (!max) return max.error();
  if (*max) o.max_results = static_cast<size_t>(**max);
  return {};
}

json ResultJson(const checking::CheckResult& r) {
  json hits = json::array();
  for (const checking::ListHit& h : r.hits) hits.push_back(HitJson(h));
  return {{"query", r.query}, {"hits", hits}};
}

}  // namespace

void AddCheckRoutes(Server& server, const ResourceServices& services, const ResourceOptions& options) {
  const checking::EntityChecker* checker = services.checker;
  const screening::Screener* screener = services.screener;
  const size_t max_batch = options.max_batch_names;

  server.AddRoute({"POST", "/v1/checks", Audience::kAction, access::Action::kListsCheck, BodyKind::kJson,
                   [checker](Request& req) -> ApiResult<Response> {
                     auto body = internal::ParseJsonObject(req);
                     if (!body) return body.error();
                     auto q = DecodeQuery(*body, "");
                     if (!q) return q.error();
                     if (auto t = DecodeTuning(*body, q->options); !t) return t.error();
                     if (!checker) return NotConfigured("list checker");
                     json out = ResultJson(checker->Check(q->name, q->options));
                     out["snapshots"] = SnapshotRefs(*checker);
                     return Response::Json(200, Dump(out));
                   }});

  server.AddRoute({"POST", "/v1/checks/batch", Audience::kAction, access::Action::kListsCheck, BodyKind::kJson,
                   [checker, max_batch](Request& req) -> ApiResult<Response> {
                     auto body = internal::ParseJsonObject(req);
                     if (!body) return body.error();
                     if (auto u = internal::RejectUnknownFields(*body, {"queries", "threshold", "max_results"}); !u)
                       return u.error();
                     checking::CheckOptions tuning;
                     if (auto t = DecodeTuning(*body, tuning); !t) return t.error();
                     auto it = body->find("queries");
                     if (it == body->end() || !it->is_array())
                       return ApiError::Unprocessable("queries", "must be an array of {name, kind, country}");
                     if (it->empty()) return ApiError::Unprocessable("queries", "is empty");
                     if (it->size() > max_batch)
                       return ApiError::Unprocessable("queries", std::to_string(it->size()) + " names; at most " +
                                                                     std::to_string(max_batch) + " per request");
                     std::vector<CheckQuery> queries;
                     for (size_t i = 0; i < it->size(); ++i) {
                       auto q = DecodeQuery((*it)[i], "queries[" + std::to_string(i) + "].");
                       if (!q) return q.error();
                       q->options.threshold = tuning.threshold;
                       q->options.max_results = tuning.max_results;
                       queries.push_back(std::move(*q));
                     }
                     if (!checker) return NotConfigured("list checker");
                     json results = json::array();
                     size_t with_hits = 0;
                     for (size_t i = 0; i < queries.size(); ++i) {
                       checking::CheckResult r = checker->Check(queries[i].name, queries[i].options);
                       with_hits += r.hits.empty() ? 0 : 1;
                       json one = ResultJson(r);
                       one["index"] = i;
                       results.push_back(std::move(one));
                     }
                     json out = {{"results", results},
                                 {"checked", queries.size()},
                                 {"with_hits", with_hits},
                                 {"snapshots", SnapshotRefs(*checker)}};
                     return Response::Json(200, Dump(out));
                   }});

  server.AddRoute({"GET", "/v1/lists/snapshots", Audience::kAction, access::Action::kListsRead, BodyKind::kNone,
                   [checker](Request& req) -> ApiResult<Response> {
                     internal::PagingSpec spec{.sorts = {"list_id", "version_date", "entries"}, .filters = {"list_id"}};
                     auto page = internal::ParsePaging(req, spec);
                     if (!page) return page.error();
                     if (!checker) return NotConfigured("list checker");
                     json items = json::array();
                     for (const model::ListSnapshot& s : checker->snapshots())
                       items.push_back({{"list_id", s.list_id},
                                        {"title", s.title},
                                        {"publisher", s.publisher},
                                        {"version_date", s.version_date},
                                        {"content_hash", s.content_hash},
                                        {"licence", s.licence},
                                        {"source_address", s.source_address},
                                        {"imported_at", s.imported_at},
                                        {"entries", s.entries.size()}});
                     return Response::Json(200, Dump(internal::PageInMemory(items, *page)));
                   }});

  server.AddRoute({"GET", "/v1/keyword-lists", Audience::kAction, access::Action::kListsRead, BodyKind::kNone,
                   [screener](Request& req) -> ApiResult<Response> {
                     internal::PagingSpec spec{.sorts = {"name", "as_of", "rows"}};
                     auto page = internal::ParsePaging(req, spec);
                     if (!page) return page.error();
                     if (!screener) return NotConfigured("keyword screener");
                     const technology::KeywordList& list = screener->keywords();
                     json files = json::array();
                     for (const technology::KeywordFile& f : list.files)
                       files.push_back({{"file", std::filesystem::path(f.path).filename().string()},
                                        {"name", f.name},
                                        {"source_document", f.source_document},
                                        {"source", f.source},
                                        {"as_of", f.as_of},
                                        {"licence", f.licence},
                                        {"sha256", f.sha256},
                                        {"rows", f.rows}});
                     json out = internal::PageInMemory(files, *page);
                     out["version"] = list.version;
                     out["keywords"] = list.keywords.size();
                     out["cues"] = list.cues.size();
                     return Response::Json(200, Dump(out));
                   }});
}

}  // namespace highfence::server::handlers
