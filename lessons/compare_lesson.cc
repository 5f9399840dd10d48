#include "lessons/compare_lesson.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "lessons/child_process.h"
#include "lessons/ipc_janitor.h"
#include "lessons/narrator.h"

namespace sandtab::lessons {
namespace {

constexpr size_t kSizes[] = {64, 1024, 4096, 16384, 65536, 262144, 1048576};
constexpr size_t kStraceSizes[] = {4096, 65536};
constexpr int kStraceMessages = 200;

std::string SizeName(size_t size) {
  if (size >= (1 << 20)) return std::to_string(size >> 20) + " MiB";
  if (size >= 1024) return std::to_string(size >> 10) + " KiB";
  return std::to_string(size) + " B";
}

std::string Fixed(double value, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

}  // namespace

long CompareLesson::StraceTotalCalls(const std::string& summary) {
  // "% time seconds usecs/call calls errors syscall": the total line is
  // "100.00 S U CALLS [ERRORS] total".
  std::istringstream lines(summary);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::vector<std::string> fields;
    for (std::string word; words >> word;) fields.push_back(word);
    if (fields.size() >= 5 && fields.back() == "total") return std::strtol(fields[3].c_str(), nullptr, 10);
  }
  return -1;
}

Result<double> CompareLesson::SyscallsPerMessage(LessonContext& context, TransportBench::Kind kind, size_t size) {
  // Two traced runs of the same worker, with 0 and with N messages: the
  // difference is the messages' own calls, set-up and exit cancelled out.
  long calls[2] = {0, 0};
  const int counts[2] = {0, kStraceMessages};
  for (int run = 0; run < 2; ++run) {
    const std::string summary = context.janitor.folder().File(std::string("strace-") + TransportBench::Name(kind));
    // -E: in a sanitizer build the worker's leak check at exit needs ptrace,
    // which strace already holds (LeakSanitizer then fails the run); the
    // count needs no leak check. Other builds ignore the variable.
    ASSIGN_OR_RETURN(
        ChildProcess strace,
        ChildProcess::Run(context.janitor,
                          {"/usr/bin/strace", "-f", "-c", "-E", "LSAN_OPTIONS=detect_leaks=0", "-o", summary, "--",
                           context.bin_dir + "/sandtab-lessons", "--compare-worker", TransportBench::Name(kind),
                           std::to_string(size), std::to_string(counts[run])}));
    ASSIGN_OR_RETURN(int status, strace.Wait(std::chrono::seconds(60)));
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return Error{"strace -c " + DescribeWaitStatus(status)};
    std::ifstream file(summary);
    std::stringstream text;
    text << file.rdbuf();
    calls[run] = StraceTotalCalls(text.str());
    if (calls[run] < 0) return Error{"no total line in strace -c's summary"};
  }
  return static_cast<double>(calls[1] - calls[0]) / kStraceMessages;
}

Status CompareLesson::Run(LessonContext& context) {
  Narrator& say = context.narrator;
  say.Lesson("compare: message passing against shared memory, measured",
             "the comparison of message passing with shared memory");
  say.Step("System calls per message, both processes, counted with strace -f -c");
  say.Say("(a traced run of N messages minus one of none: set-up and exit cancel out)");
  for (size_t size : kStraceSizes) {
    std::string row = SizeName(size) + ":";
    for (TransportBench::Kind kind : TransportBench::kKinds) {
      ASSIGN_OR_RETURN(double per_message, SyscallsPerMessage(context, kind, size));
      row += std::string(" ") + TransportBench::Name(kind) + " " + Fixed(per_message, 1);
      say.Number(std::string(TransportBench::Name(kind)) + " syscalls per " + SizeName(size) + " message", per_message,
                 1);
    }
    say.Say(row);
  }
  say.Say("4 KiB: a send and a receive each way, whatever the transport. 64 KiB: a read may return part of");
  say.Say("the bytes (the socket's buffer hands them over in pieces), the queue needs one msgsnd and one");
  say.Say("msgrcv per msgmax bytes; shared memory is still one notify each way.");
  return LatencyBySize(context);
}

Status CompareLesson::LatencyBySize(LessonContext& context) {
  Narrator& say = context.narrator;
  say.Step("Latency by size: the bytes to the other process and a one-byte answer back (median, us)");
  say.Say("sender on CPU 0, receiver on CPU 1; the receiver copies the bytes into its own memory each time");
  TransportBench bench(context.janitor);
  std::map<TransportBench::Kind, std::map<size_t, TransportBench::Measurement>> results;
  std::string header = "            ";
  for (TransportBench::Kind kind : TransportBench::kKinds) {
    char cell[16];
    std::snprintf(cell, sizeof cell, "%12s", TransportBench::Name(kind));
    header += cell;
  }
  say.Say(header);
  for (size_t size : kSizes) {
    const int count = size <= 16384 ? 200 : 40;
    std::string row;
    char label[16];
    std::snprintf(label, sizeof label, "%-12s", SizeName(size).c_str());
    row += label;
    for (TransportBench::Kind kind : TransportBench::kKinds) {
      ASSIGN_OR_RETURN(TransportBench::Measurement measured, bench.Measure(kind, size, count));
      results[kind][size] = measured;
      char cell[16];
      std::snprintf(cell, sizeof cell, "%12.1f", measured.median_us);
      row += cell;
    }
    say.Say(row);
  }
  const size_t largest = kSizes[std::size(kSizes) - 1];
  std::string throughput = "throughput at " + SizeName(largest) + " (MiB/s):";
  for (TransportBench::Kind kind : TransportBench::kKinds) {
    throughput += std::string(" ") + TransportBench::Name(kind) + " " + Fixed(results[kind][largest].mib_per_second, 0);
    say.Number(std::string(TransportBench::Name(kind)) + " MiB/s at 1 MiB", results[kind][largest].mib_per_second, 0);
  }
  say.Say(throughput);

  // The crossover: the smallest size from which shared memory stays faster
  // than the socket at every larger size.
  size_t crossover = 0;
  for (auto it = std::rbegin(kSizes); it != std::rend(kSizes); ++it) {
    if (results[TransportBench::Kind::kSharedMemory][*it].median_us >=
        results[TransportBench::Kind::kSocketPair][*it].median_us) {
      break;
    }
    crossover = *it;
  }
  say.Step("The crossover, and what sandtab uses for what");
  say.Number("crossover bytes (shm+notify faster than the socket from here up)", static_cast<int64_t>(crossover));
  say.Say(crossover ? "from " + SizeName(crossover) +
                          " up, copying into shared memory and a one-byte notify beats "
                          "pushing the bytes through the socket"
                    : "shared memory never won on this run (a loaded machine; rerun it)");
  say.Say("sandtab: every small message (Navigate, FrameReady, FrameAck, pings) on the channel, a socketpair;");
  say.Say("pixels in two sealed memfds per tab, painted in place, so a frame costs one small FrameReady;");
  say.Say("fetch bodies over 64 KiB in a sealed memfd beside the message (DESIGN section 5).");
  return OkStatus();
}

}  // namespace sandtab::lessons
