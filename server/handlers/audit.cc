// SPDX-License-Identifier: Apache-2.0
// The audit trail (監査証跡) for auditors: verify the whole hash chain, and page through the
// records of the auditor's tenant (or one object's history).
#include <sstream>

#include "server/internal/resource_util.h"
#include "storage/audit.h"

namespace highfence::server::handlers {
using nlohmann::json;
using storage::CaseStore;

void AddAuditRoutes(Server& server, const ResourceServices& services) {
  CaseStore* store = services.cases;
  server.AddRoute(
      {"GET", "/v1/audit/verify", Audience::kAction, access::Action::kAuditRead, BodyKind::kNone,
       [store](Request&) -> ApiResult<Response> {
         if (!store) return NotConfigured("case store");
         auto report = storage::VerifyAudit(store->database());
         if (!report) return internal::StoreError(report.error());
         json out = {{"ok", report->ok},
                     {"records_checked", report->records_checked},
                     {"rows_checked", report->rows_checked},
                     {"first_broken_seq", report->first_broken_seq ? json(*report->first_broken_seq) : json(nullptr)},
                     {"reason", report->reason},
                     {"problems", report->problems}};
         return Response::Json(200, Dump(out));
       }});
  server.AddRoute(
      {"GET", "/v1/audit/records", Audience::kAction, access::Action::kAuditRead, BodyKind::kNone,
       [store](Request& req) -> ApiResult<Response> {
         internal::PagingSpec spec{.sorts = {"seq"}, .filters = {"object_kind", "object_id", "action", "actor"}};
         auto page = internal::ParsePaging(req, spec);
         if (!page) return page.error();
         if (!store) return NotConfigured("case store");
         storage::Visibility visible = internal::VisibilityOf(req.identity().principal);
         std::vector<storage::AuditRecord> records;
         std::string kind, id;
         for (const auto& [k, v] : page->filters) {
           if (k == "object_kind") kind = v;
           if (k == "object_id") id = v;
         }
         if (!kind.empty() && !id.empty()) {
           auto h = storage::AuditHistory(store->database(), kind, id);
           if (!h) return internal::StoreError(h.error());
           records = std::move(*h);
         } else {
           // The whole chain, read once; an auditor pages through their tenant's share of it.
           std::stringstream lines;
           auto n = storage::ExportAudit(store->database(), lines);
           if (!n) return internal::StoreError(n.error());
           std::string line;
           json items = json::array();
           while (std::getline(lines, line)) {
             json r = json::parse(line, nullptr, false);
             if (r.is_discarded() || !r.is_object()) continue;
             items.push_back(std::move(r));
           }
           json mine = json::array();
           for (json& r : items)
             if (r["tenant_id"].is_string() && visible.Sees(r["tenant_id"].get<std::string>()))
               mine.push_back(std::move(r));
           return Response::Json(200, Dump(internal::PageInMemory(mine, *page)));
         }
         json mine = json::array();
         for (const storage::AuditRecord& r : records)
           if (r.tenant_id && visible.Sees(*r.tenant_id)) mine.push_back(json::parse(storage::AuditRecordJson(r)));
         return Response::Json(200, Dump(internal::PageInMemory(mine, *page)));
       }});
}

}  // namespace highfence::server::handlers
