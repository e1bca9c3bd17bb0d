// SPDX-License-Identifier: Apache-2.0
// highfence: research-security screening (研究セキュリティ). One binary, one verb per task.
#include <CLI/CLI.hpp>

#include "cli/commands/audit.h"
#include "cli/commands/case.h"
#include "cli/commands/check.h"
#include "cli/commands/db.h"
#include "cli/commands/keywords.h"
#include "cli/commands/lists.h"
#include "cli/commands/screen.h"
#include "cli/commands/serve.h"
#include "cli/commands/user.h"
#include "cli/version.h"

int main(int argc, char** argv) {
  using namespace highfence::cli;
  CLI::App app{
      "highfence — research-security screening for proposals, people and organisations (日本語 / English).\n"
      "Every flag is explained; a flag is evidence for a person, never a decision."};
  app.set_version_flag("--version", std::string(kVersion));
  app.require_subcommand(1);
  int status = kExitOk;
  AddScreenCommand(app, status);
  AddKeywordsCommand(app, status);
  AddListsCommand(app, status);
  AddCheckCommand(app, status);
  AddServeCommand(app, status);
  AddDbCommand(app, status);
  AddAuditCommand(app, status);
  AddUserCommand(app, status);
  AddTokenCommand(app, status);
  AddCaseCommands(app, status);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  return status;
}
