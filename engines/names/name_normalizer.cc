// SPDX-License-Identifier: Apache-2.0
#include "engines/names/name_normalizer.h"

#include "engines/names/internal/keys.h"
#include "engines/names/internal/tools.h"

namespace highfence::names {

struct NameNormalizer::Rep {
  NormalizerOptions options;
};

std::string_view TransformName(Transform transform) {
  switch (transform) {
    case Transform::kAsWritten:
      return "as written";
    case Transform::kVariantFolded:
      return "CJK variants folded (OpenCC jp2t→t2s)";
    case Transform::kPinyin:
      return "pinyin (ICU Han-Latin)";
    case Transform::kJapaneseReading:
      return "Japanese reading (MeCab) → Hepburn";
    case Transform::kJapaneseOnyomi:
      return "read in Japanese (MeCab on Japanese character forms, pinyin where unread) → Hepburn";
    case Transform::kKanaRomaji:
      return "kana → Hepburn";
    case Transform::kTransliterated:
      return "transliterated (ICU Any-Latin)";
    case Transform::kAcronym:
      return "acronym";
    case Transform::kDerivedAcronym:
      return "acronym derived from the initials";
  }
  return "?";
}

std::string_view ScriptName(Script script) {
  switch (script) {
    case Script::kLatin:
      return "Latin";
    case Script::kHan:
      return "Han";
    case Script::kJapanese:
      return "Japanese";
    case Script::kHangul:
      return "Hangul";
    case Script::kOther:
      return "other";
  }
  return "?";
}

Result<NameNormalizer> NameNormalizer::Create(const NormalizerOptions& options) {
  if (Result<void> ok = internal::CheckTools(options.japanese_readings); !ok) return ok.error();
  auto rep = std::make_shared<Rep>();
  rep->options = options;
  return NameNormalizer(std::move(rep));
}

std::vector<NameKey> NameNormalizer::Keys(std::string_view name, Kind kind, std::string_view country,
                                          bool is_acronym) const {
  std::vector<NameKey> out;
  for (const internal::Key& k : internal::MakeKeys(name, kind, country, is_acronym, rep_->options.japanese_readings)) {
    NameKey key;
    key.text = k.Text();
    key.display = k.Display();
    key.transform = k.transform;
    key.script = k.script;
    key.latin = k.space != internal::Space::kNative;
    out.push_back(std::move(key));
  }
  return out;
}

}  // namespace highfence::names
