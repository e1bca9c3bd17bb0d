// SPDX-License-Identifier: Apache-2.0
#include "engines/tables/xlsx_reader.h"

#include <zip.h>

#include <algorithm>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <string>

namespace highfence::tables {
namespace {

constexpr int kMaxColumns = 16384;  // XFD, Excel's limit
constexpr int kMaxRows = 1048576;   // Excel's limit

Error Fail(ErrorCode code, std::string_view name, std::string_view what) {
  return MakeError(code, std::string(name) + ": " + std::string(what));
}

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};

// Reads named parts out of an in-memory archive, enforcing the size limits.
class Archive {
 public:
  static Result<Archive> Open(std::string_view bytes, std::string_view name, const XlsxOptions& options) {
    if (bytes.size() < 4 || bytes.substr(0, 2) != "PK") {
      return Fail(ErrorCode::kInvalidArgument, name, "not an XLSX workbook (no ZIP signature)");
    }
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
    if (src == nullptr) return Fail(ErrorCode::kInternal, name, "cannot create ZIP source");
    zip_t* z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (z == nullptr) {
      zip_source_free(src);
      std::string why = zip_error_strerror(&err);
      zip_error_fini(&err);
      return Fail(ErrorCode::kDataLoss, name, "corrupt or truncated ZIP archive (" + why + ")");
    }
    Archive a;
    a.zip_.reset(z);
    a.name_ = std::string(name);
    zip_int64_t n = zip_get_num_entries(z, 0);
    if (n < 0 || static_cast<std::uint64_t>(n) > options.max_entries) {
      return Fail(ErrorCode::kResourceExhausted, name, "too many ZIP entries");
    }
    std::uint64_t total = 0;
    for (zip_int64_t i = 0; i < n; ++i) {
      zip_stat_t st;
      if (zip_stat_index(z, i, 0, &st) != 0) return Fail(ErrorCode::kDataLoss, name, "unreadable ZIP directory");
      if ((st.valid & ZIP_STAT_SIZE) == 0 || (st.valid & ZIP_STAT_NAME) == 0) continue;
      if (st.size > options.max_part_uncompressed) {
        return Fail(ErrorCode::kResourceExhausted, name,
                    std::string("part ") + st.name + " inflates beyond the per-part limit");
      }
      total += st.size;
      if (total > options.max_total_uncompressed) {
        return Fail(ErrorCode::kResourceExhausted, name, "archive inflates beyond the total limit (ZIP bomb?)");
      }
      a.sizes_[st.name] = st.size;
    }
    return a;
  }

  bool Has(const std::string& part) const { return sizes_.count(part) != 0; }

  // The part's bytes; reads no more than the size the directory declared.
  Result<std::string> Read(const std::string& part) const {
    auto it = sizes_.find(part);
    if (it == sizes_.end()) return Fail(ErrorCode::kInvalidArgument, name_, "missing part " + part);
    zip_file_t* f = zip_fopen(zip_.get(), part.c_str(), 0);
    if (f == nullptr) return Fail(ErrorCode::kDataLoss, name_, "cannot open part " + part);
    std::string out(it->second, '\0');
    zip_int64_t got = out.empty() ? 0 : zip_fread(f, out.data(), out.size());
    zip_fclose(f);
    if (got < 0 || static_cast<std::uint64_t>(got) != it->second) {
      return Fail(ErrorCode::kDataLoss, name_, "corrupt or truncated part " + part);
    }
    return out;
  }

 private:
  std::unique_ptr<zip_t, ZipCloser> zip_;
  std::string name_;
  std::map<std::string, std::uint64_t> sizes_;
};

Result<pugi::xml_document*> ParseXml(pugi::xml_document& doc, const std::string& xml, std::string_view name,
                                     const std::string& part) {
  pugi::xml_parse_result r = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata);
  if (!r) {
    return Fail(ErrorCode::kDataLoss, name,
                part + ": malformed XML at offset " + std::to_string(r.offset) + " (" + r.description() + ")");
  }
  return &doc;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendUtf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// OOXML escapes characters XML cannot carry as _xHHHH_ (ECMA-376 §22.9.2.19).
std::string DecodeEscapes(std::string_view s) {
  if (s.find("_x") == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      unsigned cp = 0;
      bool ok = true;
      for (size_t k = 2; k < 6; ++k) {
        int d = HexDigit(s[i + k]);
        if (d < 0) ok = false;
        cp = cp * 16 + static_cast<unsigned>(std::max(d, 0));
      }
      if (ok) {
        if (cp == 0x0D) {
          // Carriage returns before line feeds are noise in cell text.
        } else if (cp < 0xD800 || cp > 0xDFFF) {
          AppendUtf8(out, cp);
        }
        i += 6;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

// Text of a <si> or <is>: its <t>, or the <t> of each rich-text run <r>; never <rPh>.
std::string StringItemText(const pugi::xml_node& item) {
  std::string out;
  for (pugi::xml_node child : item.children()) {
    std::string_view tag = child.name();
    if (tag == "t") {
      out += child.text().get();
    } else if (tag == "r") {
      out += child.child("t").text().get();
    }
  }
  return DecodeEscapes(out);
}

// Resolves a relationship target against the folder of the part that names it.
std::string ResolveTarget(const std::string& base_dir, std::string target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  std::string path = base_dir + target;
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string seg = path.substr(start, end - start);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    start = end + 1;
  }
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "/" : "") + parts[i];
  return out;
}

Result<std::vector<std::string>> ReadSharedStrings(const Archive& zip, std::string_view name, const std::string& part) {
  std::vector<std::string> out;
  if (part.empty() || !zip.Has(part)) return out;
  auto xml = zip.Read(part);
  if (!xml) return xml.error();
  pugi::xml_document doc;
  if (auto r = ParseXml(doc, *xml, name, part); !r) return r.error();
  for (pugi::xml_node si : doc.child("sst").children("si")) out.push_back(StringItemText(si));
  return out;
}

Result<Sheet> ReadSheet(const Archive& zip, std::string_view name, const std::string& part, std::string sheet_name,
                        const std::vector<std::string>& shared) {
  auto xml = zip.Read(part);
  if (!xml) return xml.error();
  pugi::xml_document doc;
  if (auto r = ParseXml(doc, *xml, name, part); !r) return r.error();
  pugi::xml_node ws = doc.child("worksheet");
  if (!ws) return Fail(ErrorCode::kDataLoss, name, part + ": no <worksheet>");
  Sheet sheet;
  sheet.name = std::move(sheet_name);
  int next_row = 1;
  for (pugi::xml_node row_node : ws.child("sheetData").children("row")) {
    Row row;
    row.number = row_node.attribute("r").as_int(next_row);
    if (row.number < 1 || row.number > kMaxRows) {
      return Fail(ErrorCode::kDataLoss, name, part + ": row number out of range");
    }
    next_row = row.number + 1;
    int next_col = 0;
    for (pugi::xml_node c : row_node.children("c")) {
      int col = next_col;
      int ref_row = 0;
      if (pugi::xml_attribute r = c.attribute("r"); r && !ParseCellRef(r.value(), col, ref_row)) {
        return Fail(ErrorCode::kDataLoss, name, part + ": bad cell reference \"" + r.value() + "\"");
      }
      next_col = col + 1;
      std::string_view type = c.attribute("t").value();
      std::string text;
      if (type == "s") {
        long idx = c.child("v").text().as_llong(-1);
        if (idx < 0 || static_cast<size_t>(idx) >= shared.size()) {
          return Fail(ErrorCode::kDataLoss, name,
                      part + ": shared string index out of range in row " + std::to_string(row.number));
        }
        text = shared[static_cast<size_t>(idx)];
      } else if (type == "inlineStr") {
        text = StringItemText(c.child("is"));
      } else {
        text = DecodeEscapes(c.child("v").text().get());
      }
      if (text.empty()) continue;
      if (!row.cells.empty() && row.cells.back().column >= col) {
        // Out-of-order or repeated references: keep the cells sorted, last write wins.
        auto it = std::lower_bound(row.cells.begin(), row.cells.end(), col,
                                   [](const Cell& a, int k) { return a.column < k; });
        if (it != row.cells.end() && it->column == col) {
          it->text = std::move(text);
        } else {
          row.cells.insert(it, Cell{col, std::move(text)});
        }
        continue;
      }
      row.cells.push_back(Cell{col, std::move(text)});
    }
    if (!row.cells.empty()) sheet.rows.push_back(std::move(row));
  }
  for (pugi::xml_node m : ws.child("mergeCells").children("mergeCell")) {
    sheet.merged_ranges.emplace_back(m.attribute("ref").value());
  }
  return sheet;
}

}  // namespace

std::string_view Row::At(int column) const {
  auto it = std::lower_bound(cells.begin(), cells.end(), column, [](const Cell& a, int k) { return a.column < k; });
  if (it == cells.end() || it->column != column) return {};
  return it->text;
}

const Sheet* Workbook::Find(std::string_view name) const {
  for (const Sheet& s : sheets) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

bool ParseCellRef(std::string_view ref, int& column, int& row) {
  size_t i = 0;
  long col = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    col = col * 26 + (ref[i] - 'A' + 1);
    if (col > kMaxColumns) return false;
    ++i;
  }
  if (i == 0 || i == ref.size()) return false;
  long r = 0;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return false;
    r = r * 10 + (ref[i] - '0');
    if (r > kMaxRows) return false;
  }
  if (r < 1) return false;
  column = static_cast<int>(col - 1);
  row = static_cast<int>(r);
  return true;
}

Result<Workbook> ReadXlsx(std::string_view bytes, std::string_view name, const XlsxOptions& options) {
  auto zip = Archive::Open(bytes, name, options);
  if (!zip) return zip.error();
  const std::string book_part = "xl/workbook.xml";
  if (!zip->Has(book_part)) {
    return Fail(ErrorCode::kInvalidArgument, name, "not an XLSX workbook (no xl/workbook.xml)");
  }
  // Relationship id → part path.
  std::map<std::string, std::string> targets;
  std::string shared_part;
  const std::string rels_part = "xl/_rels/workbook.xml.rels";
  if (zip->Has(rels_part)) {
    auto xml = zip->Read(rels_part);
    if (!xml) return xml.error();
    pugi::xml_document rels;
    if (auto r = ParseXml(rels, *xml, name, rels_part); !r) return r.error();
    for (pugi::xml_node rel : rels.child("Relationships").children("Relationship")) {
      std::string target = ResolveTarget("xl/", rel.attribute("Target").value());
      std::string_view type = rel.attribute("Type").value();
      if (type.size() >= 13 && type.substr(type.size() - 13) == "sharedStrings") shared_part = target;
      targets[rel.attribute("Id").value()] = target;
    }
  }
  if (shared_part.empty() && zip->Has("xl/sharedStrings.xml")) shared_part = "xl/sharedStrings.xml";
  auto shared = ReadSharedStrings(*zip, name, shared_part);
  if (!shared) return shared.error();

  auto xml = zip->Read(book_part);
  if (!xml) return xml.error();
  pugi::xml_document book;
  if (auto r = ParseXml(book, *xml, name, book_part); !r) return r.error();
  Workbook out;
  for (pugi::xml_node s : book.child("workbook").child("sheets").children("sheet")) {
    std::string rid = s.attribute("r:id").value();
    auto it = targets.find(rid);
    if (it == targets.end() || !zip->Has(it->second)) {
      return Fail(ErrorCode::kDataLoss, name, std::string("sheet \"") + s.attribute("name").value() + "\" has no part");
    }
    auto sheet = ReadSheet(*zip, name, it->second, s.attribute("name").value(), *shared);
    if (!sheet) return sheet.error();
    out.sheets.push_back(std::move(*sheet));
  }
  if (out.sheets.empty()) return Fail(ErrorCode::kInvalidArgument, name, "workbook has no sheets");
  return out;
}

}  // namespace highfence::tables
