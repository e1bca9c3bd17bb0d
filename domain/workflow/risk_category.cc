// SPDX-License-Identifier: Apache-2.0
#include "domain/workflow/risk_category.h"

#include <array>

#include "domain/workflow/date.h"
#include "domain/workflow/internal/catalogue_file.h"

namespace highfence::workflow {
namespace {

constexpr std::array<std::string_view, 7> kColumns{"id", "ja", "en", "origin", "source_document", "source", "as_of"};

}  // namespace

const RiskCategory* RiskCategoryCatalogue::Find(std::string_view id) const {
  return internal::FindById(categories, id);
}

Result<RiskCategoryCatalogue> ParseRiskCategories(std::string_view bytes, std::string_view name) {
  auto file = internal::CatalogueFile::Read(bytes, name, kColumns);
  if (!file) return file.error();
  RiskCategoryCatalogue catalogue;
  catalogue.file = std::string(name);
  for (const internal::CatalogueRow& row : file->rows()) {
    RiskCategory category;
    category.line = row.line;
    auto id = file->UniqueId(row);
    if (!id) return id.error();
    category.id = *id;
    if (auto ok = file->RequireAll(row, {{"ja", &category.ja},
                                         {"en", &category.en},
                                         {"source_document", &category.source.document},
                                         {"source", &category.source.address}});
        !ok)
      return ok.error();
    category.origin = file->Field(row, "origin");
    if (category.origin != "mit_icc" && category.origin != "highfence")
      return file->Fail(row.line, "origin", "must be \"mit_icc\" or \"highfence\", not \"" + category.origin + "\"");
    category.source.as_of = file->Field(row, "as_of");
    const std::string& as_of = category.source.as_of;  // a day, or a month when the source gives no day
    if (!ParseDate(as_of, "as_of") && !ParseDate(as_of + "-01", "as_of"))
      return file->Fail(row.line, "as_of", "\"" + as_of + "\" is not a date YYYY-MM-DD or a month YYYY-MM");
    catalogue.categories.push_back(std::move(category));
  }
  return catalogue;
}

Result<RiskCategoryCatalogue> LoadRiskCategories(const std::filesystem::path& path) {
  return internal::LoadFile(path, &ParseRiskCategories);
}

}  // namespace highfence::workflow
