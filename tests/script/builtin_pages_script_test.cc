// The scripts of the built-in pages (pages/*.html) run in the script library
// as a renderer runs them: parsed, their inline scripts started, clicks and
// frames posted to the event loop. A page that used a DOM call outside
// DESIGN section 13's subset, or one SpiderMonkey reads differently from
// Chromium, fails here before it fails in the demo.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <fstream>
#include <sstream>

#include "renderer/script/event_loop.h"
#include "tests/script/scripted_page.h"

namespace sandtab::script {
namespace {

std::string ReadPage(const std::string& name) {
  std::ifstream in(std::string(SANDTAB_PAGES_DIR) + "/" + name);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class BuiltinScriptedPageTest : public ::testing::Test {
 protected:
  void Open(const std::string& name, const std::string& before_scripts = "",
            std::chrono::milliseconds script_timeout = std::chrono::milliseconds(300)) {
    const std::string html = ReadPage(name);
    ASSERT_FALSE(html.empty()) << name;
    page_.Load(html, script_timeout);
    ASSERT_TRUE(page_.dom);
    loop_ = std::make_unique<EventLoop>(io_, *page_.context, *page_.dom);
    std::string error;
    ASSERT_TRUE(loop_->Install(&error)) << error;
    loop_->SetFatalHandler([this](const ScriptResult& result) { fatal_.push_back(result); });
    if (!before_scripts.empty()) {
      ASSERT_TRUE(page_.context->Evaluate(before_scripts).ok());
    }
    loop_->StartPage(InlineScripts(page_.document, "file:///pages/" + name));
    loop_->FinishLoad();
    ASSERT_TRUE(RunUntil([&] { return Eval("document.readyState") == "\"complete\""; }));
  }
  template <typename Done>
  bool RunUntil(Done done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done() && std::chrono::steady_clock::now() < deadline) {
      if (io_.stopped()) io_.restart();
      io_.run_one_for(std::chrono::milliseconds(20));
    }
    return done();
  }
  std::string Eval(const std::string& expression) { return page_.context->Evaluate(expression).value; }
  std::string Text(const std::string& id) { return Eval("document.getElementById('" + id + "').textContent"); }
  void Click(const std::string& id) {
    Node* target = page_.document.GetElementById(id);
    ASSERT_NE(target, nullptr) << id;
    bool done = false;
    loop_->PostEvent(target, "click", [&](bool) { done = true; });
    ASSERT_TRUE(RunUntil([&] { return done; })) << id;
  }

  boost::asio::io_context io_;
  ScriptedPage page_;
  std::unique_ptr<EventLoop> loop_;  // after page_: destroyed first
  std::vector<ScriptResult> fatal_;
};

TEST_F(BuiltinScriptedPageTest, CounterCountsClicksFromListenersAndAttributes) {
  Open("counter.html");
  for (int i = 0; i < 12; ++i) Click("increment");
  Click("decrement");
  EXPECT_EQ(Text("count"), "\"11\"");
  EXPECT_EQ(Eval("document.getElementById('pips').childNodes.length"), "11");
  EXPECT_EQ(Eval("document.querySelectorAll('.pip.tenth').length"), "1");
  EXPECT_EQ(Text("last"), "\"Last change: onclick attribute.\"");
  Click("reset");
  for (int i = 0; i < 2; ++i) Click("decrement");
  EXPECT_EQ(Text("count"), "\"-2\"");
  // Keys: the listener on the document reads KeyboardEvent.key.
  ASSERT_TRUE(page_.context->Evaluate("document.dispatchEvent(new KeyboardEvent('keydown', {key: '+'}))").ok());
  EXPECT_EQ(Text("count"), "\"-1\"");
  EXPECT_EQ(Text("last"), "\"Last change: key +.\"");
  EXPECT_EQ(Eval("document.getElementById('count').className"), "\"negative\"");
  EXPECT_EQ(Eval("document.getElementById('pips').childNodes.length"), "0");
  EXPECT_TRUE(page_.errors.empty()) << page_.errors[0];
  ASSERT_FALSE(page_.console.empty());
  EXPECT_EQ(page_.console.front().text, "count 1 (addEventListener)");
}

TEST_F(BuiltinScriptedPageTest, AnimationMovesAndRecoloursTheBoxesByTheFramesTime) {
  Open("animation.html");
  loop_->RunAnimationFrame(1000);
  loop_->RunAnimationFrame(2000);
  EXPECT_EQ(Eval("document.getElementById('box0').style.left"), "\"180px\"");
  EXPECT_EQ(Eval("document.getElementById('box3').style.left"), "\"420px\"");
  EXPECT_EQ(Eval("document.getElementById('box0').className"), "\"box c2\"");
  EXPECT_EQ(Text("clock"), "\"Frame 2, 1000 ms since the first frame.\"");
  EXPECT_TRUE(page_.errors.empty()) << page_.errors[0];
}

TEST_F(BuiltinScriptedPageTest, FetchBuildsTheListFromTheJson) {
  // fetch() is the renderer's (it asks the browser): a stand-in that answers
  // with the file, or a TypeError as a refused fetch does.
  // (JSON text is a JavaScript literal.)
  const std::string planets = ReadPage("data/planets.json");
  ASSERT_FALSE(planets.empty());
  Open("fetch.html",
       "globalThis.fetch = (url) => url === 'data/planets.json'"
       "  ? Promise.resolve({ ok: true, status: 200, json: () => Promise.resolve(" +
           planets +
           ") })"
           "  : Promise.reject(new TypeError('Failed to fetch'));");
  ASSERT_TRUE(RunUntil([&] { return Text("missing") != "\"\""; }));
  EXPECT_EQ(Eval("document.querySelectorAll('#planets li').length"), "8");
  EXPECT_EQ(Text("status"), "\"8 planets from data/planets.json (fetch, then .then):\"");
  EXPECT_EQ(Text("summary"), "\"With async/await: 288 moons in all; the largest is Jupiter.\"");
  EXPECT_EQ(Text("missing"), "\"data/no-such-file.json, as expected, failed: TypeError: Failed to fetch\"");
  EXPECT_EQ(Eval("document.querySelector('#planets li b').textContent"), "\"Mercury\"");
  EXPECT_TRUE(page_.errors.empty()) << page_.errors[0];
}

TEST_F(BuiltinScriptedPageTest, BuggyRecursionIsCaughtAndTheEndlessLoopIsStopped) {
  Open("buggy.html");
  Click("recurse");
  EXPECT_EQ(Text("report"), "\"Caught InternalError: too much recursion. The page is still alive.\"");
  EXPECT_TRUE(fatal_.empty());
  ASSERT_TRUE(RunUntil([&] { return Text("alive") == "\"The page's timer: 1 tick.\""; }));
  Click("loop");
  ASSERT_EQ(fatal_.size(), 1u);
  EXPECT_EQ(fatal_[0].outcome, ScriptOutcome::kTimeout);
}

TEST_F(BuiltinScriptedPageTest, BuggyBuffersEndAsOutOfMemory) {
  // A watchdog far away: only the memory budget can end this one.
  Open("buggy.html", "", std::chrono::seconds(30));
  Click("buffers");
  ASSERT_EQ(fatal_.size(), 1u);
  EXPECT_EQ(fatal_[0].outcome, ScriptOutcome::kOutOfMemory) << fatal_[0].error;
}

}  // namespace
}  // namespace sandtab::script
