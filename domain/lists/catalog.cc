// SPDX-License-Identifier: Apache-2.0
#include "domain/lists/catalog.h"

#include "domain/lists/aspi_unitracker/aspi_unitracker.h"
#include "domain/lists/ca_nro/ca_nro.h"
#include "domain/lists/jp_meti_eul/jp_meti_eul.h"
#include "domain/lists/jp_mof_asset_freeze/jp_mof_asset_freeze.h"
#include "domain/lists/ofac/ofac.h"
#include "domain/lists/ror/ror.h"
#include "domain/lists/un/un.h"
#include "domain/lists/us_bis_mieu/us_bis_mieu.h"
#include "domain/lists/us_csl/us_csl.h"
#include "domain/lists/us_dod_1260h/us_dod_1260h.h"
#include "domain/lists/us_dod_1286/us_dod_1286.h"
#include "domain/lists/us_entity_list/us_entity_list.h"
#include "domain/lists/watch_list/watch_list.h"

namespace highfence::lists {
namespace {

constexpr const char* kUsGov = "US government work (public domain, 17 U.S.C. §105)";
constexpr const char* kOpenSanctions =
    "CC BY-NC 4.0 (OpenSanctions transcription; commercial use needs an OpenSanctions licence or "
    "re-transcription from the official PDF)";

}  // namespace

const std::vector<CatalogEntry>& Catalog() {
  static const std::vector<CatalogEntry> catalog = {
      {{"jp_meti_eul", "METI End User List (外国ユーザーリスト)",
        "Ministry of Economy, Trade and Industry (経済産業省 貿易経済安全保障局)",
        "lists/jp_meti_eul/meti_eul_20250929.xlsx",
        "Government of Japan publication (政府標準利用規約 2.0 presumed; not checked)",
        "https://www.meti.go.jp/policy/anpo/20250929_4.xlsx"},
       &ImportJpMetiEul},
      {{"jp_mof_asset_freeze", "MOF asset-freeze designations (経済制裁措置及び対象者リスト)",
        "Ministry of Finance Japan (財務省 国際局)", "lists/jp_mof_asset_freeze/shisantouketsu20260305.xlsx",
        "Government of Japan publication (provisional convenience copy of the MOFA 告示)",
        "https://www.mof.go.jp/policy/international_policy/gaitame_kawase/gaitame/economic_sanctions/"
        "shisantouketsu.xlsx"},
       &ImportJpMofAssetFreeze},
      {{"us_entity_list", "US Entity List (15 CFR 744 Supp. 4), Chinese universities and research institutes",
        "US Department of Commerce, Bureau of Industry and Security",
        "lists/us_entity_list_cn_research/entity_list_cn_research_bis_text.json", kUsGov,
        "https://www.ecfr.gov/current/title-15/subtitle-B/chapter-VII/subchapter-C/part-744/"
        "appendix-Supplement%20No.%204%20to%20Part%20744"},
       &ImportUsEntityList},
      {{"us_csl", "US Consolidated Screening List", "International Trade Administration",
        "lists/us_csl/csl_format_sample_2025.csv", kUsGov,
        "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv"},
       &ImportUsCsl},
      {{"us_dod_1286", "DoD Section 1286 list (foreign institutions / talent programs)", "US Department of Defense",
        "lists/us_dod_1286/section_1286_all_editions_opensanctions.csv", kOpenSanctions,
        "https://www.cto.mil/wp-content/uploads/2026/07/FY25-Section-1286-List.pdf"},
       &ImportUsDod1286},
      {{"us_dod_1260h", "DoD Section 1260H Chinese military companies", "US Department of Defense",
        "lists/us_dod_1260h/section_1260h_opensanctions.csv", kOpenSanctions,
        "https://media.defense.gov/2026/Jun/08/2003945537/-1/-1/1/"
        "ENTITIES-IDENTIFIED-AS-CHINESE-MILITARY-COMPANIES-OPERATING-IN-THE-UNITED-STATES-IN-ACCORDANCE-WITH-"
        "SECTION-1260H.PDF"},
       &ImportUsDod1260h},
      {{"us_bis_mieu", "BIS Military-Intelligence End User list (EAR §744.22)",
        "US Department of Commerce, Bureau of Industry and Security", "lists/us_bis_mieu/mieu_opensanctions.csv",
        kOpenSanctions,
        "https://www.ecfr.gov/current/title-15/part-744/appendix-Supplement%20No.%207%20to%20Part%20744"},
       &ImportUsBisMieu},
      {{"ca_nro", "Canada Named Research Organizations (STRAC policy)", "Government of Canada (ISED / Public Safety)",
        "lists/ca_nro/named_research_organizations_20240418.csv",
        "Government of Canada web content (Crown copyright / Open Government terms; not checked)",
        "https://science.gc.ca/site/science/en/safeguarding-your-research/guidelines-and-tools-implement-research-"
        "security/sensitive-technology-research-and-affiliations-concern/named-research-organizations"},
       &ImportCaNro},
      {{"aspi_unitracker", "ASPI China Defence Universities Tracker (MISP galaxy)",
        "Australian Strategic Policy Institute, International Cyber Policy Centre",
        "lists/aspi_unitracker/misp_china_defence_universities_20200822.json",
        "MISP galaxy CC0 1.0 / BSD-2-Clause; underlying text ASPI's (terms not checked)",
        "https://unitracker.aspi.org.au/"},
       &ImportAspiUnitracker},
      {{"un", "UN Security Council Consolidated List", "United Nations Security Council",
        "lists/un/un_consolidated_20260227.xml", "United Nations publication (public information)",
        "https://scsanctions.un.org/resources/xml/en/consolidated.xml"},
       &ImportUn},
      {{"ofac", "OFAC Specially Designated Nationals (SDN) list, legacy CSV",
        "US Department of the Treasury, Office of Foreign Assets Control", "lists/ofac/sdn.csv", kUsGov,
        "https://www.treasury.gov/ofac/downloads/sdn.csv"},
       &ImportOfac},
      {{"watch_list", "Institution's own watch list (docs/formats/watch_list.md)", "the institution", "",
        "the institution's own data", ""},
       &ImportWatchList},
      {{"ror", "Research Organization Registry (partial, schema v2)", "Research Organization Registry (ROR)",
        "registry/ror_records_v2.jsonl.gz", "CC0 1.0", "https://ror.org/"},
       nullptr,
       &ImportRor},
  };
  return catalog;
}

const CatalogEntry* FindList(std::string_view id) {
  for (const CatalogEntry& c : Catalog()) {
    if (c.info.id == id) return &c;
  }
  return nullptr;
}

}  // namespace highfence::lists
