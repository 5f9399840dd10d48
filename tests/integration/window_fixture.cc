#include "tests/integration/window_fixture.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>

#include "browser/window/window_layout.h"

namespace sandtab::integration {
namespace {

constexpr const char* kXvfb = "/usr/bin/Xvfb";
constexpr const char* kXdotool = "/usr/bin/xdotool";
constexpr const char* kXwd = "/usr/bin/xwd";

uint32_t BigEndian32(const std::string& bytes, size_t at) {
  return (uint32_t(uint8_t(bytes[at])) << 24) | (uint32_t(uint8_t(bytes[at + 1])) << 16) |
         (uint32_t(uint8_t(bytes[at + 2])) << 8) | uint32_t(uint8_t(bytes[at + 3]));
}

}  // namespace

XvfbServer::~XvfbServer() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 200 && ::waitpid(pid_, &status, WNOHANG) == 0; ++i) ::usleep(10'000);
  if (::waitpid(pid_, &status, WNOHANG) == 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
  }
}

std::string XvfbServer::Start(int width, int height) {
  if (::access(kXvfb, X_OK) != 0) return std::string(kXvfb) + " is not installed (Debian's xvfb)";
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return "pipe failed";
  const std::string screen = std::to_string(width) + "x" + std::to_string(height) + "x24";
  pid_ = ::fork();
  if (pid_ < 0) return "fork failed";
  if (pid_ == 0) {
    ::dup2(pipe_fds[1], 3);  // dup2 clears close-on-exec on the copy
    const int null_fd = ::open("/dev/null", O_RDWR);
    ::dup2(null_fd, 0);
    ::dup2(null_fd, 1);
    ::dup2(null_fd, 2);
    ::execl(kXvfb, "Xvfb", "-displayfd", "3", "-screen", "0", screen.c_str(), "-nolisten", "tcp", "-noreset",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  // Xvfb writes the display number once it accepts connections.
  std::string number;
  pollfd waiting{pipe_fds[0], POLLIN, 0};
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (number.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    if (::poll(&waiting, 1, 100) <= 0) continue;
    char buffer[32];
    const ssize_t n = ::read(pipe_fds[0], buffer, sizeof(buffer));
    if (n <= 0) break;
    number.append(buffer, static_cast<size_t>(n));
  }
  ::close(pipe_fds[0]);
  if (number.find('\n') == std::string::npos) return "Xvfb did not report a display within 10 s";
  display_ = number.substr(0, number.find('\n'));
  display_.insert(display_.begin(), ':');
  return "";
}

std::optional<Image> ReadXwd(const std::string& path, std::string* error) {
  std::ifstream file(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  auto fail = [&](const std::string& why) -> std::optional<Image> {
    if (error) *error = path + ": " + why;
    return std::nullopt;
  };
  if (bytes.size() < 100) return fail("too short for an XWD header");
  auto field = [&](int index) { return BigEndian32(bytes, static_cast<size_t>(index) * 4); };
  const uint32_t header_size = field(0), format = field(2), width = field(4), height = field(5);
  const uint32_t byte_order = field(7), bits_per_pixel = field(11), bytes_per_line = field(12);
  const uint32_t red_mask = field(14), ncolors = field(19);
  if (field(1) != 7 || format != 2) return fail("not an XWD version 7 ZPixmap");
  if (bits_per_pixel != 32 || red_mask != 0xff0000) return fail("not 32-bit TrueColor");
  const size_t data = header_size + size_t{ncolors} * 12;
  if (bytes.size() < data + size_t{bytes_per_line} * height) return fail("truncated");
  Image image;
  image.width = static_cast<int>(width);
  image.height = static_cast<int>(height);
  image.pixels.resize(size_t{width} * height);
  for (uint32_t y = 0; y < height; ++y) {
    for (uint32_t x = 0; x < width; ++x) {
      const size_t at = data + size_t{y} * bytes_per_line + size_t{x} * 4;
      uint32_t pixel = 0;
      for (int i = 0; i < 4; ++i) {
        const uint32_t byte = uint8_t(bytes[at + i]);
        pixel |= byte_order == 0 ? byte << (8 * i) : byte << (8 * (3 - i));
      }
      image.pixels[size_t{y} * width + x] = {uint8_t(pixel >> 16), uint8_t(pixel >> 8), uint8_t(pixel), 255};
    }
  }
  return image;
}

void WindowTest::SetUp() {
  ShellTest::SetUp();
  if (::access(kXdotool, X_OK) != 0 || ::access(kXwd, X_OK) != 0) {
    GTEST_SKIP() << "the window tests need xdotool and xwd (Debian's xdotool and x11-apps)";
  }
  if (std::string why = xvfb_.Start(1280, 1024); !why.empty()) GTEST_SKIP() << "Xvfb cannot start: " << why;
  ::setenv("DISPLAY", xvfb_.display().c_str(), 1);
}

void WindowTest::TearDown() {
  ShellTest::TearDown();
  ::unsetenv("DISPLAY");
}

void WindowTest::StartWindow(const std::vector<std::string>& flags, const std::vector<std::string>& pages) {
  std::vector<std::string> all = {"--window",
                                  "--window-size=" + std::to_string(kPageWidth) + "," + std::to_string(kPageHeight)};
  all.insert(all.end(), flags.begin(), flags.end());
  StartShell(all);
  // Mapped windows only: the one the user sees, not a helper window of
  // the toolkit's.
  const auto found = test::RunProcess({kXdotool, "search", "--sync", "--onlyvisible", "--name", "^sandtab$"}, 10s);
  Require(!found.timed_out && found.exit_code == 0, "no sandtab window appeared: " + found.stderr_text);
  window_id_ = found.stdout_text.substr(0, found.stdout_text.find('\n'));
  // No window manager gives it the focus: keys go to the focused window.
  Xdo({"windowfocus", "--sync", window_id_});
  for (const std::string& page : pages) Ok("open " + page);
}

std::string WindowTest::Xdo(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {kXdotool};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto result = test::RunProcess(argv, 10s);
  std::string line;
  for (const std::string& arg : args) line += " " + arg;
  Require(!result.timed_out && result.exit_code == 0, "xdotool" + line + " failed: " + result.stderr_text);
  return result.stdout_text;
}

void WindowTest::ClickAt(int x, int y) {
  // No --sync: it waits for the pointer to move, and a second click at the
  // same place does not move it. XTEST keeps the motion before the click.
  Xdo({"mousemove", "--window", window_id_, std::to_string(x), std::to_string(y), "click", "1"});
}

void WindowTest::Keys(const std::string& keys) { Xdo({"key", "--clearmodifiers", keys}); }

void WindowTest::Type(const std::string& text) { Xdo({"type", "--delay", "20", text}); }

Json WindowTest::WaitForWindow(const std::function<bool(const Json&)>& pred, const std::string& what,
                               std::chrono::milliseconds timeout) {
  Json last;
  const bool held = PollUntil(
      [&] {
        last = Ok("window");
        return pred(last);
      },
      timeout);
  Require(held, "the window never showed " + what + "; last `window`: " + test::ToJsonText(last));
  return last;
}

Image WindowTest::CaptureWithXwd() {
  const std::string path = TempPath("window.xwd");
  const auto result = test::RunProcess({kXwd, "-silent", "-id", window_id_, "-out", path}, 10s);
  Require(!result.timed_out && result.exit_code == 0, "xwd failed: " + result.stderr_text);
  std::string error;
  auto image = ReadXwd(path, &error);
  Require(image.has_value(), error);
  return *image;
}

int WindowTest::page_y() const {
  return browser::WindowLayout::kTabStripHeight + browser::WindowLayout::kToolbarHeight;
}

}  // namespace sandtab::integration
