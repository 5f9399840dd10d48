#include "ipc/fetch_body.h"

#include <cstdint>
#include <span>

namespace sandtab::ipc {

Status AttachFetchBody(std::string body, proto::FetchResponse* response, std::vector<UniqueFd>* fds) {
  if (!BodyTravelsInMemory(body.size())) {
    response->set_body(std::move(body));
    return OkStatus();
  }
  ASSIGN_OR_RETURN(
      SharedBuffer buffer,
      SharedBuffer::CreateFrozen({reinterpret_cast<const uint8_t*>(body.data()), body.size()}, "sandtab-body"));
  ASSIGN_OR_RETURN(UniqueFd fd, buffer.Duplicate());
  response->set_body_size(body.size());
  fds->push_back(std::move(fd));
  return OkStatus();
}

Result<ReceivedFetchBody> ReceivedFetchBody::Read(const proto::FetchResponse& response, std::vector<UniqueFd>& fds) {
  ReceivedFetchBody body;
  if (fds.empty()) {
    body.bytes_ = response.body();
    return body;
  }
  ASSIGN_OR_RETURN(SharedBuffer mapping, SharedBuffer::AdoptFrozen(std::move(fds[0]), response.body_size()));
  std::span<const uint8_t> bytes = mapping.bytes();
  body.bytes_ = {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
  // Moving a SharedBuffer keeps its mapping where it is: the view stays valid.
  body.mapping_ = std::move(mapping);
  return body;
}

}  // namespace sandtab::ipc
