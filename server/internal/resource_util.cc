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

namespace {

// A JSON path as the decoders write it: team[2].role, 名前 (members are any UTF-8), "" (an empty
// member name).
bool IsPath(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return std::isalnum(u) || u >= 0x80 || c == '_' || c == '.' || c == '[' || c == ']' || c == '"';
  });
}

// The field an invalid-argument message names: the first of its ": "-separated leading segments
// that is a path ("team[2].role: …", "people/person_1 disclosure: as_of: …") or reads
// `field "x"` (workflow: "review of stage s: field \"reviewers\": …"); "(root)" and a message
// naming none are the body as a whole.
std::string FieldOf(std::string_view message) {
  size_t start = 0;
  for (int segments = 0; segments < 4; ++segments) {
    size_t colon = message.find(": ", start);
    if (colon == std::string_view::npos || colon - start > 120) break;
    std::string_view seg = message.substr(start, colon - start);
    if (seg == "(root)") break;
    constexpr std::string_view kField = "field \"";
    if (seg.size() > kField.size() + 1 && seg.substr(0, kField.size()) == kField && seg.back() == '"')
      return std::string(seg.substr(kField.size(), seg.size() - kField.size() - 1));
    if (IsPath(seg)) return std::string(seg);
    start = colon + 2;
  }
  return "body";
}

}  // namespace

ApiError StoreError(Error e) {
  ApiError out(e);
  if (e.code != ErrorCode::kInvalidArgument) return out;
  out.status = 422;
  // "team[2].role: unknown value" → "team[2].role"; "JSON: …" stays a body error (400).
  if (e.message.rfind("JSON", 0) == 0) {
    out.status = 400;
    out.field = "body";
  } else {
    out.field = FieldOf(e.message);
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

namespace {

// `"text"` as JSON: as is when nothing in it needs escaping (a timestamp never does), else by
// nlohmann.
void AppendJsonString(std::string& out, const std::string& text) {
  const bool plain = std::none_of(text.begin(), text.end(), [](char c) {
    return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x80;
  });
  if (!plain) {
    out += nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  out += '"';
  out += text;
  out += '"';
}

}  // namespace

std::string SpliceStoreFields(std::string body, int64_t version, const std::string& created_at,
                              const std::string& updated_at) {
  body.pop_back();  // the codec writes one object: "{…}"
  body.reserve(body.size() + created_at.size() + updated_at.size() + 64);
  if (body.size() > 1) body += ',';
  body += "\"version\":";
  body += std::to_string(version);
  body += ",\"created_at\":";
  AppendJsonString(body, created_at);
  body += ",\"updated_at\":";
  AppendJsonString(body, updated_at);
  body += '}';
  return body;
}

std::string PageText(const std::vector<std::string>& items, int64_t total, const PageRequest& page) {
  size_t size = 128;
  for (const std::string& item : items) size += item.size() + 1;
  std::string out;
  out.reserve(size);
  out += "{\"items\":[";
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
