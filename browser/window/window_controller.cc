#include "browser/window/window_controller.h"

#include <signal.h>

#include <boost/asio/post.hpp>
#include <algorithm>

#include "browser/common/browser_config.h"
#include "browser/common/cairo_drawing.h"
#include "browser/compositor/compositor.h"
#include "browser/compositor/sad_tab_panel.h"
#include "browser/loader/site.h"
#include "browser/loader/url.h"
#include "browser/process/process_registry.h"
#include "browser/tab/tab.h"
#include "browser/tab/tab_manager.h"

namespace sandtab::browser {
namespace {

constexpr auto kSpinnerStep = std::chrono::milliseconds(100);
constexpr const char* kNewTabUrl = "index.html";
constexpr const char* kNoTabsStatus = "No tabs: Ctrl+T opens one";

bool IsSad(const Tab& tab) { return tab.state() == TabState::kCrashed || tab.state() == TabState::kCrashLoop; }
bool IsLoading(const Tab& tab) { return tab.state() == TabState::kLaunching || tab.state() == TabState::kLoading; }

std::string StatusOf(const Tab& tab, const std::string& content_root) {
  // Chrome's bottom-left bubble: the link under the pointer, while there is one.
  if (!tab.hovered_link().empty()) return tab.hovered_link();
  std::string status = TabStateName(tab.state());
  status += tab.pid() > 0 ? "  |  renderer pid " + std::to_string(tab.pid()) : "  |  no renderer";
  status += "  |  site " + SiteForSpec(tab.url(), content_root).ToString();
  if (tab.crashes() > 0) status += "  |  " + std::to_string(tab.crashes()) + " crashes";
  return status;
}

}  // namespace

Result<std::unique_ptr<WindowController>> WindowController::Open(Services services, std::function<void()> on_close) {
  std::unique_ptr<WindowController> controller(new WindowController(services));
  WindowController* self = controller.get();
  BrowserWindow::Handlers handlers;
  handlers.key = [self](const KeyInput& key) { self->router_.OnKey(key); };
  handlers.text = [self](const TextInput& text) { self->router_.OnText(text); };
  handlers.click = [self](const ClickInput& click) {
    const Tab* active = self->ActiveTab();
    InputRouter::Surroundings around{WindowLayout::For(self->window_->width(), self->window_->height()),
                                     self->services_.tabs.tabs().size(), active && IsSad(*active)};
    self->router_.OnClick(click, around);
  };
  handlers.motion = [self](const MotionInput& motion) {
    const Tab* active = self->ActiveTab();
    InputRouter::Surroundings around{WindowLayout::For(self->window_->width(), self->window_->height()),
                                     self->services_.tabs.tabs().size(), active && IsSad(*active)};
    self->router_.OnMotion(motion, around);
  };
  handlers.wheel = [self](const WheelInput& wheel) {
    self->router_.OnWheel(wheel, WindowLayout::For(self->window_->width(), self->window_->height()));
  };
  handlers.resized = [self](int width, int height) { self->OnResized(width, height); };
  handlers.exposed = [self] { self->Damage(); };
  handlers.close_requested = std::move(on_close);
  // The page area is --window-size, as headless: the window adds the chrome.
  const int width = services.config.window_width;
  const int height = services.config.window_height + WindowLayout::kChromeHeight;
  auto window = BrowserWindow::Open(services.io, "sandtab", width, height, std::move(handlers));
  if (!window) return Error{window.error()};
  controller->window_ = std::move(*window);
  controller->OnResized(controller->window_->width(), controller->window_->height());
  for (const auto& [id, tab] : services.tabs.tabs()) controller->OnTabChanged(id);
  return controller;
}

WindowController::WindowController(Services services)
    : services_(services),
      task_feed_(services.io, services.processes,
                 [this](std::vector<TaskRow> rows) {
                   task_manager_.SetRows(std::move(rows));
                   Damage();
                 }),
      router_(*this, address_, task_manager_),
      spinner_(services.io) {}

WindowController::~WindowController() {
  anchor_.Invalidate();
  spinner_.cancel();
}

// ------------------------------------------------------------------ tabs

Tab* WindowController::ActiveTab() const { return services_.tabs.Find(active_id_); }

int WindowController::TabIdAt(size_t index) const {
  auto it = services_.tabs.tabs().begin();
  if (index >= services_.tabs.tabs().size()) return 0;
  std::advance(it, static_cast<std::ptrdiff_t>(index));
  return it->first;
}

size_t WindowController::ActiveIndex() const {
  size_t index = 0;
  for (const auto& [id, tab] : services_.tabs.tabs()) {
    if (id == active_id_) return index;
    ++index;
  }
  return 0;
}

void WindowController::Activate(int id) {
  if (id == active_id_) return;
  // The pointer is over another page now: the one going to the back forgets its link.
  // The tab on screen keeps its pixels whatever else is used (the shell's
  // `wait` or a CDP client on another tab): the surface budget leaves it be.
  if (Tab* previous = ActiveTab()) {
    previous->MovePointer(-1, -1);
    previous->PinSurface(false);
  }
  active_id_ = id;
  address_.Cancel();
  if (Tab* tab = ActiveTab()) {
    address_.ShowUrl(tab->url());  // before a Focus() that edits it (Ctrl+T)
    tab->MarkUsed();
    tab->PinSurface(true);
    // A background tab may have given its pixels back: the renderer paints
    // them again (its saved frame, else white, shows meanwhile).
    tab->RestoreSurface();
  }
  Damage();
}

void WindowController::OnTabChanged(int id) {
  Tab* tab = services_.tabs.Find(id);
  if (tab && id > newest_id_) {
    // Opened (from here or the shell): it comes to the front, as in Chrome.
    newest_id_ = id;
    Activate(id);
  } else if (!tab && id == active_id_) {
    // Closed: its right-hand neighbour takes its place, else the left one.
    const auto& tabs = services_.tabs.tabs();
    auto next = tabs.upper_bound(id);
    if (next == tabs.end() && !tabs.empty()) next = std::prev(tabs.end());
    active_id_ = 0;
    if (next != tabs.end()) Activate(next->first);
  }
  Damage();
}

void WindowController::NewTab() {
  auto tab = services_.tabs.Open(UrlFromUserInput(kNewTabUrl, services_.config.content_root));
  if (!tab) return;
  // Chrome puts the cursor in the new tab's address bar.
  address_.Focus();
  Damage();
}

void WindowController::CloseTab(size_t index) {
  if (int id = TabIdAt(index)) (void)services_.tabs.Close(id);
}

void WindowController::CloseActiveTab() {
  if (active_id_) (void)services_.tabs.Close(active_id_);
}

void WindowController::ActivateTab(size_t index) {
  if (int id = TabIdAt(index)) Activate(id);
}

void WindowController::CycleTab(int delta) {
  const int count = static_cast<int>(services_.tabs.tabs().size());
  if (count == 0) return;
  const int index = ((static_cast<int>(ActiveIndex()) + delta) % count + count) % count;
  ActivateTab(static_cast<size_t>(index));
}

void WindowController::Navigate(const std::string& typed) {
  if (typed.empty()) return Damage();
  const std::string url = UrlFromUserInput(typed, services_.config.content_root);
  if (Tab* tab = ActiveTab()) {
    tab->Navigate(url);
  } else {
    (void)services_.tabs.Open(url);
  }
  Damage();
}

void WindowController::Reload() {
  if (Tab* tab = ActiveTab()) tab->Reload();
}

void WindowController::Back() {
  if (Tab* tab = ActiveTab()) tab->Back();
}

void WindowController::Forward() {
  if (Tab* tab = ActiveTab()) tab->Forward();
}

void WindowController::ToggleTaskManager() {
  task_manager_.Toggle();
  if (task_manager_.visible()) {
    task_feed_.Start();
  } else {
    task_feed_.Stop();
  }
  Damage();
}

void WindowController::EndSelectedProcess() {
  const std::optional<TaskRow> row = task_manager_.selected();
  if (!row || row->type == "browser") return;  // Chrome's task manager cannot end the browser either
  Tab* tab = row->tab ? services_.tabs.Find(row->tab) : nullptr;
  if (tab && tab->pid() == row->pid) {
    tab->KillRenderer();  // a death like any other: recorded, the tab restarts
  } else {
    // A plugin, the zygote or a spare: its host sees the death, its reaper
    // records it. The registry said it is our child; the pid is not reused
    // before it is reaped.
    ::kill(row->pid, SIGKILL);
  }
}

void WindowController::PressKeyInPage(const std::string& key) {
  if (Tab* tab = ActiveTab()) (void)tab->PressKey(key);
}

void WindowController::ClickPage(int x, int y) {
  if (Tab* tab = ActiveTab()) tab->Click(x, y);
}

void WindowController::ScrollPage(int delta_y) {
  if (Tab* tab = ActiveTab()) tab->Scroll(delta_y);
}

void WindowController::MovePointerOnPage(int x, int y) {
  if (Tab* tab = ActiveTab()) tab->MovePointer(x, y);
}

// ------------------------------------------------------------------ drawing

void WindowController::OnResized(int width, int height) {
  const WindowLayout layout = WindowLayout::For(width, height);
  (void)services_.tabs.SetViewportSize(layout.page.width, std::max(1, layout.page.height));
  Damage();
}

void WindowController::SetCaption(const std::string& caption) {
  caption_ = caption;
  Damage();
}

void WindowController::Damage() {
  if (redraw_posted_) return;
  redraw_posted_ = true;
  boost::asio::post(services_.io, [this, alive = anchor_.token()] {
    if (alive.Alive() && redraw_posted_) Redraw();  // Capture() may have drawn it already
  });
}

ChromeModel WindowController::ChromeOf(const Tab* active) const {
  ChromeModel model;
  for (const auto& [id, tab] : services_.tabs.tabs()) {
    model.tabs.push_back({tab->title().empty() ? tab->url() : tab->title(), IsLoading(*tab), IsSad(*tab)});
  }
  model.active = ActiveIndex();
  model.address = &address_;
  model.spinner_phase = spinner_phase_;
  if (active) {
    model.can_back = active->history().index() > 0;
    model.can_forward = active->history().index() + 1 < active->history().size();
    model.status = StatusOf(*active, services_.config.content_root);
  } else {
    model.status = kNoTabsStatus;
  }
  return model;
}

void WindowController::Redraw() {
  redraw_posted_ = false;
  const PixelTarget canvas = window_->Canvas();
  if (!canvas.pixels) return;
  const WindowLayout layout = WindowLayout::For(canvas.width, canvas.height);
  Tab* active = ActiveTab();
  if (active) address_.ShowUrl(active->url());

  // The page first, straight from the shared buffer into the window.
  const UiRect& page = layout.page;
  const int page_height = std::max(0, std::min(page.height, canvas.height - page.y));
  const PixelTarget page_target{canvas.pixels + static_cast<size_t>(page.y) * canvas.stride,
                                std::min(page.width, canvas.width), page_height, canvas.stride};
  auto surface = CairoSurfacePtr(cairo_image_surface_create_for_data(canvas.pixels, CAIRO_FORMAT_ARGB32, canvas.width,
                                                                     canvas.height, canvas.stride));
  CairoPtr cr(cairo_create(surface.get()));
  if (active) {
    cairo_surface_flush(surface.get());
    Compositor::ComposeTabInto(*active, services_.plugins, page_target, true);
    cairo_surface_mark_dirty(surface.get());
  } else {
    cairo_set_source_rgb(cr.get(), 0.95, 0.95, 0.95);
    cairo_rectangle(cr.get(), page.x, page.y, page.width, page.height);
    cairo_fill(cr.get());
  }
  if (task_manager_.visible()) task_manager_.Draw(cr.get(), page);
  WindowChrome::DrawCaption(cr.get(), page, caption_);
  const ChromeModel model = ChromeOf(active);
  WindowChrome::Draw(cr.get(), layout, model);
  cairo_surface_flush(surface.get());
  window_->Present();
  ++frames_drawn_;
  ArmSpinner(std::any_of(model.tabs.begin(), model.tabs.end(), [](const ChromeTab& tab) { return tab.loading; }));
}

void WindowController::ArmSpinner(bool loading) {
  if (!loading) {
    spinner_.cancel();  // its last turn would draw a window that has not changed
    return;
  }
  spinner_.expires_after(kSpinnerStep);
  // A turn that completed before the window closed is still queued with
  // success: the token says whether this is still there.
  spinner_.async_wait([this, alive = anchor_.token()](const boost::system::error_code& ec) {
    if (ec || !alive.Alive()) return;
    ++spinner_phase_;
    Damage();
  });
}

Image WindowController::Capture() {
  if (redraw_posted_) Redraw();
  return window_->Capture();
}

WindowState WindowController::state() const {
  WindowState state;
  state.width = window_->width();
  state.height = window_->height();
  state.active_tab = ActiveTab() ? active_id_ : 0;
  state.tabs = static_cast<int>(services_.tabs.tabs().size());
  state.address = address_.text();
  state.address_focused = address_.focused();
  state.task_manager = task_manager_.visible();
  const Tab* active = ActiveTab();
  state.sad_tab = active && IsSad(*active);
  const UiRect page = WindowLayout::For(state.width, state.height).page;
  if (state.sad_tab) {
    state.reload_button = SadTabPanel::LayoutFor(page.width, page.height, true).reload;
    state.reload_button.x += page.x;
    state.reload_button.y += page.y;
  }
  if (state.task_manager)
    state.task_manager_panel = TaskManagerPanel::LayoutFor(page, task_manager_.rows().size()).panel;
  state.caption = caption_;
  state.status = active ? StatusOf(*active, services_.config.content_root) : kNoTabsStatus;
  state.frames_drawn = frames_drawn_;
  return state;
}

}  // namespace sandtab::browser
