// SPDX-License-Identifier: Apache-2.0
// Dispatch: reads the file, checks the size limit, recognises the format by its magic bytes
// (then by extension) and hands the bytes to the one reader for that format.
#include "engines/documents/document.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <system_error>

#include "engines/documents/internal/readers.h"

namespace highfence::documents {

namespace {

namespace fs = std::filesystem;

std::string Prefix(std::string_view name) {
  return std::string(name) + ": ";
}

Error Fail(ErrorCode code, std::string_view name, std::string_view reason) {
  return MakeError(code, Prefix(name) + std::string(reason));
}

bool StartsWith(std::string_view bytes, std::string_view magic) {
  return bytes.substr(0, magic.size()) == magic;
}

std::string LowerExtension(std::string_view name) {
  std::string ext = fs::path(std::string(name)).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  return ext;
}

bool IsTextExtension(const std::string& ext) {
  return ext == ".txt" || ext == ".md" || ext == ".text" || ext == ".markdown";
}

// What a non-document file looks like, from its magic bytes; empty if unrecognised.
// A table of well-known signatures; libmagic would do this but is one more dependency for a
// dozen prefixes.
// Signatures of two bytes ("BM", "MZ") are weak: plain text can start with them.
std::string_view KnownNonDocument(std::string_view bytes, bool include_weak) {
  struct Signature {
    std::string_view magic;
    std::string_view what;
  };
  static constexpr Signature kSignatures[] = {
      {"\x89PNG\r\n\x1a\n", "PNG image"},
      {"\xff\xd8\xff", "JPEG image"},
      {"GIF87a", "GIF image"},
      {"GIF89a", "GIF image"},
      {std::string_view("II*\0", 4), "TIFF image"},
      {std::string_view("MM\0*", 4), "TIFF image"},
      {"BM", "BMP image"},
      {"{\\rtf", "RTF document (save as .docx or PDF)"},
      {"\x1f\x8b", "gzip archive"},
      {"7z\xbc\xaf\x27\x1c", "7-Zip archive"},
      {"Rar!\x1a\x07", "RAR archive"},
      {"\x7f"
       "ELF",
       "ELF executable"},
      {"MZ", "Windows executable"},
  };
  for (const Signature& s : kSignatures) {
    if ((include_weak || s.magic.size() > 2) && StartsWith(bytes, s.magic)) return s.what;
  }
  if (bytes.size() >= 12 && StartsWith(bytes, "RIFF") && bytes.substr(8, 4) == "WEBP") return "WebP image";
  return {};
}

// True if the bytes could be a text file: a Unicode BOM, or no NUL and few C0 control bytes.
bool LooksLikeText(std::string_view bytes) {
  if (StartsWith(bytes, "\xef\xbb\xbf") || StartsWith(bytes, "\xff\xfe") || StartsWith(bytes, "\xfe\xff")) {
    return true;
  }
  std::string_view head = bytes.substr(0, 4096);
  size_t controls = 0;
  for (unsigned char c : head) {
    if (c == 0) return false;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1a && c != 0x1b) ++controls;
  }
  return controls * 100 <= head.size();  // at most 1 %
}

std::string HexPrefix(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : bytes.substr(0, 8)) {
    if (!out.empty()) out.push_back(' ');
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

}  // namespace

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kPdf:
      return "pdf";
    case Format::kDocx:
      return "docx";
    case Format::kText:
      return "text";
  }
  return "text";
}

int Document::PageAt(size_t offset) const {
  if (pages.empty()) return 1;
  // First page whose end is beyond offset; pages are contiguous and in order.
  auto it =
      std::upper_bound(pages.begin(), pages.end(), offset, [](size_t off, const Page& page) { return off < page.end; });
  if (it == pages.end()) return pages.back().number;
  return it->number;
}

Result<Document> ReadDocumentBytes(std::string_view bytes, std::string_view name, const ReadOptions& options) {
  if (bytes.size() > options.max_file_bytes) {
    return Fail(ErrorCode::kResourceExhausted, name,
                "file is " + std::to_string(bytes.size()) + " bytes, over the limit of " +
                    std::to_string(options.max_file_bytes) + " bytes");
  }
  if (bytes.empty()) return Fail(ErrorCode::kInvalidArgument, name, "empty file");

  const std::string ext = LowerExtension(name);
  const bool text_ext = IsTextExtension(ext);
  // PDF readers accept a header anywhere in the first KiB (ISO 32000-1, Annex H.3); a text
  // file that merely mentions "%PDF-" stays text.
  if (StartsWith(bytes, "%PDF-") || (!text_ext && bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos)) {
    return internal::ReadPdf(bytes, name, options);
  }
  if (StartsWith(bytes, "PK\x03\x04") || StartsWith(bytes, "PK\x05\x06")) {
    return internal::ReadDocx(bytes, name, options);
  }
  if (StartsWith(bytes, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")) {
    if (ext == ".xls") return Fail(ErrorCode::kUnimplemented, name, "legacy Excel .xls; not a proposal format");
    if (ext == ".ppt") return Fail(ErrorCode::kUnimplemented, name, "legacy PowerPoint .ppt; save as PDF");
    return Fail(ErrorCode::kUnimplemented, name, "legacy Word .doc; save as .docx or PDF");
  }
  if (std::string_view what = KnownNonDocument(bytes, /*include_weak=*/!text_ext || !LooksLikeText(bytes));
      !what.empty()) {
    return Fail(ErrorCode::kUnimplemented, name, "unsupported format: " + std::string(what));
  }
  // The extension promises a format the bytes do not have: the file is damaged.
  if (ext == ".pdf") return Fail(ErrorCode::kDataLoss, name, "corrupt PDF (no %PDF- header)");
  if (ext == ".docx") return Fail(ErrorCode::kDataLoss, name, "corrupt DOCX (not a ZIP archive)");
  if (text_ext || LooksLikeText(bytes)) return internal::ReadText(bytes, name, options);
  return Fail(ErrorCode::kUnimplemented, name,
              "unsupported format: binary data of unknown type (starts " + HexPrefix(bytes) + ")");
}

Result<Document> ReadDocument(const fs::path& path, const ReadOptions& options) {
  const std::string name = path.string();
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return Fail(ErrorCode::kNotFound, name, "no such file");
  if (fs::is_directory(status)) return Fail(ErrorCode::kInvalidArgument, name, "is a directory, not a file");
  const uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > options.max_file_bytes) {
    return Fail(ErrorCode::kResourceExhausted, name,
                "file is " + std::to_string(size) + " bytes, over the limit of " +
                    std::to_string(options.max_file_bytes) + " bytes");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kUnavailable, name, std::string("cannot open: ") + std::strerror(errno));
  // Read at most one byte over the limit, so a file that grew since file_size() is still caught.
  std::string bytes;
  bytes.resize(std::min<uintmax_t>(ec ? options.max_file_bytes + 1 : size + 1, options.max_file_bytes + 1));
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (in.bad()) return Fail(ErrorCode::kUnavailable, name, "read error");
  bytes.resize(static_cast<size_t>(in.gcount()));
  return ReadDocumentBytes(bytes, name, options);
}

}  // namespace highfence::documents
