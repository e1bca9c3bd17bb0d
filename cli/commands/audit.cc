// SPDX-License-Identifier: Apache-2.0
#include "cli/commands/audit.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands/db.h"
#include "cli/version.h"
#include "storage/audit.h"

namespace highfence::cli {
namespace {

namespace fs = std::filesystem;

struct AuditArgs {
  std::string db;
  std::string format = "text";
  std::string out;
};

int Verify(const AuditArgs& a) {
  auto db = OpenDatabase(a.db);
  if (!db) return Fail(db.error());
  auto report = storage::VerifyAudit(**db);
  if (!report) return Fail(report.error());
  if (a.format == "json") {
    nlohmann::ordered_json out = {
        {"database", (*db)->description()},
        {"ok", report->ok},
        {"records_checked", report->records_checked},
        {"rows_checked", report->rows_checked},
        {"first_broken_seq",
         report->first_broken_seq ? nlohmann::ordered_json(*report->first_broken_seq) : nlohmann::ordered_json()},
        {"reason", report->reason},
        {"problems", report->problems}};
    std::cout << out.dump(2) << "\n";
  } else if (report->ok) {
    std::cout << fmt::format("{}: audit chain intact: {} records, {} rows checked\n", (*db)->description(),
                             report->records_checked, report->rows_checked);
  } else {
    std::cout << fmt::format("{}: audit chain BROKEN{}: {}\n", (*db)->description(),
                             report->first_broken_seq ? fmt::format(" at seq {}", *report->first_broken_seq) : "",
                             report->reason);
    std::cout << fmt::format("{} problem(s); {} records, {} rows checked\n", report->problems, report->records_checked,
                             report->rows_checked);
  }
  return report->ok ? kExitOk : kExitSomeFailed;
}

int Export(const AuditArgs& a) {
  auto db = OpenDatabase(a.db);
  if (!db) return Fail(db.error());
  if (a.out.empty()) {
    auto n = storage::ExportAudit(**db, std::cout);
    if (!n) return Fail(n.error());
    return kExitOk;
  }
  const fs::path partial = a.out + ".partial";
  Result<int64_t> n = MakeError(ErrorCode::kInternal, "not run");
  {
    std::ofstream file(partial, std::ios::binary | std::ios::trunc);
    if (!file) return Fail(MakeError(ErrorCode::kUnavailable, a.out + ": cannot write"));
    n = storage::ExportAudit(**db, file);
  }
  std::error_code ec;
  if (!n) {
    fs::remove(partial, ec);
    return Fail(n.error().WithContext(a.out));
  }
  fs::rename(partial, a.out, ec);
  if (ec) return Fail(MakeError(ErrorCode::kUnavailable, a.out + ": " + ec.message()));
  std::cerr << fmt::format("{}: {} audit records written to {}\n", (*db)->description(), *n, a.out);
  return kExitOk;
}

}  // namespace

void AddAuditCommand(CLI::App& app, int& status) {
  auto args = std::make_shared<AuditArgs>();
  CLI::App* cmd = app.add_subcommand("audit", "The audit trail (監査証跡) of the case store: verify and export");
  cmd->require_subcommand(1);
  AddDbOption(*cmd, args->db);

  CLI::App* verify = cmd->add_subcommand(
      "verify", "Recompute the hash chain and compare every row with its last audit record; exit 1 if broken");
  AddDbOption(*verify, args->db);
  verify->add_option("--format", args->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  verify->callback([args, &status] { status = Verify(*args); });

  CLI::App* exp = cmd->add_subcommand("export", "Write the audit chain as JSON lines (stdout or --out FILE)");
  AddDbOption(*exp, args->db);
  exp->add_option("--out", args->out, "File to write (replaced when the export is complete)");
  exp->callback([args, &status] { status = Export(*args); });
}

}  // namespace highfence::cli
