// SPDX-License-Identifier: Apache-2.0
#include "domain/technology/keyword_list.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>

namespace highfence::technology {
namespace {

std::string Hex(const unsigned char* data, size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 15]);
  }
  return out;
}

std::string Sha256Hex(std::string_view bytes) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return Hex(digest.data(), digest.size());
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t pos = s.find(sep, start);
    out.push_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// A TSV reader for our own files: '#' comment / metadata lines, one header row, fixed columns.
// Hand-written because the format has no quoting (tabs are not allowed inside fields), so a
// CSV library would only add quoting rules we must not accept.
class TsvFile {
 public:
  TsvFile(std::string_view bytes, std::string_view name) : bytes_(bytes), name_(name) {
    if (bytes_.substr(0, 3) == "\xEF\xBB\xBF") bytes_.remove_prefix(3);  // tolerate a UTF-8 BOM
  }

  // Calls row(line_no, fields) for each data row after checking the header against `columns`.
  template <typename RowFn>
  Result<void> Read(const std::vector<std::string_view>& columns, std::map<std::string, std::string>& meta, RowFn row) {
    bool header_seen = false;
    int line_no = 0;
    size_t pos = 0;
    while (pos <= bytes_.size()) {
      size_t nl = bytes_.find('\n', pos);
      std::string_view line = bytes_.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
      pos = nl == std::string_view::npos ? bytes_.size() + 1 : nl + 1;
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (Trim(line).empty()) continue;
      if (line.front() == '#') {
        std::string_view body = Trim(line.substr(1));
        size_t colon = body.find(':');
        if (!header_seen && colon != std::string_view::npos && colon > 0 &&
            body.substr(0, colon).find(' ') == std::string_view::npos) {
          meta[std::string(body.substr(0, colon))] = std::string(Trim(body.substr(colon + 1)));
        }
        continue;
      }
      auto fields = Split(line, '\t');
      if (!header_seen) {
        if (fields.size() != columns.size() ||
            !std::equal(columns.begin(), columns.end(), fields.begin(), [](auto a, auto b) { return a == Trim(b); })) {
          std::string expected;
          for (auto c : columns) expected += (expected.empty() ? "" : ", ") + std::string(c);
          return Fail(line_no, "", "header row must be the columns: " + expected);
        }
        header_seen = true;
        continue;
      }
      if (fields.size() != columns.size()) {
        return Fail(line_no, "",
                    "expected " + std::to_string(columns.size()) + " tab-separated columns, found " +
                        std::to_string(fields.size()));
      }
      for (auto& f : fields) f = Trim(f);
      if (auto r = row(line_no, fields); !r) return r;
    }
    if (!header_seen) return Fail(line_no, "", "no header row (is this a keyword file?)");
    return Ok();
  }

  Error Fail(int line, std::string_view column, std::string_view reason) const {
    std::string msg = std::string(name_) + ":" + std::to_string(line) + ": ";
    if (!column.empty()) msg += "column \"" + std::string(column) + "\": ";
    msg += reason;
    return MakeError(ErrorCode::kInvalidArgument, std::move(msg));
  }

 private:
  std::string_view bytes_;
  std::string_view name_;
};

bool ValidId(std::string_view id) {
  if (id.empty()) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
  });
}

std::vector<std::string> SplitVariants(std::string_view s) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  for (auto v : Split(s, '|')) {
    v = Trim(v);
    if (!v.empty()) out.emplace_back(v);
  }
  return out;
}

const std::vector<std::string_view> kKeywordColumns{"id",         "lang",       "term",       "variants", "areas",
                                                    "source_doc", "source_ref", "derivation", "weight",   "note"};
const std::vector<std::string_view> kCueColumns{"id", "lang", "term", "variants", "cue", "note"};
const std::vector<std::string_view> kCueKinds{"prototype",          "demonstration",  "field_trial",
                                              "system_integration", "implementation", "mass_production"};
const std::vector<std::string_view> kRequiredMeta{"name", "source_document", "source", "as_of", "licence"};

Result<void> CheckMeta(const TsvFile& tsv, const std::map<std::string, std::string>& meta) {
  for (auto key : kRequiredMeta) {
    auto it = meta.find(std::string(key));
    if (it == meta.end() || it->second.empty())
      return tsv.Fail(1, "", "metadata line \"# " + std::string(key) + ": …\" is missing");
  }
  return Ok();
}

KeywordFile MakeFile(std::string_view bytes, std::string_view name, const std::map<std::string, std::string>& meta,
                     int rows) {
  auto get = [&](const char* k) {
    auto it = meta.find(k);
    return it == meta.end() ? std::string() : it->second;
  };
  return KeywordFile{std::string(name), get("name"),    get("source_document"), get("source"),
                     get("as_of"),      get("licence"), Sha256Hex(bytes),       rows};
}

Result<void> CheckLang(const TsvFile& tsv, int line, std::string_view lang) {
  if (lang != "ja" && lang != "en")
    return tsv.Fail(line, "lang", "must be \"ja\" or \"en\", not \"" + std::string(lang) + "\"");
  return Ok();
}

}  // namespace

Result<void> ParseKeywordFile(std::string_view bytes, std::string_view name, KeywordList& out) {
  if (sodium_init() < 0) return MakeError(ErrorCode::kInternal, "libsodium cannot initialise");
  TsvFile tsv(bytes, name);
  std::map<std::string, std::string> meta;
  int rows = 0;
  auto r = tsv.Read(kKeywordColumns, meta, [&](int line, const std::vector<std::string_view>& f) -> Result<void> {
    Keyword k;
    k.file = std::string(name);
    k.line = line;
    if (!ValidId(f[0]))
      return tsv.Fail(line, "id", "must be non-empty [A-Za-z0-9._-], not \"" + std::string(f[0]) + "\"");
    k.id = f[0];
    if (auto c = CheckLang(tsv, line, f[1]); !c) return c;
    k.lang = f[1];
    if (f[2].empty()) return tsv.Fail(line, "term", "is empty");
    k.term = f[2];
    k.variants = SplitVariants(f[3]);
    for (auto a : Split(f[4], ';')) {
      a = Trim(a);
      int n = 0;
      auto [p, ec] = std::from_chars(a.data(), a.data() + a.size(), n);
      if (ec != std::errc() || p != a.data() + a.size() || !FindTechnologyArea(n))
        return tsv.Fail(line, "areas", "\"" + std::string(a) + "\" is not an area number 1–20");
      k.areas.push_back(n);
    }
    auto doc = ParseSourceDocument(f[5]);
    if (!doc) return tsv.Fail(line, "source_doc", "unknown source document \"" + std::string(f[5]) + "\"");
    k.source_doc = *doc;
    if (f[6].empty()) return tsv.Fail(line, "source_ref", "is empty: every keyword names the entry it comes from");
    k.source_ref = f[6];
    auto der = ParseDerivation(f[7]);
    if (!der) return tsv.Fail(line, "derivation", "must be verbatim, extracted, translated_here or synonym_here");
    k.derivation = *der;
    double w = -1;
    auto [p, ec] = std::from_chars(f[8].data(), f[8].data() + f[8].size(), w);
    if (ec != std::errc() || p != f[8].data() + f[8].size() || w < 0.05 || w > 1.0)
      return tsv.Fail(line, "weight", "\"" + std::string(f[8]) + "\" is not a number in 0.05–1.00");
    k.weight = w;
    k.note = f[9];
    out.keywords.push_back(std::move(k));
    ++rows;
    return Ok();
  });
  if (!r) return r;
  if (auto m = CheckMeta(tsv, meta); !m) return m;
  out.files.push_back(MakeFile(bytes, name, meta, rows));
  return Ok();
}

Result<void> ParseReadinessCueFile(std::string_view bytes, std::string_view name, KeywordList& out) {
  if (sodium_init() < 0) return MakeError(ErrorCode::kInternal, "libsodium cannot initialise");
  TsvFile tsv(bytes, name);
  std::map<std::string, std::string> meta;
  int rows = 0;
  auto r = tsv.Read(kCueColumns, meta, [&](int line, const std::vector<std::string_view>& f) -> Result<void> {
    ReadinessCue c;
    if (!ValidId(f[0])) return tsv.Fail(line, "id", "must be non-empty [A-Za-z0-9._-]");
    c.id = f[0];
    if (auto l = CheckLang(tsv, line, f[1]); !l) return l;
    c.lang = f[1];
    if (f[2].empty()) return tsv.Fail(line, "term", "is empty");
    c.term = f[2];
    c.variants = SplitVariants(f[3]);
    if (std::find(kCueKinds.begin(), kCueKinds.end(), f[4]) == kCueKinds.end())
      return tsv.Fail(line, "cue", "unknown cue \"" + std::string(f[4]) + "\"");
    c.cue = f[4];
    c.note = f[5];
    out.cues.push_back(std::move(c));
    ++rows;
    return Ok();
  });
  if (!r) return r;
  out.files.push_back(MakeFile(bytes, name, meta, rows));
  return Ok();
}

Result<void> Finalize(KeywordList& list) {
  std::unordered_map<std::string, const Keyword*> seen;
  for (const Keyword& k : list.keywords) {
    auto [it, fresh] = seen.emplace(k.id, &k);
    if (!fresh) {
      return MakeError(ErrorCode::kInvalidArgument, k.file + ":" + std::to_string(k.line) + ": column \"id\": \"" +
                                                        k.id + "\" is already used at " + it->second->file + ":" +
                                                        std::to_string(it->second->line));
    }
  }
  std::vector<const KeywordFile*> files;
  for (const auto& f : list.files) files.push_back(&f);
  std::sort(files.begin(), files.end(), [](auto* a, auto* b) { return a->path < b->path; });
  std::string all;
  for (const auto* f : files) all += f->sha256;
  list.version = "kw-" + Sha256Hex(all).substr(0, 16);
  return Ok();
}

Result<KeywordList> LoadKeywordDirectory(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return MakeError(ErrorCode::kNotFound, dir.string() + ": keyword directory not found");
  std::vector<std::filesystem::path> paths;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".tsv") paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  if (paths.empty()) return MakeError(ErrorCode::kNotFound, dir.string() + ": no keyword files (*.tsv)");
  KeywordList list;
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return MakeError(ErrorCode::kUnavailable, p.string() + ": cannot read");
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string bytes = ss.str();
    auto r = p.filename() == "readiness_cues.tsv" ? ParseReadinessCueFile(bytes, p.string(), list)
                                                  : ParseKeywordFile(bytes, p.string(), list);
    if (!r) return r.error();
  }
  if (auto r = Finalize(list); !r) return r.error();
  return list;
}

}  // namespace highfence::technology
