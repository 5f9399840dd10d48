// FetchQueue alone: what it sends, what it holds back, and which answers it
// takes, with the send recorded instead of a channel.
#include "renderer/fetch_queue.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sandtab::renderer {
namespace {

constexpr auto kDocument = proto::FetchRequest::DOCUMENT;
constexpr auto kStylesheet = proto::FetchRequest::STYLESHEET;
constexpr auto kImage = proto::FetchRequest::IMAGE;

struct Sent {
  uint64_t request_id;
  FetchQueue::Kind kind;
  std::string url;
};

class FetchQueueTest : public ::testing::Test {
 protected:
  FetchQueue queue_{[this](uint64_t id, const FetchQueue::Fetch& fetch) {
    sent_.push_back({id, fetch.kind, fetch.url});
  }};
  std::vector<Sent> sent_;
};

TEST_F(FetchQueueTest, EachRequestIsSentAtOnceWithANewId) {
  queue_.Request("file:///index.html", kDocument);
  queue_.Request("file:///a.css", kStylesheet);
  queue_.Request("file:///b.png", kImage);
  ASSERT_EQ(sent_.size(), 3u);
  EXPECT_EQ(sent_[0].request_id, 1u);
  EXPECT_EQ(sent_[0].kind, kDocument);
  EXPECT_EQ(sent_[0].url, "file:///index.html");
  EXPECT_EQ(sent_[1].request_id, 2u);
  EXPECT_EQ(sent_[1].kind, kStylesheet);
  EXPECT_EQ(sent_[2].request_id, 3u);
  EXPECT_EQ(sent_[2].url, "file:///b.png");
  EXPECT_EQ(queue_.InFlight(kImage), 1u);
}

TEST_F(FetchQueueTest, AnAnswerNamesItsFetchOnce) {
  queue_.Request("file:///a.css", kStylesheet);
  auto answered = queue_.TakeAnswered(sent_[0].request_id);
  ASSERT_TRUE(answered.has_value());
  EXPECT_EQ(answered->kind, kStylesheet);
  EXPECT_EQ(answered->url, "file:///a.css");
  EXPECT_FALSE(queue_.TakeAnswered(sent_[0].request_id).has_value());
  EXPECT_FALSE(queue_.TakeAnswered(99).has_value());
  EXPECT_EQ(queue_.InFlight(kStylesheet), 0u);
}

TEST_F(FetchQueueTest, PastTheBudgetOfAKindRequestsWaitForAnAnswer) {
  for (size_t i = 0; i < FetchQueue::kMaxInFlight + 2; ++i)
    queue_.Request("file:///" + std::to_string(i) + ".png", kImage);
  EXPECT_EQ(sent_.size(), FetchQueue::kMaxInFlight);
  EXPECT_EQ(queue_.InFlight(kImage), FetchQueue::kMaxInFlight);
  EXPECT_EQ(queue_.queued(), 2u);
  // One answer frees one place: the first queued goes out, in order.
  ASSERT_TRUE(queue_.TakeAnswered(sent_[5].request_id).has_value());
  ASSERT_EQ(sent_.size(), FetchQueue::kMaxInFlight + 1);
  EXPECT_EQ(sent_.back().url, "file:///" + std::to_string(FetchQueue::kMaxInFlight) + ".png");
  EXPECT_EQ(queue_.queued(), 1u);
  EXPECT_EQ(queue_.InFlight(kImage), FetchQueue::kMaxInFlight);
}

// A stylesheet blocks painting: images at their budget never hold it back.
TEST_F(FetchQueueTest, StylesheetsHaveABudgetOfTheirOwn) {
  for (size_t i = 0; i < FetchQueue::kMaxInFlight + 5; ++i) queue_.Request("file:///i.png", kImage);
  queue_.Request("file:///a.css", kStylesheet);
  ASSERT_EQ(sent_.size(), FetchQueue::kMaxInFlight + 1);
  EXPECT_EQ(sent_.back().kind, kStylesheet);
  EXPECT_EQ(queue_.InFlight(kStylesheet), 1u);
}

TEST_F(FetchQueueTest, ADocumentIsNeverHeldBack) {
  for (size_t i = 0; i < FetchQueue::kMaxInFlight * 2; ++i) queue_.Request("file:///s.css", kStylesheet);
  for (size_t i = 0; i < FetchQueue::kMaxInFlight * 2; ++i) queue_.Request("file:///i.png", kImage);
  const size_t before = sent_.size();
  queue_.Request("file:///next.html", kDocument);
  ASSERT_EQ(sent_.size(), before + 1);
  EXPECT_EQ(sent_.back().kind, kDocument);
  // Stylesheets and images together stay under the browser's 256.
  EXPECT_LT(queue_.InFlight(kStylesheet) + queue_.InFlight(kImage) + 1, 256u);
}

TEST_F(FetchQueueTest, ClearForgetsOwedAnswersAndQueuedRequestsButNotTheIds) {
  for (size_t i = 0; i < FetchQueue::kMaxInFlight + 3; ++i) queue_.Request("file:///i.png", kImage);
  const uint64_t old_id = sent_[0].request_id;
  queue_.Clear();
  EXPECT_EQ(queue_.queued(), 0u);
  EXPECT_EQ(queue_.InFlight(kImage), 0u);
  EXPECT_FALSE(queue_.TakeAnswered(old_id).has_value());
  const size_t before = sent_.size();
  queue_.Request("file:///new.html", kDocument);
  ASSERT_EQ(sent_.size(), before + 1);
  // A late answer to the old navigation can never match the new request.
  EXPECT_GT(sent_.back().request_id, sent_[before - 1].request_id);
}

}  // namespace
}  // namespace sandtab::renderer
