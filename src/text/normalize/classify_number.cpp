// Numbers and what they carry. The classes are decided by what surrounds the digits:
// groups of digits a phone number, "DD.MM.YYYY" a date, "1/4" a fraction, a colon
// and two digits a time (one digit a score), a hyphen and digits a range, "%" a percentage,
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
/// "3 орынға"), with any ending, while the number can be a grade, a rank or a century:
/// "25 сынып бөлмесі" (twenty-five classrooms) is a count. "бет" only with an ending
/// ("5 бетте", but "100 бет кітап").
bool IsCountedNoun(u32v lower, long long value) {
  struct Noun {
    u32v stem;
    long long max;  // the largest grade, rank or century the noun has
  };
  static const Noun kNouns[] = {{U"сынып", 12}, {U"сыныб", 12}, {U"курс", 6},    {U"орын", 20}, {U"орн", 20},
                                {U"қатар", 20}, {U"ғасыр", 21}, {U"тарау", 200}, {U"бет", 100000}};
  for (const Noun& noun : kNouns) {
    if (!StartsWith(lower, noun.stem) || value > noun.max) continue;
    u32v rest = lower.substr(noun.stem.size());
    if (rest.empty() ? noun.stem != U"бет" && noun.stem != U"орн" && noun.stem != U"сыныб" : IsEnding(rest)) return true;
  }
  return false;
}

/// The letters of the word that ends just before `i` (spaces skipped), lower-cased.
u32 PreviousWordLower(u32v s, size_t i) {
  size_t b = i;
  while (b > 0 && (IsSpace(s[b - 1]) || s[b - 1] == U'.')) --b;
  size_t a = b;
  while (a > 0 && IsAlpha(s[a - 1])) --a;
  return Lower(s.substr(a, b - a));
}

/// Digits from `i` (at most `max`); their count.
size_t CountDigits(u32v s, size_t i, size_t max = 64) {
  size_t n = 0;
  while (i + n < s.size() && IsDigit(s[i + n]) && n < max + 1) ++n;
  return n;
}

int TwoDigits(u32v s, size_t i) { return (s[i] - U'0') * 10 + (s[i + 1] - U'0'); }

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

/// A clock time at `i`: hours under 24, ":" or "." and two digits of minutes. With
/// ":" ("14:30") it is always a time; with "." ("18.00") only when an ending follows,
/// "сағат" precedes, another time follows as a range, or the minutes are "00" (a
/// decimal is written with a comma in Kazakh). `end` is set after it.
std::optional<std::pair<Number, int>> ClockAt(u32v s, size_t i, size_t& end, bool dot_ok) {
  size_t h = CountDigits(s, i, 2);
  if (h == 0 || h > 2 || i + h + 2 >= s.size()) return std::nullopt;
  const char32_t sep = s[i + h];
  size_t m = i + h + 1;
  if ((sep != U':' && sep != U'.') || CountDigits(s, m, 2) != 2) return std::nullopt;
  if (sep == U'.' && !dot_ok) return std::nullopt;
  // "22.11.2023" is a date; "12:30:15" has seconds; neither is read here.
  if (m + 2 < s.size() && (s[m + 2] == U'.' || s[m + 2] == U':') && m + 3 < s.size() && IsDigit(s[m + 3])) {
    return std::nullopt;
  }
  int hours = h == 1 ? s[i] - U'0' : TwoDigits(s, i);
  int minutes = TwoDigits(s, m);
  if (hours >= 24 || minutes >= 60) return std::nullopt;
  Number n;
  n.digits = u32(s.substr(i, h));
  end = m + 2;
  return std::make_pair(n, minutes);
}

/// "14:30", "18.00-де", "10:00-17:00", "сағат 9.30-да": a time or a range of times.
bool ReadTime(u32v s, size_t start, Token& t, size_t& i) {
  size_t end = 0;
  std::optional<std::pair<Number, int>> first = ClockAt(s, start, end, true);
  if (!first) return false;
  const bool dot = s[start + first->first.digits.size()] == U'.';
  // A range: "10:00-17:00", "9.00–18.00".
  std::optional<std::pair<Number, int>> last;
  size_t last_end = end;
  if (end + 1 < s.size() && (IsHyphen(s[end]) || s[end] == U'–' || s[end] == U'—')) {
    last = ClockAt(s, end + 1, last_end, dot);
    if (last && (s[end + 1 + last->first.digits.size()] == U'.') != dot) last.reset();
  }
  size_t after = last ? last_end : end;
  bool ending = after + 1 < s.size() && IsHyphen(s[after]) && IsAlpha(s[after + 1]);
  if (dot && !last && !ending && first->second != 0) {
    u32 before = PreviousWordLower(s, start);
    if (before != U"сағат" && before != U"сағ") return false;
  }
  t.kind = SemioticClass::kTime;
  t.number = first->first;
  t.minutes = first->second;
  if (last) {
    t.second = last->first;
    t.end_minutes = last->second;
  }
  t.currency.clear();
  i = after;
  t.ending = TakeEnding(s, i);
  t.between = last && t.ending.empty() && StartsWith(Lower(NextWord(s, i)), U"аралығ");
  return true;
}

/// "3:2": a score (the second number of one digit, or not a clock's).
bool ReadScore(u32v s, size_t j, Token& t, size_t& i) {
  const Number& n = *t.number;
  if (n.fraction || n.grouped || j + 1 >= s.size() || s[j] != U':' || n.digits.size() > 3) return false;
  size_t m = CountDigits(s, j + 1, 3);
  if (m == 0 || m > 3) return false;
  if (m == 2 && ValueOr(n, kHuge) < 24 && TwoDigits(s, j + 1) < 60) return false;  // a clock: "14:30"
  t.kind = SemioticClass::kScore;
  Number second;
  second.digits = u32(s.substr(j + 1, m));
  t.second = second;
  t.currency.clear();
  i = j + 1 + m;
  t.ending = TakeEnding(s, i);
  return true;
}

/// "22.11.2023", "5.03.2024 ж.", "01.09.2025 жылы": day, month and year.
bool ReadFullDate(u32v s, Token& t, size_t& i) {
  size_t d = CountDigits(s, i, 2);
  if (d == 0 || d > 2 || i + d >= s.size() || s[i + d] != U'.') return false;
  size_t m = i + d + 1;
  size_t md = CountDigits(s, m, 2);
  if (md == 0 || md > 2 || m + md >= s.size() || s[m + md] != U'.') return false;
  size_t y = m + md + 1;
  if (CountDigits(s, y, 4) != 4) return false;
  int day = d == 1 ? s[i] - U'0' : TwoDigits(s, i);
  int month = md == 1 ? s[m] - U'0' : TwoDigits(s, m);
  if (day < 1 || day > 31 || month < 1 || month > 12) return false;
  t.kind = SemioticClass::kDate;
  t.ordinal = true;
  t.number = Number{u32(s.substr(i, d)), std::nullopt, false};
  t.second = Number{u32(s.substr(y, 4)), std::nullopt, false};
  t.month = month;
  i = y + 4;
  t.ending = TakeEnding(s, i);
  if (!t.ending.empty()) return true;
  // The word for the year the writer put after it: "жылы", "жылғы", "ж.".
  size_t a = SkipSpaces(s, i);
  u32v next = NextWord(s, i);
  u32 lower = Lower(next);
  if (StartsWith(lower, U"жыл")) {
    t.year_word = FromUtf32(lower);
    i = a + next.size();
  } else if (lower == U"ж" && a + 1 < s.size() && s[a + 1] == U'.') {
    t.year_word = "жылы";
    i = a + 2;
  } else {
    t.date_in_sentence = !next.empty();
  }
  return true;
}

/// "1/4", "3/4-і": a common fraction, said "төрттен бір".
bool ReadFraction(u32v s, Token& t, size_t& i) {
  size_t a = CountDigits(s, i, 3);
  if (a == 0 || a > 3 || i + a >= s.size() || s[i + a] != U'/') return false;
  size_t b = CountDigits(s, i + a + 1, 3);
  if (b == 0 || b > 3) return false;
  size_t end = i + a + 1 + b;
  if (end < s.size() && (s[end] == U'/' || s[end] == U'.' || s[end] == U',') && end + 1 < s.size() &&
      IsDigit(s[end + 1])) {
    return false;  // "12/05/2024", "1/2.5"
  }
  Number numerator{u32(s.substr(i, a)), std::nullopt, false};
  Number denominator{u32(s.substr(i + a + 1, b)), std::nullopt, false};
  long long top = ValueOr(numerator, 0), bottom = ValueOr(denominator, 0);
  if (top < 1 || bottom < 2 || top >= bottom) return false;
  t.kind = SemioticClass::kFraction;
  t.number = numerator;
  t.second = denominator;
  i = end;
  t.ending = TakeEnding(s, i);
  return true;
}

/// A phone number: three or more groups of digits joined by spaces, hyphens or
/// brackets ("8 747 555 12 34", "+7 (727) 250-11-22", "250-11-22"), 7 to 12 digits in
/// all, that is not a number in thousands groups ("1 234 567").
bool ReadPhone(u32v s, Token& t, size_t& i) {
  if (i > 0 && (IsDigit(s[i - 1]) || IsAlpha(s[i - 1]))) return false;
  std::vector<u32> groups;
  size_t p = i, digits = 0, four = 0;
  bool only_group_spaces = true;
  while (true) {
    size_t g = CountDigits(s, p, 4);
    if (g == 0 || g > 4) return false;
    groups.emplace_back(s.substr(p, g));
    digits += g;
    four += g == 4;
    p += g;
    // A separator: at most three of space, hyphen and brackets, then a digit.
    size_t q = p;
    int hyphen_count = 0;
    bool spaces_only = true;
    while (q < s.size() && q < p + 3 &&
           (IsGroupSpace(s[q]) || IsHyphen(s[q]) || s[q] == U'(' || s[q] == U')')) {
      if (IsHyphen(s[q])) ++hyphen_count;
      if (!IsGroupSpace(s[q])) spaces_only = false;
      ++q;
    }
    if (q == p || hyphen_count > 1 || q >= s.size() || !IsDigit(s[q])) break;
    only_group_spaces &= spaces_only;
    p = q;
  }
  if (groups.size() < 3 || digits < 7 || digits > 12 || four > 1) return false;
  bool thousands = only_group_spaces && groups[0].size() <= 3;
  for (size_t k = 1; k < groups.size(); ++k) thousands &= groups[k].size() == 3;
  if (thousands) return false;
  t.kind = SemioticClass::kPhone;
  t.groups = std::move(groups);
  i = p;
  t.ending = TakeEnding(s, i);
  return true;
}

/// "50-ші", "120-дан", "1945-жылы", "3-орын", "4-еу", "1980-1990-жылдары": a hyphen
/// at `j` and letters right after.
bool ReadHyphenated(u32v s, size_t j, Token& t, size_t& i) {
  const Number& n = *t.number;
  if (n.fraction || j + 1 >= s.size() || !IsHyphen(s[j]) || !IsAlpha(s[j + 1])) return false;
  size_t e = j + 1;
  while (e < s.size() && IsAlpha(s[e])) ++e;
  u32 word(s.substr(j + 1, e - j - 1));
  u32 lower = Lower(word);
  t.currency.clear();
  t.ordinal = true;
  t.kind = t.second ? SemioticClass::kRange : SemioticClass::kOrdinal;
  const long long value = ValueOr(n, kHuge);
  if (std::optional<size_t> marker = OrdinalMarkerLength(lower)) {
    t.ending = FromUtf32(lower.substr(*marker));
    i = e;
  } else if (!t.second && value >= 1 && value <= 10 && (StartsWith(lower, U"еу") || StartsWith(lower, U"ау"))) {
    t.kind = SemioticClass::kCollective;  // "4-еу" төртеу, "2-еуі" екеуі, "6-ауы" алтауы
    t.ordinal = false;
    t.ending = FromUtf32(lower.substr(2));
    i = e;
  } else if (IsEnding(lower)) {
    bool year_like = StartsWith(Lower(NextWord(s, e)), U"жыл") && ValueOr(t.second ? *t.second : n, kHuge) >= 1000;
    t.ordinal = year_like;
    t.kind = t.second ? SemioticClass::kRange : year_like ? SemioticClass::kYear : SemioticClass::kCardinal;
    t.ending = FromUtf32(word);
    i = e;
  } else {
    i = j + 1;  // a noun follows: the number (both of a range) is its ordinal
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
  bool counted = plain && value >= 1 && IsCountedNoun(follower, value);
  t.ordinal = year || date || counted;
  i = after;
  if (unit) {
    t.unit = unit->spoken;
    i = a + unit->written.size();
    // "км/сағ", "т/га", "м/с": so much per hour, per hectare: "сағатына … шақырым".
    if (i + 1 < s.size() && s[i] == U'/') {
      const Lexicon::Entry* per = lexicon.LongestMatch(s, i + 1, Lexicon::Kind::kUnit);
      size_t per_end = per ? i + 1 + per->written.size() : i;
      if (per && (per_end >= s.size() || !IsAlpha(s[per_end]))) {
        t.per = AttachSuffixToPossessive(AttachPossessive(per->spoken), "ға");
        i = per_end;
      }
    }
    t.ending = TakeEnding(s, i);
    // "2 сағ. 40 мин.": the full stop of a shortened unit before a number or a
    // lower-case word closes the abbreviation, not the sentence.
    if (t.ending.empty() && i < s.size() && s[i] == U'.') {
      size_t next = SkipSpaces(s, i + 1);
      if (next < s.size() && (IsDigit(s[next]) || IsLower(s[next]))) ++i;
    }
  }
  size_t q = SkipSpaces(s, i);
  if (t.currency.empty() && q < s.size() && !CurrencyWord(s[q]).empty()) {
    t.currency = CurrencyWord(s[q]);
    i = q + 1;
  }
  // "2020-2022 жж. аралығында": «аралығы» owns the years, so they stay bare, «жылдар».
  if (t.second && t.ending.empty() && StartsWith(Lower(NextWord(s, i)), U"аралығ")) {
    t.between = true;
    if (t.unit == "жылдары") t.unit = "жылдар";
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
  if (t.currency.empty() && (ReadPhone(s, t, i) || ReadFullDate(s, t, i) || ReadFraction(s, t, i))) return t;
  // "-5" after a space is negative; a hyphen between words or numbers is not.
  t.negative = i >= 1 && (s[i - 1] == U'-' || s[i - 1] == U'\u2212') &&
               (i == 1 || IsSpace(s[i - 2]) || s[i - 2] == U'(' || s[i - 2] == U'«' || s[i - 2] == U'"');
  size_t j = 0;
  t.number = ReadNumber(s, i, j);
  if (!t.negative && t.currency.empty() && ReadTime(s, i, t, i)) return t;
  if (ReadScore(s, j, t, i)) return t;

  size_t after = j;
  // A range: "10–15", "8-10", "24- 25" and "5 -7" as pages break it. With a space
  // before the hyphen only when the numbers rise ("10 -5" stays a minus).
  size_t h = j;
  while (h < s.size() && IsGroupSpace(s[h]) && h < j + 2) ++h;
  if (h < s.size() && (IsHyphen(s[h]) || s[h] == U'–' || s[h] == U'—')) {
    size_t k = h + 1;
    while (k < s.size() && IsGroupSpace(s[k]) && k < h + 3) ++k;
    if (k < s.size() && IsDigit(s[k])) {
      size_t second_end = 0;
      Number second = ReadNumber(s, k, second_end);
      bool rising = ValueOr(second, kHuge) > ValueOr(*t.number, kHuge);
      if (h == j || rising) {
        t.second = second;
        after = second_end;
      }
    }
  }
  // "+30...+35°", "5…7": a range written with an ellipsis; the second sign is the first's.
  if (!t.second && j < s.size()) {
    size_t k = j;
    if (s[k] == U'…') {
      ++k;
    } else if (k + 2 < s.size() && s[k] == U'.' && s[k + 1] == U'.' && s[k + 2] == U'.') {
      k += 3;
    }
    if (k > j && k < s.size() && (s[k] == U'+' || s[k] == U'-' || s[k] == U'\u2212')) ++k;
    if (k > j && k < s.size() && IsDigit(s[k])) {
      size_t second_end = 0;
      t.second = ReadNumber(s, k, second_end);
      after = second_end;
    }
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
  // "1929 -жылы": an ending written after a space and a hyphen.
  size_t hyphen = after;
  while (hyphen < s.size() && IsGroupSpace(s[hyphen]) && hyphen < after + 2) ++hyphen;
  if (hyphen > after && !(hyphen + 1 < s.size() && IsHyphen(s[hyphen]) && IsAlpha(s[hyphen + 1]))) hyphen = after;
  if (ReadHyphenated(s, hyphen, t, i)) return t;
  ReadFollower(s, after, lexicon, t, i);
  return t;
}

}  // namespace dauys::normalize
