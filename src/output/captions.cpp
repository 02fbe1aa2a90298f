#include "output/captions.h"

#include <algorithm>

#include "util/unicode.h"

namespace dauys {

std::vector<std::string> SplitCaption(std::string_view text, size_t max_chars) {
  std::vector<std::string> words = SplitWords(text);
  std::vector<size_t> lengths;
  size_t total = 0;
  for (const std::string& w : words) {
    lengths.push_back(CodePointCount(w));
    total += lengths.back() + (total ? 1 : 0);
  }
  std::vector<std::string> out;
  size_t i = 0, remaining = total;
  while (i < words.size()) {
    // Aim at an equal share of what is left, so the last piece is not a stub.
    const size_t pieces_left = std::max<size_t>(1, (remaining + max_chars - 1) / max_chars);
    const size_t target = (remaining + pieces_left - 1) / pieces_left;
    std::string piece = words[i];
    size_t length = lengths[i++];
    while (i < words.size() && length + 1 + lengths[i] <= max_chars) {
      const size_t longer = length + 1 + lengths[i];
      if (pieces_left > 1 && longer > target && longer - target > target - length) break;
      piece += " " + words[i];
      length = longer;
      ++i;
    }
    remaining = remaining > length + 1 ? remaining - length - 1 : 0;
    out.push_back(std::move(piece));
  }
  return out;
}

std::vector<Cue> TimeCaptions(const std::string& speaker, const std::string& written,
                              const std::vector<CaptionPiece>& pieces, const std::vector<int64_t>& word_starts,
                              int64_t start, int64_t end) {
  if (pieces.size() < 2) return {Cue{start, end, speaker, written}};
  size_t chars_total = 0;
  for (const CaptionPiece& p : pieces) chars_total += CodePointCount(p.text) + 1;
  std::vector<Cue> out;
  size_t chars_before = 0;
  for (const CaptionPiece& p : pieces) {
    int64_t at = start;
    if (!out.empty()) {
      at = p.first_word < word_starts.size()
               ? word_starts[p.first_word]
               : start + (end - start) * static_cast<int64_t>(chars_before) / static_cast<int64_t>(chars_total);
    }
    at = std::clamp<int64_t>(at, start, end);
    if (!out.empty() && at <= out.back().start) {
      out.back().text += " " + p.text;  // no time of its own: it stays with the piece before
    } else {
      if (!out.empty()) out.back().end = at;
      out.push_back(Cue{at, end, speaker, p.text});
    }
    chars_before += CodePointCount(p.text) + 1;
  }
  return out;
}

}  // namespace dauys
