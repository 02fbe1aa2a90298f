#include "text/page_kind.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "util/unicode.h"

namespace dauys {

const char* PageKindName(PageKind kind) { return kind == PageKind::kArticle ? "article" : "interview"; }

std::optional<PageKind> ParsePageKind(const std::string& name) {
  if (name == "article") return PageKind::kArticle;
  if (name == "interview") return PageKind::kInterview;
  return std::nullopt;
}

bool IsReportingVerb(std::string_view word) {
  std::string w;
  for (char32_t c : ToUtf32(word)) {
    if (IsLetter(c)) AppendUtf8(w, c);
  }
  static const std::array<std::string_view, 18> kVerbs = {
      "айтты",     "айтады",     "деді",      "дейді",      "мәлімдеді", "хабарлады",
      "жеткізді",  "түсіндірді", "атап",      "мәлім",      "толықтырды", "қосты",
      "түйіндеді", "сендірді",   "баса",      "келтірді",   "ескертті",  "мойындады"};
  return std::find(kVerbs.begin(), kVerbs.end(), w) != kVerbs.end();
}

PageKindDecision DecidePageKind(const PageKindEvidence& p) {
  PageKindDecision d;
  auto count = [](size_t n, size_t of, const char* what) {
    return std::to_string(n) + " of " + std::to_string(of) + " " + what;
  };
  // An interview is an exchange: a lone quote or captioned sound bite with no question
  // asked is an article's, unless the page calls itself a «сұхбат».
  // (A «Name, roles:» label that opens the page, with no lead, presents an opinion.)
  if (p.questions == 0 && p.dash_units + p.labels <= 1 && !p.interview_words && (p.labels == 0 || p.lead > 0)) {
    d.kind = PageKind::kArticle;
    d.why.push_back(p.dash_units + p.labels == 0 ? "no turn marked and no question asked"
                                                 : "a single quote and no question asked");
    return d;
  }
  // A TV or radio report captions its sound bites with «Name, role:» and narrates
  // between them; nobody is asked anything.
  if (p.labels > 0 && p.questions == 0 && p.reported > 0) {
    d.kind = PageKind::kArticle;
    d.why.push_back(std::to_string(p.labels) + " labels caption quotes, " + std::to_string(p.reported) +
                    " paragraphs between them report speech, no question asked");
    return d;
  }
  if (p.labels > 0) {
    d.why.push_back(std::to_string(p.labels) + " turn labels («Сұрақ:», names, numbers)");
    return d;
  }
  // Questions to the guest that nobody attributes are an interview's own mark.
  if (p.questions_to_you >= 2 || (p.questions_to_you >= 1 && p.attributed == 0)) {
    d.why.push_back(std::to_string(p.questions_to_you) + " questions to «сіз»");
    return d;
  }
  if (p.interview_words && p.attributed * 2 < p.dash_units + 1) {
    d.why.push_back("«сұхбат» in the headline, lead or byline");
    return d;
  }
  const bool quotes_told = p.attributed > 0 && p.attributed * 2 >= p.dash_units;
  const bool narrated = p.attributed > 0 && p.reported > 0;
  if ((quotes_told || narrated) && p.questions <= p.attributed / 2) {
    d.kind = PageKind::kArticle;
    d.why.push_back(count(p.attributed, p.dash_units, "dash paragraphs say whose words they are («– деді …»)"));
    if (p.reported > 0) d.why.push_back(std::to_string(p.reported) + " paragraphs between them report speech");
    if (p.questions == 0) d.why.push_back("no question asked outside a quote");
    return d;
  }
  // Questions without a turn marked that ask nobody are an article's («Теория не
  // дейді?» as a subheading).
  if (p.dash_units == 0 && p.questions_to_you == 0) {
    d.kind = PageKind::kArticle;
    d.why.push_back("no turn marked, and " + std::to_string(p.questions) + " questions that ask nobody («сіз»)");
    return d;
  }
  d.why.push_back(count(p.dash_units - std::min(p.dash_units, p.attributed), p.dash_units,
                        "dash paragraphs stand as turns of their own"));
  if (p.questions > 0) d.why.push_back(std::to_string(p.questions) + " questions");
  return d;
}

}  // namespace dauys
