#ifndef SANDTAB_BROWSER_HTTP_FETCHER_H_
#define SANDTAB_BROWSER_HTTP_FETCHER_H_

#include <boost/asio/io_context.hpp>

#include <functional>

#include "browser/loader_policy.h"
#include "browser/url.h"

namespace sandtab::browser {

struct FetchResult;

// http:// through Boost.Beast, asynchronous on the browser's loop: one
// deadline for the whole fetch (DNS, connect, every redirect, the body),
// redirects capped and each hop re-checked against the policy, the body
// capped while it streams in.
class HttpFetcher {
 public:
  HttpFetcher(boost::asio::io_context& io, const LoaderPolicy& policy);
  void Fetch(const Url& url, std::function<void(FetchResult)> done);

 private:
  boost::asio::io_context& io_;
  const LoaderPolicy& policy_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_HTTP_FETCHER_H_
