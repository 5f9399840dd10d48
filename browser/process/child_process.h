#ifndef SANDTAB_BROWSER_PROCESS_CHILD_PROCESS_H_
#define SANDTAB_BROWSER_PROCESS_CHILD_PROCESS_H_

#include <sys/types.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include <array>
#include <functional>
#include <memory>
#include <string>

#include "browser/process/child_launcher.h"
#include "browser/process/death_classifier.h"
#include "browser/process/process_registry.h"
#include "proto/death_record.pb.h"

namespace sandtab::browser {

class ChildReaper;

// The life of one child process as the browser sees it: its pid, its log
// pipe, the evidence of how it ended, and one DeathRecord when it is reaped.
// Shared by the renderer and plugin hosts. It is in the ProcessRegistry from
// its launch until it is reaped.
class ChildProcess : public std::enable_shared_from_this<ChildProcess> {
 public:
  using DeathCallback = std::function<void(proto::DeathRecord)>;
  // A child's log line is cut here (the rest of the line is dropped): the
  // only line the browser keeps is the one in progress, and it is printed
  // (sanitized) only with --enable-logging. Console lines, once JavaScript
  // comes, are bounded per line by this too.
  static constexpr size_t kMaxLogLine = 4096;

  // `child`'s pidfd is how it is signalled: never by pid. Its channel is
  // not the process's business (the host took it).
  static std::shared_ptr<ChildProcess> Create(boost::asio::io_context& io, ChildReaper& reaper,
                                              ProcessRegistry& registry, LaunchedChild child, proto::ProcessType type,
                                              bool log_to_stderr, DeathCallback on_death);
  ~ChildProcess();

  pid_t pid() const { return pid_; }
  bool alive() const { return alive_; }
  proto::ProcessType type() const { return type_; }

  // SIGKILL, remembering why; the first recorded reason wins (a bad message
  // stays a bad message even if the user kills the tab a moment later).
  void Kill(proto::DeathRecord::Cause cause, const std::string& detail);
  // The owner is going away: kill without reporting the death.
  void Abandon();
  // What it is used for, as `ps` shows it (the registry's entry).
  void SetUse(ProcessUse use);
  // Its channel closed: a dying process gets a moment, so that its real cause
  // (signal, exit code) is what waitpid reports; one that lives on without
  // its channel is of no use and is killed as unresponsive.
  void ExpectExit(const std::string& why);
  // The owner let it go without killing it (its channel closed, so it ends
  // on its own): no longer listed, and killed as ExpectExit says if it lingers.
  void Retire(const std::string& why);

 private:
  ChildProcess(boost::asio::io_context& io, ProcessRegistry& registry, pid_t pid, UniqueFd pidfd, UniqueFd log,
               proto::ProcessType type, bool log_to_stderr, DeathCallback on_death);
  void SendKill();
  void ReadLog();
  void ConsumeLog(const char* bytes, size_t n);
  void OnLogLine(const std::string& line);
  void OnReaped(int wait_status);

  boost::asio::io_context& io_;
  ProcessRegistry& registry_;
  pid_t pid_;
  UniqueFd pidfd_;
  proto::ProcessType type_;
  bool alive_ = true;
  bool log_to_stderr_;
  boost::asio::posix::stream_descriptor log_;
  std::array<char, 4096> log_chunk_;
  std::string log_line_;
  DeathEvidence evidence_;
  DeathCallback on_death_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_PROCESS_CHILD_PROCESS_H_
