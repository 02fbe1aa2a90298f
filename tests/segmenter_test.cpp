#include "text/segmenter.h"

#include <catch2/catch.hpp>

#include "test_util.h"

using namespace dauys;

namespace {
Script Segment(const std::string& text) {
  Expected<Document> doc = ParseDocument(text, "t.txt");
  REQUIRE(doc.ok());
  return SegmentInterview(*doc);
}
}  // namespace

TEST_CASE("the bundled interview has a lead and five sections", "[segmenter]") {
  Expected<Document> doc = ReadDocument(test::BundledInterview());
  REQUIRE(doc.ok());
  Script s = SegmentInterview(*doc);
  REQUIRE(s.chapters.size() == 6);
  CHECK_FALSE(s.title.has_value());
  REQUIRE(s.chapters[0].turns.size() == 1);
  CHECK(s.chapters[0].turns[0].role == Role::kNarrator);
  CHECK(s.chapters[0].title == "Кіріспе");
  CHECK(s.chapters[1].heading == "БҰҰ-ның қазіргі рөлі мен тиімділігі");
  for (size_t c = 1; c < 6; ++c) {
    const Chapter& ch = s.chapters[c];
    INFO("chapter " << c + 1);
    REQUIRE(ch.turns.size() >= 2);
    CHECK(ch.turns[0].role == Role::kInterviewer);
    CHECK(ch.turns[1].role == Role::kInterviewee);
  }
  const Chapter& last = s.chapters[5];
  REQUIRE(last.turns.size() == 4);
  CHECK(last.turns[2].role == Role::kInterviewer);
  CHECK(last.turns[2].paragraphs[0].text == "Сұқбатыңызға рақмет!");
  CHECK(last.turns[3].role == Role::kNarrator);
  CHECK(last.turns[3].paragraphs[0].text == "Сұхбаттасқан Жанна ЖОМАРТ");
  REQUIRE(s.FirstWithRole(Role::kInterviewer));
  CHECK(s.FirstWithRole(Role::kInterviewer)->name == "Жанна Жомарт");
  CHECK(s.FirstWithRole(Role::kInterviewee)->name == "Рүстем Мұстафин");
}

TEST_CASE("every paragraph of the input lands in the plan", "[segmenter]") {
  Expected<Document> doc = ReadDocument(test::BundledInterview());
  REQUIRE(doc.ok());
  Script s = SegmentInterview(*doc);
  size_t paragraphs = 0;
  for (const Chapter& c : s.chapters) {
    paragraphs += c.heading ? 1 : 0;
    for (const Turn& t : c.turns) paragraphs += t.paragraphs.size();
  }
  size_t lines = 0;
  for (const Line& l : doc->lines) lines += !l.text.empty();
  CHECK(paragraphs == lines);
}

TEST_CASE("dash-marked paragraphs alternate and plain ones continue the speaker", "[segmenter]") {
  Script s = Segment(
      "Бүгін біз ақынмен сөйлестік.\n"
      "– Сұрақ бірінші?\n"
      "– Жауап бірінші.\n"
      "Жауаптың жалғасы.\n"
      "– Сұрақ екінші?\n"
      "– Жауап екінші.\n");
  REQUIRE(s.chapters.size() == 1);
  const auto& turns = s.chapters[0].turns;
  REQUIRE(turns.size() == 5);
  CHECK(turns[0].role == Role::kNarrator);
  CHECK(turns[1].role == Role::kInterviewer);
  CHECK(turns[2].role == Role::kInterviewee);
  CHECK(turns[2].paragraphs.size() == 2);
  CHECK(turns[2].paragraphs[1].text == "Жауаптың жалғасы.");
  CHECK(turns[3].role == Role::kInterviewer);
  CHECK(turns[4].role == Role::kInterviewee);
  CHECK(turns[1].paragraphs[0].text == "Сұрақ бірінші?");
}

TEST_CASE("a dash inside a sentence is not a turn", "[segmenter]") {
  Script s = Segment("Бұл – маңызды мәселе. Тіл – халықтың жаны.\n");
  REQUIRE(s.chapters.size() == 1);
  REQUIRE(s.chapters[0].turns.size() == 1);
  CHECK(s.chapters[0].turns[0].role == Role::kNarrator);
}

TEST_CASE("Latin look-alike letters inside Cyrillic words are repaired", "[segmenter]") {
  CHECK(RepairLookAlikes("Қaзaқстaн") == "Қазақстан");
  CHECK(RepairLookAlikes("бipiншi") == "бірінші");
  CHECK(RepairLookAlikes("Google мен CNN") == "Google мен CNN");
}
