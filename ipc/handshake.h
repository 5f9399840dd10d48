#ifndef SANDTAB_IPC_HANDSHAKE_H_
#define SANDTAB_IPC_HANDSHAKE_H_

#include <cstdint>
#include <string>

#include "base/result.h"
#include "proto/common.pb.h"

namespace sandtab::ipc {

// This process's Hello: protocol version, schema digest, type and pid.
void FillHello(proto::ProcessType self, proto::Hello* hello);

// Checks a peer's Hello. A mismatch names both sides' values, so two builds
// that disagree about the protocol refuse each other with a teachable error.
Status CheckHello(const proto::Hello& peer, proto::ProcessType expected_peer);

const char* ProcessTypeName(proto::ProcessType type);
// A schema digest as CheckHello's refusal writes it: 16 hex digits.
std::string DigestText(uint64_t digest);

// The Hello gate of every channel end: the peer's first message must be a
// Hello from the expected type that CheckHello accepts. The error is the
// reason the end gives up with (the child stops; the browser reports a bad
// message). ChildEndpoint calls it for the renderer and the plugin; the
// blocking zygote, which has no event loop, calls it directly.
template <typename Incoming>
Status CheckOpeningHello(const Incoming& first, proto::ProcessType expected_peer) {
  if (!first.has_hello()) return Error{"first message is not Hello"};
  Status hello = CheckHello(first.hello(), expected_peer);
  if (!hello) return Error{"Hello: " + hello.error()};
  return OkStatus();
}

}  // namespace sandtab::ipc

#endif  // SANDTAB_IPC_HANDSHAKE_H_
