#include "tests/support/hostile/relay.h"

#include <fcntl.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "proto/plugin.pb.h"
#include "proto/renderer.pb.h"

namespace sandtab::test::hostile {
namespace {

// "set_surface", "navigate", ...: the name of the message's body field.
std::string BodyName(const google::protobuf::Message& message) {
  const auto* body = message.GetDescriptor()->FindOneofByName("body");
  const auto* field = body ? message.GetReflection()->GetOneofFieldDescriptor(message, body) : nullptr;
  return field ? field->name() : "";
}

std::vector<int> RawFds(const FramedSocket::Received& frame) {
  std::vector<int> fds;
  for (const auto& fd : frame.fds) fds.push_back(fd.get());
  return fds;
}

}  // namespace

Relay::Outcome Relay::Run() {
  for (;;) {
    pollfd fds[2] = {{browser_.fd(), POLLIN, 0}, {child_.fd(), POLLIN, 0}};
    int ready = ::poll(fds, 2, -1);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) {
      error_ = std::string("poll: ") + std::strerror(errno);
      return Outcome::kError;
    }
    if (fds[0].revents) {
      auto status = browser_.ReceiveSome();
      if (status == FramedSocket::Status::kClosed) return Outcome::kBrowserClosed;
      if (status == FramedSocket::Status::kError) return error_ = browser_.error(), Outcome::kError;
      FramedSocket::Received frame;
      while ((status = browser_.Next(&frame)) == FramedSocket::Status::kFrame) {
        if (!ObserveFromBrowser(frame)) return Outcome::kTriggered;
        if (!child_.Write(frame.body, RawFds(frame))) return Outcome::kChildEnded;
      }
      if (status == FramedSocket::Status::kError) return error_ = browser_.error(), Outcome::kError;
    }
    if (fds[1].revents) {
      auto status = child_.ReceiveSome();
      if (status == FramedSocket::Status::kClosed) return Outcome::kChildEnded;
      if (status == FramedSocket::Status::kError) return error_ = child_.error(), Outcome::kError;
      FramedSocket::Received frame;
      while ((status = child_.Next(&frame)) == FramedSocket::Status::kFrame) {
        ObserveFromChild(frame);
        if (!browser_.Write(frame.body, RawFds(frame))) return Outcome::kBrowserClosed;
      }
      if (status == FramedSocket::Status::kError) return error_ = child_.error(), Outcome::kError;
    }
  }
}

bool Relay::ObserveFromBrowser(const FramedSocket::Received& frame) {
  const int size = static_cast<int>(frame.body.size());
  if (role_ == Role::kRenderer) {
    proto::BrowserToRenderer message;
    if (!message.ParseFromArray(frame.body.data(), size)) return true;
    if (by_message_ && BodyName(message) == trigger_.substr(1)) return false;
    if (message.has_set_surface()) {
      const auto& surface = message.set_surface();
      seen_.surface_generation = surface.generation();
      seen_.width = surface.width();
      seen_.height = surface.height();
      seen_.stride = surface.stride();
      seen_.browser_holds = surface.has_held_buffer() ? static_cast<int>(surface.held_buffer()) : -1;
    } else if (message.has_storage_channel() && frame.fds.size() == 1) {
      seen_.storage_channel = ::fcntl(frame.fds[0].get(), F_DUPFD_CLOEXEC, 0);
    } else if (message.has_navigate()) {
      seen_.navigation_id = message.navigate().navigation_id();
      seen_.url = message.navigate().url();
      if (Contains(seen_.url)) return false;
    }
  } else if (role_ == Role::kPlugin) {
    proto::BrowserToPlugin message;
    if (!message.ParseFromArray(frame.body.data(), size)) return true;
    if (by_message_ && BodyName(message) == trigger_.substr(1)) return false;
    if (!message.has_create_instance()) return true;
    const auto& create = message.create_instance();
    for (const auto& param : create.params()) {
      if (!Contains(param.name()) && !Contains(param.value())) continue;
      seen_.instance_id = create.instance_id();
      seen_.instance_width = create.width();
      seen_.instance_height = create.height();
      seen_.instance_held = create.has_held_buffer() ? static_cast<int>(create.held_buffer()) : -1;
      seen_.tab_id = create.tab_id();
      seen_.trigger_param = Contains(param.value()) ? param.value() : param.name();
      return false;
    }
  }
  return true;
}

void Relay::ObserveFromChild(const FramedSocket::Received& frame) {
  if (role_ != Role::kRenderer) return;
  proto::RendererToBrowser message;
  if (!message.ParseFromArray(frame.body.data(), static_cast<int>(frame.body.size()))) return;
  if (message.has_frame_ready()) {
    seen_.browser_holds = static_cast<int>(message.frame_ready().buffer());
    seen_.last_sequence = std::max(seen_.last_sequence, message.frame_ready().sequence());
  } else if (message.has_fetch_request()) {
    seen_.last_fetch_id = std::max(seen_.last_fetch_id, message.fetch_request().request_id());
  }
}

}  // namespace sandtab::test::hostile
