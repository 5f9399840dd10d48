// The scenario API of sandtab-hostile-child (README.md in this folder): a
// scenario is a function that plays a compromised child on the browser
// channel, registered from its own source file with a static
// RegisterScenario, so nobody edits a central list to add one.
#ifndef SANDTAB_TESTS_SUPPORT_HOSTILE_SCENARIO_H_
#define SANDTAB_TESTS_SUPPORT_HOSTILE_SCENARIO_H_

#include <google/protobuf/message_lite.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/unique_fd.h"
#include "proto/common.pb.h"
#include "proto/renderer.pb.h"
#include "tests/support/hostile/framed_socket.h"
#include "tests/support/raw_frame_writer.h"

namespace sandtab::test::hostile {

// Which child the browser thinks it started (from the program it appended).
enum class Role { kRenderer, kPlugin, kZygote };
const char* RoleName(Role role);

// When a scenario takes over the browser channel.
enum class When {
  // At once, before any Hello, in the child chosen by --launch=N (every
  // child of the role without it). The others relay, untouched.
  kAtLaunch,
  // In the child that is told to show the trigger (a Navigate whose URL, or
  // a CreateInstance one of whose params, contains --trigger=TEXT; with
  // --trigger=@NAME, the first browser message whose body is NAME, e.g.
  // @warm_up); every child relays a real one until then.
  kOnTrigger,
};

// What the relay saw pass before the takeover (zero when acting at launch).
struct Observed {
  // Renderer: the surface the browser gave (SetSurface), the buffer it holds
  // (the real renderer's last FrameReady, or SetSurface.held_buffer; -1 for
  // none), the real renderer's last frame sequence and fetch id.
  uint64_t surface_generation = 0;
  uint32_t width = 0, height = 0, stride = 0;
  int browser_holds = -1;
  uint64_t last_sequence = 0;
  uint64_t last_fetch_id = 0;
  // Renderer: a copy of the storage socket the browser gave (StorageChannel),
  // or -1; the real renderer keeps its own.
  int storage_channel = -1;
  // Renderer: the trigger Navigate.
  uint64_t navigation_id = 0;
  std::string url;
  // Plugin: the trigger CreateInstance.
  uint64_t instance_id = 0;
  int instance_width = 0, instance_height = 0;
  int instance_held = -1;
  int tab_id = 0;
  // Plugin: the trigger param's value (the text after the trigger is the
  // scenario's to read, as the URL is for renderers).
  std::string trigger_param;
};

// The hostile child's side of the browser channel (fd 3), blocking.
class Session {
 public:
  Session(Role role, std::vector<std::string> args, Observed seen, FramedSocket& browser, std::string trigger);

  Role role() const { return role_; }
  // The scenario's words (after its name, before "--").
  const std::vector<std::string>& args() const { return args_; }
  const Observed& seen() const { return seen_; }
  // What follows the trigger in the URL (renderer) or the param (plugin):
  // "data:text/html,hostile:frame-buffer" -> ":frame-buffer" with trigger "hostile".
  std::string AfterTrigger() const;
  // The process type this child claims in a good Hello.
  proto::ProcessType process_type() const;

  // The socket, for writes that break the framing (RawFrameWriter).
  int socket() const { return browser_.fd(); }
  RawFrameWriter& raw() { return writer_; }

  // One well-formed frame of `message` (a RendererToBrowser, PluginToBrowser
  // or ZygoteToBrowser). False once the browser closed the channel.
  bool Send(const google::protobuf::MessageLite& message);
  // The Hello the real child would send, and that Hello in the role's envelope.
  proto::Hello GoodHello() const;
  bool SendHello(const proto::Hello& hello);
  bool SendHello() { return SendHello(GoodHello()); }

  // The next frame from the browser, parsed as M (BrowserToRenderer, ...);
  // nullopt on timeout, EOF or a frame that does not parse.
  template <typename M>
  std::optional<M> Receive(std::chrono::milliseconds timeout, std::vector<UniqueFd>* fds = nullptr) {
    FramedSocket::Received frame;
    if (browser_.Read(timeout, &frame) != FramedSocket::Status::kFrame) return std::nullopt;
    M message;
    if (!message.ParseFromArray(frame.body.data(), static_cast<int>(frame.body.size()))) return std::nullopt;
    if (fds) *fds = std::move(frame.fds);
    return message;
  }

  // Answers every ping with its pong and drops everything else until the
  // browser closes the channel. What the harness does after a scenario returns.
  void ServeUntilClosed();
  // Blocks without reading or writing until the browser ends this process.
  [[noreturn]] void SitForever();

 private:
  Role role_;
  std::vector<std::string> args_;
  Observed seen_;
  FramedSocket& browser_;
  RawFrameWriter writer_;
  std::string trigger_;
};

// A FetchRequest for the current navigation, as an honest renderer asks.
proto::RendererToBrowser FetchMessage(const Session& session, uint64_t id, const std::string& url,
                                      proto::FetchRequest::Kind kind = proto::FetchRequest::IMAGE);

using ScenarioFunction = void (*)(Session&);

struct ScenarioSpec {
  const char* name;
  When when;
  ScenarioFunction run;
  const char* what;  // one line for the harness's usage text
};

// Registers a scenario when the program starts:
//   const RegisterScenario kSilent{{"silent", When::kAtLaunch, &Silent, "never says Hello"}};
class RegisterScenario {
 public:
  explicit RegisterScenario(const ScenarioSpec& spec);
};

// The registered scenario named `name`, or nullptr.
const ScenarioSpec* FindScenario(const std::string& name);
// "name: what" for every scenario, sorted, for the usage text.
std::vector<std::string> ScenarioList();

}  // namespace sandtab::test::hostile

#endif  // SANDTAB_TESTS_SUPPORT_HOSTILE_SCENARIO_H_
