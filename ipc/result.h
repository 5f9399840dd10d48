#ifndef SANDTAB_IPC_RESULT_H_
#define SANDTAB_IPC_RESULT_H_

#include <string>
#include <utility>
#include <variant>

namespace sandtab {

// What went wrong, in words a user can act on.
struct Error {
  std::string message;
};

// The one return type for fallible operations (C++23's std::expected is not
// in this toolchain). Exceptions stay out of the event loops.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Error error) : state_(std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(state_); }
  const T& value() const { return std::get<0>(state_); }
  T& operator*() { return value(); }
  T* operator->() { return &value(); }
  const std::string& error() const { return std::get<1>(state_).message; }

 private:
  std::variant<T, Error> state_;
};

// For operations that return nothing but may fail.
struct Ok {};
using Status = Result<Ok>;
inline Status OkStatus() { return Ok{}; }

}  // namespace sandtab

#endif  // SANDTAB_IPC_RESULT_H_
