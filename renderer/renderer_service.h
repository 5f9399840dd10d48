#ifndef SANDTAB_RENDERER_RENDERER_SERVICE_H_
#define SANDTAB_RENDERER_RENDERER_SERVICE_H_

#include <boost/asio/io_context.hpp>

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "ipc/message_channel.h"
#include "proto/renderer.pb.h"
#include "renderer/page/page.h"
#include "renderer/surface.h"

namespace sandtab::renderer {

struct RendererConfig {
  bool sandboxed = true;
  int verbosity = 0;
};

// The renderer's end of its channel: one tab's document. It asks the browser
// for every byte, lays the page out with litehtml, paints into the shared
// buffer and tells the browser a frame is ready. It trusts the browser, but
// still checks what it maps (seals, sizes) and ends on any protocol error.
class RendererService : private ipc::MessageChannel<proto::BrowserToRenderer,
                                                    proto::RendererToBrowser>::Delegate {
 public:
  RendererService(boost::asio::io_context& io, ipc::UniqueFd channel, RendererConfig config);
  ~RendererService() override;

  void Start();
  // Why the service stopped (empty while running).
  const std::string& exit_reason() const { return exit_reason_; }

 private:
  struct PendingFetch {
    proto::FetchRequest::Kind kind;
    std::string url;
  };

  void OnMessage(const proto::BrowserToRenderer& message, std::vector<ipc::UniqueFd> fds) override;
  void OnChannelClosed(ipc::CloseCause cause, const std::string& reason) override;
  void Stop(const std::string& reason);

  void OnSetSurface(const proto::SetSurface& request, std::vector<ipc::UniqueFd> fds);
  void OnNavigate(const proto::Navigate& navigate);
  void OnFetchResponse(const proto::FetchResponse& response, std::vector<ipc::UniqueFd> fds);
  void OnFrameAck(const proto::FrameAck& ack);
  void OnScroll(const proto::Scroll& scroll);
  void OnClick(const proto::Click& click);
  void OnProbeSandbox(const proto::ProbeSandbox& probe);
  void OnWarmUp(const proto::WarmUp& warm_up);

  // Asks the browser for `url`, or queues the request while
  // kMaxFetchesInFlight of its kind are out. Stylesheets and images queue
  // apart, so a stylesheet (which blocks painting) never waits for images.
  void Fetch(const std::string& url, proto::FetchRequest::Kind kind);
  void SendFetchRequest(PendingFetch fetch);
  void SendQueuedFetches();
  size_t InFlight(proto::FetchRequest::Kind kind) const;
  void RequestSubresources();
  void SendDocumentInfo();
  void ClampScroll();
  void SchedulePaint();
  void FlushDocumentChanges();  // scroll clamp and DocumentInfo after changes
  void Paint();

  boost::asio::io_context& io_;
  ipc::MessageChannel<proto::BrowserToRenderer, proto::RendererToBrowser> channel_;
  RendererConfig config_;
  bool hello_received_ = false;
  std::string exit_reason_;

  std::unique_ptr<Surface> surface_;
  std::unique_ptr<Page> page_;
  SolidColorBands solid_bands_;  // the frame being painted; reused, no allocation
  uint64_t navigation_id_ = 0;
  std::string url_;
  int scroll_y_ = 0;
  int requested_scroll_y_ = 0;  // restored once the document is laid out
  uint64_t next_request_id_ = 1;
  std::map<uint64_t, PendingFetch> pending_;  // asked, not answered
  std::deque<PendingFetch> queued_stylesheets_, queued_images_;  // not asked yet
  // The last DocumentInfo sent for this navigation: one that would say the
  // same again is not sent.
  std::optional<proto::DocumentInfo> sent_document_info_;
  uint64_t frame_sequence_ = 0;
  bool paint_scheduled_ = false;
  bool paint_wanted_ = false;  // a paint waits for a free buffer
  bool document_changed_ = false;  // subresources or size changed since the last DocumentInfo
  uint64_t work_ns_ = 0;        // CPU time of document work since the last frame (FrameReady.work_us)
};

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_RENDERER_SERVICE_H_
