// Environment, inherited fds, resource exhaustion, positive controls, the
// fd-3 channel, threads.
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "tests/sandbox/hostile.h"

extern char** environ;

namespace sandtab::sandbox::hostile {
namespace {

void ListEnvironment() {
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const char* equals = strchr(*entry, '=');
    std::string name = equals ? std::string(*entry, static_cast<size_t>(equals - *entry)) : std::string(*entry);
    std::printf("ENV %s\n", name.c_str());
  }
}

void ListFds() {
  for (int fd = 0; fd < 1024; ++fd)
    if (fcntl(fd, F_GETFD) >= 0) std::printf("FD %d\n", fd);
}

void PositiveControls() {
  void* page = mmap(nullptr, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  Report("mmap-1mib", page == MAP_FAILED ? -1 : 0, errno);
  if (page != MAP_FAILED) munmap(page, 1 << 20);
  constexpr size_t kSize = 64 << 20;
  auto* block = static_cast<char*>(malloc(kSize));
  if (block) memset(block, 1, kSize);  // touched, not only reserved
  Report("malloc-64mib", block ? 0 : -1, errno);
  free(block);
  timespec now;
  HOSTILE_REPORT("clock-gettime", clock_gettime(CLOCK_MONOTONIC, &now));
}

// Reserve address space in 256 MiB steps until the kernel says no.
void ExhaustMemory() {
  constexpr size_t kStep = 256ULL << 20;
  constexpr size_t kGiveUp = 64ULL << 30;  // no limit (ASan build): stop here
  std::vector<void*> blocks;
  size_t total = 0;
  int error = 0;
  while (total < kGiveUp) {
    void* block = mmap(nullptr, kStep, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (block == MAP_FAILED) {
      error = errno;
      break;
    }
    blocks.push_back(block);
    total += kStep;
  }
  for (void* block : blocks) munmap(block, kStep);
  std::printf("LIMIT memory_mib=%zu errno=%d\n", total >> 20, error);
}

void ExhaustFds() {
  std::vector<int> fds;
  int error = 0;
  while (fds.size() < 100000) {
    int fd = dup(0);
    if (fd < 0) {
      error = errno;
      break;
    }
    fds.push_back(fd);
  }
  int highest = fds.empty() ? -1 : fds.back();
  for (int fd : fds) close(fd);
  std::printf("LIMIT fds_opened=%zu highest=%d errno=%d\n", fds.size(), highest, error);
}

}  // namespace

int RunInventory() {
  std::printf("STDOUT works\n");
  ListEnvironment();
  ListFds();
  PositiveControls();
  ExhaustMemory();
  ExhaustFds();
  std::fflush(stdout);
  return 0;
}

int RunChannel() {
  char buffer[16] = {};
  ssize_t n = read(3, buffer, 4);
  Report("channel-read", n == 4 && memcmp(buffer, "ping", 4) == 0 ? 0 : -1,
         errno);  // errno of the call above
  HOSTILE_REPORT("channel-write", write(3, "pong", 4) == 4 ? 0 : -1);
  return 0;
}

int RunThreads(int count, int hold_ms) {
  std::atomic<bool> release{false};
  std::vector<std::thread> threads;
  int error = 0;
  for (int i = 0; i < count; ++i) {
    try {
      threads.emplace_back([&release] {
        while (!release.load()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      });
    } catch (const std::system_error& failure) {
      error = failure.code().value();
      break;
    }
  }
  std::printf("THREADS started=%zu errno=%d\n", threads.size(), error);
  std::fflush(stdout);
  std::this_thread::sleep_for(std::chrono::milliseconds(hold_ms));
  release = true;
  for (std::thread& thread : threads) thread.join();
  return 0;
}

}  // namespace sandtab::sandbox::hostile
