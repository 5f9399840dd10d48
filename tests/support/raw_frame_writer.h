#ifndef SANDTAB_TESTS_SUPPORT_RAW_FRAME_WRITER_H_
#define SANDTAB_TESTS_SUPPORT_RAW_FRAME_WRITER_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace google::protobuf {
class MessageLite;
}

namespace sandtab::test {

// Plays a peer that may break every rule: writes arbitrary bytes, lengths and
// fds to a blocking socket, one sendmsg per call, so tests control exactly
// which bytes travel with which fds. Blocks until everything is written, so
// writes larger than the socket buffer must run on another thread while the
// reader's loop runs.
class RawFrameWriter {
 public:
  explicit RawFrameWriter(int socket) : socket_(socket) {}

  // A 4-byte little-endian length header.
  static std::vector<uint8_t> Header(uint32_t length);
  // Header(body.size()) followed by body.
  static std::vector<uint8_t> Frame(std::span<const uint8_t> body);
  static std::vector<uint8_t> Frame(const google::protobuf::MessageLite& message);

  // Writes `bytes`, with `fds` attached to the first sendmsg. False on error.
  bool Write(std::span<const uint8_t> bytes, std::span<const int> fds = {});
  // Writes `bytes` one byte per sendmsg.
  bool WriteByteByByte(std::span<const uint8_t> bytes);
  // Shuts down the write side (the reader sees EOF).
  void ShutdownWrite();

 private:
  int socket_;
};

}  // namespace sandtab::test

#endif  // SANDTAB_TESTS_SUPPORT_RAW_FRAME_WRITER_H_
