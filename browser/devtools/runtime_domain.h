#ifndef SANDTAB_BROWSER_DEVTOOLS_RUNTIME_DOMAIN_H_
#define SANDTAB_BROWSER_DEVTOOLS_RUNTIME_DOMAIN_H_

#include <string>

#include "browser/devtools/cdp_dispatcher.h"
#include "browser/devtools/devtools_context.h"
#include "browser/devtools/page_lifecycle.h"
#include "browser/tab/renderer_host.h"

namespace sandtab::browser {

// The Runtime domain: execution contexts (one world per sandtab page; an
// isolated world's context evaluates in it), Runtime.evaluate and
// Runtime.callFunctionOn through the tab's eval path (TabScripts), results
// as Chrome's RemoteObject by value.
class RuntimeDomain {
 public:
  RuntimeDomain(DevToolsContext& context, PageLifecycle& lifecycle) : context_(context), lifecycle_(lifecycle) {}
  void Register(CdpDispatcher& dispatcher);

  // The reply of an evaluation: {result: RemoteObject} or with exceptionDetails.
  static Json EvaluationReply(const EvalAnswer& answer);
  // A function call as one expression: "(DECL\n).apply(undefined, [args])",
  // or an error for an argument sandtab cannot pass (an object handle).
  static Result<std::string> CallExpression(const std::string& declaration, const Json& arguments);

 private:
  void Evaluate(CdpSession& session, const CdpCall& call, const std::string& expression, const char* context_param);
  void Ask(int tab_id, const std::string& expression, const CdpCall& call);

  DevToolsContext& context_;
  PageLifecycle& lifecycle_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_DEVTOOLS_RUNTIME_DOMAIN_H_
