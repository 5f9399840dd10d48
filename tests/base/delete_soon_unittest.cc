#include "base/delete_soon.h"

#include <gtest/gtest.h>

#include <functional>
#include <vector>

namespace sandtab::test_loop {

// A loop of our own: base/ knows no Asio, only a `post` it finds by lookup.
struct Loop {
  std::vector<std::function<void()>> queued;
  void RunOnce() {
    auto batch = std::move(queued);
    queued.clear();
    for (auto& handler : batch) handler();
  }
};
template <typename Handler>
void post(Loop& loop, Handler handler) {
  loop.queued.push_back(std::move(handler));
}

struct Counted {
  explicit Counted(int* destroyed) : destroyed(destroyed) {}
  ~Counted() { ++*destroyed; }
  int* destroyed;
};

TEST(DeleteSoon, DestroysOnTheNextTurnNotNow) {
  Loop loop;
  int destroyed = 0;
  DeleteSoon(loop, std::make_unique<Counted>(&destroyed));
  EXPECT_EQ(destroyed, 0) << "destroyed while its caller may still be on the stack";
  loop.RunOnce();
  EXPECT_EQ(destroyed, 1);
}

TEST(DeleteSoon, NothingIsPostedForNothing) {
  Loop loop;
  DeleteSoon(loop, std::unique_ptr<Counted>());
  EXPECT_TRUE(loop.queued.empty());
}

}  // namespace sandtab::test_loop
