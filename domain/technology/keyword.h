// SPDX-License-Identifier: Apache-2.0
#pragma once
// Keyword: one technology keyword of the JST-TRUST screening (技術キーワード), with the
// technology areas (重要技術領域) it belongs to and the government document entry it was taken
// from. Plain data; read by keyword_list.h from data/keywords/*.tsv (docs/formats/keywords.md).
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace highfence::technology {

// The source documents of JST-TRUST keyword screening, plus the 20 areas and foreign lists.
enum class SourceDocument {
  kExportControl,     // ① 安全保障貿易管理 (輸出令 別表第一; EU dual-use list for English terms)
  kCriticalProducts,  // ② 特定重要物資
  kInfrastructure,    // ③ 基幹インフラ
  kCriticalTech,      // ④ 特定重要技術
  kPatentSecrecy,     // ⑤ 特許出願非公開制度 特定技術分野
  kTechAreas,         // the 20 重要技術領域 themselves
  kUsCet,             // US Critical and Emerging Technologies list
  kUkNsia,            // UK National Security and Investment Act sectors
  kAuCtl,             // Australian List of Critical Technologies in the National Interest
};
std::string_view SourceDocumentId(SourceDocument d);  // "export_control" …
std::string_view SourceDocumentLabel(SourceDocument d);  // "① 安全保障貿易管理 (輸出令 別表第一 / EU dual-use)" …
// "①" … "⑤" for the five JST-TRUST documents; "" for the others, whose source_ref names them.
std::string_view SourceDocumentShort(SourceDocument d);
std::optional<SourceDocument> ParseSourceDocument(std::string_view id);

// How the term relates to its source entry.
enum class Derivation {
  kVerbatim,        // the entry's whole name
  kExtracted,       // occurs word for word in the entry's text
  kTranslatedHere,  // our translation of the entry (not official)
  kSynonymHere,     // a synonym or narrower term we added for the entry
};
std::string_view DerivationId(Derivation d);
std::optional<Derivation> ParseDerivation(std::string_view id);

struct Keyword {
  std::string id;
  std::string lang;  // "ja" or "en"
  std::string term;
  std::vector<std::string> variants;  // same language; matched like term
  std::vector<int> areas;             // 1–20
  SourceDocument source_doc = SourceDocument::kTechAreas;
  std::string source_ref;  // e.g. "別表第一 四(十九)", "EU 6A008"
  Derivation derivation = Derivation::kSynonymHere;
  double weight = 0.5;  // specificity, 0.05–1.0
  std::string note;
  std::string file;  // where it was read, for messages
  int line = 0;
};

// "① 別表第一 四(十九)", "重要技術領域 18", "US CET 3": the short label and the source_ref.
std::string SourceEntry(const Keyword& k);

// A readiness (TRL) cue: words that suggest prototypes, demonstrations or implementation.
// Cues are shown as suggestions only; they never decide the level.
struct ReadinessCue {
  std::string id;
  std::string lang;
  std::string term;
  std::vector<std::string> variants;
  std::string cue;  // prototype | demonstration | field_trial | system_integration | implementation | mass_production
  std::string note;
};

// The 20 critical technology areas (重要技術領域, 特定重要技術研究開発基本指針 as quoted by CSTI, 令和8年1月).
struct TechnologyArea {
  int number;
  std::string_view name_ja;
  std::string_view name_en;  // translated by the data collector; no official English exists
};
std::span<const TechnologyArea> TechnologyAreas();
const TechnologyArea* FindTechnologyArea(int number);  // nullptr if not 1–20

}  // namespace highfence::technology
