// Whether an owner still exists, for callbacks that may run after it is gone:
// a timer's handler, a loader's answer posted to the loop, a child's callback
// that may destroy the object that called it. The owner holds a WeakAnchor;
// each callback captures a token and asks it first. One type for what used
// to be a shared_ptr<int>, a shared_ptr<bool> and a bool flag in each class.
// A token may travel through a worker thread (BlockingWorker) but is asked
// only on the owner's own thread, where the anchor dies: no race.
#ifndef SANDTAB_BASE_WEAK_ANCHOR_H_
#define SANDTAB_BASE_WEAK_ANCHOR_H_

#include <memory>

namespace sandtab {

class WeakAnchor {
 public:
  class Token {
   public:
    Token() = default;  // never alive
    // False once the anchor was destroyed or invalidated.
    bool Alive() const { return !life_.expired(); }

   private:
    friend class WeakAnchor;
    explicit Token(const std::shared_ptr<const char>& life) : life_(life) {}
    std::weak_ptr<const char> life_;
  };

  WeakAnchor() : life_(std::make_shared<const char>()) {}
  WeakAnchor(const WeakAnchor&) = delete;
  WeakAnchor& operator=(const WeakAnchor&) = delete;

  Token token() const { return Token(life_); }
  // Kills every token now, for an owner that stops before it is destroyed;
  // tokens taken afterwards are dead too.
  void Invalidate() { life_.reset(); }
  bool valid() const { return life_ != nullptr; }

 private:
  std::shared_ptr<const char> life_;
};

}  // namespace sandtab

#endif  // SANDTAB_BASE_WEAK_ANCHOR_H_
