// Children that never finish the handshake, or finish it wrongly: the
// rules of browser/process/child_host.h (and the zygote's Hello in
// browser/process/zygote_launcher.cc).
#include "proto/plugin.pb.h"
#include "proto/renderer.pb.h"
#include "proto/zygote.pb.h"
#include "tests/support/hostile/scenario.h"

namespace sandtab::test::hostile {
namespace {

// Never a byte: a child stuck before its Hello.
void Silent(Session& session) { session.SitForever(); }

// Two bytes of a frame's four-byte length, then nothing: a reader that
// waits for a whole frame before it looks at the clock waits for ever.
void HalfLength(Session& session) {
  const uint8_t half[2] = {0x10, 0x00};
  session.raw().Write(half);
  session.SitForever();
}

// args[0]: what is wrong with the first message.
//   not-hello  a Pong (a Forked for the zygote) where the Hello belongs
//   version    the protocol version plus one
//   digest     another schema digest
//   type       says it is the browser
void BadHello(Session& session) {
  const std::string what = session.args().empty() ? "" : session.args()[0];
  if (what == "not-hello") {
    if (session.role() == Role::kZygote) {
      proto::ZygoteToBrowser message;
      message.mutable_forked()->set_request_id(1);
      session.Send(message);
    } else if (session.role() == Role::kPlugin) {
      proto::PluginToBrowser message;
      message.mutable_pong()->set_cookie(1);
      session.Send(message);
    } else {
      proto::RendererToBrowser message;
      message.mutable_pong()->set_cookie(1);
      session.Send(message);
    }
    return;
  }
  proto::Hello hello = session.GoodHello();
  if (what == "version") hello.set_protocol_version(hello.protocol_version() + 1);
  if (what == "digest") hello.set_schema_digest(hello.schema_digest() ^ 0x5a5a5a5a5a5a5a5aULL);
  if (what == "type") hello.set_process_type(proto::PROCESS_TYPE_BROWSER);
  session.SendHello(hello);
}

// After a real Hello (the relay's), a second one.
void HelloTwice(Session& session) { session.SendHello(); }

// A Pong for a ping the browser never sent.
void StrayPong(Session& session) {
  if (session.role() == Role::kPlugin) {
    proto::PluginToBrowser message;
    message.mutable_pong()->set_cookie(0xdead0000beefULL);
    session.Send(message);
  } else {
    proto::RendererToBrowser message;
    message.mutable_pong()->set_cookie(0xdead0000beefULL);
    session.Send(message);
  }
}

const RegisterScenario kSilent{{"silent", When::kAtLaunch, &Silent, "never says Hello (never a byte)"}};
const RegisterScenario kHalfLength{
    {"half-length", When::kAtLaunch, &HalfLength, "writes 2 bytes of a frame length, then nothing"}};
const RegisterScenario kBadHello{
    {"bad-hello", When::kAtLaunch, &BadHello, "first message wrong: ARG not-hello|version|digest|type"}};
const RegisterScenario kHelloTwice{{"hello-twice", When::kOnTrigger, &HelloTwice, "a second Hello"}};
const RegisterScenario kStrayPong{{"stray-pong", When::kOnTrigger, &StrayPong, "a Pong nobody pinged for"}};

}  // namespace
}  // namespace sandtab::test::hostile
