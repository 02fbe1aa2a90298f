// build --library: the folder names Audiobookshelf reads (author, title) made safe for
// every file system, and the build's refusals. The library built from the bundled
// interview is read back by ffprobe in tests/library_test.py.
#include <catch2/catch.hpp>

#include "book/library_edition.h"
#include "test_util.h"

using namespace dauys;
using namespace dauys::test;
namespace fs = std::filesystem;

TEST_CASE("library folder names: no separators, no hidden names, no control characters", "[library]") {
  CHECK(LibraryName("Сұхбат: Рүстем Мұстафин") == "Сұхбат - Рүстем Мұстафин");
  CHECK(LibraryName("AC/DC \\ live") == "AC_DC _ live");
  CHECK(LibraryName("a*b?c\"d<e>f|g:h") == "a_b_c_d_e_f_g_h");
  CHECK(LibraryName("..hidden") == "hidden");
  CHECK(LibraryName(" . Title. ") == "Title");
  CHECK(LibraryName("tab\there\nnew  line") == "tab here new line");
  CHECK(LibraryName("c1\xC2\x85" "control") == "c1 control");
  CHECK(LibraryName("..") == "_");
  CHECK(LibraryName("") == "_");
}

TEST_CASE("library folder names are cut at a character's end", "[library]") {
  std::string kazakh;
  for (int i = 0; i < 100; ++i) kazakh += "қ";  // two bytes each
  const std::string cut = LibraryName("a" + kazakh);
  CHECK(cut.size() == 119);  // "a" and 59 letters: the 60th would end at byte 121
  CHECK(cut == "a" + kazakh.substr(0, 118));
  CHECK(LibraryName(std::string(300, 'x')).size() == kMaxLibraryNameBytes);
}

TEST_CASE("build --library refuses a book without an audio edition, and a library among the books", "[library]") {
  TempDir dir;
  const fs::path input = dir / "talk.txt";
  WriteFile(input, ReadFile(fs::path(DAUYS_TEST_DATA) / "interviews/08-round-table.txt"));
  fs::create_directories(dir / "lib");
  const std::string build = "build " + Quote(input.string()) + " -o " + Quote((dir / "out").string());

  CommandResult none = RunDauys(build + " --library " + Quote((dir / "lib").string()) + " -q");
  CHECK(none.exit_code == 1);
  CHECK(none.err == "dauys: error: " + input.string() +
                        ": --library: the library gets one audio file of the book, the M4B or the single "
                        "file: add --m4b (or [book] m4b = true) or --single-file\n");
  CHECK(fs::is_empty(dir / "lib"));

  CommandResult inside = RunDauys(build + " --m4b --library " + Quote((dir / "out/lib").string()));
  CHECK(inside.exit_code == 2);
  CHECK(inside.err.find("--library " + (dir / "out/lib").string() + " and -o " + (dir / "out").string() +
                        " overlap: Audiobookshelf would read the book folders") != std::string::npos);

  CommandResult missing = RunDauys(build + " --m4b --library " + Quote((dir / "nowhere").string()));
  CHECK(missing.exit_code == 1);
  CHECK(missing.err == "dauys: error: --library: " + (dir / "nowhere").string() + ": no such folder\n");
}

TEST_CASE("build --library: two books of a batch with the same author and title are an error, not a mix",
          "[library]") {
  TempDir dir;
  const std::string text = ReadFile(fs::path(DAUYS_TEST_DATA) / "interviews/08-round-table.txt");
  fs::create_directories(dir / "texts");
  WriteFile(dir / "texts/a.txt", text);
  WriteFile(dir / "texts/b.txt", text);
  fs::create_directories(dir / "lib");
  CommandResult r = RunDauys("build " + Quote((dir / "texts").string()) + " -o " + Quote((dir / "out").string()) +
                             " --single-file -q --library " + Quote((dir / "lib").string()));
  INFO(r.err);
  CHECK(r.exit_code == 1);
  std::vector<fs::path> titles;
  for (const auto& author : fs::directory_iterator(dir / "lib")) {
    for (const auto& title : fs::directory_iterator(author.path())) {
      if (title.path().filename().string()[0] != '.') titles.push_back(title.path());
    }
  }
  REQUIRE(titles.size() == 1);
  const fs::path folder = titles.front();
  const std::string a = fs::absolute(dir / "out/a").lexically_normal().string();
  const std::string b = fs::absolute(dir / "out/b").lexically_normal().string();
  CHECK(r.err.find("dauys: error: --library: " + folder.string() + ": holds the book built in " + a +
                   ", not the one in " + b + ": two books with the same author and title") != std::string::npos);
  CHECK(ReadFile(folder / ".dauys-book") == a + "\n");
  CHECK(ReadFile(folder / (folder.filename().string() + ".mp3")) == ReadFile(dir / "out/a/a.mp3"));
}
