#include "ipc/frame.h"

#include <gtest/gtest.h>

#include "proto/renderer.pb.h"

namespace sandtab::ipc {
namespace {

TEST(FrameCodec, HeaderIsLittleEndianAndRoundTrips) {
  const FrameHeader header = EncodeFrameHeader(0x01020304u);
  EXPECT_EQ(header, (FrameHeader{0x04, 0x03, 0x02, 0x01}));
  for (uint32_t length : {1u, 255u, 256u, 65536u, kMaxFrameBytes, kMaxFrameBytes + 1, 0xffffffffu}) {
    EXPECT_EQ(DecodeFrameLength(EncodeFrameHeader(length).data()), length);
  }
}

TEST(FrameCodec, OnlyLengthsFromOneToTheCapMayTravel) {
  EXPECT_FALSE(IsValidFrameLength(0));
  EXPECT_TRUE(IsValidFrameLength(1));
  EXPECT_TRUE(IsValidFrameLength(kMaxFrameBytes));
  EXPECT_FALSE(IsValidFrameLength(kMaxFrameBytes + 1));
  EXPECT_EQ(FrameLengthError(1), "");
  EXPECT_EQ(FrameLengthError(0), "frame of length 0");
  EXPECT_EQ(FrameLengthError(kMaxFrameBytes + 1), "frame of 16777217 bytes exceeds the 16 MiB cap");
}

TEST(FrameCodec, EncodeFrameIsHeaderThenTheSerialisedMessage) {
  proto::BrowserToRenderer message;
  message.mutable_navigate()->set_url("sandtab://pages/index.html");
  Result<std::string> frame = EncodeFrame(message);
  ASSERT_TRUE(frame) << frame.error();
  const std::string body = message.SerializeAsString();
  ASSERT_EQ(frame->size(), kFrameHeaderBytes + body.size());
  EXPECT_EQ(DecodeFrameLength(reinterpret_cast<const uint8_t*>(frame->data())), body.size());
  EXPECT_EQ(frame->substr(kFrameHeaderBytes), body);
}

TEST(FrameCodec, AnEmptyMessageCannotTravel) {
  // A frame of length 0 is a protocol error at the reader: never write one.
  Result<std::string> frame = EncodeFrame(proto::BrowserToRenderer());
  ASSERT_FALSE(frame);
  EXPECT_NE(frame.error().find("0 bytes"), std::string::npos) << frame.error();
}

}  // namespace
}  // namespace sandtab::ipc
