#include "browser/tab/tab_manager.h"

#include "browser/common/browser_config.h"
#include "browser/tab/spare_renderer.h"

#include <algorithm>
#include <vector>

namespace sandtab::browser {

TabManager::TabManager(TabContext& context)
    : context_(context),
      viewport_width_(context.config.window_width),
      viewport_height_(context.config.window_height),
      budget_timer_(context.io),
      soon_timer_(context.io) {
  ArmBudgetTimer();
}

void TabManager::EnforceSurfaceBudgetSoon() {
  if (soon_armed_) return;
  soon_armed_ = true;
  soon_timer_.expires_after(std::chrono::milliseconds(100));
  soon_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    soon_armed_ = false;
    EnforceSurfaceBudget();
  });
}

void TabManager::ArmBudgetTimer() {
  budget_timer_.expires_after(std::chrono::seconds(1));
  budget_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    EnforceSurfaceBudget();
    ArmBudgetTimer();
  });
}

void TabManager::EnforceSurfaceBudget() {
  // Pinned surfaces (the window's tab, the contact sheet's batch) stay and
  // count: the room left is for the most recently used of the others.
  std::vector<Tab*> holding;
  size_t pinned = 0;
  for (auto& [id, tab] : tabs_) {
    if (tab->surface_released()) continue;
    if (tab->surface_pinned()) {
      ++pinned;
    } else {
      holding.push_back(tab.get());
    }
  }
  const size_t budget = static_cast<size_t>(std::max(1, context_.config.max_surfaces));
  const size_t room = budget > pinned ? budget - pinned : 0;
  auto most_recent_first = [](const Tab* a, const Tab* b) { return a->last_used() > b->last_used(); };
  std::vector<Tab*> releasing;
  if (holding.size() > room) {
    std::sort(holding.begin(), holding.end(), most_recent_first);
    releasing.assign(holding.begin() + static_cast<std::ptrdiff_t>(room), holding.end());
  }
  // Of the tabs without pixels from now on, the kSavedFrames used last keep
  // their frame: only those are encoded (a burst of opens releases many). A
  // tab still loading stays as it is and takes no slot.
  std::vector<Tab*> candidates;
  for (Tab* tab : releasing) {
    if (tab->CanReleaseSurface()) candidates.push_back(tab);
  }
  for (auto& [id, tab] : tabs_) {
    if (tab->has_saved_frame() && tab->surface_released()) candidates.push_back(tab.get());
  }
  std::sort(candidates.begin(), candidates.end(), most_recent_first);
  for (size_t i = 0; i < candidates.size(); ++i) {
    Tab* tab = candidates[i];
    const bool keep = i < static_cast<size_t>(kSavedFrames);
    if (!tab->surface_released()) {
      tab->ReleaseSurface(keep);
    } else if (!keep) {
      tab->DropSavedFrame();
    }
  }
}

int TabManager::SavedFrames() const {
  int saved = 0;
  for (const auto& [id, tab] : tabs_) saved += tab->has_saved_frame() ? 1 : 0;
  return saved;
}

void TabManager::OnTabUsed(int id) {
  // Without the background rule every tab stays shown, as the foreground one.
  if (context_.config.background_throttling) Apply(foreground_.Use(id));
}

void TabManager::Apply(ForegroundTab::Change change) {
  if (Tab* hidden = Find(change.hidden)) hidden->SetHidden(true);
  if (Tab* shown = Find(change.shown)) shown->SetHidden(false);
}

int TabManager::SurfacesHeld() const {
  int held = 0;
  for (const auto& [id, tab] : tabs_) held += tab->surface_released() ? 0 : 1;
  return held;
}

TabManager::~TabManager() {
  budget_timer_.cancel();
  soon_timer_.cancel();
  CloseAll();
}

Result<Tab*> TabManager::Open(const std::string& url) {
  auto sink = FrameSink::Create(viewport_width_, viewport_height_);
  if (!sink) return Error{"cannot allocate the tab's surface: " + sink.error()};
  (*sink)->set_single_buffer(context_.config.unsafe_single_buffer);
  int id = next_id_++;
  if (context_.spare) context_.spare->SetWanted(true);
  auto tab = std::make_unique<Tab>(id, context_, std::move(*sink));
  Tab* raw = tab.get();
  tabs_[id] = std::move(tab);
  raw->Navigate(url);
  OnTabUsed(id);  // a new tab comes to the foreground, as Ctrl+T's does
  EnforceSurfaceBudgetSoon();
  context_.TabChanged(id);
  if (observer_) observer_(id, true);
  return raw;
}

Tab* TabManager::Find(int id) {
  auto it = tabs_.find(id);
  return it == tabs_.end() ? nullptr : it->second.get();
}

Status TabManager::Close(int id) {
  auto it = tabs_.find(id);
  if (it == tabs_.end()) return Error{"no tab " + std::to_string(id)};
  it->second->Close();
  tabs_.erase(it);
  // The most recently used of the others comes to the foreground.
  const Tab* next = nullptr;
  for (const auto& [other_id, other] : tabs_) {
    if (!next || other->last_used() > next->last_used()) next = other.get();
  }
  Apply(foreground_.Closed(id, next ? next->id() : 0));
  if (observer_) observer_(id, false);
  // A spare waits for the next tab of an open window, not for none.
  if (context_.spare && tabs_.empty()) context_.spare->SetWanted(false);
  context_.TabChanged(id);
  return OkStatus();
}

Status TabManager::SetViewportSize(int width, int height) {
  Status result = OkStatus();
  for (auto& [id, tab] : tabs_) {
    if (Status resized = tab->ResizeViewport(width, height); !resized && result) result = resized;
  }
  if (result) {
    viewport_width_ = width;
    viewport_height_ = height;
  }
  return result;
}

void TabManager::CloseAll() {
  for (auto& [id, tab] : tabs_) tab->Close();
  std::vector<int> closed;
  for (const auto& [id, tab] : tabs_) closed.push_back(id);
  tabs_.clear();
  if (observer_) {
    for (int id : closed) observer_(id, false);
  }
  if (context_.spare) context_.spare->SetWanted(false);
}

}  // namespace sandtab::browser
