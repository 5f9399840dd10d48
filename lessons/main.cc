// sandtab-lessons: the course's IPC lessons with sandtab's processes
// (docs/lessons.md). `./sandtab demo lessons [LESSON...] [--fast]` runs it.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "lessons/ipc_janitor.h"
#include "lessons/lesson_runner.h"
#include "lessons/narrator.h"
#include "lessons/queue_lesson.h"
#include "lessons/transport_bench.h"

namespace {

using sandtab::lessons::IpcJanitor;
using sandtab::lessons::LessonRunner;
using sandtab::lessons::TransportBench;

std::string ExecutableDir() {
  char path[4096] = {};
  const ssize_t length = readlink("/proc/self/exe", path, sizeof path - 1);
  std::string exe(path, length > 0 ? static_cast<size_t>(length) : 0);
  return exe.substr(0, exe.rfind('/'));
}

void Usage(std::ostream& out, const LessonRunner& runner) {
  out << "usage: sandtab-lessons [LESSON...] [--fast] [--pause-ms=MS]\n"
         "  lessons, in course order:";
  for (const std::string& name : runner.Names()) out << " " << name;
  out << "\n  --fast         no pause between steps (tests)\n"
         "  --pause-ms=MS  the pause between steps (default 1500)\n";
}

// `--compare-worker KIND SIZE COUNT`: one TransportBench run, quiet, for
// strace -c to count (the compare lesson's system calls per message).
int CompareWorker(char** argv) {
  auto kind = TransportBench::FromName(argv[0]);
  if (!kind) return 2;
  IpcJanitor janitor;
  TransportBench bench(janitor);
  const int count = std::atoi(argv[2]);
  if (count == 0) return 0;
  return bench.Measure(*kind, std::strtoull(argv[1], nullptr, 10), count).ok() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "--probe-queue") == 0) {
    return sandtab::lessons::QueueLesson::ProbeQueue(static_cast<key_t>(std::strtol(argv[2], nullptr, 10)));
  }
  if (argc == 5 && std::strcmp(argv[1], "--compare-worker") == 0) return CompareWorker(argv + 2);

  LessonRunner runner;
  std::vector<std::string> names;
  std::chrono::milliseconds pause(1500);
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--fast") {
      pause = std::chrono::milliseconds(0);
    } else if (arg.rfind("--pause-ms=", 0) == 0) {
      pause = std::chrono::milliseconds(std::atoi(arg.c_str() + 11));
    } else if (arg == "--help" || arg == "-h") {
      Usage(std::cout, runner);
      return 0;
    } else {
      const auto known = runner.Names();
      if (arg[0] == '-' || std::find(known.begin(), known.end(), arg) == known.end()) {
        std::cerr << "sandtab-lessons: unknown lesson or flag '" << arg << "'\n";
        Usage(std::cerr, runner);
        return 2;
      }
      names.push_back(arg);
    }
  }
  IpcJanitor janitor;
  janitor.InstallInterruptHandlers();
  sandtab::lessons::Narrator narrator(std::cout, pause);
  sandtab::lessons::LessonContext context{narrator, janitor, ExecutableDir()};
  return runner.Run(names, context) ? 0 : 1;
}
