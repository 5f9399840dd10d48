// TabPlugins: the embed rules of DocumentInfo by name, and instances kept
// in step with the document's embeds. The broker is real; the embeds name
// plugin types that do not exist, so no plugin process starts ("missing
// plugin" instances), and matching is what is tested.
#include "browser/tab/tab_plugins.h"

#include <gtest/gtest.h>

#include <string>
#include <unistd.h>

#include "browser/common/browser_config.h"
#include "browser/plugins/plugin_broker.h"
#include "browser/process/child_reaper.h"
#include "browser/process/process_registry.h"
#include "proto/limits.h"
#include "proto/plugin_types.h"

namespace sandtab::browser {
namespace {

constexpr int kTabId = 3;

proto::EmbedInfo* AddEmbed(proto::DocumentInfo& info, const std::string& type, int x, int y, int width, int height) {
  auto* embed = info.add_embeds();
  embed->set_mime_type(std::string(proto::kPluginMimePrefix) + type);
  embed->mutable_rect()->set_x(x);
  embed->mutable_rect()->set_y(y);
  embed->mutable_rect()->set_width(width);
  embed->mutable_rect()->set_height(height);
  return embed;
}

std::string Refusal(const proto::DocumentInfo& info) {
  Status status = TabPlugins::CheckEmbeds(info);
  return status ? "" : status.error();
}

TEST(TabPluginsRules, EachEmbedLimitIsABadMessageWithItsName) {
  proto::DocumentInfo ok;
  AddEmbed(ok, "nosuch", 0, 0, 10, 10);
  EXPECT_EQ(Refusal(ok), "");

  proto::DocumentInfo many;
  for (int i = 0; i <= proto::kMaxEmbeds; ++i) AddEmbed(many, "nosuch", 0, 0, 10, 10);
  EXPECT_EQ(Refusal(many), "DocumentInfo: more than 64 embeds");

  proto::DocumentInfo negative;
  AddEmbed(negative, "nosuch", 0, 0, -1, 10);
  EXPECT_EQ(Refusal(negative), "DocumentInfo: embed rect out of range");

  proto::DocumentInfo long_type;
  AddEmbed(long_type, std::string(proto::kMaxEmbedTypeBytes, 't'), 0, 0, 10, 10);
  EXPECT_EQ(Refusal(long_type), "DocumentInfo: embed with too many params or a long type");

  proto::DocumentInfo params;
  auto* embed = AddEmbed(params, "nosuch", 0, 0, 10, 10);
  for (int i = 0; i <= proto::kMaxEmbedParams; ++i) embed->add_params()->set_name("p");
  EXPECT_EQ(Refusal(params), "DocumentInfo: embed with too many params or a long type");

  proto::DocumentInfo big_param;
  auto* param = AddEmbed(big_param, "nosuch", 0, 0, 10, 10)->add_params();
  param->set_name("n");
  param->set_value(std::string(proto::kMaxEmbedParamBytes, 'v'));
  EXPECT_EQ(Refusal(big_param), "DocumentInfo: embed param over 64 KiB");
}

TEST(TabPluginsRules, UpdateChecksEvenWithoutABroker) {
  TabPlugins plugins(kTabId, nullptr);
  proto::DocumentInfo negative;
  AddEmbed(negative, "nosuch", 0, 0, -1, 10);
  EXPECT_FALSE(plugins.Update(negative));
  proto::DocumentInfo ok;
  AddEmbed(ok, "nosuch", 0, 0, 10, 10);
  EXPECT_TRUE(plugins.Update(ok));
  EXPECT_TRUE(plugins.instance_ids().empty());
  EXPECT_TRUE(plugins.AllPainted());
  EXPECT_FALSE(plugins.RouteClick(1, 1));
}

class TabPluginsTest : public ::testing::Test {
 protected:
  ProcessRegistry processes_{::getpid()};  // outlives the loop and what it still holds
  boost::asio::io_context io_;
  BrowserConfig config_;
  ChildReaper reaper_{io_};
  PluginBroker broker_{io_, config_, reaper_, processes_, std::chrono::seconds(5), CrashPolicyConfig{}, nullptr};
  TabPlugins plugins_{kTabId, &broker_};
};

TEST_F(TabPluginsTest, InstancesFollowTheEmbedsByPosition) {
  proto::DocumentInfo first;
  AddEmbed(first, "a", 0, 0, 10, 10);
  AddEmbed(first, "b", 0, 20, 10, 10);
  ASSERT_TRUE(plugins_.Update(first));
  ASSERT_EQ(plugins_.instance_ids().size(), 2u);
  const auto ids = plugins_.instance_ids();
  EXPECT_EQ(broker_.InstancesOfTab(kTabId).size(), 2u);

  // The page laid out again: the same embeds moved keep their instances.
  proto::DocumentInfo moved;
  AddEmbed(moved, "a", 5, 100, 10, 10);
  AddEmbed(moved, "b", 5, 120, 10, 10);
  ASSERT_TRUE(plugins_.Update(moved));
  EXPECT_EQ(plugins_.instance_ids(), ids);
  EXPECT_EQ(broker_.instances().at(ids[0])->rect.y(), 100);

  // A new size, or another type, is another instance; a dropped embed loses its own.
  proto::DocumentInfo changed;
  AddEmbed(changed, "a", 5, 100, 11, 10);
  ASSERT_TRUE(plugins_.Update(changed));
  ASSERT_EQ(plugins_.instance_ids().size(), 1u);
  EXPECT_NE(plugins_.instance_ids()[0], ids[0]);
  EXPECT_EQ(broker_.InstancesOfTab(kTabId).size(), 1u);
  EXPECT_EQ(broker_.instances().count(ids[0]), 0u);
  EXPECT_EQ(broker_.instances().count(ids[1]), 0u);

  plugins_.DestroyAll();
  EXPECT_TRUE(plugins_.instance_ids().empty());
  EXPECT_TRUE(broker_.InstancesOfTab(kTabId).empty());
}

TEST_F(TabPluginsTest, ParamsDecideWhetherAnInstanceIsKept) {
  proto::DocumentInfo with_param;
  auto* param = AddEmbed(with_param, "a", 0, 0, 10, 10)->add_params();
  param->set_name("color");
  param->set_value("red");
  ASSERT_TRUE(plugins_.Update(with_param));
  const uint64_t id = plugins_.instance_ids().at(0);
  ASSERT_TRUE(plugins_.Update(with_param));
  EXPECT_EQ(plugins_.instance_ids().at(0), id);
  with_param.mutable_embeds(0)->mutable_params(0)->set_value("blue");
  ASSERT_TRUE(plugins_.Update(with_param));
  EXPECT_NE(plugins_.instance_ids().at(0), id);
}

TEST_F(TabPluginsTest, AClickInsideAnEmbedGoesToItsInstanceNotToTheRenderer) {
  proto::DocumentInfo info;
  AddEmbed(info, "a", 10, 100, 20, 20);
  ASSERT_TRUE(plugins_.Update(info));
  EXPECT_TRUE(plugins_.RouteClick(10, 100));
  EXPECT_TRUE(plugins_.RouteClick(29, 119));
  EXPECT_FALSE(plugins_.RouteClick(30, 110));
  EXPECT_FALSE(plugins_.RouteClick(15, 120));
  EXPECT_FALSE(plugins_.RouteClick(9, 110));
}

TEST_F(TabPluginsTest, MissingPluginsCountAsPainted) {
  proto::DocumentInfo info;
  AddEmbed(info, "a", 0, 0, 10, 10);
  ASSERT_TRUE(plugins_.Update(info));
  EXPECT_EQ(broker_.instances().at(plugins_.instance_ids()[0])->state, PluginInstanceState::kMissing);
  EXPECT_TRUE(plugins_.AllPainted());
}

}  // namespace
}  // namespace sandtab::browser
