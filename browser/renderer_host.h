#ifndef SANDTAB_BROWSER_RENDERER_HOST_H_
#define SANDTAB_BROWSER_RENDERER_HOST_H_

#include <boost/asio/io_context.hpp>

#include <memory>
#include <string>
#include <vector>

#include "browser/child_launcher.h"
#include "browser/child_process.h"
#include "browser/hang_monitor.h"
#include "ipc/message_channel.h"
#include "ipc/result.h"
#include "proto/death_record.pb.h"
#include "proto/renderer.pb.h"

namespace sandtab::browser {

class ChildReaper;

// The browser's end of one renderer process: its channel, its process, and
// the one place a renderer's misbehaviour is punished (ReportBadMessage).
// It checks what it can know alone (Hello first, message shapes); the tab
// checks state (navigations, buffers) and answers with a Status whose error
// becomes a bad message.
class RendererHost : private ipc::MessageChannel<proto::RendererToBrowser,
                                                 proto::BrowserToRenderer>::Delegate {
 public:
  using Channel = ipc::MessageChannel<proto::RendererToBrowser, proto::BrowserToRenderer>;

  class Client {
   public:
    virtual ~Client() = default;
    virtual void OnRendererReady() = 0;
    virtual Status OnFetchRequest(const proto::FetchRequest& request) = 0;
    virtual Status OnFrameReady(const proto::FrameReady& frame) = 0;
    virtual Status OnDocumentInfo(const proto::DocumentInfo& info) = 0;
    virtual Status OnNavigateRequest(const proto::NavigateRequest& request) = 0;
    virtual Status OnSandboxReport(const proto::SandboxReport& report) = 0;
    // Once, after the process was reaped.
    virtual void OnRendererGone(const proto::DeathRecord& record) = 0;
  };

  RendererHost(boost::asio::io_context& io, ChildReaper& reaper, LaunchedChild child,
               bool log_to_stderr, std::chrono::milliseconds hang_timeout, Client* client);
  ~RendererHost() override;

  pid_t pid() const { return process_->pid(); }
  bool ready() const { return ready_; }
  bool alive() const { return process_->alive(); }

  // Kills the renderer for breaking the protocol and records why.
  void ReportBadMessage(const std::string& reason);
  void Kill(proto::DeathRecord::Cause cause, const std::string& detail);

  // Composes a message to send (see ipc::MessageChannel::Compose).
  proto::BrowserToRenderer* Compose() { return channel_.Compose(); }
  void Send(proto::BrowserToRenderer* message, std::vector<ipc::UniqueFd> fds = {});

 private:
  void OnMessage(const proto::RendererToBrowser& message, std::vector<ipc::UniqueFd> fds) override;
  void OnChannelClosed(ipc::CloseCause cause, const std::string& reason) override;
  Status Dispatch(const proto::RendererToBrowser& message);

  Channel channel_;
  std::shared_ptr<ChildProcess> process_;
  Client* client_;
  HangMonitor hang_monitor_;
  bool ready_ = false;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_RENDERER_HOST_H_
