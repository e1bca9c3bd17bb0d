// SPDX-License-Identifier: Apache-2.0
// Fuzzes the parsing core of every list importer that has no target of its own (CSL, DoD 1286 /
// 1260H, BIS MIEU, Canada NRO, ASPI, MOF asset freeze, the watch list): the first input byte
// picks the importer, the rest is the file. CSV-based importers share the tables engine, so a
// CSV-shaped seed reaches their mapping code. Each must return a Result, never crash or hang.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/lists/aspi_unitracker/aspi_unitracker.h"
#include "domain/lists/ca_nro/ca_nro.h"
#include "domain/lists/jp_mof_asset_freeze/jp_mof_asset_freeze.h"
#include "domain/lists/us_bis_mieu/us_bis_mieu.h"
#include "domain/lists/us_csl/us_csl.h"
#include "domain/lists/us_dod_1260h/us_dod_1260h.h"
#include "domain/lists/us_dod_1286/us_dod_1286.h"
#include "domain/lists/watch_list/watch_list.h"

namespace {

using Parser = highfence::Result<highfence::model::ListSnapshot> (*)(std::string_view, std::string_view);

constexpr std::array<std::pair<Parser, const char*>, 8> kParsers{{
    {highfence::lists::ParseUsCsl, "csl.csv"},
    {highfence::lists::ParseUsDod1286, "section_1286.csv"},
    {highfence::lists::ParseUsDod1260h, "section_1260h.csv"},
    {highfence::lists::ParseUsBisMieu, "mieu.csv"},
    {highfence::lists::ParseCaNro, "nro.csv"},
    {highfence::lists::ParseAspiUnitracker, "aspi.csv"},
    {highfence::lists::ParseJpMofAssetFreeze, "mof.xlsx"},
    {highfence::lists::ParseWatchList, "watch_list.csv"},
}};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const auto& [parse, name] = kParsers[data[0] % kParsers.size()];
  auto s = parse(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1), name);
  (void)s;
  return 0;
}
