#ifndef SANDTAB_BROWSER_TAB_RENDERER_STORAGE_H_
#define SANDTAB_BROWSER_TAB_RENDERER_STORAGE_H_

#include <boost/asio/io_context.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "base/unique_fd.h"
#include "browser/loader/site.h"
#include "ipc/message_channel.h"
#include "proto/renderer.pb.h"

namespace sandtab::browser {

class BrowserStorage;

// The rule a renderer breaks by asking for another site's data (DESIGN
// section 14, Chrome's CanAccessDataForOrigin): it dies as a bad message.
inline constexpr char kRuleOwnSiteData[] = "cookies and storage of the renderer's own site only";

// The browser's end of one renderer's storage channel (renderer.proto,
// StorageChannel): document.cookie and localStorage of the renderer's
// scripts, answered from BrowserStorage for the renderer's own site only.
// The renderer waits for each answer (renderer/storage_link.h says why a
// socket of its own), so every answer goes out at once, on the loop.
//
// A request for another site, or past the channel's bounds, is no honest
// renderer's (its bindings stay inside them): the renderer is killed with
// the rule named. A cookie or item the rules refuse (malformed, HttpOnly,
// over the quota) is an honest page's mistake: a refusal, answered.
class RendererStorage : private ipc::MessageChannel<proto::StorageRequest, proto::StorageAnswer>::Delegate {
 public:
  struct Hooks {
    // The site the renderer may have data of: its process lock. Opaque
    // (a process not locked yet): none.
    std::function<Site()> site;
    // Kills the renderer as a bad message with this reason.
    std::function<void(const std::string& reason)> bad_message;
  };

  // A socket pair: the browser's end served here, the renderer's end
  // returned, to be sent in a StorageChannel.
  static Result<std::pair<std::unique_ptr<RendererStorage>, UniqueFd>> Create(boost::asio::io_context& io,
                                                                              BrowserStorage& storage, Hooks hooks);
  ~RendererStorage() override = default;

  // Requests answered (refusals included).
  uint64_t answered() const { return answered_; }

 private:
  using Channel = ipc::MessageChannel<proto::StorageRequest, proto::StorageAnswer>;
  RendererStorage(boost::asio::io_context& io, UniqueFd socket, BrowserStorage& storage, Hooks hooks);

  void OnMessage(const proto::StorageRequest& request, std::vector<UniqueFd> fds) override;
  void OnChannelClosed(ipc::CloseCause cause, const std::string& reason) override;
  // The reply, or the error that makes the request a bad message.
  Result<Ok> Answer(const proto::StorageRequest& request, proto::StorageReply* reply);
  // The request's document URL, checked: http(s), of the renderer's site.
  Result<Url> CheckedUrl(const std::string& spec);

  BrowserStorage& storage_;
  Hooks hooks_;
  Channel channel_;
  uint64_t answered_ = 0;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_TAB_RENDERER_STORAGE_H_
