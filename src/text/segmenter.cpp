#include "text/segmenter.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "text/person_names.h"
#include "text/quotes.h"
#include "text/role_decoder.h"
#include "text/speaker_ids.h"
#include "text/turn_markers.h"
#include "util/unicode.h"

namespace dauys {

namespace {

// ---- Paragraphs and units ----------------------------------------------------------------

enum class Kind { kUnit, kHeadline, kRubric, kHeading, kByline, kLabelLine, kSkipped };

/// A non-blank line of the input.
struct Para {
  int line = 0;
  std::string raw;  // look-alikes repaired, spaces collapsed
  Kind kind = Kind::kUnit;
  std::string label;   // kByline: the name it gives; kLabelLine: the person announced
  std::string reason;  // kSkipped: why nothing is spoken
  bool colon = false;  // kLabelLine: ends with a colon ("Name, role:"), not a bare caption
  /// kLabelLine: the page's only label line, before a question: it presents the guest
  /// ("Name SURNAME, honoured artist:" then "– …?"), it does not name who asks.
  bool presents_guest = false;
  /// kLabelLine: "Сұрақ:" or "Жауап:" alone on its line: the role of the next paragraph.
  std::optional<Role> announces;
  Markup markup;  // what a marked-up document's markup says of it (nothing for plain text)
};

/// A stretch of one speaker's text: a paragraph, or a turn that starts inside one.
struct Unit {
  size_t para = 0;  // index into the paragraphs
  std::string piece;  // as written in the paragraph
  std::string text;   // without marker or label
  Marker marker = Marker::kNone;
  std::string label;  // kNameLabel: as written
  bool inline_start = false;
  /// A TV script's sound bite («СНХ: Name, role: …», a speaker, never a quotation):
  /// "Name, role", read by the narrator before the bite; empty for anything else.
  std::string caption;
  std::string bite_label;  // the script's own label of a sound bite ("СНХ")
  UnitEvidence evidence;
  std::string reading;  // `text` made Cyrillic (SegmentOptions::as_cyrillic), read once
  size_t speaker = 0;  // set once roles are decided
};

size_t WordCount(std::string_view s) { return SplitWords(s).size(); }

bool IsCyrillic(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(c), &status) == USCRIPT_CYRILLIC;
}

std::optional<char32_t> CyrillicTwin(char32_t c) {
  switch (c) {
    case U'a': return U'а'; case U'e': return U'е'; case U'i': return U'і'; case U'o': return U'о';
    case U'p': return U'р'; case U'c': return U'с'; case U'x': return U'х'; case U'y': return U'у';
    case U'A': return U'А'; case U'E': return U'Е'; case U'I': return U'І'; case U'O': return U'О';
    case U'P': return U'Р'; case U'C': return U'С'; case U'X': return U'Х'; case U'Y': return U'У';
    case U'H': return U'Н'; case U'K': return U'К'; case U'M': return U'М'; case U'T': return U'Т';
    case U'B': return U'В';
    default: return std::nullopt;
  }
}

/// The first letter is a capital, or belongs to a script without capitals (Arabic):
/// what a headline or heading starts with.
bool StartsCapitalized(std::string_view s) {
  for (char32_t c : ToUtf32(s.substr(0, std::min<size_t>(s.size(), 64)))) {
    if (u_isdigit(static_cast<UChar32>(c))) return true;
    if (!IsLetter(c)) continue;
    return u_isupper(static_cast<UChar32>(c)) || !u_islower(static_cast<UChar32>(c));
  }
  return false;
}

/// ". ? ! …" or the Arabic "؟": the sentence is over.
bool IsSentenceEnd(char32_t c) { return c == U'.' || c == U'!' || c == U'…' || IsQuestionMark(c); }

bool EndsWithSentencePunct(std::string_view s) {
  switch (LastCodePoint(s)) {
    case U'.': case U',': case U';': case U':': case U'…': case U'!': case U'?':
    case U'\u061F': case U'\u060C': case U'\u061B': case U'\u06D4':  // Arabic ? , ; .
      return true;
    default:
      return false;
  }
}

bool LooksLikeHeading(std::string_view s) {
  if (s.empty() || WordCount(s) > 12 || CodePointCount(s) > 100) return false;
  char32_t first = FirstCodePoint(s);
  if (!StartsCapitalized(s.substr(0, 4)) || !IsLetter(first)) {
    if (!u_isdigit(static_cast<UChar32>(first))) return false;
  }
  char32_t last = LastCodePoint(s);
  if ((last == U'?' || last == U'!') && IsAllCaps(s)) return true;
  return !EndsWithSentencePunct(s);
}

bool EndsWithEllipsis(std::string_view s) {
  return LastCodePoint(s) == U'…' || (s.size() >= 3 && s.substr(s.size() - 3) == "...");
}

bool LooksLikeHeadline(std::string_view s) {
  if (WordCount(s) > 25 || StripDashMarker(s) || StripNumberedQuestion(s)) return false;
  char32_t last = LastCodePoint(s);
  if ((last == U'.' && !EndsWithEllipsis(s)) || last == U',' || last == U';' || last == U':') return false;
  if (std::optional<Label> label = SplitLabel(s)) {
    if (IsQuestionLabel(label->name) || IsAnswerLabel(label->name) || IsAllInitials(label->name)) return false;
  }
  return StartsCapitalized(s) || last == U'»' || last == U'"' || FirstCodePoint(s) == U'«';
}

/// "Жанна Жомарт – Рүстем Мұстафин" under a headline: who talks with whom.
std::optional<std::pair<std::string, std::string>> NamesLine(std::string_view s, const WordLists& words) {
  for (std::string_view dash : {" – ", " — ", " - ", " ─ "}) {
    size_t at = s.find(dash);
    if (at == std::string_view::npos) continue;
    std::string a = CollapseSpaces(s.substr(0, at)), b = CollapseSpaces(s.substr(at + dash.size()));
    if (IsBareName(a, words) && IsBareName(b, words)) return std::make_pair(TidyName(a), TidyName(b));
  }
  return std::nullopt;
}

/// "чвпвпа": one lower-case word no language would write (a run of four consonants, or
/// hardly a vowel).
bool IsKeyboardMash(std::string_view lower) {
  std::vector<std::string> words = SplitWords(lower);
  if (words.size() != 1) return false;
  std::u32string u = ToUtf32(words[0]);
  if (u.empty() || u_isupper(static_cast<UChar32>(u[0])) || !(IsCyrillic(u[0]) || u[0] < 0x250)) return false;
  static const std::u32string kVowels = U"аәеёиоөуұүыіэюяaeiouyáéíóúäöüıəūý";
  size_t run = 0, longest = 0, vowels = 0, letters = 0;
  for (char32_t c : u) {
    if (!IsLetter(c)) return false;
    ++letters;
    bool vowel = kVowels.find(c) != std::u32string::npos;
    vowels += vowel;
    run = vowel ? 0 : run + 1;
    longest = std::max(longest, run);
  }
  return letters >= 4 && (longest >= 4 || 4 * vowels < letters);
}

bool IsMonth(std::string_view lower_word) {
  static const char* const kMonths[] = {"қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз",
                                        "қыркүйек", "қазан", "қараша", "желтоқсан", "января", "февраля", "марта",
                                        "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
                                        "ноября", "декабря"};
  for (const char* m : kMonths) {
    if (lower_word.rfind(m, 0) == 0) return true;
  }
  return false;
}

/// "12:36, 09 Қараша 2023", "2020 ж. 11 тамыз", "4236 рет", "24 мин": a date stamp or a
/// counter from the page, with no sentence in it.
bool IsStampLine(std::string_view lower) {
  std::vector<std::string> words = SplitWords(lower);
  if (words.empty() || words.size() > 6) return false;
  bool digits = false;
  for (const std::string& w : words) {
    std::u32string u = ToUtf32(w);
    size_t letters = 0;
    for (char32_t c : u) {
      letters += IsLetter(c) ? 1 : 0;
      digits |= c >= U'0' && c <= U'9';
    }
    if (letters == 0) continue;
    std::string bare;
    for (char32_t c : u) {
      if (IsLetter(c)) AppendUtf8(bare, c);
    }
    static const char* const kUnits[] = {"ж", "жыл", "жылы", "рет", "мин", "минут", "сағ", "сағат", "г", "оқу",
                                         "үшін", "просмотров", "views", "фото", "видео"};
    bool unit = IsMonth(bare) || std::any_of(std::begin(kUnits), std::end(kUnits), [&](const char* k) {
      return bare == k;
    });
    if (!unit) return false;
  }
  return digits;
}

/// Lines that are no words: page furniture ("Печать", a view counter, "чвпвпа", a photo
/// credit, a date stamp).
std::optional<std::string> GarbageReason(std::string_view text) {
  static const char* const kFurniture[] = {"печать", "басып шығару", "бөлісу", "поделиться", "пікірлер",
                                           "комментарии", "қаралды", "просмотров", "оқылды", "теги",
                                           "көрсетілді", "оқу үшін", "толығырақ", "none"};
  // Furniture is short: a longer line is text unless it has no letter at all.
  if (text.size() > 160) {
    for (char32_t c : ToUtf32(text)) {
      if (IsLetter(c)) return std::nullopt;
    }
    return "no words";
  }
  std::string lower = ToLower(text);
  std::u32string u = ToUtf32(lower);
  size_t letters = 0;
  bool vowel = false;
  static const std::u32string kVowels = U"аәеёиоөуұүыіэюяaeiouyáéíóúäöüıəūý";
  for (char32_t c : u) {
    if (!IsLetter(c)) continue;
    ++letters;
    // Only Cyrillic and Latin words are judged by their vowels (Arabic-script Kazakh
    // writes its vowels with letters of its own).
    vowel |= kVowels.find(c) != std::u32string::npos || !(IsCyrillic(c) || (c < 0x250));
  }
  if (letters == 0) return "no words";
  for (const char* word : kFurniture) {
    std::string_view w = word;
    if (lower.compare(0, w.size(), w) == 0 && WordCount(text) <= WordCount(w) + 2) return "page furniture";
  }
  for (std::string_view credit : {"фото:", "фото -", "фото –", "сурет:", "суретті түсірген", "фотосурет:",
                                  "фото автордың", "видео:"}) {
    if (lower.compare(0, credit.size(), credit) == 0 && WordCount(text) <= 12) return "photo credit";
  }
  if (!vowel || letters < 2 || IsKeyboardMash(lower)) return "no words";
  if (IsStampLine(lower)) return "date or counter";
  return std::nullopt;
}

// ---- Finding the parts of the page ------------------------------------------------------

/// "b2ap3_thumbnail_….jpg– Аға, …": an image's file name the page left before the text.
size_t ImageNameLength(std::string_view text) {
  size_t end = text.find_first_of(" \t");
  std::string_view token = text.substr(0, end);
  std::string lower = ToLower(token);
  for (std::string_view ext : {".jpg", ".jpeg", ".png", ".gif", ".webp"}) {
    size_t at = lower.find(ext);
    if (at != std::string::npos && at > 0) return at + ext.size();
  }
  return 0;
}

std::vector<Para> ReadParagraphs(const Document& doc, Script& script) {
  std::vector<Para> paras;
  for (const Line& line : doc.lines) {
    std::string text = CollapseSpaces(RepairLookAlikes(line.text));
    if (size_t image = ImageNameLength(text); image > 0 && image < text.size()) {
      script.skipped.push_back(SkippedLine{line.number, text.substr(0, image), "image file name"});
      text = CollapseSpaces(text.substr(image));
    }
    if (text.empty()) continue;
    Para p;
    p.line = line.number;
    p.raw = std::move(text);
    p.markup = line.markup;
    if (!p.markup.skip.empty()) {
      p.kind = Kind::kSkipped;
      p.reason = p.markup.skip;
    }
    paras.push_back(std::move(p));
  }
  return paras;
}

/// The headline, and a rubric above it ("Сұхбат", "Дат!"): marks them, returns the
/// index of the first paragraph of the body.
bool HasDateStamp(std::string_view text) {
  bool digit = false, month = false;
  for (const std::string& w : SplitWords(ToLower(text))) {
    digit |= std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
    std::string bare;
    for (char32_t c : ToUtf32(w)) {
      if (IsLetter(c)) AppendUtf8(bare, c);
    }
    month |= !bare.empty() && IsMonth(bare);
  }
  bool numeric_date = false;  // "01.11.12", "13.05.2023"
  for (const std::string& w : SplitWords(text)) {
    size_t dots = std::count(w.begin(), w.end(), '.');
    numeric_date |= dots >= 2 && std::all_of(w.begin(), w.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
  }
  return digit && (month || numeric_date || text.find("•") != std::string_view::npos);
}

/// A headline with the page's "Печать" glued to its end: the headline without it.
std::optional<std::string> WithoutFurnitureTail(std::string_view headline) {
  for (std::string_view tail : {" Печать", " Басып шығару", " ПЕЧАТЬ"}) {
    if (headline.size() > tail.size() && headline.substr(headline.size() - tail.size()) == tail) {
      return CollapseSpaces(headline.substr(0, headline.size() - tail.size()));
    }
  }
  return std::nullopt;
}

size_t FindHeadline(std::vector<Para>& paras, const SegmentOptions& options, Script& script) {
  auto free = [&](size_t i) { return i < paras.size() && !options.line_overrides.count(paras[i].line) &&
                                     paras[i].kind == Kind::kUnit; };
  auto headline_like = [&](size_t i) {
    return LooksLikeHeadline(WithoutFurnitureTail(paras[i].raw).value_or(paras[i].raw));
  };
  size_t first = 0;
  while (first < paras.size() && paras[first].kind == Kind::kSkipped) ++first;
  if (!free(first) || first + 1 >= paras.size()) return first;
  // A marked-up document's first heading is its headline.
  if (paras[first].markup.heading > 0) {
    paras[first].kind = Kind::kHeadline;
    script.title = paras[first].raw;
    script.title_line = paras[first].line;
    return first + 1;
  }
  const std::string& top = paras[first].raw;
  bool short_top = (WordCount(top) <= 3 && CodePointCount(top) <= 30) ||
                   (WordCount(top) <= 8 && (HasDateStamp(top) || top.rfind("•", 0) == 0));
  size_t next = first + 1;
  while (next < paras.size() && paras[next].kind == Kind::kSkipped) ++next;
  bool rubric = short_top && free(next) &&
                next + 1 < paras.size() && headline_like(next) && !NamesLine(paras[next].raw, options.words) &&
                !IsBareName(paras[next].raw, options.words);
  if (!rubric && !headline_like(first)) return first;
  if (rubric) {
    paras[first].kind = Kind::kRubric;
    first = next;
  }
  // "Сұхбат. Дәрігерлерді қайтсек көбейтеміз?": a rubric word glued before the headline.
  for (std::string_view rubric_word : {"Сұхбат. ", "СҰХБАТ. ", "Сұхбат: ", "СҰХБАТ: ", "Интервью. "}) {
    const std::string& raw = paras[first].raw;
    if (raw.rfind(rubric_word, 0) != 0 || raw.size() <= rubric_word.size() + 3) continue;
    std::string rest = raw.substr(rubric_word.size());
    if (!LooksLikeHeadline(rest) || SplitLabel(rest)) break;
    Para glued = paras[first];
    glued.kind = Kind::kRubric;
    glued.raw = CollapseSpaces(rubric_word);
    paras[first].raw = rest;
    paras.insert(paras.begin() + static_cast<std::ptrdiff_t>(first), std::move(glued));
    ++first;
    break;
  }
  paras[first].kind = Kind::kHeadline;
  script.title = paras[first].raw;
  script.title_line = paras[first].line;
  if (std::optional<std::string> bare = WithoutFurnitureTail(paras[first].raw)) {
    script.title = *bare;
    script.skipped.push_back(SkippedLine{paras[first].line, paras[first].raw.substr(bare->size() + 1),
                                         "page furniture after the headline"});
  }
  // "«…». Сұхбаттасқан Дәурен Қуат": the byline is the narrator's, not the title.
  std::string lower = ToLower(*script.title);
  for (const std::string& opener : options.words.headline_byline_verbs) {
    size_t at = lower.find(opener);
    if (at == std::string::npos || at == 0 || lower.size() != script.title->size()) continue;
    Para byline = paras[first];
    byline.kind = Kind::kByline;
    byline.raw = CollapseSpaces(script.title->substr(at));
    byline.label = BylineName(byline.raw, options.words).value_or("");
    std::string head = CollapseSpaces(script.title->substr(0, at));
    if (!head.empty() && head.back() == '.' && !EndsWithEllipsis(head)) head.pop_back();
    script.title = head;
    paras.insert(paras.begin() + static_cast<std::ptrdiff_t>(first) + 1, std::move(byline));
    ++first;
    break;
  }
  // Pages repeat the headline above the text.
  for (size_t i = first + 1; i < paras.size() && i <= first + 4; ++i) {
    if (paras[i].kind == Kind::kUnit && paras[i].raw == *script.title) {
      paras[i].kind = Kind::kSkipped;
      paras[i].reason = "repeats the headline";
    }
  }
  return first + 1;
}

/// "Асқар Нұрбеков, ғалым:" or "Асқар НҰРБЕКОВ" alone on a line: announces the next
/// speaker. Returns the person's name.
std::optional<std::string> LabelLineName(std::string_view s, const WordLists& words, bool opening = false) {
  if (std::optional<Label> label = SplitLabel(s); label && label->rest.empty()) {
    if (IsQuestionLabel(label->name) || IsAnswerLabel(label->name)) return std::nullopt;
    return label->name;
  }
  std::string head(s.substr(0, s.find(',')));
  // "Жандос ӘУБӘКІР, директор, филология ғылымының кандидаты, доцент:": a long list of
  // roles, only where a page presents its speaker, before the text.
  if (opening && LastCodePoint(s) == U':' && s.find(':') + 1 == s.size() && WordCount(s) <= 30 && head.size() < s.size() &&
      IsBareName(head, words)) {
    return CollapseSpaces(head);
  }
  if (EndsWithSentencePunct(s) || WordCount(s) > 14 || s.find(':') != std::string_view::npos) return std::nullopt;
  if (head.size() < s.size() && IsBareName(head, words)) return CollapseSpaces(head);
  return std::nullopt;
}

/// The name before ", @handle": two or three capitalised words.
bool IsHandleByline(std::string_view name) {
  std::vector<std::string> words = SplitWords(name);
  return words.size() >= 2 && words.size() <= 3 &&
         std::all_of(words.begin(), words.end(), [](const std::string& w) { return StartsUpper(w); });
}

/// Nothing after paragraph `i` reads as speech: each later line is short and ends
/// without a full stop, question or exclamation (an affiliation, a place).
bool OnlyShortLinesAfter(const std::vector<Para>& paras, size_t i) {
  size_t lines = 0;
  for (size_t k = i + 1; k < paras.size(); ++k) {
    if (paras[k].kind != Kind::kUnit) continue;
    const char32_t end = LastCodePoint(paras[k].raw);
    // A verse ("Ғылым таппай мақтанба,") goes on with commas; a byline's lines do not.
    if (++lines > 3 || WordCount(paras[k].raw) > 8 || IsSentenceEnd(end) || end == U',' || end == U';' ||
        end == U'\u060C') {
      return false;
    }
  }
  return true;
}

/// Headings, bylines and label lines among the body's paragraphs. `guess_headings`:
/// short unpunctuated lines may be headings (plain text, or markup without headings).
void MarkStructure(std::vector<Para>& paras, size_t body, bool guess_headings, const WordLists& words) {
  auto short_line = [&](size_t k) {
    return paras[k].kind == Kind::kUnit && LooksLikeHeading(paras[k].raw) && !SplitLabel(paras[k].raw);
  };
  for (size_t i = body; i < paras.size(); ++i) {
    Para& p = paras[i];
    if (p.kind != Kind::kUnit) continue;
    if (p.markup.heading > 0) {
      p.kind = Kind::kHeading;  // the markup says so
      continue;
    }
    bool near_end = i + 4 >= paras.size();
    std::string text = StripDashMarker(p.raw).value_or(p.raw);
    if (near_end) {
      if (std::optional<std::string> name = BylineName(text, words)) {
        p.kind = Kind::kByline;
        p.label = *name;
        continue;
      }
    }
    // "Сымбат Сағындық, @symbat_sagyndyk": the writer's name with their handle.
    if (size_t comma = p.raw.find(", @"); comma != std::string::npos && WordCount(p.raw) <= 5 &&
                                          IsHandleByline(p.raw.substr(0, comma))) {
      p.kind = Kind::kByline;
      p.label = p.raw.substr(0, comma);
      continue;
    }
    // "Erasyl ÁÝEZHAN," then "№76 mektep-lıseıiniń túlegi" and "ASTANA": a byline over
    // a few lines closes the text; it is the writer's, not a caption announcing a speaker.
    bool last_words = (i + 2 >= paras.size() || (near_end && OnlyShortLinesAfter(paras, i))) && i > body;
    if (last_words && IsBareName(p.raw, words) && !LabelLineName(p.raw, words).has_value()) {
      p.kind = Kind::kByline;
      p.label = CollapseSpaces(p.raw.substr(0, p.raw.find_last_not_of(",. ") + 1));
      // The lines under the name (paper, place) belong to the byline, not to the last turn.
      if (!OnlyShortLinesAfter(paras, i)) continue;
      for (size_t k = i + 1; k < paras.size(); ++k) {
        if (paras[k].kind == Kind::kUnit) paras[k].kind = Kind::kByline;
      }
      break;
    }
    if (std::optional<Label> qa = SplitLabel(p.raw);
        qa && qa->rest.empty() && i + 1 < paras.size() && (IsQuestionLabel(qa->name) || IsAnswerLabel(qa->name))) {
      p.kind = Kind::kLabelLine;
      p.colon = true;
      p.announces = IsQuestionLabel(qa->name) ? Role::kInterviewer : Role::kInterviewee;
      continue;
    }
    if (i + 1 < paras.size()) {
      std::optional<std::string> name = LabelLineName(p.raw, words, /*opening=*/i <= body + 1);
      if (name && (i > body || LastCodePoint(p.raw) == U':')) {
        p.kind = Kind::kLabelLine;
        p.label = *name;
        p.colon = LastCodePoint(p.raw) == U':';
        continue;
      }
    }
    if (!guess_headings || i + 1 >= paras.size() || i == 0 || !LooksLikeHeading(p.raw) || SplitLabel(p.raw) ||
        NamesLine(p.raw, words)) {
      continue;
    }
    // A run of short unpunctuated lines is verse or a list, not headings.
    bool prev_short = i > body && short_line(i - 1);
    bool next_short = short_line(i + 1);
    if (prev_short || next_short) continue;
    p.kind = Kind::kHeading;
  }
  size_t label_lines = 0, last = 0;
  for (size_t i = body; i < paras.size(); ++i) {
    if (paras[i].kind == Kind::kLabelLine && !paras[i].announces) ++label_lines, last = i;
  }
  if (label_lines != 1 || last + 1 >= paras.size() || paras[last + 1].kind != Kind::kUnit) return;
  if (!IsQuestionMark(LastCodePoint(paras[last + 1].raw))) return;
  // Only before the first turn: a label line in the middle of the talk announces a speaker.
  for (size_t i = body; i < last; ++i) {
    if (paras[i].kind != Kind::kUnit) continue;
    std::optional<Label> label = SplitLabel(paras[i].raw);
    if (StripDashMarker(paras[i].raw) || (label && !label->rest.empty())) return;
  }
  paras[last].presents_guest = true;
}

void ApplyLineOverrides(std::vector<Para>& paras, const SegmentOptions& options) {
  for (Para& p : paras) {
    auto it = options.line_overrides.find(p.line);
    if (it == options.line_overrides.end()) continue;
    if (it->second == LineOverride::kHeading) {
      p.kind = Kind::kHeading;
    } else if (p.kind != Kind::kUnit) {
      p.kind = Kind::kUnit;  // the editor's word: this line is spoken text
    }
  }
}

/// The markers of one piece of a paragraph.
Unit ReadUnit(size_t para, std::string_view piece, const WordLists& words) {
  Unit u;
  u.para = para;
  u.piece = std::string(piece);
  u.text = u.piece;
  if (auto dash = StripDashMarker(piece)) {
    u.marker = Marker::kDash;
    u.text = *dash;
  } else if (auto numbered = StripNumberedQuestion(piece)) {
    u.marker = Marker::kNumberedQuestion;
    u.text = *numbered;
  } else if (auto label = SplitLabel(piece); label && !label->rest.empty()) {
    if (IsNarratorLabel(label->name, words)) {
      u.marker = Marker::kNarratorLabel;
      u.label = label->name;
      u.text = label->rest;
      return u;
    }
    if (IsSoundBiteLabel(label->name)) {
      // "СНХ: ДУМАН ДӘЛЕШОВ, бастық: …": the speaker's label inside; without one, an answer.
      std::optional<Label> inner = SplitLabel(label->rest, /*long_role=*/true);
      if (!inner || inner->rest.empty() || IsQuestionLabel(inner->name) || IsAnswerLabel(inner->name) ||
          IsNarratorLabel(inner->name, words) || IsSoundBiteLabel(inner->name)) {
        u.marker = Marker::kAnswerLabel;
        u.label = label->name;
        u.text = label->rest;
        return u;
      }
      u.caption = inner->role.empty() ? inner->name : inner->name + ", " + inner->role;
      u.bite_label = label->name;
      label = inner;
    }
    u.marker = IsQuestionLabel(label->name) ? Marker::kQuestionLabel
               : IsAnswerLabel(label->name) ? Marker::kAnswerLabel
                                            : Marker::kNameLabel;
    u.label = label->name;
    u.text = label->rest;
  }
  return u;
}

std::vector<Unit> SplitUnits(const std::vector<Para>& paras, size_t body, const WordLists& words) {
  std::vector<Unit> units;
  for (size_t i = body; i < paras.size(); ++i) {
    if (paras[i].kind != Kind::kUnit) continue;
    std::vector<std::string> pieces = SplitInlineTurns(paras[i].raw);
    for (size_t k = 0; k < pieces.size(); ++k) {
      Unit u = ReadUnit(i, pieces[k], words);
      u.inline_start = k > 0;
      if (!u.caption.empty()) {
        // The caption a viewer reads on screen ("АЙГҮЛ СЕРІКОВА, бөлім басшысы") is read
        // by the narrator; then the sound bite in the speaker's voice.
        Unit caption;
        caption.para = i;
        caption.inline_start = k > 0;
        caption.marker = Marker::kNarratorLabel;
        caption.label = u.bite_label;
        caption.piece = caption.text = u.caption;
        units.push_back(std::move(caption));
        u.inline_start = true;
      }
      units.push_back(std::move(u));
    }
  }
  // "1. …?" without «сұрақ» is a question only when a dash answer follows it and it
  // does not continue a list after a colon ("үш сұрақ тұр:" then "1. …?", "2. …?").
  for (size_t i = 0; i < units.size(); ++i) {
    Unit& u = units[i];
    if (u.marker != Marker::kNumberedQuestion || !u_isdigit(static_cast<UChar32>(FirstCodePoint(u.text)))) continue;
    const bool answered = i + 1 < units.size() && units[i + 1].marker == Marker::kDash;
    const bool listed = i > 0 && LastCodePoint(units[i - 1].text) == U':';
    if (answered && !listed) continue;
    u.marker = Marker::kNone;
    u.text = u.piece;
  }
  return units;
}

/// Name labels used once or twice are more likely quotations ("Абай: «…»") than turn
/// labels, unless they are initials, name a known person or carry a role.
void DropQuotationLabels(std::vector<Unit>& units, const std::vector<std::string>& known) {
  size_t count = 0;
  std::vector<std::string> distinct;
  for (const Unit& u : units) {
    if (u.marker != Marker::kNameLabel) continue;
    ++count;
    if (std::none_of(distinct.begin(), distinct.end(), [&](const std::string& d) { return SamePerson(d, u.label); })) {
      if (distinct.size() < 3) distinct.push_back(u.label);
    }
  }
  // Three labels, or two people labelled in turn ("Айзат: …", "Елен Әлімжан: …").
  if (count >= 3 || (count == 2 && distinct.size() == 2)) return;
  for (Unit& u : units) {
    if (u.marker != Marker::kNameLabel || !u.caption.empty() || IsAllInitials(u.label) || IsOutletName(u.label)) continue;
    bool known_person = std::any_of(known.begin(), known.end(), [&](const std::string& k) {
      return !k.empty() && SamePerson(k, u.label);
    });
    if (known_person) continue;
    u.marker = Marker::kNone;
    u.label.clear();
    u.text = u.piece;
  }
}

// ---- Speakers -------------------------------------------------------------------------

struct Person {
  std::string label;
  int turns = 0;
  int questions = 0;
  size_t speaker = 0;
};

/// Everyone the text names, and the speakers of the script as they are met.
class Cast {
 public:
  Cast(Script& script, const SegmentOptions& options) : script_(script), options_(options) {}

  std::string interviewer_name;
  std::string interviewee_name;
  std::string lead_text;
  std::vector<Person> people;
  std::optional<size_t> asking;  // the labelled person who asks

  size_t PersonOf(const std::string& label) {
    if (auto seen = by_label_.find(label); seen != by_label_.end()) return seen->second;
    // Past a round table's size, labels are not matched to each other (which would
    // cost time quadratic in a hostile text's labels).
    for (size_t k = 0; k < people.size() && people.size() < kMaxMatchedPeople; ++k) {
      if (SamePerson(people[k].label, label)) {
        if (WordCount(label) > WordCount(people[k].label) && !IsAllInitials(label)) people[k].label = label;
        by_label_[label] = k;
        return k;
      }
    }
    people.push_back(Person{label});
    by_label_[label] = people.size() - 1;
    return people.size() - 1;
  }

  /// The labelled person who asks: the byline's interviewer, the one whose turns are
  /// mostly questions, or initials among full names (the paper's moderator).
  void FindAsking() {
    for (size_t k = 0; k < people.size(); ++k) {
      if (!interviewer_name.empty() && SamePerson(people[k].label, interviewer_name)) {
        asking = k;
        return;
      }
    }
    for (size_t k = 0; k < people.size(); ++k) {
      if (IsOutletName(people[k].label)) {
        asking = k;
        return;
      }
    }
    if (people.size() == 2 && !interviewee_name.empty()) {
      bool first = SamePerson(people[0].label, interviewee_name), second = SamePerson(people[1].label, interviewee_name);
      if (first != second) {
        asking = first ? 1 : 0;
        return;
      }
    }
    for (size_t k = 0; k < people.size(); ++k) {
      if (2 * people[k].questions > people[k].turns && (!asking || people[k].questions > people[*asking].questions)) {
        asking = k;
      }
    }
    if (asking) return;
    size_t initials = 0, k_initials = 0;
    for (size_t k = 0; k < people.size(); ++k) {
      if (IsAllInitials(people[k].label)) ++initials, k_initials = k;
    }
    if (initials == 1 && people.size() > 1) asking = k_initials;
  }

  size_t Interviewer() {
    if (!interviewer_) interviewer_ = Add(Role::kInterviewer, interviewer_name);
    return *interviewer_;
  }
  size_t Interviewee() {
    if (!interviewee_) interviewee_ = Add(Role::kInterviewee, interviewee_name);
    return *interviewee_;
  }
  size_t Labelled(const std::string& label) {
    size_t k = PersonOf(label);
    Person& who = people[k];
    if (who.speaker != 0) return who.speaker;
    if (asking && k == *asking) {
      if (interviewer_name.empty()) interviewer_name = FullNameForLabel(who.label, lead_text);
      who.speaker = Interviewer();
    } else if (!interviewee_ && !interviewee_name.empty() && SamePerson(interviewee_name, who.label)) {
      who.speaker = Interviewee();
    } else {
      who.speaker = Add(Role::kInterviewee, FullNameForLabel(who.label, lead_text));
    }
    return who.speaker;
  }
  /// The interviewee who speaks unlabelled answers: the last one labelled.
  size_t CurrentInterviewee() { return current_interviewee_ ? *current_interviewee_ : Interviewee(); }
  void SetCurrent(size_t speaker) {
    if (script_.speakers[speaker].role == Role::kInterviewee) current_interviewee_ = speaker;
  }

 private:
  size_t Add(Role role, std::string name) {
    size_t interviewees = 0;
    for (const Speaker& s : script_.speakers) interviewees += s.role == Role::kInterviewee;
    std::string voice = RoleName(role);
    if (role == Role::kInterviewee && !options_.interviewee_voices.empty()) {
      voice = options_.interviewee_voices[interviewees % options_.interviewee_voices.size()];
    }
    script_.speakers.push_back(Speaker{"", role, std::move(name), voice, ""});  // ids: AssignSpeakerIds
    return script_.speakers.size() - 1;
  }

  static constexpr size_t kMaxMatchedPeople = 64;
  Script& script_;
  const SegmentOptions& options_;
  std::optional<size_t> interviewer_, interviewee_, current_interviewee_;
  std::map<std::string, size_t> by_label_;
};

/// Names from the headline, the line under it, the lead and the byline.
void FindNames(const std::vector<Para>& paras, size_t body, const std::vector<Unit>& units, const Script& script,
               Cast& cast, const WordLists& words) {
  std::string presented;
  for (const Para& p : paras) {
    if (p.kind == Kind::kByline && !p.label.empty()) cast.interviewer_name = TidyName(p.label);
    if (p.kind == Kind::kLabelLine && p.presents_guest) presented = TidyName(p.label);
  }
  if (script.title) {
    if (auto n = BylineName(*script.title, words, true); n && !n->empty() && cast.interviewer_name.empty()) {
      cast.interviewer_name = TidyName(*n);
    }
    if (auto n = NameFromHeadline(*script.title, words)) cast.interviewee_name = *n;
  }
  for (size_t i = body; i < paras.size() && i < body + 2; ++i) {
    if (auto names = NamesLine(paras[i].raw, words)) {
      if (cast.interviewer_name.empty()) cast.interviewer_name = names->first;
      if (cast.interviewee_name.empty()) cast.interviewee_name = names->second;
    }
  }
  for (const Unit& u : units) {
    if (u.marker != Marker::kNone) break;
    cast.lead_text += u.text + " ";
  }
  if (cast.interviewee_name.empty()) cast.interviewee_name = presented;
  if (cast.interviewee_name.empty()) {
    if (auto n = IntervieweeFromLead(cast.lead_text, words)) cast.interviewee_name = *n;
  }
  if (cast.interviewer_name.empty()) {
    if (auto n = SlashedByline(cast.lead_text)) cast.interviewer_name = *n;
  }
}

/// Names from how the speakers address each other: an answer opening "Әділхан аға, …"
/// names the interviewer the lead calls "Әділхан Шегеев".
void FindNamesByAddress(const std::vector<Unit>& units, const std::vector<RoleDecision>& roles,
                        const Script& script, Cast& cast, const WordLists& words) {
  std::string known = cast.lead_text + " " + script.title.value_or("");
  // The narrator's paragraphs after furniture marked like turns («- автор …») present
  // people too; the first 64 kB of them.
  for (size_t i = 0; i < units.size() && known.size() < 65536; ++i) {
    if (roles[i].role == Role::kNarrator && units[i].marker == Marker::kNone) known += " " + units[i].text;
  }
  std::optional<std::string> asked, answered;  // whom the questions and the answers address
  for (size_t i = 0; i < units.size(); ++i) {
    if (roles[i].role == Role::kNarrator || units[i].marker == Marker::kNameLabel) continue;
    std::optional<std::string>& slot = roles[i].role == Role::kInterviewer ? asked : answered;
    if (slot) continue;
    // "Кеңесбай Қали, Ұлы Отан соғысы ардагері" under a quote is a caption, not a word to him.
    if (!IsSentenceEnd(LastCodePoint(units[i].text)) && WordCount(units[i].text) <= 10) continue;
    std::optional<std::string> addressed = AddressedName(units[i].text, words);
    if (!addressed) continue;
    slot = FullNameStartingWith(known, *addressed, words);
    // "– Дәулетбек Байтұрсынұлы, … сіз …?" on a page without a lead: a question that
    // speaks to «сіз» calls the guest by their full name (an answer opening "Мұхтар
    // Әуезов, менің ойымша, …" speaks of someone).
    if (!slot && &slot == &asked && units[i].evidence.addresses_you && IsBareName(*addressed, words)) {
      slot = TidyName(*addressed);
    }
  }
  // The lead's name went to the wrong side when the answers speak to that person.
  if (answered && !cast.interviewee_name.empty() && SamePerson(cast.interviewee_name, *answered)) {
    cast.interviewee_name.clear();
  }
  if (asked && !cast.interviewer_name.empty() && SamePerson(cast.interviewer_name, *asked)) {
    cast.interviewer_name.clear();
  }
  if (answered && cast.interviewer_name.empty()) cast.interviewer_name = *answered;
  if (asked && cast.interviewee_name.empty()) cast.interviewee_name = *asked;
}

// ---- Roles ----------------------------------------------------------------------------

/// Which units are items of a list in the lead ("СҰХБАТТА:" then "– …;" lines): dash
/// paragraphs before any turn, short, after a colon or another item.
std::vector<bool> FindListItems(const std::vector<Unit>& units, const std::vector<Para>& paras) {
  std::vector<bool> items(units.size(), false);
  for (size_t i = 1; i < units.size(); ++i) {
    const Unit& u = units[i];
    if (u.marker == Marker::kNone) continue;
    if (u.marker != Marker::kDash || u.inline_start) break;
    const std::string& before = paras[units[i - 1].para].raw;
    char32_t end = LastCodePoint(u.text);
    bool short_item = WordCount(u.text) <= 25 && end != U'?' && (end == U';' || end == U',' || end == U'.' || IsLetter(end));
    bool follows = LastCodePoint(before) == U':' || (items[i - 1] && LastCodePoint(before) == U';');
    if (!short_item || !follows) break;
    items[i] = true;
  }
  return items;
}

PageEvidence ReadPageEvidence(const std::vector<Unit>& units, const SegmentOptions& options) {
  PageEvidence page;
  size_t dashes = 0, dash_questions = 0, plain_questions = 0, labelled_questions = 0, labelled_answers = 0;
  size_t vocative_questions = 0;  // "Қайыржан, … қалай келдіңіз?": a name called, then «сіз»
  size_t bold_questions = 0;      // paragraphs printed in bold, as papers print questions
  bool in_turns = false;
  std::string lead;
  for (const Unit& u : units) {
    bold_questions += u.evidence.bold.value_or(false);
    if (u.marker == Marker::kNone && !in_turns) lead += u.text + " ";
    in_turns |= u.marker != Marker::kNone;
    if (u.marker == Marker::kDash) {
      ++dashes;
      dash_questions += u.evidence.ends_with_question;
    } else if (u.marker == Marker::kNone) {
      plain_questions += u.evidence.ends_with_question && u.evidence.words < 60;
      const std::vector<std::string> words = SplitWords(u.text.substr(0, 200));
      vocative_questions += u.evidence.ends_with_question && u.evidence.addresses_you && u.evidence.words < 60 &&
                            !words.empty() && words.front().size() > 1 && words.front().back() == ',' &&
                            StartsCapitalized(words.front());
    } else if (u.marker == Marker::kQuestionLabel || u.marker == Marker::kNumberedQuestion) {
      ++labelled_questions;
    } else if (u.marker == Marker::kAnswerLabel) {
      ++labelled_answers;
    }
  }
  page.lead_asks = LeadAsksQuestion(options.as_cyrillic ? options.as_cyrillic(lead) : lead, options.words);
  page.unmarked_questions = (plain_questions >= 2 || vocative_questions >= 1) && 4 * dash_questions <= dashes;
  // Answers without a marker: after labelled questions, after unmarked ones, or after
  // dash questions when every dash paragraph asks (the answers' dashes were lost).
  page.unmarked_answers = (labelled_questions > 0 && labelled_answers == 0 && dashes == 0) ||
                          (page.unmarked_questions && dashes == 0) || (dashes >= 2 && dash_questions == dashes) ||
                          (bold_questions >= 2 && dashes == 0);
  return page;
}

/// The label line that announces unit `u`'s speaker: "Name, role:" before it, or a
/// bare "Name SURNAME, role" caption unless the unit asks (then the caption only
/// presents the guest before the interviewer's question).
const Para* AnnouncingLabel(const Unit& u, const std::vector<Para>& paras) {
  if (u.inline_start || u.para == 0 || paras[u.para - 1].kind != Kind::kLabelLine) return nullptr;
  const Para& label = paras[u.para - 1];
  if (label.presents_guest || label.announces) return nullptr;
  if (!label.colon && (u.evidence.ends_with_question || !u.evidence.question_word.empty())) return nullptr;
  return &label;
}

/// «…рақмет!», «Алғыс айтамын»: thanks, in one lower-casing.
bool SaysThanks(std::string_view text, const WordLists& words) {
  std::string lower = ToLower(text);
  return std::any_of(words.thanks_words.begin(), words.thanks_words.end(),
                     [&lower](const std::string& w) { return lower.find(w) != std::string::npos; });
}

/// A unit that reads as the interviewer's: a question, a request, a word to «сіз».
bool Asks(const UnitEvidence& e) {
  return e.ends_with_question || e.polite_request || (e.addresses_you && !e.speaks_of_self);
}

void FixUnit(Unit& u, Role role, std::string why) {
  u.evidence.fixed = role;
  u.evidence.fixed_why = std::move(why);
}

/// What the markup says of a unit: a bold paragraph (or one that opens bold) is how
/// papers print their questions; a quotation or a list item goes on with the turn it is in.
void ReadMarkupEvidence(Unit& u, const Para& p, bool first) {
  if (p.markup.heading > 0 || u.inline_start) return;
  const UnitEvidence& e = u.evidence;
  const bool question_like = e.ends_with_question || !e.question_word.empty() || e.polite_request || e.words < 25;
  if ((p.markup.bold || p.markup.starts_bold) && question_like) u.evidence.bold = true;
  if ((p.markup.quote || p.markup.list_item) && !first && u.marker == Marker::kNone) u.evidence.in_list = true;
}

/// Bold on (nearly) every unit, or on one alone, marks nothing: the evidence is dropped.
/// Where the page prints its questions in bold, a paragraph not in bold is no question.
void ReadBoldQuestions(std::vector<Unit>& units, const std::vector<Para>& paras) {
  size_t bold = 0;
  for (const Unit& u : units) bold += u.evidence.bold.value_or(false);
  const bool marks_questions = bold >= 2 && bold * 10 <= units.size() * 8;
  for (Unit& u : units) {
    if (!marks_questions) {
      u.evidence.bold.reset();
    } else if (!u.evidence.bold && !u.inline_start && paras[u.para].markup.heading == 0) {
      u.evidence.bold = false;
    }
  }
}

/// Evidence for every unit; labels, list items, overrides and label lines fix roles.
void GatherEvidence(std::vector<Unit>& units, const std::vector<Para>& paras, const SegmentOptions& options,
                    Cast& cast) {
  const std::vector<bool> list_items = FindListItems(units, paras);
  size_t marked_before = 0;
  for (size_t i = 0; i < units.size(); ++i) {
    Unit& u = units[i];
    u.reading = options.as_cyrillic ? options.as_cyrillic(u.text) : u.text;
    const std::string& reading = u.reading;
    ReadQuestionEvidence(reading, u.evidence, options.words);
    u.evidence.marker = u.marker;
    u.evidence.after_heading = i > 0 && !u.inline_start && paras[u.para - 1].kind == Kind::kHeading;
    u.evidence.closing_thanks = paras.size() - u.para <= 4 && WordCount(u.text) <= 8 && marked_before >= 3 &&
                                SaysThanks(reading, options.words);
    switch (u.marker) {
      case Marker::kQuestionLabel: FixUnit(u, Role::kInterviewer, "label «" + u.label + "»"); break;
      case Marker::kNumberedQuestion: FixUnit(u, Role::kInterviewer, "numbered question"); break;
      case Marker::kAnswerLabel: FixUnit(u, Role::kInterviewee, "label «" + u.label + "»"); break;
      case Marker::kNarratorLabel: FixUnit(u, Role::kNarrator, "label «" + u.label + "»"); break;
      case Marker::kNameLabel: {
        size_t k = cast.PersonOf(u.label);
        ++cast.people[k].turns;
        cast.people[k].questions += Asks(u.evidence);
        break;
      }
      default: break;
    }
    if (list_items[i]) FixUnit(u, Role::kNarrator, "list item in the lead");
    // A plain paragraph after one that ends with «:», and the items numbered after it.
    if (i > 0 && u.marker == Marker::kNone && !u.inline_start) {
      const Unit& before = units[i - 1];
      u.evidence.in_list = LastCodePoint(before.text) == U':' ||
                           (before.evidence.in_list && u_isdigit(static_cast<UChar32>(FirstCodePoint(u.text))));
    }
    ReadMarkupEvidence(u, paras[u.para], i == 0);
    if (!u.inline_start && u.para > 0 && paras[u.para - 1].announces) {
      FixUnit(u, *paras[u.para - 1].announces, "after label line «" + paras[u.para - 1].raw + "»");
    }
    marked_before += u.marker != Marker::kNone;
    if (const Para* label = AnnouncingLabel(u, paras)) {
      size_t k = cast.PersonOf(label->label);
      ++cast.people[k].turns;
      cast.people[k].questions += Asks(u.evidence);
    }
  }
  // "…қалай бағалайсыз?" then "– …": the last paragraph before the first dash asks.
  for (size_t i = 0; i < units.size(); ++i) {
    if (units[i].marker == Marker::kNone) continue;
    if (units[i].marker == Marker::kDash && i > 0 && units[i - 1].marker == Marker::kNone &&
        units[i - 1].evidence.ends_with_question) {
      units[i - 1].evidence.asks_before_first_dash = true;
    }
    break;
  }
  cast.FindAsking();
  for (size_t i = 0; i < units.size(); ++i) {
    Unit& u = units[i];
    auto role_of = [&](const std::string& label) {
      size_t k = cast.PersonOf(label);
      return cast.asking && k == *cast.asking ? Role::kInterviewer : Role::kInterviewee;
    };
    if (u.marker == Marker::kNameLabel) FixUnit(u, role_of(u.label), "name label «" + u.label + "»");
    if (const Para* label = AnnouncingLabel(u, paras)) {
      FixUnit(u, role_of(label->label), "after label line «" + label->label + "»");
    }
    auto it = options.line_overrides.find(paras[u.para].line);
    if (it != options.line_overrides.end() && !u.inline_start) {
      std::optional<Role> role = it->second == LineOverride::kNarrator      ? std::optional(Role::kNarrator)
                                 : it->second == LineOverride::kInterviewer ? std::optional(Role::kInterviewer)
                                 : it->second == LineOverride::kInterviewee ? std::optional(Role::kInterviewee)
                                                                             : std::nullopt;
      if (role) FixUnit(u, *role, "override");
    }
  }
}

/// «сен», «саған», «сенің»…: a word to a friend or a child, not to a guest.
bool SpeaksToSen(std::string_view reading) {
  const std::vector<std::string> words = SplitWords(ToLower(CapBytes(reading, 600)));
  for (const std::string& w : words) {
    std::string letters;
    for (char32_t c : ToUtf32(w)) {
      if (IsLetter(c)) AppendUtf8(letters, c);
    }
    if (letters == "сен" || letters == "саған" || letters == "сені" || letters == "сенің" || letters == "сенде" ||
        letters == "сенен" || letters == "сендер" || letters == "сенімен") {
      return true;
    }
  }
  return false;
}

/// What the units show about the page as a whole: turns or quotes (page_kind.h).
PageKindEvidence ReadPageKindEvidence(const std::vector<Unit>& units, const std::vector<Para>& paras,
                                      const Script& script, const Cast& cast, const SegmentOptions& options) {
  auto cyrillic = [&options](std::string_view text) {
    return ToLower(options.as_cyrillic ? options.as_cyrillic(text) : std::string(text));
  };
  auto reports_speech = [&options](const Unit& u) {
    for (const std::string& w : SplitWords(ToLower(u.reading))) {
      if (IsReportingVerb(w, options.words)) return true;
    }
    return false;
  };
  auto is_label_line = [](const Para& p) { return p.kind == Kind::kLabelLine && (p.announces || p.colon); };
  PageKindEvidence page;
  // Label lines ("Name, role:" alone on a line) announce the units after them.
  size_t first_label = paras.size();
  for (size_t k = 0; k < paras.size(); ++k) {
    if (!is_label_line(paras[k])) continue;
    ++page.labels;
    first_label = std::min(first_label, k);
  }
  bool turns_began = false;
  size_t last_dash = 0;
  for (size_t i = 0; i < units.size(); ++i) last_dash = units[i].marker == Marker::kDash ? i : last_dash;
  for (size_t i = 0; i < units.size(); ++i) {
    const Unit& u = units[i];
    const UnitEvidence& e = u.evidence;
    const bool attributed = e.writer_speaks || e.guest_quoted;
    page.informal += SpeaksToSen(u.reading);
    ++page.units;
    page.speak_of_self += e.speaks_of_self;
    page.speak_to_you += e.addresses_you;
    const bool reports = reports_speech(u);
    page.report_speech += reports;
    switch (u.marker) {
      case Marker::kDash:
        ++page.dash_units;
        page.attributed += attributed;
        page.short_dash += e.words <= 12;
        if (i + 1 < units.size() && e.ends_with_question && units[i + 1].marker == Marker::kDash &&
            !units[i + 1].evidence.ends_with_question && units[i + 1].evidence.words > e.words) {
          ++page.question_answer;
        }
        if (i + 1 < units.size() && e.ends_with_question && units[i + 1].marker == Marker::kDash &&
            units[i + 1].evidence.ends_with_question) {
          ++page.question_question;
        }
        turns_began = true;
        break;
      case Marker::kQuestionLabel:
      case Marker::kAnswerLabel:
      case Marker::kNameLabel:
      case Marker::kNumberedQuestion:
        ++page.labels;
        turns_began = true;
        break;
      case Marker::kNone:
        if (!turns_began && u.para < first_label) ++page.lead;
        // Narration among the quotes, or after a label line's sound bite.
        if ((turns_began || u.para > first_label) && reports) ++page.reported;
        page.between += turns_began && i < last_dash && !u.evidence.fixed;
        break;
      default: break;
    }
    if (e.ends_with_question && !attributed && e.fixed != Role::kNarrator) {
      ++page.questions;
      page.questions_to_you += e.addresses_you;
    }
  }
  auto talks = [&cyrillic, &options](std::string_view text) {
    std::string lower = cyrillic(text);
    return std::any_of(options.words.interview_words.begin(), options.words.interview_words.end(),
                       [&lower](const std::string& w) { return lower.find(w) != std::string::npos; });
  };
  page.interview_words = (script.title && talks(*script.title)) || talks(cast.lead_text);
  for (const Para& p : paras) page.interview_words |= p.kind == Kind::kByline && talks(p.raw);
  return page;
}

/// The numbers the decisions are made from, before an article's units are fixed to the
/// narrator (scripts/fit-roles learns both decisions from them).
void KeepFeatures(const std::vector<Unit>& units, const std::vector<Para>& paras, const PageKindEvidence& kind,
                  const PageEvidence& page, Script& script) {
  ModelFeatures f;
  f.page = PageKindFeatures(kind);
  std::vector<UnitEvidence> evidence;
  for (const Unit& u : units) evidence.push_back(u.evidence);
  auto steps = RoleStepFeatures(evidence, page);
  for (size_t i = 0; i < units.size(); ++i) f.units.push_back({paras[units[i].para].line, units[i].text, steps[i]});
  script.features = std::move(f);
}

/// An article is read by the narrator: every unit not fixed by the editor is its.
void ReadAsArticle(std::vector<Unit>& units, const std::vector<std::string>& why) {
  for (Unit& u : units) {
    if (u.evidence.fixed && u.evidence.fixed_why == "override") continue;
    FixUnit(u, Role::kNarrator, "article: " + (why.empty() ? std::string("the editor says so") : why.front()));
  }
}

/// Each named speaker's gender; the interviewer cast onto an interviewer profile of that
/// gender, each interviewee onto an unused profile of that gender (or of none); an
/// unknown gender takes the next unused profile, as before.
void CastByGender(const std::vector<Para>& paras, Script& script, const SegmentOptions& options) {
  auto cyrillic = [&options](std::string_view text) {
    return options.as_cyrillic ? options.as_cyrillic(text) : std::string(text);
  };
  std::string text;  // forms of address are read in the first 64 kB
  for (const Para& p : paras) {
    if (text.size() > 65536) break;
    text += cyrillic(p.raw) + "\n";
  }
  const std::vector<std::string> address_words = AddressWords(text);
  for (Speaker& s : script.speakers) {
    if (s.name.empty() || s.role == Role::kNarrator) continue;
    const std::string name = cyrillic(s.name);
    s.gender = GenderOfName(name, options.names);
    if (s.gender.empty()) s.gender = GenderFromAddress(address_words, SplitWords(name).front(), options.words);
  }
  std::set<std::string> roles_seen;
  for (size_t i = 0; i < script.speakers.size(); ++i) {
    Speaker& s = script.speakers[i];
    auto by_id = options.speaker_genders.find(s.id);
    // A sidecar of an older dauys names speakers by number (ApplyOverrides warns).
    if (by_id == options.speaker_genders.end()) by_id = options.speaker_genders.find(NumberedSpeakerId(i));
    auto by_role = options.speaker_genders.find(RoleName(s.role));
    if (by_id != options.speaker_genders.end()) {
      s.gender = by_id->second;
    } else if (by_role != options.speaker_genders.end() && roles_seen.insert(by_role->first).second) {
      s.gender = by_role->second;  // the first speaker of that role, as the sidecar's role keys go
    }
  }
  if (options.voice_genders.empty()) return;
  // The interviewer: the first profile of the interviewer's gender among "interviewer"
  // and "interviewer-*" (the bundled folder has a woman's and a man's).
  for (Speaker& s : script.speakers) {
    if (s.role != Role::kInterviewer || s.gender.empty()) continue;
    auto current = options.voice_genders.find(s.voice);
    if (current == options.voice_genders.end() || current->second == s.gender) continue;
    for (const auto& [profile, gender] : options.voice_genders) {
      if (gender == s.gender && (profile == "interviewer" || profile.rfind("interviewer-", 0) == 0)) {
        s.voice = profile;
        break;
      }
    }
  }
  // The least used profile that may read the speaker, first in pool order on a tie: an
  // unused one while there is one, then each of them again in turn.
  std::map<std::string, int> used;
  for (Speaker& s : script.speakers) {
    if (s.role != Role::kInterviewee) continue;
    const std::string* chosen = nullptr;
    for (const std::string& v : options.interviewee_voices) {
      // A profile with no gender (an older voice folder) may read anyone.
      auto g = options.voice_genders.find(v);
      const bool fits = s.gender.empty() || g == options.voice_genders.end() || g->second == s.gender;
      if (fits && (!chosen || used[v] < used[*chosen])) chosen = &v;
    }
    if (!chosen) continue;  // no profile of that gender at all: as cast by order
    s.voice = *chosen;
    ++used[*chosen];
  }
}

/// The speaker of each unit, from its decided role and label.
void AssignSpeakers(std::vector<Unit>& units, const std::vector<Para>& paras,
                    const std::vector<RoleDecision>& roles, Cast& cast) {
  for (size_t i = 0; i < units.size(); ++i) {
    Unit& u = units[i];
    const std::string* label = u.marker == Marker::kNameLabel ? &u.label : nullptr;
    if (const Para* announcing = AnnouncingLabel(u, paras)) label = &announcing->label;
    if (roles[i].role == Role::kNarrator) {
      u.speaker = 0;
    } else if (label) {
      u.speaker = cast.Labelled(*label);
    } else if (roles[i].role == Role::kInterviewer) {
      u.speaker = cast.asking ? cast.Labelled(cast.people[*cast.asking].label) : cast.Interviewer();
    } else if (i > 0 && roles[i - 1].role == Role::kInterviewee && u.marker == Marker::kNone) {
      u.speaker = units[i - 1].speaker;  // an answer's next paragraph
    } else {
      u.speaker = cast.CurrentInterviewee();
    }
    cast.SetCurrent(u.speaker);
  }
}

// ---- The script -----------------------------------------------------------------------

class ScriptWriter {
 public:
  ScriptWriter(Script& script, const SegmentOptions& options) : script_(script), options_(options) {}

  void Chapter(int line, std::optional<std::string> heading) {
    dauys::Chapter c;
    c.number = static_cast<int>(script_.chapters.size()) + 1;
    c.line = line;
    c.heading = heading;
    c.title = heading ? CollapseSpaces(*heading) : (script_.title ? *script_.title : options_.lead_title);
    script_.chapters.push_back(std::move(c));
  }
  void Say(size_t speaker, int line, std::string text, const std::vector<std::string>& why, bool dash = false) {
    if (script_.chapters.empty()) Chapter(line, std::nullopt);
    dauys::Chapter& chapter = script_.chapters.back();
    if (chapter.turns.empty() || chapter.turns.back().speaker != speaker) {
      chapter.turns.push_back(Turn{speaker, script_.speakers[speaker].role, {}, why, {}});
    }
    chapter.turns.back().paragraphs.push_back(Paragraph{line, std::move(text), dash, {}});
  }

 private:
  Script& script_;
  const SegmentOptions& options_;
};

void WriteScript(const std::vector<Para>& paras, const std::vector<Unit>& units,
                 const std::vector<RoleDecision>& roles, Script& script, const SegmentOptions& options) {
  ScriptWriter out(script, options);
  size_t next_unit = 0;
  for (size_t i = 0; i < paras.size(); ++i) {
    const Para& p = paras[i];
    switch (p.kind) {
      case Kind::kHeadline:
        continue;
      case Kind::kSkipped:
        script.skipped.push_back(SkippedLine{p.line, p.raw, p.reason});
        continue;
      case Kind::kHeading:
        out.Chapter(p.line, p.raw);
        continue;
      case Kind::kRubric:
        out.Say(0, p.line, p.raw, {"rubric above the headline"});
        continue;
      case Kind::kByline:
        out.Say(0, p.line, p.raw, {"byline"});
        continue;
      case Kind::kLabelLine:
        out.Say(0, p.line, p.raw, {"label line: announces the next speaker"});
        continue;
      case Kind::kUnit:
        break;
    }
    for (; next_unit < units.size() && units[next_unit].para == i; ++next_unit) {
      const Unit& u = units[next_unit];
      out.Say(u.speaker, p.line, u.text, roles[next_unit].why, u.marker == Marker::kDash);
    }
  }
  if (script.chapters.empty() && !paras.empty()) out.Chapter(paras.front().line, std::nullopt);
  std::stable_sort(script.skipped.begin(), script.skipped.end(),
                   [](const SkippedLine& a, const SkippedLine& b) { return a.line < b.line; });
}

}  // namespace

std::string RepairLookAlikes(std::string_view text) {
  std::u32string u = ToUtf32(text);
  size_t i = 0;
  while (i < u.size()) {
    size_t j = i;
    while (j < u.size() && u_isalpha(static_cast<UChar32>(u[j]))) ++j;
    if (j == i) {
      ++i;
      continue;
    }
    bool has_cyrillic = false;
    // ә alone does not make a word Cyrillic: the digraph Latin of abai.kz writes it ("әkim").
    for (size_t k = i; k < j; ++k) has_cyrillic |= IsCyrillic(u[k]) && u[k] != U'ә' && u[k] != U'Ә';
    if (has_cyrillic) {
      for (size_t k = i; k < j; ++k) {
        if (auto twin = CyrillicTwin(u[k])) u[k] = *twin;
      }
    }
    i = j;
  }
  return FromUtf32(u);
}

Script SegmentInterview(const Document& doc, const SegmentOptions& options) {
  Script script;
  script.speakers.push_back(Speaker{"narrator", Role::kNarrator, "", "narrator", ""});
  std::vector<Para> paras = ReadParagraphs(doc, script);
  if (paras.empty()) return script;

  for (Para& p : paras) {
    if (options.line_overrides.count(p.line) || p.kind == Kind::kSkipped) continue;
    if (std::optional<std::string> reason = GarbageReason(p.raw)) {
      p.kind = Kind::kSkipped;
      p.reason = *reason;
    }
  }
  size_t body = FindHeadline(paras, options, script);
  const bool markup_headings = std::any_of(paras.begin(), paras.end(), [](const Para& p) {
    return p.markup.heading > 0;
  });
  MarkStructure(paras, body, !(doc.marked_up && markup_headings), options.words);
  ApplyLineOverrides(paras, options);
  std::vector<Unit> units = SplitUnits(paras, 0, options.words);

  Cast cast(script, options);
  FindNames(paras, body, units, script, cast, options.words);
  DropQuotationLabels(units, {cast.interviewer_name, cast.interviewee_name});
  GatherEvidence(units, paras, options, cast);
  ReadBoldQuestions(units, paras);
  const PageKindEvidence kind_evidence = ReadPageKindEvidence(units, paras, script, cast, options);
  PageKindDecision kind = DecidePageKind(kind_evidence, options.model);
  if (options.page_kind) kind = PageKindDecision{*options.page_kind, {"the sidecar's [book] kind"}};
  script.page_kind = PageKindName(kind.kind);
  script.page_kind_why = kind.why;
  const PageEvidence page = ReadPageEvidence(units, options);
  if (options.keep_features) KeepFeatures(units, paras, kind_evidence, page, script);
  if (kind.kind == PageKind::kArticle) ReadAsArticle(units, kind.why);
  std::vector<UnitEvidence> evidence;
  for (const Unit& u : units) evidence.push_back(u.evidence);
  std::vector<RoleDecision> roles = DecodeRoles(evidence, page, options.model);
  FindNamesByAddress(units, roles, script, cast, options.words);
  AssignSpeakers(units, paras, roles, cast);
  AssignSpeakerIds(script.speakers, options.as_cyrillic);
  CastByGender(paras, script, options);
  WriteScript(paras, units, roles, script, options);
  if (options.voice_quotes && kind.kind == PageKind::kArticle) VoiceQuotes(script, options.quoted_voice);
  return script;
}

}  // namespace dauys
