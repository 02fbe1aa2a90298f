#pragma once
// How newspapers mark who speaks: a dash at the start of a paragraph or after a
// sentence inside one, a label before a colon ("Сұрақ:", "Ж.Ж.:", "Name Surname, role:"),
// a numbered question. Each paragraph of an interview becomes one or more units, each
// with the marker that opened it; the role decoder weighs the markers with the rest of
// the evidence.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dauys {

struct WordLists;

enum class Marker { kNone, kDash, kQuestionLabel, kAnswerLabel, kNumberedQuestion, kNameLabel, kNarratorLabel };

/// Dashes papers use to open a turn: - ‒ – — ― − ─.
bool IsTurnDash(char32_t c);

/// "– Text", "—Text", "- Text": a dash at the very start, then text (not "-5").
std::optional<std::string> StripDashMarker(std::string_view paragraph);

struct Label {
  std::string name;  ///< as written, spaces collapsed ("Асқар Нұрбеков", "Қ.Ә", "Сұрақ")
  std::string role;  ///< after a comma in the label ("ғалым"), else empty
  std::string rest;  ///< the text after the colon; empty for a label alone on its line
};

/// "Name Surname: text", "Ж.Ж.: text", "Сұрақ: text", "Name, role:" (alone on its
/// line or before the text). `long_role` allows the long titles of a TV script's
/// sound bite (up to 24 words of role).
std::optional<Label> SplitLabel(std::string_view paragraph, bool long_role = false);

/// "Сұрақ", "С", "С." label the interviewer; "Жауап", "Ж" the interviewee.
bool IsQuestionLabel(std::string_view name);
bool IsAnswerLabel(std::string_view name);
/// A TV script's labels for the channel's own voices: «ДИКТОР», «ЖҮРГІЗУШІ» (the
/// anchor), «ТІЛШІ», «РКС», «ЗК» (the reporter, the voice-over), «СТЕНДАП»
/// (`lists.tv_voices`).
bool IsNarratorLabel(std::string_view name, const WordLists& lists);
/// A TV script's «СНХ», «СИНХРОН»: a sound bite; the speaker's own label follows
/// ("СНХ: ДУМАН ДӘЛЕШОВ, басқарма бастығы: …").
bool IsSoundBiteLabel(std::string_view name);

/// "1 сұрақ.", "2-сұрақ:" at the start of a paragraph: the text after it. "1." or
/// "2)" before a paragraph that ends with a question mark: the paragraph, number kept.
std::optional<std::string> StripNumberedQuestion(std::string_view paragraph);

/// Splits a paragraph where a dash opens a new turn after a finished sentence
/// ("…едік. – Сіз…? – Иә, …"): the first piece as written, then each later turn
/// without its dash. A paragraph without such a dash is one piece.
std::vector<std::string> SplitInlineTurns(std::string_view paragraph);

}  // namespace dauys
