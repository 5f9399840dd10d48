// RendererHost's named senders put exactly their fields on the wire (the
// renderer's end reads them: renderer/renderer_service.cc), and what it
// refuses by itself is a bad message with that rule's words.
#include "browser/tab/renderer_host.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "browser/loader/fetch_result.h"
#include "browser/process/child_reaper.h"
#include "tests/browser/fake_renderer.h"
#include "tests/support/run_until.h"

namespace sandtab::browser {
namespace {

using test::RunUntil;

class Recorder : public RendererHost::Client {
 public:
  void OnRendererReady() override { ready = true; }
  Status OnFetchRequest(const proto::FetchRequest&) override { return OkStatus(); }
  Status OnFrameReady(const proto::FrameReady&) override { return OkStatus(); }
  Status OnDocumentInfo(const proto::DocumentInfo&) override { return OkStatus(); }
  Status OnNavigateRequest(const proto::NavigateRequest&) override { return OkStatus(); }
  Status OnSandboxReport(const proto::SandboxReport&) override { return OkStatus(); }
  void OnRendererGone(const proto::DeathRecord& record) override { gone = record; }

  bool ready = false;
  std::optional<proto::DeathRecord> gone;
};

class RendererHostTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fuzz::FakeChild fake = fuzz::SpawnFakeChild();
    peer_ = std::make_unique<testing::RendererPeer>(io_, std::move(fake.peer));
    host_ = std::make_unique<RendererHost>(io_, reaper_, processes_, std::move(fake.child), /*log_to_stderr=*/false,
                                           std::chrono::seconds(30), &client_);
  }
  void TearDown() override {
    host_.reset();
    EXPECT_TRUE(RunUntil(io_, [&] { return reaper_.watched() == 0; })) << "the fake renderer was not reaped";
  }

  // The renderer said Hello and the host is ready to send.
  void Handshake() {
    peer_->SendHello();
    ASSERT_TRUE(RunUntil(io_, [&] { return client_.ready; }));
    ASSERT_TRUE(RunUntil(io_, [&] { return !peer_->received.empty(); }));  // the browser's Hello
    ASSERT_TRUE(peer_->received.front().message.has_hello());
    peer_->received.clear();
  }
  // The next message the renderer receives.
  testing::RendererPeer::Received Next() {
    EXPECT_TRUE(RunUntil(io_, [&] { return !peer_->received.empty(); })) << "nothing arrived";
    if (peer_->received.empty()) return {};
    auto next = peer_->received.front();
    peer_->received.erase(peer_->received.begin());
    return next;
  }
  void ExpectBadMessage(const std::string& detail) {
    ASSERT_TRUE(RunUntil(io_, [&] { return client_.gone.has_value(); })) << "the renderer was not killed";
    EXPECT_EQ(client_.gone->cause(), proto::DeathRecord::BAD_MESSAGE);
    EXPECT_NE(client_.gone->detail().find(detail), std::string::npos) << client_.gone->detail();
  }

  ProcessRegistry processes_{::getpid()};  // outlives the loop and what it still holds
  boost::asio::io_context io_;
  ChildReaper reaper_{io_};
  Recorder client_;
  std::unique_ptr<testing::RendererPeer> peer_;
  std::unique_ptr<RendererHost> host_;
};

TEST_F(RendererHostTest, EachSenderPutsItsFieldsOnTheWire) {
  Handshake();
  host_->Navigate(7, "file:///index.html", 120);
  auto navigate = Next().message;
  ASSERT_TRUE(navigate.has_navigate());
  EXPECT_EQ(navigate.navigate().navigation_id(), 7u);
  EXPECT_EQ(navigate.navigate().url(), "file:///index.html");
  EXPECT_EQ(navigate.navigate().scroll_y(), 120);

  host_->AckFrame(1);
  auto ack = Next().message;
  ASSERT_TRUE(ack.has_frame_ack());
  EXPECT_EQ(ack.frame_ack().buffer(), 1u);

  host_->Scroll(-40);
  auto scroll = Next().message;
  ASSERT_TRUE(scroll.has_scroll());
  EXPECT_EQ(scroll.scroll().delta_y(), -40);

  host_->Click(3, 4);
  auto click = Next().message;
  ASSERT_TRUE(click.has_click());
  EXPECT_EQ(click.click().x(), 3);
  EXPECT_EQ(click.click().y(), 4);

  host_->ReleaseSurface(5);
  auto release = Next().message;
  ASSERT_TRUE(release.has_release_surface());
  EXPECT_EQ(release.release_surface().generation(), 5u);

  host_->ProbeSandbox(9);
  auto probe = Next().message;
  ASSERT_TRUE(probe.has_probe_sandbox());
  EXPECT_EQ(probe.probe_sandbox().request_id(), 9u);
  EXPECT_EQ(probe.probe_sandbox().browser_pid(), ::getpid());

  host_->WarmUp(2);
  auto warm = Next().message;
  ASSERT_TRUE(warm.has_warm_up());
  EXPECT_EQ(warm.warm_up().generation(), 2u);
}

TEST_F(RendererHostTest, AnswerFetchSendsASmallBodyInline) {
  Handshake();
  FetchResult result;
  result.ok = true;
  result.mime_type = "text/css";
  result.final_url = "file:///style.css";
  result.body = std::string(RendererHost::kInlineBodyLimit, 'x');
  result.detail = "never for the renderer";
  host_->AnswerFetch(11, result);
  auto answer = Next();
  ASSERT_TRUE(answer.message.has_fetch_response());
  const auto& response = answer.message.fetch_response();
  EXPECT_EQ(response.request_id(), 11u);
  EXPECT_TRUE(response.ok());
  EXPECT_EQ(response.mime_type(), "text/css");
  EXPECT_EQ(response.final_url(), "file:///style.css");
  EXPECT_EQ(response.body(), result.body);
  EXPECT_EQ(response.body_size(), 0u);
  EXPECT_EQ(answer.fds, 0u);
  EXPECT_EQ(answer.message.DebugString().find("never for the renderer"), std::string::npos);
}

TEST_F(RendererHostTest, AnswerFetchSendsALargeBodyAsOneMemfd) {
  Handshake();
  FetchResult result;
  result.ok = true;
  result.body = std::string(RendererHost::kInlineBodyLimit + 1, 'y');
  host_->AnswerFetch(12, result);
  auto answer = Next();
  ASSERT_TRUE(answer.message.has_fetch_response());
  EXPECT_EQ(answer.message.fetch_response().request_id(), 12u);
  EXPECT_TRUE(answer.message.fetch_response().body().empty());
  EXPECT_EQ(answer.message.fetch_response().body_size(), RendererHost::kInlineBodyLimit + 1);
  EXPECT_EQ(answer.fds, 1u);
}

TEST_F(RendererHostTest, AMessageWithNoKnownBodyIsABadMessage) {
  Handshake();
  // Only a field this schema does not know (999, varint 1): the channel
  // refuses it before the host's own switch would.
  proto::RendererToBrowser unknown;
  ASSERT_TRUE(unknown.ParseFromString(std::string("\xb8\x3e\x01", 3)));
  ASSERT_EQ(unknown.body_case(), proto::RendererToBrowser::BODY_NOT_SET);
  peer_->Send(unknown);
  ExpectBadMessage("RendererToBrowser with no known body");
}

TEST_F(RendererHostTest, WarmedUpToATabsRendererIsABadMessage) {
  Handshake();
  proto::RendererToBrowser warmed;
  warmed.mutable_warmed_up()->set_generation(1);
  peer_->Send(warmed);
  ExpectBadMessage("WarmedUp nobody asked for");
}

}  // namespace
}  // namespace sandtab::browser
