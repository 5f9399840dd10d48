#include "browser/tab/fetch_body_pacer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/run_until.h"

namespace sandtab::browser {
namespace {

using namespace std::chrono_literals;

// The pacer with a channel the test controls: `unread` is what the renderer
// has not read; each send books one more body, as the channel would.
class FetchBodyPacerTest : public ::testing::Test {
 protected:
  FetchBodyPacerTest()
      : pacer_(io_, {[this] { return unread_; },
                     [this](uint64_t id, FetchResult result) {
                       sent_.push_back(id);
                       unread_.fds += 1;
                       unread_.bytes += result.body.size();
                     },
                     [this](const std::string& reason) { bad_message_ = reason; }}) {}

  static FetchResult Body(size_t bytes) {
    FetchResult result;
    result.ok = true;
    result.body.assign(bytes, 'x');
    return result;
  }

  boost::asio::io_context io_;
  ipc::UnreadAttachments::Totals unread_;
  std::vector<uint64_t> sent_;
  std::string bad_message_;
  FetchBodyPacer pacer_;
};

TEST_F(FetchBodyPacerTest, AnswersGoAtOnceWhileTheWindowHasRoom) {
  for (uint64_t id = 1; id <= FetchBodyPacer::kWindowFds; ++id) pacer_.Offer(id, Body(100 * 1024));
  EXPECT_EQ(sent_.size(), FetchBodyPacer::kWindowFds);
  EXPECT_EQ(pacer_.waiting(), 0u);
}

TEST_F(FetchBodyPacerTest, PastTheWindowAnswersWaitInOrderUntilTheRendererReads) {
  for (uint64_t id = 1; id <= FetchBodyPacer::kWindowFds + 10; ++id) pacer_.Offer(id, Body(100 * 1024));
  EXPECT_EQ(sent_.size(), FetchBodyPacer::kWindowFds);
  EXPECT_EQ(pacer_.waiting(), 10u);
  EXPECT_EQ(pacer_.waiting_bytes(), 10u * 100 * 1024);
  test::RunFor(io_, 30ms);
  EXPECT_EQ(pacer_.waiting(), 10u) << "sent while the renderer read nothing";
  unread_ = {};  // the renderer caught up
  ASSERT_TRUE(test::RunUntil(io_, [&] { return pacer_.waiting() == 0; }));
  ASSERT_EQ(sent_.size(), FetchBodyPacer::kWindowFds + 10);
  for (size_t i = 0; i < sent_.size(); ++i) EXPECT_EQ(sent_[i], i + 1);
  EXPECT_TRUE(bad_message_.empty());
}

TEST_F(FetchBodyPacerTest, TheWindowCountsBytesToo) {
  pacer_.Offer(1, Body(40u << 20));
  pacer_.Offer(2, Body(40u << 20));  // 80 MiB unread would pass 64 MiB
  EXPECT_EQ(sent_.size(), 1u);
  EXPECT_EQ(pacer_.waiting(), 1u);
}

TEST_F(FetchBodyPacerTest, ABodyLargerThanTheWindowStillGoesAlone) {
  pacer_.Offer(1, Body(FetchBodyPacer::kWindowBytes + 1));
  EXPECT_EQ(sent_.size(), 1u);
}

TEST_F(FetchBodyPacerTest, ARendererThatAsksAndNeverReadsIsABadMessage) {
  uint64_t id = 0;
  while (bad_message_.empty() && id < 10000) pacer_.Offer(++id, Body(90 * 1024));
  EXPECT_EQ(id, FetchBodyPacer::kWindowFds + FetchBodyPacer::kMaxWaiting + 1);
  EXPECT_NE(bad_message_.find("does not read its fetch answers"), std::string::npos) << bad_message_;
  EXPECT_EQ(sent_.size(), FetchBodyPacer::kWindowFds) << "memfds made past the window";
  EXPECT_EQ(pacer_.waiting(), 0u);
}

TEST_F(FetchBodyPacerTest, ClearDropsWaitingAnswers) {
  unread_.fds = FetchBodyPacer::kWindowFds;
  pacer_.Offer(1, Body(100 * 1024));
  pacer_.Clear();
  unread_ = {};
  test::RunFor(io_, 30ms);
  EXPECT_TRUE(sent_.empty());
  pacer_.Offer(2, Body(100 * 1024));  // and it works again afterwards
  EXPECT_EQ(sent_, std::vector<uint64_t>{2});
}

}  // namespace
}  // namespace sandtab::browser
