// One scenario per bad-message rule the browser enforces on a renderer or
// a plugin (browser/tab*.cc, frame_sink.cc, plugin_host.cc, and the
// framing of ipc/): "bad-message", on trigger, reads which rule from what
// follows the trigger ("data:text/html,hostile:frame-buffer"; for plugins,
// the value of the trigger param "hostile:frame-buffer"), so one browser
// tests many rules, one tab each.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <map>

#include "ipc/frame.h"
#include "proto/limits.h"
#include "proto/plugin.pb.h"
#include "proto/renderer.pb.h"
#include "tests/support/hostile/scenario.h"

namespace sandtab::test::hostile {
namespace {

using Rule = std::function<void(Session&)>;

// A frame the browser accepts: inside the surface, the current generation
// and navigation, the next sequence, a buffer the browser does not hold.
proto::RendererToBrowser GoodFrame(const Session& session, uint32_t buffer, uint64_t sequence) {
  proto::RendererToBrowser message;
  auto* frame = message.mutable_frame_ready();
  frame->set_buffer(buffer);
  frame->set_sequence(sequence);
  frame->set_generation(session.seen().surface_generation);
  frame->set_navigation_id(session.seen().navigation_id);
  auto* damage = frame->mutable_damage();
  damage->set_width(static_cast<int32_t>(session.seen().width));
  damage->set_height(static_cast<int32_t>(session.seen().height));
  return message;
}

// The buffer the browser does not hold (0 when it holds none or 1).
uint32_t FreeBuffer(const Session& session) { return session.seen().browser_holds == 0 ? 1 : 0; }

void SendFrame(Session& session, void (*spoil)(proto::FrameReady&, const Observed&)) {
  proto::RendererToBrowser message = GoodFrame(session, FreeBuffer(session), session.seen().last_sequence + 1);
  spoil(*message.mutable_frame_ready(), session.seen());
  session.Send(message);
}

// A good frame first (the browser then holds its buffer), then `second`.
void AfterAGoodFrame(Session& session, uint32_t second_buffer, uint64_t second_sequence) {
  const uint32_t first = FreeBuffer(session);
  const uint64_t sequence = session.seen().last_sequence + 1;
  session.Send(GoodFrame(session, first, sequence));
  session.Send(GoodFrame(session, second_buffer == 2 ? first : 1 - first, sequence + second_sequence));
}

proto::RendererToBrowser Info(const Session& session) {
  proto::RendererToBrowser message;
  message.mutable_document_info()->set_navigation_id(session.seen().navigation_id);
  return message;
}

proto::EmbedInfo* AddEmbed(proto::RendererToBrowser& message) {
  auto* embed = message.mutable_document_info()->add_embeds();
  embed->set_mime_type("application/x-sandtab-clock");
  embed->mutable_rect()->set_width(10);
  embed->mutable_rect()->set_height(10);
  return embed;
}

proto::RendererToBrowser Fetch(const Session& session, uint64_t id, const std::string& url,
                               proto::FetchRequest::Kind kind = proto::FetchRequest::IMAGE) {
  return FetchMessage(session, id, url, kind);
}

proto::RendererToBrowser Console(const Session& session, std::string level, std::string text, std::string source) {
  proto::RendererToBrowser message;
  auto* console = message.mutable_console_message();
  console->set_navigation_id(session.seen().navigation_id);
  console->set_level(std::move(level));
  console->set_text(std::move(text));
  console->set_source(std::move(source));
  return message;
}

// Several messages in one write: the browser reads them in one go, before
// any answer (a fetch stays outstanding).
void SendTogether(Session& session, const std::vector<proto::RendererToBrowser>& messages) {
  std::vector<uint8_t> bytes;
  for (const auto& message : messages) {
    auto frame = RawFrameWriter::Frame(message);
    bytes.insert(bytes.end(), frame.begin(), frame.end());
  }
  session.raw().Write(bytes);
}

// A frame whose body is `body` (bytes that need not parse).
void SendBody(Session& session, const std::vector<uint8_t>& body) { session.raw().Write(RawFrameWriter::Frame(body)); }

const std::map<std::string, Rule>& RendererRules() {
  static const std::map<std::string, Rule> rules = {
      // Tab::OnFrameReady and FrameSink::Present.
      {"frame-navigation",
       [](Session& s) {
         SendFrame(s, [](proto::FrameReady& f, const Observed& o) { f.set_navigation_id(o.navigation_id + 1000); });
       }},
      {"frame-buffer",
       [](Session& s) { SendFrame(s, [](proto::FrameReady& f, const Observed&) { f.set_buffer(2); }); }},
      {"frame-generation",
       [](Session& s) {
         SendFrame(s, [](proto::FrameReady& f, const Observed& o) { f.set_generation(o.surface_generation + 7); });
       }},
      {"frame-held-buffer", [](Session& s) { AfterAGoodFrame(s, 2, 1); }},
      {"frame-sequence", [](Session& s) { AfterAGoodFrame(s, 1, 0); }},
      {"frame-damage",
       [](Session& s) {
         SendFrame(s, [](proto::FrameReady& f, const Observed& o) {
           f.mutable_damage()->set_x(static_cast<int32_t>(o.width));
         });
       }},
      {"frame-solid-runs-count",
       [](Session& s) {
         SendFrame(s, [](proto::FrameReady& f, const Observed&) {
           for (uint32_t row = 0; row < 1025; ++row) {
             auto* run = f.add_solid_rows();
             run->set_first_row(row % 700);
             run->set_row_count(1);
           }
         });
       }},
      {"frame-solid-runs-order",
       [](Session& s) {
         SendFrame(s, [](proto::FrameReady& f, const Observed&) {
           auto* later = f.add_solid_rows();
           later->set_first_row(100);
           later->set_row_count(10);
           auto* earlier = f.add_solid_rows();
           earlier->set_first_row(50);
           earlier->set_row_count(10);
         });
       }},
      // Tab::OnDocumentInfo and TabPlugins::CheckEmbeds.
      {"info-navigation",
       [](Session& s) {
         auto m = Info(s);
         m.mutable_document_info()->set_navigation_id(s.seen().navigation_id + 1000);
         s.Send(m);
       }},
      {"info-title",
       [](Session& s) {
         auto m = Info(s);
         m.mutable_document_info()->set_title(std::string(proto::kMaxTitleBytes + 1, 't'));
         s.Send(m);
       }},
      {"info-embeds-count",
       [](Session& s) {
         auto m = Info(s);
         for (int i = 0; i <= proto::kMaxEmbeds; ++i) AddEmbed(m);
         s.Send(m);
       }},
      {"info-embed-rect",
       [](Session& s) {
         auto m = Info(s);
         AddEmbed(m)->mutable_rect()->set_width(proto::kMaxEmbedSide + 1);
         s.Send(m);
       }},
      {"info-embed-params",
       [](Session& s) {
         auto m = Info(s);
         auto* embed = AddEmbed(m);
         for (int i = 0; i <= proto::kMaxEmbedParams; ++i) embed->add_params()->set_name(std::to_string(i));
         s.Send(m);
       }},
      {"info-embed-param-size",
       [](Session& s) {
         auto m = Info(s);
         auto* param = AddEmbed(m)->add_params();
         param->set_name("n");
         param->set_value(std::string(proto::kMaxEmbedParamBytes, 'v'));
         s.Send(m);
       }},
      // Tab::OnNavigateRequest, OnSandboxReport, RendererHost (WarmedUp to a tab).
      {"navigate-url-length",
       [](Session& s) {
         proto::RendererToBrowser m;
         m.mutable_navigate_request()->set_url("data:text/html," + std::string(proto::kMaxUrlBytes, 'u'));
         s.Send(m);
       }},
      {"sandbox-report",
       [](Session& s) {
         proto::RendererToBrowser m;
         m.mutable_sandbox_report()->set_request_id(1);
         s.Send(m);
       }},
      // SpareRenderer::OnWarmedUp (trigger @warm_up: a spare's WarmUp): the
      // answer it asked for, then the same again.
      {"warmed-up-twice",
       [](Session& s) {
         proto::RendererToBrowser m;
         m.mutable_warmed_up()->set_generation(s.seen().surface_generation);
         s.Send(m);
         s.Send(m);
       }},
      {"warmed-up",
       [](Session& s) {
         proto::RendererToBrowser m;
         m.mutable_warmed_up()->set_generation(s.seen().surface_generation);
         s.Send(m);
       }},
      // TabFetches::OnRequest (tab_fetches.cc).
      {"fetch-url-length",
       [](Session& s) {
         s.Send(Fetch(s, s.seen().last_fetch_id + 1, "data:," + std::string(proto::kMaxUrlBytes, 'u')));
       }},
      {"fetch-id-reuse",
       [](Session& s) {
         const uint64_t id = s.seen().last_fetch_id + 1;
         SendTogether(s, {Fetch(s, id, "sandtab://pages/index.html"), Fetch(s, id, "sandtab://pages/article.html")});
       }},
      {"fetch-too-many",
       [](Session& s) {
         // More than the browser keeps outstanding (256), in one write.
         std::vector<proto::RendererToBrowser> flood;
         for (uint64_t i = 1; i <= 257; ++i)
           flood.push_back(Fetch(s, s.seen().last_fetch_id + i, "sandtab://pages/index.html"));
         SendTogether(s, flood);
       }},
      {"fetch-navigation",
       [](Session& s) {
         auto m = Fetch(s, s.seen().last_fetch_id + 1, "sandtab://pages/index.html");
         m.mutable_fetch_request()->set_navigation_id(s.seen().navigation_id + 1000);
         s.Send(m);
       }},
      {"fetch-document-url",
       [](Session& s) {
         s.Send(Fetch(s, s.seen().last_fetch_id + 1, "sandtab://pages/article.html", proto::FetchRequest::DOCUMENT));
       }},
      // A renderer locked to one site (its tab opened at an http URL of it)
      // claims a document of another: the Citadel check (SiteLock).
      {"document-other-site",
       [](Session& s) {
         s.Send(Fetch(s, s.seen().last_fetch_id + 1, "http://127.0.0.2/account.html", proto::FetchRequest::DOCUMENT));
       }},
      // RendererHost's script messages and TabScripts (DESIGN section 13).
      {"console-level", [](Session& s) { s.Send(Console(s, "trace", "x", "")); }},
      {"console-text",
       [](Session& s) { s.Send(Console(s, "log", std::string(proto::kMaxConsoleTextBytes + 1, 't'), "")); }},
      {"console-source",
       [](Session& s) { s.Send(Console(s, "log", "x", std::string(proto::kMaxConsoleSourceBytes + 1, 's'))); }},
      {"console-navigation",
       [](Session& s) {
         auto m = Console(s, "log", "x", "");
         m.mutable_console_message()->set_navigation_id(s.seen().navigation_id + 1000);
         s.Send(m);
       }},
      {"eval-unasked",
       [](Session& s) {
         proto::RendererToBrowser m;
         m.mutable_eval_result()->set_request_id(1);
         m.mutable_eval_result()->set_ok(true);
         m.mutable_eval_result()->set_value("1");
         s.Send(m);
       }},
      {"eval-not-json",
       [](Session& s) {
         proto::RendererToBrowser m;
         m.mutable_eval_result()->set_request_id(1);
         m.mutable_eval_result()->set_ok(true);
         m.mutable_eval_result()->set_value("1}, \"injected\": {");
         m.mutable_eval_result()->set_value_is_json(true);
         s.Send(m);
       }},
      {"dom-dump-unasked",
       [](Session& s) {
         proto::RendererToBrowser m;
         m.mutable_dom_dump()->set_request_id(1);
         s.Send(m);
       }},
      {"dom-dump-size",
       [](Session& s) {
         proto::RendererToBrowser m;
         m.mutable_dom_dump()->set_request_id(1);
         m.mutable_dom_dump()->set_html(std::string(proto::kMaxDomDumpBytes + 1, 'h'));
         s.Send(m);
       }},
      // Not a bad message: the renderer's watchdog says a script hung, and
      // the browser kills it as unresponsive (RendererHost::OnScriptTimedOut).
      {"script-timed-out",
       [](Session& s) {
         proto::RendererToBrowser m;
         m.mutable_script_timed_out()->set_detail("script ran past 2000 ms (hostile.html:1)");
         s.Send(m);
       }},
      // The channel (ipc/message_channel.h, frame_reader.cc, channel.cc).
      {"no-known-body",
       [](Session& s) {
         // Field 99, varint 1: parses, but sets no body the schema knows.
         SendBody(s, {0x98, 0x06, 0x01});
       }},
      {"does-not-parse",
       [](Session& s) {
         SendBody(s, {0xff, 0xff, 0xff});
       }},
      {"attached-fds-claim",
       [](Session& s) {
         proto::RendererToBrowser m;
         m.set_attached_fds(1);
         m.mutable_pong()->set_cookie(1);
         s.Send(m);
       }},
      {"fds-from-child",
       [](Session& s) {
         proto::RendererToBrowser m;
         m.set_attached_fds(1);
         m.mutable_navigate_request()->set_url("data:text/html,x");
         const int fd = 2;  // our log pipe: any fd will do
         s.raw().Write(RawFrameWriter::Frame(m), std::span<const int>(&fd, 1));
       }},
      {"length-zero", [](Session& s) { s.raw().Write(RawFrameWriter::Header(0)); }},
      {"length-over-cap", [](Session& s) { s.raw().Write(RawFrameWriter::Header(ipc::kMaxFrameBytes + 1)); }},
      {"truncated-frame",
       [](Session& s) {
         auto frame = RawFrameWriter::Frame(Info(s));
         s.raw().Write(std::span<const uint8_t>(frame.data(), frame.size() - 1));
         s.raw().ShutdownWrite();
       }},
  };
  return rules;
}

proto::PluginToBrowser InstanceFrame(const Session& session, uint32_t buffer, uint64_t sequence) {
  proto::PluginToBrowser message;
  auto* frame = message.mutable_frame_ready();
  frame->set_instance_id(session.seen().instance_id);
  frame->set_buffer(buffer);
  frame->set_sequence(sequence);
  frame->mutable_damage()->set_width(session.seen().instance_width);
  frame->mutable_damage()->set_height(session.seen().instance_height);
  return message;
}

uint32_t FreeInstanceBuffer(const Session& session) { return session.seen().instance_held == 0 ? 1 : 0; }

const std::map<std::string, Rule>& PluginRules() {
  static const std::map<std::string, Rule> rules = {
      // Ids the browser never gives: 0, and one past any it gave.
      {"instance-zero",
       [](Session& s) {
         auto m = InstanceFrame(s, FreeInstanceBuffer(s), 1);
         m.mutable_frame_ready()->set_instance_id(0);
         s.Send(m);
       }},
      {"instance-never-given",
       [](Session& s) {
         auto m = InstanceFrame(s, FreeInstanceBuffer(s), 1);
         m.mutable_frame_ready()->set_instance_id(uint64_t{1} << 40);
         s.Send(m);
       }},
      {"frame-buffer",
       [](Session& s) {
         auto m = InstanceFrame(s, 2, 1);
         s.Send(m);
       }},
      {"frame-held-buffer",
       [](Session& s) {
         const uint32_t first = FreeInstanceBuffer(s);
         s.Send(InstanceFrame(s, first, 1));
         s.Send(InstanceFrame(s, first, 2));
       }},
      {"frame-sequence",
       [](Session& s) {
         const uint32_t first = FreeInstanceBuffer(s);
         s.Send(InstanceFrame(s, first, 5));
         s.Send(InstanceFrame(s, 1 - first, 5));
       }},
      {"frame-damage",
       [](Session& s) {
         auto m = InstanceFrame(s, FreeInstanceBuffer(s), 1);
         m.mutable_frame_ready()->mutable_damage()->set_y(s.seen().instance_height);
         s.Send(m);
       }},
      {"no-known-body",
       [](Session& s) {
         SendBody(s, {0x98, 0x06, 0x01});
       }},
  };
  return rules;
}

void BadMessage(Session& session) {
  std::string rule = session.args().empty() ? session.AfterTrigger() : session.args()[0];
  if (!rule.empty() && (rule[0] == ':' || rule[0] == '=')) rule.erase(0, 1);
  const auto& rules = session.role() == Role::kPlugin ? PluginRules() : RendererRules();
  auto it = rules.find(rule);
  if (it == rules.end()) {
    std::fprintf(stderr, "sandtab-hostile-child: bad-message: no %s rule '%s'\n", RoleName(session.role()),
                 rule.c_str());
    return;
  }
  it->second(session);
}

const RegisterScenario kBadMessage{{"bad-message", When::kOnTrigger, &BadMessage,
                                    "breaks one rule, named after the trigger (hostile:RULE) or as ARG"}};

}  // namespace
}  // namespace sandtab::test::hostile
