// SPDX-License-Identifier: Apache-2.0
#include "server/metrics.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <tuple>

namespace highfence::server {

struct Histogram::Rep {
  std::vector<double> bounds;
  mutable std::mutex mu;
  std::vector<uint64_t> counts;  // per bucket (not cumulative), last = +Inf
  double sum = 0;
  uint64_t count = 0;
};

Histogram::Histogram(std::vector<double> upper_bounds) : rep_(std::make_unique<Rep>()) {
  std::sort(upper_bounds.begin(), upper_bounds.end());
  rep_->bounds = std::move(upper_bounds);
  rep_->counts.assign(rep_->bounds.size() + 1, 0);
}

Histogram::~Histogram() = default;

void Histogram::Observe(double value) {
  size_t i = std::lower_bound(rep_->bounds.begin(), rep_->bounds.end(), value) - rep_->bounds.begin();
  std::lock_guard lock(rep_->mu);
  ++rep_->counts[i];
  rep_->sum += value;
  ++rep_->count;
}

namespace {

// Prometheus label values escape backslash, double quote and newline.
std::string EscapeLabel(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string FormatDouble(double v) {
  return fmt::format("{}", v);
}

std::string Join(std::string_view labels, std::string_view more) {
  if (labels.empty()) return std::string(more);
  return std::string(labels) + "," + std::string(more);
}

}  // namespace

void Histogram::Render(std::string_view name, std::string_view labels, std::string* out) const {
  std::lock_guard lock(rep_->mu);
  uint64_t cumulative = 0;
  for (size_t i = 0; i < rep_->bounds.size(); ++i) {
    cumulative += rep_->counts[i];
    *out += fmt::format("{}_bucket{{{}}} {}\n", name, Join(labels, "le=\"" + FormatDouble(rep_->bounds[i]) + "\""),
                        cumulative);
  }
  cumulative += rep_->counts.back();
  *out += fmt::format("{}_bucket{{{}}} {}\n", name, Join(labels, "le=\"+Inf\""), cumulative);
  std::string braces = labels.empty() ? "" : "{" + std::string(labels) + "}";
  *out += fmt::format("{}_sum{} {}\n", name, braces, FormatDouble(rep_->sum));
  *out += fmt::format("{}_count{} {}\n", name, braces, rep_->count);
}

struct Metrics::Rep {
  using Key = std::tuple<std::string, std::string, int>;  // route, method, status
  mutable std::mutex mu;
  std::map<Key, uint64_t> requests;
  std::map<Key, std::unique_ptr<Histogram>> latency;
  struct NamedHistogram {
    std::string name, help;
    std::unique_ptr<Histogram> histogram;
  };
  std::vector<NamedHistogram> histograms;
  struct Gauge {
    std::string name, help;
    std::function<double()> read;
  };
  std::vector<Gauge> gauges;
};

Metrics::Metrics() : rep_(std::make_unique<Rep>()) {}
Metrics::~Metrics() = default;

std::vector<double> Metrics::LatencyBuckets() {
  return {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10};
}

void Metrics::ObserveRequest(std::string_view route, std::string_view method, int status, double seconds) {
  Histogram* h = nullptr;
  {
    std::lock_guard lock(rep_->mu);
    Rep::Key key{std::string(route), std::string(method), status};
    ++rep_->requests[key];
    auto& slot = rep_->latency[key];
    if (!slot) slot = std::make_unique<Histogram>(LatencyBuckets());
    h = slot.get();  // never removed, so safe to use after unlocking
  }
  h->Observe(seconds);
}

Histogram& Metrics::AddHistogram(std::string name, std::string help, std::vector<double> upper_bounds) {
  std::lock_guard lock(rep_->mu);
  rep_->histograms.push_back({std::move(name), std::move(help), std::make_unique<Histogram>(std::move(upper_bounds))});
  return *rep_->histograms.back().histogram;
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(rep_->mu);
  rep_->gauges.push_back({std::move(name), std::move(help), std::move(read)});
}

std::string Metrics::Render() const {
  std::string out;
  std::lock_guard lock(rep_->mu);
  out += "# HELP highfence_http_requests_total HTTP requests answered, by route pattern, method and status.\n";
  out += "# TYPE highfence_http_requests_total counter\n";
  for (const auto& [key, n] : rep_->requests) {
    const auto& [route, method, status] = key;
    out += fmt::format("highfence_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                       EscapeLabel(route), EscapeLabel(method), status, n);
  }
  out += "# HELP highfence_http_request_duration_seconds Time from request headers read to response written.\n";
  out += "# TYPE highfence_http_request_duration_seconds histogram\n";
  for (const auto& [key, h] : rep_->latency) {
    const auto& [route, method, status] = key;
    h->Render("highfence_http_request_duration_seconds",
              fmt::format("route=\"{}\",method=\"{}\",status=\"{}\"", EscapeLabel(route), EscapeLabel(method), status),
              &out);
  }
  for (const auto& h : rep_->histograms) {
    out += fmt::format("# HELP {} {}\n# TYPE {} histogram\n", h.name, h.help, h.name);
    h.histogram->Render(h.name, "", &out);
  }
  for (const auto& g : rep_->gauges) {
    out +=
        fmt::format("# HELP {} {}\n# TYPE {} gauge\n{} {}\n", g.name, g.help, g.name, g.name, FormatDouble(g.read()));
  }
  return out;
}

}  // namespace highfence::server
