#include "audio/mp3_segments.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <regex>

#include "test_util.h"
#include "util/atomic_file.h"

using namespace dauys;

namespace {
std::vector<int16_t> Tone(size_t n, double hz) {
  std::vector<int16_t> s(n);
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<int16_t>(8000 * std::sin(2 * M_PI * hz * i / 22050.0));
  return s;
}
}  // namespace

TEST_CASE("the Info frame dauys writes gives decoders the exact length", "[encoder]") {
  for (int kbps : {56, 64, 128}) {
    const size_t n = 22050 * 3 + 123;
    auto segment = EncodeSegment(Tone(n, 220), Mp3Options{22050, kbps, 3});
    REQUIRE(segment.ok());
    auto bytes = JoinSegments({&*segment}, Mp3Options{22050, kbps, 3});
    REQUIRE(bytes.ok());
    CHECK(bytes->substr(0, 2) == "\xFF\xF3");  // MPEG-2 Layer III sync, no CRC
    CHECK(bytes->find("Info") != std::string::npos);
    test::TempDir dir;
    REQUIRE(WriteFileAtomically(dir / "t.mp3", *bytes).ok());
    std::vector<int16_t> decoded = test::DecodeMp3(dir / "t.mp3");
    INFO("bitrate " << kbps);
    CHECK(decoded.size() == n);
  }
}

TEST_CASE("the encoder refuses bit rates that lose the Info tag", "[encoder]") {
  for (int kbps : {8, 32, 48, 65, 320}) {
    auto segment = EncodeSegment(Tone(1000, 220), Mp3Options{22050, kbps, 3});
    REQUIRE_FALSE(segment.ok());
    CHECK(segment.error().message == "bit rate " + std::to_string(kbps) +
                                         " kbps is not supported (use one of 56, 64, 80, 96, 112, 128, 144, 160)");
  }
}

TEST_CASE("encoding is deterministic", "[encoder]") {
  std::vector<int16_t> tone = Tone(30000, 330);
  auto a = EncodeSegment(tone, {});
  auto b = EncodeSegment(tone, {});
  CHECK(a->frames == b->frames);
}

TEST_CASE("joined segments decode to the layout's length, each where the layout says", "[encoder]") {
  // Three tones of different pitch, each preceded by silence, as sentences are.
  std::vector<std::vector<int16_t>> pcm;
  for (double hz : {200.0, 400.0, 800.0}) {
    std::vector<int16_t> s(4410, 0);
    std::vector<int16_t> tone = Tone(11025 + static_cast<size_t>(hz), hz);
    s.insert(s.end(), tone.begin(), tone.end());
    pcm.push_back(s);
  }
  std::vector<EncodedSegment> segments;
  for (auto& p : pcm) segments.push_back(*EncodeSegment(p, {}));
  std::vector<const EncodedSegment*> parts = {&segments[0], &segments[1], &segments[2]};
  JoinLayout layout = LayoutSegments(parts);
  test::TempDir dir;
  REQUIRE(WriteFileAtomically(dir / "j.mp3", *JoinSegments(parts, {})).ok());
  test::CommandResult mp3val = test::Run("mp3val " + test::Quote((dir / "j.mp3").string()));
  INFO(mp3val.out);
  REQUIRE(mp3val.exit_code == 0);
  REQUIRE(mp3val.out.find("MPEG frames") != std::string::npos);
  // The stream is valid; an untagged file only draws "No supported tags".
  CHECK(std::regex_replace(mp3val.out, std::regex("WARNING: [^\n]*No supported tags in the file"), "").find("WARNING") ==
        std::string::npos);
  std::vector<int16_t> decoded = test::DecodeMp3(dir / "j.mp3");
  REQUIRE(decoded.size() == static_cast<size_t>(layout.samples));
  for (size_t k = 0; k < 3; ++k) {
    // The tone starts 4410 samples into each segment: silence before, sound after.
    size_t onset = static_cast<size_t>(layout.starts[k]) + 4410;
    int before = 0, after = 0;
    for (size_t i = onset - 400; i < onset - 100; ++i) before = std::max(before, std::abs(int(decoded[i])));
    for (size_t i = onset + 100; i < onset + 400; ++i) after = std::max(after, std::abs(int(decoded[i])));
    INFO("segment " << k);
    CHECK(before < 300);
    CHECK(after > 3000);
  }
}

TEST_CASE("a join adds between kJoinSilenceSamples and one frame more of silence", "[encoder]") {
  // Every length modulo the frame size, so every padding LAME chooses shows up.
  auto next = EncodeSegment(Tone(5000, 300), {});
  REQUIRE(next.ok());
  int64_t least = INT64_MAX, most = 0;
  for (size_t n = 3000; n < 3000 + 576; ++n) {
    auto first = EncodeSegment(Tone(n, 200), {});
    REQUIRE(first.ok());
    JoinLayout layout = LayoutSegments({&*first, &*next});
    const int64_t gap = layout.starts[1] - first->samples;
    least = std::min(least, gap);
    most = std::max(most, gap);
  }
  CHECK(least == kJoinSilenceSamples);
  CHECK(most < kJoinSilenceSamples + 576);
}
