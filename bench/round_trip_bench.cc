// Latency rows: the round trip of a small message between two processes,
// through the raw socketpair floor (plain C) and through our channel layers.
#include <benchmark/benchmark.h>
#include <sys/socket.h>

#include <algorithm>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <optional>

#include "bench/bench_peer.h"
#include "bench/raw_ipc.h"
#include "ipc/channel.h"
#include "ipc/event_loop.h"
#include "ipc/message_channel.h"
#include "proto/renderer.pb.h"

namespace sandtab::bench {
namespace {

using Clock = std::chrono::steady_clock;

// About a framed Ping (4-byte header + BrowserToRenderer{ping{cookie}}).
constexpr size_t kSmallMessageBytes = 16;
// A peer that neither echoes nor closes its end fails the row after this.
constexpr std::chrono::seconds kEchoTimeout{RAW_RECEIVE_TIMEOUT_SECONDS};
// Round trips of one mechanism before the other's turn in the alternating
// row (~3 ms here): long enough for its peer to stay warm.
constexpr int64_t kAlternationBlock = 256;

struct Pair {
  UniqueFd measuring;
  UniqueFd peer;
};
Pair MakePair() {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) std::abort();
  return {UniqueFd(fds[0]), UniqueFd(fds[1])};
}

// Forks a peer that serves its end of `pair` with a `Peer(io, socket)` on a
// loop of its own until the channel closes. `also_close`: fds of other
// peers it must not keep open.
template <typename Peer>
PeerProcess StartLoopPeer(Pair& pair, const std::vector<UniqueFd*>& also_close = {}) {
  PeerProcess peer = PeerProcess::Start([&] {
    for (UniqueFd* fd : also_close) fd->Reset();
    pair.measuring.Reset();
    boost::asio::io_context io(ipc::kSingleThreadedLoop);
    Peer serving(io, std::move(pair.peer));
    io.run();
    return std::string();
  });
  pair.peer.Reset();
  return peer;
}

// Bounds the waits for echoes on one loop: a wait that sees no round trip
// complete for kEchoTimeout gives up. One timer, re-armed every kEchoTimeout,
// not a timeout per wait: run_one_for() added ~1 us to every round trip.
class EchoWatchdog {
 public:
  explicit EchoWatchdog(boost::asio::io_context& io) : io_(io), timer_(io) { Arm(); }

  // Runs the loop until `done()`; false if the loop stopped or the watchdog
  // expired first.
  template <typename Done>
  bool RunUntil(Done done) {
    while (!done()) {
      if (expired_ || io_.run_one() == 0) return false;
    }
    ++round_trips_;
    return true;
  }

 private:
  void Arm() {
    timer_.expires_after(kEchoTimeout);
    timer_.async_wait([this, seen = round_trips_](boost::system::error_code error) {
      if (error) return;  // cancelled: the watchdog is gone
      if (round_trips_ == seen) {
        expired_ = true;
        return;
      }
      Arm();
    });
  }

  boost::asio::io_context& io_;
  boost::asio::steady_timer timer_;
  uint64_t round_trips_ = 0;
  bool expired_ = false;
};

void ReportLatencies(benchmark::State& state, Latencies& latencies) {
  state.counters["p50_us"] = latencies.QuantileMicros(0.50);
  state.counters["p99_us"] = latencies.QuantileMicros(0.99);
}

// Times `round_trip` (true when the answer came) once per iteration and
// reports p50/p99; the first failure ends the run with `error`.
template <typename RoundTrip>
void MeasureRoundTrips(benchmark::State& state, const char* error, RoundTrip round_trip) {
  Latencies latencies(state.max_iterations);
  for (auto _ : state) {
    auto start = Clock::now();
    if (!round_trip()) {
      state.SkipWithError(error);
      break;
    }
    latencies.Add(std::chrono::duration<double, std::nano>(Clock::now() - start).count());
  }
  ReportLatencies(state, latencies);
}

// The measuring end of a raw socketpair whose forked peer echoes (plain C).
struct RawEcho {
  RawEcho()
      : pair(MakePair()), peer(PeerProcess::Start([this] {
          pair.measuring.Reset();
          return raw_pingpong_echo(pair.peer.get(), kSmallMessageBytes) == 0 ? "" : "error=echo";
        })) {
    pair.peer.Reset();
    timeout_set = raw_set_receive_timeout(pair.measuring.get()) == 0;
  }
  bool RoundTrip() { return timeout_set && raw_pingpong_round_trip(pair.measuring.get(), buffer, sizeof(buffer)) == 0; }
  void Finish() {
    pair.measuring.Reset();
    peer.Finish();
  }
  Pair pair;
  PeerProcess peer;
  bool timeout_set = false;
  char buffer[kSmallMessageBytes] = "ping";
};

void BM_RawSocketpairRoundTrip(benchmark::State& state) {
  RawEcho raw;
  MeasureRoundTrips(state, "raw round trip failed", [&] { return raw.RoundTrip(); });
  raw.Finish();
}

// The raw round trip through epoll on both sides, with or without the
// per-wait EPOLL_CTL_MOD: shows what an event loop costs before our code.
void BM_RawEpollRoundTrip(benchmark::State& state) {
  const int rearm = static_cast<int>(state.range(0));
  Pair pair = MakePair();
  PeerProcess peer = PeerProcess::Start([&] {
    pair.measuring.Reset();
    return raw_epoll_echo(pair.peer.get(), kSmallMessageBytes, rearm) == 0 ? "" : "error=echo";
  });
  pair.peer.Reset();
  UniqueFd epoll_fd(raw_epoll_open(pair.measuring.get()));
  char buffer[kSmallMessageBytes] = "ping";
  MeasureRoundTrips(state, "raw epoll round trip failed", [&] {
    return raw_epoll_round_trip(epoll_fd.get(), pair.measuring.get(), buffer, sizeof(buffer), rearm) == 0;
  });
  pair.measuring.Reset();
  peer.Finish();
}

// Bare Channel: frames in, frames out, nothing parsed.
class EchoPeer : public ipc::Channel::Delegate {
 public:
  EchoPeer(boost::asio::io_context& io, UniqueFd socket)
      : channel_(ipc::Channel::Create(io, std::move(socket))), io_(io) {
    pong_.mutable_pong()->set_cookie(1);
    channel_->Start(this);
  }
  void OnFrame(std::span<const uint8_t>, std::vector<UniqueFd>&) override { channel_->Send(pong_); }
  void OnChannelClosed(ipc::CloseCause, const std::string&) override { io_.stop(); }

 private:
  std::shared_ptr<ipc::Channel> channel_;
  boost::asio::io_context& io_;
  proto::RendererToBrowser pong_;
};

class FrameCounter : public ipc::Channel::Delegate {
 public:
  void OnFrame(std::span<const uint8_t>, std::vector<UniqueFd>&) override { ++frames; }
  void OnChannelClosed(ipc::CloseCause, const std::string&) override { closed = true; }
  uint64_t frames = 0;
  bool closed = false;
};

// The measuring end of a bare Channel whose forked peer echoes every frame.
class ChannelEcho {
 public:
  // `also_close`: fds of other peers the echo peer must not keep open.
  explicit ChannelEcho(const std::vector<UniqueFd*>& also_close = {}) {
    Pair pair = MakePair();
    peer_.emplace(StartLoopPeer<EchoPeer>(pair, also_close));
    channel_ = ipc::Channel::Create(io_, std::move(pair.measuring));
    channel_->Start(&counter_);
    ping_.mutable_ping()->set_cookie(1);
  }
  ~ChannelEcho() {
    channel_->Close();
    peer_->Finish();
  }

  // One ping and its echo; false once the channel has closed or no echo came.
  bool RoundTrip() {
    const uint64_t expected = counter_.frames + 1;
    channel_->Send(ping_);
    return watchdog_.RunUntil([&] { return counter_.frames >= expected || counter_.closed; }) && !counter_.closed;
  }

 private:
  boost::asio::io_context io_{ipc::kLoopWithPostingThreads};
  EchoWatchdog watchdog_{io_};
  FrameCounter counter_;
  std::shared_ptr<ipc::Channel> channel_;
  proto::BrowserToRenderer ping_;
  std::optional<PeerProcess> peer_;
};

void BM_ChannelRoundTrip(benchmark::State& state) {
  ChannelEcho echo;
  MeasureRoundTrips(state, "channel closed, or no echo within 10 s", [&] { return echo.RoundTrip(); });
}

// MessageChannel: parsed, validated, composed on arenas, as the browser uses it.
using BrowserEnd = ipc::MessageChannel<proto::RendererToBrowser, proto::BrowserToRenderer>;
using RendererEnd = ipc::MessageChannel<proto::BrowserToRenderer, proto::RendererToBrowser>;

class PongPeer : public RendererEnd::Delegate {
 public:
  PongPeer(boost::asio::io_context& io, UniqueFd socket)
      : channel_(io, std::move(socket), ipc::FdPolicy::kAcceptFds), io_(io) {
    channel_.Start(this);
  }
  void OnMessage(const proto::BrowserToRenderer& message, std::vector<UniqueFd>) override {
    proto::RendererToBrowser* pong = channel_.Compose();
    pong->mutable_pong()->set_cookie(message.ping().cookie());
    channel_.Send(pong);
  }
  void OnChannelClosed(ipc::CloseCause, const std::string&) override { io_.stop(); }

 private:
  RendererEnd channel_;
  boost::asio::io_context& io_;
};

class PongWaiter : public BrowserEnd::Delegate {
 public:
  void OnMessage(const proto::RendererToBrowser& message, std::vector<UniqueFd>) override {
    last_cookie = message.pong().cookie();
  }
  void OnChannelClosed(ipc::CloseCause, const std::string&) override { closed = true; }
  uint64_t last_cookie = 0;
  bool closed = false;
};

void BM_MessageChannelRoundTrip(benchmark::State& state) {
  Pair pair = MakePair();
  PeerProcess peer = StartLoopPeer<PongPeer>(pair);
  boost::asio::io_context io(ipc::kLoopWithPostingThreads);
  EchoWatchdog watchdog(io);
  PongWaiter waiter;
  BrowserEnd channel(io, std::move(pair.measuring), ipc::FdPolicy::kRejectFds);
  channel.Start(&waiter);
  uint64_t cookie = 0;
  MeasureRoundTrips(state, "channel closed, or no pong within 10 s", [&] {
    proto::BrowserToRenderer* ping = channel.Compose();
    ping->mutable_ping()->set_cookie(++cookie);
    channel.Send(ping);
    return watchdog.RunUntil([&] { return waiter.last_cookie == cookie || waiter.closed; }) && !waiter.closed;
  });
  channel.Close();
  peer.Finish();
}

// The Channel and the blocking raw floor in alternation, each with its own
// peer: `block` round trips of one, then `block` of the other. The rows
// above run one after the other, and on a VM the machine's speed drifts
// between them (the blocking floor measured 21 us in one full run and 29 us
// in the next, the Channel 25-26 us in both); samples taken side by side
// see the same machine. With block = 1 every round trip wakes the other
// pair's peer, which pays for a cold peer in both; in blocks of 256 (~3 ms)
// each peer stays as warm as in its own row and both still share the
// machine's drift.
void ChannelVsRawAlternating(benchmark::State& state, int64_t block) {
  RawEcho raw;
  Latencies raw_latencies(state.max_iterations), channel_latencies(state.max_iterations);
  {
    // The channel's peer must not hold the raw peer's socket, or the raw
    // peer would not see its EOF.
    ChannelEcho echo({&raw.pair.measuring});
    int64_t iteration = 0;
    for (auto _ : state) {
      const bool raw_turn = (iteration++ / block) % 2 == 0;
      auto start = Clock::now();
      if (raw_turn ? !raw.RoundTrip() : !echo.RoundTrip()) {
        state.SkipWithError(raw_turn ? "raw round trip failed" : "channel closed, or no echo within 10 s");
        break;
      }
      (raw_turn ? raw_latencies : channel_latencies)
          .Add(std::chrono::duration<double, std::nano>(Clock::now() - start).count());
    }
  }
  raw.Finish();
  state.counters["raw_p50_us"] = raw_latencies.QuantileMicros(0.50);
  state.counters["raw_p99_us"] = raw_latencies.QuantileMicros(0.99);
  state.counters["p50_us"] = channel_latencies.QuantileMicros(0.50);
  state.counters["p99_us"] = channel_latencies.QuantileMicros(0.99);
  state.counters["block"] = static_cast<double>(block);
}

void BM_ChannelVsRawInterleaved(benchmark::State& state) { ChannelVsRawAlternating(state, 1); }
void BM_ChannelVsRawBlocks(benchmark::State& state) {
  // A short run (--smoke) still samples both.
  const int64_t iterations = static_cast<int64_t>(state.max_iterations);
  ChannelVsRawAlternating(state, std::clamp<int64_t>(iterations / 2, 1, kAlternationBlock));
}

}  // namespace

BENCHMARK(BM_RawSocketpairRoundTrip)->Name("round_trip/raw_socketpair_c")->UseRealTime();
BENCHMARK(BM_RawEpollRoundTrip)->Name("round_trip/raw_epoll_c")->ArgName("rearm")->Arg(0)->Arg(1)->UseRealTime();
BENCHMARK(BM_ChannelRoundTrip)->Name("round_trip/channel")->UseRealTime();
BENCHMARK(BM_MessageChannelRoundTrip)->Name("round_trip/message_channel")->UseRealTime();
BENCHMARK(BM_ChannelVsRawInterleaved)->Name("round_trip/channel_vs_raw_interleaved")->UseRealTime();
BENCHMARK(BM_ChannelVsRawBlocks)->Name("round_trip/channel_vs_raw_blocks")->UseRealTime();

}  // namespace sandtab::bench
