#include "ipc/handshake.h"

#include <unistd.h>

#include <cstdio>
#include <string>

#include "proto/schema_digest.h"

namespace sandtab::ipc {

const char* ProcessTypeName(proto::ProcessType type) {
  switch (type) {
    case proto::PROCESS_TYPE_BROWSER:
      return "browser";
    case proto::PROCESS_TYPE_RENDERER:
      return "renderer";
    case proto::PROCESS_TYPE_PLUGIN:
      return "plugin";
    case proto::PROCESS_TYPE_ZYGOTE:
      return "zygote";
    default:
      return "unknown";
  }
}

void FillHello(proto::ProcessType self, proto::Hello* hello) {
  hello->set_protocol_version(proto::kProtocolVersion);
  hello->set_schema_digest(proto::SchemaDigest());
  hello->set_process_type(self);
  hello->set_pid(static_cast<int32_t>(::getpid()));
}

Status CheckHello(const proto::Hello& peer, proto::ProcessType expected_peer) {
  if (peer.protocol_version() != proto::kProtocolVersion || peer.schema_digest() != proto::SchemaDigest()) {
    return Error{"protocol mismatch: this side speaks version " + std::to_string(proto::kProtocolVersion) + " schema " +
                 DigestText(proto::SchemaDigest()) + ", the " + ProcessTypeName(peer.process_type()) +
                 " speaks version " + std::to_string(peer.protocol_version()) + " schema " +
                 DigestText(peer.schema_digest())};
  }
  if (peer.process_type() != expected_peer) {
    return Error{std::string("expected a ") + ProcessTypeName(expected_peer) + " but a " +
                 ProcessTypeName(peer.process_type()) + " said hello"};
  }
  return OkStatus();
}

std::string DigestText(uint64_t digest) {
  char text[24];
  std::snprintf(text, sizeof(text), "%016llx", static_cast<unsigned long long>(digest));
  return text;
}

}  // namespace sandtab::ipc
