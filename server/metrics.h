// SPDX-License-Identifier: Apache-2.0
#pragma once
// Metrics: Prometheus text exposition (format 0.0.4) at GET /metrics. The server records every
// request (count and latency histogram per route, method and status); other modules add a
// histogram (screening durations) or a gauge read at scrape time (database pool in use).
//
//   Histogram& h = metrics.AddHistogram("highfence_screening_seconds", "Screening time", {0.1, 1, 10});
//   h.Observe(0.42);
//   metrics.AddGauge("highfence_db_pool_in_use", "Connections in use", [&] { return pool.InUse(); });
//
// Hand-written: Debian ships no C++ Prometheus client (prometheus-cpp is not packaged), and the
// text format is a few lines. Thread-safe; a scrape takes the lock once per metric family.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace highfence::server {

class Histogram {
 public:
  explicit Histogram(std::vector<double> upper_bounds);
  ~Histogram();
  void Observe(double value);
  // Prometheus lines for this histogram under `name` with `labels` ("route=\"/x\"" or "").
  void Render(std::string_view name, std::string_view labels, std::string* out) const;

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

class Metrics {
 public:
  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // highfence_http_requests_total and highfence_http_request_duration_seconds.
  void ObserveRequest(std::string_view route, std::string_view method, int status, double seconds);
  // Registered once at start-up; the reference lives as long as the Metrics.
  Histogram& AddHistogram(std::string name, std::string help, std::vector<double> upper_bounds);
  void AddGauge(std::string name, std::string help, std::function<double()> read);
  // The whole exposition.
  std::string Render() const;

  // Default latency buckets in seconds (1 ms … 10 s).
  static std::vector<double> LatencyBuckets();

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace highfence::server
