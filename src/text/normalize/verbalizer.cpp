#include "text/normalize/verbalizer.h"

#include "text/normalize/chars.h"
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

/// A clock time: "он төрт отыз", "тоғыз нөл бес"; on the hour "сегіз нөл нөл", or
/// just the hour when an ending follows ("он сегізде").
std::string SayClock(const Number& hours, int m, bool ending, const NumberWords& numbers) {
  std::string h = numbers.Say(hours, false);
  if (m == 0) return ending ? h : h + " нөл нөл";
  return h + " " + (m < 10 ? "нөл " + numbers.Cardinal(m) : numbers.Cardinal(m));
}

std::string SayTime(const Token& t, const NumberWords& numbers) {
  if (!t.second) return WithEnding(SayClock(*t.number, t.minutes, !t.ending.empty(), numbers), t.ending);
  std::string to = SayClock(*t.second, t.end_minutes, true, numbers);
  // "14:30-16:00 аралығында": between, "он төрт отызбен он алты аралығында".
  if (t.between) return AttachSuffix(SayClock(*t.number, t.minutes, true, numbers), "мен") + " " + to;
  // "10:00-17:00": from ten to seventeen, "оннан он жетіге дейін".
  std::string from = AttachSuffix(SayClock(*t.number, t.minutes, true, numbers), "дан");
  return from + " " + (t.ending.empty() ? AttachSuffix(to, "ға") + " дейін" : AttachSuffix(to, t.ending));
}

const char* const kMonthNames[] = {"қаңтар", "ақпан",  "наурыз",   "сәуір", "мамыр",  "маусым",
                                   "шілде",  "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"};

/// A full date as Kazakh says it, the year first and the case on the day (official
/// texts restate «11.09.2023» as «2023 жылғы 11 қыркүйек»): "22.11.2023 ж. өтті" ->
/// "екі мың жиырма үшінші жылғы жиырма екінші қарашада өтті". The day takes the
/// written ending ("10.01.2026-ға дейін" -> "…оныншы қаңтарға дейін"), "-дағы" before
/// a noun when "жылғы" follows it, the locative when "жылы" or a word follows, and
/// none at the end of a sentence ("Мерзімі: 15.06.2024.").
std::string SayFullDate(const Token& t, const NumberWords& numbers) {
  std::string day = numbers.Say(*t.number, true) + " " + kMonthNames[t.month - 1];
  if (!t.ending.empty()) {
    day = AttachSuffix(day, t.ending);
  } else if (t.year_word.rfind("жылғы", 0) == 0) {
    day = AttachSuffix(day, "дағы");
  } else if (!t.year_word.empty() || t.date_in_sentence) {
    day = AttachSuffix(day, "да");
  }
  return numbers.Say(*t.second, true) + " жылғы " + day;
}

/// "8 747 555 12 34": each group as a number, a group with a leading zero digit by
/// digit, a short pause between groups.
std::string SayPhone(const Token& t, const NumberWords& numbers) {
  std::string out;
  for (const std::u32string& g : t.groups) {
    if (!out.empty()) out += ", ";
    Number n{g, std::nullopt, false};
    out += g.size() > 1 && g[0] == U'0' ? numbers.Digits(g) : numbers.Say(n, false);
  }
  return WithEnding(out, t.ending);
}

/// "4-еу" төртеу, "6-ауы" алтауы: the number's last vowel gives way to -еу/-ау, and
/// the rest of the written ending follows in the same harmony.
std::string SayCollective(const Token& t, const NumberWords& numbers) {
  std::string word = numbers.Say(*t.number, false);
  const bool front = EndsFront(word);
  std::u32string w = ToUtf32(word);
  if (!w.empty() && IsVowel(w.back())) w.pop_back();
  std::u32string rest = ToUtf32(t.ending);
  for (char32_t& c : rest) {
    if (front && c == U'ы') c = U'і';
    if (!front && c == U'і') c = U'ы';
  }
  return FromUtf32(w) + (front ? "еу" : "ау") + FromUtf32(rest);
}

/// The vowel of қырық drops before a vowel: 40-ы қырқы, 40-ында қырқында.
std::string DropVowelOfFourty(std::string spoken) {
  const std::string wrong = "қырықы", right = "қырқы";
  for (size_t at = spoken.find(wrong); at != std::string::npos; at = spoken.find(wrong, at)) {
    spoken.replace(at, wrong.size(), right);
  }
  return spoken;
}

}  // namespace

std::string VerbalizeNumber(const Token& t, const NumberWords& numbers) {
  using C = SemioticClass;
  std::string spoken;
  switch (t.kind) {
    case C::kTime: return SayTime(t, numbers);
    case C::kPhone: return SayPhone(t, numbers);
    case C::kCollective: return SayCollective(t, numbers);
    case C::kFraction:
      // "3/4-і": three of four, "төрттен үші".
      return DropVowelOfFourty(AttachSuffix(numbers.Say(*t.second, false), "дан") + " " +
                               WithEnding(numbers.Say(*t.number, false), t.ending));
    case C::kScore:
      return WithEnding(numbers.Say(*t.number, false) + "-" + numbers.Say(*t.second, false), t.ending);
    case C::kDate:
      if (t.month > 0) return SayFullDate(t, numbers);
      break;
    default: break;
  }
  spoken = numbers.Say(*t.number, t.ordinal);
  if (t.second) spoken += "-" + numbers.Say(*t.second, t.ordinal);  // a range: "бес-жеті"
  if (!t.unit.empty()) spoken += " " + t.unit;
  spoken = DropVowelOfFourty(WithEnding(spoken, t.ending));
  if (!t.per.empty()) spoken = t.per + " " + spoken;
  if (!t.currency.empty()) spoken += " " + t.currency;
  return t.negative ? "минус " + spoken : spoken;
}

/// An acronym's ending follows how the acronym is said (orthography rules, §73:
/// "ТМД-ға", "ЖШС-ның", "АҚШ-қа"), so it stays as written and the letters are said the
/// way it shows. The usual letter names when the ending fits them ("БҰҰ-ның" бэ-ұ-ұның);
/// else the orthoepic reading, each consonant with the ending's vowel ("ты-мы-ды-ға"),
/// the last one bare when the ending wants a consonant before it ("а-қы-шқа"); else
/// the usual names and the ending as written.
static std::string SpellWithEnding(const std::string& spelled, u32v letters, const std::string& ending) {
  const std::string lower = ToLower(ending);
  auto fits = [&lower](const std::string& spoken) { return AttachSuffix(spoken, lower) == spoken + lower; };
  if (fits(spelled)) return spelled + lower;
  bool front = false;
  for (char32_t c : ToUtf32(lower)) {
    if (IsVowel(c)) {
      front = std::u32string_view(U"әеөүіэи").find(c) != std::u32string_view::npos;
      break;
    }
  }
  std::vector<std::string> sounds;
  for (char32_t c : letters) {
    if (!IsAlpha(c)) continue;
    char32_t l = LowerChar(c);
    if (IsVowel(l) || !IsCyrillic(l)) {
      sounds.push_back(IsCyrillic(l) ? FromUtf32(std::u32string(1, l)) : LetterName(c));
    } else {
      sounds.push_back(FromUtf32(std::u32string(1, l)));
    }
  }
  for (bool bare_last : {false, true}) {
    std::string out;
    for (size_t k = 0; k < sounds.size(); ++k) {
      std::string sound = sounds[k];
      std::u32string u = ToUtf32(sound);
      bool consonant = u.size() == 1 && !IsVowel(u[0]);
      if (consonant && !(bare_last && k + 1 == sounds.size())) sound += front ? "і" : "ы";
      if (!out.empty() && !(bare_last && k + 1 == sounds.size() && consonant)) out += "-";
      out += sound;
    }
    if (!out.empty() && fits(out)) return out + lower;
  }
  return spelled + lower;
}

std::string VerbalizeWord(const Token& t) {
  switch (t.kind) {
    case SemioticClass::kCapsWord: return WithEnding(TitleCaseWord(t.text), t.ending);
    case SemioticClass::kLetters:
      return t.ending.empty() ? Spell(ToUtf32(t.text)) : SpellWithEnding(Spell(ToUtf32(t.text)), ToUtf32(t.text), t.ending);
    case SemioticClass::kAbbreviation: {
      // An expansion of several words ends in a possessive ("Қазақстан Республикасы").
      bool possessive = t.text.find(' ') != std::string::npos &&
                        (t.text.size() >= 2 && (t.text.compare(t.text.size() - 2, 2, "ы") == 0 ||
                                                t.text.compare(t.text.size() - 2, 2, "і") == 0));
      if (t.ending.empty() || t.ending_as_written) return t.text + t.ending;
      // A spelled acronym from the lexicon ("ТМД = тэ-эм-дэ") keeps its written ending.
      if (t.text.find('-') != std::string::npos && t.text.find(' ') == std::string::npos && !t.written.empty()) {
        std::u32string letters = t.written.substr(0, t.written.find_first_of(U"-\u2010\u2011"));
        if (AllUpper(letters)) return SpellWithEnding(t.text, letters, t.ending);
      }
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
      return numbers.Ordinal(t.roman) + (t.roman_last ? "-" + numbers.Ordinal(t.roman_last) : "");
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
    case SemioticClass::kFraction: return "fraction";
    case SemioticClass::kScore: return "score";
    case SemioticClass::kPhone: return "phone";
    case SemioticClass::kCollective: return "collective";
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
