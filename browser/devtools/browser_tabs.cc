#include "browser/devtools/browser_tabs.h"

#include <boost/asio/post.hpp>

#include "browser/compositor/compositor.h"
#include "browser/loader/url.h"
#include "browser/tab/tab.h"
#include "browser/tab/tab_manager.h"

namespace sandtab::browser {
namespace {

constexpr double kSurfaceRestoreSeconds = 5;

}  // namespace

Tab* BrowserTabs::Find(int tab_id) const { return tabs_.Find(tab_id); }

Result<std::string> BrowserTabs::Resolve(const std::string& url) const {
  // Only full URLs: a bare name is a shell user's shorthand, not a URL.
  if (url.find(':') == std::string::npos) return Error{"Cannot navigate to invalid URL"};
  std::string resolved = UrlFromUserInput(url, content_root_);
  if (!ParseUrl(resolved)) return Error{"Cannot navigate to invalid URL"};
  return resolved;
}

Result<int> BrowserTabs::Open(const std::string& url) {
  ASSIGN_OR_RETURN(std::string resolved, Resolve(url));
  ASSIGN_OR_RETURN(Tab * tab, tabs_.Open(resolved));
  tab->MarkUsed();
  return tab->id();
}

Status BrowserTabs::Close(int tab_id) { return tabs_.Close(tab_id); }

std::vector<int> BrowserTabs::TabIds() const {
  std::vector<int> ids;
  for (const auto& [id, tab] : tabs_.tabs()) ids.push_back(id);
  return ids;
}

std::optional<TabView> BrowserTabs::View(int tab_id) const {
  const Tab* tab = Find(tab_id);
  if (!tab) return std::nullopt;
  return TabView{tab->url(), tab->title(), tab->sink().width(), tab->sink().height(), tab->scroll_y()};
}

Status BrowserTabs::Navigate(int tab_id, const std::string& url) {
  Tab* tab = Find(tab_id);
  if (!tab) return Error{"no tab " + std::to_string(tab_id)};
  ASSIGN_OR_RETURN(std::string resolved, Resolve(url));
  tab->MarkUsed();
  tab->Navigate(resolved);
  return OkStatus();
}

Status BrowserTabs::RunDebugUrl(int tab_id, const std::string& url) {
  Tab* tab = Find(tab_id);
  if (!tab) return Error{"no tab " + std::to_string(tab_id)};
  if (tab->pid() < 0) return Error{"the tab has no renderer now"};
  tab->RunDebugUrl(url);
  return OkStatus();
}

void BrowserTabs::WaitLoaded(int tab_id, double seconds, LoadedCallback done) {
  Tab* tab = Find(tab_id);
  if (!tab) return boost::asio::post(io_, [done = WhileAlive(std::move(done))]() mutable { done(false); });
  tab->WaitUntilPainted(seconds, WhileAlive(std::move(done)));
}

void BrowserTabs::Evaluate(int tab_id, const std::string& expression, EvalCallback done) {
  Tab* tab = Find(tab_id);
  if (!tab)
    return boost::asio::post(
        io_, [done = WhileAlive(std::move(done))]() mutable { done(Result<EvalAnswer>(Error{"the tab was closed"})); });
  tab->MarkUsed();
  tab->Evaluate(expression, WhileAlive(std::move(done)));
}

void BrowserTabs::Capture(int tab_id, std::optional<UiRect> area, ImageCallback done) {
  Tab* tab = Find(tab_id);
  if (!tab)
    return boost::asio::post(
        io_, [done = WhileAlive(std::move(done))]() mutable { done(Result<Image>(Error{"the tab was closed"})); });
  tab->MarkUsed();
  auto compose = [this, tab_id, area, done = std::move(done)](bool) {
    const Tab* tab = Find(tab_id);
    if (!tab) return done(Error{"the tab was closed"});
    if (!area) return done(Compositor::ComposeTab(*tab, plugins_));
    // Straight from the shared buffer when nothing covers the page: a 1x1
    // clip copies 4 bytes, not a 4 MB frame (whose freed pages glibc then
    // keeps in the heap).
    Image scratch;
    done(CopyArea(Compositor::TabRows(*tab, plugins_, scratch), *area));
  };
  // A background tab gave its pixels back: its renderer repaints them first.
  if (!tab->surface_released()) return compose(true);
  tab->WaitUntilPainted(kSurfaceRestoreSeconds, WhileAlive(std::move(compose)));
}

}  // namespace sandtab::browser
