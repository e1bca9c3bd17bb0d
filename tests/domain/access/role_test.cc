// SPDX-License-Identifier: Apache-2.0
#include "domain/access/role.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace highfence::access {
namespace {

TEST(RoleTest, EveryRoleRoundTripsThroughItsUniqueName) {
  std::set<std::string> names;
  for (Role role : kAllRoles) {
    auto parsed = ParseRole(RoleName(role));
    ASSERT_TRUE(parsed.has_value()) << RoleName(role);
    EXPECT_EQ(*parsed, role);
    names.insert(std::string(RoleName(role)));
  }
  EXPECT_EQ(names.size(), kAllRoles.size());
}

TEST(RoleTest, UnknownRoleIsRejectedNamingItAndTheKnownRoles) {
  auto parsed = ParseRole("Export Control Officer");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(parsed.error().message.find("\"Export Control Officer\""), std::string::npos);
  EXPECT_NE(parsed.error().message.find("export_control_officer"), std::string::npos);
}

}  // namespace
}  // namespace highfence::access
