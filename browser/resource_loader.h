#ifndef SANDTAB_BROWSER_RESOURCE_LOADER_H_
#define SANDTAB_BROWSER_RESOURCE_LOADER_H_

#include <boost/asio/io_context.hpp>

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include "browser/loader_policy.h"

namespace sandtab::browser {

class HttpFetcher;

struct FetchResult {
  bool ok = false;
  std::string error;      // when !ok: what went wrong, naming the rule
  std::string mime_type;
  std::string final_url;
  std::string body;       // for a refused document: an error page
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
  using Callback = std::function<void(FetchResult)>;
  // Pages the browser generates (about:version, about:tabs, ...): name -> HTML,
  // or empty when there is no such page.
  using AboutPageProvider = std::function<std::string(const std::string& name, int tab_id)>;

  ResourceLoader(boost::asio::io_context& io, LoaderPolicy policy, bool log_to_stderr);
  ~ResourceLoader();

  void SetAboutPageProvider(AboutPageProvider provider) { about_pages_ = std::move(provider); }
  void Fetch(const std::string& url, int tab_id, Callback callback);

  // For answers the browser makes itself elsewhere (about:sandbox needs the
  // renderer's probes first): they go into the same log.
  void RecordDecision(int tab_id, const std::string& url, const std::string& rule, const std::string& outcome) {
    Log(tab_id, url, rule, outcome);
  }
  const std::deque<BrokerLogEntry>& broker_log() const { return log_; }
  uint64_t decisions() const { return decisions_; }
  const LoaderPolicy& policy() const { return policy_; }

  // An HTML page explaining a refusal, for documents.
  static std::string ErrorPage(const std::string& url, const std::string& error);

 private:
  void Log(int tab_id, const std::string& url, const std::string& rule, const std::string& outcome);
  void Finish(int tab_id, const std::string& url, const std::string& rule, FetchResult result,
              Callback callback);
  FetchResult LoadFile(const PolicyDecision& decision, const std::string& url);
  FetchResult LoadData(const std::string& url);

  boost::asio::io_context& io_;
  LoaderPolicy policy_;
  bool log_to_stderr_;
  AboutPageProvider about_pages_;
  std::unique_ptr<HttpFetcher> http_;
  std::deque<BrokerLogEntry> log_;  // the newest kBrokerLogSize entries
  uint64_t decisions_ = 0;
};

std::string MimeTypeForPath(const std::string& path);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_RESOURCE_LOADER_H_
