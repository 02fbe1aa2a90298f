#include "text/normalize/classifier.h"

#include "text/normalize/chars.h"
#include "util/unicode.h"

namespace dauys::normalize {

std::string CurrencyWord(char32_t sign) {
  switch (sign) {
    case U'$': return "доллар";
    case U'€': return "еуро";
    case U'₽': return "рубль";
    case U'₸': return "теңге";
    case U'£': return "фунт";
    default: return "";
  }
}

size_t WordEnd(u32v s, size_t i) {
  size_t j = i;
  while (j < s.size()) {
    if (IsAlpha(s[j]) || s[j] == U'\'' || s[j] == U'’') {
      ++j;
    } else if (IsHyphen(s[j]) && j + 1 < s.size() && IsAlpha(s[j + 1]) && j > i) {
      ++j;
    } else {
      break;
    }
  }
  return j;
}

u32v NextWord(u32v s, size_t from) {
  size_t a = SkipSpaces(s, from);
  return s.substr(a, WordEnd(s, a) - a);
}

std::string TakeEnding(u32v s, size_t& at) {
  if (at + 1 >= s.size() || !IsHyphen(s[at]) || !IsAlpha(s[at + 1])) return "";
  size_t e = at + 1;
  while (e < s.size() && IsAlpha(s[e])) ++e;
  std::string ending = FromUtf32(s.substr(at + 1, e - at - 1));
  at = e;
  return ending;
}

std::vector<Token> Classify(u32v s, const Lexicon& lexicon) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < s.size()) {
    const size_t start = i;
    const char32_t c = s[i];
    Token t;
    if (IsDigit(c) || (!CurrencyWord(c).empty() && i + 1 < s.size() && IsDigit(s[i + 1]))) {
      t = ClassifyNumber(s, i, lexicon);
    } else if (IsAlpha(c)) {
      t = ClassifyWord(s, i, lexicon);
    } else {
      t = ClassifyMark(s, i);
    }
    t.written = u32(s.substr(start, i - start));
    tokens.push_back(std::move(t));
  }
  return tokens;
}

}  // namespace dauys::normalize
