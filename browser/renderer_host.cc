#include "browser/renderer_host.h"


#include "ipc/handshake.h"

namespace sandtab::browser {

using proto::DeathRecord;
using proto::RendererToBrowser;

RendererHost::RendererHost(boost::asio::io_context& io, ChildReaper& reaper, LaunchedChild child,
                           bool log_to_stderr, std::chrono::milliseconds hang_timeout, Client* client)
    : channel_(io, std::move(child.channel), ipc::FdPolicy::kRejectFds),
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
  process_->Abandon();
  channel_.Close();
}

void RendererHost::Send(proto::BrowserToRenderer* message, std::vector<ipc::UniqueFd> fds) {
  // A failed send means the renderer is going away; its death arrives
  // through the reaper, never as an error here.
  channel_.Send(message, std::move(fds));
}

// SIGKILL first, then close: a child that saw its channel close first could
// exit on its own and be reported as a clean exit.
void RendererHost::ReportBadMessage(const std::string& reason) {
  process_->Kill(DeathRecord::BAD_MESSAGE, reason);
  channel_.Close();
}

void RendererHost::Kill(DeathRecord::Cause cause, const std::string& detail) {
  process_->Kill(cause, detail);
  channel_.Close();
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
  // EOF or an I/O error: its death, if it is dying, comes from waitpid.
  process_->ExpectExit(reason);
}

}  // namespace sandtab::browser
