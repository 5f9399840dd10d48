// The one network namespace every sandboxed child joins: started early,
// waited for once, the same for every caller, and never ours.
#include "sandbox/shared_net_namespace.h"

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace sandtab::sandbox {
namespace {

ino_t NamespaceInode(int fd) {
  struct stat st {};
  return ::fstat(fd, &st) == 0 ? st.st_ino : 0;
}

ino_t OurNetNamespace() {
  struct stat st {};
  return ::stat("/proc/thread-self/ns/net", &st) == 0 ? st.st_ino : 0;
}

TEST(SharedNetNamespaceTest, StartedEarlyItIsOneEmptyNamespaceForEveryCaller) {
  if (::geteuid() != 0) GTEST_SKIP() << "only root shares one namespace; others clone their own per child";
  StartSharedNetNamespace();
  StartSharedNetNamespace();  // idempotent
  std::vector<int> fds(4, -2);
  std::vector<std::thread> callers;
  for (int& fd : fds) callers.emplace_back([&fd] { fd = SharedNetNamespaceFd(); });
  for (std::thread& caller : callers) caller.join();
  ASSERT_GE(fds[0], 0);
  for (int fd : fds) EXPECT_EQ(fd, fds[0]) << "one namespace, one fd";
  const ino_t shared = NamespaceInode(fds[0]);
  EXPECT_NE(shared, 0u);
  EXPECT_NE(shared, OurNetNamespace()) << "this thread kept the host network";
}

}  // namespace
}  // namespace sandtab::sandbox
