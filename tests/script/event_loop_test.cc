// The page's event loop: the order of scripts, microtasks, timers, frames
// and the load events.
#include "renderer/script/event_loop.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <string>
#include <utility>

#include "tests/script/scripted_page.h"

namespace sandtab::script {
namespace {

class EventLoopTest : public ::testing::Test {
 protected:
  void Load(std::string_view html) {
    page_.Load(html);
    ASSERT_TRUE(page_.dom);
    loop_ = std::make_unique<EventLoop>(io_, *page_.context, *page_.dom);
    std::string error;
    ASSERT_TRUE(loop_->Install(&error)) << error;
    loop_->SetFatalHandler([this](const ScriptResult& result) { fatal_.push_back(result); });
    loop_->SetFrameRequestHandler([this] { ++frame_requests_; });
  }
  // Runs the loop until `done` holds, for at most 10 s.
  template <typename Done>
  bool RunUntil(Done done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done() && std::chrono::steady_clock::now() < deadline) {
      if (io_.stopped()) io_.restart();  // it stops whenever it runs out of work
      io_.run_one_for(std::chrono::milliseconds(50));
    }
    return done();
  }
  std::string Log() { return context_->Evaluate("globalThis.log ? log.join(', ') : ''").value; }
  // Queues a task of the loop that evaluates `source` in the page.
  void PostScript(std::string source) {
    loop_->PostTask([this, source = std::move(source)] { return context_->Evaluate(source); });
  }

  boost::asio::io_context io_;
  ScriptedPage page_;
  Document& document_ = page_.document;
  std::unique_ptr<ScriptContext>& context_ = page_.context;
  std::unique_ptr<EventLoop> loop_;  // after page_: destroyed first
  std::vector<std::string>& errors_ = page_.errors;
  std::vector<ScriptResult> fatal_;
  int frame_requests_ = 0;
};

TEST_F(EventLoopTest, ScriptsThenMicrotasksThenTimersThenTheLoadEvents) {
  Load("<body><script>x</script></body>");
  loop_->StartPage({
      {"globalThis.log = ['script 1 ' + document.readyState];"
       "setTimeout(() => { log.push('timeout A'); Promise.resolve().then(() => log.push('microtask of A')) }, 0);"
       "Promise.resolve().then(() => log.push('microtask'));"
       "queueMicrotask(() => log.push('queueMicrotask'));"
       "setTimeout(() => log.push('timeout B'), 0);"
       "document.addEventListener('DOMContentLoaded', () => log.push('DOMContentLoaded ' + document.readyState));"
       "window.addEventListener('load', () => log.push('load ' + document.readyState));",
       "a.js", 1},
      {"log.push('script 2')", "b.js", 1},
  });
  loop_->FinishLoad();
  ASSERT_TRUE(RunUntil([&] { return Log().find("timeout B") != std::string::npos; })) << Log();
  EXPECT_EQ(Log(),
            "\"script 1 loading, microtask, queueMicrotask, script 2, DOMContentLoaded interactive, "
            "load complete, timeout A, microtask of A, timeout B\"");
  EXPECT_TRUE(errors_.empty());
}

TEST_F(EventLoopTest, TimersFireInDueOrderAndIntervalsUntilCleared) {
  Load("<p>");
  PostScript(
      "globalThis.log = [];"
      "setTimeout(() => log.push('30'), 30);"
      "setTimeout(() => log.push('10'), 10);"
      "const never = setTimeout(() => log.push('cleared'), 5); clearTimeout(never);"
      "let n = 0; const every = setInterval(() => { log.push('tick ' + ++n); if (n === 3) clearInterval(every) }, 1);"
      "setTimeout((a, b) => log.push('args ' + a + b), 50, 'x', 'y');"
      "setTimeout(() => log.push('done'), 60);");
  ASSERT_TRUE(RunUntil([&] { return Log().find("done") != std::string::npos; })) << Log();
  const std::string log = Log();
  EXPECT_EQ(log.find("cleared"), std::string::npos) << log;
  EXPECT_EQ(log.find("tick 4"), std::string::npos) << log;
  EXPECT_LT(log.find("tick 3"), log.find("args xy")) << log;
  EXPECT_LT(log.find("10"), log.find("30")) << log;
  EXPECT_LT(log.find("30"), log.find("args xy")) << log;
}

TEST_F(EventLoopTest, AnimationFramesRunWhenTheEmbedderSaysAndReportDomChanges) {
  Load("<p id=p>0</p>");
  PostScript(
      "globalThis.log = [];"
      "requestAnimationFrame(t => { log.push('frame ' + t); document.getElementById('p').textContent = '1';"
      "  requestAnimationFrame(t2 => log.push('next frame ' + t2)) });"
      "const cancelled = requestAnimationFrame(() => log.push('cancelled')); cancelAnimationFrame(cancelled);");
  ASSERT_TRUE(RunUntil([&] { return frame_requests_ == 1; }));
  EXPECT_EQ(Log(), "\"\"");  // nothing runs before the frame
  EXPECT_TRUE(loop_->RunAnimationFrame(16.5));
  EXPECT_EQ(Log(), "\"frame 16.5\"");
  EXPECT_EQ(frame_requests_, 2);  // the callback asked for the next one
  EXPECT_FALSE(loop_->RunAnimationFrame(33));
  EXPECT_EQ(Log(), "\"frame 16.5, next frame 33\"");
  // A task that changes the DOM asks for a frame too.
  PostScript("document.getElementById('p').className = 'x'");
  ASSERT_TRUE(RunUntil([&] { return frame_requests_ == 3; }));
}

// A background tab (EventLoop::SetHidden): its animation frames wait until it
// is shown again, while what its other tasks change still asks for a frame.
TEST_F(EventLoopTest, AHiddenPageKeepsItsAnimationFramesUntilShown) {
  Load("<p id=p>0</p>");
  loop_->SetHidden(true);
  EXPECT_TRUE(loop_->hidden());
  PostScript("globalThis.log = ['set']; requestAnimationFrame(t => log.push('frame ' + t));");
  ASSERT_TRUE(RunUntil([&] { return Log() == "\"set\""; }));
  EXPECT_EQ(frame_requests_, 0) << "a hidden page asked for a frame for its animation";
  EXPECT_FALSE(loop_->RunAnimationFrame(16));  // a frame that comes anyway runs no callback
  EXPECT_EQ(Log(), "\"set\"");
  // A change from another task still paints.
  PostScript("document.getElementById('p').textContent = '1'");
  ASSERT_TRUE(RunUntil([&] { return frame_requests_ == 1; }));
  EXPECT_TRUE(loop_->RunAnimationFrame(32));
  EXPECT_EQ(Log(), "\"set\"");
  // Shown: the waiting callback asks for the next frame and runs in it.
  loop_->SetHidden(false);
  EXPECT_EQ(frame_requests_, 2);
  EXPECT_FALSE(loop_->RunAnimationFrame(48));
  EXPECT_EQ(Log(), "\"set, frame 48\"");
}

TEST_F(EventLoopTest, AThrowingTimerIsReportedAndARunawayOneIsFatalButTheLoopGoesOn) {
  Load("<p>");
  PostScript(
      "globalThis.log = [];"
      "setTimeout(() => { throw new Error('timer failed') }, 0);"
      "setTimeout(() => { for (;;) {} }, 1);"
      "setTimeout(() => log.push('after'), 2);");
  ASSERT_TRUE(RunUntil([&] { return Log().find("after") != std::string::npos; })) << Log();
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_NE(errors_[0].find("Error: timer failed"), std::string::npos) << errors_[0];
  ASSERT_EQ(fatal_.size(), 1u);
  EXPECT_EQ(fatal_[0].outcome, ScriptOutcome::kTimeout);
}

TEST_F(EventLoopTest, AClickReachesListenersAndPreventDefaultIsReported) {
  Load("<a id=a href=/next>go</a>");
  PostScript(
      "globalThis.log = []; document.getElementById('a').addEventListener('click', e => {"
      "  log.push('click'); e.preventDefault(); Promise.resolve().then(() => log.push('microtask')) })");
  std::optional<bool> not_canceled;
  loop_->PostEvent(document_.GetElementById("a"), "click", [&](bool result) { not_canceled = result; });
  ASSERT_TRUE(RunUntil([&] { return not_canceled.has_value(); }));
  EXPECT_FALSE(*not_canceled);
  EXPECT_EQ(Log(), "\"click, microtask\"");
}

TEST(InlineScripts, TakesClassicInlineScriptsInDocumentOrder) {
  Document document;
  ParseDocument(
      "<head><script>one()</script><script type=module>no()</script></head>"
      "<body><script src=x.js></script><div><script type='text/javascript'>two()</script></div>"
      "<script type=text/plain>no()</script></body>",
      document);
  const auto scripts = InlineScripts(document, "page.html");
  ASSERT_EQ(scripts.size(), 2u);
  EXPECT_EQ(scripts[0].source, "one()");
  EXPECT_EQ(scripts[1].source, "two()");
  EXPECT_EQ(scripts[1].url, "page.html");
}

}  // namespace
}  // namespace sandtab::script
