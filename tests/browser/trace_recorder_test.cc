#include "browser/common/trace_recorder.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>
#include <cstdio>
#include <string>

namespace sandtab::browser {
namespace {

std::string TempPath() { return "/tmp/sandtab-trace-test-" + std::to_string(::getpid()) + ".json"; }

TEST(TraceRecorderTest, NothingIsRecordedUntilStarted) {
  TraceRecorder trace;
  trace.Instant("Ignored", 1);
  EXPECT_EQ(trace.events(), 0u);
  EXPECT_FALSE(trace.StopAndWrite(TempPath()).ok());
}

TEST(TraceRecorderTest, WritesChromeTraceEventsThatParse) {
  TraceRecorder trace;
  trace.Start();
  const auto start = std::chrono::steady_clock::now();
  trace.Instant("Navigate", 42, "file:///a \"quoted\" url");
  trace.Complete("Load", 42, start, "done");
  const std::string path = TempPath();
  ASSERT_TRUE(trace.StopAndWrite(path).ok());
  EXPECT_FALSE(trace.recording());

  boost::property_tree::ptree root;
  ASSERT_NO_THROW(boost::property_tree::read_json(path, root));
  std::remove(path.c_str());
  const auto& events = root.get_child("traceEvents");
  ASSERT_EQ(events.size(), 3u);  // the browser's process name + ours
  auto it = events.begin();
  EXPECT_EQ(it->second.get<std::string>("ph"), "M");
  ++it;
  EXPECT_EQ(it->second.get<std::string>("name"), "Navigate");
  EXPECT_EQ(it->second.get<std::string>("ph"), "i");
  EXPECT_EQ(it->second.get<int>("pid"), 42);
  EXPECT_EQ(it->second.get<std::string>("args.detail"), "file:///a \"quoted\" url");
  ++it;
  EXPECT_EQ(it->second.get<std::string>("name"), "Load");
  EXPECT_EQ(it->second.get<std::string>("ph"), "X");
  EXPECT_GE(it->second.get<int64_t>("dur"), 0);
}

TEST(TraceRecorderTest, EventsAreCapped) {
  TraceRecorder trace;
  trace.Start();
  for (size_t i = 0; i < TraceRecorder::kMaxEvents + 10; ++i) trace.Instant("E", 1);
  EXPECT_EQ(trace.events(), TraceRecorder::kMaxEvents);
}

TEST(TraceRecorderTest, DetailsAreCutToTheirBound) {
  TraceRecorder trace;
  trace.Start();
  const std::string huge = "data:," + std::string(2 << 20, 'A');  // a renderer's 2 MiB URL
  for (int i = 0; i < 100; ++i) trace.Instant("Navigate", 1, huge);
  trace.Complete("Load", 1, std::chrono::steady_clock::now(), huge);
  EXPECT_EQ(trace.events(), 101u);
  EXPECT_LE(trace.detail_bytes(), 101 * TraceRecorder::kMaxDetailBytes);
  EXPECT_GT(trace.detail_bytes(), 100u);  // cut, not dropped
}

}  // namespace
}  // namespace sandtab::browser
