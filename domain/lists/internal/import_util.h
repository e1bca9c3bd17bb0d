// SPDX-License-Identifier: Apache-2.0
#pragma once
// Helpers shared by the importers in domain/lists: file reading, hashing, text clean-up,
// script guessing, country names → ISO codes, CSV headers and row rejection. Internal: only
// domain/lists includes this.
#include <filesystem>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/model/list_entry.h"
#include "engines/tables/csv_reader.h"

namespace highfence::lists::internal {

// ---- files and provenance ------------------------------------------------------------------

// Whole file; kNotFound naming the path if it cannot be opened.
Result<std::string> ReadSourceFile(const std::filesystem::path& path);
// Writes bytes to `path` through "<path>.tmp" in the same directory (written, fsync'ed, then
// renamed over `path`), creating the directory if needed; on any failure the temporary file
// is removed and an existing `path` is left as it was. kUnavailable naming the path.
Result<void> WriteFileAtomically(const std::filesystem::path& path, std::string_view bytes);
// The file name part of a path, for messages and ListSnapshot.source_file.
std::string BaseName(const std::filesystem::path& path);
// "sha256:<64 lower-case hex>" (libsodium crypto_hash_sha256).
std::string Sha256(std::string_view bytes);
// kInvalidArgument "<name>: not a <what> file (…)" when the bytes are a ZIP/xlsx, gzip, PDF or
// other binary, or not UTF-8 text.
Result<void> RequireText(std::string_view bytes, std::string_view name, std::string_view what);
// "2025-09-29" from the first run of 8 digits (YYYYMMDD) in a file name, "" if none.
std::string DateFromName(std::string_view name);
// A snapshot carrying the catalog's title, licence and address for list_id, the hash of
// the bytes, the file name and the date found in it.
model::ListSnapshot StartSnapshot(std::string_view list_id, std::string_view bytes, std::string_view name);
// Fills the counters of snapshot.report from its entries and rejected rows.
void Finish(model::ListSnapshot& snapshot);
void Reject(model::ImportReport& report, std::string_view file, int line, std::string reason);
// A new entry of snapshot's list keyed by the slug of its primary name, or nullopt after
// rejecting the row: the primary name (from `column`) is empty, or its slug is already in
// `ids` ("duplicate entry \"X\"" + duplicate_note).
std::optional<model::ListEntry> NewSlugEntry(model::ListSnapshot& snapshot, std::set<std::string>& ids,
                                             std::string_view file, int line, const std::string& primary,
                                             std::string_view column, std::string_view duplicate_note = "");

// Reads path and hands (bytes, file name) to parse.
template <typename Parse>
auto ImportFile(const std::filesystem::path& path, Parse parse)
    -> decltype(parse(std::string_view(), std::string_view())) {
  auto bytes = ReadSourceFile(path);
  if (!bytes) return bytes.error();
  return parse(std::string_view(*bytes), std::string_view(BaseName(path)));
}

// ---- text ------------------------------------------------------------------------------------

// Trims ASCII white space, NBSP and the ideographic space U+3000.
std::string Trim(std::string_view s);
// Collapses runs of white space (incl. newlines) to one ASCII space, then trims.
std::string Squash(std::string_view s);
// Splits on `sep`, trims, drops empty pieces.
std::vector<std::string> Split(std::string_view s, std::string_view sep);
bool StartsWith(std::string_view s, std::string_view prefix);
std::string ToUpperAscii(std::string_view s);
// Lower-case ASCII letters and digits joined by '-', for derived entry ids.
std::string Slug(std::string_view s);

// ---- names and countries -------------------------------------------------------------------

// ISO 15924 code of the dominant script: "Latn", "Jpan" (kana present), "Hani", "Hang",
// "Cyrl", "Arab", "Zyyy" (digits/punctuation only).
std::string GuessScript(std::string_view text);
// A Name with its script guessed; language as given.
model::Name MakeName(std::string_view text, model::NameKind kind, std::string_view language = "");
// Short, mostly capital ASCII token without spaces ("AMMS", "CAS-ICT", "BUAA").
bool LooksLikeAcronym(std::string_view s);
// "Beijing University of Aeronautics and Astronautics (BUAA)" → "BUAA"; "" if the text does
// not end with a parenthesised part (ASCII or full-width parentheses).
std::string TrailingParenthesised(std::string_view s);
// Adds a name unless the entry already has one with the same text; ignores empty text.
void AddName(model::ListEntry& entry, std::string_view text, model::NameKind kind, std::string_view language = "");
// Adds the primary name and, when it ends with "(ACRONYM)", that acronym too.
void AddPrimaryWithAcronym(model::ListEntry& entry, std::string_view text, std::string_view language = "en");
// Adds an alias, classified as an acronym when it looks like one.
void AddAlias(model::ListEntry& entry, std::string_view text, std::string_view language = "en");

// ISO 3166-1 alpha-2 for an English (any case, common long and short forms) or Japanese
// country name, or for an alpha-2 code itself; "" if unknown.
std::string CountryCode(std::string_view name);
model::Country MakeCountry(std::string_view name);

// ---- CSV -------------------------------------------------------------------------------------

// Column name → index for a header row; Require() fails naming the file and the column.
class Header {
 public:
  explicit Header(const std::vector<std::string>& fields);
  Result<void> Require(std::initializer_list<std::string_view> columns, std::string_view file) const;
  // Index of a column, -1 if absent.
  int Index(std::string_view column) const;
  // The trimmed field for a column in a record, "" if absent or short.
  std::string Get(const std::vector<std::string>& record, std::string_view column) const;

 private:
  std::map<std::string, int, std::less<>> index_;
};

struct CsvFile {
  Header header;
  std::vector<tables::CsvRecord> rows;  // data records, header excluded
};

// Checks the bytes are text, reads the CSV, requires the header columns, and rejects the
// reader's problems (unterminated quotes) into `report` with their line numbers.
Result<CsvFile> ReadCsvFile(std::string_view bytes, std::string_view name,
                            std::initializer_list<std::string_view> required, model::ImportReport& report,
                            char delimiter = ',');

}  // namespace highfence::lists::internal
