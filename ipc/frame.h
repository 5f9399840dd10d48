// The frame codec: how one message travels on a channel's byte stream,
// written down once. Channel and the blocking zygote encode headers here,
// FrameReader decodes them here, and the tests' raw writer and the fuzzers
// build their hostile frames with the same functions.
#ifndef SANDTAB_IPC_FRAME_H_
#define SANDTAB_IPC_FRAME_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "base/result.h"

namespace google::protobuf {
class MessageLite;
}

namespace sandtab::ipc {

// Frame = 4-byte little-endian length N (1 <= N <= 16 MiB), then N bytes.
inline constexpr uint32_t kMaxFrameBytes = 16u << 20;
inline constexpr size_t kFrameHeaderBytes = 4;

using FrameHeader = std::array<uint8_t, kFrameHeaderBytes>;

// Whether a body of `length` bytes may travel in one frame.
constexpr bool IsValidFrameLength(uint64_t length) { return length >= 1 && length <= kMaxFrameBytes; }

// Writes the header of a `length`-byte body to out[0..3]. Any length is
// encoded as asked: hostile tests announce lengths past the cap on purpose.
inline void EncodeFrameHeader(uint32_t length, uint8_t* out) {
  out[0] = static_cast<uint8_t>(length);
  out[1] = static_cast<uint8_t>(length >> 8);
  out[2] = static_cast<uint8_t>(length >> 16);
  out[3] = static_cast<uint8_t>(length >> 24);
}
inline FrameHeader EncodeFrameHeader(uint32_t length) {
  FrameHeader header;
  EncodeFrameHeader(length, header.data());
  return header;
}

// The length a header announces, unchecked (a reader checks it with
// IsValidFrameLength before it allocates anything for the body).
inline uint32_t DecodeFrameLength(const uint8_t* header) {
  return uint32_t{header[0]} | uint32_t{header[1]} << 8 | uint32_t{header[2]} << 16 | uint32_t{header[3]} << 24;
}

// Why a reader refuses a frame announcing `length` bytes ("" when it may
// travel): the one wording of both refusals.
std::string FrameLengthError(uint32_t length);

// `message` as one whole frame (header and body), for writers that block on
// a plain socket. An error when it serialises to no bytes or past the cap.
Result<std::string> EncodeFrame(const google::protobuf::MessageLite& message);

}  // namespace sandtab::ipc

#endif  // SANDTAB_IPC_FRAME_H_
