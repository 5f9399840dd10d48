// The ResourceLoader tests' fixture: a content root with two files, a loader
// on a real io_context, and a fetch that runs the loop until its answer.
// resource_loader_test.cc covers file:, data:, about: and the broker log;
// resource_loader_http_test.cc http: against a loopback server.
#ifndef SANDTAB_TESTS_BROWSER_RESOURCE_LOADER_FIXTURE_H_
#define SANDTAB_TESTS_BROWSER_RESOURCE_LOADER_FIXTURE_H_

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "browser/loader/resource_loader.h"
#include "tests/browser/test_util.h"

namespace sandtab::browser {

inline constexpr int kTab = 7;
inline constexpr char kFileRule[] = "file: only under the content root";
inline constexpr char kHttpRule[] = "http: fetched by the browser's network stack";

class ResourceLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.ok());
    root_ = dir_.path() + "/root";
    std::filesystem::create_directories(root_);
    std::ofstream(root_ + "/index.html") << "<p>index</p>";
    std::ofstream(root_ + "/style.css") << "p{color:red}";
  }

  ResourceLoader& MakeLoader(LoaderLimits limits = {}, AddressSpaceOverrides overrides = {}) {
    loader_.emplace(io_, LoaderPolicy(root_, limits, std::move(overrides)), /*log_to_stderr=*/false);
    return *loader_;
  }

  // Fetches and runs the loop until the answer arrives, at most `limit`.
  std::optional<FetchResult> FetchAndWait(const std::string& url,
                                          std::chrono::milliseconds limit = std::chrono::seconds(10),
                                          Requester requester = Requester::User()) {
    std::optional<FetchResult> got;
    int calls = 0;
    loader_->Fetch(url, kTab, requester, [&](FetchResult result) {
      ++calls;
      got = std::move(result);
    });
    EXPECT_FALSE(got.has_value()) << "the answer must come through the io_context, not from Fetch itself";
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!got && std::chrono::steady_clock::now() < deadline) {
      if (io_.stopped()) io_.restart();
      io_.run_one_for(std::chrono::milliseconds(20));
    }
    EXPECT_TRUE(got.has_value()) << "no answer within " << limit.count() << " ms for " << url;
    // Let anything left over run, and check the callback ran exactly once.
    io_.restart();
    io_.poll();
    EXPECT_EQ(calls, got ? 1 : 0);
    return got;
  }

  const BrokerLogEntry& LastLog() const {
    static const BrokerLogEntry kNone;
    return loader_->broker_log().empty() ? kNone : loader_->broker_log().back();
  }

  testing::TempDir dir_;
  std::string root_;
  boost::asio::io_context io_;
  std::optional<ResourceLoader> loader_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_TESTS_BROWSER_RESOURCE_LOADER_FIXTURE_H_
