// sandtab_e2e_bench: the end-to-end rows of `./sandtab bench`, measured on a
// real in-process Browser with real sandboxed renderers and plugins. Prints
// JSON on standard output; bench/format_table.py puts it in the table.
//
//   sandtab_e2e_bench [--smoke] [--placement=same-core|cross-core|unpinned]
//                     [--only=launch,floor,open,crash,client,script,sites,render,plugin,memory,scale]
//                     [--scale] [--scale-tabs=N] [--scale-crashes=N] [--idle-seconds=S]
//                     [--scale-page=FILE|js-mix]
//
// The scale section (hundreds of tabs, minutes) runs with --scale, in
// --smoke (as a tiny version: 10 tabs, 2 crashes) or when --only names it.
#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "bench/e2e_driver.h"
#include "browser/plugins/plugin_budget.h"

namespace sandtab::bench {
namespace {

namespace fs = std::filesystem;

std::string ExecutableDir() {
  char path[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", path, sizeof(path) - 1);
  if (n <= 0) return ".";
  path[n] = '\0';
  return fs::path(path).parent_path().string();
}

// The built-in pages (copied: the loader only serves one content root) plus
// the pages this benchmark needs.
bool MakeContentRoot(const std::string& root, std::string* error) {
  std::error_code ec;
  fs::copy(SANDTAB_SOURCE_DIR "/pages", root, fs::copy_options::recursive, ec);
  if (ec) {
    *error = "copying pages/: " + ec.message();
    return false;
  }
  std::ofstream(root + "/simple.html") << "<!DOCTYPE html><html><head><title>simple</title></head>"
                                          "<body><h1>Hello</h1><p>One paragraph of text.</p></body></html>\n";
  // The most a tab may have is browser::kMaxPluginInstancesPerTab.
  for (int n : {1, 10, browser::kMaxPluginInstancesPerTab}) {
    std::ostringstream page;
    page << "<!DOCTYPE html><html><head><title>" << n << " clocks</title>"
         << "<style>body{margin:0} embed{display:inline-block}</style></head><body>";
    for (int i = 0; i < n; ++i) page << "<embed type=\"application/x-sandtab-clock\" width=\"100\" height=\"100\">";
    page << "</body></html>\n";
    std::ofstream(root + "/clocks-" + std::to_string(n) + ".html") << page.str();
  }
  WriteScriptPages(root);
  return true;
}

bool Pin(const std::string& placement, std::string* description) {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (placement == "same-core") {
    CPU_SET(0, &set);
    *description = "browser and every child pinned to CPU 0 (children inherit the affinity)";
  } else if (placement == "cross-core" || placement == "unpinned") {
    for (int cpu = 0; cpu < CPU_SETSIZE && cpu < 1024; ++cpu) CPU_SET(cpu, &set);
    *description = placement == "unpinned" ? "unpinned" : "unpinned (cross-core has no meaning for a process tree)";
  } else {
    return false;
  }
  return ::sched_setaffinity(0, sizeof(set), &set) == 0;
}

}  // namespace
}  // namespace sandtab::bench

int main(int argc, char** argv) {
  using namespace sandtab::bench;
  E2eOptions options;
  std::string placement = "same-core";
  std::set<std::string> only;
  bool scale = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--smoke") {
      options.smoke = true;
    } else if (arg == "--scale") {
      scale = true;
    } else if (arg.rfind("--scale-tabs=", 0) == 0) {
      options.scale_tabs = std::max(1, std::atoi(arg.c_str() + 13));
    } else if (arg.rfind("--scale-crashes=", 0) == 0) {
      options.scale_crashes = std::max(0, std::atoi(arg.c_str() + 16));
    } else if (arg.rfind("--scale-page=", 0) == 0) {
      options.scale_page = arg.substr(13);
    } else if (arg.rfind("--idle-seconds=", 0) == 0) {
      options.idle_seconds = std::max(0.1, std::atof(arg.c_str() + 15));
    } else if (arg.rfind("--placement=", 0) == 0) {
      placement = arg.substr(12);
    } else if (arg.rfind("--only=", 0) == 0) {
      std::stringstream list(arg.substr(7));
      for (std::string item; std::getline(list, item, ',');) only.insert(item);
    } else {
      std::fprintf(stderr, "sandtab_e2e_bench: unknown argument %s\n", arg.c_str());
      return 2;
    }
  }
  std::string described;
  if (!Pin(placement, &described)) {
    std::fprintf(stderr, "sandtab_e2e_bench: bad --placement=%s (same-core, cross-core, unpinned)\n",
                 placement.c_str());
    return 2;
  }
  options.bin_dir = ExecutableDir();
  char root_template[] = "/tmp/sandtab-e2e.XXXXXX";
  if (!::mkdtemp(root_template)) {
    std::perror("mkdtemp");
    return 1;
  }
  options.content_root = std::string(root_template) + "/pages";
  std::string error;
  if (!MakeContentRoot(options.content_root, &error)) {
    std::fprintf(stderr, "sandtab_e2e_bench: %s\n", error.c_str());
    return 1;
  }

  struct Section {
    const char* name;
    std::vector<Row> (*run)(const E2eOptions&);
    bool takes_floor_samples;  // through options.floor (ZygoteFloorSampler)
  };
  // Floors first, while this process is small (fork copies its page tables).
  // The zygote's floor runs in a helper child, so it does not grow this one.
  const Section sections[] = {
      {"launch", RunLaunchRows, false}, {"floor", RunZygoteFloorRows, true}, {"open", RunOpenRows, true},
      {"crash", RunCrashRows, true},    {"client", RunClientRows, true},     {"script", RunScriptRows, true},
      {"sites", RunSiteRows, false},    {"render", RunRenderRows, false},    {"plugin", RunPluginRows, false},
      {"memory", RunMemoryRows, false}, {"scale", RunScaleRows, false}};
  auto selected = [&](const Section& section) {
    if (!only.empty()) return only.count(section.name) > 0;
    return std::strcmp(section.name, "scale") != 0 || scale || options.smoke;
  };
  const Section* last_floor_user = nullptr;
  for (const Section& section : sections) {
    if (selected(section) && section.takes_floor_samples) last_floor_user = &section;
  }
  // The zygote floor's helper is forked now, while this process is small,
  // and lives until the last section that samples it has run: the rows
  // after need no floor, and the scale run counts this process's children
  // as residue.
  std::unique_ptr<ZygoteFloorSampler> floor_sampler;
  if (last_floor_user) {
    std::string floor_error;
    floor_sampler = ZygoteFloorSampler::Start(&floor_error);
    if (!floor_sampler) std::fprintf(stderr, "sandtab_e2e_bench: zygote floor: %s\n", floor_error.c_str());
    options.floor = floor_sampler.get();
  }
  std::vector<Row> rows;
  for (const Section& section : sections) {
    if (!selected(section)) continue;
    const auto start = Clock::now();
    std::vector<Row> section_rows = section.run(options);
    std::fprintf(stderr, "sandtab_e2e_bench: %s: %.1f s\n", section.name, MicrosSince(start) / 1e6);
    rows.insert(rows.end(), section_rows.begin(), section_rows.end());
    if (&section == last_floor_user) {
      options.floor = nullptr;
      floor_sampler.reset();
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(root_template, ec);

  char date[64];
  const std::time_t now = std::time(nullptr);
  std::strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", std::localtime(&now));
  char host[256] = "?";
  ::gethostname(host, sizeof(host) - 1);
  WriteJson(stdout,
            {{"placement", described},
             {"mode", options.smoke ? "smoke" : "full"},
             {"date", date},
             {"host_name", host},
             {"num_cpus", std::to_string(::sysconf(_SC_NPROCESSORS_ONLN))},
             {"scale_page", options.scale_page.empty() ? "the built-in pages in turn" : options.scale_page}},
            rows);
  return 0;
}
