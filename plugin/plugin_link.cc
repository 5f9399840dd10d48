#include "plugin/plugin_link.h"

#include <time.h>

namespace sandtab::plugin {

int64_t MonotonicMicros() {
  timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return int64_t{now.tv_sec} * 1'000'000 + now.tv_nsec / 1000;
}

namespace {

// What every InstanceFrameReady says; painted_at_us is stamped as it goes.
proto::InstanceFrameReady* NewFrame(proto::PluginToBrowser* message, uint64_t instance_id, uint32_t buffer,
                                    uint64_t sequence) {
  proto::InstanceFrameReady* frame = message->mutable_frame_ready();
  frame->set_instance_id(instance_id);
  frame->set_buffer(buffer);
  frame->set_sequence(sequence);
  frame->set_painted_at_us(MonotonicMicros());
  return frame;
}

}  // namespace

void PluginLink::PresentInstanceFrame(uint64_t instance_id, uint32_t buffer, uint64_t sequence, int width, int height) {
  auto* message = channel_.Compose();
  proto::Rect* damage = NewFrame(message, instance_id, buffer, sequence)->mutable_damage();
  damage->set_width(width);
  damage->set_height(height);
  channel_.Send(message);
}

void PluginLink::PresentInstanceFrameOfNoBuffer(uint64_t instance_id) {
  auto* message = channel_.Compose();
  NewFrame(message, instance_id, /*buffer=*/7, /*sequence=*/1);  // only buffers 0 and 1 exist
  channel_.Send(message);
}

}  // namespace sandtab::plugin
