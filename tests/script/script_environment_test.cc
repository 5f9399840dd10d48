// ScriptEnvironment with the real engine: what every document's scripts
// share (the engine or none, the background state, the storage channel).
#include "renderer/script_environment.h"

#include <gtest/gtest.h>
#include <sys/socket.h>

#include <chrono>

#include "tests/script/test_engine.h"

namespace sandtab::renderer {
namespace {

using namespace std::chrono_literals;

class CountingDelegate : public PageScripts::Delegate {
 public:
  void OnConsoleLine(const script::ConsoleLine&) override {}
  void OnFrameWanted() override { ++frames_wanted; }
  void OnScriptFatal(const script::ScriptResult&) override {}
  void OnNavigationRequested(const std::string&) override {}
  void OnFetchWanted(uint64_t, const std::string&, proto::FetchRequest::Kind, std::optional<std::string>) override {}
  void OnLoaded() override {}
  int frames_wanted = 0;
};

class ScriptEnvironmentTest : public ::testing::Test {
 protected:
  // Evaluates `expression` in `page` and runs the loop until it answered (5 s at most).
  std::string Eval(PageScripts& page, const std::string& expression) {
    std::string value = "(no answer)";
    page.Evaluate(expression, [&](const script::ScriptResult& result) {
      value = result.ok() ? result.value : "error: " + result.error;
    });
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (value == "(no answer)" && std::chrono::steady_clock::now() < deadline) {
      io_.restart();
      io_.run_for(10ms);
    }
    return value;
  }

  boost::asio::io_context io_;
  CountingDelegate delegate_;
};

TEST_F(ScriptEnvironmentTest, WithoutAnEngineNoDocumentGetsScripts) {
  ScriptEnvironment disabled(io_, nullptr, -1);
  EXPECT_FALSE(disabled.enabled());
  std::string error;
  EXPECT_EQ(disabled.Create("<script>1</script>", "http://127.0.0.1/", &delegate_, &error), nullptr);
  EXPECT_EQ(error, "JavaScript is disabled (--disable-javascript)");
}

TEST_F(ScriptEnvironmentTest, ADocumentMadeInTheBackgroundIsThrottledUntilShown) {
  ScriptEnvironment environment(io_, &script::TestEngine(), -1);
  ASSERT_TRUE(environment.enabled());
  environment.SetHidden(true, nullptr);  // no document yet: the next one is made hidden
  std::string error;
  std::unique_ptr<PageScripts> page = environment.Create("<p>x</p>", "http://127.0.0.1/", &delegate_, &error);
  ASSERT_TRUE(page) << error;
  page->Start();
  const int before = delegate_.frames_wanted;
  EXPECT_EQ(Eval(*page, "requestAnimationFrame(() => 0); 'asked'"), "\"asked\"");  // JSON
  EXPECT_EQ(delegate_.frames_wanted, before) << "a hidden page's animation asked for a frame";
  environment.SetHidden(false, page.get());  // shown: the waiting callback asks now
  EXPECT_FALSE(environment.hidden());
  EXPECT_EQ(delegate_.frames_wanted, before + 1);
}

TEST_F(ScriptEnvironmentTest, TheStorageChannelIsOneSocketSentOnce) {
  ScriptEnvironment environment(io_, nullptr, -1);
  EXPECT_EQ(environment.storage(), nullptr);
  Status without = environment.AdoptStorageChannel({});
  ASSERT_FALSE(without);
  EXPECT_EQ(without.error(), "StorageChannel: without its socket");

  auto socket_pair = [] {
    int fds[2];
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds), 0);
    std::vector<UniqueFd> ends;
    ends.emplace_back(fds[0]);
    ends.emplace_back(fds[1]);
    return ends;
  };
  std::vector<UniqueFd> first = socket_pair();
  first.pop_back();
  ASSERT_TRUE(environment.AdoptStorageChannel(std::move(first)));
  EXPECT_NE(environment.storage(), nullptr);

  std::vector<UniqueFd> second = socket_pair();
  second.pop_back();
  Status twice = environment.AdoptStorageChannel(std::move(second));
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error(), "StorageChannel: sent twice");
}

// A spare's prepared context goes to the next document with scripts, which
// runs in it as in one of its own; the one after makes its own again.
// (SpiderMonkey allows one context per thread at a time: the renderer
// drops a document's scripts before the next document's are made.)
TEST_F(ScriptEnvironmentTest, APreparedContextIsTheNextDocumentsAndOnlyItsOwn) {
  ScriptEnvironment environment(io_, &script::TestEngine(), -1);
  EXPECT_FALSE(environment.context_prepared());
  environment.PrepareContext();
  ASSERT_TRUE(environment.context_prepared());
  environment.PrepareContext();  // once is enough: still the one
  ASSERT_TRUE(environment.context_prepared());

  std::string error;
  std::unique_ptr<PageScripts> first =
      environment.Create("<p id=a>first</p>", "http://127.0.0.1/one.html", &delegate_, &error);
  ASSERT_TRUE(first) << error;
  EXPECT_FALSE(environment.context_prepared()) << "the document did not take the prepared context";
  first->Start();
  EXPECT_EQ(Eval(*first, "document.getElementById('a').textContent + ' ' + location.pathname"), "\"first /one.html\"");
  // The prepared global held nothing of a page before: one value set on it
  // stays with its document.
  EXPECT_EQ(Eval(*first, "window.mark = 'first'; typeof mark"), "\"string\"");
  first.reset();  // one context at a time in a thread, as the renderer has them

  std::unique_ptr<PageScripts> second =
      environment.Create("<p id=a>second</p>", "http://127.0.0.1/two.html", &delegate_, &error);
  ASSERT_TRUE(second) << error;
  second->Start();
  EXPECT_EQ(Eval(*second, "typeof mark + ' ' + document.getElementById('a').textContent"), "\"undefined second\"");
}

// A document without scripts came instead: the prepared context goes, and
// a later document with scripts makes its own.
TEST_F(ScriptEnvironmentTest, AReleasedPreparedContextIsGoneAndTheNextDocumentMakesItsOwn) {
  ScriptEnvironment environment(io_, &script::TestEngine(), -1);
  environment.PrepareContext();
  ASSERT_TRUE(environment.context_prepared());
  EXPECT_GT(script::TestEngine().running_threads(), 0) << "a context without the engine's threads";
  environment.ReleasePreparedContext();
  EXPECT_FALSE(environment.context_prepared());
  EXPECT_EQ(script::TestEngine().running_threads(), 0) << "no context is left, the threads run on";
  environment.ReleasePreparedContext();  // nothing to release: nothing happens

  std::string error;
  std::unique_ptr<PageScripts> page = environment.Create("<p>x</p>", "http://127.0.0.1/", &delegate_, &error);
  ASSERT_TRUE(page) << error;
  EXPECT_GT(script::TestEngine().running_threads(), 0) << "the next document's context started no threads";
  page->Start();
  EXPECT_EQ(Eval(*page, "1 + 1"), "2");

  // Soon: not before kReleaseDelay, and not at all once a document took it.
  page.reset();  // one context at a time
  environment.PrepareContext();
  environment.ReleasePreparedContextSoon();
  io_.restart();
  io_.run_for(ScriptEnvironment::kReleaseDelay / 2);
  EXPECT_TRUE(environment.context_prepared()) << "released before the delay";
  environment.ReleasePreparedContextSoon();  // a later frame: the delay still counts from the first
  io_.restart();
  io_.run_for(ScriptEnvironment::kReleaseDelay * 7 / 10);
  EXPECT_FALSE(environment.context_prepared()) << "a later frame put the release off";
  environment.PrepareContext();
  environment.ReleasePreparedContextSoon();
  page = environment.Create("<p>y</p>", "http://127.0.0.1/", &delegate_, &error);
  ASSERT_TRUE(page) << error;
  page->Start();
  io_.restart();
  io_.run_for(ScriptEnvironment::kReleaseDelay * 3);  // the timer finds nothing to release
  EXPECT_EQ(Eval(*page, "document.querySelector('p').textContent"), "\"y\"");

  ScriptEnvironment disabled(io_, nullptr, -1);
  disabled.PrepareContext();
  EXPECT_FALSE(disabled.context_prepared()) << "a context was prepared under --disable-javascript";
}

}  // namespace
}  // namespace sandtab::renderer
