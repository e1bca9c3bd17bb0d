// SPDX-License-Identifier: Apache-2.0
#pragma once
// One reader per format, called by the dispatch in document.cc once the format is known.
// Each gets the whole file in memory (already checked against ReadOptions::max_file_bytes)
// and returns a Document whose name, format, text, pages, encoding and warnings are set;
// every error message starts with `name`.
#include <string_view>

#include "base/result.h"
#include "engines/documents/document.h"

namespace highfence::documents::internal {

Result<Document> ReadPdf(std::string_view bytes, std::string_view name, const ReadOptions& options);
// `bytes` is a ZIP archive; a ZIP that is not a Word document fails with kUnimplemented.
Result<Document> ReadDocx(std::string_view bytes, std::string_view name, const ReadOptions& options);
Result<Document> ReadText(std::string_view bytes, std::string_view name, const ReadOptions& options);

}  // namespace highfence::documents::internal
