// The normalizer's stages one class at a time: what the classifier calls each written
// form, and what each class's verbalizer says for it.
#include <catch2/catch.hpp>

#include "test_util.h"
#include "text/normalize/classifier.h"
#include "text/normalize/letters.h"
#include "text/normalize/number_words.h"
#include "text/normalize/verbalizer.h"
#include "util/unicode.h"

using namespace dauys;
using namespace dauys::normalize;

namespace {

const Lexicon& TestLexicon() {
  static Lexicon lexicon = [] {
    Expected<Lexicon> l = Lexicon::Parse("[words]\nт.б. = тағы басқа\nБҰҰ = бэ-ұ-ұ\n[units]\nкм = шақырым\n", "test");
    REQUIRE(l.ok());
    return *l;
  }();
  return lexicon;
}

const NumberWords& Numbers() {
  static NumberWords numbers;
  return numbers;
}

/// "class:spoken" for every token that says something, joined by " | ".
std::string Trace(const std::string& text) {
  std::string out;
  for (const Token& t : Classify(ToUtf32(text), TestLexicon())) {
    if (t.kind == SemioticClass::kSilent) continue;
    if (!out.empty()) out += " | ";
    out += std::string(ClassName(t.kind)) + ":" + (t.kind == SemioticClass::kPause ? t.text : Verbalize(t, Numbers()));
  }
  return out;
}

}  // namespace

TEST_CASE("cardinals, ordinals and decimals are told apart by what follows the digits", "[normalize][classes]") {
  CHECK(Trace("5 адам") == "cardinal:бес | word:адам");
  CHECK(Trace("120-дан") == "cardinal:жүз жиырмадан");
  CHECK(Trace("50-ші") == "ordinal:елуінші");
  CHECK(Trace("3-орын") == "ordinal:үшінші | word:орын");
  CHECK(Trace("7,8") == "decimal:жеті бүтін оннан сегіз");
  CHECK(Trace("ауа -5") == "word:ауа | cardinal:минус бес");
}

TEST_CASE("years, dates and times", "[normalize][classes]") {
  CHECK(Trace("1945 жылы") == "year:мың тоғыз жүз қырық бесінші | word:жылы");
  CHECK(Trace("1945-жылы") == "ordinal:мың тоғыз жүз қырық бесінші | word:жылы");
  CHECK(Trace("7 желтоқсанда") == "date:жетінші | word:желтоқсанда");
  CHECK(Trace("14:05-те") == "time:он төрт нөл бесте");
}

TEST_CASE("ranges, percentages, measures and money", "[normalize][classes]") {
  CHECK(Trace("10–15") == "range:он-он бес");
  CHECK(Trace("10%-ға") == "percent:он пайызға");
  CHECK(Trace("5 км") == "measure:бес шақырым");
  CHECK(Trace("$100") == "money:жүз доллар");
  CHECK(Trace("500 ₸") == "money:бес жүз теңге");
}

TEST_CASE("words: lexicon entries, initials, Roman numerals, acronyms and capitals", "[normalize][classes]") {
  CHECK(Trace("БҰҰ-ның") == "abbreviation:бэ-ұ-ұның");
  CHECK(Trace("т.б.") == "abbreviation:тағы басқа");
  CHECK(Trace("М.Әуезов") == "initial:эм | word:Әуезов");
  CHECK(Trace("XXI ғасыр") == "roman:жиырма бірінші | word:ғасыр");
  CHECK(Trace("ТМД-ға") == "letters:ты-мы-дыға");
  CHECK(Trace("CNN") == "letters:си-эн-эн");
  CHECK(Trace("ЖОМАРТ ТОҚАЕВ") == "caps-word:Жомарт | caps-word:Тоқаев");
}

TEST_CASE("marks: pauses, symbols said as words, silent quotes", "[normalize][classes]") {
  CHECK(Trace("«Иә», – деді.") == "word:Иә | pause:, | pause:, | word:деді | pause:.");
  CHECK(Trace("№ 5 & 6") == "symbol:нөмір | cardinal:бес | symbol:және | cardinal:алты");
}

TEST_CASE("numbers too long to say as one are read digit by digit", "[normalize][classes]") {
  CHECK(Trace("1234567890123456789012") ==
        "cardinal:бір екі үш төрт бес алты жеті сегіз тоғыз нөл бір екі үш төрт бес алты жеті сегіз тоғыз нөл бір екі");
  CHECK(Trace("3,1415926") == "decimal:үш бүтін бір төрт бір бес тоғыз екі алты");
  CHECK(Trace("95684,0328") == "decimal:тоқсан бес мың алты жүз сексен төрт бүтін он мыңнан үш жүз жиырма сегіз");
}

TEST_CASE("letter names: Kazakh for Cyrillic, English for Latin", "[normalize][classes]") {
  CHECK(Spell(U"ҚХР") == "қы-ха-эр");
  CHECK(Spell(U"BBC") == "би-би-си");
  CHECK(LetterName(U'ж') == "жэ");
}
