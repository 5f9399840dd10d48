#include "browser/renderer_host.h"

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

}  // namespace sandtab::browser
