#include "lessons/browser_session.h"

#include <poll.h>
#include <unistd.h>

#include <charconv>

#include "base/errno_message.h"

namespace sandtab::lessons {

Result<BrowserSession> BrowserSession::Start(IpcJanitor& janitor, const std::string& bin_dir,
                                             const std::vector<std::string>& flags) {
  std::vector<std::string> argv = {bin_dir + "/sandtab", "--json"};
  argv.insert(argv.end(), flags.begin(), flags.end());
  ASSIGN_OR_RETURN(ChildProcess browser, ChildProcess::Run(janitor, argv, ChildProcess::Input::kPipe));
  return BrowserSession(std::move(browser));
}

BrowserSession::~BrowserSession() {
  if (browser_.pid() <= 0) return;
  (void)Command("quit", std::chrono::seconds(5));  // the browser reaps its renderers
  browser_.CloseInput();
  (void)browser_.Wait(std::chrono::seconds(5));  // or it is killed
}

Result<std::string> BrowserSession::Command(std::string_view line, std::chrono::milliseconds timeout) {
  std::string text(line);
  text.push_back('\n');
  if (::write(browser_.input_fd(), text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
    return Error{ErrnoMessage("writing to the browser")};
  }
  if (line == "quit") return std::string();
  Result<std::string> answer = ReadLine(timeout);
  if (!answer) return std::move(answer).TakeError().WithContext(line);
  if (answer->rfind("{\"error\"", 0) == 0) return Error{JsonField(*answer, "error")}.WithContext(line);
  return answer;
}

Result<std::string> BrowserSession::ReadLine(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (size_t end = pending_.find('\n'); end != std::string::npos) {
      std::string answer = pending_.substr(0, end);
      pending_.erase(0, end + 1);
      return answer;
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd readable = {browser_.output_fd(), POLLIN, 0};
    if (left.count() <= 0 || ::poll(&readable, 1, static_cast<int>(left.count())) == 0) {
      return Error{"the browser did not answer within " + std::to_string(timeout.count()) + " ms"};
    }
    char chunk[4096];
    const ssize_t got = ::read(browser_.output_fd(), chunk, sizeof chunk);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return Error{"the browser ended"};
    pending_.append(chunk, static_cast<size_t>(got));
  }
}

std::string JsonField(std::string_view json, std::string_view name) {
  std::string key;
  key.reserve(name.size() + 3);
  key.append("\"").append(name).append("\":");
  const size_t at = json.find(key);
  if (at == std::string_view::npos) return "";
  size_t start = at + key.size();
  if (start < json.size() && json[start] == '"') {
    std::string text;
    for (size_t i = start + 1; i < json.size() && json[i] != '"'; ++i) {
      if (json[i] == '\\' && i + 1 < json.size()) ++i;
      text += json[i];
    }
    return text;
  }
  size_t end = json.find_first_of(",}]", start);
  return std::string(json.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
}

int64_t JsonNumber(std::string_view json, std::string_view name) {
  const std::string text = JsonField(json, name);
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() && !text.empty() ? value : -1;
}

}  // namespace sandtab::lessons
