// DESIGN section 1: only the browser opens sockets. Pages and their
// subresources come over http:// from a loopback server the test runs;
// bodies over 64 KiB travel in a sealed memfd (section 5); unreachable and
// silent hosts end on the error page within the HTTP timeout while the
// browser's loop keeps serving the other tabs (section 3).
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "tests/integration/integration_fixture.h"
#include "tests/support/loopback_http_server.h"
#include "tests/support/png_encoder.h"

namespace sandtab::integration {
namespace {

using sandtab::test::LoopbackHttpServer;
using Clock = std::chrono::steady_clock;

constexpr char kErrorTitle[] = "Can't open this page";
// ResourceLoader::ErrorPage's background (#fff4f2).
constexpr Rgba kErrorBackground{255, 244, 242, 255};
constexpr auto kHttpTimeout = 5s;  // the browser's default (loader_policy.h)

// The page's colours come only from its stylesheet: without it the body is
// white with an 8 px margin and the block has no background.
constexpr Rgba kHttpBackground{255, 243, 224, 255};  // #fff3e0
constexpr Rgba kHttpBlock{106, 27, 154, 255};        // #6a1b9a
// The served image: 100x50, left half teal, right half amber, drawn at
// (20,140)-(120,190) by the stylesheet.
constexpr Rgba kImageLeft{0, 150, 136, 255};
constexpr Rgba kImageRight{255, 193, 7, 255};

std::string TwoColourPng() {
  Image image;
  image.width = 100;
  image.height = 50;
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) image.pixels.push_back(x < 50 ? kImageLeft : kImageRight);
  }
  return sandtab::test::EncodePng(image);
}

// A page of exactly `size` bytes: a 200x100 block of `block` at (20,20) on
// `background`, padded with a comment.
std::string PaddedPage(size_t size, const std::string& title, const std::string& block, const std::string& background) {
  std::string head = "<!DOCTYPE html><html><head><title>" + title +
                     "</title><style>body{margin:0;padding:20px;background:" + background +
                     "}.block{width:200px;height:100px;background:" + block +
                     "}</style></head><body><div class=\"block\"></div><!-- ";
  std::string tail = " --></body></html>";
  std::string page = head;
  while (page.size() + tail.size() < size) page += "padding ";
  page.resize(size - tail.size(), ' ');
  return page + tail;
}

class HttpPagesTest : public ShellTest {
 protected:
  // The broker's decisions for `url` (most recent last).
  std::vector<Json> DecisionsFor(const std::string& url) {
    std::vector<Json> found;
    for (const Json& decision : sandtab::test::ArrayAt(Ok("broker 200"), "decisions")) {
      if (decision.get<std::string>("url", "") == url) found.push_back(decision);
    }
    return found;
  }
};

TEST_F(HttpPagesTest, PageWithRelativeStylesheetAndImageOverHttpRendersThem) {
  LoopbackHttpServer server;
  server.Serve("/site/page.html", "text/html",
               "<!DOCTYPE html><html><head><title>sandtab: over http</title>"
               "<link rel=\"stylesheet\" href=\"page.css\"></head><body>"
               "<div class=\"block\"></div>"
               "<img class=\"pic\" src=\"img/pic.png\" width=\"100\" height=\"50\">"
               "</body></html>");
  server.Serve("/site/page.css", "text/css",
               "body { margin: 0; padding: 20px; background: #fff3e0; }\n"
               ".block { width: 200px; height: 100px; background: #6a1b9a; }\n"
               ".pic { display: block; margin-top: 20px; }\n");
  std::string png = TwoColourPng();
  ASSERT_FALSE(png.empty());
  server.Serve("/site/img/pic.png", "image/png", png);

  StartShell();
  TabRef tab = Open(server.Url("/site/page.html"));
  // `wait` answers once the first frame is painted; subresources may
  // follow, so poll the pixels until the image has arrived.
  Image shot;
  bool complete = PollUntil(
      [&] {
        shot = Screenshot(tab.id);
        return shot.At(45, 165) == kImageLeft && shot.At(kBlockCentreX, kBlockCentreY) == kHttpBlock;
      },
      5s);
  Json entry = Tab(tab.id);
  EXPECT_TRUE(complete) << "block " << ToString(shot.At(kBlockCentreX, kBlockCentreY)) << ", image "
                        << ToString(shot.At(45, 165)) << "; " << ToJsonText(entry);
  EXPECT_EQ(entry.get<std::string>("title"), "sandtab: over http");
  EXPECT_EQ(entry.get<std::string>("document_error", ""), "") << ToJsonText(entry);

  // The stylesheet's colours, over their whole boxes.
  EXPECT_EQ(shot.CountNotNear(kBlockX0, kBlockY0, kBlockX1, kBlockY1, kHttpBlock, 0), 0u);
  EXPECT_EQ(shot.At(kBackgroundX, kBackgroundY), kHttpBackground);
  EXPECT_EQ(shot.At(10, 10), kHttpBackground);
  // The image's pixels at its box (interiors of both halves; edges may be
  // filtered).
  EXPECT_EQ(shot.CountNotNear(22, 142, 68, 188, kImageLeft, 2), 0u);
  EXPECT_EQ(shot.CountNotNear(72, 142, 118, 188, kImageRight, 2), 0u);
  EXPECT_EQ(shot.At(130, 165), kHttpBackground) << "the image is wider than its box";

  // The server saw each resource once; the broker allowed all three.
  EXPECT_EQ(server.RequestCount("/site/page.html"), 1);
  EXPECT_EQ(server.RequestCount("/site/page.css"), 1);
  EXPECT_EQ(server.RequestCount("/site/img/pic.png"), 1);
  for (const char* path : {"/site/page.html", "/site/page.css", "/site/img/pic.png"}) {
    SCOPED_TRACE(path);
    auto decisions = DecisionsFor(server.Url(path));
    ASSERT_EQ(decisions.size(), 1u);
    EXPECT_EQ(decisions[0].get<std::string>("outcome", "").rfind("allowed", 0), 0u) << ToJsonText(decisions[0]);
    EXPECT_EQ(decisions[0].get<std::string>("rule", "").rfind("http:", 0), 0u) << ToJsonText(decisions[0]);
    EXPECT_EQ(decisions[0].get<int>("tab", -1), tab.id);
  }
  auto image_decision = DecisionsFor(server.Url("/site/img/pic.png"));
  ASSERT_FALSE(image_decision.empty());
  EXPECT_EQ(image_decision[0].get<std::string>("outcome"), "allowed, " + std::to_string(png.size()) + " bytes");
}

// Both sides of the 64 KiB threshold (ipc/fetch_body.h's kMaxInlineBodyBytes) render.
TEST_F(HttpPagesTest, BodiesJustUnderAndJustOver64KiBBothRender) {
  constexpr size_t kUnder = 64 * 1024 - 100, kOver = 64 * 1024 + 100;
  LoopbackHttpServer server;
  server.Serve("/under.html", "text/html", PaddedPage(kUnder, "under", "#00695c", "#e0f7fa"));
  server.Serve("/over.html", "text/html", PaddedPage(kOver, "over", "#c62828", "#fffde7"));
  // The warm tab is of the server's site, so its renderer is the one that
  // takes both bodies (a page of another site would get a new process).
  server.Serve("/warm.html", "text/html", "<!DOCTYPE html><title>warm</title>");
  StartShell();
  TabRef warm = Open(server.Url("/warm.html"));  // pools and the zygote are warm
  SettledSparePid();                             // its channel and buffers counted both times
  Json before = Ok("stats");

  struct Case {
    const char* path;
    size_t size;
    Rgba block, background;
  };
  for (const Case& c : {Case{"/under.html", kUnder, {0, 105, 92, 255}, {224, 247, 250, 255}},
                        Case{"/over.html", kOver, {198, 40, 40, 255}, {255, 253, 231, 255}}}) {
    SCOPED_TRACE(c.path);
    Ok("nav " + std::to_string(warm.id) + " " + server.Url(c.path));
    Ok("wait " + std::to_string(warm.id) + " 10", 20s);
    Json entry = Tab(warm.id);
    EXPECT_EQ(entry.get<std::string>("url"), server.Url(c.path));
    EXPECT_EQ(entry.get<std::string>("document_error", ""), "") << ToJsonText(entry);
    EXPECT_EQ(entry.get<pid_t>("pid"), warm.pid) << "the renderer died on the body";
    Image shot = Screenshot(warm.id);
    EXPECT_EQ(shot.CountNotNear(kBlockX0, kBlockY0, kBlockX1, kBlockY1, c.block, 0), 0u)
        << "centre " << ToString(shot.At(kBlockCentreX, kBlockCentreY));
    EXPECT_EQ(shot.At(kBackgroundX, kBackgroundY), c.background);
    // The whole body reached the renderer: the closing tags after the
    // padding were parsed (the title is in <head>, so check the size).
    auto decisions = DecisionsFor(server.Url(c.path));
    ASSERT_EQ(decisions.size(), 1u);
    EXPECT_EQ(decisions[0].get<std::string>("outcome"), "allowed, " + std::to_string(c.size) + " bytes");
  }
  // The body's memfd is not kept: the browser's memfd and fd counts are
  // back to what they were with the tab open.
  SettledSparePid();
  Json after = Ok("stats");
  EXPECT_EQ(after.get<int>("memfds"), before.get<int>("memfds")) << ToJsonText(after);
  EXPECT_EQ(after.get<int>("fds"), before.get<int>("fds")) << ToJsonText(after);
  EXPECT_EQ(Ok("stats").get<int>("deaths"), 0);
}

// Runs `strace -e trace=memfd_create` on every thread of a process while it
// exists, so a test can see which shared memory the process creates.
class SyscallTrace {
 public:
  static constexpr const char* kStrace = "/usr/bin/strace";

  SyscallTrace(pid_t target, std::string log_path) : log_path_(std::move(log_path)) {
    std::vector<std::string> argv = {kStrace, "-qq", "-e", "trace=memfd_create", "-o", log_path_};
    for (const std::string& task : sandtab::test::DirEntries("/proc/" + std::to_string(target) + "/task")) {
      argv.push_back("-p");
      argv.push_back(task);
    }
    pid_ = fork();
    if (pid_ == 0) {
      int null_fd = ::open("/dev/null", O_RDWR);
      dup2(null_fd, 0);
      dup2(null_fd, 1);
      dup2(null_fd, 2);
      std::vector<char*> args;
      for (std::string& arg : argv) args.push_back(arg.data());
      args.push_back(nullptr);
      execv(kStrace, args.data());
      _exit(127);
    }
    // Attached once the target's main thread names a tracer.
    attached_ = PollUntil(
        [&] { return sandtab::test::StatusField(target, "TracerPid").value_or("0") == std::to_string(pid_); }, 5s);
  }
  ~SyscallTrace() { Stop(); }

  bool attached() const { return attached_; }

  // Detaches (SIGINT), reaps strace and returns its log.
  std::string Stop() {
    if (pid_ > 0) {
      kill(pid_, SIGINT);
      bool reaped = PollUntil([&] { return waitpid(pid_, nullptr, WNOHANG) == pid_; }, 5s);
      if (!reaped) {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
      }
      pid_ = -1;
    }
    std::ifstream file(log_path_);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
  }

 private:
  std::string log_path_;
  pid_t pid_ = -1;
  bool attached_ = false;
};

// The body over 64 KiB is handed over as a memfd the browser creates for it
// ("sandtab-body", ipc::SharedBuffer), the one under is not: observed from
// outside with strace on the browser while each page loads.
TEST_F(HttpPagesTest, OnlyTheBodyOver64KiBIsCreatedAsAMemfd) {
  if (access(SyscallTrace::kStrace, X_OK) != 0) GTEST_SKIP() << "needs " << SyscallTrace::kStrace;
  LoopbackHttpServer server;
  server.Serve("/under.html", "text/html", PaddedPage(64 * 1024 - 100, "under", "#00695c", "#e0f7fa"));
  server.Serve("/over.html", "text/html", PaddedPage(64 * 1024 + 100, "over", "#c62828", "#fffde7"));
  server.Serve("/first.html", "text/html", "<!DOCTYPE html><title>first</title>");
  StartShell();
  TabRef tab = Open(server.Url("/first.html"));  // the server's site: both loads stay in this renderer
  auto traced_load = [&](const std::string& path) {
    SyscallTrace trace(browser_pid(), TempPath("strace-" + path.substr(1) + ".log"));
    Require(trace.attached(), "strace did not attach to the browser");
    Ok("nav " + std::to_string(tab.id) + " " + server.Url(path));
    Ok("wait " + std::to_string(tab.id) + " 10", 20s);
    return trace.Stop();
  };
  std::string under = traced_load("/under.html");
  std::string over = traced_load("/over.html");
  EXPECT_EQ(under.find("sandtab-body"), std::string::npos) << "under 64 KiB:\n" << under;
  EXPECT_NE(over.find("memfd_create(\"sandtab-body\""), std::string::npos) << "over 64 KiB:\n" << over;
  EXPECT_EQ(Tab(tab.id).get<pid_t>("pid"), tab.pid);
  EXPECT_EQ(Screenshot(tab.id).At(kBlockCentreX, kBlockCentreY), (Rgba{198, 40, 40, 255}));
}

class UnreachableHostTest : public HttpPagesTest {
 protected:
  // Opens url (no `wait`: it would hold the shell) and, until the tab has a
  // document_error, scrolls the bystander and checks that its pixels move
  // and its renderer stays; returns how long the error took.
  std::chrono::milliseconds OpenAndKeepTheOtherTabPainting(const std::string& url, int* id, const TabRef& bystander) {
    auto start = Clock::now();
    *id = Ok("open " + url).get<int>("id");
    Image previous = Screenshot(bystander.id);
    int scrolls = 0;
    int direction = 1;
    while (Tab(*id).get<std::string>("document_error", "").empty()) {
      Require(Clock::now() - start < kHttpTimeout + 5s, "no error page for " + url);
      // The bystander still answers to input while the fetch is pending.
      auto command_start = Clock::now();
      Ok("scroll " + std::to_string(bystander.id) + " " + std::to_string(40 * direction));
      Image now;
      bool moved = PollUntil(
          [&] {
            now = Screenshot(bystander.id);
            return now.CountDifferent(previous) > 0;
          },
          2s);
      EXPECT_TRUE(moved) << "scroll " << scrolls << " did not change the bystander's pixels";
      EXPECT_LT(Clock::now() - command_start, 2s) << "the browser loop was slow to answer";
      previous = now;
      direction = -direction;
      ++scrolls;
      std::this_thread::sleep_for(200ms);
    }
    auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    EXPECT_EQ(Tab(bystander.id).get<pid_t>("pid"), bystander.pid);
    return elapsed;
  }

  void ExpectErrorPage(int id, const std::string& mention) {
    Ok("wait " + std::to_string(id) + " 10", 20s);
    Json tab = Tab(id);
    EXPECT_EQ(tab.get<std::string>("title"), kErrorTitle) << ToJsonText(tab);
    EXPECT_NE(tab.get<std::string>("document_error", "").find(mention), std::string::npos) << ToJsonText(tab);
    EXPECT_EQ(tab.get<std::string>("state"), "loaded") << ToJsonText(tab);
    EXPECT_EQ(tab.get<int>("crashes"), 0) << ToJsonText(tab);
    EXPECT_EQ(Screenshot(id).At(kBackgroundX, kBackgroundY), kErrorBackground);
  }
};

TEST_F(UnreachableHostTest, ClosedPortEndsOnTheErrorPageAndTheOtherTabKeepsPainting) {
  uint16_t port = LoopbackHttpServer::ClosedPort();
  StartShell();
  TabRef bystander = Open(kArticle.file);  // taller than the window: it scrolls
  int id = 0;
  std::string url = "http://127.0.0.1:" + std::to_string(port) + "/page.html";
  auto elapsed = OpenAndKeepTheOtherTabPainting(url, &id, bystander);
  EXPECT_LE(elapsed, kHttpTimeout) << "a refused connect took " << elapsed.count() << " ms";
  ExpectErrorPage(id, "cannot connect");
  auto decisions = DecisionsFor(url);
  ASSERT_EQ(decisions.size(), 1u);
  EXPECT_NE(decisions[0].get<std::string>("outcome", "").find("failed"), std::string::npos) << ToJsonText(decisions[0]);
}

TEST_F(UnreachableHostTest, ServerThatNeverAnswersEndsOnTheErrorPageWithinTheTimeout) {
  LoopbackHttpServer server;
  LoopbackHttpServer::Response silent;
  silent.never_answer = true;
  server.Serve("/silent.html", silent);
  StartShell();
  TabRef bystander = Open(kArticle.file);
  int id = 0;
  auto elapsed = OpenAndKeepTheOtherTabPainting(server.Url("/silent.html"), &id, bystander);
  // The fetch was really pending on the server: it accepted and read it.
  EXPECT_EQ(server.RequestCount("/silent.html"), 1);
  // Ended by the browser's timeout: not before it, and not much after.
  EXPECT_GE(elapsed, kHttpTimeout - 500ms) << elapsed.count() << " ms";
  EXPECT_LE(elapsed, kHttpTimeout + 1500ms) << elapsed.count() << " ms";
  ExpectErrorPage(id, "timed out");
}

}  // namespace
}  // namespace sandtab::integration
