// DESIGN section 1: only the browser opens files, and only under the
// content root. Every escape ends on the error page, with the refusing rule
// in the broker's log.
#include <fstream>
#include <filesystem>

#include "tests/integration/integration_fixture.h"

namespace sandtab::integration {
namespace {

class LoaderTest : public ShellTest {
 protected:
  // Opens url, waits for it to settle, and checks it ended refused: the
  // error page with document_error, and a broker decision for that URL that
  // names its rule and says refused.
  void ExpectRefused(const std::string& url, const std::string& must_mention) {
    SCOPED_TRACE(url);
    Json opened = Ok("open " + url);
    int id = opened.get<int>("id");
    std::string shown_url = opened.get<std::string>("url");
    Ok("wait " + std::to_string(id) + " 10", 20s);
    Json tab = Tab(id);
    std::string error = tab.get<std::string>("document_error", "");
    EXPECT_FALSE(error.empty()) << "no document_error: " << ToJsonText(tab);
    EXPECT_NE(error.find(must_mention), std::string::npos) << error;
    EXPECT_EQ(tab.get<std::string>("title"), "Can't open this page") << ToJsonText(tab);
    // The secret never reached the renderer: the page is the error page, so
    // the title is not the file's content.
    bool found = false;
    for (const Json& decision : sandtab::test::ArrayAt(Ok("broker 50"), "decisions")) {
      if (decision.get<std::string>("url", "") != shown_url) continue;
      found = true;
      EXPECT_FALSE(decision.get<std::string>("rule", "").empty()) << ToJsonText(decision);
      EXPECT_EQ(decision.get<std::string>("outcome", "").rfind("refused", 0), 0u) << ToJsonText(decision);
      EXPECT_EQ(decision.get<int>("tab", -1), id);
    }
    EXPECT_TRUE(found) << "no broker decision for " << shown_url;
  }
};

TEST_F(LoaderTest, AbsoluteFileOutsideTheRootIsRefused) {
  StartShell();
  ExpectRefused("file:///etc/passwd", "outside the content root");
}

TEST_F(LoaderTest, DotDotEscapeIsRefused) {
  StartShell();
  std::string root = std::filesystem::canonical(PagesDir()).string();
  ExpectRefused("file://" + root + "/../CMakeLists.txt", "outside the content root");
  ExpectRefused("file://" + root + "/images/../../CMakeLists.txt", "outside the content root");
}

TEST_F(LoaderTest, PercentEncodedDotDotEscapeIsRefused) {
  StartShell();
  std::string root = std::filesystem::canonical(PagesDir()).string();
  ExpectRefused("file://" + root + "/%2e%2e/CMakeLists.txt", "outside the content root");
  ExpectRefused("file://" + root + "/images/..%2f..%2fCMakeLists.txt", "outside the content root");
}

TEST_F(LoaderTest, SymlinkEscapeFromATempContentRootIsRefused) {
  // A content root of our own: a real page, a symlink to /etc/passwd, and a
  // symlinked directory pointing at /etc.
  std::string root = TempPath("root");
  std::filesystem::create_directory(root);
  std::filesystem::copy_file(PagesDir() + "/index.html", root + "/index.html");
  std::filesystem::create_symlink("/etc/passwd", root + "/passwd.html");
  std::filesystem::create_directory_symlink("/etc", root + "/etc");
  StartShell({"--content-root=" + root});

  ExpectRefused("passwd.html", "outside the content root");
  ExpectRefused("etc/passwd", "outside the content root");
  // Control: a real file under the root loads.
  TabRef ok = Open("index.html");
  Json tab = Tab(ok.id);
  EXPECT_EQ(tab.get<std::string>("document_error", ""), "") << ToJsonText(tab);
  EXPECT_EQ(tab.get<std::string>("title"), kIndex.title);
}

TEST_F(LoaderTest, ErrorPageDoesNotBringDownTheTabOrItsNeighbours) {
  StartShell();
  TabRef good = Open(kIndex.file);
  ExpectRefused("file:///etc/shadow", "outside the content root");
  EXPECT_EQ(Tab(good.id).get<pid_t>("pid"), good.pid);
  EXPECT_EQ(Ok("stats").get<int>("deaths"), 0);
}

}  // namespace
}  // namespace sandtab::integration
