#include "renderer/page/css/css_element.h"

#include <litehtml/el_anchor.h>
#include <litehtml/el_body.h>
#include <litehtml/el_div.h>
#include <litehtml/el_font.h>
#include <litehtml/el_para.h>
#include <litehtml/el_table.h>
#include <litehtml/el_td.h>
#include <litehtml/el_tr.h>

#include <strings.h>

#include <algorithm>
#include <cstring>
#include <string_view>

namespace sandtab::renderer {
namespace {

// Chromium's widths for the keywords (CSS 2.1 only orders them).
constexpr int kBorderKeywordWidths[] = {1, 3, 5};  // thin, medium, thick

bool IsBlockLevelInFlow(const litehtml::element& el) {
  switch (el.get_display()) {
    case litehtml::display_block:
    case litehtml::display_list_item:
    case litehtml::display_table:
      break;
    default:
      return false;
  }
  const litehtml::element_position position = el.get_element_position();
  return el.get_float() == litehtml::float_none && position != litehtml::element_position_absolute &&
         position != litehtml::element_position_fixed;
}

bool IsTable(litehtml::style_display display) {
  return display == litehtml::display_table || display == litehtml::display_inline_table;
}

bool PastLimit(const litehtml::element& el) {
  const auto* mark = dynamic_cast<const TableNestingMark*>(&el);
  return mark && mark->past_table_nesting_limit();
}

}  // namespace

const char* DisplayPastTableNestingLimit(const char* display, const litehtml::element::ptr& parent) {
  if (!display) return nullptr;
  // Compared as litehtml compares it (value_index is case-sensitive: it
  // lays `display: TABLE` out inline, so that is no table here either).
  const std::string_view declared(display);
  if (declared == "table" || declared == "inline-table") {
    int tables = 0;
    for (litehtml::element::ptr el = parent; el; el = el->parent()) tables += IsTable(el->get_display());
    return tables >= kMaxNestedTables ? "block" : nullptr;
  }
  if (declared.rfind("table-", 0) != 0) return nullptr;
  // A row, cell, group, caption or column follows its table: the nearest
  // one above it, laid out as a table or past the limit.
  for (litehtml::element::ptr el = parent; el; el = el->parent()) {
    if (IsTable(el->get_display())) return nullptr;
    if (PastLimit(*el)) {
      const bool column = declared == "table-column" || declared == "table-column-group";
      return column ? "none" : "block";
    }
  }
  return nullptr;
}

bool InheritedLookups::Enabled(const litehtml::element& element) const {
  if (deep_ < 0) {
    int depth = 0;
    for (litehtml::element::ptr el = element.parent(); el && depth < kDepth; el = el->parent()) ++depth;
    if (depth == 0) return false;  // not in the tree yet: ask again later
    deep_ = depth >= kDepth ? 1 : 0;
  }
  return deep_ == 1;
}

const char* InheritedLookups::FromParent(const litehtml::element& parent, const char* name, bool inherited,
                                         const char* def) const {
  for (const Entry& entry : entries_) {
    if (entry.inherited == inherited && entry.name == name) return entry.value ? entry.value : def;
  }
  // Asked without a default, so that "no ancestor sets it" is remembered
  // apart from whatever default this caller passed.
  const char* value = parent.get_style_property(name, inherited, nullptr);
  entries_.push_back({name, inherited, value});
  return value ? value : def;
}

const char* BlockifiedRootDisplay(const char* display) {
  // As litehtml reads it: exact, case-sensitive keywords, and anything it
  // does not know (flex, grid, TABLE) is inline.
  const std::string_view declared = display ? display : "inline";
  if (declared == "block" || declared == "table" || declared == "list-item" || declared == "none") return nullptr;
  return declared == "inline-table" ? "table" : "block";
}

std::string NormalizedTableSpan(const char* name, const char* value) {
  const bool colspan = strcasecmp(name, "colspan") == 0;
  const long max = colspan ? 1000 : 65534;
  // The rules for parsing non-negative integers: leading whitespace, an
  // optional '+', digits; anything after them is ignored.
  const char* p = value;
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\f' || *p == '\r') ++p;
  if (*p == '+') ++p;
  long span = 0;
  bool digits = false;
  for (; *p >= '0' && *p <= '9'; ++p) {
    digits = true;
    span = std::min(span * 10 + (*p - '0'), max);
  }
  if (!digits || span == 0) span = 1;
  return std::to_string(span);
}

bool IsCurrentColor(const char* declared) {
  return !declared || !*declared || strcasecmp(declared, "currentcolor") == 0;
}

void NormalizeBorderWidth(litehtml::css_border& border, int& used_width) {
  if (border.style == litehtml::border_style_none || border.style == litehtml::border_style_hidden) {
    border.width.set_value(0, litehtml::css_units_px);
    used_width = 0;
    return;
  }
  if (!border.width.is_predefined()) return;
  const int keyword = std::clamp(border.width.predef(), 0, 2);
  used_width = kBorderKeywordWidths[keyword];
  border.width.set_value(static_cast<float>(used_width), litehtml::css_units_px);
}

void DropBlockChildBoxes(const litehtml::elements_vector& children, const litehtml::margins& padding,
                         const litehtml::margins& borders, litehtml::position::vector& boxes) {
  if (boxes.empty()) return;
  const int start_edge = padding.left + borders.left;
  const int end_edge = padding.right + borders.right;
  const size_t before = boxes.size();
  bool dropped_first = false, dropped_last = false;
  for (const litehtml::element::ptr& child : children) {
    if (!child || child->skip() || !IsBlockLevelInFlow(*child)) continue;
    // litehtml gives a block child a box of its own: its margin-box top,
    // less this inline's top padding and border, and that tall.
    const int y = child->top() - padding.top - borders.top;
    const int height = child->height() + padding.top + padding.bottom + borders.top + borders.bottom;
    for (size_t i = 0; i < boxes.size(); ++i) {
      if (boxes[i].y != y || boxes[i].height != height) continue;
      dropped_first |= i == 0;
      dropped_last |= i + 1 == boxes.size();
      boxes.erase(boxes.begin() + static_cast<std::ptrdiff_t>(i));
      break;
    }
  }
  if (boxes.empty() || boxes.size() == before) return;
  // The start edge belongs to the first piece that is left, the end edge to
  // the last (litehtml put them on the block's box).
  if (dropped_first) {
    boxes.front().x -= start_edge;
    boxes.front().width += start_edge;
  }
  if (dropped_last) boxes.back().width += end_edge;
}

bool StyleElement::appendChild(const litehtml::element::ptr& el) {
  if (el) text_.push_back(el);
  return litehtml::el_style::appendChild(el);
}

void StyleElement::parse_attributes() {
  // What el_style does, with the text validated.
  litehtml::tstring text;
  for (const litehtml::element::ptr& el : text_) el->get_text(text);
  if (syntax_ == DocumentSyntax::kXml) text = XmlCharacterData(text);
  get_document()->add_stylesheet(CssForLitehtml(text).c_str(), nullptr, media_.empty() ? nullptr : media_.c_str());
}

std::shared_ptr<litehtml::element> MakeCssElement(const char* tag, const litehtml::string_map& attributes,
                                                  const std::shared_ptr<litehtml::document>& doc,
                                                  DocumentSyntax syntax) {
  auto is = [tag](const char* name) { return std::strcmp(tag, name) == 0; };
  if (is("style")) {
    auto media = attributes.find("media");
    return std::make_shared<StyleElement>(doc, media == attributes.end() ? "" : media->second, syntax);
  }
  // The tags litehtml 0.6 builds its own classes for (document::create_element).
  // Its el_li numbers ordered lists (it sets the item's index as it renders)
  // but ships no header to derive from: list items stay litehtml's own.
  if (is("br") || is("img") || is("link") || is("title") || is("base") || is("script") || is("li")) {
    return nullptr;
  }
  if (is("p")) return std::make_shared<CssElement<litehtml::el_para>>(doc);
  if (is("table")) return std::make_shared<CssElement<litehtml::el_table>>(doc);
  if (is("td") || is("th")) return std::make_shared<CssElement<litehtml::el_td>>(doc);
  if (is("a")) return std::make_shared<CssElement<litehtml::el_anchor>>(doc);
  if (is("tr")) return std::make_shared<CssElement<litehtml::el_tr>>(doc);
  if (is("body")) return std::make_shared<CssElement<litehtml::el_body>>(doc);
  if (is("div")) return std::make_shared<CssElement<litehtml::el_div>>(doc);
  if (is("font")) return std::make_shared<CssElement<litehtml::el_font>>(doc);
  return std::make_shared<CssElement<litehtml::html_tag>>(doc);
}

}  // namespace sandtab::renderer
