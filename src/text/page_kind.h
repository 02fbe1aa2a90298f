#pragma once
// Before anyone is given a voice, the page as a whole is judged: an interview (turns
// of questions and answers) or an article (a news item, a report, a story or a memoir
// that quotes people). An article quotes with the same dashes an interview marks its
// turns with, but tells whose words they are ("– …, – деді әкім") and goes on in the
// writer's own narration between them; an interview asks its guest questions, in the
// second person, and the guest answers. An article is read by the narrator alone, so
// its quotes never become an invented «Тілші» and «Сұхбат беруші».

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/role_model.h"

namespace dauys {

struct WordLists;

enum class PageKind { kInterview, kArticle };

/// "interview" or "article", as plan, the sidecar and book.json write it.
const char* PageKindName(PageKind kind);
/// The kind a sidecar names, or nullopt for any other word.
std::optional<PageKind> ParsePageKind(const std::string& name);

/// What the text's units show about the page as a whole (counted by the segmenter).
struct PageKindEvidence {
  size_t dash_units = 0;         ///< units opened by a dash (turns, or quotes)
  size_t attributed = 0;         ///< dash units that say whose words they are ("– деді ол")
  size_t questions = 0;          ///< units that ask (end in «?») with no attribution
  size_t questions_to_you = 0;   ///< of them, those that speak to «сіз»
  size_t reported = 0;           ///< plain paragraphs among the quotes that report speech ("айтты")
  size_t labels = 0;             ///< «Сұрақ:», «Жауап:», name labels, numbered questions
  bool interview_words = false;  ///< «сұхбат» in the headline or lead, an interviewer's byline
  size_t lead = 0;               ///< plain paragraphs before the first dash or label
  size_t short_dash = 0;         ///< dash units of at most 12 words (a story's dialogue)
  size_t informal = 0;           ///< units that speak to «сен» (between friends, not to a guest)
  size_t question_answer = 0;    ///< a dash question followed by a longer dash statement
  size_t between = 0;            ///< plain paragraphs between two dash units (narration)
  size_t question_question = 0;  ///< a dash question followed by another dash question
  size_t units = 0;              ///< every unit of text
  size_t speak_of_self = 0;      ///< units that speak of «мен», «біз»
  size_t speak_to_you = 0;       ///< units that speak to «сіз»
  size_t report_speech = 0;      ///< units with a verb that reports speech («деді», «айтты»)
};

struct PageKindDecision {
  PageKind kind = PageKind::kInterview;
  std::vector<std::string> why;  ///< the evidence that decided, for `dauys plan`
};

/// The page's features for the model (role_model.h): rules of thumb as flags, and
/// shares of the counts.
FeatureVector PageKindFeatures(const PageKindEvidence& page);

/// The page's kind from its evidence: an article when the model's weighted sum of the
/// features is positive; `why` names the strongest evidence for the decision.
PageKindDecision DecidePageKind(const PageKindEvidence& page, const RoleModel& model = RoleModel::HandSet());

/// True for a word a writer reports speech with ("айтты", "мәлімдеді", "атап" of
/// "атап өтті"; `lists.reporting_verbs`): a lower-case word, punctuation around it ignored.
bool IsReportingVerb(std::string_view lower_word, const WordLists& lists);

}  // namespace dauys
