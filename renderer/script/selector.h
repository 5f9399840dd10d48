// The CSS selectors querySelector(All) and matches() understand: type, *,
// #id, .class, [attr], [attr=v] (also ~= |= ^= $= *=), :first-child,
// :last-child, :only-child, the four combinators, and comma lists.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "renderer/script/dom_node.h"

namespace sandtab::script {

class Selector {
 public:
  // nullopt when the text is not a selector this subset understands (a
  // SyntaxError for the script).
  static std::optional<Selector> Parse(std::string_view text);

  bool Matches(const Element& element) const;
  // Descendants of `root` that match, in tree order; at most one if `first_only`.
  std::vector<Element*> Select(const Node& root, bool first_only) const;

 private:
  struct Condition {
    enum class Kind { kId, kClass, kAttribute, kFirstChild, kLastChild, kOnlyChild } kind;
    std::string name;
    char op = 0;  // attributes: 0 (present), '=', '~', '|', '^', '$', '*'
    std::string value;
  };
  struct Compound {
    std::string tag;  // empty: any
    std::vector<Condition> conditions;
    char combinator = 0;  // to the compound on its left: ' ', '>', '+', '~' (0 for the leftmost)
  };
  using Complex = std::vector<Compound>;

  static bool MatchesCompound(const Compound& compound, const Element& element);
  static bool MatchesComplex(const Complex& complex, size_t index, const Element& element);
  static bool MatchesCondition(const Condition& condition, const Element& element);

  std::vector<Complex> alternatives_;
};

}  // namespace sandtab::script
