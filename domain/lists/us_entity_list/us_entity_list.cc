// SPDX-License-Identifier: Apache-2.0
#include "domain/lists/us_entity_list/us_entity_list.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>

#include "domain/lists/internal/import_util.h"

namespace highfence::lists {
namespace {

using internal::Trim;

constexpr std::string_view kListId = "us_entity_list";

int NumberWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {"zero",     "one",      "two",      "three",   "four",    "five",
                                                "six",      "seven",    "eight",    "nine",    "ten",     "eleven",
                                                "twelve",   "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                                                "eighteen", "nineteen", "twenty"};
  std::string lower;
  for (char c : w) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (int i = 0; i <= 20; ++i) {
    if (lower == kWords[i]) return i;
  }
  if (!lower.empty() && lower.size() < 4 && std::all_of(lower.begin(), lower.end(), ::isdigit)) return std::stoi(lower);
  return -1;
}

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// Where an address starts inside the text after the last alias. Returns the split
// (alias end, address start) or npos when none is found.
std::pair<size_t, size_t> SplitLastAlias(std::string_view s) {
  size_t best_end = std::string_view::npos, best_start = std::string_view::npos;
  // A: ". " after a word other than "No".
  for (size_t p = s.find(". "); p != std::string_view::npos; p = s.find(". ", p + 1)) {
    if (p >= 2 && s.substr(p - 2, 2) == "No" && (p == 2 || s[p - 3] == ' ')) continue;
    best_end = p;
    best_start = p + 2;
    break;
  }
  // B: " No." or " P.O. Box" starting an address.
  for (std::string_view marker : {std::string_view(" No."), std::string_view(" P.O. Box"), std::string_view(" #")}) {
    size_t p = s.find(marker);
    if (p != std::string_view::npos && p < best_end) {
      best_end = p;
      best_start = p + 1;
    }
  }
  if (best_end == std::string_view::npos || s.substr(0, best_end).find(';') != std::string_view::npos) {
    // C: the first number after the first word, e.g. "—12th Institute 51 Yong Ding Road".
    size_t first_space = s.find(' ');
    for (size_t p = first_space; p != std::string_view::npos && p + 1 < s.size(); p = s.find(' ', p + 1)) {
      if (IsDigit(s[p + 1])) return {p, p + 1};
    }
  }
  return {best_end, best_start};
}

std::string StripSeparators(std::string s) {
  for (bool changed = true; changed;) {
    changed = false;
    s = Trim(s);
    for (std::string_view tail :
         {std::string_view(";"), std::string_view(" and"), std::string_view(","), std::string_view(".")}) {
      if (s.size() > tail.size() && std::string_view(s).substr(s.size() - tail.size()) == tail) {
        s.resize(s.size() - tail.size());
        changed = true;
      }
    }
  }
  return s;
}

std::vector<std::string> SplitAddresses(std::string_view text) {
  std::vector<std::string> out;
  for (const std::string& part : internal::Split(text, ";")) {
    std::string a = part;
    if (internal::StartsWith(a, "and ")) a = Trim(std::string_view(a).substr(4));
    a = StripSeparators(a);
    if (!a.empty() && a != "and") out.push_back(a);
  }
  return out;
}

std::string AddressCountry(std::string_view address) {
  std::vector<std::string> parts = internal::Split(address, ",");
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    std::string p = *it;
    // "China 100071" → "China"
    while (!p.empty() && (IsDigit(p.back()) || p.back() == ' ' || p.back() == '-' || p.back() == ')')) p.pop_back();
    std::string code = internal::CountryCode(p);
    if (!code.empty()) return code;
    if (it == parts.rbegin() && !p.empty() && !IsDigit(p[0])) break;  // a non-country, non-postcode ending
  }
  return {};
}

}  // namespace

std::string EntityListPrimaryName(std::string_view name) {
  std::string n = Trim(name);
  for (std::string_view intro : {", and the following ", ", the following ", ", a.k.a.,", ", a.k.a. "})
    if (size_t p = n.find(intro); p != std::string::npos) return Trim(std::string_view(n).substr(0, p));
  return n;
}

EntityListText ParseEntityListText(std::string_view name, std::string_view raw) {
  EntityListText out;
  std::string body = Trim(raw);
  std::string n = EntityListPrimaryName(name);
  if (!n.empty() && internal::StartsWith(body, n)) body = Trim(std::string_view(body).substr(n.size()));
  if (internal::StartsWith(body, ",")) body = Trim(std::string_view(body).substr(1));
  std::string_view rest = body;

  size_t aka = rest.find("a.k.a");
  // Some entries introduce their aliases without "a.k.a." (", and the following two aliases: —…").
  if (aka == std::string_view::npos || aka > 8)
    if (size_t f = rest.find("the following "); f != std::string_view::npos && f <= 8) aka = f;
  size_t colon = aka == std::string_view::npos ? std::string_view::npos : rest.find(':', aka);
  size_t dash = colon == std::string_view::npos ? std::string_view::npos : rest.find("—", colon);
  if (aka == std::string_view::npos || colon == std::string_view::npos || dash == std::string_view::npos || aka > 8) {
    out.addresses = SplitAddresses(rest);
    return out;
  }
  // "the following N alias(es)"
  std::string_view intro = rest.substr(aka, colon - aka);
  if (size_t f = intro.find("following "); f != std::string_view::npos) {
    std::string_view after = intro.substr(f + 10);
    out.declared_aliases = NumberWord(after.substr(0, after.find(' ')));
  }
  std::string_view list = rest.substr(dash);
  std::vector<std::string_view> pieces;
  for (size_t p = 0; p < list.size();) {
    size_t next = list.find("—", p + 3);
    if (next == std::string_view::npos) next = list.size();
    pieces.push_back(list.substr(p + 3, next - p - 3));
    p = next;
  }
  for (size_t i = 0; i < pieces.size(); ++i) {
    std::string_view piece = pieces[i];
    if (i + 1 < pieces.size()) {
      size_t semi = piece.find(';');
      std::string alias;
      std::string remark;
      if (semi != std::string_view::npos) {
        alias = std::string(piece.substr(0, semi));
      } else if (size_t stop = piece.find(". "); stop != std::string_view::npos) {
        alias = std::string(piece.substr(0, stop));
        remark = Trim(piece.substr(stop + 2));
      } else {
        alias = std::string(piece);
      }
      alias = StripSeparators(alias);
      if (!alias.empty()) out.aliases.push_back(alias);
      if (!remark.empty()) out.remarks += (out.remarks.empty() ? "" : " ") + StripSeparators(remark);
      continue;
    }
    auto [end, start] = SplitLastAlias(piece);
    std::string alias = StripSeparators(std::string(piece.substr(0, end)));
    if (!alias.empty()) out.aliases.push_back(alias);
    if (start != std::string_view::npos && start < piece.size()) out.addresses = SplitAddresses(piece.substr(start));
  }
  return out;
}

Result<model::ListSnapshot> ParseUsEntityList(std::string_view bytes, std::string_view name) {
  if (auto r = internal::RequireText(bytes, name, "JSON"); !r) return r.error();
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(bytes);
  } catch (const nlohmann::json::exception& e) {
    return MakeError(ErrorCode::kInvalidArgument, std::string(name) + ": not valid JSON (" + e.what() + ")");
  }
  if (!doc.is_object() || !doc.contains("entries") || !doc["entries"].is_array()) {
    return MakeError(ErrorCode::kInvalidArgument, std::string(name) + ": no \"entries\" array (wrong file?)");
  }
  model::ListSnapshot snap = internal::StartSnapshot(kListId, bytes, name);
  if (doc.contains("generatedAt") && doc["generatedAt"].is_string()) {
    snap.version_date = doc["generatedAt"].get<std::string>().substr(0, 10);
  }
  const nlohmann::json& entries = doc["entries"];
  std::set<std::string> ids;
  for (size_t i = 0; i < entries.size(); ++i) {
    const nlohmann::json& item = entries[i];
    ++snap.report.rows_read;
    std::string where = "entries[" + std::to_string(i) + "]";
    if (!item.is_object() || !item.contains("name") || !item["name"].is_string() || !item.contains("raw") ||
        !item["raw"].is_string()) {
      internal::Reject(snap.report, name, 0, where + ": needs string fields \"name\" and \"raw\"");
      continue;
    }
    std::string entry_name = Trim(item["name"].get<std::string>());
    std::string raw = item["raw"].get<std::string>();
    if (entry_name.empty()) {
      internal::Reject(snap.report, name, 0, where + ": \"name\" is empty");
      continue;
    }
    EntityListText text = ParseEntityListText(entry_name, raw);
    model::ListEntry e;
    e.list_id = std::string(kListId);
    e.entry_id = internal::Slug(entry_name);
    e.type = model::EntityType::kOrganisation;
    e.source_line = static_cast<int>(i) + 1;
    e.source_address = snap.source_address;
    e.programme = "EAR Part 744 Supplement No. 4";
    e.reason = internal::Squash(raw);
    e.remarks = text.remarks;
    // The id stays the slug of the source's name field (what earlier snapshots used); the name
    // shown and matched is the primary name without an alias introduction the field may carry.
    internal::AddPrimaryWithAcronym(e, EntityListPrimaryName(entry_name));
    for (const std::string& a : text.aliases) internal::AddAlias(e, a);
    for (const std::string& a : text.addresses) {
      model::Address addr{a, "", AddressCountry(a)};
      if (!addr.country_code.empty()) {
        bool have = false;
        for (const model::Country& c : e.countries) have = have || c.code == addr.country_code;
        if (!have) e.countries.push_back({addr.country_code, addr.country_code});
      }
      e.addresses.push_back(std::move(addr));
    }
    if (text.declared_aliases >= 0 && text.declared_aliases != static_cast<int>(text.aliases.size())) {
      snap.report.notes.push_back(std::string(name) + ":" + where + ": \"" + entry_name + "\" declares " +
                                  std::to_string(text.declared_aliases) + " aliases, " +
                                  std::to_string(text.aliases.size()) + " parsed");
    }
    if (!ids.insert(e.entry_id).second) {
      internal::Reject(snap.report, name, 0, where + ": duplicate entry \"" + entry_name + "\"");
      continue;
    }
    snap.entries.push_back(std::move(e));
  }
  internal::Finish(snap);
  return snap;
}

Result<model::ListSnapshot> ImportUsEntityList(const std::filesystem::path& path) {
  return internal::ImportFile(path, ParseUsEntityList);
}

}  // namespace highfence::lists
