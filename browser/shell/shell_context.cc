#include "browser/shell/shell_context.h"

#include "browser/common/parse_int.h"
#include "browser/shell/report.h"
#include "browser/shell/shell_services.h"
#include "browser/tab/tab.h"
#include "browser/tab/tab_manager.h"

namespace sandtab::browser {

CommandAnswer TabAnswer(const Tab& tab, std::string text) {
  Report report;
  report.Set("ok", true)
      .Set("id", tab.id())
      .Set("pid", static_cast<int64_t>(tab.pid()))
      .Set("state", TabStateName(tab.state()))
      .Set("url", tab.url())
      .AddLine(std::move(text));
  return Answer(report);
}

ShellContext::ShellContext(ShellServices& services) : services_(services), blocking_(services.io) {}

Tab* ShellContext::TabArg(const CommandTable::Args& args, size_t index, const CommandTable::Reply& reply) {
  long id = 0;
  if (args.size() <= index || !ParseInt(args[index], 1, 1L << 30, &id)) {
    reply(Fail("expected a tab id, got '" + (args.size() > index ? args[index] : "") + "'"));
    return nullptr;
  }
  Tab* tab = services_.tabs.Find(static_cast<int>(id));
  if (!tab) {
    reply(Fail("no tab " + std::to_string(id) + " (see 'tabs')"));
    return nullptr;
  }
  SetActiveTab(tab->id());
  return tab;
}

void ShellContext::SetActiveTab(int id) {
  active_tab_ = id;
  if (Tab* tab = services_.tabs.Find(id)) tab->MarkUsed();
}

Tab* ShellContext::ActiveTab() {
  if (Tab* tab = services_.tabs.Find(active_tab_)) return tab;
  const auto& tabs = services_.tabs.tabs();
  return tabs.empty() ? nullptr : tabs.rbegin()->second.get();
}

}  // namespace sandtab::browser
