#include "tests/support/hostile/scenario.h"

#include <poll.h>

#include <algorithm>
#include <map>

#include "ipc/handshake.h"
#include "proto/plugin.pb.h"
#include "proto/renderer.pb.h"
#include "proto/zygote.pb.h"

namespace sandtab::test::hostile {
namespace {

std::map<std::string, ScenarioSpec>& Registry() {
  static std::map<std::string, ScenarioSpec> registry;
  return registry;
}

std::vector<uint8_t> Serialize(const google::protobuf::MessageLite& message) {
  std::string bytes = message.SerializeAsString();
  return {bytes.begin(), bytes.end()};
}

}  // namespace

const char* RoleName(Role role) {
  switch (role) {
    case Role::kRenderer:
      return "renderer";
    case Role::kPlugin:
      return "plugin";
    case Role::kZygote:
      return "zygote";
  }
  return "unknown";
}

RegisterScenario::RegisterScenario(const ScenarioSpec& spec) { Registry().emplace(spec.name, spec); }

const ScenarioSpec* FindScenario(const std::string& name) {
  auto it = Registry().find(name);
  return it == Registry().end() ? nullptr : &it->second;
}

std::vector<std::string> ScenarioList() {
  std::vector<std::string> list;
  for (const auto& [name, spec] : Registry()) {
    list.push_back(name + (spec.when == When::kAtLaunch ? " (at launch): " : " (on trigger): ") + spec.what);
  }
  return list;
}

Session::Session(Role role, std::vector<std::string> args, Observed seen, FramedSocket& browser, std::string trigger)
    : role_(role),
      args_(std::move(args)),
      seen_(std::move(seen)),
      browser_(browser),
      writer_(browser.fd()),
      trigger_(std::move(trigger)) {}

std::string Session::AfterTrigger() const {
  const std::string& text = role_ == Role::kPlugin ? seen_.trigger_param : seen_.url;
  size_t at = text.find(trigger_);
  return at == std::string::npos ? "" : text.substr(at + trigger_.size());
}

proto::ProcessType Session::process_type() const {
  switch (role_) {
    case Role::kRenderer:
      return proto::PROCESS_TYPE_RENDERER;
    case Role::kPlugin:
      return proto::PROCESS_TYPE_PLUGIN;
    case Role::kZygote:
      return proto::PROCESS_TYPE_ZYGOTE;
  }
  return proto::PROCESS_TYPE_UNSPECIFIED;
}

bool Session::Send(const google::protobuf::MessageLite& message) { return browser_.Write(Serialize(message)); }

proto::Hello Session::GoodHello() const {
  proto::Hello hello;
  ipc::FillHello(process_type(), &hello);
  return hello;
}

bool Session::SendHello(const proto::Hello& hello) {
  switch (role_) {
    case Role::kRenderer: {
      proto::RendererToBrowser message;
      *message.mutable_hello() = hello;
      return Send(message);
    }
    case Role::kPlugin: {
      proto::PluginToBrowser message;
      *message.mutable_hello() = hello;
      return Send(message);
    }
    case Role::kZygote: {
      proto::ZygoteToBrowser message;
      *message.mutable_hello() = hello;
      return Send(message);
    }
  }
  return false;
}

void Session::ServeUntilClosed() {
  for (;;) {
    FramedSocket::Received frame;
    if (browser_.Read(std::chrono::milliseconds(-1), &frame) != FramedSocket::Status::kFrame) return;
    const int size = static_cast<int>(frame.body.size());
    if (role_ == Role::kRenderer) {
      proto::BrowserToRenderer in;
      if (in.ParseFromArray(frame.body.data(), size) && in.has_ping()) {
        proto::RendererToBrowser out;
        out.mutable_pong()->set_cookie(in.ping().cookie());
        if (!Send(out)) return;
      }
    } else if (role_ == Role::kPlugin) {
      proto::BrowserToPlugin in;
      if (in.ParseFromArray(frame.body.data(), size) && in.has_ping()) {
        proto::PluginToBrowser out;
        out.mutable_pong()->set_cookie(in.ping().cookie());
        if (!Send(out)) return;
      }
    }
  }
}

void Session::SitForever() {
  for (;;) ::poll(nullptr, 0, -1);
}

proto::RendererToBrowser FetchMessage(const Session& session, uint64_t id, const std::string& url,
                                      proto::FetchRequest::Kind kind) {
  proto::RendererToBrowser message;
  auto* fetch = message.mutable_fetch_request();
  fetch->set_request_id(id);
  fetch->set_url(url);
  fetch->set_kind(kind);
  fetch->set_navigation_id(session.seen().navigation_id);
  return message;
}

}  // namespace sandtab::test::hostile
