// SPDX-License-Identifier: Apache-2.0
// institution_bench: a generated institution of realistic size (institution_gen.h: 50,000
// people, ~200,000 disclosure versions, 20,000 cases with their screenings, evaluations,
// measures, reviews and decisions) loaded into a new case store, then the common reads timed.
//
//   institution_bench --url sqlite:/tmp/inst.db [--scale 0.1] [--seed N] [--reads 1000]
//   institution_bench --url postgresql://postgres@127.0.0.1:5433/highfence
//   institution_bench --url sqlite:/tmp/inst.db --no-load     (reads again on a loaded database)
//   (bench/storage/run_institution.sh runs both backends and prints them side by side)
//
// Load: through the real write path of storage/records.h: every record is an Insert with its
// key columns and an audit record in the same transaction, bodies encoded by the domain codecs
// (cases::ToJson, workflow::ToJson), in transactions of --batch records (a bulk import). Not
// through CaseStore's write methods: they assign their own ids and replay the procedure's
// preconditions one durable commit per step (~200 commits/s here, storage_bench), so 420,000
// records would take over half an hour; the rows written here are the ones CaseStore writes
// (same tables, key columns and bodies, a case_progress row per case).
//
// Reads go through storage::CaseStore, as the server calls it, each over --reads ids drawn
// with a fixed seed:
//   case view            GetCase: the case, its proposal, the team (people), screenings and
//                        flags, evaluations, measures, reviews, decision, appeal, follow-ups
//                        and the state machine's snapshot (one disclosure probe per member)
//   disclosure history   DisclosureHistory: every version of one person's disclosure
//   cases by state       ListCases, first page of 50 (oldest first) + total, as the university's
//                        officer sees it (Visibility::Of: own tenant or agency) and with
//                        Visibility::All (the CLI, system jobs)
// then VerifyAudit over the whole chain. Output: one markdown table, and `key=value` lines that
// run_institution.sh joins side by side.
//
// Why a plain program, not Google Benchmark: the load is a one-shot phase of minutes that cannot
// be iterated, and the reads must be percentiles over many distinct ids of one loaded
// institution, which Google Benchmark's per-iteration means do not give.
#include <libpq-fe.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bench/storage/institution_gen.h"
#include "domain/cases/codec.h"
#include "domain/workflow/codec.h"
#include "storage/audit.h"
#include "storage/case_store.h"
#include "storage/database.h"
#include "storage/records.h"

using namespace highfence;
using Clock = std::chrono::steady_clock;

namespace {

struct Args {
  std::string url;
  double scale = 1.0;
  uint64_t seed = 20261130;
  int batch = 500;  // records per transaction
  int reads = 1000;
  int page = 50;
  bool load = true;
};

[[noreturn]] void Die(const std::string& what, const Error& e) {
  std::fprintf(stderr, "institution_bench: %s: %s\n", what.c_str(), e.ToString().c_str());
  std::exit(1);
}
template <typename T>
T Must(Result<T> r, const std::string& what) {
  if (!r) Die(what, r.error());
  return std::move(*r);
}
void Must(Result<void> r, const std::string& what) {
  if (!r) Die(what, r.error());
}

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

Args Parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "institution_bench: %s needs a value\n", arg.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--url")
      a.url = value();
    else if (arg == "--scale")
      a.scale = std::atof(value().c_str());
    else if (arg == "--seed")
      a.seed = std::strtoull(value().c_str(), nullptr, 10);
    else if (arg == "--batch")
      a.batch = std::atoi(value().c_str());
    else if (arg == "--reads")
      a.reads = std::atoi(value().c_str());
    else if (arg == "--no-load")
      a.load = false;
    else {
      std::fprintf(stderr,
                   "usage: institution_bench --url URL [--scale S] [--seed N] [--batch B] [--reads R] [--no-load]\n");
      std::exit(2);
    }
  }
  if (a.url.empty() || a.scale <= 0 || a.batch < 1 || a.reads < 1) {
    std::fprintf(stderr, "institution_bench: --url is required; scale, batch and reads must be positive\n");
    std::exit(2);
  }
  return a;
}

using Keys = std::map<std::string, std::optional<std::string>>;
std::optional<std::string> OrNull(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

// Buffers records and writes them in transactions of `batch`.
class Loader {
 public:
  Loader(storage::Database& db, int batch) : db_(db), batch_(batch) {}
  void Add(std::string table, std::string id, std::string tenant, std::string body, Keys keys) {
    pending_.push_back({.table = std::move(table),
                        .id = std::move(id),
                        .tenant_id = std::move(tenant),
                        .body = std::move(body),
                        .keys = std::move(keys)});
    if (static_cast<int>(pending_.size()) >= batch_) Flush();
  }
  void Flush() {
    if (pending_.empty()) return;
    Must(db_.WithTransaction([&](storage::Transaction& tx) -> Result<void> {
      for (const storage::Record& r : pending_) {
        auto inserted = storage::Insert(tx, r, actor_);
        if (!inserted) return inserted.error();
      }
      return Ok();
    }),
         "load " + pending_.front().table + "/" + pending_.front().id);
    written_ += static_cast<int64_t>(pending_.size());
    pending_.clear();
  }
  int64_t written() const { return written_; }

 private:
  storage::Database& db_;
  int batch_;
  std::vector<storage::Record> pending_;
  int64_t written_ = 0;
  const storage::Actor actor_{"system:institution_bench", "bench-load"};
};

struct Latencies {
  std::vector<double> ms;
  int64_t rows = 0;
  double P(double q) {
    std::sort(ms.begin(), ms.end());
    return ms[std::min(ms.size() - 1, static_cast<size_t>(q * static_cast<double>(ms.size())))];
  }
};

std::string Kind(cases::ScreeningKind k) {
  return std::string(cases::ScreeningKindId(k));
}

void Load(storage::Database& db, const bench::InstitutionGenerator& gen, const Args& args) {
  Loader loader(db, args.batch);
  const std::string uni = gen.university().id;
  auto t0 = Clock::now();
  loader.Add("institutions", uni, uni, cases::ToJson(gen.university()), {{"kind", "university"}});
  for (const auto& a : gen.agencies()) loader.Add("institutions", a.id, a.id, cases::ToJson(a), {{"kind", "agency"}});
  for (const auto& p : gen.programmes()) {
    loader.Add("programmes", p.id, p.agency_id, cases::ToJson(p), {{"designated", p.designated ? "1" : "0"}});
  }
  int64_t body_bytes = 0, disclosure_bytes = 0, disclosures = 0;
  for (int i = 0; i < gen.people(); ++i) {
    const cases::Person p = gen.Person(i);
    std::string body = cases::ToJson(p);
    body_bytes += static_cast<int64_t>(body.size());
    loader.Add("people", p.id, uni, std::move(body), {{"erad_id", OrNull(p.erad_id)}, {"orcid", OrNull(p.orcid)}});
  }
  loader.Flush();
  const double people_s = Seconds(t0);
  const int64_t people_rows = loader.written();
  auto t1 = Clock::now();
  for (int i = 0; i < gen.people(); ++i) {
    for (int s = 1; s <= gen.DisclosureCount(i); ++s) {
      const cases::Disclosure d = gen.Disclosure(i, s);
      std::string body = cases::ToJson(d);
      disclosure_bytes += static_cast<int64_t>(body.size());
      ++disclosures;
      loader.Add("disclosures", d.id, uni, std::move(body),
                 {{"person_id", d.person_id}, {"seq", std::to_string(d.seq)}, {"as_of", d.as_of}});
    }
  }
  loader.Flush();
  const double disclosures_s = Seconds(t1);
  auto t2 = Clock::now();
  const int64_t before_cases = loader.written();
  for (int k = 0; k < gen.cases(); ++k) {
    const bench::CaseBundle b = gen.Case(k);
    const std::string& cid = b.kase.id;
    loader.Add(
        "proposals", b.proposal.id, uni, cases::ToJson(b.proposal),
        {{"programme_id", b.proposal.programme_id}, {"state", std::string(cases::ProposalStateId(b.proposal.state))}});
    loader.Add("cases", cid, uni, cases::ToJson(b.kase),
               {{"proposal_id", b.proposal.id}, {"state", b.kase.state}, {"agency_id", b.kase.agency_id}});
    // CaseStore's own row per case (review round, no-disclosure and withdrawal reasons).
    loader.Add("case_progress", bench::GeneratedId(args.seed, "cprog", static_cast<uint64_t>(k)), uni,
               R"({"case_id":")" + cid + R"(","no_disclosure_reasons":{},"round":1,"withdrawal_reason":""})",
               {{"case_id", cid}});
    for (const auto& s : b.screenings) {
      loader.Add("screenings", s.id, uni, cases::ToJson(s), {{"case_id", cid}, {"kind", Kind(s.kind)}});
    }
    for (const auto& e : b.evaluations) {
      loader.Add("evaluations", e.id, uni, workflow::ToJson(e),
                 {{"case_id", cid},
                  {"subject_kind", std::string(workflow::Name(e.subject.kind))},
                  {"subject_id", e.subject.id}});
    }
    for (const auto& m : b.measures) {
      loader.Add(
          "measures", m.id, uni, workflow::ToJson(m),
          {{"case_id", cid},
           {"status", std::string(workflow::Name(workflow::CurrentStatus(m)))},
           {"due_date", m.due_date ? std::optional<std::string>(workflow::FormatDate(*m.due_date)) : std::nullopt}});
    }
    for (const auto& r : b.reviews) {
      loader.Add("reviews", r.id, uni, workflow::ToJson(r), {{"case_id", cid}, {"stage", r.stage_id}});
    }
    if (b.decision) loader.Add("decisions", b.decision->id, uni, workflow::ToJson(*b.decision), {{"case_id", cid}});
  }
  loader.Flush();
  const double cases_s = Seconds(t2);
  const double total_s = Seconds(t0);
  const int64_t case_rows = loader.written() - before_cases;
  std::printf("| load people | %lld | %.1f | %.0f records/s |\n", static_cast<long long>(people_rows), people_s,
              people_rows / people_s);
  std::printf("| load disclosure versions (avg body %.0f bytes) | %lld | %.1f | %.0f records/s |\n",
              disclosures ? static_cast<double>(disclosure_bytes) / disclosures : 0.0,
              static_cast<long long>(disclosures), disclosures_s, disclosures / disclosures_s);
  std::printf(
      "| load cases with proposals, screenings, evaluations, measures, reviews, decisions | %lld | %.1f | "
      "%.0f records/s |\n",
      static_cast<long long>(case_rows), cases_s, case_rows / cases_s);
  std::printf("| **load, total** (%d per transaction, audit record each) | %lld | %.1f | %.0f records/s |\n",
              args.batch, static_cast<long long>(loader.written()), total_s, loader.written() / total_s);
  std::printf("key load_seconds=%.1f\nkey load_records=%lld\nkey disclosure_avg_bytes=%.0f\n", total_s,
              static_cast<long long>(loader.written()),
              disclosures ? static_cast<double>(disclosure_bytes) / disclosures : 0.0);
}

double DatabaseMegabytes(const std::string& url) {
  if (url.rfind("sqlite:", 0) == 0) {
    std::error_code ec;
    const std::string path = url.substr(7);
    double bytes = 0;
    for (const char* suffix : {"", "-wal"}) {
      auto n = std::filesystem::file_size(path + suffix, ec);
      if (!ec) bytes += static_cast<double>(n);
    }
    return bytes / 1e6;
  }
  PGconn* conn = PQconnectdb(url.c_str());
  double mb = -1;
  if (PQstatus(conn) == CONNECTION_OK) {
    PGresult* r = PQexec(conn, "SELECT pg_database_size(current_database())");
    if (PQresultStatus(r) == PGRES_TUPLES_OK) mb = std::atof(PQgetvalue(r, 0, 0)) / 1e6;
    PQclear(r);
  }
  PQfinish(conn);
  return mb;
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  const Args args = Parse(argc, argv);
  bench::InstitutionGenerator gen({.seed = args.seed, .scale = args.scale});
  storage::Options options;
  options.check_on_open = false;  // a quick_check of a 1 GB file is not what is measured here
  options.pool_size = 2;
  std::printf("| %s, scale %.3g (%d people, %d cases) | count | seconds | rate / latency |\n|---|---:|---:|---:|\n",
              args.url.rfind("sqlite:", 0) == 0 ? "SQLite" : "PostgreSQL", args.scale, gen.people(), gen.cases());
  {
    auto db = Must(storage::Database::Open(args.url, options), "open " + args.url);
    Must(db->Migrate(), "migrate");
    if (args.load) Load(*db, gen, args);
  }  // closing the last SQLite connection checkpoints the WAL into the file
  const double mb = DatabaseMegabytes(args.url);
  std::printf("| database size | | | %.1f MB |\nkey size_mb=%.1f\n", mb, mb);

  auto db = Must(storage::Database::Open(args.url, options), "reopen " + args.url);
  storage::CaseStoreOptions store_options;
  for (std::string* path :
       {&store_options.risk_categories, &store_options.measure_catalogue, &store_options.review_stages}) {
    *path = std::string(HF_SOURCE_DIR) + "/" + *path;
  }
  auto store = Must(storage::CaseStore::Open(*db, store_options), "CaseStore::Open");
  const std::string uni = gen.university().id;
  const storage::Visibility officer = storage::Visibility::Of({uni});
  uint64_t draw = args.seed;
  auto next = [&](int n) {
    draw = draw * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((draw >> 33) % static_cast<uint64_t>(n));
  };
  // fn returns the rows it read; timed() prints p50 / p99 over args.reads calls.
  auto timed = [&](const char* name, const char* key, const std::function<Result<int64_t>()>& read) {
    Latencies lat;
    for (int r = 0; r < args.reads; ++r) {
      auto t = Clock::now();
      lat.rows += Must(read(), name);
      lat.ms.push_back(Seconds(t) * 1e3);
    }
    const double p50 = lat.P(0.50), p99 = lat.P(0.99);
    std::printf("| %s (%.1f records each) | %d | | p50 %.2f ms · p99 %.2f ms |\n", name,
                static_cast<double>(lat.rows) / args.reads, args.reads, p50, p99);
    std::printf("key %s_p50_ms=%.2f\nkey %s_p99_ms=%.2f\n", key, p50, key, p99);
  };
  timed("GetCase: case, proposal, team, screenings, flags, evaluations, measures, reviews, decision", "case_view",
        [&]() -> Result<int64_t> {
          auto v = store->GetCase(officer, gen.CaseId(next(gen.cases())));
          if (!v) return v.error();
          return static_cast<int64_t>(2 + v->team.size() + v->screenings.size() + v->evaluations.size() +
                                      v->measures.size() + v->reviews.size() + (v->decision ? 1 : 0));
        });
  timed("DisclosureHistory: every version of a person's disclosure", "history", [&]() -> Result<int64_t> {
    auto h = store->DisclosureHistory(officer, gen.PersonId(next(gen.people())));
    if (!h) return h.error();
    return static_cast<int64_t>(h->size());
  });
  const std::array<const char*, 9> states{"opened",  "identification", "evaluation", "mitigation", "review",
                                          "decided", "appeal",         "follow_up",  "closed"};
  auto by_state = [&](const storage::Visibility& visible) -> Result<int64_t> {
    storage::ListOptions o{.where = {{"state", states[next(9)]}}, .limit = args.page};
    auto page = store->ListCases(visible, o);
    if (!page) return page.error();
    return static_cast<int64_t>(page->items.size());
  };
  timed("ListCases by state, first page of 50 + total, as the university's officer (own tenant or agency)", "by_state",
        [&] { return by_state(officer); });
  timed("ListCases by state, first page of 50 + total, Visibility::All", "by_state_all",
        [&] { return by_state(storage::Visibility::All()); });
  // The API's default order (GET /v1/cases): newest first, no filter.
  timed("ListCases newest first, first page of 50 + total, as the university's officer", "newest",
        [&]() -> Result<int64_t> {
          storage::ListOptions o{.descending = true, .limit = args.page};
          auto page = store->ListCases(officer, o);
          if (!page) return page.error();
          return static_cast<int64_t>(page->items.size());
        });

  auto t = Clock::now();
  auto report = Must(storage::VerifyAudit(*db), "audit verify");
  const double s = Seconds(t);
  std::printf("| `audit verify`, whole chain (%lld records, %lld rows)%s | %lld | %.1f | %.0f records/s |\n",
              static_cast<long long>(report.records_checked), static_cast<long long>(report.rows_checked),
              report.ok ? "" : " **BROKEN**", static_cast<long long>(report.records_checked), s,
              report.records_checked / s);
  std::printf("key verify_seconds=%.1f\nkey audit_records=%lld\n", s, static_cast<long long>(report.records_checked));
  return report.ok ? 0 : 1;
}
