#include "proto/schema_digest.h"

#include <google/protobuf/descriptor.pb.h>

#include <string>

#include "proto/common.pb.h"
#include "proto/death_record.pb.h"
#include "proto/plugin.pb.h"
#include "proto/zygote.pb.h"
#include "proto/renderer.pb.h"

namespace sandtab::proto {
namespace {

uint64_t Fnv1a(uint64_t hash, const std::string& bytes) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

uint64_t ComputeDigest() {
  uint64_t hash = 14695981039346656037ull;
  // Every schema file of every channel, in a fixed order.
  const google::protobuf::FileDescriptor* files[] = {
      Hello::descriptor()->file(),           BrowserToRenderer::descriptor()->file(),
      BrowserToPlugin::descriptor()->file(), BrowserToZygote::descriptor()->file(),
      DeathRecord::descriptor()->file(),
  };
  for (const auto* file : files) {
    google::protobuf::FileDescriptorProto proto;
    file->CopyTo(&proto);
    std::string bytes;
    proto.SerializeToString(&bytes);
    hash = Fnv1a(hash, bytes);
  }
  return hash;
}

}  // namespace

uint64_t SchemaDigest() {
  static const uint64_t digest = ComputeDigest();
  return digest;
}

}  // namespace sandtab::proto
