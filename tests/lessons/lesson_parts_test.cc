// The small parts of the lessons: what the narrator prints, the shell's
// JSON fields, the torn-frame rule, strace's summary line, the counter race
// with synchronisation.
#include <gtest/gtest.h>

#include <sstream>
#include <vector>

#include "lessons/browser_session.h"
#include "lessons/compare_lesson.h"
#include "lessons/counter_race.h"
#include "lessons/ipc_janitor.h"
#include "lessons/narrator.h"
#include "lessons/torn_frame_counter.h"

namespace sandtab::lessons {
namespace {

TEST(NarratorTest, NumbersAreOneGreppableLineEach) {
  std::ostringstream out;
  Narrator narrator(out, std::chrono::milliseconds(0));
  narrator.Step("first");
  narrator.Number("lost", int64_t{42});
  narrator.Number("rate", 2.345, 1);
  narrator.Step("second");
  const std::string text = out.str();
  EXPECT_NE(text.find("1. first"), std::string::npos) << text;
  EXPECT_NE(text.find("2. second"), std::string::npos) << text;
  EXPECT_NE(text.find("\n   = lost: 42\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\n   = rate: 2.3\n"), std::string::npos) << text;
}

TEST(JsonFieldTest, ReadsStringsNumbersAndEscapes) {
  const std::string json = R"({"id":3,"url":"a\"b","pid":-1,"nested":{"x":1}})";
  EXPECT_EQ(JsonField(json, "id"), "3");
  EXPECT_EQ(JsonField(json, "url"), "a\"b");
  EXPECT_EQ(JsonNumber(json, "pid"), -1);
  EXPECT_EQ(JsonNumber(json, "id"), 3);
  EXPECT_EQ(JsonField(json, "missing"), "");
  EXPECT_EQ(JsonNumber(json, "url"), -1) << "a string is not a number";
}

// Image of `stripes` bands of 4 rows, band i coloured colours[i].
std::vector<uint8_t> Stripes(const std::vector<uint8_t>& colours, int width) {
  std::vector<uint8_t> rgba;
  for (uint8_t colour : colours) {
    for (int pixel = 0; pixel < width * 4; ++pixel) rgba.insert(rgba.end(), {colour, colour, 10, 255});
  }
  return rgba;
}

TEST(TornFrameCounterTest, StripesThatDisagreeAreATornFrame) {
  TornFrameCounter counter(4);
  counter.AddImage(Stripes({1, 1, 1, 1}, 8), 8, 16);
  counter.AddImage(Stripes({2, 2, 2, 2}, 8), 8, 16);
  counter.AddImage(Stripes({2, 2, 3, 3}, 8), 8, 16);  // painting reached half-way
  counter.AddImage(Stripes({1, 1, 1, 1}, 8), 8, 16);
  EXPECT_EQ(counter.frames(), 4);
  EXPECT_EQ(counter.torn(), 1);
  EXPECT_EQ(counter.distinct_frames(), 2);
}

TEST(TornFrameCounterTest, TheLastStripeAloneIsEnough) {
  TornFrameCounter counter(4);
  counter.AddImage(Stripes({5, 5, 5, 6}, 8), 8, 16);
  EXPECT_EQ(counter.torn(), 1);
}

TEST(TornFrameCounterTest, AnUnreadableScreenshotIsAnError) {
  TornFrameCounter counter(4);
  EXPECT_FALSE(counter.AddScreenshot("/nonexistent/frame.png").ok());
  EXPECT_EQ(counter.frames(), 0);
}

TEST(StraceSummaryTest, ReadsTheTotalCallsWithAndWithoutErrors) {
  const std::string with_errors =
      "% time     seconds  usecs/call     calls    errors syscall\n"
      "------ ----------- ----------- --------- --------- ----------------\n"
      " 60.00    0.000600           3       200           write\n"
      "------ ----------- ----------- --------- --------- ----------------\n"
      "100.00    0.001000           2       431        12 total\n";
  EXPECT_EQ(CompareLesson::StraceTotalCalls(with_errors), 431);
  EXPECT_EQ(CompareLesson::StraceTotalCalls("100.00    0.001000           2       98 total\n"), 98);
  EXPECT_EQ(CompareLesson::StraceTotalCalls("no summary here\n"), -1);
}

// The synchronised counters are exact whatever the scheduling; the
// unsynchronised one is checked by lessons_run_test on two CPUs.
TEST(CounterRaceTest, MutexAndAtomicNeverLoseAnUpdate) {
  IpcJanitor janitor;
  CounterRace race(janitor);
  for (CounterRace::Kind kind : {CounterRace::Kind::kMutex, CounterRace::Kind::kAtomic}) {
    auto run = race.RunOnce(kind, 200'000);
    ASSERT_TRUE(run.ok()) << run.error();
    EXPECT_EQ(run->expected, 400'000);
    EXPECT_EQ(run->actual, 400'000) << CounterRace::Name(kind);
  }
  EXPECT_EQ(janitor.SegmentsLeft(), 0);
  EXPECT_EQ(IpcJanitor::ChildrenLeft(), 0);
}

}  // namespace
}  // namespace sandtab::lessons
