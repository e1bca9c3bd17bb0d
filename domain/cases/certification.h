// SPDX-License-Identifier: Apache-2.0
#pragma once
// Certification: a person's statement that a disclosure is true and complete (誓約・確認), who
// made it and when. A disclosure version without one is a draft.
#include <string>

namespace highfence::cases {

struct Certification {
  std::string certified_by;  // the person's user id (or the officer who transcribed a signed form)
  std::string certified_at;  // RFC 3339 UTC, e.g. "2026-10-01T09:30:00Z"
  std::string statement;     // the text certified, e.g. "記載内容は事実に相違ありません。"
  bool operator==(const Certification&) const = default;
};

}  // namespace highfence::cases
