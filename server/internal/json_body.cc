// SPDX-License-Identifier: Apache-2.0
#include "server/internal/json_body.h"

namespace highfence::server::internal {
namespace {

using nlohmann::json;

struct TooDeep {};

ApiError BodyError(std::string message) {
  return ApiError::Field(ErrorCode::kInvalidArgument, "body", std::move(message));
}

std::string TypeName(const json& v) {
  return v.type_name();
}

}  // namespace

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

ApiResult<json> ParseJsonObject(std::string_view body) {
  if (body.empty()) return BodyError("request body is empty; expected a JSON object");
  json value;
  try {
    // The callback sees the depth of every value; deeper than kMaxDepth aborts the parse.
    json::parser_callback_t limit = [](int depth, json::parse_event_t, json&) {
      if (depth > kMaxDepth) throw TooDeep{};
      return true;
    };
    value = json::parse(body.begin(), body.end(), limit);
  } catch (const TooDeep&) {
    return BodyError("request body is nested deeper than " + std::to_string(kMaxDepth) + " levels");
  } catch (const json::parse_error& e) {
    return BodyError("request body is not valid JSON: syntax error at byte " + std::to_string(e.byte));
  } catch (const json::exception&) {
    // nlohmann 3.11 throws out_of_range for a number beyond a double ("-2e+308"), callback or not.
    return BodyError("request body holds a number out of range (beyond ±1.8e308)");
  }
  if (!value.is_object()) return BodyError("request body must be a JSON object, not " + TypeName(value));
  return value;
}

ApiResult<json> ParseJsonObject(const Request& req) {
  std::string type = req.header("Content-Type");
  std::string_view media = std::string_view(type).substr(0, type.find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  if (media != "application/json")
    return ApiError::Field(ErrorCode::kInvalidArgument, "Content-Type",
                           "expected application/json, got \"" + type.substr(0, 100) + "\"");
  return ParseJsonObject(req.body());
}

ApiResult<void> RejectUnknownFields(const json& obj, std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : obj.items()) {
    bool ok = false;
    for (std::string_view k : known) ok = ok || key == k;
    if (!ok) return UnknownField("", key);
  }
  return {};
}

ApiError UnknownField(std::string_view prefix, std::string_view key) {
  // Cut at a code-point boundary so the field stays valid UTF-8.
  size_t end = 0;
  for (size_t points = 0; end < key.size(); ++end) {
    if ((static_cast<unsigned char>(key[end]) & 0xC0) != 0x80 && points++ == 100) break;
  }
  std::string name(prefix);
  name += key.empty() ? std::string_view("\"\"") : key.substr(0, end);
  return ApiError::Unprocessable(std::move(name), "unknown field");
}

ApiResult<std::optional<std::string>> OptionalString(const json& obj, std::string_view field, size_t max_chars) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return ApiError::Unprocessable(std::string(field), "must be a string, not " + TypeName(*it));
  const std::string& s = it->get_ref<const std::string&>();
  if (CodePoints(s) > max_chars)
    return ApiError::Unprocessable(std::string(field), "longer than " + std::to_string(max_chars) + " characters");
  return std::optional<std::string>(s);
}

ApiResult<std::string> RequiredString(const json& obj, std::string_view field, size_t max_chars) {
  auto s = OptionalString(obj, field, max_chars);
  if (!s) return s.error();
  if (!s->has_value() || (*s)->empty()) return ApiError::Unprocessable(std::string(field), "required");
  return std::move(**s);
}

ApiResult<std::vector<std::string>> StringArray(const json& obj, std::string_view field, size_t max_items,
                                                size_t max_chars) {
  std::vector<std::string> out;
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return out;
  if (!it->is_array()) return ApiError::Unprocessable(std::string(field), "must be an array, not " + TypeName(*it));
  if (it->size() > max_items)
    return ApiError::Unprocessable(std::string(field), "more than " + std::to_string(max_items) + " items");
  for (size_t i = 0; i < it->size(); ++i) {
    const json& v = (*it)[i];
    std::string name = std::string(field) + "[" + std::to_string(i) + "]";
    if (!v.is_string()) return ApiError::Unprocessable(name, "must be a string, not " + TypeName(v));
    if (CodePoints(v.get_ref<const std::string&>()) > max_chars)
      return ApiError::Unprocessable(name, "longer than " + std::to_string(max_chars) + " characters");
    out.push_back(v.get<std::string>());
  }
  return out;
}

ApiResult<std::optional<int64_t>> OptionalInt(const json& obj, std::string_view field, int64_t min, int64_t max) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return std::optional<int64_t>();
  if (!it->is_number_integer())
    return ApiError::Unprocessable(std::string(field), "must be an integer, not " + TypeName(*it));
  if (it->is_number_unsigned() && it->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX))
    return ApiError::Unprocessable(std::string(field), "out of range");
  int64_t v = it->get<int64_t>();
  if (v < min || v > max)
    return ApiError::Unprocessable(std::string(field),
                                   "must be between " + std::to_string(min) + " and " + std::to_string(max));
  return std::optional<int64_t>(v);
}

ApiResult<std::optional<double>> OptionalNumber(const json& obj, std::string_view field, double min, double max) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return std::optional<double>();
  if (!it->is_number()) return ApiError::Unprocessable(std::string(field), "must be a number, not " + TypeName(*it));
  double v = it->get<double>();
  if (!(v >= min && v <= max))
    return ApiError::Unprocessable(std::string(field),
                                   "must be between " + json(min).dump() + " and " + json(max).dump());
  return std::optional<double>(v);
}

}  // namespace highfence::server::internal
