#include "browser/tab/renderer_host.h"

#include <unistd.h>

#include "browser/process/frame_sink.h"
#include "ipc/shared_buffer.h"

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
    case RendererToBrowser::kConsoleMessage:  // not handled yet (issue 21)
    case RendererToBrowser::kEvalResult:
    case RendererToBrowser::kDomDump:
    case RendererToBrowser::kScriptTimedOut:
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

void RendererHost::Navigate(uint64_t navigation_id, const std::string& url, int scroll_y) {
  auto* message = Compose();
  auto* navigate = message->mutable_navigate();
  navigate->set_navigation_id(navigation_id);
  navigate->set_url(url);
  navigate->set_scroll_y(scroll_y);
  Send(message);
}

void RendererHost::AckFrame(uint32_t buffer) {
  auto* message = Compose();
  message->mutable_frame_ack()->set_buffer(buffer);
  Send(message);
}

void RendererHost::Scroll(int delta_y) {
  auto* message = Compose();
  message->mutable_scroll()->set_delta_y(delta_y);
  Send(message);
}

void RendererHost::Click(int x, int y) {
  auto* message = Compose();
  message->mutable_click()->set_x(x);
  message->mutable_click()->set_y(y);
  Send(message);
}

void RendererHost::ReleaseSurface(uint64_t generation) {
  auto* message = Compose();
  message->mutable_release_surface()->set_generation(generation);
  Send(message);
}

void RendererHost::ProbeSandbox(uint64_t request_id) {
  auto* message = Compose();
  message->mutable_probe_sandbox()->set_request_id(request_id);
  message->mutable_probe_sandbox()->set_browser_pid(::getpid());
  Send(message);
}

void RendererHost::WarmUp(uint64_t generation) {
  auto* message = Compose();
  message->mutable_warm_up()->set_generation(generation);
  Send(message);
}

void RendererHost::AnswerFetch(uint64_t request_id, FetchResult result) {
  auto* message = Compose();
  auto* response = message->mutable_fetch_response();
  response->set_request_id(request_id);
  response->set_ok(result.ok);
  response->set_error(result.error);
  response->set_mime_type(result.mime_type);
  response->set_final_url(result.final_url);
  std::vector<UniqueFd> fds;
  if (result.body.size() > kInlineBodyLimit) {
    // Frozen (sealed against writes): the renderer can only read it.
    auto buffer = ipc::SharedBuffer::CreateFrozen(
        {reinterpret_cast<const uint8_t*>(result.body.data()), result.body.size()}, "sandtab-body");
    auto fd = buffer ? buffer->Duplicate() : Result<UniqueFd>(Error{buffer.error()});
    if (!fd) {
      response->set_ok(false);
      response->set_error("failed: could not share the body: " + fd.error());
    } else {
      response->set_body_size(result.body.size());
      fds.push_back(std::move(*fd));
    }
  } else {
    response->set_body(std::move(result.body));
  }
  Send(message, std::move(fds));
}

}  // namespace sandtab::browser
