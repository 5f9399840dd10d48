#include "plugin/plugin_link.h"

#include <time.h>

namespace sandtab::plugin {

int64_t MonotonicMicros() {
  timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return int64_t{now.tv_sec} * 1'000'000 + now.tv_nsec / 1000;
}

void PluginLink::PresentInstanceFrame(uint64_t instance_id, uint32_t buffer, uint64_t sequence, int width,
                                      int height) {
  auto* message = channel_.Compose();
  auto* frame = message->mutable_frame_ready();
  frame->set_instance_id(instance_id);
  frame->set_buffer(buffer);
  frame->set_sequence(sequence);
  frame->mutable_damage()->set_width(width);
  frame->mutable_damage()->set_height(height);
  frame->set_painted_at_us(MonotonicMicros());
  channel_.Send(message);
}

void PluginLink::PresentInstanceFrameOfNoBuffer(uint64_t instance_id) {
  auto* message = channel_.Compose();
  auto* frame = message->mutable_frame_ready();
  frame->set_instance_id(instance_id);
  frame->set_buffer(7);  // only 0 and 1 exist
  frame->set_sequence(1);
  frame->set_painted_at_us(MonotonicMicros());
  channel_.Send(message);
}

}  // namespace sandtab::plugin
