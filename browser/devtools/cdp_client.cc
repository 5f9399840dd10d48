#include "browser/devtools/cdp_client.h"

#include <atomic>

#include "browser/devtools/cdp_dispatcher.h"
#include "browser/devtools/session_table.h"

namespace sandtab::browser {

void CdpCall::Reply(Json result) const {
  if (auto alive = client.lock()) alive->SendReply(wire_session, id, std::move(result));
}

void CdpCall::Fail(int code, const std::string& message) const {
  if (auto alive = client.lock()) alive->SendError(wire_session, id, code, message);
}

std::string CdpCall::StringParam(const char* name) const {
  auto it = params.find(name);
  return it != params.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool CdpCall::BoolParam(const char* name) const {
  auto it = params.find(name);
  return it != params.end() && it->is_boolean() && it->get<bool>();
}

CdpClient::CdpClient(CdpDispatcher& dispatcher, SessionTable& sessions, Sender send, Closer close)
    : dispatcher_(dispatcher), sessions_(sessions), send_(std::move(send)), close_(std::move(close)) {}

CdpClient::~CdpClient() { OnClosed(); }

CdpSession& CdpClient::OpenRoot(TargetType type, const std::string& target_id) {
  static std::atomic<uint64_t> next_root{1};
  CdpSession root;
  root.key = "root:" + std::to_string(next_root++);
  root.target_id = target_id;
  root.type = type;
  root.client = this;
  root_key_ = root.key;
  return sessions_.Add(std::move(root));
}

void CdpClient::OnMessage(std::string_view text) {
  if (closed_) return;
  auto self = shared_from_this();  // a command may end this client's WebSocket
  Json message = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!message.is_object() || !message.contains("id") || !message["id"].is_number_integer() ||
      !message.contains("method") || !message["method"].is_string()) {
    // Chrome's answer to a message that is not a command.
    const int64_t id = message.is_object() && message.contains("id") && message["id"].is_number_integer()
                           ? message["id"].get<int64_t>()
                           : 0;
    return SendError("", id, kCdpInvalidParams, "Message must have integer 'id' and string 'method' properties");
  }
  CdpCall call;
  call.id = message["id"].get<int64_t>();
  call.method = message["method"].get<std::string>();
  call.params = message.contains("params") && message["params"].is_object() ? message["params"] : Json::object();
  call.client = weak_from_this();
  CdpSession* session = nullptr;
  if (message.contains("sessionId") && message["sessionId"].is_string()) {
    call.wire_session = message["sessionId"].get<std::string>();
    session = sessions_.Find(call.wire_session);
    if (session && session->client != this) session = nullptr;
    if (!session) return SendError(call.wire_session, call.id, kCdpSessionNotFound, "Session with given id not found.");
  } else {
    session = sessions_.Find(root_key_);
    if (!session) return SendError("", call.id, kCdpServerError, "Not attached to a target");
  }
  call.session_key = session->key;
  dispatcher_.Dispatch(*session, call);
}

void CdpClient::OnClosed() {
  if (closed_) return;
  closed_ = true;
  for (CdpSession* session : sessions_.OfClient(this)) sessions_.Remove(session->key);
}

void CdpClient::Close() {
  if (closed_) return;
  // Ending the WebSocket may drop the channel's hold on this client.
  auto self = shared_from_this();
  if (close_) close_();
  OnClosed();
}

void CdpClient::SendEvent(const std::string& wire_session, const std::string& method, Json params) {
  Send(Json{{"method", method}, {"params", std::move(params)}}, wire_session);
}

void CdpClient::SendReply(const std::string& wire_session, int64_t id, Json result) {
  Send(Json{{"id", id}, {"result", std::move(result)}}, wire_session);
}

void CdpClient::SendError(const std::string& wire_session, int64_t id, int code, const std::string& message) {
  Send(Json{{"id", id}, {"error", {{"code", code}, {"message", message}}}}, wire_session);
}

void CdpClient::Send(Json message, const std::string& wire_session) {
  if (closed_) return;
  if (!wire_session.empty()) message["sessionId"] = wire_session;
  // Page titles and evaluated strings are the page's: invalid UTF-8 is
  // replaced rather than thrown on.
  send_(message.dump(-1, ' ', false, Json::error_handler_t::replace));
}

void EmitEvent(const CdpSession& session, const std::string& method, Json params) {
  if (session.client) session.client->SendEvent(session.wire_id, method, std::move(params));
}

}  // namespace sandtab::browser
