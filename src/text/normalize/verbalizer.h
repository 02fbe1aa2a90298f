#pragma once
// The last stage of normalization: each semiotic class says its tokens, and the
// spoken line is assembled with single spaces and one pause mark where several meet.

#include <string>
#include <vector>

#include "text/normalize/number_words.h"
#include "text/normalize/token.h"

namespace dauys::normalize {

/// The spoken words of one token; empty for pauses and silent marks.
std::string Verbalize(const Token& token, const NumberWords& numbers);

// One verbalizer per family of classes.
/// Cardinals, ordinals, decimals, years, dates, times, ranges, percentages, measures
/// and money.
std::string VerbalizeNumber(const Token& token, const NumberWords& numbers);
/// Plain words, words in capitals, spelled acronyms, lexicon entries, initials.
std::string VerbalizeWord(const Token& token);

/// The spoken line for a paragraph's tokens.
std::string VerbalizeAll(const std::vector<Token>& tokens, const NumberWords& numbers);

}  // namespace dauys::normalize
