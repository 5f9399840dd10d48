#include "proto/schema_digest.h"

namespace sandtab::proto {

// SANDTAB_SCHEMA_DIGEST: the first 64 bits of the SHA-256 of every .proto
// file of the tree, named and in a fixed order (proto/CMakeLists.txt).
uint64_t SchemaDigest() { return SANDTAB_SCHEMA_DIGEST; }

}  // namespace sandtab::proto
