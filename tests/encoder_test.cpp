#include "audio/mp3_encoder.h"

#include <catch2/catch.hpp>
#include <cmath>

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

TEST_CASE("the encoder writes an Info tag so decoders get the exact length", "[encoder]") {
  for (int kbps : {56, 64, 128}) {
    auto enc = Mp3Encoder::Create(Mp3Options{22050, kbps, 3});
    REQUIRE(enc.ok());
    const size_t n = 22050 * 3 + 123;
    std::vector<int16_t> tone = Tone(n, 220);
    // Fed in uneven pieces, as the book builder does.
    REQUIRE((*enc)->Encode(std::span(tone).first(1000)).ok());
    REQUIRE((*enc)->Encode(std::span(tone).subspan(1000)).ok());
    auto bytes = (*enc)->Finish();
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
    auto enc = Mp3Encoder::Create(Mp3Options{22050, kbps, 3});
    REQUIRE_FALSE(enc.ok());
    CHECK(enc.error().message == "bit rate " + std::to_string(kbps) +
                                     " kbps is not supported (use one of 56, 64, 80, 96, 112, 128, 144, 160)");
  }
}

TEST_CASE("encoding is deterministic", "[encoder]") {
  std::vector<int16_t> tone = Tone(30000, 330);
  auto a = Mp3Encoder::Create({});
  auto b = Mp3Encoder::Create({});
  REQUIRE((*a)->Encode(tone).ok());
  REQUIRE((*b)->Encode(tone).ok());
  CHECK(*(*a)->Finish() == *(*b)->Finish());
}
