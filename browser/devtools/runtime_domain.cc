#include "browser/devtools/runtime_domain.h"

#include <regex>

#include "browser/devtools/session_table.h"
#include "browser/devtools/tab_port.h"
#include "browser/devtools/target_registry.h"

namespace sandtab::browser {
namespace {

constexpr auto kBrowser = TargetType::kBrowser;
constexpr auto kTab = TargetType::kTab;
constexpr auto kPage = TargetType::kPage;

Json RemoteObjectOfJson(const Json& value) {
  switch (value.type()) {
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return {{"type", "number"}, {"value", value}, {"description", value.dump()}};
    case Json::value_t::string:
      return {{"type", "string"}, {"value", value}};
    case Json::value_t::boolean:
      return {{"type", "boolean"}, {"value", value}};
    case Json::value_t::null:
      return {{"type", "object"}, {"subtype", "null"}, {"value", nullptr}};
    case Json::value_t::array:
      return {{"type", "object"},
              {"subtype", "array"},
              {"className", "Array"},
              {"description", "Array(" + std::to_string(value.size()) + ")"},
              {"value", value}};
    default:
      return {{"type", "object"}, {"className", "Object"}, {"description", "Object"}, {"value", value}};
  }
}

// A value with no JSON form, from its string form (script_context.cc's Describe).
Json RemoteObjectOfText(const std::string& text) {
  if (text == "undefined") return {{"type", "undefined"}};
  if (text.rfind("Symbol(", 0) == 0) return {{"type", "symbol"}, {"description", text}};
  if (text.rfind("function", 0) == 0 || text.rfind("class", 0) == 0 || text.find("=>") != std::string::npos ||
      text.rfind("async", 0) == 0) {
    return {{"type", "function"}, {"className", "Function"}, {"description", text}};
  }
  return {{"type", "string"}, {"value", text}};
}

}  // namespace

Json RuntimeDomain::EvaluationReply(const EvalAnswer& answer) {
  if (!answer.ok) {
    const Json exception = {
        {"type", "object"}, {"subtype", "error"}, {"className", "Error"}, {"description", answer.error}};
    return {
        {"result", exception},
        {"exceptionDetails",
         {{"exceptionId", 1}, {"text", "Uncaught"}, {"lineNumber", 0}, {"columnNumber", 0}, {"exception", exception}}}};
  }
  if (answer.value_is_json) {
    Json value = Json::parse(answer.value, nullptr, /*allow_exceptions=*/false);
    if (!value.is_discarded()) return {{"result", RemoteObjectOfJson(value)}};
  }
  return {{"result", RemoteObjectOfText(answer.value)}};
}

Result<std::string> RuntimeDomain::CallExpression(const std::string& declaration, const Json& arguments) {
  static const std::regex kUnserializable(R"(^(-?Infinity|NaN|-0|-?[0-9]+n)$)");
  std::string args;
  if (arguments.is_array()) {
    for (const Json& argument : arguments) {
      if (!args.empty()) args += ", ";
      if (!argument.is_object()) return Error{"Invalid argument"};
      if (argument.contains("objectId")) return Error{"Could not find object with given id"};
      if (auto it = argument.find("unserializableValue"); it != argument.end()) {
        if (!it->is_string() || !std::regex_match(it->get<std::string>(), kUnserializable)) {
          return Error{"Invalid unserializable value"};
        }
        args += it->get<std::string>();
      } else if (auto value = argument.find("value"); value != argument.end()) {
        args += value->dump(-1, ' ', false, Json::error_handler_t::replace);
      } else {
        args += "undefined";
      }
    }
  }
  // The newline ends a trailing "//# sourceURL=" comment of the declaration.
  return "(" + declaration + "\n).apply(undefined, [" + args + "])";
}

void RuntimeDomain::Register(CdpDispatcher& dispatcher) {
  dispatcher.Add("Runtime.enable", {kPage}, [this](CdpSession& session, const CdpCall& call) {
    PageTarget* page = context_.targets.ByTargetId(session.target_id);
    if (!page) return call.Fail(kCdpServerError, "Not attached to an active page");
    if (!session.runtime_enabled) lifecycle_.AnnounceContexts(session, *page);
    session.runtime_enabled = true;
    call.Reply(Json::object());
  });
  dispatcher.Add("Runtime.disable", {kPage}, [](CdpSession& session, const CdpCall& call) {
    session.runtime_enabled = false;
    call.Reply(Json::object());
  });
  // Nothing in sandtab waits for a debugger.
  dispatcher.Add("Runtime.runIfWaitingForDebugger", {kBrowser, kTab, kPage},
                 [](CdpSession&, const CdpCall& call) { call.Reply(Json::object()); });
  // Results are values, never handles: there is nothing to release.
  dispatcher.Add("Runtime.releaseObject", {kPage},
                 [](CdpSession&, const CdpCall& call) { call.Reply(Json::object()); });
  dispatcher.Add("Runtime.evaluate", {kPage}, [this](CdpSession& session, const CdpCall& call) {
    auto it = call.params.find("expression");
    if (it == call.params.end() || !it->is_string()) return call.Fail(kCdpInvalidParams, "Invalid parameters");
    Evaluate(session, call, it->get<std::string>(), "contextId");
  });
  dispatcher.Add("Runtime.callFunctionOn", {kPage}, [this](CdpSession& session, const CdpCall& call) {
    auto it = call.params.find("functionDeclaration");
    if (it == call.params.end() || !it->is_string()) return call.Fail(kCdpInvalidParams, "Invalid parameters");
    if (call.params.contains("objectId")) return call.Fail(kCdpServerError, "Could not find object with given id");
    if (!call.params.contains("executionContextId")) {
      return call.Fail(kCdpServerError, "Either ObjectId or executionContextId must be specified");
    }
    auto expression = CallExpression(it->get<std::string>(), call.params.value("arguments", Json::array()));
    if (!expression) return call.Fail(kCdpServerError, expression.error());
    Evaluate(session, call, *expression, "executionContextId");
  });
  for (const char* event : {"Runtime.executionContextCreated", "Runtime.executionContextsCleared"}) {
    dispatcher.AddEvent(event);
  }
}

void RuntimeDomain::Evaluate(CdpSession& session, const CdpCall& call, const std::string& expression,
                             const char* context_param) {
  PageTarget* page = context_.targets.ByTargetId(session.target_id);
  if (!page) return call.Fail(kCdpServerError, "Not attached to an active page");
  if (auto it = call.params.find(context_param); it != call.params.end()) {
    const int id = it->is_number_integer() ? it->get<int>() : -1;
    bool known = id == page->main_context_id;
    for (const auto& [world, world_id] : page->world_contexts) known = known || id == world_id;
    // A context of an earlier document: Chrome's words, which the clients retry on.
    if (!known) return call.Fail(kCdpServerError, "Cannot find context with specified id");
  }
  if (page->crashed) return call.Fail(kCdpServerError, "Target crashed");
  // A document on its way has no renderer to ask yet: the question waits
  // for it (bounded), as Chrome's waits for the new context.
  const int tab_id = page->tab_id;
  context_.tabs.WaitLoaded(tab_id, context_.load_timeout_seconds,
                           [this, tab_id, expression, call](bool) { Ask(tab_id, expression, call); });
}

void RuntimeDomain::Ask(int tab_id, const std::string& expression, const CdpCall& call) {
  context_.tabs.Evaluate(tab_id, expression, [call](Result<EvalAnswer> answer) {
    if (!answer) {
      // Chrome's words for a page that moved on, on which clients retry.
      const bool moved_on = answer.error().find("navigated") != std::string::npos;
      return call.Fail(kCdpServerError, moved_on ? "Execution context was destroyed." : answer.error());
    }
    call.Reply(EvaluationReply(*answer));
  });
}

}  // namespace sandtab::browser
