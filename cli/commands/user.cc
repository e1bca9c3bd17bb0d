// SPDX-License-Identifier: Apache-2.0
#include "cli/commands/user.h"

#include <fmt/format.h>
#include <pwd.h>
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands/db.h"
#include "cli/version.h"
#include "domain/access/role.h"
#include "server/auth/accounts.h"
#include "server/auth/password.h"
#include "server/auth/secrets.h"
#include "server/database_accounts.h"
#include "storage/account_store.h"
#include "storage/records.h"

namespace highfence::cli {
namespace {

struct UserArgs {
  std::string db;
  std::string login;
  std::string tenant;
  std::vector<std::string> roles;
  bool admin = false;
  bool password_stdin = false;
  bool keep_api_tokens = false;  // passwd: the user only forgot the password
  std::string name;
  std::string email;
  std::string format = "text";
  // token
  std::string token_name;
  std::vector<std::string> scopes;
  int days = 90;
  std::string token_id;
};

storage::Actor CliActor() {
  std::string who = "unknown";
  if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_name) who = pw->pw_name;
  return storage::Actor{"cli:" + who, "cli-" + auth::RandomHex(8)};
}

// SQLite (one office) is created and migrated on first use, as `serve` does; PostgreSQL is
// migrated only by `highfence db migrate`.
Result<std::unique_ptr<storage::Database>> OpenAccounts(const std::string& flag) {
  auto db = OpenDatabase(flag);
  if (!db) return db.error();
  if ((*db)->backend() == storage::Backend::kSqlite) {
    auto applied = (*db)->Migrate();
    if (!applied) return applied.error();
  }
  return db;
}

Result<std::string> ReadPassword(bool from_stdin, const std::string& login) {
  std::string password;
  if (from_stdin) {
    if (!std::getline(std::cin, password))
      return MakeError(ErrorCode::kInvalidArgument, "--password-stdin: no line on standard input");
    if (!password.empty() && password.back() == '\r') password.pop_back();
    return password;
  }
  if (!isatty(STDIN_FILENO))
    return MakeError(ErrorCode::kInvalidArgument,
                     "password: standard input is not a terminal: pass --password-stdin and pipe the password");
  termios old{};
  tcgetattr(STDIN_FILENO, &old);
  termios quiet = old;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::string again;
  std::cerr << "password for " << login << ": " << std::flush;
  std::getline(std::cin, password);
  std::cerr << "\nagain: " << std::flush;
  std::getline(std::cin, again);
  std::cerr << "\n";
  tcsetattr(STDIN_FILENO, TCSANOW, &old);
  if (password != again) return MakeError(ErrorCode::kInvalidArgument, "password: the two entries differ");
  return password;
}

Result<std::string> NewPasswordHash(const UserArgs& a, const std::string& email) {
  auto password = ReadPassword(a.password_stdin, a.login);
  if (!password) return password.error();
  if (auto p = auth::CheckPasswordPolicy(*password, a.login, email, auth::PasswordPolicy{}); !p) return p.error();
  auth::PasswordHasher hasher(auth::PasswordOptions{});
  return hasher.Hash(*password);
}

Result<std::vector<std::string>> RoleNames(const std::vector<std::string>& given, bool admin) {
  std::vector<std::string> out;
  for (const std::string& r : given) {
    auto role = access::ParseRole(r);
    if (!role) return MakeError(ErrorCode::kInvalidArgument, "--role " + r + ": " + role.error().message);
    out.emplace_back(access::RoleName(*role));
  }
  if (admin) out.emplace_back(access::RoleName(access::Role::kAdministrator));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  if (out.empty()) return MakeError(ErrorCode::kInvalidArgument, "--role: at least one role (or --admin)");
  return out;
}

std::string Joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

int Add(const UserArgs& a) {
  auto roles = RoleNames(a.roles, a.admin);
  if (!roles) return Fail(roles.error());
  auto db = OpenAccounts(a.db);
  if (!db) return Fail(db.error());
  auto hash = NewPasswordHash(a, a.email);
  if (!hash) return Fail(hash.error());
  storage::AccountStore store(**db);
  storage::UserAccount u;
  u.tenant_id = a.tenant;
  u.login = a.login;
  u.display_name = a.name.empty() ? a.login : a.name;
  u.email = a.email;
  u.roles = *roles;
  u.password_hash = *hash;
  auto added = store.AddUser(u, CliActor());
  if (!added) return Fail(added.error());
  std::cout << fmt::format("added user {} ({}) in tenant {} with roles {}\n", added->login, added->id, added->tenant_id,
                           Joined(added->roles));
  if (added->tenant_kind.empty())
    std::cout << fmt::format("note: no institution {} exists yet; its users see nothing until it does\n",
                             added->tenant_id);
  return kExitOk;
}

int List(const UserArgs& a) {
  auto db = OpenAccounts(a.db);
  if (!db) return Fail(db.error());
  storage::AccountStore store(**db);
  auto users = store.ListUsers(a.tenant.empty() ? std::nullopt : std::optional<std::string_view>(a.tenant));
  if (!users) return Fail(users.error());
  if (a.format == "json") {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& u : *users)
      out.push_back({{"id", u.id},
                     {"login", u.login},
                     {"display_name", u.display_name},
                     {"email", u.email},
                     {"tenant_id", u.tenant_id},
                     {"roles", u.roles},
                     {"disabled", u.disabled},
                     {"created_at", u.created_at}});
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  for (const auto& u : *users)
    std::cout << fmt::format("{:<24} {:<22} {:<20} {}{}\n", u.login, u.id, u.tenant_id, Joined(u.roles),
                             u.disabled ? " (disabled)" : "");
  return kExitOk;
}

int SetDisabled(const UserArgs& a, bool disabled) {
  auto db = OpenAccounts(a.db);
  if (!db) return Fail(db.error());
  storage::AccountStore store(**db);
  auto u = store.FindUserByLogin(a.login);
  if (!u) return Fail(u.error());
  u->disabled = disabled;
  auto r = store.UpdateUser(*u, CliActor());
  if (!r) return Fail(r.error());
  std::cout << fmt::format("user {} {}\n", r->login, disabled ? "disabled; its sessions are revoked" : "enabled");
  return kExitOk;
}

int SetRoles(const UserArgs& a) {
  auto roles = RoleNames(a.roles, a.admin);
  if (!roles) return Fail(roles.error());
  auto db = OpenAccounts(a.db);
  if (!db) return Fail(db.error());
  storage::AccountStore store(**db);
  auto u = store.FindUserByLogin(a.login);
  if (!u) return Fail(u.error());
  u->roles = *roles;
  auto r = store.UpdateUser(*u, CliActor());
  if (!r) return Fail(r.error());
  std::cout << fmt::format("user {} now has roles {}\n", r->login, Joined(r->roles));
  return kExitOk;
}

int Passwd(const UserArgs& a) {
  auto db = OpenAccounts(a.db);
  if (!db) return Fail(db.error());
  storage::AccountStore store(**db);
  auto u = store.FindUserByLogin(a.login);
  if (!u) return Fail(u.error());
  auto hash = NewPasswordHash(a, u->email);
  if (!hash) return Fail(hash.error());
  // As the administrator's reset over HTTP: sessions always, API tokens unless kept.
  auto r = store.SetPasswordHash(u->id, *hash, {.revoke_sessions = true, .revoke_api_tokens = !a.keep_api_tokens},
                                 CliActor());
  if (!r) return Fail(r.error());
  std::cout << fmt::format("password of {} changed; its sessions{} are revoked\n", u->login,
                           a.keep_api_tokens ? "" : " and API tokens");
  return kExitOk;
}

int TokenCreate(const UserArgs& a) {
  auto db = OpenAccounts(a.db);
  if (!db) return Fail(db.error());
  server::DatabaseAccountStore store(**db);
  auto user = store.FindUserByName(a.login);
  if (!user) return Fail(user.error());
  std::vector<access::Action> scopes;
  for (const std::string& s : a.scopes) {
    auto action = access::ParseAction(s);
    if (!action) return Fail(MakeError(ErrorCode::kInvalidArgument, "--scope " + s + ": " + action.error().message));
    scopes.push_back(*action);
  }
  auth::AccountsOptions options;
  options.password.memlimit = 8 << 20;  // only the dummy hash of the constructor: no sign-in here
  options.password.opslimit = 1;
  auth::Accounts accounts(store, store, options);
  auth::Authenticated owner;
  owner.user = *user;
  owner.principal = auth::PrincipalOf(*user);
  storage::Actor actor = CliActor();
  auto made = accounts.CreateToken(owner, a.token_name, scopes, std::chrono::hours(24 * a.days), actor.request_id);
  if (!made) return Fail(made.error());
  std::cout << fmt::format("token {} for {} ({}), expires in {} days; shown once, store it now:\n{}\n", made->token.id,
                           user->username, Joined(a.scopes), a.days, made->secret);
  return kExitOk;
}

int TokenList(const UserArgs& a) {
  auto db = OpenAccounts(a.db);
  if (!db) return Fail(db.error());
  storage::AccountStore store(**db);
  auto u = store.FindUserByLogin(a.login);
  if (!u) return Fail(u.error());
  auto tokens = store.ListApiTokens(u->id);
  if (!tokens) return Fail(tokens.error());
  for (const auto& t : *tokens)
    std::cout << fmt::format("{}{} {:<28} {} {}{}\n", auth::kApiTokenPrefix, t.id, t.name,
                             storage::FormatTime(t.created_at), Joined(t.scopes), t.revoked ? " (revoked)" : "");
  return kExitOk;
}

int TokenRevoke(const UserArgs& a) {
  auto db = OpenAccounts(a.db);
  if (!db) return Fail(db.error());
  storage::AccountStore store(**db);
  std::string id = a.token_id;
  if (id.rfind(auth::kApiTokenPrefix, 0) == 0) id = id.substr(auth::kApiTokenPrefix.size(), 12);
  auto r = store.RevokeApiToken(id, CliActor());
  if (!r) return Fail(r.error());
  std::cout << fmt::format("token {} revoked\n", id);
  return kExitOk;
}

}  // namespace

void AddUserCommand(CLI::App& app, int& status) {
  auto a = std::make_shared<UserArgs>();
  CLI::App* cmd = app.add_subcommand("user", "Local accounts: add, list, disable, enable, passwd, roles");
  cmd->require_subcommand(1);
  AddDbOption(*cmd, a->db);

  CLI::App* add = cmd->add_subcommand("add", "Add a user (the password is read from stdin or the terminal)");
  add->add_option("login", a->login, "Sign-in name (unique, case-insensitive)")->required();
  add->add_option("--tenant", a->tenant, "Institution id the user belongs to (e.g. inst_…)")->required();
  add->add_option(
      "--role", a->roles, "Role, repeatable: " + [] {
        std::string names;
        for (access::Role r : access::kAllRoles)
          names += (names.empty() ? "" : ", ") + std::string(access::RoleName(r));
        return names;
      }());
  add->add_flag("--admin", a->admin, "Also give the administrator role");
  add->add_flag("--password-stdin", a->password_stdin, "Read the password from the first line of standard input");
  add->add_option("--name", a->name, "Display name (default: the login)");
  add->add_option("--email", a->email, "E-mail address");
  AddDbOption(*add, a->db);
  add->callback([a, &status] { status = Add(*a); });

  CLI::App* list = cmd->add_subcommand("list", "List users (login, id, tenant, roles)");
  list->add_option("--tenant", a->tenant, "Only this institution's users");
  list->add_option("--format", a->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  AddDbOption(*list, a->db);
  list->callback([a, &status] { status = List(*a); });

  CLI::App* disable = cmd->add_subcommand("disable", "Disable a user and revoke its sessions");
  disable->add_option("login", a->login, "Sign-in name")->required();
  AddDbOption(*disable, a->db);
  disable->callback([a, &status] { status = SetDisabled(*a, true); });

  CLI::App* enable = cmd->add_subcommand("enable", "Enable a disabled user again");
  enable->add_option("login", a->login, "Sign-in name")->required();
  AddDbOption(*enable, a->db);
  enable->callback([a, &status] { status = SetDisabled(*a, false); });

  CLI::App* passwd = cmd->add_subcommand("passwd", "Set a user's password and revoke its sessions and API tokens");
  passwd->add_option("login", a->login, "Sign-in name")->required();
  passwd->add_flag("--password-stdin", a->password_stdin, "Read the password from standard input");
  passwd->add_flag("--keep-api-tokens", a->keep_api_tokens,
                   "Keep the user's API tokens (the user only forgot the password; scripts keep working)");
  AddDbOption(*passwd, a->db);
  passwd->callback([a, &status] { status = Passwd(*a); });

  CLI::App* roles = cmd->add_subcommand("roles", "Replace a user's roles");
  roles->add_option("login", a->login, "Sign-in name")->required();
  roles->add_option("--role", a->roles, "Role, repeatable");
  roles->add_flag("--admin", a->admin, "Include the administrator role");
  AddDbOption(*roles, a->db);
  roles->callback([a, &status] { status = SetRoles(*a); });
}

void AddTokenCommand(CLI::App& app, int& status) {
  auto a = std::make_shared<UserArgs>();
  CLI::App* cmd = app.add_subcommand("token", "API tokens for scripts: create (shown once), list, revoke");
  cmd->require_subcommand(1);
  AddDbOption(*cmd, a->db);

  CLI::App* create = cmd->add_subcommand("create", "Create a token for a user; prints the secret once");
  create->add_option("login", a->login, "Owner's sign-in name")->required();
  create->add_option("--name", a->token_name, "What the script is (\"nightly e-Rad import\")")->required();
  create->add_option("--scope", a->scopes, "Action the token may do, repeatable (case.read …)")->required();
  create->add_option("--days", a->days, "Lifetime in days (default 90, at most 366)");
  AddDbOption(*create, a->db);
  create->callback([a, &status] { status = TokenCreate(*a); });

  CLI::App* list = cmd->add_subcommand("list", "A user's tokens (never their secrets)");
  list->add_option("login", a->login, "Owner's sign-in name")->required();
  AddDbOption(*list, a->db);
  list->callback([a, &status] { status = TokenList(*a); });

  CLI::App* revoke = cmd->add_subcommand("revoke", "Revoke a token (id or hfk_<id>_… prefix)");
  revoke->add_option("id", a->token_id, "Token id")->required();
  AddDbOption(*revoke, a->db);
  revoke->callback([a, &status] { status = TokenRevoke(*a); });
}

}  // namespace highfence::cli
