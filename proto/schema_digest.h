#ifndef SANDTAB_PROTO_SCHEMA_DIGEST_H_
#define SANDTAB_PROTO_SCHEMA_DIGEST_H_

#include <cstdint>

namespace sandtab::proto {

// Bumped on any change that breaks an older peer even if the digest matched.
inline constexpr uint32_t kProtocolVersion = 1;

// A hash of every .proto file this build was compiled from, fixed when the
// build was configured. Two builds that disagree about any message (or only
// about a .proto's comments) refuse each other in the Hello handshake.
uint64_t SchemaDigest();

}  // namespace sandtab::proto

#endif  // SANDTAB_PROTO_SCHEMA_DIGEST_H_
