// SPDX-License-Identifier: Apache-2.0
#include "domain/workflow/measure_catalogue.h"

#include <array>

#include "domain/workflow/internal/catalogue_file.h"

namespace highfence::workflow {
namespace {

constexpr std::array<std::string_view, 8> kColumns{
    "id", "ja", "en", "description_ja", "description_en", "source_document", "source", "wording"};

}  // namespace

const MeasureKind* MeasureCatalogue::Find(std::string_view id) const {
  return internal::FindById(kinds, id);
}

Result<MeasureCatalogue> ParseMeasureCatalogue(std::string_view bytes, std::string_view name) {
  auto file = internal::CatalogueFile::Read(bytes, name, kColumns);
  if (!file) return file.error();
  MeasureCatalogue catalogue;
  catalogue.file = std::string(name);
  for (const internal::CatalogueRow& row : file->rows()) {
    MeasureKind kind;
    kind.line = row.line;
    auto id = file->UniqueId(row);
    if (!id) return id.error();
    kind.id = *id;
    if (auto ok = file->RequireAll(row, {{"ja", &kind.ja},
                                         {"en", &kind.en},
                                         {"description_ja", &kind.description_ja},
                                         {"description_en", &kind.description_en},
                                         {"source_document", &kind.source.document},
                                         {"source", &kind.source.address}});
        !ok)
      return ok.error();
    kind.wording = file->Field(row, "wording");
    if (kind.wording != "official" && kind.wording != "summary_here")
      return file->Fail(row.line, "wording", "must be \"official\" or \"summary_here\", not \"" + kind.wording + "\"");
    catalogue.kinds.push_back(std::move(kind));
  }
  return catalogue;
}

Result<MeasureCatalogue> LoadMeasureCatalogue(const std::filesystem::path& path) {
  return internal::LoadFile(path, &ParseMeasureCatalogue);
}

}  // namespace highfence::workflow
