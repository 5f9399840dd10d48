#ifndef SANDTAB_BROWSER_LOADER_HTTP_FETCHER_H_
#define SANDTAB_BROWSER_LOADER_HTTP_FETCHER_H_

#include <boost/asio/io_context.hpp>

#include <functional>
#include <optional>

#include "browser/loader/address_space.h"
#include "browser/loader/cookie_jar.h"
#include "browser/loader/fetch_result.h"
#include "browser/loader/loader_policy.h"
#include "browser/loader/url.h"

namespace sandtab::browser {

// http:// through Boost.Beast, asynchronous on the browser's loop: one
// deadline for the whole fetch (DNS, connect, every redirect, the body),
// redirects capped and each hop re-checked against the policy, the body
// capped while it streams in.
//
// Private Network Access (DESIGN section 12) is decided here, on each
// address the name resolved to, as the connect tries it: a document in
// `requester_space` may not connect to a more private address, and nobody
// connects to a link-local one. Deciding on the address dialled, not on the
// name, is what a DNS answer that changes between two looks (rebinding)
// cannot get around. A redirect is the server's doing, not the
// requester's: its target may be no more private than the server that
// sent it either (so a public site cannot bounce even the user to
// loopback). The result carries the address space connected to.
inline constexpr char kRulePrivateNetworkAccess[] = "private network access";
inline constexpr char kRuleLinkLocal[] = "link-local addresses are never fetched";
inline constexpr char kRulePostOverHttpOnly[] = "POST over http only";

class HttpFetcher {
 public:
  HttpFetcher(boost::asio::io_context& io, const LoaderPolicy& policy);
  // Every hop sends the jar's Cookie header and stores its Set-Cookie lines
  // (a redirect's too: a login often sets its cookie on the 302). Null: no
  // cookies at all. The jar must outlive every fetch.
  void SetCookieJar(CookieJar* jar) { cookie_jar_ = jar; }
  // requester_space: the requesting document's address space, or nullopt
  // for the user's own navigations. post_body: POST it (text/plain), else GET.
  void Fetch(const Url& url, std::optional<AddressSpace> requester_space, std::optional<std::string> post_body,
             std::function<void(FetchResult)> done, CookieRequester cookies = {});

 private:
  boost::asio::io_context& io_;
  const LoaderPolicy& policy_;
  CookieJar* cookie_jar_ = nullptr;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_LOADER_HTTP_FETCHER_H_
