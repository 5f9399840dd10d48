#include "browser/window/browser_window.h"

#include <fcntl.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <cstdlib>
#include <cstring>

// Last: Xlib's macros (Status, Bool, None) would rename our words.
#include "browser/window/sdl_library.h"
#include <X11/Xlib.h>
#undef Status

namespace sandtab::browser {
namespace {

constexpr const char* kHowToGetADisplay =
    "run it under a virtual X server: xvfb-run -a -s '-screen 0 1600x1200x24' sandtab --window ... "
    "(Debian's xvfb), or without --window for the headless browser";

// The DOM KeyboardEvent.key of a key that types no text, or "".
std::string NamedKey(SDL_Keycode code) {
  switch (code) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
      return "Enter";
    case SDLK_ESCAPE:
      return "Escape";
    case SDLK_BACKSPACE:
      return "Backspace";
    case SDLK_TAB:
      return "Tab";
    case SDLK_DELETE:
      return "Delete";
    case SDLK_LEFT:
      return "ArrowLeft";
    case SDLK_RIGHT:
      return "ArrowRight";
    case SDLK_UP:
      return "ArrowUp";
    case SDLK_DOWN:
      return "ArrowDown";
    case SDLK_HOME:
      return "Home";
    case SDLK_END:
      return "End";
    case SDLK_PAGEUP:
      return "PageUp";
    case SDLK_PAGEDOWN:
      return "PageDown";
    default:
      break;
  }
  if (code >= SDLK_F1 && code <= SDLK_F12) return "F" + std::to_string(code - SDLK_F1 + 1);
  return "";
}

// SDL's formats whose bytes are B, G, R, then alpha or padding on a
// little-endian machine: Cairo's ARGB32.
bool IsCairoCompatible(uint32_t format) {
  return format == SDL_PIXELFORMAT_ARGB8888 || format == SDL_PIXELFORMAT_RGB888;
}

}  // namespace

Status BrowserWindow::CheckDisplay() {
  const char* display = std::getenv("DISPLAY");
  if (!display || !*display)
    return Error{"--window needs an X display and DISPLAY is not set: " + std::string(kHowToGetADisplay)};
  return OkStatus();
}

Result<std::unique_ptr<BrowserWindow>> BrowserWindow::Open(boost::asio::io_context& io, const std::string& title,
                                                           int width, int height, Handlers handlers) {
  TRY(CheckDisplay());
  ASSIGN_OR_RETURN(const SdlLibrary* sdl, SdlLibrary::Get());
  // X11 only: the window's connection is what the loop watches.
  sdl->SetHint(SDL_HINT_VIDEODRIVER, "x11");
  // Not a game: keep the screen saver and the compositor as they are.
  sdl->SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "1");
  sdl->SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
  if (sdl->InitSubSystem(SDL_INIT_VIDEO) != 0) {
    return Error{"--window cannot open the X display '" + std::string(std::getenv("DISPLAY")) +
                 "': " + sdl->GetError() + "; " + kHowToGetADisplay};
  }
  SDL_Window* window = sdl->CreateWindow(title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width, height,
                                         SDL_WINDOW_RESIZABLE);
  if (!window) {
    std::string error = sdl->GetError();
    sdl->QuitSubSystem(SDL_INIT_VIDEO);
    return Error{"--window cannot create a window: " + error};
  }
  auto fail = [sdl, window](std::string error) -> Error {
    sdl->DestroyWindow(window);
    sdl->QuitSubSystem(SDL_INIT_VIDEO);
    return Error{std::move(error)};
  };
  SDL_SysWMinfo info;
  SDL_VERSION(&info.version);
  if (!sdl->GetWindowWMInfo(window, &info) || info.subsystem != SDL_SYSWM_X11) {
    return fail("--window needs SDL's X11 driver");
  }
  SDL_Surface* surface = sdl->GetWindowSurface(window);
  if (!surface) return fail(std::string("--window has no window surface: ") + sdl->GetError());
  if (!IsCairoCompatible(surface->format->format)) {
    return fail(std::string("--window needs a 32-bit display; this one is ") +
                sdl->GetPixelFormatName(surface->format->format) + " (xvfb-run -s '-screen 0 1600x1200x24')");
  }
  // Our own descriptor of the connection for the loop (epoll), closed with it.
  const int x_fd = ::fcntl(ConnectionNumber(info.info.x11.display), F_DUPFD_CLOEXEC, 3);
  if (x_fd < 0) return fail("--window cannot watch the X connection");
  sdl->StartTextInput();
  return std::unique_ptr<BrowserWindow>(new BrowserWindow(io, *sdl, window, x_fd, std::move(handlers)));
}

BrowserWindow::BrowserWindow(boost::asio::io_context& io, const SdlLibrary& sdl, SDL_Window* window, int x_fd,
                             Handlers handlers)
    : io_(io), sdl_(&sdl), window_(window), x_connection_(io, x_fd), handlers_(std::move(handlers)) {
  WatchEvents();
  // Events already read from the socket while the window was made.
  boost::asio::post(io_, [this, alive = std::weak_ptr<const bool>(alive_)] {
    if (alive.lock()) DrainEvents();
  });
}

BrowserWindow::~BrowserWindow() {
  alive_.reset();
  boost::system::error_code ignored;
  x_connection_.cancel(ignored);
  x_connection_.close(ignored);
  sdl_->DestroyWindow(window_);
  sdl_->QuitSubSystem(SDL_INIT_VIDEO);
}

void BrowserWindow::WatchEvents() {
  x_connection_.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                           [this, alive = std::weak_ptr<const bool>(alive_)](const boost::system::error_code& ec) {
                             if (ec || !alive.lock()) return;
                             DrainEvents();
                             if (alive.lock()) WatchEvents();
                           });
}

void BrowserWindow::DrainEvents() {
  std::weak_ptr<const bool> alive = alive_;
  SDL_Event event;
  // A handler may close the window (and destroy this object).
  while (alive.lock() && sdl_->PollEvent(&event)) Dispatch(event);
}

void BrowserWindow::Dispatch(const SDL_Event& event) {
  switch (event.type) {
    case SDL_QUIT:
      if (handlers_.close_requested) handlers_.close_requested();
      return;
    case SDL_WINDOWEVENT:
      if (event.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
        if (handlers_.resized) handlers_.resized(event.window.data1, event.window.data2);
      } else if (event.window.event == SDL_WINDOWEVENT_EXPOSED) {
        if (handlers_.exposed) handlers_.exposed();
      } else if (event.window.event == SDL_WINDOWEVENT_LEAVE) {
        if (handlers_.motion) handlers_.motion({0, 0, true});
      }
      return;
    case SDL_KEYDOWN: {
      const SDL_Keysym& keysym = event.key.keysym;
      KeyInput key;
      key.ctrl = keysym.mod & KMOD_CTRL;
      key.shift = keysym.mod & KMOD_SHIFT;
      key.alt = keysym.mod & KMOD_ALT;
      key.key = NamedKey(keysym.sym);
      // A letter or digit with Ctrl or Alt is a shortcut, not text.
      if (key.key.empty() && (key.ctrl || key.alt) && keysym.sym > 0 && keysym.sym < 128) {
        key.key = std::string(1, static_cast<char>(keysym.sym));
      }
      if (!key.key.empty() && handlers_.key) handlers_.key(key);
      return;
    }
    case SDL_TEXTINPUT: {
      const SDL_Keymod mod = sdl_->GetModState();
      if ((mod & (KMOD_CTRL | KMOD_ALT)) == 0 && handlers_.text) handlers_.text({event.text.text});
      return;
    }
    case SDL_MOUSEBUTTONDOWN:
      if (event.button.button == SDL_BUTTON_LEFT && handlers_.click) handlers_.click({event.button.x, event.button.y});
      return;
    case SDL_MOUSEMOTION:
      if (handlers_.motion) handlers_.motion({event.motion.x, event.motion.y, false});
      break;
    case SDL_MOUSEWHEEL: {
      int x = 0, y = 0;
      sdl_->GetMouseState(&x, &y);
      // One notch: three lines of 20 px, as Chrome scrolls on Linux.
      const int delta = -event.wheel.y * 60;
      if (handlers_.wheel) handlers_.wheel({x, y, delta});
      return;
    }
    default:
      return;
  }
}

PixelTarget BrowserWindow::Canvas() {
  SDL_Surface* surface = sdl_->GetWindowSurface(window_);
  if (!surface || !IsCairoCompatible(surface->format->format)) return {};
  return {static_cast<uint8_t*>(surface->pixels), surface->w, surface->h, surface->pitch};
}

void BrowserWindow::Present() {
  sdl_->UpdateWindowSurface(window_);
  // Presenting talks to the server, and Xlib may read events off the
  // socket meanwhile: the fd would not wake the loop for them.
  boost::asio::post(io_, [this, alive = std::weak_ptr<const bool>(alive_)] {
    if (alive.lock()) DrainEvents();
  });
}

Image BrowserWindow::Capture() const {
  Image image;
  SDL_Surface* surface = sdl_->GetWindowSurface(window_);
  if (!surface) return image;
  image.width = surface->w;
  image.height = surface->h;
  image.pixels.resize(static_cast<size_t>(image.width) * image.height * 4);
  const size_t row_bytes = static_cast<size_t>(image.width) * 4;
  for (int y = 0; y < image.height; ++y) {
    std::memcpy(image.pixels.data() + y * row_bytes, static_cast<const uint8_t*>(surface->pixels) + y * surface->pitch,
                row_bytes);
  }
  // The server ignores the padding byte of a 24-bit visual: so does the picture.
  for (size_t i = 3; i < image.pixels.size(); i += 4) image.pixels[i] = 0xff;
  return image;
}

int BrowserWindow::width() const {
  int w = 0;
  sdl_->GetWindowSize(window_, &w, nullptr);
  return w;
}

int BrowserWindow::height() const {
  int h = 0;
  sdl_->GetWindowSize(window_, nullptr, &h);
  return h;
}

}  // namespace sandtab::browser
