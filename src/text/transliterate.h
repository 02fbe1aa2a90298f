#pragma once
// Kazakh is written in three scripts: Cyrillic, Latin (the 2018 alphabet with acute
// accents á ǵ ń ó ú ý, the 2021 one with ä ğ ñ ö ş ū ü, and the digraph convention of
// abai.kz: sh, gh, ng, ú = ұ, ý = ү, Cyrillic ә) and the Arabic script of the
// Kazakhs of China. eSpeak NG's Kazakh voice reads only Cyrillic, so before speech
// every other script is transliterated with ICU rules kept as data beside the voices
// (voices/script-*.txt, one file per alphabet, editable like the lexicon). Only what
// eSpeak NG hears changes: the plan, tags and subtitles keep the script as written.
//
// The three Latin conventions share ı, i and y with different values; where a text's
// letters do not tell them apart, the reading with more words hunspell-kk knows wins.
//
//   Expected<ScriptTransliterator> t = ScriptTransliterator::Load("voices");
//   KazakhScript script = t->Detect("Qazaqstan Respýblıkasy");      // kLatin2018
//   t->ToCyrillic("Qazaqstan Respýblıkasy", script);                 // "Қазақстан Республикасы"

#include <filesystem>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "util/error.h"

namespace dauys {
class Lexicon;
}

namespace dauys {

enum class KazakhScript { kCyrillic, kLatin2018, kLatin2021, kLatinDigraph, kArabic };

/// "cyrillic", "latin2018", "latin2021", "digraph", "arabic": the names `--script` takes.
const char* ScriptName(KazakhScript script);
std::optional<KazakhScript> ParseScriptName(std::string_view name);

/// True for the three Latin conventions.
bool IsLatinScript(KazakhScript script);

/// How many letters of a Latin text only each convention writes so (ı beside a vowel,
/// I before one, á ǵ ń ó ú ý, sh, ch: 2018; ä ğ ñ ö ş ū ü ç, i after a vowel: 2021; gh, a final ng,
/// Cyrillic ә, y after a vowel, sh, ch, á ó ú ý: digraph).
struct LatinLetterEvidence {
  int latin2018 = 0, latin2021 = 0, digraph = 0;
  int For(KazakhScript script) const;
};

/// The script most letters of `text` are written in (ICU's script property). Latin
/// text counts as Kazakh when more of its words read as Kazakh (Kazakh-only letters,
/// q, Kazakh function words and endings) than as English; otherwise it is read as
/// written (kCyrillic). A Latin text's convention is the one with the most letter
/// evidence (LatinLetterEvidence), `latin_default` on a tie with it.
KazakhScript DetectScript(std::string_view text, KazakhScript latin_default = KazakhScript::kLatin2021);

/// Words hunspell-kk (Debian's hunspell-kk) knows: evidence for the reading of a Latin
/// text, and a measure of how Kazakh a spoken text is. It misses some common words, so
/// it compares readings; it is no spell check.
class KazakhWords {
 public:
  /// Opens `<base>.aff` and `<base>.dic`; null when either is missing.
  static std::unique_ptr<KazakhWords> Open(const std::filesystem::path& base);
  ~KazakhWords();
  bool Knows(std::string_view word) const;
  /// The known share (0..1) of the Cyrillic words of `text` (runs of letters, hyphens
  /// split), over its first `max_words` such words; 0 for none.
  double KnownShare(std::string_view text, size_t max_words = SIZE_MAX) const;

 private:
  KazakhWords() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The dictionary dauys reads: $DAUYS_KK_DICTIONARY (a path without .aff/.dic; empty
/// for none) or Debian's /usr/share/hunspell/kk_KZ.
std::filesystem::path DefaultKazakhDictionary();

/// True for a Latin-script word that is surely Kazakh, not English: it has a letter
/// only Kazakh alphabets use (á ǵ ń ó ú ý ı ä ğ ñ ö ş ū ü ə ǧ ŋ İ) or a q that is not
/// English "qu" before a vowel.
bool IsKazakhLatinWord(std::u32string_view word);

class ScriptTransliterator {
 public:
  /// Reads voices/script-latin2018.txt, script-latin2021.txt, script-digraph.txt,
  /// script-arabic.txt and script-arabic-back.txt from `voices_dir`; an error names the
  /// file and the line ICU could not parse. The dictionary at `dictionary` (see
  /// KazakhWords) is opened when first needed; without it letters alone decide.
  static Expected<ScriptTransliterator> Load(const std::filesystem::path& voices_dir,
                                             const std::filesystem::path& dictionary = DefaultKazakhDictionary());
  /// The same from rule texts (no Arabic loanword list); `source` prefixes error messages.
  static Expected<ScriptTransliterator> FromRules(std::string_view latin2018, std::string_view latin2021,
                                                  std::string_view digraph, std::string_view arabic,
                                                  const std::string& source);
  ScriptTransliterator(ScriptTransliterator&&) noexcept;
  ScriptTransliterator& operator=(ScriptTransliterator&&) noexcept;
  ~ScriptTransliterator();

  /// `text` as eSpeak NG's Kazakh voice can read it. A Latin or Arabic `script`
  /// transliterates every word but English ones (letters Kazakh alphabets lack: c w x,
  /// or th oo ee ck ou, and no Kazakh-only letter); Cyrillic keeps the text and
  /// transliterates only the Latin-script Kazakh words inside it ("Túrkistan", and the
  /// words beside one that do not look English: "Jas Alaş"), as Arabic does after its
  /// own letters. Words the lexicon lists (a brand, a Latin acronym) are kept as written.
  std::string ToCyrillic(std::string_view text, KazakhScript script, const Lexicon* lexicon = nullptr) const;

  /// DetectScript, and for Latin text the convention whose reading of the first 400
  /// Latin words hunspell-kk knows most of (letter evidence, then `latin_default`, on a
  /// tie). Deterministic; without the dictionary, DetectScript.
  KazakhScript Detect(std::string_view text, KazakhScript latin_default = KazakhScript::kLatin2021) const;

 private:
  ScriptTransliterator() = default;
  /// One Latin word in Cyrillic: `script`'s reading (of a digraph spelling with two,
  /// the one hunspell-kk knows); in Cyrillic text (kCyrillic), 2018's for acute
  /// letters, else 2021's or, where only it is a word, 2018's.
  std::string ReadLatinWord(std::u32string_view word, KazakhScript script) const;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dauys
