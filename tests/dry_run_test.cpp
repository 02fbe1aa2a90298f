// A dry run says exactly what the build then does: the same segments synthesized and
// the same files written, retagged, renamed and removed, for the same reasons.
#include <catch2/catch.hpp>

#include <regex>
#include <nlohmann/json.hpp>
#include <set>

#include "test_util.h"

using namespace dauys::test;
namespace fs = std::filesystem;

namespace {

const fs::path kInterview = fs::path(DAUYS_TEST_DATA) / "interviews/03-bar-and-box-dashes.txt";

/// The lines after "dauys: " that name a segment or file, without a dry run's "would "
/// (or "may ", for a file whose bytes depend on times not known before the build).
std::set<std::string> Actions(const std::string& err, const std::string& prefix = "") {
  std::set<std::string> out;
  std::regex line("dauys: " + prefix + "((synthesize|write|retag|rename|remove) [^\\n]*?)( \\(if its times change\\))?\\n");
  for (auto it = std::sregex_iterator(err.begin(), err.end(), line); it != std::sregex_iterator(); ++it) {
    out.insert((*it)[1]);
  }
  return out;
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

struct Book {
  TempDir dir;
  std::string options;

  Book() {
    fs::copy(fs::path(DAUYS_SOURCE_DIR) / "voices", dir / "voices");
    fs::copy_file(kInterview, dir / "talk.txt");
    options = " --voices " + Quote((dir / "voices").string());
  }
  std::string Command(const std::string& extra) const {
    return "build " + Quote((dir / "talk.txt").string()) + " -o " + Quote((dir / "out").string()) + options + " " +
           extra;
  }
  /// Dry-runs, then builds; checks the two lists agree and returns the build's.
  std::set<std::string> DryRunThenBuild() {
    CommandResult dry = RunDauys(Command("--dry-run"));
    REQUIRE(dry.exit_code == 0);
    CommandResult build = RunDauys(Command("--explain"));
    INFO("dry run:\n" << dry.err << "build:\n" << build.err);
    REQUIRE(build.exit_code == 0);
    std::set<std::string> done = Actions(build.err);
    std::set<std::string> certain = Actions(dry.err, "would "), maybe = Actions(dry.err, "may ");
    for (const std::string& a : certain) CHECK(done.count(a) == 1);
    for (const std::string& a : done) CHECK((certain.count(a) == 1 || maybe.count(a) == 1));
    // And the build leaves nothing more to do.
    CommandResult again = RunDauys(Command("--dry-run"));
    CHECK(Actions(again.err, "would ").empty());
    CHECK(Actions(again.err, "may ").empty());
    return done;
  }
  void Edit(const std::string& from, const std::string& to) {
    WriteFile(dir / "talk.txt", Replace(ReadFile(dir / "talk.txt"), from, to));
  }
};

bool Has(const std::set<std::string>& actions, const std::string& text) {
  for (const std::string& a : actions) {
    if (a.find(text) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("a dry run lists what the build then does, edit after edit", "[incremental][dry-run]") {
  Book book;
  book.DryRunThenBuild();  // the first build: everything is new

  SECTION("edits of the text, the options and the folder") {
    INFO("a word");
    book.Edit("зерттеп жүрмін", "зерделеп жүрмін");
    std::set<std::string> a = book.DryRunThenBuild();
    CHECK(Has(a, "synthesize chapter 3, line 13 (new text)"));
    CHECK(Has(a, "write 03-zertkhana-men-zhosparlar.mp3: new text"));

    INFO("a paragraph added");
    book.Edit("―Бала кезден физиканы жақсы көрдім.", "―Бала кезден физиканы жақсы көрдім.\n\nМектепте олимпиадаға қатыстым.");
    std::set<std::string> p = book.DryRunThenBuild();
    CHECK(Has(p, "write 02-ghylymgha-kelgen-zhol.mp3: "));
    CHECK(Has(p, "(new text): Мектепте олимпиадаға қатыстым."));

    INFO("a heading renamed");
    book.Edit("Ғылымға келген жол", "Ғылымға апарған жол");
    std::set<std::string> h = book.DryRunThenBuild();
    CHECK(Has(h, "write 02-ghylymgha-aparghan-zhol.mp3: new file"));
    CHECK(Has(h, "remove 02-ghylymgha-kelgen-zhol.mp3"));

    INFO("a chapter added");
    book.Edit("Сұхбаттасқан", "Болашақ\n\n─ Алдағы жоспар қандай?\n\n─ Өз зертханамды ашқым келеді.\n\nСұхбаттасқан");
    std::set<std::string> added = book.DryRunThenBuild();
    CHECK(Has(added, "write 04-bolashaq.mp3: new file"));
    CHECK(Has(added, "retag 01-"));  // every chapter's track count

    INFO("a chapter deleted");
    book.Edit("Ғылымға апарған жол\n\n―Ғылымға қалай келдіңіз?\n\n―Бала кезден физиканы жақсы көрдім.\n\n"
              "Мектепте олимпиадаға қатыстым.\n\n", "");
    std::set<std::string> deleted = book.DryRunThenBuild();
    CHECK(Has(deleted, "rename 03-zertkhana-men-zhosparlar.mp3 → 02-zertkhana-men-zhosparlar.mp3"));
    CHECK(Has(deleted, "remove 02-ghylymgha-aparghan-zhol.mp3"));

    INFO("--title");
    book.options += " --title " + Quote("Жас ғалым");
    std::set<std::string> titled = book.DryRunThenBuild();
    CHECK(Has(titled, "(new text): Жас ғалым."));  // the book's opening says its title

    INFO("--year");
    book.options += " --year 2023";
    std::set<std::string> dated = book.DryRunThenBuild();
    CHECK(Has(dated, "retag 01-kirispe.mp3: tag changed: year"));
    CHECK_FALSE(Has(dated, "synthesize"));

    INFO("a cover added");
    book.options += " --cover " + Quote((fs::path(DAUYS_TEST_DATA) / "cover.png").string());
    CHECK(Has(book.DryRunThenBuild(), "retag 01-kirispe.mp3: tag changed: cover"));

    INFO("a voice profile changed");  // the profile of the man who asks (tests/data/interviews/03-….plan)
    WriteFile(book.dir / "voices/interviewer-male.voice",
              Replace(ReadFile(book.dir / "voices/interviewer-male.voice"), "rate", "rate = 150\n# was:"));
    CHECK(Has(book.DryRunThenBuild(), "(voice changed)"));

    INFO("a pause changed");
    WriteFile(book.dir / "voices/pauses.txt", Replace(ReadFile(book.dir / "voices/pauses.txt"), "tail               = 2.0", "tail               = 2.5"));
    CHECK(Has(book.DryRunThenBuild(), "(pauses changed)"));

    INFO("a lexicon entry");
    WriteFile(book.dir / "voices/lexicon.txt", ReadFile(book.dir / "voices/lexicon.txt") + "\n[words]\nпанельдерінің = панелдерінің\n");
    CHECK(Has(book.DryRunThenBuild(), "(spoken form changed)"));

    INFO("the bit rate");
    book.options += " --bitrate 96";
    CHECK(Has(book.DryRunThenBuild(), "(bitrate changed)"));

    INFO("a file deleted by hand, another changed by hand");
    fs::remove(book.dir / "out/talk/01-kirispe.mp3");
    WriteFile(book.dir / "out/talk/02-zertkhana-men-zhosparlar.vtt", "WEBVTT\n");
    std::set<std::string> repaired = book.DryRunThenBuild();
    CHECK(repaired == std::set<std::string>{"write 01-kirispe.mp3: file missing",
                                            "write 02-zertkhana-men-zhosparlar.vtt: file changed on disk"});
  }
}

TEST_CASE("the read-along page is planned, explained and removed like the book's other files", "[incremental][dry-run][web]") {
  Book book;  // the page is made by default
  std::set<std::string> first = book.DryRunThenBuild();
  for (const char* name : {"index.html", "page-data.js", "page.css", "page.js"}) {
    CHECK(first.count(std::string("write ") + name + ": new file") == 1);
  }
  const auto manifest = nlohmann::json::parse(ReadFile(book.dir / "out/talk/book.json"));
  CHECK(manifest["page"] == "index.html");
  CHECK(manifest["files"].contains("page-data.js"));
  CHECK(manifest["script"] == "cyrillic");

  INFO("a word: the text and the times change, not the CSS or the script");
  book.Edit("зерттеп жүрмін", "зерделеп жүрмін");
  std::set<std::string> word = book.DryRunThenBuild();
  CHECK(Has(word, "write index.html: read-along page changed"));
  CHECK(Has(word, "write page-data.js: read-along page changed"));
  CHECK_FALSE(Has(word, "page.css"));
  CHECK_FALSE(Has(word, "page.js:"));

  INFO("built with --no-web, the page goes");
  book.options += " --no-web";
  std::set<std::string> gone = book.DryRunThenBuild();
  for (const char* name : {"index.html", "page-data.js", "page.css", "page.js"}) {
    CHECK(gone.count(std::string("remove ") + name + ": no longer in the book") == 1);
    CHECK_FALSE(fs::exists(book.dir / "out/talk" / name));
  }
}

TEST_CASE("the sidecar's [book] web = false leaves the read-along page out, as --no-web does", "[web]") {
  Book book;
  WriteFile(book.dir / "talk.toml", "[book]\nweb = false\n");
  book.DryRunThenBuild();
  CHECK(fs::exists(book.dir / "out/talk/book.json"));
  for (const char* name : {"index.html", "page-data.js", "page.css", "page.js"}) {
    CHECK_FALSE(fs::exists(book.dir / "out/talk" / name));
  }
  CHECK_FALSE(nlohmann::json::parse(ReadFile(book.dir / "out/talk/book.json")).contains("page"));
  WriteFile(book.dir / "talk.toml", "[book]\nweb = \"no\"\n");
  CommandResult r = RunDauys(book.Command("-q"));
  CHECK(r.exit_code == 1);
  CHECK(r.err == "dauys: error: " + (book.dir / "talk.toml").string() + ": line 2: 'web' must be true or false\n");
}

TEST_CASE("the summary says which chapters changed and the length before and after", "[incremental]") {
  TempDir dir;
  fs::copy_file(kInterview, dir / "talk.txt");
  const std::string build = "build " + Quote((dir / "talk.txt").string()) + " -o " + Quote((dir / "out").string());
  REQUIRE(RunDauys(build).exit_code == 0);
  WriteFile(dir / "talk.txt", Replace(ReadFile(dir / "talk.txt"), "зерттеп жүрмін.", "зерттеп жүрмін, әрі сабақ беремін."));
  CommandResult r = RunDauys(build);
  REQUIRE(r.exit_code == 0);
  std::smatch m;
  REQUIRE(std::regex_search(r.err, m, std::regex("dauys: 3 chapters, (\\d:\\d\\d:\\d\\d) → (\\d:\\d\\d:\\d\\d), in ")));
  CHECK(m[1] < m[2]);
  CHECK(r.err.find("dauys: chapters changed: 3 Зертхана мен жоспарлар\n") != std::string::npos);
  // Chapter 3's MP3, VTT and LRC, the playlist, book.json, and the read-along page's text
  // and times (index.html, page-data.js); its CSS and script are unchanged.
  CHECK(r.err.find("files: 7 written, 0 retagged, 0 renamed, 0 removed, 8 unchanged\n") != std::string::npos);
}

TEST_CASE("a built book folder holds only the book", "[incremental]") {
  TempDir dir;
  fs::copy_file(kInterview, dir / "talk.txt");
  REQUIRE(RunDauys("build " + Quote((dir / "talk.txt").string()) + " -o " + Quote((dir / "out").string())).exit_code == 0);
  for (auto& e : fs::directory_iterator(dir / "out/talk")) {
    std::string name = e.path().filename().string();
    INFO(name);
    CHECK(name[0] != '.');
  }
}
