// The page's own DOM without JavaScript: tree rules, ids, text, parsing and
// serialising, selectors.
#include <gtest/gtest.h>

#include "renderer/script/dom_document.h"
#include "renderer/script/html_parser.h"
#include "renderer/script/html_serializer.h"
#include "renderer/script/selector.h"

namespace sandtab::script {
namespace {

TEST(Dom, ParsesACompleteDocumentAndSerialisesItBack) {
  Document document;
  ParseDocument("<title>A  page</title><p id=x class='a b'>One &amp; <b>two</b><!--c--><br>", document);
  EXPECT_EQ(SerializeNode(document),
            "<!DOCTYPE html><html><head><title>A  page</title></head><body>"
            "<p id=\"x\" class=\"a b\">One &amp; <b>two</b><!--c--><br></p></body></html>");
  EXPECT_EQ(document.title(), "A page");
  ASSERT_NE(document.body(), nullptr);
  EXPECT_EQ(document.GetElementById("x")->TextContent(), "One & two");
}

TEST(Dom, EscapesTextAndAttributesButNotScripts) {
  Document document;
  ParseDocument("<body><script>if (a < b && c) {}</script></body>", document);
  Element* p = document.CreateElement("P");
  p->SetAttribute("Title", "say \"<hi>\" & go");
  p->AppendChild(document.CreateText("1 < 2 > 0 & \xc2\xa0"));
  document.body()->AppendChild(p);
  EXPECT_EQ(SerializeChildren(*document.body()),
            "<script>if (a < b && c) {}</script><p title=\"say &quot;<hi>&quot; &amp; go\">1 &lt; 2 &gt; 0 &amp; "
            "&nbsp;</p>");
}

TEST(Dom, InsertBeforeMovesANodeAndKeepsItsIdentity) {
  Document document;
  ParseDocument("<ul><li id=a>a</li><li id=b>b</li><li id=c>c</li></ul>", document);
  Element* a = document.GetElementById("a");
  Element* c = document.GetElementById("c");
  Node* list = a->parent();
  const uint64_t before = document.generation();
  EXPECT_EQ(list->InsertBefore(c, a), nullptr);
  EXPECT_GT(document.generation(), before);
  EXPECT_EQ(SerializeChildren(*list), "<li id=\"c\">c</li><li id=\"a\">a</li><li id=\"b\">b</li>");
  EXPECT_EQ(document.GetElementById("c"), c);
  EXPECT_EQ(list->InsertBefore(a, a), nullptr);  // before itself: stays
  EXPECT_EQ(SerializeChildren(*list), "<li id=\"c\">c</li><li id=\"a\">a</li><li id=\"b\">b</li>");
  EXPECT_EQ(c->NextSibling(), a);
  EXPECT_EQ(a->PreviousSibling(), c);
}

TEST(Dom, RefusesTreesThatCannotBe) {
  Document document;
  ParseDocument("<div id=outer><div id=inner></div></div>", document);
  Element* outer = document.GetElementById("outer");
  Element* inner = document.GetElementById("inner");
  EXPECT_STREQ(inner->AppendChild(outer), "HierarchyRequestError: the new child contains the parent");
  EXPECT_STREQ(outer->AppendChild(outer), "HierarchyRequestError: the new child contains the parent");
  CharacterData* text = document.CreateText("t");
  EXPECT_NE(text->AppendChild(document.CreateElement("b")), nullptr);
  EXPECT_NE(std::string(outer->InsertBefore(document.CreateElement("i"), text)).find("NotFoundError"),
            std::string::npos);
  EXPECT_NE(std::string(document.AppendChild(document.CreateElement("html"))).find("only one element"),
            std::string::npos);
  EXPECT_NE(outer->RemoveChild(text), nullptr);
  Document other;
  EXPECT_NE(std::string(outer->AppendChild(other.CreateElement("p"))).find("WrongDocumentError"), std::string::npos);
}

TEST(Dom, IdsFollowAttributeChangesAndConnection) {
  Document document;
  ParseDocument("<p id=one>1</p>", document);
  Element* p = document.GetElementById("one");
  ASSERT_NE(p, nullptr);
  p->SetAttribute("id", "two");
  EXPECT_EQ(document.GetElementById("one"), nullptr);
  EXPECT_EQ(document.GetElementById("two"), p);
  p->parent()->RemoveChild(p);
  EXPECT_EQ(document.GetElementById("two"), nullptr);  // detached
  Element* first = document.CreateElement("i");
  first->SetAttribute("id", "two");
  document.body()->AppendChild(first);
  document.body()->AppendChild(p);
  EXPECT_EQ(document.GetElementById("two"), first);  // tree order wins
  document.body()->InsertBefore(p, first);
  EXPECT_EQ(document.GetElementById("two"), p);
  p->RemoveAttribute("id");
  EXPECT_EQ(document.GetElementById("two"), first);
}

TEST(Dom, TextContentReplacesChildrenWithOneTextNode) {
  Document document;
  ParseDocument("<div id=d><b>x</b>y<!--z--></div>", document);
  Element* d = document.GetElementById("d");
  EXPECT_EQ(d->TextContent(), "xy");
  d->SetTextContent("<new>");
  ASSERT_EQ(d->children().size(), 1u);
  EXPECT_EQ(d->children()[0]->type(), NodeType::kText);
  EXPECT_EQ(SerializeChildren(*d), "&lt;new&gt;");
  d->SetTextContent("");
  EXPECT_TRUE(d->children().empty());
}

TEST(Dom, ParsesAFragmentForInnerHtml) {
  Document document;
  ParseDocument("<table><tbody id=t></tbody></table>", document);
  Element* tbody = document.GetElementById("t");
  const auto nodes = ParseFragment("<tr><td>1</td></tr>text<b>bold", *tbody);
  for (Node* node : nodes) tbody->AppendChild(node);
  EXPECT_EQ(SerializeChildren(*tbody), "<tr><td>1</td></tr>text<b>bold</b>");
  EXPECT_EQ(nodes[0]->parent(), tbody);
}

TEST(Dom, AHostilelyDeepDocumentIsFlattenedAndADeepScriptBuiltTreeSerialises) {
  Document document;
  std::string html;
  for (int i = 0; i < 100000; ++i) html += "<div>";
  ParseDocument(html + "end", document);
  EXPECT_GT(document.node_count(), 100000u);
  EXPECT_EQ(document.body()->TextContent(), "end");
  // Scripts nest without a limit: nothing that walks the tree may recurse.
  Node* deepest = document.body();
  for (int i = 0; i < 200000; ++i) {
    Element* child = document.CreateElement("b");
    deepest->AppendChild(child);
    deepest = child;
  }
  deepest->AppendChild(document.CreateText("x"));
  EXPECT_EQ(SerializeChildren(*document.body()).size(), 100000 * 11 + 3 + 200000 * 7 + 1);
  EXPECT_EQ(document.body()->TextContent(), "endx");
}

TEST(Selector, MatchesTheSubset) {
  Document document;
  ParseDocument(
      "<div id=main class='box big'><p class=a>1</p><p lang=en-GB data-x='q r'>2</p><span>3</span></div>"
      "<p class=a id=last>4</p>",
      document);
  auto ids = [&](std::string_view text) {
    const auto selector = Selector::Parse(text);
    EXPECT_TRUE(selector) << text;
    std::string found;
    if (!selector) return found;
    for (const Element* element : selector->Select(document, false)) {
      found += (found.empty() ? "" : ",") + element->tag() + ":" + element->TextContent();
    }
    return found;
  };
  EXPECT_EQ(ids("p"), "p:1,p:2,p:4");
  EXPECT_EQ(ids("#main > p.a"), "p:1");
  EXPECT_EQ(ids(".box p"), "p:1,p:2");
  EXPECT_EQ(ids("div.box.big span"), "span:3");
  EXPECT_EQ(ids("p + p"), "p:2");
  EXPECT_EQ(ids("p ~ span"), "span:3");
  EXPECT_EQ(ids("[lang|=en]"), "p:2");
  EXPECT_EQ(ids("[data-x~=r], #last"), "p:2,p:4");
  EXPECT_EQ(ids("[data-x^='q ']"), "p:2");
  EXPECT_EQ(ids("div > :first-child"), "p:1");
  EXPECT_EQ(ids("div > *:last-child"), "span:3");
  EXPECT_EQ(ids("BODY > P"), "p:4");
  for (const char* bad : {"", "p >", ",p", "p,", "#", "[x", "p:hover", "a!b", "[x~y]"}) {
    EXPECT_FALSE(Selector::Parse(bad)) << bad;
  }
}

}  // namespace
}  // namespace sandtab::script
