// SPDX-License-Identifier: Apache-2.0
#pragma once
// ProxyTrust: which peers may set X-Forwarded-For / X-Forwarded-Proto (Options::trusted_proxies,
// exact addresses or CIDR blocks, IPv4 and IPv6). A forwarded header from any other peer is
// ignored, so a client cannot claim another address to dodge per-address login throttling.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace highfence::server::internal {

class ProxyTrust {
 public:
  // Fails with kInvalidArgument naming the entry that is neither an address nor a CIDR block.
  static Result<ProxyTrust> Parse(const std::vector<std::string>& entries);
  bool Trusted(std::string_view address) const;
  // The client address: the peer, or — when the peer is trusted — the right-most address of
  // X-Forwarded-For that is not itself a trusted proxy.
  std::string ClientAddress(std::string_view peer, std::string_view forwarded_for) const;
  bool empty() const { return blocks_.empty(); }

 private:
  struct Block {
    std::array<uint8_t, 16> bytes{};
    int family = 0;  // AF_INET or AF_INET6
    int prefix = 0;
  };
  std::vector<Block> blocks_;
};

}  // namespace highfence::server::internal
