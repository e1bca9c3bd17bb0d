// SPDX-License-Identifier: Apache-2.0
#include "domain/lists/jp_meti_eul/jp_meti_eul.h"

#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "domain/lists/internal/import_util.h"
#include "engines/tables/xlsx_reader.h"

namespace highfence::lists {
namespace {

using internal::MakeName;
using internal::Split;
using internal::Trim;
using model::NameKind;

constexpr std::string_view kListId = "jp_meti_eul";
constexpr std::string_view kSheet = "ユーザーリスト";

// ---- reader: the sheet's rows as printed -------------------------------------------------

struct MetiRow {
  int row = 0;  // spreadsheet row
  std::string no, country, name, aliases, wmd, conventional;
};

Result<std::vector<MetiRow>> ReadRows(std::string_view bytes, std::string_view name) {
  auto book = tables::ReadXlsx(bytes, name, {});
  if (!book) return book.error();
  const tables::Sheet* sheet = book->Find(kSheet);
  if (sheet == nullptr && !book->sheets.empty()) sheet = &book->sheets.front();
  auto is_header = [](const tables::Row& r) {
    return Trim(r.At(0)) == "No." && r.At(2).find("企業名") != std::string_view::npos;
  };
  if (sheet == nullptr || sheet->rows.empty() || !is_header(sheet->rows.front())) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        std::string(name) + ": not the METI End User List (no sheet \"ユーザーリスト\" with header No. / 企業名)");
  }
  std::vector<MetiRow> rows;
  for (size_t i = 1; i < sheet->rows.size(); ++i) {
    const tables::Row& r = sheet->rows[i];
    rows.push_back({r.number, Trim(r.At(0)), std::string(r.At(1)), std::string(r.At(2)), std::string(r.At(3)),
                    std::string(r.At(4)), std::string(r.At(5))});
  }
  return rows;
}

// ---- mapper: MetiRow → ListEntry ---------------------------------------------------------

bool IsCjk(std::string_view script) {
  return script == "Hani" || script == "Jpan" || script == "Hang";
}

std::string LanguageFor(const std::string& script, const std::string& country_code) {
  if (script == "Jpan") return "ja";
  if (script == "Hang") return "ko";
  if (script == "Hani" && (country_code == "CN" || country_code == "HK" || country_code == "TW")) return "zh";
  if (script == "Latn") return "en";
  return "";
}

// "(X)" / "（X）" around the whole text → X; else "".
std::string Parenthesised(std::string_view s) {
  std::string t = Trim(s);
  std::string_view v = t;
  for (auto [open, close] :
       {std::pair<std::string_view, std::string_view>{"(", ")"}, {"（", "）"}, {"(", "）"}, {"（", ")"}}) {
    if (v.size() > open.size() + close.size() && v.substr(0, open.size()) == open &&
        v.substr(v.size() - close.size()) == close) {
      return Trim(v.substr(open.size(), v.size() - open.size() - close.size()));
    }
  }
  return {};
}

bool LooksLikeAcronym(std::string_view s) {
  if (s.empty() || s.size() > 12 || s.find(' ') != std::string_view::npos) return false;
  int upper = 0;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') ++upper;
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return upper * 2 >= static_cast<int>(s.size());
}

void AddName(model::ListEntry& e, std::string_view text, NameKind kind, const std::string& cc) {
  model::Name n = MakeName(text, kind);
  if (n.text.empty()) return;
  for (const model::Name& have : e.names) {
    if (have.text == n.text) return;
  }
  n.language = LanguageFor(n.script, cc);
  e.names.push_back(std::move(n));
}

// A parenthesised part: CJK → translation, short capitals → acronym, else alias.
void AddParenthesised(model::ListEntry& e, const std::string& inner, const std::string& cc) {
  std::string script = internal::GuessScript(inner);
  NameKind kind = IsCjk(script)             ? NameKind::kTranslation
                  : LooksLikeAcronym(inner) ? NameKind::kAcronym
                                            : NameKind::kAlias;
  AddName(e, inner, kind, cc);
}

void MapNames(model::ListEntry& e, const MetiRow& row, const std::string& cc) {
  std::vector<std::string> lines = Split(row.name, "\n");
  if (lines.empty()) return;
  // First line: the name. A trailing CJK "（…）" on the same line is split off.
  std::string first = lines[0];
  std::string trailing;
  for (std::string_view open : {"（", "("}) {
    size_t at = first.rfind(open);
    if (at != std::string::npos && at > 0) {
      std::string inner = Parenthesised(std::string_view(first).substr(at));
      if (!inner.empty()) {
        trailing = inner;
        if (IsCjk(internal::GuessScript(inner))) first = Trim(std::string_view(first).substr(0, at));
        break;
      }
    }
  }
  AddName(e, first, NameKind::kPrimary, cc);
  if (!trailing.empty()) AddParenthesised(e, trailing, cc);
  for (size_t i = 1; i < lines.size(); ++i) {
    std::string inner = Parenthesised(lines[i]);
    if (inner.empty()) inner = lines[i];
    AddParenthesised(e, inner, cc);
  }
  for (const std::string& line : Split(row.aliases, "\n")) {
    std::string_view v = line;
    for (std::string_view bullet : {"・", "･", "•"}) {
      if (internal::StartsWith(v, bullet)) v.remove_prefix(bullet.size());
    }
    std::string text = Trim(v);
    std::string inner = Parenthesised(text);
    if (!inner.empty() && IsCjk(internal::GuessScript(inner))) text = inner;
    NameKind kind = LooksLikeAcronym(text) ? NameKind::kAcronym : NameKind::kAlias;
    AddName(e, text, kind, cc);
  }
}

struct ConcernDef {
  const char* code;
  const char* word;
  const char* label;
};
constexpr ConcernDef kConcerns[] = {
    {"B", "生物", "生物兵器 / biological weapons"},
    {"C", "化学", "化学兵器 / chemical weapons"},
    {"M", "ミサイル", "ミサイル / missiles"},
    {"N", "核", "核兵器 / nuclear weapons"},
};

// Full-width Latin capitals (Ｂ…Ｎ) and the ideographic comma fold to their ASCII forms.
std::string FoldCodes(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.substr(i, 2) == "\xEF\xBC" && i + 2 < s.size()) {
      unsigned char c = static_cast<unsigned char>(s[i + 2]);
      if (c >= 0xA1 && c <= 0xBA) {
        out += static_cast<char>('A' + (c - 0xA1));
        i += 2;
        continue;
      }
    }
    if (s.substr(i, 3) == "、") {
      out += ',';
      i += 2;
      continue;
    }
    out += s[i];
  }
  return out;
}

void MapConcerns(model::ListEntry& e, const MetiRow& row, model::ImportReport& report, std::string_view file) {
  std::string cell = FoldCodes(row.wmd);
  // Codes: capital letters B/C/M/N standing alone (not part of a longer Latin word).
  std::set<std::string> from_codes, from_words;
  for (size_t i = 0; i < cell.size(); ++i) {
    char c = cell[i];
    bool alone = (i == 0 || !std::isalpha(static_cast<unsigned char>(cell[i - 1]))) &&
                 (i + 1 == cell.size() || !std::isalpha(static_cast<unsigned char>(cell[i + 1])));
    if (alone && (c == 'B' || c == 'C' || c == 'M' || c == 'N')) from_codes.insert(std::string(1, c));
  }
  for (const ConcernDef& d : kConcerns) {
    if (row.wmd.find(d.word) != std::string::npos) from_words.insert(d.code);
  }
  if (!from_codes.empty() && !from_words.empty() && from_codes != from_words) {
    report.notes.push_back(std::string(file) + ":" + std::to_string(row.row) + ": concern words and codes differ (\"" +
                           internal::Squash(row.wmd) + "\"); union taken");
  } else if (from_codes.empty() != from_words.empty()) {
    report.notes.push_back(std::string(file) + ":" + std::to_string(row.row) + ": concern printed as \"" +
                           internal::Squash(row.wmd) + "\"; read as " + (from_codes.empty() ? "words" : "codes"));
  }
  from_codes.insert(from_words.begin(), from_words.end());
  for (const ConcernDef& d : kConcerns) {
    if (from_codes.count(d.code)) e.concerns.push_back({d.code, d.label});
  }
  if (row.conventional.find("CW") != std::string::npos || row.conventional.find("通常兵器") != std::string::npos) {
    e.concerns.push_back({"CW", "通常兵器 / conventional weapons"});
  }
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

Result<model::ListSnapshot> ParseJpMetiEul(std::string_view bytes, std::string_view name) {
  auto rows = ReadRows(bytes, name);
  if (!rows) return rows.error();
  model::ListSnapshot snap = internal::StartSnapshot(kListId, bytes, name);
  std::set<std::string> seen;
  for (const MetiRow& row : *rows) {
    ++snap.report.rows_read;
    std::string no = row.no;
    if (no.size() > 2 && no.substr(no.size() - 2) == ".0") no.resize(no.size() - 2);
    if (!AllDigits(no)) {
      internal::Reject(snap.report, name, row.row, "column A (No.) is not a number: \"" + internal::Squash(no) + "\"");
      continue;
    }
    if (Trim(row.name).empty()) {
      internal::Reject(snap.report, name, row.row, "No. " + no + ": column C (企業名) is empty");
      continue;
    }
    if (!seen.insert(no).second) {
      internal::Reject(snap.report, name, row.row, "No. " + no + " appears twice");
      continue;
    }
    model::ListEntry e;
    e.list_id = std::string(kListId);
    e.entry_id = no;
    e.type = model::EntityType::kOrganisation;
    e.source_line = row.row;
    e.source_address = snap.source_address;
    // Country cell: Japanese name, newline, English name.
    std::vector<std::string> country = Split(row.country, "\n");
    if (!country.empty()) {
      model::Country c = internal::MakeCountry(country.size() > 1 ? country[1] : country[0]);
      if (c.code.empty()) c.code = internal::CountryCode(country[0]);
      c.name = internal::Squash(row.country);
      e.countries.push_back(std::move(c));
    }
    std::string cc = e.countries.empty() ? std::string() : e.countries[0].code;
    MapNames(e, row, cc);
    MapConcerns(e, row, snap.report, name);
    e.reason = internal::Squash(row.wmd);
    snap.entries.push_back(std::move(e));
  }
  internal::Finish(snap);
  return snap;
}

Result<model::ListSnapshot> ImportJpMetiEul(const std::filesystem::path& path) {
  return internal::ImportFile(path, ParseJpMetiEul);
}

}  // namespace highfence::lists
