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

// SetSurface: a tab's surface is at most this wide and this tall, in pixels
// (two buffers of 8192 x 8192 x 4 bytes = 256 MiB each at the most).
inline constexpr int kMaxSurfaceSide = 8192;

// Whether a surface of `width` x `height` pixels may be shared.
constexpr bool SurfaceSizeFits(long long width, long long height) {
  return width > 0 && height > 0 && width <= kMaxSurfaceSide && height <= kMaxSurfaceSide;
}

// DocumentInfo.title.
inline constexpr size_t kMaxTitleBytes = 1024;

// Scripts (DESIGN section 13).
inline constexpr size_t kMaxEvalBytes = 64 * 1024;       // Evaluate.expression
inline constexpr size_t kMaxEvalResultBytes = 1u << 20;  // EvalResult.value / error
inline constexpr size_t kMaxConsoleTextBytes = 4096;     // ConsoleMessage.text (MakeConsoleLine's bound)
inline constexpr size_t kMaxConsoleSourceBytes = 1024;   // ConsoleMessage.source
inline constexpr size_t kMaxDomDumpBytes = 8u << 20;     // DomDump.html (a frame holds 16 MiB)
inline constexpr size_t kMaxKeyBytes = 32;               // KeyPress.key
inline constexpr size_t kMaxFetchBodyBytes = 1u << 20;   // FetchRequest.body (a fetch() POST)

// The storage channel (DESIGN section 14). A cookie line longer than any
// the browser keeps (RFC 6265bis: 4096 bytes of name and value, plus
// attributes); a localStorage item past what the 5 MiB UTF-16 quota could
// ever hold (2.5 Mi code units of 3 UTF-8 bytes each).
inline constexpr size_t kMaxCookieLineBytes = 8192;                 // CookieWrite.line
inline constexpr size_t kMaxStorageItemBytes = (5u << 20) / 2 * 3;  // StorageWrite key + value

// DocumentInfo.embeds: the plugin instances the browser would create. An
// embed past these gets no instance (the renderer leaves it out).
inline constexpr int kMaxEmbeds = 64;
inline constexpr int kMaxEmbedSide = 4096;         // width and height, px
inline constexpr int kMaxEmbedPosition = 1 << 24;  // x and y in the document, px
inline constexpr size_t kMaxEmbedTypeBytes = 256;
inline constexpr int kMaxEmbedParams = 32;
inline constexpr size_t kMaxEmbedParamBytes = 64 * 1024;  // name + value

// Whether an embed's box is one the browser hosts: positive, at most
// kMaxEmbedSide a side, placed within [0, kMaxEmbedPosition].
constexpr bool EmbedRectFits(long long x, long long y, long long width, long long height) {
  return width > 0 && height > 0 && width <= kMaxEmbedSide && height <= kMaxEmbedSide && x >= 0 && y >= 0 &&
         x <= kMaxEmbedPosition && y <= kMaxEmbedPosition;
}

}  // namespace sandtab::proto

#endif  // SANDTAB_PROTO_LIMITS_H_
