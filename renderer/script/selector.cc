#include "renderer/script/selector.h"

#include <cctype>

namespace sandtab::script {

namespace {

constexpr size_t kMaxCompounds = 16;

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

// A small cursor over the selector text.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  char Take() { return AtEnd() ? '\0' : text_[pos_++]; }
  bool SkipSpace() {
    const size_t start = pos_;
    while (!AtEnd() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    return pos_ > start;
  }
  std::string Name() {
    const size_t start = pos_;
    while (!AtEnd() && IsNameChar(text_[pos_])) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }
  std::optional<std::string> Quoted() {
    const char quote = Take();
    const size_t start = pos_;
    while (!AtEnd() && text_[pos_] != quote) ++pos_;
    if (AtEnd()) return std::nullopt;
    std::string value(text_.substr(start, pos_ - start));
    ++pos_;
    return value;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

bool HasWord(std::string_view list, std::string_view word) {
  size_t start = 0;
  while (start <= list.size()) {
    const size_t end = std::min(list.find_first_of(" \t\n\f\r", start), list.size());
    if (end > start && list.substr(start, end - start) == word) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

std::optional<Selector> Selector::Parse(std::string_view text) {
  Selector selector;
  Reader reader(text);
  Complex complex;
  char combinator = 0;
  reader.SkipSpace();
  while (true) {
    Compound compound;
    compound.combinator = complex.empty() ? 0 : combinator;
    bool star = false;
    if (reader.Peek() == '*') {
      star = reader.Take() == '*';
    } else if (IsNameChar(reader.Peek())) {
      compound.tag = AsciiLower(reader.Name());
    }
    for (bool more = true; more;) {
      Condition condition;
      switch (reader.Peek()) {
        case '#':
          reader.Take();
          condition = {Condition::Kind::kId, reader.Name(), 0, {}};
          if (condition.name.empty()) return std::nullopt;
          break;
        case '.':
          reader.Take();
          condition = {Condition::Kind::kClass, reader.Name(), 0, {}};
          if (condition.name.empty()) return std::nullopt;
          break;
        case '[': {
          reader.Take();
          reader.SkipSpace();
          condition = {Condition::Kind::kAttribute, AsciiLower(reader.Name()), 0, {}};
          if (condition.name.empty()) return std::nullopt;
          reader.SkipSpace();
          if (reader.Peek() != ']') {
            const char op = reader.Take();
            if (op != '=') {
              if (std::string_view("~|^$*").find(op) == std::string_view::npos || reader.Take() != '=') {
                return std::nullopt;
              }
            }
            condition.op = op;
            reader.SkipSpace();
            if (reader.Peek() == '"' || reader.Peek() == '\'') {
              auto value = reader.Quoted();
              if (!value) return std::nullopt;
              condition.value = *value;
            } else {
              condition.value = reader.Name();
              if (condition.value.empty()) return std::nullopt;
            }
            reader.SkipSpace();
          }
          if (reader.Take() != ']') return std::nullopt;
          break;
        }
        case ':': {
          reader.Take();
          const std::string pseudo = AsciiLower(reader.Name());
          if (pseudo == "first-child") {
            condition.kind = Condition::Kind::kFirstChild;
          } else if (pseudo == "last-child") {
            condition.kind = Condition::Kind::kLastChild;
          } else if (pseudo == "only-child") {
            condition.kind = Condition::Kind::kOnlyChild;
          } else {
            return std::nullopt;
          }
          break;
        }
        default:
          more = false;
          continue;
      }
      compound.conditions.push_back(std::move(condition));
    }
    if (!star && compound.tag.empty() && compound.conditions.empty()) return std::nullopt;
    // Matching runs in native code the watchdog cannot interrupt: a bound
    // on the combinators keeps a hostile selector from going exponential.
    if (complex.size() >= kMaxCompounds) return std::nullopt;
    complex.push_back(std::move(compound));
    const bool spaced = reader.SkipSpace();
    const char next = reader.Peek();
    if (reader.AtEnd() || next == ',') {
      selector.alternatives_.push_back(std::move(complex));
      complex.clear();
      if (reader.AtEnd()) break;
      reader.Take();
      reader.SkipSpace();
      if (reader.AtEnd()) return std::nullopt;
      continue;
    }
    if (next == '>' || next == '+' || next == '~') {
      combinator = reader.Take();
      reader.SkipSpace();
    } else if (spaced) {
      combinator = ' ';
    } else {
      return std::nullopt;
    }
    if (reader.AtEnd()) return std::nullopt;
  }
  if (selector.alternatives_.empty()) return std::nullopt;
  return selector;
}

bool Selector::MatchesCondition(const Condition& condition, const Element& element) {
  switch (condition.kind) {
    case Condition::Kind::kId:
      return element.id() == condition.name;
    case Condition::Kind::kClass:
      return element.HasClass(condition.name);
    case Condition::Kind::kFirstChild:
    case Condition::Kind::kLastChild:
    case Condition::Kind::kOnlyChild: {
      const Node* parent = element.parent();
      if (!parent) return false;
      const Element* first = nullptr;
      const Element* last = nullptr;
      for (const Node* child : parent->children()) {
        if (const Element* sibling = child->AsElement()) {
          if (!first) first = sibling;
          last = sibling;
        }
      }
      if (condition.kind == Condition::Kind::kFirstChild) return first == &element;
      if (condition.kind == Condition::Kind::kLastChild) return last == &element;
      return first == &element && last == &element;
    }
    case Condition::Kind::kAttribute:
      break;
  }
  const std::string* value = element.GetAttribute(condition.name);
  if (!value) return false;
  const std::string_view v = *value;
  const std::string_view want = condition.value;
  switch (condition.op) {
    case 0:
      return true;
    case '=':
      return v == want;
    case '~':
      return HasWord(v, want);
    case '|':
      return v == want || (v.size() > want.size() && v.substr(0, want.size()) == want && v[want.size()] == '-');
    case '^':
      return !want.empty() && v.substr(0, want.size()) == want;
    case '$':
      return !want.empty() && v.size() >= want.size() && v.substr(v.size() - want.size()) == want;
    case '*':
      return !want.empty() && Contains(v, want);
  }
  return false;
}

bool Selector::MatchesCompound(const Compound& compound, const Element& element) {
  if (!compound.tag.empty() && compound.tag != element.tag()) return false;
  for (const Condition& condition : compound.conditions) {
    if (!MatchesCondition(condition, element)) return false;
  }
  return true;
}

// Right to left: `index` is the compound `element` must match.
bool Selector::MatchesComplex(const Complex& complex, size_t index, const Element& element) {
  if (!MatchesCompound(complex[index], element)) return false;
  if (index == 0) return true;
  switch (complex[index].combinator) {
    case '>': {
      const Element* parent = element.parent() ? element.parent()->AsElement() : nullptr;
      return parent && MatchesComplex(complex, index - 1, *parent);
    }
    case ' ':
      for (const Node* node = element.parent(); node; node = node->parent()) {
        if (const Element* ancestor = node->AsElement(); ancestor && MatchesComplex(complex, index - 1, *ancestor)) {
          return true;
        }
      }
      return false;
    case '+':
    case '~':
      for (const Node* node = element.PreviousSibling(); node; node = node->PreviousSibling()) {
        const Element* sibling = node->AsElement();
        if (!sibling) continue;
        if (MatchesComplex(complex, index - 1, *sibling)) return true;
        if (complex[index].combinator == '+') return false;
      }
      return false;
  }
  return false;
}

bool Selector::Matches(const Element& element) const {
  for (const Complex& complex : alternatives_) {
    if (MatchesComplex(complex, complex.size() - 1, element)) return true;
  }
  return false;
}

std::vector<Element*> Selector::Select(const Node& root, bool first_only) const {
  std::vector<Element*> found;
  std::vector<Node*> pending(root.children().rbegin(), root.children().rend());
  while (!pending.empty()) {
    Node* node = pending.back();
    pending.pop_back();
    if (Element* element = node->AsElement(); element && Matches(*element)) {
      found.push_back(element);
      if (first_only) break;
    }
    pending.insert(pending.end(), node->children().rbegin(), node->children().rend());
  }
  return found;
}

}  // namespace sandtab::script
