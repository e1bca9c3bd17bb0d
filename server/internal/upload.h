// SPDX-License-Identifier: Apache-2.0
#pragma once
// Uploaded files (multipart/form-data): exactly one file part per upload, a size limit per file
// (413) under the server's body limit, and a file name that is only a name: path separators,
// "." / "..", control characters, ':' and invalid UTF-8 are refused (400, field "filename") so
// that a name like "../../etc/passwd" or "C:\\x.pdf" can never reach a path anywhere.
#include <cstddef>
#include <string>
#include <string_view>

#include "server/api_error.h"
#include "server/http.h"

namespace highfence::server::internal {

struct Upload {
  std::string filename;  // checked by CheckFileName
  std::string content_type;
  std::string content;
};

// 400 "filename" naming what is wrong; the name is returned unchanged when it is acceptable.
ApiResult<std::string> CheckFileName(std::string_view name);

// The one file part named `field`. 400 (field "body") if the request is not multipart, 400
// (field `field`) if the part is missing or given twice, 413 if over max_bytes, 400 if empty.
ApiResult<Upload> SingleUpload(const Request& req, std::string_view field, size_t max_bytes);

}  // namespace highfence::server::internal
