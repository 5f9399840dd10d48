// TabScripts: a tab's console and its questions to the page (eval, the DOM
// dump), through a real RendererHost to a renderer the test plays: answers
// reach their askers once, give-ups (time, navigation, death) answer with
// an error, and an answer that breaks the rules kills the renderer with the
// rule named.
#include "browser/tab/tab_scripts.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "browser/process/child_reaper.h"
#include "browser/process/process_registry.h"
#include "proto/limits.h"
#include "tests/browser/fake_renderer.h"
#include "tests/support/run_until.h"

namespace sandtab::browser {
namespace {

using test::RunUntil;

// The tab's part: hands the script messages to TabScripts as Tab does.
class ScriptsClient : public testing::AcceptingRendererClient {
 public:
  explicit ScriptsClient(TabScripts& scripts) : scripts_(scripts) {}

  Status OnConsoleMessage(const proto::ConsoleMessage& message) override {
    return scripts_.OnConsoleMessage(message, navigation_id);
  }
  Status OnEvalResult(uint64_t request_id, EvalAnswer answer) override {
    return scripts_.OnEvalResult(request_id, std::move(answer));
  }
  Status OnDomDump(const proto::DomDump& dump) override { return scripts_.OnDomDump(dump); }
  void OnRendererGone(const proto::DeathRecord& record) override {
    gone = record;
    scripts_.OnRendererGone();
  }

  uint64_t navigation_id = 3;

 private:
  TabScripts& scripts_;
};

class TabScriptsTest : public ::testing::Test {
 protected:
  void SetUp() override { Start(); }
  void TearDown() override {
    host_.reset();
    EXPECT_TRUE(RunUntil(io_, [&] { return reaper_.watched() == 0; })) << "a fake renderer was not reaped";
  }

  // A renderer that said Hello.
  void Start() {
    fuzz::FakeChild fake = fuzz::SpawnFakeChild();
    peer_ = std::make_unique<testing::RendererPeer>(io_, std::move(fake.peer));
    client_.ready = false;
    client_.gone.reset();
    host_ = std::make_unique<RendererHost>(io_, reaper_, processes_, std::move(fake.child), /*log_to_stderr=*/false,
                                           std::chrono::seconds(30), &client_);
    peer_->SendHello();
    ASSERT_TRUE(RunUntil(io_, [&] { return client_.ready; }));
  }
  // The next Evaluate or DumpDom the renderer receives.
  proto::BrowserToRenderer NextQuestion() {
    auto is_question = [](const testing::RendererPeer::Received& r) {
      return r.message.has_evaluate() || r.message.has_dump_dom();
    };
    std::optional<proto::BrowserToRenderer> found;
    EXPECT_TRUE(RunUntil(io_, [&] {
      for (auto it = peer_->received.begin(); it != peer_->received.end(); ++it) {
        if (!is_question(*it)) continue;
        found = it->message;
        peer_->received.erase(it);
        return true;
      }
      return false;
    })) << "no question arrived";
    return found.value_or(proto::BrowserToRenderer());
  }
  void AnswerEval(uint64_t request_id, const std::string& json) {
    proto::RendererToBrowser message;
    message.mutable_eval_result()->set_request_id(request_id);
    message.mutable_eval_result()->set_ok(true);
    message.mutable_eval_result()->set_value(json);
    message.mutable_eval_result()->set_value_is_json(true);
    peer_->Send(message);
  }
  void SendConsole(uint64_t navigation_id, const std::string& text) {
    proto::RendererToBrowser message;
    message.mutable_console_message()->set_navigation_id(navigation_id);
    message.mutable_console_message()->set_level("log");
    message.mutable_console_message()->set_text(text);
    peer_->Send(message);
  }
  // Asks an eval whose answer lands in `result`.
  void Ask(const std::string& expression, std::optional<Result<EvalAnswer>>& result) {
    scripts_.Evaluate(host_.get(), expression, [&result](Result<EvalAnswer> answer) { result = std::move(answer); });
  }
  void ExpectBadMessage(const std::string& detail) {
    ASSERT_TRUE(RunUntil(io_, [&] { return client_.gone.has_value(); })) << "the renderer was not killed";
    EXPECT_EQ(client_.gone->cause(), proto::DeathRecord::BAD_MESSAGE);
    EXPECT_NE(client_.gone->detail().find(detail), std::string::npos) << client_.gone->detail();
  }

  ProcessRegistry processes_{::getpid()};
  boost::asio::io_context io_;
  ChildReaper reaper_{io_};
  TabScripts scripts_{io_, /*log_to_stderr=*/false, std::chrono::milliseconds(200)};
  ScriptsClient client_{scripts_};
  std::unique_ptr<testing::RendererPeer> peer_;
  std::unique_ptr<RendererHost> host_;
};

TEST_F(TabScriptsTest, AnEvalIsSentAndItsAnswerReachesTheAskerOnce) {
  std::optional<Result<EvalAnswer>> result;
  Ask("1+2", result);
  auto question = NextQuestion();
  ASSERT_TRUE(question.has_evaluate());
  EXPECT_EQ(question.evaluate().expression(), "1+2");
  EXPECT_EQ(scripts_.outstanding(), 1u);
  AnswerEval(question.evaluate().request_id(), "3");
  ASSERT_TRUE(RunUntil(io_, [&] { return result.has_value(); }));
  ASSERT_TRUE(*result) << result->error();
  EXPECT_TRUE((*result)->ok);
  EXPECT_EQ((*result)->value, "3");
  EXPECT_TRUE((*result)->value_is_json);
  EXPECT_EQ(scripts_.outstanding(), 0u);
}

TEST_F(TabScriptsTest, ADomDumpIsSentAndItsHtmlReachesTheAsker) {
  std::optional<Result<std::string>> html;
  scripts_.DumpDom(host_.get(), [&](Result<std::string> answer) { html = std::move(answer); });
  auto question = NextQuestion();
  ASSERT_TRUE(question.has_dump_dom());
  proto::RendererToBrowser message;
  message.mutable_dom_dump()->set_request_id(question.dump_dom().request_id());
  message.mutable_dom_dump()->set_html("<html><head></head><body>hi</body></html>");
  peer_->Send(message);
  ASSERT_TRUE(RunUntil(io_, [&] { return html.has_value(); }));
  ASSERT_TRUE(*html) << html->error();
  EXPECT_EQ(**html, "<html><head></head><body>hi</body></html>");
}

TEST_F(TabScriptsTest, AnUnansweredEvalTimesOutAndItsLateAnswerIsDropped) {
  std::optional<Result<EvalAnswer>> late;
  Ask("while (true) {}", late);
  auto question = NextQuestion();
  ASSERT_TRUE(RunUntil(io_, [&] { return late.has_value(); }));
  ASSERT_FALSE(*late);
  EXPECT_EQ(late->error(), "timed out after 200 ms");
  // The late answer is no offence (the renderer could not know), and the
  // next question is answered as usual.
  AnswerEval(question.evaluate().request_id(), "1");
  std::optional<Result<EvalAnswer>> next;
  Ask("2", next);
  AnswerEval(NextQuestion().evaluate().request_id(), "2");
  ASSERT_TRUE(RunUntil(io_, [&] { return next.has_value(); }));
  ASSERT_TRUE(*next);
  EXPECT_EQ((*next)->value, "2");
  EXPECT_FALSE(client_.gone) << client_.gone->detail();
  EXPECT_TRUE(host_->alive());
}

TEST_F(TabScriptsTest, AnEvalAnswersRendererGoneWhenItsRendererDies) {
  std::optional<Result<EvalAnswer>> result;
  Ask("1", result);
  NextQuestion();
  host_->Kill(proto::DeathRecord::KILLED_BY_USER, "test");
  ASSERT_TRUE(RunUntil(io_, [&] { return result.has_value(); }));
  ASSERT_FALSE(*result);
  EXPECT_EQ(result->error(), "renderer gone");
}

TEST_F(TabScriptsTest, ANavigationFailsTheQuestionsAboutThePageItLeft) {
  std::optional<Result<EvalAnswer>> result;
  Ask("1", result);
  std::optional<Result<std::string>> html;
  scripts_.DumpDom(host_.get(), [&](Result<std::string> answer) { html = std::move(answer); });
  scripts_.FailOutstanding("the tab navigated before the answer came");
  EXPECT_FALSE(result.has_value()) << "answered under the caller's own call";
  ASSERT_TRUE(RunUntil(io_, [&] { return result.has_value() && html.has_value(); }));
  EXPECT_EQ(result->error(), "the tab navigated before the answer came");
  EXPECT_EQ(html->error(), "the tab navigated before the answer came");
}

TEST_F(TabScriptsTest, WithoutARendererAQuestionFailsAtOnce) {
  std::optional<Result<EvalAnswer>> result;
  scripts_.Evaluate(nullptr, "1", [&](Result<EvalAnswer> answer) { result = std::move(answer); });
  ASSERT_TRUE(RunUntil(io_, [&] { return result.has_value(); }));
  EXPECT_EQ(result->error(), "the tab has no running renderer");
  EXPECT_EQ(scripts_.outstanding(), 0u);
}

TEST_F(TabScriptsTest, AnOverlongExpressionIsRefusedBeforeItIsSent) {
  std::optional<Result<EvalAnswer>> result;
  Ask(std::string(proto::kMaxEvalBytes + 1, '1'), result);
  ASSERT_TRUE(RunUntil(io_, [&] { return result.has_value(); }));
  EXPECT_EQ(result->error(), "expression longer than 64 KiB");
  EXPECT_EQ(scripts_.outstanding(), 0u);
}

TEST_F(TabScriptsTest, OutstandingQuestionsAreBounded) {
  std::vector<std::optional<Result<EvalAnswer>>> results(TabScripts::kMaxOutstanding + 1);
  for (auto& result : results) Ask("1", result);
  EXPECT_EQ(scripts_.outstanding(), TabScripts::kMaxOutstanding);
  ASSERT_TRUE(RunUntil(io_, [&] { return results.back().has_value(); }));
  EXPECT_NE(results.back()->error().find("too many questions outstanding"), std::string::npos);
}

TEST_F(TabScriptsTest, AnAnswerToAQuestionNeverAskedIsABadMessage) {
  AnswerEval(99, "1");
  ExpectBadMessage("EvalResult: no question with that request id was sent to this renderer");
}

TEST_F(TabScriptsTest, AnAnswerGivenTwiceIsABadMessage) {
  std::optional<Result<EvalAnswer>> result;
  Ask("1", result);
  const uint64_t id = NextQuestion().evaluate().request_id();
  AnswerEval(id, "1");
  AnswerEval(id, "1");
  ExpectBadMessage("EvalResult: that request was answered already");
}

TEST_F(TabScriptsTest, ADomDumpAnsweringAnEvalIsABadMessage) {
  std::optional<Result<EvalAnswer>> result;
  Ask("1", result);
  proto::RendererToBrowser message;
  message.mutable_dom_dump()->set_request_id(NextQuestion().evaluate().request_id());
  peer_->Send(message);
  ExpectBadMessage("DomDump: answers a question of another kind");
}

TEST_F(TabScriptsTest, ANewRendererCannotAnswerWhatItsPredecessorWasAsked) {
  std::optional<Result<EvalAnswer>> result;
  Ask("1", result);
  const uint64_t id = NextQuestion().evaluate().request_id();
  host_->Kill(proto::DeathRecord::KILLED_BY_USER, "test");
  ASSERT_TRUE(RunUntil(io_, [&] { return client_.gone.has_value(); }));
  host_.reset();
  Start();
  AnswerEval(id, "1");
  ExpectBadMessage("EvalResult: no question with that request id was sent to this renderer");
}

TEST_F(TabScriptsTest, ConsoleLinesOfTheCurrentNavigationAreKeptAndEarlierOnesDropped) {
  SendConsole(2, "from the page before");
  SendConsole(3, "from this page");
  ASSERT_TRUE(RunUntil(io_, [&] { return scripts_.console().size() == 1; }));
  auto lines = scripts_.console().Last(10);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].text, "from this page");
  EXPECT_EQ(lines[0].level, "log");
  EXPECT_EQ(lines[0].navigation_id, 3u);
  EXPECT_FALSE(client_.gone);
}

TEST_F(TabScriptsTest, AConsoleLineOfANavigationThatNeverStartedIsABadMessage) {
  SendConsole(4, "from the future");
  ExpectBadMessage("ConsoleMessage: navigation that never started");
  EXPECT_EQ(scripts_.console().size(), 0u);
}

TEST_F(TabScriptsTest, TheConsoleOutlivesTheRenderer) {
  SendConsole(3, "before the crash");
  ASSERT_TRUE(RunUntil(io_, [&] { return scripts_.console().size() == 1; }));
  host_->Kill(proto::DeathRecord::KILLED_BY_USER, "test");
  ASSERT_TRUE(RunUntil(io_, [&] { return client_.gone.has_value(); }));
  host_.reset();
  Start();
  client_.navigation_id = 4;  // the restored page
  SendConsole(4, "after the restart");
  ASSERT_TRUE(RunUntil(io_, [&] { return scripts_.console().size() == 2; }));
  EXPECT_EQ(scripts_.console().Last(2)[0].text, "before the crash");
}

}  // namespace
}  // namespace sandtab::browser
