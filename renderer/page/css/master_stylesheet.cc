#include "renderer/page/css/master_stylesheet.h"

namespace sandtab::renderer {

// Sizes and margins follow https://html.spec.whatwg.org/multipage/rendering.html
// so that pages look as they do in Chrome; where litehtml needs an explicit
// value that the spec leaves to the engine (table borders, list-item display,
// image display), it is stated here. Keep selectors simple: litehtml matches
// every rule against every element, so this sheet's size is per-element cost.
const char kMasterStylesheet[] = R"CSS(
html { display: block; position: relative; }
head, title, meta, link, style, script, noscript, template, base, param,
area, datalist, [hidden] { display: none; }

body { display: block; margin: 8px; }
address, blockquote, center, div, figure, figcaption, footer, form, header,
hr, legend, listing, main, nav, p, plaintext, pre, search, section, article,
aside, hgroup, details, summary, dialog, fieldset, xmp { display: block; }

p, dl, multicol { margin-top: 1em; margin-bottom: 1em; }
blockquote, figure { margin: 1em 40px; }
address { font-style: italic; }
center { text-align: center; }
dd { display: block; margin-left: 40px; }
dt { display: block; }
dl dl { margin-top: 0; margin-bottom: 0; }

h1 { display: block; font-size: 2em; font-weight: bold; margin: 0.67em 0; }
h2 { display: block; font-size: 1.5em; font-weight: bold; margin: 0.83em 0; }
h3 { display: block; font-size: 1.17em; font-weight: bold; margin: 1em 0; }
h4 { display: block; font-size: 1em; font-weight: bold; margin: 1.33em 0; }
h5 { display: block; font-size: 0.83em; font-weight: bold; margin: 1.67em 0; }
h6 { display: block; font-size: 0.67em; font-weight: bold; margin: 2.33em 0; }

pre, listing, plaintext, xmp { font-family: monospace; white-space: pre; margin: 1em 0; }
code, kbd, samp, tt, var { font-family: monospace; }
b, strong, th { font-weight: bold; }
i, cite, dfn, em, var { font-style: italic; }
u, ins { text-decoration: underline; }
s, strike, del { text-decoration: line-through; }
small { font-size: smaller; }
big { font-size: larger; }
sub { vertical-align: sub; font-size: smaller; }
sup { vertical-align: super; font-size: smaller; }
mark { background-color: yellow; color: black; }
nobr { white-space: nowrap; }

a { color: #0000ee; text-decoration: underline; cursor: pointer; }

hr { border: 1px inset #808080; margin: 0.5em auto; color: gray; height: 0; }
br { display: block; }

ul, menu, dir { display: block; list-style-type: disc; margin: 1em 0; padding-left: 40px; }
ol { display: block; list-style-type: decimal; margin: 1em 0; padding-left: 40px; }
li { display: list-item; }
ul ul, ol ul, menu ul, ul menu { list-style-type: circle; }
ul ol, ol ol, ul ul, ol ul, ul menu, ol menu { margin-top: 0; margin-bottom: 0; }
ul ul ul, ul ol ul, ol ul ul, ol ol ul { list-style-type: square; }

table { display: table; border-collapse: separate; border-spacing: 2px;
        box-sizing: border-box; text-indent: 0; }
caption { display: table-caption; text-align: center; }
colgroup { display: table-column-group; }
col { display: table-column; }
thead { display: table-header-group; vertical-align: middle; }
tbody { display: table-row-group; vertical-align: middle; }
tfoot { display: table-footer-group; vertical-align: middle; }
tr { display: table-row; vertical-align: inherit; }
td, th { display: table-cell; vertical-align: inherit; padding: 1px; }
th { text-align: center; }

img { display: inline-block; }
embed, object, iframe, video, canvas { display: inline-block; }
object[type] > * { display: none; }
input, button, select, textarea { display: inline-block; }
button { border: 2px outset #ddd; background-color: #ddd; padding: 1px 6px; }
fieldset { margin: 0 2px; padding: 0.35em 0.75em 0.625em; border: 2px groove #c0c0c0; }
)CSS";

}  // namespace sandtab::renderer
