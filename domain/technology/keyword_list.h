// SPDX-License-Identifier: Apache-2.0
#pragma once
// KeywordList: the technology keyword lists (キーワードリスト) as shipped in data/keywords/ or
// imported by an officer, with the readiness cues. Files → KeywordList. Every loader error
// names file:line and the column (docs/formats/keywords.md), and a list carries a version
// (a content hash of its files) so each screening result can name the exact lists used.
//
//   auto list = LoadKeywordDirectory("data/keywords");   // Result<KeywordList>
//   for (const Keyword& k : list->keywords) …
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/technology/keyword.h"

namespace highfence::technology {

// One keyword file and its metadata header.
struct KeywordFile {
  std::string path;
  std::string name;             // "# name:"
  std::string source_document;  // "# source_document:"
  std::string source;           // "# source:"
  std::string as_of;            // "# as_of:"
  std::string licence;          // "# licence:"
  std::string sha256;           // of the file bytes
  int rows = 0;
};

struct KeywordList {
  std::vector<KeywordFile> files;
  std::vector<Keyword> keywords;
  std::vector<ReadinessCue> cues;
  // "kw-" + the first 16 hex digits of SHA-256 over the files' hashes in name order.
  std::string version;
};

// Parses one keyword file's bytes (name is used in messages). Appends to `out`.
// Fails with kInvalidArgument: "<name>:<line>: column \"<col>\": <reason>".
Result<void> ParseKeywordFile(std::string_view bytes, std::string_view name, KeywordList& out);
// Parses a readiness-cue file (columns id, lang, term, variants, cue, note).
Result<void> ParseReadinessCueFile(std::string_view bytes, std::string_view name, KeywordList& out);

// Loads every *.tsv in `dir` (readiness_cues.tsv as cues, the rest as keywords), checks that
// ids are unique across files, and computes the version. kNotFound if dir does not exist.
Result<KeywordList> LoadKeywordDirectory(const std::filesystem::path& dir);

// Checks cross-file invariants (unique ids) and computes list.version from the file hashes.
Result<void> Finalize(KeywordList& list);

}  // namespace highfence::technology
