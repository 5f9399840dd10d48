#include "browser/shell/shell_commands.h"

#include <algorithm>
#include <cstdlib>
#include <sstream>

#include "browser/common/browser_config.h"
#include "browser/loader/resource_loader.h"
#include "browser/plugins/plugin_broker.h"
#include "browser/process/child_reaper.h"
#include "browser/shell/shell_services.h"
#include "browser/tab/tab_manager.h"
#include "browser/common/trace_recorder.h"
#include "browser/compositor/compositor.h"
#include "browser/common/json_writer.h"
#include "browser/tab/renderer_grants.h"
#include "browser/compositor/sheet_capture.h"
#include "browser/loader/url.h"

namespace sandtab::browser {
namespace {

std::vector<std::string> SplitArgs(const std::string& line) {
  std::istringstream stream(line);
  std::vector<std::string> args;
  for (std::string word; stream >> word;) args.push_back(word);
  return args;
}

bool ParseInt(const std::string& text, long min, long max, long* out) {
  if (text.empty()) return false;
  char* end = nullptr;
  long value = std::strtol(text.c_str(), &end, 10);
  if (*end != '\0' || value < min || value > max) return false;
  *out = value;
  return true;
}

CommandAnswer Fail(std::string error) {
  CommandAnswer answer;
  answer.ok = false;
  answer.text = std::move(error);
  return answer;
}

CommandAnswer Done(std::string text, std::string json = {}) {
  CommandAnswer answer;
  answer.text = std::move(text);
  answer.json = std::move(json);
  return answer;
}

// {"id": N, "ok": true, ...} for commands that act on one tab.
CommandAnswer TabDone(const Tab& tab, const std::string& text) {
  return Done(text, JsonWriter()
                        .BeginObject()
                        .Field("ok", true)
                        .Field("id", tab.id())
                        .Field("pid", static_cast<int64_t>(tab.pid()))
                        .Field("state", TabStateName(tab.state()))
                        .Field("url", tab.url())
                        .EndObject()
                        .text());
}

}  // namespace

ShellCommands::ShellCommands(ShellServices& services) : services_(services), blocking_(services.io) { Register(); }

void ShellCommands::SetActiveTab(int id) {
  active_tab_ = id;
  if (Tab* tab = services_.tabs.Find(id)) tab->MarkUsed();
}

void ShellCommands::Add(const std::string& name, std::string usage, std::string summary,
                        std::function<void(const Args&, Reply)> run) {
  commands_[name] = {std::move(usage), std::move(summary), std::move(run)};
  order_.push_back(name);
}

Tab* ShellCommands::TabArg(const Args& args, size_t index, const Reply& reply) {
  long id = 0;
  if (args.size() <= index || !ParseInt(args[index], 1, 1L << 30, &id)) {
    reply(Fail("expected a tab id, got '" + (args.size() > index ? args[index] : "") + "'"));
    return nullptr;
  }
  Tab* tab = services_.tabs.Find(static_cast<int>(id));
  if (!tab) reply(Fail("no tab " + std::to_string(id) + " (see 'tabs')"));
  if (tab) SetActiveTab(tab->id());
  return tab;
}

void ShellCommands::Run(const std::string& line, Reply reply) {
  Args args = SplitArgs(line);
  if (args.empty() || args[0][0] == '#') {
    CommandAnswer answer;
    answer.silent = true;
    return reply(answer);
  }
  auto it = commands_.find(args[0]);
  if (it == commands_.end()) return reply(Fail("unknown command '" + args[0] + "' (try 'help')"));
  it->second.run(args, std::move(reply));
}

CommandAnswer ShellCommands::RunSync(const std::string& line) {
  CommandAnswer result = Fail("command did not answer at once");
  Run(line, [&](CommandAnswer answer) { result = std::move(answer); });
  return result;
}

void ShellCommands::Register() {
  using namespace std::placeholders;
  Add("help", "help", "this list", std::bind(&ShellCommands::Help, this, _1, _2));
  Add("open", "open URL", "new tab with its own renderer; answers the tab id",
      std::bind(&ShellCommands::Open, this, _1, _2));
  Add("nav", "nav ID URL", "navigate a tab", [this](const Args& args, Reply reply) {
    if (args.size() != 3) return reply(Fail("usage: nav ID URL"));
    if (Tab* tab = TabArg(args, 1, reply)) {
      tab->Navigate(UrlFromUserInput(args[2], services_.config.content_root));
      reply(TabDone(*tab, "navigating tab " + std::to_string(tab->id()) + " to " + tab->url()));
    }
  });
  Add("reload", "reload ID", "reload (also restarts a tab stopped by a crash loop)",
      [this](const Args& args, Reply reply) {
        if (Tab* tab = TabArg(args, 1, reply)) {
          services_.plugins.OnUserReload(tab->id());  // before the reload drops its instances
          tab->Reload();
          reply(TabDone(*tab, "reloading tab " + std::to_string(tab->id())));
        }
      });
  Add("back", "back ID", "go back in the tab's history", [this](const Args& args, Reply reply) {
    if (Tab* tab = TabArg(args, 1, reply)) {
      if (!tab->Back()) return reply(Fail("tab " + args[1] + " has nothing to go back to"));
      reply(TabDone(*tab, "back to " + tab->url()));
    }
  });
  Add("forward", "forward ID", "go forward in the tab's history", [this](const Args& args, Reply reply) {
    if (Tab* tab = TabArg(args, 1, reply)) {
      if (!tab->Forward()) return reply(Fail("tab " + args[1] + " has nothing to go forward to"));
      reply(TabDone(*tab, "forward to " + tab->url()));
    }
  });
  Add("close", "close ID", "close a tab; its renderer is killed and reaped",
      [this](const Args& args, Reply reply) {
        if (Tab* tab = TabArg(args, 1, reply)) {
          int id = tab->id();
          Status closed = services_.tabs.Close(id);
          if (!closed) return reply(Fail(closed.error()));
          reply(Done("closed tab " + std::to_string(id),
                     JsonWriter().BeginObject().Field("ok", true).Field("id", id).EndObject().text()));
        }
      });
  Add("tabs", "tabs", "every tab: id, state, url, title, pid, crashes, last death",
      std::bind(&ShellCommands::Tabs, this, _1, _2));
  Add("ps", "ps", "task manager: pid, type, tab, memory, CPU, state, sandboxed",
      std::bind(&ShellCommands::Ps, this, _1, _2));
  Add("wait", "wait ID [SECONDS]", "until the tab is loaded and painted",
      std::bind(&ShellCommands::Wait, this, _1, _2));
  Add("crash", "crash ID | crash plugin NAME", "make the tab's renderer segfault (about:crash), or kill a plugin process", [this](const Args& args, Reply reply) {
    if (args.size() == 3 && args[1] == "plugin") {
      Status killed = services_.plugins.KillPlugin(args[2]);
      if (!killed) return reply(Fail(killed.error()));
      return reply(Done("killed the " + args[2] + " plugin process",
                        JsonWriter().BeginObject().Field("ok", true).Field("plugin", args[2]).EndObject().text()));
    }
    if (Tab* tab = TabArg(args, 1, reply)) {
      tab->RunDebugUrl("about:crash");
      reply(TabDone(*tab, "sent about:crash to tab " + args[1]));
    }
  });
  Add("hang", "hang ID", "make the tab's renderer loop forever (about:hang)", [this](const Args& args, Reply reply) {
    if (Tab* tab = TabArg(args, 1, reply)) {
      tab->RunDebugUrl("about:hang");
      reply(TabDone(*tab, "sent about:hang to tab " + args[1]));
    }
  });
  Add("debug", "debug ID about:FAULT",
      "a fault in the renderer, keeping the tab's URL: crash abort hang oom badmessage exit ptrace threads", [this](const Args& args, Reply reply) {
        auto url = args.size() == 3 ? ParseUrl(args[2]) : Result<Url>(Error{"usage"});
        if (!url || !IsDebugUrl(*url)) {
          return reply(Fail("usage: debug ID about:crash|abort|hang|oom|badmessage|exit|ptrace|threads"));
        }
        if (Tab* tab = TabArg(args, 1, reply)) {
          tab->RunDebugUrl(args[2]);
          reply(TabDone(*tab, "sent " + args[2] + " to tab " + args[1]));
        }
      });
  Add("kill", "kill ID", "SIGKILL the tab's renderer from outside", [this](const Args& args, Reply reply) {
    if (Tab* tab = TabArg(args, 1, reply)) {
      pid_t pid = tab->pid();
      if (pid <= 0) return reply(Fail("tab " + args[1] + " has no live renderer"));
      tab->KillRenderer();
      reply(TabDone(*tab, "killed renderer " + std::to_string(pid) + " of tab " + args[1]));
    }
  });
  Add("click", "click ID X Y", "click at viewport coordinates", [this](const Args& args, Reply reply) {
    long x = 0, y = 0;
    if (args.size() != 4) return reply(Fail("usage: click ID X Y"));
    if (!ParseInt(args[2], 0, 100000, &x) || !ParseInt(args[3], 0, 100000, &y)) {
      return reply(Fail("click: X and Y must be whole numbers in [0, 100000]"));
    }
    if (Tab* tab = TabArg(args, 1, reply)) {
      tab->Click(static_cast<int>(x), static_cast<int>(y));
      reply(TabDone(*tab, "clicked tab " + args[1] + " at " + args[2] + "," + args[3]));
    }
  });
  Add("scroll", "scroll ID DY", "scroll the tab's viewport by DY pixels", [this](const Args& args, Reply reply) {
    long dy = 0;
    if (args.size() != 3) return reply(Fail("usage: scroll ID DY"));
    if (!ParseInt(args[2], -1000000, 1000000, &dy)) {
      return reply(Fail("scroll: DY must be a whole number in [-1000000, 1000000]"));
    }
    if (Tab* tab = TabArg(args, 1, reply)) {
      tab->Scroll(static_cast<int>(dy));
      reply(TabDone(*tab, "scrolled tab " + args[1] + " by " + args[2]));
    }
  });
  Add("plugins", "plugins", "plugin processes: type, pid, instances per tab, frames, state",
      std::bind(&ShellCommands::Plugins, this, _1, _2));
  Add("screenshot", "screenshot ID|window|all FILE.png", "write a PNG (all: every tab, labelled, in a grid)",
      std::bind(&ShellCommands::Screenshot, this, _1, _2));
  Add("sandbox", "sandbox ID", "measured sandbox state of the tab's renderer, with live probes",
      std::bind(&ShellCommands::Sandbox, this, _1, _2));
  Add("stats", "stats", "live processes, fds, memfds, shared bytes, residue counts",
      std::bind(&ShellCommands::Stats, this, _1, _2));
  Add("deaths", "deaths", "the death records of every child that ended",
      std::bind(&ShellCommands::Deaths, this, _1, _2));
  Add("broker", "broker [N]", "the last N resource-loader decisions (default 20)",
      std::bind(&ShellCommands::Broker, this, _1, _2));
  Add("trace", "trace start|stop FILE.json", "record what the browser sees (Chrome trace-event format)",
      [this](const Args& args, Reply reply) {
        if (args.size() == 2 && args[1] == "start") {
          services_.trace.Start();
          return reply(Done("tracing", "{\"ok\":true,\"tracing\":true}"));
        }
        if (args.size() != 3 || args[1] != "stop") return reply(Fail("usage: trace start | trace stop FILE.json"));
        const size_t events = services_.trace.events();
        Status written = services_.trace.StopAndWrite(args[2]);
        if (!written) return reply(Fail(written.error()));
        reply(Done("wrote " + args[2] + " (" + std::to_string(events) + " events)",
                   JsonWriter().BeginObject().Field("ok", true).Field("path", args[2]).Field("events", events).EndObject().text()));
      });
  Add("quit", "quit", "close every tab and exit", [](const Args&, Reply reply) {
    CommandAnswer answer = Done("bye", "{\"ok\":true,\"quit\":true}");
    answer.quit = true;
    reply(answer);
  });
}

void ShellCommands::Help(const Args&, Reply reply) {
  std::string text = "commands:\n";
  JsonWriter json;
  json.BeginObject().BeginArray("commands");
  for (const auto& name : order_) {
    const Command& command = commands_[name];
    std::string usage = command.usage;
    usage.resize(std::max<size_t>(usage.size(), 36), ' ');
    text += "  " + usage + command.summary + "\n";
    json.BeginObject().Field("name", name).Field("usage", command.usage).Field("summary", command.summary).EndObject();
  }
  json.EndArray().EndObject();
  text.pop_back();
  reply(Done(text, json.text()));
}

void ShellCommands::Open(const Args& args, Reply reply) {
  if (args.size() != 2) return reply(Fail("usage: open URL"));
  auto tab = services_.tabs.Open(UrlFromUserInput(args[1], services_.config.content_root));
  if (!tab) return reply(Fail(tab.error()));
  SetActiveTab((*tab)->id());
  reply(Done(std::to_string((*tab)->id()), JsonWriter()
                                               .BeginObject()
                                               .Field("id", (*tab)->id())
                                               .Field("url", (*tab)->url())
                                               .Field("pid", static_cast<int64_t>((*tab)->pid()))
                                               .EndObject()
                                               .text()));
}

void ShellCommands::Wait(const Args& args, Reply reply) {
  double seconds = services_.config.wait_timeout_seconds;
  if (args.size() == 3) {
    char* end = nullptr;
    seconds = std::strtod(args[2].c_str(), &end);
    if (*end != '\0' || !(seconds > 0 && seconds <= 3600)) return reply(Fail("wait: SECONDS must be in (0, 3600]"));
  } else if (args.size() != 2) {
    return reply(Fail("usage: wait ID [SECONDS]"));
  }
  Tab* tab = TabArg(args, 1, reply);
  if (!tab) return;
  int id = tab->id();
  tab->MarkUsed();  // the user waits for it to show
  tab->WaitUntilPainted(seconds, [this, id, seconds, reply](bool painted) {
    Tab* tab = services_.tabs.Find(id);
    if (!tab) return reply(Fail("tab " + std::to_string(id) + " was closed while waiting"));
    if (!painted) {
      return reply(Fail("tab " + std::to_string(id) + " not painted after " + std::to_string(seconds) +
                        " s (state: " + TabStateName(tab->state()) + ")"));
    }
    reply(TabDone(*tab, "tab " + std::to_string(id) + " loaded and painted: " + tab->title()));
  });
}

void ShellCommands::Screenshot(const Args& args, Reply reply) {
  if (args.size() != 3) return reply(Fail("usage: screenshot ID|window|all FILE.png"));
  const std::string& path = args[2];
  if (Status writable = CheckPngWritable(path); !writable) return reply(Fail(writable.error()));
  if (args[1] == "all") {
    std::vector<int> ids;
    for (const auto& [id, tab] : services_.tabs.tabs()) ids.push_back(id);
    if (ids.empty()) return reply(Fail("no tabs to take a screenshot of"));
    SheetCapture::Options options;
    options.batch = static_cast<size_t>(std::max(1, services_.config.max_surfaces));
    options.tab_width = services_.config.window_width;
    options.tab_height = services_.config.window_height;
    if (progress_) {
      options.progress = [progress = progress_](size_t drawn, size_t total) {
        progress("screenshot all: " + std::to_string(drawn) + " of " + std::to_string(total) + " tabs drawn");
      };
    }
    // The blank sheet (51 MB at 500 tabs) is made on the blocking worker;
    // the tabs are drawn on the loop (Pango), then encoded on the worker.
    const size_t count = ids.size();
    blocking_.Run([count, options] { return SheetCapture::MakeCanvas(count, options); },
                  [this, alive = std::weak_ptr<const bool>(alive_), ids = std::move(ids), options, path,
                   reply](SheetCapture::Canvas canvas) mutable {
                    if (!alive.lock()) return;
                    SheetCapture::Start(
                        services_.tabs, &services_.plugins, services_.io, std::move(ids), std::move(canvas), options,
                        [this, alive, path, reply](SheetCapture::Sheet sheet) {
                          if (!alive.lock()) return;
                          WriteScreenshot(path, std::move(sheet.image), SheetCounts{sheet.tabs, sheet.blank}, reply);
                        });
                  });
    return;
  }
  Tab* tab = nullptr;
  if (args[1] == "window") {
    tab = services_.tabs.Find(active_tab_);
    if (!tab && !services_.tabs.tabs().empty()) tab = services_.tabs.tabs().rbegin()->second.get();
    if (!tab) return reply(Fail("no tabs to take a screenshot of"));
  } else if (tab = TabArg(args, 1, reply); !tab) {
    return;
  }
  tab->MarkUsed();  // looked at
  auto compose = [this, id = tab->id(), path, reply] {
    const Tab* tab = services_.tabs.Find(id);
    if (!tab) return reply(Fail("the tab was closed"));
    WriteScreenshot(path, Compositor::ComposeTab(*tab, &services_.plugins), std::nullopt, reply);
  };
  // A tab in the background has released its pixels: bring them back and
  // let its renderer repaint first (bounded).
  if (!tab->surface_released()) return compose();
  tab->WaitUntilPainted(5, [compose, alive = std::weak_ptr<const bool>(alive_)](bool) {
    if (alive.lock()) compose();
  });
}

void ShellCommands::WriteScreenshot(const std::string& path, Image image, std::optional<SheetCounts> sheet,
                                    Reply reply) {
  const int width = image.width, height = image.height;
  // libpng at level 6 takes ~40 ms for one tab here and seconds for a sheet
  // of hundreds: on the blocking worker, so frames keep being composited.
  blocking_.Run([path, image = std::move(image)] { return WritePng(path, image); },
                [path, width, height, sheet, reply](Status written) {
                  if (!written) return reply(Fail(written.error()));
                  std::string text = "wrote " + path + " (" + std::to_string(width) + "x" + std::to_string(height);
                  JsonWriter json;
                  json.BeginObject().Field("ok", true).Field("path", path).Field("width", width).Field("height", height);
                  if (sheet) {
                    text += ", " + std::to_string(sheet->tabs) + " tabs";
                    if (sheet->blank) text += ", " + std::to_string(sheet->blank) + " with nothing painted yet";
                    json.Field("tabs", static_cast<uint64_t>(sheet->tabs)).Field("blank", static_cast<uint64_t>(sheet->blank));
                  }
                  reply(Done(text + ")", json.EndObject().text()));
                });
}

}  // namespace sandtab::browser
