// A book remembers how it was built: a rebuild given no options keeps its editions,
// cover, title and sound; an option given changes one setting; --no-EDITION drops one.
#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "app/book_settings.h"
#include "text/overrides.h"
#include "test_util.h"

using namespace dauys::test;
using dauys::cli::BookSettings;
using dauys::cli::BookSettingValues;
using dauys::cli::Choose;
using dauys::cli::ResolveBookSettings;
using dauys::cli::SettingSource;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::optional<int> kNone;

std::set<std::string> FileNames(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

void Build(const std::string& args) {
  CommandResult r = RunDauys("build " + args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

}  // namespace

TEST_CASE("settings: an option given wins over the sidecar, the last build and the default", "[settings]") {
  auto s = Choose<int>(96, 80, 128, 64);
  CHECK(s.value == 96);
  CHECK(s.source == SettingSource::kOption);
}

TEST_CASE("settings: the sidecar wins over the last build and the default", "[settings]") {
  auto s = Choose<int>(kNone, 80, 128, 64);
  CHECK(s.value == 80);
  CHECK(s.source == SettingSource::kSidecar);
}

TEST_CASE("settings: the last build wins over the default", "[settings]") {
  auto s = Choose<int>(kNone, kNone, 128, 64);
  CHECK(s.value == 128);
  CHECK(s.source == SettingSource::kLastBuild);
}

TEST_CASE("settings: with nothing given, the default", "[settings]") {
  auto s = Choose<int>(kNone, kNone, kNone, 64);
  CHECK(s.value == 64);
  CHECK(s.source == SettingSource::kDefault);
}

TEST_CASE("settings: book.json keeps what was given or kept, never a default or the sidecar's", "[settings]") {
  BookSettingValues option, sidecar, last;
  option.single_file = true;
  sidecar.epub = true;
  last.speed = 1.25;
  last.cover = "/books/c.png";
  option.cover = "";  // --no-cover
  const BookSettings s = ResolveBookSettings(option, sidecar, last);
  CHECK(s.epub.value);
  CHECK(s.cover.value.empty());
  CHECK(json::parse(s.ToJson()) == json({{"single_file", true}, {"speed", 1.25}}));
  CHECK(s.FromLastBuild() == std::vector<std::string>{"--speed 1.25"});
}

TEST_CASE("a rebuild without options keeps the editions, cover and title; --no-epub drops only the EPUB",
          "[settings][cli]") {
  const fs::path dir = fs::temp_directory_path() / "dauys-settings-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path text = dir / "talk.txt", out = dir / "out", book = out / "talk";
  const std::string original = ReadFile(fs::path(DAUYS_TEST_DATA) / "interviews/03-bar-and-box-dashes.txt");
  WriteFile(text, original);
  fs::copy_file(fs::path(DAUYS_TEST_DATA) / "cover.png", dir / "c.png");
  Build(Quote(text.string()) + " -o " + Quote(out.string()) + " -q --single-file --epub --cover " +
        Quote((dir / "c.png").string()) + " --title 'Зертхана туралы'");
  const std::set<std::string> first = FileNames(book);
  REQUIRE(first.count("talk.mp3"));
  REQUIRE(first.count("talk.epub"));
  REQUIRE(first.count("index.html"));
  const json chapter_tags = ReadTags(book / "02-ghylymgha-kelgen-zhol.mp3");

  // Add a sentence to the last chapter, rebuild with no options.
  WriteFile(text, original + "\nСоңғы сөйлем осы.\n");
  CommandResult rebuilt = RunDauys("build " + Quote(text.string()) + " -o " + Quote(out.string()));
  INFO(rebuilt.err);
  REQUIRE(rebuilt.exit_code == 0);
  CHECK(rebuilt.err.find("dauys: kept from the last build: --single-file, --epub, --cover ") != std::string::npos);
  CHECK(FileNames(book) == first);
  const json whole = ReadTags(book / "talk.mp3");
  CHECK(whole["TALB"][0] == "Зертхана туралы");
  REQUIRE(whole["APIC"].size() == 1);
  CHECK(whole["APIC"][0]["size"] == fs::file_size(dir / "c.png"));
  CHECK(ReadTags(book / "02-ghylymgha-kelgen-zhol.mp3") == chapter_tags);  // a chapter the edit left alone
  const json manifest = json::parse(ReadFile(book / "book.json"));
  CHECK(manifest["single_file_samples"].get<int64_t>() > 0);
  CHECK(manifest["settings"]["title"] == "Зертхана туралы");

  Build(Quote(text.string()) + " -o " + Quote(out.string()) + " -q --no-epub");
  std::set<std::string> without_epub = first;
  without_epub.erase("talk.epub");
  CHECK(FileNames(book) == without_epub);
  CHECK(json::parse(ReadFile(book / "book.json"))["settings"]["epub"] == false);
  fs::remove_all(dir);
}

TEST_CASE("a build into a folder with a feed brings the feed up to date without dauys feed", "[settings][feed]") {
  const fs::path dir = fs::temp_directory_path() / "dauys-feed-follows-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path text = dir / "talk.txt", out = dir / "out";
  const std::string original = ReadFile(fs::path(DAUYS_TEST_DATA) / "interviews/03-bar-and-box-dashes.txt");
  WriteFile(text, original);
  WriteFile(dir / "talk.txt.toml", "date = \"2025-03-15\"\n");
  Build(Quote(text.string()) + " -o " + Quote(out.string()) + " -q --single-file");
  CommandResult feed = RunDauys("feed " + Quote(out.string()) + " --base-url https://news.example.kz/audio/");
  INFO(feed.err);
  REQUIRE(feed.exit_code == 0);
  auto enclosure_length = [&out] {
    const std::string xml = ReadFile(out / "feed.xml");
    std::smatch m;
    REQUIRE(std::regex_search(xml, m, std::regex("<enclosure[^>]* length=\"(\\d+)\"")));
    return std::stoull(m[1]);
  };
  CHECK(enclosure_length() == fs::file_size(out / "talk/talk.mp3"));
  const uint64_t before = fs::file_size(out / "talk/talk.mp3");

  WriteFile(text, original + "\nСоңғы сөйлем осы, ол кітапты ұзартады.\n");
  CommandResult rebuilt = RunDauys("build " + Quote(text.string()) + " -o " + Quote(out.string()));
  INFO(rebuilt.err);
  REQUIRE(rebuilt.exit_code == 0);
  CHECK(fs::file_size(out / "talk/talk.mp3") != before);
  CHECK(enclosure_length() == fs::file_size(out / "talk/talk.mp3"));
  CHECK(rebuilt.err.find("/feed.xml: 1 episode, newest 2025-03-15; ") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("sidecar: an unquoted role names the line, the key and what it must be", "[settings][overrides]") {
  dauys::Expected<dauys::Overrides> o = dauys::ParseOverrides("title = \"X\"\n[lines]\n3 = interviewee\n", "t.toml");
  REQUIRE_FALSE(o);
  CHECK(o.error().message ==
        "t.toml: line 3: role must be a quoted word, one of \"heading\", \"paragraph\", \"narrator\", "
        "\"interviewer\", \"interviewee\" (3 = \"interviewee\")");
}

TEST_CASE("sidecar: a date that is not a day says how one looks", "[settings][overrides]") {
  dauys::Expected<dauys::Overrides> o = dauys::ParseOverrides("date = 2025-13-01\n", "t.toml");
  REQUIRE_FALSE(o);
  CHECK(o.error().message == "t.toml: line 1: date must look like \"2025-03-15\"");
}

TEST_CASE("sidecar: an unquoted word names its key and the quoted form", "[settings][overrides]") {
  dauys::Expected<dauys::Overrides> o = dauys::ParseOverrides("[book]\nkind = article\n", "t.toml");
  REQUIRE_FALSE(o);
  CHECK(o.error().message == "t.toml: line 2: 'kind' must be quoted: kind = \"article\"");
}
