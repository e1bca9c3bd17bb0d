// SPDX-License-Identifier: Apache-2.0
#include "server/internal/guarded_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <string>
#include <utility>

namespace highfence::server::internal {
namespace {

using Clock = std::chrono::steady_clock;

thread_local ConnectionGuard* tl_current = nullptr;

void AddressOf(bool peer, int sock, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof(addr);
  int rc = peer ? getpeername(sock, reinterpret_cast<sockaddr*>(&addr), &len)
                : getsockname(sock, reinterpret_cast<sockaddr*>(&addr), &len);
  if (rc != 0) return;
  char host[NI_MAXHOST];
  char serv[NI_MAXSERV];
  if (getnameinfo(reinterpret_cast<sockaddr*>(&addr), len, host, sizeof(host), serv, sizeof(serv),
                  NI_NUMERICHOST | NI_NUMERICSERV) != 0)
    return;
  ip = host;
  port = std::atoi(serv);
  // IPv4 peers on a dual-stack socket appear as ::ffff:a.b.c.d; report the IPv4 address.
  if (ip.rfind("::ffff:", 0) == 0 && ip.find('.') != std::string::npos) ip = ip.substr(7);
}

std::string TlsErrorText() {
  unsigned long e = ERR_get_error();
  if (e == 0) return "unknown OpenSSL error";
  char text[256];
  ERR_error_string_n(e, text, sizeof(text));
  return text;
}

// A socket stream whose reads honour the current phase's deadline: plain (a blocking socket read
// only once poll says it is readable) or TLS (OpenSSL on a non-blocking socket, retried after poll
// on WANT_READ / WANT_WRITE, so a partial record never blocks past the deadline).
class GuardedStream final : public httplib::Stream, public ConnectionGuard {
 public:
  GuardedStream(int sock, SSL* ssl, const GuardOptions& options, Admission* admission)
      : sock_(sock), ssl_(ssl), options_(options), admission_(admission) {}
  ~GuardedStream() { Leave(); }

  // Waits up to `timeout` for the next request's first byte, checking `stopping` every 100 ms.
  bool WaitForRequest(std::chrono::milliseconds timeout, const std::atomic<bool>& stopping) {
    if (buffered() > 0 || Pending()) return true;
    if (!Flush()) return false;
    auto until = Clock::now() + timeout;
    while (true) {
      auto now = Clock::now();
      if (now >= until) return false;
      auto slice = std::min<Clock::duration>(until - now, std::chrono::milliseconds(100));
      if (stopping) slice = std::chrono::milliseconds(0);
      int rc = Poll(POLLIN, std::chrono::duration_cast<std::chrono::milliseconds>(slice));
      if (rc > 0) return true;
      if (rc < 0 || stopping) return false;
    }
  }

  void EnterHeaderPhase() {
    deadline_ = Clock::now() + options_.header_timeout;
    header_phase_ = true;
    header_bytes_ = 0;
  }
  void Admit() override {
    admit_ = admission_ != nullptr;
    Acquire();
  }
  // Gives the permit back, if held: the body is being read or the response is being written.
  void Release() {
    if (admitted_) {
      admission_->Release();
      admitted_ = false;
    }
  }
  // The request is over: the next one on this connection is admitted afresh.
  void Leave() {
    Release();
    admit_ = false;
  }
  void EnterBodyPhase() override {
    Release();
    deadline_ = Clock::now() + options_.body_timeout;
    header_phase_ = false;
  }
  void EnterHandlerPhase() override {
    deadline_ = Clock::time_point::max();
    header_phase_ = false;
    Acquire();
  }
  void CloseAfterResponse() override { close_ = true; }
  bool must_close() const { return close_ || expired_; }

  bool is_readable() const override {
    return buffered() > 0 || Pending() || const_cast<GuardedStream*>(this)->WaitReadable();
  }
  bool is_writable() const override {
    return const_cast<GuardedStream*>(this)->Poll(POLLOUT, options_.write_timeout) > 0;
  }

  ssize_t read(char* ptr, size_t size) override {
    if (buffered() == 0) {
      if (!Flush()) return -1;
      ssize_t n = Receive();
      if (n <= 0) return n;
      begin_ = 0;
      end_ = static_cast<size_t>(n);
    }
    size_t n = std::min(size, buffered());
    if (header_phase_) {
      header_bytes_ += n;
      if (header_bytes_ > options_.max_header_bytes) {
        expired_ = true;
        return -1;
      }
    }
    std::memcpy(ptr, buffer_ + begin_, n);
    begin_ += n;
    return static_cast<ssize_t>(n);
  }

  // Small writes are held back and go out with the next large one or when the request is over
  // (Flush): cpp-httplib writes a response's header block and its body in two calls, and two
  // sends cost two system calls and two TCP segments where one does. Nothing is held back while
  // the stream waits to read (a "100 Continue" must reach the client before its body comes).
  ssize_t write(const char* ptr, size_t size) override {
    Release();
    if (held_.size() + size <= kHoldBytes) {
      held_.append(ptr, size);
      return static_cast<ssize_t>(size);
    }
    const bool sent = ssl_ ? SendTls(ptr, size) : SendPlain(ptr, size);
    return sent ? static_cast<ssize_t>(size) : -1;
  }

  // Sends what write() holds back; false when the connection failed (it is then closed).
  bool Flush() {
    if (held_.empty()) return true;
    const bool sent = ssl_ ? SendTls(nullptr, 0) : SendPlain(nullptr, 0);
    held_.clear();
    if (held_.capacity() > 4 * kHoldBytes) held_.shrink_to_fit();
    return sent;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { AddressOf(true, sock_, ip, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { AddressOf(false, sock_, ip, port); }
  socket_t socket() const override { return sock_; }

 private:
  size_t buffered() const { return end_ - begin_; }
  // Takes a permit if this request is subject to admission and holds none.
  void Acquire() {
    if (admit_ && !admitted_) {
      admission_->Acquire();
      admitted_ = true;
    }
  }
  bool Pending() const { return ssl_ && SSL_pending(ssl_) > 0; }

  // Fills the buffer with what arrives next; -1 on error or when the deadline passes, 0 at EOF.
  ssize_t Receive() {
    if (!ssl_) {
      if (!WaitReadable()) return -1;
      ssize_t n;
      do {
        n = ::recv(sock_, buffer_, sizeof(buffer_), 0);
      } while (n < 0 && errno == EINTR);
      return n;
    }
    while (true) {
      ERR_clear_error();
      int n = SSL_read(ssl_, buffer_, static_cast<int>(sizeof(buffer_)));
      if (n > 0) return n;
      int err = SSL_get_error(ssl_, n);
      if (err == SSL_ERROR_ZERO_RETURN) return 0;
      if (err == SSL_ERROR_WANT_READ) {
        if (!WaitReadable()) return -1;
      } else if (err == SSL_ERROR_WANT_WRITE) {
        if (Poll(POLLOUT, options_.write_timeout) <= 0) return -1;
      } else {
        return -1;
      }
    }
  }

  // Sends held_ then [ptr, ptr + size) on the plain socket, both in one call where the kernel
  // takes them (sendmsg), waiting for POLLOUT only when it does not. Empties held_.
  bool SendPlain(const char* ptr, size_t size) {
    iovec parts[2] = {{held_.data(), held_.size()}, {const_cast<char*>(ptr), size}};
    size_t i = 0;
    while (i < 2 && parts[i].iov_len == 0) ++i;
    while (i < 2) {
      msghdr msg{};
      msg.msg_iov = parts + i;
      msg.msg_iovlen = 2 - i;
      ssize_t n = ::sendmsg(sock_, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n < 0) {
        if (errno == EINTR) continue;
        if ((errno != EAGAIN && errno != EWOULDBLOCK) || Poll(POLLOUT, options_.write_timeout) <= 0) return false;
        continue;
      }
      auto left = static_cast<size_t>(n);
      while (i < 2 && left >= parts[i].iov_len) left -= parts[i++].iov_len;
      if (i < 2) {
        parts[i].iov_base = static_cast<char*>(parts[i].iov_base) + left;
        parts[i].iov_len -= left;
      }
    }
    held_.clear();
    return true;
  }

  // The same over TLS (records of held_ and of the new bytes).
  bool SendTls(const char* ptr, size_t size) {
    const std::pair<const char*, size_t> parts[2] = {{held_.data(), held_.size()}, {ptr, size}};
    for (auto [p, n] : parts) {
      while (n > 0) {
        ssize_t k = WriteTls(p, n);
        if (k <= 0) return false;
        p += k;
        n -= static_cast<size_t>(k);
      }
    }
    held_.clear();
    return true;
  }

  ssize_t WriteTls(const char* ptr, size_t size) {
    if (size == 0) return 0;
    while (true) {
      ERR_clear_error();
      int n = SSL_write(ssl_, ptr, static_cast<int>(std::min<size_t>(size, 1 << 30)));
      if (n > 0) return n;
      int err = SSL_get_error(ssl_, n);
      short wait = err == SSL_ERROR_WANT_WRITE ? POLLOUT : err == SSL_ERROR_WANT_READ ? POLLIN : 0;
      if (wait == 0 || Poll(wait, options_.write_timeout) <= 0) return -1;
    }
  }

  // Readable within min(read_timeout, time left before the deadline)? Marks the stream
  // expired when the deadline passes, so the connection is closed.
  bool WaitReadable() {
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(options_.read_timeout);
    if (deadline_ != Clock::time_point::max()) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
      if (left.count() <= 0) {
        expired_ = true;
        return false;
      }
      wait = std::min(wait, left);
    }
    int rc = Poll(POLLIN, wait);
    if (rc == 0 && deadline_ != Clock::time_point::max() && Clock::now() >= deadline_) expired_ = true;
    return rc > 0;
  }

  int Poll(short events, std::chrono::milliseconds timeout) {
    pollfd p{sock_, events, 0};
    int rc;
    do {
      rc = ::poll(&p, 1, static_cast<int>(timeout.count()));
    } while (rc < 0 && errno == EINTR);
    if (rc > 0 && (p.revents & (POLLERR | POLLNVAL))) return -1;
    return rc;
  }

  int sock_;
  SSL* ssl_;  // nullptr: plain
  const GuardOptions& options_;
  Admission* admission_;   // null: no limit
  bool admit_ = false;     // this request waits for admission (Admit() was called)
  bool admitted_ = false;  // and holds a permit now
  char buffer_[4096];
  size_t begin_ = 0;
  size_t end_ = 0;
  Clock::time_point deadline_ = Clock::time_point::max();
  bool header_phase_ = false;
  size_t header_bytes_ = 0;
  bool close_ = false;
  bool expired_ = false;
  static constexpr size_t kHoldBytes = 8192;
  std::string held_;  // written but not sent yet (see write)
};

}  // namespace

ConnectionGuard* ConnectionGuard::Current() {
  return tl_current;
}

// The TLS handshake on a non-blocking socket, finished within header_timeout; nullptr when it
// fails or the client stalls.
SSL* Handshake(SSL_CTX* ctx, int sock, std::chrono::milliseconds timeout) {
  int flags = ::fcntl(sock, F_GETFL, 0);
  if (flags < 0 || ::fcntl(sock, F_SETFL, flags | O_NONBLOCK) != 0) return nullptr;
  SSL* ssl = SSL_new(ctx);
  if (!ssl) return nullptr;
  SSL_set_fd(ssl, sock);
  auto deadline = Clock::now() + timeout;
  while (true) {
    ERR_clear_error();
    int rc = SSL_accept(ssl);
    if (rc == 1) return ssl;
    int err = SSL_get_error(ssl, rc);
    short wait = err == SSL_ERROR_WANT_READ ? POLLIN : err == SSL_ERROR_WANT_WRITE ? POLLOUT : 0;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    pollfd p{sock, wait, 0};
    int polled = 0;
    if (wait != 0 && left > 0) {
      do {
        polled = ::poll(&p, 1, static_cast<int>(left));
      } while (polled < 0 && errno == EINTR);
    }
    if (polled <= 0) {
      SSL_free(ssl);
      return nullptr;
    }
  }
}

GuardedServer::GuardedServer(GuardOptions options)
    : options_(options),
      admission_(options.max_active_requests > 0 ? std::make_unique<Admission>(options.max_active_requests) : nullptr) {
}

GuardedServer::~GuardedServer() {
  if (tls_) SSL_CTX_free(tls_);
}

bool GuardedServer::UseTls(const std::string& cert_file, const std::string& key_file, std::string* error) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  if (!ctx) {
    *error = "TLS: " + TlsErrorText();
    return false;
  }
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
  SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE);
  ERR_clear_error();
  std::string why;
  if (SSL_CTX_use_certificate_chain_file(ctx, cert_file.c_str()) != 1)
    why = cert_file + ": not a PEM certificate chain (" + TlsErrorText() + ")";
  else if (SSL_CTX_use_PrivateKey_file(ctx, key_file.c_str(), SSL_FILETYPE_PEM) != 1)
    why = ERR_GET_REASON(ERR_peek_error()) == X509_R_KEY_VALUES_MISMATCH
              ? key_file + ": the private key does not match the certificate in " + cert_file
              : key_file + ": not a PEM private key (" + TlsErrorText() + ")";
  else if (SSL_CTX_check_private_key(ctx) != 1)
    why = key_file + ": the private key does not match the certificate in " + cert_file;
  if (!why.empty()) {
    SSL_CTX_free(ctx);
    *error = why;
    return false;
  }
  if (tls_) SSL_CTX_free(tls_);
  tls_ = ctx;
  // OpenSSL writes with write(2), which cannot be given MSG_NOSIGNAL: a peer that hangs up
  // mid-response must cost an EPIPE, not the process.
  std::signal(SIGPIPE, SIG_IGN);
  return true;
}

bool GuardedServer::WidenBacklog(int backlog) {
  // listen(2) on a socket that is already listening only changes its backlog.
  return svr_sock_ != INVALID_SOCKET && ::listen(svr_sock_, backlog) == 0;
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  SSL* ssl = nullptr;
  if (tls_) {
    ssl = Handshake(tls_, sock, options_.header_timeout);
    if (!ssl) {
      ::shutdown(sock, SHUT_RDWR);
      ::close(sock);
      return false;
    }
  }
  GuardedStream stream(sock, ssl, options_, admission_.get());
  tl_current = &stream;
  bool ret = false;
  for (size_t served = 0; served < options_.keep_alive_max_requests; ++served) {
    // During shutdown a connection already holding a request gets it answered, then closes.
    if (svr_sock_ == INVALID_SOCKET && !stopping_) break;
    if (!stream.WaitForRequest(served == 0 ? options_.read_timeout : options_.keep_alive_timeout, stopping_)) break;
    stream.EnterHeaderPhase();
    bool close_connection = stopping_ || served + 1 == options_.keep_alive_max_requests;
    bool connection_closed = false;
    ret = process_request(stream, close_connection, connection_closed, nullptr);
    if (!stream.Flush()) ret = false;
    stream.Leave();
    if (!ret || connection_closed || close_connection || stream.must_close()) break;
  }
  tl_current = nullptr;
  if (ssl) {
    ERR_clear_error();
    SSL_shutdown(ssl);  // best effort close_notify on the non-blocking socket
    SSL_free(ssl);
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ret;
}

}  // namespace highfence::server::internal
