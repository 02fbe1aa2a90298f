#pragma once
// Kazakh is written in three scripts: Cyrillic, Latin (the 2018 alphabet with acute
// accents á ǵ ń ó ú ý, the 2021 one with ä ğ ñ ö ş ū ü) and the Arabic script of the
// Kazakhs of China. eSpeak NG's Kazakh voice reads only Cyrillic, so before speech
// every other script is transliterated with ICU rules kept as data beside the voices
// (voices/script-*.txt, one file per alphabet, editable like the lexicon). Only what
// eSpeak NG hears changes: the plan, tags and subtitles keep the script as written.
//
//   Expected<ScriptTransliterator> t = ScriptTransliterator::Load("voices");
//   KazakhScript script = DetectScript("Qazaqstan Respýblıkasy");   // kLatin2018
//   t->ToCyrillic("Qazaqstan Respýblıkasy", script);                 // "Қазақстан Республикасы"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "util/error.h"

namespace dauys {
class Lexicon;
}

namespace dauys {

enum class KazakhScript { kCyrillic, kLatin2018, kLatin2021, kArabic };

/// "cyrillic", "latin2018", "latin2021", "arabic": the names `--script` takes.
const char* ScriptName(KazakhScript script);
std::optional<KazakhScript> ParseScriptName(std::string_view name);

/// The script most letters of `text` are written in (ICU's script property). Latin
/// text counts as Kazakh when more of its words read as Kazakh (Kazakh-only letters,
/// q, Kazakh function words and endings) than as English; otherwise it is read as
/// written (kCyrillic). A Latin text's alphabet is told by its own letters (á ǵ ń ó ú
/// ý, sh, ch, y between consonants: 2018; ä ğ ñ ö ş ū ü: 2021); when it has neither,
/// `latin_default`.
KazakhScript DetectScript(std::string_view text, KazakhScript latin_default = KazakhScript::kLatin2021);

/// True for a Latin-script word that is surely Kazakh, not English: it has a letter
/// only Kazakh alphabets use (á ǵ ń ó ú ý ı ä ğ ñ ö ş ū ü ə ǧ ŋ İ) or a q that is not
/// English "qu" before a vowel.
bool IsKazakhLatinWord(std::u32string_view word);

class ScriptTransliterator {
 public:
  /// Reads voices/script-latin2018.txt, script-latin2021.txt and script-arabic.txt from
  /// `voices_dir`; an error names the file and the line ICU could not parse.
  static Expected<ScriptTransliterator> Load(const std::filesystem::path& voices_dir);
  /// The same from rule texts; `source` prefixes error messages.
  static Expected<ScriptTransliterator> FromRules(std::string_view latin2018, std::string_view latin2021,
                                                  std::string_view arabic, const std::string& source);
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

 private:
  ScriptTransliterator() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dauys
