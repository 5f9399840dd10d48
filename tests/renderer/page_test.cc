// Page behaviour with synthetic documents: resources supplied late, links,
// titles, resizing, hostile markup.
#include "renderer/page/page.h"
#include "renderer/page/resource_store.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/renderer/page_fixture.h"
#include "tests/renderer/test_images.h"

namespace sandtab::renderer {
namespace {

using testing::Canvas;

constexpr char kUrl[] = "http://example.test/dir/page.html";

std::vector<std::string> Urls(const std::vector<ResourceRequest>& requests) {
  std::vector<std::string> urls;
  for (const auto& r : requests) urls.push_back(r.url);
  return urls;
}

TEST(Page, TitleIsWhitespaceCollapsed) {
  Page page("<title>\n  Hello \t  sandtab\n</title><p>x", kUrl, 800, 600);
  EXPECT_EQ(page.Title(), "Hello sandtab");
  Page untitled("<p>x", kUrl, 800, 600);
  EXPECT_EQ(untitled.Title(), "");
}

TEST(Page, TitleIsCutBetweenUtf8Characters) {
  std::string euros;
  for (int i = 0; i < 400; ++i) euros += "\xE2\x82\xAC";  // U+20AC, three bytes
  Page page("<title>" + euros + "</title><p>x", kUrl, 800, 600);
  EXPECT_EQ(page.Title(), euros);
  EXPECT_EQ(page.Title(1000), euros.substr(0, 999));  // 333 whole characters, not 1000 bytes
  EXPECT_EQ(page.Title(3), "\xE2\x82\xAC");
  EXPECT_EQ(page.Title(2), "");
  Page ascii("<title>abcdef</title>", kUrl, 800, 600);
  EXPECT_EQ(ascii.Title(4), "abcd");
}

TEST(Page, StylesheetSuppliedLaterChangesColours) {
  Page page(
      "<link rel=stylesheet href='css/s.css'>"
      "<body style='margin:0'><div id=a style='height:50px'></div>",
      kUrl, 200, 100);
  auto requests = page.TakeResourceRequests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].url, "http://example.test/dir/css/s.css");
  EXPECT_EQ(requests[0].kind, ResourceRequest::Kind::kStylesheet);
  EXPECT_FALSE(page.IsComplete());
  EXPECT_TRUE(page.IsRenderBlocked());
  EXPECT_TRUE(page.TakeResourceRequests().empty());  // each URL handed out once

  // The Page can paint unstyled (the renderer does not, while it is blocked).
  Canvas canvas(200, 100);
  canvas.Paint(&page);
  EXPECT_EQ(canvas.Rgb(10, 10), 0xffffffu);

  // The sheet imports another, relative to itself.
  page.SupplyResource(requests[0].url, true, "@import url(../t.css);\n#a { background: #ff0000; }");
  auto more = page.TakeResourceRequests();
  ASSERT_EQ(Urls(more), std::vector<std::string>{"http://example.test/dir/t.css"});
  EXPECT_EQ(more[0].kind, ResourceRequest::Kind::kStylesheet);
  EXPECT_TRUE(page.IsRenderBlocked()) << "an @import blocks too";
  canvas.Paint(&page);
  EXPECT_EQ(canvas.Rgb(10, 10), 0xff0000u);

  page.SupplyResource(more[0].url, true, "body { background: #0000ff; }");
  EXPECT_FALSE(page.IsRenderBlocked());
  EXPECT_TRUE(page.IsComplete());
  canvas.Paint(&page);
  EXPECT_EQ(canvas.Rgb(10, 10), 0xff0000u);
  EXPECT_EQ(canvas.Rgb(10, 80), 0x0000ffu);  // the canvas takes the body's background
}

// A page's sheets and images are asked for before it is built (the preload
// scan), and the document is built once, when its sheets are in: the build
// before them was thrown away when they arrived.
TEST(Page, APageWithAStylesheetIsBuiltOnceItArrives) {
  Page page(
      "<title>  Styled\n page </title><base href='http://cdn.test/assets/'><link rel=stylesheet href=s.css>"
      "<body style='margin:0'><div id=a style='height:50px'></div><img src=i.png>",
      kUrl, 200, 100);
  auto requests = page.TakeResourceRequests();
  ASSERT_EQ(Urls(requests), (std::vector<std::string>{"http://cdn.test/assets/s.css", "http://cdn.test/assets/i.png"}));
  EXPECT_EQ(requests[0].kind, ResourceRequest::Kind::kStylesheet);
  EXPECT_EQ(requests[1].kind, ResourceRequest::Kind::kImage);
  EXPECT_TRUE(page.IsRenderBlocked());
  EXPECT_EQ(page.LayoutCountForTesting(), 0) << "built before its stylesheet arrived";
  EXPECT_EQ(page.ContentHeight(), 0);
  EXPECT_EQ(page.Title(), "Styled page") << "a tab shows its title while its sheets are on their way";

  page.SupplyResource(requests[0].url, true, "#a { background: #ff0000; }");
  EXPECT_FALSE(page.IsRenderBlocked());
  EXPECT_EQ(page.LayoutCountForTesting(), 1);
  EXPECT_TRUE(page.TakeResourceRequests().empty()) << "the build asked again for what the scan asked for";
  EXPECT_GE(page.ContentHeight(), 50);
  EXPECT_EQ(page.Title(), "Styled page");
  Canvas canvas(200, 100);
  canvas.Paint(&page);
  EXPECT_EQ(canvas.Rgb(10, 10), 0xff0000u);
}

// Until the last awaited sheet arrives the page is render-blocked and not
// painted, so one that arrives earlier does not build the document again;
// its @imports are still asked for at once. The build at the end applies
// every sheet in document order (an imported sheet where its @import is).
TEST(Page, StylesheetsArrivingWhileOthersAreAwaitedBuildTheDocumentOnce) {
  Page page(
      "<link rel=stylesheet href=a.css><link rel=stylesheet href=c.css>"
      "<body style='margin:0'><div id=x style='height:20px'></div><div id=y style='height:20px'></div>",
      kUrl, 200, 100);
  auto requests = page.TakeResourceRequests();
  ASSERT_EQ(Urls(requests),
            (std::vector<std::string>{"http://example.test/dir/a.css", "http://example.test/dir/c.css"}));
  const int layouts = page.LayoutCountForTesting();

  page.SupplyResource(requests[0].url, true, "@import url(b.css);\n#x { background: #ff0000; }");
  EXPECT_EQ(Urls(page.TakeResourceRequests()), std::vector<std::string>{"http://example.test/dir/b.css"})
      << "the @import of a sheet that arrived while another is awaited is asked for at once";
  EXPECT_TRUE(page.IsRenderBlocked());
  page.SupplyResource(requests[1].url, true, "#y { background: #0000ff; } #x { background: #00ff00; }");
  EXPECT_TRUE(page.IsRenderBlocked()) << "b.css is still awaited";
  EXPECT_EQ(page.LayoutCountForTesting(), layouts) << "built again while render-blocked";

  page.SupplyResource("http://example.test/dir/b.css", true,
                      "#y { background: #ff00ff; } #x { border-top: 5px solid #000000; }");
  EXPECT_FALSE(page.IsRenderBlocked());
  EXPECT_TRUE(page.IsComplete());
  EXPECT_EQ(page.LayoutCountForTesting(), layouts + 1);
  Canvas canvas(200, 100);
  canvas.Paint(&page);
  EXPECT_EQ(canvas.Rgb(10, 2), 0x000000u);   // b.css (imported by a.css)
  EXPECT_EQ(canvas.Rgb(10, 12), 0x00ff00u);  // c.css over a.css
  EXPECT_EQ(canvas.Rgb(10, 35), 0x0000ffu);  // c.css over b.css, which comes in a.css
}

// An @import cycle (a.css imports b.css, which imports a.css; or a sheet
// importing itself) made litehtml parse the sheets inside one another until
// the renderer's stack overflowed. Each sheet now applies once where the
// chain first reaches it, as in browsers.
TEST(Page, ImportCyclesAreSkipped) {
  Page page(
      "<link rel=stylesheet href=a.css><body style='margin:0'><div id=x style='height:20px'></div>"
      "<div id=y style='height:20px'></div>",
      kUrl, 100, 100);
  auto requests = page.TakeResourceRequests();
  ASSERT_EQ(requests.size(), 1u);
  page.SupplyResource(requests[0].url, true, "@import url(a.css); @import url(b.css); #x { background: #ff0000; }");
  auto more = page.TakeResourceRequests();
  ASSERT_EQ(Urls(more), std::vector<std::string>{"http://example.test/dir/b.css"});
  page.SupplyResource(more[0].url, true, "@import url(a.css); #y { background: #0000ff; }");
  EXPECT_FALSE(page.IsRenderBlocked());
  Canvas canvas(100, 100);
  canvas.Paint(&page);
  EXPECT_EQ(canvas.Rgb(5, 5), 0xff0000u);
  EXPECT_EQ(canvas.Rgb(5, 25), 0x0000ffu);
}

TEST(Page, FailedStylesheetCompletesThePage) {
  Page page("<link rel=stylesheet href=s.css><p>text", kUrl, 200, 100);
  auto requests = page.TakeResourceRequests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_TRUE(page.IsRenderBlocked());
  page.SupplyResource(requests[0].url, false, {});
  EXPECT_TRUE(page.IsComplete());
  EXPECT_FALSE(page.IsRenderBlocked()) << "a failed stylesheet no longer blocks painting";
  EXPECT_TRUE(page.TakeResourceRequests().empty());
  EXPECT_GT(page.ContentHeight(), 0);
}

// Past the resource cap a stylesheet counts as failed at once (no request
// goes out for it): it must not block painting forever.
TEST(ResourceStore, StylesheetsPastTheCapDoNotBlock) {
  ResourceStore store;
  for (size_t i = 0; i < ResourceStore::kMaxResources + 5; ++i) {
    store.Stylesheet("http://example.test/s" + std::to_string(i) + ".css");
  }
  auto requests = store.TakeRequests();
  ASSERT_EQ(requests.size(), ResourceStore::kMaxResources);
  for (const ResourceRequest& request : requests) {
    EXPECT_TRUE(store.HasOutstandingStylesheets());
    store.Supply(request.url, false, {});
  }
  EXPECT_FALSE(store.HasOutstandingStylesheets());
  store.RequestImage("http://example.test/late.png");  // over the cap: not queued
  EXPECT_FALSE(store.HasOutstanding());
}

// A URL longer than the browser accepts fails at once, without a request:
// a stylesheet reads as empty, an image as absent.
TEST(ResourceStore, UrlsLongerThanTheBrowserTakesFailWithoutARequest) {
  ResourceStore store;
  const std::string prefix = "data:text/css,";
  const std::string longest = prefix + std::string(ResourceStore::kMaxUrlBytes - prefix.size(), 'a');
  const std::string* sheet = store.Stylesheet(longest + "a");
  ASSERT_NE(sheet, nullptr);
  EXPECT_TRUE(sheet->empty());
  store.RequestImage("data:image/png;base64," + std::string(ResourceStore::kMaxUrlBytes, 'A'));
  EXPECT_TRUE(store.TakeRequests().empty());
  EXPECT_FALSE(store.HasOutstandingStylesheets());
  EXPECT_EQ(store.Stylesheet(longest), nullptr) << "the longest URL the browser takes is asked for";
  EXPECT_EQ(store.TakeRequests().size(), 1u);
}

TEST(Page, UnrequestedOrRepeatedResourcesAreIgnored) {
  Page page("<link rel=stylesheet href=s.css><body style='margin:0'><div id=a style='height:20px'>", kUrl, 100, 50);
  page.SupplyResource("http://example.test/evil.css", true, "#a{background:red}");
  auto requests = page.TakeResourceRequests();
  page.SupplyResource(requests[0].url, true, "#a{background:#00ff00}");
  page.SupplyResource(requests[0].url, true, "#a{background:#ff0000}");
  Canvas canvas(100, 50);
  canvas.Paint(&page);
  EXPECT_EQ(canvas.Rgb(5, 5), 0x00ff00u);
}

TEST(Page, ImagesSuppliedLaterAppearAtTheirBoxes) {
  Page page(
      "<body style='margin:0'>"
      "<img style='display:block' src='img/a.png'>"
      "<img style='display:block' src='/b.jpg'>"
      "<div style='height:10px;background:#00ff00'></div>",
      kUrl, 200, 200);
  auto requests = page.TakeResourceRequests();
  ASSERT_EQ(Urls(requests),
            (std::vector<std::string>{"http://example.test/dir/img/a.png", "http://example.test/b.jpg"}));
  EXPECT_EQ(requests[0].kind, ResourceRequest::Kind::kImage);
  EXPECT_FALSE(page.IsRenderBlocked()) << "images never block painting";
  Canvas canvas(200, 200);
  canvas.Paint(&page);
  EXPECT_EQ(canvas.Rgb(5, 5), 0x00ff00u);  // images have no size yet

  page.SupplyResource(requests[0].url, true, testing::SolidPng(40, 30, 0xff00ff));
  canvas.Paint(&page);
  EXPECT_TRUE(canvas.RectIs(0, 0, 40, 30, 0xff00ff));
  EXPECT_EQ(canvas.Rgb(5, 35), 0x00ff00u);  // the block below moved down
  EXPECT_FALSE(page.IsComplete());

  page.SupplyResource(requests[1].url, true, testing::SolidJpeg(60, 20, 0x00c0c0));
  EXPECT_TRUE(page.IsComplete());
  canvas.Paint(&page);
  EXPECT_TRUE(canvas.RectIs(0, 0, 40, 30, 0xff00ff));
  EXPECT_TRUE(canvas.RectIs(2, 32, 56, 16, 0x00c0c0, 4));
  EXPECT_EQ(canvas.Rgb(5, 55), 0x00ff00u);
  EXPECT_EQ(page.ContentHeight(), 60);
}

// An image's arrival lays the page out when the layout is next needed, so
// images that arrive together (one read of the renderer's channel can hold
// many) cost one layout, not one each.
TEST(Page, ImagesSuppliedTogetherCostOneLayout) {
  std::string html = "<body style='margin:0'>";
  for (int i = 0; i < 5; ++i) html += "<img style='display:block' src='i" + std::to_string(i) + ".png'>";
  Page page(html, kUrl, 200, 400);
  auto requests = page.TakeResourceRequests();
  ASSERT_EQ(requests.size(), 5u);
  const int layouts = page.LayoutCountForTesting();
  for (int i = 0; i < 5; ++i) {
    page.SupplyResource(requests[i].url, true, testing::SolidPng(10, 10 * (i + 1), 0x336699));
  }
  EXPECT_EQ(page.LayoutCountForTesting(), layouts) << "laid out on each arrival";
  EXPECT_EQ(page.ContentHeight(), 10 + 20 + 30 + 40 + 50);
  EXPECT_EQ(page.LayoutCountForTesting(), layouts + 1);
  Canvas canvas(200, 400);
  canvas.Paint(&page);
  EXPECT_TRUE(canvas.RectIs(0, 100, 10, 50, 0x336699));
  EXPECT_EQ(page.LayoutCountForTesting(), layouts + 1);
}

TEST(Page, ImageWithDeclaredSizeIsScaled) {
  Page page("<body style='margin:0'><img src=a.png width=100 height=50 style='display:block'>", kUrl, 200, 100);
  auto requests = page.TakeResourceRequests();
  page.SupplyResource(requests[0].url, true, testing::SolidPng(10, 5, 0x336699));
  Canvas canvas(200, 100);
  canvas.Paint(&page);
  EXPECT_TRUE(canvas.RectIs(2, 2, 96, 46, 0x336699, 2));
  EXPECT_EQ(canvas.Rgb(150, 25), 0xffffffu);
}

TEST(Page, BackgroundImageFromStylesheetResolvesAgainstTheSheet) {
  Page page("<link rel=stylesheet href=css/s.css><body style='margin:0'><div id=a></div>", kUrl, 100, 100);
  auto requests = page.TakeResourceRequests();
  page.SupplyResource(requests[0].url, true, "#a { height: 40px; background: url(tile.png) repeat; }");
  auto images = page.TakeResourceRequests();
  ASSERT_EQ(Urls(images), std::vector<std::string>{"http://example.test/dir/css/tile.png"});
  page.SupplyResource(images[0].url, true, testing::SolidPng(8, 8, 0x123456));
  Canvas canvas(100, 100);
  canvas.Paint(&page);
  EXPECT_TRUE(canvas.RectIs(0, 0, 100, 40, 0x123456));
  EXPECT_EQ(canvas.Rgb(50, 50), 0xffffffu);
}

TEST(Page, LinkAtReturnsTheResolvedHref) {
  Page page(
      "<base href='http://example.test/other/'>"
      "<body style='margin:0'>"
      "<a href='../x/y.html?q=1#f' style='display:block;height:50px'><span>inner</span></a>"
      "<div style='height:50px'>not a link</div>"
      "<a href='https://elsewhere.test/' style='display:block;height:50px'>abs</a>",
      kUrl, 300, 200);
  EXPECT_EQ(page.LinkAt(10, 10).value_or(""), "http://example.test/x/y.html?q=1#f");
  EXPECT_EQ(page.LinkAt(200, 40).value_or(""), "http://example.test/x/y.html?q=1#f");
  EXPECT_FALSE(page.LinkAt(10, 75).has_value());
  EXPECT_EQ(page.LinkAt(10, 120).value_or(""), "https://elsewhere.test/");
  EXPECT_FALSE(page.LinkAt(10, 190).has_value());
}

TEST(Page, LinkAtUsesDocumentCoordinates) {
  std::string html =
      "<body style='margin:0'><div style='height:1000px'></div>"
      "<a href=far.html style='display:block;height:20px'>far</a>";
  Page page(html, kUrl, 300, 200);
  EXPECT_EQ(page.LinkAt(5, 1010).value_or(""), "http://example.test/dir/far.html");
  EXPECT_EQ(page.ContentHeight(), 1020);
}

TEST(Page, ResizeRelayoutsAndReevaluatesMediaQueries) {
  Page page(
      "<style>body{margin:0} #a{height:10px;background:#ff0000}"
      "@media (max-width: 400px) { #a { background: #0000ff } }</style>"
      "<div id=a></div><p style='margin:0'>" +
          std::string(200, 'w') + " " + std::string(40, 'x') + "</p>",
      kUrl, 800, 100);
  Canvas wide(800, 100);
  wide.Paint(&page);
  EXPECT_EQ(wide.Rgb(5, 5), 0xff0000u);
  const int tall_before = page.ContentHeight();
  page.Resize(300, 100);
  Canvas narrow(300, 100);
  narrow.Paint(&page);
  EXPECT_EQ(narrow.Rgb(5, 5), 0x0000ffu);
  EXPECT_GE(page.ContentHeight(), tall_before);
}

TEST(Page, HostileMarkupDoesNotCrash) {
  const std::string nested = std::string(2000, '<') + "div>";
  std::string very_deep;  // 30,000 levels crash litehtml without the guard
  for (int i = 0; i < 30000; ++i) very_deep += "<div><span>";
  std::string deep;
  for (int i = 0; i < 300; ++i) deep += "<div style='padding-left:1px'>";
  const std::string cases[] = {
      "",
      "<",
      "<html><body></html></body><p><table><tr><td><li>unbalanced",
      "<p style='font-size:100000px'>huge</p><p style='font-size:-5px'>neg</p>",
      "<div style='width:-100px;height:99999999px;border:1000000px solid red'></div>",
      "<style>* { display: table-cell; float: left; position: absolute }</style><p>a<p>b",
      "<style>@import url(x); @media {{{{ } a{color:</style><img src=''><img>",
      "<table><tr><td colspan=100000 rowspan=100000>x</td></tr></table>",
      nested,
      deep + "deep",
      very_deep,
      std::string("\xff\xfe\x00\x01<b>\xc3\x28</b>", 12),
      "<embed type=application/x-test width=-5 height=99999999><object type=a/b>",
      "<ol start=-2147483648><li>a<li>b</ol><ul style='list-style-image:url(x.png)'><li>c",
  };
  Canvas canvas(320, 240);
  for (const std::string& html : cases) {
    Page page(html, kUrl, 320, 240);
    for (const auto& request : page.TakeResourceRequests()) {
      page.SupplyResource(request.url, true, "garbage \x89PNG not really");
    }
    canvas.Paint(&page);
    canvas.Paint(&page, 1 << 20);
    page.Resize(1, 1);
    page.LinkAt(-5, -5);
    page.Embeds();
    (void)page.ContentHeight();
  }
}

}  // namespace
}  // namespace sandtab::renderer
