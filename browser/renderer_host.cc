#include "browser/renderer_host.h"

#include <boost/asio/steady_timer.hpp>

#include "ipc/handshake.h"

namespace sandtab::browser {

using proto::DeathRecord;
using proto::RendererToBrowser;

RendererHost::RendererHost(boost::asio::io_context& io, ChildReaper& reaper, LaunchedChild child,
                           bool log_to_stderr, std::chrono::milliseconds hang_timeout, Client* client)
    : io_(io),
      channel_(io, std::move(child.channel), ipc::FdPolicy::kRejectFds),
      client_(client),
      hang_monitor_(
          io, hang_timeout,
          [this](uint64_t cookie) {
            auto* ping = channel_.Compose();
            ping->mutable_ping()->set_cookie(cookie);
            channel_.Send(ping);
          },
          [this, hang_timeout](std::chrono::milliseconds waited) {
            hang_monitor_.Stop();
            Kill(DeathRecord::UNRESPONSIVE, "no answer to a ping for " + std::to_string(waited.count()) +
                                                " ms (--hang-timeout " + std::to_string(hang_timeout.count()) + " ms)");
          }) {
  process_ = ChildProcess::Create(io, reaper, child.pid, std::move(child.log),
                                  proto::PROCESS_TYPE_RENDERER, log_to_stderr,
                                  [this](DeathRecord record) {
                                    hang_monitor_.Stop();
                                    channel_.Close();
                                    client_->OnRendererGone(record);
                                  });
  channel_.Start(this);
  auto* hello = channel_.Compose();
  ipc::FillHello(proto::PROCESS_TYPE_BROWSER, hello->mutable_hello());
  channel_.Send(hello);
}

RendererHost::~RendererHost() {
  hang_monitor_.Stop();
  channel_.Close();
  process_->Abandon();
}

void RendererHost::Send(proto::BrowserToRenderer* message, std::vector<ipc::UniqueFd> fds) {
  // A failed send means the renderer is going away; its death arrives
  // through the reaper, never as an error here.
  channel_.Send(message, std::move(fds));
}

void RendererHost::ReportBadMessage(const std::string& reason) {
  channel_.Close();
  process_->Kill(DeathRecord::BAD_MESSAGE, reason);
}

void RendererHost::Kill(DeathRecord::Cause cause, const std::string& detail) {
  channel_.Close();
  process_->Kill(cause, detail);
}

void RendererHost::OnMessage(const RendererToBrowser& message, std::vector<ipc::UniqueFd>) {
  Status status = Dispatch(message);
  if (!status) ReportBadMessage(status.error());
}

Status RendererHost::Dispatch(const RendererToBrowser& message) {
  if (!ready_) {
    if (message.body_case() != RendererToBrowser::kHello) return Error{"first message is not Hello"};
    Status hello = ipc::CheckHello(message.hello(), proto::PROCESS_TYPE_RENDERER);
    if (!hello) return Error{"Hello: " + hello.error()};
    ready_ = true;
    hang_monitor_.Start();
    client_->OnRendererReady();
    return OkStatus();
  }
  switch (message.body_case()) {
    case RendererToBrowser::kHello:
      return Error{"Hello: sent twice"};
    case RendererToBrowser::kFetchRequest:
      return client_->OnFetchRequest(message.fetch_request());
    case RendererToBrowser::kFrameReady:
      return client_->OnFrameReady(message.frame_ready());
    case RendererToBrowser::kDocumentInfo:
      return client_->OnDocumentInfo(message.document_info());
    case RendererToBrowser::kNavigateRequest:
      return client_->OnNavigateRequest(message.navigate_request());
    case RendererToBrowser::kSandboxReport:
      return client_->OnSandboxReport(message.sandbox_report());
    case RendererToBrowser::kPong:
      if (!hang_monitor_.OnPong(message.pong().cookie())) return Error{"Pong: no ping with that cookie"};
      return OkStatus();
    case RendererToBrowser::BODY_NOT_SET:
      break;
  }
  return Error{"unknown message"};
}

void RendererHost::OnChannelClosed(ipc::CloseCause cause, const std::string& reason) {
  if (cause == ipc::CloseCause::kProtocolError) return ReportBadMessage(reason);
  // EOF or I/O error: the renderer is dying or has closed its end. A renderer
  // without a channel is of no use; make sure it ends so it can be reaped.
  // Its own cause (crash, exit) still comes from waitpid.
  if (!process_->alive()) return;
  // Give a dying process a moment, so that its real cause (signal, exit
  // code) is what waitpid reports rather than our SIGKILL.
  auto timer = std::make_shared<boost::asio::steady_timer>(io_, std::chrono::seconds(2));
  std::weak_ptr<ChildProcess> weak = process_;
  timer->async_wait([timer, weak, reason](const boost::system::error_code& ec) {
    auto process = weak.lock();
    if (ec || !process || !process->alive()) return;
    process->Kill(DeathRecord::UNRESPONSIVE, "kept running after its channel closed (" + reason + ")");
  });
}

}  // namespace sandtab::browser
