// RendererHost's named senders put exactly their fields on the wire (the
// renderer's end reads them: renderer/renderer_service.cc), and what it
// refuses by itself is a bad message with that rule's words.
#include "browser/tab/renderer_host.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "browser/loader/fetch_result.h"
#include "browser/process/child_reaper.h"
#include "ipc/fetch_body.h"
#include "proto/limits.h"
#include "tests/browser/fake_renderer.h"
#include "tests/support/run_until.h"

namespace sandtab::browser {
namespace {

using test::RunUntil;

// Keeps what reaches the client of the script messages.
class Recorder : public testing::AcceptingRendererClient {
 public:
  Status OnConsoleMessage(const proto::ConsoleMessage& message) override {
    console.push_back(message.text());
    return OkStatus();
  }
  Status OnEvalResult(uint64_t request_id, EvalAnswer answer) override {
    evals.emplace_back(request_id, std::move(answer));
    return OkStatus();
  }
  Status OnDomDump(const proto::DomDump& dump) override {
    dumps.push_back(dump.html());
    return OkStatus();
  }
  Status OnHoveredLink(uint64_t navigation_id, std::string shown) override {
    links.emplace_back(navigation_id, std::move(shown));
    return OkStatus();
  }

  std::vector<std::string> console;
  std::vector<std::pair<uint64_t, EvalAnswer>> evals;
  std::vector<std::string> dumps;
  std::vector<std::pair<uint64_t, std::string>> links;
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

  host_->Evaluate(13, "document.title + ' x'");
  auto evaluate = Next().message;
  ASSERT_TRUE(evaluate.has_evaluate());
  EXPECT_EQ(evaluate.evaluate().request_id(), 13u);
  EXPECT_EQ(evaluate.evaluate().expression(), "document.title + ' x'");

  host_->PressKey("Enter");
  auto key = Next().message;
  ASSERT_TRUE(key.has_key_press());
  EXPECT_EQ(key.key_press().key(), "Enter");

  host_->DumpDom(14);
  auto dump = Next().message;
  ASSERT_TRUE(dump.has_dump_dom());
  EXPECT_EQ(dump.dump_dom().request_id(), 14u);
}

TEST_F(RendererHostTest, AnswerFetchSendsASmallBodyInline) {
  Handshake();
  FetchResult result;
  result.ok = true;
  result.mime_type = "text/css";
  result.final_url = "file:///style.css";
  result.body = std::string(ipc::kMaxInlineBodyBytes, 'x');
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
  result.body = std::string(ipc::kMaxInlineBodyBytes + 1, 'y');
  host_->AnswerFetch(12, result);
  auto answer = Next();
  ASSERT_TRUE(answer.message.has_fetch_response());
  EXPECT_EQ(answer.message.fetch_response().request_id(), 12u);
  EXPECT_TRUE(answer.message.fetch_response().body().empty());
  EXPECT_EQ(answer.message.fetch_response().body_size(), ipc::kMaxInlineBodyBytes + 1);
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

// --------------------------------------------------------------- scripts

proto::RendererToBrowser Console(std::string level, std::string text, std::string source = "page.html:1") {
  proto::RendererToBrowser message;
  auto* console = message.mutable_console_message();
  console->set_navigation_id(1);
  console->set_level(std::move(level));
  console->set_text(std::move(text));
  console->set_source(std::move(source));
  return message;
}

proto::RendererToBrowser EvalOk(uint64_t request_id, std::string value, bool is_json) {
  proto::RendererToBrowser message;
  auto* result = message.mutable_eval_result();
  result->set_request_id(request_id);
  result->set_ok(true);
  result->set_value(std::move(value));
  result->set_value_is_json(is_json);
  return message;
}

TEST_F(RendererHostTest, ConsoleLinesOfEveryLevelWithinTheirBoundsReachTheClient) {
  Handshake();
  for (const char* level : {"log", "info", "warn", "error", "debug"}) peer_->Send(Console(level, level));
  peer_->Send(
      Console("log", std::string(proto::kMaxConsoleTextBytes, 't'), std::string(proto::kMaxConsoleSourceBytes, 's')));
  ASSERT_TRUE(RunUntil(io_, [&] { return client_.console.size() == 6; }));
  EXPECT_EQ(client_.console[4], "debug");
  EXPECT_FALSE(client_.gone);
}

TEST_F(RendererHostTest, AConsoleLineOfAnUnknownLevelIsABadMessage) {
  Handshake();
  peer_->Send(Console("trace", "x"));
  ExpectBadMessage("ConsoleMessage: level not one of log, info, warn, error, debug");
}

TEST_F(RendererHostTest, AConsoleTextPastItsBoundIsABadMessage) {
  Handshake();
  peer_->Send(Console("log", std::string(proto::kMaxConsoleTextBytes + 1, 't')));
  ExpectBadMessage("ConsoleMessage: text longer than 4 KiB");
}

TEST_F(RendererHostTest, AConsoleSourcePastItsBoundIsABadMessage) {
  Handshake();
  peer_->Send(Console("log", "x", std::string(proto::kMaxConsoleSourceBytes + 1, 's')));
  ExpectBadMessage("ConsoleMessage: source longer than 1 KiB");
}

TEST_F(RendererHostTest, AnEvalResultsJsonIsCheckedAndCleanedBeforeTheClientSeesIt) {
  Handshake();
  peer_->Send(EvalOk(1, "{ \"a\": [1, 2.5e3, true, null],\n \"b\": \"\\u001b[2J\" }", true));
  peer_->Send(EvalOk(2, "[object Window]", false));
  ASSERT_TRUE(RunUntil(io_, [&] { return client_.evals.size() == 2; }));
  EXPECT_EQ(client_.evals[0].first, 1u);
  EXPECT_TRUE(client_.evals[0].second.ok);
  EXPECT_TRUE(client_.evals[0].second.value_is_json);
  EXPECT_EQ(client_.evals[0].second.value, "{\"a\":[1,2.5e3,true,null],\"b\":\"\\\\x1b[2J\"}");
  EXPECT_FALSE(client_.evals[1].second.value_is_json);
  EXPECT_EQ(client_.evals[1].second.value, "[object Window]");
}

TEST_F(RendererHostTest, AnEvalResultClaimingJsonThatIsNotIsABadMessage) {
  Handshake();
  // What would close our answer's object and add a key of its own.
  peer_->Send(EvalOk(1, "1, \"id\": 2", true));
  ExpectBadMessage("EvalResult: value_is_json but the value is not one JSON value");
}

TEST_F(RendererHostTest, AnEvalResultPastItsBoundIsABadMessage) {
  Handshake();
  peer_->Send(EvalOk(1, std::string(proto::kMaxEvalResultBytes + 1, 'v'), false));
  ExpectBadMessage("EvalResult: value or error longer than 1 MiB");
}

TEST_F(RendererHostTest, ADomDumpPastItsBoundIsABadMessage) {
  Handshake();
  proto::RendererToBrowser message;
  message.mutable_dom_dump()->set_request_id(1);
  message.mutable_dom_dump()->set_html(std::string(proto::kMaxDomDumpBytes + 1, 'h'));
  peer_->Send(message);
  ExpectBadMessage("DomDump: html longer than 8 MiB");
}

TEST_F(RendererHostTest, ScriptTimedOutKillsTheRendererAsUnresponsiveWithItsDetail) {
  Handshake();
  proto::RendererToBrowser message;
  message.mutable_script_timed_out()->set_detail("script ran past 2000 ms (page.html:3)");
  peer_->Send(message);
  ASSERT_TRUE(RunUntil(io_, [&] { return client_.gone.has_value(); })) << "the renderer was not killed";
  EXPECT_EQ(client_.gone->cause(), proto::DeathRecord::UNRESPONSIVE);
  EXPECT_EQ(client_.gone->detail(), "script ran past 2000 ms (page.html:3)");
}

TEST_F(RendererHostTest, AScriptTimedOutDetailIsCutToItsBound) {
  Handshake();
  proto::RendererToBrowser message;
  message.mutable_script_timed_out()->set_detail(std::string(100000, 'd'));
  peer_->Send(message);
  ASSERT_TRUE(RunUntil(io_, [&] { return client_.gone.has_value(); })) << "the renderer was not killed";
  EXPECT_EQ(client_.gone->cause(), proto::DeathRecord::UNRESPONSIVE);
  EXPECT_LE(client_.gone->detail().size(), proto::kMaxConsoleSourceBytes + 128);
}

}  // namespace
}  // namespace sandtab::browser

namespace sandtab::browser {
namespace {

proto::RendererToBrowser MoveAck() {
  proto::RendererToBrowser ack;
  ack.mutable_mouse_move_ack();
  return ack;
}

proto::RendererToBrowser Hovered(uint64_t navigation_id, const std::string& url) {
  proto::RendererToBrowser hovered;
  hovered.mutable_hovered_link()->set_navigation_id(navigation_id);
  hovered.mutable_hovered_link()->set_url(url);
  return hovered;
}

TEST_F(RendererHostTest, MovesAreCoalescedToOneInFlightAndTheLatestGoesOnTheAck) {
  Handshake();
  host_->MovePointer(10, 20);
  auto first = Next().message;
  ASSERT_TRUE(first.has_mouse_move());
  EXPECT_EQ(first.mouse_move().x(), 10);
  EXPECT_EQ(first.mouse_move().y(), 20);
  // The renderer has not answered: these wait, and only the last of them goes.
  for (int i = 1; i <= 50; ++i) host_->MovePointer(10 + i, 20 + i);
  host_->DumpDom(3);  // a later message overtakes the waiting moves: nothing else was sent
  auto dump = Next().message;
  EXPECT_TRUE(dump.has_dump_dom()) << dump.DebugString();
  EXPECT_TRUE(host_->pointer_motion().in_flight());
  EXPECT_EQ(host_->pointer_motion().coalesced(), 49u);

  peer_->Send(Hovered(0, "https://example.com/a?b#c"));
  peer_->Send(MoveAck());
  auto latest = Next().message;
  ASSERT_TRUE(latest.has_mouse_move());
  EXPECT_EQ(latest.mouse_move().x(), 60);
  EXPECT_EQ(latest.mouse_move().y(), 70);
  ASSERT_EQ(client_.links.size(), 1u);
  EXPECT_EQ(client_.links[0].second, "https://example.com/a?b#c");

  peer_->Send(MoveAck());
  ASSERT_TRUE(RunUntil(io_, [&] { return !host_->pointer_motion().in_flight(); }));
  EXPECT_TRUE(peer_->received.empty());
  EXPECT_TRUE(peer_->open());
}

TEST_F(RendererHostTest, AnAckWithoutAMoveIsABadMessage) {
  Handshake();
  peer_->Send(MoveAck());
  ExpectBadMessage("MouseMoveAck without a MouseMove in flight");
}

TEST_F(RendererHostTest, AHoveredLinkNobodyAskedForIsABadMessage) {
  Handshake();
  peer_->Send(Hovered(0, "https://example.com/"));
  ExpectBadMessage("HoveredLink without a MouseMove in flight");
}

TEST_F(RendererHostTest, AnAbsurdlyLongHoveredLinkIsABadMessage) {
  Handshake();
  host_->MovePointer(1, 1);
  ASSERT_TRUE(Next().message.has_mouse_move());
  peer_->Send(Hovered(0, "https://example.com/" + std::string(proto::kMaxUrlBytes, 'a')));
  ExpectBadMessage("HoveredLink: url longer than kMaxUrlBytes");
}

TEST_F(RendererHostTest, AHoveredLinkThatIsNoUrlIsABadMessage) {
  Handshake();
  host_->MovePointer(1, 1);
  ASSERT_TRUE(Next().message.has_mouse_move());
  peer_->Send(Hovered(0, "../relative/path"));
  ExpectBadMessage("HoveredLink: url is not an absolute URL");
}

}  // namespace
}  // namespace sandtab::browser
