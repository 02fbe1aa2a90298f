#pragma once
// Rewrites text into what a Kazakh newsreader would say before it reaches eSpeak NG:
// numbers, ordinals, years, dates, times, percentages, currencies and units become
// words (ICU's Kazakh spell-out rules, no hand-written number tables); acronyms and
// abbreviations come from the lexicon or are spelled with Kazakh letter names; quotes,
// brackets and dashes become pauses or vanish, so no symbol is spoken by name.
//
//   Normalizer n(lexicon);
//   n.Normalize("2024 жылғы 7 желтоқсанда БҰҰ-ның 50-ші сессиясы")
//   // "екі мың жиырма төртінші жылғы жетінші желтоқсанда бэ-ұ-ұның елуінші сессиясы"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/lexicon.h"
#include "text/normalize/endings.h"
#include "text/transliterate.h"

namespace dauys {

/// How the normalizer handles text in another script than Cyrillic.
struct ScriptOptions {
  /// Rules that make Latin and Arabic script Cyrillic; null reads text as written.
  const ScriptTransliterator* transliterator = nullptr;
  /// `--script`: every paragraph is in this script; otherwise each is detected.
  std::optional<KazakhScript> forced;
  /// The Latin alphabet of a paragraph that has no letter telling 2018 from 2021.
  KazakhScript latin_default = KazakhScript::kLatin2021;
};

class Normalizer {
 public:
  explicit Normalizer(const Lexicon& lexicon, ScriptOptions scripts = {});
  ~Normalizer();
  Normalizer(const Normalizer&) = delete;
  Normalizer& operator=(const Normalizer&) = delete;

  /// The spoken form of one paragraph (one line; no line breaks in the result), in
  /// Cyrillic whatever the script it was written in.
  std::string Normalize(std::string_view text) const;
  /// `text` with other scripts made Cyrillic (see ScriptOptions); the first step of
  /// Normalize.
  std::string ToCyrillic(std::string_view text) const;

  /// Splits written text into sentences with ICU's sentence breaks, but never after an
  /// abbreviation from the lexicon ("т.б.") or an initial ("М.", "Қ.-Ж."). Never
  /// returns empty pieces. Each sentence is one synthesis call and one subtitle cue.
  std::vector<std::string> SplitSentences(std::string_view written) const;

  /// Number words from ICU: cardinal ("жүз жиырма") and ordinal ("елуінші").
  std::string Cardinal(long long n) const;
  std::string Ordinal(long long n) const;

  const Lexicon& lexicon() const { return lexicon_; }
  const ScriptOptions& scripts() const { return scripts_; }

 private:
  bool EndsWithAbbreviation(std::string_view piece) const;
  struct Impl;
  const Lexicon& lexicon_;
  ScriptOptions scripts_;
  std::unique_ptr<Impl> impl_;
};

/// Words in spoken text as eSpeak NG counts them: white-space separated tokens with at
/// least one letter or digit.
size_t CountSpokenWords(std::string_view spoken);


}  // namespace dauys
