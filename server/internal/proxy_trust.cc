// SPDX-License-Identifier: Apache-2.0
#include "server/internal/proxy_trust.h"

#include <arpa/inet.h>

#include <cstring>

namespace highfence::server::internal {
namespace {

bool ParseAddress(std::string_view text, std::array<uint8_t, 16>* bytes, int* family) {
  std::string s(text);
  if (s.size() > 2 && s.front() == '[' && s.back() == ']') s = s.substr(1, s.size() - 2);
  bytes->fill(0);
  if (inet_pton(AF_INET, s.c_str(), bytes->data()) == 1) {
    *family = AF_INET;
    return true;
  }
  if (inet_pton(AF_INET6, s.c_str(), bytes->data()) == 1) {
    *family = AF_INET6;
    return true;
  }
  return false;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

Result<ProxyTrust> ProxyTrust::Parse(const std::vector<std::string>& entries) {
  ProxyTrust trust;
  for (const std::string& entry : entries) {
    std::string_view text = entry;
    Block block;
    int max_prefix = 0;
    size_t slash = text.find('/');
    if (!ParseAddress(text.substr(0, slash), &block.bytes, &block.family))
      return MakeError(ErrorCode::kInvalidArgument,
                       "trusted_proxies: \"" + entry + "\" is not an IP address or CIDR block");
    max_prefix = block.family == AF_INET ? 32 : 128;
    block.prefix = max_prefix;
    if (slash != std::string_view::npos) {
      std::string digits(text.substr(slash + 1));
      char* end = nullptr;
      long p = std::strtol(digits.c_str(), &end, 10);
      if (digits.empty() || *end != '\0' || p < 0 || p > max_prefix)
        return MakeError(ErrorCode::kInvalidArgument, "trusted_proxies: \"" + entry + "\" has a bad prefix length");
      block.prefix = static_cast<int>(p);
    }
    trust.blocks_.push_back(block);
  }
  return trust;
}

bool ProxyTrust::Trusted(std::string_view address) const {
  std::array<uint8_t, 16> bytes{};
  int family = 0;
  if (!ParseAddress(Trim(address), &bytes, &family)) return false;
  for (const Block& b : blocks_) {
    if (b.family != family) continue;
    int full = b.prefix / 8;
    int rest = b.prefix % 8;
    if (std::memcmp(b.bytes.data(), bytes.data(), full) != 0) continue;
    if (rest != 0) {
      uint8_t mask = static_cast<uint8_t>(0xff << (8 - rest));
      if ((b.bytes[full] & mask) != (bytes[full] & mask)) continue;
    }
    return true;
  }
  return false;
}

std::string ProxyTrust::ClientAddress(std::string_view peer, std::string_view forwarded_for) const {
  if (forwarded_for.empty() || !Trusted(peer)) return std::string(peer);
  std::string_view rest = forwarded_for;
  std::string_view candidate;
  while (!rest.empty()) {
    size_t comma = rest.rfind(',');
    std::string_view hop = Trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    std::array<uint8_t, 16> bytes{};
    int family = 0;
    if (!ParseAddress(hop, &bytes, &family)) break;  // garbage: trust nothing further left
    candidate = hop;
    if (!Trusted(hop)) return std::string(hop);
  }
  return candidate.empty() ? std::string(peer) : std::string(candidate);
}

}  // namespace highfence::server::internal
