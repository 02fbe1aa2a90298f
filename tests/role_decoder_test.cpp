// The role decoder weighs markers against the evidence of the text: alternation is a
// prior, not a rule.
#include "text/role_decoder.h"
#include "text/word_lists.h"

#include <catch2/catch.hpp>

using namespace dauys;

namespace {

UnitEvidence Unit(Marker marker, const std::string& text) {
  UnitEvidence u;
  u.marker = marker;
  ReadQuestionEvidence(text, u, WordLists::BuiltIn());
  return u;
}

std::vector<Role> Roles(const std::vector<UnitEvidence>& units, const PageEvidence& page = {}) {
  std::vector<Role> out;
  for (const RoleDecision& d : DecodeRoles(units, page)) out.push_back(d.role);
  return out;
}

constexpr Role N = Role::kNarrator, Q = Role::kInterviewer, A = Role::kInterviewee;

}  // namespace

TEST_CASE("question evidence is read from the text", "[roles]") {
  UnitEvidence u = Unit(Marker::kDash, "Сіз ауылға қашан келдіңіз?");
  CHECK(u.ends_with_question);
  CHECK(u.addresses_you);
  u = Unit(Marker::kDash, "Экспедиция туралы айтып беріңізші.");
  CHECK_FALSE(u.ends_with_question);
  CHECK(u.polite_request);
  u = Unit(Marker::kDash, "Мен мектепте оқып жүргенде бастадым.");
  CHECK(u.speaks_of_self);
  CHECK_FALSE(u.addresses_you);
  u = Unit(Marker::kDash, "Бұл қалай болды екен, білмеймін.");
  CHECK(u.question_word == "қалай");
  CHECK(LeadAsksQuestion("Кәсіпкерден «Неге?» деп сұрадық.", WordLists::BuiltIn()));
  CHECK(LeadAsksQuestion("Бәрі қалай басталды?", WordLists::BuiltIn()));
  CHECK_FALSE(LeadAsksQuestion("Біз онымен әңгімелестік.", WordLists::BuiltIn()));
}

TEST_CASE("an attribution after an inner dash tells whose words a turn is", "[roles]") {
  UnitEvidence u = Unit(Marker::kDash, "Жолда кептеліс болды, – деп ақталдым.");
  CHECK(u.writer_speaks);
  CHECK_FALSE(u.guest_quoted);
  u = Unit(Marker::kDash, "Ауылға қашан келдіңіз? – деп сұрады тілші.");
  CHECK(u.writer_speaks);
  u = Unit(Marker::kDash, "Әр қыздың тілін табу керек, – дейді бас бапкер.");
  CHECK(u.guest_quoted);
  CHECK_FALSE(u.writer_speaks);
  u = Unit(Marker::kDash, "Біз келдік, – деді ол.");
  CHECK(u.guest_quoted);
  // The speaker quoting themself after a sentence or a «quote» is not the writer.
  u = Unit(Marker::kDash, "Балалар «Сіз кімсіз?» деп сұрады. «Жаңа мұғаліммін», – дедім.");
  CHECK_FALSE(u.writer_speaks);
  CHECK(u.guest_quoted);
  u = Unit(Marker::kDash, "Ауыл – менің бесігім. Мен осында өстім.");  // a dash inside, no attribution
  CHECK_FALSE(u.writer_speaks);
  CHECK_FALSE(u.guest_quoted);
  // The writer's words between two of the guest's: the guest spoke first.
  CHECK(Roles({Unit(Marker::kNone, "Үйге түс ауа жеттік."), Unit(Marker::kDash, "Кел, балам, төрге шық."),
               Unit(Marker::kDash, "Жолда кептеліс болды, – деп ақталдым."),
               Unit(Marker::kDash, "Ештеңе етпейді. Газетті біз де оқимыз.")}) == std::vector<Role>{N, A, Q, A});
}

TEST_CASE("dash turns alternate, starting with the question", "[roles]") {
  std::vector<UnitEvidence> units = {Unit(Marker::kNone, "Кіріспе сөз."), Unit(Marker::kDash, "Қалайсыз?"),
                                     Unit(Marker::kDash, "Жақсы."), Unit(Marker::kNone, "Тағы бір сөйлем."),
                                     Unit(Marker::kDash, "Жұмыс қалай?"), Unit(Marker::kDash, "Көп.")};
  CHECK(Roles(units) == std::vector<Role>{N, Q, A, A, Q, A});
  std::vector<RoleDecision> d = DecodeRoles(units, {});
  CHECK(d[2].why == std::vector<std::string>{"dash", "alternation"});
  CHECK(d[3].why == std::vector<std::string>{"no marker", "continues the turn"});
}

TEST_CASE("an answer-first page flips the alternation when the evidence agrees", "[roles]") {
  std::vector<UnitEvidence> units = {
      Unit(Marker::kNone, "Одан «Неге?» деп сұрадық."),
      Unit(Marker::kDash, "Өзім осы ауылда оқыдым, сондықтан келдім."),
      Unit(Marker::kDash, "Құрылыс қанша уақытқа созылды?"), Unit(Marker::kDash, "Екі жыл."),
  };
  PageEvidence page;
  page.lead_asks = true;
  CHECK(Roles(units, page) == std::vector<Role>{N, A, Q, A});
  CHECK(DecodeRoles(units, page)[1].why.at(1) == "the lead asks the first question");
  // Without the lead asking, two questions in a row break the alternation only when
  // the text says so.
  std::vector<UnitEvidence> plain = {Unit(Marker::kDash, "Қалайсыз?"), Unit(Marker::kDash, "Жақсы, рақмет."),
                                     Unit(Marker::kDash, "Ал отбасыңыз ше, олар қалай?")};
  CHECK(Roles(plain) == std::vector<Role>{Q, A, Q});
}

TEST_CASE("unmarked questions and fixed labels", "[roles]") {
  PageEvidence page;
  page.unmarked_questions = true;
  std::vector<UnitEvidence> units = {Unit(Marker::kNone, "Кіріспе."), Unit(Marker::kNone, "Қашан келдіңіз?"),
                                     Unit(Marker::kDash, "Кеше келдім."), Unit(Marker::kNone, "Неге?"),
                                     Unit(Marker::kDash, "Жұмыс бойынша.")};
  CHECK(Roles(units, page) == std::vector<Role>{N, Q, A, Q, A});
  units[2].fixed = Q;
  units[2].fixed_why = "override";
  std::vector<RoleDecision> d = DecodeRoles(units, page);
  CHECK(d[2].role == Q);
  CHECK(d[2].why == std::vector<std::string>{"override"});
}
