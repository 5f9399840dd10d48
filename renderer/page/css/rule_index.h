// RuleIndex: the selectors of one style sheet bucketed by what their
// rightmost compound requires (an id, a class, a tag, or nothing), so that
// styling an element tests only the selectors that could match it.
//
// litehtml 0.6 tests every selector of a sheet against every element
// (html_tag::apply_stylesheet), so styling costs rules x elements, which a
// framework-sized sheet on a news-sized page makes seconds
// (docs/performance-history.md, "Selector matching"). Chromium's
// RuleSet (and WebKit's before it) buckets rules the same way: an element
// with id "x" and classes "a b" can only match selectors filed under #x, .a,
// .b, its tag, or the universal bucket.
//
// Bucketing only ever leaves out selectors that cannot match: every
// candidate is still tested with litehtml's own select(), and candidates come
// back in the sheet's order, which is its cascade order (sorted by
// specificity, then position), so the result is what litehtml's loop gives.
#ifndef SANDTAB_RENDERER_PAGE_CSS_RULE_INDEX_H_
#define SANDTAB_RENDERER_PAGE_CSS_RULE_INDEX_H_

#include <litehtml/litehtml.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace sandtab::renderer {

class RuleIndex {
 public:
  explicit RuleIndex(const litehtml::css& sheet);
  RuleIndex(const RuleIndex&) = delete;
  RuleIndex& operator=(const RuleIndex&) = delete;

  const litehtml::css& sheet() const { return sheet_; }

  // Replaces `out` with the positions in sheet().selectors() of every
  // selector that can match an element with this tag, id (null: none) and
  // classes, ascending, each once.
  void Candidates(const std::string& tag, const char* id, const litehtml::string_vector& classes,
                  std::vector<uint32_t>* out) const;

  // Where a selector is filed, for tests: "#id", ".class", "tag" or "*".
  static std::string BucketOf(const litehtml::css_selector& selector);

 private:
  using Bucket = std::vector<uint32_t>;
  static void AppendBucket(const std::unordered_map<std::string, Bucket>& buckets, const std::string& key,
                           std::vector<uint32_t>* out);

  const litehtml::css& sheet_;
  std::unordered_map<std::string, Bucket> by_id_;     // keys lower-cased: litehtml compares ids
  std::unordered_map<std::string, Bucket> by_class_;  // and classes case-insensitively
  std::unordered_map<std::string, Bucket> by_tag_;    // keys as written: tags compare exactly
  Bucket universal_;
};

// The index of the sheet being applied to a whole document, while it is
// applied. litehtml applies a sheet by calling apply_stylesheet() on the
// root, which recurses; the root opens a scope (CssElement) and every element
// below finds the index here. Outside a scope, or for another sheet, null.
class RuleIndexScope {
 public:
  explicit RuleIndexScope(const litehtml::css& sheet);
  ~RuleIndexScope();
  RuleIndexScope(const RuleIndexScope&) = delete;
  RuleIndexScope& operator=(const RuleIndexScope&) = delete;

 private:
  RuleIndex index_;
  const RuleIndex* previous_;
};
const RuleIndex* ActiveRuleIndex(const litehtml::css& sheet);

// What the index saved, counted per thread since the last Take: elements
// styled through an index, and the selectors they tested between them (the
// whole sheet each, without the index). For tests and the benchmark.
struct RuleIndexCounts {
  uint64_t elements = 0;
  uint64_t selectors_tested = 0;
};
void CountIndexedElement(size_t selectors_tested);
RuleIndexCounts TakeRuleIndexCounts();

// On by default. Off, every element runs litehtml's own loop over the whole
// sheet: for the differential test (same pixels either way) and for the
// benchmark's baseline. Process-wide; not for use while a page is built.
void SetRuleIndexEnabled(bool enabled);
bool RuleIndexEnabled();

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_PAGE_CSS_RULE_INDEX_H_
