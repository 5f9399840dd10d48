#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sandtab::renderer {

// What a document will ask for, found before it is built: Chrome's preload
// scanner, for the two things that decide when a first frame can be painted.
// litehtml meets a <link rel=stylesheet> only while building the document,
// and builds it again once the sheet arrives (it applies sheets only while
// parsing), so without this the first build of every page with an external
// sheet was thrown away: article.html's is 5-6 ms of a cold renderer's first
// frame. Found first, the sheets are asked for at once and the document is
// built once, when they are in; its images are asked for beside them rather
// than after the build.
struct PreloadScan {
  struct Stylesheet {
    std::string href;
    // The href of the last <base> before the link ("" for none): litehtml
    // walks the elements in document order and resolves a link's href when
    // it reaches it.
    std::string base;
  };
  std::vector<Stylesheet> stylesheets;  // in document order
  // <img src>, resolved by litehtml after the walk, against the last <base>.
  std::vector<std::string> images;
  std::string last_base;
  // The text of the last <title> (litehtml sets the caption at each): a tab
  // shows its title while its sheets are on their way, as in Chrome.
  std::string title;
};

// A document without a <link> is not read (nothing will make its build
// wait): the scan is empty. Otherwise reads `html` as litehtml 0.6 does
// (gumbo): <link> with rel exactly "stylesheet" (litehtml compares it so)
// and a non-empty href, <img> with a non-empty src, <base>, <title>. A <template>'s content is inert and is
// skipped.
PreloadScan ScanForPreloads(std::string_view html);

}  // namespace sandtab::renderer
