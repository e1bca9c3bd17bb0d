// SPDX-License-Identifier: Apache-2.0
#include "engines/names/name_normalizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace highfence::names {
namespace {

const NameNormalizer& Normalizer() {
  static const NameNormalizer n = [] {
    auto created = NameNormalizer::Create({});
    if (!created) {
      ADD_FAILURE() << created.error().ToString();
      std::abort();
    }
    return *created;
  }();
  return n;
}

const NameKey* FindKey(const std::vector<NameKey>& keys, Transform t) {
  for (const NameKey& k : keys) {
    if (k.transform == t) return &k;
  }
  return nullptr;
}

TEST(NameNormalizerTest, TraditionalJapaneseAndSimplifiedFormsFoldTogether) {
  const auto a = Normalizer().Keys("東北大學", Kind::kOrganisation, "");
  const auto b = Normalizer().Keys("东北大学", Kind::kOrganisation, "");
  ASSERT_FALSE(a.empty());
  ASSERT_FALSE(b.empty());
  EXPECT_EQ(a[0].text, b[0].text);
  EXPECT_EQ(a[0].transform, Transform::kVariantFolded);
  EXPECT_FALSE(a[0].latin);
  EXPECT_EQ(Normalizer().Keys("哈爾濱", Kind::kOrganisation, "")[0].text, "哈尔滨");
}

TEST(NameNormalizerTest, HanGetsPinyinPerWordWithoutTones) {
  const auto keys = Normalizer().Keys("北京航空航天大学", Kind::kOrganisation, "CN");
  const NameKey* pinyin = FindKey(keys, Transform::kPinyin);
  ASSERT_NE(pinyin, nullptr);
  EXPECT_EQ(pinyin->display, "beijing hangkong hangtian daxue");
  EXPECT_EQ(FindKey(keys, Transform::kJapaneseReading), nullptr);  // CN: no Japanese reading
}

TEST(NameNormalizerTest, ChineseNameIsAlsoReadAsJapaneseReadIt) {
  // IPAdic reads Chinese cities as Japanese write them (北京 ペキン, 南京 ナンキン) and other
  // words in on'yomi; 哈爾濱 has no reading there and keeps its pinyin.
  const auto beihang_keys = Normalizer().Keys("北京航空航天大学", Kind::kOrganisation, "CN");
  const NameKey* beihang = FindKey(beihang_keys, Transform::kJapaneseOnyomi);
  ASSERT_NE(beihang, nullptr);
  EXPECT_EQ(beihang->display, "pekin koukuu kouten daigaku");
  EXPECT_TRUE(beihang->latin);
  const auto hit_keys = Normalizer().Keys("哈尔滨工业大学", Kind::kOrganisation, "CN");
  const NameKey* hit = FindKey(hit_keys, Transform::kJapaneseOnyomi);
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->display, "haerbin kougyou daigaku");
  // A Japanese organisation is read as Japanese already; no second reading.
  EXPECT_EQ(FindKey(Normalizer().Keys("東北大学", Kind::kOrganisation, "JP"), Transform::kJapaneseOnyomi), nullptr);
}

TEST(NameNormalizerTest, KatakanaRunStaysOneWord) {
  // ICU's dictionary cut シャンハイ into シャン ハイ, which parted it from 上海 read シャンハイ.
  const auto keys = Normalizer().Keys("シャンハイ交通大学", Kind::kOrganisation, "");
  ASSERT_FALSE(keys.empty());
  EXPECT_EQ(keys[0].text.rfind("シャンハイ ", 0), 0u) << keys[0].text;
  const NameKey* reading = FindKey(keys, Transform::kJapaneseReading);
  ASSERT_NE(reading, nullptr);
  EXPECT_EQ(reading->display, "shanhai koutsuu daigaku");
  // A space or ・ still separates words.
  EXPECT_EQ(FindKey(Normalizer().Keys("ヤマダ・タロウ", Kind::kPerson, ""), Transform::kKanaRomaji)->text,
            "yamada taro");
}

TEST(NameNormalizerTest, JapaneseKanjiNameReadByMecab) {
  const auto keys = Normalizer().Keys("山田太郎", Kind::kPerson, "JP");
  const NameKey* reading = FindKey(keys, Transform::kJapaneseReading);
  ASSERT_NE(reading, nullptr);
  EXPECT_EQ(reading->display, "yamada tarou");
  EXPECT_EQ(reading->text, "yamada taro");                // long vowel folded
  EXPECT_EQ(FindKey(keys, Transform::kPinyin), nullptr);  // JP: no "shan tian tai lang"
}

TEST(NameNormalizerTest, KanaBecomesHepburnWithVariantsFolded) {
  const auto keys = Normalizer().Keys("ヤマダ　タロウ", Kind::kPerson, "");
  const NameKey* romaji = FindKey(keys, Transform::kKanaRomaji);
  ASSERT_NE(romaji, nullptr);
  EXPECT_EQ(romaji->text, "yamada taro");
  // Hepburn and Kunrei spellings meet: Tsuchiya / Tutiya, Shibuya / Sibuya, Fujii / Huzii.
  EXPECT_EQ(Normalizer().Keys("Tsuchiya", Kind::kPerson, "")[0].text,
            Normalizer().Keys("Tutiya", Kind::kPerson, "")[0].text);
  EXPECT_EQ(Normalizer().Keys("Shibuya", Kind::kPerson, "")[0].text,
            Normalizer().Keys("Sibuya", Kind::kPerson, "")[0].text);
  EXPECT_EQ(Normalizer().Keys("Fujii", Kind::kPerson, "")[0].text,
            Normalizer().Keys("Huzii", Kind::kPerson, "")[0].text);
  EXPECT_EQ(Normalizer().Keys("Ohno", Kind::kPerson, "")[0].text, Normalizer().Keys("Oono", Kind::kPerson, "")[0].text);
}

TEST(NameNormalizerTest, AbbreviationsExpandedAndPunctuationDropped) {
  const auto keys = Normalizer().Keys("Beijing Univ. of Aeronautics & Astronautics", Kind::kOrganisation, "");
  ASSERT_FALSE(keys.empty());
  EXPECT_EQ(keys[0].display, "beijing university of aeronautics and astronautics");
  EXPECT_EQ(keys[0].transform, Transform::kAsWritten);
  EXPECT_EQ(Normalizer().Keys("Natl. Acad. Sci.", Kind::kOrganisation, "")[0].display, "national academy sciences");
}

TEST(NameNormalizerTest, FullWidthAndDiacriticsFold) {
  EXPECT_EQ(Normalizer().Keys("ＢＥＩＨＡＮＧ", Kind::kOrganisation, "")[0].text, "beihang");
  EXPECT_EQ(Normalizer().Keys("Université Paris-Saclay", Kind::kOrganisation, "")[0].display,
            "universite paris saclay");
}

TEST(NameNormalizerTest, AcronymsDeclaredAndDerived) {
  const auto declared = Normalizer().Keys("BUAA", Kind::kOrganisation, "", true);
  ASSERT_EQ(declared.size(), 1u);
  EXPECT_EQ(declared[0].transform, Transform::kAcronym);
  const auto keys = Normalizer().Keys("Beijing University of Aeronautics and Astronautics", Kind::kOrganisation, "");
  const NameKey* derived = FindKey(keys, Transform::kDerivedAcronym);
  ASSERT_NE(derived, nullptr);
  EXPECT_EQ(derived->text, "buaa");
  EXPECT_EQ(FindKey(Normalizer().Keys("Beihang University", Kind::kOrganisation, ""), Transform::kDerivedAcronym),
            nullptr);  // two words: "bu" says nothing
}

TEST(NameNormalizerTest, HangulAndCyrillicAreTransliterated) {
  const std::vector<NameKey> korean = Normalizer().Keys("서울대학교", Kind::kOrganisation, "KR");
  const NameKey* hangul = FindKey(korean, Transform::kTransliterated);
  ASSERT_NE(hangul, nullptr);
  EXPECT_NE(hangul->display.find("seoul"), std::string::npos) << hangul->display;
  const std::vector<NameKey> russian = Normalizer().Keys("Москва", Kind::kOrganisation, "RU");
  const NameKey* cyrillic = FindKey(russian, Transform::kTransliterated);
  ASSERT_NE(cyrillic, nullptr);
  EXPECT_EQ(cyrillic->text, "moskva");
}

TEST(NameNormalizerTest, PunctuationOnlyGivesNoKeys) {
  EXPECT_TRUE(Normalizer().Keys(" ・、。- ", Kind::kOrganisation, "").empty());
  EXPECT_TRUE(Normalizer().Keys("", Kind::kPerson, "").empty());
}

}  // namespace
}  // namespace highfence::names
