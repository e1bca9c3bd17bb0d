// SPDX-License-Identifier: Apache-2.0
#include "server/auth/password.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <condition_variable>
#include <mutex>

namespace highfence::auth {

struct PasswordHasher::Rep {
  PasswordOptions options;
  mutable std::mutex mu;
  mutable std::condition_variable cv;
  mutable int running = 0;

  // Bounds concurrent argon2id runs (each holds memlimit bytes).
  template <typename F>
  auto Limited(F&& f) const {
    {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return running < std::max(1, options.max_concurrent); });
      ++running;
    }
    auto result = f();
    {
      std::lock_guard lock(mu);
      --running;
    }
    cv.notify_one();
    return result;
  }
};

PasswordHasher::PasswordHasher(PasswordOptions options) : rep_(std::make_unique<Rep>()) {
  rep_->options = options;
  if (sodium_init() < 0) std::abort();  // libsodium cannot run without a random source
}

PasswordHasher::~PasswordHasher() = default;

const PasswordOptions& PasswordHasher::options() const {
  return rep_->options;
}

Result<std::string> PasswordHasher::Hash(std::string_view password) const {
  const PasswordOptions& o = rep_->options;
  if (o.opslimit < crypto_pwhash_OPSLIMIT_MIN || o.memlimit < crypto_pwhash_MEMLIMIT_MIN)
    return MakeError(ErrorCode::kInvalidArgument, "password hashing: opslimit / memlimit below libsodium's minimum");
  return rep_->Limited([&]() -> Result<std::string> {
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), o.opslimit, o.memlimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
      return MakeError(ErrorCode::kResourceExhausted,
                       "password hashing: out of memory (memlimit " + std::to_string(o.memlimit) + " bytes)");
    return std::string(out.data());
  });
}

bool PasswordHasher::Verify(std::string_view hash, std::string_view password) const {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  std::string h(hash);  // libsodium wants a NUL-terminated string
  return rep_->Limited([&] { return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0; });
}

bool PasswordHasher::NeedsRehash(std::string_view hash) const {
  std::string h(hash);
  return crypto_pwhash_str_needs_rehash(h.c_str(), rep_->options.opslimit, rep_->options.memlimit) != 0;
}

namespace {

// Commonly used passwords of 12 characters or more, lower-cased: the long entries of the public
// breach-frequency lists (keyboard walks, repeated words, "password" and "qwerty" with digits)
// plus the Japanese favourites written in romaji. Short ones are refused by the length rule.
constexpr std::array<std::string_view, 72> kCommon = {"password1234",   "password12345",
                                                      "password123456", "passwordpassword",
                                                      "password1234!",  "password123!",
                                                      "passw0rd1234",   "p@ssw0rd1234",
                                                      "p@ssword1234",   "123456789012",
                                                      "1234567890123",  "12345678901234",
                                                      "123123123123",   "111111111111",
                                                      "000000000000",   "121212121212",
                                                      "987654321098",   "qwertyuiopas",
                                                      "qwertyuiop12",   "qwertyuiop123",
                                                      "qwerty123456",   "qwerty1234567",
                                                      "qwertyqwerty",   "1q2w3e4r5t6y",
                                                      "1qaz2wsx3edc",   "q1w2e3r4t5y6",
                                                      "zaq12wsxcde3",   "asdfghjkl123",
                                                      "asdfasdfasdf",   "zxcvbnm12345",
                                                      "abc123456789",   "abcdefghijkl",
                                                      "abcd12345678",   "aaaaaaaaaaaa",
                                                      "iloveyou1234",   "iloveyouiloveyou",
                                                      "letmein12345",   "welcome12345",
                                                      "welcome123456",  "welcome2024!",
                                                      "changeme1234",   "changeme123!",
                                                      "administrator",  "administrator1",
                                                      "admin1234567",   "adminadmin123",
                                                      "superman1234",   "football1234",
                                                      "baseball1234",   "sunshine1234",
                                                      "princess1234",   "dragon123456",
                                                      "monkey123456",   "trustno1trustno1",
                                                      "starwars1234",   "whatever1234",
                                                      "mypassword123",  "mypassword1234",
                                                      "secret123456",   "default12345",
                                                      "ncc1701ncc1701", "correcthorsebatterystaple",
                                                      "hello1234567",   "computer1234",
                                                      "internet1234",   "doraemon1234",
                                                      "pikachu12345",   "sakura123456",
                                                      "tokyo1234567",   "nihon1234567",
                                                      "arigatou1234",   "daisuki12345"};

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c); });
  return out;
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

Error Refuse(std::string rule) {
  return MakeError(ErrorCode::kInvalidArgument, "password: " + std::move(rule));
}

}  // namespace

Result<void> CheckPasswordPolicy(std::string_view password, std::string_view username, std::string_view email,
                                 const PasswordPolicy& policy) {
  size_t chars = CodePoints(password);
  if (chars < policy.min_chars)
    return Refuse("must be at least " + std::to_string(policy.min_chars) + " characters long (this one has " +
                  std::to_string(chars) + ")");
  if (password.size() > policy.max_bytes)
    return Refuse("must be at most " + std::to_string(policy.max_bytes) + " bytes long");
  std::string pw = Lower(password);
  std::string user = Lower(username);
  if (user.size() >= 3 && pw.find(user) != std::string::npos) return Refuse("must not contain the user name");
  std::string local = Lower(email.substr(0, email.find('@')));
  if (local.size() >= 3 && pw.find(local) != std::string::npos)
    return Refuse("must not contain the name part of the e-mail address");
  if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password.front(); }))
    return Refuse("must not be one character repeated");
  for (std::string_view common : kCommon)
    if (pw == common) return Refuse("is on the list of commonly used passwords; choose another");
  return Ok();
}

}  // namespace highfence::auth
