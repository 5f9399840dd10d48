#include "renderer/idle_buffer_discard.h"

#include <utility>

namespace sandtab::renderer {

IdleBufferDiscard::IdleBufferDiscard(boost::asio::io_context& io, std::chrono::milliseconds idle,
                                     std::function<void()> discard)
    : timer_(io), idle_(idle), discard_(std::move(discard)) {}

void IdleBufferDiscard::Touch() {
  last_touch_ = std::chrono::steady_clock::now();
  if (!armed_) ArmAt(last_touch_ + idle_);
}

void IdleBufferDiscard::ArmAt(std::chrono::steady_clock::time_point when) {
  armed_ = true;
  timer_.expires_at(when);
  timer_.async_wait([this](const boost::system::error_code& error) {
    if (error) return;  // the owner is going away
    const auto quiet_until = last_touch_ + idle_;
    if (std::chrono::steady_clock::now() < quiet_until) return ArmAt(quiet_until);
    armed_ = false;
    discard_();
  });
}

}  // namespace sandtab::renderer
