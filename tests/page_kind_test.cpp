// The page-level decision: an interview, or an article read by the narrator alone.
#include "text/page_kind.h"

#include <catch2/catch.hpp>

#include "test_util.h"
#include "text/overrides.h"
#include "text/reader.h"
#include "text/segmenter.h"

using namespace dauys;
namespace fs = std::filesystem;

namespace {

Script Plan(const std::string& text, const SegmentOptions& options = {}) {
  Expected<Document> doc = ParseDocument(text, "page.txt");
  REQUIRE(doc.ok());
  return SegmentInterview(*doc, options);
}

size_t Voices(const Script& s) { return s.speakers.size(); }

}  // namespace

TEST_CASE("quotes the writer attributes make an article; questions to the guest an interview", "[page-kind]") {
  PageKindEvidence quoted;
  quoted.dash_units = 4;
  quoted.attributed = 3;
  quoted.reported = 2;
  CHECK(DecidePageKind(quoted).kind == PageKind::kArticle);

  PageKindEvidence asked = quoted;
  asked.questions = 3;
  asked.questions_to_you = 3;
  CHECK(DecidePageKind(asked).kind == PageKind::kInterview);
  CHECK(DecidePageKind(asked).why.front() == "3 questions to «сіз»");

  PageKindEvidence labelled;
  labelled.labels = 4;
  labelled.attributed = 4;
  labelled.dash_units = 4;
  CHECK(DecidePageKind(labelled).kind == PageKind::kInterview);

  PageKindEvidence turns;  // dash turns that stand on their own
  turns.dash_units = 6;
  turns.questions = 3;
  CHECK(DecidePageKind(turns).kind == PageKind::kInterview);

  PageKindEvidence plain;  // no dash, no question: a plain article
  CHECK(DecidePageKind(plain).kind == PageKind::kArticle);

  PageKindEvidence talk = quoted;  // «сұхбат» and only one quote attributed of three
  talk.interview_words = true;
  talk.attributed = 1;
  talk.dash_units = 3;
  CHECK(DecidePageKind(talk).kind == PageKind::kInterview);
}

TEST_CASE("a news item that quotes officials with dashes is read by the narrator alone", "[page-kind]") {
  Script s = Plan(
      "Қалада жаңа көпір ашылды\n\n"
      "Қала әкімдігі Есіл өзені арқылы өтетін жаңа көпірді пайдалануға берді.\n\n"
      "– Көпір қаланың екі жағалауын жақындатады, – деді қала әкімі.\n\n"
      "Құрылысшылар жұмысты мерзімінен бұрын аяқтағанын айтты.\n\n"
      "– Біз екі ауысыммен жұмыс істедік, – дейді бригадир Серік Әлиев.\n");
  CHECK(s.page_kind == "article");
  CHECK(Voices(s) == 1);
  for (const Chapter& c : s.chapters) {
    for (const Turn& t : c.turns) CHECK(t.role == Role::kNarrator);
  }
  REQUIRE_FALSE(s.page_kind_why.empty());
  CHECK(s.page_kind_why.front() == "2 of 2 dash paragraphs say whose words they are («– деді …»)");
}

TEST_CASE("an interview keeps its voices, and the sidecar can say what the page is", "[page-kind]") {
  const std::string text =
      "Әнші: «Ән – менің өмірім»\n\n"
      "– Сіз қашан ән сала бастадыңыз?\n\n"
      "– Бала кезімнен. Әкем домбыра тартатын.\n\n"
      "– Қазір немен айналысасыз?\n\n"
      "– Жаңа альбом жазып жатырмын.\n";
  Script interview = Plan(text);
  CHECK(interview.page_kind == "interview");
  CHECK(Voices(interview) == 3);

  SegmentOptions forced;
  forced.page_kind = PageKind::kArticle;
  Script article = Plan(text, forced);
  CHECK(article.page_kind == "article");
  CHECK(Voices(article) == 1);
  CHECK(article.page_kind_why == std::vector<std::string>{"the sidecar's [book] kind"});

  Expected<Overrides> sidecar = ParseOverrides("[book]\nkind = \"article\"\n", "page.txt.toml");
  REQUIRE(sidecar.ok());
  REQUIRE(sidecar->page_kind);
  CHECK(*sidecar->page_kind == PageKind::kArticle);
  Expected<Overrides> bad = ParseOverrides("[book]\nkind = \"essay\"\n", "page.txt.toml");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message == "page.txt.toml: line 2: 'kind' must be \"interview\" or \"article\", not \"essay\"");
}

TEST_CASE("plan says a page is an article and why", "[page-kind][cli]") {
  test::TempDir dir;
  test::WriteFile(dir / "news.txt",
                  "Ауылға газ келді\n\n"
                  "Ауылға табиғи газ жеткізілді.\n\n"
                  "– Енді қыста жылы боламыз, – деді тұрғын Сара Нұрова.\n");
  test::CommandResult r = test::RunDauys("plan " + test::Quote((dir / "news.txt").string()));
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("Page: article (") != std::string::npos);
  // The strongest pulls towards an article, whichever order the fitted weights give them.
  CHECK(r.out.find("1 of 1 dash paragraphs say whose words they are («– деді …»)") != std::string::npos);
  CHECK(r.out.find("the quotes name whose words they are") != std::string::npos);
  test::CommandResult j = test::RunDauys("plan --json " + test::Quote((dir / "news.txt").string()));
  REQUIRE(j.exit_code == 0);
  CHECK(j.out.find("\"kind\": \"article\"") != std::string::npos);
}
