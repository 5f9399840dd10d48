// Size rows: getting N bytes from a peer process into this one, per frame.
// Shared memory (a sealed SharedBuffer the peer painted, announced by a
// FrameReady notify and returned with FrameAck) against copying the same
// bytes through a Channel, a raw socketpair, a pipe and a System V queue.
#include <benchmark/benchmark.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/socket.h>

#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "bench/bench_peer.h"
#include "bench/raw_ipc.h"
#include "ipc/channel.h"
#include "ipc/message_channel.h"
#include "ipc/shared_buffer.h"
#include "proto/renderer.pb.h"
#include "tests/support/allocation_counter.h"

namespace sandtab::bench {
namespace {

using BrowserEnd = ipc::MessageChannel<proto::RendererToBrowser, proto::BrowserToRenderer>;
using RendererEnd = ipc::MessageChannel<proto::BrowserToRenderer, proto::RendererToBrowser>;

// Frames before the allocation count starts (arenas and buffers warm up).
constexpr uint64_t kWarmUpFrames = 16;

std::vector<uint8_t> Touched(size_t size, uint8_t value) { return std::vector<uint8_t>(size, value); }

void SetBytesProcessed(benchmark::State& state) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}

void BM_Memcpy(benchmark::State& state) {
  const size_t size = state.range(0);
  std::vector<uint8_t> source = Touched(size, 1), destination = Touched(size, 0);
  for (auto _ : state) {
    std::memcpy(destination.data(), source.data(), size);
    benchmark::ClobberMemory();
  }
  SetBytesProcessed(state);
}

// The renderer's side: paints both buffers once, then presents frames.
class PaintingPeer : public RendererEnd::Delegate {
 public:
  PaintingPeer(boost::asio::io_context& io, UniqueFd socket, size_t size)
      : channel_(io, std::move(socket), ipc::FdPolicy::kAcceptFds), io_(io), size_(size) {
    channel_.Start(this);
  }
  void OnMessage(const proto::BrowserToRenderer& message, std::vector<UniqueFd> fds) override {
    if (message.has_set_surface()) {
      for (UniqueFd& fd : fds) {
        auto buffer = ipc::SharedBuffer::Adopt(std::move(fd), size_, ipc::Access::kReadWrite);
        if (!buffer) return Stop("error=" + buffer.error());
        std::memset(buffer->writable_bytes().data(), 0x7f, size_);  // painted in place
        buffers_.push_back(std::move(*buffer));
      }
    } else if (++frames_ == kWarmUpFrames) {
      allocations_at_warm_up_ = test::ThreadAllocationCount();
    }
    proto::RendererToBrowser* ready = channel_.Compose();
    auto* frame = ready->mutable_frame_ready();
    frame->set_buffer(static_cast<uint32_t>(frames_ % 2));
    frame->set_sequence(frames_ + 1);
    auto* damage = frame->mutable_damage();
    damage->set_width(static_cast<int32_t>(size_ / 4));
    damage->set_height(1);
    channel_.Send(ready);
    // Counted up to the last frame sent, so closing the channel is not counted.
    allocations_at_last_frame_ = test::ThreadAllocationCount();
  }
  void OnChannelClosed(ipc::CloseCause, const std::string&) override {
    uint64_t counted = frames_ > kWarmUpFrames ? frames_ - kWarmUpFrames : 0;
    Stop(AllocationReport(allocations_at_last_frame_ - allocations_at_warm_up_, counted));
  }
  const std::string& report() const { return report_; }

 private:
  void Stop(std::string report) {
    report_ = std::move(report);
    io_.stop();
  }
  RendererEnd channel_;
  boost::asio::io_context& io_;
  size_t size_;
  std::vector<ipc::SharedBuffer> buffers_;
  uint64_t frames_ = 0;
  uint64_t allocations_at_warm_up_ = 0;
  uint64_t allocations_at_last_frame_ = 0;
  std::string report_;
};

// One end of a socketpair for the bench; a peer process serves the other,
// running `serve` on a loop of its own (its string is the peer's report).
struct PeerOnSocket {
  UniqueFd socket;
  PeerProcess peer;
};
PeerOnSocket StartPeerOnSocket(const std::function<std::string(boost::asio::io_context&, UniqueFd)>& serve) {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) std::abort();
  UniqueFd mine(fds[0]), theirs(fds[1]);
  PeerProcess peer = PeerProcess::Start([&] {
    mine.Reset();
    boost::asio::io_context io(1);
    return serve(io, std::move(theirs));
  });
  theirs.Reset();
  return {std::move(mine), std::move(peer)};
}

class FrameReadyWaiter : public BrowserEnd::Delegate {
 public:
  void OnMessage(const proto::RendererToBrowser& message, std::vector<UniqueFd>) override {
    ready_buffer = static_cast<int>(message.frame_ready().buffer());
  }
  void OnChannelClosed(ipc::CloseCause, const std::string&) override { closed = true; }
  int ready_buffer = -1;
  bool closed = false;
};

void BM_SharedMemoryPresent(benchmark::State& state) {
  const size_t size = state.range(0);
  auto [mine, peer] = StartPeerOnSocket([size](boost::asio::io_context& io, UniqueFd socket) {
    PaintingPeer painter(io, std::move(socket), size);
    io.run();
    return painter.report();
  });

  boost::asio::io_context io(1);
  FrameReadyWaiter waiter;
  BrowserEnd channel(io, std::move(mine), ipc::FdPolicy::kRejectFds);
  channel.Start(&waiter);
  std::vector<ipc::SharedBuffer> buffers;
  std::vector<UniqueFd> to_send;
  for (int i = 0; i < 2; ++i) {
    auto buffer = ipc::SharedBuffer::Create(size, "bench-surface", ipc::Access::kReadOnly);
    auto copy = buffer ? buffer->Duplicate() : Result<UniqueFd>(Error{buffer.error()});
    if (!copy) return state.SkipWithError(copy.error().c_str());
    buffers.push_back(std::move(*buffer));
    to_send.push_back(std::move(*copy));
  }
  proto::BrowserToRenderer* surface = channel.Compose();
  surface->mutable_set_surface()->set_width(static_cast<uint32_t>(size / 4));
  surface->mutable_set_surface()->set_height(1);
  surface->mutable_set_surface()->set_stride(static_cast<uint32_t>(size));
  channel.Send(surface, std::move(to_send));
  std::vector<uint8_t> destination = Touched(size, 0);

  auto wait_for_frame = [&] {
    waiter.ready_buffer = -1;
    while (waiter.ready_buffer < 0 && !waiter.closed) io.run_one();
    return !waiter.closed;
  };
  // Warm up: the first frames fault in the mappings and the arenas.
  for (uint64_t i = 0; i < kWarmUpFrames; ++i) {
    if (!wait_for_frame()) return state.SkipWithError("renderer peer closed the channel");
    proto::BrowserToRenderer* ack = channel.Compose();
    ack->mutable_frame_ack()->set_buffer(static_cast<uint32_t>(waiter.ready_buffer));
    channel.Send(ack);
  }
  if (!wait_for_frame()) return state.SkipWithError("renderer peer closed the channel");
  const uint64_t allocations_before = test::ThreadAllocationCount();
  for (auto _ : state) {
    // Composite: read the frame out of the mapping, then hand it back.
    const int index = waiter.ready_buffer;
    std::memcpy(destination.data(), buffers[index].bytes().data(), size);
    proto::BrowserToRenderer* ack = channel.Compose();
    ack->mutable_frame_ack()->set_buffer(static_cast<uint32_t>(index));
    channel.Send(ack);
    if (!wait_for_frame()) {
      state.SkipWithError("renderer peer closed the channel");
      break;
    }
  }
  const uint64_t allocations = test::ThreadAllocationCount() - allocations_before;
  channel.Close();
  const std::string report = peer.Finish();
  state.counters["allocs_per_frame"] = state.iterations() ? static_cast<double>(allocations) / state.iterations() : 0;
  state.counters["peer_allocs_per_frame"] = ReportValue(report, "allocs_per_frame");
  SetBytesProcessed(state);
}

// Copy through a Channel: the peer answers each request frame with one frame
// carrying `size` bytes (a FetchResponse body); they land in the reader's
// buffer, the socket side's destination.
class BodyServer : public ipc::Channel::Delegate {
 public:
  BodyServer(boost::asio::io_context& io, UniqueFd socket, size_t size)
      : channel_(ipc::Channel::Create(io, std::move(socket))), io_(io) {
    response_.mutable_fetch_response()->set_body(std::string(size, '\x7f'));
    channel_->Start(this);
  }
  void OnFrame(std::span<const uint8_t>, std::vector<UniqueFd>&) override { channel_->Send(response_); }
  void OnChannelClosed(ipc::CloseCause, const std::string&) override { io_.stop(); }

 private:
  std::shared_ptr<ipc::Channel> channel_;
  boost::asio::io_context& io_;
  proto::BrowserToRenderer response_;
};

class BodyCounter : public ipc::Channel::Delegate {
 public:
  void OnFrame(std::span<const uint8_t> body, std::vector<UniqueFd>&) override {
    ++frames;
    bytes = body.size();
  }
  void OnChannelClosed(ipc::CloseCause, const std::string&) override { closed = true; }
  uint64_t frames = 0;
  size_t bytes = 0;
  bool closed = false;
};

void BM_ChannelCopy(benchmark::State& state) {
  const size_t size = state.range(0);
  auto [mine, peer] = StartPeerOnSocket([size](boost::asio::io_context& io, UniqueFd socket) {
    BodyServer server(io, std::move(socket), size);
    io.run();
    return std::string();
  });
  boost::asio::io_context io(1);
  BodyCounter counter;
  auto channel = ipc::Channel::Create(io, std::move(mine));
  channel->Start(&counter);
  proto::RendererToBrowser request;
  request.mutable_fetch_request()->set_request_id(1);
  auto fetch = [&] {
    const uint64_t expected = counter.frames + 1;
    channel->Send(request);
    while (counter.frames < expected && !counter.closed) io.run_one();
    return !counter.closed;
  };
  for (uint64_t i = 0; i < kWarmUpFrames; ++i) fetch();
  const uint64_t allocations_before = test::ThreadAllocationCount();
  for (auto _ : state) {
    if (!fetch()) {
      state.SkipWithError("peer closed the channel");
      break;
    }
  }
  const uint64_t allocations = test::ThreadAllocationCount() - allocations_before;
  channel->Close();
  peer.Finish();
  state.counters["allocs_per_frame"] = state.iterations() ? static_cast<double>(allocations) / state.iterations() : 0;
  SetBytesProcessed(state);
}

// Raw stream copies in plain C: one socketpair, or a pipe each way.
void RunStreamCopy(benchmark::State& state, int request_read, int request_write, int data_read, int data_write,
                   std::vector<int> close_in_peer, std::vector<int> close_here) {
  const size_t size = state.range(0);
  std::vector<uint8_t> source = Touched(size, 0x7f), destination = Touched(size, 0);
  PeerProcess peer = PeerProcess::Start([&] {
    for (int fd : close_in_peer) ::close(fd);
    return raw_stream_serve(request_read, data_write, source.data(), size) == 0 ? "" : "error=serve";
  });
  for (int fd : close_here) ::close(fd);
  for (auto _ : state) {
    if (raw_stream_fetch(request_write, data_read, destination.data(), size) != 0) {
      state.SkipWithError("raw fetch failed");
      break;
    }
  }
  ::close(request_write);
  if (data_read != request_write) ::close(data_read);
  peer.Finish();
  SetBytesProcessed(state);
}

void BM_RawSocketCopy(benchmark::State& state) {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) std::abort();
  RunStreamCopy(state, fds[1], fds[0], fds[0], fds[1], {fds[0]}, {fds[1]});
}

void BM_PipeCopy(benchmark::State& state) {
  int requests[2], data[2];
  if (::pipe2(requests, O_CLOEXEC) != 0 || ::pipe2(data, O_CLOEXEC) != 0) std::abort();
  RunStreamCopy(state, requests[0], requests[1], data[0], data[1], {requests[1], data[0]}, {requests[0], data[1]});
}

void BM_MessageQueueCopy(benchmark::State& state) {
  const size_t size = state.range(0);
  const long max = raw_msgq_max_bytes();
  if (max < 0 || size > static_cast<size_t>(max)) {
    const std::string why = "n/a (msgmax=" + std::to_string(max) + ")";
    state.SkipWithError(why.c_str());
    for (auto _ : state) {
    }
    return;
  }
  const int queue = ::msgget(IPC_PRIVATE, IPC_CREAT | 0600);
  if (queue < 0) return state.SkipWithError("msgget failed");
  std::vector<uint8_t> message = Touched(sizeof(long) + size, 0x7f);
  PeerProcess peer =
      PeerProcess::Start([&] { return raw_msgq_serve(queue, message.data(), size) == 0 ? "" : "error=serve"; });
  for (auto _ : state) {
    if (raw_msgq_fetch(queue, message.data(), size) != 0) {
      state.SkipWithError("msgq fetch failed");
      break;
    }
  }
  raw_msgq_stop(queue);
  peer.Finish();
  ::msgctl(queue, IPC_RMID, nullptr);
  SetBytesProcessed(state);
}

void Sizes(benchmark::internal::Benchmark* b) {
  // 16 KiB is not in the list; it narrows down the crossover.
  for (int64_t size : {64, 4 << 10, 16 << 10, 64 << 10, 1 << 20, 8 << 20}) b->Arg(size);
  b->UseRealTime();
}

}  // namespace

BENCHMARK(BM_Memcpy)->Name("present/memcpy")->Apply(Sizes);
BENCHMARK(BM_SharedMemoryPresent)->Name("present/shared_memory")->Apply(Sizes);
BENCHMARK(BM_ChannelCopy)->Name("present/channel_copy")->Apply(Sizes);
BENCHMARK(BM_RawSocketCopy)->Name("present/raw_socketpair_c")->Apply(Sizes);
BENCHMARK(BM_PipeCopy)->Name("present/pipe_c")->Apply(Sizes);
BENCHMARK(BM_MessageQueueCopy)->Name("present/sysv_msgq_c")->Apply(Sizes);

}  // namespace sandtab::bench
