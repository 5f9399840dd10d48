#include "renderer/page/css/rule_index.h"

#include <algorithm>
#include <utility>

namespace sandtab::renderer {
namespace {

// litehtml compares ids and classes with strcasecmp, which folds ASCII only
// in the locales a renderer runs in; the keys fold the same way.
std::string Folded(const std::string& name) {
  std::string folded = name;
  for (char& c : folded) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return folded;
}

enum class BucketKind { kId, kClass, kTag, kUniversal };

struct BucketKey {
  BucketKind kind;
  std::string name;
};

// The most selective thing the rightmost compound requires, as
// html_tag::select(css_element_selector) tests it: an `id` attribute equal
// (case-insensitively) to a value, which is both #x and [id=x]; every class
// of a class condition (.a.b needs both, so either one files it: the first);
// a tag other than * (compared exactly, as litehtml does). A [class=...]
// condition has no class tokens and matches any element with a class
// attribute, so it files nothing.
BucketKey KeyOf(const litehtml::css_element_selector& right) {
  for (const auto& attr : right.m_attrs) {
    if (attr.condition == litehtml::select_equal && attr.attribute == "id") {
      return {BucketKind::kId, Folded(attr.val)};
    }
  }
  for (const auto& attr : right.m_attrs) {
    if (attr.condition == litehtml::select_equal && attr.attribute == "class" && !attr.class_val.empty()) {
      return {BucketKind::kClass, Folded(attr.class_val.front())};
    }
  }
  if (!right.m_tag.empty() && right.m_tag != "*") return {BucketKind::kTag, right.m_tag};
  return {BucketKind::kUniversal, {}};
}

thread_local const RuleIndex* g_active = nullptr;
thread_local RuleIndexCounts g_counts;
bool g_enabled = true;

}  // namespace

RuleIndex::RuleIndex(const litehtml::css& sheet) : sheet_(sheet) {
  const auto& selectors = sheet.selectors();
  for (uint32_t i = 0; i < selectors.size(); ++i) {
    BucketKey key = KeyOf(selectors[i]->m_right);
    switch (key.kind) {
      case BucketKind::kId:
        by_id_[std::move(key.name)].push_back(i);
        break;
      case BucketKind::kClass:
        by_class_[std::move(key.name)].push_back(i);
        break;
      case BucketKind::kTag:
        by_tag_[std::move(key.name)].push_back(i);
        break;
      case BucketKind::kUniversal:
        universal_.push_back(i);
        break;
    }
  }
}

void RuleIndex::AppendBucket(const std::unordered_map<std::string, Bucket>& buckets, const std::string& key,
                             std::vector<uint32_t>* out) {
  auto it = buckets.find(key);
  if (it != buckets.end()) out->insert(out->end(), it->second.begin(), it->second.end());
}

void RuleIndex::Candidates(const std::string& tag, const char* id, const litehtml::string_vector& classes,
                           std::vector<uint32_t>* out) const {
  out->assign(universal_.begin(), universal_.end());
  AppendBucket(by_tag_, tag, out);
  if (id && !by_id_.empty()) AppendBucket(by_id_, Folded(id), out);
  if (!by_class_.empty()) {
    for (const std::string& name : classes) AppendBucket(by_class_, Folded(name), out);
  }
  // Each bucket is ascending; merged, back to the sheet's order. A selector
  // sits in one bucket, but `class="a A"` names one bucket twice.
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

std::string RuleIndex::BucketOf(const litehtml::css_selector& selector) {
  BucketKey key = KeyOf(selector.m_right);
  switch (key.kind) {
    case BucketKind::kId:
      return "#" + key.name;
    case BucketKind::kClass:
      return "." + key.name;
    case BucketKind::kTag:
      return key.name;
    case BucketKind::kUniversal:
      break;
  }
  return "*";
}

RuleIndexScope::RuleIndexScope(const litehtml::css& sheet) : index_(sheet), previous_(g_active) { g_active = &index_; }

RuleIndexScope::~RuleIndexScope() { g_active = previous_; }

const RuleIndex* ActiveRuleIndex(const litehtml::css& sheet) {
  return g_active && &g_active->sheet() == &sheet ? g_active : nullptr;
}

void CountIndexedElement(size_t selectors_tested) {
  ++g_counts.elements;
  g_counts.selectors_tested += selectors_tested;
}

RuleIndexCounts TakeRuleIndexCounts() { return std::exchange(g_counts, RuleIndexCounts{}); }

void SetRuleIndexEnabled(bool enabled) { g_enabled = enabled; }
bool RuleIndexEnabled() { return g_enabled; }

}  // namespace sandtab::renderer
