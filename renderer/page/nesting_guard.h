// litehtml walks the element tree recursively (parse, style, layout, paint),
// so a document nested tens of thousands of levels deep overflows the stack
// (measured: 10,000 nested <div>s render, 20,000 crash with an 8 MiB stack).
// Chrome caps its DOM tree depth (512) for the same reason. We cannot hook
// litehtml's tree builder, so we estimate the depth on the raw bytes first
// and cut the document where it gets too deep.
#ifndef SANDTAB_RENDERER_PAGE_NESTING_GUARD_H_
#define SANDTAB_RENDERER_PAGE_NESTING_GUARD_H_

#include <cstddef>
#include <string_view>

namespace sandtab::renderer {

// Generous: real pages stay far below; the estimate over-counts sloppy
// markup (unclosed <div>s), and 5x below the measured crash depth.
inline constexpr int kMaxNestingDepth = 2000;

// The length of the longest prefix of `html` whose estimated element nesting
// stays within `max_depth` (html.size() if the whole document does). Counts
// start tags minus end tags, ignoring void elements, elements whose end tag
// is optional (p, li, td...: the parser closes them implicitly), comments,
// and the contents of raw-text elements (script, style, textarea, title).
size_t DepthSafePrefixLength(std::string_view html, int max_depth = kMaxNestingDepth);

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_PAGE_NESTING_GUARD_H_
