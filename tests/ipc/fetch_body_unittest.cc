#include "ipc/fetch_body.h"

#include <gtest/gtest.h>

namespace sandtab::ipc {
namespace {

TEST(FetchBody, UpTo64KiBTravelsInsideTheMessage) {
  proto::FetchResponse response;
  std::vector<UniqueFd> fds;
  ASSERT_TRUE(AttachFetchBody(std::string(kMaxInlineBodyBytes, 'a'), &response, &fds));
  EXPECT_TRUE(fds.empty());
  EXPECT_EQ(response.body().size(), kMaxInlineBodyBytes);
  EXPECT_EQ(response.body_size(), 0u);

  Result<ReceivedFetchBody> received = ReceivedFetchBody::Read(response, fds);
  ASSERT_TRUE(received) << received.error();
  EXPECT_EQ(received->bytes(), std::string(kMaxInlineBodyBytes, 'a'));
}

TEST(FetchBody, LargerTravelsInAFrozenMemfdReadInPlace) {
  proto::FetchResponse response;
  std::vector<UniqueFd> fds;
  std::string body(kMaxInlineBodyBytes + 1, 'b');
  body.back() = 'z';
  ASSERT_TRUE(AttachFetchBody(body, &response, &fds));
  ASSERT_EQ(fds.size(), 1u);
  EXPECT_TRUE(response.body().empty());
  EXPECT_EQ(response.body_size(), body.size());

  Result<ReceivedFetchBody> received = ReceivedFetchBody::Read(response, fds);
  ASSERT_TRUE(received) << received.error();
  ReceivedFetchBody moved = std::move(*received);  // the view survives a move
  EXPECT_EQ(moved.bytes(), body);
}

TEST(FetchBody, AMemfdOfAnotherSizeThanAnnouncedIsRefused) {
  proto::FetchResponse response;
  std::vector<UniqueFd> fds;
  ASSERT_TRUE(AttachFetchBody(std::string(kMaxInlineBodyBytes * 2, 'c'), &response, &fds));
  response.set_body_size(kMaxInlineBodyBytes * 3);
  EXPECT_FALSE(ReceivedFetchBody::Read(response, fds));
}

TEST(FetchBody, AWritableMemfdIsRefused) {
  // A body the sender could still change under the reader is not a body.
  Result<SharedBuffer> writable = SharedBuffer::Create(kMaxInlineBodyBytes * 2, "test", Access::kReadOnly);
  ASSERT_TRUE(writable) << writable.error();
  Result<UniqueFd> fd = writable->Duplicate();
  ASSERT_TRUE(fd) << fd.error();
  std::vector<UniqueFd> fds;
  fds.push_back(std::move(*fd));
  proto::FetchResponse response;
  response.set_body_size(kMaxInlineBodyBytes * 2);
  EXPECT_FALSE(ReceivedFetchBody::Read(response, fds));
}

}  // namespace
}  // namespace sandtab::ipc
