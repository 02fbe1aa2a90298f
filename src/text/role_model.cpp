#include "text/role_model.h"

#include <algorithm>
#include <cmath>

#include "util/atomic_file.h"
#include "util/key_value.h"
#include "util/unicode.h"

namespace dauys {

const std::array<std::string_view, kRoleFeatures>& RoleFeatureNames() {
  static const std::array<std::string_view, kRoleFeatures> kNames = {
      "narrator_dash",          "narrator_plain_asks",     "continue_answer_short_question",
      "continue_answer_question_on_qa_page", "continue_question_statement", "list_switch",
      "unmarked_question",      "question_before_first_dash", "unmarked_answer",
      "short_question_after_answer", "unmarked_switch",   "first_turn_although_lead_asks",
      "answer_first",           "answer_after_heading",    "break_alternation",
      "ends_with_question",     "statement",               "question_word",
      "polite_request",         "long_statement",          "addresses_you",
      "speaks_of_self",         "writer_speaks",           "guest_quoted",
      "closing_thanks",         "plain_question_score",    "bold_not_asker",
      "bold_asker",             "bold_asker_turn",         "not_bold_asker"};
  return kNames;
}

const std::array<std::string_view, kPageFeatures>& PageFeatureNames() {
  static const std::array<std::string_view, kPageFeatures> kNames = {
      "bias",          "no_marks",        "tv_report",      "labels",          "questions_to_you", "interview_words",
      "quotes_told",   "no_dash_no_you",  "attributed_share", "question_share", "reported_share",  "lead_share",
      "short_dash_share", "informal_share", "question_answer_share", "between_share",
      "no_questions", "labels_no_questions", "you_share",
      "self_unit_share", "you_unit_share", "report_unit_share",
      "question_question_share", "nobody_called_you"};
  return kNames;
}

const RoleModel& RoleModel::HandSet() {
  static const RoleModel kModel = [] {
    RoleModel m;
    m.roles = {6.0, 1.0, 1.0, 2.5, 1.0, 6.0, 0.5, 0.5, 0.0, 2.0, 6.0, 2.0, 2.5, 1.5,
               3.0, 2.0, -0.5, 1.25, 2.0, -1.0, 0.75, -1.0, 3.0, 3.0, -3.0, 0.0,
               4.0, -4.0, -4.0, 3.0};
    // A decision list as weights: the first rule that holds outweighs all after it.
    m.page = {-0.5, 64, 32, -16, -8, -4, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    return m;
  }();
  return kModel;
}

Expected<RoleModel> RoleModel::Parse(std::string_view text, const std::string& source) {
  if (ValidUtf8Length(text) < text.size()) return Error{source + ": invalid UTF-8 or a NUL byte; this is not a text file"};
  RoleModel model = HandSet();
  double* weights = nullptr;
  const std::string_view* names = nullptr;
  size_t count = 0;
  for (const SettingLine& l : SettingLines(text)) {
    if (l.text == "[roles]") {
      weights = model.roles.data(), names = RoleFeatureNames().data(), count = kRoleFeatures;
      continue;
    }
    if (l.text == "[page]") {
      weights = model.page.data(), names = PageFeatureNames().data(), count = kPageFeatures;
      continue;
    }
    if (l.text.front() == '[') return Error{Where(source, l.line) + "unknown section " + l.text + " (known: [roles], [page])"};
    if (!weights) return Error{Where(source, l.line) + "a weight before [roles] or [page]"};
    const size_t eq = l.text.find('=');
    if (eq == std::string::npos) return Error{Where(source, l.line) + "expected 'name = number'"};
    const std::string key = TrimSpaces(l.text.substr(0, eq));
    const std::string_view* at = std::find(names, names + count, key);
    if (at == names + count) return Error{Where(source, l.line) + "unknown weight '" + key + "'"};
    Expected<double> v = ParseFiniteNumber(TrimSpaces(l.text.substr(eq + 1)));
    if (!v || std::fabs(*v) > 1000) {
      return Error{Where(source, l.line) + "'" + key + "' must be a finite number between -1000 and 1000"};
    }
    weights[at - names] = *v;
  }
  return model;
}

Expected<RoleModel> RoleModel::Load(const std::filesystem::path& voices_dir) {
  const std::filesystem::path file = voices_dir / "roles.weights";
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return HandSet();
  Expected<std::string> text = ReadWholeFile(file);
  if (!text) return text.error();
  return Parse(*text, file.string());
}

double Score(const FeatureVector& f, const double* weights) {
  double s = 0;
  for (const auto& [k, v] : f) s += weights[k] * v;
  return s;
}

}  // namespace dauys
