// SPDX-License-Identifier: Apache-2.0
// The server for bench/server/run.sh: infrastructure and account routes on a loopback port,
// one security officer in an in-memory account store, and an API token for wrk. Prints
// "port N" and "token hfk_…", then serves until SIGTERM. Logs go to /dev/null (the figures are
// for the server, not the disk); /metrics is still counted.
#include <signal.h>

#include <iostream>
#include <thread>

#include "server/account_routes.h"
#include "server/server.h"
#include "tests/server/in_memory_account_store.h"

int main() {
  using namespace highfence;
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auth::PasswordOptions cheap;  // only the setup signs in
  cheap.opslimit = 1;
  cheap.memlimit = 8 << 10;
  auth::PasswordHasher hasher(cheap);
  testing::InMemoryAccountStore store;
  auth::InMemoryThrottleStore throttle;
  auth::AccountsOptions ao;
  ao.password = cheap;
  auth::Accounts accounts(store, throttle, ao);
  auth::User u;
  u.username = "sato.hanako";
  u.display_name = "佐藤 花子";
  u.roles = {access::Role::kSecurityOfficer};
  u.tenant_id = "inst_tohoku";
  store.AddUser(u, "Hirosaki apple orchard 7", hasher);
  auto login = accounts.Login("sato.hanako", "Hirosaki apple orchard 7", "127.0.0.1", "bench");
  auto owner = accounts.AuthenticateSession(login->session_token);
  auto token = accounts.CreateToken(*owner, "wrk", {access::Action::kListsRead}, std::nullopt);

  server::Options o;
  o.port = 0;
  o.log_path = "/dev/null";
  server::Server http(o);
  server::AddAccountRoutes(http, accounts, {});
  auto port = http.Start();
  if (!port) {
    std::cerr << port.error().ToString() << "\n";
    return 1;
  }
  std::cout << "port " << *port << "\ntoken " << token->secret << std::endl;
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    http.Stop();
  });
  http.Wait();
  waiter.join();
  return 0;
}
