#pragma once
// The first two stages of normalization: cuts a paragraph into tokens and gives each
// its semiotic class (see token.h). One function per family of classes; each reads
// from a position, returns the token and moves the position past it.

#include <string_view>
#include <vector>

#include "text/lexicon.h"
#include "text/normalize/token.h"

namespace dauys::normalize {

/// Every token of `s` in order; together they cover all of it.
std::vector<Token> Classify(std::u32string_view s, const Lexicon& lexicon);

/// Numbers and what they carry: cardinals, ordinals, decimals, years, dates, times,
/// ranges, percentages, measures and money. `s[i]` is a digit, or a currency sign
/// before one.
Token ClassifyNumber(std::u32string_view s, size_t& i, const Lexicon& lexicon);
/// Words: lexicon entries, initials, Roman numerals, acronyms, capitals, plain words.
/// `s[i]` is a letter.
Token ClassifyWord(std::u32string_view s, size_t& i, const Lexicon& lexicon);
/// Punctuation and symbols: pauses, symbols said as words, silent marks.
Token ClassifyMark(std::u32string_view s, size_t& i);

// Shared by the classifiers.
/// The currency a sign stands for ("$" -> "доллар"), or empty.
std::string CurrencyWord(char32_t sign);
/// Where the word starting at `i` ends (letters, apostrophes, inner hyphens).
size_t WordEnd(std::u32string_view s, size_t i);
/// The word after the spaces at `from`.
std::u32string_view NextWord(std::u32string_view s, size_t from);
/// An ending written after a hyphen at `at` ("-ның"): its letters, with `at` moved
/// past it; empty (and `at` unchanged) when there is none.
std::string TakeEnding(std::u32string_view s, size_t& at);

}  // namespace dauys::normalize
