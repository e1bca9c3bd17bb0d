// SPDX-License-Identifier: Apache-2.0
#include "server/config.h"

#include <toml++/toml.h>

#include <functional>
#include <set>
#include <variant>
#include <vector>

extern char** environ;

namespace highfence::server {
namespace {

using Value = std::variant<int64_t, std::string, std::vector<std::string>>;

enum class Kind { kInt, kString, kList };

struct Key {
  const char* name;  // TOML dotted key
  Kind kind;
  const char* default_text;
  const char* doc;
  std::function<Result<void>(Config&, const Value&, const std::string& where)> apply;
};

std::string EnvName(std::string_view key) {
  std::string out = "HIGHFENCE_";
  for (char c : key) out += c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

Error Bad(const std::string& where, std::string_view key, const std::string& why) {
  return MakeError(ErrorCode::kInvalidArgument, where + ": " + std::string(key) + ": " + why);
}

// Setters for the table.
auto Int(int64_t min, int64_t max, std::function<void(Config&, int64_t)> set) {
  return [=](Config& c, const Value& v, const std::string& where) -> Result<void> {
    int64_t n = std::get<int64_t>(v);
    if (n < min || n > max)
      return MakeError(ErrorCode::kInvalidArgument,
                       where + ": must be between " + std::to_string(min) + " and " + std::to_string(max));
    set(c, n);
    return Ok();
  };
}
auto Str(std::function<Result<void>(Config&, const std::string&, const std::string&)> set) {
  return [=](Config& c, const Value& v, const std::string& where) { return set(c, std::get<std::string>(v), where); };
}
auto Millis(std::chrono::milliseconds Options::*field) {
  return Int(1, 3'600'000, [=](Config& c, int64_t n) { c.server.*field = std::chrono::milliseconds(n); });
}

const std::vector<Key>& Keys() {
  using std::chrono::hours;
  using std::chrono::minutes;
  using std::chrono::seconds;
  static const std::vector<Key> keys = {
      {"server.listen", Kind::kString, "127.0.0.1:8080", "Address and port to listen on; `0.0.0.0:8080` for all IPv4.",
       Str([](Config& c, const std::string& s, const std::string& w) { return ParseListen(s, w, &c.server); })},
      {"server.threads", Kind::kInt, "64", "Worker threads; each open keep-alive connection holds one.",
       Int(1, 1024, [](Config& c, int64_t n) { c.server.threads = static_cast<int>(n); })},
      {"server.max_active_requests", Kind::kInt, "0",
       "Requests worked on at once; the others wait in arrival order. 0: twice the CPU threads; `server.threads` or "
       "more: no limit.",
       Int(0, 1024, [](Config& c, int64_t n) { c.server.max_active_requests = static_cast<int>(n); })},
      {"server.listen_backlog", Kind::kInt, "1024",
       "Connections the kernel queues before they are accepted (capped by net.core.somaxconn).",
       Int(1, 65535, [](Config& c, int64_t n) { c.server.listen_backlog = static_cast<int>(n); })},
      {"server.max_body_bytes", Kind::kInt, "1048576", "Largest JSON request body; larger gets 413.",
       Int(1, int64_t{1} << 32, [](Config& c, int64_t n) { c.server.max_body_bytes = static_cast<size_t>(n); })},
      {"server.max_upload_bytes", Kind::kInt, "67108864", "Largest upload (proposal documents, CSV / XLSX imports).",
       Int(1, int64_t{1} << 34, [](Config& c, int64_t n) { c.server.max_upload_bytes = static_cast<size_t>(n); })},
      {"server.max_header_bytes", Kind::kInt, "65536",
       "Largest request line plus headers; larger closes the connection.",
       Int(1024, 1 << 24, [](Config& c, int64_t n) { c.server.max_header_bytes = static_cast<size_t>(n); })},
      {"server.header_timeout_ms", Kind::kInt, "10000",
       "Deadline for the request line and headers from their first byte (slow-loris protection).",
       Millis(&Options::header_timeout)},
      {"server.body_timeout_ms", Kind::kInt, "60000", "Deadline for reading a whole request body.",
       Millis(&Options::body_timeout)},
      {"server.read_timeout_ms", Kind::kInt, "5000", "Longest wait for any one read from a client.",
       Millis(&Options::read_timeout)},
      {"server.write_timeout_ms", Kind::kInt, "5000", "Longest wait for any one write to a client.",
       Millis(&Options::write_timeout)},
      {"server.keep_alive_timeout_ms", Kind::kInt, "5000", "How long an idle keep-alive connection is kept.",
       Millis(&Options::keep_alive_timeout)},
      {"server.trusted_proxies", Kind::kList, "[]",
       "Reverse proxies (addresses or CIDR blocks) whose X-Forwarded-For / X-Forwarded-Proto are believed. In the "
       "environment: comma-separated.",
       [](Config& c, const Value& v, const std::string&) -> Result<void> {
         c.server.trusted_proxies = std::get<std::vector<std::string>>(v);
         return Ok();
       }},
      {"tls.cert_file", Kind::kString, "\"\"", "PEM certificate chain; with `tls.key_file`, serve HTTPS directly.",
       Str([](Config& c, const std::string& s, const std::string&) -> Result<void> {
         c.server.tls_cert_file = s;
         return Ok();
       })},
      {"tls.key_file", Kind::kString, "\"\"", "PEM private key for `tls.cert_file`.",
       Str([](Config& c, const std::string& s, const std::string&) -> Result<void> {
         c.server.tls_key_file = s;
         return Ok();
       })},
      {"log.path", Kind::kString, "\"\"", "JSON-lines log file; empty for standard error.",
       Str([](Config& c, const std::string& s, const std::string&) -> Result<void> {
         c.server.log_path = s;
         return Ok();
       })},
      {"log.level", Kind::kString, "info", "trace, debug, info, warn, error, critical or off.",
       Str([](Config& c, const std::string& s, const std::string&) -> Result<void> {
         c.server.log_level = s;
         return Ok();
       })},
      {"database.url", Kind::kString, "\"\"", "`sqlite:PATH` or `postgresql://…`; `--db` overrides.",
       Str([](Config& c, const std::string& s, const std::string&) -> Result<void> {
         c.database_url = s;
         return Ok();
       })},
      {"database.pool_size", Kind::kInt, "16",
       "Database connections per `serve` process (PostgreSQL: mind `max_connections` across replicas).",
       Int(1, 1024, [](Config& c, int64_t n) { c.database.pool_size = static_cast<int>(n); })},
      {"database.connect_timeout_seconds", Kind::kInt, "5",
       "PostgreSQL: how long to wait when connecting; /readyz answers 503 after at most this.",
       Int(1, 300, [](Config& c, int64_t n) { c.database.connect_timeout_seconds = static_cast<int>(n); })},
      {"database.credential_cache_ms", Kind::kInt, "1000",
       "How long a replica may reuse a session or API token read from the database; a revocation made on "
       "another replica or with the CLI takes effect after at most this (docs/security.md). 0 reads every time.",
       Int(0, 60000, [](Config& c, int64_t n) { c.database.credential_cache = std::chrono::milliseconds(n); })},
      {"session.idle_minutes", Kind::kInt, "30", "A session unused this long expires.",
       Int(1, 24 * 60, [](Config& c, int64_t n) { c.accounts.session_idle = minutes(n); })},
      {"session.absolute_hours", Kind::kInt, "12", "A session expires this long after sign-in, used or not.",
       Int(1, 24 * 30, [](Config& c, int64_t n) { c.accounts.session_absolute = hours(n); })},
      {"password.opslimit", Kind::kInt, "3", "argon2id passes for new password hashes.",
       Int(1, 20, [](Config& c, int64_t n) { c.accounts.password.opslimit = static_cast<unsigned long long>(n); })},
      {"password.memlimit_mib", Kind::kInt, "64", "argon2id memory per hash in MiB.",
       Int(1, 4096, [](Config& c, int64_t n) { c.accounts.password.memlimit = static_cast<size_t>(n) << 20; })},
      {"throttle.account_free_failures", Kind::kInt, "5", "Failed sign-ins on one account before delays start.",
       Int(1, 1000, [](Config& c, int64_t n) { c.accounts.throttle.account_free_failures = static_cast<int>(n); })},
      {"throttle.address_free_failures", Kind::kInt, "20", "Failed sign-ins from one address before delays start.",
       Int(1, 100000, [](Config& c, int64_t n) { c.accounts.throttle.address_free_failures = static_cast<int>(n); })},
      {"throttle.max_delay_seconds", Kind::kInt, "900", "Longest lock-out; delays double from 1 s up to this.",
       Int(1, 86400, [](Config& c, int64_t n) { c.accounts.throttle.max_delay = seconds(n); })},
  };
  return keys;
}

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    std::string item = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

Result<Value> FromToml(const Key& key, const toml::node& node, const std::string& where) {
  switch (key.kind) {
    case Kind::kInt:
      if (auto v = node.value<int64_t>(); v && node.is_integer()) return Value(*v);
      return Bad(where, key.name, "expected an integer");
    case Kind::kString:
      if (auto v = node.value<std::string>(); v && node.is_string()) return Value(*v);
      return Bad(where, key.name, "expected a string");
    case Kind::kList: {
      const toml::array* a = node.as_array();
      if (!a) return Bad(where, key.name, "expected an array of strings");
      std::vector<std::string> out;
      for (const toml::node& item : *a) {
        if (!item.is_string()) return Bad(where, key.name, "expected an array of strings");
        out.push_back(*item.value<std::string>());
      }
      return Value(out);
    }
  }
  return Bad(where, key.name, "unknown kind");
}

Result<Value> FromEnv(const Key& key, const std::string& text, const std::string& where) {
  switch (key.kind) {
    case Kind::kInt: {
      char* end = nullptr;
      errno = 0;
      long long n = std::strtoll(text.c_str(), &end, 10);
      if (text.empty() || *end != '\0' || errno != 0) return Bad(where, key.name, "expected an integer");
      return Value(static_cast<int64_t>(n));
    }
    case Kind::kString:
      return Value(text);
    case Kind::kList:
      return Value(SplitList(text));
  }
  return Bad(where, key.name, "unknown kind");
}

// Every dotted key path of a parsed TOML table (leaves only).
void Leaves(const toml::table& t, const std::string& prefix,
            std::vector<std::pair<std::string, const toml::node*>>* out) {
  for (const auto& [k, v] : t) {
    std::string name = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const toml::table* sub = v.as_table())
      Leaves(*sub, name, out);
    else
      out->emplace_back(name, &v);
  }
}

}  // namespace

Result<void> ParseListen(const std::string& text, const std::string& what, Options* options) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0)
    return MakeError(ErrorCode::kInvalidArgument, what + ": \"" + text + "\": expected HOST:PORT, e.g. 127.0.0.1:8080");
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  std::string port_text = text.substr(colon + 1);
  char* end = nullptr;
  long port = std::strtol(port_text.c_str(), &end, 10);
  if (port_text.empty() || *end != '\0' || port < 0 || port > 65535)
    return MakeError(ErrorCode::kInvalidArgument, what + ": \"" + text + "\": port must be 0–65535");
  options->host = host;
  options->port = static_cast<int>(port);
  return Ok();
}

Result<Config> LoadConfig(const std::string& path, const std::map<std::string, std::string>& env) {
  Config config;
  if (!path.empty()) {
    toml::table table;
    try {
      table = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
      return MakeError(ErrorCode::kInvalidArgument,
                       path + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
    }
    std::vector<std::pair<std::string, const toml::node*>> leaves;
    Leaves(table, "", &leaves);
    for (const auto& [name, node] : leaves) {
      std::string where = path + ":" + std::to_string(node->source().begin.line);
      const Key* key = nullptr;
      for (const Key& k : Keys())
        if (name == k.name) key = &k;
      if (!key) return Bad(where, name, "unknown key (docs/configuration.md lists them)");
      auto value = FromToml(*key, *node, where);
      if (!value) return value.error();
      if (auto r = key->apply(config, *value, where + ": " + name); !r) return r.error();
    }
  }
  for (const Key& k : Keys()) {
    auto it = env.find(EnvName(k.name));
    if (it == env.end()) continue;
    auto value = FromEnv(k, it->second, it->first);
    if (!value) return value.error();
    if (auto r = k.apply(config, *value, it->first); !r) return r.error();
  }
  return config;
}

std::map<std::string, std::string> ProcessEnvironment() {
  std::map<std::string, std::string> out;
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv(*e);
    if (!kv.starts_with("HIGHFENCE_")) continue;
    size_t eq = kv.find('=');
    if (eq != std::string_view::npos) out[std::string(kv.substr(0, eq))] = std::string(kv.substr(eq + 1));
  }
  return out;
}

std::string RenderConfigurationTable() {
  std::string out = "| key | environment variable | default | meaning |\n|---|---|---|---|\n";
  for (const Key& k : Keys())
    out += "| `" + std::string(k.name) + "` | `" + EnvName(k.name) + "` | `" + k.default_text + "` | " + k.doc + " |\n";
  return out;
}

}  // namespace highfence::server
