#include "browser/shell/shell.h"

#include <readline/history.h>
#include <readline/readline.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <cstdio>
#include <iostream>

#include "browser/common/browser_config.h"
#include "browser/loader/resource_loader.h"
#include "browser/plugins/plugin_broker.h"
#include "browser/process/child_reaper.h"
#include "browser/shell/shell_services.h"
#include "browser/tab/tab_manager.h"
#include "browser/common/trace_recorder.h"
#include "browser/common/json_writer.h"
#include "browser/common/terminal_text.h"

namespace sandtab::browser {

Shell::Shell(ShellServices& services)
    : services_(services),
      commands_(services),
      interactive_(::isatty(STDIN_FILENO) && ::isatty(STDOUT_FILENO)),
      json_(services.config.json) {}

Shell::~Shell() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wanted_.notify_all();
  // The reader may sit in a blocking read of stdin that nothing can
  // interrupt; it touches nothing of ours once stopping_ is set.
  if (reader_.joinable()) reader_.detach();
}

void Shell::Start(QuitCallback on_quit) {
  on_quit_ = std::move(on_quit);
  if (interactive_) {
    // On a terminal, long commands say how far they got (stderr: stdout
    // carries only answers).
    commands_.set_progress([](const std::string& text) { std::fprintf(stderr, "%s\n", text.c_str()); });
    std::printf("sandtab shell: one sandboxed renderer per tab. Type 'help'.\n");
    std::fflush(stdout);
  }
  for (const auto& url : services_.config.urls) {
    Print(commands_.RunSync("open " + url));
  }
  reader_ = std::thread([this] { ReaderThread(); });
  RequestNextLine();
}

void Shell::RequestNextLine() {
  {
    std::lock_guard lock(mutex_);
    line_wanted_ = true;
  }
  wanted_.notify_one();
}

void Shell::ReaderThread() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wanted_.wait(lock, [this] { return line_wanted_ || stopping_; });
      if (stopping_) return;
      line_wanted_ = false;
    }
    std::string line;
    bool got_line;
    if (interactive_) {
      char* text = ::readline("sandtab> ");
      got_line = text != nullptr;
      if (text) {
        line = text;
        if (!line.empty()) ::add_history(text);
        std::free(text);
      }
    } else {
      got_line = static_cast<bool>(std::getline(std::cin, line));
    }
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    if (got_line) {
      boost::asio::post(services_.io, [this, line] { OnLine(line); });
    } else {
      boost::asio::post(services_.io, [this] { OnEndOfInput(); });
      return;
    }
  }
}

void Shell::OnLine(const std::string& line) {
  commands_.Run(line, [this](CommandAnswer answer) {
    if (!answer.silent) Print(answer);
    if (answer.quit) {
      on_quit_(0);
      return;
    }
    RequestNextLine();
  });
}

void Shell::OnEndOfInput() {
  if (interactive_) std::printf("\n");
  on_quit_(0);
}

void Shell::Print(const CommandAnswer& answer) {
  if (json_) {
    if (answer.ok) {
      std::printf("%s\n", answer.json.empty() ? "{\"ok\":true}" : answer.json.c_str());
    } else {
      std::printf("%s\n", JsonWriter().BeginObject().Field("error", answer.text).EndObject().text().c_str());
    }
  } else if (answer.ok) {
    // The last line of defence: fields from children are sanitized where
    // they are composed (so they cannot fake a line); this catches any missed.
    std::string text;
    AppendSanitized(text, answer.text, /*keep_line_breaks=*/true);
    if (!text.empty()) std::printf("%s\n", text.c_str());
  } else {
    std::printf("error: %s\n", SanitizeForTerminal(answer.text).c_str());
  }
  std::fflush(stdout);
}

}  // namespace sandtab::browser
