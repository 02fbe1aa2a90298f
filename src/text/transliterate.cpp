#include "text/transliterate.h"

#include <hunspell/hunspell.hxx>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>
#include <sstream>
#include <vector>

#include "text/lexicon.h"
#include "util/atomic_file.h"
#include "util/key_value.h"
#include "util/unicode.h"

namespace dauys {

namespace {

using u32 = std::u32string;
using u32v = std::u32string_view;

UScriptCode ScriptOf(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(c), &status);
}

bool IsWordLetter(char32_t c) { return u_isalpha(static_cast<UChar32>(c)) || c == U'ٴ' || c == U'ء'; }

constexpr u32v kLatin2018Marks = U"áǵńóúýÁǴŃÓÚÝ";
bool Contains(u32v set, char32_t c) { return set.find(c) != u32v::npos; }

constexpr u32v kKazakhLatinLetters = U"áǵńóúýÁǴŃÓÚÝäğñöşūüÄĞÑÖŞŪÜǧǦŋŊİșıəƏ";


/// Letters or digraphs Kazakh Latin alphabets do not use, as English words do.
bool LooksEnglish(u32v word) {
  u32 lower = ToUtf32(ToLower(FromUtf32(word)));
  for (size_t i = 0; i < lower.size(); ++i) {
    char32_t c = lower[i];
    if (c == U'w' || c == U'x' || (c == U'c' && (i + 1 >= lower.size() || lower[i + 1] != U'h'))) return true;
  }
  // "kh" too: Kazakh Latin writes х as h; English spellings of Kazakh names write kh.
  for (u32v pair : {u32v(U"th"), u32v(U"oo"), u32v(U"ee"), u32v(U"ck"), u32v(U"ou"), u32v(U"kh")}) {
    if (lower.find(pair) != u32::npos) return true;
  }
  return false;
}

/// How front an Arabic-script word is at a point: back, or front (a hamza, ە, ك or گ).
enum class Front { kBack, kFront };

/// The frontness a letter gives the vowels after it, if it gives any.
std::optional<Front> FrontnessOf(char32_t c) {
  switch (c) {
    case U'ٴ': case U'ء': case U'ە': case U'ك': case U'ک': case U'گ': return Front::kFront;
    case U'ق': case U'ع': return Front::kBack;
    default: return std::nullopt;
  }
}

/// Arabic-script Kazakh marks a word's vowels front with a hamza at its head, and
/// leaves the hamza out where ە, ك or گ say so (اكىم is әкім, سايكەس сәйкес); ق and ع
/// say back. Each vowel takes the frontness of the last such letter before it (or,
/// before any, of the first one in the word before a final -мен, else `start`), so a
/// suffix such as -мен does not turn a back stem front. The rules then see each front vowel as its own
/// letter: ا و ۇ ى become ٵ ٶ ٷ ٸ.
u32 SpreadArabicFrontness(u32v word, Front start = Front::kBack) {
  Front state = start;
  // The suffix -мен/-бен/-пен has one form after back and front stems alike, so its ە
  // says nothing of the stem (دانامەن = данамен).
  u32v stem = word;
  for (u32v suffix : {u32v(U"مەن"), u32v(U"بەن"), u32v(U"پەن")}) {
    if (stem.size() > suffix.size() && stem.substr(stem.size() - suffix.size()) == suffix) {
      stem.remove_suffix(suffix.size());
      break;
    }
  }
  for (char32_t c : stem) {
    if (std::optional<Front> f = FrontnessOf(c)) {
      state = *f;
      break;
    }
  }
  u32 out(word);
  for (char32_t& c : out) {
    state = FrontnessOf(c).value_or(state);
    if (state == Front::kBack) continue;
    if (c == U'ا') c = U'ٵ';
    else if (c == U'و') c = U'ٶ';
    else if (c == U'ۇ') c = U'ٷ';
    else if (c == U'ى') c = U'ٸ';
  }
  return out;
}

/// Whether a Cyrillic reading ends front: its last vowel is front.
Front LastVowelFrontness(u32v cyrillic, Front otherwise) {
  for (size_t i = cyrillic.size(); i-- > 0;) {
    if (Contains(U"әеіөүиӘЕІӨҮИ", cyrillic[i])) return Front::kFront;
    if (Contains(U"аоұыуяАОҰЫУЯ", cyrillic[i])) return Front::kBack;
  }
  return otherwise;
}

Expected<std::unique_ptr<icu::Transliterator>> Compile(std::string_view rules, const std::string& source) {
  UParseError where{};
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(rules.data(), static_cast<int32_t>(rules.size())));
  std::unique_ptr<icu::Transliterator> t(
      icu::Transliterator::createFromRules(icu::UnicodeString::fromUTF8(source), text, UTRANS_FORWARD, where, status));
  if (U_FAILURE(status) || !t) {
    std::string context;
    icu::UnicodeString(where.preContext).toUTF8String(context);
    // ICU reports the offset in the rule text; count the lines up to it.
    int line = 1;
    icu::UnicodeString upto = text.tempSubString(0, std::max(0, where.offset));
    for (int32_t i = 0; i < upto.length(); ++i) line += upto.charAt(i) == u'\n';
    return Error{source + ": line " + std::to_string(line) + ": not a transliteration rule ICU can read (" +
                 u_errorName(status) + ")"};
  }
  return t;
}

}  // namespace

const char* ScriptName(KazakhScript script) {
  switch (script) {
    case KazakhScript::kCyrillic: return "cyrillic";
    case KazakhScript::kLatin2018: return "latin2018";
    case KazakhScript::kLatin2021: return "latin2021";
    case KazakhScript::kLatinDigraph: return "digraph";
    case KazakhScript::kArabic: return "arabic";
  }
  return "cyrillic";
}

std::optional<KazakhScript> ParseScriptName(std::string_view name) {
  for (KazakhScript s : {KazakhScript::kCyrillic, KazakhScript::kLatin2018, KazakhScript::kLatin2021,
                         KazakhScript::kLatinDigraph, KazakhScript::kArabic}) {
    if (name == ScriptName(s)) return s;
  }
  return std::nullopt;
}

bool IsKazakhLatinWord(u32v word) {
  // The digraph convention's Cyrillic ә counts only inside a word with Latin letters
  // ("Äbdiәlı"); in a Cyrillic word it is just Cyrillic.
  const bool latin = std::any_of(word.begin(), word.end(), [](char32_t c) {
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
  });
  for (size_t i = 0; i < word.size(); ++i) {
    char32_t c = word[i];
    if (Contains(kKazakhLatinLetters, c) || (latin && (c == U'ә' || c == U'Ә'))) return true;
    if (c != U'q' && c != U'Q') continue;
    // English writes q only as "qu" before a vowel ("quiz"); Kazakh q stands anywhere.
    bool u_next = i + 1 < word.size() && (word[i + 1] == U'u' || word[i + 1] == U'U');
    bool vowel_after = i + 2 < word.size() && Contains(U"aeiouyAEIOUY", word[i + 2]);
    if (!u_next || !vowel_after) return true;
  }
  return false;
}

namespace {

/// +1 for a Latin word that reads as Kazakh (its letters, a Kazakh function word or
/// ending), -1 for one that reads as English, 0 when it could be either.
int KazakhEvidence(u32v word) {
  if (IsKazakhLatinWord(word)) return 1;
  if (word.size() == 1) return 0;  // an initial, or English "a": too little to tell
  std::string lower = ToLower(FromUtf32(word));
  static const std::vector<std::string> kEnglish = {"the", "of", "and", "to", "in", "is", "for", "on", "with",
                                                    "that", "by", "from", "at", "are", "was", "be", "this", "it",
                                                    "as", "an", "a", "we", "you", "he", "she", "they", "not"};
  static const std::vector<std::string> kKazakh = {"men", "pen", "ben", "jane", "bul", "osy", "bir", "da", "de",
                                                   "ta", "te", "emes", "sol", "olar", "biz", "siz", "jyl", "jil"};
  if (std::find(kEnglish.begin(), kEnglish.end(), lower) != kEnglish.end()) return -1;
  if (std::find(kKazakh.begin(), kKazakh.end(), lower) != kKazakh.end()) return 1;
  if (LooksEnglish(word)) return -1;
  // The digraph's ғ before a back vowel ("saghat", "auyldaghy"); English gh is silent or
  // stands before i, e, t ("night", "ghetto").
  for (size_t k = lower.find("gh"); k != std::string::npos; k = lower.find("gh", k + 1)) {
    if (k + 2 < lower.size() && (lower[k + 2] == 'a' || lower[k + 2] == 'y')) return 1;
  }
  for (const char* ending : {"yng", "dy", "di", "ty", "ti", "lar", "ler", "dar", "der", "tar", "ter", "nyn", "nin", "ga",
                             "ge", "ke", "dan", "den", "tan", "ten", "nan", "nen", "yn", "in"}) {
    std::string_view e(ending);
    if (lower.size() >= e.size() + 2 && lower.compare(lower.size() - e.size(), e.size(), e) == 0) return 1;
  }
  return 0;
}

}  // namespace

int LatinLetterEvidence::For(KazakhScript script) const {
  switch (script) {
    case KazakhScript::kLatin2018: return latin2018;
    case KazakhScript::kLatin2021: return latin2021;
    case KazakhScript::kLatinDigraph: return digraph;
    default: return 0;
  }
}

bool IsLatinScript(KazakhScript script) {
  return script == KazakhScript::kLatin2018 || script == KazakhScript::kLatin2021 ||
         script == KazakhScript::kLatinDigraph;
}

namespace {

constexpr KazakhScript kLatinScripts[] = {KazakhScript::kLatin2018, KazakhScript::kLatin2021,
                                          KazakhScript::kLatinDigraph};

/// A Latin vowel after which a following i, ı or y is Й in the conventions that say so
/// (u is left out: у is a glide, "auyl" is ауыл).
bool IsLatinVowelBeforeGlide(char32_t c) { return Contains(U"aeoyáóúýäöüAEOYÁÓÚÝÄÖÜәӘ", c); }

/// What one word's letters say about its Latin convention.
void AddLetterEvidence(u32v word, LatinLetterEvidence& e) {
  for (size_t k = 0; k < word.size(); ++k) {
    const char32_t c = word[k];
    const char32_t lower = c < 0x80 ? (c | 0x20) : c;
    const char32_t next = k + 1 < word.size() ? (word[k + 1] < 0x80 ? (word[k + 1] | 0x20) : word[k + 1]) : 0;
    const bool after_vowel = k > 0 && IsLatinVowelBeforeGlide(word[k - 1]);
    if (Contains(U"ǵńǴŃ", c)) ++e.latin2018;
    if (Contains(U"áóúýÁÓÚÝ", c)) ++e.latin2018, ++e.digraph;
    if (Contains(U"äğñöşūüçÄĞÑÖŞŪÜÇǧǦŋŊșİ", c)) ++e.latin2021;
    if (c == U'ә' || c == U'Ә') ++e.digraph;
    if ((lower == U's' || lower == U'c') && next == U'h') ++e.latin2018, ++e.digraph;
    if (lower == U'g' && next == U'h') ++e.digraph;
    if (lower == U'n' && next == U'g' && k + 2 == word.size()) ++e.digraph;
    // ı: 2018's и/й (й after a vowel, "Qytaı"), 2021's і; the digraph has none.
    if (c == U'ı') ++e.latin2018, e.latin2021 += !after_vowel;
    // i after a vowel: й in 2021 and the digraph ("üi", "oi"); 2018 writes ı there.
    if (lower == U'i' && after_vowel) ++e.latin2021, ++e.digraph;
    // y after a vowel: the digraph's й ("sayyn"); ы in the tables, which no vowel precedes
    // but 2018's ý (у: "aýyl").
    if (lower == U'y' && after_vowel && word[k - 1] != U'ý' && word[k - 1] != U'Ý') ++e.digraph;
    // ı before a vowel is 2018's и ("kompanıa"), and a capital I before one its Й
    // ("Iaponıa"); і never stands there.
    const bool before_vowel = k + 1 < word.size() && Contains(U"aeoiuáóúýAEOIUÁÓÚÝ", word[k + 1]);
    if ((c == U'ı' || c == U'I') && before_vowel) ++e.latin2018;
  }
}

/// The Latin convention with the most evidence; `latin_default` unless another has more.
KazakhScript ByLetters(const LatinLetterEvidence& e, KazakhScript latin_default) {
  KazakhScript best = IsLatinScript(latin_default) ? latin_default : KazakhScript::kLatin2021;
  for (KazakhScript s : kLatinScripts) {
    if (e.For(s) > e.For(best)) best = s;
  }
  return best;
}

/// The letters of `text` by script, its Latin letter evidence and whether its Latin
/// words read as Kazakh.
struct TextLetters {
  size_t cyrillic = 0, latin = 0, arabic = 0;
  int kazakh_evidence = 0;
  LatinLetterEvidence latin_evidence;

  std::optional<KazakhScript> NonLatin() const {
    if (arabic > cyrillic && arabic > latin) return KazakhScript::kArabic;
    // Latin that does not read as Kazakh is English (or a name): read as written.
    if (latin > cyrillic && kazakh_evidence > 0) return std::nullopt;
    return KazakhScript::kCyrillic;
  }
  /// Mostly Latin, with words neither Kazakh nor English by their letters ("Iran").
  bool NeutralLatin() const { return latin > cyrillic && latin >= arabic && kazakh_evidence == 0; }
};

TextLetters CountLetters(std::string_view text) {
  TextLetters t;
  u32 u = ToUtf32(text);
  for (size_t i = 0; i < u.size();) {
    size_t j = i;
    while (j < u.size() && IsWordLetter(u[j])) ++j;
    if (j == i) {
      ++i;
      continue;
    }
    u32v word = u32v(u).substr(i, j - i);
    bool has_latin = false;
    for (char32_t c : word) {
      switch (ScriptOf(c)) {
        case USCRIPT_CYRILLIC: ++t.cyrillic; break;
        case USCRIPT_LATIN: ++t.latin, has_latin = true; break;
        case USCRIPT_ARABIC: ++t.arabic; break;
        default: break;
      }
    }
    if (has_latin && !LooksEnglish(word)) AddLetterEvidence(word, t.latin_evidence);
    if (ScriptOf(word[0]) == USCRIPT_LATIN) t.kazakh_evidence += KazakhEvidence(word);
    i = j;
  }
  return t;
}

}  // namespace

KazakhScript DetectScript(std::string_view text, KazakhScript latin_default) {
  TextLetters t = CountLetters(text);
  if (std::optional<KazakhScript> other = t.NonLatin()) return *other;
  return ByLetters(t.latin_evidence, latin_default);
}

namespace {

/// A word of a text with a Latin letter, and whether it stands in a run of Latin words (only
/// spaces between them) one of which is surely Kazakh.
struct LatinWord {
  size_t begin = 0, end = 0;
  bool kazakh_run = false;
};

std::vector<LatinWord> LatinWords(u32v u) {
  std::vector<LatinWord> words;
  size_t run_begin = 0;  // index in `words` of the current run's first word
  bool run_kazakh = false;
  auto close_run = [&] {
    for (size_t k = run_begin; k < words.size(); ++k) words[k].kazakh_run = run_kazakh;
    run_begin = words.size();
    run_kazakh = false;
  };
  for (size_t i = 0; i < u.size();) {
    size_t j = i;
    while (j < u.size() && IsWordLetter(u[j])) ++j;
    if (j == i) {
      // An initial's dot joins it to the name: "A.Baıtursynuly", "Q.-J. Toqaev".
      const bool initial_before = !words.empty() && words.back().end - words.back().begin == 1 &&
                                  u_isupper(static_cast<UChar32>(u[words.back().begin]));
      const bool initial_mark =
          initial_before && ((u[i] == U'.' && words.back().end == i) ||
                             (u[i] == U'-' && words.back().end + 1 == i && u[i - 1] == U'.'));
      if (!u_isUWhiteSpace(static_cast<UChar32>(u[i])) && !initial_mark) close_run();
      ++i;
      continue;
    }
    // A word with a Latin letter anywhere ("Qазақ", "жáне" as pages mix keyboards).
    bool latin = false;
    for (size_t k = i; k < j; ++k) latin |= ScriptOf(u[k]) == USCRIPT_LATIN;
    if (!latin) {
      close_run();
    } else {
      words.push_back({i, j, false});
      run_kazakh |= IsKazakhLatinWord(u.substr(i, j - i));
    }
    i = j;
  }
  close_run();
  return words;
}

}  // namespace

struct KazakhWords::Impl {
  mutable std::mutex mutex;  // Hunspell keeps state between calls
  std::unique_ptr<Hunspell> hunspell;
};

KazakhWords::~KazakhWords() = default;

std::unique_ptr<KazakhWords> KazakhWords::Open(const std::filesystem::path& base) {
  if (base.empty()) return nullptr;
  const std::filesystem::path aff = base.string() + ".aff", dic = base.string() + ".dic";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(aff, ec) || !std::filesystem::is_regular_file(dic, ec)) return nullptr;
  std::unique_ptr<KazakhWords> words(new KazakhWords());
  words->impl_ = std::make_unique<Impl>();
  words->impl_->hunspell = std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
  return words;
}

bool KazakhWords::Knows(std::string_view word) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->hunspell->spell(std::string(word));
}

namespace {

/// The Cyrillic words of `text` (runs of Cyrillic letters), at most `max_words`.
std::vector<std::string> CyrillicWords(std::string_view text, size_t max_words) {
  std::vector<std::string> words;
  const u32 u = ToUtf32(text);
  for (size_t i = 0; i < u.size() && words.size() < max_words;) {
    size_t j = i;
    while (j < u.size() && u_isalpha(static_cast<UChar32>(u[j])) && ScriptOf(u[j]) == USCRIPT_CYRILLIC) ++j;
    if (j == i) {
      ++i;
      continue;
    }
    words.push_back(FromUtf32(u32v(u).substr(i, j - i)));
    i = j;
  }
  return words;
}

}  // namespace

double KazakhWords::KnownShare(std::string_view text, size_t max_words) const {
  std::vector<std::string> words = CyrillicWords(text, max_words);
  if (words.empty()) return 0;
  size_t known = 0;
  for (const std::string& w : words) known += Knows(w);
  return static_cast<double>(known) / static_cast<double>(words.size());
}

std::filesystem::path DefaultKazakhDictionary() {
  if (const char* env = std::getenv("DAUYS_KK_DICTIONARY")) return env;
  return "/usr/share/hunspell/kk_KZ";
}

namespace {

/// How many Latin words a Latin text's convention is judged by.
constexpr size_t kWordsJudged = 400;

/// Turns a final г, ғ, б back into the к, қ, п of the stem it was voiced from; false
/// when the last letter is none of them.
bool Devoice(u32& stem) {
  static constexpr std::pair<char32_t, char32_t> kVoiced[] = {{U'г', U'к'}, {U'ғ', U'қ'}, {U'б', U'п'}};
  for (auto [voiced, plain] : kVoiced) {
    if (!stem.empty() && stem.back() == voiced) {
      stem.back() = plain;
      return true;
    }
  }
  return false;
}

/// The shortest stem that tells two unknown readings of a word apart.
constexpr size_t kShortestStem = 3;
/// Longest stem looked up: no Kazakh word is longer, so a longer run of letters (a
/// hostile or broken text) is tried from this length down, never from its own.
constexpr size_t kLongestStem = 48;

/// Marks a second reading of a digraph spelling (see voices/script-digraph.txt).
constexpr char32_t kSecondReading = U'\u2060';

/// The readings of a digraph word to try, the rules' own first: each "ng" before a
/// vowel as н+г, each "iy" as и+ы, each lone i (not after a vowel) as и, a final y
/// after a consonant as и, one at a time (at most kSpotsTried of them), then every
/// "ng", every "iy", and every spot at once.
constexpr size_t kSpotsTried = 6;
constexpr char32_t kSecondI = U'\u2061';
constexpr char32_t kFinalY = U'\u2062';

std::vector<u32> DigraphReadings(u32v word) {
  auto lower = [&](size_t k) -> char32_t {
    return k < word.size() ? (word[k] < 0x80 ? (word[k] | 0x20) : word[k]) : 0;
  };
  auto vowel = [&](size_t k) { return k < word.size() && Contains(U"aeiouyáóúýәAEIOUYÁÓÚÝӘ", word[k]); };
  // The mark each spot takes, 0 where there is none.
  std::vector<char32_t> spot(word.size(), 0);
  for (size_t k = 0; k < word.size(); ++k) {
    if (lower(k) == U'n' && lower(k + 1) == U'g' && vowel(k + 2)) spot[k] = kSecondReading;
    else if (lower(k) == U'i' && lower(k + 1) == U'y') spot[k] = kSecondReading;
    else if (lower(k) == U'i' && lower(k + 1) != U'i' && !(k > 0 && vowel(k - 1))) spot[k] = kSecondI;
    else if (lower(k) == U'y' && k + 1 == word.size() && k > 0 && !vowel(k - 1)) spot[k] = kFinalY;
  }
  auto marked = [&](auto chosen) {
    u32 out;
    for (size_t k = 0; k < word.size(); ++k) {
      out += word[k];
      if (spot[k] && chosen(k)) out += spot[k];
    }
    return out;
  };
  std::vector<u32> readings{u32(word)};
  size_t tried = 0;
  for (size_t k = 0; k < word.size() && tried < kSpotsTried; ++k) {
    if (!spot[k]) continue;
    ++tried;
    readings.push_back(marked([k](size_t at) { return at == k; }));
  }
  if (tried > 1) {
    readings.push_back(marked([&](size_t at) { return lower(at) == U'n'; }));
    readings.push_back(marked([&](size_t at) { return lower(at) == U'i' && lower(at + 1) == U'y'; }));
    readings.push_back(marked([](size_t) { return true; }));
  }
  return readings;
}

}  // namespace

struct ScriptTransliterator::Impl {
  mutable std::mutex mutex;  // ICU transliterators are not documented thread-safe
  std::unique_ptr<icu::Transliterator> latin2018, latin2021, digraph, arabic;
  /// voices/script-arabic-back.txt: Arabic stem -> Cyrillic, longest first.
  std::vector<std::pair<u32, u32>> arabic_back;
  std::filesystem::path dictionary_path;
  mutable std::once_flag dictionary_once;
  mutable std::unique_ptr<KazakhWords> dictionary;

  /// hunspell-kk, opened on first use; null when missing.
  const KazakhWords* Dictionary() const {
    std::call_once(dictionary_once, [this] { dictionary = KazakhWords::Open(dictionary_path); });
    return dictionary.get();
  }

  const icu::Transliterator& For(KazakhScript script) const {
    switch (script) {
      case KazakhScript::kLatin2018: return *latin2018;
      case KazakhScript::kLatinDigraph: return *digraph;
      default: return *latin2021;
    }
  }

  std::string Run(const icu::Transliterator& t, u32v text) const {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(FromUtf32(text));
    {
      std::lock_guard<std::mutex> lock(mutex);
      t.transliterate(u);
    }
    std::string out;
    u.toUTF8String(out);
    return out;
  }
};

ScriptTransliterator::ScriptTransliterator(ScriptTransliterator&&) noexcept = default;
ScriptTransliterator& ScriptTransliterator::operator=(ScriptTransliterator&&) noexcept = default;
ScriptTransliterator::~ScriptTransliterator() = default;

Expected<ScriptTransliterator> ScriptTransliterator::FromRules(std::string_view latin2018, std::string_view latin2021,
                                                              std::string_view digraph, std::string_view arabic,
                                                              const std::string& source) {
  ScriptTransliterator t;
  t.impl_ = std::make_unique<Impl>();
  struct Part {
    std::string_view rules;
    const char* name;
    std::unique_ptr<icu::Transliterator>* slot;
  };
  for (const Part& p : {Part{latin2018, "script-latin2018.txt", &t.impl_->latin2018},
                        Part{latin2021, "script-latin2021.txt", &t.impl_->latin2021},
                        Part{digraph, "script-digraph.txt", &t.impl_->digraph},
                        Part{arabic, "script-arabic.txt", &t.impl_->arabic}}) {
    Expected<std::unique_ptr<icu::Transliterator>> compiled = Compile(p.rules, source + p.name);
    if (!compiled) return compiled.error();
    *p.slot = std::move(*compiled);
  }
  return t;
}

Expected<ScriptTransliterator> ScriptTransliterator::Load(const std::filesystem::path& voices_dir,
                                                         const std::filesystem::path& dictionary) {
  const char* names[] = {"script-latin2018.txt", "script-latin2021.txt", "script-digraph.txt", "script-arabic.txt",
                         "script-arabic-back.txt"};
  std::string texts[std::size(names)];
  for (size_t i = 0; i < std::size(names); ++i) {
    Expected<std::string> text = ReadWholeFile(voices_dir / names[i]);
    if (!text) return text.error();
    texts[i] = std::move(*text);
  }
  Expected<ScriptTransliterator> t = FromRules(texts[0], texts[1], texts[2], texts[3], (voices_dir / "").string());
  if (!t) return t;
  for (const SettingLine& l : SettingLines(texts[4])) {
    size_t tab = l.text.find('\t');
    const std::string stem = tab == std::string::npos ? "" : TrimSpaces(l.text.substr(0, tab));
    const std::string reading = tab == std::string::npos ? "" : TrimSpaces(l.text.substr(tab + 1));
    if (stem.empty() || reading.empty()) {
      return Error{Where((voices_dir / names[4]).string(), l.line) +
                   "expected an Arabic stem, a tab and its Cyrillic reading"};
    }
    t->impl_->arabic_back.emplace_back(ToUtf32(ToNfc(stem)), ToUtf32(ToNfc(reading)));
  }
  std::stable_sort(t->impl_->arabic_back.begin(), t->impl_->arabic_back.end(),
                   [](const auto& x, const auto& y) { return x.first.size() > y.first.size(); });
  t->impl_->dictionary_path = dictionary;
  return t;
}

std::string ScriptTransliterator::ReadLatinWord(std::u32string_view word, KazakhScript script) const {
  const KazakhWords* dictionary = impl_->Dictionary();
  // The first of `readings` hunspell-kk knows; else the one with the longest known
  // stem (қиындықтар: қиын), the first on a tie.
  auto first_known = [&](const std::vector<std::pair<KazakhScript, u32>>& readings) {
    std::vector<std::string> cyrillic;
    for (const auto& [alphabet, spelling] : readings) {
      cyrillic.push_back(impl_->Run(impl_->For(alphabet), spelling));
      if (!dictionary || readings.size() == 1) return cyrillic.front();
      if (dictionary->Knows(cyrillic.back())) return cyrillic.back();
    }
    size_t best = 0, best_stem = 0;
    for (size_t r = 0; r < cyrillic.size(); ++r) {
      const u32 letters = ToUtf32(cyrillic[r]);
      for (size_t n = std::min(letters.size(), kLongestStem); n > best_stem && n >= kShortestStem; --n) {
        // A stem's final к, қ, п is voiced before a vowel: білік, билігі.
        u32 stem = letters.substr(0, n);
        const bool known = dictionary->Knows(FromUtf32(stem)) || (Devoice(stem) && dictionary->Knows(FromUtf32(stem)));
        if (known) {
          best = r, best_stem = n;
          break;
        }
      }
    }
    return cyrillic[best];
  };
  if (script == KazakhScript::kLatinDigraph) {
    std::vector<std::pair<KazakhScript, u32>> readings;
    for (u32& r : DigraphReadings(word)) readings.emplace_back(script, std::move(r));
    return first_known(readings);
  }
  if (script != KazakhScript::kCyrillic) return impl_->Run(impl_->For(script), word);
  // A Latin word in Cyrillic text: acute letters are 2018's; otherwise the 2021
  // reading, or 2018's where only that one is a word ("İlim", "əlemi").
  if (word.find_first_of(kLatin2018Marks) != u32v::npos) return impl_->Run(*impl_->latin2018, word);
  return first_known({{KazakhScript::kLatin2021, u32(word)}, {KazakhScript::kLatin2018, u32(word)}});
}

KazakhScript ScriptTransliterator::Detect(std::string_view text, KazakhScript latin_default) const {
  TextLetters letters = CountLetters(text);
  std::optional<KazakhScript> other = letters.NonLatin();
  if (other && !letters.NeutralLatin()) return *other;
  const KazakhScript by_letters = ByLetters(letters.latin_evidence, latin_default);
  const KazakhWords* dictionary = impl_->Dictionary();
  if (!dictionary) return other.value_or(by_letters);
  // The first kWordsJudged Latin words, each read in every convention.
  const u32 u = ToUtf32(ToNfc(text));
  std::vector<LatinWord> words = LatinWords(u);
  if (words.size() > kWordsJudged) words.resize(kWordsJudged);
  KazakhScript best = by_letters;
  size_t best_known = 0;
  std::map<KazakhScript, size_t> known;
  for (KazakhScript s : kLatinScripts) {
    for (const LatinWord& w : words) {
      u32v word = u32v(u).substr(w.begin, w.end - w.begin);
      if (LooksEnglish(word)) continue;
      known[s] += dictionary->Knows(ReadLatinWord(word, s));
    }
  }
  best_known = known[best];
  // Ties keep the letters' choice; otherwise the fixed order of kLatinScripts.
  for (KazakhScript s : kLatinScripts) {
    if (known[s] > best_known) best = s, best_known = known[s];
  }
  // Latin words neither Kazakh nor English by their letters are Kazakh when a reading
  // makes at least half of them known words ("Iran", "Kenes biyligi").
  if (other) {
    size_t judged = 0;
    for (const LatinWord& w : words) judged += !LooksEnglish(u32v(u).substr(w.begin, w.end - w.begin));
    if (best_known == 0 || 2 * best_known < judged) return *other;
  }
  return best;
}

std::string ScriptTransliterator::ToCyrillic(std::string_view text, KazakhScript script, const Lexicon* lexicon) const {
  const u32 u = ToUtf32(ToNfc(text));
  if (script == KazakhScript::kArabic) {
    u32 spread;
    for (size_t i = 0; i < u.size();) {
      size_t j = i;
      while (j < u.size() && IsWordLetter(u[j])) ++j;
      if (j == i) {
        spread += u[i++];
        continue;
      }
      u32v word = u32v(u).substr(i, j - i);
      i = j;
      // A listed loanword stem is read as listed; the rest of the word by its own
      // letters, or, having none that tell, by the stem's last vowel.
      auto stem = std::find_if(impl_->arabic_back.begin(), impl_->arabic_back.end(),
                               [&](const auto& e) { return word.substr(0, e.first.size()) == e.first; });
      if (stem == impl_->arabic_back.end()) {
        spread += SpreadArabicFrontness(word);
      } else {
        spread += stem->second;
        spread += SpreadArabicFrontness(word.substr(stem->first.size()), LastVowelFrontness(stem->second, Front::kBack));
      }
    }
    // Latin-script Kazakh words quoted in it are read as in Cyrillic text.
    return ToCyrillic(impl_->Run(*impl_->arabic, spread), KazakhScript::kCyrillic, lexicon);
  }
  auto listed = [lexicon](u32v word) {
    const Lexicon::Entry* e = lexicon ? lexicon->LongestMatch(word, 0, Lexicon::Kind::kWord) : nullptr;
    return e && e->written.size() == word.size();
  };
  // Word by word: Latin words become Cyrillic unless they are English or listed.
  std::vector<LatinWord> words = LatinWords(u);
  std::string out;
  size_t done = 0;
  for (const LatinWord& w : words) {
    out += FromUtf32(u32v(u).substr(done, w.begin - done));
    done = w.end;
    u32v word = u32v(u).substr(w.begin, w.end - w.begin);
    bool kazakh = IsKazakhLatinWord(word);
    // In Cyrillic text, a Latin name of several words is Kazakh when one of them is
    // ("Jas Alaş"): the others need only not look English.
    bool convert = !listed(word) && (script == KazakhScript::kCyrillic ? kazakh || (w.kazakh_run && !LooksEnglish(word))
                                                                       : kazakh || !LooksEnglish(word));
    if (!convert) {
      out += FromUtf32(word);
      continue;
    }
    out += ReadLatinWord(word, script);
  }
  out += FromUtf32(u32v(u).substr(done));
  return out;
}

}  // namespace dauys
