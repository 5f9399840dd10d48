#ifndef SANDTAB_BROWSER_PROCESS_CHILD_HOST_H_
#define SANDTAB_BROWSER_PROCESS_CHILD_HOST_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "base/weak_anchor.h"
#include "browser/process/child_launcher.h"
#include "browser/process/child_process.h"
#include "browser/process/hang_monitor.h"
#include "ipc/handshake.h"
#include "ipc/message_channel.h"
#include "proto/death_record.pb.h"

namespace sandtab::browser {

class ChildReaper;

// What every host of a child process does, whatever the child speaks: the
// channel, the process, the Hello gate, the hang monitor's pings and pongs,
// and the one place misbehaviour is punished (ReportBadMessage). A child
// that has not completed its Hello within the hang timeout is killed as
// unresponsive: the hang monitor only starts after the Hello, and a child
// that says nothing (or half a frame) must not hold its tab in "launching"
// for ever. RendererHost
// and PluginHost add what their peer says. `Incoming`/`Outgoing` are the
// channel's top-level messages; both have `hello`, and `pong`/`ping`.
template <typename Incoming, typename Outgoing>
class ChildHost : private ipc::MessageChannel<Incoming, Outgoing>::Delegate {
 public:
  using Channel = ipc::MessageChannel<Incoming, Outgoing>;

  pid_t pid() const { return process_->pid(); }
  bool alive() const { return process_->alive(); }
  bool ready() const { return ready_; }

  // SIGKILL first, then close: a child that saw its channel close first could
  // exit on its own and be reported as a clean exit.
  void Kill(proto::DeathRecord::Cause cause, const std::string& detail) {
    process_->Kill(cause, detail);
    channel_.Close();
  }
  // Lets the child go gently: its channel closes and it exits on its own (a
  // renderer's loop ends there); one still running 2 s later is killed as
  // unresponsive. Its death still comes (OnChildGone), after the reaper's.
  void Retire(const std::string& why) {
    CloseChannel();
    process_->Retire(why);
  }
  // Kills the child for breaking the protocol and records why.
  void ReportBadMessage(const std::string& reason) { Kill(proto::DeathRecord::BAD_MESSAGE, reason); }

  // Fds and bytes attached to messages the child has not read yet.
  ipc::UnreadAttachments::Totals unread_attachments() { return channel_.channel().unread_attachments(); }
  // What the process is used for, as `ps` lists it (ProcessRegistry).
  void SetUse(ProcessUse use) { process_->SetUse(std::move(use)); }
  // How long an idle child goes between pings (see HangMonitor).
  void SetIdlePingInterval(std::chrono::milliseconds interval) { hang_monitor_.SetIdleInterval(interval); }

 protected:
  // For the derived host's named senders only: a message is built in the
  // host of its channel and nowhere else (see RendererHost, PluginHost).
  // Composes a message to send (see ipc::MessageChannel::Compose).
  Outgoing* Compose() { return channel_.Compose(); }
  // A failed send means the child is going away; its death arrives through
  // the reaper, never as an error here.
  void Send(Outgoing* message, std::vector<UniqueFd> fds = {}) {
    channel_.Send(message, std::move(fds));
    hang_monitor_.OnWorkSent();
  }

  ChildHost(boost::asio::io_context& io, ChildReaper& reaper, ProcessRegistry& registry, LaunchedChild child,
            proto::ProcessType type, bool log_to_stderr, std::chrono::milliseconds hang_timeout)
      : type_(type),
        channel_(io, std::move(child.channel), ipc::FdPolicy::kRejectFds),
        handshake_timer_(io),
        hang_monitor_(
            io, hang_timeout,
            [this](uint64_t cookie) {
              auto* ping = channel_.Compose();
              ping->mutable_ping()->set_cookie(cookie);
              channel_.Send(ping);
            },
            [this, hang_timeout](std::chrono::milliseconds waited) {
              KillUnresponsive("no answer to a ping for " + std::to_string(waited.count()) + " ms (--hang-timeout " +
                               std::to_string(hang_timeout.count()) + " ms)");
            }) {
    // Everything below answers asynchronously: no virtual call runs before
    // the derived host is constructed.
    process_ = ChildProcess::Create(io, reaper, registry, std::move(child), type, log_to_stderr,
                                    [this](proto::DeathRecord record) {
                                      CloseChannel();
                                      OnChildGone(std::move(record));
                                    });
    channel_.Start(this);
    auto* hello = channel_.Compose();
    ipc::FillHello(proto::PROCESS_TYPE_BROWSER, hello->mutable_hello());
    channel_.Send(hello);
    handshake_timer_.expires_after(hang_timeout);
    handshake_timer_.async_wait([this, alive = alive_.token(), hang_timeout](const boost::system::error_code& ec) {
      if (ec || !alive.Alive() || ready_ || !process_->alive()) return;
      Kill(proto::DeathRecord::UNRESPONSIVE, "no Hello within " + std::to_string(hang_timeout.count()) +
                                                 " ms (--hang-timeout): the handshake never completed");
    });
  }
  ~ChildHost() override {
    alive_.Invalidate();
    handshake_timer_.cancel();
    hang_monitor_.Stop();
    process_->Abandon();
    channel_.Close();
  }

  // The child said a valid Hello.
  virtual void OnReady() = 0;
  // Every message after the Hello but pongs; an error is a bad message.
  virtual Status OnChildMessage(const Incoming& message) = 0;
  // Once, after the process was reaped; the host may be destroyed then.
  virtual void OnChildGone(proto::DeathRecord record) = 0;

  // The one way a hung child dies, whoever found it hung: the hang monitor,
  // or the child's own watchdog (a renderer's ScriptTimedOut). Recorded
  // unresponsive, so the crash policy treats it as any hang.
  void KillUnresponsive(const std::string& detail) {
    hang_monitor_.Stop();
    Kill(proto::DeathRecord::UNRESPONSIVE, detail);
  }

  // No more pings, no more messages (the process lives on until it exits).
  void CloseChannel() {
    handshake_timer_.cancel();
    hang_monitor_.Stop();
    channel_.Close();
  }

 private:
  void OnMessage(const Incoming& message, std::vector<UniqueFd>) override {
    Status status = Dispatch(message);
    if (!status) ReportBadMessage(status.error());
  }

  Status Dispatch(const Incoming& message) {
    if (!ready_) {
      if (!message.has_hello()) return Error{"first message is not Hello"};
      Status hello = ipc::CheckHello(message.hello(), type_);
      if (!hello) return Error{"Hello: " + hello.error()};
      ready_ = true;
      handshake_timer_.cancel();
      hang_monitor_.Start();
      OnReady();
      return OkStatus();
    }
    if (message.has_hello()) return Error{"Hello: sent twice"};
    if (message.has_pong()) {
      if (!hang_monitor_.OnPong(message.pong().cookie())) return Error{"Pong: no ping with that cookie"};
      return OkStatus();
    }
    return OnChildMessage(message);
  }

  void OnChannelClosed(ipc::CloseCause cause, const std::string& reason) override {
    if (cause == ipc::CloseCause::kProtocolError) return ReportBadMessage(reason);
    // EOF or an I/O error: its death, if it is dying, comes from waitpid.
    process_->ExpectExit(reason);
  }

  proto::ProcessType type_;
  Channel channel_;
  std::shared_ptr<ChildProcess> process_;
  boost::asio::steady_timer handshake_timer_;  // until the Hello
  HangMonitor hang_monitor_;
  bool ready_ = false;
  WeakAnchor alive_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_PROCESS_CHILD_HOST_H_
