// SPDX-License-Identifier: Apache-2.0
#pragma once
// MeasureCatalogue: the kinds of mitigation measure (リスク軽減措置の類型) a plan is built from, in
// Japanese and English, each with its source. The shipped default is
// data/workflow/measures.tsv (facility access, data access — "small yard, high fence" —,
// pre-publication review, export-control licence, decline with reasons and appeal, other …);
// an institution may ship its own. Where the official wording is not in ../shared/data the row
// cites the document by name and says `wording = summary_here` (data/workflow/SOURCES.md).
//
//   auto catalogue = LoadMeasureCatalogue("data/workflow/measures.tsv");
//   const MeasureKind* kind = catalogue->Find("data_access");
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/source_ref.h"

namespace highfence::workflow {

struct MeasureKind {
  std::string id;  // "data_access"
  std::string ja;  // "データへのアクセス制限"
  std::string en;  // "Data access restriction"
  std::string description_ja;
  std::string description_en;
  SourceRef source;     // document (by name) and address
  std::string wording;  // "official" (quoted from the source) or "summary_here" (our summary)
  int line = 0;
};

struct MeasureCatalogue {
  std::string file;
  std::vector<MeasureKind> kinds;
  // nullptr when `id` is not in the catalogue.
  const MeasureKind* Find(std::string_view id) const;
};

// kInvalidArgument "<name>:<line>: column \"<col>\": <reason>" for a bad header, a wrong column
// count, a malformed or duplicate id, an empty name, description or source, or a wording other
// than official / summary_here.
Result<MeasureCatalogue> ParseMeasureCatalogue(std::string_view bytes, std::string_view name);
// Reads and parses a file. kNotFound if it cannot be read.
Result<MeasureCatalogue> LoadMeasureCatalogue(const std::filesystem::path& path);

}  // namespace highfence::workflow
