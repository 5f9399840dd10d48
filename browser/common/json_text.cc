#include "browser/common/json_text.h"

#include <cstdint>
#include <vector>

#include "browser/common/json_writer.h"

namespace sandtab::browser {
namespace {

// What may come next, given what came before.
enum class Expect { kValue, kValueOrClose, kKeyOrClose, kKey, kColon, kCommaOrClose, kEnd };

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// UTF-8 of a code point below U+110000: a lead byte that counts the
// continuation bytes, then six bits in each.
void AppendUtf8(std::string& out, uint32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
    return;
  }
  const int continuation = code_point < 0x800 ? 1 : code_point < 0x10000 ? 2 : 3;
  static constexpr uint32_t kLead[] = {0, 0xC0, 0xE0, 0xF0};
  out += static_cast<char>(kLead[continuation] | (code_point >> (6 * continuation)));
  for (int shift = 6 * (continuation - 1); shift >= 0; shift -= 6) {
    out += static_cast<char>(0x80 | ((code_point >> shift) & 0x3F));
  }
}

// Reads the four hex digits of a \u escape at text[i..i+3].
bool ReadHex4(std::string_view text, size_t i, uint32_t* value) {
  if (i + 4 > text.size()) return false;
  *value = 0;
  for (size_t k = 0; k < 4; ++k) {
    int digit = HexDigit(text[i + k]);
    if (digit < 0) return false;
    *value = *value * 16 + static_cast<uint32_t>(digit);
  }
  return true;
}

// The string starting at text[*i] (its opening quote), decoded; *i ends past
// its closing quote. A lone surrogate decodes to U+FFFD, as a browser's
// TextDecoder does.
Result<std::string> ReadString(std::string_view text, size_t* i) {
  std::string decoded;
  for (size_t at = *i + 1; at < text.size(); ++at) {
    const char c = text[at];
    if (c == '"') {
      *i = at + 1;
      return decoded;
    }
    if (static_cast<unsigned char>(c) < 0x20) return Error{"a control character inside a string"};
    if (c != '\\') {
      decoded += c;
      continue;
    }
    if (++at == text.size()) break;
    switch (text[at]) {
      case '"':
      case '\\':
      case '/':
        decoded += text[at];
        break;
      case 'b':
        decoded += '\b';
        break;
      case 'f':
        decoded += '\f';
        break;
      case 'n':
        decoded += '\n';
        break;
      case 'r':
        decoded += '\r';
        break;
      case 't':
        decoded += '\t';
        break;
      case 'u': {
        uint32_t unit = 0;
        if (!ReadHex4(text, at + 1, &unit)) return Error{"a \\u escape without four hex digits"};
        at += 4;
        uint32_t low = 0;
        if (unit >= 0xD800 && unit <= 0xDBFF && at + 2 < text.size() && text[at + 1] == '\\' && text[at + 2] == 'u' &&
            ReadHex4(text, at + 3, &low) && low >= 0xDC00 && low <= 0xDFFF) {
          at += 6;
          AppendUtf8(decoded, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
        } else {
          AppendUtf8(decoded, unit >= 0xD800 && unit <= 0xDFFF ? 0xFFFD : unit);
        }
        break;
      }
      default:
        return Error{"an unknown escape inside a string"};
    }
  }
  return Error{"a string without its closing quote"};
}

size_t SkipDigits(std::string_view text, size_t i) {
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  return i;
}

// A number (-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?) from text[*i];
// returns its text and moves *i past it.
Result<std::string_view> ReadNumber(std::string_view text, size_t* i) {
  size_t at = *i;
  if (at < text.size() && text[at] == '-') ++at;
  if (at == text.size() || text[at] < '0' || text[at] > '9') return Error{"a '-' without digits"};
  at = text[at] == '0' ? at + 1 : SkipDigits(text, at);
  if (at < text.size() && text[at] == '.') {
    size_t digits = SkipDigits(text, at + 1);
    if (digits == at + 1) return Error{"a '.' without digits"};
    at = digits;
  }
  if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
    ++at;
    if (at < text.size() && (text[at] == '+' || text[at] == '-')) ++at;
    size_t digits = SkipDigits(text, at);
    if (digits == at) return Error{"an exponent without digits"};
    at = digits;
  }
  std::string_view number = text.substr(*i, at - *i);
  *i = at;
  return number;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

Result<std::string> CleanJson(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::vector<char> open;  // '[' or '{' of each container we are in
  Expect expect = Expect::kValue;
  size_t i = 0;
  auto after_value = [&] { expect = open.empty() ? Expect::kEnd : Expect::kCommaOrClose; };
  auto at = [&](std::string what) { return Error{what + " at byte " + std::to_string(i)}; };
  for (;;) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    if (i == text.size()) break;
    const char c = text[i];
    if (expect == Expect::kEnd) return at("text after the value");
    if (expect == Expect::kColon) {
      if (c != ':') return at("no ':' after a key");
      out += ':';
      ++i;
      expect = Expect::kValue;
      continue;
    }
    const bool closes = (c == ']' && expect == Expect::kValueOrClose) || (c == '}' && expect == Expect::kKeyOrClose) ||
                        (expect == Expect::kCommaOrClose && c == (open.back() == '[' ? ']' : '}'));
    if (closes) {
      open.pop_back();
      out += c;
      ++i;
      after_value();
      continue;
    }
    if (expect == Expect::kCommaOrClose) {
      if (c != ',') return at("neither ',' nor the container's end");
      out += ',';
      ++i;
      expect = open.back() == '[' ? Expect::kValue : Expect::kKey;
      continue;
    }
    if (expect == Expect::kKey || expect == Expect::kKeyOrClose) {
      if (c != '"') return at("an object key that is not a string");
      ASSIGN_OR_RETURN(std::string key, ReadString(text, &i));
      out += JsonQuote(key);
      expect = Expect::kColon;
      continue;
    }
    // A value.
    if (c == '{' || c == '[') {
      open.push_back(c);
      out += c;
      ++i;
      expect = c == '[' ? Expect::kValueOrClose : Expect::kKeyOrClose;
      continue;
    }
    if (c == '"') {
      ASSIGN_OR_RETURN(std::string string, ReadString(text, &i));
      out += JsonQuote(string);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      ASSIGN_OR_RETURN(std::string_view number, ReadNumber(text, &i));
      out += number;
    } else {
      bool matched = false;
      for (std::string_view literal : {"true", "false", "null"}) {
        if (text.substr(i, literal.size()) == literal) {
          out += literal;
          i += literal.size();
          matched = true;
          break;
        }
      }
      if (!matched) return at("not a JSON value");
    }
    after_value();
  }
  if (expect != Expect::kEnd) return Error{"the text ends inside the value"};
  return out;
}

}  // namespace sandtab::browser
