// SPDX-License-Identifier: Apache-2.0
#include "server/internal/resource_util.h"

#include <algorithm>

namespace highfence::server::internal {

storage::Visibility VisibilityOf(const access::Principal& p) {
  std::vector<std::string> ids = {p.tenant_id};
  if (p.tenant_kind == access::TenantKind::kHub)
    for (const std::string& m : p.member_tenants) ids.push_back(m);
  return storage::Visibility::Of(std::move(ids));
}

storage::Caller CallerOf(const Request& req) {
  const access::Principal& p = req.identity().principal;
  storage::Caller c;
  c.user_id = p.user_id;
  c.roles = p.roles;
  c.tenant_id = p.tenant_id;
  c.request_id = req.request_id();
  c.visible = VisibilityOf(p);
  c.person_id = p.person_id;
  return c;
}

ApiError StoreError(Error e) {
  ApiError out(e);
  if (e.code != ErrorCode::kInvalidArgument) return out;
  out.status = 422;
  // "team[2].role: unknown value" → "team[2].role"; "JSON: …" stays a body error (400).
  size_t colon = e.message.find(": ");
  if (e.message.rfind("JSON", 0) == 0) {
    out.status = 400;
    out.field = "body";
  } else if (colon != std::string::npos && colon < 80) {
    std::string_view path(e.message.data(), colon);
    bool is_path = !path.empty() && std::all_of(path.begin(), path.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '[' || c == ']';
    });
    if (is_path) out.field = std::string(path);
  }
  return out;
}

storage::ListOptions ListOptionsOf(const PageRequest& page) {
  storage::ListOptions o;
  o.where = page.filters;
  o.order_by = page.sort.empty() ? "created_at" : page.sort;
  o.descending = page.descending;
  o.limit = page.limit;
  o.offset = page.offset;
  return o;
}

ApiResult<void> Authorize(const Request& req, access::Action action, const access::ResourceScope& scope) {
  access::Decision d = access::Authorize(req.identity().principal, action, scope);
  if (!d.allowed()) return ApiError(d.ToError());
  return {};
}

bool OnlyConditional(const access::Principal& principal, access::Action action) {
  for (access::Role r : principal.roles)
    if (access::GrantFor(r, action) == access::Grant::kAllow) return false;
  return true;
}

access::ResourceScope CaseScope(const storage::CaseView& view) {
  access::ResourceScope s;
  s.tenant_id = view.kase.value.tenant_id;
  if (!view.kase.value.agency_id.empty()) s.submitted_to.push_back(view.kase.value.agency_id);
  for (const auto& r : view.reviews)
    for (const std::string& u : r.value.reviewers) s.assigned_user_ids.push_back(u);
  return s;
}

access::ResourceScope PersonScope(const cases::Person& person) {
  access::ResourceScope s;
  s.tenant_id = person.tenant_id;
  s.owner_person_id = person.id;
  return s;
}

access::ResourceScope ProposalScope(const access::Principal& principal, const cases::Proposal& proposal) {
  access::ResourceScope s;
  s.tenant_id = proposal.lead_institution_id;
  for (const cases::TeamMember& m : proposal.team) {
    if (m.person_id == principal.person_id) s.owner_person_id = m.person_id;
    if (s.owner_person_id.empty() && m.role == cases::TeamRole::kPi) s.owner_person_id = m.person_id;
  }
  return s;
}

std::string SpliceStoreFields(std::string body, int64_t version, const std::string& created_at,
                              const std::string& updated_at) {
  body.pop_back();  // the codec writes one object: "{…}"
  if (body.size() > 1) body += ',';
  body += "\"version\":" + std::to_string(version) + ",\"created_at\":" + nlohmann::json(created_at).dump() +
          ",\"updated_at\":" + nlohmann::json(updated_at).dump() + "}";
  return body;
}

std::string PageText(const std::vector<std::string>& items, int64_t total, const PageRequest& page) {
  std::string out = "{\"items\":[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += items[i];
  }
  int64_t next = page.offset + page.limit;
  out += "],\"total\":" + std::to_string(total) + ",\"limit\":" + std::to_string(page.limit) +
         ",\"offset\":" + std::to_string(page.offset) +
         ",\"next_offset\":" + (next < total ? std::to_string(next) : std::string("null")) + "}";
  return out;
}

ApiResult<std::string> StringField(const nlohmann::json& obj, std::string_view field) {
  return RequiredString(obj, field, 2000);
}

}  // namespace highfence::server::internal
