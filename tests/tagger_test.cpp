#include "output/tagger.h"

#include <catch2/catch.hpp>

#include "audio/mp3_segments.h"
#include "test_util.h"
#include "util/atomic_file.h"

using namespace dauys;

namespace {
std::filesystem::path SilentMp3(const test::TempDir& dir) {
  std::vector<int16_t> silence(22050, 0);
  auto segment = EncodeSegment(silence, {});
  REQUIRE(segment.ok());
  auto path = dir / "t.mp3";
  REQUIRE(WriteFileAtomically(path, *JoinSegments({&*segment}, {})).ok());
  return path;
}
}  // namespace

TEST_CASE("tags are ID3v2.4 UTF-8 and read back byte-exact by mutagen", "[tagger]") {
  test::TempDir dir;
  auto path = SilentMp3(dir);
  TrackTags tags;
  tags.title = "Орта державалардың рөлі";
  tags.album = "Сұхбат: Рүстем Мұстафин";
  tags.artists = {"Жанна Жомарт", "Рүстем Мұстафин"};
  tags.album_artist = "Жанна Жомарт";
  tags.track = 3;
  tags.track_total = 6;
  tags.year = 2024;
  tags.comment = "dauys 0.1.0";
  REQUIRE(WriteTags(path, tags).ok());
  nlohmann::json t = test::ReadTags(path);
  CHECK(t["version"] == nlohmann::json::array({2, 4, 0}));
  CHECK(t["TIT2"][0] == "Орта державалардың рөлі");
  CHECK(t["TALB"][0] == "Сұхбат: Рүстем Мұстафин");
  CHECK(t["TPE1"] == nlohmann::json::array({"Жанна Жомарт", "Рүстем Мұстафин"}));
  CHECK(t["TPE2"][0] == "Жанна Жомарт");
  CHECK(t["TRCK"][0] == "3/6");
  CHECK(t["TCON"][0] == "Audiobook");
  CHECK(t["TLAN"][0] == "kaz");
  CHECK(t["TDRC"][0] == "2024");
  CHECK(t["COMM"][0]["lang"] == "kaz");
  CHECK(t["COMM"][0]["text"][0] == "dauys 0.1.0");
  // The audio still decodes to its exact length after tagging.
  CHECK(test::DecodeMp3(path).size() == 22050);
}

TEST_CASE("retagging replaces every tag; no year means no TDRC", "[tagger]") {
  test::TempDir dir;
  auto path = SilentMp3(dir);
  TrackTags tags;
  tags.title = "Бірінші";
  tags.album = "Кітап";
  tags.artists = {"Диктор"};
  tags.album_artist = "dauys";
  tags.track = 1;
  tags.track_total = 1;
  tags.year = 2020;
  REQUIRE(WriteTags(path, tags).ok());
  tags.title = "Екінші";
  tags.year.reset();
  REQUIRE(WriteTags(path, tags).ok());
  nlohmann::json t = test::ReadTags(path);
  CHECK(t["TIT2"] == nlohmann::json::array({"Екінші"}));
  CHECK_FALSE(t.contains("TDRC"));
}

TEST_CASE("tagging a file that is not an MP3 is an error", "[tagger]") {
  test::TempDir dir;
  test::WriteFile(dir / "x.mp3", "not audio at all");
  TrackTags tags;
  Status s = WriteTags(dir / "x.mp3", tags);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message == (dir / "x.mp3").string() + ": not a valid MP3 file for tagging");
}
