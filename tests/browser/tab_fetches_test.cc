// TabFetches: every rule a renderer's FetchRequest must keep, by the words
// of its bad message; answers only to the renderer and navigation that
// asked; documents' errors and grants; about:sandbox; bodies too large to
// go inline pass through the pacer. The loader is real, on a temporary
// content root; the renderer's channel is the test's hooks.
#include "browser/tab/tab_fetches.h"

#include "browser/loader/http_fetcher.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "browser/loader/loader_policy.h"
#include "browser/loader/url.h"
#include "browser/loader/resource_loader.h"
#include "browser/loader/site.h"
#include "browser/tab/navigation_history.h"
#include "browser/tab/renderer_host.h"
#include "browser/tab/site_lock.h"
#include "ipc/fetch_body.h"
#include "tests/browser/test_util.h"
#include "tests/support/run_until.h"

namespace sandtab::browser {
namespace {

using test::RunUntil;

constexpr int kTabId = 2;

class TabFetchesTest : public ::testing::Test {
 protected:
  TabFetchesTest() {
    EXPECT_TRUE(dir_.ok());
    std::ofstream(dir_.path() + "/index.html") << "<p>index</p>";
    std::ofstream(dir_.path() + "/big.css") << std::string(ipc::kMaxInlineBodyBytes + 1, ' ');
    document_ = "file://" + dir_.path() + "/index.html";
    history_.Push(document_);
  }

  TabFetches::Hooks Hooks() {
    TabFetches::Hooks hooks;
    hooks.asker = [this]() -> std::optional<TabFetches::Asker> {
      if (!renderer_) return std::nullopt;
      return asker_;
    };
    hooks.renderer.unread = [this] { return unread_; };
    hooks.renderer.send = [this](uint64_t request_id, FetchResult result) { sent_[request_id] = std::move(result); };
    hooks.renderer.bad_message = [this](const std::string& reason) { bad_messages_.push_back(reason); };
    hooks.document_failed = [this](std::string error) { document_error_ = std::move(error); };
    hooks.sandbox_page = [this](TabFetches::PageCallback page) { sandbox_pages_.push_back(std::move(page)); };
    return hooks;
  }

  proto::FetchRequest Request(uint64_t id, const std::string& url,
                              proto::FetchRequest::Kind kind = proto::FetchRequest::STYLESHEET) {
    proto::FetchRequest request;
    request.set_request_id(id);
    request.set_url(url);
    request.set_kind(kind);
    request.set_navigation_id(asker_.navigation_id);
    return request;
  }
  std::string Refusal(const proto::FetchRequest& request) {
    Status status = fetches_.OnRequest(request, history_);
    return status ? "" : status.error();
  }
  bool AnswerArrives(uint64_t id) {
    return RunUntil(io_, [&] { return sent_.count(id) > 0; });
  }
  // The loader finished `count` fetches (it logs each before it answers),
  // and their answers have run.
  void LoaderFinished(size_t count) {
    ASSERT_TRUE(RunUntil(io_, [&] { return loader_.broker_log().size() >= count; }));
    test::RunFor(io_, std::chrono::milliseconds(10));
  }

  testing::TempDir dir_;
  std::string document_;
  NavigationHistory history_;
  boost::asio::io_context io_;
  ResourceLoader loader_{io_, LoaderPolicy(dir_.path()), /*log_to_stderr=*/false};
  bool renderer_ = true;
  ipc::UnreadAttachments::Totals unread_;
  TabFetches::Asker asker_{1, 1};
  std::map<uint64_t, FetchResult> sent_;
  std::vector<std::string> bad_messages_;
  std::string document_error_;
  std::vector<TabFetches::PageCallback> sandbox_pages_;
  TabFetches fetches_{kTabId, io_, loader_, Hooks()};
};

TEST_F(TabFetchesTest, EachRequestRuleIsABadMessageWithItsName) {
  EXPECT_EQ(Refusal(Request(1, std::string(proto::kMaxUrlBytes + 1, 'u'))), "FetchRequest: URL longer than 2 MiB");
  EXPECT_EQ(Refusal(Request(1, document_, proto::FetchRequest::DOCUMENT)), "");
  EXPECT_EQ(Refusal(Request(1, document_ + "?again")), "FetchRequest: request_id already in use");
  proto::FetchRequest future = Request(2, document_);
  future.set_navigation_id(asker_.navigation_id + 1);
  EXPECT_EQ(Refusal(future), "FetchRequest: navigation that never started");
  EXPECT_EQ(Refusal(Request(3, "file:///etc/passwd", proto::FetchRequest::DOCUMENT)),
            "FetchRequest: DOCUMENT for a URL the browser did not navigate to");
}

// The tab's site lock (SiteLock) is asked about every DOCUMENT first, so a
// claim of another site's document dies naming the site rule; a document
// that lands where this renderer may not go is handed to the tab, never to
// the renderer.
TEST_F(TabFetchesTest, DocumentsAreCheckedAgainstTheSiteLockAndOnesLandingElsewhereAreNotAnswered) {
  SiteLock lock;
  lock.Commit(SiteForSpec(document_, dir_.path()));
  ASSERT_EQ(lock.ToString(), "sandtab://pages");
  std::vector<std::string> landed;
  TabFetches::Hooks hooks = Hooks();
  hooks.check_document = [&](const std::string& url) {
    return lock.CheckDocument(SiteForSpec(url, dir_.path()), "FetchRequest: DOCUMENT");
  };
  hooks.landed_elsewhere = [&](const std::string& final_url) {
    landed.push_back(final_url);
    return true;
  };
  TabFetches locked(kTabId, io_, loader_, hooks);
  auto refusal = [&](const proto::FetchRequest& request) {
    Status status = locked.OnRequest(request, history_);
    return status ? "" : status.error();
  };
  EXPECT_EQ(refusal(Request(1, "http://127.0.0.2/account.html", proto::FetchRequest::DOCUMENT)),
            std::string("FetchRequest: DOCUMENT: ") + kRuleDocumentOfLockedSite +
                " (http://127.0.0.2, locked to sandtab://pages)");
  EXPECT_EQ(
      refusal(Request(2, "file:///etc/passwd", proto::FetchRequest::DOCUMENT)),
      std::string("FetchRequest: DOCUMENT: ") + kRuleDocumentOfLockedSite + " (file://, locked to sandtab://pages)");
  // Of its own site but not the navigation's: the older rule.
  EXPECT_EQ(refusal(Request(3, "file://" + dir_.path() + "/other.html", proto::FetchRequest::DOCUMENT)),
            "FetchRequest: DOCUMENT for a URL the browser did not navigate to");
  // A subresource of another site is no claim about the document.
  EXPECT_EQ(refusal(Request(4, "data:text/css,p{}", proto::FetchRequest::STYLESHEET)), "");
  ASSERT_EQ(refusal(Request(5, document_, proto::FetchRequest::DOCUMENT)), "");
  ASSERT_TRUE(RunUntil(io_, [&] { return !landed.empty(); }));
  EXPECT_EQ(landed, std::vector<std::string>{document_});
  test::RunFor(io_, std::chrono::milliseconds(10));
  EXPECT_EQ(sent_.count(5), 0u) << "the renderer got a document the tab commits elsewhere";
  EXPECT_TRUE(AnswerArrives(4)) << "the subresource is answered as ever";
  EXPECT_EQ(locked.outstanding(), 0u);
}

TEST_F(TabFetchesTest, OnlyAScriptsFetchMayPostAndItsBodyIsBounded) {
  auto post = [&](uint64_t id, proto::FetchRequest::Kind kind, std::string method, size_t body_bytes) {
    proto::FetchRequest request = Request(id, "file://" + dir_.path() + "/x.json", kind);
    request.set_method(std::move(method));
    request.set_body(std::string(body_bytes, 'b'));
    return Refusal(request);
  };
  EXPECT_EQ(post(1, proto::FetchRequest::FETCH, "DELETE", 0), "FetchRequest: method other than POST");
  EXPECT_EQ(post(2, proto::FetchRequest::IMAGE, "POST", 1), "FetchRequest: POST for a non-FETCH kind");
  EXPECT_EQ(post(3, proto::FetchRequest::FETCH, "", 1), "FetchRequest: a body without POST");
  EXPECT_EQ(post(4, proto::FetchRequest::FETCH, "POST", proto::kMaxFetchBodyBytes + 1),
            "FetchRequest: body larger than 1 MiB");
  // Within the rules, a POST to a file: URL (which this file: document may
  // fetch) is the loader's to refuse, not a bad message.
  ASSERT_EQ(Refusal(Request(10, document_, proto::FetchRequest::DOCUMENT)), "");
  ASSERT_TRUE(AnswerArrives(10));
  EXPECT_EQ(post(5, proto::FetchRequest::FETCH, "POST", proto::kMaxFetchBodyBytes), "");
  ASSERT_TRUE(AnswerArrives(5));
  EXPECT_FALSE(sent_[5].ok);
  EXPECT_NE(sent_[5].error.find("refused"), std::string::npos) << sent_[5].error;
  ASSERT_FALSE(loader_.broker_log().empty());
  EXPECT_EQ(loader_.broker_log().back().rule, kRulePostOverHttpOnly);
}

TEST_F(TabFetchesTest, OutstandingRequestsAreBounded) {
  for (uint64_t id = 1; id <= kMaxOutstandingFetches; ++id) {
    ASSERT_EQ(Refusal(Request(id, "file://" + dir_.path() + "/x" + std::to_string(id) + ".css")), "");
  }
  EXPECT_EQ(fetches_.outstanding(), kMaxOutstandingFetches);
  EXPECT_EQ(Refusal(Request(kMaxOutstandingFetches + 1, document_)), "FetchRequest: too many outstanding requests");
  fetches_.DropOutstanding();  // a new navigation: the old ones no longer count
  EXPECT_EQ(Refusal(Request(kMaxOutstandingFetches + 1, document_)), "");
}

TEST_F(TabFetchesTest, TheDocumentIsAnsweredAndGrantsFollowIt) {
  ASSERT_EQ(Refusal(Request(1, document_, proto::FetchRequest::DOCUMENT)), "");
  ASSERT_TRUE(AnswerArrives(1));
  EXPECT_TRUE(sent_[1].ok);
  EXPECT_EQ(sent_[1].body, "<p>index</p>");
  EXPECT_EQ(fetches_.outstanding(), 0u);
  EXPECT_TRUE(document_error_.empty());
  // A file: document may ask for the content root's files.
  EXPECT_TRUE(fetches_.grants().MayFetch(*ParseUrl("file://" + dir_.path() + "/big.css")).allowed);
}

TEST_F(TabFetchesTest, AStaleRequestIsDroppedUnanswered) {
  asker_.navigation_id = 2;
  proto::FetchRequest old = Request(1, document_);
  old.set_navigation_id(1);
  EXPECT_EQ(Refusal(old), "");
  EXPECT_EQ(fetches_.outstanding(), 0u);
  test::RunFor(io_, std::chrono::milliseconds(20));
  EXPECT_TRUE(sent_.empty());
  EXPECT_TRUE(loader_.broker_log().empty()) << "a stale request reached the loader";
}

TEST_F(TabFetchesTest, AnAnswerGoesOnlyToTheRendererAndNavigationThatAsked) {
  ASSERT_EQ(Refusal(Request(1, document_, proto::FetchRequest::DOCUMENT)), "");
  asker_.renderer_generation = 2;  // that renderer died; another runs
  LoaderFinished(1);
  EXPECT_TRUE(sent_.empty());

  asker_ = {2, 1};
  ASSERT_EQ(Refusal(Request(2, document_, proto::FetchRequest::DOCUMENT)), "");
  asker_.navigation_id = 2;  // navigated on
  LoaderFinished(2);
  EXPECT_TRUE(sent_.empty());
}

TEST_F(TabFetchesTest, AFailedDocumentShowsAnErrorPageAndTellsTheUserWhy) {
  history_.Push("file://" + dir_.path() + "/missing.html");
  ASSERT_EQ(Refusal(Request(1, history_.current_url(), proto::FetchRequest::DOCUMENT)), "");
  ASSERT_TRUE(AnswerArrives(1));
  EXPECT_FALSE(sent_[1].ok);
  EXPECT_EQ(sent_[1].mime_type, "text/html");
  EXPECT_NE(sent_[1].body.find("<html>"), std::string::npos);
  EXPECT_FALSE(document_error_.empty());
}

TEST_F(TabFetchesTest, AboutSandboxIsMadeFromTheRenderersOwnReport) {
  history_.Push("about:sandbox");
  ASSERT_EQ(Refusal(Request(1, "about:sandbox", proto::FetchRequest::DOCUMENT)), "");
  ASSERT_EQ(sandbox_pages_.size(), 1u);
  EXPECT_TRUE(sent_.empty());
  sandbox_pages_[0]("<p>report</p>");
  ASSERT_EQ(sent_.count(1), 1u);
  EXPECT_EQ(sent_[1].body, "<p>report</p>");
  EXPECT_EQ(sent_[1].final_url, "about:sandbox");
  EXPECT_EQ(loader_.broker_log().back().url, "about:sandbox");
  sandbox_pages_[0]("<p>twice</p>");  // answered already
  EXPECT_EQ(sent_[1].body, "<p>report</p>");
}

TEST_F(TabFetchesTest, ABodyTooLargeToGoInlineWaitsForTheRendererToRead) {
  ASSERT_EQ(Refusal(Request(1, document_, proto::FetchRequest::DOCUMENT)), "");
  ASSERT_TRUE(AnswerArrives(1));
  unread_ = {FetchBodyPacer::kWindowFds, 0};  // the renderer reads nothing
  ASSERT_EQ(Refusal(Request(2, "file://" + dir_.path() + "/big.css")), "");
  ASSERT_TRUE(RunUntil(io_, [&] { return fetches_.body_pacer().waiting() == 1; }));
  EXPECT_EQ(sent_.count(2), 0u);
  unread_ = {};  // it read them
  ASSERT_TRUE(AnswerArrives(2));
  EXPECT_EQ(sent_[2].body.size(), ipc::kMaxInlineBodyBytes + 1);
  EXPECT_TRUE(bad_messages_.empty());
}

}  // namespace
}  // namespace sandtab::browser
