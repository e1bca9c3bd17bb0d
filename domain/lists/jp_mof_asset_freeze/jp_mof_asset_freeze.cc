// SPDX-License-Identifier: Apache-2.0
#include "domain/lists/jp_mof_asset_freeze/jp_mof_asset_freeze.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "domain/lists/internal/import_util.h"
#include "engines/tables/xlsx_reader.h"

namespace highfence::lists {
namespace {

using internal::Squash;
using internal::Trim;

constexpr std::string_view kListId = "jp_mof_asset_freeze";

bool Contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

// ---- reader: where each column is on a programme sheet -------------------------------------

struct Columns {
  int header_row = -1;  // index into sheet.rows
  int date = -1, number = -1, ja = -1, en = -1, birth = -1, nationality = -1;
  std::vector<int> aliases, former, addresses;
};

Columns FindColumns(const tables::Sheet& sheet) {
  Columns c;
  for (size_t i = 0; i < sheet.rows.size() && i < 15; ++i) {
    const tables::Row& row = sheet.rows[i];
    int number = -1, ja = -1, en = -1;
    for (const tables::Cell& cell : row.cells) {
      std::string t = Squash(cell.text);
      if (t == "告示番号") number = cell.column;
      if (t == "日本語表記") ja = cell.column;
      if (t == "英語表記") en = cell.column;
    }
    if (number < 0 || (ja < 0 && en < 0)) continue;
    c.header_row = static_cast<int>(i);
    c.number = number;
    c.ja = ja;
    c.en = en;
    for (const tables::Cell& cell : row.cells) {
      std::string t = Squash(cell.text);
      if (t == "告示日付") c.date = cell.column;
      if (Contains(t, "生年月日")) c.birth = cell.column;
      if (t == "国籍") c.nationality = cell.column;
      if ((Contains(t, "旧称") && !Contains(t, "別")) || Contains(t, "過去の別名") || Contains(t, "以前の")) {
        c.former.push_back(cell.column);
      } else if (Contains(t, "別名") || Contains(t, "別称")) {
        c.aliases.push_back(cell.column);
      } else if (Contains(t, "住所") || Contains(t, "所在地")) {
        c.addresses.push_back(cell.column);
      }
    }
    break;
  }
  return c;
}

// ---- mapper --------------------------------------------------------------------------------

bool Unknown(std::string_view s) {
  return s.empty() || s == "不明" || s == "－" || s == "-";
}

size_t Count(std::string_view s, std::string_view what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string_view::npos; at = s.find(what, at + what.size())) ++n;
  return n;
}

// A piece left by splitting a cell at 、 inside a parenthesised note ("(", "(a.k.a.:",
// "プトル司令官)"): unbalanced brackets at its ends are dropped, and a piece with no letter
// or digit left is no name at all.
std::string CleanFragment(std::string t) {
  const size_t open = Count(t, "(") + Count(t, "（"), close = Count(t, ")") + Count(t, "）");
  if (open > close) {
    for (std::string_view b : {"(", "（"})
      if (internal::StartsWith(t, b)) t = Trim(std::string_view(t).substr(b.size()));
  } else if (close > open) {
    for (std::string_view b : {")", "）"})
      if (t.size() >= b.size() && std::string_view(t).substr(t.size() - b.size()) == b)
        t = Trim(std::string_view(t).substr(0, t.size() - b.size()));
  }
  const bool has_letter = std::any_of(t.begin(), t.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c));
  });
  return has_letter ? t : "";
}

// The labels MOF writes before names inside an alias or former-name cell: "（別称、X、Y）",
// "（旧称、X、別称、Y）", "(a.k.a. A, a.k.a. B)", "(f.k.a. A; a.k.a. B)", "(a.k.a.: A)". A label
// sets the kind of the names after it; it is never a name itself.
struct Label {
  std::string_view text;
  model::NameKind kind;
};
constexpr Label kLabels[] = {
    {"formerly known as", model::NameKind::kFormer},
    {"a.k.a.", model::NameKind::kAlias},
    {"f.k.a.", model::NameKind::kFormer},
    {"a.k.a", model::NameKind::kAlias},
    {"f.k.a", model::NameKind::kFormer},
    {"aka", model::NameKind::kAlias},
    {"fka", model::NameKind::kFormer},
    {"別称", model::NameKind::kAlias},
    {"別名", model::NameKind::kAlias},
    {"通称", model::NameKind::kAlias},
    {"旧称", model::NameKind::kFormer},
    {"旧名", model::NameKind::kFormer},
};

bool StartsWithLabel(std::string_view piece, std::string_view label) {
  if (piece.size() < label.size()) return false;
  for (size_t i = 0; i < label.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(piece[i])) != static_cast<unsigned char>(label[i])) return false;
  }
  // "aka" must be a word of its own ("Akashi" is a name); the dotted forms end in '.'.
  if (piece.size() == label.size() || static_cast<unsigned char>(label.back()) >= 0x80 || label.back() == '.')
    return true;
  const char next = piece[label.size()];
  return next == ' ' || next == ':' || next == '.' || next == ',';
}

// Removes a leading label (with the ':' or '：' after it) and sets *kind from it.
std::string_view StripLabel(std::string_view piece, model::NameKind* kind) {
  for (const Label& l : kLabels) {
    if (!StartsWithLabel(piece, l.text)) continue;
    *kind = l.kind;
    piece.remove_prefix(l.text.size());
    while (!piece.empty() && (piece.front() == ' ' || piece.front() == ':' || piece.front() == '.')) {
      piece.remove_prefix(1);
    }
    for (std::string_view colon : {"：", "　"}) {
      if (piece.starts_with(colon)) piece.remove_prefix(colon.size());
    }
    return piece;
  }
  return piece;
}

struct Piece {
  std::string text;
  model::NameKind kind;
};

// Splits a cell of several names: "(a)X (b)Y", "X、Y", "X；Y", one per line, and an English
// line of "a.k.a. X, a.k.a. Y". Each name takes the kind of the last label before it on its
// line (別称 / a.k.a. → alias, 旧称 / f.k.a. → former), else the column's kind.
std::vector<Piece> SplitNames(std::string_view cell, model::NameKind column_kind) {
  std::string s(cell);
  // Enumerators "(a)" … "(z)" and their full-width forms become separators.
  for (char letter = 'a'; letter <= 'z'; ++letter) {
    for (std::string marker : {std::string("(") + letter + ")", std::string("（") + letter + "）"}) {
      for (size_t at = s.find(marker); at != std::string::npos; at = s.find(marker, at))
        s.replace(at, marker.size(), "\x1f");
    }
  }
  // "X, a.k.a. Y", "X (a.k.a. Y", "X a.k.a. Y": a separator before a label inside a piece,
  // which keeps the label and drops the comma, bracket or space before it.
  for (std::string_view label : {"a.k.a", "f.k.a", "A.K.A", "F.K.A"}) {
    for (size_t at = s.find(label); at != std::string::npos; at = s.find(label, at + label.size())) {
      size_t begin = at;
      while (begin > 0 && (s[begin - 1] == ' ' || s[begin - 1] == ',' || s[begin - 1] == '(')) --begin;
      for (std::string_view wide : {"，", "（", "　"}) {
        while (begin >= wide.size() && std::string_view(s).substr(begin - wide.size(), wide.size()) == wide)
          begin -= wide.size();
      }
      if (begin == 0 || s[begin - 1] == '\n' || s[begin - 1] == ';' || s[begin - 1] == '\x1f') continue;
      s.replace(begin, at - begin, ";");
      at = begin + 1;
    }
  }
  std::vector<Piece> out;
  for (const std::string& line : internal::Split(s, "\n")) {
    model::NameKind kind = column_kind;
    for (const std::string& enumerated : internal::Split(line, "\x1f")) {
      for (const std::string& a : internal::Split(enumerated, "；")) {
        for (const std::string& b : internal::Split(a, ";")) {
          for (const std::string& c : internal::Split(b, "、")) {
            std::string t = Trim(c);
            // An opening bracket before a label ("(a.k.a.: A. Kabir)") or left open by the
            // split ("（別称"), then the label, then unbalanced brackets.
            for (std::string_view bracket : {"(", "（"}) {
              if (!internal::StartsWith(t, bracket)) continue;
              const std::string_view rest = std::string_view(t).substr(bracket.size());
              model::NameKind ignored = kind;
              const bool open = Count(t, "(") + Count(t, "（") > Count(t, ")") + Count(t, "）");
              if (open || StripLabel(Trim(rest), &ignored).size() != Trim(rest).size()) t = Trim(rest);
            }
            t = Trim(StripLabel(t, &kind));
            if (!t.empty() && t.back() == ',') t.pop_back();
            t = CleanFragment(std::move(t));
            if (!Unknown(t) && t != "（別称）" && t != "（旧称）") out.push_back({t, kind});
          }
        }
      }
    }
  }
  return out;
}

// "Vladimir Mikheychik（a.k.a. Vladimir Mikheichik）", "タチヤーナ・モスカリコヴァ（旧称：ノセンコ）":
// a name column with a bracketed note of other names. Returns the note (without brackets)
// and leaves the name before it; "" when the name has no such note.
std::string TakeLabelledNote(std::string* name) {
  size_t open = std::string::npos;
  size_t width = 0;
  for (std::string_view bracket : {"(", "（"}) {
    for (size_t at = name->find(bracket); at != std::string::npos; at = name->find(bracket, at + 1)) {
      std::string_view rest = std::string_view(*name).substr(at + bracket.size());
      const bool labelled = rest.find("a.k.a") != std::string_view::npos ||
                            rest.find("f.k.a") != std::string_view::npos || rest.starts_with("旧称") ||
                            rest.starts_with("別称") || rest.starts_with("別名");
      if (labelled && (open == std::string::npos || at > open)) {
        open = at;
        width = bracket.size();
      }
    }
  }
  if (open == std::string::npos || open == 0) return "";
  std::string note = Trim(std::string_view(*name).substr(open + width));
  for (std::string_view close : {")", "）"}) {
    if (note.size() >= close.size() && std::string_view(note).substr(note.size() - close.size()) == close)
      note = Trim(std::string_view(note).substr(0, note.size() - close.size()));
  }
  *name = Trim(std::string_view(*name).substr(0, open));
  return note;
}

// "ジェローム・カクワヴ （Jérôme Kakwavu）" → both parts; "(旧称)X" prefix dropped.
void AddNamePiece(model::ListEntry& e, std::string piece, model::NameKind kind) {
  for (std::string_view prefix : {"（別称）", "（旧称）", "(別称)", "(旧称)", "（別名）"}) {
    if (internal::StartsWith(piece, prefix)) {
      if (prefix.find("旧称") != std::string_view::npos) kind = model::NameKind::kFormer;
      piece = Trim(std::string_view(piece).substr(prefix.size()));
    }
  }
  std::string inner = internal::TrailingParenthesised(piece);
  std::string script = internal::GuessScript(piece);
  if (!inner.empty() && script == "Jpan" && internal::GuessScript(inner) == "Latn") {
    size_t open = piece.rfind('(');
    if (size_t wide = piece.rfind("（"); wide != std::string::npos && (open == std::string::npos || wide > open)) {
      open = wide;
    }
    std::string ja = Trim(std::string_view(piece).substr(0, open));
    internal::AddName(e, ja, kind, "ja");
    if (internal::StartsWith(inner, "a.k.a.:")) inner = Trim(std::string_view(inner).substr(7));
    internal::AddName(e, inner, kind);
    return;
  }
  internal::AddName(e, piece, kind, script == "Jpan" ? "ja" : "");
}

// A cell of N Japanese names (split at 、) followed by one line of their N English forms
// joined with ", " (e.g. KOMID's aliases): split the English line too. Only when the counts
// agree, so "Co., Ltd." inside a single name is never cut.
std::vector<Piece> AlignLatinList(std::vector<Piece> pieces) {
  int ja = 0;
  int latin_index = -1, latin_count = 0;
  for (size_t i = 0; i < pieces.size(); ++i) {
    std::string script = internal::GuessScript(pieces[i].text);
    if (script == "Jpan") ++ja;
    if (script == "Latn") {
      ++latin_count;
      latin_index = static_cast<int>(i);
    }
  }
  if (ja < 2 || latin_count != 1) return pieces;
  const Piece latin = pieces[static_cast<size_t>(latin_index)];
  std::vector<std::string> parts = internal::Split(latin.text, ", ");
  if (static_cast<int>(parts.size()) != ja) return pieces;
  pieces.erase(pieces.begin() + latin_index);
  for (std::string& p : parts) pieces.push_back({std::move(p), latin.kind});
  return pieces;
}

// "2001.9.22 2008.6.25改訂" → "2001-09-22".
std::string FirstDate(std::string_view cell) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(std::string(cell).c_str(), "%d.%d.%d", &y, &m, &d) != 3 || y < 1900 || m < 1 || m > 12 || d < 1 ||
      d > 31) {
    return {};
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

}  // namespace

Result<model::ListSnapshot> ParseJpMofAssetFreeze(std::string_view bytes, std::string_view name) {
  auto book = tables::ReadXlsx(bytes, name, {});
  if (!book) return book.error();
  if (book->Find("一覧") == nullptr) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string(name) + ": not the MOF asset-freeze workbook (no sheet \"一覧\")");
  }
  model::ListSnapshot snap = internal::StartSnapshot(kListId, bytes, name);
  std::set<std::string> ids;
  int deleted = 0, lifted = 0, continuation = 0, sheets = 0;
  for (const tables::Sheet& sheet : book->sheets) {
    if (sheet.name == "一覧") continue;
    if (Contains(sheet.name, "【解除】")) {
      ++lifted;
      continue;
    }
    Columns col = FindColumns(sheet);
    if (col.header_row < 0) {
      snap.report.notes.push_back(std::string(name) + ": sheet \"" + sheet.name + "\" has no 告示番号 header; skipped");
      continue;
    }
    ++sheets;
    std::string sheet_no = sheet.name.substr(0, sheet.name.find('.'));
    std::string programme =
        Trim(sheet.name.find('.') == std::string::npos ? sheet.name : sheet.name.substr(sheet.name.find('.') + 1));
    bool persons = Contains(sheet.name, "個人");
    bool organisations = Contains(sheet.name, "団体") || Contains(sheet.name, "銀行");
    for (size_t i = static_cast<size_t>(col.header_row) + 1; i < sheet.rows.size(); ++i) {
      const tables::Row& row = sheet.rows[i];
      std::string number = Squash(row.At(col.number));
      std::string ja = col.ja >= 0 ? Squash(row.At(col.ja)) : "";
      std::string en = col.en >= 0 ? Trim(row.At(col.en)) : "";
      std::string date = col.date >= 0 ? Squash(row.At(col.date)) : "";
      if (number.empty()) {
        ++continuation;  // notes under the table or the second line of a multi-row record
        continue;
      }
      ++snap.report.rows_read;
      if (Contains(date, "削除") && ja.empty() && en.empty()) {
        ++deleted;
        continue;
      }
      if (Unknown(ja) && Unknown(en)) {
        internal::Reject(snap.report, name, row.number,
                         "sheet \"" + sheet.name + "\" 告示番号 " + number + ": 日本語表記 and 英語表記 are empty");
        continue;
      }
      model::ListEntry e;
      e.list_id = std::string(kListId);
      e.entry_id = sheet_no + "-" + number;
      if (!ids.insert(e.entry_id).second) {
        internal::Reject(snap.report, name, row.number,
                         "sheet \"" + sheet.name + "\" 告示番号 " + number + " appears twice");
        continue;
      }
      e.source_line = row.number;
      bool has_birth = col.birth >= 0 && !row.At(col.birth).empty();
      e.type = persons         ? model::EntityType::kPerson
               : organisations ? model::EntityType::kOrganisation
               : has_birth     ? model::EntityType::kPerson
                               : model::EntityType::kOrganisation;
      // English column: "NAME (original script: …)", or several names separated by 、.
      std::string original;
      if (size_t at = en.find("(original script:"); at != std::string::npos) {
        original = Trim(std::string_view(en).substr(at + 17));
        if (!original.empty() && original.back() == ')') original.pop_back();
        if (internal::StartsWith(std::string_view(original).substr(original.size() >= 3 ? original.size() - 3 : 0),
                                 "）"))
          original = Trim(std::string_view(original).substr(0, original.size() - 3));
        en = Trim(std::string_view(en).substr(0, at));
      }
      std::vector<std::string> en_names = internal::Split(en, "、");
      std::string en_note = en_names.empty() ? "" : TakeLabelledNote(&en_names[0]);
      std::string ja_note = TakeLabelledNote(&ja);
      if (!en_names.empty() && !Unknown(en_names[0])) {
        internal::AddPrimaryWithAcronym(e, en_names[0], "");
        for (size_t k = 1; k < en_names.size(); ++k) internal::AddAlias(e, en_names[k], "");
      }
      if (!Unknown(ja)) {
        internal::AddName(e, ja, e.names.empty() ? model::NameKind::kPrimary : model::NameKind::kTranslation, "ja");
      }
      for (const std::string& note : {en_note, ja_note}) {
        for (Piece& p : SplitNames(note, model::NameKind::kAlias)) AddNamePiece(e, std::move(p.text), p.kind);
      }
      internal::AddName(e, original, model::NameKind::kTranslation);
      for (int c : col.aliases) {
        for (Piece& p : AlignLatinList(SplitNames(row.At(c), model::NameKind::kAlias)))
          AddNamePiece(e, std::move(p.text), p.kind);
      }
      for (int c : col.former) {
        for (Piece& p : SplitNames(row.At(c), model::NameKind::kFormer)) AddNamePiece(e, std::move(p.text), p.kind);
      }
      for (int c : col.addresses) {
        std::string a = Squash(row.At(c));
        if (!Unknown(a)) e.addresses.push_back({a, "", ""});
      }
      if (col.nationality >= 0) {
        std::string n = Squash(row.At(col.nationality));
        if (!Unknown(n)) e.countries.push_back(internal::MakeCountry(n));
      }
      e.programme = programme;
      e.reason = "外為法に基づく資産凍結等の措置 (" + programme + ")";
      e.listed_on = FirstDate(date);
      e.remarks = date.empty() ? "" : "告示日付: " + date;
      e.source_address = snap.source_address;
      snap.entries.push_back(std::move(e));
    }
  }
  if (sheets == 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string(name) + ": no programme sheet with a 告示番号 / 日本語表記 / 英語表記 header");
  }
  snap.report.notes.push_back(std::string(name) + ": " + std::to_string(sheets) + " programme sheets read, " +
                              std::to_string(lifted) + " 【解除】 sheets skipped, " + std::to_string(deleted) +
                              " deleted (削除) numbers skipped, " + std::to_string(continuation) +
                              " rows without 告示番号 (notes / multi-row records) ignored");
  internal::Finish(snap);
  return snap;
}

Result<model::ListSnapshot> ImportJpMofAssetFreeze(const std::filesystem::path& path) {
  return internal::ImportFile(path, ParseJpMofAssetFreeze);
}

}  // namespace highfence::lists
