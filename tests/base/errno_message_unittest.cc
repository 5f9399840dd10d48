#include "base/errno_message.h"

#include <fcntl.h>
#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>

namespace sandtab {
namespace {

TEST(ErrnoMessage, NamesTheCallAndTheErrorGiven) {
  EXPECT_EQ(ErrnoMessage("open", ENOENT), std::string("open: ") + std::strerror(ENOENT));
}

TEST(ErrnoMessage, TakesErrnoAsItIsAtTheCall) {
  ASSERT_LT(::open("/nonexistent/sandtab", O_RDONLY | O_CLOEXEC), 0);
  const std::string message = ErrnoMessage("open /nonexistent/sandtab");
  EXPECT_EQ(message, std::string("open /nonexistent/sandtab: ") + std::strerror(ENOENT));
}

}  // namespace
}  // namespace sandtab
