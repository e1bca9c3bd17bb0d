// SPDX-License-Identifier: Apache-2.0
#include "server/internal/upload.h"

namespace highfence::server::internal {
namespace {

// Strict UTF-8 (no overlongs, no surrogates); a file name is shown back to officers verbatim.
bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    uint32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (size_t k = 1; k < n; ++k) {
      auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n;
  }
  return true;
}

}  // namespace

ApiResult<std::string> CheckFileName(std::string_view name) {
  auto bad = [&](const std::string& why) {
    return ApiError::Field(ErrorCode::kInvalidArgument, "filename", "file name refused: " + why);
  };
  if (name.empty()) return bad("empty");
  if (name.size() > 255) return bad("longer than 255 bytes");
  if (!ValidUtf8(name)) return bad("not valid UTF-8");
  if (name == "." || name == ".." || name.rfind("..", 0) == 0)
    return bad("\"" + std::string(name) + "\" is a path, not a name");
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (c == '/' || c == '\\') return bad("contains a path separator; send the file name only");
    if (c == ':') return bad("contains ':' (a drive or stream name)");
    if (u < 0x20 || u == 0x7F) return bad("contains a control character");
  }
  return std::string(name);
}

ApiResult<Upload> SingleUpload(const Request& req, std::string_view field, size_t max_bytes) {
  if (!req.multipart())
    return ApiError::Field(ErrorCode::kInvalidArgument, "body",
                           "expected multipart/form-data with the file in part \"" + std::string(field) + "\"");
  Upload out;
  int found = 0;
  for (FormFile& f : req.form_files()) {
    if (f.field != field) continue;
    if (++found > 1)
      return ApiError::Field(ErrorCode::kInvalidArgument, std::string(field),
                             "more than one file; send one per request");
    out.filename = std::move(f.filename);
    out.content_type = std::move(f.content_type);
    out.content = std::move(f.content);
  }
  if (found == 0)
    return ApiError::Field(ErrorCode::kInvalidArgument, std::string(field),
                           "no file part \"" + std::string(field) + "\" with a filename");
  auto name = CheckFileName(out.filename);
  if (!name) return name.error();
  if (out.content.size() > max_bytes) {
    ApiError e = ApiError::TooLarge(out.filename + ": " + std::to_string(out.content.size()) +
                                    " bytes exceeds the per-file limit of " + std::to_string(max_bytes) + " bytes");
    e.field = std::string(field);
    return e;
  }
  if (out.content.empty())
    return ApiError::Field(ErrorCode::kInvalidArgument, std::string(field), out.filename + ": empty file");
  return out;
}

}  // namespace highfence::server::internal
