// ContentRootFiles: reads under the content root only, resolved by the
// kernel beneath the root's descriptor (review M5, L10).
#include "browser/loader/content_root_files.h"

#include <sys/stat.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/browser/test_util.h"

namespace sandtab::browser {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using Outcome = ContentRootFiles::Read::Outcome;

constexpr size_t kCap = 1 << 20;

class ContentRootFilesTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(content_.ok()); }
  static void Write(const std::string& path, const std::string& text) { testing::ContentRootDir::Write(path, text); }

  testing::ContentRootDir content_;
  const std::string& root_ = content_.root();
  const std::string& outside_ = content_.outside();
};

TEST_F(ContentRootFilesTest, ReadsAFileUnderTheRoot) {
  ContentRootFiles files(root_);
  auto read = files.ReadFile("sub/page.html", kCap);
  EXPECT_EQ(read.outcome, Outcome::kOk) << read.detail;
  EXPECT_EQ(read.body, "<p>sub</p>");
}

TEST_F(ContentRootFilesTest, ARelativeLinkThatStaysInsideIsFollowed) {
  fs::create_symlink("sub/page.html", root_ + "/alias.html");
  auto read = ContentRootFiles(root_).ReadFile("alias.html", kCap);
  EXPECT_EQ(read.outcome, Outcome::kOk) << read.detail;
  EXPECT_EQ(read.body, "<p>sub</p>");
}

// A link leaving the root is refused during the walk, whatever it points at:
// relative or absolute, to a file or a folder, existing or not.
TEST_F(ContentRootFilesTest, LinksLeavingTheRootAreRefused) {
  fs::create_symlink("../secret.txt", root_ + "/up.txt");
  fs::create_symlink(outside_ + "/secret.txt", root_ + "/absolute.txt");
  fs::create_symlink(outside_ + "/missing.txt", root_ + "/absolute-missing.txt");
  fs::create_directory_symlink("/etc", root_ + "/etc");
  fs::create_symlink("/proc/self/cwd", root_ + "/cwd");
  ContentRootFiles files(root_);
  for (const char* path : {"up.txt", "absolute.txt", "absolute-missing.txt", "etc/passwd", "cwd/x", "../secret.txt"}) {
    auto read = files.ReadFile(path, kCap);
    EXPECT_EQ(read.outcome, Outcome::kRefused) << path << ": " << read.detail;
    EXPECT_THAT(read.detail, HasSubstr("outside the content root")) << path;
    EXPECT_TRUE(read.body.empty()) << path;
  }
}

TEST_F(ContentRootFilesTest, AMissingFileFails) {
  auto read = ContentRootFiles(root_).ReadFile("nope.html", kCap);
  EXPECT_EQ(read.outcome, Outcome::kFailed);
  EXPECT_THAT(read.detail, HasSubstr("No such file"));
}

// A FIFO would block a plain open until a writer came (O_NONBLOCK), and a
// folder or a device is no page: only regular files are read.
TEST_F(ContentRootFilesTest, OnlyRegularFiles) {
  ASSERT_EQ(::mkfifo((root_ + "/fifo").c_str(), 0600), 0);
  fs::create_symlink("/dev/zero", root_ + "/zero");
  ContentRootFiles files(root_);
  for (const char* path : {"fifo", "sub", ""}) {
    auto read = files.ReadFile(path, kCap);
    EXPECT_EQ(read.outcome, Outcome::kRefused) << path;
    EXPECT_THAT(read.detail, HasSubstr("not a regular file")) << path;
  }
  EXPECT_EQ(files.ReadFile("zero", kCap).outcome, Outcome::kRefused);  // and outside, too
}

TEST_F(ContentRootFilesTest, AFileOverTheCapFails) {
  Write(root_ + "/big.html", std::string(2000, 'x'));
  ContentRootFiles files(root_);
  auto read = files.ReadFile("big.html", 1000);
  EXPECT_EQ(read.outcome, Outcome::kFailed);
  EXPECT_THAT(read.detail, HasSubstr("body cap"));
  EXPECT_TRUE(read.body.empty());
  EXPECT_EQ(files.ReadFile("big.html", 2000).outcome, Outcome::kOk);
}

TEST_F(ContentRootFilesTest, AMissingRootFailsEveryRead) {
  ContentRootFiles files(outside_ + "/no-root");
  auto read = files.ReadFile("index.html", kCap);
  EXPECT_EQ(read.outcome, Outcome::kFailed);
  EXPECT_THAT(read.detail, HasSubstr("content root"));
}

}  // namespace
}  // namespace sandtab::browser
