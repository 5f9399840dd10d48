// What every fuzz target uses to say "this input broke a rule": abort with
// the rule's text, so libFuzzer keeps the input as a crash reproducer.
#ifndef SANDTAB_TESTS_FUZZ_FUZZ_CHECK_H_
#define SANDTAB_TESTS_FUZZ_FUZZ_CHECK_H_

#include <dirent.h>

#include <cstdio>
#include <cstdlib>

namespace sandtab::fuzz {

inline void Check(bool condition, const char* rule) {
  if (!condition) {
    std::fprintf(stderr, "fuzz target: broken rule: %s\n", rule);
    std::abort();
  }
}

// The process's open fds, for "an input leaves no fd behind".
inline int OpenFdCount() {
  int count = 0;
  DIR* dir = ::opendir("/proc/self/fd");
  Check(dir != nullptr, "cannot list /proc/self/fd");
  while (const dirent* entry = ::readdir(dir)) count += entry->d_name[0] != '.';
  ::closedir(dir);
  return count - 1;  // the listing's own fd
}

// Runs one input and checks it left no fd open. Libraries open some fds
// once per process, on first use (Asio's signal pipe): the first input runs
// once before any fd is counted.
template <typename RunOneInput>
void RunLeavingNoFds(RunOneInput&& run, const char* rule) {
  static bool warmed_up = false;
  if (!warmed_up) {
    warmed_up = true;
    run();
  }
  const int fds_before = OpenFdCount();
  run();
  Check(OpenFdCount() == fds_before, rule);
}

}  // namespace sandtab::fuzz

#endif  // SANDTAB_TESTS_FUZZ_FUZZ_CHECK_H_
