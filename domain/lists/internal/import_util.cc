// SPDX-License-Identifier: Apache-2.0
#include "domain/lists/internal/import_util.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

namespace highfence::lists::internal {
namespace {

// Decodes one UTF-8 code point at s[i]; returns 0xFFFD and advances one byte on bad input.
char32_t NextCodePoint(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += len;
  return cp;
}

bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    size_t before = i;
    char32_t cp = NextCodePoint(s, i);
    if (cp == 0xFFFD && !(i - before == 3 && s.substr(before, 3) == "\xEF\xBF\xBD")) return false;
  }
  return true;
}

bool IsSpaceAt(std::string_view s, size_t i, size_t& len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
    len = 1;
    return true;
  }
  if (s.substr(i, 2) == "\xC2\xA0") {
    len = 2;
    return true;
  }
  if (s.substr(i, 3) == "\xE3\x80\x80") {
    len = 3;
    return true;
  }
  return false;
}

struct CountryRow {
  const char* code;
  std::vector<const char*> names;
};

// English short and long forms as they appear on the imported lists, and Japanese names from
// METI's and MOF's lists. Lookup is case-insensitive for ASCII.
const std::vector<CountryRow>& CountryTable() {
  static const std::vector<CountryRow> table = {
      {"AF", {"Afghanistan", "Islamic Republic of Afghanistan", "アフガニスタン"}},
      {"AE", {"United Arab Emirates", "UAE", "U.A.E.", "アラブ首長国連邦"}},
      {"YE", {"Yemen", "Republic of Yemen", "イエメン"}},
      {"IL", {"Israel", "State of Israel", "イスラエル"}},
      {"IR", {"Iran", "Islamic Republic of Iran", "Iran (Islamic Republic of)", "イラン"}},
      {"IN", {"India", "インド"}},
      {"EG", {"Egypt", "Arab Republic of Egypt", "エジプト"}},
      {"KP",
       {"North Korea", "Korea, North", "Democratic People's Republic of Korea", "DPRK",
        "Korea, Democratic People's Republic of", "北朝鮮"}},
      {"KR", {"South Korea", "Korea, South", "Republic of Korea", "Korea", "韓国"}},
      {"SY", {"Syria", "Syrian Arab Republic", "シリア"}},
      {"TW", {"Taiwan", "台湾"}},
      {"CN", {"China", "People's Republic of China", "People’s Republic of China", "PRC", "中国", "中華人民共和国"}},
      {"PK", {"Pakistan", "Islamic Republic of Pakistan", "パキスタン"}},
      {"HK", {"Hong Kong", "Hong Kong, China", "香港"}},
      {"LB", {"Lebanon", "Republic of Lebanon", "レバノン"}},
      {"RU", {"Russia", "Russian Federation", "ロシア", "ロシア連邦"}},
      {"BY", {"Belarus", "ベラルーシ"}},
      {"UA", {"Ukraine", "ウクライナ"}},
      {"CU", {"Cuba", "キューバ"}},
      {"VE", {"Venezuela", "Venezuela (Bolivarian Republic of)", "ベネズエラ"}},
      {"MM", {"Burma", "Myanmar", "ミャンマー"}},
      {"IQ", {"Iraq", "イラク"}},
      {"LY", {"Libya", "リビア"}},
      {"SD", {"Sudan", "スーダン"}},
      {"SS", {"South Sudan", "南スーダン"}},
      {"SO", {"Somalia", "ソマリア"}},
      {"CD", {"Democratic Republic of the Congo", "Congo, Democratic Republic of the", "コンゴ民主共和国"}},
      {"CG", {"Congo", "Republic of the Congo"}},
      {"CF", {"Central African Republic", "中央アフリカ共和国"}},
      {"ML", {"Mali", "マリ"}},
      {"HT", {"Haiti", "ハイチ"}},
      {"NI", {"Nicaragua"}},
      {"ZW", {"Zimbabwe"}},
      {"LR", {"Liberia", "リベリア"}},
      {"CI", {"Cote d'Ivoire", "Côte d'Ivoire", "Ivory Coast"}},
      {"SA", {"Saudi Arabia", "サウジアラビア"}},
      {"QA", {"Qatar"}},
      {"KW", {"Kuwait"}},
      {"BH", {"Bahrain"}},
      {"OM", {"Oman"}},
      {"JO", {"Jordan"}},
      {"TR", {"Turkey", "Türkiye", "Turkiye", "トルコ"}},
      {"AM", {"Armenia"}},
      {"AZ", {"Azerbaijan"}},
      {"GE", {"Georgia"}},
      {"KZ", {"Kazakhstan"}},
      {"KG", {"Kyrgyzstan"}},
      {"UZ", {"Uzbekistan"}},
      {"TJ", {"Tajikistan"}},
      {"TM", {"Turkmenistan"}},
      {"MY", {"Malaysia", "マレーシア"}},
      {"SG", {"Singapore", "シンガポール"}},
      {"TH", {"Thailand", "タイ"}},
      {"VN", {"Vietnam", "Viet Nam"}},
      {"ID", {"Indonesia"}},
      {"PH", {"Philippines"}},
      {"BD", {"Bangladesh"}},
      {"LK", {"Sri Lanka"}},
      {"NP", {"Nepal"}},
      {"JP", {"Japan", "日本"}},
      {"US", {"United States", "United States of America", "USA", "U.S.A.", "アメリカ合衆国", "米国"}},
      {"GB", {"United Kingdom", "UK", "Great Britain", "United Kingdom of Great Britain and Northern Ireland", "英国"}},
      {"DE", {"Germany", "ドイツ"}},
      {"FR", {"France", "フランス"}},
      {"IT", {"Italy"}},
      {"ES", {"Spain"}},
      {"NL", {"Netherlands", "The Netherlands"}},
      {"BE", {"Belgium"}},
      {"CH", {"Switzerland"}},
      {"AT", {"Austria"}},
      {"SE", {"Sweden"}},
      {"NO", {"Norway"}},
      {"DK", {"Denmark"}},
      {"FI", {"Finland"}},
      {"PL", {"Poland"}},
      {"CZ", {"Czech Republic", "Czechia"}},
      {"HU", {"Hungary"}},
      {"RO", {"Romania"}},
      {"BG", {"Bulgaria"}},
      {"GR", {"Greece"}},
      {"CY", {"Cyprus"}},
      {"RS", {"Serbia"}},
      {"BA", {"Bosnia and Herzegovina"}},
      {"MK", {"North Macedonia", "Macedonia"}},
      {"ME", {"Montenegro"}},
      {"AL", {"Albania"}},
      {"HR", {"Croatia"}},
      {"SI", {"Slovenia"}},
      {"SK", {"Slovakia"}},
      {"LT", {"Lithuania"}},
      {"LV", {"Latvia"}},
      {"EE", {"Estonia"}},
      {"MD", {"Moldova", "Republic of Moldova"}},
      {"IE", {"Ireland"}},
      {"PT", {"Portugal"}},
      {"LU", {"Luxembourg"}},
      {"MT", {"Malta"}},
      {"LI", {"Liechtenstein"}},
      {"MC", {"Monaco"}},
      {"CA", {"Canada", "カナダ"}},
      {"MX", {"Mexico"}},
      {"PA", {"Panama"}},
      {"CO", {"Colombia"}},
      {"EC", {"Ecuador"}},
      {"PE", {"Peru"}},
      {"BO", {"Bolivia"}},
      {"BR", {"Brazil"}},
      {"AR", {"Argentina"}},
      {"CL", {"Chile"}},
      {"PY", {"Paraguay"}},
      {"UY", {"Uruguay"}},
      {"GT", {"Guatemala"}},
      {"HN", {"Honduras"}},
      {"SV", {"El Salvador"}},
      {"CR", {"Costa Rica"}},
      {"DO", {"Dominican Republic"}},
      {"JM", {"Jamaica"}},
      {"BS", {"Bahamas", "The Bahamas"}},
      {"BB", {"Barbados"}},
      {"BZ", {"Belize"}},
      {"VG", {"British Virgin Islands", "Virgin Islands, British"}},
      {"KY", {"Cayman Islands"}},
      {"AU", {"Australia"}},
      {"NZ", {"New Zealand"}},
      {"ZA", {"South Africa"}},
      {"NG", {"Nigeria"}},
      {"KE", {"Kenya"}},
      {"ET", {"Ethiopia"}},
      {"ER", {"Eritrea"}},
      {"UG", {"Uganda"}},
      {"RW", {"Rwanda"}},
      {"BI", {"Burundi"}},
      {"TZ", {"Tanzania", "United Republic of Tanzania"}},
      {"DZ", {"Algeria"}},
      {"MA", {"Morocco"}},
      {"TN", {"Tunisia"}},
      {"NE", {"Niger"}},
      {"TD", {"Chad"}},
      {"MR", {"Mauritania"}},
      {"SN", {"Senegal"}},
      {"GN", {"Guinea"}},
      {"GW", {"Guinea-Bissau"}},
      {"SL", {"Sierra Leone"}},
      {"GH", {"Ghana"}},
      {"BF", {"Burkina Faso"}},
      {"CM", {"Cameroon"}},
      {"GA", {"Gabon"}},
      {"AO", {"Angola"}},
      {"MZ", {"Mozambique"}},
      {"ZM", {"Zambia"}},
      {"NA", {"Namibia"}},
      {"BW", {"Botswana"}},
      {"DJ", {"Djibouti"}},
      {"KM", {"Comoros"}},
      {"MU", {"Mauritius"}},
      {"SC", {"Seychelles"}},
      {"PS", {"Palestinian", "Palestine", "West Bank", "Gaza"}},
      {"MV", {"Maldives"}},
      {"BN", {"Brunei"}},
      {"KH", {"Cambodia"}},
      {"LA", {"Laos"}},
      {"MN", {"Mongolia"}},
      {"MO", {"Macau", "Macao", "マカオ"}},
  };
  return table;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

Result<std::string> ReadSourceFile(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return MakeError(ErrorCode::kInvalidArgument, path.string() + ": is a directory, not a list file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, path.string() + ": cannot open file");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return MakeError(ErrorCode::kDataLoss, path.string() + ": read error");
  return ss.str();
}

std::string Sha256(std::string_view bytes) {
  static const bool ready = sodium_init() >= 0;
  (void)ready;
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string("sha256:") + hex;
}

Result<void> RequireText(std::string_view bytes, std::string_view name, std::string_view what) {
  auto fail = [&](std::string_view why) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string(name) + ": not a " + std::string(what) + " file (" + std::string(why) + ")");
  };
  if (bytes.substr(0, 4) == "PK\x03\x04") return fail("it is a ZIP archive, e.g. an .xlsx");
  if (bytes.substr(0, 2) == "\x1F\x8B") return fail("it is gzip-compressed");
  if (bytes.substr(0, 5) == "%PDF-") return fail("it is a PDF");
  std::string_view head = bytes.substr(0, 1 << 16);
  if (head.find('\0') != std::string_view::npos) return fail("binary content");
  // Validate UTF-8 on the head, allowing a code point cut at the 64 KiB boundary.
  std::string_view probe = head;
  if (head.size() < bytes.size()) {
    while (!probe.empty() && (static_cast<unsigned char>(probe.back()) & 0xC0) == 0x80) probe.remove_suffix(1);
    if (!probe.empty() && static_cast<unsigned char>(probe.back()) >= 0xC0) probe.remove_suffix(1);
  }
  if (!ValidUtf8(probe)) return fail("not UTF-8 text");
  return Ok();
}

std::string Trim(std::string_view s) {
  size_t len = 0;
  while (!s.empty() && IsSpaceAt(s, 0, len)) s.remove_prefix(len);
  while (!s.empty()) {
    bool trimmed = false;
    for (size_t k : {size_t{1}, size_t{2}, size_t{3}}) {
      if (s.size() >= k && IsSpaceAt(s, s.size() - k, len) && len == k) {
        s.remove_suffix(k);
        trimmed = true;
        break;
      }
    }
    if (!trimmed) break;
  }
  return std::string(s);
}

std::string Squash(std::string_view s) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < s.size();) {
    size_t len = 0;
    if (IsSpaceAt(s, i, len)) {
      space = true;
      i += len;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += s[i++];
  }
  return out;
}

std::vector<std::string> Split(std::string_view s, std::string_view sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string_view::npos) end = s.size();
    std::string piece = Trim(s.substr(start, end - start));
    if (!piece.empty()) out.push_back(std::move(piece));
    if (end == s.size()) break;
    start = end + sep.size();
  }
  return out;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string ToUpperAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string GuessScript(std::string_view text) {
  int latin = 0, han = 0, kana = 0, hangul = 0, cyrillic = 0, arabic = 0;
  for (size_t i = 0; i < text.size();) {
    char32_t cp = NextCodePoint(text, i);
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= 0xC0 && cp <= 0x24F) ||
        (cp >= 0xFF21 && cp <= 0xFF5A)) {
      ++latin;
    } else if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0xF900 && cp <= 0xFAFF)) {
      ++han;
    } else if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xFF66 && cp <= 0xFF9F)) {
      ++kana;
    } else if ((cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x1100 && cp <= 0x11FF)) {
      ++hangul;
    } else if (cp >= 0x400 && cp <= 0x4FF) {
      ++cyrillic;
    } else if (cp >= 0x600 && cp <= 0x6FF) {
      ++arabic;
    }
  }
  if (kana > 0) return "Jpan";
  if (hangul > 0) return "Hang";
  int best = std::max({latin, han, cyrillic, arabic});
  if (best == 0) return "Zyyy";
  if (han == best) return "Hani";
  if (latin == best) return "Latn";
  if (cyrillic == best) return "Cyrl";
  return "Arab";
}

model::Name MakeName(std::string_view text, model::NameKind kind, std::string_view language) {
  model::Name n;
  n.text = Squash(text);
  n.script = GuessScript(n.text);
  n.language = std::string(language);
  n.kind = kind;
  return n;
}

std::string CountryCode(std::string_view name) {
  static const std::map<std::string, std::string, std::less<>> index = [] {
    std::map<std::string, std::string, std::less<>> m;
    for (const CountryRow& row : CountryTable()) {
      m[Lower(row.code)] = row.code;
      for (const char* n : row.names) m[Lower(n)] = row.code;
    }
    return m;
  }();
  std::string key = Lower(Squash(name));
  while (!key.empty() && (key.back() == '.' || key.back() == ',')) key.pop_back();
  auto it = index.find(key);
  return it == index.end() ? std::string() : it->second;
}

model::Country MakeCountry(std::string_view name) {
  model::Country c;
  c.name = Squash(name);
  c.code = CountryCode(c.name);
  return c;
}

Header::Header(const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    std::string key = Trim(fields[i]);
    if (i == 0 && StartsWith(key, "\xEF\xBB\xBF")) key = key.substr(3);
    index_.emplace(key, static_cast<int>(i));
  }
}

Result<void> Header::Require(std::initializer_list<std::string_view> columns, std::string_view file) const {
  for (std::string_view c : columns) {
    if (index_.find(c) == index_.end()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       std::string(file) + ":1: header has no column \"" + std::string(c) + "\" (wrong file?)");
    }
  }
  return Ok();
}

int Header::Index(std::string_view column) const {
  auto it = index_.find(column);
  return it == index_.end() ? -1 : it->second;
}

std::string Header::Get(const std::vector<std::string>& record, std::string_view column) const {
  int i = Index(column);
  if (i < 0 || static_cast<size_t>(i) >= record.size()) return {};
  return Trim(record[static_cast<size_t>(i)]);
}

void Reject(model::ImportReport& report, std::string_view file, int line, std::string reason) {
  report.rejected_rows.push_back(model::RejectedRow{std::string(file), line, std::move(reason)});
}

std::optional<model::ListEntry> NewSlugEntry(model::ListSnapshot& snapshot, std::set<std::string>& ids,
                                             std::string_view file, int line, const std::string& primary,
                                             std::string_view column, std::string_view duplicate_note) {
  if (primary.empty()) {
    Reject(snapshot.report, file, line, "column \"" + std::string(column) + "\" is empty");
    return std::nullopt;
  }
  model::ListEntry e;
  e.list_id = snapshot.list_id;
  e.entry_id = Slug(primary);
  if (!ids.insert(e.entry_id).second) {
    Reject(snapshot.report, file, line, "duplicate entry \"" + primary + "\"" + std::string(duplicate_note));
    return std::nullopt;
  }
  return e;
}

Result<void> WriteFileAtomically(const std::filesystem::path& path, std::string_view bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  if (ec) return MakeError(ErrorCode::kUnavailable, path.parent_path().string() + ": cannot create: " + ec.message());
  fs::path tmp = path;
  tmp += ".tmp";
  auto fail = [&](const std::string& what) {
    std::string reason = std::strerror(errno);
    ::unlink(tmp.c_str());
    return MakeError(ErrorCode::kUnavailable, tmp.string() + ": " + what + ": " + reason);
  };
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return MakeError(ErrorCode::kUnavailable, tmp.string() + ": cannot create: " + std::strerror(errno));
  for (size_t done = 0; done < bytes.size();) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      return fail("cannot write");
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    ::close(fd);
    return fail("cannot sync");
  }
  if (::close(fd) != 0) return fail("cannot close");
  if (::rename(tmp.c_str(), path.c_str()) != 0) return fail("cannot rename to " + path.string());
  return Ok();
}

std::string BaseName(const std::filesystem::path& path) {
  return path.filename().string();
}

void Finish(model::ListSnapshot& snapshot) {
  model::ImportReport& r = snapshot.report;
  r.entries = static_cast<int>(snapshot.entries.size());
  r.rejected = static_cast<int>(r.rejected_rows.size());
  r.names = 0;
  for (const model::ListEntry& e : snapshot.entries) r.names += static_cast<int>(e.names.size());
}

}  // namespace highfence::lists::internal

#include "domain/lists/catalog.h"

namespace highfence::lists::internal {

std::string DateFromName(std::string_view name) {
  for (size_t i = 0; i + 8 <= name.size(); ++i) {
    bool digits = true;
    for (size_t k = 0; k < 8 && digits; ++k) digits = name[i + k] >= '0' && name[i + k] <= '9';
    if (!digits) continue;
    if (i + 8 < name.size() && name[i + 8] >= '0' && name[i + 8] <= '9') continue;
    std::string_view d = name.substr(i, 8);
    if (d[0] != '1' && d[0] != '2') continue;
    return std::string(d.substr(0, 4)) + "-" + std::string(d.substr(4, 2)) + "-" + std::string(d.substr(6, 2));
  }
  return {};
}

model::ListSnapshot StartSnapshot(std::string_view list_id, std::string_view bytes, std::string_view name) {
  model::ListSnapshot s;
  s.list_id = std::string(list_id);
  if (const CatalogEntry* c = FindList(list_id)) {
    s.title = c->info.title;
    s.publisher = c->info.publisher;
    s.licence = c->info.licence;
    s.source_address = c->info.source_address;
  }
  s.content_hash = Sha256(bytes);
  s.source_file = std::string(name);
  s.version_date = DateFromName(name);
  return s;
}

}  // namespace highfence::lists::internal

namespace highfence::lists::internal {

bool LooksLikeAcronym(std::string_view s) {
  if (s.empty() || s.size() > 12 || s.find(' ') != std::string_view::npos) return false;
  int upper = 0;
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
    if (c >= 'A' && c <= 'Z') ++upper;
  }
  return upper >= 2 && upper * 2 >= static_cast<int>(s.size());
}

std::string TrailingParenthesised(std::string_view s) {
  std::string t = Trim(s);
  std::string_view v = t;
  size_t close_len = 0;
  if (v.size() >= 1 && v.back() == ')') close_len = 1;
  if (v.size() >= 3 && v.substr(v.size() - 3) == "）") close_len = 3;
  if (close_len == 0) return {};
  size_t open = v.rfind('(');
  if (size_t wide = v.rfind("（"); wide != std::string_view::npos && (open == std::string_view::npos || wide > open)) {
    open = wide;
  }
  if (open == std::string_view::npos || open == 0) return {};
  size_t open_len = v[open] == '(' ? 1 : 3;
  if (open + open_len > v.size() - close_len) return {};
  return Trim(v.substr(open + open_len, v.size() - close_len - open - open_len));
}

void AddName(model::ListEntry& entry, std::string_view text, model::NameKind kind, std::string_view language) {
  model::Name n = MakeName(text, kind, language);
  if (n.text.empty()) return;
  for (const model::Name& have : entry.names) {
    if (have.text == n.text) return;
  }
  if (!language.empty() && n.script != "Latn" && n.script != "Zyyy" && language == "en") n.language.clear();
  entry.names.push_back(std::move(n));
}

void AddPrimaryWithAcronym(model::ListEntry& entry, std::string_view text, std::string_view language) {
  AddName(entry, text, model::NameKind::kPrimary, language);
  std::string inner = TrailingParenthesised(text);
  if (LooksLikeAcronym(inner)) AddName(entry, inner, model::NameKind::kAcronym, language);
}

void AddAlias(model::ListEntry& entry, std::string_view text, std::string_view language) {
  std::string t = Trim(text);
  AddName(entry, t, LooksLikeAcronym(t) ? model::NameKind::kAcronym : model::NameKind::kAlias, language);
}

std::string Slug(std::string_view s) {
  std::string out;
  bool dash = false;
  for (char c : s) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
      alnum = true;
    }
    if (alnum) {
      if (dash && !out.empty()) out += '-';
      out += c;
      dash = false;
    } else if (c != '\'' && c != '.') {
      dash = true;
    }
  }
  return out;
}

}  // namespace highfence::lists::internal

namespace highfence::lists::internal {

Result<CsvFile> ReadCsvFile(std::string_view bytes, std::string_view name,
                            std::initializer_list<std::string_view> required, model::ImportReport& report,
                            char delimiter) {
  if (auto r = RequireText(bytes, name, "CSV"); !r) return r.error();
  tables::CsvOptions options;
  options.delimiter = delimiter;
  tables::CsvTable table = tables::ReadCsv(bytes, options);
  if (table.records.empty()) return MakeError(ErrorCode::kInvalidArgument, std::string(name) + ": empty CSV file");
  CsvFile out{Header(table.records.front().fields), {}};
  if (auto r = out.header.Require(required, name); !r) return r.error();
  table.records.erase(table.records.begin());
  out.rows = std::move(table.records);
  for (const tables::CsvProblem& p : table.problems) Reject(report, name, p.line, p.reason);
  return out;
}

}  // namespace highfence::lists::internal
