// Russian and English passages in a Kazakh article are told apart sentence by sentence
// and spoken by eSpeak NG's voice for their language; the sidecar can set a line's.
#include "text/language.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <map>

#include "book/book_plan.h"
#include "book/pauses.h"
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
  auto engine = SpeechEngine::Open();
  REQUIRE(engine.ok());
  const BookPlan plan = test::PlanWithBundledVoices(script, **engine);
  const PlannedSegment* quoted = nullptr;
  const PlannedSegment* kazakh = nullptr;
  for (const PlannedSegment& s : plan.segments) {
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

TEST_CASE("a Russian saying inside a Kazakh sentence is Russian, quoted or not", "[language]") {
  std::vector<LanguageRun> quoted = SplitByLanguage("Атам әрдайым «Тише едешь — дальше будешь» деп айтатын.");
  REQUIRE(quoted.size() == 3);
  CHECK(quoted[0].text == "Атам әрдайым");
  CHECK(quoted[0].language == "kk");
  CHECK(quoted[1].text == "«Тише едешь — дальше будешь»");
  CHECK(quoted[1].language == "ru");
  CHECK(quoted[2].text == "деп айтатын.");
  CHECK(quoted[2].language == "kk");
  std::vector<LanguageRun> bare = SplitByLanguage("Атам әрдайым Тише едешь — дальше будешь деп айтатын.");
  REQUIRE(bare.size() == 3);
  CHECK(bare[1].text == "Тише едешь — дальше будешь");
  CHECK(bare[1].language == "ru");
  CHECK(bare[2].text == "деп айтатын.");
  // Kazakh words without Kazakh letters are no Russian saying; nor is a Russian name.
  CHECK(SplitByLanguage("Ол бала мектепте оқиды да, кейін жұмыс істейді.").size() == 1);
  CHECK(SplitByLanguage("Василий Иванов Петрович келді.").size() == 1);
  CHECK(SplitByLanguage("Атам әрдайым Тише едешь деп айтатын.").size() == 1);  // two words: too little to tell
}

TEST_CASE("CLD2 decides the language of a sentence long enough for it", "[language]") {
  CHECK(IdentifiedLanguage("Мы благодарим всех читателей за внимание и поддержку.") == "ru");
  CHECK(IdentifiedLanguage("Бүгін біз мектеп директорымен ұзақ сөйлестік.") == "kk");
  CHECK(IdentifiedLanguage("We talked with the school director for an hour.") == "en");
  CHECK(IdentifiedLanguage("Президент Путин") == "");  // too short: the evidence decides
  // Without a function word from the lists, CLD2 still knows Russian.
  CHECK(DetectLanguage("Вчера вечером началась сильная метель.") == "ru");
  CHECK(DetectLanguageByEvidence("Вчера вечером началась сильная метель.") == "kk");
}

namespace {

/// The longest stretch of silence (5 ms frames under -38 dBFS) in pcm[begin, end), in seconds.
double LongestSilence(const std::vector<int16_t>& pcm, int64_t begin, int64_t end) {
  const int64_t frame = 110;
  int64_t run = 0, longest = 0;
  for (int64_t at = std::max<int64_t>(0, begin); at + frame <= std::min<int64_t>(end, static_cast<int64_t>(pcm.size()));
       at += frame) {
    int peak = 0;
    for (int64_t i = at; i < at + frame; ++i) peak = std::max(peak, std::abs(static_cast<int>(pcm[static_cast<size_t>(i)])));
    run = peak < 400 ? run + frame : 0;
    longest = std::max(longest, run);
  }
  return static_cast<double>(longest) / 22050.0;
}

}  // namespace

TEST_CASE("a Russian saying stays in its sentence's flow: no pause longer than a comma's", "[language][engine]") {
  test::TempDir dir;
  test::WriteFile(dir / "saying.txt",
                  "Мақал туралы\n"
                  "Бүгін біз мақал туралы сөйлестік.\n"
                  "– Атаңыз не дейтін еді?\n"
                  "– Атам әрдайым «Тише едешь — дальше будешь» деп айтатын. Ол дұрыс еді.\n"
                  "– Тағы не айтатын?\n"
                  "– Атам әрдайым, балам, асықпа деп айтатын.\n");
  test::CommandResult build = test::RunDauys("build " + test::Quote((dir / "saying.txt").string()) + " -o " +
                                             test::Quote((dir / "out").string()) + " -q");
  INFO(build.err);
  REQUIRE(build.exit_code == 0);
  nlohmann::json book = nlohmann::json::parse(test::ReadFile(dir / "out/saying/book.json"));
  REQUIRE(book["chapters"].size() == 1);
  const nlohmann::json& chapter = book["chapters"][0];
  std::vector<nlohmann::json> sentences;
  for (const nlohmann::json& turn : chapter["turns"]) {
    for (const nlohmann::json& s : turn["sentences"]) sentences.push_back(s);
  }
  auto find = [&](const std::string& text) {
    for (size_t i = 0; i < sentences.size(); ++i) {
      if (sentences[i]["text"] == text) return i;
    }
    FAIL("no sentence " << text);
    return size_t{0};
  };
  const size_t saying = find("«Тише едешь — дальше будешь»");
  CHECK(sentences[saying].value("language", "kk") == "ru");
  CHECK(sentences[saying - 1]["text"] == "Атам әрдайым");
  CHECK(sentences[saying + 1]["text"] == "деп айтатын.");
  CHECK(sentences[saying + 1].value("language", "kk") == "kk");

  std::vector<int16_t> pcm = test::DecodeMp3(dir / "out/saying" / chapter["file"].get<std::string>());
  REQUIRE_FALSE(pcm.empty());
  auto start = [&](size_t i) { return sentences[i]["start_sample"].get<int64_t>(); };
  auto end = [&](size_t i) { return sentences[i]["end_sample"].get<int64_t>(); };
  // Around the saying: the silences between the three pieces of the sentence.
  const double around = LongestSilence(pcm, start(saying - 1), end(saying + 1));
  // A comma inside one Kazakh sentence, and the pause between two sentences.
  const size_t commas = find("Атам әрдайым, балам, асықпа деп айтатын.");
  const double comma = LongestSilence(pcm, start(commas), end(commas));
  const double sentence = LongestSilence(pcm, end(saying + 1) - 2205, start(saying + 2) + 2205);
  Expected<PauseSettings> pauses = LoadPauseSettings(test::SourceDir() / "voices/pauses.txt");
  REQUIRE(pauses.ok());
  INFO("around the saying " << around << " s, a comma " << comma << " s, between sentences " << sentence << " s");
  CHECK(comma > 0.05);
  CHECK(around < sentence);
  // The pieces meet with no more silence than a comma's inside one Kazakh sentence (the
  // sidecar-free comma pause is the join's only addition): eSpeak NG's own silence at
  // the edges of the pieces is trimmed.
  CHECK(around <= comma + pauses->comma);
}

TEST_CASE("CLD2 and the evidence agree on the bundled and test texts", "[language]") {
  // Every sentence of tests/data/interviews and texts/ (591; CLD2 decides 398): it
  // turns no sentence the evidence calls Kazakh into another language, or back, and no
  // sentence is cut into runs.
  Expected<Lexicon> lexicon = Lexicon::Load(test::SourceDir() / "voices/lexicon.txt");
  REQUIRE(lexicon.ok());
  Normalizer normalizer(*lexicon);
  int sentences = 0, decided = 0, differ = 0, cut = 0;
  std::string changes, cuts;
  for (const fs::path& folder : {fs::path(DAUYS_TEST_DATA) / "interviews", test::SourceDir() / "texts"}) {
    for (const fs::directory_entry& e : fs::directory_iterator(folder)) {
      if (e.path().extension() != ".txt") continue;
      Expected<Document> doc = ReadDocument(e.path());
      if (!doc) continue;
      for (const Line& line : doc->lines) {
        for (const std::string& s : normalizer.SplitSentences(line.text)) {
          ++sentences;
          decided += !IdentifiedLanguage(s).empty();
          std::vector<LanguageRun> runs = SplitByLanguage(s);
          if (runs.size() > 1) {
            ++cut;
            for (const LanguageRun& r : runs) cuts += "[" + r.language + "] " + r.text + " ";
            cuts += "\n";
          }
          if (DetectLanguage(s) != DetectLanguageByEvidence(s)) {
            ++differ;
            changes += DetectLanguageByEvidence(s) + " -> " + DetectLanguage(s) + ": " + s + "\n";
          }
        }
      }
    }
  }
  INFO(sentences << " sentences, " << decided << " decided by CLD2, " << differ << " changed:\n" << changes);
  CHECK(sentences > 500);
  CHECK(differ == 0);
  WARN(sentences << " sentences, " << decided << " decided by CLD2, " << differ << " changed; cut in runs:\n" << cuts);
  CHECK(cut == 0);  // these texts quote no other language: no false cut
}
