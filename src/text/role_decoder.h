#pragma once
// Decides who speaks each unit of an interview from evidence, not from dash order
// alone. Real pages ask the first question inside the lead, leave questions without a
// marker, glue turns into one paragraph: alternation of interviewer and interviewee
// is a strong prior, and breaking it costs evidence ("ends with ?", a question word,
// a polite request, a long statement). The sequence of roles that best explains all
// units together is found by dynamic programming (Viterbi over three roles), and
// every decision keeps the evidence that made it, for `dauys plan --why`.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "text/role_model.h"
#include "text/script.h"
#include "text/turn_markers.h"

namespace dauys {

struct WordLists;

/// What a unit of text shows about its speaker.
struct UnitEvidence {
  Marker marker = Marker::kNone;
  std::optional<Role> fixed;  ///< a label, a byline or the editor decided already
  std::string fixed_why;      ///< why, when fixed ("label «Сұрақ»")
  bool ends_with_question = false;
  std::string question_word;  ///< a question word or particle of the last sentence
  bool polite_request = false;  ///< "…айтып беріңізші."
  bool addresses_you = false;   ///< "Сіз", "Сіздің", "…бағалайсыз": speaks to the other
  bool speaks_of_self = false;  ///< "мен", "менің", "…бастадым": speaks of oneself
  size_t words = 0;
  bool after_heading = false;
  bool closing_thanks = false;  ///< thanks near the end of the text
  bool asks_before_first_dash = false;  ///< a plain question right before the first dash turn
  /// The writer tells it as their own words: "– …, – деп, жауап қаттым" (I answered),
  /// or as a question: "– …, – деп сұрады тілші".
  bool writer_speaks = false;
  /// Told as someone else's words: "– …, – дейді бас бапкер".
  bool guest_quoted = false;
  /// An item of a list its speaker opened with a colon ("үш сұрақ тұр:" then "1. …?").
  bool in_list = false;
  /// Markup: true when printed in bold (or opening bold), as papers print their
  /// questions; false when the page prints its questions in bold and this one is not;
  /// unset without such markup (plain text).
  std::optional<bool> bold;
};

/// What the whole text shows about its conventions.
struct PageEvidence {
  bool lead_asks = false;           ///< the lead asks the first question ("…деп сұрадық")
  bool unmarked_questions = false;  ///< plain paragraphs ending in "?" are the questions
  bool unmarked_answers = false;    ///< plain paragraphs after a question are the answers
};

struct RoleDecision {
  Role role = Role::kNarrator;
  std::vector<std::string> why;
};

/// Fills the question evidence of `unit` from its text (question words from
/// `lists.question_words`).
void ReadQuestionEvidence(std::string_view text, UnitEvidence& unit, const WordLists& lists);

/// True when the lead asks the first question itself ("«…?» деп сұрадық":
/// `lists.lead_asks`, or a lead ending in «?»).
bool LeadAsksQuestion(std::string_view lead, const WordLists& lists);

/// The roles of `units` in order: the sequence of least total cost, each step's cost
/// the model's weights times the step's features. The narrator can only open the text
/// (the lead) or hold fixed units.
std::vector<RoleDecision> DecodeRoles(const std::vector<UnitEvidence>& units, const PageEvidence& page,
                                      const RoleModel& model = RoleModel::HandSet());

/// Every step's features, for `dauys plan --features` and `scripts/fit-roles`: per unit,
/// index 3 × p + r (roles as numbered in `Role`), nullopt where the step cannot be.
std::vector<std::array<std::optional<FeatureVector>, 9>> RoleStepFeatures(const std::vector<UnitEvidence>& units,
                                                                         const PageEvidence& page);

}  // namespace dauys
