// SPDX-License-Identifier: Apache-2.0
#pragma once
// Secrets of sessions, CSRF and API tokens: 32 random bytes from libsodium, base64url without
// padding. Only their SHA-256 is stored: 256 random bits need no slow hash (a stolen table
// cannot be brute-forced), and a fast one lets every request look its credential up.
//
//   Secret s = NewSecret();            // s.value to the client once, s.hash to the store
//   auto t = ParseApiToken("hfk_3f9a2c1b7d4e_…");   // {id, whole token}
#include <optional>
#include <string>
#include <string_view>

namespace highfence::auth {

struct Secret {
  std::string value;  // what the client holds
  std::string hash;   // SHA-256 hex of value, what the store holds
};

Secret NewSecret();
std::string HashSecret(std::string_view value);
// The CSRF token of a session: base64url SHA-256 of a domain tag and the cookie value. Derived,
// so no store keeps it; one-way, so it gives nothing towards the cookie (or its stored hash,
// which hashes the value without the tag).
std::string DeriveCsrfToken(std::string_view session_token);
// n random bytes as lower-case hex (ids).
std::string RandomHex(size_t bytes);
// Constant time for equal lengths; false for different lengths or empty strings.
bool SecretsEqual(std::string_view a, std::string_view b);

inline constexpr std::string_view kApiTokenPrefix = "hfk_";

struct ApiTokenText {
  std::string id;     // 12 hex
  std::string value;  // the whole token as given
};

// A new API token "hfk_<12 hex id>_<43 base64url>".
ApiTokenText NewApiToken();
// nullopt unless `text` has the shape of an API token.
std::optional<ApiTokenText> ParseApiToken(std::string_view text);

}  // namespace highfence::auth
