// SPDX-License-Identifier: Apache-2.0
// Proposals and cases: the procedure (手順書) over HTTP. Every handler loads the case (visibility
// by tenant: another institution's id is 404), authorises the route's action on it (a reviewer
// only on cases assigned to them), calls the one CaseStore method and renders with the codecs.
#include <functional>

#include "domain/checking/entity_checker.h"
#include "domain/checking/list_check.h"
#include "domain/screening/screener.h"
#include "server/internal/evidence.h"
#include "server/internal/resource_util.h"
#include "server/internal/screening_render.h"

namespace highfence::server::handlers {
namespace {

using internal::PagingSpec;
using nlohmann::json;
using storage::CaseStore;
using A = access::Action;

// The case, visible and permitted for `action`.
ApiResult<storage::CaseView> LoadCase(CaseStore& store, const Request& req, const std::string& id, A action) {
  auto view = store.GetCase(internal::VisibilityOf(req.identity().principal), id);
  if (!view) return internal::StoreError(view.error());
  if (auto a = internal::Authorize(req, action, internal::CaseScope(*view)); !a) return a.error();
  return std::move(*view);
}

template <typename T>
json StoredArray(const std::vector<storage::Stored<T>>& items) {
  json out = json::array();
  for (const auto& s : items) out.push_back(internal::StoredJson(s));
  return out;
}

std::string FlagsText(const std::vector<workflow::Flag>& flags) {
  json out = json::array();
  for (const workflow::Flag& f : flags)
    out.push_back({{"id", f.id}, {"subject", {{"kind", workflow::Name(f.subject.kind)}, {"id", f.subject.id}}}});
  return Dump(out);
}

// The case and everything hanging off it, spliced from the codecs' text (no re-parse: this is
// the most read endpoint).
std::string CaseViewText(const storage::CaseView& v) {
  std::string j = internal::StoredText(v.kase);
  j.pop_back();
  j += ",\"proposal\":" + internal::StoredText(v.proposal);
  j += ",\"team\":" + internal::StoredArrayText(v.team);
  j += ",\"partner_organisations\":" + internal::StoredArrayText(v.partner_organisations);
  j += ",\"partner_institutions\":" + internal::StoredArrayText(v.partner_institutions);
  j += ",\"screenings\":" + internal::StoredArrayText(v.screenings);
  j += ",\"flags\":" + FlagsText(v.flags);
  j += ",\"round\":" + std::to_string(v.snapshot.round);
  j += ",\"evaluations\":" + internal::StoredArrayText(v.evaluations);
  j += ",\"measures\":" + internal::StoredArrayText(v.measures);
  j += ",\"reviews\":" + internal::StoredArrayText(v.reviews);
  j += ",\"decision\":" + (v.decision ? internal::StoredText(*v.decision) : std::string("null"));
  j += ",\"appeal\":" + (v.appeal ? internal::StoredText(*v.appeal) : std::string("null"));
  j += ",\"followups\":" + internal::StoredArrayText(v.followups) + "}";
  return j;
}

// "case_id" in a child's body must be absent or the path's.
template <typename T>
ApiResult<T> ChildBody(const Request& req, const std::string& case_id) {
  auto value = internal::DecodeBody<T>(req);
  if (!value) return value.error();
  if (!value->case_id.empty() && value->case_id != case_id)
    return ApiError::Unprocessable("case_id", "\"" + value->case_id + "\" differs from the path's " + case_id);
  value->case_id = case_id;
  return value;
}

template <typename T, typename Fn>
ApiResult<Response> ListOfCase(CaseStore* store, Request& req, A action, Fn&& pick) {
  if (!store) return NotConfigured("case store");
  auto view = LoadCase(*store, req, req.PathParam("id"), action);
  if (!view) return view.error();
  const std::vector<storage::Stored<T>>& items = pick(*view);
  json arr = StoredArray(items);
  internal::PageRequest all;
  all.limit = std::max<int64_t>(static_cast<int64_t>(items.size()), 1);
  return Response::Json(200, Dump(internal::PageJson(std::move(arr), static_cast<int64_t>(items.size()), all)));
}

// The proposal's scope with the agency it was submitted to (its programme's tenant): the agency
// reads it and decides on it (proposal.decide), nothing more (domain/access/authorize.h).
access::ResourceScope SubmittedProposalScope(CaseStore& store, const access::Principal& p,
                                             const cases::Proposal& proposal) {
  access::ResourceScope s = internal::ProposalScope(p, proposal);
  if (auto programme = store.GetProgramme(storage::Visibility::All(), proposal.programme_id))
    s.submitted_to.push_back(programme->value.agency_id);
  return s;
}

ApiResult<workflow::Subject> SubjectField(const json& obj, const std::string& field) {
  auto it = obj.find(field);
  if (it == obj.end() || !it->is_object())
    return ApiError::Unprocessable(field, "must be an object {kind: person|institution, id}");
  auto kind = internal::StringField(*it, "kind");
  if (!kind) return ApiError::Unprocessable(field + ".kind", kind.error().message);
  auto parsed = workflow::ParseSubjectKind(*kind);
  if (!parsed) return ApiError::Unprocessable(field + ".kind", parsed.error().message);
  auto id = internal::StringField(*it, "id");
  if (!id) return ApiError::Unprocessable(field + ".id", id.error().message);
  return workflow::Subject{*parsed, *id};
}

void AddProposalRoutes(Server& server, CaseStore* store) {
  server.AddRoute(
      {"GET", "/v1/proposals", Audience::kAction, A::kProposalRead, BodyKind::kNone,
       [store](Request& req) -> ApiResult<Response> {
         PagingSpec spec{.sorts = {"created_at", "updated_at", "state"}, .filters = {"programme_id", "state"}};
         auto page = internal::ParsePaging(req, spec);
         if (!page) return page.error();
         if (!store) return NotConfigured("case store");
         const access::Principal& p = req.identity().principal;
         bool filter = internal::OnlyConditional(p, A::kProposalRead);
         storage::ListOptions lo = internal::ListOptionsOf(*page);
         if (filter) lo.limit = 0, lo.offset = 0;
         auto got = store->ListProposals(internal::VisibilityOf(p), lo);
         if (!got) return internal::StoreError(got.error());
         json items = json::array();
         int64_t total = got->total;
         if (filter) {
           json mine = json::array();
           for (const auto& s : got->items)
             if (access::Authorize(p, A::kProposalRead, internal::ProposalScope(p, s.value)).allowed())
               mine.push_back(internal::StoredJson(s));
           total = static_cast<int64_t>(mine.size());
           for (int64_t i = page->offset; i < total && i < page->offset + page->limit; ++i) items.push_back(mine[i]);
         } else {
           for (const auto& s : got->items) items.push_back(internal::StoredJson(s));
         }
         return Response::Json(200, Dump(internal::PageJson(std::move(items), total, *page)));
       }});
  server.AddRoute({"POST", "/v1/proposals", Audience::kAction, A::kProposalSubmit, BodyKind::kJson,
                   [store](Request& req) -> ApiResult<Response> {
                     auto value = internal::DecodeBody<cases::Proposal>(req);
                     if (!value) return value.error();
                     if (!store) return NotConfigured("case store");
                     auto made = store->SubmitProposal(internal::CallerOf(req), std::move(*value));
                     if (!made) return internal::StoreError(made.error());
                     return internal::StoredResponse(201, *made).Header("Location", "/v1/proposals/" + made->value.id);
                   }});
  server.AddRoute({"GET", "/v1/proposals/{id}", Audience::kAction, A::kProposalRead, BodyKind::kNone,
                   [store](Request& req) -> ApiResult<Response> {
                     if (!store) return NotConfigured("case store");
                     const access::Principal& p = req.identity().principal;
                     auto got = store->GetProposal(internal::VisibilityOf(p), req.PathParam("id"));
                     if (!got) return internal::StoreError(got.error());
                     access::ResourceScope scope = SubmittedProposalScope(*store, p, got->value);
                     if (auto a = internal::Authorize(req, A::kProposalRead, scope); !a) return a.error();
                     return internal::StoredResponse(200, *got);
                   }});
  // Shortlisting (採択候補), award and decline are decisions on the proposal: proposal.decide, by
  // the institution's officer or the programme officer of the agency it was submitted to.
  server.AddRoute({"POST", "/v1/proposals/{id}/state", Audience::kAction, A::kProposalDecide, BodyKind::kJson,
                   [store](Request& req) -> ApiResult<Response> {
                     auto version = RequireIfMatch(req);
                     if (!version) return version.error();
                     auto body = internal::ParseJsonObject(req);
                     if (!body) return body.error();
                     if (auto u = internal::RejectUnknownFields(*body, {"to"}); !u) return u.error();
                     auto to = internal::StringField(*body, "to");
                     if (!to) return to.error();
                     auto state = cases::ParseProposalState(*to);
                     if (!state)
                       return ApiError::Unprocessable("to", "\"" + *to +
                                                                "\" is not a proposal state (submitted, shortlisted, "
                                                                "awarded, declined)");
                     if (!store) return NotConfigured("case store");
                     const access::Principal& p = req.identity().principal;
                     auto got = store->GetProposal(internal::VisibilityOf(p), req.PathParam("id"));
                     if (!got) return internal::StoreError(got.error());
                     access::ResourceScope scope = SubmittedProposalScope(*store, p, got->value);
                     if (auto a = internal::Authorize(req, A::kProposalDecide, scope); !a) return a.error();
                     auto saved = store->ChangeProposalState(internal::CallerOf(req), got->value.id, *state, *version);
                     if (!saved) return internal::StoreError(saved.error());
                     return internal::StoredResponse(200, *saved);
                   }});
}

void AddCaseCoreRoutes(Server& server, CaseStore* store) {
  server.AddRoute({"GET", "/v1/cases", Audience::kAction, A::kCaseRead, BodyKind::kNone,
                   [store](Request& req) -> ApiResult<Response> {
                     PagingSpec spec{.sorts = {"created_at", "updated_at", "state"},
                                     .filters = {"state", "proposal_id", "agency_id"},
                                     .default_descending = true};
                     auto page = internal::ParsePaging(req, spec);
                     if (!page) return page.error();
                     if (!store) return NotConfigured("case store");
                     const access::Principal& p = req.identity().principal;
                     bool assigned_only = internal::OnlyConditional(p, A::kCaseRead);
                     storage::ListOptions lo = internal::ListOptionsOf(*page);
                     if (assigned_only) lo.limit = 0, lo.offset = 0;
                     std::vector<std::string> items;
                     if (!assigned_only) {  // the stored text, decoded only when it changed
                       auto got = store->ListCasesJson(internal::VisibilityOf(p), lo);
                       if (!got) return internal::StoreError(got.error());
                       items.reserve(got->items.size());
                       for (const auto& r : got->items) items.push_back(internal::StoredText(r));
                       return Response::Json(200, internal::PageText(items, got->total, *page));
                     }
                     auto got = store->ListCases(internal::VisibilityOf(p), lo);
                     if (!got) return internal::StoreError(got.error());
                     int64_t total = got->total;
                     {  // a reviewer: only the cases assigned to them
                       std::vector<std::string> mine;
                       for (const auto& s : got->items) {
                         auto view = store->GetCase(internal::VisibilityOf(p), s.value.id);
                         if (view && access::Authorize(p, A::kCaseRead, internal::CaseScope(*view)).allowed())
                           mine.push_back(internal::StoredText(s));
                       }
                       total = static_cast<int64_t>(mine.size());
                       for (int64_t i = page->offset; i < total && i < page->offset + page->limit; ++i)
                         items.push_back(std::move(mine[i]));
                     }
                     return Response::Json(200, internal::PageText(items, total, *page));
                   }});
  server.AddRoute({"POST", "/v1/cases", Audience::kAction, A::kCaseWrite, BodyKind::kJson,
                   [store](Request& req) -> ApiResult<Response> {
                     auto body = internal::ParseJsonObject(req);
                     if (!body) return body.error();
                     if (auto u = internal::RejectUnknownFields(*body, {"proposal_id"}); !u) return u.error();
                     auto proposal = internal::StringField(*body, "proposal_id");
                     if (!proposal) return proposal.error();
                     if (!store) return NotConfigured("case store");
                     auto made = store->OpenCase(internal::CallerOf(req), *proposal);
                     if (!made) return internal::StoreError(made.error());
                     return internal::StoredResponse(201, *made).Header("Location", "/v1/cases/" + made->value.id);
                   }});
  server.AddRoute({"GET", "/v1/cases/{id}", Audience::kAction, A::kCaseRead, BodyKind::kNone,
                   [store](Request& req) -> ApiResult<Response> {
                     if (!store) return NotConfigured("case store");
                     auto view = LoadCase(*store, req, req.PathParam("id"), A::kCaseRead);
                     if (!view) return view.error();
                     return Response::Json(200, CaseViewText(*view)).Header("ETag", ETagFor(view->kase.version));
                   }});
  server.AddRoute({"GET", "/v1/cases/{id}/transitions", Audience::kAction, A::kCaseRead, BodyKind::kNone,
                   [store](Request& req) -> ApiResult<Response> {
                     if (!store) return NotConfigured("case store");
                     auto view = LoadCase(*store, req, req.PathParam("id"), A::kCaseRead);
                     if (!view) return view.error();
                     auto choices = store->AllowedTransitions(internal::CallerOf(req), view->kase.value.id);
                     if (!choices) return internal::StoreError(choices.error());
                     json items = json::array();
                     for (const storage::TransitionChoice& c : *choices)
                       items.push_back({{"transition", workflow::Name(c.transition)},
                                        {"to", workflow::Name(c.to)},
                                        {"allowed_now", c.blockers.empty()},
                                        {"blockers", c.blockers}});
                     json out = {{"case_id", view->kase.value.id},
                                 {"state", view->kase.value.state},
                                 {"version", view->kase.version},
                                 {"transitions", items}};
                     return Response::Json(200, Dump(out)).Header("ETag", ETagFor(view->kase.version));
                   }});
  server.AddRoute({"POST", "/v1/cases/{id}/transitions", Audience::kAction, A::kCaseAdvance, BodyKind::kJson,
                   [store](Request& req) -> ApiResult<Response> {
                     auto version = RequireIfMatch(req);
                     if (!version) return version.error();
                     auto body = internal::ParseJsonObject(req);
                     if (!body) return body.error();
                     if (auto u = internal::RejectUnknownFields(*body, {"transition", "reason"}); !u) return u.error();
                     auto name = internal::StringField(*body, "transition");
                     if (!name) return name.error();
                     auto transition = workflow::ParseTransition(*name);
                     if (!transition) return ApiError::Unprocessable("transition", transition.error().message);
                     auto reason = internal::OptionalString(*body, "reason", 4000);
                     if (!reason) return reason.error();
                     if (!store) return NotConfigured("case store");
                     auto view = LoadCase(*store, req, req.PathParam("id"), A::kCaseAdvance);
                     if (!view) return view.error();
                     auto moved = store->Advance(internal::CallerOf(req), view->kase.value.id, *transition, *version,
                                                 reason->value_or(""));
                     if (!moved) return internal::StoreError(moved.error());
                     return internal::StoredResponse(200, *moved);
                   }});
  server.AddRoute({"POST", "/v1/cases/{id}/team", Audience::kAction, A::kCaseWrite, BodyKind::kJson,
                   [store](Request& req) -> ApiResult<Response> {
                     auto body = internal::ParseJsonObject(req);
                     if (!body) return body.error();
                     if (auto u = internal::RejectUnknownFields(*body, {"person_id", "institution_id", "role"}); !u)
                       return u.error();
                     cases::TeamMember m;
                     auto person = internal::StringField(*body, "person_id");
                     if (!person) return person.error();
                     auto inst = internal::StringField(*body, "institution_id");
                     if (!inst) return inst.error();
                     auto role = internal::StringField(*body, "role");
                     if (!role) return role.error();
                     auto parsed = cases::ParseTeamRole(*role);
                     if (!parsed)
                       return ApiError::Unprocessable("role",
                                                      "\"" + *role + "\" is not pi, co_pi, participant or student");
                     m.person_id = *person;
                     m.institution_id = *inst;
                     m.role = *parsed;
                     if (!store) return NotConfigured("case store");
                     auto view = LoadCase(*store, req, req.PathParam("id"), A::kCaseWrite);
                     if (!view) return view.error();
                     auto saved = store->AddTeamMember(internal::CallerOf(req), view->kase.value.id, m);
                     if (!saved) return internal::StoreError(saved.error());
                     return internal::StoredResponse(201, *saved);
                   }});
  server.AddRoute({"POST", "/v1/cases/{id}/no-disclosure-reasons", Audience::kAction, A::kCaseWrite, BodyKind::kJson,
                   [store](Request& req) -> ApiResult<Response> {
                     auto body = internal::ParseJsonObject(req);
                     if (!body) return body.error();
                     if (auto u = internal::RejectUnknownFields(*body, {"person_id", "reason"}); !u) return u.error();
                     auto person = internal::StringField(*body, "person_id");
                     if (!person) return person.error();
                     auto reason = internal::StringField(*body, "reason");
                     if (!reason) return reason.error();
                     if (!store) return NotConfigured("case store");
                     auto view = LoadCase(*store, req, req.PathParam("id"), A::kCaseWrite);
                     if (!view) return view.error();
                     auto r = store->RecordNoDisclosureReason(internal::CallerOf(req), view->kase.value.id, *person,
                                                              *reason);
                     if (!r) return internal::StoreError(r.error());
                     return Response::NoContent();
                   }});
}

void AddEvidenceRoutes(Server& server, CaseStore* store, const ResourceServices& services,
                       const ResourceOptions& options) {
  const screening::Screener* screener = services.screener;
  const checking::EntityChecker* checker = services.checker;
  // Attaching evidence is a write to the case (case.write); screening alone is POST /v1/screenings.
  server.AddRoute({"POST", "/v1/cases/{id}/screenings", Audience::kAction, A::kCaseWrite, BodyKind::kUpload,
                   [store, screener, options](Request& req) -> ApiResult<Response> {
                     if (!store) return NotConfigured("case store");
                     auto view = LoadCase(*store, req, req.PathParam("id"), A::kCaseWrite);
                     if (!view) return view.error();
                     auto result = ScreenUpload(req, screener, options);
                     if (!result) return result.error();
                     cases::ScreeningRef ref;
                     ref.case_id = view->kase.value.id;
                     ref.kind = cases::ScreeningKind::kKeywords;
                     ref.keywords = KeywordScreeningOf(*result);
                     auto saved = store->AttachScreening(internal::CallerOf(req), view->kase.value.id, std::move(ref));
                     if (!saved) return internal::StoreError(saved.error());
                     json out = internal::StoredJson(*saved);
                     out["result"] = ScreeningJson(*result, screener->keywords());
                     return Response::Json(201, Dump(out)).Header("ETag", ETagFor(saved->version));
                   }});
  server.AddRoute({"POST", "/v1/cases/{id}/checks", Audience::kAction, A::kCaseWrite, BodyKind::kJson,
                   [store, checker](Request& req) -> ApiResult<Response> {
                     auto body = internal::ParseJsonObject(req);
                     if (!body) return body.error();
                     if (auto u = internal::RejectUnknownFields(*body, {"subject"}); !u) return u.error();
                     auto it = body->find("subject");
                     if (it == body->end() || !it->is_object())
                       return ApiError::Unprocessable("subject", "must be an object {kind: person|organisation, id}");
                     auto kind = internal::StringField(*it, "kind");
                     if (!kind) return ApiError::Unprocessable("subject.kind", kind.error().message);
                     auto sk = cases::ParseSubjectKind(*kind);
                     if (!sk)
                       return ApiError::Unprocessable("subject.kind",
                                                      "\"" + *kind + "\" is neither person nor organisation");
                     auto id = internal::StringField(*it, "id");
                     if (!id) return ApiError::Unprocessable("subject.id", id.error().message);
                     if (!store) return NotConfigured("case store");
                     if (!checker) return NotConfigured("list checker");
                     auto view = LoadCase(*store, req, req.PathParam("id"), A::kCaseWrite);
                     if (!view) return view.error();
                     auto subject = internal::CheckSubjectOf(*store, internal::VisibilityOf(req.identity().principal),
                                                             cases::Subject{*sk, *id});
                     if (!subject) return internal::StoreError(subject.error());
                     cases::ScreeningRef ref;
                     ref.case_id = view->kase.value.id;
                     ref.kind = cases::ScreeningKind::kLists;
                     ref.lists = checking::CheckNames(*checker, subject->subject, subject->names, subject->country);
                     auto saved = store->AttachScreening(internal::CallerOf(req), view->kase.value.id, std::move(ref));
                     if (!saved) return internal::StoreError(saved.error());
                     return internal::StoredResponse(201, *saved);
                   }});
}

void AddAssessmentRoutes(Server& server, CaseStore* store) {
  server.AddRoute({"GET", "/v1/cases/{id}/evaluation-inputs", Audience::kAction, A::kEvaluationRead, BodyKind::kNone,
                   [store](Request& req) -> ApiResult<Response> {
                     for (const auto& [name, value] : req.query_params())
                       if (name != "subject_kind" && name != "subject_id")
                         return ApiError::Field(ErrorCode::kInvalidArgument, name,
                                                "unknown query parameter (known: subject_kind, subject_id)");
                     auto kind = cases::ParseSubjectKind(req.query("subject_kind").value_or(""));
                     if (!kind)
                       return ApiError::Field(ErrorCode::kInvalidArgument, "subject_kind",
                                              "required: person or organisation");
                     std::string id = req.query("subject_id").value_or("");
                     if (id.empty()) return ApiError::Field(ErrorCode::kInvalidArgument, "subject_id", "required");
                     if (!store) return NotConfigured("case store");
                     auto view = LoadCase(*store, req, req.PathParam("id"), A::kEvaluationRead);
                     if (!view) return view.error();
                     auto inputs = store->EvaluationInputsFor(internal::VisibilityOf(req.identity().principal),
                                                              view->kase.value.id, cases::Subject{*kind, id});
                     if (!inputs) return internal::StoreError(inputs.error());
                     return Response::Json(200, cases::ToJson(*inputs));
                   }});
  server.AddRoute({"GET", "/v1/cases/{id}/evaluations", Audience::kAction, A::kEvaluationRead, BodyKind::kNone,
                   [store](Request& req) {
                     return ListOfCase<workflow::Evaluation>(
                         store, req, A::kEvaluationRead,
                         [](const storage::CaseView& v) -> const auto& { return v.evaluations; });
                   }});
  server.AddRoute({"POST", "/v1/cases/{id}/evaluations", Audience::kAction, A::kEvaluationWrite, BodyKind::kJson,
                   [store](Request& req) -> ApiResult<Response> {
                     auto value = ChildBody<workflow::Evaluation>(req, req.PathParam("id"));
                     if (!value) return value.error();
                     if (!store) return NotConfigured("case store");
                     auto view = LoadCase(*store, req, value->case_id, A::kEvaluationWrite);
                     if (!view) return view.error();
                     auto made = store->Assess(internal::CallerOf(req), view->kase.value.id, std::move(*value));
                     if (!made) return internal::StoreError(made.error());
                     return internal::StoredResponse(201, *made);
                   }});
  server.AddRoute(
      {"GET", "/v1/cases/{id}/measures", Audience::kAction, A::kMeasureRead, BodyKind::kNone, [store](Request& req) {
         return ListOfCase<workflow::Measure>(
             store, req, A::kMeasureRead, [](const storage::CaseView& v) -> const auto& { return v.measures; });
       }});
  server.AddRoute({"POST", "/v1/cases/{id}/measures", Audience::kAction, A::kMeasureWrite, BodyKind::kJson,
                   [store](Request& req) -> ApiResult<Response> {
                     auto value = ChildBody<workflow::Measure>(req, req.PathParam("id"));
                     if (!value) return value.error();
                     if (!store) return NotConfigured("case store");
                     auto view = LoadCase(*store, req, value->case_id, A::kMeasureWrite);
                     if (!view) return view.error();
                     auto made = store->AddMeasure(internal::CallerOf(req), view->kase.value.id, std::move(*value));
                     if (!made) return internal::StoreError(made.error());
                     return internal::StoredResponse(201, *made).Header("Location", "/v1/measures/" + made->value.id);
                   }});
  server.AddRoute({"GET", "/v1/measures/{id}", Audience::kAction, A::kMeasureRead, BodyKind::kNone,
                   [store](Request& req) -> ApiResult<Response> {
                     if (!store) return NotConfigured("case store");
                     auto m = store->GetMeasure(internal::VisibilityOf(req.identity().principal), req.PathParam("id"));
                     if (!m) return internal::StoreError(m.error());
                     auto view = LoadCase(*store, req, m->value.case_id, A::kMeasureRead);
                     if (!view) return view.error();
                     return internal::StoredResponse(200, *m);
                   }});
  server.AddRoute({"PUT", "/v1/measures/{id}", Audience::kAction, A::kMeasureWrite, BodyKind::kJson,
                   [store](Request& req) -> ApiResult<Response> {
                     auto version = RequireIfMatch(req);
                     if (!version) return version.error();
                     auto value = internal::ReplacementBody<workflow::Measure>(req);
                     if (!value) return value.error();
                     const std::string& id = req.PathParam("id");
                     if (!store) return NotConfigured("case store");
                     auto m = store->GetMeasure(internal::VisibilityOf(req.identity().principal), id);
                     if (!m) return internal::StoreError(m.error());
                     if (!value->case_id.empty() && value->case_id != m->value.case_id)
                       return ApiError::Unprocessable("case_id", "a measure never moves to another case");
                     value->case_id = m->value.case_id;
                     auto view = LoadCase(*store, req, m->value.case_id, A::kMeasureWrite);
                     if (!view) return view.error();
                     auto saved = store->UpdateMeasure(internal::CallerOf(req), *value, *version);
                     if (!saved) return internal::StoreError(saved.error());
                     return internal::StoredResponse(200, *saved);
                   }});
}

// POST /v1/measures/{id}/<what>: one change to a measure (If-Match), by and at filled by the store.
void AddMeasureChange(Server& server, CaseStore* store, const std::string& what,
                      std::initializer_list<std::string_view> fields,
                      std::function<Result<storage::Stored<workflow::Measure>>(
                          CaseStore&, const storage::Caller&, const std::string&, int64_t, const json&)>
                          apply) {
  std::vector<std::string_view> known(fields);
  server.AddRoute({"POST", "/v1/measures/{id}/" + what, Audience::kAction, A::kMeasureWrite, BodyKind::kJson,
                   [store, known, apply](Request& req) -> ApiResult<Response> {
                     auto version = RequireIfMatch(req);
                     if (!version) return version.error();
                     auto body = internal::ParseJsonObject(req);
                     if (!body) return body.error();
                     for (const auto& [key, value] : body->items())
                       if (std::find(known.begin(), known.end(), key) == known.end())
                         return internal::UnknownField("", key);
                     for (const auto& [key, value] : body->items())
                       if (!value.is_string()) return ApiError::Unprocessable(key, "must be a string");
                     if (!store) return NotConfigured("case store");
                     const std::string& id = req.PathParam("id");
                     auto m = store->GetMeasure(internal::VisibilityOf(req.identity().principal), id);
                     if (!m) return internal::StoreError(m.error());
                     auto view = LoadCase(*store, req, m->value.case_id, A::kMeasureWrite);
                     if (!view) return view.error();
                     auto saved = apply(*store, internal::CallerOf(req), id, *version, *body);
                     if (!saved) return internal::StoreError(saved.error());
                     return internal::StoredResponse(200, *saved);
                   }});
}

void AddMeasureChangeRoutes(Server& server, CaseStore* store) {
  using Stored = Result<storage::Stored<workflow::Measure>>;
  AddMeasureChange(
      server, store, "consents", {"person_id", "answer", "note"},
      [](CaseStore& s, const storage::Caller& c, const std::string& id, int64_t v, const json& b) -> Stored {
        auto answer = workflow::ParseConsentAnswer(b.value("answer", "consented"));
        if (!answer) return MakeError(ErrorCode::kInvalidArgument, "answer: " + answer.error().message);
        workflow::Consent consent;
        consent.person_id = b.value("person_id", "");
        consent.answer = *answer;
        consent.note = b.value("note", "");
        return s.RecordMeasureConsent(c, id, v, consent);
      });
  AddMeasureChange(
      server, store, "feasibility", {"note"},
      [](CaseStore& s, const storage::Caller& c, const std::string& id, int64_t v, const json& b) -> Stored {
        workflow::Feasibility f;
        f.note = b.value("note", "");
        return s.ConfirmMeasureFeasibility(c, id, v, f);
      });
  AddMeasureChange(
      server, store, "status", {"status", "note"},
      [](CaseStore& s, const storage::Caller& c, const std::string& id, int64_t v, const json& b) -> Stored {
        auto status = workflow::ParseMeasureStatus(b.value("status", ""));
        if (!status) return MakeError(ErrorCode::kInvalidArgument, "status: " + status.error().message);
        workflow::StatusChange change;
        change.status = *status;
        change.note = b.value("note", "");
        return s.ChangeMeasureStatus(c, id, v, change);
      });
  AddMeasureChange(
      server, store, "evidence", {"file_name", "sha256"},
      [](CaseStore& s, const storage::Caller& c, const std::string& id, int64_t v, const json& b) -> Stored {
        workflow::Evidence e;
        e.file_name = b.value("file_name", "");
        e.sha256 = b.value("sha256", "");
        return s.AddMeasureEvidence(c, id, v, e);
      });
}

// Appeals (異議申立て) against a decline, within its appeal window: the institution lodges one
// (case.write: its security officer, for the researcher), a decider grants or dismisses it
// (case.decide: the institution's officer or the agency's programme officer). The case then
// moves with the appeal / grant_appeal / dismiss_appeal transitions. Every appeal of a case,
// earlier (decided) ones included, is read with case.read, as its decisions are; an appeal is
// found only under its own case (another case's or tenant's appeal id is 404).
const storage::Stored<workflow::Appeal>* FindAppeal(const storage::CaseView& view, const std::string& appeal_id) {
  for (const auto& a : view.appeals)
    if (a.value.id == appeal_id) return &a;
  return nullptr;
}

ApiError NoSuchAppeal(const storage::CaseView& view, const std::string& appeal_id) {
  return ApiError(
      MakeError(ErrorCode::kNotFound, "appeals/" + appeal_id + ": not an appeal of cases/" + view.kase.value.id));
}

// Only the case's latest appeal can be decided (the one the state machine sees). An earlier
// appeal of the same case is 409 naming its status: decided already, or (if two were filed)
// superseded by the latest; an id that is not an appeal of this case is 404.
ApiResult<void> RequireLatestAppeal(const storage::CaseView& view, const std::string& appeal_id) {
  const storage::Stored<workflow::Appeal>* found = FindAppeal(view, appeal_id);
  if (!found) return NoSuchAppeal(view, appeal_id);
  if (found == &view.appeals.back()) return {};
  const workflow::Appeal& a = found->value;
  const std::string latest = view.appeals.back().value.id;
  std::string why = a.status == workflow::AppealStatus::kPending
                        ? "is still pending but superseded by the later appeals/" + latest
                        : "is already " + std::string(workflow::Name(a.status)) + " (on " + a.decided_at + " by " +
                              a.decided_by + ")";
  return ApiError(MakeError(ErrorCode::kFailedPrecondition,
                            "appeals/" + appeal_id + ": an earlier appeal of cases/" + view.kase.value.id + " that " +
                                why + "; only the latest, appeals/" + latest + ", can be decided"));
}

void AddAppealRoutes(Server& server, CaseStore* store) {
  server.AddRoute(
      {"GET", "/v1/cases/{id}/appeals", Audience::kAction, A::kCaseRead, BodyKind::kNone, [store](Request& req) {
         return ListOfCase<workflow::Appeal>(
             store, req, A::kCaseRead, [](const storage::CaseView& v) -> const auto& { return v.appeals; });
       }});
  server.AddRoute({"POST", "/v1/cases/{id}/appeals", Audience::kAction, A::kCaseWrite, BodyKind::kJson,
                   [store](Request& req) -> ApiResult<Response> {
                     auto body = internal::ParseJsonObject(req);
                     if (!body) return body.error();
                     if (auto u = internal::RejectUnknownFields(*body, {"grounds"}); !u) return u.error();
                     auto grounds = internal::RequiredString(*body, "grounds", 8000);
                     if (!grounds) return grounds.error();
                     if (!store) return NotConfigured("case store");
                     auto view = LoadCase(*store, req, req.PathParam("id"), A::kCaseWrite);
                     if (!view) return view.error();
                     workflow::Appeal appeal;
                     appeal.grounds = std::move(*grounds);
                     auto filed = store->FileAppeal(internal::CallerOf(req), view->kase.value.id, std::move(appeal));
                     if (!filed) return internal::StoreError(filed.error());
                     return internal::StoredResponse(201, *filed)
                         .Header("Location", "/v1/cases/" + view->kase.value.id + "/appeals/" + filed->value.id);
                   }});
  server.AddRoute({"GET", "/v1/cases/{id}/appeals/{appeal_id}", Audience::kAction, A::kCaseRead, BodyKind::kNone,
                   [store](Request& req) -> ApiResult<Response> {
                     if (!store) return NotConfigured("case store");
                     auto view = LoadCase(*store, req, req.PathParam("id"), A::kCaseRead);
                     if (!view) return view.error();
                     const std::string& appeal_id = req.PathParam("appeal_id");
                     const storage::Stored<workflow::Appeal>* appeal = FindAppeal(*view, appeal_id);
                     if (!appeal) return NoSuchAppeal(*view, appeal_id);
                     return internal::StoredResponse(200, *appeal);
                   }});
  server.AddRoute({"POST", "/v1/cases/{id}/appeals/{appeal_id}/decision", Audience::kAction, A::kCaseDecide,
                   BodyKind::kJson, [store](Request& req) -> ApiResult<Response> {
                     auto version = RequireIfMatch(req);
                     if (!version) return version.error();
                     auto body = internal::ParseJsonObject(req);
                     if (!body) return body.error();
                     if (auto u = internal::RejectUnknownFields(*body, {"status", "reason"}); !u) return u.error();
                     auto status_text = internal::StringField(*body, "status");
                     if (!status_text) return status_text.error();
                     auto status = workflow::ParseAppealStatus(*status_text);
                     if (!status || *status == workflow::AppealStatus::kPending)
                       return ApiError::Unprocessable("status", "\"" + *status_text + "\" is not granted or dismissed");
                     auto reason = internal::RequiredString(*body, "reason", 8000);
                     if (!reason) return reason.error();
                     if (!store) return NotConfigured("case store");
                     auto view = LoadCase(*store, req, req.PathParam("id"), A::kCaseDecide);
                     if (!view) return view.error();
                     const std::string& appeal_id = req.PathParam("appeal_id");
                     if (auto latest = RequireLatestAppeal(*view, appeal_id); !latest) return latest.error();
                     auto decided =
                         store->DecideAppeal(internal::CallerOf(req), appeal_id, *version, *status, std::move(*reason));
                     if (!decided) return internal::StoreError(decided.error());
                     return internal::StoredResponse(200, *decided);
                   }});
}

void AddReviewRoutes(Server& server, CaseStore* store) {
  server.AddRoute(
      {"GET", "/v1/cases/{id}/reviews", Audience::kAction, A::kReviewRead, BodyKind::kNone, [store](Request& req) {
         return ListOfCase<workflow::Review>(
             store, req, A::kReviewRead, [](const storage::CaseView& v) -> const auto& { return v.reviews; });
       }});
  server.AddRoute({"POST", "/v1/cases/{id}/reviews", Audience::kAction, A::kReviewAssign, BodyKind::kJson,
                   [store](Request& req) -> ApiResult<Response> {
                     auto body = internal::ParseJsonObject(req);
                     if (!body) return body.error();
                     if (auto u = internal::RejectUnknownFields(*body, {"stage_id", "reviewers"}); !u) return u.error();
                     auto stage = internal::StringField(*body, "stage_id");
                     if (!stage) return stage.error();
                     auto reviewers = internal::StringArray(*body, "reviewers", 50, 200);
                     if (!reviewers) return reviewers.error();
                     if (!store) return NotConfigured("case store");
                     auto view = LoadCase(*store, req, req.PathParam("id"), A::kReviewAssign);
                     if (!view) return view.error();
                     auto made = store->AssignReviewers(internal::CallerOf(req), view->kase.value.id, *stage,
                                                        std::move(*reviewers));
                     if (!made) return internal::StoreError(made.error());
                     return internal::StoredResponse(201, *made);
                   }});
  server.AddRoute({"POST", "/v1/reviews/{id}/votes", Audience::kAction, A::kReviewVote, BodyKind::kJson,
                   [store](Request& req) -> ApiResult<Response> {
                     auto version = RequireIfMatch(req);
                     if (!version) return version.error();
                     auto body = internal::ParseJsonObject(req);
                     if (!body) return body.error();
                     if (auto u = internal::RejectUnknownFields(*body, {"vote", "text"}); !u) return u.error();
                     auto vote = internal::StringField(*body, "vote");
                     if (!vote) return vote.error();
                     auto parsed = workflow::ParseVote(*vote);
                     if (!parsed) return ApiError::Unprocessable("vote", parsed.error().message);
                     auto text = internal::OptionalString(*body, "text", 8000);
                     if (!text) return text.error();
                     if (!store) return NotConfigured("case store");
                     workflow::Opinion o;
                     o.reviewer = req.identity().principal.user_id;
                     o.vote = *parsed;
                     o.text = text->value_or("");
                     auto saved = store->Vote(internal::CallerOf(req), req.PathParam("id"), *version, std::move(o));
                     if (!saved) return internal::StoreError(saved.error());
                     return internal::StoredResponse(200, *saved);
                   }});
  server.AddRoute({"GET", "/v1/cases/{id}/decisions", Audience::kAction, A::kCaseRead, BodyKind::kNone,
                   [store](Request& req) -> ApiResult<Response> {
                     if (!store) return NotConfigured("case store");
                     auto view = LoadCase(*store, req, req.PathParam("id"), A::kCaseRead);
                     if (!view) return view.error();
                     json out = {{"decision", view->decision ? internal::StoredJson(*view->decision) : json(nullptr)},
                                 {"appeal", view->appeal ? internal::StoredJson(*view->appeal) : json(nullptr)}};
                     return Response::Json(200, Dump(out));
                   }});
  server.AddRoute({"POST", "/v1/cases/{id}/decisions", Audience::kAction, A::kCaseDecide, BodyKind::kJson,
                   [store](Request& req) -> ApiResult<Response> {
                     auto value = ChildBody<workflow::Decision>(req, req.PathParam("id"));
                     if (!value) return value.error();
                     if (!store) return NotConfigured("case store");
                     auto view = LoadCase(*store, req, value->case_id, A::kCaseDecide);
                     if (!view) return view.error();
                     auto made = store->Decide(internal::CallerOf(req), view->kase.value.id, std::move(*value));
                     if (!made) return internal::StoreError(made.error());
                     return internal::StoredResponse(201, *made);
                   }});
  AddAppealRoutes(server, store);
}

void AddFollowUpRoutes(Server& server, CaseStore* store, const checking::EntityChecker* checker) {
  server.AddRoute({"GET", "/v1/followups", Audience::kAction, A::kFollowupRead, BodyKind::kNone,
                   [store](Request& req) -> ApiResult<Response> {
                     PagingSpec spec{.sorts = {"created_at", "updated_at", "status", "kind"},
                                     .filters = {"case_id", "kind", "status"}};
                     auto page = internal::ParsePaging(req, spec);
                     if (!page) return page.error();
                     if (!store) return NotConfigured("case store");
                     auto got = store->ListFollowUps(internal::VisibilityOf(req.identity().principal),
                                                     internal::ListOptionsOf(*page));
                     if (!got) return internal::StoreError(got.error());
                     return Response::Json(200, Dump(internal::PageJson(StoredArray(got->items), got->total, *page)));
                   }});
  server.AddRoute(
      {"POST", "/v1/cases/{id}/followups", Audience::kAction, A::kFollowupWrite, BodyKind::kJson,
       [store](Request& req) -> ApiResult<Response> {
         auto body = internal::ParseJsonObject(req);
         if (!body) return body.error();
         if (auto u = internal::RejectUnknownFields(*body, {"kind", "subject", "reference", "description"}); !u)
           return u.error();
         auto kind = internal::StringField(*body, "kind");
         if (!kind) return kind.error();
         auto subject = SubjectField(*body, "subject");
         if (!subject) return subject.error();
         if (!store) return NotConfigured("case store");
         auto view = LoadCase(*store, req, req.PathParam("id"), A::kFollowupWrite);
         if (!view) return view.error();
         Result<storage::Stored<workflow::FollowUp>> made = MakeError(ErrorCode::kInternal, "");
         if (*kind == "member_added") {
           if (subject->kind != workflow::SubjectKind::kPerson)
             return ApiError::Unprocessable("subject.kind", "member_added concerns a person");
           made = store->MemberAdded(internal::CallerOf(req), view->kase.value.id, subject->id);
         } else if (*kind == "change_reported_to_funder") {
           auto ref = internal::StringField(*body, "reference");
           if (!ref) return ref.error();
           auto desc = internal::StringField(*body, "description");
           if (!desc) return desc.error();
           made = store->ReportChangeToFunder(internal::CallerOf(req), view->kase.value.id, *subject, *ref, *desc);
         } else {
           return ApiError::Unprocessable(
               "kind", "\"" + *kind +
                           "\": open member_added or change_reported_to_funder here; list updates and "
                           "overdue measures open their own (POST /v1/followups/list-snapshot-runs)");
         }
         if (!made) return internal::StoreError(made.error());
         return internal::StoredResponse(201, *made);
       }});
  server.AddRoute({"POST", "/v1/followups/{id}/close", Audience::kAction, A::kFollowupWrite, BodyKind::kJson,
                   [store](Request& req) -> ApiResult<Response> {
                     auto version = RequireIfMatch(req);
                     if (!version) return version.error();
                     auto body = internal::ParseJsonObject(req);
                     if (!body) return body.error();
                     if (auto u = internal::RejectUnknownFields(*body, {"note"}); !u) return u.error();
                     auto note = internal::StringField(*body, "note");
                     if (!note) return note.error();
                     if (!store) return NotConfigured("case store");
                     auto saved = store->CloseFollowUp(internal::CallerOf(req), req.PathParam("id"), *version, *note);
                     if (!saved) return internal::StoreError(saved.error());
                     return internal::StoredResponse(200, *saved);
                   }});
  server.AddRoute({"POST", "/v1/followups/list-snapshot-runs", Audience::kAction, A::kFollowupWrite, BodyKind::kJson,
                   [store, checker](Request& req) -> ApiResult<Response> {
                     auto body = internal::ParseJsonObject(req);
                     if (!body) return body.error();
                     if (auto u = internal::RejectUnknownFields(*body, {}); !u) return u.error();
                     if (!store) return NotConfigured("case store");
                     if (!checker) return NotConfigured("list checker");
                     auto run = store->OnListSnapshotChanged(
                         internal::CallerOf(req),
                         [checker](const storage::CheckSubject& s) -> Result<cases::ListCheck> {
                           return checking::CheckNames(*checker, s.subject, s.names, s.country);
                         });
                     if (!run) return internal::StoreError(run.error());
                     json out = {{"cases_checked", run->cases_checked},
                                 {"subjects_checked", run->subjects_checked},
                                 {"screenings", StoredArray(run->screenings)},
                                 {"opened", StoredArray(run->opened)}};
                     return Response::Json(200, Dump(out));
                   }});
}

}  // namespace

void AddCaseRoutes(Server& server, const ResourceServices& services, const ResourceOptions& options) {
  CaseStore* store = services.cases;
  AddProposalRoutes(server, store);
  AddCaseCoreRoutes(server, store);
  AddEvidenceRoutes(server, store, services, options);
  AddAssessmentRoutes(server, store);
  AddMeasureChangeRoutes(server, store);
  AddReviewRoutes(server, store);
  AddFollowUpRoutes(server, store, services.checker);
}

}  // namespace highfence::server::handlers
