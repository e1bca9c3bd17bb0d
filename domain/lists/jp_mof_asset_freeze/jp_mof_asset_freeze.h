// SPDX-License-Identifier: Apache-2.0
#pragma once
// MOF asset-freeze list importer (財務省 経済制裁措置及び対象者リスト, 資産凍結等の対象者):
// the Excel workbook MOF publishes, one sheet per programme (タリバーン関係者等, 北朝鮮,
// ロシア連邦(個人), …) after the 一覧 index sheet. On each programme sheet the header row is
// found by its 告示日付 / 日本語表記 / 英語表記 cells; every row carrying a 告示番号 (or a
// 番号) and a name is one entry. programme = the sheet name without its number; names:
// 英語表記 (primary), 日本語表記 (ja translation), 別名 lines (aliases). entry_id =
// "<sheet no>-<row no>" with the sheet's own 番号 when present. 【解除】 (lifted) sheets are
// skipped with a note. The file is MOF's provisional convenience copy (暫定版) of the MOFA 告示.
#include <filesystem>
#include <string_view>

#include "base/result.h"
#include "domain/model/list_entry.h"

namespace highfence::lists {

// Errors: kInvalidArgument (not an xlsx, or no 一覧 sheet), kDataLoss (corrupt xlsx).
Result<model::ListSnapshot> ParseJpMofAssetFreeze(std::string_view bytes, std::string_view name);
Result<model::ListSnapshot> ImportJpMofAssetFreeze(const std::filesystem::path& path);

}  // namespace highfence::lists
