// A book folder holds one input's book, under names that cannot collide.
#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_util.h"
#include "util/atomic_file.h"

using namespace dauys::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kInterview = fs::path(DAUYS_TEST_DATA) / "interviews/03-bar-and-box-dashes.txt";

std::map<std::string, std::string> Files(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (auto& e : fs::directory_iterator(dir)) files[e.path().filename().string()] = ReadFile(e.path());
  return files;
}

}  // namespace

TEST_CASE("a second input with the same name is refused and the first book kept", "[incremental]") {
  TempDir dir;
  fs::copy_file(kInterview, dir / "talk.kk.txt");
  WriteFile(dir / "talk.txt", "Басқа әңгіме.\n\n– Сіз кімсіз?\n\n– Мен басқа адаммын.\n");
  const std::string out = " -o " + Quote((dir / "out").string());
  REQUIRE(RunDauys("build " + Quote((dir / "talk.kk.txt").string()) + out).exit_code == 0);
  CHECK(json::parse(ReadFile(dir / "out/talk/book.json"))["input"] == "talk.kk.txt");
  auto before = Files(dir / "out/talk");
  for (const char* extra : {"", " --dry-run"}) {
    CommandResult r = RunDauys("build " + Quote((dir / "talk.txt").string()) + out + std::string(extra));
    CHECK(r.exit_code == 1);
    CHECK(r.err == "dauys: error: " + (dir / "out/talk").string() + ": holds the book made from " +
                       (dir / "talk.kk.txt").string() + ", not from " + (dir / "talk.txt").string() +
                       "; build it into another output folder (-o), remove " + (dir / "out/talk").string() +
                       ", or rebuild with --replace\n");
  }
  CHECK(Files(dir / "out/talk") == before);
}

TEST_CASE("the single file never takes a chapter's name", "[incremental]") {
  TempDir dir;
  // No headline: the lead is chapter 1, "Кіріспе", whose files would be 01-kirispe.*,
  // and the input's name makes the single file 01-kirispe.mp3.
  fs::copy_file(kInterview, dir / "01-kirispe.txt");
  CommandResult r = RunDauys("build " + Quote((dir / "01-kirispe.txt").string()) + " -o " +
                             Quote((dir / "out").string()) + " --single-file");
  REQUIRE(r.exit_code == 0);
  json m = json::parse(ReadFile(dir / "out/01-kirispe/book.json"));
  REQUIRE(m["chapters"].size() == 3);
  REQUIRE(m["chapters"][0]["title"] == "Кіріспе");
  const std::string chapter1 = m["chapters"][0]["file"];
  CHECK(chapter1 != "01-kirispe.mp3");
  CHECK(m["single_file"] == "01-kirispe.mp3");
  // Both files are there, each with its own length: the book is longer than chapter 1.
  size_t book = DecodeMp3(dir / "out/01-kirispe/01-kirispe.mp3").size();
  size_t first = DecodeMp3(dir / "out/01-kirispe" / chapter1).size();
  CHECK(book > first + 22050);
}

TEST_CASE("files of a build that did not finish are removed by the next one, with its cache temporaries",
          "[incremental]") {
  TempDir dir;
  const std::string text = ReadFile(kInterview);
  WriteFile(dir / "talk.txt", text);
  const std::string build = "build " + Quote((dir / "talk.txt").string()) + " -o " + Quote((dir / "out").string());
  REQUIRE(RunDauys(build).exit_code == 0);
  auto clean = Files(dir / "out/talk");
  // A build with a fourth chapter publishes its files, then dies before book.json (here
  // it cannot write it, as if killed there).
  WriteFile(dir / "talk.txt", text + "\nБолашақ\n\n─ Алдағы жоспар қандай?\n\n─ Өз зертханамды ашқым келеді.\n");
  fs::rename(dir / "out/talk/book.json", dir / "book.json.kept");
  fs::create_directory(dir / "out/talk/book.json");
  REQUIRE(RunDauys(build).exit_code == 1);
  REQUIRE(fs::exists(dir / "out/talk/04-bolashaq.mp3"));
  fs::remove(dir / "out/talk/book.json");
  fs::rename(dir / "book.json.kept", dir / "out/talk/book.json");
  // A temporary a dead build left in the cache, and one a running build is writing.
  pid_t dead = fork();
  if (dead == 0) _exit(0);
  waitpid(dead, nullptr, 0);
  const std::string host = dauys::TemporaryHost() + ".";
  const fs::path stale = fs::path((dir / "out/.cache/segments/00/.x.seg.tmp.").string() + host + std::to_string(dead));
  const fs::path live = fs::path((dir / "out/.cache/segments/00/.y.seg.tmp.").string() + host + std::to_string(getpid()));
  WriteFile(fs::path(stale.string() + ".1"), "partial");
  WriteFile(fs::path(live.string() + ".1"), "partial");
  // The edit is taken back: the fourth chapter's files must not stay behind.
  WriteFile(dir / "talk.txt", text);
  CommandResult r = RunDauys(build + " --explain");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("remove 04-bolashaq.mp3: no longer in the book\n") != std::string::npos);
  CHECK(Files(dir / "out/talk") == clean);
  CHECK_FALSE(fs::exists(stale.string() + ".1"));
  CHECK(fs::exists(live.string() + ".1"));
}

namespace {

/// Peak resident memory, in MiB, of `dauys` run with `args` (stdout and stderr dropped).
double PeakMiB(const std::vector<std::string>& args) {
  pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv{const_cast<char*>(DAUYS_BINARY)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    freopen("/dev/null", "w", stdout);
    freopen("/dev/null", "w", stderr);
    execv(DAUYS_BINARY, argv.data());
    _exit(127);
  }
  int status = 0;
  struct rusage usage {};
  REQUIRE(wait4(pid, &status, 0, &usage) == pid);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  return static_cast<double>(usage.ru_maxrss) / 1024;
}

}  // namespace

TEST_CASE("joining a long chapter keeps memory flat", "[incremental]") {
  TempDir dir;
  // One chapter of one sentence said again and again: made once, joined every time.
  auto book = [&](int copies) {
    std::string paragraph;
    for (int i = 0; i < copies; ++i) paragraph += "Бүгін күн жылы, аспан ашық болды. ";
    WriteFile(dir / "talk.txt", "Ауа райы\n\n" + paragraph + "\n");
    std::vector<std::string> args{"build", (dir / "talk.txt").string(), "-o", (dir / "out").string(), "-q"};
    PeakMiB(args);  // makes the segments
    // Without its playlist the book is not up to date: the rebuild joins the chapter
    // again from the cache.
    fs::remove(dir / "out/talk/talk.m3u8");
    return PeakMiB(args);
  };
  const double small = book(100), large = book(3000);  // about 2 MB and 65 MB of MP3
  INFO("peak RSS: " << small << " MiB for 100 sentences, " << large << " MiB for 3000");
  const std::string file = json::parse(ReadFile(dir / "out/talk/book.json"))["chapters"][0]["file"];
  REQUIRE(fs::file_size(dir / "out/talk" / file) > 50'000'000);
  CHECK(large < small + 40);
}
