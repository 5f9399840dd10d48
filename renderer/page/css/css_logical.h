// CSS Logical Properties (margin-inline, padding-block-start,
// border-inline-end, inline-size, inset-block, ...), which litehtml 0.6
// does not know, as the physical properties they mean. litehtml lays all
// text out left to right and top to bottom (no `direction`, no
// `writing-mode`), so inline-start is left, inline-end right, block-start
// top and block-end bottom, always.
#ifndef SANDTAB_RENDERER_PAGE_CSS_CSS_LOGICAL_H_
#define SANDTAB_RENDERER_PAGE_CSS_CSS_LOGICAL_H_

#include <string>
#include <string_view>

namespace sandtab::renderer {

// One declaration ("  name: value", no ';') with a logical property as
// the physical declarations it stands for ("margin-inline: 1px 2px" ->
// "margin-left: 1px;margin-right: 2px", `!important` kept on each); any
// other declaration, or one whose value has the wrong number of parts,
// unchanged.
std::string PhysicalDeclarations(std::string_view declaration);

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_PAGE_CSS_CSS_LOGICAL_H_
