// SPDX-License-Identifier: Apache-2.0
#pragma once
// RiskCategory: the kinds of risk an evaluation (step ②, リスク評価) can concern (リスク区分の観点),
// from a bilingual catalogue an institution can replace. The shipped default,
// data/workflow/risk_categories.tsv, holds the eleven of MIT's elevated-risk review plus
// research-integrity ones; each row names its source and date (data/workflow/SOURCES.md).
// File format: docs/formats/workflow_catalogues.md.
//
//   auto catalogue = LoadRiskCategories("data/workflow/risk_categories.tsv");
//   if (const RiskCategory* c = catalogue->Find("export_control")) Show(c->ja);
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/source_ref.h"

namespace highfence::workflow {

struct RiskCategory {
  std::string id;      // "export_control"
  std::string ja;      // "安全保障貿易管理(輸出管理)"
  std::string en;      // "Export controls"
  std::string origin;  // "mit_icc" (named by MIT's review) or "highfence" (added here)
  SourceRef source;    // document, address, as_of (YYYY-MM-DD, or YYYY-MM when the source gives no day)
  int line = 0;        // line in the catalogue file
};

struct RiskCategoryCatalogue {
  std::string file;  // the name it was parsed under
  std::vector<RiskCategory> categories;
  // nullptr when `id` is not in the catalogue.
  const RiskCategory* Find(std::string_view id) const;
};

// Parses catalogue bytes; `name` is used in messages. kInvalidArgument "<name>:<line>: column
// \"<col>\": <reason>" for a bad header, a wrong column count, an empty or malformed id, a
// duplicate id, an empty ja / en / source, an as_of that is neither YYYY-MM-DD nor YYYY-MM, or an
// unknown origin.
Result<RiskCategoryCatalogue> ParseRiskCategories(std::string_view bytes, std::string_view name);
// Reads and parses a file. kNotFound if it cannot be read.
Result<RiskCategoryCatalogue> LoadRiskCategories(const std::filesystem::path& path);

}  // namespace highfence::workflow
