// The zygote's floor: what forking a renderer from an already-initialised
// process cannot go below. A helper child of this benchmark initialises
// itself as the zygote does (fonts preloaded, every protobuf descriptor
// built: renderer::InitializeBeforeSandbox's work) and then, per sample,
// times fork() + (in the grandchild) installing a seccomp filter + _exit() +
// waitpid(). The helper keeps the benchmark process itself small and
// untouched for the other rows; it lives through the open and crash rows too,
// which take a sample between their own (ZygoteFloorSampler, e2e_driver.h).
//
// Variants, interleaved:
//   fork          fork + _exit + waitpid, nothing else
//   fork_bpf      + the renderer's policy as ready BPF (compiled once, in the
//                 helper, by sandbox::CompileSeccompPolicy): what a zygote that
//                 compiled its filter before forking would pay. THE FLOOR.
//   fork_compile  + sandbox::LoadSeccompPolicy(kRenderer): libseccomp
//                 compiles the table in the child and loads it, as a renderer
//                 forked from today's zygote does inside EngageLayer2.
//   fork_read     fork, then the child reads one byte of each of 1,000 pages
//                 the helper has resident (anonymous, inherited).
//   fork_write    the same, writing: 1,000 copy-on-write faults.
//                 These two are not floors: less fork alone, over 1,000, they
//                 are what each page a forked renderer touches costs on this
//                 machine, which is most of its first frame here.
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "bench/e2e_driver.h"
#include "bench/forked_sampler.h"
#include "proto/schema_digest.h"
#include "renderer/page/font_set.h"
#include "sandbox/seccomp_policy.h"

namespace sandtab::bench {
namespace {

constexpr int kVariants = 5;
constexpr const char* kVariantNames[kVariants] = {"floor/fork", "floor/fork_bpf", "floor/fork_compile",
                                                  "floor/fork_read_pages", "floor/fork_write_pages"};
constexpr size_t kTouchedPages = 1000;
constexpr size_t kPageBytes = 4096;

// The renderer's filter as the BPF program the zygote's child loads: the
// policy table compiled by the sandbox's own compiler, not loaded. Empty on
// failure.
std::vector<sock_filter> CompileRendererBpf() {
  std::vector<sock_filter> program;
  if (sandbox::CompileSeccompPolicy(sandbox::Profile::kRenderer, ::getpid(), &program) != 0) program.clear();
  return program;
}

// One sample of `variant` (as kVariantNames), in microseconds, or -1.
double ForkOnce(ZygoteFloorSampler::Variant variant, const std::vector<sock_filter>& program) {
  // The touched pages exist only for their own samples (made resident
  // untimed, as a zygote's heap is): the floor's forks copy no page tables
  // for them.
  const bool touches_pages =
      variant == ZygoteFloorSampler::kForkReadPages || variant == ZygoteFloorSampler::kForkWritePages;
  const size_t pages_bytes = touches_pages ? kTouchedPages * kPageBytes : 0;
  volatile uint8_t* pages = nullptr;
  if (pages_bytes > 0) {
    void* mapped = ::mmap(nullptr, pages_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) return -1;
    std::memset(mapped, 1, pages_bytes);
    pages = static_cast<uint8_t*>(mapped);
  }
  const auto start = Clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (variant == ZygoteFloorSampler::kForkBpf) {
      sock_fprog fprog{static_cast<unsigned short>(program.size()), const_cast<sock_filter*>(program.data())};
      if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
          ::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &fprog) != 0) {
        ::_exit(1);
      }
    } else if (variant == ZygoteFloorSampler::kForkCompile) {
      if (sandbox::LoadSeccompPolicy(sandbox::Profile::kRenderer) != 0) ::_exit(1);
    } else if (variant == ZygoteFloorSampler::kForkReadPages) {
      uint8_t sum = 0;
      for (size_t page = 0; page < kTouchedPages; ++page) sum = static_cast<uint8_t>(sum + pages[page * kPageBytes]);
      ::_exit(sum == static_cast<uint8_t>(kTouchedPages) ? 0 : 1);  // every byte is 1
    } else if (variant == ZygoteFloorSampler::kForkWritePages) {
      for (size_t page = 0; page < kTouchedPages; ++page) pages[page * kPageBytes] = 2;
    }
    ::_exit(0);
  }
  int status = 0;
  bool reaped = pid > 0;
  while (reaped && ::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) reaped = false;
  }
  const double micros = MicrosSince(start);
  if (pages_bytes > 0) ::munmap(const_cast<uint8_t*>(pages), pages_bytes);
  return reaped && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? micros : -1;
}

}  // namespace

std::unique_ptr<ZygoteFloorSampler> ZygoteFloorSampler::Start(std::string* error) {
  // The helper's program, made in the helper (the benchmark process never compiles it).
  auto program = std::make_shared<std::vector<sock_filter>>();
  auto init = [program] {
    renderer::PreloadFonts();
    proto::SchemaDigest();
    *program = CompileRendererBpf();
    return program->empty() ? -1.0 : static_cast<double>(program->size());
  };
  auto sample = [program](unsigned char variant) {
    HelperSample result;
    if (variant < kVariants) result.micros = ForkOnce(static_cast<Variant>(variant), *program);
    return result;
  };
  double bpf_instructions = 0;
  std::unique_ptr<ForkedSampler> helper = ForkedSampler::Start(init, sample, 20000, &bpf_instructions, error);
  if (!helper) {
    *error = "the floor helper (fonts, protobuf, BPF): " + *error;
    return nullptr;
  }
  return std::unique_ptr<ZygoteFloorSampler>(
      new ZygoteFloorSampler(std::move(helper), static_cast<size_t>(bpf_instructions)));
}

ZygoteFloorSampler::~ZygoteFloorSampler() = default;

double ZygoteFloorSampler::Sample(Variant variant) { return helper_->Take(variant, 10000).micros; }

void AddFloorSample(const E2eOptions& options, Samples* samples) {
  if (!options.floor) return;
  const double sample = options.floor->Sample(ZygoteFloorSampler::kForkBpf);
  if (sample >= 0) samples->Add(sample);
}

std::vector<Row> RunZygoteFloorRows(const E2eOptions& options) {
  const int count = options.Count(200, 2);
  const int warmup = options.Count(10, 1);
  std::vector<Row> rows;
  for (const char* name : kVariantNames) rows.emplace_back(name);
  std::string error;
  std::unique_ptr<ZygoteFloorSampler> own;
  ZygoteFloorSampler* sampler = options.floor;
  if (!sampler) {
    own = ZygoteFloorSampler::Start(&error);
    sampler = own.get();
  }
  std::vector<Samples> samples(kVariants);
  for (int i = 0; sampler && i < warmup + count && error.empty(); ++i) {
    for (int variant = 0; variant < kVariants; ++variant) {  // interleaved
      const double sample = sampler->Sample(static_cast<ZygoteFloorSampler::Variant>(variant));
      if (sample < 0) error = std::string(kVariantNames[variant]) + " failed in the helper";
      if (i >= warmup) samples[variant].Add(sample);
    }
  }
  for (int variant = 0; variant < kVariants; ++variant) {
    rows[variant].error = error;
    rows[variant].SetSamples("", samples[variant]);
  }
  rows[1].Set("bpf_instructions", sampler ? static_cast<double>(sampler->bpf_instructions()) : 0);
  return rows;
}

}  // namespace sandtab::bench
