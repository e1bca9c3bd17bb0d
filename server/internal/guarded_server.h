// SPDX-License-Identifier: Apache-2.0
#pragma once
// GuardedServer: httplib::Server with its own connection loop and socket stream, so that a
// request has deadlines, not only per-read timeouts. cpp-httplib 0.11 only bounds each read
// (CPPHTTPLIB_READ_TIMEOUT), so a slow-loris client sending a header byte every few seconds
// holds a worker forever; here the request line and headers must arrive within
// header_timeout of their first byte, the body within body_timeout, and the headers within
// max_header_bytes. The server's pre-routing hook moves the deadline from the header phase to
// the body phase and clears it for the handler (ConnectionGuard::Current()).
// With UseTls() the same loop serves TLS (OpenSSL on a non-blocking socket): the handshake must
// finish within header_timeout, and a client trickling partial TLS records is cut off at the
// same deadlines as a plain one (httplib::SSLServer would only bound each read).
// With max_active_requests, at most that many requests are worked on at once (Admission): a
// request is admitted once its headers are in (Admit()), gives its permit back while its body
// is read (a slow upload holds no permit), takes one again for the handler, and releases it when
// the response starts to be written or the request ends.
#include <httplib.h>

#include <openssl/ssl.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include "server/internal/admission.h"

namespace highfence::server::internal {

struct GuardOptions {
  std::chrono::milliseconds header_timeout{10000};
  std::chrono::milliseconds body_timeout{60000};
  std::chrono::milliseconds read_timeout{5000};
  std::chrono::milliseconds write_timeout{5000};
  std::chrono::milliseconds keep_alive_timeout{5000};
  size_t keep_alive_max_requests = 100000;
  size_t max_header_bytes = 64 << 10;
  int max_active_requests = 0;  // 0: no limit
};

// The state of the connection the calling worker thread is serving.
class ConnectionGuard {
 public:
  // nullptr outside a GuardedServer worker.
  static ConnectionGuard* Current();
  virtual void Admit() = 0;               // this request waits for a permit, now and for its handler
  virtual void EnterBodyPhase() = 0;      // headers done: body_timeout from now, permit returned
  virtual void EnterHandlerPhase() = 0;   // body done: no deadline while the handler runs; admitted
  virtual void CloseAfterResponse() = 0;  // e.g. a body left unread: do not reuse the connection

 protected:
  ~ConnectionGuard() = default;
};

class GuardedServer : public httplib::Server {
 public:
  explicit GuardedServer(GuardOptions options);
  ~GuardedServer() override;
  // Serves TLS (1.2 or later) with the PEM certificate chain and private key. False with *error
  // naming the file when they cannot be loaded or do not match. REQUIRES: before listening.
  bool UseTls(const std::string& cert_file, const std::string& key_file, std::string* error);
  // Re-listens on the bound socket with this backlog (the library's is 5). REQUIRES: after
  // bind_to_port / bind_to_any_port, before listening. False with errno set when it fails.
  bool WidenBacklog(int backlog);
  // Set by Server::Stop() before httplib's stop(): keep-alive loops end after the current request.
  void BeginShutdown() { stopping_ = true; }
  // Null when max_active_requests is 0.
  const Admission* admission() const { return admission_.get(); }

 private:
  bool process_and_close_socket(socket_t sock) override;

  GuardOptions options_;
  std::unique_ptr<Admission> admission_;  // null: no limit
  SSL_CTX* tls_ = nullptr;
  std::atomic<bool> stopping_{false};
};

}  // namespace highfence::server::internal
