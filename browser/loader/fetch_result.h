#ifndef SANDTAB_BROWSER_LOADER_FETCH_RESULT_H_
#define SANDTAB_BROWSER_LOADER_FETCH_RESULT_H_

#include <string>

#include "browser/loader/address_space.h"

namespace sandtab::browser {

// What one fetch came to, whoever performed it (the content root, data:,
// about:, or HttpFetcher): its own header so the fetchers need not include
// the loader that dispatches to them.
struct FetchResult {
  bool ok = false;
  // When !ok: what went wrong, as the renderer may see it: "refused by rule
  // \"R\"" or a generic "failed: ...", never a host path, an errno text or
  // a network error that would make the browser a probe of the host or its
  // network (DESIGN section 12).
  std::string error;
  // The specifics behind `error`, for the broker log and the user (the
  // tab's document_error): never sent to a renderer.
  std::string detail;
  // The rule that refused, when it is not the scheme's own (private network
  // access, link-local): what the broker log names.
  std::string rule;
  std::string mime_type;
  std::string final_url;
  std::string body;  // for a refused document: an error page
  // Where the bytes came from, for the Private Network Access rule: the
  // address space an http response was connected to (after
  // --ip-address-space-overrides), local for file:, public for data: and
  // about:. A failed fetch's error page counts as public.
  AddressSpace address_space = AddressSpace::kPublic;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_LOADER_FETCH_RESULT_H_
