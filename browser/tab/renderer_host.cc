#include "browser/tab/renderer_host.h"

#include "browser/process/frame_sink.h"

namespace sandtab::browser {

using proto::RendererToBrowser;

Status RendererHost::OnChildMessage(const RendererToBrowser& message) {
  switch (message.body_case()) {
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
    case RendererToBrowser::kWarmedUp:
      return client_->OnWarmedUp(message.warmed_up());
    case RendererToBrowser::kHello:  // handled by ChildHost
    case RendererToBrowser::kPong:
    case RendererToBrowser::BODY_NOT_SET:
      break;
  }
  return Error{"unknown message"};
}

bool RendererHost::SendSurface(FrameSink& sink) {
  auto fds = sink.AttachRenderer();
  if (!fds) {
    Kill(proto::DeathRecord::LAUNCH_FAILED, "surface: " + fds.error());
    return false;
  }
  auto* message = Compose();
  auto* surface = message->mutable_set_surface();
  surface->set_width(sink.width());
  surface->set_height(sink.height());
  surface->set_stride(sink.stride());
  surface->set_generation(sink.generation());
  if (sink.held_buffer() >= 0) surface->set_held_buffer(static_cast<uint32_t>(sink.held_buffer()));
  surface->set_painted_buffers(sink.painted_buffers());
  Send(message, std::move(*fds));
  return true;
}

}  // namespace sandtab::browser
