#include "browser/tab/tab_scripts.h"

#include <boost/asio/post.hpp>

#include <cstdio>
#include <optional>

#include "proto/limits.h"

namespace sandtab::browser {
namespace {

// "5 s", or "250 ms" when it is not whole seconds.
std::string DurationText(std::chrono::milliseconds duration) {
  if (duration.count() % 1000 == 0) return std::to_string(duration.count() / 1000) + " s";
  return std::to_string(duration.count()) + " ms";
}

// Answers an id remembered as given up on this many at most: a renderer
// that left more unanswered has its oldest ones count as never asked.
constexpr size_t kMaxGivenUp = 1024;

}  // namespace

TabScripts::TabScripts(boost::asio::io_context& io, bool log_to_stderr, std::chrono::milliseconds answer_timeout)
    : io_(io), log_to_stderr_(log_to_stderr), answer_timeout_(answer_timeout) {}

TabScripts::~TabScripts() {
  alive_.Invalidate();
  FailOutstanding("tab closed");
}

void TabScripts::Evaluate(RendererHost* renderer, const std::string& expression, EvalCallback done) {
  if (expression.size() > proto::kMaxEvalBytes) {
    boost::asio::post(io_, [done = std::move(done)] { done(Error{"expression longer than 64 KiB"}); });
    return;
  }
  Pending pending{Kind::kEval, std::move(done), nullptr, nullptr};
  auto id = Ask(renderer, std::move(pending));
  if (id) renderer->Evaluate(*id, expression);
}

void TabScripts::DumpDom(RendererHost* renderer, DumpCallback done) {
  Pending pending{Kind::kDump, nullptr, std::move(done), nullptr};
  auto id = Ask(renderer, std::move(pending));
  if (id) renderer->DumpDom(*id);
}

Result<uint64_t> TabScripts::Ask(RendererHost* renderer, Pending pending) {
  std::optional<std::string> refused;
  if (!renderer) refused = "the tab has no running renderer";
  if (pending_.size() >= kMaxOutstanding) {
    refused = "too many questions outstanding (" + std::to_string(kMaxOutstanding) + ")";
  }
  if (refused) {
    boost::asio::post(
        io_, [pending = std::make_shared<Pending>(std::move(pending)), why = *refused] { Fail(*pending, why); });
    return Error{*refused};
  }
  const uint64_t id = next_request_id_++;
  pending.deadline = std::make_unique<boost::asio::steady_timer>(io_, answer_timeout_);
  pending.deadline->async_wait([this, alive = alive_.token(), id](const boost::system::error_code& ec) {
    if (ec || !alive.Alive() || !pending_.count(id)) return;
    GiveUp(id, "timed out after " + DurationText(answer_timeout_));
  });
  pending_.emplace(id, std::move(pending));
  return id;
}

void TabScripts::Fail(Pending& pending, const std::string& why) {
  if (pending.kind == Kind::kEval) {
    pending.eval(Error{why});
  } else {
    pending.dump(Error{why});
  }
}

void TabScripts::GiveUp(uint64_t request_id, const std::string& why) {
  auto it = pending_.find(request_id);
  if (it == pending_.end()) return;
  auto pending = std::make_shared<Pending>(std::move(it->second));
  pending_.erase(it);
  pending->deadline.reset();
  given_up_.insert(request_id);
  if (given_up_.size() > kMaxGivenUp) given_up_.erase(given_up_.begin());
  // Posted: whoever is told may close the tab, which must not happen
  // under the tab's own call.
  boost::asio::post(io_, [pending, why] { Fail(*pending, why); });
}

void TabScripts::FailOutstanding(const std::string& why) {
  while (!pending_.empty()) GiveUp(pending_.begin()->first, why);
}

void TabScripts::OnRendererGone() {
  FailOutstanding("renderer gone");
  given_up_.clear();
  renderer_first_id_ = next_request_id_;
}

Result<std::optional<TabScripts::Pending>> TabScripts::TakeAnswered(uint64_t request_id, Kind kind,
                                                                    const char* message) {
  const std::string name = message;
  if (request_id < renderer_first_id_ || request_id >= next_request_id_) {
    return Error{name + ": no question with that request id was sent to this renderer"};
  }
  auto it = pending_.find(request_id);
  if (it == pending_.end()) {
    // Given up on (late, or the page changed): dropped, once.
    if (given_up_.erase(request_id) == 1) return std::optional<Pending>();
    return Error{name + ": that request was answered already"};
  }
  if (it->second.kind != kind) return Error{name + ": answers a question of another kind"};
  std::optional<Pending> pending(std::move(it->second));
  pending_.erase(it);
  pending->deadline.reset();
  return pending;
}

Status TabScripts::OnEvalResult(uint64_t request_id, EvalAnswer answer) {
  ASSIGN_OR_RETURN(std::optional<Pending> pending, TakeAnswered(request_id, Kind::kEval, "EvalResult"));
  if (pending) {
    boost::asio::post(
        io_, [eval = std::move(pending->eval), answer = std::move(answer)]() mutable { eval(std::move(answer)); });
  }
  return OkStatus();
}

Status TabScripts::OnDomDump(const proto::DomDump& dump) {
  ASSIGN_OR_RETURN(std::optional<Pending> pending, TakeAnswered(dump.request_id(), Kind::kDump, "DomDump"));
  if (pending) {
    boost::asio::post(
        io_, [dump_done = std::move(pending->dump), html = dump.html()]() mutable { dump_done(std::move(html)); });
  }
  return OkStatus();
}

Status TabScripts::OnConsoleMessage(const proto::ConsoleMessage& message, uint64_t current_navigation) {
  if (message.navigation_id() > current_navigation) return Error{"ConsoleMessage: navigation that never started"};
  if (message.navigation_id() < current_navigation) return OkStatus();  // the page it was about is gone
  ConsoleLine line{message.level(), message.text(), message.source(), message.navigation_id(),
                   std::chrono::system_clock::now()};
  if (log_to_stderr_) std::fprintf(stderr, "%s\n", ConsoleLog::LogForm(line).c_str());
  console_.Add(std::move(line));
  return OkStatus();
}

}  // namespace sandtab::browser
