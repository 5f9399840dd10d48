// The browser's check for the debug params must catch every spelling the
// plugin acts on (and more): a miss is a page's crash button for every tab.
#include "browser/plugins/plugin_debug_params.h"

#include <gtest/gtest.h>

namespace sandtab::browser {
namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

TEST(PluginDebugParamsTest, FindsEachDebugParamWhateverItsCaseOrValue) {
  EXPECT_EQ(FindPluginDebugParam({{"crash", "1"}}), "crash");
  EXPECT_EQ(FindPluginDebugParam({{"data", "1,2"}, {"HANG", "1"}}), "hang");
  EXPECT_EQ(FindPluginDebugParam({{"BadMessage", "yes"}}), "badmessage");
  EXPECT_EQ(FindPluginDebugParam({{"crash", ""}}), "crash");
  EXPECT_EQ(FindPluginDebugParam({{std::string("crash\0x", 7), "1"}}), "crash");
}

TEST(PluginDebugParamsTest, OrdinaryParamsPass) {
  EXPECT_EQ(FindPluginDebugParam({}), "");
  EXPECT_EQ(FindPluginDebugParam({{"data", "crash"}, {"title", "hang"}, {"crashed", "1"}, {"width", "10"}}), "");
}

}  // namespace
}  // namespace sandtab::browser
