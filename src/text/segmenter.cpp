#include "text/segmenter.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <map>
#include <optional>

#include "util/unicode.h"

namespace dauys {

namespace {

// ---- Character classes ---------------------------------------------------------------

bool IsTurnDash(char32_t c) {
  switch (c) {
    case U'-': case U'\u2012': case U'\u2013': case U'\u2014': case U'\u2015':
    case U'\u2212': case U'\u2500':
      return true;
    default:
      return false;
  }
}

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

bool StartsWithCi(std::string_view text, std::string_view prefix_lower) {
  std::string head = ToLower(text.substr(0, std::min(text.size(), prefix_lower.size() + 8)));
  return head.compare(0, prefix_lower.size(), prefix_lower) == 0;
}

std::string TrimLeadingMarks(std::string_view s) {
  // Strips spaces, dashes, colons after a label or opener.
  std::u32string u = ToUtf32(s);
  size_t i = 0;
  while (i < u.size() && (u[i] == U' ' || u[i] == U':' || u[i] == U'.' || IsTurnDash(u[i]))) ++i;
  return FromUtf32(u.substr(i));
}

// ---- Paragraph classification ----------------------------------------------------------

enum class Kind {
  kText, kDash, kQuestionLabel, kNumberedQuestion, kAnswerLabel, kNameLabel, kHeading, kByline
};

struct Para {
  int line = 0;
  std::string text;   // collapsed, without marker
  std::string raw;    // collapsed, as written
  Kind kind = Kind::kText;
  std::string label;  // for kNameLabel
  bool thanks = false;
  std::optional<LineOverride> forced;  // the editor's word for this line
};

size_t WordCount(std::string_view s) { return SplitWords(s).size(); }

bool EndsWithSentencePunct(std::string_view s) {
  char32_t last = LastCodePoint(s);
  switch (last) {
    case U'.': case U',': case U';': case U':': case U'…': case U'!': case U'?':
      return true;
    default:
      return false;
  }
}

/// "– Text", "—Text", "- Text": a dash at the very start, then text (not "-5").
std::optional<std::string> StripDashMarker(std::string_view s) {
  size_t len = 0;
  char32_t c = FirstCodePoint(s, &len);
  if (!IsTurnDash(c)) return std::nullopt;
  std::string_view rest = s.substr(len);
  size_t next_len = 0;
  char32_t next = FirstCodePoint(rest, &next_len);
  if (next == 0) return std::nullopt;
  if (c == U'-' && (u_isdigit(static_cast<UChar32>(next)) || next == U'-')) return std::nullopt;
  std::string text = CollapseSpaces(rest);
  if (text.empty()) return std::nullopt;
  return text;
}

bool IsInitialsToken(std::string_view token) {
  // "Ж.Ж.", "Қ.Ә", "Д.": upper-case letters separated by dots.
  std::u32string u = ToUtf32(token);
  bool saw_dot = false;
  bool expect_letter = true;
  for (char32_t c : u) {
    if (expect_letter) {
      if (!u_isupper(static_cast<UChar32>(c))) return false;
      expect_letter = false;
    } else if (c == U'.') {
      saw_dot = true;
      expect_letter = true;
    } else {
      return false;
    }
  }
  return saw_dot || u.size() == 1;
}

struct Label {
  std::string name;  // as written, spaces collapsed
  std::string rest;
};

/// "Name Surname: text", "Ж.Ж.: text", "Сұрақ: text".
std::optional<Label> SplitLabel(std::string_view s) {
  size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 160) return std::nullopt;
  std::string name = CollapseSpaces(s.substr(0, colon));
  std::string rest = CollapseSpaces(s.substr(colon + 1));
  if (name.empty() || rest.empty() || CodePointCount(name) > 40) return std::nullopt;
  std::vector<std::string> tokens = SplitWords(name);
  if (tokens.size() > 4) return std::nullopt;
  for (const std::string& t : tokens) {
    if (IsInitialsToken(t)) continue;
    // A name part: starts upper case and is letters (and hyphens or a dotted initial
    // glued in front, as "Ж.Жомарт").
    std::u32string u = ToUtf32(t);
    if (!u_isupper(static_cast<UChar32>(u[0]))) return std::nullopt;
    for (char32_t c : u) {
      if (!u_isalpha(static_cast<UChar32>(c)) && c != U'-' && c != U'.') return std::nullopt;
    }
  }
  return Label{name, rest};
}

std::string LowerNoDots(std::string_view s) {
  std::string out;
  for (char c : ToLower(s)) {
    if (c != '.' && c != ' ') out += c;
  }
  return out;
}

bool IsQuestionLabel(std::string_view name) {
  std::string n = LowerNoDots(name);
  return n == "сұрақ" || n == "с" || n == "сұрақ-жауап";
}
bool IsAnswerLabel(std::string_view name) {
  std::string n = LowerNoDots(name);
  return n == "жауап" || n == "ж";
}

/// "1 сұрақ.", "2-сұрақ:" at the start of a paragraph.
std::optional<std::string> StripNumberedQuestion(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == 0 || i > 3) return std::nullopt;
  std::string rest = TrimLeadingMarks(s.substr(i));
  if (!StartsWithCi(rest, "сұрақ")) return std::nullopt;
  std::string after = rest.substr(std::string("сұрақ").size());
  if (after.empty() || (after[0] != '.' && after[0] != ':')) return std::nullopt;
  std::string text = TrimLeadingMarks(after);
  if (text.empty()) return std::nullopt;
  return text;
}

const char* const kBylineOpeners[] = {
    "сұхбаттасқан", "сұқбаттасқан", "әңгімелескен", "сұхбатты жүргізген", "сұқбатты жүргізген",
    "сұхбатты дайындаған", "сұхбатты әзірлеген", "дөңгелек үстелді жүргізген",
    "жазып алған", "әзірлеген",
};

/// The name in a byline ("Сұхбаттасқан Жанна ЖОМАРТ" -> "Жанна ЖОМАРТ"), or nullopt.
std::optional<std::string> BylineName(std::string_view s) {
  if (WordCount(s) > 10) return std::nullopt;
  for (const char* opener : kBylineOpeners) {
    if (!StartsWithCi(s, opener)) continue;
    std::string lower_opener = opener;
    std::string rest = TrimLeadingMarks(s.substr(lower_opener.size()));
    if (!rest.empty() && LastCodePoint(rest) == U'.') rest = rest.substr(0, rest.size() - 1);
    return CollapseSpaces(rest);
  }
  return std::nullopt;
}

bool IsThanks(std::string_view s) {
  if (WordCount(s) > 8) return false;
  std::string lower = ToLower(s);
  return lower.find("рақмет") != std::string::npos || lower.find("рахмет") != std::string::npos ||
         lower.find("алғыс") != std::string::npos;
}

bool LooksLikeHeading(std::string_view s) {
  if (s.empty() || WordCount(s) > 12 || CodePointCount(s) > 100) return false;
  char32_t first = FirstCodePoint(s);
  if (!u_isupper(static_cast<UChar32>(first)) && !u_isdigit(static_cast<UChar32>(first))) {
    return false;
  }
  char32_t last = LastCodePoint(s);
  if ((last == U'?' || last == U'!') && IsAllCaps(s)) return true;
  return !EndsWithSentencePunct(s);
}

bool LooksLikeHeadline(std::string_view s) {
  if (WordCount(s) > 25 || StripDashMarker(s)) return false;
  char32_t last = LastCodePoint(s);
  if (last == U'.' || last == U',' || last == U';' || last == U':') return false;
  return StartsUpper(s) || last == U'»' || last == U'"';
}

/// Proper name from ALL CAPS to title case; other words kept.
std::string TidyName(std::string_view name) {
  std::string out;
  for (const std::string& w : SplitWords(name)) {
    if (!out.empty()) out += ' ';
    out += IsAllCaps(w) && !IsInitialsToken(w) ? TitleCaseWord(w) : w;
  }
  return out;
}

std::string StripInstrumentalCase(const std::string& word) {
  for (const char* ending : {"мен", "пен", "бен"}) {
    std::string e = ending;
    if (word.size() > e.size() + 2 && word.compare(word.size() - e.size(), e.size(), e) == 0) {
      return word.substr(0, word.size() - e.size());
    }
  }
  return word;
}

/// "…Рүстем Мұстафинмен сұқбаттасқан едік" -> "Рүстем Мұстафин".
std::optional<std::string> IntervieweeFromLead(std::string_view text) {
  std::vector<std::string> words = SplitWords(text);
  for (size_t i = 1; i < words.size(); ++i) {
    std::string lower = ToLower(words[i]);
    bool talk = lower.rfind("сұхбат", 0) == 0 || lower.rfind("сұқбат", 0) == 0 ||
                lower.rfind("әңгіме", 0) == 0 || lower.rfind("сөйлес", 0) == 0;
    if (!talk) continue;
    // The name stands in the instrumental case a few words before: "…Жұмабаевпен
    // поэзия туралы сұхбаттастық".
    for (size_t back = 1; back <= 4 && back <= i; ++back) {
      const std::string& word = words[i - back];
      if (EndsWithSentencePunct(word)) break;
      std::string stripped = StripInstrumentalCase(word);
      if (stripped == word || !StartsUpper(word)) continue;
      std::string name = stripped;
      size_t k = i - back;
      if (k >= 1 && StartsUpper(words[k - 1]) && !EndsWithSentencePunct(words[k - 1])) {
        name = words[k - 1] + " " + name;
      }
      return TidyName(name);
    }
  }
  return std::nullopt;
}


/// "Name Surname: «quote»" headline -> "Name Surname".
std::optional<std::string> NameFromHeadline(std::string_view headline) {
  std::optional<Label> label = SplitLabel(headline);
  if (!label || WordCount(label->name) < 2) return std::nullopt;
  return TidyName(label->name);
}

/// "Жанна Жомарт" -> "ЖЖ".
std::string InitialsOf(std::string_view name) {
  std::string out;
  for (const std::string& w : SplitWords(name)) {
    AppendUtf8(out, static_cast<char32_t>(u_toupper(static_cast<UChar32>(FirstCodePoint(w)))));
  }
  return out;
}

/// Two labels denote one person: same text, same surname, or initials of a full name.
bool SamePerson(std::string_view a, std::string_view b) {
  if (LowerNoDots(a) == LowerNoDots(b)) return true;
  std::vector<std::string> wa = SplitWords(a), wb = SplitWords(b);
  auto is_initials = [](std::string_view s) {
    auto words = SplitWords(s);
    return std::all_of(words.begin(), words.end(), [](const std::string& w) { return IsInitialsToken(w); });
  };
  if (is_initials(a) && !is_initials(b)) return LowerNoDots(a) == LowerNoDots(InitialsOf(b));
  if (is_initials(b) && !is_initials(a)) return LowerNoDots(b) == LowerNoDots(InitialsOf(a));
  if (wa.empty() || wb.empty()) return false;
  return ToLower(wa.back()) == ToLower(wb.back()) && (wa.size() == 1 || wb.size() == 1);
}

/// "А.Н" with a lead mentioning "Асқар Нұрбеков" -> "Асқар Нұрбеков"; otherwise the
/// label, tidied.
std::string FullNameForLabel(const std::string& label, const std::string& lead) {
  auto words = SplitWords(label);
  bool initials = !words.empty() && std::all_of(words.begin(), words.end(),
                                                [](const std::string& w) { return IsInitialsToken(w); });
  if (initials) {
    std::vector<std::string> lead_words = SplitWords(lead);
    for (size_t i = 0; i + 1 < lead_words.size(); ++i) {
      if (!StartsUpper(lead_words[i]) || !StartsUpper(lead_words[i + 1])) continue;
      std::string name = lead_words[i] + " " + StripInstrumentalCase(lead_words[i + 1]);
      while (!name.empty() && !IsLetter(LastCodePoint(name))) name.pop_back();
      if (LowerNoDots(label) == LowerNoDots(InitialsOf(name))) return TidyName(name);
    }
  }
  return TidyName(label);
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
    for (size_t k = i; k < j; ++k) has_cyrillic |= IsCyrillic(u[k]);
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
  // 1. Paragraphs: every non-blank line, look-alikes repaired, spaces collapsed.
  std::vector<Para> paras;
  for (const Line& line : doc.lines) {
    std::string text = CollapseSpaces(RepairLookAlikes(line.text));
    if (text.empty()) continue;
    Para p;
    p.line = line.number;
    p.text = text;
    p.raw = text;
    paras.push_back(std::move(p));
  }
  Script script;
  script.speakers.push_back(Speaker{"s1", Role::kNarrator, "", "narrator"});
  if (paras.empty()) return script;

  // 2. Classify each paragraph on its own.
  size_t name_labels = 0;
  for (Para& p : paras) {
    if (auto dash = StripDashMarker(p.raw)) {
      p.kind = Kind::kDash;
      p.text = *dash;
    } else if (auto numbered = StripNumberedQuestion(p.raw)) {
      p.kind = Kind::kNumberedQuestion;
      p.text = *numbered;
    } else if (auto label = SplitLabel(p.raw)) {
      if (IsQuestionLabel(label->name)) {
        p.kind = Kind::kQuestionLabel;
      } else if (IsAnswerLabel(label->name)) {
        p.kind = Kind::kAnswerLabel;
      } else {
        p.kind = Kind::kNameLabel;
        p.label = label->name;
        ++name_labels;
      }
      p.text = label->rest;
    }
    p.thanks = IsThanks(p.text);
  }
  // A colon after a name once or twice is more likely a quotation than a turn label.
  if (name_labels < 3) {
    for (Para& p : paras) {
      if (p.kind == Kind::kNameLabel) {
        p.kind = Kind::kText;
        p.text = p.raw;
      }
    }
  }
  // Headline: a short first line that is not a turn.
  size_t first_body = 0;
  if (paras.size() > 1 && !options.line_overrides.count(paras[0].line) && paras[0].kind != Kind::kDash && paras[0].kind != Kind::kQuestionLabel &&
      LooksLikeHeadline(paras[0].raw) &&
      (paras[0].kind == Kind::kText || WordCount(paras[0].label) >= 2)) {
    script.title = paras[0].raw;
    first_body = 1;
  }
  // Bylines near the end; headings anywhere a short unpunctuated line stands alone.
  for (size_t i = first_body; i < paras.size(); ++i) {
    Para& p = paras[i];
    if (p.kind != Kind::kText && p.kind != Kind::kDash) continue;
    if (i + 4 >= paras.size()) {
      if (auto name = BylineName(p.text)) {
        p.kind = Kind::kByline;
        p.label = *name;
        continue;
      }
    }
    if (p.kind != Kind::kText || i + 1 >= paras.size() || (i == 0 && first_body == 0)) continue;
    if (!LooksLikeHeading(p.raw)) continue;
    // A run of short unpunctuated lines is verse or a list, not headings.
    auto short_line = [&](size_t k) {
      return paras[k].kind == Kind::kText && LooksLikeHeading(paras[k].raw);
    };
    bool prev_short = i > first_body && short_line(i - 1);
    bool next_short = short_line(i + 1);
    if (prev_short || next_short) continue;
    p.kind = Kind::kHeading;
  }

  // The editor's corrections win over detection.
  for (Para& p : paras) {
    auto it = options.line_overrides.find(p.line);
    if (it == options.line_overrides.end()) continue;
    switch (it->second) {
      case LineOverride::kHeading:
        p.kind = Kind::kHeading;
        p.text = p.raw;
        break;
      case LineOverride::kParagraph:
        if (p.kind == Kind::kHeading) p.kind = Kind::kText;
        break;
      default:
        p.forced = it->second;
        break;
    }
  }

  // 3. Speakers met so far, by label or role.
  std::string interviewer_name;
  std::string interviewee_name;
  for (const Para& p : paras) {
    if (p.kind == Kind::kByline && !p.label.empty()) interviewer_name = TidyName(p.label);
  }
  if (script.title) {
    if (auto n = NameFromHeadline(*script.title)) interviewee_name = *n;
  }
  for (size_t i = first_body; i < paras.size() && interviewee_name.empty(); ++i) {
    if (paras[i].kind != Kind::kText) break;
    if (auto n = IntervieweeFromLead(paras[i].text)) interviewee_name = *n;
  }

  // The narration before the first turn, where initials can find their full names.
  std::string lead_text;
  for (size_t i = first_body; i < paras.size() && paras[i].kind == Kind::kText; ++i) {
    lead_text += paras[i].text + " ";
  }

  // Named labels: one speaker per person; the one who asks most is the interviewer.
  struct Person {
    std::string label;
    int turns = 0;
    int questions = 0;
    size_t speaker = 0;
  };
  std::vector<Person> people;
  auto person_of = [&](const std::string& label) -> size_t {
    for (size_t k = 0; k < people.size(); ++k) {
      if (SamePerson(people[k].label, label)) {
        if (WordCount(label) > WordCount(people[k].label)) people[k].label = label;
        return k;
      }
    }
    people.push_back(Person{label});
    return people.size() - 1;
  };
  for (Para& p : paras) {
    if (p.kind != Kind::kNameLabel) continue;
    Person& who = people[person_of(p.label)];
    ++who.turns;
    if (LastCodePoint(p.text) == U'?') ++who.questions;
  }
  std::optional<size_t> asking;
  for (size_t k = 0; k < people.size(); ++k) {
    if (!interviewer_name.empty() && SamePerson(people[k].label, interviewer_name)) {
      asking = k;
      break;
    }
    if (2 * people[k].questions > people[k].turns &&
        (!asking || people[k].questions > people[*asking].questions)) {
      asking = k;
    }
  }

  auto add_speaker = [&](Role role, std::string name) -> size_t {
    size_t interviewees = 0;
    for (const Speaker& s : script.speakers) interviewees += s.role == Role::kInterviewee;
    std::string voice = RoleName(role);
    if (role == Role::kInterviewee && !options.interviewee_voices.empty()) {
      voice = options.interviewee_voices[interviewees % options.interviewee_voices.size()];
    }
    script.speakers.push_back(Speaker{"s" + std::to_string(script.speakers.size() + 1), role,
                                      std::move(name), voice});
    return script.speakers.size() - 1;
  };
  std::optional<size_t> interviewer, interviewee;
  auto interviewer_speaker = [&]() {
    if (!interviewer) interviewer = add_speaker(Role::kInterviewer, interviewer_name);
    return *interviewer;
  };
  auto interviewee_speaker = [&]() {
    if (!interviewee) interviewee = add_speaker(Role::kInterviewee, interviewee_name);
    return *interviewee;
  };
  auto labelled_speaker = [&](const std::string& label) {
    size_t k = person_of(label);
    Person& who = people[k];
    if (who.speaker == 0) {
      if (asking && k == *asking) {
        if (interviewer_name.empty()) interviewer_name = TidyName(who.label);
        if (!interviewer) {
          interviewer = add_speaker(Role::kInterviewer, interviewer_name);
        }
        who.speaker = *interviewer;
      } else {
        who.speaker = add_speaker(Role::kInterviewee, FullNameForLabel(who.label, lead_text));
      }
    }
    return who.speaker;
  };

  // 4. Walk the paragraphs into chapters and turns.
  auto new_chapter = [&](int line, std::optional<std::string> heading) {
    Chapter c;
    c.number = static_cast<int>(script.chapters.size()) + 1;
    c.line = line;
    c.heading = heading;
    c.title = heading ? CollapseSpaces(*heading)
                      : (script.title ? *script.title : options.lead_title);
    script.chapters.push_back(std::move(c));
  };
  auto add_paragraph = [&](size_t speaker, const Para& p) {
    Chapter& chapter = script.chapters.back();
    if (chapter.turns.empty() || chapter.turns.back().speaker != speaker) {
      chapter.turns.push_back(Turn{speaker, script.speakers[speaker].role, {}});
    }
    chapter.turns.back().paragraphs.push_back(Paragraph{p.line, p.text});
  };

  size_t current = 0;  // the narrator until the first turn
  bool next_dash_asks = true;
  bool in_turns = false;
  bool closing_thanked = false;
  bool answer_follows = false;
  for (size_t i = first_body; i < paras.size(); ++i) {
    const Para& p = paras[i];
    if (script.chapters.empty()) {
      new_chapter(p.line, p.kind == Kind::kHeading ? std::optional(p.raw) : std::nullopt);
      if (p.kind == Kind::kHeading) continue;
    }
    bool near_end = i + 4 >= paras.size();
    if (p.forced) {
      if (*p.forced == LineOverride::kNarrator) {
        current = 0;
      } else if (*p.forced == LineOverride::kInterviewer) {
        current = interviewer_speaker();
        next_dash_asks = false;
        in_turns = true;
      } else {
        current = interviewee_speaker();
        next_dash_asks = true;
        in_turns = true;
      }
      add_paragraph(current, p);
      continue;
    }
    switch (p.kind) {
      case Kind::kHeading:
        new_chapter(p.line, p.raw);
        next_dash_asks = true;
        continue;
      case Kind::kByline:
        add_paragraph(0, p);
        continue;
      case Kind::kDash: {
        // A dash list inside narration ("СҰХБАТТА:" then items ending in ";") stays
        // narration.
        bool list_item = !in_turns && i > first_body &&
                         (LastCodePoint(paras[i - 1].raw) == U':' ||
                          (paras[i - 1].kind == Kind::kDash && LastCodePoint(paras[i - 1].raw) == U';'));
        if (list_item) {
          add_paragraph(0, p);
          continue;
        }
        if (p.thanks && near_end && !closing_thanked) {
          current = interviewer_speaker();
          closing_thanked = true;
          next_dash_asks = false;
        } else {
          current = next_dash_asks ? interviewer_speaker() : interviewee_speaker();
          next_dash_asks = !next_dash_asks;
        }
        in_turns = true;
        add_paragraph(current, p);
        continue;
      }
      case Kind::kQuestionLabel:
      case Kind::kNumberedQuestion:
        current = interviewer_speaker();
        in_turns = true;
        // Numbered questions are followed by unmarked answers.
        answer_follows = p.kind == Kind::kNumberedQuestion;
        add_paragraph(current, p);
        continue;
      case Kind::kAnswerLabel:
        current = interviewee_speaker();
        in_turns = true;
        add_paragraph(current, p);
        continue;
      case Kind::kNameLabel:
        current = labelled_speaker(p.label);
        in_turns = true;
        add_paragraph(current, p);
        continue;
      case Kind::kText:
        if (answer_follows) {
          current = interviewee_speaker();
          answer_follows = false;
        }
        if (p.thanks && near_end && in_turns && !closing_thanked) {
          current = interviewer_speaker();
          closing_thanked = true;
        }
        add_paragraph(current, p);
        continue;
    }
  }
  if (script.chapters.empty()) new_chapter(paras.front().line, std::nullopt);
  return script;
}

}  // namespace dauys
