// CSS 2.1 4.2 ("illegal values"): a declaration with a value the user agent
// cannot parse is ignored, as if it were not there, so the cascade falls
// back to the next declaration. litehtml 0.6 instead reads what it can out
// of some bad values (a '#' colour with non-hex digits or the wrong length
// comes out as some other colour), so style text is filtered before litehtml
// sees it: <style> elements, style attributes and imported sheets. The
// same pass writes logical properties as physical ones (css_logical.h).
#ifndef SANDTAB_RENDERER_PAGE_CSS_CSS_VALIDATION_H_
#define SANDTAB_RENDERER_PAGE_CSS_CSS_VALIDATION_H_

#include <string>
#include <string_view>

namespace sandtab::renderer {

// `css` (a style sheet, or the declarations of a style attribute) as
// litehtml is to see it: without the declarations whose value holds a
// malformed hex colour ('#' outside a string or url() followed by anything
// but 3, 4, 6 or 8 hex digits), and with each logical property declaration
// as its physical ones (PhysicalDeclarations). Selectors (#id) are left
// alone. Everything else is kept byte for byte.
std::string CssForLitehtml(std::string_view css);

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_PAGE_CSS_CSS_VALIDATION_H_
