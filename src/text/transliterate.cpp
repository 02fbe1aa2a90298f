#include "text/transliterate.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <mutex>
#include <vector>

#include "text/lexicon.h"
#include "util/atomic_file.h"
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
constexpr u32v kLatin2021Marks = U"äğñöşūüÄĞÑÖŞŪÜǧǦŋŊİș";
constexpr u32v kKazakhLatinLetters = U"áǵńóúýÁǴŃÓÚÝäğñöşūüÄĞÑÖŞŪÜǧǦŋŊİșıəƏ";

bool Contains(u32v set, char32_t c) { return set.find(c) != u32v::npos; }

bool IsLatinConsonant(char32_t c) {
  return ((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z')) && !Contains(U"aeiouyAEIOUY", c);
}

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

/// How front an Arabic-script word is at a point: back; front by ك or گ (ا stays а,
/// as in loanwords such as كىتاپ, кітап, and the vowels after it are back); front by
/// a hamza or ە (ا is ә).
enum class Front { kBack, kByConsonant, kFull };

Front FrontnessOf(char32_t c, Front current) {
  switch (c) {
    case U'ٴ': case U'ء': case U'ە': return Front::kFull;
    case U'ك': case U'ک': case U'گ': return current == Front::kFull ? Front::kFull : Front::kByConsonant;
    case U'ق': case U'ع': return Front::kBack;
    default: return current;
  }
}

/// Arabic-script Kazakh marks a word's vowels front with a hamza at its head, and
/// leaves the hamza out where ە, ك or گ say so; ق and ع say back. Each vowel takes
/// the frontness of the last such letter before it (or, before any, of the first one
/// in the word), so a suffix such as -мен does not turn a back stem front. The rules
/// then see each front vowel as its own letter: ا و ۇ ى become ٵ ٶ ٷ ٸ.
u32 SpreadArabicFrontness(u32v word) {
  Front state = Front::kBack;
  for (char32_t c : word) {
    if (Front f = FrontnessOf(c, Front::kBack); f != Front::kBack || c == U'ق' || c == U'ع') {
      state = f;
      break;
    }
  }
  u32 out(word);
  for (char32_t& c : out) {
    state = FrontnessOf(c, state);
    if (state == Front::kBack) continue;
    if (c == U'ا' && state == Front::kByConsonant) state = Front::kBack;  // кітап|ханасы: back from here
    else if (c == U'ا') c = U'ٵ';
    else if (c == U'و') c = U'ٶ';
    else if (c == U'ۇ') c = U'ٷ';
    else if (c == U'ى') c = U'ٸ';
  }
  return out;
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
    case KazakhScript::kArabic: return "arabic";
  }
  return "cyrillic";
}

std::optional<KazakhScript> ParseScriptName(std::string_view name) {
  for (KazakhScript s : {KazakhScript::kCyrillic, KazakhScript::kLatin2018, KazakhScript::kLatin2021,
                         KazakhScript::kArabic}) {
    if (name == ScriptName(s)) return s;
  }
  return std::nullopt;
}

bool IsKazakhLatinWord(u32v word) {
  for (size_t i = 0; i < word.size(); ++i) {
    char32_t c = word[i];
    if (Contains(kKazakhLatinLetters, c)) return true;
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
  for (const char* ending : {"dy", "di", "ty", "ti", "lar", "ler", "dar", "der", "tar", "ter", "nyn", "nin", "ga",
                             "ge", "ke", "dan", "den", "tan", "ten", "nan", "nen", "yn", "in"}) {
    std::string_view e(ending);
    if (lower.size() >= e.size() + 2 && lower.compare(lower.size() - e.size(), e.size(), e) == 0) return 1;
  }
  return 0;
}

}  // namespace

KazakhScript DetectScript(std::string_view text, KazakhScript latin_default) {
  size_t cyrillic = 0, latin = 0, arabic = 0, marks2018 = 0, marks2021 = 0;
  int kazakh_evidence = 0;
  u32 u = ToUtf32(text);
  for (size_t i = 0; i < u.size();) {
    size_t j = i;
    while (j < u.size() && IsWordLetter(u[j])) ++j;
    if (j == i) {
      ++i;
      continue;
    }
    u32v word = u32v(u).substr(i, j - i);
    // 2021 writes ş and ç where 2018 writes sh and ch.
    for (size_t k = 0; k + 1 < word.size(); ++k) {
      char32_t a = word[k] | 0x20, b = word[k + 1] | 0x20;
      marks2018 += (a == U's' || a == U'c') && b == U'h';
    }
    // 2018 writes ы as y between consonants ("jyly"); 2021 writes it ı.
    for (size_t k = 1; k + 1 < word.size(); ++k) {
      marks2018 += (word[k] == U'y' || word[k] == U'Y') && IsLatinConsonant(word[k - 1]) && IsLatinConsonant(word[k + 1]);
    }
    for (char32_t c : word) {
      switch (ScriptOf(c)) {
        case USCRIPT_CYRILLIC: ++cyrillic; break;
        case USCRIPT_LATIN: ++latin; break;
        case USCRIPT_ARABIC: ++arabic; break;
        default: break;
      }
      marks2018 += Contains(kLatin2018Marks, c);
      marks2021 += Contains(kLatin2021Marks, c);
    }
    if (ScriptOf(word[0]) == USCRIPT_LATIN) kazakh_evidence += KazakhEvidence(word);
    i = j;
  }
  if (arabic > cyrillic && arabic > latin) return KazakhScript::kArabic;
  // Latin that does not read as Kazakh is English (or a name): read as written.
  if (latin > cyrillic && kazakh_evidence > 0) {
    if (marks2018 > marks2021) return KazakhScript::kLatin2018;
    if (marks2021 > 0) return KazakhScript::kLatin2021;
    return latin_default == KazakhScript::kLatin2018 ? KazakhScript::kLatin2018 : KazakhScript::kLatin2021;
  }
  return KazakhScript::kCyrillic;
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

struct ScriptTransliterator::Impl {
  mutable std::mutex mutex;  // ICU transliterators are not documented thread-safe
  std::unique_ptr<icu::Transliterator> latin2018, latin2021, arabic;

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
                                                              std::string_view arabic, const std::string& source) {
  ScriptTransliterator t;
  t.impl_ = std::make_unique<Impl>();
  struct Part {
    std::string_view rules;
    const char* name;
    std::unique_ptr<icu::Transliterator>* slot;
  };
  for (const Part& p : {Part{latin2018, "script-latin2018.txt", &t.impl_->latin2018},
                        Part{latin2021, "script-latin2021.txt", &t.impl_->latin2021},
                        Part{arabic, "script-arabic.txt", &t.impl_->arabic}}) {
    Expected<std::unique_ptr<icu::Transliterator>> compiled = Compile(p.rules, source + p.name);
    if (!compiled) return compiled.error();
    *p.slot = std::move(*compiled);
  }
  return t;
}

Expected<ScriptTransliterator> ScriptTransliterator::Load(const std::filesystem::path& voices_dir) {
  std::string texts[3];
  const char* names[3] = {"script-latin2018.txt", "script-latin2021.txt", "script-arabic.txt"};
  for (int i = 0; i < 3; ++i) {
    Expected<std::string> text = ReadWholeFile(voices_dir / names[i]);
    if (!text) return text.error();
    texts[i] = std::move(*text);
  }
  Expected<ScriptTransliterator> t = FromRules(texts[0], texts[1], texts[2], (voices_dir / "").string());
  return t;
}

std::string ScriptTransliterator::ToCyrillic(std::string_view text, KazakhScript script, const Lexicon* lexicon) const {
  const u32 u = ToUtf32(ToNfc(text));
  if (script == KazakhScript::kArabic) {
    u32 spread;
    for (size_t i = 0; i < u.size();) {
      size_t j = i;
      while (j < u.size() && IsWordLetter(u[j])) ++j;
      if (j == i) spread += u[i++];
      else spread += SpreadArabicFrontness(u32v(u).substr(i, j - i)), i = j;
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
    KazakhScript alphabet = script;
    if (alphabet == KazakhScript::kCyrillic) {
      bool acute = word.find_first_of(kLatin2018Marks) != u32v::npos;
      alphabet = acute ? KazakhScript::kLatin2018 : KazakhScript::kLatin2021;
    }
    out += impl_->Run(alphabet == KazakhScript::kLatin2018 ? *impl_->latin2018 : *impl_->latin2021, word);
  }
  out += FromUtf32(u32v(u).substr(done));
  return out;
}

}  // namespace dauys
