// DESIGN section 8: `sandtab --headless --screenshot=FILE --window-size=W,H
// URL` renders one page and exits; bad input exits non-zero with a message.
#include <filesystem>
#include <string>
#include <vector>

#include "tests/integration/integration_fixture.h"

namespace sandtab::integration {
namespace {

class OneShotTest : public ShellTest {
 protected:
  ProcessResult Run(const std::vector<std::string>& args) {
    std::vector<std::string> argv{SandtabBinary()};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessResult result = RunProcess(argv, 30s);
    EXPECT_FALSE(result.timed_out) << "one-shot run did not end within 30 s";
    return result;
  }
  // A run that must fail as the user is told: a non-zero exit, a message
  // naming `named`, and no file at `out`.
  ProcessResult RunExpectingFailure(const std::vector<std::string>& args, const std::string& out,
                                    const std::string& named) {
    ProcessResult result = Run(args);
    EXPECT_NE(result.exit_code, 0);
    EXPECT_NE(result.stderr_text.find(named), std::string::npos) << result.stderr_text;
    EXPECT_FALSE(std::filesystem::exists(out));
    return result;
  }
};

TEST_F(OneShotTest, WritesAPngOfTheRequestedSizeAndExitsZero) {
  std::string out = TempPath("out.png");
  ProcessResult result =
      Run({"--headless", "--screenshot=" + out, "--window-size=640,480", "--content-root=" + PagesDir(), kTable.file});
  ASSERT_EQ(result.exit_code, 0) << result.stderr_text;
  EXPECT_EQ(result.signal, 0);
  std::string error;
  auto image = ReadPng(out, &error);
  ASSERT_TRUE(image) << error;
  EXPECT_EQ(image->width, 640);
  EXPECT_EQ(image->height, 480);
  EXPECT_EQ(image->At(kBlockCentreX, kBlockCentreY), kTable.block);
  EXPECT_EQ(image->CountNotNear(kBlockX0, kBlockY0, kBlockX1, kBlockY1, kTable.block, 0), 0u);
}

TEST_F(OneShotTest, ArticleWithItsStylesheetRenders) {
  std::string out = TempPath("article.png");
  ProcessResult result = Run(
      {"--headless", "--screenshot=" + out, "--window-size=1280,800", "--content-root=" + PagesDir(), kArticle.file});
  ASSERT_EQ(result.exit_code, 0) << result.stderr_text;
  auto image = ReadPng(out);
  ASSERT_TRUE(image);
  // The block and background come from style.css: the subresource arrived.
  EXPECT_EQ(image->At(kBlockCentreX, kBlockCentreY), kArticle.block);
  EXPECT_TRUE(sandtab::test::Near(image->At(kBackgroundX, kBackgroundY), kArticle.background, 2));
}

TEST_F(OneShotTest, BadFlagExitsNonZeroWithAMessage) {
  std::string out = TempPath("bad.png");
  RunExpectingFailure({"--headless", "--screenshot=" + out, "--no-such-flag", kIndex.file}, out, "no-such-flag");
}

TEST_F(OneShotTest, BadWindowSizeExitsNonZeroWithAMessage) {
  std::string out = TempPath("bad.png");
  RunExpectingFailure({"--headless", "--screenshot=" + out, "--window-size=0,abc", kIndex.file}, out, "window-size");
}

TEST_F(OneShotTest, RefusedUrlExitsNonZeroWithAMessageAndNoFile) {
  std::string out = TempPath("refused.png");
  ProcessResult result = RunExpectingFailure(
      {"--headless", "--screenshot=" + out, "--content-root=" + PagesDir(), "file:///etc/passwd"}, out, "/etc/passwd");
  EXPECT_EQ(result.stdout_text.find("root:"), std::string::npos) << "passwd leaked to stdout";
}

TEST_F(OneShotTest, MissingPageExitsNonZeroWithAMessage) {
  std::string out = TempPath("missing.png");
  RunExpectingFailure({"--headless", "--screenshot=" + out, "--content-root=" + PagesDir(), "no-such-page.html"}, out,
                      "no-such-page.html");
}

}  // namespace
}  // namespace sandtab::integration
