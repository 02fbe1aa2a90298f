#pragma once
// The weights of who-speaks decisions, kept as data. The role decoder's costs and the
// page-kind decision are sums of named features times weights; the weights are fitted
// by `scripts/fit-roles` from annotated pages (a conditional random field over the
// decoder's lattice, a logistic regression over the page's evidence) and read from
// `voices/roles.weights`, editable like the other files there.
//
//   voices/roles.weights:
//     [roles]
//     break_alternation = 3.0
//     [page]
//     labels = -16

#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace dauys {

/// Features of one step of the role decoder (a unit spoken in role r after role p).
/// Each one's weight is a cost: positive makes the step less likely.
enum RoleFeature : size_t {
  kNarratorDash,              ///< a dash paragraph in the lead
  kNarratorPlainAsks,         ///< a plain question kept in the lead
  kContinueAnswerShortQ,      ///< an answer goes on with a short question
  kContinueAnswerQOnQaPage,   ///< …on a page whose plain questions are the questions
  kContinueQuestionStatement, ///< a question goes on with a statement where answers are unmarked
  kListSwitch,                ///< an item of a list changes speaker
  kUnmarkedQuestion,          ///< a plain question where plain questions are the questions
  kQuestionBeforeFirstDash,   ///< the plain question right before the first dash turn
  kUnmarkedAnswer,            ///< a plain answer where answers are unmarked
  kShortQuestionAfterAnswer,  ///< a short plain question alone after an answer
  kUnmarkedSwitch,            ///< any other plain paragraph that changes speaker
  kFirstTurnAlthoughLeadAsks, ///< the first dash turn asks although the lead asked
  kAnswerFirst,               ///< the first dash turn answers with no question before it
  kAnswerAfterHeading,        ///< a dash answer right after a heading
  kBreakAlternation,          ///< two dash turns of one role in a row
  kEndsWithQuestion,          ///< ±: ends with «?» (+ for the guest, − for the one who asks)
  kStatement,                 ///< ±: does not end with «?»
  kQuestionWord,              ///< ±: a question word without «?»
  kPoliteRequest,             ///< ±: "…айтып беріңізші."
  kLongStatement,             ///< ±: over 80 words, no «?»
  kAddressesYou,              ///< ±: speaks to «сіз»
  kSpeaksOfSelf,              ///< ±: speaks of «мен»
  kWriterSpeaks,              ///< ±: "– деп, жауап қаттым", "– деп сұрады тілші"
  kGuestQuoted,               ///< ∓: "– дейді бас бапкер"
  kClosingThanks,             ///< the one who asks thanks the guest at the end
  kPlainQuestionScore,        ///< ±: the question evidence of a plain paragraph that changes speaker
  kBoldNotAsker,              ///< printed in bold, yet not the one who asks
  kBoldAsker,                 ///< printed in bold, the one who asks
  kBoldAskerTurn,             ///< …and a new turn of the one who asks
  kNotBoldAsker,              ///< not in bold on a page that prints its questions in bold, yet asks
  kRoleFeatures
};

/// Features of a whole page; a positive sum reads it as an article.
enum PageFeature : size_t {
  kPageBias,
  kNoMarks,            ///< no turn marked and no question asked (at most one quote)
  kTvReport,           ///< labels caption quotes, narration reports speech, nobody asked
  kHasLabels,          ///< «Сұрақ:», names, numbers as turn labels
  kQuestionsToYou,     ///< two questions to «сіз», or one and nothing attributed
  kInterviewWords,     ///< «сұхбат» in the headline, lead or byline, most quotes unattributed
  kQuotesTold,         ///< the dash paragraphs say whose words they are, few questions
  kNoDashNoYou,        ///< nothing marked and no question to «сіз»
  kAttributedShare,    ///< attributed dash units / dash units
  kQuestionShare,      ///< questions / (dash units + labels + 1)
  kReportedShare,      ///< paragraphs reporting speech / (dash units + 1)
  kLeadShare,          ///< lead paragraphs / (dash units + labels + 1)
  kShortDashShare,     ///< dash units of at most 12 words / dash units
  kInformalShare,      ///< units that speak to «сен» / (dash units + labels + 1)
  kQuestionAnswerShare,///< dash questions answered by a longer dash statement / (dash units / 2 + 1)
  kBetweenShare,       ///< plain paragraphs between dash units / (dash units + 1)
  kNoQuestions,        ///< nobody is asked anything (outside quotes)
  kLabelsNoQuestions,  ///< labels caption words, and nobody is asked anything
  kYouShare,           ///< questions to «сіз» / questions
  kSelfUnitShare,      ///< units that speak of «мен», «біз» / units
  kYouUnitShare,       ///< units that speak to «сіз» / units
  kReportUnitShare,    ///< units that report speech / units
  kQuestionQuestionShare,  ///< dash questions followed by a dash question / (dash units / 2 + 1)
  kNobodyCalledYou,    ///< three questions or more, none to «сіз» (a story's dialogue)
  kPageFeatures
};

/// The names the weights file and `dauys plan --features` give the features.
const std::array<std::string_view, kRoleFeatures>& RoleFeatureNames();
const std::array<std::string_view, kPageFeatures>& PageFeatureNames();

struct RoleModel {
  std::array<double, kRoleFeatures> roles{};
  std::array<double, kPageFeatures> page{};

  /// The hand-set weights dauys decided with before any were fitted; used where no
  /// voices/roles.weights is given.
  static const RoleModel& HandSet();
  /// Parses the weights file; a weight it leaves out keeps its hand-set value. An
  /// unknown name, a number that is not finite or beyond ±1000, or a line outside
  /// [roles]/[page] is an error naming the file and line.
  static Expected<RoleModel> Parse(std::string_view text, const std::string& source);
  /// voices/roles.weights; the hand-set weights when the file is missing.
  static Expected<RoleModel> Load(const std::filesystem::path& voices_dir);
};

/// A sparse feature vector: (feature, value) pairs.
using FeatureVector = std::vector<std::pair<size_t, double>>;

/// Σ weight × value.
double Score(const FeatureVector& f, const double* weights);

}  // namespace dauys
