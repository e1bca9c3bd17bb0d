// SPDX-License-Identifier: Apache-2.0
#include "storage/internal/crypto.h"

#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

#include "base/check.h"

namespace highfence::storage::internal {
namespace {

void InitSodium() {
  static std::once_flag once;
  std::call_once(once, [] { HF_CHECK(sodium_init() >= 0); });
}

std::string Hex(const unsigned char* bytes, size_t n) {
  std::string out(2 * n + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, n);
  out.pop_back();
  return out;
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  InitSodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return Hex(digest, sizeof digest);
}

std::string RandomHex(size_t n) {
  InitSodium();
  std::string bytes(n, '\0');
  randombytes_buf(bytes.data(), n);
  return Hex(reinterpret_cast<const unsigned char*>(bytes.data()), n);
}

void AppendField(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += ',';
}

void AppendOptionalField(std::string& out, const std::optional<std::string>& value) {
  if (value) {
    AppendField(out, std::string_view(*value));
  } else {
    out += '~';
  }
}

std::string NowUtc() {
  const auto now = std::chrono::system_clock::now();
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(micros / 1000000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<long long>(micros % 1000000));
  return buf;
}

}  // namespace highfence::storage::internal
