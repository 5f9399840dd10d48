// Scenarios for the browser's per-renderer grants and Private Network
// Access (DESIGN section 12; browser/tab/renderer_grants.h): a compromised
// renderer asks for what its document may not have. On trigger; what
// follows the trigger in the URL says what to ask, '|'-separated:
//
//   ".../hostile|fetch|URL1|URL2"   FetchRequest{IMAGE} for each URL, after
//                                   committing the document; reports every
//                                   answer in the title (DocumentInfo):
//                                   "ok:<last 300 bytes>" or "err:<error>",
//                                   joined by " || ".
//   ".../hostile|navigate|URL"      NavigateRequest{URL}, after committing
//                                   the document; then serves pings.
//   ".../hostile|document"          reports the document's own answer (what
//                                   a page the user opened tells its renderer).
//   ".../hostile|cookies|URL"       CookieRead{URL} on the storage channel
//                                   (DESIGN section 14), after committing the
//                                   document; reports "ok:<cookies>",
//                                   "err:<refusal>" or "closed".
//
// The document is committed first (FetchRequest{DOCUMENT} for the trigger
// URL, as a real renderer does), so the browser's grants are the
// document's, not the least of a navigation not yet answered.
#include <unistd.h>

#include <string>
#include <vector>

#include "proto/renderer.pb.h"
#include "tests/support/hostile/scenario.h"

namespace sandtab::test::hostile {
namespace {

constexpr auto kAnswerTimeout = std::chrono::seconds(10);
constexpr size_t kReportedBodyBytes = 900;  // the title stays under the 1 KiB the browser takes

std::vector<std::string> Words(const std::string& after_trigger) {
  std::vector<std::string> words;
  size_t begin = after_trigger.find('|');
  while (begin != std::string::npos) {
    const size_t next = after_trigger.find('|', begin + 1);
    words.push_back(after_trigger.substr(begin + 1, next == std::string::npos ? std::string::npos : next - begin - 1));
    begin = next;
  }
  return words;
}

bool SendFetch(Session& session, uint64_t id, const std::string& url, proto::FetchRequest::Kind kind) {
  return session.Send(FetchMessage(session, id, url, kind));
}

// The answer to request `id`: "ok:..." or "err:...", skipping pings (answered)
// and anything else; "none" when the browser said nothing in time.
std::string AwaitAnswer(Session& session, uint64_t id) {
  const auto deadline = std::chrono::steady_clock::now() + kAnswerTimeout;
  while (std::chrono::steady_clock::now() < deadline) {
    std::vector<UniqueFd> fds;
    auto message = session.Receive<proto::BrowserToRenderer>(std::chrono::milliseconds(500), &fds);
    if (!message) continue;
    if (message->has_ping()) {
      proto::RendererToBrowser pong;
      pong.mutable_pong()->set_cookie(message->ping().cookie());
      session.Send(pong);
      continue;
    }
    if (!message->has_fetch_response() || message->fetch_response().request_id() != id) continue;
    const proto::FetchResponse& response = message->fetch_response();
    if (!response.ok()) return "err:" + response.error();
    std::string body = response.body();
    if (!fds.empty() && response.body_size() > 0) {
      body.resize(response.body_size());
      ssize_t n = ::pread(fds[0].get(), body.data(), body.size(), 0);
      body.resize(n > 0 ? static_cast<size_t>(n) : 0);
    }
    return "ok:" + (body.size() > kReportedBodyBytes ? body.substr(body.size() - kReportedBodyBytes) : body);
  }
  return "none";
}

void ReportTitle(Session& session, const std::string& title) {
  proto::RendererToBrowser message;
  message.mutable_document_info()->set_navigation_id(session.seen().navigation_id);
  message.mutable_document_info()->set_title(title.substr(0, 1000));
  session.Send(message);
}

// document.cookie of `url` asked on the storage channel, as a renderer's
// script would, whatever the document's site.
std::string AskCookies(Session& session, const std::string& url) {
  if (session.seen().storage_channel < 0) return "no storage channel";
  FramedSocket storage(session.seen().storage_channel);
  proto::StorageRequest request;
  request.set_request_id(1);
  request.mutable_cookie_read()->set_url(url);
  const std::string bytes = request.SerializeAsString();
  if (!storage.Write({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()})) return "closed";
  FramedSocket::Received frame;
  if (storage.Read(kAnswerTimeout, &frame) != FramedSocket::Status::kFrame) return "closed";
  proto::StorageAnswer answer;
  if (!answer.ParseFromArray(frame.body.data(), static_cast<int>(frame.body.size()))) return "unparsable answer";
  return answer.reply().ok() ? "ok:" + answer.reply().cookies() : "err:" + answer.reply().error();
}

void GrantsProbe(Session& session) {
  const std::vector<std::string> words = Words(session.AfterTrigger());
  if (words.empty() || (words[0] != "document" && words.size() < 2)) {
    return ReportTitle(session, "bad trigger: want |fetch|URL..., |navigate|URL or |document");
  }
  uint64_t id = session.seen().last_fetch_id + 1;
  SendFetch(session, id, session.seen().url, proto::FetchRequest::DOCUMENT);
  const std::string document = AwaitAnswer(session, id);
  if (words[0] == "document") return ReportTitle(session, document);
  if (words[0] == "cookies") return ReportTitle(session, AskCookies(session, words[1]));
  if (words[0] == "navigate") {
    proto::RendererToBrowser message;
    message.mutable_navigate_request()->set_url(words[1]);
    session.Send(message);
    return ReportTitle(session, "navigate sent");
  }
  std::string report;
  for (size_t i = 1; i < words.size(); ++i) {
    SendFetch(session, ++id, words[i], proto::FetchRequest::IMAGE);
    report += (i > 1 ? " || " : "") + AwaitAnswer(session, id);
  }
  ReportTitle(session, report);
}

const RegisterScenario kGrantsProbe{
    {"grants-probe", When::kOnTrigger, &GrantsProbe,
     "commits its document, then fetches (|fetch|URL...), navigates (|navigate|URL) or "
     "shows the document (|document), or reads cookies on the storage channel (|cookies|URL); answers in the title"}};

}  // namespace
}  // namespace sandtab::test::hostile
