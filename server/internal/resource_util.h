// SPDX-License-Identifier: Apache-2.0
#pragma once
// What the procedure handlers share: the storage::Caller and Visibility of a request, request
// bodies decoded with the domain codecs, store errors as HTTP errors, stored records rendered
// with their version (and ETag), and the per-record access check (own / assigned / tenant).
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <type_traits>

#include "domain/cases/codec.h"
#include "domain/workflow/codec.h"
#include "server/api_error.h"
#include "server/etag.h"
#include "server/http.h"
#include "server/internal/handlers.h"
#include "server/internal/json_body.h"
#include "server/internal/paging.h"
#include "storage/case_store.h"

namespace highfence::server::internal {

// The caller's own tenant, plus its member institutions for a hub.
storage::Visibility VisibilityOf(const access::Principal& principal);
storage::Caller CallerOf(const Request& req);

// A store or codec error for the client: kInvalidArgument is 422 with the field taken from the
// message's leading path ("team[2].role: …" → field "team[2].role"; after a record name,
// "people/person_1 disclosure: as_of: …" → "as_of"; workflow's `field "reviewers"`), else
// "body": a 422 always names a field.
ApiError StoreError(Error e);

template <typename T>
concept CasesRecord = requires(const T& t) {
  cases::ToJson(t);
};

template <typename T>
std::string ToJsonText(const T& value) {
  if constexpr (CasesRecord<T>)
    return cases::ToJson(value);
  else
    return workflow::ToJson(value);
}

template <typename T>
Result<T> FromJsonText(std::string_view text) {
  if constexpr (CasesRecord<T>)
    return cases::FromJson<T>(text);
  else
    return workflow::FromJson<T>(text);
}

// The body as T: 400 (field "body") for a body that is not a JSON object, 422 naming the field
// for a wrong shape.
template <typename T>
ApiResult<T> DecodeBody(const Request& req) {
  auto obj = ParseJsonObject(req);
  if (!obj) return obj.error();
  // Keys left out take the record's defaults (the store assigns id, tenant, timestamps); keys
  // given are decoded strictly: a wrong type or an unknown key is 422 naming it.
  nlohmann::json full = nlohmann::json::parse(ToJsonText(T{}));
  for (auto& [key, value] : obj->items()) full[key] = std::move(value);
  auto value = FromJsonText<T>(full.dump());
  if (!value) return StoreError(value.error());
  return std::move(*value);
}

// The body of a PUT to /…/{id}: decoded as DecodeBody, its "id" absent or the path's (422).
template <typename T>
ApiResult<T> ReplacementBody(const Request& req) {
  auto value = DecodeBody<T>(req);
  if (!value) return value.error();
  const std::string& id = req.PathParam("id");
  if (!value->id.empty() && value->id != id)
    return ApiError::Unprocessable("id", "\"" + value->id + "\" differs from the path's " + id);
  value->id = id;
  return value;
}

// The record's JSON with "version", "created_at" and "updated_at" added.
template <typename T>
nlohmann::json StoredJson(const storage::Stored<T>& s) {
  nlohmann::json j = nlohmann::json::parse(ToJsonText(s.value));
  j["version"] = s.version;
  j["created_at"] = s.created_at;
  j["updated_at"] = s.updated_at;
  return j;
}

// The codec's object `body` ("{…}") with "version", "created_at" and "updated_at" spliced in.
std::string SpliceStoreFields(std::string body, int64_t version, const std::string& created_at,
                              const std::string& updated_at);

// The same as text, without a parse: the codec's object with the three fields spliced in.
template <typename T>
std::string StoredText(const storage::Stored<T>& s) {
  return SpliceStoreFields(ToJsonText(s.value), s.version, s.created_at, s.updated_at);
}
// The same for a record the store gives as codec text (CaseStore::ListCasesJson).
inline std::string StoredText(const storage::JsonRecord& r) {
  return SpliceStoreFields(r.json, r.version, r.created_at, r.updated_at);
}

template <typename T>
std::string StoredArrayText(const std::vector<storage::Stored<T>>& items) {
  std::string out = "[";
  for (const auto& s : items) {
    if (out.size() > 1) out += ',';
    out += StoredText(s);
  }
  return out + "]";
}

// The page envelope around items already rendered (PageJson without re-parsing them).
std::string PageText(const std::vector<std::string>& items, int64_t total, const PageRequest& page);

template <typename T>
Response StoredResponse(int status, const storage::Stored<T>& s) {
  return Response::Json(status, StoredText(s)).Header("ETag", ETagFor(s.version));
}

storage::ListOptions ListOptionsOf(const PageRequest& page);

// access::Authorize on one record; the error is 404 (not visible: another tenant, not own, not
// assigned) or 403.
ApiResult<void> Authorize(const Request& req, access::Action action, const access::ResourceScope& scope);
// Is the action granted to the caller only on own records / assigned cases (never "allow")?
bool OnlyConditional(const access::Principal& principal, access::Action action);

// The scope of a case: its lead institution, its agency and every reviewer assigned to it.
access::ResourceScope CaseScope(const storage::CaseView& view);
access::ResourceScope PersonScope(const cases::Person& person);
access::ResourceScope ProposalScope(const access::Principal& principal, const cases::Proposal& proposal);

// A required string field of a small JSON body (422 naming it when missing or not a string).
ApiResult<std::string> StringField(const nlohmann::json& obj, std::string_view field);

}  // namespace highfence::server::internal
