#ifndef SANDTAB_BROWSER_TAB_TAB_SCRIPTS_H_
#define SANDTAB_BROWSER_TAB_TAB_SCRIPTS_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "base/result.h"
#include "base/weak_anchor.h"
#include "browser/tab/console_log.h"
#include "browser/tab/renderer_host.h"
#include "proto/renderer.pb.h"

namespace sandtab::browser {

// A tab's side of its page's scripts (DESIGN section 13): the console the
// page writes to, and the questions the browser asks the page (`eval`,
// `--dump-dom`), each answered once: by the renderer, or with an error when
// the renderer dies, the tab navigates or closes, or the answer is later
// than `answer_timeout`. Nothing waits on the loop: a question is a
// callback and a timer.
//
// The rules on the renderer's answers (each a bad message): the request id
// is one this tab sent to this renderer and answers the question asked (an
// EvalResult for an Evaluate). An answer to a question the browser gave up
// on (its time passed, the tab navigated) is dropped: the renderer could
// not know. The console's rule: a line of a navigation that never started
// is a bad message; a line of an earlier one is dropped.
class TabScripts {
 public:
  using EvalCallback = std::function<void(Result<EvalAnswer>)>;
  using DumpCallback = std::function<void(Result<std::string>)>;

  static constexpr std::chrono::milliseconds kAnswerTimeout{5000};
  // Questions one tab may have outstanding; more are refused at once.
  static constexpr size_t kMaxOutstanding = 32;

  TabScripts(boost::asio::io_context& io, bool log_to_stderr,
             std::chrono::milliseconds answer_timeout = kAnswerTimeout);
  ~TabScripts();

  // Asks `renderer` (null: the tab has no ready renderer, answered at once
  // with that error) to evaluate `expression`. `done` is called once,
  // never before this returns.
  void Evaluate(RendererHost* renderer, const std::string& expression, EvalCallback done);
  // Asks `renderer` for its serialized DOM, the same way.
  void DumpDom(RendererHost* renderer, DumpCallback done);

  // The renderer's words, their shapes already checked by RendererHost.
  Status OnConsoleMessage(const proto::ConsoleMessage& message, uint64_t current_navigation);
  Status OnEvalResult(uint64_t request_id, EvalAnswer answer);
  Status OnDomDump(const proto::DomDump& dump);

  // The page the questions were about is gone (a navigation, the tab
  // closed): each outstanding question fails with `why`.
  void FailOutstanding(const std::string& why);
  // The renderer died: its questions fail with "renderer gone", and ids
  // sent to it are no answer a later renderer may give.
  void OnRendererGone();

  const ConsoleLog& console() const { return console_; }
  size_t outstanding() const { return pending_.size(); }

 private:
  enum class Kind { kEval, kDump };
  struct Pending {
    Kind kind;
    EvalCallback eval;
    DumpCallback dump;
    std::unique_ptr<boost::asio::steady_timer> deadline;
  };

  // Registers a question and arms its deadline; returns its request id, or
  // an error (no renderer, too many outstanding).
  Result<uint64_t> Ask(RendererHost* renderer, Pending pending);
  // Takes the question `request_id` that `kind` answers; null for an
  // answer that is dropped; an error for one that breaks the rules.
  Result<std::optional<Pending>> TakeAnswered(uint64_t request_id, Kind kind, const char* message);
  // Ends a question with an error, remembering its id as given up on.
  void GiveUp(uint64_t request_id, const std::string& why);
  static void Fail(Pending& pending, const std::string& why);

  boost::asio::io_context& io_;
  const bool log_to_stderr_;
  const std::chrono::milliseconds answer_timeout_;
  ConsoleLog console_;
  uint64_t next_request_id_ = 1;
  uint64_t renderer_first_id_ = 1;  // the first id the current renderer was sent
  std::map<uint64_t, Pending> pending_;
  std::set<uint64_t> given_up_;  // sent to the current renderer, answered with an error here
  WeakAnchor alive_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_TAB_TAB_SCRIPTS_H_
