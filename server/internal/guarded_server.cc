// SPDX-License-Identifier: Apache-2.0
#include "server/internal/guarded_server.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

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

// A socket stream whose reads honour the current phase's deadline.
class GuardedStream final : public httplib::Stream, public ConnectionGuard {
 public:
  GuardedStream(int sock, const GuardOptions& options) : sock_(sock), options_(options) {}

  // Waits up to `timeout` for the next request's first byte, checking `stopping` every 100 ms.
  bool WaitForRequest(std::chrono::milliseconds timeout, const std::atomic<bool>& stopping) {
    if (buffered() > 0) return true;
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
  void EnterBodyPhase() override {
    deadline_ = Clock::now() + options_.body_timeout;
    header_phase_ = false;
  }
  void EnterHandlerPhase() override {
    deadline_ = Clock::time_point::max();
    header_phase_ = false;
  }
  void CloseAfterResponse() override { close_ = true; }
  bool must_close() const { return close_ || expired_; }

  bool is_readable() const override { return buffered() > 0 || const_cast<GuardedStream*>(this)->WaitReadable(); }
  bool is_writable() const override {
    return const_cast<GuardedStream*>(this)->Poll(POLLOUT, options_.write_timeout) > 0;
  }

  ssize_t read(char* ptr, size_t size) override {
    if (buffered() == 0) {
      if (!WaitReadable()) return -1;
      ssize_t n;
      do {
        n = ::recv(sock_, buffer_, sizeof(buffer_), 0);
      } while (n < 0 && errno == EINTR);
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

  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable()) return -1;
    ssize_t n;
    do {
      n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { AddressOf(true, sock_, ip, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { AddressOf(false, sock_, ip, port); }
  socket_t socket() const override { return sock_; }

 private:
  size_t buffered() const { return end_ - begin_; }

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
  const GuardOptions& options_;
  char buffer_[4096];
  size_t begin_ = 0;
  size_t end_ = 0;
  Clock::time_point deadline_ = Clock::time_point::max();
  bool header_phase_ = false;
  size_t header_bytes_ = 0;
  bool close_ = false;
  bool expired_ = false;
};

}  // namespace

ConnectionGuard* ConnectionGuard::Current() {
  return tl_current;
}

GuardedServer::GuardedServer(GuardOptions options) : options_(options) {}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  GuardedStream stream(sock, options_);
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
    if (!ret || connection_closed || close_connection || stream.must_close()) break;
  }
  tl_current = nullptr;
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ret;
}

}  // namespace highfence::server::internal
