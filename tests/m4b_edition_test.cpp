// build --m4b on a short interview: the edition and Audiobookshelf's files appear,
// stay untouched while the book does not change, follow an edit, come from the
// sidecar's [book] table, and go when the edition is dropped. The M4B itself is read
// back by ffprobe and mutagen in tests/m4b_test.py.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "test_util.h"

using namespace dauys;
using namespace dauys::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct Book {
  TempDir dir;
  fs::path input = dir / "talk.txt";
  fs::path folder = dir / "out/talk";
  Book() { WriteFile(input, ReadFile(fs::path(DAUYS_TEST_DATA) / "interviews/08-round-table.txt")); }
  CommandResult Build(const std::string& flags) const {
    return RunDauys("build " + Quote(input.string()) + " -o " + Quote((dir / "out").string()) + " " + flags);
  }
};

}  // namespace

TEST_CASE("build --m4b writes the M4B and Audiobookshelf's files, and rewrites them only on change", "[m4b]") {
  Book book;
  const std::string cover = Quote((fs::path(DAUYS_TEST_DATA) / "cover.png").string());
  CommandResult first = book.Build("--m4b --cover " + cover + " -q");
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  const fs::path m4b = book.folder / "talk.m4b";
  REQUIRE(fs::exists(m4b));
  CHECK(ReadFile(m4b).substr(4, 8) == "ftypM4B ");
  CHECK(ReadFile(book.folder / "cover.png") == ReadFile(fs::path(DAUYS_TEST_DATA) / "cover.png"));
  CHECK_FALSE(fs::exists(book.folder / "cover.jpg"));
  const std::string reader = ReadFile(book.folder / "reader.txt");
  CHECK(reader.rfind("eSpeak NG: Диктор, ", 0) == 0);
  CHECK(reader.back() == '\n');
  CHECK_FALSE(ReadFile(book.folder / "desc.txt").empty());
  const json manifest = json::parse(ReadFile(book.folder / "book.json"));
  CHECK(manifest["m4b"] == "talk.m4b");
  CHECK(manifest["files"].contains("reader.txt"));
  // The title is spoken in the book's opening; without it, a new title changes only
  // the book's details.
  REQUIRE(book.Build("--m4b --cover " + cover + " --no-opening").exit_code == 0);
  const std::string before = ReadFile(m4b);
  const auto written = fs::last_write_time(m4b);

  CommandResult again = book.Build("--m4b --cover " + cover + " --explain");
  INFO(again.err);
  CHECK(again.err.find("talk.m4b") == std::string::npos);
  CHECK(fs::last_write_time(m4b) == written);

  CommandResult dry = book.Build("--m4b --cover " + cover + " --title 'Дөңгелек үстел' --dry-run");
  INFO(dry.err);
  CHECK(dry.err.find("dauys: would write talk.m4b: book details changed\n") != std::string::npos);
  CHECK(ReadFile(m4b) == before);
  CommandResult retitled = book.Build("--m4b --cover " + cover + " --title 'Дөңгелек үстел' --explain");
  INFO(retitled.err);
  CHECK(retitled.err.find("dauys: write talk.m4b: book details changed\n") != std::string::npos);
  CHECK(ReadFile(m4b) != before);

  CommandResult kept = book.Build("--explain");  // the book remembers --m4b
  INFO(kept.err);
  CHECK(fs::exists(m4b));
  CommandResult dropped = book.Build("--no-m4b --explain");
  INFO(dropped.err);
  CHECK(dropped.err.find("dauys: remove talk.m4b: no longer in the book\n") != std::string::npos);
  for (const char* name : {"talk.m4b", "cover.png", "desc.txt", "reader.txt"}) {
    INFO(name);
    CHECK_FALSE(fs::exists(book.folder / name));
  }
  CHECK_FALSE(json::parse(ReadFile(book.folder / "book.json")).contains("m4b"));
}

TEST_CASE("a sidecar's [book] m4b = true and description write the edition without --m4b", "[m4b]") {
  Book book;
  WriteFile(book.dir / "talk.toml", "[book]\nm4b = true\ndescription = \"  Дөңгелек үстел: үш қонақ.  \"\n");
  CommandResult r = book.Build("-q");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(fs::exists(book.folder / "talk.m4b"));
  CHECK(ReadFile(book.folder / "desc.txt") == "Дөңгелек үстел: үш қонақ.\n");
  CHECK_FALSE(fs::exists(book.folder / "cover.png"));

  const std::string toml = (book.dir / "talk.toml").string();
  WriteFile(book.dir / "talk.toml", "[book]\nm4b = 1\n");
  r = book.Build("-q");
  CHECK(r.exit_code == 1);
  CHECK(r.err == "dauys: error: " + toml + ": line 2: 'm4b' must be true or false\n");
  WriteFile(book.dir / "talk.toml", "[book]\ndescription = \" \"\n");
  r = book.Build("-q");
  CHECK(r.exit_code == 1);
  CHECK(r.err == "dauys: error: " + toml + ": line 2: 'description' must be a text that is not empty\n");
}

TEST_CASE("a JPEG cover becomes cover.jpg and the M4B's covr, read back by mutagen", "[m4b]") {
  Book book;
  const fs::path jpeg = book.dir / "c.jpg";
  CommandResult made = Run("ffmpeg -v error -f lavfi -i color=c=teal:s=96x64 -frames:v 1 " + Quote(jpeg.string()));
  REQUIRE(made.exit_code == 0);
  CommandResult r = book.Build("--m4b --cover " + Quote(jpeg.string()) + " -q");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(ReadFile(book.folder / "cover.jpg") == ReadFile(jpeg));
  CHECK_FALSE(fs::exists(book.folder / "cover.png"));
  const std::string script =
      "import sys\nfrom mutagen.mp4 import MP4, MP4Cover\n[c] = MP4(sys.argv[1]).tags['covr']\n"
      "assert c.imageformat == MP4Cover.FORMAT_JPEG\nsys.stdout.buffer.write(bytes(c))\n";
  CommandResult covr = Run("/usr/bin/python3 -c " + Quote(script) + " " + Quote((book.folder / "talk.m4b").string()));
  INFO(covr.err);
  CHECK(covr.exit_code == 0);
  CHECK(covr.out == ReadFile(jpeg));
  CommandResult streams =
      Run("ffprobe -v error -select_streams v -show_entries stream=width,height -of csv=p=0 " +
          Quote((book.folder / "talk.m4b").string()));
  CHECK(streams.out == "96,64\n");
}
