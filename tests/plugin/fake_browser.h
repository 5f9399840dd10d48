#ifndef SANDTAB_TESTS_PLUGIN_FAKE_BROWSER_H_
#define SANDTAB_TESTS_PLUGIN_FAKE_BROWSER_H_

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "ipc/message_channel.h"
#include "ipc/shared_buffer.h"
#include "proto/plugin.pb.h"

namespace sandtab::plugin::test {

// The browser's end of a plugin channel, for tests: real socket, real sealed
// memfds, the same MessageChannel the browser uses (rejecting fds from the
// child). It records what the plugin sends in vectors reserved up front, so
// a steady stream of frames allocates nothing on this side either.
class FakeBrowser : private ipc::MessageChannel<proto::PluginToBrowser, proto::BrowserToPlugin>::Delegate {
 public:
  struct Frame {
    uint64_t instance_id;
    uint32_t buffer;
    uint64_t sequence;
    int damage_x, damage_y, damage_width, damage_height;
    int64_t painted_at_us;
  };
  struct InstanceBuffers {
    int width = 0, height = 0;
    std::vector<ipc::SharedBuffer> buffers;  // 2
  };

  FakeBrowser(boost::asio::io_context& io, UniqueFd socket);
  ~FakeBrowser() override;

  void SendHello();
  // Creates two sealed buffers, sends them with CreateInstance. False if the
  // buffers could not be made or the channel is closed.
  bool CreateInstance(uint64_t id, int width, int height,
                      const std::vector<std::pair<std::string, std::string>>& params);
  void Ack(uint64_t id, uint32_t buffer);
  void Click(uint64_t id, int x, int y);
  void Ping(uint64_t cookie);
  void Destroy(uint64_t id);
  // Sends a prepared message with fds (for protocol-error tests).
  void SendRaw(proto::BrowserToPlugin* message, std::vector<UniqueFd> fds);
  proto::BrowserToPlugin* Compose() { return channel_.Compose(); }
  void Close() { channel_.Close(); }

  // Runs the loop until `done()` or `timeout`; returns done().
  bool RunUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout);
  // Runs the loop for `duration` (to show that nothing arrives).
  void RunFor(std::chrono::milliseconds duration);

  // Acks every frame as soon as it arrives (a browser compositing at once).
  void set_auto_ack(bool auto_ack) { auto_ack_ = auto_ack; }

  bool hello_received() const { return hello_received_; }
  const proto::Hello& hello() const { return hello_; }
  const std::vector<Frame>& frames() const { return frames_; }
  size_t FrameCount(uint64_t id) const;
  const Frame* LastFrame(uint64_t id) const;
  const std::vector<uint64_t>& pongs() const { return pongs_; }
  bool closed() const { return closed_; }
  const std::string& close_reason() const { return close_reason_; }
  // The pixels of one buffer of an instance (as the browser maps them).
  std::span<const uint8_t> Pixels(uint64_t id, uint32_t buffer) const;
  // 0xRRGGBB at (x, y) of the buffer the last frame of `id` named.
  unsigned LastFrameRgb(uint64_t id, int x, int y) const;

 private:
  void OnMessage(const proto::PluginToBrowser& message, std::vector<UniqueFd> fds) override;
  void OnChannelClosed(ipc::CloseCause cause, const std::string& reason) override;

  boost::asio::io_context& io_;
  ipc::MessageChannel<proto::PluginToBrowser, proto::BrowserToPlugin> channel_;
  bool auto_ack_ = false;
  bool hello_received_ = false;
  proto::Hello hello_;
  std::vector<Frame> frames_;
  std::vector<uint64_t> pongs_;
  bool closed_ = false;
  std::string close_reason_;
  std::map<uint64_t, InstanceBuffers> instances_;
};

}  // namespace sandtab::plugin::test

#endif  // SANDTAB_TESTS_PLUGIN_FAKE_BROWSER_H_
