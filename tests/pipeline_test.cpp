// Unit tests of the audio and companion stages: loudness, pauses, subtitles, playlist.
#include <catch2/catch.hpp>

#include <cmath>

#include "audio/loudness.h"
#include "book/book_plan.h"
#include "book/pauses.h"
#include "output/playlist.h"
#include "output/subtitles.h"
#include "util/clock.h"

using namespace dauys;

namespace {
std::vector<int16_t> Voice(double amplitude, size_t n) {
  std::vector<int16_t> s(n);
  for (size_t i = 0; i < n; ++i) {
    // A harmonic-rich tone with bursts, somewhat like voiced speech.
    double t = i / 22050.0;
    double v = std::sin(2 * M_PI * 140 * t) + 0.5 * std::sin(2 * M_PI * 280 * t) + 0.3 * std::sin(2 * M_PI * 1200 * t);
    v *= 0.5 + 0.5 * std::sin(2 * M_PI * 3 * t);
    s[i] = static_cast<int16_t>(std::clamp(amplitude * v, -32768.0, 32767.0));
  }
  return s;
}
int Peak(const std::vector<int16_t>& s) {
  int p = 0;
  for (int16_t v : s) p = std::max(p, std::abs(int(v)));
  return p;
}
}  // namespace

TEST_CASE("loudness normalization reaches the target from quiet and loud input", "[loudness]") {
  for (double amplitude : {800.0, 4000.0, 20000.0}) {
    std::vector<int16_t> pcm = Voice(amplitude, 22050 * 4);
    NormalizeLoudness(pcm, 22050, LoudnessOptions{}, 0);
    INFO("amplitude " << amplitude);
    CHECK(std::abs(MeasureLoudness(pcm, 22050) - -19.0) <= 0.3);
    CHECK(Peak(pcm) <= int(32767 * std::pow(10, -3.0 / 20)) + 1);
  }
}

TEST_CASE("the limiter holds peaks under the ceiling without clipping", "[loudness]") {
  std::vector<int16_t> pcm = Voice(3000, 22050 * 2);
  for (size_t i = 10000; i < 10050; ++i) pcm[i] = 30000;  // a click
  LoudnessOptions options;
  options.target_lufs = -14;
  NormalizeLoudness(pcm, 22050, options, 0);
  CHECK(Peak(pcm) <= int(32767 * std::pow(10, -3.0 / 20)) + 1);
  CHECK(Peak(pcm) < 32767);
}

TEST_CASE("loudness stays on target when the limiter works hard", "[loudness]") {
  // Glottal-like pulses ringing at 700 Hz: a crest factor like voiced speech, so at
  // these targets the limiter takes 1 to 4 dB off the peaks.
  std::vector<int16_t> pcm(22050 * 3);
  for (size_t i = 0; i < pcm.size(); ++i) {
    double since_pulse = std::fmod(i / 22050.0, 1.0 / 120);
    double envelope = 0.5 + 0.5 * std::sin(2 * M_PI * 2 * i / 22050.0);
    pcm[i] = static_cast<int16_t>(6000 * envelope * std::exp(-since_pulse / 0.002) *
                                  std::sin(2 * M_PI * 700 * since_pulse));
  }
  for (double target : {-18.0, -17.0, -16.0}) {
    std::vector<int16_t> out = pcm;
    LoudnessOptions options;
    options.target_lufs = target;
    NormalizeLoudness(out, 22050, options, 0);
    INFO("target " << target);
    CHECK(std::abs(MeasureLoudness(out, 22050) - target) <= 0.15);
    CHECK(Peak(out) <= int(32767 * std::pow(10, -3.0 / 20)) + 1);
    CHECK(Peak(out) >= int(0.98 * 32767 * std::pow(10, -3.0 / 20)));  // the limiter did work
  }
}

TEST_CASE("the limiter's curve is the classic two-pass look-ahead limiter's", "[loudness]") {
  // Bursts of random strength, close enough together for their ramps to overlap.
  std::vector<int16_t> pcm = Voice(2500, 22050 * 3);
  uint32_t seed = 7;
  for (size_t at = 300; at + 40 < pcm.size(); at += 150 + seed % 900) {
    seed = seed * 1103515245u + 12345u;
    const int height = 8000 + static_cast<int>(seed % 20000);
    for (size_t i = 0; i < 8; ++i) pcm[at + i] = static_cast<int16_t>(i % 2 ? -height : height);
  }
  LoudnessOptions options;
  options.target_lufs = -12;
  std::vector<int16_t> out = pcm;
  const double gain_db = NormalizeLoudness(out, 22050, options, 0);
  // The reference: the whole curve, a backward pass for the attack, a forward one for
  // the release.
  const auto gain = static_cast<float>(std::pow(10.0, gain_db / 20.0));
  const auto ceiling = static_cast<float>(32767.0 * std::pow(10.0, options.ceiling_dbfs / 20.0));
  std::vector<float> g(pcm.size());
  for (size_t i = 0; i < pcm.size(); ++i) {
    float level = std::abs(static_cast<float>(pcm[i]) * gain);
    g[i] = level > ceiling ? ceiling / level : 1.0f;
  }
  const float attack = 1.0f / static_cast<float>(size_t(options.lookahead_ms * 22050 / 1000));
  const float release = 1.0f / static_cast<float>(size_t(options.release_ms * 22050 / 1000));
  for (size_t i = g.size(); i-- > 1;) g[i - 1] = std::min(g[i - 1], g[i] + attack);
  for (size_t i = 1; i < g.size(); ++i) g[i] = std::min(g[i], g[i - 1] + release);
  size_t limited = 0, differ = 0;
  for (size_t i = 0; i < pcm.size(); ++i) {
    limited += g[i] < 1.0f;
    float expected = std::nearbyint(std::clamp(static_cast<float>(pcm[i]) * gain * g[i], -32768.0f, 32767.0f));
    differ += std::abs(expected - out[i]) > 1.0f;
  }
  INFO("gain " << gain_db << " peak in " << *std::max_element(pcm.begin(), pcm.end()) << " out " << *std::max_element(out.begin(), out.end()));
  CHECK(limited > pcm.size() / 10);
  CHECK(differ == 0);
}

TEST_CASE("silence and very short audio take the fallback gain", "[loudness]") {
  std::vector<int16_t> silence(22050, 0);
  CHECK(std::isinf(MeasureLoudness(silence, 22050)));
  CHECK(NormalizeLoudness(silence, 22050, LoudnessOptions{}, 4.5) == 4.5);
  CHECK(Peak(silence) == 0);
}

TEST_CASE("pause settings parse and name bad values", "[pauses]") {
  Expected<PauseSettings> p = ParsePauseSettings("head = 0.8\ntail=2.5 # long\nbetween_turns = 1\n", "p.txt");
  REQUIRE(p.ok());
  CHECK(p->head == 0.8);
  CHECK(p->tail == 2.5);
  CHECK(p->between_turns == 1.0);
  CHECK(p->after_title == 0.9);
  auto error = [](const std::string& text) {
    Expected<PauseSettings> e = ParsePauseSettings(text, "p.txt");
    REQUIRE_FALSE(e.ok());
    return e.error().message;
  };
  CHECK(error("head = 0.1\n") == "p.txt: line 1: 'head' must be between 0.5 and 1 seconds, got 0.1");
  CHECK(error("\ntail = 5\n") == "p.txt: line 2: 'tail' must be between 1 and 3 seconds, got 5");
  CHECK(error("between_turns = long\n") == "p.txt: line 1: 'between_turns' must be a number of seconds, got 'long'");
  CHECK(error("gap = 1\n") ==
        "p.txt: line 1: unknown key 'gap' (known: head, after_opening, after_title, between_sentences, comma, between_paragraphs, "
        "between_turns, tail)");
}

TEST_CASE("Every companion writes a moment the same way", "[subtitles]") {
  CHECK(MillisOfSample(11025, 22050) == 500);
  CHECK(MillisOfSample(11, 22050) == 0);    // 0.499 ms
  CHECK(MillisOfSample(12, 22050) == 1);    // 0.544 ms
  // A sample count whose product with 1000 would overflow (a hand-edited book.json).
  CHECK(MillisOfSample(int64_t{48000} * 4'000'000'000'000, 48000) == int64_t{4'000'000'000'000'000});
  CHECK(ClockOfMillis(3723500) == "01:02:03.500");
  CHECK(ClockOfMillis(3723500, false) == "1:02:03.500");
  CHECK(ClockOfMillis(0, false) == "0:00:00.000");
  CHECK(ClockOfMillis(int64_t{100} * 3600000 + 59999) == "100:00:59.999");  // hours are never cut
  CHECK(ClockOfSeconds(3723499) == "01:02:03");
  CHECK(ClockOfSeconds(3723500) == "01:02:04");
}

TEST_CASE("WebVTT and LRC cues carry times, speakers and escaped text", "[subtitles]") {
  std::vector<Cue> cues = {{13230, 44100, "Диктор", "Кіріспе"}, {80000, 90000, "Жанна Жомарт", "A < B & C?"}};
  CHECK(VttTime(80000, 22050) == "00:00:03.628");
  CHECK(VttTime(22050 * 3723 + 11025, 22050) == "01:02:03.500");
  CHECK(RenderWebVtt(cues, 22050) ==
        "WEBVTT\nKind: captions\nLanguage: kk\n\n"
        "1\n00:00:00.600 --> 00:00:02.000\n<v Диктор>Кіріспе</v>\n\n"
        "2\n00:00:03.628 --> 00:00:04.082\n<v Жанна Жомарт>A &lt; B &amp; C?</v>\n");
  CHECK(RenderLrc(cues, 22050, "Тарау", "Жанна", "Кітап") ==
        "[ti:Тарау]\n[ar:Жанна]\n[al:Кітап]\n[la:kk]\n[re:dauys]\n"
        "[00:00.60]Диктор: Кіріспе\n[00:03.63]Жанна Жомарт: A < B & C?\n");
}

TEST_CASE("the playlist lists files with exact durations and titles", "[playlist]") {
  std::string m3u = RenderM3u8("Кітап", {{"01-a.mp3", "Кіріспе", "Диктор", 87.3619}, {"02-b.mp3", "Екі\nжол", "", 5}});
  CHECK(m3u == "#EXTM3U\n#PLAYLIST:Кітап\n#EXTINF:87.362,Диктор - Кіріспе\n01-a.mp3\n#EXTINF:5.000,Екі жол\n02-b.mp3\n");
}

TEST_CASE("chapter file numbers keep sorting past 999 chapters; books under 100 keep 2 digits", "[pipeline]") {
  CHECK(FileNumber(7, 9) == "07");
  CHECK(FileNumber(42, 99) == "42");
  CHECK(FileNumber(7, 100) == "007");
  CHECK(FileNumber(7, 1000) == "0007");
  for (size_t total : {9u, 99u, 100u, 999u, 1000u, 1234u, 10000u}) {
    std::vector<std::string> names;
    for (size_t n = 1; n <= total; ++n) names.push_back(FileNumber(static_cast<int>(n), total) + "-title.mp3");
    INFO(total);
    CHECK(std::is_sorted(names.begin(), names.end()));
  }
}

TEST_CASE("NUL and control characters never reach a line of LRC, WebVTT or M3U8", "[pipeline]") {
  using namespace std::string_literals;
  std::vector<Cue> cues = {{0, 22050, "Тілші\t", "Сұрақ\0 бар ма?\x1b[2J\nЖоқ"s}};
  const std::string lrc = RenderLrc(cues, 22050, "Тарау\n[ar:x]", "Жанна\r", "Кітап\x07");
  CHECK(lrc == "[ti:Тарау [ar:x]]\n[ar:Жанна ]\n[al:Кітап ]\n[la:kk]\n[re:dauys]\n[00:00.00]Тілші : Сұрақ  бар ма? [2J Жоқ\n");
  const std::string vtt = RenderWebVtt(cues, 22050);
  const std::string m3u = RenderM3u8("Кітап\0\n#EXTINF"s, {{"01-a.mp3", "Тарау\x01", "Жанна", 1.0}});
  for (const std::string* text : {&lrc, &vtt, &m3u}) {
    CHECK(std::none_of(text->begin(), text->end(), [](char c) { return c != '\n' && static_cast<unsigned char>(c) < 0x20; }));
  }
  CHECK(m3u.find("\n#EXTINF:1.000,") != std::string::npos);
  CHECK(m3u.find("\n#EXTINF\n") == std::string::npos);
}
