#ifndef SANDTAB_TESTS_DEVTOOLS_FAKE_TAB_PORT_H_
#define SANDTAB_TESTS_DEVTOOLS_FAKE_TAB_PORT_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "browser/devtools/cdp_client.h"
#include "browser/devtools/devtools_protocol.h"
#include "browser/devtools/tab_port.h"

namespace sandtab::browser::testing {

// Tabs the test plays: it opens and closes them as TabManager would (the
// protocol is told), and answers waits, evaluations and captures when the
// test says so.
class FakeTabPort : public TabPort {
 public:
  struct FakeTab {
    TabView view;
    std::vector<LoadedCallback> waiters;
    std::vector<std::pair<std::string, EvalCallback>> evals;
    std::vector<std::string> debug_urls;
    bool loaded = false;
  };

  DevToolsProtocol* protocol = nullptr;
  std::map<int, FakeTab> tabs;
  int next_id = 1;
  Image capture_image;

  Result<int> Open(const std::string& url) override {
    if (url.find(':') == std::string::npos) return Error{"Cannot navigate to invalid URL"};
    const int id = next_id++;
    tabs[id].view = TabView{url, "", 1280, 800, 0};
    if (protocol) protocol->OnTabOpened(id);
    return id;
  }
  Status Close(int tab_id) override {
    if (!tabs.erase(tab_id)) return Error{"no tab"};
    if (protocol) protocol->OnTabClosed(tab_id);
    return OkStatus();
  }
  std::vector<int> TabIds() const override {
    std::vector<int> ids;
    for (const auto& [id, tab] : tabs) ids.push_back(id);
    return ids;
  }
  std::optional<TabView> View(int tab_id) const override {
    auto it = tabs.find(tab_id);
    if (it == tabs.end()) return std::nullopt;
    return it->second.view;
  }
  Status Navigate(int tab_id, const std::string& url) override {
    if (url.find(':') == std::string::npos) return Error{"Cannot navigate to invalid URL"};
    tabs.at(tab_id).view.url = url;
    tabs.at(tab_id).loaded = false;
    return OkStatus();
  }
  Status RunDebugUrl(int tab_id, const std::string& url) override {
    tabs.at(tab_id).debug_urls.push_back(url);
    tabs.at(tab_id).loaded = false;  // the page is going down
    return OkStatus();
  }
  void WaitLoaded(int tab_id, double, LoadedCallback done) override {
    if (tabs.at(tab_id).loaded) return done(true);
    tabs.at(tab_id).waiters.push_back(done);
  }
  void Evaluate(int tab_id, const std::string& expression, EvalCallback done) override {
    tabs.at(tab_id).evals.emplace_back(expression, std::move(done));
  }
  void Capture(int, std::optional<UiRect> area, ImageCallback done) override {
    if (!area) return done(capture_image);
    done(CopyArea(RowsOf(capture_image), *area));
  }

  // Tells the tab's waiters it loaded (or not).
  void FinishLoading(int tab_id, bool loaded = true) {
    tabs.at(tab_id).loaded = loaded;
    auto waiters = std::move(tabs.at(tab_id).waiters);
    tabs.at(tab_id).waiters.clear();
    for (auto& waiter : waiters) waiter(loaded);
  }
};

// A connected client whose frames the test reads back as JSON.
struct RecordingClient {
  std::vector<Json> sent;
  bool closed = false;
  std::shared_ptr<CdpClient> client;

  RecordingClient(DevToolsProtocol& protocol, TargetType type, const std::string& target_id) {
    client = protocol.Connect(
        type, target_id, [this](std::string text) { sent.push_back(Json::parse(text)); }, [this] { closed = true; });
  }
  // Sends a command; `session` empty for the root session.
  void Send(int64_t id, const std::string& method, Json params = Json::object(), const std::string& session = "") {
    Json message = {{"id", id}, {"method", method}, {"params", std::move(params)}};
    if (!session.empty()) message["sessionId"] = session;
    client->OnMessage(message.dump());
  }
  // The reply to `id`, or null.
  const Json* Reply(int64_t id) const {
    for (const Json& message : sent) {
      if (message.contains("id") && message["id"] == id) return &message;
    }
    return nullptr;
  }
  size_t IndexOfReply(int64_t id) const {
    for (size_t i = 0; i < sent.size(); ++i) {
      if (sent[i].contains("id") && sent[i]["id"] == id) return i;
    }
    return sent.size();
  }
  std::vector<Json> Events(const std::string& method) const {
    std::vector<Json> events;
    for (const Json& message : sent) {
      if (message.value("method", "") == method) events.push_back(message);
    }
    return events;
  }
  size_t IndexOfEvent(const std::string& method, size_t from = 0) const {
    for (size_t i = from; i < sent.size(); ++i) {
      if (sent[i].value("method", "") == method) return i;
    }
    return sent.size();
  }
};

// The protocol over fake tabs, with reproducible ids.
struct ProtocolHarness {
  boost::asio::io_context io;
  FakeTabPort tabs;
  DevToolsProtocol protocol{io, tabs, Options()};
  static DevToolsProtocol::Options Options() {
    DevToolsProtocol::Options options;
    options.id_seed = 42;
    return options;
  }
  ProtocolHarness() { tabs.protocol = &protocol; }
};

}  // namespace sandtab::browser::testing

#endif  // SANDTAB_TESTS_DEVTOOLS_FAKE_TAB_PORT_H_
