// Words: the lexicon first, then initials, Roman numerals, acronyms and capitals.
#include "text/normalize/classifier.h"
#include "text/normalize/chars.h"
#include "text/normalize/endings.h"
#include "util/unicode.h"

#include <algorithm>

namespace dauys::normalize {

namespace {

std::optional<int> RomanValue(u32v w) {
  if (w.empty() || w.size() > 7) return std::nullopt;
  int total = 0, prev = 0;
  for (size_t i = w.size(); i-- > 0;) {
    int v = 0;
    switch (w[i]) {
      case U'I': case U'І': case U'Ӏ': v = 1; break;
      case U'V': v = 5; break;
      case U'X': case U'Х': v = 10; break;
      case U'L': v = 50; break;
      case U'C': case U'С': v = 100; break;
      case U'M': case U'М': v = 1000; break;
      default: return std::nullopt;
    }
    total += v < prev ? -v : v;
    prev = std::max(prev, v);
  }
  if (total <= 0 || total > 3999) return std::nullopt;
  return total;
}

int VowelCount(u32v w) {
  int n = 0;
  for (char32_t c : w) n += IsVowel(LowerChar(c));
  return n;
}

bool IsVowelLetter(char32_t c) {
  char32_t lower = LowerChar(c);
  return IsVowel(lower) || (lower < 0x80 && std::string_view("aeiouy").find(static_cast<char>(lower)) != std::string_view::npos);
}

/// Capitals that can be said as a word ("ДАТ", "ARAI"): three letters or more,
/// consonants and vowels taking turns (a vowel pair only as a diphthong ending in и, й,
/// у, i, y or u), not starting with a vowel when that short. Acronyms rarely are
/// ("ТМД", "АҚШ", "ЖОО").
bool Pronounceable(u32v w) {
  if (w.size() < 3 || (w.size() == 3 && IsVowelLetter(w[0]))) return false;
  for (size_t k = 1; k < w.size(); ++k) {
    bool vowel = IsVowelLetter(w[k]), previous = IsVowelLetter(w[k - 1]);
    if (vowel != previous) continue;
    char32_t lower = LowerChar(w[k]);
    bool diphthong = vowel && std::u32string_view(U"иуйiyu").find(lower) != std::u32string_view::npos &&
                     (k < 2 || !IsVowelLetter(w[k - 2]));
    if (!diphthong) return false;
  }
  return true;
}

/// The word before position `i` (letters only).
u32v PreviousWord(u32v s, size_t i) {
  size_t b = i;
  while (b > 0 && IsSpace(s[b - 1])) --b;
  size_t a = b;
  while (a > 0 && IsAlpha(s[a - 1])) --a;
  return s.substr(a, b - a);
}

/// "М.Әуезов", "Қ.-Ж. Тоқаев": a capital letter and a dot before a capitalised word.
bool ReadInitial(u32v s, size_t end, Token& t, size_t& i) {
  if (end != i + 1 || !IsUpper(s[i]) || end >= s.size() || s[end] != U'.') return false;
  size_t k = end + 1;
  if (k < s.size() && IsHyphen(s[k])) ++k;
  k = SkipSpaces(s, k);
  if (k >= s.size() || !IsUpper(s[k])) return false;
  t.kind = SemioticClass::kInitial;
  t.text = FromUtf32(s.substr(i, 1));
  i = end + 1;
  if (i < s.size() && IsHyphen(s[i])) ++i;
  return true;
}

/// "XXI ғасыр", "II дүниежүзілік соғыс": a Roman numeral before a lower-case noun.
bool ReadRoman(u32v s, u32v word, size_t end, Token& t, size_t& i) {
  // "XIX-XX ғасырлар": a range of two.
  size_t hyphen = word.find_first_of(U"-\u2010\u2011");
  if (hyphen != u32v::npos) {
    std::optional<int> first = RomanValue(word.substr(0, hyphen)), last = RomanValue(word.substr(hyphen + 1));
    if (!first || !last || *last <= *first || !AllUpper(word)) return false;
    Token single;
    size_t at = i;
    if (!ReadRoman(s, word.substr(hyphen + 1), end, single, at)) return false;
    t.kind = SemioticClass::kRoman;
    t.roman = *first;
    t.roman_last = *last;
    i = end;
    return true;
  }
  std::optional<int> roman = RomanValue(word);
  if (!roman || !AllUpper(word)) return false;
  size_t a = SkipSpaces(s, end);
  bool noun_follows = a < s.size() && IsLower(s[a]) && IsCyrillic(s[a]);
  bool single_letter = word.size() == 1 && (word[0] == U'С' || word[0] == U'М');
  if (!noun_follows || single_letter) return false;
  t.kind = SemioticClass::kRoman;
  t.roman = *roman;
  i = end;
  return true;
}

/// Capitals: an acronym to spell ("ТМД", "ЕҚЫҰ-ға") or a word in capitals (a heading,
/// a surname, a long name).
bool ReadCapitals(u32v s, u32v word, size_t end, Token& t, size_t& i) {
  u32v core = word;
  u32v ending;
  size_t hyphen = word.find(U'-');
  if (hyphen != u32::npos && AllUpper(word.substr(0, hyphen)) && !AllUpper(word.substr(hyphen + 1))) {
    core = word.substr(0, hyphen);
    ending = word.substr(hyphen + 1);
  }
  if (!AllUpper(core) || core.size() < 2) return false;
  u32v previous = PreviousWord(s, i);
  u32v following = NextWord(s, end);
  bool caps_run = (previous.size() >= 2 && AllUpper(previous)) || (following.size() >= 2 && AllUpper(following));
  bool short_enough = core.size() <= 4 || (core.size() == 5 && VowelCount(core) <= 1);
  // A pronounceable run is a word (a rubric, a surname); an unpronounceable one is an
  // acronym, even after a capitalised word ("Қазақ КСР").
  if (short_enough && !caps_run && !Pronounceable(core)) {
    t.kind = SemioticClass::kLetters;
    t.text = FromUtf32(core);
    t.ending = FromUtf32(ending);
  } else {
    t.kind = SemioticClass::kCapsWord;
    t.text = FromUtf32(core);
    t.ending = FromUtf32(ending);
  }
  i = end;
  return true;
}

}  // namespace

Token ClassifyWord(u32v s, size_t& i, const Lexicon& lexicon) {
  Token t;
  // Lexicon words and abbreviations first (longest match; see Lexicon for case).
  if (const Lexicon::Entry* e = lexicon.LongestMatch(s, i, Lexicon::Kind::kWord); e && (i == 0 || !IsAlpha(s[i - 1]))) {
    t.kind = SemioticClass::kAbbreviation;
    t.text = Lexicon::SpokenAs(*e, s.substr(i, e->written.size()));
    i += e->written.size();
    t.ending = TakeEnding(s, i);
    // Phonemes take no harmony: any ending is said as written after them.
    t.ending_as_written = Lexicon::IsPhonemes(t.text);
    // A name or acronym with its ending written on ("Тоқаевтың", "БҰҰның"). A name's
    // entry replaces the stem and the ending is said as written, whatever vowel a
    // respelling has ("Тоқаевқа" with Тоқаев = Тоқайев -> "Тоқайевқа", not "…евке");
    // an acronym's ending is fitted to how its letters are said.
    if (t.ending.empty() && IsUpper(e->written.front()) && IsAlpha(e->written.back())) {
      size_t end = i;
      while (end < s.size() && IsLower(s[end])) ++end;
      if (end > i && (end == s.size() || !IsAlpha(s[end]))) {
        t.ending = FromUtf32(s.substr(i, end - i));
        i = end;
        t.ending_as_written = !AllUpper(e->written);
      }
    }
    return t;
  }
  const size_t end = WordEnd(s, i);
  const u32v word = s.substr(i, end - i);
  if (ReadInitial(s, end, t, i) || ReadRoman(s, word, end, t, i) || ReadCapitals(s, word, end, t, i)) return t;
  t.kind = SemioticClass::kWord;
  t.text = FromUtf32(word);
  i = end;
  return t;
}

}  // namespace dauys::normalize
