// SPDX-License-Identifier: Apache-2.0
#include "domain/cases/disclosure_import.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "domain/cases/disclosure_validation.h"
#include "domain/cases/internal/import_table.h"
#include "domain/cases/internal/text_checks.h"
#include "domain/cases/person.h"

namespace highfence::cases {

namespace {

enum Column {
  kPersonId,
  kEradId,
  kAsOf,
  kItem,
  kOrganisation,
  kCountry,
  kTitle,
  kProgramme,
  kRole,
  kDepartment,
  kField,
  kStart,
  kEnd,
  kDate,
  kAmount,
  kCurrency,
  kEffort,
  kNda,
  kMainPost,
  kIdentifier,
  kVenue,
  kPeople,
  kApplicants,
  kKind,
  kDescription,
  kList,
  kResearcher,
  kColumnCount,
};

const internal::ColumnSpec kSpecs[kColumnCount] = {
    {"person_id", {"人物ID"}, false},
    {"erad_id", {"e-Rad研究者番号", "研究者番号", "e-Rad ID"}, false},
    {"as_of", {"基準日", "回答日"}, true},
    {"item", {"項目"}, true},
    {"organisation", {"機関名", "機関", "組織名", "organization"}, false},
    {"country", {"国・地域", "国", "所在国"}, false},
    {"title", {"名称", "課題名", "題目", "タイトル", "学位"}, false},
    {"programme", {"制度名", "プログラム名", "事業名", "program"}, false},
    {"role", {"役職", "役割", "職名", "position"}, false},
    {"department", {"部局", "所属部局"}, false},
    {"field", {"専攻", "分野"}, false},
    {"start", {"開始", "開始日", "開始年月", "from"}, false},
    {"end", {"終了", "終了日", "終了年月", "to"}, false},
    {"date", {"年月日", "日付", "発表日", "出願日"}, false},
    {"amount", {"金額"}, false},
    {"currency", {"通貨"}, false},
    {"effort", {"エフォート", "effort_percent", "エフォート（%）", "エフォート(%)"}, false},
    {"nda", {"秘密保持契約"}, false},
    {"main_post", {"本務"}, false},
    {"identifier", {"識別子", "DOI", "番号", "課題番号", "出願番号"}, false},
    {"venue", {"掲載誌", "発表先", "journal"}, false},
    {"people", {"共著者・共同発明者", "共著者", "共同発明者", "co_authors", "co_inventors"}, false},
    {"applicants", {"共同出願人", "co_applicants"}, false},
    {"kind", {"種別"}, false},
    {"description", {"内容", "説明", "詳細"}, false},
    {"list", {"リスト", "掲載リスト", "リスト名"}, false},
    {"researcher", {"研究者名", "相手研究者"}, false},
};

// Per item: the columns it uses, and the columns it needs (each group: at least one filled).
struct ItemColumns {
  DisclosureItem item;
  std::vector<Column> used;
  std::vector<std::vector<Column>> needed;
};

const std::vector<ItemColumns>& ItemTable() {
  static const std::vector<ItemColumns> kTable = {
      {DisclosureItem::kEducation, {kOrganisation, kCountry, kTitle, kField, kStart, kEnd}, {{kOrganisation}}},
      {DisclosureItem::kCareer,
       {kOrganisation, kCountry, kDepartment, kRole, kStart, kEnd, kMainPost, kEffort},
       {{kOrganisation}}},
      {DisclosureItem::kFunding,
       {kOrganisation, kCountry, kProgramme, kTitle, kRole, kIdentifier, kAmount, kCurrency, kStart, kEnd, kEffort},
       {{kOrganisation}, {kTitle, kProgramme}}},
      {DisclosureItem::kOtherSupport,
       {kOrganisation, kCountry, kKind, kDescription, kAmount, kCurrency, kStart, kEnd},
       {{kOrganisation}, {kKind, kDescription}}},
      {DisclosureItem::kPublications, {kTitle, kVenue, kDate, kIdentifier, kPeople}, {{kTitle}}},
      {DisclosureItem::kPatents, {kTitle, kIdentifier, kCountry, kDate, kPeople, kApplicants}, {{kTitle, kIdentifier}}},
      {DisclosureItem::kTalentProgrammes,
       {kProgramme, kOrganisation, kCountry, kRole, kAmount, kCurrency, kStart, kEnd, kEffort},
       {{kProgramme, kOrganisation}}},
      {DisclosureItem::kSanctions, {kOrganisation, kCountry, kKind, kDescription, kDate}, {{kKind, kDescription}}},
      {DisclosureItem::kListAppearances, {kList, kIdentifier, kTitle, kDate, kDescription}, {{kList}}},
      {DisclosureItem::kListedAffiliations, {kOrganisation, kCountry, kList, kRole, kStart, kEnd}, {{kOrganisation}}},
      {DisclosureItem::kListedRelationships,
       {kResearcher, kOrganisation, kCountry, kList, kDescription, kStart, kEnd},
       {{kResearcher}, {kOrganisation}}},
      {DisclosureItem::kExternalFunding,
       {kOrganisation, kCountry, kTitle, kRole, kAmount, kCurrency, kEffort, kNda, kStart, kEnd},
       {{kOrganisation}, {kTitle}}},
      {DisclosureItem::kSideJobs,
       {kOrganisation, kCountry, kRole, kAmount, kCurrency, kEffort, kStart, kEnd},
       {{kOrganisation}, {kRole}}},
      {DisclosureItem::kUnpaidPosts,
       {kOrganisation, kCountry, kRole, kEffort, kStart, kEnd},
       {{kOrganisation}, {kRole}}},
  };
  return kTable;
}

// Item cells that name ⑫ or ⑬, and headers that would carry them.
constexpr std::string_view kRestrictedItems[] = {"12",       "13",       "⑫",    "⑬",           "非居住者・特定類型",
                                                 "非居住者", "特定類型", "国籍", "nationality", "non_resident"};
constexpr std::string_view kRestrictedHeaders[] = {"国籍", "nationality", "非居住者", "特定類型", "non_resident"};
constexpr std::string_view kRestrictedHint =
    "items ⑫ 非居住者・特定類型 and ⑬ 国籍 are restricted and never imported with a disclosure (the export-control "
    "officer records them separately)";

// One row being read: cells by column, and its problems.
class RowReader {
 public:
  RowReader(const internal::Table& table, const internal::Columns& cols, const internal::TableRow& row,
            std::vector<ImportError>& errors)
      : table_(table), cols_(cols), row_(row), errors_(errors), before_(errors.size()) {}

  const std::string& Cell(Column c) const {
    static const std::string kEmpty;
    int i = cols_.Of(c);
    return i < 0 ? kEmpty : row_.cells[static_cast<size_t>(i)];
  }
  bool Has(Column c) const { return !Cell(c).empty(); }
  void Fail(Column c, std::string message) {
    std::string header = cols_.Of(c) < 0 ? std::string(kSpecs[c].id) : table_.header[static_cast<size_t>(cols_.Of(c))];
    errors_.push_back({table_.file, row_.line, header, std::move(message)});
  }
  bool ok() const { return errors_.size() == before_; }
  int line() const { return row_.line; }

  std::string Date(Column c) {
    if (!Has(c)) return "";
    auto d = internal::ParseDate(Cell(c), table_.xlsx);
    if (!d) Fail(c, "\"" + Cell(c) + "\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD; / also accepted)");
    return d.value_or("");
  }
  std::string Country(Column c) {
    if (!Has(c)) return "";
    std::string code = internal::Upper(Cell(c));
    if (!internal::IsCountryCode(code)) {
      Fail(c, "\"" + Cell(c) + "\" is not an ISO 3166-1 alpha-2 code (JP, CN, US …) of the organisation");
    }
    return code;
  }
  std::optional<int> Effort() {
    if (!Has(kEffort)) return std::nullopt;
    auto p = internal::ParsePercent(Cell(kEffort));
    if (!p) Fail(kEffort, "\"" + Cell(kEffort) + "\" is not a percentage (0–100)");
    return p;
  }
  bool YesNo(Column c) {
    if (!Has(c)) return false;
    auto b = internal::ParseYesNo(Cell(c));
    if (!b) Fail(c, "\"" + Cell(c) + "\" is not yes or no (yes/no, 有/無, はい/いいえ, ○/×)");
    return b.value_or(false);
  }
  std::optional<Money> Amount() {
    if (!Has(kAmount)) {
      if (Has(kCurrency)) Fail(kCurrency, "a currency without an amount");
      return std::nullopt;
    }
    auto a = internal::ParseAmount(Cell(kAmount));
    if (!a) {
      Fail(kAmount, "\"" + Cell(kAmount) + "\" is not an amount (whole number, commas allowed)");
      return std::nullopt;
    }
    std::string currency = internal::Upper(Cell(kCurrency));
    if (currency.empty()) {
      Fail(kCurrency, "empty: an amount needs its currency (JPY, USD, CNY …)");
    } else if (!internal::IsCurrencyCode(currency)) {
      Fail(kCurrency, "\"" + Cell(kCurrency) + "\" is not an ISO 4217 code (JPY, USD, CNY …)");
    }
    return Money{*a, currency};
  }
  OrgRef Org() { return {Cell(kOrganisation), "", Country(kCountry)}; }
  // "name | organisation | country; …" (｜ and ； accepted too; organisation and country optional).
  std::vector<Contributor> People(Column c) {
    std::vector<Contributor> out;
    std::string text = Cell(c);
    for (std::string_view full : {"\xEF\xBC\x9B", "\n"}) {  // ；
      for (size_t p = text.find(full); p != std::string::npos; p = text.find(full)) text.replace(p, full.size(), ";");
    }
    for (size_t p = text.find("\xEF\xBD\x9C"); p != std::string::npos; p = text.find("\xEF\xBD\x9C")) {  // ｜
      text.replace(p, 3, "|");
    }
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find(';', start);
      std::string entry = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
      start = end == std::string::npos ? text.size() + 1 : end + 1;
      if (internal::Trim(entry).empty()) continue;
      std::vector<std::string> parts;
      size_t s = 0;
      for (size_t bar = entry.find('|');; bar = entry.find('|', s)) {
        parts.emplace_back(internal::Trim(entry.substr(s, bar == std::string::npos ? std::string::npos : bar - s)));
        if (bar == std::string::npos) break;
        s = bar + 1;
      }
      if (parts.size() > 3) {
        Fail(c, "\"" + entry + "\" has more than name | organisation | country");
        continue;
      }
      Contributor person{parts[0], {parts.size() > 1 ? parts[1] : "", "", parts.size() > 2 ? Upper(parts[2]) : ""}};
      if (!person.organisation.country.empty() && !internal::IsCountryCode(person.organisation.country)) {
        Fail(c, "\"" + parts[2] + "\" in \"" + entry + "\" is not an ISO 3166-1 alpha-2 code");
      }
      out.push_back(std::move(person));
    }
    return out;
  }

 private:
  static std::string Upper(const std::string& s) { return internal::Upper(s); }
  const internal::Table& table_;
  const internal::Columns& cols_;
  const internal::TableRow& row_;
  std::vector<ImportError>& errors_;
  size_t before_;
};

// Reads the item's row into d (appending to the item's list) and returns its index, or
// nullopt when the row had a problem.
std::optional<size_t> ReadRow(RowReader& r, DisclosureItem item, Disclosure& d) {
  auto push = [&](auto& list, auto row) -> std::optional<size_t> {
    if (!r.ok()) return std::nullopt;
    list.push_back(std::move(row));
    return list.size() - 1;
  };
  switch (item) {
    case DisclosureItem::kEducation:
      return push(d.education, EducationRow{r.Org(), r.Cell(kTitle), r.Cell(kField), r.Date(kStart), r.Date(kEnd)});
    case DisclosureItem::kCareer:
      return push(d.career, CareerRow{r.Org(), r.Cell(kDepartment), r.Cell(kRole), r.Date(kStart), r.Date(kEnd),
                                      r.YesNo(kMainPost), r.Effort()});
    case DisclosureItem::kFunding:
      return push(d.funding, FundingRow{r.Org(), r.Cell(kProgramme), r.Cell(kTitle), r.Cell(kRole), r.Cell(kIdentifier),
                                        r.Amount(), r.Date(kStart), r.Date(kEnd), r.Effort()});
    case DisclosureItem::kOtherSupport:
      return push(d.other_support,
                  SupportRow{r.Org(), r.Cell(kKind), r.Cell(kDescription), r.Amount(), r.Date(kStart), r.Date(kEnd)});
    case DisclosureItem::kPublications:
      return push(d.publications, PublicationRow{r.Cell(kTitle), r.Cell(kVenue), r.Date(kDate), r.Cell(kIdentifier),
                                                 r.People(kPeople)});
    case DisclosureItem::kPatents:
      return push(d.patents, PatentRow{r.Cell(kTitle), r.Cell(kIdentifier), r.Country(kCountry), r.Date(kDate),
                                       r.People(kPeople), r.People(kApplicants)});
    case DisclosureItem::kTalentProgrammes:
      return push(d.talent_programmes, TalentProgrammeRow{r.Cell(kProgramme), r.Org(), r.Cell(kRole), r.Amount(),
                                                          r.Date(kStart), r.Date(kEnd), r.Effort()});
    case DisclosureItem::kSanctions:
      return push(d.sanctions, SanctionRow{r.Org(), r.Cell(kKind), r.Cell(kDescription), r.Date(kDate)});
    case DisclosureItem::kListAppearances:
      return push(d.list_appearances, ListAppearanceRow{r.Cell(kList), r.Cell(kIdentifier), r.Cell(kTitle),
                                                        r.Date(kDate), r.Cell(kDescription)});
    case DisclosureItem::kListedAffiliations:
      return push(d.listed_affiliations,
                  ListedAffiliationRow{r.Org(), r.Cell(kList), r.Cell(kRole), r.Date(kStart), r.Date(kEnd)});
    case DisclosureItem::kListedRelationships:
      return push(d.listed_relationships, ListedRelationshipRow{r.Cell(kResearcher), r.Org(), r.Cell(kList),
                                                                r.Cell(kDescription), r.Date(kStart), r.Date(kEnd)});
    case DisclosureItem::kExternalFunding:
      return push(d.external_funding, ExternalFundingRow{r.Org(), r.Cell(kTitle), r.Cell(kRole), r.Amount(), r.Effort(),
                                                         r.YesNo(kNda), r.Date(kStart), r.Date(kEnd)});
    case DisclosureItem::kSideJobs:
      return push(d.side_jobs, PostRow{r.Org(), r.Cell(kRole), r.Amount(), r.Effort(), r.Date(kStart), r.Date(kEnd)});
    case DisclosureItem::kUnpaidPosts:
      return push(d.unpaid_posts,
                  PostRow{r.Org(), r.Cell(kRole), std::nullopt, r.Effort(), r.Date(kStart), r.Date(kEnd)});
  }
  return std::nullopt;
}

std::string ItemIds() {
  std::string out;
  for (const DisclosureItemInfo& info : DisclosureItems()) out += (out.empty() ? "" : ", ") + std::string(info.id);
  return out;
}

// ValidateDisclosure over a draft; its problems become ImportErrors on the lines of the rows.
void ValidateDraft(const DisclosureDraft& draft, const std::string& file, const DisclosureImportOptions& options,
                   std::vector<ImportError>& errors, bool& ok) {
  Disclosure d = draft.disclosure;
  d.id = "draft";
  d.seq = 1;
  if (d.person_id.empty()) d.person_id = "erad:" + draft.erad_id;
  auto valid = ValidateDisclosure(d, {.today = options.today, .require_certification = false});
  ok = valid.has_value();
  if (ok) return;
  std::string message = valid.error().message;
  int line = draft.sources.empty() ? 0 : draft.sources.front().line;
  for (const DraftRowSource& s : draft.sources) {
    std::string token = std::string(Info(s.item).id) + "[" + std::to_string(s.index) + "]";
    if (message.starts_with(token)) {
      line = s.line;
      break;
    }
    for (size_t p = message.find(token); p != std::string::npos; p = message.find(token, p + 1)) {
      std::string annotated = token + " (line " + std::to_string(s.line) + ")";
      message.replace(p, token.size(), annotated);
      p += annotated.size() - 1;
    }
  }
  std::string who = draft.person_id.empty() ? draft.erad_id : draft.person_id;
  errors.push_back({file, line, "", "person " + who + " as of " + draft.disclosure.as_of + ": " + message});
}

}  // namespace

Result<DisclosureImport> ParseDisclosureImport(std::string_view bytes, std::string_view file_name,
                                               const DisclosureImportOptions& options) {
  auto table = internal::ReadTable(bytes, file_name);
  if (!table) return table.error();
  DisclosureImport out;
  out.rows_read = static_cast<int>(table->rows.size());
  internal::Columns cols = internal::MapColumns(*table, kSpecs, out.errors, kRestrictedHeaders, kRestrictedHint);
  if (cols.Of(kPersonId) < 0 && cols.Of(kEradId) < 0) {
    out.errors.push_back(
        {table->file, table->header_line, "", "missing column \"person_id\" or \"erad_id\" (研究者番号)"});
  }
  if (!out.errors.empty()) {
    out.errors.insert(out.errors.end(), table->problems.begin(), table->problems.end());
    return out;
  }
  out.errors = table->problems;

  std::map<std::tuple<std::string, std::string, std::string>, size_t> draft_of;  // (person, erad, as_of) → draft
  for (const internal::TableRow& row : table->rows) {
    RowReader r(*table, cols, row, out.errors);
    std::string person_id = r.Cell(kPersonId);
    std::string erad_id = r.Cell(kEradId);
    if (person_id.empty() && erad_id.empty()) {
      r.Fail(cols.Of(kPersonId) >= 0 ? kPersonId : kEradId, "empty: name the person (person_id or 研究者番号)");
    }
    if (!erad_id.empty() && !IsValidEradId(erad_id)) {
      r.Fail(kEradId, "\"" + erad_id + "\" is not an e-Rad researcher number (8 digits)");
    }
    std::string as_of = r.Date(kAsOf);
    if (!r.Has(kAsOf)) {
      r.Fail(kAsOf, "empty");
    } else if (!as_of.empty() && !internal::IsFullDate(as_of)) {
      r.Fail(kAsOf, "\"" + r.Cell(kAsOf) + "\" is not a full date (YYYY-MM-DD)");
    } else if (!as_of.empty() && !options.today.empty() && as_of > options.today) {
      r.Fail(kAsOf, as_of + " is in the future (today is " + options.today + ")");
    }
    const std::string& item_cell = r.Cell(kItem);
    std::optional<DisclosureItem> item = ParseDisclosureItem(item_cell);
    if (item_cell.empty()) {
      r.Fail(kItem, "empty (expected " + ItemIds() + ")");
    } else if (!item) {
      bool restricted =
          std::find(std::begin(kRestrictedItems), std::end(kRestrictedItems), item_cell) != std::end(kRestrictedItems);
      r.Fail(kItem, restricted ? "\"" + item_cell + "\": " + std::string(kRestrictedHint)
                               : "unknown value \"" + item_cell + "\" (expected " + ItemIds() +
                                     ", ①–⑪ or their "
                                     "Japanese names)");
    }
    if (!item) continue;
    const ItemColumns& spec =
        *std::find_if(ItemTable().begin(), ItemTable().end(), [&](const ItemColumns& c) { return c.item == *item; });
    for (int c = kOrganisation; c < kColumnCount; ++c) {
      Column column = static_cast<Column>(c);
      if (r.Has(column) && std::find(spec.used.begin(), spec.used.end(), column) == spec.used.end()) {
        r.Fail(column, "not used for item " + std::string(Info(*item).id) + " (" + std::string(Info(*item).ja) +
                           "); leave it empty");
      }
    }
    for (const std::vector<Column>& group : spec.needed) {
      bool any = std::any_of(group.begin(), group.end(), [&](Column c) { return r.Has(c); });
      if (any) continue;
      std::string names;
      for (Column c : group) names += (names.empty() ? "" : " or ") + std::string(kSpecs[c].id);
      r.Fail(group.front(), "empty: item " + std::string(Info(*item).id) + " needs " + names);
    }
    if (!r.ok()) continue;

    auto key = std::tuple{person_id, erad_id, as_of};
    auto [it, inserted] = draft_of.emplace(key, out.drafts.size());
    if (inserted) {
      DisclosureDraft draft;
      draft.person_id = person_id;
      draft.erad_id = erad_id;
      draft.disclosure.person_id = person_id;
      draft.disclosure.as_of = as_of;
      out.drafts.push_back(std::move(draft));
    }
    DisclosureDraft& draft = out.drafts[it->second];
    if (std::optional<size_t> index = ReadRow(r, *item, draft.disclosure)) {
      draft.sources.push_back({*item, *index, row.line});
    }
  }

  std::vector<DisclosureDraft> valid;
  for (DisclosureDraft& draft : out.drafts) {
    if (draft.sources.empty()) continue;
    bool ok = false;
    ValidateDraft(draft, table->file, options, out.errors, ok);
    if (ok) valid.push_back(std::move(draft));
  }
  out.drafts = std::move(valid);
  std::stable_sort(out.errors.begin(), out.errors.end(),
                   [](const ImportError& a, const ImportError& b) { return a.line < b.line; });
  return out;
}

}  // namespace highfence::cases
