#pragma once
// The normalizer works the way text normalization systems of the field do (Google's
// Sparrowhawk, NVIDIA NeMo): a paragraph is cut into tokens, each token is classified
// into a semiotic class (a cardinal, a date, an acronym, a pause, ...), and each class
// has its own verbalizer. A new kind of written form is a new class or a new
// classifier rule, never another branch in one long function.

#include <optional>
#include <string>
#include <vector>

#include "text/normalize/number_words.h"

namespace dauys::normalize {

enum class SemioticClass {
  kWord,          ///< An ordinary word, said as written.
  kCapsWord,      ///< Capitals read as a word: a heading, a surname in capitals.
  kLetters,       ///< An acronym spelled with letter names: "ТМД" -> "тэ-эм-дэ".
  kAbbreviation,  ///< A lexicon entry: "т.б." -> "тағы басқа".
  kInitial,       ///< An initial before a name: "М." in "М.Әуезов".
  kRoman,         ///< A Roman numeral before a noun: "XXI ғасыр".
  kCardinal,      ///< "5 адам", "120-дан".
  kOrdinal,       ///< "50-ші", "3-орын".
  kDecimal,       ///< "7,8".
  kYear,          ///< "2024 жылы", "1945-жылы".
  kDate,          ///< The day of "7 желтоқсанда".
  kTime,          ///< "14:30", "18.00-де", "10:00-17:00".
  kFraction,      ///< "1/4" (төрттен бір), "3/4-і".
  kScore,         ///< "3:2" (үш-екі).
  kPhone,         ///< "8 747 555 12 34", "+7 (727) 250-11-22": read in groups.
  kCollective,    ///< "4-еу" (төртеу), "2-еуі" (екеуі).
  kRange,         ///< "2020-2024", "10–15".
  kPercent,       ///< "10%", "10-15 %".
  kMeasure,       ///< A number and a unit: "5 км".
  kMoney,         ///< A number and a currency sign: "$100", "500₸".
  kPause,         ///< Punctuation heard as a pause: ". , ! ? ; :", dashes, brackets.
  kSymbol,        ///< A symbol said as a word: "№", "&".
  kSilent,        ///< Quotes, slashes and other marks nobody says.
  kSuffix,        ///< An ending after a closing quote, joined to the quoted word: «ДАТ!»-тың.
};

/// The class's name as tests and debugging output show it ("cardinal", "date").
const char* ClassName(SemioticClass c);

struct Token {
  SemioticClass kind = SemioticClass::kWord;
  std::u32string written;  ///< The text the token covers.

  // Words: the word (kWord, kCapsWord, kLetters core), or the lexicon's spoken form
  // (kAbbreviation); a symbol's word (kSymbol); a pause's mark (kPause).
  std::string text;

  // Numbers.
  std::optional<Number> number, second;  ///< `second` ends a range.
  bool ordinal = false;                  ///< Said as an ordinal (years, dates, "3-орын").
  bool negative = false;                 ///< "-5": preceded by "минус".
  int roman = 0;                         ///< kRoman's value.
  int roman_last = 0;                    ///< The end of a range of Roman numerals ("XIX-XX").
  int minutes = 0;                       ///< kTime's minutes.
  int end_minutes = 0;                   ///< A time range's minutes at its end (`second`).
  int month = 0;                         ///< A full date's month, 1-12 (`second` is its year).
  std::string year_word;                 ///< A full date's "жылы", "жылғы", as written after it.
  bool date_in_sentence = false;
  bool between = false;                  ///< A range before «аралығында»: "X бен Y аралығында".         ///< A full date with a word after it (not a predicate).
  std::vector<std::u32string> groups;    ///< kPhone's digit groups.
  std::string per;                       ///< "км/сағ": the unit's "per" word, "сағатына".
  std::string unit;                      ///< kMeasure's unit word, or "пайыз".
  std::string currency;                  ///< kMoney's currency word.

  std::string ending;  ///< An ending written after a hyphen, moved onto the spoken form.
  /// The ending was written straight on to the word the spoken form ends with
  /// ("Тоқаевтың"): it already fits and is kept as written.
  bool ending_as_written = false;
};

}  // namespace dauys::normalize
