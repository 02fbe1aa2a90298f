#include "text/normalizer.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "text/normalize/chars.h"
#include "text/normalize/classifier.h"
#include "text/normalize/number_words.h"
#include "text/normalize/verbalizer.h"
#include "util/unicode.h"

namespace dauys {

using normalize::IsAlpha;
using normalize::IsDigit;
using normalize::IsHyphen;
using normalize::IsUpper;
using u32 = std::u32string;

struct Normalizer::Impl {
  normalize::NumberWords numbers;
};

Normalizer::Normalizer(const Lexicon& lexicon, ScriptOptions scripts)
    : lexicon_(lexicon), scripts_(scripts), impl_(std::make_unique<Impl>()) {}
Normalizer::~Normalizer() = default;

std::string Normalizer::Cardinal(long long n) const { return impl_->numbers.Cardinal(n); }
std::string Normalizer::Ordinal(long long n) const { return impl_->numbers.Ordinal(n); }

std::string Normalizer::ToCyrillic(std::string_view text) const {
  if (!scripts_.transliterator) return std::string(text);
  KazakhScript script = scripts_.forced.value_or(scripts_.transliterator->Detect(text, scripts_.latin_default));
  return scripts_.transliterator->ToCyrillic(text, script, &lexicon_);
}

std::string Normalizer::Normalize(std::string_view text) const {
  const u32 s = ToUtf32(ToNfc(ToCyrillic(text)));
  return normalize::VerbalizeAll(normalize::Classify(s, lexicon_), impl_->numbers);
}

bool Normalizer::EndsWithAbbreviation(std::string_view piece) const {
  std::vector<std::string> words = SplitWords(piece);
  if (words.empty()) return false;
  u32 token = ToUtf32(words.back());
  size_t first = 0;
  while (first < token.size() && !IsAlpha(token[first])) ++first;
  token = token.substr(first);
  if (token.empty() || token.back() != U'.') return false;
  for (Lexicon::Kind kind : {Lexicon::Kind::kWord, Lexicon::Kind::kUnit}) {
    const Lexicon::Entry* e = lexicon_.LongestMatch(token, 0, kind);
    if (e && e->written.size() == token.size()) return true;
  }
  // Initials: "М.", "Қ.-Ж.", "Ә.Х."
  bool expect_letter = true;
  for (char32_t c : token) {
    if (IsHyphen(c)) continue;
    if (expect_letter) {
      if (!IsUpper(c)) return false;
      expect_letter = false;
    } else if (c == U'.') {
      expect_letter = true;
    } else {
      return false;
    }
  }
  return expect_letter;
}

std::vector<std::string> Normalizer::SplitSentences(std::string_view written) const {
  std::vector<std::string> sentences;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(written.data(), static_cast<int32_t>(written.size())));
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(icu::Locale("kk"), status));
  std::vector<std::string> pieces;
  if (U_FAILURE(status) || !it) {
    pieces.push_back(std::string(written));
  } else {
    it->setText(u);
    int32_t start = it->first();
    for (int32_t end = it->next(); end != icu::BreakIterator::DONE; start = end, end = it->next()) {
      std::string piece;
      u.tempSubStringBetween(start, end).toUTF8String(piece);
      pieces.push_back(std::move(piece));
    }
  }
  bool glue_next = false, joined = false;
  for (std::string& raw : pieces) {
    std::string piece = CollapseSpaces(raw);
    if (piece.empty()) continue;
    bool has_word = false;
    for (char32_t ch : ToUtf32(piece)) has_word |= IsAlpha(ch) || IsDigit(ch);
    // "+30...+35°": a range written with dots and no space after them is one sentence.
    const char32_t first = FirstCodePoint(piece);
    const bool continues = joined && (IsDigit(first) || first == U'+' || first == U'-' || first == U'\u2212');
    if ((glue_next || continues || !has_word) && !sentences.empty()) {
      sentences.back() += (continues ? "" : " ") + piece;
    } else if (has_word) {
      sentences.push_back(piece);
    }
    // The sentence ends with this piece: look at the piece alone, not the whole sentence
    // glued so far (quadratic in a paragraph of many abbreviations).
    glue_next = !sentences.empty() && EndsWithAbbreviation(piece);
    // A piece that ends in a number and dots with no space after them ("+30...").
    size_t dots = raw.find_last_not_of('.');
    joined = dots != std::string::npos && dots + 1 < raw.size() && IsDigit(static_cast<unsigned char>(raw[dots]));
  }
  return sentences;
}

size_t CountSpokenWords(std::string_view spoken) {
  size_t words = 0;
  for (const std::string& w : SplitWords(spoken)) {
    for (char32_t c : ToUtf32(w)) {
      if (IsAlpha(c) || IsDigit(c)) {
        ++words;
        break;
      }
    }
  }
  return words;
}

}  // namespace dauys
