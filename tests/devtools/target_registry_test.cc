// TargetRegistry: Chrome-shaped ids, both ids of a tab find it, and a new
// document renews the loader id and contexts (registered worlds return).
#include "browser/devtools/target_registry.h"

#include <gtest/gtest.h>

#include <regex>

namespace sandtab::browser {
namespace {

TEST(TargetRegistryTest, IdsAreChromesShape) {
  TargetRegistry registry(1);
  const std::regex shape("^[0-9A-F]{32}$");
  EXPECT_TRUE(std::regex_match(registry.browser_id(), shape));
  EXPECT_TRUE(std::regex_match(registry.browser_context_id(), shape));
  PageTarget& page = registry.Add(3);
  EXPECT_TRUE(std::regex_match(page.page_id, shape));
  EXPECT_TRUE(std::regex_match(page.tab_target_id, shape));
  EXPECT_NE(page.page_id, page.tab_target_id);
}

TEST(TargetRegistryTest, EitherIdFindsTheTabAndRemovalForgetsIt) {
  TargetRegistry registry(1);
  PageTarget& page = registry.Add(3);
  const std::string page_id = page.page_id, tab_id = page.tab_target_id;
  EXPECT_EQ(registry.ByTargetId(page_id), registry.ByTab(3));
  EXPECT_EQ(registry.ByTargetId(tab_id), registry.ByTab(3));
  EXPECT_EQ(registry.ByTargetId("nope"), nullptr);
  registry.Remove(3);
  EXPECT_EQ(registry.ByTargetId(page_id), nullptr);
  EXPECT_TRUE(registry.Pages().empty());
}

TEST(TargetRegistryTest, ANewDocumentRenewsLoaderAndContextsAndKeepsRegisteredWorlds) {
  TargetRegistry registry(1);
  PageTarget& page = registry.Add(1);
  const std::string loader = page.loader_id;
  const int context = page.main_context_id;
  const uint64_t navigation = page.navigation;
  page.registered_worlds.insert("utility");
  page.world_contexts["utility"] = registry.NewContextId();
  page.world_contexts["once"] = registry.NewContextId();
  const int utility = page.world_contexts["utility"];
  registry.BeginDocument(page);
  EXPECT_NE(page.loader_id, loader);
  EXPECT_NE(page.main_context_id, context);
  EXPECT_EQ(page.navigation, navigation + 1);
  ASSERT_EQ(page.world_contexts.count("utility"), 1u) << "registered worlds come back";
  EXPECT_NE(page.world_contexts["utility"], utility);
  EXPECT_EQ(page.world_contexts.count("once"), 0u);
}

TEST(TargetRegistryTest, PagesAreInTabOrder) {
  TargetRegistry registry(1);
  registry.Add(5);
  registry.Add(2);
  auto pages = registry.Pages();
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_EQ(pages[0]->tab_id, 2);
  EXPECT_EQ(pages[1]->tab_id, 5);
}

}  // namespace
}  // namespace sandtab::browser
