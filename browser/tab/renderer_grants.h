#ifndef SANDTAB_BROWSER_TAB_RENDERER_GRANTS_H_
#define SANDTAB_BROWSER_TAB_RENDERER_GRANTS_H_

#include <string>

#include "browser/loader/address_space.h"
#include "browser/loader/url.h"

namespace sandtab::browser {

// What a tab's renderer may ask for, given the document it shows: the
// browser's ChildProcessSecurityPolicy. The LoaderPolicy says what the
// browser fetches at all; this says what *this requester* may have, before
// the loader is asked (DESIGN section 12):
//
//   document             subresources              navigations it starts
//   http, data:, error   http, data:               http, data:, about:blank
//   file: (the root)     + file: (under the root)  + file:
//   about: pages         http, data:               + the browser's about: pages
//   (none committed)     http, data:               http, data:, about:blank
//
// about: pages are never subresources (about:tabs lists every tab's URL),
// and no renderer may start a debug URL (about:crash, about:oom, ...):
// those are the user's (`debug ID URL`), as Chrome takes chrome://crash
// only from its own UI. A refused navigation is dropped, like Chrome's
// "Not allowed to load local resource": an honest renderer sends whatever
// link was clicked, so a refusal is no proof of compromise and kills no
// one. http requests are further limited by address space (Private Network
// Access, decided by the HttpFetcher at connect time): address_space() is
// the requesting document's. A file: document counts as local (as in
// Chrome), data:, about: and error pages as public.
class RendererGrants {
 public:
  struct Decision {
    bool allowed = true;
    std::string rule;    // the refusing rule's name
    std::string detail;  // for the broker log
  };

  // A navigation was sent: until its document arrives, the renderer holds
  // the least (a web document's grants, public).
  void Reset();
  // The document the renderer now shows: `url` as fetched (final, after
  // redirects), `space` where it came from; an error page instead of it
  // holds the least.
  void Commit(const std::string& url, AddressSpace space, bool error_page);

  Decision MayFetch(const Url& target) const;
  Decision MayNavigate(const Url& target) const;
  AddressSpace address_space() const { return space_; }

 private:
  enum class Document { kWeb, kFile, kAbout };
  Document document_ = Document::kWeb;
  AddressSpace space_ = AddressSpace::kPublic;
};

inline constexpr char kRuleFileForFileDocuments[] = "file: only for file: documents";
inline constexpr char kRuleAboutNotASubresource[] = "about: pages are not subresources";
inline constexpr char kRuleAboutFromAboutPages[] = "about: pages only from the user or about: pages";
inline constexpr char kRuleDebugUrlsFromTheUser[] = "debug URLs only from the user";

// about:crash, about:oom, about:hang, ...: faults a renderer makes on
// purpose (the renderer's debug_urls.cc runs them; this is the browser's
// copy of its list, checked by a test). The shell's `debug ID URL` takes
// exactly these.
bool IsDebugUrl(const Url& url);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_TAB_RENDERER_GRANTS_H_
