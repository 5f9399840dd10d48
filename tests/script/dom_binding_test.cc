// The DOM as scripts see it: identity, mutations reaching the C++ tree,
// DOMExceptions, events, console.
#include "renderer/script/dom_binding.h"

#include <gtest/gtest.h>

#include "renderer/script/html_serializer.h"
#include "tests/script/scripted_page.h"

namespace sandtab::script {
namespace {

class DomBindingTest : public ::testing::Test {
 protected:
  void Load(std::string_view html) { page_.Load(html); }
  // The script's result, its JSON form; a failure as "!" and the error.
  std::string Run(std::string_view script) {
    const auto result = page_.context->Evaluate(script, "test.js");
    return result.ok() ? result.value : "!" + result.error;
  }
  std::string Body() { return SerializeChildren(*document_.body()); }

  ScriptedPage page_;
  Document& document_ = page_.document;
  std::unique_ptr<DomBinding>& binding_ = page_.dom;
  std::vector<std::string>& errors_ = page_.errors;
  std::vector<ConsoleLine>& console_ = page_.console;
};

// A spare's context evaluates the DOM prelude before its page is known; the
// binding made later takes that function (once) and works as one that
// evaluated it itself.
TEST(DomBindingAhead, TheBindingTakesThePreludeEvaluatedAheadOnce) {
  auto context = NewTestContext();
  ASSERT_TRUE(context);
  ASSERT_TRUE(DomBinding::EvaluatePreludeAhead(*context).ok());
  JS::RootedValue kept(context->cx());
  ASSERT_TRUE(context->TakeEvaluatedPrelude("sandtab:dom-prelude.js", &kept));
  EXPECT_TRUE(kept.isObject() && JS::IsCallable(&kept.toObject())) << "the prelude's value is not its function";
  EXPECT_FALSE(context->TakeEvaluatedPrelude("sandtab:dom-prelude.js", &kept)) << "taken twice";
  EXPECT_FALSE(context->TakeEvaluatedPrelude("sandtab:other.js", &kept));

  ASSERT_TRUE(DomBinding::EvaluatePreludeAhead(*context).ok());
  Document document;
  ParseDocument("<p id=a>ahead</p>", document);
  std::string error;
  std::unique_ptr<DomBinding> binding = DomBinding::Create(
      *context, document, [](const ConsoleLine&) {}, &error);
  ASSERT_TRUE(binding) << error;
  EXPECT_FALSE(context->TakeEvaluatedPrelude("sandtab:dom-prelude.js", &kept)) << "the binding did not take it";
  const ScriptResult result = context->Evaluate("document.getElementById('a').textContent + (typeof Node)");
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(result.value, "\"aheadfunction\"");
}

TEST_F(DomBindingTest, ANodeHasOneWrapperThroughGarbageCollections) {
  Load("<p id=a class=x>one</p><p>two</p>");
  EXPECT_EQ(Run("document.getElementById('a') === document.querySelector('p.x')"), "true");
  EXPECT_EQ(Run("document.body.firstChild.parentNode === document.body"), "true");
  EXPECT_EQ(Run("document.getElementById('a').expando = 42; document.documentElement.nodeName"), "\"HTML\"");
  JS_GC(page_.context->cx());
  EXPECT_EQ(Run("document.querySelectorAll('p')[0].expando"), "42");
  EXPECT_EQ(Run("[document instanceof Document, document.body instanceof HTMLElement, "
                "document.body.firstChild.firstChild instanceof Text, document.nodeType]"),
            "[true,true,true,9]");
  EXPECT_EQ(Run("try { new Element() } catch (e) { e instanceof TypeError }"), "true");
}

TEST_F(DomBindingTest, MutationsReachTheDocument) {
  Load("<ul id=list><li id=b>b</li></ul>");
  const uint64_t before = document_.generation();
  EXPECT_EQ(Run("const list = document.getElementById('list');"
                "const a = document.createElement('LI'); a.textContent = 'a';"
                "list.insertBefore(a, list.firstChild);"
                "const c = document.createElement('li'); c.appendChild(document.createTextNode('c & d'));"
                "list.appendChild(c);"
                "c.className = 'done'; c.classList.add('new', 'done'); c.classList.toggle('done');"
                "a.setAttribute('data-n', '1'); a.style.backgroundColor = 'red'; a.style.width = '10px';"
                "a.style.width = ''; list.children.length"),
            "3");
  EXPECT_GT(document_.generation(), before);
  EXPECT_EQ(Body(),
            "<ul id=\"list\"><li data-n=\"1\" style=\"background-color: red;\">a</li><li id=\"b\">b</li>"
            "<li class=\"new\">c &amp; d</li></ul>");
  EXPECT_EQ(Run("list.removeChild(document.getElementById('b')).isConnected"), "false");
  EXPECT_EQ(Run("list.lastChild.classList.contains('new') + ':' + list.firstChild.style.backgroundColor"),
            "\"true:red\"");
  EXPECT_EQ(Run("list.innerHTML = '<li>x<b>y</b></li>'; list.firstChild.firstChild.nextSibling.outerHTML"),
            "\"<b>y</b>\"");
  EXPECT_EQ(Body(), "<ul id=\"list\"><li>x<b>y</b></li></ul>");
  EXPECT_EQ(Run("document.title = 'Counter 3'; document.title"), "\"Counter 3\"");
  EXPECT_EQ(document_.title(), "Counter 3");
}

TEST_F(DomBindingTest, ImpossibleTreesAndBadSelectorsThrowDomExceptions) {
  Load("<div id=outer><div id=inner></div></div>");
  EXPECT_EQ(Run("try { inner = document.getElementById('inner'); inner.appendChild(inner.parentNode) }"
                "catch (e) { `${e instanceof DOMException} ${e.name}` }"),
            "\"true HierarchyRequestError\"");
  EXPECT_EQ(Run("try { document.querySelector('p:hover') } catch (e) { e.name }"), "\"SyntaxError\"");
  EXPECT_EQ(Run("try { document.createElement('a b') } catch (e) { e.name }"), "\"InvalidCharacterError\"");
  EXPECT_EQ(Run("try { document.body.classList.add('') } catch (e) { e.name }"), "\"SyntaxError\"");
  EXPECT_EQ(Run("try { document.body.appendChild({}) } catch (e) { e instanceof TypeError }"), "true");
  EXPECT_EQ(SerializeChildren(*document_.body()), "<div id=\"outer\"><div id=\"inner\"></div></div>");
}

TEST_F(DomBindingTest, EventsCaptureThenBubbleAndPreventDefaultCancels) {
  Load("<div id=outer><a id=link href=/next onclick=\"log.push('attribute')\">go</a></div>");
  ASSERT_EQ(Run("globalThis.log = [];"
                "const link = document.getElementById('link'), outer = link.parentNode;"
                "outer.addEventListener('click', e => log.push('outer capture ' + e.eventPhase), true);"
                "outer.addEventListener('click', e => log.push('outer bubble ' + e.eventPhase));"
                "document.addEventListener('click', e => log.push('document ' + (e.target === link)));"
                "window.addEventListener('click', () => log.push('window'));"
                "link.addEventListener('click', e => { log.push('target once'); }, {once: true});"
                "link.addEventListener('click', e => { throw new Error('listener failed') });"
                "link.addEventListener('click', e => { log.push('target'); e.preventDefault() });"
                "'ok'"),
            "\"ok\"");
  bool not_canceled = true;
  ASSERT_TRUE(binding_->DispatchEvent(document_.GetElementById("link"), "click", true, true, &not_canceled).ok());
  EXPECT_FALSE(not_canceled);
  EXPECT_EQ(Run("log.join(', ')"),
            "\"outer capture 1, attribute, target once, target, outer bubble 3, document true, window\"");
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_NE(errors_[0].find("Error: listener failed"), std::string::npos) << errors_[0];
  // Once means once; stopPropagation keeps it from the ancestors.
  Run("log = []; link.addEventListener('click', e => e.stopPropagation())");
  binding_->DispatchEvent(document_.GetElementById("link"), "click", true, true, &not_canceled);
  EXPECT_EQ(Run("log.join(', ')"), "\"outer capture 1, attribute, target\"");
  // A listener that never returns is the watchdog's, as any task.
  Run("outer.addEventListener('keydown', () => { for (;;) {} })");
  EXPECT_EQ(binding_->DispatchEvent(document_.GetElementById("link"), "keydown", true, true).outcome,
            ScriptOutcome::kTimeout);
}

TEST_F(DomBindingTest, HandlerPropertiesAndWindowEvents) {
  Load("<button id=b>+1</button>");
  Run("globalThis.count = 0; document.getElementById('b').onclick = () => { count++; return false };"
      "window.onload = () => { count += 10 };");
  bool not_canceled = true;
  binding_->DispatchEvent(document_.GetElementById("b"), "click", true, true, &not_canceled);
  EXPECT_FALSE(not_canceled);  // returning false from onclick cancels
  binding_->DispatchWindowEvent("load");
  EXPECT_EQ(Run("count"), "11");
  EXPECT_EQ(Run("document.getElementById('b').click(); count"), "12");
}

TEST_F(DomBindingTest, TheWindowIsATopLevelBrowsingContext) {
  Load("<p>x</p>");
  EXPECT_EQ(Run("[window, self, parent, top, frames].every(w => w === globalThis)"), "true");
  EXPECT_EQ(Run("window.parent.parent === window && window.opener"), "null");
}

TEST_F(DomBindingTest, LegacyEventFlagsAndInitEvent) {
  Load("<div id=outer><p id=inner>x</p></div>");
  Run("for (const id of ['outer', 'inner']) globalThis[id] = document.getElementById(id)");
  EXPECT_EQ(Run("const e = document.createEvent('Event'); e.stopPropagation(); e.cancelBubble = false;"
                "[e.cancelBubble, (e.initEvent('x', true, true), e.cancelBubble), e.type, e.bubbles]"),
            "[true,false,\"x\",true]");
  // cancelBubble = true stops the bubbling; the flag is unset once the dispatch ends.
  EXPECT_EQ(
      Run("globalThis.seen = []; const stopper = document.createEvent('Event');"
          "stopper.initEvent('bar', true, true);"
          "inner.addEventListener('bar', ev => { seen.push('inner'); ev.cancelBubble = true; ev.returnValue = false });"
          "outer.addEventListener('bar', () => seen.push('outer'));"
          "const notCanceled = inner.dispatchEvent(stopper);"
          "[seen, notCanceled, stopper.defaultPrevented, stopper.cancelBubble]"),
      "[[\"inner\"],false,true,false]");
  EXPECT_EQ(Run("const twice = new Event('y'); inner.addEventListener('y', () => {"
                "  try { inner.dispatchEvent(twice) } catch (e) { seen.push(e.name + ' ' + e.code) } });"
                "inner.dispatchEvent(twice); seen.pop()"),
            "\"InvalidStateError 11\"");
  EXPECT_EQ(Run("[Event.NONE, Event.CAPTURING_PHASE, Event.AT_TARGET, new Event('z').BUBBLING_PHASE]"), "[0,1,2,3]");
}

TEST_F(DomBindingTest, InsertAdjacentAndElementSiblings) {
  Load("<div id=box><b id=first>1</b> text <i id=last>2</i></div>");
  Run("for (const id of ['box', 'first', 'last']) globalThis[id] = document.getElementById(id)");
  EXPECT_EQ(Run("[first.nextElementSibling.id, last.previousElementSibling.id, last.nextElementSibling]"),
            "[\"last\",\"first\",null]");
  Run("box.insertAdjacentText('beforebegin', 'a'); box.insertAdjacentText('AfterBegin', 'b');"
      "box.insertAdjacentElement('beforeend', document.createElement('hr'));"
      "box.insertAdjacentElement('afterend', document.createElement('br'))");
  EXPECT_EQ(Body(), "a<div id=\"box\">b<b id=\"first\">1</b> text <i id=\"last\">2</i><hr></div><br>");
  EXPECT_EQ(Run("document.createElement('p').insertAdjacentElement('afterend', document.createElement('p'))"), "null");
  EXPECT_EQ(
      Run("try { box.insertAdjacentText('inside', 'x') } catch (e) { [e.name, e.code, e instanceof DOMException] }"),
      "[\"SyntaxError\",12,true]");
  EXPECT_EQ(Run("try { document.documentElement.insertAdjacentText('afterend', 'x') } catch (e) { [e.name, e.code] }"),
            "[\"HierarchyRequestError\",3]");
  EXPECT_EQ(Run("[DOMException.NOT_FOUND_ERR, DOMException.DATA_CLONE_ERR, new DOMException('m', 'AbortError').code,"
                " new DOMException('m', 'OperationError').code]"),
            "[8,25,20,0]");
}

TEST_F(DomBindingTest, TokenListsAndStylesAreIndexedAndIterable) {
  Load("<span id=s class='  a  a b ' style='color: red; margin-top: 5px'>x</span>");
  Run("globalThis.s = document.getElementById('s')");
  EXPECT_EQ(Run("const list = s.classList; [list[0], list[1], list[2], '1' in list, '2' in list, [...list.keys()],"
                " [...list.entries()], Object.prototype.toString.call(list), list instanceof DOMTokenList]"),
            "[\"a\",\"b\",null,true,false,[0,1],[[0,\"a\"],[1,\"b\"]],\"[object DOMTokenList]\",true]");
  EXPECT_EQ(Run("const seen = []; s.classList.forEach(function (v, k, l) { seen.push(k + v + (l === s.classList)) });"
                "s.classList.add('c'); [seen, s.classList[2], s.classList.length, s.classList.values === "
                "Array.prototype.values]"),
            "[[\"0atrue\",\"1btrue\"],\"c\",3,true]");
  EXPECT_EQ(Run("const style = s.style; const keys = []; for (const k in style) keys.push(k);"
                "[style[0], style[1], style[2], '1' in style, '2' in style, keys]"),
            "[\"color\",\"margin-top\",null,true,false,[\"0\",\"1\"]]");
  EXPECT_EQ(Run("s.style.removeProperty('color'); [s.style[0], s.style.length]"), "[\"margin-top\",1]");
}

TEST_F(DomBindingTest, ConsoleLinesAreFormattedBoundedAndHaveNoControlCharacters) {
  Load("<p>x</p>");
  Run("console.log('a', 1, {b: [2]}, null, undefined, document.body);"
      "console.warn('line\\nbreak\\x1b[31m');"
      "console.error(new TypeError('bad'));"
      "console.info('x'.repeat(10000))");
  ASSERT_EQ(console_.size(), 4u);
  EXPECT_EQ(console_[0].level, "log");
  EXPECT_EQ(console_[0].text, "a 1 {\"b\":[2]} null undefined <body>");
  EXPECT_EQ(console_[1].level, "warn");
  EXPECT_EQ(console_[1].text,
            "line\xEF\xBF\xBD"
            "break\xEF\xBF\xBD[31m");
  EXPECT_EQ(console_[2].text, "TypeError: bad");
  EXPECT_LE(console_[3].text.size(), kMaxConsoleLineBytes);
  EXPECT_GT(console_[3].text.size(), kMaxConsoleLineBytes - 8);
}

}  // namespace
}  // namespace sandtab::script
