// SPDX-License-Identifier: Apache-2.0
#pragma once
// Name: one written form of a person's or an organisation's name (氏名・名称の表記), with the
// script it is written in and what kind of name it is. A Person or an Organisation keeps every
// form it is known by (山田太郎, やまだ たろう, Taro Yamada, a former or married name), so
// that list checks (domain/checking) can query each and a reviewer can see which one matched.
// Plain struct; the script is recorded, never used as a risk input.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace highfence::cases {

enum class NameScript {
  kKanji,   // Han characters (漢字), Japanese or Chinese
  kKana,    // ひらがな・カタカナ
  kLatin,   // ローマ字 and other Latin-script spellings
  kHangul,  // 한글
  kOther,   // any other script
};

enum class NameKind {
  kLegal,      // the name as registered (戸籍名, the organisation's official name)
  kRomanised,  // a transliteration of the legal name (Hepburn, pinyin …)
  kFormer,     // a previous name (旧姓, a renamed organisation)
  kAlias,      // any other name in use (通称, an acronym)
};

struct Name {
  std::string text;
  NameScript script = NameScript::kLatin;
  NameKind kind = NameKind::kLegal;
  bool operator==(const Name&) const = default;
};

std::string_view NameScriptId(NameScript script);  // "kanji", "kana", "latin", "hangul", "other"
std::optional<NameScript> ParseNameScript(std::string_view id);
std::string_view NameKindId(NameKind kind);  // "legal", "romanised", "former", "alias"
std::optional<NameKind> ParseNameKind(std::string_view id);

// The names of a person or an organisation: at least one, none blank. kInvalidArgument
// "names: …" or "names[2].text: empty"; `what` ("a person") completes the first message.
Result<void> ValidateNames(const std::vector<Name>& names, std::string_view what);

}  // namespace highfence::cases
