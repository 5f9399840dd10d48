#ifndef SANDTAB_BROWSER_SHELL_STORAGE_COMMANDS_H_
#define SANDTAB_BROWSER_SHELL_STORAGE_COMMANDS_H_

#include <map>
#include <string>
#include <vector>

#include "browser/shell/report.h"
#include "browser/shell/shell_context.h"
#include "browser/storage/cookie.h"
#include "browser/storage/local_storage.h"

namespace sandtab::browser {

// What the browser keeps for sites, from the shell (DESIGN section 14):
// `cookies [URL]` and `storage SITE`. The values are the sites' own text:
// the formatter makes them safe for a terminal.
class StorageCommands : public CommandFamily {
 public:
  explicit StorageCommands(ShellContext& shell) : CommandFamily(shell) {}

  // The cookies a navigation to URL would send (all of them, HttpOnly too),
  // or without URL every cookie, by registrable domain.
  void Cookies(const Args& args, Reply reply);
  // The localStorage of SITE's origins: keys and their sizes.
  void Storage(const Args& args, Reply reply);
};

// {"url": URL, "cookies": [{name, value, domain, path, host_only, secure,
// http_only, same_site, expires_ms}]}; URL empty: {"cookies": [..., "site"]}.
Report CookiesReport(const std::string& url, const std::vector<Cookie>& cookies,
                     const std::vector<std::string>& sites = {});
// {"site": SITE, "origins": [{"origin", "bytes", "items": [{"key", "bytes"}]}]}:
// sizes in UTF-16 bytes, as the quota counts them.
Report StorageReport(const std::string& site, const std::map<std::string, const LocalStorage::Map*>& origins);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_SHELL_STORAGE_COMMANDS_H_
