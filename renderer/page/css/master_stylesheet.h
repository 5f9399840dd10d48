// The user-agent ("master") stylesheet. Debian's litehtml ships none, so this
// is ours: a subset of the HTML standard's rendering section (15.3) limited
// to what litehtml 0.6 understands.
#ifndef SANDTAB_RENDERER_PAGE_CSS_MASTER_STYLESHEET_H_
#define SANDTAB_RENDERER_PAGE_CSS_MASTER_STYLESHEET_H_

namespace sandtab::renderer {

extern const char kMasterStylesheet[];

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_PAGE_CSS_MASTER_STYLESHEET_H_
