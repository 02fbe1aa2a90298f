// Russian and English passages in a Kazakh article are told apart sentence by sentence
// and spoken by eSpeak NG's voice for their language; the sidecar can set a line's.
#include "text/language.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>

#include "book/book_plan.h"
#include "speech/speech_engine.h"
#include "speech/voice_profile.h"
#include "test_util.h"
#include "text/lexicon.h"
#include "text/normalizer.h"
#include "text/overrides.h"
#include "text/reader.h"
#include "text/segmenter.h"

using namespace dauys;
using json = nlohmann::json;
namespace fs = std::filesystem;

TEST_CASE("a sentence's language comes from its letters and function words", "[language]") {
  CHECK(DetectLanguage("Бүгін біз мектеп директорымен сөйлестік.") == "kk");
  CHECK(DetectLanguage("Мы благодарим всех читателей за внимание.") == "ru");
  CHECK(DetectLanguage("Я очень люблю читать книги на русском языке.") == "ru");
  CHECK(DetectLanguage("I read books in English every day.") == "en");
  // No function word, but Russian inflections no Kazakh word has.
  CHECK(DetectLanguage("Здесь каждый год открываются новые школы") == "ru");
  CHECK(DetectLanguage("Қаладағы жаңа мектептер ашылады") == "kk");
  CHECK(DetectLanguage("Василий Иванов келді") == "kk");
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

TEST_CASE("a Russian quotation inside a Kazakh paragraph is spoken by eSpeak NG's Russian voice", "[language][engine]") {
  test::TempDir dir;
  const std::string quote = "«Здесь каждый год открываются новые школы»";
  test::WriteFile(dir / "quote.txt",
                  "Ауылдағы жаңа мектеп\n"
                  "Биыл ауылда жаңа мектеп ашылды.\n"
                  "– Мектеп қашан салынды?\n"
                  "– Құрылыс екі жыл бұрын басталды. Бір қонақ бізге: " + quote +
                      ", – деді. Біз бұған қуандық.\n");
  // The manifest: the quotation is a sentence of its own, in Russian.
  test::CommandResult build = test::RunDauys("build " + test::Quote((dir / "quote.txt").string()) + " -o " +
                                             test::Quote((dir / "out").string()) + " -q");
  INFO(build.err);
  REQUIRE(build.exit_code == 0);
  json book = json::parse(test::ReadFile(dir / "out/quote/book.json"));
  std::map<std::string, std::string> language_of;
  for (const json& chapter : book["chapters"]) {
    for (const json& turn : chapter["turns"]) {
      for (const json& s : turn["sentences"]) language_of[s["text"]] = s.value("language", "kk");
    }
  }
  CHECK(language_of.at(quote + ",") == "ru");
  CHECK(language_of.at("Бір қонақ бізге:") == "kk");
  CHECK(language_of.at("– деді.") == "kk");

  // The plan the build made: the quotation's segment has the speaker's voice in Russian.
  Expected<Document> doc = ReadDocument(dir / "quote.txt");
  REQUIRE(doc.ok());
  Script script = SegmentInterview(*doc);
  Expected<std::map<std::string, VoiceProfile>> voices = LoadVoiceProfiles(test::SourceDir() / "voices");
  REQUIRE(voices.ok());
  Expected<Lexicon> lexicon = Lexicon::Load(test::SourceDir() / "voices/lexicon.txt");
  REQUIRE(lexicon.ok());
  Normalizer normalizer(*lexicon);
  auto engine = SpeechEngine::Open();
  REQUIRE(engine.ok());
  Expected<BookPlan> plan = PlanBook(script, *voices, normalizer, **engine, BookOptions{});
  REQUIRE(plan.ok());
  const PlannedSegment* quoted = nullptr;
  const PlannedSegment* kazakh = nullptr;
  for (const PlannedSegment& s : plan->segments) {
    if (s.written == quote + ",") quoted = &s;
    if (s.written == "Бір қонақ бізге:") kazakh = &s;
  }
  REQUIRE(quoted);
  REQUIRE(kazakh);
  CHECK(quoted->language == "ru");
  CHECK(quoted->voice->language == "ru");
  CHECK(quoted->voice->variant == kazakh->voice->variant);  // the speaker's own variant
  CHECK(quoted->voice->pitch == kazakh->voice->pitch);

  // eSpeak NG's phonemes: the segment is read by the Russian rules, not the Kazakh ones.
  VoiceProfile russian;
  russian.name = "russian";
  russian.language = "ru";
  VoiceProfile kazakh_voice = *kazakh->voice;
  Expected<std::string> spoken = (*engine)->Phonemes(quoted->spoken, *quoted->voice);
  Expected<std::string> as_russian = (*engine)->Phonemes(quoted->spoken, russian);
  Expected<std::string> as_kazakh = (*engine)->Phonemes(quoted->spoken, kazakh_voice);
  REQUIRE(spoken.ok());
  REQUIRE(as_russian.ok());
  REQUIRE(as_kazakh.ok());
  INFO("segment: " << *spoken << "Russian voice: " << *as_russian << "Kazakh voice: " << *as_kazakh);
  CHECK_FALSE(spoken->empty());
  CHECK(*spoken == *as_russian);
  CHECK(*spoken != *as_kazakh);
  CHECK(spoken->find("ʲ") != std::string::npos);  // Russian soft consonants, as in «здесь»
  CHECK(as_kazakh->find("ʲ") == std::string::npos);
  // The Kazakh sentence beside it stays with the Kazakh voice.
  CHECK(kazakh->voice->language == "kk");
  CHECK(*(*engine)->Phonemes(kazakh->spoken, *kazakh->voice) != *(*engine)->Phonemes(kazakh->spoken, russian));
}
