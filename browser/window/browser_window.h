#ifndef SANDTAB_BROWSER_WINDOW_BROWSER_WINDOW_H_
#define SANDTAB_BROWSER_WINDOW_BROWSER_WINDOW_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include <functional>
#include <memory>
#include <string>

#include "base/result.h"
#include "browser/common/png_writer.h"
#include "browser/compositor/compositor.h"
#include "browser/window/input_events.h"

struct SDL_Window;
union SDL_Event;

namespace sandtab::browser {

struct SdlLibrary;

// The one SDL2 window (DESIGN section 16), and the only class that calls
// SDL: it presents what the others drew and reads input. It draws nothing
// itself. The window's own surface (on X11 a shared image the server
// shows) is the canvas: the page is composited straight into it from the
// renderer's shared buffer, so a frame costs one copy on its way to the
// screen. Events are read on the browser's loop when the X connection is
// readable: an idle window wakes nobody.
class BrowserWindow {
 public:
  struct Handlers {
    std::function<void(const KeyInput&)> key;
    std::function<void(const TextInput&)> text;
    std::function<void(const ClickInput&)> click;
    std::function<void(const WheelInput&)> wheel;
    std::function<void(const MotionInput&)> motion;
    std::function<void(int width, int height)> resized;
    std::function<void()> exposed;  // the server lost what it showed: draw again
    std::function<void()> close_requested;
  };

  // Says why without an X display (with how to get one), before any window.
  static Status CheckDisplay();
  static Result<std::unique_ptr<BrowserWindow>> Open(boost::asio::io_context& io, const std::string& title, int width,
                                                     int height, Handlers handlers);
  ~BrowserWindow();
  BrowserWindow(const BrowserWindow&) = delete;
  BrowserWindow& operator=(const BrowserWindow&) = delete;

  // The window's pixels to draw into (premultiplied BGRA as Cairo's
  // ARGB32), valid until the next Present() or resize; empty on failure.
  PixelTarget Canvas();
  // Shows the canvas.
  void Present();
  // What the window shows now: the canvas as last presented, opaque.
  Image Capture() const;
  int width() const;
  int height() const;

 private:
  BrowserWindow(boost::asio::io_context& io, const SdlLibrary& sdl, SDL_Window* window, int x_fd, Handlers handlers);
  void WatchEvents();
  // Every event queued (in SDL, in Xlib, on the socket), each to its handler.
  void DrainEvents();
  void Dispatch(const SDL_Event& event);

  boost::asio::io_context& io_;
  const SdlLibrary* sdl_;  // loaded by Open(), never unloaded
  SDL_Window* window_;
  boost::asio::posix::stream_descriptor x_connection_;
  Handlers handlers_;
  std::shared_ptr<const bool> alive_ = std::make_shared<const bool>(true);
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_WINDOW_BROWSER_WINDOW_H_
