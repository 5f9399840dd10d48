#ifndef SANDTAB_BROWSER_TAB_TAB_FETCHES_H_
#define SANDTAB_BROWSER_TAB_TAB_FETCHES_H_

#include <boost/asio/io_context.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "base/weak_anchor.h"
#include "browser/loader/site.h"
#include "browser/tab/fetch_body_pacer.h"
#include "browser/tab/renderer_grants.h"
#include "base/result.h"
#include "proto/renderer.pb.h"

namespace sandtab::browser {

class NavigationHistory;
class ResourceLoader;

// One tab's renderer asking for bytes: the checks on each FetchRequest (an
// error is a bad message), the requests not answered yet, what the current
// document may ask for (RendererGrants), the loader's answer and its way
// back. An answer reaches only the renderer that asked, for the navigation
// it asked in; bodies that travel as memfds go at the pace the renderer
// reads them (FetchBodyPacer). about:sandbox is made here, from the
// renderer's own sandbox report.
class TabFetches {
 public:
  // Who asked: an answer goes back only while both still hold.
  struct Asker {
    uint64_t renderer_generation = 0;
    uint64_t navigation_id = 0;
    bool operator==(const Asker&) const = default;
  };
  using PageCallback = std::function<void(std::string html)>;
  struct Hooks {
    // The asker now, or nothing while the tab has no renderer.
    std::function<std::optional<Asker>()> asker;
    // The renderer's channel: unread attachments, an answer sent now, a
    // bad message.
    FetchBodyPacer::Hooks renderer;
    // The document could not be loaded (its error page shows): the details,
    // for the user only.
    std::function<void(std::string error)> document_failed;
    // about:sandbox's page, once the renderer answered a probe.
    std::function<void(PageCallback)> sandbox_page;
    // The Citadel check of a DOCUMENT request's URL against the renderer's
    // site lock (SiteLock::CheckDocument); an error is a bad message. Null: none.
    std::function<Status(const std::string& url)> check_document;
    // The document landed, after redirects, at `final_url`: true when that is
    // of a site this renderer may not have, and the tab commits it in another
    // process instead (the answer is then dropped). Null: never.
    std::function<bool(const std::string& final_url)> landed_elsewhere;
  };

  TabFetches(int tab_id, boost::asio::io_context& io, ResourceLoader& loader, Hooks hooks);

  // A FetchRequest of the current renderer. `history`'s current entry is
  // the navigation the browser sent: a DOCUMENT fetch must be for its URL.
  // A request from a navigation already replaced is dropped unanswered.
  Status OnRequest(const proto::FetchRequest& request, const NavigationHistory& history);
  // A new navigation or renderer: answers on their way are stale, and must
  // not stay counted against the renderer's limit of outstanding requests.
  void DropOutstanding();
  // What the current document may ask for (each navigation resets it).
  RendererGrants& grants() { return grants_; }
  const RendererGrants& grants() const { return grants_; }
  size_t outstanding() const { return outstanding_.size(); }
  // The site of the document the renderer shows (opaque before the first
  // commit and for data:, about:blank and error pages): whose cookies its
  // requests carry, and whose cookies and storage its scripts may reach.
  const Site& document_site() const { return document_site_; }
  const FetchBodyPacer& body_pacer() const { return body_pacer_; }

 private:
  Status AnswerAboutSandbox(uint64_t request_id, Asker asker);
  // The answer may still go: the asker holds and the request was
  // outstanding (it is not any more).
  bool StillWanted(const Asker& asker, uint64_t request_id);
  void Answer(uint64_t request_id, FetchResult result);

  const int tab_id_;
  ResourceLoader& loader_;
  Hooks hooks_;
  RendererGrants grants_;
  Site document_site_ = Site::Opaque();
  std::set<uint64_t> outstanding_;
  FetchBodyPacer body_pacer_;
  // The loader's callbacks may outlive the tab: they hold this weakly.
  WeakAnchor alive_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_TAB_TAB_FETCHES_H_
