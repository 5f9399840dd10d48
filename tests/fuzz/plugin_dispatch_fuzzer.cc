// The browser's side of a plugin channel, as a state machine: a real
// PluginHost with real instances (FrameSinks with memfd buffers) whose
// plugin process is the fuzzer, over a real socketpair. Each input is a
// sequence of PluginToBrowser messages built from the input (with instance
// ids the browser gave, or others), raw frames, a hang-up, and the
// browser's own calls (add, remove, click instances; shut down). What must
// hold: no crash or sanitizer report; a message that is certainly bad
// kills the plugin as a bad message; afterwards every process is reaped
// and every fd closed.
#include <sys/socket.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <cstdint>
#include <fuzzer/FuzzedDataProvider.h>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <google/protobuf/stubs/logging.h>

#include "browser/process/child_reaper.h"
#include "browser/process/process_registry.h"
#include "browser/process/frame_sink.h"
#include "browser/plugins/plugin_host.h"
#include "browser/plugins/plugin_instance.h"
#include "ipc/frame.h"
#include "ipc/handshake.h"
#include "ipc/message_channel.h"
#include "proto/plugin.pb.h"
#include "tests/fuzz/fake_child.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using sandtab::fuzz::Check;
using sandtab::fuzz::Pump;
namespace browser = sandtab::browser;
namespace ipc = sandtab::ipc;
using sandtab::UniqueFd;
namespace proto = sandtab::proto;

constexpr int kMaxActions = 64;
constexpr uint64_t kMaxInstances = 4;

// The fuzzer's plugin process: the ping cookies the browser asked it to echo.
class FakePlugin : public sandtab::fuzz::FakeChildEnd<proto::BrowserToPlugin, proto::PluginToBrowser> {
 public:
  using FakeChildEnd::FakeChildEnd;
  std::vector<uint64_t> ping_cookies;

 private:
  void OnBrowserMessage(const proto::BrowserToPlugin& message) override {
    if (message.has_ping()) ping_cookies.push_back(message.ping().cookie());
  }
};

class RecordingClient : public browser::PluginHost::Client {
 public:
  void OnPluginGone(browser::PluginHost*, proto::DeathRecord record) override { death = std::move(record); }
  void OnInstanceFirstFrame(browser::PluginInstance* instance) override {
    Check(instance->state == browser::PluginInstanceState::kRunning, "a first frame for an instance not running");
  }
  std::optional<proto::DeathRecord> death;
};

void RunOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider input(data, size);
  browser::ProcessRegistry processes(::getpid());  // outlives the loop and what it still holds
  boost::asio::io_context io;
  browser::ChildReaper reaper(io);
  RecordingClient client;
  sandtab::fuzz::FakeChild fake = sandtab::fuzz::SpawnFakeChild();
  const pid_t pid = fake.child.pid;
  auto host = std::make_unique<browser::PluginHost>(io, reaper, processes, std::move(fake.child), "clock",
                                                    /*log_to_stderr=*/false, std::chrono::milliseconds(5000), &client);
  FakePlugin plugin(io, std::move(fake.peer));
  std::map<uint64_t, std::unique_ptr<browser::PluginInstance>> instances;  // outlive the host's pointers to them
  uint64_t next_id = 1;
  uint64_t max_given = 0;
  bool hello_sent = false, certainly_bad = false, otherwise_ended = false;
  // A raw frame whose header claimed another length than the bytes that
  // followed: from then on what the browser reads as a frame boundary is
  // not where a message began (a later message is the rest of that frame,
  // or straddles it), so no later message is certainly bad.
  bool framing_lost = false;
  Pump(io);

  for (int action = 0; action < kMaxActions && input.remaining_bytes() > 0; ++action) {
    const int kind = input.ConsumeIntegralInRange<int>(0, 9);
    if (kind >= 7) {               // the browser's side
      if (client.death) continue;  // the host is done
      switch (input.ConsumeIntegralInRange<int>(0, 3)) {
        case 0: {
          if (instances.size() >= kMaxInstances) break;
          auto instance = std::make_unique<browser::PluginInstance>();
          instance->id = next_id++;
          instance->tab_id = 1;
          instance->type = "clock";
          instance->params = {{"label", input.ConsumeRandomLengthString(16)}};
          auto sink = browser::FrameSink::Create(input.ConsumeIntegralInRange<int>(1, 24),
                                                 input.ConsumeIntegralInRange<int>(1, 24));
          Check(static_cast<bool>(sink), "FrameSink::Create failed");
          instance->sink = std::move(*sink);
          max_given = std::max(max_given, instance->id);
          host->AddInstance(instance.get());
          instances[instance->id] = std::move(instance);
          break;
        }
        case 1:
          if (!instances.empty()) {
            auto it = instances.begin();
            std::advance(it, input.ConsumeIntegralInRange<size_t>(0, instances.size() - 1));
            host->RemoveInstance(it->first);
            // Kept: a frame for it may still be in flight, and the browser
            // frees an instance only after the host let go of it.
          }
          break;
        case 2:
          host->Click(input.ConsumeIntegralInRange<uint64_t>(0, next_id), input.ConsumeIntegralInRange<int>(-5, 30),
                      input.ConsumeIntegralInRange<int>(-5, 30));
          break;
        case 3:
          host->Shutdown();
          otherwise_ended = true;
          break;
      }
      Pump(io);
      continue;
    }
    if (!plugin.open()) {
      Pump(io);
      continue;
    }
    auto* message = plugin.Compose();
    bool bad = false;
    bool loses_framing = false;
    switch (kind) {
      case 0:
        ipc::FillHello(input.ConsumeBool() ? proto::PROCESS_TYPE_PLUGIN : proto::PROCESS_TYPE_RENDERER,
                       message->mutable_hello());
        bad = hello_sent;
        hello_sent = true;
        break;
      case 1: {
        auto* frame = message->mutable_frame_ready();
        const uint64_t id = input.ConsumeIntegralInRange<uint64_t>(0, next_id + 1);
        frame->set_instance_id(id);
        frame->set_buffer(input.ConsumeIntegralInRange<uint32_t>(0, 2));
        frame->set_sequence(input.ConsumeIntegralInRange<uint64_t>(0, 32));
        auto* damage = frame->mutable_damage();
        damage->set_x(input.ConsumeIntegralInRange<int32_t>(-40, 40));
        damage->set_y(input.ConsumeIntegralInRange<int32_t>(-40, 40));
        damage->set_width(input.ConsumeIntegralInRange<int32_t>(-5, 40));
        damage->set_height(input.ConsumeIntegralInRange<int32_t>(-5, 40));
        frame->set_painted_at_us(input.ConsumeIntegral<int64_t>());
        if (hello_sent && (id == 0 || id > max_given)) bad = true;  // an id never given
        break;
      }
      case 2: {
        const bool real = !plugin.ping_cookies.empty() && input.ConsumeBool();
        message->mutable_pong()->set_cookie(real ? plugin.ping_cookies.back() : input.ConsumeIntegral<uint64_t>());
        break;
      }
      case 3: {
        std::string body = input.ConsumeRandomLengthString(256);
        uint32_t length = input.ConsumeBool() ? static_cast<uint32_t>(body.size()) : input.ConsumeIntegral<uint32_t>();
        if (!ipc::IsValidFrameLength(length)) bad = true;
        loses_framing = length != body.size();
        const ipc::FrameHeader header = ipc::EncodeFrameHeader(length);
        plugin.SendRaw(std::string(header.begin(), header.end()) + body);
        break;
      }
      case 4:
        plugin.HangUp();
        otherwise_ended = true;
        break;
      default: {
        const std::string bytes = input.ConsumeRandomLengthString(128);
        if (!message->ParseFromString(bytes) || message->body_case() == proto::PluginToBrowser::BODY_NOT_SET) {
          message->Clear();
          message->mutable_pong()->set_cookie(0);
        }
        message->set_attached_fds(0);
        break;
      }
    }
    if (kind <= 2 || kind >= 5) {
      if (!hello_sent && !message->has_hello()) bad = true;
      plugin.Send(message);
    }
    if (bad && !otherwise_ended && !framing_lost) certainly_bad = true;
    framing_lost = framing_lost || loses_framing;
    Pump(io);
  }

  if (certainly_bad) {
    sandtab::fuzz::RunUntil(io, [&] { return client.death.has_value(); });
    Check(client.death && client.death->pid() == pid && client.death->cause() == proto::DeathRecord::BAD_MESSAGE,
          "a certainly bad message did not kill the plugin as a bad message");
  }
  host.reset();
  sandtab::fuzz::CheckEveryChildReaped(io, reaper, processes, "plugin");
  Pump(io);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // Invalid UTF-8 in a string field is logged by protobuf at every parse:
  // noise at thousands of inputs a second.
  google::protobuf::SetLogHandler(nullptr);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sandtab::fuzz::RunLeavingNoFds([&] { RunOneInput(data, size); }, "an fd left open after the host was destroyed");
  return 0;
}
