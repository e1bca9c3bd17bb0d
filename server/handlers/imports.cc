// SPDX-License-Identifier: Apache-2.0
// Imports (multipart part "file", CSV or XLSX; docs/formats/disclosure_import.md and
// team_import.md): disclosures of many people, and a case's team. A file with errors writes
// nothing unless the form field partial=true; every error names the file, row and column. A team
// file is written in one transaction (storage::CaseStore::ImportTeam), partial or not.
#include "domain/cases/disclosure_import.h"
#include "domain/cases/team_import.h"
#include "server/internal/resource_util.h"
#include "server/internal/upload.h"

namespace highfence::server::handlers {
namespace {

using nlohmann::json;
using storage::CaseStore;

json ErrorsJson(const std::vector<cases::ImportError>& errors) {
  json out = json::array();
  for (const cases::ImportError& e : errors)
    out.push_back(
        {{"file", e.file}, {"row", e.line}, {"column", e.column}, {"message", e.message}, {"text", e.ToString()}});
  return out;
}

ApiError ImportRefused(const std::vector<cases::ImportError>& errors) {
  ApiError e = ApiError::Unprocessable(
      "file", errors.front().ToString() +
                  (errors.size() > 1 ? " (and " + std::to_string(errors.size() - 1) + " more; nothing was written)"
                                     : " (nothing was written)"));
  return e;
}

ApiResult<bool> PartialField(const Request& req) {
  auto v = req.form_field("partial");
  if (!v || *v == "false") return false;
  if (*v == "true") return true;
  return ApiError::Field(ErrorCode::kInvalidArgument, "partial", "must be true or false");
}

ApiResult<void> NoQuery(const Request& req) {
  for (const auto& [name, value] : req.query_params())
    return ApiError::Field(ErrorCode::kInvalidArgument, name, "unknown query parameter; options are form fields");
  return {};
}

}  // namespace

void AddImportRoutes(Server& server, const ResourceServices& services, const ResourceOptions& options) {
  CaseStore* store = services.cases;
  const size_t max_bytes = options.max_file_bytes;
  server.AddRoute(
      {"POST", "/v1/imports/disclosures", Audience::kAction, access::Action::kImportRun, BodyKind::kUpload,
       [store, max_bytes](Request& req) -> ApiResult<Response> {
         if (auto q = NoQuery(req); !q) return q.error();
         auto upload = internal::SingleUpload(req, "file", max_bytes);
         if (!upload) return upload.error();
         auto partial = PartialField(req);
         if (!partial) return partial.error();
         cases::Certification cert;
         cert.certified_by = req.identity().principal.user_id;
         cert.statement = req.form_field("statement").value_or("");
         if (cert.statement.empty())
           return ApiError::Field(ErrorCode::kInvalidArgument, "statement",
                                  "required: the statement the researchers certified on the signed forms");
         cert.certified_at = req.form_field("certified_at").value_or("");
         if (cert.certified_at.empty())
           return ApiError::Field(ErrorCode::kInvalidArgument, "certified_at",
                                  "required: when the forms were certified (RFC 3339, e.g. 2026-10-01T09:30:00Z)");
         if (!store) return NotConfigured("case store");
         auto parsed = cases::ParseDisclosureImport(upload->content, upload->filename, {});
         if (!parsed) return internal::StoreError(parsed.error());
         if (!parsed->errors.empty() && !*partial) {
           ApiError e = ImportRefused(parsed->errors);
           return e;
         }
         auto outcome = store->ImportDisclosures(internal::CallerOf(req), parsed->drafts, cert, *partial);
         if (!outcome) return internal::StoreError(outcome.error());
         std::vector<cases::ImportError> errors = parsed->errors;
         for (cases::ImportError e : outcome->errors) {
           if (e.file.empty()) e.file = upload->filename;
           errors.push_back(std::move(e));
         }
         if (!errors.empty() && !*partial && outcome->written == 0) return ImportRefused(errors);
         json stored = json::array();
         for (const auto& s : outcome->stored) stored.push_back(internal::StoredJson(s));
         json out = {{"file", upload->filename},    {"rows_read", parsed->rows_read}, {"drafts", outcome->drafts},
                     {"written", outcome->written}, {"errors", ErrorsJson(errors)},   {"stored", stored}};
         return Response::Json(errors.empty() ? 201 : 200, Dump(out));
       }});

  server.AddRoute({"POST", "/v1/cases/{id}/team/imports", Audience::kAction, access::Action::kImportRun,
                   BodyKind::kUpload, [store, max_bytes](Request& req) -> ApiResult<Response> {
                     if (auto q = NoQuery(req); !q) return q.error();
                     auto upload = internal::SingleUpload(req, "file", max_bytes);
                     if (!upload) return upload.error();
                     auto partial = PartialField(req);
                     if (!partial) return partial.error();
                     if (!store) return NotConfigured("case store");
                     storage::Visibility visible = internal::VisibilityOf(req.identity().principal);
                     auto view = store->GetCase(visible, req.PathParam("id"));
                     if (!view) return internal::StoreError(view.error());
                     if (auto a = internal::Authorize(req, access::Action::kCaseWrite, internal::CaseScope(*view)); !a)
                       return a.error();
                     auto parsed = cases::ParseTeamImport(upload->content, upload->filename);
                     if (!parsed) return internal::StoreError(parsed.error());
                     // One transaction for the whole file (storage::CaseStore::ImportTeam).
                     auto outcome = store->ImportTeam(internal::CallerOf(req), view->kase.value.id, *parsed,
                                                      upload->filename, *partial);
                     if (!outcome) return internal::StoreError(outcome.error());
                     if (outcome->refused(*partial)) return ImportRefused(outcome->errors);
                     json out = {{"file", upload->filename},
                                 {"rows_read", outcome->rows_read},
                                 {"written", outcome->added},
                                 {"already_on_team", outcome->already_on_team},
                                 {"errors", ErrorsJson(outcome->errors)}};
                     return Response::Json(outcome->errors.empty() ? 201 : 200, Dump(out));
                   }});
}

}  // namespace highfence::server::handlers
