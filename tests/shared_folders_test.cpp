// Folders shared with other people and other runs: links planted where a book folder,
// a cache folder or a scanned text should be; a book.json that names files dauys never
// writes; two different texts of one name built into one output folder; a cache that
// several output folders share, or that lies among the books; a book.json that cannot
// be read when `cache gc` decides what is unused. Each is refused with a message naming
// what is wrong, and nothing outside the output folder is written or removed.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "book/book_plan.h"
#include "test_util.h"

using namespace dauys::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

/// A tiny interview of its own for each `n`.
std::string Article(int n) {
  return "Ауыл кітапханасы " + std::to_string(n) + "\n"
         "– Кітапханаға неше адам келеді?\n"
         "– Күніне " + std::to_string(n * 10) + " адам келеді.\n";
}

std::string Build(const fs::path& input, const fs::path& out, const std::string& extra = "") {
  return "build " + Quote(input.string()) + " -o " + Quote(out.string()) + " --quiet " + extra;
}

/// Every file under `dir` (links as links) and its bytes, or the link's target.
std::map<std::string, std::string> Snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
    const std::string name = it->path().lexically_relative(dir).string();
    if (it->is_symlink()) {
      files[name] = "-> " + fs::read_symlink(it->path()).string();
    } else if (it->is_regular_file()) {
      files[name] = ReadFile(it->path());
    } else {
      files[name] = "folder";
    }
  }
  return files;
}

/// A folder outside the output folder that a link will point to: a file named as a
/// book's playlist, a document, and a book.json naming the document as subtitles.
fs::path PlantElsewhere(const TempDir& dir) {
  const fs::path elsewhere = dir / "elsewhere";
  WriteFile(elsewhere / "talk.m3u8", "my own playlist\n");
  WriteFile(elsewhere / "thesis.docx", "five years of work\n");
  json manifest = {{"input", "talk.txt"},
                   {"chapters", json::array({{{"number", 1}, {"file", "01-x.mp3"}, {"lrc", "thesis.docx"}}})}};
  WriteFile(elsewhere / "book.json", manifest.dump());
  return elsewhere;
}

}  // namespace

TEST_CASE("a link planted at the book folder is refused and nothing is written through it", "[hostile][links]") {
  TempDir dir;
  WriteFile(dir / "talk.txt", Article(1));
  const fs::path elsewhere = PlantElsewhere(dir);
  const auto before = Snapshot(elsewhere);
  fs::create_directories(dir / "out");
  fs::create_directory_symlink(elsewhere, dir / "out" / "talk");
  for (const char* extra : {"", "", "--dry-run"}) {
    CommandResult r = RunDauys(Build(dir / "talk.txt", dir / "out", extra));
    CHECK(r.exit_code == 1);
    CHECK(r.err == "dauys: error: " + (dir / "out" / "talk").string() +
                       ": is a symbolic link; dauys writes only into real folders\n");
    CHECK(Snapshot(elsewhere) == before);
  }
}

TEST_CASE("feed refuses a link planted at a book folder and writes nothing through it", "[hostile][links]") {
  TempDir dir;
  WriteFile(dir / "talk.txt", Article(1));
  REQUIRE(RunDauys(Build(dir / "talk.txt", dir / "real", "--single-file")).exit_code == 0);
  const auto before = Snapshot(dir / "real" / "talk");
  fs::create_directories(dir / "out");
  fs::create_directory_symlink(dir / "real" / "talk", dir / "out" / "talk");
  CommandResult feed = RunDauys("feed " + Quote((dir / "out").string()) + " --base-url https://example.kz/audio/ --date 2024-05-01");
  CHECK(feed.exit_code == 1);
  CHECK(feed.err == "dauys: error: " + (dir / "out" / "talk").string() +
                        ": is a symbolic link; dauys writes only into real folders\n");
  CHECK(Snapshot(dir / "real" / "talk") == before);
  CHECK_FALSE(fs::exists(dir / "out" / "feed.xml"));
}

TEST_CASE("a book.json naming files dauys never writes removes none of them", "[hostile][links]") {
  TempDir dir;
  WriteFile(dir / "talk.txt", Article(1));
  REQUIRE(RunDauys(Build(dir / "talk.txt", dir / "out")).exit_code == 0);
  const fs::path book = dir / "out" / "talk";
  WriteFile(book / "thesis.docx", "five years of work\n");
  WriteFile(book / "notes.mp3", "my own recording\n");
  json manifest = json::parse(ReadFile(book / "book.json"));
  manifest["chapters"][0]["lrc"] = "thesis.docx";
  manifest["single_file"] = "notes.mp3";
  WriteFile(book / "book.json", manifest.dump());
  // A journal is beside the folder; one naming a plain file is planted too.
  WriteFile(dir / "out" / ".talk.journal", "thesis.docx\nnotes.mp3\n");
  WriteFile(dir / "talk.txt", Article(2));
  CommandResult r = RunDauys(Build(dir / "talk.txt", dir / "out"));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(ReadFile(book / "thesis.docx") == "five years of work\n");
  CHECK(ReadFile(book / "notes.mp3") == "my own recording\n");
}

TEST_CASE("the names a build may remove are those it could have written for the book", "[book-folder]") {
  using dauys::IsBookFileName;
  for (const char* name : {"01-kirispe.mp3", "07-balyq-aulau.vtt", "12-a-b-2.lrc", "0042-x.mp3", "talk.mp3",
                           "talk.m3u8", "talk.epub", "index.html", "page-data.js", "page.css", "page.js",
                           "book.json"}) {
    INFO(name);
    CHECK(IsBookFileName(name, "talk"));
  }
  for (const char* name : {"thesis.docx", "notes.mp3", "other.m3u8", "1-x.mp3", "01-.mp3", "01-x-.vtt",
                           "01--x.lrc", "01-x--y.vtt", "01-X.mp3", "01-x.docx", "../01-x.mp3", "sub/01-x.mp3",
                           ".01-x.mp3", "01-x.mp3.bak", ""}) {
    INFO(name);
    CHECK_FALSE(IsBookFileName(name, "talk"));
  }
}

TEST_CASE("a link planted at a cache folder is refused and no entry is written through it", "[hostile][links]") {
  TempDir dir;
  WriteFile(dir / "talk.txt", Article(1));
  REQUIRE(RunDauys(Build(dir / "talk.txt", dir / "ref")).exit_code == 0);
  json manifest = json::parse(ReadFile(dir / "ref" / "talk" / "book.json"));
  const std::string key = manifest["chapters"][0]["segments"][0];
  const fs::path elsewhere = dir / "elsewhere";
  WriteFile(elsewhere / "keep.txt", "mine\n");
  SECTION("a segments/NN folder") {
    const fs::path nn = dir / "cache" / "segments" / key.substr(0, 2);
    fs::create_directories(nn.parent_path());
    fs::create_directory_symlink(elsewhere, nn);
    CommandResult r = RunDauys(Build(dir / "talk.txt", dir / "out", "--cache-dir " + Quote((dir / "cache").string())));
    CHECK(r.exit_code == 1);
    CHECK(r.err == "dauys: error: " + nn.string() + ": is a symbolic link; dauys writes only into real folders\n");
  }
  SECTION("the segments folder") {
    fs::create_directories(dir / "cache");
    fs::create_directory_symlink(elsewhere, dir / "cache" / "segments");
    CommandResult r = RunDauys(Build(dir / "talk.txt", dir / "out", "--cache-dir " + Quote((dir / "cache").string())));
    CHECK(r.exit_code == 1);
    CHECK(r.err == "dauys: error: " + (dir / "cache" / "segments").string() +
                       ": is a symbolic link; dauys writes only into real folders\n");
  }
  SECTION("the default cache folder beside the books") {
    fs::create_directories(dir / "out");
    fs::create_directory_symlink(elsewhere, dir / "out" / ".cache");
    CommandResult r = RunDauys(Build(dir / "talk.txt", dir / "out"));
    CHECK(r.exit_code == 1);
    CHECK(r.err == "dauys: error: " + (dir / "out" / ".cache").string() +
                       ": is a symbolic link; dauys writes only into real folders\n");
  }
  CHECK(Snapshot(elsewhere) == std::map<std::string, std::string>{{"keep.txt", "mine\n"}});
}

TEST_CASE("a folder scan skips links to files outside the folder, with a warning", "[hostile][links][batch]") {
  TempDir dir;
  WriteFile(dir / "texts" / "a.txt", Article(1));
  WriteFile(dir / "private" / "secret.txt", Article(2));
  fs::create_symlink(dir / "private" / "secret.txt", dir / "texts" / "x.txt");
  fs::create_symlink(dir / "texts" / "a.txt", dir / "texts" / "b.txt");  // inside: built
  const std::string texts = (dir / "texts").string();
  CommandResult r = RunDauys(Build(dir / "texts", dir / "out"));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err == "dauys: warning: " + texts + "/x.txt: a symbolic link to a file outside " + texts +
                     "; skipped (--follow-links builds it)\n");
  CHECK(fs::is_directory(dir / "out" / "a"));
  CHECK(fs::is_directory(dir / "out" / "b"));
  CHECK_FALSE(fs::exists(dir / "out" / "x"));

  CommandResult follow = RunDauys(Build(dir / "texts", dir / "out", "--follow-links"));
  INFO(follow.err);
  CHECK(follow.exit_code == 0);
  CHECK(follow.err.empty());
  CHECK(fs::is_regular_file(dir / "out" / "x" / "book.json"));
}

TEST_CASE("two different texts of one name in separate runs do not replace each other's book", "[book-folder]") {
  TempDir dir;
  WriteFile(dir / "a" / "talk.txt", Article(1));
  WriteFile(dir / "b" / "sub" / "talk.txt", Article(2));
  const fs::path out = dir / "out", book = out / "talk";
  REQUIRE(RunDauys(Build(dir / "a" / "talk.txt", out)).exit_code == 0);
  const auto first = Snapshot(book);

  CommandResult other = RunDauys(Build(dir / "b" / "sub" / "talk.txt", out));
  CHECK(other.exit_code == 1);
  CHECK(other.err == "dauys: error: " + book.string() + ": holds the book made from " +
                         (dir / "a" / "talk.txt").string() + ", not from " + (dir / "b" / "sub" / "talk.txt").string() +
                         "; build it into another output folder (-o), remove " + book.string() +
                         ", or rebuild with --replace\n");
  CHECK(Snapshot(book) == first);

  // The same text edited is the same book; so is it moved to another folder unchanged.
  WriteFile(dir / "a" / "talk.txt", Article(3));
  CommandResult edited = RunDauys(Build(dir / "a" / "talk.txt", out));
  INFO(edited.err);
  CHECK(edited.exit_code == 0);
  fs::create_directories(dir / "c");
  fs::rename(dir / "a" / "talk.txt", dir / "c" / "talk.txt");
  CommandResult moved = RunDauys(Build(dir / "c" / "talk.txt", out));
  INFO(moved.err);
  CHECK(moved.exit_code == 0);
  CHECK(RunDauys(Build(dir / "b" / "sub" / "talk.txt", out)).exit_code == 1);

  // A book.json from before dauys recorded where its text came from is adopted.
  json manifest = json::parse(ReadFile(book / "book.json"));
  REQUIRE(manifest.contains("source"));
  manifest.erase("source");
  WriteFile(book / "book.json", manifest.dump());
  CommandResult adopted = RunDauys(Build(dir / "b" / "sub" / "talk.txt", out));
  INFO(adopted.err);
  CHECK(adopted.exit_code == 0);
  CHECK(adopted.err.empty());

  // --replace puts another text's book in its place.
  CommandResult replaced = RunDauys(Build(dir / "c" / "talk.txt", out, "--replace"));
  INFO(replaced.err);
  CHECK(replaced.exit_code == 0);
  CHECK(json::parse(ReadFile(book / "book.json"))["source"]["path"] == (dir / "c" / "talk.txt").string());

  // Built with its folder, edited, it is still the same book; "talk.txt" inside some
  // folder is no reason to take b/sub/talk.txt for it.
  WriteFile(dir / "c" / "talk.txt", Article(4));
  CommandResult folder = RunDauys(Build(dir / "c", out));
  INFO(folder.err);
  CHECK(folder.exit_code == 0);
  CHECK(json::parse(ReadFile(book / "book.json"))["source"]["path"] == "talk.txt");
  CommandResult alone = RunDauys(Build(dir / "b" / "sub" / "talk.txt", out));
  CHECK(alone.exit_code == 1);
  CHECK(alone.err == "dauys: error: " + book.string() + ": holds the book made from talk.txt, not from " +
                         (dir / "b" / "sub" / "talk.txt").string() + "; build it into another output folder (-o), "
                         "remove " + book.string() + ", or rebuild with --replace\n");
}

TEST_CASE("cache gc keeps the entries of other output folders sharing the cache", "[cache][hostile]") {
  TempDir dir;
  WriteFile(dir / "one.txt", Article(1));
  WriteFile(dir / "two.txt", Article(2));
  const std::string cache = " --cache-dir " + Quote((dir / "cache").string());
  REQUIRE(RunDauys(Build(dir / "one.txt", dir / "A") + cache).exit_code == 0);
  REQUIRE(RunDauys(Build(dir / "two.txt", dir / "B") + cache).exit_code == 0);
  const size_t entries = CacheEntries(dir / "cache");
  CommandResult gc = RunDauys("cache gc -o " + Quote((dir / "A").string()) + cache);
  INFO(gc.err);
  CHECK(gc.exit_code == 0);
  CHECK(gc.err == "dauys: cache gc: " + (dir / "B").string() +
                      " also builds into this cache; the entries its books use are kept\n");
  CHECK(CacheEntries(dir / "cache") == entries);
  CommandResult again = RunDauys(Build(dir / "two.txt", dir / "B", "--explain") + cache);
  CHECK(again.exit_code == 0);
  CHECK(again.err.find("synthesize") == std::string::npos);

  // An output folder that is gone no longer keeps anything.
  fs::remove_all(dir / "B");
  CommandResult gone = RunDauys("cache gc -o " + Quote((dir / "A").string()) + cache);
  CHECK(gone.exit_code == 0);
  CHECK(gone.err == "dauys: cache gc: " + (dir / "B").string() +
                        " built into this cache but is gone; its entries are removed\n");
  CHECK(CacheEntries(dir / "cache") < entries);
}

TEST_CASE("cache gc removes nothing while a book.json cannot be read", "[cache][hostile]") {
  TempDir dir;
  WriteFile(dir / "one.txt", Article(1));
  WriteFile(dir / "two.txt", Article(2));
  REQUIRE(RunDauys(Build(dir / "one.txt", dir / "out")).exit_code == 0);
  REQUIRE(RunDauys(Build(dir / "two.txt", dir / "out")).exit_code == 0);
  const size_t entries = CacheEntries(dir / "out" / ".cache");
  WriteFile(dir / "out" / "two" / "book.json", "{\"chapters\": [");
  CommandResult gc = RunDauys("cache gc -o " + Quote((dir / "out").string()));
  CHECK(gc.exit_code == 1);
  CHECK(gc.err == "dauys: error: " + (dir / "out" / "two" / "book.json").string() +
                      ": not a book.json dauys can read; cache gc removes nothing until it is rebuilt or its folder "
                      "removed\n");
  CHECK(CacheEntries(dir / "out" / ".cache") == entries);
}

TEST_CASE("a cache among the books is a usage error naming both options", "[cache][hostile]") {
  TempDir dir;
  WriteFile(dir / "talk.txt", Article(1));
  const std::string out = (dir / "out").string();
  auto build = [&](const std::string& o, const std::string& c) {
    return RunDauys("build " + Quote((dir / "talk.txt").string()) + " -o " + Quote(o) + " --cache-dir " + Quote(c));
  };
  const std::string tail = "; give the cache a folder of its own, or leave --cache-dir out (the default is ";
  CommandResult same = build(out, out);
  CHECK(same.exit_code == 2);
  CHECK(same.err == "dauys: --cache-dir " + out + " and -o " + out +
                        " are the same folder: the cache would mix with the books" + tail + out +
                        "/.cache)\nRun 'dauys --help' for usage.\n");
  CommandResult in_book = build(out, out + "/talk/cache");
  CHECK(in_book.exit_code == 2);
  CHECK(in_book.err == "dauys: --cache-dir " + out + "/talk/cache is inside -o " + out +
                           ", where book folders go: the cache would mix with the books" + tail + out +
                           "/.cache)\nRun 'dauys --help' for usage.\n");
  CommandResult in_cache = build(out + "/c/books", out + "/c");
  CHECK(in_cache.exit_code == 2);
  CHECK(in_cache.err == "dauys: -o " + out + "/c/books is inside --cache-dir " + out +
                            "/c: the cache would mix with the books" + tail + out + "/c/books/.cache)\n"
                            "Run 'dauys --help' for usage.\n");
  CHECK_FALSE(fs::exists(dir / "out"));
  // A hidden folder in the output folder is no book folder: the default is one.
  CHECK(build(out, out + "/.shared-cache").exit_code == 0);
}
