// SPDX-License-Identifier: Apache-2.0
#include "server/auth/secrets.h"

#include <sodium.h>

#include <cstdlib>

namespace highfence::auth {
namespace {

std::string Base64Url(const unsigned char* bytes, size_t n) {
  std::string out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string RandomBase64Url(size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return Base64Url(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
}

bool IsHex(std::string_view s) {
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

bool IsBase64Url(std::string_view s) {
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
  return true;
}

}  // namespace

std::string RandomHex(size_t bytes) {
  if (sodium_init() < 0) std::abort();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(bytes * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  out.resize(bytes * 2);
  return out;
}

std::string DeriveCsrfToken(std::string_view session_token) {
  std::string input = "hf-csrf-v1";
  input.push_back('\0');
  input.append(session_token);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  return Base64Url(digest, sizeof digest);
}

std::string HashSecret(std::string_view value) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(value.data()), value.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
  return hex;
}

Secret NewSecret() {
  if (sodium_init() < 0) std::abort();
  Secret s;
  s.value = RandomBase64Url(32);
  s.hash = HashSecret(s.value);
  return s;
}

bool SecretsEqual(std::string_view a, std::string_view b) {
  if (a.empty() || a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

ApiTokenText NewApiToken() {
  ApiTokenText t;
  t.id = RandomHex(6);
  t.value = std::string(kApiTokenPrefix) + t.id + "_" + RandomBase64Url(32);
  return t;
}

std::optional<ApiTokenText> ParseApiToken(std::string_view text) {
  // hfk_ + 12 hex + _ + 43 base64url
  if (text.size() != kApiTokenPrefix.size() + 12 + 1 + 43 || !text.starts_with(kApiTokenPrefix)) return std::nullopt;
  std::string_view id = text.substr(kApiTokenPrefix.size(), 12);
  if (!IsHex(id) || text[kApiTokenPrefix.size() + 12] != '_') return std::nullopt;
  if (!IsBase64Url(text.substr(kApiTokenPrefix.size() + 13))) return std::nullopt;
  return ApiTokenText{std::string(id), std::string(text)};
}

}  // namespace highfence::auth
