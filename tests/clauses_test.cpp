// Long sentences are spoken in clauses of bounded length (text/clauses), and the plan
// of a paragraph without a sentence break has no segment longer than that.
#include "text/clauses.h"

#include <catch2/catch.hpp>
#include <map>

#include "book/book_plan.h"
#include "speech/speech_engine.h"
#include "speech/voice_profile.h"
#include "test_util.h"
#include "text/lexicon.h"
#include "text/normalizer.h"
#include "text/segmenter.h"
#include "util/unicode.h"

using namespace dauys;

namespace {

std::string Joined(const std::vector<std::string>& pieces) {
  std::string out;
  for (const std::string& p : pieces) out += (out.empty() ? "" : " ") + p;
  return out;
}

std::string Repeated(const std::string& unit, size_t times) {
  std::string out;
  for (size_t i = 0; i < times; ++i) out += (out.empty() ? "" : " ") + unit;
  return out;
}

}  // namespace

TEST_CASE("a sentence within the bound is one piece", "[clauses]") {
  const std::string sentence = "Мектеп ауылдың ортасында тұр, оған балалар келеді.";
  CHECK(SplitClauses(sentence) == std::vector<std::string>{sentence});
  CHECK(SplitClauses(Repeated("сөз", 75)) ==
        std::vector<std::string>{Repeated("сөз", 75)});  // 299 characters
}

TEST_CASE("a long sentence is cut at its best break within the bound", "[clauses]") {
  // Lower case after each full stop: no sentence break for ICU, a cut after each stop here.
  const std::string stops = Repeated("бүгін ауылда жиналыс болды. келесі", 40);
  std::vector<std::string> pieces = SplitClauses(stops, 100);
  CHECK(Joined(pieces) == stops);
  for (size_t i = 0; i + 1 < pieces.size(); ++i) CHECK(pieces[i].ends_with("."));

  const std::string commas = Repeated("ауылда мектеп бар, аурухана бар", 20);
  pieces = SplitClauses(commas, 100);
  CHECK(Joined(pieces) == commas);
  for (size_t i = 0; i + 1 < pieces.size(); ++i) CHECK(pieces[i].ends_with(","));

  const std::string conjunctions =
      Repeated("ол ауылға келді және мектепте сабақ берді бірақ үйге қайтты", 10);
  pieces = SplitClauses(conjunctions, 80);
  CHECK(Joined(pieces) == conjunctions);
  for (size_t i = 1; i < pieces.size(); ++i) {
    CHECK((pieces[i].starts_with("және ") || pieces[i].starts_with("бірақ ")));
  }

  // A speech-recognition transcript: no marks at all, cut at spaces.
  const std::string words = Repeated("сөйлеп тұрмын", 100);
  pieces = SplitClauses(words, 100);
  CHECK(Joined(pieces) == words);
  for (const std::string& p : pieces) {
    CHECK(CodePointCount(p) <= 100);
    CHECK(CodePointCount(p) >= 25);
  }

  // One word longer than the bound: cut between characters, never inside one.
  const std::string word(1000, 'a');
  std::string long_word;
  for (int i = 0; i < 500; ++i) long_word += "ә";
  pieces = SplitClauses(long_word, 300);
  REQUIRE(pieces.size() == 2);
  CHECK(CodePointCount(pieces[0]) == 300);
  CHECK(pieces[0] + pieces[1] == long_word);
  CHECK(SplitClauses(word, 300).size() == 4);
}

TEST_CASE("a paragraph without a sentence break is planned in bounded segments", "[clauses]") {
  // 43 KB of a transcript without punctuation.
  std::string text = "Ауыл мектебі\n– ";
  text += Repeated("біз ауылда тұрамыз және мектепте оқимыз", 1100) + "\n";
  Expected<Document> doc = ParseDocument(text, "long.txt");
  REQUIRE(doc.ok());
  Script script = SegmentInterview(*doc);
  const BookPlan plan = test::PlanWithBundledVoices(script);
  size_t longest = 0, written = 0;
  for (const PlannedSegment& s : plan.segments) {
    longest = std::max(longest, CodePointCount(s.written));
    written += s.written.size();
  }
  CHECK(longest <= kMaxClauseChars);
  CHECK(plan.segments.size() > 100);
  CHECK(written >= 43000);
}
