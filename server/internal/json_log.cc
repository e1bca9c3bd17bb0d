// SPDX-License-Identifier: Apache-2.0
#include "server/internal/json_log.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

namespace highfence::server::internal {

Result<JsonLog> JsonLog::Open(const std::string& path, const std::string& level) {
  auto lvl = spdlog::level::from_str(level);
  if (lvl == spdlog::level::off && level != "off")
    return MakeError(ErrorCode::kInvalidArgument,
                     "log_level: unknown \"" + level + "\" (trace, debug, info, warn, error, critical, off)");
  JsonLog log;
  try {
    spdlog::sink_ptr sink;
    if (path.empty())
      sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    else
      sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(path);
    log.logger_ = std::make_shared<spdlog::logger>("highfence", sink);
  } catch (const spdlog::spdlog_ex& e) {
    return MakeError(ErrorCode::kInvalidArgument, "log_path: " + path + ": " + e.what());
  }
  log.logger_->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l",%v})", spdlog::pattern_time_type::utc);
  log.logger_->set_level(lvl);
  log.logger_->flush_on(spdlog::level::warn);
  return log;
}

void JsonLog::Write(spdlog::level::level_enum level, std::string_view msg, const nlohmann::json& fields) const {
  if (!logger_->should_log(level)) return;
  auto dump = [](const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); };
  std::string line = "\"msg\":" + dump(nlohmann::json(msg));
  for (const auto& [key, value] : fields.items()) line += "," + dump(nlohmann::json(key)) + ":" + dump(value);
  logger_->log(level, spdlog::string_view_t(line));
}

}  // namespace highfence::server::internal
