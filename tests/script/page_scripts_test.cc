// PageScripts: a document's scripts as the renderer runs them, on a real
// engine and a real io_context, with the browser played by the delegate.
#include "renderer/page_scripts.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "renderer/script/html_serializer.h"
#include "tests/script/test_engine.h"

namespace sandtab::renderer {
namespace {

using namespace std::chrono_literals;

class RecordingDelegate : public PageScripts::Delegate {
 public:
  void OnConsoleLine(const script::ConsoleLine& line) override { console.push_back(line.level + ": " + line.text); }
  void OnFrameWanted() override { ++frames_wanted; }
  void OnScriptFatal(const script::ScriptResult& result) override { fatal.push_back(result.error); }
  void OnNavigationRequested(const std::string& url) override { navigations.push_back(url); }
  void OnFetchWanted(uint64_t token, const std::string& url, proto::FetchRequest::Kind kind,
                     std::optional<std::string> post_body) override {
    fetches[url] = {token, kind, std::move(post_body)};
  }
  void OnLoaded() override { loaded = true; }

  struct Wanted {
    uint64_t token;
    proto::FetchRequest::Kind kind;
    std::optional<std::string> post_body;
  };
  std::vector<std::string> console, fatal, navigations;
  std::map<std::string, Wanted> fetches;
  int frames_wanted = 0;
  bool loaded = false;
};

class PageScriptsTest : public ::testing::Test {
 protected:
  void Load(std::string_view html, int virtual_time_budget_ms = -1) {
    std::string error;
    page_ = PageScripts::Create(io_, script::TestEngine(), html, "http://127.0.0.1/dir/page.html",
                                virtual_time_budget_ms, &delegate_, &error);
    ASSERT_TRUE(page_) << error;
    page_->Start();
  }
  // Runs the loop until `done` or 5 s.
  template <typename Predicate>
  bool RunUntil(Predicate done) {
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (!done() && std::chrono::steady_clock::now() < deadline) {
      io_.restart();
      io_.run_for(10ms);
    }
    return done();
  }
  std::string Eval(const std::string& expression) {
    std::string value = "(no answer)";
    page_->Evaluate(expression, [&](const script::ScriptResult& result) {
      value = result.ok() ? result.value : "error: " + result.error;
    });
    RunUntil([&] { return value != "(no answer)"; });
    return value;
  }
  void Answer(const std::string& url, bool ok, std::string body, std::string error = {}) {
    ASSERT_TRUE(delegate_.fetches.count(url)) << url;
    script::FetchAnswer answer;
    answer.ok = ok;
    answer.status = ok ? 200 : 0;
    answer.body = std::move(body);
    answer.error = std::move(error);
    answer.mime_type = "application/json";
    answer.url = url;
    page_->SupplyFetch(delegate_.fetches[url].token, answer);
  }

  boost::asio::io_context io_;
  RecordingDelegate delegate_;
  std::unique_ptr<PageScripts> page_;
};

TEST(PageScriptsHasScripts, LooksForScriptElementsAndHandlerAttributes) {
  EXPECT_TRUE(PageScripts::HasScripts("<p>x</p><SCRIPT>1</SCRIPT>"));
  EXPECT_TRUE(PageScripts::HasScripts("<button onclick=\"go()\">go</button>"));
  EXPECT_TRUE(PageScripts::HasScripts("<body onload='x()'>"));
  EXPECT_FALSE(PageScripts::HasScripts("<p>no scripts = here, description=on</p>"));
  EXPECT_FALSE(PageScripts::HasScripts("<div class=on>x</div>"));
  EXPECT_FALSE(PageScripts::HasScripts(""));
}

TEST_F(PageScriptsTest, ScriptsRunInHtmlOrderThenDomContentLoadedThenLoad) {
  Load(R"(<html><head><script>var log = ['inline1'];
      document.addEventListener('DOMContentLoaded', () => log.push('DOMContentLoaded'));
      window.addEventListener('load', () => log.push('load'));</script>
      <script src="defer.js" defer></script>
      <script src="async.js" async></script>
      <script src="sync.js"></script>
      <script>log.push('inline2')</script></head><body></body></html>)");
  ASSERT_EQ(delegate_.fetches.size(), 3u);
  EXPECT_EQ(delegate_.fetches["http://127.0.0.1/dir/sync.js"].kind, proto::FetchRequest::SCRIPT);
  // Answers in the worst order: the deferred first, the blocking one last.
  Answer("http://127.0.0.1/dir/defer.js", true, "log.push('defer')");
  Answer("http://127.0.0.1/dir/async.js", true, "log.push('async')");
  io_.restart();
  io_.run_for(100ms);  // time enough for anything that could run: nothing may pass the blocking script
  EXPECT_EQ(Eval("log.join()"), R"("inline1,async")");
  Answer("http://127.0.0.1/dir/sync.js", true, "log.push('sync')");
  page_->SubresourcesComplete();
  ASSERT_TRUE(RunUntil([&] { return delegate_.loaded; }));
  EXPECT_EQ(Eval("log.join()"), R"("inline1,async,sync,inline2,defer,DOMContentLoaded,load")");
  EXPECT_EQ(Eval("document.readyState"), R"("complete")");
}

TEST_F(PageScriptsTest, AScriptThatFailsToLoadIsSkippedAndSaysSo) {
  Load(R"(<script>var log = []</script><script src="missing.js"></script><script>log.push('after')</script>)");
  Answer("http://127.0.0.1/dir/missing.js", false, "", "HTTP 404");
  page_->SubresourcesComplete();
  ASSERT_TRUE(RunUntil([&] { return delegate_.loaded; }));
  EXPECT_EQ(Eval("log.join()"), R"("after")");
  ASSERT_FALSE(delegate_.console.empty());
  EXPECT_NE(delegate_.console[0].find("Failed to load script http://127.0.0.1/dir/missing.js"), std::string::npos);
}

TEST_F(PageScriptsTest, FetchAsksTheDelegateAndSettlesWithTheAnswer) {
  Load(R"(<script>
    var got = 'pending', refused = 'pending';
    fetch('data.json').then(r => r.json()).then(j => { got = j.planets.join('+') });
    fetch('http://10.0.0.1/secret').then(() => { refused = 'resolved' }, e => { refused = e.name + ': ' + e.message });
  </script>)");
  page_->SubresourcesComplete();
  ASSERT_TRUE(RunUntil([&] { return delegate_.fetches.size() == 2; }));
  EXPECT_EQ(delegate_.fetches["http://127.0.0.1/dir/data.json"].kind, proto::FetchRequest::FETCH);
  Answer("http://127.0.0.1/dir/data.json", true, R"({"planets": ["Mercury", "Venus"]})");
  Answer("http://10.0.0.1/secret", false, "", "refused: private network");
  EXPECT_EQ(Eval("got"), R"("Mercury+Venus")");
  EXPECT_EQ(Eval("refused"), R"js("TypeError: Failed to fetch (refused: private network)")js");
  // A method the browser's loader cannot send is refused in the page.
  EXPECT_EQ(Eval("var m = 'pending'; fetch('x', {method: 'DELETE'}).catch(e => { m = e.name }); 1"), "1");
  EXPECT_EQ(Eval("m"), R"("TypeError")");
}

TEST_F(PageScriptsTest, FetchPostsItsBodyAndAServerErrorIsAResponse) {
  Load(R"(<script>
    var posted = 'pending';
    fetch('/api', {method: 'post', body: JSON.stringify({n: 1})})
        .then(r => r.text().then(t => { posted = r.status + ' ' + r.ok + ' ' + t }));
  </script>)");
  page_->SubresourcesComplete();
  ASSERT_TRUE(RunUntil([&] { return delegate_.fetches.count("http://127.0.0.1/api") == 1; }));
  EXPECT_EQ(delegate_.fetches["http://127.0.0.1/api"].post_body, std::optional<std::string>(R"({"n":1})"));
  script::FetchAnswer answer;
  answer.ok = true;
  answer.status = 404;
  answer.body = "no such api";
  page_->SupplyFetch(delegate_.fetches["http://127.0.0.1/api"].token, answer);
  EXPECT_EQ(Eval("posted"), R"("404 false no such api")");
}

TEST_F(PageScriptsTest, LocationAsksTheDelegateToNavigate) {
  Load("<script>var before = location.pathname;</script>");
  EXPECT_EQ(Eval("before"), R"("/dir/page.html")");
  EXPECT_EQ(Eval("location.href = '../other.html'; 1"), "1");
  ASSERT_EQ(delegate_.navigations.size(), 1u);
  EXPECT_EQ(delegate_.navigations[0], "http://127.0.0.1/other.html");
}

TEST_F(PageScriptsTest, ClicksReachListenersAndPreventDefaultCancels) {
  Load(R"(<body><a id=a href="next.html">go</a><p id=p>x</p><script>
    var clicks = [];
    document.getElementById('a').addEventListener('click', e => { clicks.push('a'); e.preventDefault(); });
    document.body.addEventListener('click', e => clicks.push('body:' + e.target.id));
  </script></body>)");
  page_->SubresourcesComplete();
  ASSERT_TRUE(RunUntil([&] { return delegate_.loaded; }));
  // The serial litehtml would report for <a>: found in the layout HTML.
  const std::string layout = page_->TakeLayoutHtml();
  const size_t at = layout.find("<a ");
  ASSERT_NE(at, std::string::npos);
  const std::string attribute = std::string(script::kLayoutNodeAttribute) + "=\"";
  const size_t value = layout.find(attribute, at) + attribute.size();
  const uint64_t serial = std::stoull(layout.substr(value, layout.find('"', value) - value));
  std::optional<bool> not_canceled;
  page_->Click(serial, [&](bool result) { not_canceled = result; });
  ASSERT_TRUE(RunUntil([&] { return not_canceled.has_value(); }));
  EXPECT_FALSE(*not_canceled);
  not_canceled.reset();
  page_->Click(0, [&](bool result) { not_canceled = result; });  // no element: the body
  ASSERT_TRUE(RunUntil([&] { return not_canceled.has_value(); }));
  EXPECT_TRUE(*not_canceled);
  EXPECT_EQ(Eval("clicks.join()"), R"("a,body:a,body:")");
}

TEST_F(PageScriptsTest, KeysReachKeydownListenersWithTheirKey) {
  Load("<body><script>var keys = ''; document.body.addEventListener('keydown', e => keys += e.key);</script></body>");
  page_->PressKey("a");
  page_->PressKey("Enter");
  EXPECT_EQ(Eval("keys"), R"("aEnter")");
}

TEST_F(PageScriptsTest, DomChangesAreLaidOutOnceAndAskForAFrame) {
  Load("<body><p id=p>old</p></body>");
  EXPECT_FALSE(page_->DomChangedSinceLayout());
  EXPECT_EQ(Eval("document.getElementById('p').textContent = 'new'; 1"), "1");
  EXPECT_TRUE(page_->DomChangedSinceLayout());
  EXPECT_GT(delegate_.frames_wanted, 0);
  const std::string layout = page_->TakeLayoutHtml();
  EXPECT_NE(layout.find(">new</p>"), std::string::npos) << layout;
  EXPECT_FALSE(page_->DomChangedSinceLayout());
  EXPECT_EQ(page_->DumpHtml().find(script::kLayoutNodeAttribute), std::string::npos);
}

TEST_F(PageScriptsTest, VirtualTimeRunsTimersAheadBeforeLoadedIsSaid) {
  const auto start = std::chrono::steady_clock::now();
  Load(R"(<script>var ticks = 0;
    window.addEventListener('load', () => { const id = setInterval(() => { if (++ticks == 30) clearInterval(id) }, 1000) });
    setTimeout(() => document.title = 'late', 60000);</script>)",
       40000);
  page_->SubresourcesComplete();
  ASSERT_TRUE(RunUntil([&] { return delegate_.loaded; }));
  // Thirty seconds of timers ran in far less real time; the minute-long one did not.
  EXPECT_LT(std::chrono::steady_clock::now() - start, 4s);
  EXPECT_EQ(Eval("ticks"), "30");
  EXPECT_EQ(Eval("document.title"), R"("")");
}

TEST(PageScriptsDump, ADocumentWithoutScriptsSerializesAsParsed) {
  EXPECT_EQ(PageScripts::ParseAndSerialize("<title>t</title><p>a &amp; b"),
            "<!DOCTYPE html><html><head><title>t</title></head><body><p>a &amp; b</p></body></html>");
}

}  // namespace
}  // namespace sandtab::renderer
