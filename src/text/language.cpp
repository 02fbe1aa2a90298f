#include "text/language.h"

#include <cld2/public/compact_lang_det.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <vector>

#include "text/transliterate.h"
#include "util/unicode.h"

namespace dauys {

namespace {

bool In(const std::vector<std::string>& list, const std::string& word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

const std::vector<std::string> kRussianWords = {
    "и", "в", "во", "на", "не", "что", "это", "как", "с", "со", "по", "для", "от", "из", "к", "о", "об", "у", "же",
    "но", "я", "мы", "вы", "он", "она", "они", "был", "была", "были", "при", "также", "который", "которые", "все",
    "его", "её", "их", "только", "уже", "или", "если", "бы", "нет", "да", "так", "чтобы", "года", "году", "мне",
    "нас", "вас", "этот", "эта", "эти", "будет", "может", "нужно", "после", "между", "более", "очень", "за",
    "всех", "всем", "наш", "наша", "наши", "ваш", "есть", "быть", "сегодня", "здесь", "там", "где", "когда",
    "потому", "почему", "сказал", "сказала", "мой", "моя", "свой", "своей", "своих"};
const std::vector<std::string> kKazakhWords = {"және", "мен", "бен", "пен", "бұл", "осы", "сол", "ол", "олар",
                                               "біз", "сіз", "үшін", "деп", "еді", "емес", "ал", "бар", "жоқ",
                                               "де", "да", "та", "те", "ма", "ме", "ба", "бе", "па", "пе"};
const std::vector<std::string> kEnglishWords = {"the", "of", "and", "to", "in", "is", "for", "on", "with", "that",
                                                "by", "from", "at", "are", "was", "be", "this", "it", "as", "an",
                                                "we", "you", "he", "she", "they", "not", "have", "has", "will"};

/// Russian inflections no Kazakh word ends in: "новые", "каждый", "открываются".
bool HasRussianEnding(const std::string& lower) {
  if (ToUtf32(lower).size() < 4) return false;
  for (std::string_view ending : {"ый", "ые", "ых", "ого", "ому", "ется", "ются", "ится", "ятся", "ться", "ешь",
                                  "ость", "ение", "ения", "ании"}) {
    if (lower.size() > ending.size() && lower.compare(lower.size() - ending.size(), ending.size(), ending) == 0) {
      return true;
    }
  }
  return false;
}

bool HasKazakhLetter(std::u32string_view word) {
  return word.find_first_of(U"әғқңөұүһіӘҒҚҢӨҰҮҺІ") != std::u32string_view::npos;
}

/// Fewer letters than this and CLD2 is not asked: its guesses on a few words are noise.
constexpr int kMinLettersForIdentifier = 24;
/// CLD2's share of the text for its top language, in percent, before dauys takes it.
constexpr int kMinIdentifiedPercent = 70;

int CountLetters(std::string_view text) {
  int n = 0;
  for (char32_t c : ToUtf32(text)) n += u_isalpha(static_cast<UChar32>(c)) != 0;
  return n;
}

/// A word's letters, lower-cased: "«Тише" -> "тише".
std::u32string LettersOf(std::u32string_view token) {
  std::u32string out;
  for (char32_t c : token) {
    if (u_isalpha(static_cast<UChar32>(c))) out += static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
  }
  return out;
}

bool IsCyrillicWord(std::u32string_view letters) {
  UErrorCode status = U_ZERO_ERROR;
  return !letters.empty() && uscript_getScript(static_cast<UChar32>(letters[0]), &status) == USCRIPT_CYRILLIC;
}

/// Evidence that a Cyrillic word is Russian: a function word, an inflection, ё щ ъ.
bool RussianWord(const std::u32string& letters) {
  const std::string lower = FromUtf32(letters);
  return In(kRussianWords, lower) || HasRussianEnding(lower) || letters.find_first_of(U"ёщъ") != std::u32string::npos;
}

/// A word that could be Russian: Cyrillic, without Kazakh letters, no Kazakh function word.
bool CouldBeRussian(const std::u32string& letters) {
  return IsCyrillicWord(letters) && !HasKazakhLetter(letters) && !In(kKazakhWords, FromUtf32(letters));
}

struct Span {
  size_t begin, end;  // code points of the piece
};

/// Unquoted Russian inside a Kazakh piece ("Атам әрдайым Тише едешь — дальше будешь деп
/// айтатын."): runs of three words or more that could be Russian, two of them with
/// Russian evidence, that CLD2 does not take for Kazakh.
std::vector<Span> RussianRuns(std::u32string_view piece) {
  struct Word {
    size_t begin, end;
    std::u32string letters;
  };
  std::vector<Word> words;
  for (size_t i = 0; i < piece.size();) {
    while (i < piece.size() && piece[i] == U' ') ++i;
    size_t b = i;
    while (i < piece.size() && piece[i] != U' ') ++i;
    if (i > b) words.push_back({b, i, LettersOf(piece.substr(b, i - b))});
  }
  std::vector<Span> runs;
  for (size_t w = 0; w < words.size();) {
    if (words[w].letters.empty() || !CouldBeRussian(words[w].letters)) {
      ++w;
      continue;
    }
    size_t last = w, count = 0, evidence = 0;
    for (size_t k = w; k < words.size(); ++k) {
      if (words[k].letters.empty()) continue;  // a dash between the words of a proverb
      if (!CouldBeRussian(words[k].letters)) break;
      ++count;
      evidence += RussianWord(words[k].letters);
      last = k;
    }
    if (count >= 3 && evidence >= 2) {
      Span run{words[w].begin, words[last].end};
      std::string text = FromUtf32(piece.substr(run.begin, run.end - run.begin));
      if (IdentifiedLanguage(text) != "kk") runs.push_back(run);
    }
    w = last + 1;
  }
  return runs;
}

}  // namespace

std::string IdentifiedLanguage(std::string_view text) {
  if (CountLetters(text) < kMinLettersForIdentifier) return "";
  CLD2::Language top3[3];
  int percent3[3] = {0, 0, 0};
  int text_bytes = 0;
  bool reliable = false;
  // The text comes through ReadDocument, which lets only valid UTF-8 in.
  CLD2::Language top = CLD2::DetectLanguageSummary(text.data(), static_cast<int>(text.size()), true, top3, percent3,
                                                   &text_bytes, &reliable);
  if (!reliable || percent3[0] < kMinIdentifiedPercent) return "";
  switch (top) {
    case CLD2::KAZAKH: return "kk";
    case CLD2::RUSSIAN: return "ru";
    case CLD2::ENGLISH: return "en";
    default: return "";
  }
}

std::string DetectLanguage(std::string_view sentence) {
  std::string identified = IdentifiedLanguage(sentence);
  // Kazakh in the Latin alphabet is no English, whatever CLD2 makes of it.
  if (identified == "en" && DetectScript(sentence) != KazakhScript::kCyrillic) identified.clear();
  return identified.empty() ? DetectLanguageByEvidence(sentence) : identified;
}

std::string DetectLanguageByEvidence(std::string_view sentence) {
  int kazakh = 0, russian = 0, english = 0, cyrillic_words = 0, latin_words = 0;
  for (const std::string& raw : SplitWords(sentence)) {
    std::u32string word;
    for (char32_t c : ToUtf32(raw)) {
      if (u_isalpha(static_cast<UChar32>(c))) word += c;
    }
    if (word.empty()) continue;
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(static_cast<UChar32>(word[0]), &status);
    std::string lower = ToLower(FromUtf32(word));
    if (script == USCRIPT_CYRILLIC) {
      ++cyrillic_words;
      if (HasKazakhLetter(word) || In(kKazakhWords, lower)) ++kazakh;
      else if (In(kRussianWords, lower) || HasRussianEnding(lower) ||
               word.find_first_of(U"ёщъЁЩЪ") != std::u32string::npos) {
        ++russian;
      }
    } else if (script == USCRIPT_LATIN) {
      ++latin_words;
      if (In(kEnglishWords, lower)) ++english;
    }
  }
  if (kazakh > 0) return "kk";
  if (cyrillic_words >= latin_words && russian >= 2 && cyrillic_words >= 3) return "ru";
  if (latin_words > cyrillic_words && english >= 1 && latin_words >= 3 &&
      DetectScript(sentence) == KazakhScript::kCyrillic) {
    return "en";
  }
  return "kk";
}

std::vector<LanguageRun> SplitByLanguage(std::string_view sentence, const std::string& forced) {
  if (!forced.empty()) return {{std::string(sentence), forced}};
  const std::u32string u = ToUtf32(sentence);
  std::vector<LanguageRun> runs;
  auto add_run = [&runs](std::u32string_view piece, const std::string& language) {
    // Marks that open a piece close the one before it: «…», – деді.
    size_t lead = 0;
    while (lead < piece.size() && std::u32string_view(U",.;:!?… ").find(piece[lead]) != std::u32string_view::npos) ++lead;
    if (lead > 0 && !runs.empty()) {
      runs.back().text += CollapseSpaces(FromUtf32(piece.substr(0, lead)));
      piece = piece.substr(lead);
    }
    std::string text = CollapseSpaces(FromUtf32(piece));
    bool has_word = false;
    for (char32_t c : piece) has_word |= u_isalnum(static_cast<UChar32>(c)) != 0;
    if (text.empty()) return;
    if (!has_word && !runs.empty()) {
      runs.back().text += text;
    } else if (!runs.empty() && runs.back().language == language) {
      runs.back().text += " " + text;
    } else {
      runs.push_back({text, language});
    }
  };
  // A Kazakh piece may hold an unquoted Russian saying: cut it out too.
  auto add = [&add_run](std::u32string_view piece, const std::string& language) {
    if (language != "kk") return add_run(piece, language);
    size_t at = 0;
    for (const Span& run : RussianRuns(piece)) {
      add_run(piece.substr(at, run.begin - at), "kk");
      add_run(piece.substr(run.begin, run.end - run.begin), "ru");
      at = run.end;
    }
    add_run(piece.substr(at), "kk");
  };
  size_t from = 0;
  for (size_t open = 0; open < u.size(); ++open) {
    char32_t close = u[open] == U'«' ? U'»' : u[open] == U'“' ? U'”' : u[open] == U'„' ? U'“' : u[open] == U'"' ? U'"' : 0;
    if (!close) continue;
    size_t end = u.find(close, open + 1);
    if (end == std::u32string::npos) break;
    std::u32string_view inner = std::u32string_view(u).substr(open + 1, end - open - 1);
    std::string language = DetectLanguage(FromUtf32(inner));
    if (language != "kk") {
      std::u32string_view before = std::u32string_view(u).substr(from, open - from);
      add(before, DetectLanguage(FromUtf32(before)));
      add(std::u32string_view(u).substr(open, end + 1 - open), language);
      from = end + 1;
    }
    open = end;
  }
  std::u32string_view rest = std::u32string_view(u).substr(from);
  add(rest, from == 0 ? DetectLanguage(sentence) : DetectLanguage(FromUtf32(rest)));
  return runs;
}

std::string SpeakAsWritten(std::string_view sentence) {
  std::string out;
  for (char32_t c : ToUtf32(sentence)) {
    UChar32 u = static_cast<UChar32>(c);
    if (u_isalnum(u) || c == U' ' || c == U'.' || c == U',' || c == U'!' || c == U'?' || c == U';' || c == U':' ||
        c == U'-' || c == U'\'') {
      AppendUtf8(out, c);
    } else if (c == U'–' || c == U'—') {
      out += ',';
    } else {
      out += ' ';
    }
  }
  std::string spoken = CollapseSpaces(out);
  // A dropped closing quote leaves a space before the mark that followed it.
  for (size_t at = spoken.find(' '); at != std::string::npos; at = spoken.find(' ', at)) {
    if (at + 1 < spoken.size() && std::string_view(".,!?;:").find(spoken[at + 1]) != std::string_view::npos) {
      spoken.erase(at, 1);
    } else {
      ++at;
    }
  }
  for (size_t at = spoken.find(",,"); at != std::string::npos; at = spoken.find(",,", at)) spoken.erase(at, 1);
  return spoken;
}

}  // namespace dauys
