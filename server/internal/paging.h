// SPDX-License-Identifier: Apache-2.0
#pragma once
// Paging, filtering and sorting of list endpoints: ?limit=50&offset=100&sort=-updated_at&state=review.
// Every list answers {"items":[…],"total":N,"limit":L,"offset":O,"next_offset":O+L|null}.
// Query parameters a route does not know are refused (400, field = the parameter) so that a typo
// in a filter never silently returns everything.
//
//   PagingSpec spec{.sorts = {"created_at", "state"}, .filters = {"state"}};
//   auto page = ParsePaging(req, spec);   // ApiResult<PageRequest>
//   ... store query ...
//   return Response::Json(200, PageJson(items, total, *page));
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/api_error.h"
#include "server/http.h"

namespace highfence::server::internal {

inline constexpr int64_t kDefaultPageLimit = 50;
inline constexpr int64_t kMaxPageLimit = 500;

struct PagingSpec {
  std::vector<std::string_view> sorts;         // fields a client may sort on; the first is the default
  std::vector<std::string_view> filters = {};  // equality filters (query parameter = field)
  std::vector<std::string_view> extra = {};    // other parameters the route reads itself
  bool default_descending = false;
};

struct PageRequest {
  int64_t limit = kDefaultPageLimit;  // 1..kMaxPageLimit
  int64_t offset = 0;
  std::string sort;  // one of PagingSpec::sorts
  bool descending = false;
  std::vector<std::pair<std::string, std::string>> filters;  // in PagingSpec::filters order
};

// 400 naming the parameter: limit not in 1..500, negative or non-numeric offset, unknown sort
// field, a filter given twice, an unknown parameter.
ApiResult<PageRequest> ParsePaging(const Request& req, const PagingSpec& spec);

// The page envelope.
nlohmann::json PageJson(nlohmann::json items, int64_t total, const PageRequest& page);

// Filters, sorts and pages JSON objects held in memory (list snapshots, keyword files):
// equality on the string form of a field, sort by a field (numbers numerically), ties by input
// order.
nlohmann::json PageInMemory(const nlohmann::json& items, const PageRequest& page);

}  // namespace highfence::server::internal
