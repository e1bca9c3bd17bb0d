// SPDX-License-Identifier: Apache-2.0
#include "cli/commands/screen.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "cli/progress.h"
#include "cli/report/screen_report.h"
#include "cli/version.h"
#include "domain/screening/screener.h"

namespace highfence::cli {
namespace {

namespace fs = std::filesystem;

struct ScreenArgs {
  std::vector<std::string> inputs;
  std::string answers;
  std::string keywords = "";
  std::string format = "text";
  std::string out;
  bool recursive = false;
  bool no_progress = false;
  bool color = false;
  int jobs = 0;
};

constexpr std::string_view kAnswersSuffix = ".answers.toml";

bool IsAnswersFile(const fs::path& p) {
  std::string name = p.filename().string();
  return name.size() > kAnswersSuffix.size() && name.ends_with(kAnswersSuffix);
}

// Expands directories (sorted; hidden files and answers files skipped) and keeps files as given.
Result<std::vector<fs::path>> CollectInputs(const ScreenArgs& args) {
  std::vector<fs::path> out;
  for (const auto& in : args.inputs) {
    fs::path p(in);
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> found;
      auto take = [&](const fs::directory_entry& e) {
        if (!e.is_regular_file()) return;
        std::string name = e.path().filename().string();
        if (name.empty() || name[0] == '.' || IsAnswersFile(e.path())) return;
        found.push_back(e.path());
      };
      if (args.recursive) {
        for (const auto& e : fs::recursive_directory_iterator(p, ec)) take(e);
      } else {
        for (const auto& e : fs::directory_iterator(p, ec)) take(e);
      }
      if (ec) return MakeError(ErrorCode::kUnavailable, in + ": cannot list directory: " + ec.message());
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else {
      out.push_back(p);  // a missing file is reported by the reader, per file
    }
  }
  return out;
}

std::string ReadAll(const fs::path& p, bool& ok) {
  std::ifstream in(p, std::ios::binary);
  ok = static_cast<bool>(in);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The answers for a proposal: --answers FILE (one proposal), --answers DIR/<stem>.answers.toml,
// else <stem>.answers.toml beside the proposal. No file: nullopt (the result says what is missing).
Result<std::optional<rules::ReadinessAnswers>> FindAnswers(const ScreenArgs& args, const fs::path& proposal) {
  fs::path candidate;
  std::error_code ec;
  std::string stem_file = proposal.stem().string() + std::string(kAnswersSuffix);
  if (!args.answers.empty() && fs::is_regular_file(args.answers, ec))
    candidate = args.answers;
  else if (!args.answers.empty())
    candidate = fs::path(args.answers) / stem_file;
  else
    candidate = proposal.parent_path() / stem_file;
  if (!fs::exists(candidate, ec)) return std::optional<rules::ReadinessAnswers>{};
  bool ok = false;
  std::string bytes = ReadAll(candidate, ok);
  if (!ok) return MakeError(ErrorCode::kUnavailable, candidate.string() + ": cannot read answers file");
  auto a = rules::ParseReadinessAnswers(bytes, candidate.string());
  if (!a) return a.error();
  return std::optional<rules::ReadinessAnswers>(std::move(*a));
}

std::string NowIso() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

Result<void> WriteFile(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << bytes;
  if (!out) return MakeError(ErrorCode::kUnavailable, p.string() + ": cannot write");
  return Ok();
}

int Run(const ScreenArgs& args) {
  fs::path keyword_dir = args.keywords.empty() ? DefaultDataDir() / "keywords" : fs::path(args.keywords);
  auto list = technology::LoadKeywordDirectory(keyword_dir);
  if (!list) return Fail(list.error().WithContext("loading keyword lists"));
  auto screener = screening::Screener::Create(std::move(*list), {});
  if (!screener) return Fail(screener.error());
  auto inputs = CollectInputs(args);
  if (!inputs) return Fail(inputs.error());
  if (inputs->empty())
    return Fail(MakeError(ErrorCode::kInvalidArgument, "no proposal files found in the given paths"));
  if (!args.answers.empty() && fs::is_regular_file(args.answers) && inputs->size() > 1)
    return Fail(
        MakeError(ErrorCode::kInvalidArgument,
                  "--answers FILE applies to one proposal; for a batch give a directory of <name>.answers.toml"));
  const bool html = args.format == "html";
  fs::path out_dir = args.out.empty() && html ? fs::path("reports") : fs::path(args.out);
  if (!out_dir.empty()) {
    std::error_code ec;
    fs::create_directories(out_dir, ec);
    if (ec) return Fail(MakeError(ErrorCode::kUnavailable, out_dir.string() + ": cannot create: " + ec.message()));
  }

  // Screen in parallel; keep the input order in the report.
  const size_t n = inputs->size();
  std::vector<std::optional<screening::ScreeningResult>> results(n);
  std::vector<std::optional<Failure>> failures(n);
  Progress progress(n, !args.no_progress && n > 1 && ::isatty(STDERR_FILENO));
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < n; i = next++) {
      const fs::path& p = (*inputs)[i];
      auto fail = [&](const Error& e) {
        failures[i] = Failure{p.string(), std::string(ErrorCodeName(e.code)), e.message};
      };
      auto doc = documents::ReadDocument(p, {});
      if (!doc) {
        fail(doc.error());
      } else if (auto answers = FindAnswers(args, p); !answers) {
        fail(answers.error());
      } else {
        results[i] = screener->Screen(*doc, *answers);
      }
      progress.Step(p.filename().string());
    }
  };
  int jobs = args.jobs > 0 ? args.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  for (int t = 1; t < std::min<int>(jobs, static_cast<int>(n)); ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  progress.Done();

  BatchReport report{std::string(kVersion), screener->keywords().version, NowIso(), {}, {}};
  for (size_t i = 0; i < n; ++i) {
    if (results[i]) report.results.push_back(std::move(*results[i]));
    if (failures[i]) report.failures.push_back(std::move(*failures[i]));
  }

  if (html) {
    for (const auto& r : report.results) {
      fs::path file = out_dir / (fs::path(r.document).stem().string() + ".html");
      if (auto w = WriteFile(file, RenderHtml(*screener, report, r)); !w) return Fail(w.error());
    }
    std::cout << RenderText(*screener, report, false) << "HTML reports written to " << out_dir.string() << "/\n";
  } else if (args.format == "json") {
    std::string json = RenderJson(*screener, report);
    if (out_dir.empty()) {
      std::cout << json;
    } else if (auto w = WriteFile(out_dir / "screening.json", json); !w) {
      return Fail(w.error());
    }
  } else {
    std::string text =
        RenderText(*screener, report, args.color || (::isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR")));
    std::cout << text;
    if (!out_dir.empty()) {
      if (auto w = WriteFile(out_dir / "screening.txt", RenderText(*screener, report, false)); !w)
        return Fail(w.error());
    }
  }
  for (const auto& f : report.failures) std::cerr << "highfence: " << f.message << "\n";
  return report.failures.empty() ? kExitOk : kExitSomeFailed;
}

}  // namespace

void AddScreenCommand(CLI::App& app, int& status) {
  auto args = std::make_shared<ScreenArgs>();
  CLI::App* cmd = app.add_subcommand(
      "screen",
      "Screen research proposals against the technology keyword lists (JST-TRUST) and classify each as red / yellow / "
      "green.\n"
      "Reads PDF, DOCX and text (.txt/.md in UTF-8, Shift_JIS, EUC-JP or UTF-16). Every flag is explained by the\n"
      "passages that caused it. The readiness question (social implementation within the research period) is\n"
      "answered by the officer in <name>.answers.toml beside each proposal (docs/formats/answers.md); without\n"
      "answers the result gives the level range and names the missing answers.\n"
      "Exit status: 0 all screened, 1 some files failed (listed at the end), 2 usage or configuration error.");
  cmd->add_option("inputs", args->inputs, "Proposal files or directories")->required();
  cmd->add_option("--answers", args->answers, "Answers file (one proposal) or directory of <name>.answers.toml");
  cmd->add_option("--keywords", args->keywords, "Keyword list directory (default: the shipped data/keywords)");
  cmd->add_option("--format", args->format, "Output: text (default), json, or html (one report per proposal)")
      ->check(CLI::IsMember({"text", "json", "html"}));
  cmd->add_option("--out", args->out, "Write reports to this directory (html default: reports/)");
  cmd->add_flag("-r,--recursive", args->recursive, "Descend into sub-directories");
  cmd->add_option("-j,--jobs", args->jobs, "Parallel workers (default: number of cores)");
  cmd->add_flag("--no-progress", args->no_progress, "No progress bar on stderr");
  cmd->add_flag("--color", args->color, "Colour the levels even when stdout is not a terminal");
  cmd->callback([args, &status] { status = Run(*args); });
}

}  // namespace highfence::cli
