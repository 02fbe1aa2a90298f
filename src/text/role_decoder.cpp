#include "text/role_decoder.h"

#include <algorithm>
#include <array>
#include <limits>

#include "text/word_lists.h"
#include "util/unicode.h"

namespace dauys {

namespace {

constexpr double kImpossible = std::numeric_limits<double>::infinity();

constexpr size_t kRoles = 3;
constexpr std::array<Role, kRoles> kAllRoles = {Role::kNarrator, Role::kInterviewer, Role::kInterviewee};

size_t Index(Role r) { return static_cast<size_t>(r); }

bool EndsWith(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

/// The letters of a word ("бе?" -> "бе").
std::string LettersOf(std::string_view word) {
  std::string out;
  for (char32_t c : ToUtf32(word)) {
    if (IsLetter(c) || c == U'-') AppendUtf8(out, c);
  }
  return out;
}

/// The last sentence of `text` (after the last ". ", "! " or "? " before its end).
std::string LastSentence(std::string_view text) {
  std::string t = CollapseSpaces(text);
  size_t end = t.size();
  while (end > 0 && (t[end - 1] == '?' || t[end - 1] == '.' || t[end - 1] == '!' || t[end - 1] == ' ')) --end;
  size_t start = t.find_last_of(".!?", end == 0 ? 0 : end - 1);
  return start == std::string::npos ? t : t.substr(start + 1);
}

/// The question evidence of a unit, each feature signed by `sign`: with the hand-set
/// weights, +sign × (2 for «?», else −0.5 + 1.25 for a question word + 2 for a polite
/// request − 1 when long + 0.75 for «сіз» − 1 for «мен»).
void AddQuestionFeatures(const UnitEvidence& u, double sign, FeatureVector& f) {
  if (u.ends_with_question) {
    f.emplace_back(kEndsWithQuestion, sign);
    return;
  }
  f.emplace_back(kStatement, sign);
  if (!u.question_word.empty()) f.emplace_back(kQuestionWord, sign);
  if (u.polite_request) f.emplace_back(kPoliteRequest, sign);
  if (u.words > 80) f.emplace_back(kLongStatement, sign);
  if (u.addresses_you && !u.speaks_of_self) f.emplace_back(kAddressesYou, sign);
  if (u.speaks_of_self && !u.addresses_you) f.emplace_back(kSpeaksOfSelf, sign);
}

/// Markup (marked-up inputs only): a paragraph printed in bold reads as a question,
/// since papers print their questions so, and marks where a question starts as a dash
/// would; on such a page, a paragraph not in bold reads as no question.
void AddMarkupFeatures(const UnitEvidence& u, Role p, Role r, FeatureVector& f, std::vector<std::string>* why) {
  if (!u.bold) return;
  const bool asks = r == Role::kInterviewer;
  if (*u.bold) {
    if (why) why->push_back("printed in bold, as the questions are");
    f.emplace_back(asks ? kBoldAsker : kBoldNotAsker, 1.0);
    if (asks && p != r) f.emplace_back(kBoldAskerTurn, 1.0);
  } else if (asks) {
    if (why) why->push_back("not in bold, as the questions are");
    f.emplace_back(kNotBoldAsker, 1.0);
  }
}

/// The features of `unit` spoken in role `r` after a unit spoken in role `p`, and why;
/// nullopt when the step cannot be (a fixed unit in another role, the narrator after
/// the turns began).
std::optional<FeatureVector> StepFeatures(const UnitEvidence& u, const PageEvidence& page, Role p, Role r,
                                          std::vector<std::string>* why) {
  auto say = [&](const char* reason) {
    if (why) why->push_back(reason);
  };
  FeatureVector f;
  auto add = [&f](RoleFeature k, double v = 1.0) { f.emplace_back(k, v); };
  if (u.fixed) {
    if (why) why->push_back(u.fixed_why);
    if (*u.fixed != r) return std::nullopt;
    return f;
  }
  const bool plain = u.marker == Marker::kNone;
  if (r == Role::kNarrator && p != Role::kNarrator) return std::nullopt;
  AddMarkupFeatures(u, p, r, f, why);
  if (r == Role::kNarrator) {
    say(plain ? "lead" : "dash in the lead");
    // More likely the first question than the lead.
    if (plain && (u.asks_before_first_dash || (page.unmarked_questions && u.ends_with_question && u.words < 60))) {
      add(kNarratorPlainAsks);
    } else if (!plain) {
      add(kNarratorDash);
    }
    return f;
  }
  // Question evidence counts for the one who asks, against the guest.
  const double sign = r == Role::kInterviewer ? -1.0 : 1.0;
  if (plain) {
    say("no marker");
    if (p == r) {
      say(u.in_list ? "continues the turn (a list after «:»)" : "continues the turn");
      if (u.in_list) return f;
      if (r == Role::kInterviewee && !page.unmarked_questions && u.ends_with_question && u.words < 20) {
        add(kContinueAnswerShortQ);
      }
      if (page.unmarked_questions && r == Role::kInterviewee && u.ends_with_question && u.words < 60) {
        add(kContinueAnswerQOnQaPage);
      }
      if (page.unmarked_answers && r == Role::kInterviewer && !u.ends_with_question) add(kContinueQuestionStatement);
    } else if (u.in_list) {
      say("a list after «:» changes speaker");
      add(kListSwitch);
    } else if (r == Role::kInterviewer && page.unmarked_questions && u.ends_with_question) {
      say("unmarked question");
      add(kUnmarkedQuestion);
    } else if (r == Role::kInterviewer && p == Role::kNarrator && u.asks_before_first_dash) {
      say("question before the first dash turn");
      add(kQuestionBeforeFirstDash);
    } else if (r == Role::kInterviewee && p == Role::kInterviewer && page.unmarked_answers && !u.ends_with_question) {
      say("unmarked answer");
      add(kUnmarkedAnswer);
    } else if (r == Role::kInterviewer && p == Role::kInterviewee && u.ends_with_question && u.words < 20) {
      // A short question alone after an answer: its dash was lost. A rhetorical
      // question inside an answer is followed by the answer's own plain text, which
      // would have to switch back.
      say("short question after an answer");
      add(kShortQuestionAfterAnswer);
    } else {
      add(kUnmarkedSwitch);
    }
    if (p != r && p != Role::kNarrator) {
      FeatureVector q;
      AddQuestionFeatures(u, sign, q);
      for (const auto& [k, v] : q) add(kPlainQuestionScore, v * RoleModel::HandSet().roles[k]);
    }
  } else {
    say("dash");
    if (p == Role::kNarrator) {
      if (r == Role::kInterviewer) {
        say(page.lead_asks ? "first turn, although the lead asks" : "first turn");
        if (page.lead_asks) add(kFirstTurnAlthoughLeadAsks);
      } else {
        say(page.lead_asks ? "the lead asks the first question" : "answer first");
        if (!page.lead_asks) add(kAnswerFirst);
      }
    } else if (u.after_heading) {
      say(r == Role::kInterviewer ? "after heading" : "answer continues after heading");
      if (r == Role::kInterviewee) add(kAnswerAfterHeading);
    } else if (p != r) {
      say("alternation");
    } else {
      say("breaks alternation");
      add(kBreakAlternation);
    }
    AddQuestionFeatures(u, sign, f);
  }
  if (u.ends_with_question) say("ends with ?");
  if (!u.question_word.empty() && !u.ends_with_question) {
    if (why) why->push_back("question word «" + u.question_word + "»");
  }
  if (u.polite_request) say("polite request");
  if (u.addresses_you && !u.speaks_of_self) say("addresses «сіз»");
  if (u.speaks_of_self && !u.addresses_you) say("speaks of self");
  if (u.words > 80 && !u.ends_with_question) say("long statement");
  if (u.writer_speaks) {
    say("said by the writer or the one who asks («– деп … қаттым», «– деп сұрады»)");
    add(kWriterSpeaks, sign);
  } else if (u.guest_quoted) {
    say("quoted as someone's words («– дейді …»)");
    add(kGuestQuoted, -sign);
  }
  if (u.closing_thanks && p == Role::kInterviewee && r == Role::kInterviewer) {
    say("closing thanks");
    add(kClosingThanks);
  }
  return f;
}

double StepCost(const UnitEvidence& u, const PageEvidence& page, const RoleModel& model, Role p, Role r,
                std::vector<std::string>* why) {
  std::optional<FeatureVector> f = StepFeatures(u, page, p, r, why);
  return f ? Score(*f, model.roles.data()) : kImpossible;
}


/// Who an attribution after an inner dash gives the words to: "– деп, екі ұшты жауап
/// қаттым" (a verb in the first person past after the turn's opening words: the
/// writer's own) and "– деп сұрады тілші" (asked) to the interviewer; "– дейді бас
/// бапкер", "– деді ол" and a first-person one after a quotation to the guest.
void ReadAttribution(std::string_view lower, UnitEvidence& unit) {
  // Where the turn's first sentence or quotation ends: the writer's attribution follows
  // the turn's opening words ("– Өлең жазатыным бар еді, – деп…"); after a sentence or a
  // «quote» ("…деп сұрады. «Жаңа мұғаліммін», – дедім") the speaker quotes themself.
  size_t first_stop = lower.find_first_of(".?!");
  for (std::string_view mark : {"«", "»", "…"}) first_stop = std::min(first_stop, lower.find(mark));
  for (std::string_view dash : {"– де", "— де", "- де"}) {
    for (size_t at = lower.find(dash); at != std::string_view::npos; at = lower.find(dash, at + 1)) {
      // An attribution is a few words: read at most 400 bytes, so a paragraph of
      // "– де – де …" without a full stop stays linear.
      const std::string_view clause = lower.substr(at, 400);
      size_t end = clause.find_first_of(".!?");
      if (end == std::string_view::npos && clause.size() == 400) continue;
      end = end == std::string_view::npos ? lower.size() : at + end;
      std::vector<std::string> words;
      for (const std::string& w : SplitWords(lower.substr(at, end - at))) {
        if (std::string letters = LettersOf(w); !letters.empty() && letters != "-") words.push_back(letters);
      }
      if (words.size() > 8 || words.empty()) continue;
      static const std::array<std::string_view, 7> kSaid = {"деп", "деді", "дейді", "дедім", "дедік", "деймін", "дейміз"};
      if (std::find(kSaid.begin(), kSaid.end(), words.front()) == kSaid.end()) continue;
      bool first_person = words.front() == "дедім" || words.front() == "дедік" || words.front() == "деймін" ||
                          words.front() == "дейміз";
      for (std::string_view tail : {"дым", "дім", "тым", "тім", "дық", "дік", "тық", "тік"}) {
        first_person |= words.size() > 1 && EndsWith(words.back(), tail);
      }
      const bool asked = std::any_of(words.begin(), words.end(), [](const std::string& w) {
        return w.rfind("сұра", 0) == 0 || w.rfind("сауал", 0) == 0;
      });
      const bool opening = first_stop == std::string_view::npos || first_stop + 4 >= at;
      if (asked || (first_person && opening)) {
        unit.writer_speaks = true;
      } else if (words.front() != "деп" || words.size() > 1) {
        unit.guest_quoted = true;  // someone else's words, or the speaker's own quoted
      }
      return;
    }
  }
}

}  // namespace

std::vector<std::array<std::optional<FeatureVector>, 9>> RoleStepFeatures(const std::vector<UnitEvidence>& units,
                                                                         const PageEvidence& page) {
  std::vector<std::array<std::optional<FeatureVector>, 9>> out(units.size());
  for (size_t i = 0; i < units.size(); ++i) {
    for (Role p : kAllRoles) {
      for (Role r : kAllRoles) out[i][Index(p) * kRoles + Index(r)] = StepFeatures(units[i], page, p, r, nullptr);
    }
  }
  return out;
}

void ReadQuestionEvidence(std::string_view text, UnitEvidence& unit, const WordLists& lists) {
  std::string t = CollapseSpaces(text);
  while (!t.empty() && (t.back() == ')' || t.back() == '"')) t.pop_back();
  if (EndsWith(t, "»")) t.resize(t.size() - std::string_view("»").size());
  unit.ends_with_question = !t.empty() && (t.back() == '?' || EndsWith(t, "؟"));
  const std::string lower = ToLower(t);
  const std::vector<std::string> all_words = SplitWords(lower);
  unit.words = all_words.size();
  std::vector<std::string> words = SplitWords(LastSentence(lower));
  for (const std::string& w : words) {
    std::string b = LettersOf(w);
    if (HasWord(lists.question_words, b)) {
      unit.question_word = b;
      break;
    }
  }
  // How a turn opens tells who speaks; a long answer's later words add nothing.
  constexpr size_t kWordsRead = 80;
  for (size_t i = 0; i < all_words.size() && i < kWordsRead; ++i) {
    std::string b = LettersOf(all_words[i]);
    if (b == "сіз" || b == "сіздің" || b == "сізге" || b == "сізді" || b == "сізден" || b == "сен" ||
        b == "сенің" || b == "сізше") {
      unit.addresses_you = true;
    } else if (b == "менің" || b == "маған" || b == "мені" || b == "менде" || b == "біз" ||
               b == "біздің" || b == "бізге" || b == "бізде" || b == "өзім" || b == "өзімнің") {
      unit.speaks_of_self = true;
    } else if (b.size() > 8 && (EndsWith(b, "йсыз") || EndsWith(b, "йсіз") || b.find("ңыз") != std::string::npos ||
                                b.find("ңіз") != std::string::npos)) {
      unit.addresses_you = true;
    } else if (b.size() > 8 && (EndsWith(b, "дым") || EndsWith(b, "дім") || EndsWith(b, "тым") ||
                                EndsWith(b, "тім") || EndsWith(b, "мын") || EndsWith(b, "мін"))) {
      unit.speaks_of_self = true;
    }
  }
  ReadAttribution(lower, unit);
  if (!words.empty()) {
    std::string last = LettersOf(words.back());
    for (std::string_view tail : {"ңізші", "ңызшы", "ңіз", "ңыз", "сеңіз", "саңыз"}) {
      if (EndsWith(last, tail) && !unit.ends_with_question) unit.polite_request = true;
    }
  }
}

bool LeadAsksQuestion(std::string_view lead, const WordLists& lists) {
  std::string lower = ToLower(lead);
  for (const std::string& cue : lists.lead_asks) {
    if (lower.find(cue) != std::string::npos) return true;
  }
  std::string t = CollapseSpaces(lead);
  while (!t.empty() && (t.back() == ' ' || t.back() == '"')) t.pop_back();
  if (EndsWith(t, "»")) t.resize(t.size() - std::string_view("»").size());
  return !t.empty() && t.back() == '?';
}

std::vector<RoleDecision> DecodeRoles(const std::vector<UnitEvidence>& units, const PageEvidence& page,
                                      const RoleModel& model) {
  const size_t n = units.size();
  std::vector<std::array<double, kRoles>> best(n);
  std::vector<std::array<size_t, kRoles>> from(n);
  std::array<double, kRoles> prev = {0.0, kImpossible, kImpossible};  // the text opens with the narrator
  for (size_t i = 0; i < n; ++i) {
    for (Role r : kAllRoles) {
      double lowest = kImpossible;
      size_t arg = Index(Role::kNarrator);
      for (Role p : kAllRoles) {
        if (prev[Index(p)] == kImpossible) continue;
        double c = prev[Index(p)] + StepCost(units[i], page, model, p, r, nullptr);
        if (c < lowest) {
          lowest = c;
          arg = Index(p);
        }
      }
      best[i][Index(r)] = lowest;
      from[i][Index(r)] = arg;
    }
    prev = best[i];
  }
  std::vector<RoleDecision> out(n);
  if (n == 0) return out;
  size_t state = Index(Role::kNarrator);
  for (Role r : kAllRoles) {
    if (best[n - 1][Index(r)] < best[n - 1][state]) state = Index(r);
  }
  for (size_t i = n; i-- > 0;) {
    out[i].role = kAllRoles[state];
    state = from[i][state];
  }
  Role p = Role::kNarrator;
  for (size_t i = 0; i < n; ++i) {
    StepCost(units[i], page, model, p, out[i].role, &out[i].why);
    p = out[i].role;
  }
  return out;
}

}  // namespace dauys
