#include "browser/common/html_escape.h"
#include "browser/loader/resource_loader.h"

#include <boost/asio/post.hpp>

#include <chrono>
#include <cstdio>

#include "browser/common/blocking_worker.h"
#include "browser/loader/content_root_files.h"
#include "browser/loader/http_fetcher.h"
#include "browser/common/terminal_text.h"
#include "browser/loader/url.h"

namespace sandtab::browser {
namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool DecodeBase64(std::string_view in, std::string* out) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  uint32_t accumulator = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=' || c == ' ' || c == '\n' || c == '\r') continue;
    int v = value(c);
    if (v < 0) return false;
    accumulator = (accumulator << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((accumulator >> bits) & 0xff));
    }
  }
  return true;
}

}  // namespace

std::string MimeTypeForPath(const std::string& path) {
  auto dot = path.rfind('.');
  std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
  if (ext == "html" || ext == "htm") return "text/html";
  if (ext == "xht" || ext == "xhtml") return "application/xhtml+xml";
  if (ext == "css") return "text/css";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "txt") return "text/plain";
  return "application/octet-stream";
}

ResourceLoader::ResourceLoader(boost::asio::io_context& io, LoaderPolicy policy, bool log_to_stderr)
    : io_(io),
      policy_(std::move(policy)),
      log_to_stderr_(log_to_stderr),
      http_(std::make_unique<HttpFetcher>(io, policy_)),
      files_(std::make_shared<const ContentRootFiles>(policy_.content_root())),
      file_worker_(std::make_unique<BlockingWorker>(io)) {}

ResourceLoader::~ResourceLoader() = default;

std::string ResourceLoader::ErrorPage(const std::string& url, const std::string& error) {
  return "<!DOCTYPE html><html><head><title>Can't open this page</title><style>"
         "body{font-family:sans-serif;background:#fff4f2;margin:40px}"
         "h1{color:#b3261e}code{background:#fde0dc;padding:2px 4px}</style></head><body>"
         "<h1>Can't open this page</h1><p>The browser refused to load <code>" +
         HtmlEscape(url) + "</code>.</p><p><b>" + HtmlEscape(error) + "</b></p></body></html>";
}

void ResourceLoader::Log(int tab_id, const std::string& url, const std::string& rule, const std::string& outcome) {
  ++decisions_;
  // Every text a renderer chose is cut before it is kept: outcomes echo their
  // input (a parse error quotes the whole URL, up to 2 MiB).
  BrokerLogEntry entry{NowMs(), tab_id, TruncateText(url, kMaxBrokerLogTextBytes),
                       TruncateText(rule, kMaxBrokerLogTextBytes), TruncateText(outcome, kMaxBrokerLogTextBytes)};
  log_text_bytes_ += entry.url.size() + entry.rule.size() + entry.outcome.size();
  if (log_to_stderr_) {
    std::fprintf(stderr, "[broker] tab=%d %s | %s | %s\n", tab_id, SanitizeForTerminal(entry.url).c_str(),
                 SanitizeForTerminal(entry.rule).c_str(), SanitizeForTerminal(entry.outcome).c_str());
  }
  log_.push_back(std::move(entry));
  if (log_.size() > kBrokerLogSize) {
    const BrokerLogEntry& oldest = log_.front();
    log_text_bytes_ -= oldest.url.size() + oldest.rule.size() + oldest.outcome.size();
    log_.pop_front();
  }
}

size_t ResourceLoader::in_flight(int tab_id) const {
  auto it = in_flight_.find(tab_id);
  return it == in_flight_.end() ? 0 : it->second;
}

void ResourceLoader::Finish(int tab_id, const std::string& url, const std::string& rule, FetchResult result,
                            Callback callback) {
  std::string outcome = result.ok ? "allowed, " + std::to_string(result.body.size()) + " bytes" : result.error;
  if (!result.detail.empty()) outcome += ": " + result.detail;
  Log(tab_id, url, result.rule.empty() ? rule : result.rule, outcome);
  if (result.final_url.empty()) result.final_url = url;
  // Always asynchronous, so callers never re-enter themselves.
  boost::asio::post(
      io_, [callback = std::move(callback), result = std::move(result)]() mutable { callback(std::move(result)); });
}

namespace {

FetchResult Refusal(const std::string& rule, const std::string& detail, const std::string& url) {
  FetchResult refused;
  refused.error = "refused by rule \"" + rule + "\"";
  refused.detail = detail;
  refused.mime_type = "text/html";
  refused.final_url = url;
  return refused;
}

}  // namespace

void ResourceLoader::SetCookieJar(CookieJar* jar) { http_->SetCookieJar(jar); }

void ResourceLoader::Refuse(const std::string& url, int tab_id, const std::string& rule, const std::string& detail,
                            Callback callback) {
  Finish(tab_id, url, rule, Refusal(rule, detail, url), std::move(callback));
}

void ResourceLoader::Fetch(const std::string& spec, int tab_id, const Requester& requester, Callback callback,
                           std::optional<std::string> post_body) {
  if (in_flight(tab_id) >= kMaxInFlightPerTab) {
    return Refuse(spec, tab_id, "fetches in flight per tab",
                  "the tab has " + std::to_string(in_flight(tab_id)) + " fetches in flight", std::move(callback));
  }
  // Counted until the answer is handed back, whatever path it takes.
  ++in_flight_[tab_id];
  callback = [this, tab_id, callback = std::move(callback)](FetchResult result) {
    if (auto it = in_flight_.find(tab_id); it != in_flight_.end() && --it->second == 0) in_flight_.erase(it);
    callback(std::move(result));
  };
  auto url = ParseUrl(spec);
  if (!url) {
    FetchResult refused = Refusal("URL must parse", url.error(), spec);
    refused.error = "refused (bad URL)";
    return Finish(tab_id, spec, "URL must parse", std::move(refused), std::move(callback));
  }
  PolicyDecision decision = policy_.Check(*url);
  if (!decision.allowed) {
    return Finish(tab_id, spec, decision.rule, Refusal(decision.rule, decision.detail, spec), std::move(callback));
  }
  if (post_body && url->scheme != "http") {
    return Finish(tab_id, spec, kRulePostOverHttpOnly,
                  Refusal(kRulePostOverHttpOnly, url->scheme + ": has nowhere to post to", spec), std::move(callback));
  }
  if (url->scheme == "file") return LoadFile(decision, spec, tab_id, std::move(callback));
  if (url->scheme == "data") {
    return Finish(tab_id, spec, decision.rule, LoadData(spec), std::move(callback));
  }
  if (url->scheme == "about") {
    std::string page = about_pages_ ? about_pages_(url->path, tab_id) : "";
    FetchResult result;
    result.ok = !page.empty();
    result.mime_type = "text/html";
    result.error = result.ok ? "" : "failed: no such page: about:" + url->path;
    result.body = std::move(page);
    return Finish(tab_id, spec, decision.rule, std::move(result), std::move(callback));
  }
  // http: asynchronous; the fetcher enforces timeouts, redirect and size
  // caps, and Private Network Access on the addresses it connects to.
  http_->Fetch(
      *url, requester.document_space, std::move(post_body),
      [this, tab_id, spec, rule = decision.rule, callback = std::move(callback)](FetchResult result) mutable {
        Finish(tab_id, spec, rule, std::move(result), std::move(callback));
      },
      requester.cookies);
}

// On the file worker: whatever the path does (a FIFO, a hung mount, a huge
// file), the loop goes on serving every tab meanwhile.
void ResourceLoader::LoadFile(const PolicyDecision& decision, const std::string& url, int tab_id, Callback callback) {
  file_worker_->Run([files = files_, relative = decision.root_relative_path,
                     cap = policy_.limits().max_body_bytes] { return files->ReadFile(relative, cap); },
                    [this, url, tab_id, rule = decision.rule, relative = decision.root_relative_path,
                     callback = std::move(callback)](ContentRootFiles::Read read) mutable {
                      FetchResult result;
                      result.final_url = url;
                      result.address_space = AddressSpace::kLocal;  // as Chrome counts file:
                      result.detail = std::move(read.detail);
                      switch (read.outcome) {
                        case ContentRootFiles::Read::Outcome::kOk:
                          result.ok = true;
                          result.body = std::move(read.body);
                          result.mime_type = MimeTypeForPath(relative);
                          break;
                        case ContentRootFiles::Read::Outcome::kRefused:
                          result.error = "refused by rule \"" + rule + "\"";
                          result.mime_type = "text/html";
                          break;
                        case ContentRootFiles::Read::Outcome::kFailed:
                          result.error = "failed: cannot read this file";
                          result.mime_type = "text/html";
                          break;
                      }
                      Finish(tab_id, url, rule, std::move(result), std::move(callback));
                    });
}

FetchResult ResourceLoader::LoadData(const std::string& url) {
  FetchResult result;
  std::string_view rest = std::string_view(url).substr(5);  // after "data:"
  size_t comma = rest.find(',');
  if (comma == std::string_view::npos) {
    result.error = "failed: data: URL without a comma";
    return result;
  }
  std::string_view meta = rest.substr(0, comma), payload = rest.substr(comma + 1);
  bool base64 = meta.size() >= 7 && meta.substr(meta.size() - 7) == ";base64";
  if (base64) meta.remove_suffix(7);
  result.mime_type = meta.empty() ? "text/plain" : std::string(meta.substr(0, meta.find(';')));
  if (base64) {
    if (!DecodeBase64(payload, &result.body)) {
      result.error = "failed: data: URL has invalid base64";
      return result;
    }
  } else {
    result.body = PercentDecode(payload);
  }
  if (result.body.size() > policy_.limits().max_body_bytes) {
    result.body.clear();
    result.error = "failed: data: URL larger than the body cap";
    return result;
  }
  result.ok = true;
  return result;
}

}  // namespace sandtab::browser
