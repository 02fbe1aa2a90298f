#include "speech/voice_profile.h"

#include <catch2/catch.hpp>

#include "speech/speech_engine.h"
#include "test_util.h"

using namespace dauys;

TEST_CASE("voice profiles parse every key with comments and spaces", "[voices]") {
  Expected<VoiceProfile> p = ParseVoiceProfile(
      "# a comment\nlanguage = kk\n variant=f3   # female\nrate = 170\npitch=70\nrange = 60\nvolume = 120\n",
      "interviewer", "voices/interviewer.voice");
  REQUIRE(p.ok());
  CHECK(p->name == "interviewer");
  CHECK(p->EspeakName() == "kk+f3");
  CHECK(p->rate == 170);
  CHECK(p->pitch == 70);
  CHECK(p->range == 60);
  CHECK(p->volume == 120);
}

TEST_CASE("variant none selects the plain voice", "[voices]") {
  Expected<VoiceProfile> p = ParseVoiceProfile("variant = none\n", "n", "n.voice");
  REQUIRE(p.ok());
  CHECK(p->EspeakName() == "kk");
}

TEST_CASE("malformed voice profiles name the file and line", "[voices]") {
  auto error = [](const std::string& text) {
    Expected<VoiceProfile> p = ParseVoiceProfile(text, "x", "voices/x.voice");
    REQUIRE_FALSE(p.ok());
    return p.error().message;
  };
  CHECK(error("rate = 170\nspeed = 3\n") ==
        "voices/x.voice: line 2: unknown key 'speed' (known: language, variant, rate, pitch, range, volume, gender)");
  CHECK(error("pitch = high\n") == "voices/x.voice: line 1: 'pitch' must be a whole number, got 'high'");
  CHECK(error("\n\nrate = 20\n") == "voices/x.voice: line 3: 'rate' must be between 80 and 450, got 20");
  CHECK(error("volume\n") == "voices/x.voice: line 1: expected 'key = value', got 'volume'");
  CHECK(error("variant =\n") == "voices/x.voice: line 1: 'variant' has no value");
  CHECK(error("variant = f3/../x\n") == "voices/x.voice: line 1: invalid variant 'f3/../x'");
}

TEST_CASE("the bundled voices load and differ", "[voices]") {
  Expected<std::map<std::string, VoiceProfile>> voices = LoadVoiceProfiles(test::SourceDir() / "voices");
  REQUIRE(voices.ok());
  const auto& v = *voices;
  REQUIRE(v.count("narrator"));
  REQUIRE(v.count("interviewer"));
  REQUIRE(v.count("interviewee"));
  CHECK(v.at("narrator").EspeakName() != v.at("interviewer").EspeakName());
  CHECK(v.at("interviewer").EspeakName() != v.at("interviewee").EspeakName());
  CHECK(v.at("narrator").EspeakName() != v.at("interviewee").EspeakName());
  std::vector<std::string> pool = IntervieweeVoicePool(v);
  REQUIRE(pool.size() >= 3);
  CHECK(pool[0] == "interviewee");
  CHECK(pool[1] == "interviewee-2");
  CHECK(pool[2] == "interviewee-3");
}

TEST_CASE("a voice folder without a required role is an error", "[voices]") {
  test::TempDir dir;
  test::WriteFile(dir / "narrator.voice", "variant = m1\n");
  test::WriteFile(dir / "interviewer.voice", "variant = f1\n");
  auto voices = LoadVoiceProfiles(dir.path());
  REQUIRE_FALSE(voices.ok());
  CHECK(voices.error().message == (dir / "interviewee.voice").string() +
                                      ": missing; every book needs a narrator, interviewer and interviewee voice");
}

TEST_CASE("the engine refuses a variant eSpeak NG does not have", "[voices][engine]") {
  auto engine = SpeechEngine::Open();
  REQUIRE(engine.ok());
  VoiceProfile good;
  good.name = "interviewer";
  good.variant = "f3";
  CHECK((*engine)->CheckVoice(good).ok());
  VoiceProfile bad = good;
  bad.variant = "nosuch";
  Status s = (*engine)->CheckVoice(bad);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message.rfind("voice 'interviewer': eSpeak NG has no variant 'nosuch' (see ", 0) == 0);
  VoiceProfile lang = good;
  lang.language = "xx";
  REQUIRE_FALSE((*engine)->CheckVoice(lang).ok());
  CHECK((*engine)->CheckVoice(lang).error().message == "voice 'interviewer': eSpeak NG has no language 'xx'");
}

TEST_CASE("only one speech engine lives at a time", "[engine]") {
  auto first = SpeechEngine::Open();
  REQUIRE(first.ok());
  auto second = SpeechEngine::Open();
  REQUIRE_FALSE(second.ok());
  CHECK(second.error().message == "eSpeak NG is already in use in this process");
}

TEST_CASE("the engine speaks Kazakh at 22050 Hz and reports words", "[engine]") {
  auto engine = SpeechEngine::Open();
  REQUIRE(engine.ok());
  CHECK((*engine)->sample_rate() == 22050);
  VoiceProfile voice;
  voice.name = "test";
  auto speech = (*engine)->Speak("Сәлеметсіз бе, қымбатты тыңдармандар.", voice);
  REQUIRE(speech.ok());
  // About two seconds of speech, with four words reported in order.
  CHECK(speech->samples.size() > 22050);
  CHECK(speech->samples.size() < 22050 * 6);
  CHECK(speech->WordCount() == 4);
  int64_t last = -1;
  for (const SpeechEvent& e : speech->events) {
    CHECK(e.sample >= last);
    last = e.sample;
  }
}
