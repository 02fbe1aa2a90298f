#include "text/normalize/verbalizer.h"

#include "text/normalize/endings.h"
#include "text/normalize/letters.h"
#include "util/unicode.h"

namespace dauys::normalize {

namespace {

/// Builds the spoken line piece by piece, keeping single spaces.
class Output {
 public:
  void Word(const std::string& w) {
    if (w.empty()) return;
    if (!text_.empty() && text_.back() != ' ') text_ += ' ';
    text_ += w;
  }
  void Punct(const std::string& p) {
    while (!text_.empty() && text_.back() == ' ') text_.pop_back();
    if (text_.empty()) return;  // nothing to pause after
    if (text_.size() >= p.size() && text_.compare(text_.size() - p.size(), p.size(), p) == 0) return;
    const char last = text_.back();
    if (p == "," && (last == ',' || last == '.' || last == '!' || last == '?' || last == ':' || last == ';')) return;
    text_ += p;
  }
  /// Joins `ending` to the last word said, dropping the marks said inside the quotes
  /// ("Дат!" + "тың" -> "Даттың").
  void AttachToLast(const std::string& ending) {
    while (!text_.empty() && std::string_view(" ,.!?:;").find(text_.back()) != std::string_view::npos) text_.pop_back();
    if (text_.empty()) return;
    size_t start = text_.rfind(' ');
    start = start == std::string::npos ? 0 : start + 1;
    text_ = text_.substr(0, start) + AttachSuffix(text_.substr(start), ending);
  }
  std::string Finish() {
    while (!text_.empty() && (text_.back() == ' ' || text_.back() == ',')) text_.pop_back();
    return text_;
  }

 private:
  std::string text_;
};

std::string WithEnding(const std::string& spoken, const std::string& ending) {
  return ending.empty() ? spoken : AttachSuffix(spoken, ending);
}

std::string SayTime(const Token& t, const NumberWords& numbers) {
  const int m = t.minutes;
  return numbers.Say(*t.number, false) + " " +
         (m == 0 ? "нөл нөл" : m < 10 ? "нөл " + numbers.Cardinal(m) : numbers.Cardinal(m));
}

}  // namespace

std::string VerbalizeNumber(const Token& t, const NumberWords& numbers) {
  std::string spoken;
  if (t.kind == SemioticClass::kTime) {
    spoken = SayTime(t, numbers);
  } else {
    spoken = numbers.Say(*t.number, t.ordinal);
    if (t.second) spoken += ", " + numbers.Say(*t.second, t.ordinal);  // a range: a short pause between
    if (!t.unit.empty()) spoken += " " + t.unit;
  }
  spoken = WithEnding(spoken, t.ending);
  if (!t.currency.empty()) spoken += " " + t.currency;
  return t.negative ? "минус " + spoken : spoken;
}

std::string VerbalizeWord(const Token& t) {
  switch (t.kind) {
    case SemioticClass::kCapsWord: return WithEnding(TitleCaseWord(t.text), t.ending);
    case SemioticClass::kLetters: return WithEnding(Spell(ToUtf32(t.text)), t.ending);
    case SemioticClass::kAbbreviation: {
      // An expansion of several words ends in a possessive ("Қазақстан Республикасы").
      bool possessive = t.text.find(' ') != std::string::npos &&
                        (t.text.size() >= 2 && (t.text.compare(t.text.size() - 2, 2, "ы") == 0 ||
                                                t.text.compare(t.text.size() - 2, 2, "і") == 0));
      if (t.ending.empty() || t.ending_as_written) return t.text + t.ending;
      return possessive ? AttachSuffixToPossessive(t.text, t.ending) : AttachSuffix(t.text, t.ending);
    }
    case SemioticClass::kInitial: return LetterName(FirstCodePoint(t.text));
    default: return t.text;
  }
}

std::string Verbalize(const Token& t, const NumberWords& numbers) {
  switch (t.kind) {
    case SemioticClass::kWord:
    case SemioticClass::kCapsWord:
    case SemioticClass::kLetters:
    case SemioticClass::kAbbreviation:
    case SemioticClass::kInitial:
      return VerbalizeWord(t);
    case SemioticClass::kRoman:
      return numbers.Ordinal(t.roman);
    case SemioticClass::kSymbol:
      return t.text;
    case SemioticClass::kPause:
    case SemioticClass::kSilent:
    case SemioticClass::kSuffix:
      return "";
    default:
      return VerbalizeNumber(t, numbers);
  }
}

std::string VerbalizeAll(const std::vector<Token>& tokens, const NumberWords& numbers) {
  Output out;
  for (const Token& t : tokens) {
    if (t.kind == SemioticClass::kPause) {
      out.Punct(t.text);
    } else if (t.kind == SemioticClass::kSuffix) {
      out.AttachToLast(t.ending);
    } else {
      out.Word(Verbalize(t, numbers));
    }
  }
  return out.Finish();
}

const char* ClassName(SemioticClass c) {
  switch (c) {
    case SemioticClass::kWord: return "word";
    case SemioticClass::kCapsWord: return "caps-word";
    case SemioticClass::kLetters: return "letters";
    case SemioticClass::kAbbreviation: return "abbreviation";
    case SemioticClass::kInitial: return "initial";
    case SemioticClass::kRoman: return "roman";
    case SemioticClass::kCardinal: return "cardinal";
    case SemioticClass::kOrdinal: return "ordinal";
    case SemioticClass::kDecimal: return "decimal";
    case SemioticClass::kYear: return "year";
    case SemioticClass::kDate: return "date";
    case SemioticClass::kTime: return "time";
    case SemioticClass::kRange: return "range";
    case SemioticClass::kPercent: return "percent";
    case SemioticClass::kMeasure: return "measure";
    case SemioticClass::kMoney: return "money";
    case SemioticClass::kPause: return "pause";
    case SemioticClass::kSymbol: return "symbol";
    case SemioticClass::kSilent: return "silent";
    case SemioticClass::kSuffix: return "suffix";
  }
  return "?";
}

}  // namespace dauys::normalize
