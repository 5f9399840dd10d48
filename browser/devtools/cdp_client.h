#ifndef SANDTAB_BROWSER_DEVTOOLS_CDP_CLIENT_H_
#define SANDTAB_BROWSER_DEVTOOLS_CDP_CLIENT_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "browser/devtools/cdp_session.h"

namespace sandtab::browser {

class CdpDispatcher;
class SessionTable;

// Chrome's error codes (the clients match on the messages too).
inline constexpr int kCdpMethodNotFound = -32601;
inline constexpr int kCdpInvalidParams = -32602;
inline constexpr int kCdpServerError = -32000;
inline constexpr int kCdpSessionNotFound = -32001;

// One command in flight: what it asked and where its answer goes. Copies
// are cheap and outlive the connection safely (an answer to a client that
// left is dropped), so an asynchronous handler keeps one.
struct CdpCall {
  int64_t id = 0;
  std::string method;
  Json params;
  std::string session_key;
  std::string wire_session;
  std::weak_ptr<CdpClient> client;

  void Reply(Json result) const;
  void Fail(int code, const std::string& message) const;
  // A parameter of the command, or "" / false when absent or of another type.
  std::string StringParam(const char* name) const;
  bool BoolParam(const char* name) const;
};

// One WebSocket's protocol: parses its messages, finds the session each
// names (flat sessions: "sessionId"), hands commands to the dispatcher and
// writes replies and events as JSON text through `send`. Its sessions are
// removed from the table when it goes.
class CdpClient : public std::enable_shared_from_this<CdpClient> {
 public:
  using Sender = std::function<void(std::string text)>;
  using Closer = std::function<void()>;

  CdpClient(CdpDispatcher& dispatcher, SessionTable& sessions, Sender send, Closer close);
  ~CdpClient();
  CdpClient(const CdpClient&) = delete;
  CdpClient& operator=(const CdpClient&) = delete;

  // The session of a browser or page WebSocket.
  CdpSession& OpenRoot(TargetType type, const std::string& target_id);
  void OnMessage(std::string_view text);
  // The WebSocket is gone: no more sends, the sessions are removed.
  void OnClosed();
  // Ends the WebSocket from our side (the target went away).
  void Close();

  void SendEvent(const std::string& wire_session, const std::string& method, Json params);
  void SendReply(const std::string& wire_session, int64_t id, Json result);
  void SendError(const std::string& wire_session, int64_t id, int code, const std::string& message);

 private:
  void Send(Json message, const std::string& wire_session);

  CdpDispatcher& dispatcher_;
  SessionTable& sessions_;
  Sender send_;
  Closer close_;
  std::string root_key_;
  bool closed_ = false;
};

// Sends `method` to `session` (with its sessionId when it is a flat one).
void EmitEvent(const CdpSession& session, const std::string& method, Json params = Json::object());

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_DEVTOOLS_CDP_CLIENT_H_
