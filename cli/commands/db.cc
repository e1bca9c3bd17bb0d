// SPDX-License-Identifier: Apache-2.0
#include "cli/commands/db.h"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/version.h"

namespace highfence::cli {
namespace {

namespace fs = std::filesystem;

struct DbArgs {
  std::string db;
  std::string file;
  std::string format = "text";
};

int Migrate(const DbArgs& a) {
  auto db = OpenDatabase(a.db);
  if (!db) return Fail(db.error());
  auto applied = (*db)->Migrate();
  if (!applied) return Fail(applied.error());
  auto status = (*db)->Status();
  if (!status) return Fail(status.error());
  if (applied->empty()) {
    std::cout << fmt::format("{}: schema is up to date (version {})\n", (*db)->description(), status->database_version);
    return kExitOk;
  }
  for (int version : *applied) {
    const auto& m = status->migrations.at(version - 1);
    std::cout << fmt::format("{}: applied {:04d}_{}\n", (*db)->description(), m.version, m.name);
  }
  std::cout << fmt::format("{}: schema is at version {}\n", (*db)->description(), status->database_version);
  return kExitOk;
}

int Status(const DbArgs& a) {
  auto db = OpenDatabase(a.db);
  if (!db) return Fail(db.error());
  auto status = (*db)->Status();
  if (!status) return Fail(status.error());
  bool changed = false;
  for (const auto& m : status->migrations) changed |= m.applied && !m.checksum_matches;
  if (a.format == "json") {
    nlohmann::ordered_json migrations = nlohmann::ordered_json::array();
    for (const auto& m : status->migrations) {
      migrations.push_back({{"version", m.version},
                            {"name", m.name},
                            {"applied", m.applied},
                            {"applied_at", m.applied ? nlohmann::ordered_json(m.applied_at) : nullptr},
                            {"checksum_matches", m.checksum_matches}});
    }
    nlohmann::ordered_json out = {{"database", (*db)->description()},
                                  {"backend", (*db)->backend() == storage::Backend::kSqlite ? "sqlite" : "postgresql"},
                                  {"database_version", status->database_version},
                                  {"binary_version", status->binary_version},
                                  {"pending", status->pending()},
                                  {"migrations", migrations}};
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << fmt::format("database: {}\nschema: version {} of {} ({})\n", (*db)->description(),
                             status->database_version, status->binary_version,
                             status->pending() == 0
                                 ? "up to date"
                                 : fmt::format("{} pending: run `highfence db migrate`", status->pending()));
    for (const auto& m : status->migrations) {
      std::cout << fmt::format("  {:04d}_{}\t{}{}\n", m.version, m.name,
                               m.applied ? "applied " + m.applied_at : "pending",
                               m.checksum_matches ? "" : "\tCHANGED since it was applied");
    }
  }
  return changed ? kExitSomeFailed : kExitOk;
}

int Backup(const DbArgs& a) {
  auto db = OpenDatabase(a.db);
  if (!db) return Fail(db.error());
  if (auto r = (*db)->Backup(a.file); !r) return Fail(r.error());
  std::error_code ec;
  std::cout << fmt::format("{}: backup written to {} ({} bytes)\n", (*db)->description(), a.file,
                           fs::file_size(a.file, ec));
  return kExitOk;
}

int Restore(const DbArgs& a) {
  auto db = OpenDatabase(a.db);
  if (!db) return Fail(db.error());
  if (auto r = (*db)->Restore(a.file); !r) return Fail(r.error());
  std::cout << fmt::format("{}: restored from {}\n", (*db)->description(), a.file);
  return kExitOk;
}

}  // namespace

std::string DatabaseUrl(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("HIGHFENCE_DB"); env && *env) return env;
  return "sqlite:highfence.db";
}

void AddDbOption(CLI::App& command, std::string& url) {
  command.add_option("--db", url,
                     "Case store: sqlite:PATH or postgresql://user@host:port/db (default: $HIGHFENCE_DB, else "
                     "sqlite:highfence.db)");
}

Result<std::unique_ptr<storage::Database>> OpenDatabase(const std::string& flag) {
  storage::Options options;
  options.pool_size = 2;
  return storage::Database::Open(DatabaseUrl(flag), options);
}

void AddDbCommand(CLI::App& app, int& status) {
  auto args = std::make_shared<DbArgs>();
  CLI::App* cmd = app.add_subcommand("db", "The case store: schema migrations, status, backup and restore");
  cmd->require_subcommand(1);
  AddDbOption(*cmd, args->db);

  CLI::App* migrate = cmd->add_subcommand("migrate", "Apply the pending schema migrations (each in a transaction)");
  AddDbOption(*migrate, args->db);
  migrate->callback([args, &status] { status = Migrate(*args); });

  CLI::App* st = cmd->add_subcommand("status", "Schema version of the database and of this binary");
  AddDbOption(*st, args->db);
  st->add_option("--format", args->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  st->callback([args, &status] { status = Status(*args); });

  CLI::App* backup = cmd->add_subcommand("backup", "Write a consistent copy (SQLite file; pg_dump -Fc for PostgreSQL)");
  backup->add_option("file", args->file, "Backup file to create (never overwritten)")->required();
  AddDbOption(*backup, args->db);
  backup->callback([args, &status] { status = Backup(*args); });

  CLI::App* restore = cmd->add_subcommand("restore", "Replace the whole database with a backup made by db backup");
  restore->add_option("file", args->file, "Backup file")->required();
  AddDbOption(*restore, args->db);
  restore->callback([args, &status] { status = Restore(*args); });
}

}  // namespace highfence::cli
