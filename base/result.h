#ifndef SANDTAB_BASE_RESULT_H_
#define SANDTAB_BASE_RESULT_H_

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace sandtab {

// What went wrong, in words a user can act on.
struct Error {
  std::string message;

  // The same failure seen one level up: "context: message".
  Error WithContext(std::string_view context) && { return Error{std::string(context) + ": " + std::move(message)}; }
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
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  // The failure's text, for messages and logs.
  const std::string& error() const { return std::get<1>(state_).message; }
  // The failure itself, to pass on unchanged (TRY, ASSIGN_OR_RETURN).
  Error TakeError() && { return std::move(std::get<1>(state_)); }

 private:
  std::variant<T, Error> state_;
};

// For operations that return nothing but may fail.
struct Ok {};
using Status = Result<Ok>;
inline Status OkStatus() { return Ok{}; }

}  // namespace sandtab

// Error propagation (Ladybird's TRY, Abseil's ASSIGN_OR_RETURN), for
// functions that return a Result or Status. An optional last argument names
// the step, and the failure travels on as "context: message".
//
//   TRY(buffer.Seal());                                  // a Status or any Result
//   ASSIGN_OR_RETURN(auto width, ReadNumber(in));        // declares width
//   ASSIGN_OR_RETURN(frame, Decode(bytes), "frame");     // assigns to frame
//
// Both are statements, not expressions, so a value is never copied and the
// macros need no compiler extension.
#define TRY(expr, ...) SANDTAB_TRY_IMPL(SANDTAB_RESULT_NAME(sandtab_try_, __LINE__), expr __VA_OPT__(, ) __VA_ARGS__)
#define ASSIGN_OR_RETURN(lhs, expr, ...) \
  SANDTAB_ASSIGN_OR_RETURN_IMPL(SANDTAB_RESULT_NAME(sandtab_result_, __LINE__), lhs, expr __VA_OPT__(, ) __VA_ARGS__)

// Implementation details of the two macros above.
#define SANDTAB_RESULT_CONCAT(a, b) a##b
#define SANDTAB_RESULT_NAME(prefix, line) SANDTAB_RESULT_CONCAT(prefix, line)
#define SANDTAB_FORWARD_ERROR(result, ...) std::move(result).TakeError() __VA_OPT__(.WithContext(__VA_ARGS__))
#define SANDTAB_TRY_IMPL(result, expr, ...)                                                             \
  do {                                                                                                  \
    if (auto result = (expr); !result) return SANDTAB_FORWARD_ERROR(result __VA_OPT__(, ) __VA_ARGS__); \
  } while (false)
#define SANDTAB_ASSIGN_OR_RETURN_IMPL(result, lhs, expr, ...)                   \
  auto result = (expr);                                                         \
  if (!result) return SANDTAB_FORWARD_ERROR(result __VA_OPT__(, ) __VA_ARGS__); \
  lhs = std::move(*result)

#endif  // SANDTAB_BASE_RESULT_H_
