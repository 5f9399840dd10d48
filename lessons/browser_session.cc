#include "lessons/browser_session.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <charconv>

#include "base/errno_message.h"
#include "lessons/ipc_janitor.h"

namespace sandtab::lessons {

Result<BrowserSession> BrowserSession::Start(IpcJanitor& janitor, const std::string& bin_dir,
                                             const std::vector<std::string>& flags) {
  int in[2], out[2];
  if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0) return Error{ErrnoMessage("pipe2")};
  UniqueFd child_in(in[0]), to_browser(in[1]), from_browser(out[0]), child_out(out[1]);
  std::vector<std::string> argv = {bin_dir + "/sandtab", "--json"};
  argv.insert(argv.end(), flags.begin(), flags.end());
  std::vector<char*> args;
  for (std::string& arg : argv) args.push_back(arg.data());
  args.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) return Error{ErrnoMessage("fork")};
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    ::dup2(child_in.get(), 0);
    ::dup2(child_out.get(), 1);
    int null_fd = ::open("/dev/null", O_WRONLY);
    ::dup2(null_fd, 2);  // its logs are not the lesson
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  janitor.TrackProcess(pid);
  return BrowserSession(janitor, pid, std::move(to_browser), std::move(from_browser));
}

BrowserSession::BrowserSession(IpcJanitor& janitor, pid_t pid, UniqueFd to_browser, UniqueFd from_browser)
    : janitor_(&janitor), pid_(pid), to_browser_(std::move(to_browser)), from_browser_(std::move(from_browser)) {}

BrowserSession::BrowserSession(BrowserSession&& other) noexcept
    : janitor_(other.janitor_),
      pid_(std::exchange(other.pid_, -1)),
      to_browser_(std::move(other.to_browser_)),
      from_browser_(std::move(other.from_browser_)),
      pending_(std::move(other.pending_)) {}

BrowserSession::~BrowserSession() {
  if (pid_ <= 0) return;
  (void)Command("quit", std::chrono::seconds(5));  // the browser reaps its renderers
  to_browser_ = UniqueFd();
  bool reaped = false;
  for (int tries = 0; tries < 50 && !(reaped = ::waitpid(pid_, nullptr, WNOHANG) == pid_); ++tries) {
    ::poll(nullptr, 0, 100);  // a bounded wait for the quit to finish
  }
  if (!reaped) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  janitor_->ForgetProcess(pid_);
}

Result<std::string> BrowserSession::Command(std::string_view line, std::chrono::milliseconds timeout) {
  std::string text(line);
  text.push_back('\n');
  if (::write(to_browser_.get(), text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
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
    pollfd readable = {from_browser_.get(), POLLIN, 0};
    if (left.count() <= 0 || ::poll(&readable, 1, static_cast<int>(left.count())) == 0) {
      return Error{"the browser did not answer within " + std::to_string(timeout.count()) + " ms"};
    }
    char chunk[4096];
    const ssize_t got = ::read(from_browser_.get(), chunk, sizeof chunk);
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
