#include "text/page_kind.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "text/word_lists.h"
#include "util/unicode.h"

namespace dauys {

const char* PageKindName(PageKind kind) { return kind == PageKind::kArticle ? "article" : "interview"; }

std::optional<PageKind> ParsePageKind(const std::string& name) {
  if (name == "article") return PageKind::kArticle;
  if (name == "interview") return PageKind::kInterview;
  return std::nullopt;
}

bool IsReportingVerb(std::string_view word, const WordLists& lists) {
  std::string w;
  for (char32_t c : ToUtf32(word)) {
    if (IsLetter(c)) AppendUtf8(w, c);
  }
  return HasWord(lists.reporting_verbs, w);
}

FeatureVector PageKindFeatures(const PageKindEvidence& p) {
  FeatureVector f = {{kPageBias, 1.0}};
  auto flag = [&f](PageFeature k, bool on) {
    if (on) f.emplace_back(k, 1.0);
  };
  // An interview is an exchange: a lone quote or captioned sound bite with no question
  // asked is an article's, unless the page calls itself a «сұхбат».
  // (A «Name, roles:» label that opens the page, with no lead, presents an opinion.)
  flag(kNoMarks, p.questions == 0 && p.dash_units + p.labels <= 1 && !p.interview_words && (p.labels == 0 || p.lead > 0));
  // A TV or radio report captions its sound bites with «Name, role:» and narrates
  // between them; nobody is asked anything.
  flag(kTvReport, p.labels > 0 && p.questions == 0 && p.reported > 0);
  flag(kHasLabels, p.labels > 0);
  // Questions to the guest that nobody attributes are an interview's own mark.
  flag(kQuestionsToYou, p.questions_to_you >= 2 || (p.questions_to_you >= 1 && p.attributed == 0));
  flag(kInterviewWords, p.interview_words && p.attributed * 2 < p.dash_units + 1);
  const bool told = p.attributed > 0 && (p.attributed * 2 >= p.dash_units || p.reported > 0);
  flag(kQuotesTold, told && p.questions <= p.attributed / 2);
  // Questions without a turn marked that ask nobody («Теория не дейді?» as a subheading).
  flag(kNoDashNoYou, p.dash_units == 0 && p.questions_to_you == 0);
  auto share = [&f](PageFeature k, size_t n, size_t of) {
    if (n > 0) f.emplace_back(k, static_cast<double>(n) / static_cast<double>(std::max<size_t>(of, 1)));
  };
  share(kAttributedShare, p.attributed, p.dash_units);
  share(kQuestionShare, p.questions, p.dash_units + p.labels + 1);
  share(kReportedShare, p.reported, p.dash_units + 1);
  share(kLeadShare, p.lead, p.dash_units + p.labels + 1);
  share(kShortDashShare, p.short_dash, p.dash_units);
  share(kInformalShare, p.informal, p.dash_units + p.labels + 1);
  share(kQuestionAnswerShare, p.question_answer, p.dash_units / 2 + 1);
  share(kBetweenShare, p.between, p.dash_units + 1);
  flag(kNoQuestions, p.questions == 0);
  flag(kLabelsNoQuestions, p.labels > 0 && p.questions == 0);
  share(kYouShare, p.questions_to_you, p.questions);
  share(kSelfUnitShare, p.speak_of_self, p.units);
  share(kYouUnitShare, p.speak_to_you, p.units);
  share(kReportUnitShare, p.report_speech, p.units);
  share(kQuestionQuestionShare, p.question_question, p.dash_units / 2 + 1);
  flag(kNobodyCalledYou, p.questions >= 3 && p.questions_to_you == 0);
  return f;
}

namespace {

/// What a page feature says, in the words `dauys plan` shows.
std::string Describe(PageFeature k, const PageKindEvidence& p) {
  auto of = [](size_t n, size_t total, const char* what) {
    return std::to_string(n) + " of " + std::to_string(total) + " " + what;
  };
  switch (k) {
    case kNoMarks: return p.dash_units + p.labels == 0 ? "no turn marked and no question asked"
                                                      : "a single quote and no question asked";
    case kTvReport:
      return std::to_string(p.labels) + " labels caption quotes, " + std::to_string(p.reported) +
             " paragraphs between them report speech, no question asked";
    case kHasLabels: return std::to_string(p.labels) + " turn labels («Сұрақ:», names, numbers)";
    case kQuestionsToYou: return std::to_string(p.questions_to_you) + " questions to «сіз»";
    case kInterviewWords: return "«сұхбат» in the headline, lead or byline";
    case kQuotesTold: return of(p.attributed, p.dash_units, "dash paragraphs say whose words they are («– деді …»)");
    case kNoDashNoYou: return "no turn marked, and " + std::to_string(p.questions) + " questions that ask nobody («сіз»)";
    case kAttributedShare: return "the quotes name whose words they are";
    case kQuestionShare: return std::to_string(p.questions) + " questions";
    case kReportedShare: return std::to_string(p.reported) + " paragraphs report speech";
    case kLeadShare: return std::to_string(p.lead) + " paragraphs of lead";
    case kShortDashShare: return of(p.short_dash, p.dash_units, "dash paragraphs are short lines of dialogue");
    case kInformalShare: return std::to_string(p.informal) + " paragraphs speak to «сен»";
    case kQuestionAnswerShare: return std::to_string(p.question_answer) + " dash questions answered at length";
    case kNoQuestions: return "no question asked outside a quote";
    case kLabelsNoQuestions: return std::to_string(p.labels) + " labels, and no question asked";
    case kYouShare: return of(p.questions_to_you, p.questions, "questions speak to «сіз»");
    case kSelfUnitShare: return of(p.speak_of_self, p.units, "paragraphs speak of «мен», «біз»");
    case kYouUnitShare: return of(p.speak_to_you, p.units, "paragraphs speak to «сіз»");
    case kReportUnitShare: return of(p.report_speech, p.units, "paragraphs report speech («деді», «айтты»)");
    case kQuestionQuestionShare: return std::to_string(p.question_question) + " dash questions follow a dash question";
    case kNobodyCalledYou: return std::to_string(p.questions) + " questions, none to «сіз»";
    case kBetweenShare: return std::to_string(p.between) + " plain paragraphs narrate between dash paragraphs";
    default: return "";
  }
}

}  // namespace

PageKindDecision DecidePageKind(const PageKindEvidence& p, const RoleModel& model) {
  const FeatureVector f = PageKindFeatures(p);
  PageKindDecision d;
  d.kind = Score(f, model.page.data()) > 0 ? PageKind::kArticle : PageKind::kInterview;
  // The evidence that pulled towards the decision, strongest first.
  std::vector<std::pair<double, PageFeature>> pulls;
  for (const auto& [k, v] : f) {
    const double pull = model.page[k] * v * (d.kind == PageKind::kArticle ? 1 : -1);
    if (k != kPageBias && pull > 0) pulls.emplace_back(-pull, static_cast<PageFeature>(k));
  }
  std::stable_sort(pulls.begin(), pulls.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 0; i < pulls.size() && i < 3; ++i) d.why.push_back(Describe(pulls[i].second, p));
  if (d.why.empty()) {
    d.why.push_back(std::to_string(p.dash_units - std::min(p.dash_units, p.attributed)) + " of " +
                    std::to_string(p.dash_units) + " dash paragraphs stand as turns of their own");
    if (p.questions > 0) d.why.push_back(std::to_string(p.questions) + " questions");
  }
  return d;
}

}  // namespace dauys
