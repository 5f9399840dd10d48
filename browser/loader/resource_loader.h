#ifndef SANDTAB_BROWSER_LOADER_RESOURCE_LOADER_H_
#define SANDTAB_BROWSER_LOADER_RESOURCE_LOADER_H_

#include <boost/asio/io_context.hpp>

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "browser/loader/address_space.h"
#include "browser/loader/cookie_jar.h"
#include "browser/loader/fetch_result.h"
#include "browser/loader/loader_policy.h"

namespace sandtab::browser {

class BlockingWorker;
class ContentRootFiles;
class HttpFetcher;

// Who asks for a fetch, for the Private Network Access rule (DESIGN section
// 12): the user (`open`, `nav`, the address bar: may go anywhere but a
// blocked port or a link-local address), or a document in a given address
// space (its requests may not reach a more private one).
struct Requester {
  static Requester User() { return {}; }
  static Requester Document(AddressSpace space) { return Initiated(space); }
  // A document's link (`space` set) or the user (nullopt).
  static Requester Initiated(std::optional<AddressSpace> space) {
    Requester requester;
    requester.document_space = space;
    return requester;
  }
  std::optional<AddressSpace> document_space;  // nullopt: the user
  // Whose cookies go with an http request, and which (SameSite).
  CookieRequester cookies;
};

// One line of the broker log: every decision the loader takes.
struct BrokerLogEntry {
  int64_t time_ms = 0;
  int tab_id = 0;
  std::string url;
  std::string rule;
  std::string outcome;  // "allowed 1234 bytes", "refused: ...", "failed: ..."
};

// The browser's only door to disk and network (DESIGN section 1). Renderers
// ask; the loader applies LoaderPolicy and answers with bytes or an error.
// Answers are asynchronous and always arrive through the io_context.
class ResourceLoader {
 public:
  // The broker log keeps the newest decisions: enough to see what a page
  // loaded, and bounded in bytes whatever a renderer asks for.
  static constexpr size_t kBrokerLogSize = 1000;
  // Each of url, rule and outcome is cut to this (a URL may be 2 MiB): the
  // log holds at most about 1000 x 3 x 300 bytes = 0.9 MB of text.
  static constexpr size_t kMaxBrokerLogTextBytes = 300;
  // Fetches of one tab the loader is working on. A tab's renderer has at
  // most 256 outstanding per navigation (kMaxOutstandingFetches), but a new
  // navigation or renderer forgets its old ones while their http fetches
  // run on: this bounds them whatever the renderer does. Two navigations'
  // worth, so an honest page after a slow one still loads; past it a fetch
  // is refused at once.
  static constexpr size_t kMaxInFlightPerTab = 512;

  using Callback = std::function<void(FetchResult)>;
  // Pages the browser generates (about:version, about:tabs, ...): name -> HTML,
  // or empty when there is no such page.
  using AboutPageProvider = std::function<std::string(const std::string& name, int tab_id)>;

  ResourceLoader(boost::asio::io_context& io, LoaderPolicy policy, bool log_to_stderr);
  ~ResourceLoader();

  void SetAboutPageProvider(AboutPageProvider provider) { about_pages_ = std::move(provider); }
  // The cookies http requests send and responses set (browser/storage/'s
  // CookieStore); null: none. Must outlive the loader's fetches.
  void SetCookieJar(CookieJar* jar);
  // `post_body`: a script's fetch() POST, sent over http only (any other
  // scheme refuses it, as browsers fail a POST to file: or data:).
  void Fetch(const std::string& url, int tab_id, const Requester& requester, Callback callback,
             std::optional<std::string> post_body = std::nullopt);
  // Answers with a refusal decided elsewhere (RendererGrants), logged like
  // the loader's own.
  void Refuse(const std::string& url, int tab_id, const std::string& rule, const std::string& detail,
              Callback callback);

  // For answers the browser makes itself elsewhere (about:sandbox needs the
  // renderer's probes first): they go into the same log.
  void RecordDecision(int tab_id, const std::string& url, const std::string& rule, const std::string& outcome) {
    Log(tab_id, url, rule, outcome);
  }
  const std::deque<BrokerLogEntry>& broker_log() const { return log_; }
  uint64_t decisions() const { return decisions_; }
  size_t broker_log_text_bytes() const { return log_text_bytes_; }
  size_t in_flight(int tab_id) const;
  const LoaderPolicy& policy() const { return policy_; }

  // An HTML page explaining a refusal, for documents. It is rendered by the
  // renderer: `error` must be FetchResult::error, never its detail.
  static std::string ErrorPage(const std::string& url, const std::string& error);

 private:
  void Log(int tab_id, const std::string& url, const std::string& rule, const std::string& outcome);
  void Finish(int tab_id, const std::string& url, const std::string& rule, FetchResult result, Callback callback);
  void LoadFile(const PolicyDecision& decision, const std::string& url, int tab_id, Callback callback);
  FetchResult LoadData(const std::string& url);

  boost::asio::io_context& io_;
  LoaderPolicy policy_;
  bool log_to_stderr_;
  AboutPageProvider about_pages_;
  std::unique_ptr<HttpFetcher> http_;
  std::shared_ptr<const ContentRootFiles> files_;
  std::deque<BrokerLogEntry> log_;   // the newest kBrokerLogSize entries
  size_t log_text_bytes_ = 0;        // url + rule + outcome over log_
  std::map<int, size_t> in_flight_;  // tab id -> fetches between Fetch and Finish
  uint64_t decisions_ = 0;
  // file: reads happen here, off the browser's loop: a path on a hung mount
  // blocks this thread, never every tab. Last member: destroyed first, so no
  // read finishes into a half-destroyed loader.
  std::unique_ptr<BlockingWorker> file_worker_;
};

std::string MimeTypeForPath(const std::string& path);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_LOADER_RESOURCE_LOADER_H_
