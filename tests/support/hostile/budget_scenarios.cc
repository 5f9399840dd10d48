// Children that try to make the browser hold without bound what it keeps
// for them (DESIGN section 12, issue 19 lines 3 to 6; security review H3,
// M1, M2): fds streamed into a frame that never ends, fetch answers never
// read, navigation floods.
#include <chrono>
#include <span>
#include <string>

#include "ipc/frame.h"
#include "proto/renderer.pb.h"
#include "tests/support/hostile/scenario.h"

namespace sandtab::test::hostile {
namespace {

using namespace std::chrono_literals;

// A 16 MiB header, then one byte per sendmsg, each carrying 4 fds (our log
// pipe, four times: no new fd is needed inside the sandbox). Before the fix
// the browser kept every one until the frame completed, which it never does.
void FdsInUnfinishedFrame(Session& s) {
  if (!s.raw().Write(RawFrameWriter::Header(ipc::kMaxFrameBytes))) return;
  const int fds[4] = {2, 2, 2, 2};
  const uint8_t byte = 0;
  for (int i = 0; i < 100000; ++i) {
    if (!s.raw().Write(std::span<const uint8_t>(&byte, 1), fds)) return;
  }
  s.SitForever();
}

// Never reads again, and asks for ~90 KB data: bodies (each one a memfd
// once answered) as fast as the browser takes the requests.
void UnreadFetchFlood(Session& s) {
  std::string url = "data:text/plain,";
  url.append(90 * 1000, 'A');
  proto::RendererToBrowser m;
  auto* f = m.mutable_fetch_request();
  f->set_url(url);
  f->set_kind(proto::FetchRequest::IMAGE);
  f->set_navigation_id(s.seen().navigation_id);
  for (uint64_t id = s.seen().last_fetch_id + 1; id < s.seen().last_fetch_id + 100000; ++id) {
    f->set_request_id(id);
    if (!s.Send(m)) return;
  }
  s.SitForever();
}

// Reads whatever the browser sent (the Navigate echoes), answering pings.
bool Drain(Session& s) {
  while (auto in = s.Receive<proto::BrowserToRenderer>(0ms)) {
    if (in->has_ping()) {
      proto::RendererToBrowser out;
      out.mutable_pong()->set_cookie(in->ping().cookie());
      if (!s.Send(out)) return false;
    }
  }
  return true;
}

// args[0] "long": each URL at the 2 MiB maximum; else short distinct ones.
// 600 NavigateRequests, then "data:text/html,done" so a test knows the
// flood is over; it reads the echoes meanwhile, so it is a renderer that
// reads and is never killed for not reading.
void HistoryFlood(Session& s) {
  const bool long_urls = !s.args().empty() && s.args()[0] == "long";
  // Each URL ends in '#' and 7 digits; the long ones are 2 MiB in all.
  std::string base = "data:text/html,";
  if (long_urls) {
    base.append((2u << 20) - base.size() - 8, 'A');
  } else {
    base += 'h';
  }
  for (int i = 0; i < 600; ++i) {
    proto::RendererToBrowser m;
    const std::string digits = std::to_string(i);
    std::string url = base;
    url += '#';
    url.append(7 - digits.size(), '0');
    url += digits;
    m.mutable_navigate_request()->set_url(url);
    if (!s.Send(m) || !Drain(s)) return;
  }
  proto::RendererToBrowser done;
  done.mutable_navigate_request()->set_url("data:text/html,done");
  s.Send(done);
}

const RegisterScenario kFdsInUnfinishedFrame{{"fds-in-unfinished-frame", When::kOnTrigger, &FdsInUnfinishedFrame,
                                              "streams fds into a 16 MiB frame it never ends"}};
const RegisterScenario kUnreadFetchFlood{
    {"unread-fetch-flood", When::kOnTrigger, &UnreadFetchFlood, "asks for 90 KB bodies and never reads"}};
const RegisterScenario kHistoryFlood{
    {"history-flood", When::kOnTrigger, &HistoryFlood, "600 NavigateRequests (args: long for 2 MiB URLs)"}};

}  // namespace
}  // namespace sandtab::test::hostile
