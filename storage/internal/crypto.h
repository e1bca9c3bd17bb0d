// SPDX-License-Identifier: Apache-2.0
#pragma once
// SHA-256 and random bytes from libsodium, and the netstring encoding the audit digests hash.
#include <optional>
#include <string>
#include <string_view>

namespace highfence::storage::internal {

// Lowercase hex SHA-256 of bytes.
std::string Sha256Hex(std::string_view bytes);
// n random bytes as 2n lowercase hex digits.
std::string RandomHex(size_t n);
// Appends "<length>:<bytes>," (a netstring), or "~" for a missing value, so that no two field
// lists serialise to the same bytes.
void AppendField(std::string& out, std::string_view value);
void AppendOptionalField(std::string& out, const std::optional<std::string>& value);
// Now as RFC 3339 UTC with microseconds: "2026-11-30T09:15:02.123456Z".
std::string NowUtc();

}  // namespace highfence::storage::internal
