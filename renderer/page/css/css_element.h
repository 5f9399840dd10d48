// CssElement<Base>: litehtml's element classes with the CSS 2.1 rules that
// litehtml 0.6 gets wrong and that an element can put right for itself.
// PageContainer::create_element() hands litehtml one of these for every tag
// it would otherwise build itself (MakeCssElement()), so the class litehtml
// expects (el_table, el_td, ...) is still the base.
//
// - Border widths (CSS 2.1 8.5.1): 'thin', 'medium' and 'thick' are 1, 3 and
//   5px as in Chromium (litehtml makes them 0), and a side whose style is
//   'none' or 'hidden' has a computed width of 0 (litehtml keeps the width,
//   so `border: 5px solid; border-left: none` still took 5px of room).
// - Blocks inside inlines (CSS 2.1 9.2.1.1): the inline is broken around a
//   block-level child, so its borders and background go on the pieces of
//   line before and after the block, never around the block itself.
// - Percentage heights (CSS 2.1 10.1, 10.5): an inline element does not form
//   the containing block of a block inside it; the nearest block container
//   does, so a percentage resolves against that ancestor's height.
// - Declarations with malformed values are dropped (css_validation.h), in the
//   style attribute here and in <style> by StyleElement.
// - Border colours (CSS 2.1 8.5.2, CSS Color 3): a side with no colour of its
//   own, or 'currentColor', is drawn in the element's 'color'; litehtml 0.6
//   draws it black.
// - Tables nest at most kMaxNestedTables deep (see there); deeper ones are
//   laid out as blocks.
// - Not a CSS rule but its cost: a sheet is matched through a RuleIndex
//   (rule_index.h), so an element tests only the selectors that could match
//   it instead of the whole sheet.
#ifndef SANDTAB_RENDERER_PAGE_CSS_CSS_ELEMENT_H_
#define SANDTAB_RENDERER_PAGE_CSS_CSS_ELEMENT_H_

#include <litehtml/litehtml.h>

#include <litehtml/el_anchor.h>
#include <litehtml/el_style.h>

#include <strings.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "renderer/page/css/css_validation.h"
#include "renderer/page/css/rule_index.h"
#include "renderer/page/xml_text.h"

namespace sandtab::renderer {

// litehtml 0.6 lays every cell of a table out three times (its narrowest
// width, its widest, then the width it gets), each time with everything
// inside it, so a table nested in n others is laid out ~3^n times: a few
// more than a dozen hang the renderer until the browser kills it, as does a
// plausible old-style page of 9 layout tables around a table of 200 cells
// (docs/performance-history.md, "Nested tables"). A table inside this many tables is laid out as a block, its
// rows and cells as blocks too (its columns not at all), which keeps layout
// bounded. Chromium, which measures each cell once, needs no such limit.
inline constexpr int kMaxNestedTables = 6;

// What display an element whose declared display is `display` (null when
// none), child of `parent`, gets instead of it: "block" or "none" where the
// table-nesting limit applies, else null. Tables count by their computed
// display, so `parent` and its ancestors must have parsed their styles.
const char* DisplayPastTableNestingLimit(const char* display, const litehtml::element::ptr& parent);

// The display the root element gets for a declared `display` (null when
// none), or null to keep it: the root is blockified (CSS Display 3, 2.7), as
// in every browser. litehtml 0.6 does not, and wrapping a root declared as a
// table row or cell in an anonymous table dereferences its missing parent:
// `html { display: table-row }` crashed the renderer.
const char* BlockifiedRootDisplay(const char* display);

// The value litehtml should see for a colspan or rowspan attribute, as the
// HTML table model reads it: a non-negative integer, colspan 1..1000 (an
// error or 0 is 1), rowspan 1..65534 (an error is 1; 0, "to the end of the
// row group", is taken as 1). litehtml 0.6 reads them with atoi and indexes
// its grid with them: a rowspan of -1 in one row and a large one below it
// wrote outside the grid's rows.
std::string NormalizedTableSpan(const char* name, const char* value);

// Marks the table boxes (tables, rows, cells...) laid out as blocks past the
// limit, so that the rows and cells inside a table past it follow it instead
// of forming an anonymous table of their own.
class TableNestingMark {
 public:
  virtual ~TableNestingMark() = default;
  bool past_table_nesting_limit() const { return past_table_nesting_limit_; }

 protected:
  bool past_table_nesting_limit_ = false;
};

// Whether a declared colour means currentColor: none declared (the initial
// value of border-*-color), or the keyword itself.
bool IsCurrentColor(const char* declared);

// The used width in px of one side's border (see above).
void NormalizeBorderWidth(litehtml::css_border& border, int& used_width);

// Removes from `boxes` (what litehtml's get_inline_boxes() made for
// an inline element with these children, padding and borders) the boxes
// that are really its block-level children, and moves the start and end
// edges (padding + border) onto the remaining first and last pieces.
void DropBlockChildBoxes(const litehtml::elements_vector& children, const litehtml::margins& padding,
                         const litehtml::margins& borders, litehtml::position::vector& boxes);

// What a deep element takes from its parent, remembered. litehtml looks an
// inherited property up through every ancestor until one sets it (most are
// set by none), and does so some 30 times per element, so n elements at
// depth d cost n x d lookups: near the nesting guard's limit that is
// seconds for a hostile page (docs/performance-history.md, "Inherited
// properties at depth").
// From kDepth down an element remembers the parent's answers. They point
// into the ancestors' styles, which change only before this element's
// parse_styles() (the sheets, their own style attributes: styling goes top
// down) or in a refresh_styles() of an ancestor, which reaches this element
// too; both make it forget.
// Shallower elements, all of a normal page, walk as litehtml does: nothing
// to remember, no memory spent.
class InheritedLookups {
 public:
  static constexpr int kDepth = 32;

  bool Enabled(const litehtml::element& element) const;
  const char* FromParent(const litehtml::element& parent, const char* name, bool inherited, const char* def) const;
  void Clear() { entries_.clear(); }

 private:
  struct Entry {
    std::string name;  // a copy: callers may pass a temporary
    bool inherited;
    const char* value;  // null: no ancestor sets it
  };
  mutable int8_t deep_ = -1;  // unknown until first asked
  mutable std::vector<Entry> entries_;
};

template <class Base>
class CssElement : public Base, public TableNestingMark {
 public:
  explicit CssElement(const std::shared_ptr<litehtml::document>& doc) : Base(doc) {}

  void parse_styles(bool is_reparse = false) override {
    inherited_lookups_.Clear();
    const char* style = this->get_attr("style");
    std::string valid = style ? CssForLitehtml(style) : std::string();
    // The display declared here, else the stylesheets' (the style attribute
    // joins the element's style only in Base::parse_styles).
    litehtml::style inline_style;
    // (Parsed only when it may say display: most style attributes do not.)
    if (style && strcasestr(valid.c_str(), "display")) inline_style.add(valid.c_str(), nullptr, this);
    const char* declared = inline_style.get_property("display");
    if (!declared) declared = this->get_style_property("display", false, nullptr);
    // Last in the style attribute, so it wins over the stylesheets' display.
    if (!this->parent()) {
      if (const char* display = BlockifiedRootDisplay(declared)) valid += std::string(";display:") + display;
    } else if (const char* display = DisplayPastTableNestingLimit(declared, this->parent())) {
      past_table_nesting_limit_ = true;
      valid += std::string(";display:") + display;
    }
    if (style || !valid.empty()) this->set_attr("style", valid.c_str());
    inherited_lookups_.Clear();  // the display looked up above
    Base::parse_styles(is_reparse);
    NormalizeBorderWidth(this->m_css_borders.left, this->m_borders.left);
    NormalizeBorderWidth(this->m_css_borders.right, this->m_borders.right);
    NormalizeBorderWidth(this->m_css_borders.top, this->m_borders.top);
    NormalizeBorderWidth(this->m_css_borders.bottom, this->m_borders.bottom);
    // A side whose colour is currentColor, by default or by name, takes this
    // element's own colour (litehtml 0.6 makes it black).
    const litehtml::web_color current = this->get_color("color", true, litehtml::web_color(0, 0, 0));
    for (auto [side, property] : {std::pair{&this->m_css_borders.left, "border-left-color"},
                                  std::pair{&this->m_css_borders.right, "border-right-color"},
                                  std::pair{&this->m_css_borders.top, "border-top-color"},
                                  std::pair{&this->m_css_borders.bottom, "border-bottom-color"}}) {
      if (IsCurrentColor(this->get_style_property(property, false, nullptr))) side->color = current;
    }
  }

  // litehtml's html_tag::apply_stylesheet (and el_anchor's, which first
  // marks a link), with the loop over the whole sheet replaced by the
  // candidates of the sheet's RuleIndex; the root builds the index for the
  // pass. Elements litehtml builds itself (li, img, ...) keep its loop.
  void apply_stylesheet(const litehtml::css& sheet) override {
    inherited_lookups_.Clear();
    std::optional<RuleIndexScope> scope;
    if (!this->parent() && RuleIndexEnabled()) scope.emplace(sheet);
    const RuleIndex* index = ActiveRuleIndex(sheet);
    if (!index) {
      Base::apply_stylesheet(sheet);
      return;
    }
    if constexpr (std::is_base_of_v<litehtml::el_anchor, Base>) {
      if (this->get_attr("href")) this->m_pseudo_classes.push_back("link");
    }
    this->remove_before_after();
    // Reused across elements: a pass styles thousands of them.
    thread_local std::vector<uint32_t> candidates;
    index->Candidates(this->m_tag, this->get_attr("id"), this->m_class_values, &candidates);
    CountIndexedElement(candidates.size());
    const auto& selectors = sheet.selectors();
    for (uint32_t position : candidates) {
      ApplySelector(selectors[position]);
    }
    for (auto& child : this->m_children) {
      if (child->get_display() != litehtml::display_inline_text) child->apply_stylesheet(sheet);
    }
  }

  void set_attr(const char* name, const char* value) override {
    if (name && value && (strcasecmp(name, "colspan") == 0 || strcasecmp(name, "rowspan") == 0)) {
      Base::set_attr(name, NormalizedTableSpan(name, value).c_str());
      return;
    }
    Base::set_attr(name, value);
  }

  // litehtml drops this element's style and builds it again (a media query
  // or a pseudo-class changed); it does so for every element below first.
  void refresh_styles() override {
    inherited_lookups_.Clear();
    Base::refresh_styles();
  }

  // litehtml's lookup, with what this element takes from its parent
  // remembered when it is deep in the tree (InheritedLookups).
  const char* get_style_property(const char* name, bool inherited, const char* def = nullptr) const override {
    if (!inherited_lookups_.Enabled(*this)) return Base::get_style_property(name, inherited, def);
    const char* own = this->m_style.get_property(name);
    const bool from_parent = own ? strcasecmp(own, "inherit") == 0 : inherited;
    litehtml::element::ptr parent = this->parent();
    if (!from_parent || !parent) return own ? own : def;
    return inherited_lookups_.FromParent(*parent, name, inherited, def);
  }

  void get_inline_boxes(litehtml::position::vector& boxes) override {
    Base::get_inline_boxes(boxes);
    if (this->get_display() == litehtml::display_inline) {
      DropBlockChildBoxes(this->m_children, this->m_padding, this->m_borders, boxes);
    }
  }

  // A table box laid out as a block past the nesting limit still starts a
  // block formatting context, as the table or cell it was does (CSS 2.1
  // 9.4.1): floats inside it stay inside. It also ends litehtml's walk up
  // the tree for each line's edges here rather than at the root, which made
  // a deep nest of such blocks quadratic.
  bool is_floats_holder() const override { return past_table_nesting_limit_ || Base::is_floats_holder(); }

  bool get_predefined_height(int& height) const override {
    if (this->get_display() == litehtml::display_inline) {
      if (litehtml::element::ptr parent = this->parent()) {
        return parent->get_predefined_height(height);
      }
    }
    return Base::get_predefined_height(height);
  }

 private:
  mutable InheritedLookups inherited_lookups_;

  // One selector of litehtml's loop: matched without pseudo-classes first;
  // a match is recorded in m_used_styles (refresh_styles() replays them when
  // :hover or :active change), with its style applied now only if it holds
  // now; ::before/::after styles go to those pseudo-elements.
  void ApplySelector(const litehtml::css_selector::ptr& selector) {
    const int match = this->select(*selector, false);
    if (match == litehtml::select_no_match) return;
    auto used = std::make_unique<litehtml::used_selector>(selector, false);
    if (selector->is_media_valid()) {
      const bool applies = !(match & litehtml::select_match_pseudo_class) || this->select(*selector, true);
      if (applies) {
        if (match & litehtml::select_match_with_after) {
          if (litehtml::element::ptr after = this->get_element_after()) {
            after->add_style(selector->m_style, selector->m_baseurl);
          }
        } else if (match & litehtml::select_match_with_before) {
          if (litehtml::element::ptr before = this->get_element_before()) {
            before->add_style(selector->m_style, selector->m_baseurl);
          }
        } else {
          this->add_style(selector->m_style, selector->m_baseurl);
          used->m_used = true;
        }
      }
    }
    this->m_used_styles.push_back(std::move(used));
  }
};

// <style>: litehtml's el_style, with the sheet's text validated first and
// the media attribute honoured; in a document served as XML, the text an
// XML parser would read (xml_text.h: CDATA sections, comments, references).
class StyleElement : public litehtml::el_style {
 public:
  StyleElement(const std::shared_ptr<litehtml::document>& doc, std::string media, DocumentSyntax syntax)
      : litehtml::el_style(doc), media_(std::move(media)), syntax_(syntax) {}
  bool appendChild(const litehtml::element::ptr& el) override;
  void parse_attributes() override;

 private:
  litehtml::elements_vector text_;
  const std::string media_;
  const DocumentSyntax syntax_;
};

// The element litehtml would build for `tag`, as a CssElement; null for the
// few tags whose litehtml classes draw nothing or are replaced (img, br,
// head content) and for li (see MakeCssElement), which litehtml then builds
// itself.
std::shared_ptr<litehtml::element> MakeCssElement(const char* tag, const litehtml::string_map& attributes,
                                                  const std::shared_ptr<litehtml::document>& doc,
                                                  DocumentSyntax syntax);

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_PAGE_CSS_CSS_ELEMENT_H_
