// A helper child of the benchmark that initialises itself once and then
// takes one sample whenever asked, over a socket: forked while the benchmark
// process is small, so that what it forks in turn copies little, and so that
// what it initialises (a seccomp filter, a JavaScript engine) never touches
// the benchmark process or the Browser inside it.
#ifndef SANDTAB_BENCH_FORKED_SAMPLER_H_
#define SANDTAB_BENCH_FORKED_SAMPLER_H_

#include <sys/types.h>

#include <functional>
#include <memory>
#include <string>

namespace sandtab::bench {

// One sample: microseconds of wall time (negative: it failed), and what else
// the variant measured beside it (its CPU time, its page faults; 0 if not).
struct HelperSample {
  double micros = -1;
  double cpu_micros = 0;
  double minor_faults = 0;
};

class ForkedSampler {
 public:
  // In the child: `init` once (a negative result is a failure; any other is
  // handed back through `*init_value`), then `sample(variant)` per request.
  using Init = std::function<double()>;
  using Sample = std::function<HelperSample(unsigned char variant)>;
  static std::unique_ptr<ForkedSampler> Start(const Init& init, const Sample& sample, int init_timeout_ms,
                                              double* init_value, std::string* error);
  ~ForkedSampler();  // ends and reaps the helper
  ForkedSampler(const ForkedSampler&) = delete;
  ForkedSampler& operator=(const ForkedSampler&) = delete;

  // One sample of `variant`; micros < 0 when it failed, the helper died or
  // did not answer within `timeout_ms`.
  HelperSample Take(unsigned char variant, int timeout_ms);

 private:
  ForkedSampler(pid_t pid, int socket) : pid_(pid), socket_(socket) {}
  pid_t pid_;
  int socket_;  // requests (one variant byte) out, samples in
};

}  // namespace sandtab::bench

#endif  // SANDTAB_BENCH_FORKED_SAMPLER_H_
