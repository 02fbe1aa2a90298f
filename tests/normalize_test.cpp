// What a newsreader would say: a table of written -> spoken cases
// (tests/data/normalize_cases.tsv: category, input, expected) run through the same
// Normalizer the build uses, with the bundled lexicon.
#include "text/normalizer.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>
#include <set>
#include <sstream>

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "test_util.h"

using namespace dauys;
namespace fs = std::filesystem;

namespace {


struct Case {
  std::string file;
  int line;
  std::string category, input, expected;
};

/// Every table: tests/data/normalize_cases.tsv and the topic tables beside it
/// (normalize_cases.<topic>.tsv), in name order. `expected` may list the forms readers
/// differ on, separated by " | ".
std::vector<Case> LoadCases() {
  std::vector<fs::path> files;
  for (const fs::directory_entry& e : fs::directory_iterator(DAUYS_TEST_DATA)) {
    std::string name = e.path().filename().string();
    if (name.rfind("normalize_cases", 0) == 0 && e.path().extension() == ".tsv") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Case> cases;
  for (const fs::path& file : files) {
    std::istringstream in(test::ReadFile(file));
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      if (line.empty() || line[0] == '#') continue;
      size_t a = line.find('\t'), b = line.find('\t', a + 1);
      INFO(file.filename().string() << " line " << number);
      REQUIRE(a != std::string::npos);
      REQUIRE(b != std::string::npos);
      cases.push_back({file.filename().string(), number, line.substr(0, a), line.substr(a + 1, b - a - 1),
                       line.substr(b + 1)});
    }
  }
  return cases;
}

/// True when `got` is one of the forms `expected` allows.
bool Matches(const std::string& got, const std::string& expected) {
  size_t from = 0;
  while (true) {
    size_t bar = expected.find(" | ", from);
    if (expected.substr(from, bar == std::string::npos ? std::string::npos : bar - from) == got) return true;
    if (bar == std::string::npos) return false;
    from = bar + 3;
  }
}

}  // namespace

TEST_CASE("the normalization table: at least 200 cases, every category", "[normalize]") {
  std::vector<Case> cases = LoadCases();
  CHECK(cases.size() >= 200);
  std::set<std::string> categories;
  for (const Case& c : cases) categories.insert(c.category);
  for (const char* needed : {"cardinal", "thousands", "decimal", "ordinal", "noun", "roman", "year", "date", "range",
                             "time", "suffix", "percent", "currency", "unit", "lexicon", "spelled", "harmony",
                             "abbrev", "initials", "latin", "symbols"}) {
    INFO(needed);
    CHECK(categories.count(needed) == 1);
  }
  // The table speaks through the bundled transliteration rules too, as the build does.
  Expected<ScriptTransliterator> scripts = ScriptTransliterator::Load(test::SourceDir() / "voices");
  REQUIRE(scripts.ok());
  ScriptOptions options;
  options.transliterator = &*scripts;
  Normalizer normalizer(test::BundledLexicon(), options);
  int failures = 0;
  for (const Case& c : cases) {
    std::string got = normalizer.Normalize(c.input);
    if (!Matches(got, c.expected)) {
      ++failures;
      UNSCOPED_INFO(c.file << " line " << c.line << " [" << c.category << "] " << c.input << "\n    expected: " << c.expected
                            << "\n    got:      " << got);
    }
  }
  CHECK(failures == 0);
}

TEST_CASE("suffixes follow vowel harmony and consonant assimilation", "[normalize]") {
  CHECK(AttachSuffix("бэ-ұ-ұ", "ның") == "бэ-ұ-ұның");
  CHECK(AttachSuffix("а-қы-ша", "тың") == "а-қы-шаның");
  CHECK(AttachSuffix("тэ-эм-дэ", "ға") == "тэ-эм-дэге");
  CHECK(AttachSuffix("бес", "ге") == "беске");
  CHECK(AttachSuffix("он", "ден") == "оннан");
  CHECK(AttachSuffix("мың", "нан") == "мыңнан");
  CHECK(AttachSuffix("жүз жиырма", "дан") == "жүз жиырмадан");
  CHECK(AttachSuffix("қы-эр", "мен") == "қы-эрмен");
  CHECK(AttachSuffix("алты", "лар") == "алтылар");
  CHECK(AttachSuffix("бес", "тер") == "бестер");
  CHECK(AttachSuffix("жеті", "ші") == "жетіші");  // not an ending it knows: appended
}

TEST_CASE("sentences split at their ends, not after abbreviations or initials", "[normalize]") {
  Normalizer normalizer(test::BundledLexicon());
  auto split = [&](const std::string& text) { return normalizer.SplitSentences(text); };
  CHECK(split("Бірінші сөйлем. Екінші сөйлем! Үшінші ме?") ==
        std::vector<std::string>{"Бірінші сөйлем.", "Екінші сөйлем!", "Үшінші ме?"});
  CHECK(split("Кітап, дәптер т.б. заттар алдық. Бәрі дайын.").size() == 2);
  CHECK(split("М.Әуезов пен Қ.-Ж. Тоқаев туралы айтты.").size() == 1);
  CHECK(split("2024 ж. 7 желтоқсанда болды.").size() == 1);
  CHECK(split("«Иә», – деді ол.").size() == 1);
  CHECK(split("Ә.Х. Марғұлан келді. Ол сөйледі.") == std::vector<std::string>{"Ә.Х. Марғұлан келді.", "Ол сөйледі."});
  // Full stops inside dates, clock times and shortened units end nothing.
  CHECK(split("Кеңес 22.11.2023 өтті. Бәрі келді.").size() == 2);
  CHECK(split("Концерт 18.00-де басталады.").size() == 1);
  CHECK(split("2 сағ. 40 мин. жүрдік. Содан демалдық.").size() == 2);
  CHECK(split("Ауа температурасы +30...+35° болады. Ертең жаңбыр.").size() == 2);
  CHECK(split("Сағат 5... 6 адам келді.").size() == 1);
  CHECK(split("").empty());
  CHECK(split("***").empty());
}

TEST_CASE("a malformed lexicon names the file and line", "[normalize]") {
  auto error = [](const std::string& text) {
    Expected<Lexicon> l = Lexicon::Parse(text, "voices/lexicon.txt");
    REQUIRE_FALSE(l.ok());
    return l.error().message;
  };
  CHECK(error("[words]\nБҰҰ\n") == "voices/lexicon.txt: line 2: expected 'written = spoken', got 'БҰҰ'");
  CHECK(error("БҰҰ = бэ\nБҰҰ = бі\n") == "voices/lexicon.txt: line 2: 'БҰҰ' is already defined on line 1");
  CHECK(error("[sounds]\n") == "voices/lexicon.txt: line 1: unknown section [sounds] (known: [words], [units])");
  CHECK(error("АҚШ =\n") == "voices/lexicon.txt: line 1: 'АҚШ' has nothing to say after '='");
}

TEST_CASE("a new lexicon entry takes effect without rebuilding", "[normalize]") {
  Expected<Lexicon> lexicon = Lexicon::Parse("[words]\nҚДСЖ = қазақ дыбыстық сөздік жинағы\n", "x");
  REQUIRE(lexicon.ok());
  Normalizer normalizer(*lexicon);
  CHECK(normalizer.Normalize("ҚДСЖ-ның жұмысы") == "қазақ дыбыстық сөздік жинағының жұмысы");
}

TEST_CASE("dauys normalize prints one line per input line", "[normalize][cli]") {
  test::TempDir dir;
  test::WriteFile(dir / "in.txt", "2024 жылы\n\nБҰҰ-ның 50-ші сессиясы\r\n– 7,8%");
  test::CommandResult r = test::RunDauys("normalize " + test::Quote((dir / "in.txt").string()));
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "екі мың жиырма төртінші жылы\n\nбэ-ұ-ұның елуінші сессиясы\nжеті бүтін оннан сегіз пайыз\n");
  test::CommandResult stdin_run = test::Run("printf 'I бөлім\\n' | " + test::Quote(DAUYS_BINARY) + " normalize -");
  CHECK(stdin_run.out == "бірінші бөлім\n");
  test::CommandResult empty = test::Run("printf '' | " + test::Quote(DAUYS_BINARY) + " normalize -");
  CHECK(empty.exit_code == 0);
  CHECK(empty.out.empty());
}

TEST_CASE("the bundled interview normalizes without digits or unexpanded acronyms", "[normalize]") {
  test::CommandResult r = test::RunDauys("normalize " + test::Quote(test::BundledInterview().string()));
  REQUIRE(r.exit_code == 0);
  std::string spoken = r.out;
  CHECK(spoken.find_first_of("0123456789") == std::string::npos);
  // Any run of two or more capital letters (Cyrillic or Latin) is an acronym left over.
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(spoken);
  int run = 0;
  std::string leftover;
  for (int32_t i = 0; i < u.length(); ++i) {
    UChar32 c = u.char32At(i);
    run = u_isupper(c) ? run + 1 : 0;
    if (run == 2) {
      std::string context;
      u.tempSubString(std::max(0, i - 10), 30).toUTF8String(context);
      leftover += context + " | ";
    }
  }
  INFO(leftover);
  CHECK(leftover.empty());
}
