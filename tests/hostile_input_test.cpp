// A hostile or careless user: NaN and infinities where numbers go, endless devices
// where files go, invalid UTF-8 in options and file names, huge covers, a full
// standard output. Each gets one clear message and the documented exit code, never a
// hang, a crash or a published file.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <algorithm>

#include "test_util.h"

using namespace dauys::test;
namespace fs = std::filesystem;

namespace {

const char* kTalk =
    "Ауылдағы кітапхана\n"
    "Бүгін біз кітапханашы Сәуле Қасымовамен сөйлестік.\n"
    "– Кітапханаға кімдер келеді?\n"
    "– Көбіне мектеп оқушылары келеді. Олар ертегі оқиды.\n"
    "– Рақмет!\n";

/// A copy of the bundled voices/ folder, for tests that spoil one of its files.
fs::path CopyVoices(const TempDir& dir) {
  fs::path voices = dir / "voices";
  fs::copy(SourceDir() / "voices", voices, fs::copy_options::recursive);
  return voices;
}

std::string BuildArgs(const fs::path& input, const TempDir& dir) {
  return "build " + Quote(input.string()) + " -o " + Quote((dir / "out").string()) + " --quiet";
}

/// No byte of `text` is a control character other than a line break.
bool PrintableOnly(const std::string& text) {
  return std::none_of(text.begin(), text.end(), [](char c) {
    auto b = static_cast<unsigned char>(c);
    return (b < 0x20 && b != '\n') || b == 0x7F;
  });
}

}  // namespace

TEST_CASE("NaN and infinities in pauses.txt are errors naming the file and line", "[hostile]") {
  TempDir dir;
  fs::path voices = CopyVoices(dir);
  WriteFile(dir / "talk.txt", kTalk);
  for (const char* value : {"nan", "NaN", "inf", "-inf", "infinity", "1e999"}) {
    WriteFile(voices / "pauses.txt", std::string("# pauses\nhead = 0.6\ntail = ") + value + "\n");
    CommandResult r = RunDauys(BuildArgs(dir / "talk.txt", dir) + " --voices " + Quote(voices.string()));
    INFO(value);
    CHECK(r.exit_code == 1);
    CHECK(r.err == "dauys: error: " + (voices / "pauses.txt").string() + ": line 3: 'tail' must be a number of " +
                       "seconds, got '" + value + "'\n");
  }
  CHECK_FALSE(fs::exists(dir / "out" / "talk"));
}

TEST_CASE("NaN and infinities in voice profiles are errors naming the file and line", "[hostile]") {
  TempDir dir;
  fs::path voices = CopyVoices(dir);
  WriteFile(dir / "talk.txt", kTalk);
  for (const char* value : {"nan", "inf", "-inf"}) {
    WriteFile(voices / "narrator.voice", std::string("language = kk\nrate = ") + value + "\n");
    CommandResult r = RunDauys(BuildArgs(dir / "talk.txt", dir) + " --voices " + Quote(voices.string()));
    CHECK(r.exit_code == 1);
    CHECK(r.err == "dauys: error: " + (voices / "narrator.voice").string() +
                       ": line 2: 'rate' must be a whole number, got '" + value + "'\n");
  }
}

TEST_CASE("NaN and infinities in options are usage errors naming the option", "[hostile]") {
  TempDir dir;
  WriteFile(dir / "talk.txt", kTalk);
  for (const char* value : {"nan", "inf", "-inf", "-nan"}) {
    INFO(value);
    CommandResult loud = RunDauys(BuildArgs(dir / "talk.txt", dir) + " --loudness=" + value);
    CHECK(loud.exit_code == 2);
    CHECK(loud.err.find("--loudness: must be a number from -40 to -10, got '" + std::string(value) + "'") !=
          std::string::npos);
    CommandResult speed = RunDauys(BuildArgs(dir / "talk.txt", dir) + " --speed=" + value);
    CHECK(speed.exit_code == 2);
    CHECK(speed.err.find("--speed: must be a number from 0.5 to 3") != std::string::npos);
    for (const char* option : {"--bitrate", "--year", "--jobs"}) {
      CommandResult r = RunDauys(BuildArgs(dir / "talk.txt", dir) + " " + option + "=" + value);
      CHECK(r.exit_code == 2);
      CHECK(r.err.find(option) != std::string::npos);
    }
  }
  CHECK_FALSE(fs::exists(dir / "out" / "talk"));
}

TEST_CASE("NaN and infinities in a sidecar are errors naming the file and line", "[hostile]") {
  TempDir dir;
  WriteFile(dir / "talk.txt", kTalk);
  WriteFile(dir / "talk.txt.toml", "title = \"Кітапхана\"\n[lines]\n3 = nan\n");
  CommandResult r = RunDauys(BuildArgs(dir / "talk.txt", dir));
  CHECK(r.exit_code == 1);
  CHECK(r.err.rfind("dauys: error: " + (dir / "talk.txt.toml").string() + ": line 3: ", 0) == 0);
  WriteFile(dir / "talk.txt.toml", "title = inf\n");
  r = RunDauys(BuildArgs(dir / "talk.txt", dir));
  CHECK(r.exit_code == 1);
  CHECK(r.err == "dauys: error: " + (dir / "talk.txt.toml").string() + ": line 1: 'title' must be a non-empty string\n");
}

TEST_CASE("endless devices are refused as input, sidecar, cover and settings", "[hostile]") {
  TempDir dir;
  WriteFile(dir / "talk.txt", kTalk);
  // A timeout and a memory cap turn the old behaviour (reading until memory runs out)
  // into a failure instead of a hung test.
  auto run = [](const std::string& args) { return Run("ulimit -v 4000000; timeout 60 " + Quote(DAUYS_BINARY) + " " + args); };
  for (const char* device : {"/dev/zero", "/dev/urandom"}) {
    INFO(device);
    CommandResult input = run(BuildArgs(device, dir));
    CHECK(input.exit_code == 1);
    CHECK(input.err == std::string("dauys: error: ") + device +
                           ": not a regular file (a device or socket cannot be a text file)\n");
    CommandResult sidecar = run(BuildArgs(dir / "talk.txt", dir) + " --overrides " + device);
    CHECK(sidecar.exit_code == 1);
    CHECK(sidecar.err == std::string("dauys: error: ") + device +
                             ": not a regular file (a device or socket cannot be a settings file)\n");
    CommandResult cover = run(BuildArgs(dir / "talk.txt", dir) + " --cover " + device);
    CHECK(cover.exit_code == 1);
    CHECK(cover.err == std::string("dauys: error: --cover: ") + device +
                           ": not a regular file (a device or socket cannot be a cover image)\n");
    CommandResult plan = run("plan " + std::string(device));
    CHECK(plan.exit_code == 1);
    CommandResult normalize = run("normalize " + std::string(device));
    CHECK(normalize.exit_code == 1);
  }
  CHECK_FALSE(fs::exists(dir / "out" / "talk"));
}

TEST_CASE("an endless stream on standard input or through a FIFO stops at its first NUL", "[hostile]") {
  TempDir dir;
  CommandResult zero = Run("ulimit -v 4000000; timeout 60 " + Quote(DAUYS_BINARY) + " normalize - < /dev/zero");
  CHECK(zero.exit_code == 1);
  CHECK(zero.err == "dauys: error: <stdin>: line 1, byte 1: NUL byte; this looks like a binary file, not text\n");
  CommandResult random = Run("ulimit -v 4000000; timeout 60 " + Quote(DAUYS_BINARY) + " normalize - < /dev/urandom");
  CHECK(random.exit_code == 1);
  CHECK(random.err.rfind("dauys: error: <stdin>: line ", 0) == 0);
  CHECK(PrintableOnly(random.err));
  const fs::path fifo = dir / "talk.txt";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  CommandResult piped = Run("(cat /dev/zero > " + Quote(fifo.string()) + " 2>/dev/null &) ; ulimit -v 4000000; timeout 60 " +
                            Quote(DAUYS_BINARY) + " plan " + Quote(fifo.string()));
  CHECK(piped.exit_code == 1);
  CHECK(piped.err == "dauys: error: " + fifo.string() +
                         ": line 1, byte 1: NUL byte; this looks like a binary file, not text\n");
}

TEST_CASE("invalid UTF-8 in --title or --author is a usage error before any work", "[hostile]") {
  TempDir dir;
  WriteFile(dir / "talk.txt", kTalk);
  for (const char* option : {"--title", "--author"}) {
    CommandResult r = RunDauys(BuildArgs(dir / "talk.txt", dir) + " " + option + " $(printf 'Kitap\\377')");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(std::string(option) + ": must be UTF-8 text") != std::string::npos);
    CHECK(PrintableOnly(r.err));
    CHECK_FALSE(fs::exists(dir / "out"));
  }
}

TEST_CASE("an input file name with invalid UTF-8 still gives a whole book", "[hostile]") {
  TempDir dir;
  const fs::path input = dir / "s\xff\xfe\x01zd.txt";
  WriteFile(input, "Бүгін күн жылы болды.\n");  // no headline, heading or name: the title comes from the file name
  CommandResult r = RunDauys("build " + Quote(input.string()) + " -o " + Quote((dir / "out").string()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(PrintableOnly(r.err));
  std::vector<fs::path> books;
  for (auto& e : fs::directory_iterator(dir / "out")) {
    if (e.is_directory() && e.path().filename() != ".cache") books.push_back(e.path());
  }
  REQUIRE(books.size() == 1);
  const std::string slug = books[0].filename().string();
  CHECK(std::all_of(slug.begin(), slug.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }));
  nlohmann::json manifest = nlohmann::json::parse(ReadFile(books[0] / "book.json"));
  CHECK(manifest["chapters"].size() == 1);
  fs::copy_file(books[0] / manifest["chapters"][0]["file"].get<std::string>(), dir / "copy.mp3");
  nlohmann::json tags = ReadTags(dir / "copy.mp3");
  REQUIRE(tags["TALB"].size() == 1);
  CHECK(tags["TALB"][0] == "s\uFFFD\uFFFD zd");  // the stem, its bytes made text
}

TEST_CASE("a cover over 4 MB is refused with a clear error", "[hostile]") {
  TempDir dir;
  WriteFile(dir / "talk.txt", kTalk);
  WriteFile(dir / "big.png", "\x89PNG\r\n\x1a\n" + std::string((4u << 20) + 1, 'x'));
  CommandResult r = RunDauys(BuildArgs(dir / "talk.txt", dir) + " --cover " + Quote((dir / "big.png").string()));
  CHECK(r.exit_code == 1);
  CHECK(r.err == "dauys: error: --cover: " + (dir / "big.png").string() + ": larger than 4 MB, the limit for a cover image\n");
  CHECK_FALSE(fs::exists(dir / "out" / "talk"));
}

TEST_CASE("standard output that cannot be written is a failure", "[hostile]") {
  TempDir dir;
  WriteFile(dir / "talk.txt", kTalk);
  const std::string dauys = Quote(DAUYS_BINARY);
  for (const std::string& args : {"plan --json " + Quote((dir / "talk.txt").string()),
                                  "plan " + Quote((dir / "talk.txt").string()),
                                  "normalize " + Quote((dir / "talk.txt").string()),
                                  "cache stats -o " + Quote(dir.path().string()), std::string("--version")}) {
    INFO(args);
    CommandResult r = Run(dauys + " " + args + " > /dev/full");
    CHECK(r.exit_code == 1);
    CHECK(r.err == "dauys: error: cannot write to standard output\n");
  }
}

TEST_CASE("voice profiles: duplicate keys and unknown variants name the file and line", "[hostile]") {
  TempDir dir;
  fs::path voices = CopyVoices(dir);
  WriteFile(dir / "talk.txt", kTalk);
  const std::string args = BuildArgs(dir / "talk.txt", dir) + " --voices " + Quote(voices.string());
  SECTION("a key set twice") {
    WriteFile(voices / "interviewer.voice", "language = kk\nrate = 160\n# again\nrate = 170\n");
    CommandResult r = RunDauys(args);
    CHECK(r.exit_code == 1);
    CHECK(r.err == "dauys: error: " + (voices / "interviewer.voice").string() +
                       ": line 4: 'rate' is set twice (first on line 2)\n");
  }
  SECTION("a pause set twice") {
    WriteFile(voices / "pauses.txt", "tail = 2\nhead = 0.6\ntail = 1.5\n");
    CommandResult r = RunDauys(args);
    CHECK(r.exit_code == 1);
    CHECK(r.err == "dauys: error: " + (voices / "pauses.txt").string() +
                       ": line 3: 'tail' is set twice (first on line 1)\n");
  }
  SECTION("a variant eSpeak NG does not have") {
    WriteFile(voices / "narrator.voice", "language = kk\n\nvariant = nosuchvariant\n");
    CommandResult r = RunDauys(args);
    CHECK(r.exit_code == 1);
    CHECK(r.err.rfind("dauys: error: " + (voices / "narrator.voice").string() +
                          ": line 3: voice 'narrator': eSpeak NG has no variant 'nosuchvariant'", 0) == 0);
  }
  SECTION("a language eSpeak NG does not have") {
    WriteFile(voices / "narrator.voice", "rate = 150\nlanguage = xx-nosuch\n");
    CommandResult r = RunDauys(args);
    CHECK(r.exit_code == 1);
    CHECK(r.err == "dauys: error: " + (voices / "narrator.voice").string() +
                       ": line 2: voice 'narrator': eSpeak NG has no language 'xx-nosuch'\n");
  }
  SECTION("binary bytes are shown escaped, never raw") {
    WriteFile(voices / "narrator.voice", std::string("language = kk\nvariant = \x1b[2J\x07\n"));
    CommandResult r = RunDauys(args);
    CHECK(r.exit_code == 1);
    CHECK(r.err == "dauys: error: " + (voices / "narrator.voice").string() +
                       ": line 2: invalid variant '\\x1B[2J\\x07'\n");
    WriteFile(voices / "narrator.voice", std::string("language = kk\nrate\x01\xff = 1\n"));
    r = RunDauys(args);
    CHECK(r.exit_code == 1);
    CHECK(PrintableOnly(r.err));
  }
  CHECK_FALSE(fs::exists(dir / "out" / "talk"));
}

TEST_CASE("eSpeak NG is started without an audio device: nothing under $HOME or /tmp", "[hostile]") {
  TempDir dir;
  WriteFile(dir / "talk.txt", "Бүгін күн жылы болды.\n");
  fs::create_directories(dir / "home");
  const fs::path trace = dir / "trace.txt";
  CommandResult r = Run("HOME=" + Quote((dir / "home").string()) + " strace -f -qq -e trace=%file,connect -o " +
                        Quote(trace.string()) + " " + Quote(DAUYS_BINARY) + " " + BuildArgs(dir / "talk.txt", dir));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(fs::is_empty(dir / "home"));
  const std::string calls = ReadFile(trace);
  REQUIRE(calls.find("talk.txt") != std::string::npos);  // the trace is real
  CHECK(calls.find("connect(") == std::string::npos);
  CHECK(calls.find("mkdir(\"/tmp/pulse") == std::string::npos);
  CHECK(calls.find("/.config/pulse") == std::string::npos);
}

TEST_CASE("a FIFO nothing writes to is an error, not a hang", "[hostile]") {
  TempDir dir;
  const fs::path fifo = dir / "talk.txt";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  CommandResult r = Run("timeout 60 " + Quote(DAUYS_BINARY) + " plan " + Quote(fifo.string()));
  CHECK(r.exit_code == 1);
  CHECK(r.err == "dauys: error: " + fifo.string() +
                     ": a FIFO no program wrote to within 10 s; start its writer first\n");
}

TEST_CASE("a cut or damaged cover is an error naming the file", "[hostile]") {
  TempDir dir;
  WriteFile(dir / "talk.txt", kTalk);
  const std::string png = ReadFile(fs::path(DAUYS_TEST_DATA) / "cover.png");  // IHDR, one IDAT of 320 bytes, IEND
  std::string damaged = png;
  damaged[100] = static_cast<char>(damaged[100] ^ 0x55);
  const std::pair<std::string, std::string> cases[] = {
      {png.substr(0, 200), "a PNG cut short in its 'IDAT' chunk"},
      {png.substr(0, png.size() - 12), "a PNG cut short before its end (IEND)"},
      {damaged, "a damaged PNG: its 'IDAT' chunk fails its CRC"},
      {std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 20),
       "a JPEG cut short before its end (EOI)"},
  };
  for (const auto& [bytes, why] : cases) {
    WriteFile(dir / "cover.png", bytes);
    CommandResult r = RunDauys(BuildArgs(dir / "talk.txt", dir) + " --cover " + Quote((dir / "cover.png").string()));
    CHECK(r.exit_code == 1);
    CHECK(r.err == "dauys: error: --cover: " + (dir / "cover.png").string() + ": " + why + "\n");
    CHECK_FALSE(fs::exists(dir / "out" / "talk"));
  }
}
