#pragma once
// The pronunciation lexicon: how abbreviations, acronyms, units and names are spoken.
// It lives in voices/lexicon.txt so editors can add an entry without rebuilding:
//
//   # comment
//   [words]            # replaced wherever they stand as a whole token
//   БҰҰ = бэ-ұ-ұ
//   т.б. = тағы басқа
//   Тоқаев = Тоқайев   # a respelling: "Тоқаевқа" is said "Тоқайевқа"
//   Name = [[n'eIm]]   # eSpeak NG phonemes, for a name no respelling can fix
//   [units]            # replaced only right after a number
//   км = шақырым
//
// An entry replaces the stem and keeps an ending written on to it as written. An
// entry written in lower case also matches with a capital first letter ("доц." matches
// "Доц." at a sentence start; the spoken form then takes the capital, "Т.Б." stays
// initials); one with a capital, a unit (мВт is not МВт) and a one-letter
// abbreviation met with a capital (an initial, "Қ.") match only as written. The longest
// entry at a position wins. W3C PLS files (voices/*.pls, text/pls.h) add entries, and a
// book's sidecar ([lexicon] in <input>.toml) adds its own on top.

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace dauys {

class Lexicon {
 public:
  enum class Kind { kWord, kUnit };
  struct Entry {
    std::u32string written;
    std::string spoken;
    Kind kind = Kind::kWord;
    bool operator==(const Entry&) const = default;
  };

  /// Parses lexicon text; errors name `source` and the line.
  static Expected<Lexicon> Parse(std::string_view text, const std::string& source);
  /// Reads `path` (voices/lexicon.txt), then every `*.pls` file in its folder in name
  /// order; an entry read later replaces one with the same written form and kind.
  static Expected<Lexicon> Load(const std::filesystem::path& path);
  /// A lexicon of `entries`; a later entry replaces an earlier one with the same
  /// written form and kind.
  static Lexicon FromEntries(std::vector<Entry> entries);

  /// This lexicon with `more` on top (a book's own entries over the voice folder's).
  Lexicon With(const Lexicon& more) const;

  /// The longest entry of `kind` whose written form starts `text` at `pos`.
  const Entry* LongestMatch(std::u32string_view text, size_t pos, Kind kind) const;
  /// The spoken form of `e` where it matched `written` in the text: a lower-case entry
  /// matched at a capital speaks with a capital ("Доц." -> "Доцент").
  static std::string SpokenAs(const Entry& e, std::u32string_view written);
  /// True for a spoken form that is eSpeak NG phonemes: "[[n'eIm]]".
  static bool IsPhonemes(std::string_view spoken);
  /// True for written forms that end in a dot and so are no sentence end ("т.б.").
  bool IsAbbreviation(std::u32string_view written) const;
  size_t size() const { return entries_.size(); }
  /// The entries, longest written form first (ties in the order they were read).
  const std::vector<Entry>& entries() const { return entries_; }
  /// Every entry in one string, for cache keys.
  std::string Fingerprint() const;

 private:
  void Index();
  std::vector<Entry> entries_;                        // sorted longest first
  std::map<char32_t, std::vector<size_t>> by_first_;  // lower-cased first code point -> entries
};

/// Checks a spoken form before it enters a lexicon: phonemes are one "[[...]]" with
/// no "]]" inside. Returns an error message, or "" when it is fine.
std::string CheckSpoken(std::string_view spoken);

}  // namespace dauys
