// LoaderPolicy::Check in a real temporary content root.
#include "browser/loader_policy.h"

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
    ASSERT_TRUE(dir_.ok());
    // The root is a subfolder, so "outside" files exist right next to it.
    root_ = dir_.path() + "/root";
    fs::create_directories(root_ + "/sub");
    Write(root_ + "/index.html", "<p>hi</p>");
    Write(root_ + "/sub/page.html", "<p>sub</p>");
    Write(dir_.path() + "/secret.txt", "secret");
    char resolved[PATH_MAX];
    ASSERT_NE(::realpath(root_.c_str(), resolved), nullptr);
    canonical_root_ = resolved;
  }

  static void Write(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
  }

  PolicyDecision CheckSpec(const std::string& spec, LoaderLimits limits = {}) {
    auto url = ParseUrl(spec);
    EXPECT_TRUE(url.ok()) << spec << ": " << (url.ok() ? "" : url.error());
    if (!url.ok()) return {};
    return LoaderPolicy(root_, limits).Check(*url);
  }

  testing::TempDir dir_;
  std::string root_;
  std::string canonical_root_;
};

TEST_F(LoaderPolicyTest, ContentRootIsCanonical) {
  LoaderPolicy policy(root_ + "/sub/..//");
  EXPECT_EQ(policy.content_root(), canonical_root_);
}

TEST_F(LoaderPolicyTest, FileInsideTheRootIsAllowedWithItsCanonicalPath) {
  auto decision = CheckSpec("file://" + root_ + "/index.html");
  EXPECT_TRUE(decision.allowed) << decision.detail;
  EXPECT_EQ(decision.rule, kFileRule);
  EXPECT_EQ(decision.resolved_path, canonical_root_ + "/index.html");

  // A detour through a subfolder and back resolves to the same file.
  auto detour = CheckSpec("file://" + root_ + "/sub/../sub/./page.html");
  EXPECT_TRUE(detour.allowed) << detour.detail;
  EXPECT_EQ(detour.resolved_path, canonical_root_ + "/sub/page.html");
}

TEST_F(LoaderPolicyTest, SymlinkInsideTheRootToAFileInsideIsAllowed) {
  fs::create_symlink(root_ + "/sub/page.html", root_ + "/alias.html");
  auto decision = CheckSpec("file://" + root_ + "/alias.html");
  EXPECT_TRUE(decision.allowed) << decision.detail;
  EXPECT_EQ(decision.resolved_path, canonical_root_ + "/sub/page.html");
}

TEST_F(LoaderPolicyTest, EtcPasswdIsRefused) {
  auto decision = CheckSpec("file:///etc/passwd");
  EXPECT_FALSE(decision.allowed);
  EXPECT_EQ(decision.rule, kFileRule);
  EXPECT_THAT(decision.detail, HasSubstr("outside the content root"));
  EXPECT_TRUE(decision.resolved_path.empty());
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
}

TEST_F(LoaderPolicyTest, SiblingWithTheRootAsPrefixIsRefused) {
  // "<dir>/root-evil" starts with "<dir>/root" but is not under it.
  fs::create_directories(dir_.path() + "/root-evil");
  Write(dir_.path() + "/root-evil/x.html", "x");
  auto decision = CheckSpec("file://" + dir_.path() + "/root-evil/x.html");
  EXPECT_FALSE(decision.allowed);
  EXPECT_EQ(decision.rule, kFileRule);
}

TEST_F(LoaderPolicyTest, SymlinkInsideTheRootPointingOutsideIsRefused) {
  fs::create_symlink(dir_.path() + "/secret.txt", root_ + "/link.txt");
  fs::create_directory_symlink("/etc", root_ + "/etc");
  auto file_link = CheckSpec("file://" + root_ + "/link.txt");
  EXPECT_FALSE(file_link.allowed);
  EXPECT_EQ(file_link.rule, kFileRule);
  EXPECT_THAT(file_link.detail, HasSubstr("outside"));
  auto dir_link = CheckSpec("file://" + root_ + "/etc/passwd");
  EXPECT_FALSE(dir_link.allowed);
  EXPECT_EQ(dir_link.rule, kFileRule);
}

TEST_F(LoaderPolicyTest, MissingFileIsRefused) {
  auto decision = CheckSpec("file://" + root_ + "/nope.html");
  EXPECT_FALSE(decision.allowed);
  EXPECT_EQ(decision.rule, kFileRule);
  EXPECT_THAT(decision.detail, HasSubstr("No such file"));
}

TEST_F(LoaderPolicyTest, DirectoryIsRefused) {
  for (const std::string& spec : {"file://" + root_ + "/sub", "file://" + root_ + "/sub/", "file://" + root_}) {
    auto decision = CheckSpec(spec);
    EXPECT_FALSE(decision.allowed) << spec;
    EXPECT_EQ(decision.rule, kFileRule) << spec;
    EXPECT_THAT(decision.detail, HasSubstr("not a regular file")) << spec;
  }
}

TEST_F(LoaderPolicyTest, FileLargerThanTheBodyCapIsRefused) {
  Write(root_ + "/big.html", std::string(2000, 'x'));
  LoaderLimits limits;
  limits.max_body_bytes = 1000;
  auto decision = CheckSpec("file://" + root_ + "/big.html", limits);
  EXPECT_FALSE(decision.allowed);
  EXPECT_THAT(decision.detail, HasSubstr("body cap"));
  EXPECT_TRUE(CheckSpec("file://" + root_ + "/index.html", limits).allowed);
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
  EXPECT_EQ(CheckSpec("http://127.0.0.1:1/").rule, "http: fetched by the browser's network stack");
  EXPECT_TRUE(CheckSpec("http://127.0.0.1:1/").allowed);
}

}  // namespace
}  // namespace sandtab::browser
