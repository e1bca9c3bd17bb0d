// SPDX-License-Identifier: Apache-2.0
// Disclosures (情報開示, items ①–⑪ and e-Rad rows): a person's versions, a new version, the diff
// of two versions; the researcher's own under /v1/me (read, and file a new certified version);
// and the restricted items ⑫ ⑬, readable only by the export-control role, each read audited
// with its reason.
#include "domain/cases/restricted_disclosure_codec.h"
#include "server/internal/resource_util.h"

namespace highfence::server::handlers {
namespace {

using nlohmann::json;
using storage::CaseStore;

ApiResult<int> SeqParam(const Request& req, const char* name) {
  auto v = req.query(name);
  if (!v) return ApiError::Field(ErrorCode::kInvalidArgument, name, std::string("required: the version number (seq)"));
  int n = 0;
  for (char c : *v) {
    if (c < '0' || c > '9' || n > 1000000)
      return ApiError::Field(ErrorCode::kInvalidArgument, name, "\"" + *v + "\" is not a version number");
    n = n * 10 + (c - '0');
  }
  if (v->empty() || n < 1) return ApiError::Field(ErrorCode::kInvalidArgument, name, "must be 1 or more");
  return n;
}

// The person, visible to the caller and permitted for `action` (404 / 403 otherwise).
ApiResult<storage::Stored<cases::Person>> LoadPerson(CaseStore& store, const Request& req, const std::string& id,
                                                     access::Action action) {
  auto person = store.GetPerson(internal::VisibilityOf(req.identity().principal), id);
  if (!person) return internal::StoreError(person.error());
  if (auto a = internal::Authorize(req, action, internal::PersonScope(person->value)); !a) return a.error();
  return std::move(*person);
}

// latest_seq, if given, receives the seq of the latest version (0 when none): the ETag of the
// researcher's own list, which POST /v1/me/disclosures names in If-Match.
ApiResult<Response> History(CaseStore* store, Request& req, const std::string& person_id, access::Action action,
                            int* latest_seq = nullptr) {
  internal::PagingSpec spec{.sorts = {"seq", "as_of"}};
  auto page = internal::ParsePaging(req, spec);
  if (!page) return page.error();
  if (!store) return NotConfigured("case store");
  auto person = LoadPerson(*store, req, person_id, action);
  if (!person) return person.error();
  auto history = store->DisclosureHistory(internal::VisibilityOf(req.identity().principal), person_id);
  if (!history) return internal::StoreError(history.error());
  json items = json::array();
  for (const auto& d : *history) items.push_back(internal::StoredJson(d));
  if (latest_seq) *latest_seq = history->empty() ? 0 : history->back().value.seq;
  return Response::Json(200, Dump(internal::PageInMemory(items, *page)));
}

ApiResult<Response> Disclose(CaseStore* store, Request& req, const std::string& person_id, access::Action action) {
  auto value = internal::DecodeBody<cases::Disclosure>(req);
  if (!value) return value.error();
  if (!store) return NotConfigured("case store");
  auto person = LoadPerson(*store, req, person_id, action);
  if (!person) return person.error();
  auto made = store->Disclose(internal::CallerOf(req), person_id, std::move(*value));
  if (!made) return internal::StoreError(made.error());
  return internal::StoredResponse(201, *made);
}

ApiError NoPersonRecord() {
  return ApiError(MakeError(ErrorCode::kNotFound, "this account is not linked to a person record"));
}

// A researcher files a new version of their own disclosure (items ①–⑪; ⑫ ⑬ are the
// export-control officer's, see docs/security.md). If-Match names the seq of the latest version
// the researcher read ("0" before the first); the certification is stamped with the account and
// the clock. The effort rule's error names the field effort_percent and every row counted.
ApiResult<Response> DiscloseOwn(CaseStore* store, Request& req) {
  auto expected = RequireIfMatch(req);
  if (!expected) return expected.error();
  auto value = internal::DecodeBody<cases::Disclosure>(req);
  if (!value) return value.error();
  if (!store) return NotConfigured("case store");
  if (req.identity().principal.person_id.empty()) return NoPersonRecord();
  int seq = static_cast<int>(std::min<int64_t>(*expected, 1 << 30));
  auto made = store->DiscloseOwn(internal::CallerOf(req), std::move(*value), seq);
  if (!made) {
    ApiError e = internal::StoreError(made.error());
    if (e.message.rfind("effort totals", 0) == 0) e.field = "effort_percent";  // not "body"
    return e;
  }
  return Response::Json(201, internal::StoredText(*made))
      .Header("ETag", ETagFor(made->value.seq))
      .Header("Location", "/v1/me/disclosures");
}

}  // namespace

void AddDisclosureRoutes(Server& server, const ResourceServices& services) {
  CaseStore* store = services.cases;
  using A = access::Action;
  server.AddRoute({"GET", "/v1/people/{id}/disclosures", Audience::kAction, A::kDisclosureRead, BodyKind::kNone,
                   [store](Request& req) { return History(store, req, req.PathParam("id"), A::kDisclosureRead); }});
  server.AddRoute({"POST", "/v1/people/{id}/disclosures", Audience::kAction, A::kDisclosureWrite, BodyKind::kJson,
                   [store](Request& req) { return Disclose(store, req, req.PathParam("id"), A::kDisclosureWrite); }});
  server.AddRoute({"GET", "/v1/me/disclosures", Audience::kAction, A::kDisclosureReadOwn, BodyKind::kNone,
                   [store](Request& req) -> ApiResult<Response> {
                     const std::string& me = req.identity().principal.person_id;
                     if (me.empty()) return NoPersonRecord();
                     int latest = 0;
                     auto page = History(store, req, me, A::kDisclosureReadOwn, &latest);
                     if (!page) return page.error();
                     return std::move(page->Header("ETag", ETagFor(latest)));
                   }});
  server.AddRoute({"POST", "/v1/me/disclosures", Audience::kAction, A::kDisclosureWriteOwn, BodyKind::kJson,
                   [store](Request& req) { return DiscloseOwn(store, req); }});
  server.AddRoute(
      {"GET", "/v1/people/{id}/disclosures/diff", Audience::kAction, A::kDisclosureRead, BodyKind::kNone,
       [store](Request& req) -> ApiResult<Response> {
         for (const auto& [name, value] : req.query_params())
           if (name != "from" && name != "to")
             return ApiError::Field(ErrorCode::kInvalidArgument, name, "unknown query parameter (known: from, to)");
         auto from = SeqParam(req, "from");
         if (!from) return from.error();
         auto to = SeqParam(req, "to");
         if (!to) return to.error();
         if (!store) return NotConfigured("case store");
         const std::string& id = req.PathParam("id");
         auto person = LoadPerson(*store, req, id, A::kDisclosureRead);
         if (!person) return person.error();
         auto diff = store->DiffDisclosures(internal::VisibilityOf(req.identity().principal), id, *from, *to);
         if (!diff) return internal::StoreError(diff.error());
         return Response::Json(200, cases::ToJson(*diff));
       }});

  // ⑫ ⑬: the store itself refuses every role but export control and audits every read.
  server.AddRoute({"GET", "/v1/people/{id}/restricted-disclosures", Audience::kAction, A::kRestrictedRead,
                   BodyKind::kNone, [store](Request& req) -> ApiResult<Response> {
                     for (const auto& [name, value] : req.query_params())
                       if (name != "reason")
                         return ApiError::Field(ErrorCode::kInvalidArgument, name,
                                                "unknown query parameter (known: reason)");
                     std::string reason = req.query("reason").value_or("");
                     if (reason.find_first_not_of(" \t") == std::string::npos)
                       return ApiError::Field(ErrorCode::kInvalidArgument, "reason",
                                              "required: why items ⑫ ⑬ are read (kept in the audit trail)");
                     if (!store) return NotConfigured("case store");
                     const std::string& id = req.PathParam("id");
                     auto person = LoadPerson(*store, req, id, A::kRestrictedRead);
                     if (!person) return person.error();
                     auto read = store->ReadRestricted(internal::CallerOf(req), id, reason);
                     if (!read) return internal::StoreError(read.error());
                     json items = json::array();
                     for (const auto& r : *read) {
                       json j = json::parse(cases::ToJson(r.value));
                       j["version"] = r.version;
                       j["created_at"] = r.created_at;
                       j["updated_at"] = r.updated_at;
                       items.push_back(std::move(j));
                     }
                     int64_t n = static_cast<int64_t>(items.size());
                     internal::PageRequest all;
                     all.limit = std::max<int64_t>(n, 1);
                     return Response::Json(200, Dump(internal::PageJson(std::move(items), n, all)));
                   }});
  server.AddRoute({"POST", "/v1/people/{id}/restricted-disclosures", Audience::kAction, A::kRestrictedRead,
                   BodyKind::kJson, [store](Request& req) -> ApiResult<Response> {
                     auto obj = internal::ParseJsonObject(req);
                     if (!obj) return obj.error();
                     auto value = cases::FromJson<cases::RestrictedDisclosure>(req.body());
                     if (!value) return internal::StoreError(value.error());
                     if (!store) return NotConfigured("case store");
                     const std::string& id = req.PathParam("id");
                     auto person = LoadPerson(*store, req, id, A::kRestrictedRead);
                     if (!person) return person.error();
                     auto made = store->DiscloseRestricted(internal::CallerOf(req), id, std::move(*value));
                     if (!made) return internal::StoreError(made.error());
                     json j = json::parse(cases::ToJson(made->value));
                     j["version"] = made->version;
                     j["created_at"] = made->created_at;
                     j["updated_at"] = made->updated_at;
                     return Response::Json(201, Dump(j)).Header("ETag", ETagFor(made->version));
                   }});
}

}  // namespace highfence::server::handlers
