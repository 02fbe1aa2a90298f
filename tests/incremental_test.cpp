// Rebuilding after an edit: only what changed is spoken, encoded and written.
#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <map>
#include <regex>
#include <set>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

#include "test_util.h"

using namespace dauys::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct Summary {
  int synthesized = -1, reused = -1, rewritten = -1, unchanged = -1;
  std::set<std::string> rewritten_files;
  std::string err;
};

Summary Build(const fs::path& input, const fs::path& out, const std::string& extra = "") {
  CommandResult r = RunDauys("build " + Quote(input.string()) + " -o " + Quote(out.string()) + " --explain " + extra);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  Summary s;
  s.err = r.err;
  std::smatch m;
  std::regex summary("segments: (\\d+) synthesized, (\\d+) reused; files: (\\d+) written, (\\d+) retagged, "
                      "(\\d+) renamed, (\\d+) removed, (\\d+) unchanged");
  REQUIRE(std::regex_search(r.err, m, summary));
  s.synthesized = std::stoi(m[1]);
  s.reused = std::stoi(m[2]);
  s.rewritten = std::stoi(m[3]) + std::stoi(m[4]) + std::stoi(m[5]);  // written, retagged or renamed
  s.unchanged = std::stoi(m[7]);
  std::regex rewrite("dauys: (write|retag|rename [^ ]+ →) ([^:]+): ");
  for (auto it = std::sregex_iterator(r.err.begin(), r.err.end(), rewrite); it != std::sregex_iterator(); ++it) {
    s.rewritten_files.insert((*it)[2]);
  }
  return s;
}

std::map<std::string, std::pair<std::string, fs::file_time_type>> Snapshot(const fs::path& dir) {
  std::map<std::string, std::pair<std::string, fs::file_time_type>> files;
  for (auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file()) files[e.path().filename().string()] = {ReadFile(e.path()), fs::last_write_time(e.path())};
  }
  return files;
}

/// Both folders hold the same file names with the same bytes (no temporaries left over).
void CheckSameFiles(const fs::path& expected_dir, const fs::path& actual_dir) {
  auto expected = Snapshot(expected_dir);
  auto actual = Snapshot(actual_dir);
  std::set<std::string> expected_names, actual_names;
  for (auto& [name, v] : expected) expected_names.insert(name);
  for (auto& [name, v] : actual) actual_names.insert(name);
  CHECK(actual_names == expected_names);
  for (auto& [name, content] : expected) {
    INFO(name);
    CHECK(actual[name].first == content.first);
  }
}

const fs::path kInterview = fs::path(DAUYS_TEST_DATA) / "interviews/03-bar-and-box-dashes.txt";

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a no-op rebuild synthesizes nothing and touches no file", "[incremental]") {
  TempDir dir;
  fs::copy_file(kInterview, dir / "talk.txt");
  Summary cold = Build(dir / "talk.txt", dir / "out");
  CHECK(cold.synthesized > 5);
  CHECK(cold.reused == 0);
  auto before = Snapshot(dir / "out/talk");
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  Summary again = Build(dir / "talk.txt", dir / "out");
  CHECK(again.synthesized == 0);
  CHECK(again.reused == cold.synthesized);
  CHECK(again.rewritten == 0);
  CHECK(again.rewritten_files.empty());
  CHECK(Snapshot(dir / "out/talk") == before);
}

TEST_CASE("one changed word re-speaks its sentence and rewrites its chapter only", "[incremental]") {
  TempDir dir;
  std::string text = ReadFile(kInterview);
  WriteFile(dir / "talk.txt", text);
  Build(dir / "talk.txt", dir / "out");
  // Chapter 3's answer: "Күн панельдерінің тиімділігін зерттеп жүрмін."
  WriteFile(dir / "talk.txt", Replace(text, "зерттеп жүрмін", "зерделеп жүрмін"));
  Summary edit = Build(dir / "talk.txt", dir / "out");
  CHECK(edit.synthesized == 1);
  std::set<std::string> chapter3 = {"03-zertkhana-men-zhosparlar.mp3", "03-zertkhana-men-zhosparlar.vtt",
                                    "03-zertkhana-men-zhosparlar.lrc"};
  for (const std::string& f : chapter3) CHECK(edit.rewritten_files.count(f) == 1);
  // The read-along page holds the whole text and its times; its CSS and script stay.
  const std::set<std::string> book = {"talk.m3u8", "book.json", "index.html", "page-data.js"};
  for (const std::string& f : edit.rewritten_files) {
    INFO(f);
    CHECK((chapter3.count(f) == 1 || book.count(f) == 1));
  }
  CHECK(edit.rewritten_files.count("index.html") == 1);
  CHECK(edit.rewritten_files.count("page.css") == 0);
}

TEST_CASE("renaming a heading rewrites only that chapter", "[incremental]") {
  TempDir dir;
  std::string text = ReadFile(kInterview);
  WriteFile(dir / "talk.txt", text);
  Build(dir / "talk.txt", dir / "out");
  WriteFile(dir / "talk.txt", Replace(text, "Ғылымға келген жол", "Ғылымға апарған жол"));
  Summary edit = Build(dir / "talk.txt", dir / "out");
  CHECK(edit.synthesized == 1);  // the title the narrator reads
  for (const std::string& f : edit.rewritten_files) {
    INFO(f);
    CHECK((f.rfind("02-", 0) == 0 || f == "talk.m3u8" || f == "book.json" || f == "index.html" ||
           f == "page-data.js"));
  }
  CHECK(fs::exists(dir / "out/talk/02-ghylymgha-aparghan-zhol.mp3"));
  CHECK_FALSE(fs::exists(dir / "out/talk/02-ghylymgha-kelgen-zhol.mp3"));
}

TEST_CASE("a corrupted cache entry is detected and made again", "[incremental]") {
  TempDir dir;
  fs::copy_file(kInterview, dir / "talk.txt");
  Build(dir / "talk.txt", dir / "out");
  auto clean = Snapshot(dir / "out/talk");
  std::vector<fs::path> entries;
  for (auto& e : fs::recursive_directory_iterator(dir / "out/.cache")) {
    if (e.path().extension() == ".seg") entries.push_back(e.path());
  }
  std::sort(entries.begin(), entries.end());
  REQUIRE(entries.size() > 3);
  std::string bytes = ReadFile(entries[1]);
  bytes[bytes.size() / 2] ^= 0x55;
  WriteFile(entries[1], bytes);
  fs::resize_file(entries[2], fs::file_size(entries[2]) / 3);  // truncated
  // The book in out/ is up to date and is not joined again; a build of the same text
  // into another folder, sharing the cache, joins every segment and meets the damage.
  Summary again = Build(dir / "talk.txt", dir / "again", "--cache-dir " + Quote((dir / "out/.cache").string()));
  CHECK(again.synthesized == 2);
  CHECK(again.err.find("cache entry discarded: checksum mismatch") != std::string::npos);
  auto after = Snapshot(dir / "again/talk");
  for (auto& [name, content] : clean) CHECK(after[name].first == content.first);
}

TEST_CASE("a build killed at any moment leaves no partial file, and the rebuild matches a clean one",
          "[incremental][kill]") {
  TempDir dir;
  fs::copy_file(BundledInterview(), dir / "talk.txt");
  // Reference: a clean build in one go.
  Build(dir / "talk.txt", dir / "clean");
  const std::string command = Quote(DAUYS_BINARY) + " build " + Quote((dir / "talk.txt").string()) + " -o " +
                              Quote((dir / "killed").string()) + " -q";
  for (int delay_ms : {700, 2300, 4100}) {
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      execl("/bin/sh", "sh", "-c", ("exec " + command + " 2>/dev/null").c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    if (fs::exists(dir / "killed/talk")) {
      for (auto& e : fs::directory_iterator(dir / "killed/talk")) {
        if (e.path().extension() == ".mp3") CHECK(DecodeMp3(e.path()).size() > 0);  // whole, or absent
      }
    }
  }
  CommandResult r = RunDauys("build " + Quote((dir / "talk.txt").string()) + " -o " + Quote((dir / "killed").string()) + " -q");
  REQUIRE(r.exit_code == 0);
  CheckSameFiles(dir / "clean/talk", dir / "killed/talk");
}

TEST_CASE("a second build of the same folder waits for none and says why it stops", "[incremental]") {
  TempDir dir;
  fs::copy_file(kInterview, dir / "talk.txt");
  fs::create_directories(dir / "out/talk");
  // Hold the folder's lock as a running build would.
  CommandResult r = Run("flock " + Quote((dir / "out/.talk.lock").string()) + " " + Quote(DAUYS_BINARY) +
                        " build " + Quote((dir / "talk.txt").string()) + " -o " + Quote((dir / "out").string()));
  CHECK(r.exit_code == 1);
  CHECK(r.err == "dauys: error: " + (dir / "out/talk").string() +
                     ": another dauys build is writing this folder; try again when it is done\n");
}

TEST_CASE("dry run reports what would be rebuilt and changes nothing", "[incremental]") {
  TempDir dir;
  std::string text = ReadFile(kInterview);
  WriteFile(dir / "talk.txt", text);
  Build(dir / "talk.txt", dir / "out");
  auto before = Snapshot(dir / "out/talk");
  WriteFile(dir / "talk.txt", Replace(text, "Қазір немен айналысасыз?", "Қазір немен шұғылданасыз?"));
  CommandResult r = RunDauys("build " + Quote((dir / "talk.txt").string()) + " -o " + Quote((dir / "out").string()) +
                             " --dry-run");
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("would synthesize chapter 3, line 11 (new text): Қазір немен шұғылданасыз?\n") != std::string::npos);
  CHECK(r.err.find("would write 03-zertkhana-men-zhosparlar.mp3: new text\n") != std::string::npos);
  CHECK(r.err.find("chapters would be changed: 3 Зертхана мен жоспарлар\n") != std::string::npos);
  CHECK(r.err.find("dry run: 1 segments to synthesize") != std::string::npos);
  CHECK(Snapshot(dir / "out/talk") == before);
}

TEST_CASE("any number of jobs gives byte-identical files", "[incremental]") {
  TempDir dir;
  fs::copy_file(kInterview, dir / "talk.txt");
  Build(dir / "talk.txt", dir / "one", "--jobs 1 --cache-dir " + Quote((dir / "c1").string()));
  Build(dir / "talk.txt", dir / "three", "--jobs 3 --cache-dir " + Quote((dir / "c3").string()));
  CheckSameFiles(dir / "one/talk", dir / "three/talk");
  CHECK_FALSE(fs::exists(dir / "one/.cache"));
  CHECK(fs::exists(dir / "c1/segments"));
}

TEST_CASE("a sentence said again the same way is spoken once", "[incremental]") {
  TempDir dir;
  WriteFile(dir / "talk.txt",
            "Екі сұрақ\n\nБүгін біз екі сұрақ қойдық.\n\nБІРІНШІ БӨЛІМ\n\n– Сіз бұл туралы не ойлайсыз?\n"
            "– Мен келісемін. Бұл маңызды.\n\nЕКІНШІ БӨЛІМ\n\n– Сіз бұл туралы не ойлайсыз?\n"
            "– Мен келісемін. Бұл маңызды.\n");
  // Three chapters: title + lead, then title + question + two answer sentences twice.
  Summary s = Build(dir / "talk.txt", dir / "many", "--jobs 3");
  CHECK(s.synthesized == 7);
  CHECK(s.reused == 3);
  json m = json::parse(ReadFile(dir / "many/talk/book.json"));
  std::vector<std::string> second = m["chapters"][1]["segments"], third = m["chapters"][2]["segments"];
  REQUIRE(second.size() == 4);
  REQUIRE(third.size() == 4);
  CHECK(second[0] != third[0]);  // the headings differ
  CHECK(std::equal(second.begin() + 1, second.end(), third.begin() + 1));
  // Sharing does not depend on timing: one job gives the same counts and files.
  Summary single = Build(dir / "talk.txt", dir / "one", "--jobs 1 --cache-dir " + Quote((dir / "c1").string()));
  CHECK(single.synthesized == 7);
  CheckSameFiles(dir / "many/talk", dir / "one/talk");
}

TEST_CASE("cache stats and gc keep what the books in the folder use", "[incremental]") {
  TempDir dir;
  fs::copy_file(kInterview, dir / "a.txt");
  WriteFile(dir / "b.txt", "Бөлек бір мақала.\n– Сұрақ бар ма?\n– Жоқ, бәрі түсінікті.\n");
  Build(dir / "a.txt", dir / "out");
  Build(dir / "b.txt", dir / "out");
  CommandResult stats = RunDauys("cache stats -o " + Quote((dir / "out").string()));
  REQUIRE(stats.exit_code == 0);
  std::smatch m;
  REQUIRE(std::regex_search(stats.out, m, std::regex("entries: (\\d+)")));
  int all = std::stoi(m[1]);
  fs::remove_all(dir / "out/b");
  CommandResult gc = RunDauys("cache gc -o " + Quote((dir / "out").string()));
  REQUIRE(gc.exit_code == 0);
  REQUIRE(std::regex_search(gc.out, m, std::regex("removed (\\d+) entries .*; kept (\\d+)")));
  // b's four segments: a's "Кіріспе" follows its opening (a longer pause before it),
  // so none of b's is a's too.
  CHECK(std::stoi(m[1]) == 4);
  CHECK(std::stoi(m[2]) == all - 4);
  Summary again = Build(dir / "a.txt", dir / "out");
  CHECK(again.synthesized == 0);
}
