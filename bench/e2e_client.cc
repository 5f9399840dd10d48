// The client's view (issue 25 line 1): a real `sandtab --json` shell driven
// through its pipes as a script drives it, each figure timed from writing the
// command to reading the answer that says the frame is there:
//
//   open_simple    `open simple.html`, then `wait ID` once `open` answered
//   open_article   the same with article.html (a stylesheet, images, fonts)
//   cross_site     `nav ID URL` to the other of two loopback sites
//                  (127.0.0.1 and localhost: one server, two sites), then `wait`:
//                  a new renderer process commits it (DESIGN section 14)
//   crash_restore  `kill ID` (SIGKILL to the tab's renderer), then `wait`
//   open_animation `open animation.html` (requestAnimationFrame), then `wait`
//   shell_answer   `tabs` with one tab open: the shell's own round trip
//
// Each in two shells, each with one tab open throughout: with a spare
// renderer and without. Between samples the
// shell idles (a spare is ready again first) and the zygote floor is sampled
// once, so each row has a floor taken in the same stretch of the run; the
// page-fault price (what each page a forked child reads or copies costs) is
// sampled here too, so the rows can be read against this machine's price.
// A row's faults are counted twice: from the new renderer's fork (a spare's
// warm-up among them) and on the path, from the command to the answer (a
// spare's since it was taken; a renderer forked for the command, all of
// its own): what the slow kind of machine pays for while the client waits.
#include <unistd.h>

#include <chrono>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bench/e2e_driver.h"
#include "bench/e2e_proc_facts.h"
#include "tests/support/loopback_http_server.h"
#include "tests/support/shell_driver.h"

namespace sandtab::bench {
namespace {

using test::Json;
using test::LoopbackHttpServer;
using test::ShellDriver;

constexpr std::chrono::milliseconds kAnswerTimeout{15000};
// Idle time before each sample, after a spare (if any) is ready: a spare
// is rarely taken the moment it is ready, and both shells idle alike.
constexpr std::chrono::milliseconds kIdleBeforeSample{100};

struct ClientVariant {
  const char* name;
  const char* flag;
  bool spare;
};
// The new renderer's minor page faults: from its fork, and on the path.
struct FaultSamples {
  Samples from_fork;
  Samples on_path;
};

constexpr ClientVariant kClientVariants[] = {{"spare", "--spare-renderer", true},
                                             {"no_spare", "--no-spare-renderer", false}};

bool AnswerOk(const Json& answer) { return !answer.get_child_optional("error").has_value(); }

std::string PageHtml(const std::string& title, const std::string& colour) {
  return "<!DOCTYPE html><html><head><title>" + title +
         "</title><style>body{margin:0;padding:20px;background:" + colour + "}</style></head><body><h1>" + title +
         "</h1><p>One paragraph of text.</p></body></html>";
}

// One shell and the samples of its rows.
class ClientSession {
 public:
  ClientSession(const E2eOptions& options, const ClientVariant& variant, const LoopbackHttpServer& server)
      : options_(options), variant_(variant), server_(server) {
    ShellDriver::Options shell;
    shell.binary = options.bin_dir + "/sandtab";
    // Restarts at once after every kill, however many: the crash row times
    // a restart, not the crash policy's backoff.
    shell.args = {"--json",
                  "--content-root=" + options.content_root,
                  variant.flag,
                  "--crash-loop=1000",
                  "--restart-delay-ms=0",
                  "--restart-max-ms=0"};
    shell_ = std::make_unique<ShellDriver>(shell);
  }

  // Every row of this shell; a failure ends the shell's rows with the error.
  std::vector<Row> Run() {
    const int count = options_.Count(15, 1);
    const int warmup = options_.Count(2, 1);
    std::vector<Row> rows;
    const std::string prefix = std::string("client/") + variant_.name + "/";
    std::string error;
    // One tab open throughout, as a window always shows one: a spare waits
    // only while a tab is open.
    try {
      int keeper = 0;
      pid_t keeper_pid = -1;
      OpenTimed("simple.html", &keeper, &keeper_pid);
    } catch (const std::exception& e) {
      error = std::string("the tab kept open: ") + e.what();
    }
    auto row = [&](const char* name, const std::function<double(FaultSamples*)>& sample) {
      Row result{prefix + name};
      Samples times, floor;
      FaultSamples faults;
      for (int i = 0; i < warmup + count && error.empty(); ++i) {
        try {
          Idle();
          if (i >= warmup) AddFloorSample(options_, &floor);
          FaultSamples* fault_samples = i >= warmup ? &faults : nullptr;
          const double micros = sample(fault_samples);
          if (i >= warmup) times.Add(micros);
        } catch (const std::exception& e) {
          error = e.what();
        }
      }
      result.error = error;
      result.SetSamples("", times);
      result.SetSamples("floor_", floor);
      if (faults.from_fork.size() > 0) result.Set("renderer_faults", faults.from_fork.Median());
      if (faults.on_path.size() > 0) result.Set("renderer_faults_on_path", faults.on_path.Median());
      rows.push_back(result);
    };
    row("open_simple", [&](FaultSamples* faults) { return OpenAndClose("simple.html", faults); });
    row("open_article", [&](FaultSamples* faults) { return OpenAndClose("article.html", faults); });
    row("open_animation", [&](FaultSamples* faults) { return OpenAndClose("animation.html", faults); });
    // One tab for the rest: navigated between the two sites, then killed.
    int id = 0;
    pid_t pid = -1;
    try {
      Idle();
      OpenTimed(server_.Url("/one.html"), &id, &pid);
    } catch (const std::exception& e) {
      error = std::string("the cross-site tab: ") + e.what();
    }
    bool on_one = true;
    row("cross_site", [&](FaultSamples* faults) {
      const std::string url = on_one ? server_.UrlAs("localhost", "/two.html") : server_.Url("/one.html");
      on_one = !on_one;
      return Timed("nav " + std::to_string(id) + " " + url, id, &pid, faults);
    });
    row("crash_restore", [&](FaultSamples* faults) { return Timed("kill " + std::to_string(id), id, &pid, faults); });
    row("shell_answer", [&](FaultSamples*) {
      const auto start = Clock::now();
      Ok("tabs");
      return MicrosSince(start);
    });
    shell_->Quit();
    return rows;
  }

 private:
  Json Ok(const std::string& line) {
    Json answer = shell_->Command(line, kAnswerTimeout);
    if (!AnswerOk(answer)) throw std::runtime_error("'" + line + "': " + test::ToJsonText(answer));
    return answer;
  }

  // Until the spare (if this shell keeps one) is ready, then idle a little.
  void Idle() {
    spare_pid_ = -1;
    if (variant_.spare) {
      const auto deadline = Clock::now() + std::chrono::seconds(10);
      for (;;) {
        const Json stats = Ok("stats");
        if (stats.get<std::string>("spare_state", "") == "ready") {
          spare_pid_ = stats.get<pid_t>("spare_pid", -1);
          break;
        }
        if (Clock::now() > deadline) throw std::runtime_error("the spare renderer was not ready within 10 s");
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    }
    std::this_thread::sleep_for(kIdleBeforeSample);
  }

  // `open URL`, then `wait ID` once open answered with the ID: the time
  // between writing the first and reading the second.
  double OpenTimed(const std::string& url, int* id, pid_t* pid, FaultSamples* faults = nullptr) {
    const int64_t spare_faults = SpareFaults();
    const auto start = Clock::now();
    *id = Ok("open " + url).get<int>("id");
    const Json waited = Ok("wait " + std::to_string(*id) + " 10");
    const double micros = MicrosSince(start);
    *pid = waited.get<pid_t>("pid");
    AddFaults(*pid, spare_faults, faults);
    return micros;
  }

  double OpenAndClose(const std::string& page, FaultSamples* faults) {
    int id = 0;
    pid_t pid = -1;
    const double micros = OpenTimed(page, &id, &pid, faults);
    Ok("close " + std::to_string(id));
    return micros;
  }

  // `line` (which must give tab `id` a new renderer), then `wait ID`.
  double Timed(const std::string& line, int id, pid_t* pid, FaultSamples* faults) {
    const int64_t spare_faults = SpareFaults();
    const auto start = Clock::now();
    Ok(line);
    const Json waited = Ok("wait " + std::to_string(id) + " 10");
    const double micros = MicrosSince(start);
    const pid_t now = waited.get<pid_t>("pid");
    if (now == *pid)
      throw std::runtime_error("'" + line + "' left tab " + std::to_string(id) + " in renderer " + std::to_string(now) +
                               ": no new process was timed");
    *pid = now;
    AddFaults(now, spare_faults, faults);
    return micros;
  }

  // The spare's faults so far, read just before a command (-1: no spare).
  int64_t SpareFaults() const { return spare_pid_ > 0 ? ReadMinorFaults(spare_pid_) : -1; }

  // The new renderer's page faults from its start (its fork from the
  // zygote; a spare's include its warm-up) to just after its first frame,
  // and those on the path: after `spare_faults` if it is the spare that
  // was read then, else all of them (it was forked for the command).
  void AddFaults(pid_t pid, int64_t spare_faults, FaultSamples* faults) const {
    if (!faults) return;
    const int64_t minflt = ReadMinorFaults(pid);
    if (minflt < 0) return;
    faults->from_fork.Add(static_cast<double>(minflt));
    const bool took_the_spare = pid == spare_pid_ && spare_faults >= 0;
    faults->on_path.Add(static_cast<double>(took_the_spare ? minflt - spare_faults : minflt));
  }

  const E2eOptions& options_;
  const ClientVariant& variant_;
  const LoopbackHttpServer& server_;
  std::unique_ptr<ShellDriver> shell_;
  pid_t spare_pid_ = -1;  // the ready spare when the last Idle ended
};

// What each page a forked child touches costs on this machine (the floor
// section's rows, sampled again here so that --only=client has them).
Row PagePriceRow(const E2eOptions& options) {
  Row row{"client/page_price"};
  if (!options.floor) {
    row.error = "no zygote floor helper";
    return row;
  }
  Samples fork_alone, read_pages, write_pages;
  for (int i = 0; i < options.Count(30, 1); ++i) {
    fork_alone.Add(options.floor->Sample(ZygoteFloorSampler::kFork));
    read_pages.Add(options.floor->Sample(ZygoteFloorSampler::kForkReadPages));
    write_pages.Add(options.floor->Sample(ZygoteFloorSampler::kForkWritePages));
  }
  // 1,000 pages per sample (e2e_zygote_floor.cc).
  row.Set("read_us", (read_pages.Median() - fork_alone.Median()) / 1000);
  row.Set("write_us", (write_pages.Median() - fork_alone.Median()) / 1000);
  return row;
}

}  // namespace

std::vector<Row> RunClientRows(const E2eOptions& options) {
  std::vector<Row> rows;
  std::unique_ptr<LoopbackHttpServer> server;
  try {
    server = std::make_unique<LoopbackHttpServer>();
  } catch (const std::exception& e) {
    Row failed{"client/server"};
    failed.error = e.what();
    return {failed};
  }
  server->Serve("/one.html", "text/html", PageHtml("one", "#e0f2f1"));
  server->Serve("/two.html", "text/html", PageHtml("two", "#fbe9e7"));
  rows.push_back(PagePriceRow(options));
  for (const ClientVariant& variant : kClientVariants) {
    try {
      ClientSession session(options, variant, *server);
      for (Row& row : session.Run()) rows.push_back(std::move(row));
    } catch (const std::exception& e) {
      Row failed{std::string("client/") + variant.name + "/open_simple"};
      failed.error = e.what();
      rows.push_back(failed);
    }
  }
  return rows;
}

}  // namespace sandtab::bench
