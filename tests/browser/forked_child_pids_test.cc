#include "browser/process/forked_child_pids.h"

#include <gtest/gtest.h>

namespace sandtab::browser {
namespace {

TEST(ForkedChildPids, TheChildUsuallySpeaksFirst) {
  ForkedChildPids pids;
  auto child = pids.OnChildWord(7, 3, 4242);
  ASSERT_TRUE(child) << child.error();
  EXPECT_FALSE(*child) << "no match before the zygote's word";
  auto zygote = pids.OnZygoteWord(7, 3);
  ASSERT_TRUE(zygote) << zygote.error();
  ASSERT_TRUE(*zygote);
  EXPECT_EQ((*zygote)->request_id, 7u);
  EXPECT_EQ((*zygote)->ns_pid, 3);
  EXPECT_EQ((*zygote)->pid, 4242);
  EXPECT_EQ(pids.size(), 0u) << "a match is forgotten";
}

TEST(ForkedChildPids, EitherOrderMatches) {
  ForkedChildPids pids;
  ASSERT_FALSE(*pids.OnZygoteWord(1, 5));
  ASSERT_FALSE(*pids.OnZygoteWord(2, 6));
  auto second = pids.OnChildWord(2, 6, 1006);
  ASSERT_TRUE(second && *second);
  EXPECT_EQ((*second)->pid, 1006);
  auto first = pids.OnChildWord(1, 5, 1005);
  ASSERT_TRUE(first && *first);
  EXPECT_EQ((*first)->pid, 1005);
}

TEST(ForkedChildPids, WordsThatDisagreeOrRepeatAreRefused) {
  ForkedChildPids pids;
  ASSERT_FALSE(*pids.OnZygoteWord(1, 5));
  auto mismatch = pids.OnChildWord(1, 9, 1009);
  ASSERT_FALSE(mismatch);
  EXPECT_NE(mismatch.error().find("says it is pid 9"), std::string::npos) << mismatch.error();

  ASSERT_FALSE(*pids.OnChildWord(2, 5, 1005));
  EXPECT_FALSE(pids.OnChildWord(2, 5, 1005)) << "a second child word";
  ASSERT_FALSE(*pids.OnZygoteWord(3, 5));
  EXPECT_FALSE(pids.OnZygoteWord(3, 5)) << "a second Forked";
}

TEST(ForkedChildPids, ASenderTheKernelDidNotNameIsRefused) {
  ForkedChildPids pids;
  EXPECT_FALSE(pids.OnChildWord(1, 5, 0)) << "no SCM_CREDENTIALS: the pid would be the child's own claim";
  EXPECT_FALSE(pids.OnChildWord(2, 0, 77));
  EXPECT_FALSE(pids.OnZygoteWord(3, -1));
}

TEST(ForkedChildPids, AChildThatEndedBeforeItSpokeNamesItsRequest) {
  ForkedChildPids pids;
  ASSERT_FALSE(*pids.OnZygoteWord(4, 11));
  ASSERT_FALSE(*pids.OnZygoteWord(5, 12));
  EXPECT_EQ(pids.ForgetSilentChild(12), 5u);
  EXPECT_EQ(pids.ForgetSilentChild(12), std::nullopt);
  EXPECT_EQ(pids.ForgetSilentChild(99), std::nullopt);
  ASSERT_FALSE(*pids.OnChildWord(6, 13, 1013));
  EXPECT_EQ(pids.ForgetSilentChild(13), std::nullopt) << "it spoke: the zygote's word is what is missing";
}

}  // namespace
}  // namespace sandtab::browser
