// SPDX-License-Identifier: Apache-2.0
#pragma once
// Request-body JSON: parse and validate fields with errors that name the field.
//   400 invalid_argument, field "body": not JSON (with the byte offset), not an object, nested
//       deeper than kMaxDepth, or not application/json.
//   422 invalid_argument, field "<name>": well-formed JSON whose field is missing, unknown, of
//       the wrong type, too long, or out of range.
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/api_error.h"
#include "server/http.h"

namespace highfence::server::internal {

inline constexpr int kMaxDepth = 32;

ApiResult<nlohmann::json> ParseJsonObject(std::string_view body);
// Also checks Content-Type (application/json, any charset parameter).
ApiResult<nlohmann::json> ParseJsonObject(const Request& req);

ApiResult<void> RejectUnknownFields(const nlohmann::json& obj, std::initializer_list<std::string_view> known);
// The 422 for a member `key` the body may not carry. `prefix` names the enclosing element
// ("queries[3]."). The field is cut to 100 code points; an empty key is named `""` so that the
// error still names a field.
ApiError UnknownField(std::string_view prefix, std::string_view key);
// Length limits count Unicode code points (a Japanese name is not three times shorter).
ApiResult<std::string> RequiredString(const nlohmann::json& obj, std::string_view field, size_t max_chars);
ApiResult<std::optional<std::string>> OptionalString(const nlohmann::json& obj, std::string_view field,
                                                     size_t max_chars);
ApiResult<std::vector<std::string>> StringArray(const nlohmann::json& obj, std::string_view field, size_t max_items,
                                                size_t max_chars);
ApiResult<std::optional<int64_t>> OptionalInt(const nlohmann::json& obj, std::string_view field, int64_t min,
                                              int64_t max);
ApiResult<std::optional<double>> OptionalNumber(const nlohmann::json& obj, std::string_view field, double min,
                                                double max);

// Code points in valid UTF-8 (nlohmann has already rejected invalid UTF-8).
size_t CodePoints(std::string_view s);

}  // namespace highfence::server::internal
