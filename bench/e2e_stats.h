// Small helpers of sandtab_e2e_bench: samples with quantiles, a clock, and
// the flat JSON the table script reads.
#ifndef SANDTAB_BENCH_E2E_STATS_H_
#define SANDTAB_BENCH_E2E_STATS_H_

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace sandtab::bench {

using Clock = std::chrono::steady_clock;

inline double MicrosSince(Clock::time_point start) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

// CPU time on `clock` (CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID), in
// microseconds.
inline double CpuMicros(clockid_t clock) {
  timespec now{};
  ::clock_gettime(clock, &now);
  return static_cast<double>(now.tv_sec) * 1e6 + static_cast<double>(now.tv_nsec) / 1e3;
}

// Values of one measurement; quantiles by nearest rank.
class Samples {
 public:
  void Add(double value) { values_.push_back(value); }
  size_t size() const { return values_.size(); }
  double Quantile(double q) const {
    if (values_.empty()) return 0;
    std::vector<double> sorted = values_;
    std::sort(sorted.begin(), sorted.end());
    size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(sorted.size())));
    return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
  }
  double Median() const { return Quantile(0.5); }
  double P99() const { return Quantile(0.99); }

 private:
  std::vector<double> values_;
};

// One row of the JSON: a name and numbers (or an error text).
struct Row {
  explicit Row(std::string row_name) : name(std::move(row_name)) {}
  std::string name;
  std::map<std::string, double> values;
  std::string error;  // non-empty: the row failed and says why

  Row& Set(const std::string& key, double value) {
    values[key] = value;
    return *this;
  }
  // median_us, p99_us and samples of `samples` under `prefix`.
  Row& SetSamples(const std::string& prefix, const Samples& samples) {
    values[prefix + "median_us"] = samples.Median();
    values[prefix + "p99_us"] = samples.P99();
    values[prefix + "samples"] = static_cast<double>(samples.size());
    return *this;
  }
};

std::string JsonEscape(const std::string& text);
void WriteJson(std::FILE* out, const std::map<std::string, std::string>& context, const std::vector<Row>& rows);

}  // namespace sandtab::bench

#endif  // SANDTAB_BENCH_E2E_STATS_H_
