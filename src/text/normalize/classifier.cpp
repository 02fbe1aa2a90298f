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

namespace {

/// "ҚР АК 45-бабы": a code or law named by its abbreviation before the number of an
/// article takes the genitive, "Азаматтық кодексінің қырық бесінші бабы".
void MarkLegalReferences(std::vector<Token>& tokens) {
  auto next = [&tokens](size_t k) {
    while (++k < tokens.size() && tokens[k].kind == SemioticClass::kSilent) {
    }
    return k;
  };
  for (size_t k = 0; k < tokens.size(); ++k) {
    Token& t = tokens[k];
    if (t.kind != SemioticClass::kAbbreviation || !t.ending.empty() || t.text.find(' ') == std::string::npos) continue;
    if (!(t.text.ends_with("ы") || t.text.ends_with("і"))) continue;
    size_t number = next(k);
    if (number >= tokens.size() || tokens[number].kind != SemioticClass::kOrdinal || !tokens[number].ending.empty()) {
      continue;
    }
    size_t noun = next(number);
    if (noun >= tokens.size() || tokens[noun].kind != SemioticClass::kWord) continue;
    u32 lower = ToUtf32(ToLower(tokens[noun].text));
    for (u32v article : {u32v(U"бап"), u32v(U"баб"), u32v(U"тармақ"), u32v(U"тармағ"), u32v(U"бөлім")}) {
      if (StartsWith(lower, article)) t.ending = "ның";
    }
  }
}

/// "№12 мектеп": the sign stands for the number's ordinal ending (orthography rules,
/// §44), said after it as Kazakh does, "он екі нөмірлі мектеп"; alone, "нөмір он екі".
void MarkNumberSigns(std::vector<Token>& tokens) {
  for (size_t k = 0; k < tokens.size(); ++k) {
    if (tokens[k].kind != SemioticClass::kSymbol || tokens[k].text != "нөмір") continue;
    size_t n = k + 1;
    while (n < tokens.size() && tokens[n].kind == SemioticClass::kSilent) ++n;
    if (n >= tokens.size() || tokens[n].kind != SemioticClass::kCardinal || !tokens[n].ending.empty() ||
        !tokens[n].unit.empty()) {
      continue;
    }
    size_t noun = n + 1;
    while (noun < tokens.size() && tokens[noun].kind == SemioticClass::kSilent) ++noun;
    if (noun >= tokens.size() || tokens[noun].kind != SemioticClass::kWord || tokens[noun].text.empty() ||
        !IsLower(ToUtf32(tokens[noun].text).front())) {
      continue;
    }
    tokens[k].kind = SemioticClass::kSilent;
    tokens[n].unit = "нөмірлі";
  }
}

}  // namespace

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
  MarkLegalReferences(tokens);
  MarkNumberSigns(tokens);
  return tokens;
}

}  // namespace dauys::normalize
