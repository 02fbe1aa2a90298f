#include "text/slug.h"

#include <catch2/catch.hpp>

using namespace dauys;

TEST_CASE("slugs transliterate Kazakh to lower-case ASCII", "[slug]") {
  CHECK(Slugify("Орта державалардың рөлі") == "orta-derzhavalardyng-roli");
  CHECK(Slugify("БҰҰ-ның қазіргі рөлі") == "buu-nyng-qazirgi-roli");
  CHECK(Slugify("Қазақстанның көпвекторлы саясаты") == "qazaqstannyng-kopvektorly-sayasaty");
}

TEST_CASE("slugs keep only safe characters", "[slug]") {
  CHECK(Slugify("  «Сұхбат»: 2024 / жыл?!  ") == "sukhbat-2024-zhyl");
  CHECK(Slugify("a/b\\c:d*e?f<g>h|i") == "a-b-c-d-e-f-g-h-i");
  // BGN writes the hard and soft signs as primes; they vanish instead of splitting words.
  CHECK(Slugify("съезд") == "sezd");
}

TEST_CASE("slugs are bounded and cut at a word boundary", "[slug]") {
  std::string s = Slugify("Халықаралық қатынастардағы орта деңгейлі державалардың рөлі және болашағы", 30);
  CHECK(s.size() <= 30);
  CHECK(s.back() != '-');
  CHECK(s == "khalyqaralyq-qatynastardaghy");
}

TEST_CASE("slugs never come out empty", "[slug]") {
  CHECK(Slugify("«»!?", 48, "chapter") == "chapter");
  CHECK(Slugify("") == "untitled");
}

TEST_CASE("unique slugs get a numeric suffix", "[slug]") {
  std::set<std::string> taken;
  CHECK(UniqueSlug("a", taken) == "a");
  CHECK(UniqueSlug("a", taken) == "a-2");
  CHECK(UniqueSlug("a", taken) == "a-3");
}
