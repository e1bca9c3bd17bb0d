// SPDX-License-Identifier: Apache-2.0
#include "server/internal/paging.h"

#include <algorithm>
#include <charconv>

namespace highfence::server::internal {
namespace {

using nlohmann::json;

bool Contains(const std::vector<std::string_view>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

ApiResult<int64_t> ParseCount(std::string_view field, const std::string& text, int64_t min, int64_t max) {
  int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size())
    return ApiError::Field(ErrorCode::kInvalidArgument, std::string(field), "\"" + text + "\" is not a whole number");
  if (n < min || n > max)
    return ApiError::Field(ErrorCode::kInvalidArgument, std::string(field),
                           std::to_string(n) + " is out of range " + std::to_string(min) + "–" + std::to_string(max));
  return n;
}

std::string Text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump();
}

}  // namespace

ApiResult<PageRequest> ParsePaging(const Request& req, const PagingSpec& spec) {
  PageRequest out;
  if (!spec.sorts.empty()) out.sort = std::string(spec.sorts.front());
  out.descending = spec.default_descending;
  std::vector<std::string> seen;
  for (const auto& [name, value] : req.query_params()) {
    if (std::find(seen.begin(), seen.end(), name) != seen.end())
      return ApiError::Field(ErrorCode::kInvalidArgument, name, "given more than once");
    seen.push_back(name);
    if (name == "limit") {
      auto n = ParseCount("limit", value, 1, kMaxPageLimit);
      if (!n) return n.error();
      out.limit = *n;
    } else if (name == "offset") {
      auto n = ParseCount("offset", value, 0, INT64_MAX / 2);
      if (!n) return n.error();
      out.offset = *n;
    } else if (name == "sort") {
      std::string_view field = value;
      bool desc = !field.empty() && field.front() == '-';
      if (desc) field.remove_prefix(1);
      if (!Contains(spec.sorts, field)) {
        std::string known;
        for (std::string_view s : spec.sorts) known += (known.empty() ? "" : ", ") + std::string(s);
        return ApiError::Field(
            ErrorCode::kInvalidArgument, "sort",
            "cannot sort on \"" + std::string(field) + "\" (known: " + known + "; prefix - for descending)");
      }
      out.sort = std::string(field);
      out.descending = desc;
    } else if (Contains(spec.filters, name)) {
      if (value.empty()) return ApiError::Field(ErrorCode::kInvalidArgument, name, "filter value is empty");
      out.filters.emplace_back(name, value);
    } else if (!Contains(spec.extra, name)) {
      std::string known = "limit, offset, sort";
      for (std::string_view f : spec.filters) known += ", " + std::string(f);
      for (std::string_view f : spec.extra) known += ", " + std::string(f);
      return ApiError::Field(ErrorCode::kInvalidArgument, name,
                             "unknown query parameter \"" + name + "\" (known: " + known + ")");
    }
  }
  return out;
}

json PageJson(json items, int64_t total, const PageRequest& page) {
  int64_t next = page.offset + page.limit;
  return {{"items", std::move(items)},
          {"total", total},
          {"limit", page.limit},
          {"offset", page.offset},
          {"next_offset", next < total ? json(next) : json(nullptr)}};
}

json PageInMemory(const json& items, const PageRequest& page) {
  std::vector<const json*> kept;
  for (const json& item : items) {
    bool ok = true;
    for (const auto& [field, value] : page.filters) ok = ok && item.contains(field) && Text(item[field]) == value;
    if (ok) kept.push_back(&item);
  }
  if (!page.sort.empty())
    std::stable_sort(kept.begin(), kept.end(), [&](const json* a, const json* b) {
      const json& x = a->contains(page.sort) ? (*a)[page.sort] : json(nullptr);
      const json& y = b->contains(page.sort) ? (*b)[page.sort] : json(nullptr);
      bool less = (x.is_number() && y.is_number()) ? x.get<double>() < y.get<double>() : Text(x) < Text(y);
      bool greater = (x.is_number() && y.is_number()) ? y.get<double>() < x.get<double>() : Text(y) < Text(x);
      return page.descending ? greater : less;
    });
  json out = json::array();
  int64_t total = static_cast<int64_t>(kept.size());
  for (int64_t i = page.offset; i < total && i < page.offset + page.limit; ++i) out.push_back(*kept[i]);
  return PageJson(std::move(out), total, page);
}

}  // namespace highfence::server::internal
