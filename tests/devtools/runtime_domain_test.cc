// RuntimeDomain: RemoteObjects from the tab's eval answers, function calls
// as one expression, contexts of earlier documents refused.
#include "browser/devtools/runtime_domain.h"

#include <gtest/gtest.h>

#include "tests/devtools/fake_tab_port.h"

namespace sandtab::browser {
namespace {

using testing::ProtocolHarness;
using testing::RecordingClient;

EvalAnswer Value(std::string value, bool json) { return EvalAnswer{true, std::move(value), json, ""}; }

TEST(RuntimeDomainTest, EvaluationRepliesAreChromesRemoteObjects) {
  Json number = RuntimeDomain::EvaluationReply(Value("42", true));
  EXPECT_EQ(number["result"], Json::parse(R"({"type":"number","value":42,"description":"42"})"));
  EXPECT_EQ(RuntimeDomain::EvaluationReply(Value("\"hi\"", true))["result"]["type"], "string");
  EXPECT_EQ(RuntimeDomain::EvaluationReply(Value("true", true))["result"]["value"], true);
  Json null = RuntimeDomain::EvaluationReply(Value("null", true))["result"];
  EXPECT_EQ(null["subtype"], "null");
  Json array = RuntimeDomain::EvaluationReply(Value("[1,2]", true))["result"];
  EXPECT_EQ(array["subtype"], "array");
  EXPECT_EQ(array["value"], Json::parse("[1,2]"));
  EXPECT_EQ(RuntimeDomain::EvaluationReply(Value("{\"a\":1}", true))["result"]["value"]["a"], 1);
  EXPECT_EQ(RuntimeDomain::EvaluationReply(Value("undefined", false))["result"],
            Json::parse(R"({"type":"undefined"})"));
  EXPECT_EQ(RuntimeDomain::EvaluationReply(Value("() => 1", false))["result"]["type"], "function");

  Json thrown = RuntimeDomain::EvaluationReply(EvalAnswer{false, "", false, "TypeError: o is null (eval:1)"});
  ASSERT_TRUE(thrown.contains("exceptionDetails"));
  EXPECT_EQ(thrown["exceptionDetails"]["exception"]["description"], "TypeError: o is null (eval:1)");
  EXPECT_EQ(thrown["exceptionDetails"]["exception"]["subtype"], "error");
}

TEST(RuntimeDomainTest, AFunctionCallIsOneExpressionWithItsArguments) {
  auto call =
      RuntimeDomain::CallExpression("(a, b) => a * b\n//# sourceURL=pptr:evaluate",
                                    Json::parse(R"([{"value":6},{"value":"x\"y"},{"unserializableValue":"-0"},{}])"));
  ASSERT_TRUE(call.ok()) << call.error();
  EXPECT_EQ(*call, "((a, b) => a * b\n//# sourceURL=pptr:evaluate\n).apply(undefined, [6, \"x\\\"y\", -0, undefined])");
  EXPECT_FALSE(RuntimeDomain::CallExpression("f", Json::parse(R"([{"objectId":"1.2"}])")).ok());
  EXPECT_FALSE(RuntimeDomain::CallExpression("f", Json::parse(R"j([{"unserializableValue":"alert(1)"}])j")).ok());
}

TEST(RuntimeDomainTest, EvaluatesThroughTheTabOnceLoadedAndRefusesStaleContexts) {
  ProtocolHarness harness;
  ASSERT_TRUE(harness.tabs.Open("about:blank").ok());
  PageTarget* target = harness.protocol.targets().ByTab(1);
  RecordingClient page(harness.protocol, TargetType::kPage, target->page_id);
  page.Send(1, "Runtime.enable");
  const Json created = page.Events("Runtime.executionContextCreated").at(0)["params"]["context"];
  EXPECT_EQ(created["id"], target->main_context_id);
  EXPECT_LT(page.IndexOfEvent("Runtime.executionContextCreated"), page.IndexOfReply(1));

  page.Send(2, "Runtime.evaluate", {{"expression", "6*7"}, {"contextId", target->main_context_id}});
  EXPECT_TRUE(harness.tabs.tabs.at(1).evals.empty()) << "waits for the document to load";
  harness.tabs.FinishLoading(1);
  ASSERT_EQ(harness.tabs.tabs.at(1).evals.size(), 1u);
  EXPECT_EQ(harness.tabs.tabs.at(1).evals[0].first, "6*7");
  harness.tabs.tabs.at(1).evals[0].second(Value("42", true));
  EXPECT_EQ((*page.Reply(2))["result"]["result"]["value"], 42);

  page.Send(3, "Runtime.evaluate", {{"expression", "1"}, {"contextId", 9999}});
  EXPECT_EQ((*page.Reply(3))["error"]["message"], "Cannot find context with specified id");
  page.Send(4, "Runtime.callFunctionOn", {{"functionDeclaration", "() => 1"}, {"objectId", "1.1"}});
  EXPECT_EQ((*page.Reply(4))["error"]["message"], "Could not find object with given id");
}

TEST(RuntimeDomainTest, AQuestionThePageMovedAwayFromIsChromesDestroyedContext) {
  ProtocolHarness harness;
  ASSERT_TRUE(harness.tabs.Open("about:blank").ok());
  RecordingClient page(harness.protocol, TargetType::kPage, harness.protocol.targets().ByTab(1)->page_id);
  harness.tabs.FinishLoading(1);
  page.Send(1, "Runtime.evaluate", {{"expression", "1"}});
  ASSERT_EQ(harness.tabs.tabs.at(1).evals.size(), 1u);
  harness.tabs.tabs.at(1).evals[0].second(Error{"the tab navigated before the answer came"});
  EXPECT_EQ((*page.Reply(1))["error"]["message"], "Execution context was destroyed.");
}

}  // namespace
}  // namespace sandtab::browser
