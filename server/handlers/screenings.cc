// SPDX-License-Identifier: Apache-2.0
// POST /v1/screenings: upload a proposal (PDF / DOCX / text, multipart part "file") and screen it
// for technology keywords (domain/screening). The file is read in memory only and never written
// to disk under its client-given name; a ZIP bomb disguised as DOCX stops at the uncompressed
// budget (413), an encrypted, corrupt or empty file is 422, a format we cannot read is 415.
#include "server/internal/screening_render.h"

#include "domain/screening/screener.h"
#include "engines/documents/document.h"
#include "server/internal/handlers.h"
#include "server/internal/upload.h"

namespace highfence::server::handlers {

ApiError DocumentError(const Error& e) {
  ApiError out(e);
  out.field = "file";
  switch (e.code) {
    case ErrorCode::kResourceExhausted:
      out.status = 413;
      out.wire_code = "payload_too_large";
      break;
    case ErrorCode::kUnimplemented:
      out.status = 415;
      out.wire_code = "unsupported_media_type";
      break;
    case ErrorCode::kFailedPrecondition:
    case ErrorCode::kDataLoss:
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kNotFound:
      out.status = 422;
      break;
    default:
      break;
  }
  return out;
}

ApiResult<screening::ScreeningResult> ScreenUpload(const Request& req, const screening::Screener* screener,
                                                   const ResourceOptions& options) {
  auto upload = internal::SingleUpload(req, "file", options.max_file_bytes);
  if (!upload) return upload.error();
  if (!screener) return NotConfigured("keyword screener");
  documents::ReadOptions ro;
  ro.max_file_bytes = options.max_file_bytes;
  ro.max_docx_uncompressed_bytes = options.max_docx_uncompressed_bytes;
  auto doc = documents::ReadDocumentBytes(upload->content, upload->filename, ro);
  if (!doc) return DocumentError(doc.error());
  return screener->Screen(*doc, std::nullopt);
}

void AddScreeningRoutes(Server& server, const ResourceServices& services, const ResourceOptions& options) {
  const screening::Screener* screener = services.screener;
  server.AddRoute({"POST", "/v1/screenings", Audience::kAction, access::Action::kScreeningRun, BodyKind::kUpload,
                   [screener, options](Request& req) -> ApiResult<Response> {
                     auto result = ScreenUpload(req, screener, options);
                     if (!result) return result.error();
                     return Response::Json(200, Dump(ScreeningJson(*result, screener->keywords())));
                   }});
}

}  // namespace highfence::server::handlers
