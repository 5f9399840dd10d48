// litehtml walks the element tree recursively (parse, style, layout, paint),
// so a document nested tens of thousands of levels deep overflows the stack,
// and several of its walks cost depth x depth (inherited properties are
// looked up through every ancestor; the numbers are in
// docs/performance-history.md, "Deep nesting"). Chrome's
// parser stops nesting at 512 and puts deeper elements beside one another
// instead. We cannot hook litehtml's tree builder, so the same is done to the
// markup first: an element that would nest deeper is closed at once, and its
// end tag dropped, so its content follows it at the limit's depth. None of
// the document's content is lost.
#ifndef SANDTAB_RENDERER_PAGE_CSS_NESTING_GUARD_H_
#define SANDTAB_RENDERER_PAGE_CSS_NESTING_GUARD_H_

#include <string>
#include <string_view>

namespace sandtab::renderer {

// Chrome's limit. The estimate counts only elements that nest (see below),
// so the tree litehtml builds can be somewhat deeper: far below the depth
// that overflows the stack.
inline constexpr int kMaxNestingDepth = 512;

// `html` with every element that would nest deeper than `max_depth` flattened
// as above (an unchanged copy if none does). The depth is estimated on the
// bytes: start tags minus end tags, ignoring void elements, elements whose end
// tag is optional (p, li, td...: the parser closes them implicitly), comments,
// and raw-text elements (script, style, textarea, title, xmp) with their
// contents. "<div/>" opens a div, as it does for the HTML parser; inside
// <svg> and <math> "/>" closes the element.
std::string FlattenDeepNesting(std::string_view html, int max_depth = kMaxNestingDepth);

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_PAGE_CSS_NESTING_GUARD_H_
