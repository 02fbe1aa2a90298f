#pragma once
// The pronunciation lexicon: how abbreviations, acronyms and units are spoken. It lives
// in voices/lexicon.txt so editors can add an entry without rebuilding:
//
//   # comment
//   [words]            # replaced wherever they stand as a whole token
//   БҰҰ = бэ-ұ-ұ
//   т.б. = тағы басқа
//   [units]            # replaced only right after a number
//   км = шақырым
//
// Matching is case-sensitive and takes the longest entry at a position.

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
  };

  /// Parses lexicon text; errors name `source` and the line.
  static Expected<Lexicon> Parse(std::string_view text, const std::string& source);
  static Expected<Lexicon> Load(const std::filesystem::path& path);

  /// The longest entry of `kind` whose written form starts `text` at `pos`.
  const Entry* LongestMatch(std::u32string_view text, size_t pos, Kind kind) const;
  /// True for written forms that end in a dot and so are no sentence end ("т.б.").
  bool IsAbbreviation(std::u32string_view written) const;
  size_t size() const { return entries_.size(); }
  /// Every entry in one string, for cache keys.
  std::string Fingerprint() const;

 private:
  std::vector<Entry> entries_;                        // sorted longest first
  std::map<char32_t, std::vector<size_t>> by_first_;  // first code point -> entries
};

}  // namespace dauys
