// Style sheets of documents served as XML read as an XML parser reads them
// (renderer/page/xml_text.h), and the MIME types that make a document XML.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "renderer/page/page.h"
#include "renderer/page/xml_text.h"
#include "tests/renderer/page_fixture.h"

namespace sandtab::renderer {
namespace {

TEST(XmlText, CdataSectionsLoseTheirMarkersAndKeepTheirText) {
  EXPECT_EQ(XmlCharacterData("<![CDATA[ div > p { color: red } ]]>"), " div > p { color: red } ");
  EXPECT_EQ(XmlCharacterData("a<![CDATA[&lt;]]>b"), "a&lt;b") << "nothing is decoded inside CDATA";
  EXPECT_EQ(XmlCharacterData("<![CDATA[one]]><![CDATA[two]]>"), "onetwo");
  EXPECT_EQ(XmlCharacterData("<![CDATA[never closed"), "never closed");
}

TEST(XmlText, CommentsAreDroppedAndReferencesDecoded) {
  EXPECT_EQ(XmlCharacterData("a<!-- p { color: red } -->b"), "ab");
  EXPECT_EQ(XmlCharacterData("a<!-- never closed"), "a");
  EXPECT_EQ(XmlCharacterData("div &gt; p &amp;&lt;&quot;&apos;"), "div > p &<\"'");
  EXPECT_EQ(XmlCharacterData("&#65;&#x42;&#x20AC;"), "AB\xE2\x82\xAC");
  // Not references: kept as written.
  EXPECT_EQ(XmlCharacterData("&nbsp; &#0; &#x110000; &#xZZ; & &;"), "&nbsp; &#0; &#x110000; &#xZZ; & &;");
}

TEST(XmlText, XmlMimeTypes) {
  EXPECT_EQ(SyntaxForMimeType("application/xhtml+xml"), DocumentSyntax::kXml);
  EXPECT_EQ(SyntaxForMimeType("Application/XHTML+XML; charset=utf-8"), DocumentSyntax::kXml);
  EXPECT_EQ(SyntaxForMimeType("application/xml"), DocumentSyntax::kXml);
  EXPECT_EQ(SyntaxForMimeType("text/xml"), DocumentSyntax::kXml);
  EXPECT_EQ(SyntaxForMimeType("image/svg+xml"), DocumentSyntax::kXml);
  EXPECT_EQ(SyntaxForMimeType("text/html"), DocumentSyntax::kHtml);
  EXPECT_EQ(SyntaxForMimeType("text/html; charset=utf-8"), DocumentSyntax::kHtml);
  EXPECT_EQ(SyntaxForMimeType(""), DocumentSyntax::kHtml);
  EXPECT_EQ(SyntaxForMimeType("xml"), DocumentSyntax::kHtml);
}

// The same document served both ways: as XHTML its CDATA-wrapped sheet
// applies; as HTML its first rule's selector begins with the marker and
// matches nothing, as in Chrome.
TEST(XmlText, CdataWrappedStyleSheetAppliesOnlyToXmlDocuments) {
  const std::string html =
      "<html xmlns='http://www.w3.org/1999/xhtml'><head><style type='text/css'><![CDATA[\n"
      "div { background: #0000ff; height: 50px }\n]]></style></head>"
      "<body style='margin:0'><div></div></body></html>";
  constexpr uint32_t kBlue = 0x0000ff, kWhite = 0xffffff;
  testing::Canvas as_xml(100, 100), as_html(100, 100);
  Page xml_page(html, "http://example.test/a.xht", 100, 100, DocumentSyntax::kXml);
  Page html_page(html, "http://example.test/a.html", 100, 100, DocumentSyntax::kHtml);
  as_xml.Paint(&xml_page);
  as_html.Paint(&html_page);
  EXPECT_TRUE(as_xml.RectIs(0, 0, 100, 50, kBlue));
  EXPECT_EQ(as_html.Rgb(50, 25), kWhite);
}

}  // namespace
}  // namespace sandtab::renderer
