// SPDX-License-Identifier: Apache-2.0
#pragma once
// Document: the text of one proposal file (提案書), whatever its format, as UTF-8 with its pages.
// File bytes → Document. PDF through poppler-cpp (page numbers kept), DOCX through libzip +
// pugixml (body paragraphs, table cells, headers and footers), .txt / .md with charset
// detection (UTF-8, UTF-8 with BOM, Shift_JIS / CP932, EUC-JP, UTF-16 LE/BE) through ICU.
//
//   Result<Document> d = ReadDocument("proposals/a.pdf", {});
//   if (!d) { std::cerr << d.error().message; }   // "proposals/a.pdf: encrypted PDF …"
//   int page = d->PageAt(offset);
//
// Errors name the file and the reason: kFailedPrecondition (encrypted / password-protected),
// kDataLoss (corrupt or truncated file), kInvalidArgument (empty: no extractable text),
// kUnimplemented (unsupported format, e.g. legacy .doc, .xlsx, images), kResourceExhausted
// (over the size limits, e.g. a ZIP bomb), kNotFound / kUnavailable (cannot open / read).
// Stateless; safe to call from several threads (poppler and ICU converters are per call).
// Deliberately left out: OCR of scanned pages (a page with no text is reported, not guessed).
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace highfence::documents {

enum class Format { kPdf, kDocx, kText };
std::string_view FormatName(Format format);  // "pdf", "docx", "text"

// A page: 1-based number and its byte range in Document::text.
struct Page {
  int number = 1;
  size_t begin = 0;
  size_t end = 0;
};

struct Document {
  std::string name;  // the path or name as given
  Format format = Format::kText;
  std::string text;                   // UTF-8; pages separated by "\n\f\n" is NOT assumed: use pages
  std::vector<Page> pages;            // PDF: real pages; DOCX: split at explicit page breaks; text: form feeds
  std::string encoding;               // detected source charset: "UTF-8", "Shift_JIS", "EUC-JP", "UTF-16LE" …
  std::vector<std::string> warnings;  // e.g. "page 3 has no extractable text (scanned image?)"

  // The page holding byte `offset` of text (1 if there are no pages).
  int PageAt(size_t offset) const;
};

struct ReadOptions {
  // Largest input file accepted. Default: 64 MiB.
  size_t max_file_bytes = 64u << 20;
  // Largest total uncompressed size of the DOCX parts we read (ZIP-bomb guard). Default: 256 MiB.
  size_t max_docx_uncompressed_bytes = 256u << 20;
};

// Reads a file; the format comes from its magic bytes first (%PDF, PK zip with
// word/document.xml), then from its extension (.txt, .md, .text).
Result<Document> ReadDocument(const std::filesystem::path& path, const ReadOptions& options);
// The same from memory; `name` is used in messages and for the extension.
Result<Document> ReadDocumentBytes(std::string_view bytes, std::string_view name, const ReadOptions& options);

}  // namespace highfence::documents
