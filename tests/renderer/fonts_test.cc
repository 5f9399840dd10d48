// Fonts must keep working after the sandbox removes the filesystem. A child
// process (this binary, re-executed so it starts with nothing loaded) calls
// PreloadFonts(), chroots into an empty directory, and renders every face;
// its pixels must equal the same rendering made here, with the filesystem.
#include <fcntl.h>
#include <sched.h>
#include <seccomp.h>
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

// Text in every face at every size the zygote matches (MatchCommonFontSizes).
std::string CommonSizesPage() {
  std::string html;
  for (int size : kCommonFontSizes) {
    for (const FaceCase& face : kFaceCases) {
      html += std::string("<span style=\"font-family:") + face.css_family +
              ";font-weight:" + (face.bold ? "bold" : "normal") + ";font-style:" + (face.italic ? "italic" : "normal") +
              ";font-size:" + std::to_string(size) + "px\">Quartz " + std::to_string(size) + "</span> ";
    }
  }
  return html;
}

// From here on this process cannot start a thread (clone3 is refused, so
// glibc falls back to clone, refused with CLONE_THREAD); a fork still works.
void RefuseNewThreads() {
  scmp_filter_ctx filter = seccomp_init(SCMP_ACT_ALLOW);
  ASSERT_NE(filter, nullptr);
  ASSERT_EQ(seccomp_rule_add(filter, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0), 0);
  ASSERT_EQ(seccomp_rule_add(filter, SCMP_ACT_ERRNO(EAGAIN), SCMP_SYS(clone), 1,
                             SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, CLONE_THREAD)),
            0);
  ASSERT_EQ(seccomp_load(filter), 0);
  seccomp_release(filter);
}

// Runs in the re-executed child only: the zygote's font warm-up (or, asked
// with --no-common-sizes in SANDTAB_FONTS_CHILD, only PreloadFonts), then a
// page at every common size laid out and painted by a process that may not
// start a thread, as a sandboxed renderer need not. Pango's matching of a
// new (face, size) runs on this thread (font_set.cc, g_thread_new): the
// child prints how many such tasks the page needed, and would abort had
// Pango started a thread for one.
TEST(FontsChild, DISABLED_CommonSizesStartNoThread) {
  PreloadFonts();
  const char* mode = std::getenv("SANDTAB_FONTS_CHILD");
  if (mode == nullptr || std::strcmp(mode, "no-common-sizes") != 0) MatchCommonFontSizes();
  RefuseNewThreads();
  const int tasks_before = PangoTasksRunInlineForTesting();
  Page page(CommonSizesPage(), "about:blank", 1280, 800);
  Canvas canvas(1280, 800);
  canvas.Paint(&page);
  std::printf("painted %d px tall, %d matching tasks\n", page.ContentHeight(),
              PangoTasksRunInlineForTesting() - tasks_before);
  std::fflush(stdout);
  std::_Exit(0);
}

// Runs this binary's disabled child test `name`; returns its stdout and
// exit code.
std::string RunChild(int* exit_code, const char* name = "FontsChild.DISABLED_RenderAfterChroot",
                     const char* mode = "") {
  int fds[2];
  if (pipe(fds) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    setenv("SANDTAB_FONTS_CHILD", mode, 1);
    const std::string filter = std::string("--gtest_filter=") + name;
    execl("/proc/self/exe", "renderer_page_tests", "--gtest_also_run_disabled_tests", filter.c_str(), nullptr);
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

// The zygote matches every face at the common sizes once, so that a renderer
// it forks lays out text at those sizes without matching anything again.
// The child's page covers every face at every such size: with the warm-up
// it needs no matching task, without it one for each new pattern, and in
// both cases no thread (font_set.cc says what they cost).
TEST(Fonts, CommonSizesAreMatchedBeforeTheForkAndNothingStartsAThread) {
  int exit_code = -1;
  std::string output = RunChild(&exit_code, "FontsChild.DISABLED_CommonSizesStartNoThread");
  EXPECT_EQ(exit_code, 0) << output;
  EXPECT_NE(output.find(", 0 matching tasks"), std::string::npos) << output;

  output = RunChild(&exit_code, "FontsChild.DISABLED_CommonSizesStartNoThread", "no-common-sizes");
  EXPECT_EQ(exit_code, 0) << "a new size started a thread: " << output;
  EXPECT_NE(output.find("painted"), std::string::npos) << output;
  EXPECT_EQ(output.find(", 0 matching tasks"), std::string::npos)
      << "nothing was matched without the warm-up: " << output;
}

// fc-cache wrote the DejaVu directory's cache when the fonts were installed
// (Debian's trigger): the faces come from it, and are the same twelve.
TEST(Fonts, FacesComeFromTheFontconfigCacheOfTheirDirectory) {
  PreloadFonts();
  EXPECT_TRUE(FacesCameFromTheFontconfigCacheForTesting())
      << "no current cache of /usr/share/fonts/truetype/dejavu: run fc-cache";
  EXPECT_EQ(LoadedFaceCountForTesting(), 12);
}

TEST(Fonts, MatchCommonFontSizesHoldsEveryFaceAtEverySize) {
  MatchCommonFontSizes();
  MatchCommonFontSizes();
  EXPECT_EQ(CommonFontSizeCountForTesting(),
            static_cast<int>(std::size(kCommonFontSizes)) * LoadedFaceCountForTesting());
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
