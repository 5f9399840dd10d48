// LoaderPolicy::Check in a real temporary content root.
#include "browser/loader/loader_policy.h"

#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/browser/test_util.h"

namespace sandtab::browser {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr char kFileRule[] = "file: only under the content root";

class LoaderPolicyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The root is a subfolder, so "outside" files exist right next to it.
    ASSERT_TRUE(content_.ok());
    char resolved[PATH_MAX];
    ASSERT_NE(::realpath(root_.c_str(), resolved), nullptr);
    canonical_root_ = resolved;
  }

  static void Write(const std::string& path, const std::string& text) { testing::ContentRootDir::Write(path, text); }

  PolicyDecision CheckSpec(const std::string& spec, LoaderLimits limits = {}) {
    auto url = ParseUrl(spec);
    EXPECT_TRUE(url.ok()) << spec << ": " << (url.ok() ? "" : url.error());
    if (!url.ok()) return {};
    return LoaderPolicy(root_, limits).Check(*url);
  }

  testing::ContentRootDir content_;
  const std::string& root_ = content_.root();
  const std::string& outside_ = content_.outside();
  std::string canonical_root_;
};

TEST_F(LoaderPolicyTest, ContentRootIsCanonical) {
  LoaderPolicy policy(root_ + "/sub/..//");
  EXPECT_EQ(policy.content_root(), canonical_root_);
}

TEST_F(LoaderPolicyTest, FileInsideTheRootIsAllowedWithItsPathUnderTheRoot) {
  auto decision = CheckSpec("file://" + root_ + "/index.html");
  EXPECT_TRUE(decision.allowed) << decision.detail;
  EXPECT_EQ(decision.rule, kFileRule);
  EXPECT_EQ(decision.root_relative_path, "index.html");

  // A detour through a subfolder and back names the same file.
  auto detour = CheckSpec("file://" + root_ + "/sub/../sub/./page.html");
  EXPECT_TRUE(detour.allowed) << detour.detail;
  EXPECT_EQ(detour.root_relative_path, "sub/page.html");

  // The canonical spelling of the root works as well as the given one.
  auto canonical = CheckSpec("file://" + canonical_root_ + "/sub/page.html");
  EXPECT_TRUE(canonical.allowed) << canonical.detail;
  EXPECT_EQ(canonical.root_relative_path, "sub/page.html");
}

TEST_F(LoaderPolicyTest, EtcPasswdIsRefused) {
  auto decision = CheckSpec("file:///etc/passwd");
  EXPECT_FALSE(decision.allowed);
  EXPECT_EQ(decision.rule, kFileRule);
  EXPECT_THAT(decision.detail, HasSubstr("outside the content root"));
  EXPECT_TRUE(decision.root_relative_path.empty());
}

// M5: the check outside the root is lexical. It never looks at the path, so
// an existing file and a missing one, or a /proc link to the browser's
// working directory, are refused alike, with no errno text and no resolved
// path.
TEST_F(LoaderPolicyTest, OutsideTheRootNothingIsLookedAt) {
  const auto existing = CheckSpec("file://" + outside_ + "/secret.txt");
  const auto missing = CheckSpec("file://" + outside_ + "/no-such-file.txt");
  EXPECT_FALSE(existing.allowed);
  EXPECT_FALSE(missing.allowed);
  EXPECT_EQ(existing.detail, outside_ + "/secret.txt is outside the content root");
  EXPECT_EQ(missing.detail, outside_ + "/no-such-file.txt is outside the content root");
  auto cwd = CheckSpec("file:///proc/self/cwd/x");
  EXPECT_FALSE(cwd.allowed);
  EXPECT_EQ(cwd.detail, "/proc/self/cwd/x is outside the content root");
}

TEST_F(LoaderPolicyTest, DotDotEscapeIsRefused) {
  auto decision = CheckSpec("file://" + root_ + "/../secret.txt");
  EXPECT_FALSE(decision.allowed);
  EXPECT_EQ(decision.rule, kFileRule);
  EXPECT_THAT(decision.detail, HasSubstr("outside"));
  // Percent-encoded dots and slashes are decoded before the check.
  auto encoded = CheckSpec("file://" + root_ + "/%2e%2e%2fsecret.txt");
  EXPECT_FALSE(encoded.allowed);
  EXPECT_EQ(encoded.rule, kFileRule);
  auto deep = CheckSpec("file://" + root_ + "/sub/../../root/../secret.txt");
  EXPECT_FALSE(deep.allowed);
}

TEST_F(LoaderPolicyTest, SiblingWithTheRootAsPrefixIsRefused) {
  // "<dir>/root-evil" starts with "<dir>/root" but is not under it.
  fs::create_directories(outside_ + "/root-evil");
  Write(outside_ + "/root-evil/x.html", "x");
  auto decision = CheckSpec("file://" + outside_ + "/root-evil/x.html");
  EXPECT_FALSE(decision.allowed);
  EXPECT_EQ(decision.rule, kFileRule);
}

TEST(RemoveDotSegments, AsTheKernelWalksWithoutLinks) {
  EXPECT_EQ(RemoveDotSegments("/a/./b/../c"), "/a/c");
  EXPECT_EQ(RemoveDotSegments("/../../etc/passwd"), "/etc/passwd");
  EXPECT_EQ(RemoveDotSegments("//a//b/"), "/a/b");
  EXPECT_EQ(RemoveDotSegments("/"), "/");
  EXPECT_EQ(RemoveDotSegments("/a/.."), "/");
  EXPECT_EQ(RemoveDotSegments("/a/...b/..c"), "/a/...b/..c");
}

// Chrome's restricted ports, for every requester (the user included).
TEST_F(LoaderPolicyTest, BlockedPortsAreRefused) {
  for (int port : {1, 7, 21, 22, 25, 110, 143, 6000, 6566, 6665, 6667, 6669, 6697, 10080}) {
    auto decision = CheckSpec("http://127.0.0.1:" + std::to_string(port) + "/");
    EXPECT_FALSE(decision.allowed) << port;
    EXPECT_EQ(decision.rule, "blocked port") << port;
  }
  for (int port : {80, 8080, 6664, 6670, 10079, 10081, 65535}) {
    EXPECT_TRUE(CheckSpec("http://127.0.0.1:" + std::to_string(port) + "/").allowed) << port;
  }
}

TEST_F(LoaderPolicyTest, HttpsIsRefusedNamingItsRule) {
  auto decision = CheckSpec("https://example.com/");
  EXPECT_FALSE(decision.allowed);
  EXPECT_EQ(decision.rule, "https: not supported (this build has no TLS)");
}

TEST_F(LoaderPolicyTest, UnknownSchemesAreRefused) {
  for (const char* spec : {"ftp://example.com/file", "javascript:alert(1)", "gopher://x/", "chrome://settings"}) {
    auto decision = CheckSpec(spec);
    EXPECT_FALSE(decision.allowed) << spec;
    EXPECT_EQ(decision.rule, "scheme not allowed") << spec;
    EXPECT_THAT(decision.detail, HasSubstr("refused")) << spec;
  }
}

TEST_F(LoaderPolicyTest, DataAboutAndHttpAreAllowedByTheirRules) {
  EXPECT_EQ(CheckSpec("data:text/plain,hi").rule, "data: decoded by the browser");
  EXPECT_TRUE(CheckSpec("data:text/plain,hi").allowed);
  EXPECT_EQ(CheckSpec("about:version").rule, "about: pages generated by the browser");
  EXPECT_TRUE(CheckSpec("about:version").allowed);
  EXPECT_EQ(CheckSpec("http://127.0.0.1:8000/").rule, "http: fetched by the browser's network stack");
  EXPECT_TRUE(CheckSpec("http://127.0.0.1:8000/").allowed);
}

}  // namespace
}  // namespace sandtab::browser
