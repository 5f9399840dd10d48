#ifndef SANDTAB_IPC_HANDSHAKE_H_
#define SANDTAB_IPC_HANDSHAKE_H_

#include "ipc/result.h"
#include "proto/common.pb.h"

namespace sandtab::ipc {

// This process's Hello: protocol version, schema digest, type and pid.
void FillHello(proto::ProcessType self, proto::Hello* hello);

// Checks a peer's Hello. A mismatch names both sides' values, so two builds
// that disagree about the protocol refuse each other with a teachable error.
Status CheckHello(const proto::Hello& peer, proto::ProcessType expected_peer);

const char* ProcessTypeName(proto::ProcessType type);

}  // namespace sandtab::ipc

#endif  // SANDTAB_IPC_HANDSHAKE_H_
