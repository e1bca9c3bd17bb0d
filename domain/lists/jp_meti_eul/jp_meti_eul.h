// SPDX-License-Identifier: Apache-2.0
#pragma once
// METI End User List (外国ユーザーリスト) importer: the Excel list as METI publishes it
// (sheet ユーザーリスト: No. / 国名 / 企業名 / 別名 / 懸念区分 / 通常兵器) → ListSnapshot.
// One entry per numbered row; entry_id is the printed No. Names: the company name, a
// second-line original in parentheses (e.g. "(国防科学院)" → translation, "（KIPAS）" → acronym)
// and each ・-bulleted alias. Concerns B/C/M/N are read from both the Japanese words and
// the Latin codes (the sheet prints "ミサイルM", "M、N", full-width "Ｎ" and a few words
// without codes); CW marks conventional weapons. METI publishes no addresses or dates.
#include <filesystem>
#include <string_view>

#include "base/result.h"
#include "domain/model/list_entry.h"

namespace highfence::lists {

// Parsing core over bytes (fuzzed); `name` is the file name used in messages and snapshot.
// Errors: kInvalidArgument (not an xlsx, or no ユーザーリスト sheet/header), kDataLoss (corrupt xlsx).
Result<model::ListSnapshot> ParseJpMetiEul(std::string_view bytes, std::string_view name);
Result<model::ListSnapshot> ImportJpMetiEul(const std::filesystem::path& path);

}  // namespace highfence::lists
