#ifndef SANDTAB_RENDERER_BROWSER_LINK_H_
#define SANDTAB_RENDERER_BROWSER_LINK_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ipc/child_endpoint.h"
#include "proto/renderer.pb.h"
#include "renderer/document_report.h"
#include "renderer/frame_presenter.h"
#include "renderer/page/solid_color_bands.h"
#include "sandbox/probes.h"

namespace sandtab::renderer {

using BrowserEndpoint = ipc::ChildEndpoint<proto::BrowserToRenderer, proto::RendererToBrowser>;

// The renderer's sending half of its channel to the browser: one named
// method per message it may say (proto/renderer.proto), so the wire format
// of this end lives here and nowhere else in renderer/. Hello and Pong are
// the endpoint's own. A failed send means the browser is gone; the channel's
// close reaches the endpoint, never an error here.
class BrowserLink {
 public:
  explicit BrowserLink(BrowserEndpoint::Channel& channel) : channel_(channel) {}

  // `post_body`: a script's fetch() POST.
  void RequestFetch(uint64_t request_id, const std::string& url, proto::FetchRequest::Kind kind, uint64_t navigation_id,
                    const std::optional<std::string>& post_body = std::nullopt);
  // FrameReady. Neighbouring solid bands of one colour make one run of rows.
  void PresentFrame(const FrameReport& frame, const SolidColorBands& solid_bands);
  // A FrameReady for a buffer that does not exist (about:badmessage): the
  // browser must kill this renderer.
  void PresentFrameOfNoBuffer(uint64_t sequence);
  void ReportDocument(const DocumentReport& document);
  // A link was clicked; the browser decides whether and where to go.
  void RequestNavigation(const std::string& url);
  // The link under the pointer changed ("" for none), then the move's ack.
  void ReportHoveredLink(uint64_t navigation_id, const std::string& url);
  void AckMouseMove();
  void ReportSandbox(uint64_t request_id, bool layer2_engaged, const std::vector<sandbox::ProbeResult>& probes);
  void ReportWarmedUp(uint64_t generation, uint64_t work_us);
  // Scripts (DESIGN section 13).
  void ReportConsoleLine(uint64_t navigation_id, const std::string& level, const std::string& text);
  void ReportEvalResult(uint64_t request_id, bool ok, const std::string& value, bool value_is_json,
                        const std::string& error);
  // Cut to proto::kMaxDomDumpBytes (at a character boundary).
  void ReportDomDump(uint64_t request_id, std::string html);
  void ReportScriptTimedOut(const std::string& detail);

 private:
  BrowserEndpoint::Channel& channel_;
};

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_BROWSER_LINK_H_
