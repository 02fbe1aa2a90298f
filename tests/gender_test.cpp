// Whose gender a name tells, and how interviewees are cast onto profiles of it.
#include "text/gender.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "speech/voice_profile.h"
#include "test_util.h"
#include "text/reader.h"
#include "text/segmenter.h"
#include "text/word_lists.h"

using namespace dauys;

namespace {

const NameGenders& Bundled() {
  static NameGenders names = [] {
    Expected<NameGenders> n = NameGenders::Load(test::SourceDir() / "voices");
    REQUIRE(n.ok());
    return *n;
  }();
  return names;
}

}  // namespace

TEST_CASE("surnames, patronymics and first names tell a speaker's gender", "[gender]") {
  CHECK(GenderOfName("Гүлнар Сейітова", Bundled()) == "female");
  CHECK(GenderOfName("Ерлан Сәкенов", Bundled()) == "male");
  CHECK(GenderOfName("Сәкенов Ерлан", Bundled()) == "male");  // surname first
  CHECK(GenderOfName("Жансая Мұратқызы", Bundled()) == "female");
  CHECK(GenderOfName("Дәулетбек Байтұрсынұлы", Bundled()) == "male");
  CHECK(GenderOfName("Анна Петровская", Bundled()) == "female");
  CHECK(GenderOfName("Айгүл Төлеген", Bundled()) == "female");  // the first name alone
  CHECK(GenderOfName("Марат Төлеген", Bundled()) == "male");
  CHECK(GenderOfName("Бақыт Төлеген", Bundled()).empty());  // given to both; nothing else tells
  CHECK(GenderOfName("", Bundled()).empty());
  CHECK(GenderFromAddress(AddressWords("– Бақыт апай, сіз қашан келдіңіз?"), "Бақыт", WordLists::BuiltIn()) == "female");
  CHECK(GenderFromAddress(AddressWords("– Бақыт аға, сіз қашан келдіңіз?"), "Бақыт", WordLists::BuiltIn()) == "male");
  CHECK(GenderFromAddress(AddressWords("Бақыт келді."), "Бақыт", WordLists::BuiltIn()).empty());
}

TEST_CASE("a bad first-name list names the file and line", "[gender]") {
  Expected<NameGenders> bad = NameGenders::Parse("Айгүл\n", "voices/names.txt");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message == "voices/names.txt: line 1: names before [female] or [male]");
  Expected<NameGenders> section = NameGenders::Parse("[female]\nАйгүл\n[other]\n", "voices/names.txt");
  REQUIRE_FALSE(section.ok());
  CHECK(section.error().message == "voices/names.txt: line 3: unknown section [other] (known: [female], [male])");
}

TEST_CASE("interviewees are cast onto profiles of their gender, in order, the unknown as before",
          "[gender][structure]") {
  auto voices = LoadVoiceProfiles(test::SourceDir() / "voices");
  REQUIRE(voices.ok());
  SegmentOptions options;
  options.interviewee_voices = IntervieweeVoicePool(*voices);
  options.voice_genders = VoiceGenders(*voices);
  options.names = Bundled();
  Expected<Document> doc = ParseDocument(
      "Дөңгелек үстел\n"
      "Марат Әлиев: Не өзгерді деп ойлайсыз?\n"
      "Гүлнар Сейітова: Көп нәрсе өзгерді.\n"
      "Ерлан Сәкенов: Мен келісемін.\n"
      "Айжан Омарова: Мен де келісемін.\n"
      "Бақыт Төлеген: Менің ойым басқа.\n",
      "round.txt");
  REQUIRE(doc.ok());
  Script s = SegmentInterview(*doc, options);
  std::map<std::string, std::string> voice, gender;
  for (const Speaker& sp : s.speakers) {
    voice[sp.name] = sp.voice;
    gender[sp.name] = sp.gender;
  }
  CHECK(voice["Гүлнар Сейітова"] == "interviewee-2");
  CHECK(voice["Ерлан Сәкенов"] == "interviewee");
  CHECK(voice["Айжан Омарова"] == "interviewee-4");
  CHECK(voice["Бақыт Төлеген"] == "interviewee-3");  // unknown: the next profile free
  CHECK(gender["Гүлнар Сейітова"] == "female");
  CHECK(gender["Бақыт Төлеген"].empty());
  for (const auto& [name, profile] : *voices) {
    if (name.rfind("interviewee", 0) == 0) CHECK_FALSE(profile.gender.empty());
  }
}

TEST_CASE("the sidecar says a speaker's gender, or gives a name that tells it", "[gender][overrides]") {
  test::TempDir dir;
  test::WriteFile(dir / "talk.txt",
                  "Бүгін біз ұстазбен сөйлестік.\n"
                  "– Сіз қашан мұғалім болдыңыз?\n"
                  "– Жиырма жыл бұрын. Содан бері ауылда сабақ беремін.\n");
  auto voice_of_guest = [&dir]() {
    test::CommandResult r = test::RunDauys("plan --json " + test::Quote((dir / "talk.txt").string()));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const nlohmann::json plan = nlohmann::json::parse(r.out);
    for (const auto& s : plan["speakers"]) {
      if (s["role"] == "interviewee") return s["voice"].get<std::string>();
    }
    return std::string();
  };
  CHECK(voice_of_guest() == "interviewee");  // nothing tells: the first profile
  test::WriteFile(dir / "talk.txt.toml", "[speakers]\ninterviewee = { gender = \"female\" }\n");
  CHECK(voice_of_guest() == "interviewee-2");
  test::WriteFile(dir / "talk.txt.toml", "[speakers]\ninterviewee = { name = \"Сәуле Ахметова\" }\n");
  CHECK(voice_of_guest() == "interviewee-2");
  test::WriteFile(dir / "talk.txt.toml", "[speakers]\ninterviewee = { gender = \"woman\" }\n");
  test::CommandResult bad = test::RunDauys("plan " + test::Quote((dir / "talk.txt").string()));
  CHECK(bad.exit_code == 1);
  CHECK(bad.err == "dauys: error: " + (dir / "talk.txt.toml").string() +
                       ": line 2: 'gender' must be \"female\" or \"male\", not \"woman\"\n");
}
