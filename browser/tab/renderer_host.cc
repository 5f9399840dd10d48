#include "browser/tab/renderer_host.h"

#include <unistd.h>

#include "browser/common/json_text.h"
#include "browser/common/terminal_text.h"
#include "browser/process/frame_sink.h"
#include "ipc/fetch_body.h"
#include "ipc/shared_buffer.h"
#include "proto/limits.h"

namespace sandtab::browser {

using proto::RendererToBrowser;

namespace {

// ScriptTimedOut.detail is kept in the death record: a source location and
// a few words around it.
constexpr size_t kMaxTimedOutDetailBytes = proto::kMaxConsoleSourceBytes + 128;

bool IsConsoleLevel(const std::string& level) {
  return level == "log" || level == "info" || level == "warn" || level == "error" || level == "debug";
}

}  // namespace

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
    case RendererToBrowser::kConsoleMessage:
      return OnConsoleMessage(message.console_message());
    case RendererToBrowser::kEvalResult:
      return OnEvalResult(message.eval_result());
    case RendererToBrowser::kDomDump:
      return OnDomDump(message.dom_dump());
    case RendererToBrowser::kHoveredLink:
      return OnHoveredLink(message.hovered_link());
    case RendererToBrowser::kMouseMoveAck:
      return motion_.Acked();
    case RendererToBrowser::kScriptTimedOut:
      OnScriptTimedOut(message.script_timed_out());
      return OkStatus();
    case RendererToBrowser::kHello:  // handled by ChildHost
    case RendererToBrowser::kPong:
    case RendererToBrowser::BODY_NOT_SET:
      break;
  }
  return Error{"unknown message"};
}

Status RendererHost::OnConsoleMessage(const proto::ConsoleMessage& message) {
  if (!IsConsoleLevel(message.level())) return Error{"ConsoleMessage: level not one of log, info, warn, error, debug"};
  if (message.text().size() > proto::kMaxConsoleTextBytes) return Error{"ConsoleMessage: text longer than 4 KiB"};
  if (message.source().size() > proto::kMaxConsoleSourceBytes) return Error{"ConsoleMessage: source longer than 1 KiB"};
  return client_->OnConsoleMessage(message);
}

Status RendererHost::OnEvalResult(const proto::EvalResult& result) {
  if (result.value().size() > proto::kMaxEvalResultBytes || result.error().size() > proto::kMaxEvalResultBytes) {
    return Error{"EvalResult: value or error longer than 1 MiB"};
  }
  EvalAnswer answer;
  answer.ok = result.ok();
  answer.error = result.error();
  answer.value_is_json = result.ok() && result.value_is_json();
  if (answer.value_is_json) {
    auto json = CleanJson(result.value());
    if (!json) return Error{"EvalResult: value_is_json but the value is not one JSON value: " + json.error()};
    answer.value = std::move(*json);
  } else {
    answer.value = result.value();
  }
  return client_->OnEvalResult(result.request_id(), std::move(answer));
}

Status RendererHost::OnDomDump(const proto::DomDump& dump) {
  if (dump.html().size() > proto::kMaxDomDumpBytes) return Error{"DomDump: html longer than 8 MiB"};
  return client_->OnDomDump(dump);
}

Status RendererHost::OnHoveredLink(const proto::HoveredLink& link) {
  // Said only in answer to a move: a renderer cannot make the browser redo
  // this faster than the browser moves the pointer.
  if (!motion_.in_flight()) return Error{"HoveredLink without a MouseMove in flight"};
  Result<std::string> shown = ShownHoveredLink(link);
  if (!shown) return Error{shown.error()};
  return client_->OnHoveredLink(link.navigation_id(), std::move(*shown));
}

void RendererHost::OnScriptTimedOut(const proto::ScriptTimedOut& timed_out) {
  // The renderer's own words name the script; the record says the cause.
  std::string detail = timed_out.detail().empty() ? std::string("a script ran past the renderer's limit")
                                                  : TruncateText(timed_out.detail(), kMaxTimedOutDetailBytes);
  KillUnresponsive(detail);
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

void RendererHost::SendMouseMove(int x, int y) {
  auto* message = Compose();
  message->mutable_mouse_move()->set_x(x);
  message->mutable_mouse_move()->set_y(y);
  Send(message);
}

void RendererHost::ReleaseSurface(uint64_t generation) {
  auto* message = Compose();
  message->mutable_release_surface()->set_generation(generation);
  Send(message);
}

void RendererHost::SetPageHidden(bool hidden) {
  auto* message = Compose();
  message->mutable_page_visibility()->set_hidden(hidden);
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

void RendererHost::Evaluate(uint64_t request_id, const std::string& expression) {
  auto* message = Compose();
  message->mutable_evaluate()->set_request_id(request_id);
  message->mutable_evaluate()->set_expression(expression);
  Send(message);
}

void RendererHost::PressKey(const std::string& key) {
  auto* message = Compose();
  message->mutable_key_press()->set_key(key);
  Send(message);
}

void RendererHost::DumpDom(uint64_t request_id) {
  auto* message = Compose();
  message->mutable_dump_dom()->set_request_id(request_id);
  Send(message);
}

void RendererHost::SendStorageChannel(UniqueFd socket) {
  auto* message = Compose();
  message->mutable_storage_channel();
  std::vector<UniqueFd> fds;
  fds.push_back(std::move(socket));
  Send(message, std::move(fds));
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
  if (Status attached = ipc::AttachFetchBody(std::move(result.body), response, &fds); !attached) {
    response->set_ok(false);
    response->set_error("failed: could not share the body: " + attached.error());
  }
  Send(message, std::move(fds));
}

}  // namespace sandtab::browser
