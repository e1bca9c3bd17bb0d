// SPDX-License-Identifier: Apache-2.0
#include "base/result.h"

#include <gtest/gtest.h>

#include <string>

namespace highfence {
namespace {

Result<int> ParsePositive(const std::string& field, int v) {
  if (v <= 0) return MakeError(ErrorCode::kInvalidArgument, "field \"" + field + "\" must be positive");
  return v;
}

TEST(ResultTest, CarriesValueOrErrorWithCodeAndMessage) {
  auto ok = ParsePositive("trl_end", 6);
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, 6);
  auto bad = ParsePositive("trl_end", 0);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().ToString(), "invalid_argument: field \"trl_end\" must be positive");
}

TEST(ResultTest, WithContextPrefixesTheLocation) {
  Error e = MakeError(ErrorCode::kDataLoss, "xref table damaged");
  EXPECT_EQ(e.WithContext("proposals/a.pdf").message, "proposals/a.pdf: xref table damaged");
}

TEST(ResultTest, VoidResultDefaultsToSuccess) {
  Result<void> r = Ok();
  EXPECT_TRUE(r);
  Result<void> f = MakeError(ErrorCode::kNotFound, "x");
  EXPECT_FALSE(f);
  EXPECT_EQ(ErrorCodeName(f.error().code), "not_found");
}

}  // namespace
}  // namespace highfence
