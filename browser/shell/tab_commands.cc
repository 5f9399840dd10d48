#include "browser/shell/tab_commands.h"

#include <cstdlib>

#include "browser/common/browser_config.h"
#include "browser/common/parse_int.h"
#include "browser/loader/url.h"
#include "browser/plugins/plugin_broker.h"
#include "browser/shell/report.h"
#include "browser/shell/shell_context.h"
#include "browser/shell/shell_services.h"
#include "browser/tab/tab.h"
#include "browser/tab/tab_manager.h"

namespace sandtab::browser {

void TabCommands::Open(const Args& args, Reply reply) {
  ShellServices& services = shell_.services();
  auto tab = services.tabs.Open(UrlFromUserInput(args[1], services.config.content_root));
  if (!tab) return reply(Fail(tab.error()));
  shell_.SetActiveTab((*tab)->id());
  // The renderer is usually still on its way (a zygote fork answers later):
  // the state says so, and pid -1 means "to come", shown by `tabs` or `wait`.
  const Tab& opened = **tab;
  const std::string state = TabStateName(opened.state());
  const std::string id = std::to_string(opened.id());
  Report report;
  report.Set("id", opened.id())
      .Set("url", opened.url())
      .Set("state", state)
      .Set("pid", static_cast<int64_t>(opened.pid()))
      .AddLine(opened.pid() > 0 ? id + " (" + state + ", renderer pid " + std::to_string(opened.pid()) + ")"
                                : id + " (" + state + "; `wait " + id + "` gives its renderer's pid)");
  reply(Answer(report));
}

void TabCommands::Navigate(const Args& args, Reply reply) {
  if (Tab* tab = shell_.TabArg(args, 1, reply)) {
    tab->Navigate(UrlFromUserInput(args[2], shell_.services().config.content_root));
    reply(TabAnswer(*tab, "navigating tab " + std::to_string(tab->id()) + " to " + tab->url()));
  }
}

void TabCommands::Reload(const Args& args, Reply reply) {
  if (Tab* tab = shell_.TabArg(args, 1, reply)) {
    shell_.services().plugins.OnUserReload(tab->id());  // before the reload drops its instances
    tab->Reload();
    reply(TabAnswer(*tab, "reloading tab " + std::to_string(tab->id())));
  }
}

void TabCommands::Back(const Args& args, Reply reply) {
  if (Tab* tab = shell_.TabArg(args, 1, reply)) {
    if (!tab->Back()) return reply(Fail("tab " + args[1] + " has nothing to go back to"));
    reply(TabAnswer(*tab, "back to " + tab->url()));
  }
}

void TabCommands::Forward(const Args& args, Reply reply) {
  if (Tab* tab = shell_.TabArg(args, 1, reply)) {
    if (!tab->Forward()) return reply(Fail("tab " + args[1] + " has nothing to go forward to"));
    reply(TabAnswer(*tab, "forward to " + tab->url()));
  }
}

void TabCommands::Close(const Args& args, Reply reply) {
  if (Tab* tab = shell_.TabArg(args, 1, reply)) {
    const int id = tab->id();
    Status closed = shell_.services().tabs.Close(id);
    if (!closed) return reply(Fail(closed.error()));
    Report report;
    report.Set("ok", true).Set("id", id).AddLine("closed tab " + std::to_string(id));
    reply(Answer(report));
  }
}

void TabCommands::Wait(const Args& args, Reply reply) {
  double seconds = shell_.services().config.wait_timeout_seconds;
  if (args.size() == 3) {
    char* end = nullptr;
    seconds = std::strtod(args[2].c_str(), &end);
    if (*end != '\0' || !(seconds > 0 && seconds <= 3600)) return reply(Fail("wait: SECONDS must be in (0, 3600]"));
  }
  Tab* tab = shell_.TabArg(args, 1, reply);
  if (!tab) return;
  const int id = tab->id();
  tab->MarkUsed();  // the user waits for it to show
  // The tab calls back only while it exists, so its manager does too.
  tab->WaitUntilPainted(seconds, [&tabs = shell_.services().tabs, id, seconds, reply](bool painted) {
    Tab* tab = tabs.Find(id);
    if (!tab) return reply(Fail("tab " + std::to_string(id) + " was closed while waiting"));
    if (!painted) {
      return reply(Fail("tab " + std::to_string(id) + " not painted after " + std::to_string(seconds) +
                        " s (state: " + TabStateName(tab->state()) + ")"));
    }
    // The pid `open` could not give yet (its state said "launching").
    reply(TabAnswer(*tab, "tab " + std::to_string(id) + " loaded and painted by renderer pid " +
                              std::to_string(tab->pid()) + ": " + tab->title()));
  });
}

void TabCommands::Click(const Args& args, Reply reply) {
  long x = 0, y = 0;
  if (!ParseInt(args[2], 0, 100000, &x) || !ParseInt(args[3], 0, 100000, &y)) {
    return reply(Fail("click: X and Y must be whole numbers in [0, 100000]"));
  }
  if (Tab* tab = shell_.TabArg(args, 1, reply)) {
    tab->Click(static_cast<int>(x), static_cast<int>(y));
    reply(TabAnswer(*tab, "clicked tab " + args[1] + " at " + args[2] + "," + args[3]));
  }
}

void TabCommands::Scroll(const Args& args, Reply reply) {
  long dy = 0;
  if (!ParseInt(args[2], -1000000, 1000000, &dy)) {
    return reply(Fail("scroll: DY must be a whole number in [-1000000, 1000000]"));
  }
  if (Tab* tab = shell_.TabArg(args, 1, reply)) {
    tab->Scroll(static_cast<int>(dy));
    reply(TabAnswer(*tab, "scrolled tab " + args[1] + " by " + args[2]));
  }
}

}  // namespace sandtab::browser
