// SPDX-License-Identifier: Apache-2.0
#include "domain/technology/keyword.h"

#include <array>

namespace highfence::technology {
namespace {

struct DocumentInfo {
  SourceDocument doc;
  std::string_view id;
  std::string_view label;
  std::string_view short_label;
};

constexpr std::array<DocumentInfo, 9> kDocuments{{
    {SourceDocument::kExportControl, "export_control", "① 安全保障貿易管理 (輸出令 別表第一 / EU dual-use list)", "①"},
    {SourceDocument::kCriticalProducts, "critical_products", "② 特定重要物資", "②"},
    {SourceDocument::kInfrastructure, "infrastructure", "③ 基幹インフラ", "③"},
    {SourceDocument::kCriticalTech, "critical_tech", "④ 特定重要技術", "④"},
    {SourceDocument::kPatentSecrecy, "patent_secrecy", "⑤ 特許出願非公開制度 特定技術分野", "⑤"},
    {SourceDocument::kTechAreas, "tech_areas", "重要技術領域 (20 areas)", ""},
    {SourceDocument::kUsCet, "us_cet", "US Critical and Emerging Technologies List (2024)", ""},
    {SourceDocument::kUkNsia, "uk_nsia", "UK NSI Act notifiable sectors", ""},
    {SourceDocument::kAuCtl, "au_ctl", "Australia List of Critical Technologies (2023)", ""},
}};

constexpr std::array<std::string_view, 4> kDerivations{"verbatim", "extracted", "translated_here", "synonym_here"};

// Source: ../shared/data/technology/jp_20_areas/important_technology_areas_20.csv (CSTI slides,
// 令和8年1月, citing 特定重要技術研究開発基本指針, 閣議決定 令和4年9月30日). Japanese verbatim;
// English translated by the collector.
constexpr std::array<TechnologyArea, 20> kAreas{{
    {1, "バイオ技術", "Biotechnology"},
    {2, "医療・公衆衛生技術（ゲノム学含む）", "Medical and public health technology (including genomics)"},
    {3, "人工知能・機械学習技術", "Artificial intelligence and machine learning technology"},
    {4, "先端コンピューティング技術", "Advanced computing technology"},
    {5, "マイクロプロセッサ・半導体技術", "Microprocessor and semiconductor technology"},
    {6, "データ科学・分析・蓄積・運用技術", "Data science, analytics, storage and management technology"},
    {7, "先端エンジニアリング・製造技術", "Advanced engineering and manufacturing technology"},
    {8, "ロボット工学", "Robotics"},
    {9, "量子情報科学", "Quantum information science"},
    {10, "先端監視・測位・センサー技術", "Advanced surveillance, positioning and sensor technology"},
    {11, "脳コンピュータ・インターフェース技術", "Brain-computer interface technology"},
    {12, "先端エネルギー・蓄エネルギー技術", "Advanced energy and energy storage technology"},
    {13, "高度情報通信・ネットワーク技術", "Advanced information, communication and network technology"},
    {14, "サイバーセキュリティ技術", "Cybersecurity technology"},
    {15, "宇宙関連技術", "Space-related technology"},
    {16, "海洋関連技術", "Ocean/marine-related technology"},
    {17, "輸送技術", "Transportation technology"},
    {18, "極超音速", "Hypersonics"},
    {19, "化学・生物・放射性物質及び核（CBRN）", "Chemical, biological, radiological and nuclear (CBRN)"},
    {20, "先端材料科学", "Advanced materials science"},
}};

}  // namespace

std::string_view SourceDocumentId(SourceDocument d) {
  for (const auto& info : kDocuments)
    if (info.doc == d) return info.id;
  return "tech_areas";
}

std::string_view SourceDocumentLabel(SourceDocument d) {
  for (const auto& info : kDocuments)
    if (info.doc == d) return info.label;
  return "";
}

std::string_view SourceDocumentShort(SourceDocument d) {
  for (const auto& info : kDocuments)
    if (info.doc == d) return info.short_label;
  return "";
}

std::string SourceEntry(const Keyword& k) {
  std::string_view short_label = SourceDocumentShort(k.source_doc);
  return short_label.empty() ? k.source_ref : std::string(short_label) + " " + k.source_ref;
}

std::optional<SourceDocument> ParseSourceDocument(std::string_view id) {
  for (const auto& info : kDocuments)
    if (info.id == id) return info.doc;
  return std::nullopt;
}

std::string_view DerivationId(Derivation d) {
  return kDerivations[static_cast<size_t>(d)];
}

std::optional<Derivation> ParseDerivation(std::string_view id) {
  for (size_t i = 0; i < kDerivations.size(); ++i)
    if (kDerivations[i] == id) return static_cast<Derivation>(i);
  return std::nullopt;
}

std::span<const TechnologyArea> TechnologyAreas() {
  return kAreas;
}

const TechnologyArea* FindTechnologyArea(int number) {
  if (number < 1 || number > 20) return nullptr;
  return &kAreas[number - 1];
}

}  // namespace highfence::technology
