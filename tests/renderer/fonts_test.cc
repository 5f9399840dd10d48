// Fonts must keep working after the sandbox removes the filesystem. A child
// process (this binary, re-executed so it starts with nothing loaded) calls
// PreloadFonts(), chroots into an empty directory, and renders every face;
// its pixels must equal the same rendering made here, with the filesystem.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "renderer/page/font_set.h"
#include "renderer/page/page.h"
#include "tests/renderer/page_fixture.h"

namespace sandtab::renderer {
namespace {

using testing::Canvas;

struct FaceCase {
  const char* css_family;
  bool bold;
  bool italic;
};

constexpr FaceCase kFaceCases[] = {
    {"sans-serif", false, false}, {"sans-serif", true, false}, {"sans-serif", false, true}, {"sans-serif", true, true},
    {"serif", false, false},      {"serif", true, false},      {"serif", false, true},      {"serif", true, true},
    {"monospace", false, false},  {"monospace", true, false},  {"monospace", false, true},  {"monospace", true, true},
};

// One line per face: "<pixel hash> <ink pixel count>". Uses sizes the
// warm-up never used (23px, 9px), so new scaled fonts are made after chroot.
std::string RenderFaceSignatures() {
  std::ostringstream out;
  for (const FaceCase& face : kFaceCases) {
    const std::string html = std::string("<div style=\"font-family:") + face.css_family +
                             ";font-weight:" + (face.bold ? "bold" : "normal") +
                             ";font-style:" + (face.italic ? "italic" : "normal") +
                             ";font-size:23px\">Sphinx of black quartz, judge my vow 0123 "
                             "\xc3\xa9\xe2\x80\x94</div><div style=\"font-size:9px;font-family:" +
                             face.css_family + "\">small print</div>";
    Page page(html, "about:blank", 640, 64);
    Canvas canvas(640, 64);
    canvas.Paint(&page);
    std::string pixels;
    int ink = 0;
    for (int y = 0; y < 64; ++y) {
      for (int x = 0; x < 640; ++x) {
        const uint32_t rgb = canvas.Rgb(x, y);
        pixels.append(reinterpret_cast<const char*>(&rgb), sizeof(rgb));
        if (rgb != 0xffffff) ++ink;
      }
    }
    out << std::hash<std::string>()(pixels) << " " << ink << "\n";
  }
  return out.str();
}

// Runs in the re-executed child only (disabled unless asked for explicitly).
TEST(FontsChild, DISABLED_RenderAfterChroot) {
  PreloadFonts();
  char dir[] = "/tmp/sandtab-empty-XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  if (chroot(dir) != 0) {
    std::printf("chroot-failed %s\n", std::strerror(errno));
    std::exit(3);
  }
  ASSERT_EQ(chdir("/"), 0);
  // The filesystem is really gone.
  ASSERT_LT(open("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", O_RDONLY), 0);
  std::printf("BEGIN\n%sEND\n", RenderFaceSignatures().c_str());
  std::fflush(stdout);
  std::_Exit(0);  // skip destructors and gtest output: stdout is the result
}

// Runs this binary's disabled child test; returns its stdout and exit code.
std::string RunChild(int* exit_code) {
  int fds[2];
  if (pipe(fds) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    execl("/proc/self/exe", "renderer_page_tests", "--gtest_also_run_disabled_tests",
          "--gtest_filter=FontsChild.DISABLED_RenderAfterChroot", nullptr);
    _exit(127);
  }
  close(fds[1]);
  std::string output;
  char buffer[4096];
  for (ssize_t n; (n = read(fds[0], buffer, sizeof(buffer))) > 0;) output.append(buffer, n);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return output;
}

TEST(Fonts, EveryFaceRendersAfterChroot) {
  if (geteuid() != 0) GTEST_SKIP() << "chroot needs root";
  int exit_code = -1;
  const std::string output = RunChild(&exit_code);
  ASSERT_EQ(exit_code, 0) << output;
  const size_t begin = output.find("BEGIN\n"), end = output.find("END\n");
  ASSERT_NE(begin, std::string::npos) << output;
  ASSERT_NE(end, std::string::npos) << output;
  const std::string in_chroot = output.substr(begin + 6, end - begin - 6);

  const std::string with_filesystem = RenderFaceSignatures();
  EXPECT_EQ(in_chroot, with_filesystem);

  // Every face inked something and the twelve renderings are all different
  // (a missing face would fall back to another and repeat its pixels).
  std::istringstream lines(with_filesystem);
  std::vector<std::string> hashes;
  std::string hash;
  int ink = 0;
  while (lines >> hash >> ink) {
    EXPECT_GT(ink, 500) << hash;
    hashes.push_back(hash);
  }
  ASSERT_EQ(hashes.size(), std::size(kFaceCases));
  for (size_t i = 0; i < hashes.size(); ++i) {
    for (size_t j = i + 1; j < hashes.size(); ++j) EXPECT_NE(hashes[i], hashes[j]) << i << " " << j;
  }
}

TEST(Fonts, PreloadLoadsTwelveFacesAndIsIdempotent) {
  PreloadFonts();
  PreloadFonts();
  EXPECT_EQ(LoadedFaceCountForTesting(), 12);
}

TEST(Fonts, CssFamiliesMapToDejaVu) {
  EXPECT_STREQ(FamilyForCss("serif"), kSerifFamily);
  EXPECT_STREQ(FamilyForCss("sans-serif"), kSansFamily);
  EXPECT_STREQ(FamilyForCss("monospace"), kMonoFamily);
  EXPECT_STREQ(FamilyForCss("Georgia, 'Times New Roman', serif"), kSerifFamily);
  EXPECT_STREQ(FamilyForCss("\"Helvetica Neue\", Arial"), kSansFamily);
  EXPECT_STREQ(FamilyForCss("No Such Font, Courier New"), kMonoFamily);
  EXPECT_STREQ(FamilyForCss("No Such Font"), kDefaultFamily);
  EXPECT_STREQ(FamilyForCss(""), kDefaultFamily);
  EXPECT_STREQ(FamilyForCss("Liberation Mono"), kMonoFamily);
  EXPECT_STREQ(FamilyForCss("  DejaVu Sans  "), kSansFamily);
}

}  // namespace
}  // namespace sandtab::renderer
