// The weights of who-speaks decisions as data: voices/roles.weights, its errors, and
// the numbers `dauys plan --features` gives scripts/fit-roles.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "test_util.h"
#include "text/page_kind.h"
#include "text/role_decoder.h"
#include "text/role_model.h"
#include "text/word_lists.h"

using namespace dauys;

TEST_CASE("the committed weights name every feature, once", "[role-model]") {
  const std::string text = test::ReadFile(test::SourceDir() / "voices" / "roles.weights");
  for (std::string_view name : RoleFeatureNames()) {
    INFO(name);
    CHECK(text.find("\n" + std::string(name) + " = ") != std::string::npos);
  }
  for (std::string_view name : PageFeatureNames()) {
    INFO(name);
    CHECK(text.find("\n" + std::string(name) + " = ") != std::string::npos);
  }
  Expected<RoleModel> model = RoleModel::Load(test::SourceDir() / "voices");
  REQUIRE(model.ok());
  CHECK(model->roles != RoleModel::HandSet().roles);  // fitted, not the hand-set ones
}

TEST_CASE("a weights file that is wrong says where and what", "[role-model]") {
  auto error = [](const std::string& text) {
    Expected<RoleModel> m = RoleModel::Parse(text, "voices/roles.weights");
    REQUIRE_FALSE(m.ok());
    return m.error().message;
  };
  CHECK(error("break_alternation = 1\n") == "voices/roles.weights: line 1: a weight before [roles] or [page]");
  CHECK(error("[roles]\nbreak_alternation = nan\n") ==
        "voices/roles.weights: line 2: 'break_alternation' must be a finite number between -1000 and 1000");
  CHECK(error("[roles]\nbreak_alternation = 1e9\n") ==
        "voices/roles.weights: line 2: 'break_alternation' must be a finite number between -1000 and 1000");
  CHECK(error("[roles]\nbreak_alternation = -inf\n") ==
        "voices/roles.weights: line 2: 'break_alternation' must be a finite number between -1000 and 1000");
  CHECK(error("[roles]\nbreak_alternations = 1\n") == "voices/roles.weights: line 2: unknown weight 'break_alternations'");
  CHECK(error("[page]\nbreak_alternation = 1\n") == "voices/roles.weights: line 2: unknown weight 'break_alternation'");
  CHECK(error("[voices]\n") == "voices/roles.weights: line 1: unknown section [voices] (known: [roles], [page])");
  CHECK(error("[roles]\nbreak_alternation 1\n") == "voices/roles.weights: line 2: expected 'name = number'");
  CHECK(error(std::string("[roles]\n\0", 9)) == "voices/roles.weights: invalid UTF-8 or a NUL byte; this is not a text file");
}

TEST_CASE("a weight left out keeps its hand-set value; a missing file is the hand-set model", "[role-model]") {
  Expected<RoleModel> m = RoleModel::Parse("[roles]\nbreak_alternation = 0.5\n", "w");
  REQUIRE(m.ok());
  CHECK(m->roles[kBreakAlternation] == 0.5);
  CHECK(m->roles[kUnmarkedSwitch] == RoleModel::HandSet().roles[kUnmarkedSwitch]);
  CHECK(m->page == RoleModel::HandSet().page);
  test::TempDir dir;
  Expected<RoleModel> none = RoleModel::Load(dir.path());
  REQUIRE(none.ok());
  CHECK(none->roles == RoleModel::HandSet().roles);
}

TEST_CASE("the weights decide: a heavy cost of breaking alternation keeps two dashes apart", "[role-model]") {
  // Two dash statements in a row after a question: the second continues the answer
  // only while breaking alternation costs less than making the statement a question.
  UnitEvidence lead, q, a1, a2;
  ReadQuestionEvidence("Жазушымен сөйлестік.", lead, WordLists::BuiltIn());
  for (auto [u, text] : {std::pair{&q, "Кітап қалай туды?"}, {&a1, "Ұзақ жаздым, үш жыл."}, {&a2, "Содан соң баспаға бердім."}}) {
    ReadQuestionEvidence(text, *u, WordLists::BuiltIn());
    u->marker = Marker::kDash;
  }
  RoleModel model = RoleModel::HandSet();
  auto roles = [&] {
    std::vector<Role> out;
    for (const RoleDecision& d : DecodeRoles({lead, q, a1, a2}, {}, model)) out.push_back(d.role);
    return out;
  };
  CHECK(roles() == std::vector<Role>{Role::kNarrator, Role::kInterviewer, Role::kInterviewee, Role::kInterviewer});
  model.roles[kBreakAlternation] = 0.1;
  CHECK(roles() == std::vector<Role>{Role::kNarrator, Role::kInterviewer, Role::kInterviewee, Role::kInterviewee});
}

TEST_CASE("the page kind is the sign of the weighted page features", "[role-model][page-kind]") {
  PageKindEvidence quotes;
  quotes.dash_units = 3;
  quotes.attributed = 3;
  quotes.reported = 2;
  RoleModel model = RoleModel::HandSet();
  CHECK(DecidePageKind(quotes, model).kind == PageKind::kArticle);
  model.page[kQuotesTold] = -10;
  CHECK(DecidePageKind(quotes, model).kind == PageKind::kInterview);
}

TEST_CASE("plan --features gives every unit's steps and the page's features", "[role-model][cli]") {
  test::TempDir dir;
  test::WriteFile(dir / "talk.txt",
                  "Жазушы Ұлан Төлегенмен сөйлестік.\n"
                  "– Кітап қалай туды?\n"
                  "– Ұзақ жаздым, үш жыл.\n");
  test::CommandResult r = test::RunDauys("plan --features " + test::Quote((dir / "talk.txt").string()));
  REQUIRE(r.exit_code == 0);
  nlohmann::json f = nlohmann::json::parse(r.out);
  CHECK(f["page"]["bias"] == 1.0);
  REQUIRE(f["units"].size() == 3);
  CHECK(f["units"][1]["line"] == 2);
  CHECK(f["units"][1]["text"] == "Кітап қалай туды?");
  REQUIRE(f["units"][1]["steps"].size() == 9);
  // After the narrator (0), the interviewer (1): step 1; the narrator cannot follow the
  // interviewer: step 3 is null.
  CHECK(f["units"][1]["steps"][1]["ends_with_question"] == -1.0);
  CHECK(f["units"][1]["steps"][2]["ends_with_question"] == 1.0);
  CHECK(f["units"][1]["steps"][3].is_null());
}
