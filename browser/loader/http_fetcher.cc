#include "browser/loader/http_fetcher.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <memory>
#include <optional>

namespace sandtab::browser {
namespace {

namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

// One fetch, alive until its last handler ran.
class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(boost::asio::io_context& io, const LoaderPolicy& policy, Url url, std::optional<AddressSpace> limit,
              std::optional<std::string> post_body, std::function<void(FetchResult)> done, CookieJar* cookie_jar,
              CookieRequester cookies)
      : policy_(policy),
        url_(std::move(url)),
        limit_(limit),
        post_body_(std::move(post_body)),
        cookie_jar_(cookie_jar),
        cookies_(std::move(cookies)),
        done_(std::move(done)),
        resolver_(io),
        stream_(io),
        deadline_(io) {}

  void Start() {
    deadline_.expires_after(std::chrono::milliseconds(policy_.limits().http_timeout_ms));
    deadline_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
      if (ec) return;  // cancelled: the fetch finished first
      self->Complete(
          Failure("failed: timed out", "after " + std::to_string(self->policy_.limits().http_timeout_ms) + " ms"));
    });
    Resolve();
  }

 private:
  // `error` is what the renderer sees: generic, so that the fetcher is no
  // probe of the network (refused, timed out and unresolvable look alike);
  // `detail` goes to the broker log only.
  static FetchResult Failure(std::string error, std::string detail = "") {
    FetchResult result;
    result.error = std::move(error);
    result.detail = std::move(detail);
    return result;
  }

  static FetchResult Refused(const char* rule, std::string detail) {
    FetchResult result = Failure("refused by rule \"" + std::string(rule) + "\"", std::move(detail));
    result.rule = rule;
    return result;
  }

  static std::string Describe(const tcp::endpoint& endpoint) {
    const auto address = endpoint.address();
    return (address.is_v6() ? "[" + address.to_string() + "]" : address.to_string()) + ":" +
           std::to_string(endpoint.port());
  }

  AddressSpace SpaceOf(const tcp::endpoint& endpoint) const {
    return policy_.address_space_overrides().Find(endpoint).value_or(SpaceOfClass(ClassifyAddress(endpoint.address())));
  }

  // The connect condition: asked for each resolved address before it is
  // dialled. A refused address is skipped; when every one was, the connect
  // ends with not_found and the refusal recorded here is the answer.
  bool MayConnect(const tcp::endpoint& endpoint) {
    if (ClassifyAddress(endpoint.address()) == AddressClass::kLinkLocal) {
      refusal_ = Refused(kRuleLinkLocal, url_.host + " is " + Describe(endpoint));
      return false;
    }
    const AddressSpace space = SpaceOf(endpoint);
    if (limit_ && IsMorePrivate(space, *limit_)) {
      refusal_ = Refused(kRulePrivateNetworkAccess, std::string("a ") + AddressSpaceName(*limit_) +
                                                        " requester may not reach " + url_.host + " at " +
                                                        Describe(endpoint) + " (" + AddressSpaceName(space) + ")");
      return false;
    }
    return true;
  }

  void Resolve() {
    refusal_.reset();
    resolver_.async_resolve(
        url_.host, std::to_string(url_.port),
        [self = shared_from_this()](const boost::system::error_code& ec, tcp::resolver::results_type results) {
          if (self->finished_) return;
          if (ec)
            return self->Complete(
                Failure("failed: network error", "cannot resolve " + self->url_.host + ": " + ec.message()));
          self->stream_.async_connect(
              results,
              [self](const boost::system::error_code&, const tcp::endpoint& next) { return self->MayConnect(next); },
              [self](const boost::system::error_code& ec, const tcp::endpoint& connected) {
                if (self->finished_) return;
                if (ec && self->refusal_) return self->Complete(std::move(*self->refusal_));
                if (ec)
                  return self->Complete(Failure("failed: network error", "cannot connect to " + self->url_.host + ":" +
                                                                             std::to_string(self->url_.port) + ": " +
                                                                             ec.message()));
                self->connected_space_ = self->SpaceOf(connected);
                self->SendRequest();
              });
        });
  }

  void SendRequest() {
    request_ = {post_body_ ? http::verb::post : http::verb::get, url_.path, 11};
    request_.set(http::field::host, url_.host);
    request_.set(http::field::user_agent, "sandtab/0.1");
    request_.set(http::field::connection, "close");
    if (cookie_jar_) {
      const std::string cookie = cookie_jar_->CookieHeaderFor(url_, cookies_.AccessFor(url_, !post_body_));
      if (!cookie.empty()) request_.set(http::field::cookie, cookie);
    }
    if (post_body_) {
      request_.set(http::field::content_type, "text/plain;charset=UTF-8");  // fetch()'s type for a string body
      request_.body() = *post_body_;
      request_.prepare_payload();
    }
    http::async_write(stream_, request_, [self = shared_from_this()](const boost::system::error_code& ec, size_t) {
      if (self->finished_) return;
      if (ec) return self->Complete(Failure("failed: network error", "sending the request: " + ec.message()));
      self->ReadResponse();
    });
  }

  // The header first: a declared length over the cap is refused before a
  // single body byte is read or reserved (Beast 1.74 loses its own body-limit
  // error when the header and body arrive in one read).
  void ReadResponse() {
    parser_.emplace();
    parser_->header_limit(16 * 1024);
    parser_->body_limit(policy_.limits().max_body_bytes);
    http::async_read_header(
        stream_, buffer_, *parser_, [self = shared_from_this()](const boost::system::error_code& ec, size_t) {
          if (self->finished_) return;
          if (ec == http::error::body_limit)
            return self->Complete(Failure("failed: response declares more than the body cap"));
          if (ec)
            return self->Complete(Failure("failed: network error", "reading the response header: " + ec.message()));
          auto declared = self->parser_->content_length();
          if (declared && *declared > self->policy_.limits().max_body_bytes) {
            return self->Complete(Failure("failed: response larger than the body cap",
                                          "it declares " + std::to_string(*declared) + " bytes"));
          }
          self->ReadBody();
        });
  }

  void ReadBody() {
    http::async_read(
        stream_, buffer_, *parser_, [self = shared_from_this()](const boost::system::error_code& ec, size_t) {
          if (self->finished_) return;
          if (ec == http::error::body_limit)
            return self->Complete(Failure("failed: response larger than the body cap"));
          if (ec) return self->Complete(Failure("failed: network error", "reading the response: " + ec.message()));
          if (self->parser_->get().body().size() > self->policy_.limits().max_body_bytes) {
            return self->Complete(Failure("failed: response larger than the body cap"));
          }
          self->OnResponse();
        });
  }

  void OnResponse() {
    auto& response = parser_->get();
    unsigned status = response.result_int();
    if (cookie_jar_) {
      const CookieAccess access = cookies_.AccessFor(url_, !post_body_);
      const auto [first, last] = response.equal_range(http::field::set_cookie);
      for (auto field = first; field != last; ++field) {
        cookie_jar_->StoreFromResponse(url_, std::string_view(field->value().data(), field->value().size()), access);
      }
    }
    if (status >= 300 && status < 400 && response.count(http::field::location)) {
      if (++redirects_ > policy_.limits().max_redirects) {
        return Complete(Failure("failed: more than " + std::to_string(policy_.limits().max_redirects) + " redirects"));
      }
      std::string location(response[http::field::location]);
      if (!location.empty() && location[0] == '/') {
        location = "http://" + url_.host + ":" + std::to_string(url_.port) + location;
      }
      auto next = ParseUrl(location);
      if (!next) return Complete(Failure("failed: bad redirect", next.error()));
      // Every hop passes the same policy: a redirect cannot reach file: or a
      // blocked port.
      PolicyDecision decision = policy_.Check(*next);
      if (!decision.allowed || next->scheme != "http") {
        FetchResult refused = Failure("refused redirect by rule \"" + decision.rule + "\"",
                                      "to " + location + (decision.detail.empty() ? "" : ": " + decision.detail));
        refused.rule = decision.rule;
        return Complete(std::move(refused));
      }
      // The next hop may be no more private than the server that redirected.
      limit_ = limit_ ? LessPrivate(*limit_, connected_space_) : connected_space_;
      // Fetch's rule for 301, 302 and 303 after a POST: the next hop is a GET.
      // A 307 or 308 would repeat the POST; followed as a GET here too.
      post_body_.reset();
      url_ = *next;
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
      stream_.close();
      buffer_.clear();
      return Resolve();
    }
    FetchResult result;
    result.final_url = url_.spec;
    result.mime_type = std::string(response[http::field::content_type]);
    result.mime_type = result.mime_type.substr(0, result.mime_type.find(';'));
    result.body = std::move(response.body());
    result.address_space = connected_space_;
    result.ok = status >= 200 && status < 300;
    if (!result.ok) result.error = "failed: HTTP " + std::to_string(status);
    Complete(std::move(result));
  }

  void Complete(FetchResult result) {
    if (finished_) return;
    finished_ = true;
    deadline_.cancel();
    resolver_.cancel();
    beast::error_code ignored;
    stream_.socket().close(ignored);
    auto done = std::move(done_);
    done(std::move(result));
  }

  const LoaderPolicy& policy_;
  Url url_;
  std::optional<AddressSpace> limit_;  // nullopt: the user asked, and no server has redirected yet
  std::optional<std::string> post_body_;
  CookieJar* cookie_jar_;
  CookieRequester cookies_;
  AddressSpace connected_space_ = AddressSpace::kPublic;
  std::optional<FetchResult> refusal_;  // why the connect condition skipped an address
  std::function<void(FetchResult)> done_;
  tcp::resolver resolver_;
  beast::tcp_stream stream_;
  boost::asio::steady_timer deadline_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  std::optional<http::response_parser<http::string_body>> parser_;
  int redirects_ = 0;
  bool finished_ = false;
};

}  // namespace

HttpFetcher::HttpFetcher(boost::asio::io_context& io, const LoaderPolicy& policy) : io_(io), policy_(policy) {}

void HttpFetcher::Fetch(const Url& url, std::optional<AddressSpace> requester_space,
                        std::optional<std::string> post_body, std::function<void(FetchResult)> done,
                        CookieRequester cookies) {
  std::make_shared<HttpSession>(io_, policy_, url, requester_space, std::move(post_body), std::move(done), cookie_jar_,
                                std::move(cookies))
      ->Start();
}

}  // namespace sandtab::browser
