#include "tests/plugin/fake_browser.h"

#include "ipc/handshake.h"
#include "tests/plugin/pixels.h"

namespace sandtab::plugin::test {

FakeBrowser::FakeBrowser(boost::asio::io_context& io, UniqueFd socket)
    : io_(io), channel_(io, std::move(socket), ipc::FdPolicy::kRejectFds) {
  frames_.reserve(1 << 14);
  pongs_.reserve(1 << 10);
  channel_.Start(this);
}

FakeBrowser::~FakeBrowser() = default;

void FakeBrowser::SendHello() {
  auto* message = channel_.Compose();
  ipc::FillHello(proto::PROCESS_TYPE_BROWSER, message->mutable_hello());
  channel_.Send(message);
}

bool FakeBrowser::CreateInstance(uint64_t id, int width, int height,
                                 const std::vector<std::pair<std::string, std::string>>& params) {
  InstanceBuffers buffers;
  buffers.width = width;
  buffers.height = height;
  std::vector<UniqueFd> fds;
  for (int i = 0; i < 2; ++i) {
    auto buffer =
        ipc::SharedBuffer::Create(static_cast<size_t>(width) * height * 4, "plugin-test", ipc::Access::kReadOnly);
    if (!buffer) return false;
    auto fd = buffer->Duplicate();
    if (!fd) return false;
    fds.push_back(std::move(*fd));
    buffers.buffers.push_back(std::move(*buffer));
  }
  instances_[id] = std::move(buffers);
  auto* message = channel_.Compose();
  auto* create = message->mutable_create_instance();
  create->set_instance_id(id);
  create->set_width(width);
  create->set_height(height);
  create->set_tab_id(1);
  for (const auto& [name, value] : params) {
    auto* param = create->add_params();
    param->set_name(name);
    param->set_value(value);
  }
  return channel_.Send(message, std::move(fds));
}

void FakeBrowser::Ack(uint64_t id, uint32_t buffer) {
  auto* message = channel_.Compose();
  message->mutable_frame_ack()->set_instance_id(id);
  message->mutable_frame_ack()->set_buffer(buffer);
  channel_.Send(message);
}

void FakeBrowser::Click(uint64_t id, int x, int y) {
  auto* message = channel_.Compose();
  auto* click = message->mutable_click();
  click->set_instance_id(id);
  click->set_x(x);
  click->set_y(y);
  channel_.Send(message);
}

void FakeBrowser::Ping(uint64_t cookie) {
  auto* message = channel_.Compose();
  message->mutable_ping()->set_cookie(cookie);
  channel_.Send(message);
}

void FakeBrowser::Destroy(uint64_t id) {
  auto* message = channel_.Compose();
  message->mutable_destroy_instance()->set_instance_id(id);
  channel_.Send(message);
}

void FakeBrowser::SendRaw(proto::BrowserToPlugin* message, std::vector<UniqueFd> fds) {
  channel_.Send(message, std::move(fds));
}

bool FakeBrowser::RunUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return false;
    if (io_.stopped()) io_.restart();  // an in-process PluginService stops the loop when it ends
    io_.run_one_for(deadline - now);
  }
  return true;
}

void FakeBrowser::RunFor(std::chrono::milliseconds duration) {
  RunUntil([] { return false; }, duration);
}

size_t FakeBrowser::FrameCount(uint64_t id) const {
  size_t count = 0;
  for (const Frame& frame : frames_) count += frame.instance_id == id;
  return count;
}

const FakeBrowser::Frame* FakeBrowser::LastFrame(uint64_t id) const {
  for (auto it = frames_.rbegin(); it != frames_.rend(); ++it) {
    if (it->instance_id == id) return &*it;
  }
  return nullptr;
}

std::span<const uint8_t> FakeBrowser::Pixels(uint64_t id, uint32_t buffer) const {
  auto it = instances_.find(id);
  if (it == instances_.end() || buffer > 1) return {};
  return it->second.buffers[buffer].bytes();
}

unsigned FakeBrowser::LastFrameRgb(uint64_t id, int x, int y) const {
  const Frame* frame = LastFrame(id);
  auto it = instances_.find(id);
  if (!frame || it == instances_.end() || frame->buffer > 1) return 0xFFFFFFFF;  // no such pixel
  return PixelRgb(Pixels(id, frame->buffer), it->second.width, x, y);
}

void FakeBrowser::OnMessage(const proto::PluginToBrowser& message, std::vector<UniqueFd>) {
  switch (message.body_case()) {
    case proto::PluginToBrowser::kHello:
      hello_received_ = true;
      hello_ = message.hello();
      return;
    case proto::PluginToBrowser::kFrameReady: {
      const auto& ready = message.frame_ready();
      frames_.push_back({ready.instance_id(), ready.buffer(), ready.sequence(), ready.damage().x(), ready.damage().y(),
                         ready.damage().width(), ready.damage().height(), ready.painted_at_us()});
      if (auto_ack_) Ack(ready.instance_id(), ready.buffer());
      return;
    }
    case proto::PluginToBrowser::kPong:
      pongs_.push_back(message.pong().cookie());
      return;
    case proto::PluginToBrowser::BODY_NOT_SET:
      return;
  }
}

void FakeBrowser::OnChannelClosed(ipc::CloseCause, const std::string& reason) {
  closed_ = true;
  close_reason_ = reason;
}

}  // namespace sandtab::plugin::test
