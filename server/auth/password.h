// SPDX-License-Identifier: Apache-2.0
#pragma once
// Password storage and policy (パスワード). Passwords are stored only as argon2id hashes in
// libsodium's self-describing string form ($argon2id$v=19$m=…,t=…,p=1$salt$hash), so the cost
// can be raised later: NeedsRehash() tells the login path to re-hash with the current cost.
// The policy refuses short passwords, ones containing the user name or e-mail name, and a list
// of commonly used ones; each refusal names its rule.
//
//   PasswordHasher hasher(PasswordOptions{});
//   auto hash = hasher.Hash("correct horse battery staple");   // Result<std::string>
//   bool ok = hasher.Verify(*hash, attempt);
//
// Hashing costs Options::opslimit passes over Options::memlimit bytes (~0.1 s and 64 MiB by
// default here); at most Options::max_concurrent hashes run at once, so a burst of logins cannot
// exhaust memory. Thread-safe.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"

namespace highfence::auth {

struct PasswordOptions {
  // argon2id passes. OWASP's floor is 2 passes over 19 MiB; 3 over 64 MiB took ~0.1 s on the
  // 2-core reference machine, slow for an attacker with a stolen table and quick for a login.
  // Default: 3.
  unsigned long long opslimit = 3;
  size_t memlimit = 64 << 20;  // argon2id memory in bytes. Default: 64 MiB.
  int max_concurrent = 4;      // hashes computed at once; others wait. Default: 4.
};

class PasswordHasher {
 public:
  explicit PasswordHasher(PasswordOptions options);
  ~PasswordHasher();
  PasswordHasher(const PasswordHasher&) = delete;
  PasswordHasher& operator=(const PasswordHasher&) = delete;

  // kInvalidArgument if opslimit / memlimit are below libsodium's minimum; kResourceExhausted
  // if the memory cannot be had.
  Result<std::string> Hash(std::string_view password) const;
  // Constant-time in the password; false for a malformed hash.
  bool Verify(std::string_view hash, std::string_view password) const;
  // True if `hash` was made with other parameters than the current options.
  bool NeedsRehash(std::string_view hash) const;
  const PasswordOptions& options() const;

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

struct PasswordPolicy {
  size_t min_chars = 12;    // Unicode characters, not bytes. Default: 12.
  size_t max_bytes = 1024;  // longer is refused (hashing cost is bounded anyway). Default: 1024.
};

// Fails with kInvalidArgument whose message starts "password: " and names the rule broken:
// length, the user name or the e-mail local part contained (case-insensitively), one character
// repeated, or on the common-password list.
Result<void> CheckPasswordPolicy(std::string_view password, std::string_view username, std::string_view email,
                                 const PasswordPolicy& policy);

}  // namespace highfence::auth
