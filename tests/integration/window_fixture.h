// The window's integration tests (DESIGN section 16): a private Xvfb per
// test, the real `sandtab --json --window` on it, xdotool for input and
// xwd for what the X server shows. Skipped with a clear message when Xvfb
// or the tools are missing or the server cannot start.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "tests/integration/integration_fixture.h"

namespace sandtab::integration {

// An Xvfb server on a free display number, which it chose itself
// (-displayfd): no guessing, no clash with another test's server.
class XvfbServer {
 public:
  XvfbServer() = default;
  ~XvfbServer();
  XvfbServer(const XvfbServer&) = delete;
  XvfbServer& operator=(const XvfbServer&) = delete;

  // Empty on success, else why it could not start (bounded: 10 s).
  std::string Start(int width, int height);
  const std::string& display() const { return display_; }

 private:
  pid_t pid_ = -1;
  std::string display_;
};

// An XWD file (xwd's output, ZPixmap, 24/32-bit TrueColor) as pixels.
std::optional<Image> ReadXwd(const std::string& path, std::string* error);

class WindowTest : public ShellTest {
 public:
  static constexpr int kPageWidth = 800;
  static constexpr int kPageHeight = 500;

 protected:
  void SetUp() override;
  void TearDown() override;

  // Starts `sandtab --json --window --window-size=800,500 FLAGS...` on the
  // test's display, finds its window, then opens each page in a tab.
  void StartWindow(const std::vector<std::string>& flags, const std::vector<std::string>& pages);
  // xdotool with these arguments on the test's display; throws unless it succeeds.
  std::string Xdo(const std::vector<std::string>& args);
  // A click at window coordinates (a real pointer event through XTEST).
  void ClickAt(int x, int y);
  // Keys as xdotool names them ("ctrl+t", "shift+Escape", "Return").
  void Keys(const std::string& keys);
  void Type(const std::string& text);
  // The `window` answer polled until pred holds (bounded); the last one.
  Json WaitForWindow(const std::function<bool(const Json&)>& pred, const std::string& what,
                     std::chrono::milliseconds timeout = 10s);
  // What the X server shows in the window (xwd).
  Image CaptureWithXwd();
  // The page area's top-left corner in the window.
  int page_y() const;

  XvfbServer xvfb_;
  std::string window_id_;
};

}  // namespace sandtab::integration
