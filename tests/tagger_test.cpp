#include "output/tagger.h"

#include <catch2/catch.hpp>
#include <unistd.h>

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

TEST_CASE("NUL and control characters never reach a tag value", "[tagger]") {
  using namespace std::string_literals;
  test::TempDir dir;
  auto path = SilentMp3(dir);
  TrackTags tags;
  tags.title = "Бір\0інші\tтарау\n"s;
  tags.album = "Кі\x01тап\x1b[31m";
  tags.artists = {"Диктор\r"};
  tags.chapters = {{"t1", 0, 500, "Диктор:\0 сөз"s}};
  tags.tocs = {{"toc", "Мазмұн", true, {"t1"}}};
  REQUIRE(WriteTags(path, tags).ok());
  nlohmann::json t = test::ReadTags(path);
  CHECK(t["TIT2"][0] == "Бір інші тарау ");
  CHECK(t["TALB"][0] == "Кі тап [31m");
  CHECK(t["TPE1"][0] == "Диктор ");
  CHECK(t["CHAP"][0]["title"][0] == "Диктор:  сөз");
}

TEST_CASE("chapter-mark titles stay under 128 bytes, cut at a word, and every mark reaches ffprobe", "[tagger]") {
  test::TempDir dir;
  auto path = SilentMp3(dir);
  std::string long_name;
  for (int i = 0; i < 12; ++i) long_name += "Қасым-Жомартұлы ";
  long_name += "Нұрсұлтан:";
  TrackTags tags;
  tags.title = "Тарау";
  for (int i = 1; i <= 3; ++i) {
    std::string id = "t" + std::to_string(i);
    tags.chapters.push_back({id, static_cast<uint32_t>((i - 1) * 300), static_cast<uint32_t>(i * 300),
                             long_name + " сөз " + std::to_string(i)});
    tags.tocs.empty() ? tags.tocs.push_back({"toc", long_name, true, {id}}) : tags.tocs[0].children.push_back(id);
  }
  REQUIRE(long_name.size() > 200);
  REQUIRE(WriteTags(path, tags).ok());
  nlohmann::json t = test::ReadTags(path);
  REQUIRE(t["CHAP"].size() == 3);
  for (const auto& chap : t["CHAP"]) {
    std::string title = chap["title"][0];
    CHECK(title.size() <= 128);
    CHECK(title.size() > 80);
    CHECK(title.substr(title.size() - 4) == " \u2026");
    CHECK(title.rfind("Қасым-Жомартұлы Қасым-Жомартұлы", 0) == 0);
  }
  test::CommandResult probe = test::Run("ffprobe -v error -print_format json -show_chapters " + test::Quote(path.string()));
  REQUIRE(probe.exit_code == 0);
  nlohmann::json chapters = nlohmann::json::parse(probe.out)["chapters"];
  REQUIRE(chapters.size() == 3);
  for (const auto& c : chapters) CHECK(c["tags"]["title"].get<std::string>().size() <= 128);
}

TEST_CASE("a temporary that lost bytes after tagging is never published", "[tagger]") {
  test::TempDir dir;
  auto path = SilentMp3(dir);
  const std::string audio = test::ReadFile(path);
  AtomicFile file(dir / "out.mp3");
  REQUIRE(file.Write(audio).ok());
  TrackTags tags;
  tags.title = "Тарау";
  REQUIRE(WriteTags(file, tags).ok());
  // What a short write leaves: the tag, then less audio than there was.
  REQUIRE(ftruncate(file.fd(), static_cast<off_t>(audio.size())) == 0);
  Status s = file.Commit();
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message.find((dir / "out.mp3").string() + ": cannot write: the temporary file holds") == 0);
  CHECK_FALSE(std::filesystem::exists(dir / "out.mp3"));
}
