#pragma once
// Caption-sized cues. A sentence is one cue on the read-along page, but a sentence of
// 500 characters is not a caption: players show about two lines of 42 characters. A
// long sentence is cut at word boundaries into pieces of at most kCaptionChars, each
// timed from the eSpeak NG word event of its first spoken word.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "output/subtitles.h"

namespace dauys {

/// Two lines of 42 characters.
constexpr size_t kCaptionChars = 84;

/// One piece of a long sentence: its written text and the index of the spoken word
/// (the eSpeak NG WORD event) it starts at.
struct CaptionPiece {
  std::string text;
  size_t first_word = 0;
};

/// `text` cut at spaces into pieces of at most `max_chars` code points (a longer word
/// stands alone), of nearly equal length; joined with single spaces they give `text`
/// with its white space folded. A text that fits gives one piece.
std::vector<std::string> SplitCaption(std::string_view text, size_t max_chars = kCaptionChars);

/// The pieces of a sentence, each with its first spoken word: `spoken_words(prefix)`
/// counts the words eSpeak NG says for the written text before a piece. Pieces that
/// start at no new spoken word join the piece before. Empty when the sentence fits
/// one caption.
template <typename SpokenWords>
std::vector<CaptionPiece> PlanCaptions(std::string_view written, size_t words_in_sentence,
                                       const SpokenWords& spoken_words) {
  std::vector<CaptionPiece> out;
  std::vector<std::string> pieces = SplitCaption(written);
  if (pieces.size() < 2) return out;
  std::string prefix;
  for (std::string& piece : pieces) {
    const size_t first = prefix.empty() ? 0 : spoken_words(prefix);
    prefix += (prefix.empty() ? "" : " ") + piece;
    if (!out.empty() && (first <= out.back().first_word || first >= words_in_sentence)) {
      out.back().text += " " + piece;
      continue;
    }
    out.push_back({std::move(piece), first});
  }
  if (out.size() < 2) out.clear();
  return out;
}

/// The cues of one sentence spoken from `start` to `end` (samples): one cue for the
/// whole sentence without pieces, else one per piece, starting at its first word's
/// sample in `word_starts` (absolute, one per WORD event) and ending where the next
/// begins. A piece whose word has no event is timed by its share of the characters.
std::vector<Cue> TimeCaptions(const std::string& speaker, const std::string& written,
                              const std::vector<CaptionPiece>& pieces, const std::vector<int64_t>& word_starts,
                              int64_t start, int64_t end);

}  // namespace dauys
