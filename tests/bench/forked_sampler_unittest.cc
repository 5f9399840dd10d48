// ForkedSampler: a real helper child per test, over a real socket.
#include "bench/forked_sampler.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>

namespace sandtab::bench {
namespace {

constexpr int kTimeoutMs = 10000;

// A helper whose samples say which variant they answer and where they ran.
HelperSample Echo(unsigned char variant) {
  return HelperSample{static_cast<double>(variant) * 10, static_cast<double>(::getpid()), 7};
}

TEST(ForkedSamplerTest, HandsBackTheInitValueAndAnswersEachVariantInTheHelper) {
  std::string error;
  double helper_pid = 0;
  auto sampler =
      ForkedSampler::Start([] { return static_cast<double>(::getpid()); }, Echo, kTimeoutMs, &helper_pid, &error);
  ASSERT_NE(sampler, nullptr) << error;
  EXPECT_NE(helper_pid, static_cast<double>(::getpid()));
  for (unsigned char variant : {3, 0, 12}) {
    const HelperSample sample = sampler->Take(variant, kTimeoutMs);
    EXPECT_EQ(sample.micros, variant * 10.0);
    EXPECT_EQ(sample.cpu_micros, helper_pid);  // the helper answered, not a fresh child
    EXPECT_EQ(sample.minor_faults, 7);
  }
}

TEST(ForkedSamplerTest, InitStateStaysInTheHelperBetweenSamples) {
  std::string error;
  double ignored = 0;
  auto counter = std::make_shared<int>(0);
  auto sampler = ForkedSampler::Start(
      [counter] { return static_cast<double>(*counter = 100); },
      [counter](unsigned char) { return HelperSample{static_cast<double>(++*counter)}; }, kTimeoutMs, &ignored, &error);
  ASSERT_NE(sampler, nullptr) << error;
  EXPECT_EQ(sampler->Take(0, kTimeoutMs).micros, 101);
  EXPECT_EQ(sampler->Take(0, kTimeoutMs).micros, 102);
  EXPECT_EQ(*counter, 0);  // this process's copy never moved
}

TEST(ForkedSamplerTest, AFailedInitIsAnError) {
  std::string error;
  double ignored = 0;
  auto sampler = ForkedSampler::Start([] { return -1.0; }, Echo, kTimeoutMs, &ignored, &error);
  EXPECT_EQ(sampler, nullptr);
  EXPECT_NE(error.find("did not initialise"), std::string::npos) << error;
}

TEST(ForkedSamplerTest, AHelperThatDiesFailsThisSampleAndTheNext) {
  std::string error;
  double ignored = 0;
  auto sampler = ForkedSampler::Start([] { return 0.0; },
                                      [](unsigned char variant) {
                                        if (variant == 9) ::_exit(3);
                                        return HelperSample{1};
                                      },
                                      kTimeoutMs, &ignored, &error);
  ASSERT_NE(sampler, nullptr) << error;
  EXPECT_EQ(sampler->Take(1, kTimeoutMs).micros, 1);
  EXPECT_LT(sampler->Take(9, kTimeoutMs).micros, 0);
  EXPECT_LT(sampler->Take(1, kTimeoutMs).micros, 0);  // no SIGPIPE either: we are still here
}

TEST(ForkedSamplerTest, AStuckSampleTimesOutAndTheHelperIsKilledAndReaped) {
  std::string error;
  double helper_pid = 0;
  auto sampler = ForkedSampler::Start([] { return static_cast<double>(::getpid()); },
                                      [](unsigned char) {
                                        for (;;) ::pause();  // a helper that never answers
                                        return HelperSample{};
                                      },
                                      kTimeoutMs, &helper_pid, &error);
  ASSERT_NE(sampler, nullptr) << error;
  EXPECT_LT(sampler->Take(0, 100).micros, 0);
  sampler.reset();
  errno = 0;
  EXPECT_EQ(::kill(static_cast<pid_t>(helper_pid), 0), -1);  // reaped: not even a zombie
  EXPECT_EQ(errno, ESRCH);
}

}  // namespace
}  // namespace sandtab::bench
