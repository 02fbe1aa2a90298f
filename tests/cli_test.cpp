// What a user sees when something is wrong: one clear line on stderr, the documented
// exit code, and nothing left behind in the output folder.
#include <catch2/catch.hpp>

#include "test_util.h"

using namespace dauys::test;
namespace fs = std::filesystem;

namespace {
size_t FilesIn(const fs::path& dir) {
  if (!fs::is_directory(dir)) return 0;
  size_t n = 0;
  for (auto& e : fs::recursive_directory_iterator(dir)) n += e.is_regular_file();
  return n;
}
}  // namespace

TEST_CASE("version and help print on stdout and exit 0", "[cli]") {
  CommandResult v = RunDauys("--version");
  CHECK(v.exit_code == 0);
  CHECK(v.out == "dauys 0.1.0\n");
  CommandResult h = RunDauys("--help");
  CHECK(h.exit_code == 0);
  CHECK(h.out.find("build") != std::string::npos);
  CHECK(h.out.find("plan") != std::string::npos);
  CHECK(h.err.empty());
}

TEST_CASE("usage errors exit 2", "[cli]") {
  CommandResult none = RunDauys("");
  CHECK(none.exit_code == 2);
  CHECK(none.err.find("Run 'dauys --help' for usage.") != std::string::npos);
  CommandResult unknown = RunDauys("build " + Quote(BundledInterview().string()) + " --frobnicate");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("--frobnicate") != std::string::npos);
  CommandResult no_input = RunDauys("build");
  CHECK(no_input.exit_code == 2);
  CHECK(no_input.err.find("INPUT is required") != std::string::npos);
}

TEST_CASE("a bit rate that would lose the Info tag is a usage error", "[cli]") {
  TempDir out;
  CommandResult r = RunDauys("build " + Quote(BundledInterview().string()) + " -o " + Quote(out.path()) +
                             " --bitrate 48");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--bitrate: must be one of 56, 64, 80, 96, 112, 128, 144, 160 kbps") != std::string::npos);
  CHECK(FilesIn(out.path()) == 0);
}

TEST_CASE("bad input gives one clear line, exit 1 and no files", "[cli]") {
  TempDir dir;
  fs::path out = dir / "out";
  auto build = [&](const fs::path& input) {
    return RunDauys("build " + Quote(input.string()) + " -o " + Quote(out.string()));
  };
  SECTION("missing file") {
    CommandResult r = build(dir / "missing.txt");
    CHECK(r.exit_code == 1);
    CHECK(r.err == "dauys: error: " + (dir / "missing.txt").string() + ": no such file\n");
  }
  SECTION("a directory") {
    CommandResult r = build(dir.path());
    CHECK(r.exit_code == 1);
    CHECK(r.err == "dauys: error: " + dir.path().string() + ": is a directory, not a text file\n");
  }
  SECTION("empty text") {
    WriteFile(dir / "empty.txt", "");
    CommandResult r = build(dir / "empty.txt");
    CHECK(r.exit_code == 1);
    CHECK(r.err == "dauys: error: " + (dir / "empty.txt").string() + ": the file is empty\n");
  }
  SECTION("whitespace only") {
    WriteFile(dir / "blank.txt", "  \n\n\t \r\n");
    CommandResult r = build(dir / "blank.txt");
    CHECK(r.exit_code == 1);
    CHECK(r.err == "dauys: error: " + (dir / "blank.txt").string() + ": the file has no text to read\n");
  }
  SECTION("invalid UTF-8") {
    WriteFile(dir / "latin1.txt", "Сәлем\nA\xE9roport\n");
    CommandResult r = build(dir / "latin1.txt");
    CHECK(r.exit_code == 1);
    CHECK(r.err == "dauys: error: " + (dir / "latin1.txt").string() +
                       ": line 2, byte 2: invalid UTF-8 (byte 0xE9 at file offset 12)\n");
  }
  SECTION("unreadable file") {
    // /proc/self/mem opens but fails to read, even for root.
    CommandResult r = build("/proc/self/mem");
    CHECK(r.exit_code == 1);
    CHECK(r.err == "dauys: error: /proc/self/mem: cannot read: Input/output error\n");
  }
  SECTION("an output folder that cannot be created") {
    WriteFile(dir / "file", "x");
    CommandResult r = RunDauys("build " + Quote(BundledInterview().string()) + " -o " +
                               Quote((dir / "file").string()));
    CHECK(r.exit_code == 1);
    CHECK(r.err == "dauys: error: " + (dir / "file/interview-un-middle-powers").string() +
                       ": cannot create the output folder: Not a directory\n");
    CHECK(FilesIn(dir / "file") == 0);
  }
  CHECK(FilesIn(out) == 0);
}

TEST_CASE("a malformed voice profile stops the build with its file and line", "[cli]") {
  TempDir dir;
  for (auto& e : fs::directory_iterator(SourceDir() / "voices")) fs::copy_file(e.path(), dir / e.path().filename());
  WriteFile(dir / "interviewer.voice", "language = kk\nvariant = f3\nrate = fast\n");
  CommandResult r = RunDauys("build " + Quote(BundledInterview().string()) + " --voices " + Quote(dir.path()) +
                             " -o " + Quote((dir / "out").string()));
  CHECK(r.exit_code == 1);
  CHECK(r.err == "dauys: error: " + (dir / "interviewer.voice").string() +
                     ": line 3: 'rate' must be a whole number, got 'fast'\n");
  CHECK_FALSE(fs::exists(dir / "out"));
}

TEST_CASE("a misspelled eSpeak NG variant stops the build", "[cli]") {
  TempDir dir;
  for (auto& e : fs::directory_iterator(SourceDir() / "voices")) fs::copy_file(e.path(), dir / e.path().filename());
  WriteFile(dir / "interviewee.voice", "language = kk\nvariant = m33\n");
  fs::remove(dir / "interviewee-2.voice");
  CommandResult r = RunDauys("build " + Quote(BundledInterview().string()) + " --voices " + Quote(dir.path()) +
                             " -o " + Quote((dir / "out").string()));
  CHECK(r.exit_code == 1);
  CHECK(r.err.rfind("dauys: error: voice 'interviewee': eSpeak NG has no variant 'm33' (see ", 0) == 0);
  CHECK_FALSE(fs::exists(dir / "out"));
}

TEST_CASE("a missing lexicon is named", "[cli]") {
  TempDir dir;
  for (auto& e : fs::directory_iterator(SourceDir() / "voices")) fs::copy_file(e.path(), dir / e.path().filename());
  fs::remove(dir / "lexicon.txt");
  CommandResult r = RunDauys("plan " + Quote(BundledInterview().string()) + " --voices " + Quote(dir.path()));
  CHECK(r.exit_code == 1);
  CHECK(r.err == "dauys: error: " + (dir / "lexicon.txt").string() + ": no such file\n");
}
