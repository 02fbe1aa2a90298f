#include "text/clauses.h"

#include <array>
#include <optional>

#include "util/unicode.h"

namespace dauys {

namespace {

/// Words that open a clause, before which a long sentence may be cut: Kazakh's
/// coordinating and causal conjunctions, in the Cyrillic and the Latin (2021) script.
constexpr std::array<std::string_view, 22> kConjunctions = {
    "және",    "бірақ",  "себебі",   "сондықтан", "алайда", "әрі",     "немесе",    "яғни",
    "өйткені", "сонда",  "дегенмен", "jáne",      "biraq",  "sebebi",  "sondyqtan", "alaıda",
    "ári",     "nemese", "iaǵnı",    "óıtkeni",   "sonda",  "degenmen"};

enum Level { kSentenceMark, kComma, kConjunction, kSpace, kCharacter, kLevels };

bool IsSpace(char32_t c) { return c == U' ' || c == U'\t' || c == U'\u00A0' || c == U'\u202F'; }

/// The level of a cut between `before` and the text at `rest` (which starts with a space).
std::optional<Level> CutAt(char32_t before, std::string_view rest) {
  switch (before) {
    case U'.':
    case U'!':
    case U'?':
    case U'…':
    case U';':
    case U':':
    case U'؛':
    case U'؟':
      return kSentenceMark;
    case U',':
    case U'،':
    case U'–':
    case U'—':
      return kComma;
    default:
      break;
  }
  rest.remove_prefix(1);
  for (std::string_view word : kConjunctions) {
    if (rest.substr(0, word.size()) != word) continue;
    size_t length = 0;
    char32_t after =
        rest.size() > word.size() ? FirstCodePoint(rest.substr(word.size()), &length) : U' ';
    if (!IsLetter(after)) return kConjunction;
  }
  return kSpace;
}

std::string_view Trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::vector<std::string> SplitClauses(std::string_view sentence, size_t max_chars) {
  if (max_chars < 4) max_chars = 4;
  std::vector<std::string> pieces;
  size_t from = 0;  // byte where the current piece starts
  while (from < sentence.size()) {
    // One pass over at most max_chars characters: the last cut of each level that
    // leaves the piece at least a quarter long, and whether the rest fits whole.
    std::array<size_t, kLevels> last{};
    size_t at = from, chars = 0;
    char32_t previous = 0;
    while (at < sentence.size() && chars < max_chars) {
      size_t length = 0;
      const char32_t c = FirstCodePoint(sentence.substr(at), &length);
      if (length == 0) length = 1;
      if (chars >= max_chars / 4) {
        if (IsSpace(c) && previous != 0 && !IsSpace(previous)) {
          const std::optional<Level> level = CutAt(previous, sentence.substr(at));
          if (level) last[*level] = at;
        }
        last[kCharacter] = at;
      }
      previous = c;
      at += length;
      ++chars;
    }
    size_t cut = sentence.size();
    if (at < sentence.size()) {
      last[kCharacter] = at;  // a whole window, when nothing better is found
      cut = at;
      for (size_t level = 0; level < kLevels; ++level) {
        if (last[level] > from) {
          cut = last[level];
          break;
        }
      }
    }
    const std::string_view piece = Trimmed(sentence.substr(from, cut - from));
    if (!piece.empty()) pieces.emplace_back(piece);
    from = cut;
  }
  return pieces;
}

}  // namespace dauys
