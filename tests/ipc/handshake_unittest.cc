#include "ipc/handshake.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "proto/schema_digest.h"

namespace sandtab::ipc {
namespace {

TEST(HandshakeTest, OwnHelloIsAccepted) {
  proto::Hello hello;
  FillHello(proto::PROCESS_TYPE_RENDERER, &hello);
  EXPECT_EQ(hello.pid(), ::getpid());
  EXPECT_EQ(hello.schema_digest(), proto::SchemaDigest());
  Status status = CheckHello(hello, proto::PROCESS_TYPE_RENDERER);
  EXPECT_TRUE(status) << status.error();
}

TEST(HandshakeTest, SchemaMismatchNamesBothDigests) {
  proto::Hello hello;
  FillHello(proto::PROCESS_TYPE_RENDERER, &hello);
  hello.set_schema_digest(0x0123456789abcdefULL);
  Status status = CheckHello(hello, proto::PROCESS_TYPE_RENDERER);
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().find(DigestText(proto::SchemaDigest())), std::string::npos) << status.error();
  EXPECT_NE(status.error().find("0123456789abcdef"), std::string::npos) << status.error();
  EXPECT_NE(status.error().find("renderer"), std::string::npos) << status.error();
}

TEST(HandshakeTest, VersionMismatchNamesBothVersions) {
  proto::Hello hello;
  FillHello(proto::PROCESS_TYPE_PLUGIN, &hello);
  hello.set_protocol_version(proto::kProtocolVersion + 41);
  Status status = CheckHello(hello, proto::PROCESS_TYPE_PLUGIN);
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().find("version " + std::to_string(proto::kProtocolVersion)), std::string::npos)
      << status.error();
  EXPECT_NE(status.error().find("version " + std::to_string(proto::kProtocolVersion + 41)), std::string::npos)
      << status.error();
}

TEST(HandshakeTest, WrongPeerTypeIsRefused) {
  proto::Hello hello;
  FillHello(proto::PROCESS_TYPE_PLUGIN, &hello);
  Status status = CheckHello(hello, proto::PROCESS_TYPE_RENDERER);
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().find("expected a renderer but a plugin"), std::string::npos) << status.error();
}

}  // namespace
}  // namespace sandtab::ipc
