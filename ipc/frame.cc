#include "ipc/frame.h"

#include <google/protobuf/message_lite.h>

namespace sandtab::ipc {

std::string FrameLengthError(uint32_t length) {
  if (length == 0) return "frame of length 0";
  if (length > kMaxFrameBytes) return "frame of " + std::to_string(length) + " bytes exceeds the 16 MiB cap";
  return {};
}

Result<std::string> EncodeFrame(const google::protobuf::MessageLite& message) {
  const size_t length = message.ByteSizeLong();
  if (!IsValidFrameLength(length)) {
    return Error{"cannot send a " + message.GetTypeName() + " of " + std::to_string(length) + " bytes in one frame"};
  }
  std::string frame(kFrameHeaderBytes + length, '\0');
  EncodeFrameHeader(static_cast<uint32_t>(length), reinterpret_cast<uint8_t*>(frame.data()));
  message.SerializeWithCachedSizesToArray(reinterpret_cast<uint8_t*>(frame.data()) + kFrameHeaderBytes);
  return frame;
}

}  // namespace sandtab::ipc
