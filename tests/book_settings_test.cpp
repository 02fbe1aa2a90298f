// A book remembers how it was built: a rebuild given no options keeps its editions,
// cover, title and sound; an option given changes one setting; --no-EDITION drops one.
#include <catch2/catch.hpp>

#include <functional>
#include <regex>
#include <set>
#include <sstream>

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
        "t.toml: line 3: role must be a quoted word, one of \"narrator\", \"interviewer\", \"interviewee\"");
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

namespace {

/// A setting as text, with where it came from.
template <class T>
std::pair<std::string, SettingSource> Shown(const dauys::cli::Setting<T>& s) {
  std::ostringstream out;
  out << s.value;
  return {out.str(), s.source};
}

/// Values a last build left, each unlike the sidecar rows below.
BookSettingValues LastBuild() {
  BookSettingValues last;
  last.single_file = false, last.web = true, last.epub = false, last.m4b = false;
  last.announce_speakers = false, last.opening = true;
  last.cover = "/books/old.png", last.title = "Ескі", last.author = "Ескі автор", last.script = "cyrillic";
  last.year = 1999, last.bitrate = 128, last.speed = 0.75, last.loudness = -23.0;
  return last;
}

}  // namespace

TEST_CASE("settings: each [book] key of the sidecar wins over the last build and yields to the option",
          "[settings][overrides]") {
  TempDir dir;
  fs::copy_file(fs::path(DAUYS_TEST_DATA) / "cover.png", dir / "c.png");
  const std::string cover = (dir / "c.png").string();
  using Get = std::function<std::pair<std::string, SettingSource>(const BookSettings&)>;
  using Give = std::function<void(BookSettingValues&)>;
  struct Row {
    std::string line;      ///< In the sidecar's [book].
    std::string expected;  ///< The setting's value, shown.
    Get get;
    Give option;  ///< Gives the same setting as an option.
  };
  const std::vector<Row> rows = {
      {"single_file = true", "1", [](auto& s) { return Shown(s.single_file); }, [](auto& o) { o.single_file = false; }},
      {"web = false", "0", [](auto& s) { return Shown(s.web); }, [](auto& o) { o.web = true; }},
      {"epub = true", "1", [](auto& s) { return Shown(s.epub); }, [](auto& o) { o.epub = false; }},
      {"m4b = true", "1", [](auto& s) { return Shown(s.m4b); }, [](auto& o) { o.m4b = false; }},
      {"announce_speakers = true", "1", [](auto& s) { return Shown(s.announce_speakers); },
       [](auto& o) { o.announce_speakers = false; }},
      {"opening = false", "0", [](auto& s) { return Shown(s.opening); }, [](auto& o) { o.opening = true; }},
      {"cover = \"c.png\"", cover, [](auto& s) { return Shown(s.cover); }, [](auto& o) { o.cover = ""; }},
      {"title = \"Су тапшылығы\"", "Су тапшылығы", [](auto& s) { return Shown(s.title); }, [](auto& o) { o.title = "Т"; }},
      {"author = \"Айгүл Серікова\"", "Айгүл Серікова", [](auto& s) { return Shown(s.author); },
       [](auto& o) { o.author = "А"; }},
      {"script = \"latin2021\"", "latin2021", [](auto& s) { return Shown(s.script); }, [](auto& o) { o.script = "arabic"; }},
      {"year = 2024", "2024", [](auto& s) { return Shown(s.year); }, [](auto& o) { o.year = 2001; }},
      {"bitrate = 96", "96", [](auto& s) { return Shown(s.bitrate); }, [](auto& o) { o.bitrate = 56; }},
      {"speed = 1.25", "1.25", [](auto& s) { return Shown(s.speed); }, [](auto& o) { o.speed = 2.0; }},
      {"loudness = -16", "-16", [](auto& s) { return Shown(s.loudness); }, [](auto& o) { o.loudness = -30.0; }},
  };
  for (const Row& row : rows) {
    INFO(row.line);
    dauys::Expected<dauys::Overrides> o = dauys::ParseOverrides("[book]\n" + row.line + "\n", (dir / "t.toml").string());
    REQUIRE(o);
    dauys::Expected<BookSettingValues> sidecar = dauys::cli::SidecarSettings(*o);
    REQUIRE(sidecar);
    const auto chosen = row.get(ResolveBookSettings({}, *sidecar, LastBuild()));
    CHECK(chosen.first == row.expected);
    CHECK(chosen.second == SettingSource::kSidecar);
    BookSettingValues option;
    row.option(option);
    CHECK(row.get(ResolveBookSettings(option, *sidecar, LastBuild())).second == SettingSource::kOption);
    // The sidecar keeps its own: book.json does not.
    CHECK(json::parse(ResolveBookSettings({}, *sidecar, {}).ToJson()) == json::object());
  }
}
