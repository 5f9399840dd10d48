#include "lessons/transport_bench.h"

#include <fcntl.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <vector>

#include "base/errno_message.h"
#include "base/unique_fd.h"
#include "ipc/shared_buffer.h"
#include "lessons/child_process.h"
#include "lessons/ipc_janitor.h"

namespace sandtab::lessons {
namespace {

// All `size` bytes through read or write (`io`), whatever pieces the
// kernel hands over.
template <typename Io, typename Bytes>
bool Transfer(Io io, int fd, Bytes* data, size_t size) {
  while (size > 0) {
    const ssize_t done = io(fd, data, size);
    if (done < 0 && errno == EINTR) continue;
    if (done <= 0) return false;
    data += done;
    size -= static_cast<size_t>(done);
  }
  return true;
}

bool WriteAll(int fd, const char* data, size_t size) { return Transfer(::write, fd, data, size); }
bool ReadAll(int fd, char* data, size_t size) { return Transfer(::read, fd, data, size); }

size_t MessageQueueChunk() {
  std::ifstream file("/proc/sys/kernel/msgmax");
  size_t msgmax = 8192;
  file >> msgmax;
  return std::max<size_t>(1, msgmax);
}

// Both ends of one transport, made before the fork; each side uses its half.
struct Ends {
  UniqueFd parent, child;          // socketpair (also the notify channel of shared memory)
  UniqueFd data_read, data_write;  // pipe: parent -> child
  UniqueFd ack_read, ack_write;    // pipe: child -> parent
  int queue = -1;
  std::optional<ipc::SharedBuffer> shared;
  size_t chunk = 0;  // message-queue payload per msgsnd
};

// The sender's half of one exchange, then its wait for the answer.
bool Send(TransportBench::Kind kind, Ends& ends, const std::vector<char>& payload, std::vector<char>& chunk) {
  char answer = 0;
  switch (kind) {
    case TransportBench::Kind::kSocketPair:
      return WriteAll(ends.parent.get(), payload.data(), payload.size()) && ReadAll(ends.parent.get(), &answer, 1);
    case TransportBench::Kind::kPipe:
      return WriteAll(ends.data_write.get(), payload.data(), payload.size()) &&
             ReadAll(ends.ack_read.get(), &answer, 1);
    case TransportBench::Kind::kMessageQueue:
      for (size_t at = 0; at < payload.size(); at += ends.chunk) {
        const size_t piece = std::min(ends.chunk, payload.size() - at);
        *reinterpret_cast<long*>(chunk.data()) = 1;
        std::memcpy(chunk.data() + sizeof(long), payload.data() + at, piece);
        if (msgsnd(ends.queue, chunk.data(), piece, 0) != 0) return false;
      }
      return msgrcv(ends.queue, chunk.data(), 1, 2, 0) == 1;
    case TransportBench::Kind::kSharedMemory:
      std::memcpy(ends.shared->writable_bytes().data(), payload.data(), payload.size());
      return WriteAll(ends.parent.get(), "n", 1) && ReadAll(ends.parent.get(), &answer, 1);
  }
  return false;
}

// The receiver: `count` payloads into its own memory, one answer each.
int Receive(TransportBench::Kind kind, Ends& ends, size_t size, int count) {
  std::vector<char> into(size), chunk(sizeof(long) + ends.chunk + 1);
  for (int i = 0; i < count; ++i) {
    char notify = 0;
    bool ok = false;
    switch (kind) {
      case TransportBench::Kind::kSocketPair:
        ok = ReadAll(ends.child.get(), into.data(), size) && WriteAll(ends.child.get(), "a", 1);
        break;
      case TransportBench::Kind::kPipe:
        ok = ReadAll(ends.data_read.get(), into.data(), size) && WriteAll(ends.ack_write.get(), "a", 1);
        break;
      case TransportBench::Kind::kMessageQueue: {
        ok = true;
        for (size_t at = 0; ok && at < size; at += ends.chunk) {
          const ssize_t got = msgrcv(ends.queue, chunk.data(), ends.chunk, 1, 0);
          ok = got > 0;
          if (ok) std::memcpy(into.data() + at, chunk.data() + sizeof(long), static_cast<size_t>(got));
        }
        *reinterpret_cast<long*>(chunk.data()) = 2;
        ok = ok && msgsnd(ends.queue, chunk.data(), 1, 0) == 0;
        break;
      }
      case TransportBench::Kind::kSharedMemory:
        ok = ReadAll(ends.child.get(), &notify, 1);
        if (ok) std::memcpy(into.data(), ends.shared->bytes().data(), size);
        ok = ok && WriteAll(ends.child.get(), "a", 1);
        break;
    }
    if (!ok) return 1;
  }
  return 0;
}

Result<Ends> MakeEnds(TransportBench::Kind kind, size_t size, IpcJanitor& janitor) {
  Ends ends;
  int fds[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) return Error{ErrnoMessage("socketpair")};
  ends.parent = UniqueFd(fds[0]);
  ends.child = UniqueFd(fds[1]);
  if (kind == TransportBench::Kind::kPipe) {
    if (pipe2(fds, O_CLOEXEC) != 0) return Error{ErrnoMessage("pipe2")};
    ends.data_read = UniqueFd(fds[0]);
    ends.data_write = UniqueFd(fds[1]);
    if (pipe2(fds, O_CLOEXEC) != 0) return Error{ErrnoMessage("pipe2")};
    ends.ack_read = UniqueFd(fds[0]);
    ends.ack_write = UniqueFd(fds[1]);
  } else if (kind == TransportBench::Kind::kMessageQueue) {
    ends.queue = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    if (ends.queue < 0) return Error{ErrnoMessage("msgget")};
    janitor.TrackQueue(ends.queue);
    ends.chunk = MessageQueueChunk();
  } else if (kind == TransportBench::Kind::kSharedMemory) {
    ASSIGN_OR_RETURN(ipc::SharedBuffer shared,
                     ipc::SharedBuffer::Create(size, "lesson-compare", ipc::Access::kReadWrite));
    ends.shared.emplace(std::move(shared));
  }
  return ends;
}

}  // namespace

const char* TransportBench::Name(Kind kind) {
  switch (kind) {
    case Kind::kSocketPair:
      return "socket";
    case Kind::kPipe:
      return "pipe";
    case Kind::kMessageQueue:
      return "msgqueue";
    case Kind::kSharedMemory:
      return "shm+notify";
  }
  return "?";
}

std::optional<TransportBench::Kind> TransportBench::FromName(const std::string& name) {
  for (Kind kind : kKinds) {
    if (name == Name(kind)) return kind;
  }
  return std::nullopt;
}

Result<TransportBench::Measurement> TransportBench::Measure(Kind kind, size_t size, int count) {
  ASSIGN_OR_RETURN(Ends ends, MakeEnds(kind, size, janitor_));
  Result<Measurement> result = Error{"not measured"};
  {
    ASSIGN_OR_RETURN(ChildProcess receiver, ChildProcess::Fork(janitor_, [&ends, kind, size, count] {
                       PinToCpu(1);
                       return Receive(kind, ends, size, count);
                     }));
    PinToCpu(0);
    std::vector<char> payload(size, 'x'), chunk(sizeof(long) + std::max<size_t>(ends.chunk, 1) + 1);
    std::vector<double> times_us;
    bool ok = true;
    for (int i = 0; ok && i < count; ++i) {
      const auto start = std::chrono::steady_clock::now();
      ok = Send(kind, ends, payload, chunk);
      times_us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
    }
    auto status = receiver.Wait(std::chrono::seconds(30));
    if (!ok || !status.ok() || !WIFEXITED(*status) || WEXITSTATUS(*status) != 0) {
      result = Error{std::string(Name(kind)) + ": the exchange failed"};
    } else if (!times_us.empty()) {
      std::nth_element(times_us.begin(), times_us.begin() + times_us.size() / 2, times_us.end());
      Measurement measurement;
      measurement.median_us = times_us[times_us.size() / 2];
      measurement.mib_per_second = static_cast<double>(size) / (1 << 20) / (measurement.median_us / 1e6);
      result = measurement;
    } else {
      result = Measurement{};
    }
  }
  AnyCpu();
  if (ends.queue >= 0) {
    msgctl(ends.queue, IPC_RMID, nullptr);
    janitor_.ForgetQueue(ends.queue);
  }
  return result;
}

}  // namespace sandtab::lessons
