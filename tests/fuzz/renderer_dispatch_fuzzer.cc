// The browser's side of a renderer channel, as a state machine: a real Tab
// (real RendererHost, FrameSink with memfd buffers, ResourceLoader, crash
// policy, restarts) whose "renderer" is the fuzzer, speaking over a real
// socketpair through ipc::MessageChannel. Each input is a sequence of
// actions: RendererToBrowser messages built from the input (with the ids
// the browser really sent, or others), raw frames, the renderer hanging up,
// and the user's own commands (navigate, back, scroll, kill, ...) in
// between. What must hold: the browser never crashes or trips a sanitizer;
// a message that is certainly bad kills that renderer as a bad message;
// when the tab is closed every process is reaped and every fd closed.
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fuzzer/FuzzedDataProvider.h>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "browser/common/browser_config.h"
#include "browser/process/child_launcher.h"
#include "browser/process/child_reaper.h"
#include "browser/process/process_registry.h"
#include "browser/process/frame_sink.h"
#include <google/protobuf/stubs/logging.h>

#include "browser/loader/loader_policy.h"
#include "browser/loader/resource_loader.h"
#include "browser/tab/tab.h"
#include "ipc/frame.h"
#include "ipc/handshake.h"
#include "ipc/message_channel.h"
#include "proto/renderer.pb.h"
#include "tests/fuzz/fake_child.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/fuzz_network.h"

namespace {

using sandtab::fuzz::Check;
using sandtab::fuzz::Pump;
namespace browser = sandtab::browser;
namespace ipc = sandtab::ipc;
using sandtab::UniqueFd;
namespace proto = sandtab::proto;

// Actions per input: enough for a navigation, a few frames, a crash and
// the restart after it.
constexpr int kMaxActions = 64;

// A content root with a page and a stylesheet, made once per run.
const std::string& ContentRoot() {
  static const std::string root = [] {
    char pattern[] = "/tmp/sandtab-fuzz-pages-XXXXXX";
    Check(::mkdtemp(pattern) != nullptr, "mkdtemp failed");
    for (const char* file : {"/index.html", "/style.css"}) {
      FILE* f = std::fopen((std::string(pattern) + file).c_str(), "w");
      Check(f != nullptr, "cannot write the content root");
      std::fputs("<title>t</title><p>x</p>", f);
      std::fclose(f);
    }
    return std::string(pattern);
  }();
  return root;
}

// Every renderer launch is a fake child; the fuzzer keeps the peer ends.
class FakeLauncher : public browser::ChildLauncher {
 public:
  explicit FakeLauncher(boost::asio::io_context& io) : io_(io) {}
  void Launch(const browser::LaunchRequest&, Callback callback) override {
    auto fake = std::make_shared<sandtab::fuzz::FakeChild>(sandtab::fuzz::SpawnFakeChild());
    peers_.push_back(std::move(fake->peer));
    last_pid_ = fake->child.pid;
    // Answers arrive through the loop, never from inside Launch (the contract).
    boost::asio::post(io_, [fake, callback] { callback(std::move(fake->child)); });
  }
  // The peer end of the newest launch not yet taken, or an invalid fd.
  UniqueFd TakeNewPeer() {
    if (peers_.empty()) return {};
    UniqueFd newest = std::move(peers_.back());
    peers_.clear();  // older, never-taken launches: their hosts see EOF
    return newest;
  }
  pid_t last_pid() const { return last_pid_; }

 private:
  boost::asio::io_context& io_;
  std::vector<UniqueFd> peers_;
  pid_t last_pid_ = -1;
};

// The fuzzer's renderer: the renderer's end of the channel, and what the
// browser has told it so far (the ids a well-behaved renderer would use).
class FakeRenderer : public sandtab::fuzz::FakeChildEnd<proto::BrowserToRenderer, proto::RendererToBrowser> {
 public:
  using FakeChildEnd::FakeChildEnd;

  uint64_t navigation_id = 0;
  std::string navigation_url;
  uint64_t surface_generation = 0;
  std::vector<uint64_t> ping_cookies;
  std::vector<uint64_t> probe_ids;
  std::vector<uint64_t> question_ids;  // Evaluate and DumpDom

 private:
  void OnBrowserMessage(const proto::BrowserToRenderer& message) override {
    switch (message.body_case()) {
      case proto::BrowserToRenderer::kNavigate:
        navigation_id = message.navigate().navigation_id();
        navigation_url = message.navigate().url();
        break;
      case proto::BrowserToRenderer::kSetSurface:
        surface_generation = message.set_surface().generation();
        break;
      case proto::BrowserToRenderer::kPing:
        ping_cookies.push_back(message.ping().cookie());
        break;
      case proto::BrowserToRenderer::kProbeSandbox:
        probe_ids.push_back(message.probe_sandbox().request_id());
        break;
      case proto::BrowserToRenderer::kEvaluate:
        question_ids.push_back(message.evaluate().request_id());
        break;
      case proto::BrowserToRenderer::kDumpDom:
        question_ids.push_back(message.dump_dom().request_id());
        break;
      default:
        break;
    }
  }
};

// Mostly the id the browser expects; sometimes a neighbour or anything.
uint64_t PickId(FuzzedDataProvider& input, uint64_t expected) {
  switch (input.ConsumeIntegralInRange<int>(0, 4)) {
    case 0:
      return expected + 1;
    case 1:
      return expected - 1;
    case 2:
      return input.ConsumeIntegral<uint64_t>();
    default:
      return expected;
  }
}

std::string PickUrl(FuzzedDataProvider& input, const FakeRenderer* renderer) {
  switch (input.ConsumeIntegralInRange<int>(0, 7)) {
    case 0:
      return renderer ? renderer->navigation_url : "";
    case 1:
      return "file://" + ContentRoot() + "/style.css";
    case 2:
      return "file:///etc/passwd";
    case 3:
      return "data:text/html,<p>hi";
    case 4:
      return "about:blank";
    case 5:
      return "about:sandbox";
    case 6:
      return "http://127.0.0.1:1/";
    default:
      return input.ConsumeRandomLengthString(256);
  }
}

proto::Rect* FillRect(FuzzedDataProvider& input, proto::Rect* rect) {
  rect->set_x(input.ConsumeIntegralInRange<int32_t>(-100, 200));
  rect->set_y(input.ConsumeIntegralInRange<int32_t>(-100, 200));
  rect->set_width(input.ConsumeIntegralInRange<int32_t>(-10, 200));
  rect->set_height(input.ConsumeIntegralInRange<int32_t>(-10, 200));
  return rect;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // Invalid UTF-8 in a string field is logged by protobuf at every parse:
  // noise at thousands of inputs a second.
  google::protobuf::SetLogHandler(nullptr);
  sandtab::fuzz::IsolateNetwork("renderer_dispatch_fuzzer");
  ContentRoot();
  return 0;
}

namespace {

void RunOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider input(data, size);
  {
    browser::ProcessRegistry processes(::getpid());  // outlives the loop and what it still holds
    boost::asio::io_context io;
    browser::BrowserConfig config;
    config.window_width = 64;  // small buffers: the surface's size is not what is fuzzed
    config.window_height = 48;
    config.content_root = ContentRoot();
    browser::ChildReaper reaper(io);
    FakeLauncher launcher(io);
    // Every renderer's death as the browser records it: the tab's, and a
    // retired one's (a renderer killed, then swapped out by a navigation to
    // another site before it was reaped, dies as the retired renderers').
    std::vector<proto::DeathRecord> deaths;
    browser::ResourceLoader loader(io, browser::LoaderPolicy(config.content_root), /*log_to_stderr=*/false);
    browser::TabContext context{
        {io, config, launcher, reaper, processes, browser::CrashPolicyConfig{}, std::chrono::milliseconds(5000),
         /*trace=*/nullptr, [&deaths](const proto::DeathRecord& record) { deaths.push_back(record); }},
        loader,
        /*plugins=*/nullptr,
        /*spare=*/nullptr,
        /*on_tab_changed=*/{},
        /*storage=*/nullptr,
        /*on_tab_used=*/{}};
    auto sink = browser::FrameSink::Create(config.window_width, config.window_height);
    Check(static_cast<bool>(sink), "FrameSink::Create failed");
    auto tab = std::make_unique<browser::Tab>(1, context, std::move(*sink));
    tab->Navigate("file://" + ContentRoot() + "/index.html");
    Pump(io);

    std::unique_ptr<FakeRenderer> renderer;
    pid_t renderer_pid = -1;
    bool hello_sent = false;
    // A message that no state makes valid went to the current renderer,
    // before anything else could have ended it (a kill, a hang-up).
    bool certainly_bad = false;
    bool otherwise_ended = false;
    // A raw frame whose header claimed another length than the bytes that
    // followed: from then on what the browser reads as a frame boundary is
    // not where a message began, so no later message is certainly bad.
    bool framing_lost = false;
    for (int action = 0; action < kMaxActions && input.remaining_bytes() > 0; ++action) {
      if (UniqueFd peer = launcher.TakeNewPeer(); peer.valid()) {
        renderer = std::make_unique<FakeRenderer>(io, std::move(peer));
        renderer_pid = launcher.last_pid();
        hello_sent = certainly_bad = otherwise_ended = framing_lost = false;
      }
      const int kind = input.ConsumeIntegralInRange<int>(0, 16);
      if (kind >= 14) {  // the user, not the renderer
        switch (input.ConsumeIntegralInRange<int>(0, 11)) {
          case 0:
            tab->Navigate(PickUrl(input, renderer.get()));
            break;
          case 1:
            tab->Reload();
            break;
          case 2:
            tab->Back();
            break;
          case 3:
            tab->Forward();
            break;
          case 4:
            tab->Scroll(input.ConsumeIntegral<int>());
            break;
          case 5:
            tab->Click(input.ConsumeIntegralInRange<int>(-5, 70), input.ConsumeIntegralInRange<int>(-5, 50));
            break;
          case 6:
            tab->RequestSandboxReport([](const proto::SandboxReport*) {});
            break;
          case 7:
            tab->ReleaseSurface(input.ConsumeBool());
            break;
          case 8:
            tab->RestoreSurface();
            break;
          case 9:
            tab->KillRenderer();
            otherwise_ended = true;
            break;
          case 10:
            tab->Evaluate(input.ConsumeRandomLengthString(64), [](sandtab::Result<browser::EvalAnswer>) {});
            break;
          case 11:
            tab->DumpDom([](sandtab::Result<std::string>) {});
            break;
        }
        Pump(io);
        continue;
      }
      if (!renderer || !renderer->open()) {
        Pump(io);
        continue;
      }
      auto* message = renderer->Compose();
      bool bad = false;
      bool loses_framing = false;
      switch (kind) {
        case 0: {
          ipc::FillHello(input.ConsumeBool() ? proto::PROCESS_TYPE_RENDERER : proto::PROCESS_TYPE_PLUGIN,
                         message->mutable_hello());
          bad = hello_sent;  // twice
          hello_sent = true;
          break;
        }
        case 1: {
          auto* fetch = message->mutable_fetch_request();
          fetch->set_request_id(input.ConsumeIntegralInRange<uint64_t>(0, 300));
          fetch->set_url(PickUrl(input, renderer.get()));
          fetch->set_kind(static_cast<proto::FetchRequest::Kind>(input.ConsumeIntegralInRange<int>(0, 2)));
          fetch->set_navigation_id(PickId(input, renderer->navigation_id));
          break;
        }
        case 2: {
          auto* frame = message->mutable_frame_ready();
          frame->set_buffer(input.ConsumeIntegralInRange<uint32_t>(0, 2));
          frame->set_generation(PickId(input, renderer->surface_generation));
          frame->set_sequence(input.ConsumeIntegralInRange<uint64_t>(0, 64));
          frame->set_navigation_id(PickId(input, renderer->navigation_id));
          FillRect(input, frame->mutable_damage());
          frame->set_scroll_y(input.ConsumeIntegral<int32_t>());
          frame->set_loaded(input.ConsumeBool());
          frame->set_work_us(input.ConsumeIntegral<uint64_t>());
          for (int rows = input.ConsumeIntegralInRange<int>(0, 3); rows > 0; --rows) {
            auto* solid = frame->add_solid_rows();
            solid->set_first_row(input.ConsumeIntegralInRange<uint32_t>(0, 60));
            solid->set_row_count(input.ConsumeIntegralInRange<uint32_t>(0, 60));
            solid->set_argb(input.ConsumeIntegral<uint32_t>());
          }
          break;
        }
        case 3: {
          auto* info = message->mutable_document_info();
          info->set_navigation_id(PickId(input, renderer->navigation_id));
          info->set_title(input.ConsumeBool() ? input.ConsumeRandomLengthString(64) : std::string(1025, 't'));
          info->set_content_height(input.ConsumeIntegral<int32_t>());
          for (int embeds = input.ConsumeIntegralInRange<int>(0, 2); embeds > 0; --embeds) {
            auto* embed = info->add_embeds();
            embed->set_mime_type(input.ConsumeBool() ? "application/x-sandtab-clock"
                                                     : input.ConsumeRandomLengthString(32));
            FillRect(input, embed->mutable_rect());
          }
          break;
        }
        case 4:
          message->mutable_navigate_request()->set_url(PickUrl(input, renderer.get()));
          break;
        case 5: {
          const auto& cookies = renderer->ping_cookies;
          const bool real = !cookies.empty() && input.ConsumeBool();
          message->mutable_pong()->set_cookie(real ? cookies.back() : input.ConsumeIntegral<uint64_t>());
          break;
        }
        case 6: {
          const auto& ids = renderer->probe_ids;
          const bool real = !ids.empty() && input.ConsumeBool();
          message->mutable_sandbox_report()->set_request_id(real ? ids.back() : input.ConsumeIntegral<uint64_t>());
          message->mutable_sandbox_report()->set_layer2_engaged(input.ConsumeBool());
          break;
        }
        case 7:
          message->mutable_warmed_up()->set_generation(renderer->surface_generation);
          bad = true;  // nobody asks a tab's renderer to warm up
          break;
        case 8: {
          // A frame of any bytes, under a header that may lie about its length.
          std::string body = input.ConsumeRandomLengthString(512);
          uint32_t length =
              input.ConsumeBool() ? static_cast<uint32_t>(body.size()) : input.ConsumeIntegral<uint32_t>();
          if (!ipc::IsValidFrameLength(length)) bad = true;
          loses_framing = length != body.size();
          const ipc::FrameHeader header = ipc::EncodeFrameHeader(length);
          renderer->SendRaw(std::string(header.begin(), header.end()) + body);
          break;
        }
        case 9:
          renderer->HangUp();
          otherwise_ended = true;
          break;
        case 11:
        case 12: {
          // An answer to a question the tab asked, or to any id.
          const auto& ids = renderer->question_ids;
          const uint64_t id = !ids.empty() && input.ConsumeBool() ? ids.back() : input.ConsumeIntegral<uint64_t>();
          if (kind == 11) {
            auto* result = message->mutable_eval_result();
            result->set_request_id(id);
            result->set_ok(input.ConsumeBool());
            result->set_value_is_json(input.ConsumeBool());
            result->set_value(input.ConsumeRandomLengthString(64));
            result->set_error(input.ConsumeRandomLengthString(32));
          } else {
            message->mutable_dom_dump()->set_request_id(id);
            message->mutable_dom_dump()->set_html(input.ConsumeRandomLengthString(128));
          }
          break;
        }
        case 13: {
          auto* console = message->mutable_console_message();
          console->set_navigation_id(PickId(input, renderer->navigation_id));
          console->set_level(input.ConsumeBool() ? "log" : input.ConsumeRandomLengthString(8));
          console->set_text(input.ConsumeBool() ? input.ConsumeRandomLengthString(64) : std::string(4097, 't'));
          console->set_source(input.ConsumeRandomLengthString(16));
          break;
        }
        default: {
          // Any message the schema allows, straight from the input's bytes.
          const std::string bytes = input.ConsumeRandomLengthString(256);
          if (!message->ParseFromString(bytes) || message->body_case() == proto::RendererToBrowser::BODY_NOT_SET) {
            message->Clear();
            message->mutable_pong()->set_cookie(0);
          }
          message->set_attached_fds(0);
          // The renderer's own report of a hung script ends it as
          // unresponsive, not as a bad message.
          if (message->has_script_timed_out()) otherwise_ended = true;
          break;
        }
      }
      if (kind <= 7 || kind >= 10) {
        if (!hello_sent && !message->has_hello()) bad = true;  // the first message must be Hello
        renderer->Send(message);
      }
      if (bad && !otherwise_ended && !framing_lost) certainly_bad = true;
      framing_lost = framing_lost || loses_framing;
      Pump(io);
    }

    if (certainly_bad) {
      // The browser must have killed that renderer for it.
      auto died_of_it = [&] {
        return std::any_of(deaths.begin(), deaths.end(), [&](const proto::DeathRecord& record) {
          return record.pid() == renderer_pid && record.cause() == proto::DeathRecord::BAD_MESSAGE;
        });
      };
      Check(sandtab::fuzz::RunUntil(io, died_of_it),
            "a certainly bad message did not kill the renderer as a bad message");
    }
    Check(tab->title().size() <= 1024, "a title past the cap");

    tab.reset();
    renderer.reset();
    sandtab::fuzz::CheckEveryChildReaped(io, reaper, processes, "renderer");
    Pump(io);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sandtab::fuzz::RunLeavingNoFds([&] { RunOneInput(data, size); }, "an fd left open after the tab closed");
  return 0;
}
