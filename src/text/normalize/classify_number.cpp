// Numbers and what they carry. The classes are decided by what surrounds the digits:
// a colon and two digits make a time, a hyphen and digits a range, "%" a percentage,
// "-ші" or a noun after a hyphen an ordinal, "жыл..." a year, a month name a date, a
// unit from the lexicon a measure, a currency sign money.
#include "text/normalize/classifier.h"
#include "text/normalize/chars.h"
#include "text/normalize/endings.h"
#include "util/unicode.h"

namespace dauys::normalize {

namespace {

const char32_t* const kMonths[] = {U"қаңтар", U"ақпан", U"наурыз", U"сәуір", U"мамыр", U"маусым",
                                   U"шілде", U"тамыз", U"қыркүйек", U"қазан", U"қараша", U"желтоқсан"};

u32 Lower(u32v w) { return ToUtf32(ToLower(FromUtf32(w))); }

bool IsMonthWord(u32v w) {
  u32 lower = Lower(w);
  for (const char32_t* m : kMonths) {
    if (StartsWith(lower, m)) return true;
  }
  return false;
}

/// A noun that makes a bare number before it an ordinal ("11 сыныпты", "XX ғасырда",
/// "3 орынға"), with any ending. "бет" only with one ("5 бетте", but "100 бет кітап").
bool IsCountedNoun(u32v lower) {
  for (u32v stem : {u32v(U"сынып"), u32v(U"сыныб"), u32v(U"курс"), u32v(U"орын"), u32v(U"орн"), u32v(U"қатар"),
                    u32v(U"ғасыр"), u32v(U"тарау"), u32v(U"бет")}) {
    if (!StartsWith(lower, stem)) continue;
    u32v rest = lower.substr(stem.size());
    if (rest.empty() ? stem != U"бет" && stem != U"орн" && stem != U"сыныб" : IsEnding(rest)) return true;
  }
  return false;
}

/// Reads "45 000", "336 000 000", "7,8", "1945" starting at `i`; `end` is after it.
Number ReadNumber(u32v s, size_t i, size_t& end) {
  Number n;
  size_t j = i;
  while (j < s.size() && IsDigit(s[j])) n.digits += s[j++];
  // Thousands groups: "45 000" (space, no-break or thin space, then exactly 3 digits).
  if (n.digits.size() <= 3) {
    while (j + 3 < s.size() && IsGroupSpace(s[j]) && IsDigit(s[j + 1]) && IsDigit(s[j + 2]) &&
           IsDigit(s[j + 3]) && (j + 4 == s.size() || !IsDigit(s[j + 4]))) {
      n.digits += s.substr(j + 1, 3);
      n.grouped = true;
      j += 4;
      if (n.digits.size() > NumberWords::kMaxDigits) break;
    }
  }
  if (j + 1 < s.size() && (s[j] == U',' || s[j] == U'.') && IsDigit(s[j + 1])) {
    size_t k = j + 1;
    while (k < s.size() && IsDigit(s[k])) ++k;
    n.fraction = u32(s.substr(j + 1, k - j - 1));
    j = k;
  }
  end = j;
  return n;
}

/// Values compare as "large" when too long to say as one number.
long long ValueOr(const Number& n, long long large) { return n.Value().value_or(large); }
constexpr long long kHuge = 1'000'000'000'000'000LL;

/// "14:30": hours under 24, then exactly two digits of minutes.
bool ReadTime(u32v s, size_t j, Token& t, size_t& i) {
  const Number& n = *t.number;
  if (n.fraction || n.grouped || j + 2 >= s.size() || s[j] != U':' || !IsDigit(s[j + 1]) || !IsDigit(s[j + 2]) ||
      (j + 3 < s.size() && IsDigit(s[j + 3])) || ValueOr(n, kHuge) >= 24) {
    return false;
  }
  t.kind = SemioticClass::kTime;
  t.minutes = (s[j + 1] - U'0') * 10 + (s[j + 2] - U'0');
  t.currency.clear();
  i = j + 3;
  t.ending = TakeEnding(s, i);
  return true;
}

/// "50-ші", "120-дан", "1945-жылы", "3-орын": a hyphen and letters right after.
bool ReadHyphenated(u32v s, size_t j, Token& t, size_t& i) {
  const Number& n = *t.number;
  if (t.second || n.fraction || j + 1 >= s.size() || !IsHyphen(s[j]) || !IsAlpha(s[j + 1])) return false;
  size_t e = j + 1;
  while (e < s.size() && IsAlpha(s[e])) ++e;
  u32 word(s.substr(j + 1, e - j - 1));
  u32 lower = Lower(word);
  t.currency.clear();
  t.ordinal = true;
  t.kind = SemioticClass::kOrdinal;
  if (std::optional<size_t> marker = OrdinalMarkerLength(lower)) {
    t.ending = FromUtf32(lower.substr(*marker));
    i = e;
  } else if (IsEnding(lower)) {
    bool year_like = StartsWith(Lower(NextWord(s, e)), U"жыл") && ValueOr(n, kHuge) >= 1000;
    t.ordinal = year_like;
    t.kind = year_like ? SemioticClass::kYear : SemioticClass::kCardinal;
    t.ending = FromUtf32(word);
    i = e;
  } else {
    i = j + 1;  // a noun follows: the number is its ordinal
  }
  return true;
}

/// What follows a plain number decides: a year, a date, a unit, a currency sign.
void ReadFollower(u32v s, size_t after, const Lexicon& lexicon, Token& t, size_t& i) {
  const Number& n = *t.number;
  const long long value = ValueOr(n, kHuge);
  const bool plain = !n.fraction && !n.grouped;
  u32 follower = Lower(NextWord(s, after));
  bool year_word = StartsWith(follower, U"жыл");
  bool year = plain && year_word &&
              ((value >= 1000 && value <= 2999) || follower == U"жылы" || follower == U"жылғы");
  size_t a = SkipSpaces(s, after);
  // "1995 г." is the Russian "года": a year.
  if (plain && value >= 1000 && value <= 2999 && a + 1 < s.size() && s[a] == U'г' &&
      (s[a + 1] == U'.' || (s[a + 1] == U'г' && a + 2 < s.size() && s[a + 2] == U'.'))) {
    bool plural = s[a + 1] == U'г';
    t.ordinal = true;
    t.unit = plural || t.second ? "жылдары" : "жылы";
    t.kind = t.second ? SemioticClass::kRange : SemioticClass::kYear;
    i = a + (plural ? 3 : 2);
    return;
  }
  const Lexicon::Entry* unit = a < s.size() ? lexicon.LongestMatch(s, a, Lexicon::Kind::kUnit) : nullptr;
  if (!year && unit && unit->spoken.rfind("жыл", 0) == 0 && !n.fraction && value >= 1000) year = true;
  bool date = plain && value >= 1 && value <= 31 && IsMonthWord(NextWord(s, after));
  bool counted = plain && value >= 1 && IsCountedNoun(follower);
  t.ordinal = year || date || counted;
  i = after;
  if (unit) {
    t.unit = unit->spoken;
    i = a + unit->written.size();
    t.ending = TakeEnding(s, i);
  }
  size_t q = SkipSpaces(s, i);
  if (t.currency.empty() && q < s.size() && !CurrencyWord(s[q]).empty()) {
    t.currency = CurrencyWord(s[q]);
    i = q + 1;
  }
  using C = SemioticClass;
  t.kind = t.second           ? C::kRange
           : unit             ? C::kMeasure
           : !t.currency.empty() ? C::kMoney
           : year             ? C::kYear
           : date             ? C::kDate
           : counted          ? C::kOrdinal
           : n.fraction       ? C::kDecimal
                              : C::kCardinal;
}

}  // namespace

Token ClassifyNumber(u32v s, size_t& i, const Lexicon& lexicon) {
  Token t;
  t.currency = CurrencyWord(s[i]);
  if (!t.currency.empty()) ++i;
  // "-5" after a space is negative; a hyphen between words or numbers is not.
  t.negative = i >= 2 && (s[i - 1] == U'-' || s[i - 1] == U'\u2212') && IsSpace(s[i - 2]);
  size_t j = 0;
  t.number = ReadNumber(s, i, j);
  if (ReadTime(s, j, t, i)) return t;

  size_t after = j;
  // A range: "10–15", "8-10", and "24- 25" as pages break it.
  size_t k = j + 1;
  if (j < s.size() && IsHyphen(s[j])) {
    while (k < s.size() && IsGroupSpace(s[k]) && k < j + 3) ++k;
  }
  if (j + 1 < s.size() && (IsHyphen(s[j]) || s[j] == U'–' || s[j] == U'—') && k < s.size() && IsDigit(s[k])) {
    t.second = ReadNumber(s, k, after);
  }
  size_t p = SkipSpaces(s, after);
  if (p < s.size() && s[p] == U'%') {
    t.kind = SemioticClass::kPercent;
    t.unit = "пайыз";
    t.currency.clear();
    i = p + 1;
    t.ending = TakeEnding(s, i);
    return t;
  }
  if (ReadHyphenated(s, j, t, i)) return t;
  ReadFollower(s, after, lexicon, t, i);
  return t;
}

}  // namespace dauys::normalize
