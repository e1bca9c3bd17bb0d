// SPDX-License-Identifier: Apache-2.0
// The registers of the procedure: institutions (tenants), programmes, organisations and people.
// Each: GET list (paged, filtered, sorted), POST create, GET one (ETag), PUT one (If-Match).
// Programmes are calls for proposals and readable by every tenant; the rest are the tenant's own.
#include "server/internal/resource_util.h"

namespace highfence::server::handlers {
namespace {

using internal::PagingSpec;
using nlohmann::json;
using storage::CaseStore;

template <typename T>
struct Register {
  std::string collection;  // "/v1/institutions"
  access::Action read;
  access::Action write;
  Result<storage::Stored<T>> (CaseStore::*create)(const storage::Caller&, T);
  Result<storage::Stored<T>> (CaseStore::*update)(const storage::Caller&, const T&, int64_t);
  Result<storage::Stored<T>> (CaseStore::*get)(const storage::Visibility&, std::string_view);
  Result<storage::PageOf<T>> (CaseStore::*list)(const storage::Visibility&, const storage::ListOptions&);
  PagingSpec paging;
  access::ResourceScope (*scope)(const access::Principal&, const T&);
  bool readable_by_all = false;  // programmes
};

template <typename T>
storage::Visibility ReadVisibility(const Register<T>& r, const Request& req) {
  return r.readable_by_all ? storage::Visibility::All() : internal::VisibilityOf(req.identity().principal);
}

template <typename T>
void AddRegister(Server& server, CaseStore* store, Register<T> r) {
  const std::string one = r.collection + "/{id}";
  server.AddRoute({"GET", r.collection, Audience::kAction, r.read, BodyKind::kNone,
                   [store, r](Request& req) -> ApiResult<Response> {
                     auto page = internal::ParsePaging(req, r.paging);
                     if (!page) return page.error();
                     if (!store) return NotConfigured("case store");
                     const access::Principal& p = req.identity().principal;
                     bool filter = !r.readable_by_all && internal::OnlyConditional(p, r.read);
                     storage::ListOptions lo = internal::ListOptionsOf(*page);
                     if (filter) lo.limit = 0, lo.offset = 0;  // own records only: filter, then page here
                     auto got = ((*store).*r.list)(ReadVisibility(r, req), lo);
                     if (!got) return internal::StoreError(got.error());
                     std::vector<std::string> items;
                     int64_t total = got->total;
                     if (filter) {
                       std::vector<const storage::Stored<T>*> mine;
                       for (const auto& s : got->items)
                         if (access::Authorize(p, r.read, r.scope(p, s.value)).allowed()) mine.push_back(&s);
                       total = static_cast<int64_t>(mine.size());
                       for (int64_t i = page->offset; i < total && i < page->offset + page->limit; ++i)
                         items.push_back(internal::StoredText(*mine[i]));
                     } else {
                       for (const auto& s : got->items) items.push_back(internal::StoredText(s));
                     }
                     return Response::Json(200, internal::PageText(items, total, *page));
                   }});
  server.AddRoute(
      {"POST", r.collection, Audience::kAction, r.write, BodyKind::kJson,
       [store, r](Request& req) -> ApiResult<Response> {
         auto value = internal::DecodeBody<T>(req);
         if (!value) return value.error();
         if (!store) return NotConfigured("case store");
         auto made = ((*store).*r.create)(internal::CallerOf(req), std::move(*value));
         if (!made) return internal::StoreError(made.error());
         return internal::StoredResponse(201, *made).Header("Location", r.collection + "/" + made->value.id);
       }});
  server.AddRoute(
      {"GET", one, Audience::kAction, r.read, BodyKind::kNone, [store, r](Request& req) -> ApiResult<Response> {
         if (!store) return NotConfigured("case store");
         auto got = ((*store).*r.get)(ReadVisibility(r, req), req.PathParam("id"));
         if (!got) return internal::StoreError(got.error());
         if (!r.readable_by_all)
           if (auto a = internal::Authorize(req, r.read, r.scope(req.identity().principal, got->value)); !a)
             return a.error();
         return internal::StoredResponse(200, *got);
       }});
  server.AddRoute(
      {"PUT", one, Audience::kAction, r.write, BodyKind::kJson, [store, r](Request& req) -> ApiResult<Response> {
         auto version = RequireIfMatch(req);
         if (!version) return version.error();
         auto value = internal::ReplacementBody<T>(req);
         if (!value) return value.error();
         const std::string& id = req.PathParam("id");
         if (!store) return NotConfigured("case store");
         auto current = ((*store).*r.get)(internal::VisibilityOf(req.identity().principal), id);
         if (!current) return internal::StoreError(current.error());
         if (auto a = internal::Authorize(req, r.write, r.scope(req.identity().principal, current->value)); !a)
           return a.error();
         auto saved = ((*store).*r.update)(internal::CallerOf(req), *value, *version);
         if (!saved) return internal::StoreError(saved.error());
         return internal::StoredResponse(200, *saved);
       }});
}

access::ResourceScope InstitutionScope(const access::Principal&, const cases::Institution& i) {
  access::ResourceScope s;
  s.tenant_id = i.id;
  return s;
}
access::ResourceScope ProgrammeScope(const access::Principal&, const cases::Programme& p) {
  access::ResourceScope s;
  s.tenant_id = p.agency_id;
  return s;
}
access::ResourceScope OrganisationScope(const access::Principal& p, const cases::Organisation&) {
  access::ResourceScope s;  // kept by the caller's tenant (the store only returns visible ones)
  s.tenant_id = p.tenant_id;
  return s;
}
access::ResourceScope PersonRecordScope(const access::Principal&, const cases::Person& person) {
  return internal::PersonScope(person);
}

}  // namespace

void AddRegisterRoutes(Server& server, const ResourceServices& services) {
  CaseStore* store = services.cases;
  using A = access::Action;
  AddRegister<cases::Institution>(
      server, store,
      {"/v1/institutions", A::kInstitutionRead, A::kInstitutionWrite, &CaseStore::CreateInstitution,
       &CaseStore::UpdateInstitution, &CaseStore::GetInstitution, &CaseStore::ListInstitutions,
       PagingSpec{.sorts = {"created_at", "updated_at", "kind"}, .filters = {"kind"}}, InstitutionScope});
  AddRegister<cases::Programme>(
      server, store,
      {"/v1/programmes", A::kProgrammeRead, A::kProgrammeWrite, &CaseStore::CreateProgramme,
       &CaseStore::UpdateProgramme, &CaseStore::GetProgramme, &CaseStore::ListProgrammes,
       PagingSpec{.sorts = {"created_at", "updated_at"}, .filters = {"designated"}}, ProgrammeScope, true});
  AddRegister<cases::Organisation>(
      server, store,
      {"/v1/organisations", A::kCaseRead, A::kCaseWrite, &CaseStore::CreateOrganisation, &CaseStore::UpdateOrganisation,
       &CaseStore::GetOrganisation, &CaseStore::ListOrganisations,
       PagingSpec{.sorts = {"created_at", "updated_at"}, .filters = {"ror_id"}}, OrganisationScope});
  AddRegister<cases::Person>(
      server, store,
      {"/v1/people", A::kPersonRead, A::kPersonWrite, &CaseStore::CreatePerson, &CaseStore::UpdatePerson,
       &CaseStore::GetPerson, &CaseStore::ListPeople,
       PagingSpec{.sorts = {"created_at", "updated_at", "erad_id"}, .filters = {"erad_id", "orcid"}},
       PersonRecordScope});
}

}  // namespace highfence::server::handlers
