// Limits both ends of the renderer channel agree on. The browser treats a
// message past them as a bad message (it kills the sender); an honest
// renderer stays inside them whatever the page it renders holds.
#ifndef SANDTAB_PROTO_LIMITS_H_
#define SANDTAB_PROTO_LIMITS_H_

#include <cstddef>

namespace sandtab::proto {

// The longest URL in a FetchRequest or NavigateRequest: Chrome's own cap
// (url::kMaxURLChars). data: URLs of inline images easily pass 64 KiB.
inline constexpr size_t kMaxUrlBytes = 2u << 20;

}  // namespace sandtab::proto

#endif  // SANDTAB_PROTO_LIMITS_H_
