#ifndef SANDTAB_BROWSER_DEVTOOLS_EMULATION_DOMAIN_H_
#define SANDTAB_BROWSER_DEVTOOLS_EMULATION_DOMAIN_H_

#include <string>

#include "browser/devtools/cdp_dispatcher.h"

namespace sandtab::browser {

// Emulation, and the page set-up settings Playwright sends before it uses
// a page (Page.setFontFamilies). sandtab emulates nothing: a setting is
// accepted only when it asks for what a sandtab page already is (the
// window's size, no touch, screen media in light colours, always focused),
// and refused with Chrome's server error otherwise, so a client never
// believes in an emulation that is not there.
class EmulationDomain {
 public:
  void Register(CdpDispatcher& dispatcher);

  // Why sandtab cannot do what Emulation.setEmulatedMedia asks, or "" when
  // it asks for sandtab's own media (each feature empty or at its default).
  static std::string MediaRefusal(const Json& params);
  // Page.setFontFamilies' parameters are strings of at most kMaxFontFamilyBytes.
  static bool FontFamiliesWellFormed(const Json& params);

  static constexpr size_t kMaxFontFamilyBytes = 256;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_DEVTOOLS_EMULATION_DOMAIN_H_
