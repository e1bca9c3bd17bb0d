// SPDX-License-Identifier: Apache-2.0
// PDF → Document through poppler-cpp: one Page per PDF page, in order.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <climits>
#include <exception>
#include <memory>
#include <mutex>
#include <string>

#include "engines/documents/internal/page_builder.h"
#include "engines/documents/internal/readers.h"

namespace highfence::documents::internal {

namespace {

// poppler reports every syntax problem on stderr unless given a handler. The handler is a
// process-wide setting, so it is installed once; it counts messages per thread (poppler calls
// it on the thread that is parsing) so a damaged file can be reported as a warning.
thread_local int poppler_messages = 0;

void CountPopplerMessage(const std::string& /*message*/, void* /*closure*/) {
  ++poppler_messages;
}

void SilencePoppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(&CountPopplerMessage, nullptr); });
}

Error Fail(ErrorCode code, std::string_view name, std::string_view reason) {
  return MakeError(code, std::string(name) + ": " + std::string(reason));
}

// A complete PDF ends with %%EOF (possibly followed by a few bytes of junk). poppler rebuilds a
// missing cross-reference table and then silently returns whatever pages it could find, so a
// truncated upload would pass as a shorter proposal; we refuse it instead.
bool HasEofMarker(std::string_view bytes) {
  const size_t tail = bytes.size() > 2048 ? bytes.size() - 2048 : 0;
  return bytes.find("%%EOF", tail) != std::string_view::npos;
}

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

}  // namespace

Result<Document> ReadPdf(std::string_view bytes, std::string_view name, const ReadOptions& /*options*/) {
  SilencePoppler();
  poppler_messages = 0;
  if (bytes.size() > static_cast<size_t>(INT_MAX)) return Fail(ErrorCode::kResourceExhausted, name, "PDF over 2 GiB");
  try {
    // load_from_raw_data does not copy: `bytes` outlives `pdf`.
    std::unique_ptr<poppler::document> pdf(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    const bool complete = HasEofMarker(bytes);
    if (!pdf || (!complete && !pdf->is_locked())) {
      return Fail(ErrorCode::kDataLoss, name,
                  complete ? "corrupt PDF (cannot be parsed)" : "truncated PDF (no %%EOF marker at the end)");
    }
    if (pdf->is_locked()) return Fail(ErrorCode::kFailedPrecondition, name, "encrypted PDF (password required)");
    const int page_count = pdf->pages();
    if (page_count <= 0) return Fail(ErrorCode::kDataLoss, name, "corrupt PDF (no pages)");

    Document doc;
    doc.name = std::string(name);
    doc.format = Format::kPdf;
    doc.encoding = "UTF-8";  // poppler decodes the fonts' encodings to Unicode for us
    PageBuilder builder;
    int pages_with_text = 0;
    for (int i = 0; i < page_count; ++i) {
      std::unique_ptr<poppler::page> page(pdf->create_page(i));
      std::string text;
      if (page) {
        poppler::byte_array utf8 = page->text().to_utf8();
        text.assign(utf8.begin(), utf8.end());
      }
      if (IsBlank(text)) {
        doc.warnings.push_back("page " + std::to_string(i + 1) + " has no extractable text (scanned image?)");
      } else {
        ++pages_with_text;
        builder.Append(text);
        // Keeps the last word of a page apart from the first word of the next one.
        if (text.back() != '\n') builder.Append('\n');
      }
      builder.EndPage();
    }
    if (pages_with_text == 0) return Fail(ErrorCode::kInvalidArgument, name, "no extractable text (scanned images?)");
    if (pdf->is_encrypted()) doc.warnings.push_back("PDF is encrypted with an owner password only; text was read");
    if (poppler_messages > 0) {
      doc.warnings.push_back("PDF has " + std::to_string(poppler_messages) +
                             " syntax problem(s); text may be incomplete");
    }
    builder.Finish(doc);
    return doc;
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kInternal, name, std::string("PDF reader failed: ") + e.what());
  }
}

}  // namespace highfence::documents::internal
