#include "renderer/storage_link.h"

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace sandtab::renderer {
namespace {

using Clock = std::chrono::steady_clock;

int MillisecondsLeft(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left < 0 ? 0 : static_cast<int>(left);
}

}  // namespace

Status StorageLink::SendFrame(const std::string& bytes, Clock::time_point deadline) {
  size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(socket_.get(), bytes.data() + sent, bytes.size() - sent, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n > 0) {
      sent += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno != EAGAIN) return Error{std::string("sending to the browser: ") + std::strerror(errno)};
    pollfd writable = {socket_.get(), POLLOUT, 0};
    if (::poll(&writable, 1, MillisecondsLeft(deadline)) == 0) return Error{"the browser stopped reading"};
  }
  return OkStatus();
}

Result<proto::StorageReply> StorageLink::ReceiveReply(uint64_t id, Clock::time_point deadline) {
  for (;;) {
    ipc::FrameReader::Frame frame;
    switch (reader_.Next(&frame)) {
      case ipc::FrameReader::Status::kFrame: {
        proto::StorageAnswer answer;
        if (!frame.fds.empty() || !answer.ParseFromArray(frame.body.data(), static_cast<int>(frame.body.size())) ||
            !answer.has_reply()) {
          return Error{"the browser sent a frame that is no StorageAnswer"};
        }
        if (answer.reply().request_id() == id) return answer.reply();
        continue;  // the late answer to a call that timed out
      }
      case ipc::FrameReader::Status::kError:
        return Error{"storage channel: " + reader_.error()};
      case ipc::FrameReader::Status::kNeedMore:
        break;
    }
    pollfd readable = {socket_.get(), POLLIN, 0};
    const int ready = ::poll(&readable, 1, MillisecondsLeft(deadline));
    if (ready == 0) {
      return Error{"TimeoutError: the browser did not answer within " + std::to_string(kAnswerTimeout.count()) + " ms"};
    }
    if (ready < 0 && errno == EINTR) continue;
    const std::span<uint8_t> space = reader_.WritableSpace(64 * 1024);
    const ssize_t n = ::recv(socket_.get(), space.data(), space.size(), MSG_DONTWAIT);
    if (n == 0) return Error{"the browser closed the storage channel"};
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n < 0) return Error{std::string("reading from the browser: ") + std::strerror(errno)};
    reader_.Commit(static_cast<size_t>(n), {});
  }
}

Result<proto::StorageReply> StorageLink::Call(proto::StorageRequest& request) {
  if (!broken_.empty()) return Error{broken_};
  request.set_request_id(next_id_++);
  const size_t length = request.ByteSizeLong();
  std::string bytes(ipc::kFrameHeaderBytes + length, '\0');
  for (size_t i = 0; i < ipc::kFrameHeaderBytes; ++i) bytes[i] = static_cast<char>((length >> (8 * i)) & 0xff);
  request.SerializeWithCachedSizesToArray(reinterpret_cast<uint8_t*>(bytes.data() + ipc::kFrameHeaderBytes));
  const Clock::time_point deadline = Clock::now() + kAnswerTimeout;
  Status sent = SendFrame(bytes, deadline);
  Result<proto::StorageReply> reply = sent ? ReceiveReply(request.request_id(), deadline) : Error{sent.error()};
  // A timed-out call leaves the channel usable (its answer is skipped when
  // it comes); anything else ends it.
  if (!reply && reply.error().rfind("TimeoutError", 0) != 0) broken_ = reply.error();
  return reply;
}

Result<std::string> StorageLink::ReadCookies(const std::string& url) {
  proto::StorageRequest request;
  request.mutable_cookie_read()->set_url(url);
  ASSIGN_OR_RETURN(proto::StorageReply reply, Call(request));
  if (!reply.ok()) return Error{reply.error()};
  return std::move(*reply.mutable_cookies());
}

Status StorageLink::WriteCookie(const std::string& url, const std::string& line) {
  proto::StorageRequest request;
  request.mutable_cookie_write()->set_url(url);
  request.mutable_cookie_write()->set_line(line);
  ASSIGN_OR_RETURN(proto::StorageReply reply, Call(request));
  if (!reply.ok()) return Error{reply.error()};
  return OkStatus();
}

Result<StorageLink::Items> StorageLink::ReadStorage(const std::string& url) {
  proto::StorageRequest request;
  request.mutable_storage_read()->set_url(url);
  ASSIGN_OR_RETURN(proto::StorageReply reply, Call(request));
  if (!reply.ok()) return Error{reply.error()};
  Items items;
  items.reserve(static_cast<size_t>(reply.items_size()));
  for (auto& item : *reply.mutable_items())
    items.emplace_back(std::move(*item.mutable_key()), std::move(*item.mutable_value()));
  return items;
}

Status StorageLink::ChangeStorage(const std::string& url, const StorageChange& change) {
  proto::StorageRequest request;
  proto::StorageWrite* write = request.mutable_storage_write();
  write->set_url(url);
  write->set_key(change.key);
  write->set_value(change.value);
  write->set_change(change.kind == StorageChange::Kind::kSet      ? proto::StorageWrite::SET
                    : change.kind == StorageChange::Kind::kRemove ? proto::StorageWrite::REMOVE
                                                                  : proto::StorageWrite::CLEAR);
  ASSIGN_OR_RETURN(proto::StorageReply reply, Call(request));
  if (!reply.ok()) return Error{reply.error()};
  return OkStatus();
}

}  // namespace sandtab::renderer
