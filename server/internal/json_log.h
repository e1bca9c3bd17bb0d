// SPDX-License-Identifier: Apache-2.0
#pragma once
// JsonLog: structured logs, one JSON object per line ({"ts":…,"level":…,"msg":…, fields}), on
// spdlog. Fields are escaped by nlohmann-json, so a hostile path or user name cannot break a line.
#include <spdlog/spdlog.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "base/result.h"

namespace highfence::server::internal {

class JsonLog {
 public:
  // path "" = standard error. Fails with kInvalidArgument on an unknown level or an unwritable file.
  static Result<JsonLog> Open(const std::string& path, const std::string& level);
  // `fields` must be a JSON object; its members follow ts, level and msg.
  void Write(spdlog::level::level_enum level, std::string_view msg, const nlohmann::json& fields) const;
  bool Enabled(spdlog::level::level_enum level) const { return logger_->should_log(level); }
  void Flush() const { logger_->flush(); }

 private:
  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace highfence::server::internal
