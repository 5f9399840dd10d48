#ifndef SANDTAB_BROWSER_TAB_RENDERER_HOST_H_
#define SANDTAB_BROWSER_TAB_RENDERER_HOST_H_

#include "browser/process/child_host.h"
#include "ipc/result.h"
#include "proto/renderer.pb.h"

namespace sandtab::browser {

class FrameSink;

// The browser's end of one renderer process. It checks what it can know
// alone (Hello first, message shapes: ChildHost); the tab checks state
// (navigations, buffers) and answers with a Status whose error becomes a
// bad message.
class RendererHost : public ChildHost<proto::RendererToBrowser, proto::BrowserToRenderer> {
 public:
  class Client {
   public:
    virtual ~Client() = default;
    virtual void OnRendererReady() = 0;
    virtual Status OnFetchRequest(const proto::FetchRequest& request) = 0;
    virtual Status OnFrameReady(const proto::FrameReady& frame) = 0;
    virtual Status OnDocumentInfo(const proto::DocumentInfo& info) = 0;
    virtual Status OnNavigateRequest(const proto::NavigateRequest& request) = 0;
    virtual Status OnSandboxReport(const proto::SandboxReport& report) = 0;
    // Only a spare renderer is asked to warm up; from anyone else it is a bad message.
    virtual Status OnWarmedUp(const proto::WarmedUp&) { return Error{"WarmedUp nobody asked for"}; }
    // Once, after the process was reaped.
    virtual void OnRendererGone(const proto::DeathRecord& record) = 0;
  };

  RendererHost(boost::asio::io_context& io, ChildReaper& reaper, LaunchedChild child, bool log_to_stderr,
               std::chrono::milliseconds hang_timeout, Client* client)
      : ChildHost(io, reaper, std::move(child), proto::PROCESS_TYPE_RENDERER, log_to_stderr, hang_timeout),
        client_(client) {}

  // Hands the renderer `sink`'s buffers (a new generation of them): SetSurface
  // with their fds, the buffer the browser still shows, and which ones were
  // painted. If the fds cannot be had the renderer is of no use: it is
  // killed (launch failed) and false returned.
  bool SendSurface(FrameSink& sink);

  // A spare renderer changes hands when a tab takes it.
  void set_client(Client* client) { client_ = client; }

 private:
  void OnReady() override { client_->OnRendererReady(); }
  Status OnChildMessage(const proto::RendererToBrowser& message) override;
  void OnChildGone(proto::DeathRecord record) override { client_->OnRendererGone(record); }

  Client* client_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_TAB_RENDERER_HOST_H_
