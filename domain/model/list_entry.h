// SPDX-License-Identifier: Apache-2.0
#pragma once
// ListEntry: one entity of concern on an official list (懸念先リストの掲載エントリ), in the
// common shape every importer in domain/lists maps to; ListSnapshot: one import of one
// list file, with its provenance (version date, SHA-256 of the bytes, licence) and the
// ImportReport of rows that could not be mapped. Plain structs, no storage, no matching
// (engines/names indexes ListEntry names; storage/ persists snapshots).
#include <string>
#include <vector>

namespace highfence::model {

enum class EntityType { kOrganisation, kPerson, kVessel, kOther };

enum class NameKind {
  kPrimary,      // the name the list prints first
  kAlias,        // a.k.a., 別名
  kAcronym,      // e.g. "AMMS", "BIT"
  kFormer,       // f.k.a., previous name
  kTranslation,  // the same name in another language or script (e.g. 中国人民解放军军事科学院)
};

struct Name {
  std::string text;      // as published, trimmed
  std::string language;  // BCP 47 where known ("en", "ja", "zh"), else ""
  std::string script;    // ISO 15924 guessed from the characters: "Latn", "Hani", "Jpan", "Hang", "Cyrl", "Arab", …
  NameKind kind = NameKind::kPrimary;
  bool operator==(const Name&) const = default;
};

struct Address {
  std::string text;          // the address line(s) as published
  std::string city;          // "" if the list does not separate it
  std::string country_code;  // ISO 3166-1 alpha-2, "" if unknown
  bool operator==(const Address&) const = default;
};

struct Country {
  std::string code;  // ISO 3166-1 alpha-2, "" when the printed name could not be resolved
  std::string name;  // as printed, e.g. "イラン\nIslamic Republic of Iran" split into the English part
  bool operator==(const Country&) const = default;
};

// Why an entry is listed, in the list's own coding, e.g. METI {"M", "ミサイル / missile"}.
struct Concern {
  std::string code;
  std::string label;
  bool operator==(const Concern&) const = default;
};

struct ListEntry {
  std::string list_id;   // catalog id, e.g. "jp_meti_eul"
  std::string entry_id;  // the list's own id ("306", "KPe.001", METI "No. 12"), or a stable derived one
  EntityType type = EntityType::kOrganisation;
  std::vector<Name> names;  // names[0] is the primary name
  std::vector<Address> addresses;
  std::vector<Country> countries;
  std::vector<Concern> concerns;
  std::string reason;          // free-text reason or legal basis as printed
  std::string programme;       // sanctions programme / list section, e.g. "SDGT", "DPRK3", "FY25"
  std::string listed_on;       // ISO date (YYYY-MM-DD or YYYY) when listed, "" if unknown
  std::string source_address;  // URL of the official publication for this entry or list
  std::string remarks;
  int source_line = 0;  // line (CSV/text) or row (xlsx) in the source file; not part of identity
  bool operator==(const ListEntry&) const = default;
};

struct RejectedRow {
  std::string file;  // file name as given to the importer
  int line = 0;      // 1-based line (CSV) or spreadsheet row (xlsx); 0 if not line-based
  std::string reason;
  std::string Where() const { return file + ":" + std::to_string(line); }
  bool operator==(const RejectedRow&) const = default;
};

struct ImportReport {
  int rows_read = 0;  // data rows (or records) seen, header excluded
  int entries = 0;    // entries produced
  int names = 0;      // names over all entries
  int rejected = 0;   // == rejected_rows.size()
  std::vector<RejectedRow> rejected_rows;
  std::vector<std::string> notes;  // tolerated irregularities worth knowing (normalised codes, merged cells …)
};

struct ListSnapshot {
  std::string list_id;
  std::string title;
  std::string publisher;     // e.g. "Ministry of Economy, Trade and Industry (経済産業省 …)"
  std::string version_date;  // ISO date of the edition the file carries (not the import date)
  std::string content_hash;  // "sha256:<64 hex>" of the source bytes (all files, in a fixed order)
  std::string licence;
  std::string source_file;     // file name (for several files: the main one)
  std::string source_address;  // official URL of the list
  std::string imported_at;     // UTC time of the import ("2026-11-23T18:36:00Z"), "" if not recorded
  std::vector<ListEntry> entries;
  ImportReport report;

  // The entry with this entry_id, or nullptr.
  const ListEntry* Find(const std::string& entry_id) const {
    for (const ListEntry& e : entries) {
      if (e.entry_id == entry_id) return &e;
    }
    return nullptr;
  }
};

const char* EntityTypeName(EntityType type);  // "organisation", "person", "vessel", "other"
const char* NameKindName(NameKind kind);      // "primary", "alias", "acronym", "former", "translation"

}  // namespace highfence::model
