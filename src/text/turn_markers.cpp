#include "text/turn_markers.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>

#include "text/person_names.h"
#include "text/word_lists.h"
#include "util/unicode.h"

namespace dauys {

namespace {

bool IsSpace(char32_t c) { return c == U' ' || c == U'\u00A0' || c == U'\t'; }

std::string TrimLeadingMarks(std::string_view s) {
  std::u32string u = ToUtf32(s);
  size_t i = 0;
  while (i < u.size() && (IsSpace(u[i]) || u[i] == U':' || u[i] == U'.' || IsTurnDash(u[i]))) ++i;
  return FromUtf32(u.substr(i));
}

/// A name part of a label: capitalised letters, hyphens, dots ("Ж.Жомарт"), or the
/// letters of a script without capitals.
bool IsLabelNameToken(const std::string& token) {
  if (IsInitialsToken(token)) return true;
  std::u32string u = ToUtf32(token);
  if (u.empty() || !(u_isupper(static_cast<UChar32>(u[0])) || IsCaselessLetter(u[0]))) return false;
  for (char32_t c : u) {
    if (!u_isalpha(static_cast<UChar32>(c)) && c != U'-' && c != U'.') return false;
  }
  return true;
}

/// True when the dash at `i` of `u` opens a turn: a finished sentence before it, a
/// capital or an opening quote after it.
bool OpensInlineTurn(const std::u32string& u, size_t i) {
  if (!IsTurnDash(u[i])) return false;
  size_t before = i;
  while (before > 0 && IsSpace(u[before - 1])) --before;
  if (before == 0) return false;
  if (u[i] == U'-' && before == i) return false;  // a hyphen inside a word
  size_t end = before;
  while (end > 0 && (u[end - 1] == U'»' || u[end - 1] == U'"' || u[end - 1] == U'”' || u[end - 1] == U')')) --end;
  if (end == 0) return false;
  char32_t stop = u[end - 1];
  if (stop != U'.' && stop != U'?' && stop != U'!' && stop != U'…') return false;
  if (stop == U'.') {
    // "т.б. – …", "ж. – …": an abbreviation, not the end of a sentence.
    size_t word = end - 1;
    while (word > 0 && !IsSpace(u[word - 1])) --word;
    size_t letters = 0;
    for (size_t k = word; k + 1 < end; ++k) letters += u_isalpha(static_cast<UChar32>(u[k])) ? 1 : 0;
    if (letters < 3) return false;
    for (size_t k = word; k + 1 < end; ++k) {
      if (u[k] == U'.') return false;
    }
  }
  size_t after = i + 1;
  while (after < u.size() && IsSpace(u[after])) ++after;
  if (after >= u.size()) return false;
  char32_t next = u[after];
  return u_isupper(static_cast<UChar32>(next)) || next == U'«' || next == U'"' || next == U'“';
}

}  // namespace

bool IsTurnDash(char32_t c) {
  switch (c) {
    case U'-': case U'\u2012': case U'\u2013': case U'\u2014': case U'\u2015':
    case U'\u2212': case U'\u2500':
      return true;
    default:
      return false;
  }
}

std::optional<std::string> StripDashMarker(std::string_view s) {
  size_t len = 0;
  char32_t c = FirstCodePoint(s, &len);
  if (!IsTurnDash(c)) return std::nullopt;
  std::string_view rest = s.substr(len);
  char32_t next = FirstCodePoint(rest);
  if (next == 0) return std::nullopt;
  if (c == U'-' && (u_isdigit(static_cast<UChar32>(next)) || next == U'-')) return std::nullopt;
  std::string text = CollapseSpaces(rest);
  if (text.empty()) return std::nullopt;
  return text;
}

std::optional<Label> SplitLabel(std::string_view s, bool long_role) {
  size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > (long_role ? 400u : 200u)) return std::nullopt;
  std::string head = CollapseSpaces(s.substr(0, colon));
  std::string rest = CollapseSpaces(s.substr(colon + 1));
  if (head.empty() || CodePointCount(head) > 120) return std::nullopt;
  std::string name = head, role;
  size_t comma = head.find(','), comma_size = 1;
  if (comma == std::string::npos && (comma = head.find("،")) != std::string::npos) comma_size = std::string_view("،").size();
  if (comma != std::string::npos) {
    name = CollapseSpaces(head.substr(0, comma));
    role = CollapseSpaces(head.substr(comma + comma_size));
    if (role.empty() || SplitWords(role).size() > (long_role ? 24u : 14u)) return std::nullopt;
  } else if (CodePointCount(head) > 40) {
    return std::nullopt;
  }
  std::vector<std::string> tokens = SplitWords(name);
  if (tokens.empty() || tokens.size() > 4) return std::nullopt;
  for (const std::string& t : tokens) {
    if (!IsLabelNameToken(t)) return std::nullopt;
  }
  // Without capitals any words could stand before a colon ("ماسەلەن:", for example:):
  // only "Сұрақ"/"Жауап" and a name with a surname's ending are labels there.
  if (IsCaselessLetter(FirstCodePoint(tokens.front())) && !IsQuestionLabel(name) && !IsAnswerLabel(name)) {
    std::string surname = tokens.back();
    // "يمانبەك مولداحمەت ۇلى": a patronymic written as two words.
    if (tokens.size() >= 3 && (surname == "ۇلى" || surname == "قىزى")) surname = tokens[tokens.size() - 2] + surname;
    if (tokens.size() < 2 || !LooksLikeSurname(StripCaseEnding(surname))) return std::nullopt;
  }
  // A role after a comma belongs to a person, never to "Сұрақ".
  if (!role.empty() && (tokens.size() < 2 && !IsAllInitials(name))) return std::nullopt;
  if (rest.empty() && role.empty() && tokens.size() < 2 && !IsAllInitials(name) && !IsQuestionLabel(name) &&
      !IsAnswerLabel(name)) {
    return std::nullopt;
  }
  return Label{name, role, rest};
}

// The labels in Cyrillic, the Latin alphabets of 2018 and 2021 and the Arabic script.
// "Тілекші", "Оқырман": the reader who asks at an internet conference.
bool IsQuestionLabel(std::string_view name) {
  static const std::array<std::string_view, 16> kQuestion = {
      "сұрақ", "с", "сұрақ-жауап", "сауал", "тілекші", "оқырман",
      "suraq", "sūraq", "saýal", "saual", "tilekshi", "tılekşı", "oqyrman",
      "سۇراق", "ساۋال", "تىلەكشى"};
  std::string n = LowerNoDots(name);
  return std::find(kQuestion.begin(), kQuestion.end(), n) != kQuestion.end() || n == "وقىرمان";
}

bool IsAnswerLabel(std::string_view name) {
  std::string n = LowerNoDots(name);
  return n == "жауап" || n == "ж" || n == "jaýap" || n == "jauap" || n == "جاۋاپ";
}

bool IsNarratorLabel(std::string_view name, const WordLists& lists) { return HasWord(lists.tv_voices, LowerNoDots(name)); }

bool IsSoundBiteLabel(std::string_view name) {
  std::string n = LowerNoDots(name);
  return n == "снх" || n == "синхрон" || n == "сх";
}

std::optional<std::string> StripNumberedQuestion(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == 0 || i > 3) return std::nullopt;
  std::string rest = TrimLeadingMarks(s.substr(i));
  const std::string word = "сұрақ";
  if (ToLower(rest.substr(0, word.size())) != word) {
    // "1. Оқуға неге түстіңіз?": a number and a full stop before a question.
    if (i > 2 || i >= s.size() || (s[i] != '.' && s[i] != ')') || rest.empty()) return std::nullopt;
    std::string end = rest;
    while (!end.empty() && (end.back() == ' ' || end.back() == '"')) end.pop_back();
    if (end.size() >= 2 && end.substr(end.size() - 2) == "»") end.resize(end.size() - 2);
    if (!IsQuestionMark(LastCodePoint(end))) return std::nullopt;
    return CollapseSpaces(s);  // the number stays: it is read with the question
  }
  std::string after = rest.substr(word.size());
  if (after.empty() || (after[0] != '.' && after[0] != ':')) return std::nullopt;
  std::string text = TrimLeadingMarks(after);
  if (text.empty()) return std::nullopt;
  return text;
}

std::vector<std::string> SplitInlineTurns(std::string_view paragraph) {
  std::u32string u = ToUtf32(paragraph);
  std::vector<std::string> pieces;
  size_t start = 0;
  for (size_t i = 1; i < u.size(); ++i) {
    if (!OpensInlineTurn(u, i)) continue;
    std::string piece = CollapseSpaces(FromUtf32(u.substr(start, i - start)));
    if (!piece.empty()) pieces.push_back(piece);
    start = i;
  }
  std::string last = CollapseSpaces(FromUtf32(u.substr(start)));
  if (!last.empty()) pieces.push_back(last);
  if (pieces.empty()) pieces.push_back(CollapseSpaces(paragraph));
  return pieces;
}

}  // namespace dauys
