// SPDX-License-Identifier: Apache-2.0
// DOCX → Document through libzip (the archive) and pugixml (WordprocessingML).
// Order of the text: headers (word/header*.xml), body (word/document.xml), footnotes and
// endnotes, footers (word/footer*.xml). Only the body's explicit page breaks start new Pages,
// so headers belong to page 1 and footnotes and footers to the last page.
#include <zip.h>

#include <algorithm>
#include <exception>
#include <memory>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "engines/documents/internal/page_builder.h"
#include "engines/documents/internal/readers.h"

namespace highfence::documents::internal {

namespace {

Error Fail(ErrorCode code, std::string_view name, std::string_view reason) {
  return MakeError(code, std::string(name) + ": " + std::string(reason));
}

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;
using ZipFilePtr = std::unique_ptr<zip_file_t, ZipFileCloser>;

// The archive plus the uncompressed-bytes budget shared by every part we read.
class Archive {
 public:
  Archive(zip_t* zip, std::string_view name, size_t budget) : zip_(zip), name_(name), budget_(budget) {}

  bool Has(const char* part) const { return zip_name_locate(zip_.get(), part, 0) >= 0; }

  std::vector<std::string> Names() const {
    std::vector<std::string> names;
    const zip_int64_t n = zip_get_num_entries(zip_.get(), 0);
    for (zip_int64_t i = 0; i < n; ++i) {
      if (const char* entry = zip_get_name(zip_.get(), static_cast<zip_uint64_t>(i), 0)) names.emplace_back(entry);
    }
    return names;
  }

  // The uncompressed part, charged against the budget. The declared size is checked before
  // reading and the bytes actually produced while reading (a forged header can understate
  // them), in chunks, so a bomb never gets more than the budget plus one chunk of memory.
  Result<std::string> Read(const std::string& part) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(zip_.get(), part.c_str(), 0, &st) != 0) {
      return Fail(ErrorCode::kDataLoss, name_, "corrupt DOCX: cannot stat " + part);
    }
    if ((st.valid & ZIP_STAT_SIZE) && st.size > budget_) return OverBudget(part);
    ZipFilePtr file(zip_fopen(zip_.get(), part.c_str(), 0));
    if (!file) {
      return Fail(ErrorCode::kDataLoss, name_,
                  "corrupt DOCX: cannot open " + part + " (" + zip_strerror(zip_.get()) + ")");
    }
    std::string out;
    char chunk[64 * 1024];
    for (;;) {
      const zip_int64_t n = zip_fread(file.get(), chunk, sizeof chunk);
      if (n < 0) {
        return Fail(ErrorCode::kDataLoss, name_,
                    "corrupt DOCX: cannot read " + part + " (" + zip_file_strerror(file.get()) + ")");
      }
      if (n == 0) break;
      if (static_cast<size_t>(n) > budget_ - out.size()) return OverBudget(part);
      out.append(chunk, static_cast<size_t>(n));
    }
    budget_ -= out.size();
    return out;
  }

 private:
  Error OverBudget(const std::string& part) const {
    return Fail(ErrorCode::kResourceExhausted, name_,
                "DOCX part " + part + " uncompresses beyond the limit (ZIP bomb?)");
  }

  ZipPtr zip_;
  std::string_view name_;
  size_t budget_;
};

std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view n = node.name();
  const size_t colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

// Walks WordprocessingML and writes plain text. Element names are compared without their
// prefix, so DrawingML text in shapes (a:p, a:t) is read as well.
class TextWalker {
 public:
  TextWalker(PageBuilder& out, bool page_breaks) : out_(out), page_breaks_(page_breaks) {}

  void Walk(const pugi::xml_node& node, int depth) {
    // WordprocessingML nests a few dozen levels at most; deeper is hostile input.
    if (depth > kMaxDepth) {
      too_deep_ = true;
      return;
    }
    const std::string_view local = LocalName(node);
    if (local == "t") {
      out_.Append(node.text().get());
      return;
    }
    if (local == "tab" || local == "ptab") {
      // w:tab is also a tab-stop definition inside w:tabs (paragraph properties); only the run
      // child is text.
      if (LocalName(node.parent()) == "r") out_.Append('\t');
      return;
    }
    if (local == "br" || local == "cr") {
      const std::string_view type = node.attribute("w:type").value();
      if (type == "page") {
        PageBreak();
      } else {
        out_.Append('\n');
      }
      return;
    }
    if (local == "lastRenderedPageBreak") {
      PageBreak();
      return;
    }
    if (local == "noBreakHyphen") {
      out_.Append('-');
      return;
    }
    // Skipped: the VML copy of a text box (mc:Choice holds the same text), deleted text
    // (w:delText is never visited: only "t" is), and field instructions (w:instrText).
    if (local == "Fallback" || local == "pPr" || local == "rPr" || local == "sectPr") return;

    if (local == "tc") ++cell_depth_;
    for (const pugi::xml_node& child : node.children()) {
      if (child.type() == pugi::node_element) Walk(child, depth + 1);
    }

    if (local == "p") {
      // Paragraphs are lines; inside a table cell they are joined with a space.
      out_.Append(cell_depth_ > 0 ? ' ' : '\n');
    } else if (local == "tc") {
      // Cells of a row are separated by a tab so their words never fuse; a row is a line.
      --cell_depth_;
      out_.ReplaceTrailing(' ', '\t');
    } else if (local == "tr") {
      out_.ReplaceTrailing('\t', '\n');
    }
  }

  bool too_deep() const { return too_deep_; }

 private:
  static constexpr int kMaxDepth = 200;

  void PageBreak() {
    // Word writes w:lastRenderedPageBreak after an explicit w:br w:type="page" as well; an
    // empty page is never started twice.
    if (page_breaks_ && out_.CurrentPageHasText()) {
      out_.Append('\n');
      out_.EndPage();
    }
  }

  PageBuilder& out_;
  bool page_breaks_;
  int cell_depth_ = 0;
  bool too_deep_ = false;
};

// Names like word/header1.xml, word/header12.xml in numeric order.
std::vector<std::string> PartsLike(const std::vector<std::string>& names, std::string_view stem) {
  std::vector<std::pair<int, std::string>> found;
  const std::string prefix = "word/" + std::string(stem);
  for (const std::string& n : names) {
    if (n.size() <= prefix.size() + 4 || n.compare(0, prefix.size(), prefix) != 0) continue;
    if (n.compare(n.size() - 4, 4, ".xml") != 0) continue;
    const std::string digits = n.substr(prefix.size(), n.size() - prefix.size() - 4);
    if (!digits.empty() && digits.size() > 6) continue;
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
    found.emplace_back(digits.empty() ? 0 : std::stoi(digits), n);
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> parts;
  for (auto& [number, part] : found) parts.push_back(std::move(part));
  return parts;
}

// What a ZIP that is not a Word document is, for the error message.
std::string DescribeOtherZip(Archive& archive) {
  if (archive.Has("xl/workbook.xml")) return "Excel workbook (.xlsx)";
  if (archive.Has("ppt/presentation.xml")) return "PowerPoint presentation (.pptx)";
  if (archive.Has("mimetype")) {
    Result<std::string> mime = archive.Read("mimetype");
    if (mime) {
      if (mime->starts_with("application/vnd.oasis.opendocument.text")) return "OpenDocument text (.odt)";
      if (mime->starts_with("application/vnd.oasis.opendocument.spreadsheet")) return "OpenDocument spreadsheet (.ods)";
      if (mime->starts_with("application/vnd.oasis.opendocument.presentation")) {
        return "OpenDocument presentation (.odp)";
      }
      if (mime->starts_with("application/epub+zip")) return "EPUB e-book";
    }
  }
  return "ZIP archive without word/document.xml";
}

}  // namespace

Result<Document> ReadDocx(std::string_view bytes, std::string_view name, const ReadOptions& options) {
  zip_error_t error;
  zip_error_init(&error);
  // The source does not copy `bytes` (freep = 0); it lives as long as the archive.
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) {
    std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    return Fail(ErrorCode::kInternal, name, "cannot create ZIP source: " + why);
  }
  zip_t* raw = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (!raw) {
    std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    zip_source_free(source);
    return Fail(ErrorCode::kDataLoss, name, "corrupt ZIP archive (" + why + ")");
  }
  zip_error_fini(&error);
  Archive archive(raw, name, options.max_docx_uncompressed_bytes);

  if (!archive.Has("word/document.xml")) {
    return Fail(ErrorCode::kUnimplemented, name, "unsupported format: " + DescribeOtherZip(archive));
  }
  const std::vector<std::string> names = archive.Names();
  Document doc;
  doc.name = std::string(name);
  doc.format = Format::kDocx;
  doc.encoding = "UTF-8";
  PageBuilder builder;

  auto read_part = [&](const std::string& part, bool page_breaks) -> Result<void> {
    Result<std::string> xml = archive.Read(part);
    if (!xml) return xml.error();
    pugi::xml_document dom;
    // parse_ws_pcdata keeps <w:t xml:space="preserve"> </w:t>, the space between two runs.
    // pugixml expands no DTD entities, so there is no billion-laughs or external-entity risk.
    const pugi::xml_parse_result parsed =
        dom.load_buffer(xml->data(), xml->size(), pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_utf8);
    if (!parsed) {
      return Fail(ErrorCode::kDataLoss, name,
                  "corrupt DOCX: " + part + " is not well-formed XML (" + parsed.description() + " at byte " +
                      std::to_string(parsed.offset) + ")");
    }
    TextWalker walker(builder, page_breaks);
    walker.Walk(dom.document_element(), 0);
    if (walker.too_deep()) doc.warnings.push_back(part + ": XML nested too deeply; some text skipped");
    return Ok();
  };

  std::vector<std::string> parts;
  for (const std::string& p : PartsLike(names, "header")) parts.push_back(p);
  parts.push_back("word/document.xml");
  for (const char* p : {"word/footnotes.xml", "word/endnotes.xml"}) {
    if (archive.Has(p)) parts.emplace_back(p);
  }
  for (const std::string& p : PartsLike(names, "footer")) parts.push_back(p);
  try {
    for (const std::string& part : parts) {
      Result<void> r = read_part(part, part == "word/document.xml");
      if (!r) return r.error();
    }
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kInternal, name, std::string("DOCX reader failed: ") + e.what());
  }
  builder.Finish(doc);
  if (doc.text.find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, name, "no extractable text (empty document)");
  }
  return doc;
}

}  // namespace highfence::documents::internal
