#include "text/normalizer.h"

#include <unicode/brkiter.h>
#include <unicode/rbnf.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <mutex>
#include <optional>

#include "util/unicode.h"

namespace dauys {

namespace {

using u32 = std::u32string;
using u32v = std::u32string_view;

bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool IsAlpha(char32_t c) { return u_isalpha(static_cast<UChar32>(c)); }
bool IsUpper(char32_t c) { return u_isupper(static_cast<UChar32>(c)); }
bool IsLower(char32_t c) { return u_islower(static_cast<UChar32>(c)); }
bool IsSpace(char32_t c) { return u_isUWhiteSpace(static_cast<UChar32>(c)); }
bool IsGroupSpace(char32_t c) { return c == U' ' || c == U'\u00A0' || c == U'\u2009' || c == U'\u202F'; }
bool IsHyphen(char32_t c) { return c == U'-' || c == U'\u2010' || c == U'\u2011'; }
bool IsDash(char32_t c) {
  return c == U'\u2012' || c == U'\u2013' || c == U'\u2014' || c == U'\u2015' || c == U'\u2212' || c == U'\u2500';
}

bool IsCyrillic(char32_t c) { return c >= 0x0400 && c <= 0x04FF; }
bool IsLatin(char32_t c) { return (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z'); }

// ---- Kazakh sounds, for endings ------------------------------------------------------

bool IsVowel(char32_t c) {
  switch (c) {
    case U'а': case U'ә': case U'е': case U'ё': case U'и': case U'о': case U'ө': case U'у':
    case U'ұ': case U'ү': case U'ы': case U'і': case U'э': case U'ю': case U'я':
      return true;
    default:
      return false;
  }
}
bool IsFrontVowel(char32_t c) {
  switch (c) {
    case U'ә': case U'е': case U'ө': case U'ү': case U'і': case U'э': case U'и':
      return true;
    default:
      return false;
  }
}

/// Sound classes a Kazakh ending depends on.
enum class Final { kVowel, kRYU, kLZZh, kMNNg, kVoiceless };

struct Sound {
  Final final = Final::kVowel;
  bool front = false;
};

Sound LastSound(u32v word) {
  Sound s;
  bool found_last = false;
  for (size_t i = word.size(); i-- > 0;) {
    char32_t c = static_cast<char32_t>(u_tolower(static_cast<UChar32>(word[i])));
    if (!IsAlpha(c)) continue;
    if (!found_last) {
      found_last = true;
      if (IsVowel(c) && c != U'у' && c != U'и') s.final = Final::kVowel;
      else if (c == U'р' || c == U'й' || c == U'у' || c == U'и') s.final = Final::kRYU;
      else if (c == U'л' || c == U'з' || c == U'ж') s.final = Final::kLZZh;
      else if (c == U'м' || c == U'н' || c == U'ң') s.final = Final::kMNNg;
      else s.final = Final::kVoiceless;
    }
    if (IsVowel(c) && c != U'у' && c != U'ю' && c != U'я' && c != U'ё') {
      s.front = IsFrontVowel(c);
      return s;
    }
  }
  return s;
}

struct Family {
  // Initial consonant per final sound class: vowel, р/й/у, л/з/ж, м/н/ң, voiceless.
  std::array<const char32_t*, 5> onset;
  const char32_t* back_tail;   // what follows the onset after back vowels
  const char32_t* front_tail;
};

// Genitive, accusative, dative, locative, ablative, instrumental, plural.
const Family kFamilies[] = {
    {{U"н", U"д", U"д", U"н", U"т"}, U"ың", U"ің"},
    {{U"н", U"д", U"д", U"д", U"т"}, U"ы", U"і"},
    {{U"ғ", U"ғ", U"ғ", U"ғ", U"қ"}, U"а", U"е"},
    {{U"д", U"д", U"д", U"д", U"т"}, U"а", U"е"},
    {{U"д", U"д", U"д", U"н", U"т"}, U"ан", U"ен"},
    {{U"м", U"м", U"б", U"б", U"п"}, U"ен", U"ен"},
    {{U"л", U"л", U"д", U"д", U"т"}, U"ар", U"ер"},
};

char32_t FrontCounterpart(char32_t c, bool front) {
  static const std::pair<char32_t, char32_t> kPairs[] = {
      {U'а', U'е'}, {U'ы', U'і'}, {U'ұ', U'ү'}, {U'о', U'ө'}, {U'қ', U'к'}, {U'ғ', U'г'}};
  for (auto [back, fr] : kPairs) {
    if (front && c == back) return fr;
    if (!front && c == fr) return back;
  }
  return c;
}

}  // namespace

std::string AttachSuffix(const std::string& spoken, const std::string& written_suffix) {
  u32 suffix = ToUtf32(ToLower(written_suffix));
  u32 base = ToUtf32(spoken);
  Sound sound = LastSound(base);
  // The longest ending form that starts the suffix decides the family ("ден" is the
  // ablative, not the locative "де" plus "н").
  const Family* best = nullptr;
  size_t best_length = 0;
  for (const Family& f : kFamilies) {
    for (const char32_t* onset : f.onset) {
      for (bool front : {false, true}) {
        u32 form = u32(1, FrontCounterpart(onset[0], front)) + (front ? f.front_tail : f.back_tail);
        if (form.size() > best_length && suffix.compare(0, form.size(), form) == 0) {
          best = &f;
          best_length = form.size();
        }
      }
    }
  }
  if (best) {
    char32_t new_onset = FrontCounterpart(best->onset[static_cast<size_t>(sound.final)][0], sound.front);
    u32 rebuilt = u32(1, new_onset) + (sound.front ? best->front_tail : best->back_tail);
    u32 rest = suffix.substr(best_length);
    for (char32_t& c : rest) c = FrontCounterpart(c, sound.front);
    return spoken + FromUtf32(rebuilt) + FromUtf32(rest);
  }
  return spoken + written_suffix;
}

namespace {

// ---- Fixed word lists ---------------------------------------------------------------

const char32_t* const kMonths[] = {U"қаңтар", U"ақпан", U"наурыз", U"сәуір", U"мамыр", U"маусым",
                                   U"шілде", U"тамыз", U"қыркүйек", U"қазан", U"қараша", U"желтоқсан"};

/// Kazakh names of Cyrillic letters, for spelling acronyms ("ТМД" -> "тэ-эм-дэ").
std::string CyrillicLetterName(char32_t upper) {
  switch (upper) {
    case U'А': return "а"; case U'Ә': return "ә"; case U'Б': return "бэ"; case U'В': return "вэ";
    case U'Г': return "гэ"; case U'Ғ': return "ғы"; case U'Д': return "дэ"; case U'Е': return "е";
    case U'Ё': return "ё"; case U'Ж': return "жэ"; case U'З': return "зэ"; case U'И': return "и";
    case U'Й': return "қысқа и"; case U'К': return "ка"; case U'Қ': return "қы"; case U'Л': return "эл";
    case U'М': return "эм"; case U'Н': return "эн"; case U'Ң': return "ың"; case U'О': return "о";
    case U'Ө': return "ө"; case U'П': return "пэ"; case U'Р': return "эр"; case U'С': return "эс";
    case U'Т': return "тэ"; case U'У': return "у"; case U'Ұ': return "ұ"; case U'Ү': return "ү";
    case U'Ф': return "эф"; case U'Х': return "ха"; case U'Һ': return "һа"; case U'Ц': return "цэ";
    case U'Ч': return "чэ"; case U'Ш': return "ша"; case U'Щ': return "ща"; case U'Ы': return "ы";
    case U'І': return "і"; case U'Э': return "э"; case U'Ю': return "ю"; case U'Я': return "я";
    default: return FromUtf32(u32(1, static_cast<char32_t>(u_tolower(static_cast<UChar32>(upper)))));
  }
}

/// English letter names written in Kazakh Cyrillic, for Latin acronyms ("CNN").
std::string LatinLetterName(char32_t upper) {
  static const char* const kNames[] = {"эй", "би", "си", "ди", "и", "эф", "джи", "эйч", "ай",
                                       "джей", "кей", "эл", "эм", "эн", "оу", "пи", "кью", "ар",
                                       "эс", "ти", "ю", "ви", "дабл-ю", "экс", "уай", "зед"};
  if (upper >= U'A' && upper <= U'Z') return kNames[upper - U'A'];
  return FromUtf32(u32(1, upper));
}

std::string Spell(u32v word) {
  std::string out;
  for (char32_t c : word) {
    if (!IsAlpha(c)) continue;
    char32_t up = static_cast<char32_t>(u_toupper(static_cast<UChar32>(c)));
    if (!out.empty()) out += "-";
    out += IsLatin(up) ? LatinLetterName(up) : CyrillicLetterName(up);
  }
  return out;
}

/// Endings that may follow "N-" and stay joined to the number ("120-дан"), as opposed
/// to a noun ("3-орын") that makes the number an ordinal.
bool IsEnding(u32v w) {
  static const std::vector<u32> kEndings = [] {
    std::vector<u32> e;
    const std::vector<u32> simple = {
        U"ның", U"нің", U"дың", U"дің", U"тың", U"тің", U"ны", U"ні", U"ды", U"ді", U"ты", U"ті",
        U"ға", U"ге", U"қа", U"ке", U"а", U"е", U"на", U"не", U"да", U"де", U"та", U"те", U"нда", U"нде",
        U"дан", U"ден", U"тан", U"тен", U"нан", U"нен", U"мен", U"пен", U"бен", U"лар", U"лер", U"дар",
        U"дер", U"тар", U"тер", U"ы", U"і", U"сы", U"сі", U"н", U"дай", U"дей", U"тай", U"тей",
        U"дағы", U"дегі", U"тағы", U"тегі", U"ндағы", U"ндегі", U"ға дейін", U"ге дейін",
        U"қа дейін", U"ке дейін", U"ге", U"сыз", U"сіз", U"ғы", U"гі", U"қы", U"кі"};
    e = simple;
    for (const u32& plural : {u32(U"лар"), u32(U"дар"), u32(U"тар"), u32(U"лер"), u32(U"дер"), u32(U"тер")}) {
      bool front = plural.back() == U'р' && plural[1] == U'е';
      for (const char32_t* tail : {U"дың", U"ға", U"да", U"дан", U"ды", U"мен", U"ы"}) {
        u32 t = tail;
        for (char32_t& c : t) c = FrontCounterpart(c, front);
        e.push_back(plural + t);
      }
    }
    for (const u32& poss : {u32(U"ы"), u32(U"сы"), u32(U"і"), u32(U"сі")}) {
      bool front = poss.back() == U'і';
      for (const char32_t* tail : {U"ның", U"на", U"нда", U"нан", U"н", U"мен"}) {
        u32 t = tail;
        for (char32_t& c : t) c = FrontCounterpart(c, front);
        e.push_back(poss + t);
      }
    }
    return e;
  }();
  return std::find(kEndings.begin(), kEndings.end(), u32(w)) != kEndings.end();
}

/// The ordinal markers written after a hyphen: "50-ші", "7-інші", "2-ншы".
std::optional<size_t> OrdinalMarkerLength(u32v w) {
  for (const char32_t* m : {U"інші", U"ыншы", U"нші", U"ншы", U"ші", U"шы"}) {
    u32v mv(m);
    if (w.substr(0, mv.size()) == mv) return mv.size();
  }
  return std::nullopt;
}

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

struct Number {
  long long integer = 0;
  std::optional<u32> fraction;  // digits after the decimal comma
  size_t end = 0;               // index after the number
  bool grouped = false;
};

/// Reads "45 000", "336 000 000", "7,8", "1945" starting at `i`.
std::optional<Number> ReadNumber(u32v s, size_t i) {
  size_t j = i;
  long long value = 0;
  int digits = 0;
  while (j < s.size() && IsDigit(s[j])) {
    if (digits < 18) value = value * 10 + (s[j] - U'0');
    ++digits;
    ++j;
  }
  if (digits == 0) return std::nullopt;
  Number n;
  n.integer = value;
  // Thousands groups: "45 000" (space, no-break or thin space, then exactly 3 digits).
  if (digits <= 3) {
    while (j + 3 < s.size() && IsGroupSpace(s[j]) && IsDigit(s[j + 1]) && IsDigit(s[j + 2]) &&
           IsDigit(s[j + 3]) && (j + 4 == s.size() || !IsDigit(s[j + 4]))) {
      n.integer = n.integer * 1000 + (s[j + 1] - U'0') * 100 + (s[j + 2] - U'0') * 10 + (s[j + 3] - U'0');
      n.grouped = true;
      j += 4;
      if (n.integer > 999'999'999'999'999LL) break;
    }
  }
  if (j + 1 < s.size() && (s[j] == U',' || s[j] == U'.') && IsDigit(s[j + 1])) {
    size_t k = j + 1;
    while (k < s.size() && IsDigit(s[k])) ++k;
    if (k - j - 1 <= 6) {
      n.fraction = u32(s.substr(j + 1, k - j - 1));
      j = k;
    }
  }
  n.end = j;
  return n;
}

size_t SkipSpaces(u32v s, size_t i) {
  while (i < s.size() && IsSpace(s[i])) ++i;
  return i;
}

/// The letters (and inner hyphens) of the word starting at `i`.
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

/// Letters only (no hyphen), for suffixes after "N-".
size_t LettersEnd(u32v s, size_t i) {
  while (i < s.size() && IsAlpha(s[i])) ++i;
  return i;
}

bool AllUpper(u32v w) {
  int letters = 0;
  for (char32_t c : w) {
    if (!IsAlpha(c)) continue;
    if (!IsUpper(c)) return false;
    ++letters;
  }
  return letters > 0;
}

int VowelCount(u32v w) {
  int n = 0;
  for (char32_t c : w) n += IsVowel(static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))));
  return n;
}

u32 Lower(u32v w) { return ToUtf32(ToLower(FromUtf32(w))); }

bool StartsWith(u32v w, u32v prefix) { return w.substr(0, prefix.size()) == prefix; }

bool IsMonthWord(u32v w) {
  u32 lower = Lower(w);
  for (const char32_t* m : kMonths) {
    if (StartsWith(lower, m)) return true;
  }
  return false;
}

}  // namespace

struct Normalizer::Impl {
  mutable std::mutex mutex;
  std::unique_ptr<icu::RuleBasedNumberFormat> cardinal;
  std::unique_ptr<icu::RuleBasedNumberFormat> ordinal;

  Impl() {
    UErrorCode status = U_ZERO_ERROR;
    cardinal = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT, icu::Locale("kk"), status);
    cardinal->setDefaultRuleSet("%spellout-cardinal", status);
    status = U_ZERO_ERROR;
    ordinal = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT, icu::Locale("kk"), status);
    ordinal->setDefaultRuleSet("%spellout-ordinal", status);
  }

  std::string Format(icu::RuleBasedNumberFormat& f, double n) const {
    std::lock_guard<std::mutex> lock(mutex);
    icu::UnicodeString u;
    f.format(n, u);
    std::string out;
    u.toUTF8String(out);
    return out;
  }
  std::string Format(icu::RuleBasedNumberFormat& f, long long n) const {
    std::lock_guard<std::mutex> lock(mutex);
    icu::UnicodeString u;
    f.format(static_cast<int64_t>(n), u);
    std::string out;
    u.toUTF8String(out);
    return out;
  }
};

Normalizer::Normalizer(const Lexicon& lexicon) : lexicon_(lexicon), impl_(std::make_unique<Impl>()) {}
Normalizer::~Normalizer() = default;

std::string Normalizer::Cardinal(long long n) const {
  std::string s = impl_->Format(*impl_->cardinal, n);
  // ICU 72 says "миллион" for one million; a newsreader says "бір миллион".
  for (const char* big : {"миллион", "миллиард", "триллион"}) {
    if (s.rfind(big, 0) == 0) return "бір " + s;
  }
  return s;
}

std::string Normalizer::Ordinal(long long n) const {
  std::string s = impl_->Format(*impl_->ordinal, n);
  // ICU 72 writes "қырықыншы"; Kazakh drops the second vowel: "қырқыншы".
  for (size_t at = s.find("қырықыншы"); at != std::string::npos; at = s.find("қырықыншы", at)) {
    s.replace(at, std::string("қырықыншы").size(), "қырқыншы");
  }
  return s;
}

namespace {

/// Builds the spoken line piece by piece, keeping single spaces.
class Output {
 public:
  void Word(const std::string& w) {
    if (w.empty()) return;
    if (!text_.empty() && text_.back() != ' ') text_ += ' ';
    text_ += w;
  }
  void Glue(const std::string& s) { text_ += s; }  // no space before
  void Space() {
    if (!text_.empty() && text_.back() != ' ') text_ += ' ';
  }
  void Punct(const std::string& p) {
    while (!text_.empty() && text_.back() == ' ') text_.pop_back();
    if (text_.empty()) return;  // nothing to pause after
    if (text_.size() >= p.size() && text_.compare(text_.size() - p.size(), p.size(), p) == 0) return;
    if (p == "," && (text_.back() == ',' || text_.back() == '.' || text_.back() == '!' || text_.back() == '?' ||
                     text_.back() == ':' || text_.back() == ';')) {
      return;
    }
    text_ += p;
  }
  std::string Finish() {
    while (!text_.empty() && (text_.back() == ' ' || text_.back() == ',')) text_.pop_back();
    return text_;
  }

 private:
  std::string text_;
};

}  // namespace

std::string Normalizer::Normalize(std::string_view text) const {
  const u32 s = ToUtf32(ToNfc(text));
  Output out;
  size_t i = 0;

  auto next_word = [&](size_t from) -> u32v {
    size_t a = SkipSpaces(s, from);
    size_t b = WordEnd(s, a);
    return u32v(s).substr(a, b - a);
  };
  // Says a number (integer part `n`, optional decimal fraction) as cardinal or ordinal.
  auto say_number = [&](const Number& n, bool ordinal) -> std::string {
    if (n.fraction) {
      double v = static_cast<double>(n.integer) +
                 std::strtod(("0." + FromUtf32(*n.fraction)).c_str(), nullptr);
      return impl_->Format(*impl_->cardinal, v);
    }
    return ordinal ? Ordinal(n.integer) : Cardinal(n.integer);
  };
  // A unit or currency right after a number: its spoken word and where it ends.
  auto unit_after = [&](size_t from) -> std::optional<std::pair<std::string, size_t>> {
    size_t a = SkipSpaces(s, from);
    if (a >= s.size()) return std::nullopt;
    if (const Lexicon::Entry* e = lexicon_.LongestMatch(s, a, Lexicon::Kind::kUnit)) {
      return std::make_pair(e->spoken, a + e->written.size());
    }
    return std::nullopt;
  };

  // An ending written after a hyphen at `at` ("-ның", "-ға"), if any, joins `spoken`
  // in the form Kazakh harmony calls for; `at` moves past it.
  auto take_ending = [&](std::string spoken, size_t& at) {
    if (at + 1 < s.size() && IsHyphen(s[at]) && IsAlpha(s[at + 1])) {
      size_t e = LettersEnd(s, at + 1);
      spoken = AttachSuffix(spoken, FromUtf32(u32v(s).substr(at + 1, e - at - 1)));
      at = e;
    }
    return spoken;
  };

  while (i < s.size()) {
    const char32_t c = s[i];

    // Leading turn dash or a dash between spaces: a pause, never a word.
    if (IsDash(c) || (IsHyphen(c) && (i == 0 || IsSpace(s[i - 1])) && (i + 1 >= s.size() || IsSpace(s[i + 1])))) {
      bool negative = c == U'\u2212' && i + 1 < s.size() && IsDigit(s[i + 1]) && i > 0 && IsSpace(s[i - 1]);
      if (!negative) {
        out.Punct(",");
        out.Space();
        ++i;
        continue;
      }
    }

    // Currency sign before a number: "$100".
    std::string currency_before;
    if ((c == U'$' || c == U'€' || c == U'₽' || c == U'₸' || c == U'£') && i + 1 < s.size() && IsDigit(s[i + 1])) {
      currency_before = c == U'$' ? "доллар" : c == U'€' ? "еуро" : c == U'₽' ? "рубль" : c == U'₸' ? "теңге" : "фунт";
      ++i;
    }

    if (IsDigit(s[i])) {
      // Negative numbers: "-5" after a space.
      bool negative = i >= 2 && (s[i - 1] == U'-' || s[i - 1] == U'\u2212') && IsSpace(s[i - 2]);
      std::optional<Number> n = ReadNumber(s, i);
      size_t j = n->end;
      if (negative) out.Word("минус");

      // Time: "14:30".
      if (!n->fraction && !n->grouped && j + 2 < s.size() && s[j] == U':' && IsDigit(s[j + 1]) &&
          IsDigit(s[j + 2]) && (j + 3 == s.size() || !IsDigit(s[j + 3])) && n->integer < 24) {
        int minutes = (s[j + 1] - U'0') * 10 + (s[j + 2] - U'0');
        std::string spoken = Cardinal(n->integer) + " " +
                             (minutes == 0 ? "нөл нөл" : minutes < 10 ? "нөл " + Cardinal(minutes) : Cardinal(minutes));
        i = j + 3;
        spoken = take_ending(std::move(spoken), i);
        out.Word(spoken);
        continue;
      }

      // Range: "2020-2024 жылдары", "10–15".
      std::optional<Number> second;
      size_t after = j;
      if (j + 1 < s.size() && (IsHyphen(s[j]) || s[j] == U'–' || s[j] == U'—') && IsDigit(s[j + 1])) {
        second = ReadNumber(s, j + 1);
        after = second->end;
      }

      // Percent: "10%", "10 %", "10%-ға".
      size_t p = SkipSpaces(s, after);
      if (p < s.size() && s[p] == U'%') {
        std::string spoken = say_number(*n, false);
        if (second) spoken += ", " + say_number(*second, false);
        spoken += " пайыз";
        i = p + 1;
        spoken = take_ending(std::move(spoken), i);
        out.Word(spoken);
        continue;
      }

      // Hyphenated ending or noun: "50-ші", "120-дан", "3-орын", "1945-жылы".
      if (!second && j + 1 < s.size() && IsHyphen(s[j]) && IsAlpha(s[j + 1]) && !n->fraction) {
        size_t e = LettersEnd(s, j + 1);
        u32 word = u32(u32v(s).substr(j + 1, e - j - 1));
        u32 lower = Lower(word);
        if (std::optional<size_t> marker = OrdinalMarkerLength(lower)) {
          std::string spoken = Ordinal(n->integer);
          u32 rest = lower.substr(*marker);
          out.Word(rest.empty() ? spoken : AttachSuffix(spoken, FromUtf32(rest)));
          i = e;
          continue;
        }
        if (IsEnding(lower)) {
          bool year_like = StartsWith(Lower(next_word(e)), U"жыл") && n->integer >= 1000;
          out.Word(AttachSuffix(say_number(*n, year_like), FromUtf32(word)));
          i = e;
          continue;
        }
        // A noun after "N-": the number is an ordinal of it.
        out.Word(Ordinal(n->integer));
        i = j + 1;
        continue;
      }

      // What follows decides: a year, a date, a unit or a plain count.
      u32 follower = Lower(next_word(after));
      bool year_word = StartsWith(follower, U"жыл");
      bool year = !n->fraction && !n->grouped &&
                  ((year_word && n->integer >= 1000 && n->integer <= 2999) ||
                   (year_word && (follower == U"жылы" || follower == U"жылғы")));
      std::optional<std::pair<std::string, size_t>> unit = unit_after(after);
      if (!year && unit && unit->first.rfind("жыл", 0) == 0 && !n->fraction && n->integer >= 1000) year = true;
      bool date = !n->fraction && !n->grouped && n->integer >= 1 && n->integer <= 31 && IsMonthWord(next_word(after));
      bool ordinal = year || date;

      std::string spoken = say_number(*n, ordinal);
      if (second) spoken += ", " + say_number(*second, ordinal);
      i = after;
      if (unit) {
        spoken += " " + unit->first;
        i = unit->second;
        spoken = take_ending(std::move(spoken), i);
      }
      // Currency sign after a number: "100 $", "500₸".
      size_t q = SkipSpaces(s, i);
      if (currency_before.empty() && q < s.size() &&
          (s[q] == U'$' || s[q] == U'€' || s[q] == U'₽' || s[q] == U'₸' || s[q] == U'£')) {
        char32_t sign = s[q];
        currency_before = sign == U'$' ? "доллар" : sign == U'€' ? "еуро" : sign == U'₽' ? "рубль" : sign == U'₸' ? "теңге" : "фунт";
        i = q + 1;
      }
      if (!currency_before.empty()) spoken += " " + currency_before;
      out.Word(spoken);
      continue;
    }
    if (!currency_before.empty()) out.Word(currency_before);

    if (IsAlpha(c)) {
      // Lexicon words and abbreviations first (longest match, case-sensitive).
      if (const Lexicon::Entry* e = lexicon_.LongestMatch(s, i, Lexicon::Kind::kWord)) {
        bool word_start = i == 0 || !IsAlpha(s[i - 1]);
        if (word_start) {
          std::string spoken = e->spoken;
          size_t end = i + e->written.size();
          spoken = take_ending(std::move(spoken), end);
          out.Word(spoken);
          i = end;
          continue;
        }
      }
      size_t end = WordEnd(s, i);
      u32 word = u32(u32v(s).substr(i, end - i));

      // Initials: "М.Әуезов", "Қ.-Ж. Тоқаев": a capital letter and a dot before a name.
      if (end == i + 1 && IsUpper(c) && end < s.size() && s[end] == U'.') {
        size_t k = end + 1;
        if (k < s.size() && IsHyphen(s[k])) ++k;
        k = SkipSpaces(s, k);
        if (k < s.size() && IsUpper(s[k])) {
          out.Word(IsLatin(c) ? LatinLetterName(c) : CyrillicLetterName(c));
          i = end + 1;
          if (i < s.size() && IsHyphen(s[i])) ++i;
          continue;
        }
      }

      // Roman numerals used as ordinals: "XXI ғасыр", "II дүниежүзілік соғыс".
      if (std::optional<int> roman = RomanValue(word); roman && AllUpper(word)) {
        size_t a = SkipSpaces(s, end);
        bool noun_follows = a < s.size() && IsLower(s[a]) && IsCyrillic(s[a]);
        bool single_letter = word.size() == 1 && (word[0] == U'С' || word[0] == U'М');
        if (noun_follows && !single_letter) {
          out.Word(Ordinal(*roman));
          i = end;
          continue;
        }
      }

      // Acronyms: split off a hyphenated ending first ("ЕҚЫҰ-ға").
      u32 core = word;
      u32 ending;
      size_t hyphen = word.find(U'-');
      if (hyphen != u32::npos && AllUpper(word.substr(0, hyphen)) && !AllUpper(word.substr(hyphen + 1))) {
        core = word.substr(0, hyphen);
        ending = word.substr(hyphen + 1);
      }
      size_t letters = core.size();
      if (AllUpper(core) && letters >= 2) {
        // A run of capitals is a heading or a name in capitals, not an acronym.
        u32v prev_word;
        {
          size_t b = i;
          while (b > 0 && IsSpace(s[b - 1])) --b;
          size_t a = b;
          while (a > 0 && IsAlpha(s[a - 1])) --a;
          prev_word = u32v(s).substr(a, b - a);
        }
        u32v following = next_word(end);
        bool caps_run = (prev_word.size() >= 2 && AllUpper(prev_word)) ||
                        (following.size() >= 2 && AllUpper(following));
        bool after_name = !prev_word.empty() && IsUpper(prev_word[0]) && !AllUpper(prev_word);
        bool short_enough = letters <= 4 || (letters == 5 && VowelCount(core) <= 1);
        if (short_enough && !caps_run && !after_name) {
          std::string spoken = Spell(core);
          out.Word(ending.empty() ? spoken : AttachSuffix(spoken, FromUtf32(ending)));
        } else {
          out.Word(TitleCaseWord(FromUtf32(word)));
        }
        i = end;
        continue;
      }
      out.Word(FromUtf32(word));
      i = end;
      continue;
    }

    // Everything else: punctuation becomes pauses, symbols words or nothing.
    switch (c) {
      case U'.': case U'!': case U'?': case U',': case U';': case U':':
        out.Punct(FromUtf32(u32(1, c)));
        break;
      case U'…':
        out.Punct(".");
        break;
      case U'(': case U')': case U'[': case U']': case U'{': case U'}':
        out.Punct(",");
        out.Space();
        break;
      case U'%': out.Word("пайыз"); break;
      case U'№': out.Word("нөмір"); break;
      case U'§': out.Word("параграф"); break;
      case U'&': out.Word("және"); break;
      case U'+': out.Word("плюс"); break;
      case U'=': out.Word("тең"); break;
      case U'°': out.Word("градус"); break;
      default:
        // Quotes, slashes, asterisks and other marks are not spoken.
        out.Space();
        break;
    }
    ++i;
  }
  return out.Finish();
}

bool Normalizer::EndsWithAbbreviation(std::string_view piece) const {
  std::vector<std::string> words = SplitWords(piece);
  if (words.empty()) return false;
  u32 token = ToUtf32(words.back());
  size_t first = 0;
  while (first < token.size() && !IsAlpha(token[first])) ++first;
  token = token.substr(first);
  if (token.empty() || token.back() != U'.') return false;
  for (Lexicon::Kind kind : {Lexicon::Kind::kWord, Lexicon::Kind::kUnit}) {
    const Lexicon::Entry* e = lexicon_.LongestMatch(token, 0, kind);
    if (e && e->written.size() == token.size()) return true;
  }
  // Initials: "М.", "Қ.-Ж.", "Ә.Х."
  bool expect_letter = true;
  for (char32_t c : token) {
    if (IsHyphen(c)) continue;
    if (expect_letter) {
      if (!IsUpper(c)) return false;
      expect_letter = false;
    } else if (c == U'.') {
      expect_letter = true;
    } else {
      return false;
    }
  }
  return expect_letter;
}

std::vector<std::string> Normalizer::SplitSentences(std::string_view written) const {
  std::vector<std::string> sentences;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(written.data(), static_cast<int32_t>(written.size())));
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(icu::Locale("kk"), status));
  std::vector<std::string> pieces;
  if (U_FAILURE(status) || !it) {
    pieces.push_back(std::string(written));
  } else {
    it->setText(u);
    int32_t start = it->first();
    for (int32_t end = it->next(); end != icu::BreakIterator::DONE; start = end, end = it->next()) {
      std::string piece;
      u.tempSubStringBetween(start, end).toUTF8String(piece);
      pieces.push_back(std::move(piece));
    }
  }
  bool glue_next = false;
  for (std::string& raw : pieces) {
    std::string piece = CollapseSpaces(raw);
    if (piece.empty()) continue;
    bool has_word = false;
    for (char32_t ch : ToUtf32(piece)) has_word |= IsAlpha(ch) || IsDigit(ch);
    if ((glue_next || !has_word) && !sentences.empty()) {
      sentences.back() += " " + piece;
    } else if (has_word) {
      sentences.push_back(piece);
    }
    glue_next = !sentences.empty() && EndsWithAbbreviation(sentences.back());
  }
  return sentences;
}

size_t CountSpokenWords(std::string_view spoken) {
  size_t words = 0;
  for (const std::string& w : SplitWords(spoken)) {
    for (char32_t c : ToUtf32(w)) {
      if (IsAlpha(c) || IsDigit(c)) {
        ++words;
        break;
      }
    }
  }
  return words;
}

}  // namespace dauys
