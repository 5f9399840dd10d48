#include "browser/devtools/target_registry.h"

namespace sandtab::browser {

const char* TargetTypeName(TargetType type) {
  switch (type) {
    case TargetType::kBrowser:
      return "browser";
    case TargetType::kTab:
      return "tab";
    case TargetType::kPage:
      return "page";
  }
  return "page";
}

TargetRegistry::TargetRegistry(uint64_t seed) : random_(seed != 0 ? seed : std::random_device{}()) {
  browser_id_ = NewId();
  browser_context_id_ = NewId();
}

std::string TargetRegistry::NewId() {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string id(32, '0');
  for (char& digit : id) digit = kHex[random_() % 16];
  return id;
}

PageTarget& TargetRegistry::Add(int tab_id) {
  auto page = std::make_unique<PageTarget>();
  page->tab_id = tab_id;
  page->page_id = NewId();
  page->tab_target_id = NewId();
  BeginDocument(*page);
  PageTarget& added = *page;
  pages_[tab_id] = std::move(page);
  return added;
}

void TargetRegistry::Remove(int tab_id) { pages_.erase(tab_id); }

PageTarget* TargetRegistry::ByTab(int tab_id) {
  auto it = pages_.find(tab_id);
  return it == pages_.end() ? nullptr : it->second.get();
}

PageTarget* TargetRegistry::ByTargetId(const std::string& target_id) {
  for (auto& [tab_id, page] : pages_) {
    if (page->page_id == target_id || page->tab_target_id == target_id) return page.get();
  }
  return nullptr;
}

std::vector<PageTarget*> TargetRegistry::Pages() {
  std::vector<PageTarget*> pages;
  for (auto& [tab_id, page] : pages_) pages.push_back(page.get());
  return pages;
}

void TargetRegistry::BeginDocument(PageTarget& page) {
  page.loader_id = NewId();
  page.main_context_id = NewContextId();
  page.world_contexts.clear();
  for (const std::string& world : page.registered_worlds) page.world_contexts[world] = NewContextId();
  ++page.navigation;
}

}  // namespace sandtab::browser
