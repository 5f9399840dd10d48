#include "base/weak_anchor.h"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <optional>

namespace sandtab {
namespace {

TEST(WeakAnchor, TokensDieWithTheAnchor) {
  std::optional<WeakAnchor> anchor(std::in_place);
  WeakAnchor::Token token = anchor->token();
  EXPECT_TRUE(token.Alive());
  anchor.reset();
  EXPECT_FALSE(token.Alive());
}

TEST(WeakAnchor, InvalidateKillsEveryTokenAndTheOnesTakenLater) {
  WeakAnchor anchor;
  WeakAnchor::Token before = anchor.token();
  anchor.Invalidate();
  EXPECT_FALSE(anchor.valid());
  EXPECT_FALSE(before.Alive());
  EXPECT_FALSE(anchor.token().Alive());
}

TEST(WeakAnchor, ADefaultTokenIsNeverAlive) { EXPECT_FALSE(WeakAnchor::Token().Alive()); }

// The use it exists for: a callback that destroys its caller's owner.
TEST(WeakAnchor, ACallerSeesThatACallbackDestroyedItsOwner) {
  struct Owner {
    std::function<void()> on_event;
    WeakAnchor anchor;
    bool Fire() {
      WeakAnchor::Token token = anchor.token();
      on_event();
      return token.Alive();  // touching `this` after this line would be a use after free
    }
  };
  auto owner = std::make_unique<Owner>();
  owner->on_event = [] {};
  EXPECT_TRUE(owner->Fire());
  Owner* raw = owner.get();
  raw->on_event = [&owner] { owner.reset(); };
  EXPECT_FALSE(raw->Fire());
  EXPECT_EQ(owner, nullptr);
}

}  // namespace
}  // namespace sandtab
