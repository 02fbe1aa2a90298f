// Russian and English passages in a Kazakh article are told apart sentence by sentence
// and spoken by eSpeak NG's voice for their language; the sidecar can set a line's.
#include "text/language.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "test_util.h"
#include "text/overrides.h"

using namespace dauys;
using json = nlohmann::json;
namespace fs = std::filesystem;

TEST_CASE("a sentence's language comes from its letters and function words", "[language]") {
  CHECK(DetectLanguage("Бүгін біз мектеп директорымен сөйлестік.") == "kk");
  CHECK(DetectLanguage("Мы благодарим всех читателей за внимание.") == "ru");
  CHECK(DetectLanguage("Я очень люблю читать книги на русском языке.") == "ru");
  CHECK(DetectLanguage("I read books in English every day.") == "en");
  // Without evidence, Kazakh: names, short lines, Latin-script Kazakh.
  CHECK(DetectLanguage("Президент Путин") == "kk");
  CHECK(DetectLanguage("Олар да келді.") == "kk");
  CHECK(DetectLanguage("Qazaqstan men Google") == "kk");
  CHECK(DetectLanguage("Google Microsoft Apple") == "kk");
}

TEST_CASE("a quotation in another language is cut out of its Kazakh sentence", "[language]") {
  std::vector<LanguageRun> runs = SplitByLanguage("Ол маған: «Я очень рад видеть вас», – деді.");
  REQUIRE(runs.size() == 3);
  CHECK(runs[0].text == "Ол маған:");
  CHECK(runs[0].language == "kk");
  CHECK(runs[1].text == "«Я очень рад видеть вас»,");
  CHECK(runs[1].language == "ru");
  CHECK(runs[2].text == "– деді.");
  CHECK(runs[2].language == "kk");
  CHECK(SplitByLanguage("«Егемен Қазақстан» газеті шықты.").size() == 1);
  CHECK(SplitByLanguage("Ол маған: «Я очень рад видеть вас».", "kk").size() == 1);
  CHECK(SpeakAsWritten("«Я очень рад», – сказал он.") == "Я очень рад, сказал он.");
}

TEST_CASE("dauys normalize shows a foreign quotation as its voice is given it", "[language][cli]") {
  test::TempDir dir;
  test::WriteFile(dir / "in.txt", "Ол 5 жыл бұрын: «Я очень люблю читать книги», – деді.\n");
  test::CommandResult r = test::RunDauys("normalize " + test::Quote((dir / "in.txt").string()));
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "Ол бес жыл бұрын: Я очень люблю читать книги, деді.\n");
}

TEST_CASE("the sidecar sets a line's language and rejects an unknown one", "[language]") {
  Expected<Overrides> o = ParseOverrides("[lines]\n7 = { language = \"ru\" }\n9 = { role = \"interviewee\", language = \"en\" }\n", "x.toml");
  REQUIRE(o.ok());
  CHECK(o->languages.at(7) == "ru");
  CHECK(o->languages.at(9) == "en");
  CHECK(o->lines.at(9) == LineOverride::kInterviewee);
  CHECK(o->lines.count(7) == 0);
  Expected<Overrides> bad = ParseOverrides("[lines]\n7 = { language = \"de\" }\n", "x.toml");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message == "x.toml: line 2: line 7: language must be \"kk\", \"ru\" or \"en\"");
}

TEST_CASE("plan --json and book.json name the language of what is not Kazakh", "[language][cli]") {
  test::TempDir dir;
  test::WriteFile(dir / "mixed.txt",
                  "Тілдер туралы сұхбат\n"
                  "Бүгін біз мектеп директорымен сөйлестік.\n"
                  "– Оқушылар қай тілдерде сөйлейді?\n"
                  "– Бір оқушы маған: «Я очень люблю читать книги на русском языке». Бұл біз үшін үлкен жетістік.\n"
                  "Мы благодарим всех читателей за внимание.\n");
  test::CommandResult plan = test::RunDauys("plan --json " + test::Quote((dir / "mixed.txt").string()));
  REQUIRE(plan.exit_code == 0);
  json doc = json::parse(plan.out);
  json languages = json::object();
  for (const json& chapter : doc["chapters"]) {
    for (const json& turn : chapter["turns"]) {
      if (turn.contains("languages")) languages.update(turn["languages"]);
    }
  }
  CHECK(languages == json{{"5", "ru"}});

  test::CommandResult build = test::RunDauys("build " + test::Quote((dir / "mixed.txt").string()) + " -o " +
                                             test::Quote((dir / "out").string()) + " -q");
  INFO(build.err);
  REQUIRE(build.exit_code == 0);
  CHECK(build.err.empty());  // every word spoken: no coverage warning
  json book = json::parse(test::ReadFile(dir / "out/mixed/book.json"));
  std::vector<std::pair<std::string, std::string>> foreign;
  for (const json& chapter : book["chapters"]) {
    for (const json& turn : chapter["turns"]) {
      for (const json& s : turn["sentences"]) {
        if (s.contains("language")) foreign.emplace_back(s["language"], s["text"]);
      }
    }
  }
  CHECK(foreign == std::vector<std::pair<std::string, std::string>>{
                       {"ru", "«Я очень люблю читать книги на русском языке»."},
                       {"ru", "Мы благодарим всех читателей за внимание."}});

  // The sidecar makes line 5 Kazakh: it is spoken again (the language is in the key).
  test::WriteFile(dir / "mixed.txt.toml", "[lines]\n5 = { language = \"kk\" }\n");
  test::CommandResult again = test::RunDauys("build " + test::Quote((dir / "mixed.txt").string()) + " -o " +
                                             test::Quote((dir / "out").string()));
  REQUIRE(again.exit_code == 0);
  CHECK(again.err.find("segments: 1 synthesized") != std::string::npos);
}
