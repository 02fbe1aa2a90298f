// What a user sees when something is wrong: one clear line on stderr, the documented
// exit code, and nothing left behind in the output folder.
#include <catch2/catch.hpp>

#include <algorithm>

#include "test_util.h"

using namespace dauys::test;
namespace fs = std::filesystem;
using nlohmann::json;

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

TEST_CASE("a speed that is not a number from 0.5 to 3 is a usage error", "[cli]") {
  for (const std::string bad : {"nan", "inf", "-inf", "0.4", "3.5", "fast", "1.5x"}) {
    TempDir out;
    CommandResult r = RunDauys("build " + Quote(BundledInterview().string()) + " -o " + Quote(out.path()) +
                               " --speed " + Quote(bad));
    INFO(bad << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--speed: must be a number from 0.5 to 3, got '" + bad + "'") != std::string::npos);
    CHECK(FilesIn(out.path()) == 0);
  }
}

TEST_CASE("voices lists each profile with its values, then the eSpeak NG variants", "[cli][voices]") {
  TempDir dir;
  WriteFile(dir / "narrator.voice", "variant = m7\nrate = 160\npitch = 75\nrange = 40\n");
  WriteFile(dir / "interviewer.voice", "variant = f3\nrate = 170\npitch = 80\nrange = 60\nvolume = 90\n");
  WriteFile(dir / "interviewee.voice", "variant = none\n");
  CommandResult r = RunDauys("voices --voices " + Quote(dir.path()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  const std::string profiles = "voice profiles in " + dir.path().string() + ":\n" +
                               "  interviewee     kk         rate 165  pitch  50  range  50  volume 100\n"
                               "  interviewer     kk+f3      rate 170  pitch  80  range  60  volume  90\n"
                               "  narrator        kk+m7      rate 160  pitch  75  range  40  volume 100\n"
                               "eSpeak NG variants for a profile's 'variant' (or none):\n";
  REQUIRE(r.out.substr(0, profiles.size()) == profiles);
  // Then every file of the installed data's voices/!v, sorted, two spaces in, lines
  // of at most 88 characters.
  std::vector<std::string> installed;
  for (auto& lib : fs::directory_iterator("/usr/lib")) {
    fs::path variants = lib.path() / "espeak-ng-data/voices/!v";
    if (!fs::is_directory(variants)) continue;
    for (auto& e : fs::directory_iterator(variants)) installed.push_back(e.path().filename().string());
  }
  std::sort(installed.begin(), installed.end());
  REQUIRE(installed.size() > 20);
  std::string expected, line = " ";
  for (const std::string& v : installed) {
    if (line.size() + 1 + v.size() > 88) {
      expected += line + "\n";
      line = " ";
    }
    line += " " + v;
  }
  expected += line + "\n";
  CHECK(r.out.substr(profiles.size()) == expected);
}

TEST_CASE("say writes one sentence into a WAV or MP3 file ffprobe decodes", "[cli][say]") {
  TempDir dir;
  for (const std::string format : {"wav", "mp3"}) {
    fs::path file = dir / ("sentence." + format);
    CommandResult r = RunDauys("say " + Quote("Биыл 15 мектеп салынды, ҚР бойынша жоспар орындалды.") +
                               " --voice interviewer -o " + Quote(file.string()));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    CommandResult probe = Run("ffprobe -v error -show_entries stream=codec_name,sample_rate,channels:format=duration"
                              " -of json " + Quote(file.string()));
    REQUIRE(probe.exit_code == 0);
    CHECK(probe.err.empty());
    json p = json::parse(probe.out);
    CHECK(p["streams"][0]["codec_name"] == (format == "wav" ? "pcm_s16le" : "mp3"));
    CHECK(p["streams"][0]["sample_rate"] == "22050");
    CHECK(p["streams"][0]["channels"] == 1);
    CHECK(std::stod(p["format"]["duration"].get<std::string>()) > 2.0);
  }
  // Without -o and with no player on the PATH: say.wav in the current folder.
  CommandResult r = Run("cd " + Quote(dir.path()) + " && PATH=/nonexistent " + Quote(DAUYS_BINARY) + " say " +
                        Quote("Сәлеметсіз бе!"));
  CHECK(r.exit_code == 0);
  CHECK(r.err == "dauys: no aplay or paplay to play it; wrote say.wav\n");
  CHECK(DecodeMp3(dir / "say.wav").size() > 22050 / 2);
  CommandResult unknown = RunDauys("say x --voice nobody -o " + Quote((dir / "x.wav").string()));
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err.find("dauys: error: --voice: no profile 'nobody' in ") == 0);
  CommandResult ogg = RunDauys("say x -o " + Quote((dir / "x.ogg").string()));
  CHECK(ogg.exit_code == 2);
  CHECK(ogg.err.find("must end in .wav or .mp3") != std::string::npos);
  CHECK(!fs::exists(dir / "x.wav"));
  CHECK(!fs::exists(dir / "x.ogg"));
}

TEST_CASE("say reads the sentence through the lexicon", "[cli][say]") {
  TempDir dir;
  fs::create_directories(dir / "voices");
  for (auto& e : fs::directory_iterator(SourceDir() / "voices")) fs::copy_file(e.path(), dir / "voices" / e.path().filename());
  auto seconds = [&] {
    fs::path wav = dir / "word.wav";
    CommandResult r = RunDauys("say " + Quote("ЖЖК.") + " --voices " + Quote((dir / "voices").string()) + " -o " +
                               Quote(wav.string()));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return static_cast<double>(DecodeMp3(wav).size()) / 22050.0;
  };
  double letters = seconds();
  std::string lexicon = ReadFile(dir / "voices/lexicon.txt");
  WriteFile(dir / "voices/lexicon.txt",
            lexicon.replace(lexicon.find("[words]\n"), 8, "[words]\nЖЖК = жылу жүйесінің жаңа құрылысы\n"));
  double words = seconds();
  INFO("letters " << letters << " s, words " << words << " s");
  CHECK(words > letters + 0.5);
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
  SECTION("a folder without a text") {
    CommandResult r = build(dir.path());
    CHECK(r.exit_code == 1);
    CHECK(r.err == "dauys: error: " + dir.path().string() +
                   ": no input file (*.txt, *.md, *.html, *.docx, *.odt, *.epub, *.pdf) in this folder\n");
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
  CHECK(r.err.rfind("dauys: error: " + (dir / "interviewee.voice").string() +
                        ": line 2: voice 'interviewee': eSpeak NG has no variant 'm33' (see ", 0) == 0);
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

TEST_CASE("say with nothing to say is a usage error and writes nothing", "[cli][say]") {
  TempDir dir;
  for (const char* text : {"", "  ", "...!"}) {
    CommandResult r = RunDauys("say " + Quote(text) + " -o " + Quote((dir / "x.wav").string()));
    CHECK(r.exit_code == 2);
    CHECK(r.err == "dauys: TEXT: nothing to say; give a sentence with words\nRun 'dauys --help' for usage.\n");
    CHECK_FALSE(fs::exists(dir / "x.wav"));
  }
}

TEST_CASE("a text given twice is built once, with a warning", "[cli]") {
  TempDir dir;
  WriteFile(dir / "t.txt", "Ауыл\n– Кітап бар ма?\n– Бар.\n");
  const std::string t = (dir / "t.txt").string(), again = (dir / "." / "t.txt").string();
  CommandResult r = RunDauys("build " + Quote(t) + " " + Quote(t) + " " + Quote(again) + " -o " +
                             Quote((dir / "out").string()) + " --quiet");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err == "dauys: warning: " + t + " is given twice; building it once\n" + "dauys: warning: " + again +
                     " is " + t + " again; building it once\n");
  CHECK(fs::exists(dir / "out" / "t" / "book.json"));
}

TEST_CASE("interviewees beyond the interviewee profiles are told to share a voice", "[cli]") {
  TempDir dir;
  WriteFile(dir / "table.txt",
            "Дөңгелек үстел\n"
            "Асқар Сейітов: Мен келісемін.\n"
            "Дина Омарова: Мен де келісемін.\n"
            "Ерлан Нұров: Менің ойым басқа.\n"
            "Мұрат Бекұлы: Мен қосыламын.\n"
            "Айгүл Сәрсенова: Мен де қосыламын.\n"
            "Бақыт Оспанов: Бәріне рақмет.\n");
  CommandResult r = RunDauys("plan " + Quote((dir / "table.txt").string()));
  INFO(r.out);
  CHECK(r.exit_code == 0);
  // Four men and two women: the two women have a profile each, the men share the two
  // men's profiles in turn.
  CHECK(r.err == "dauys: warning: " + (dir / "table.txt").string() +
                     ": asqar-seiitov (Асқар Сейітов) and murat-bekuly (Мұрат Бекұлы) share the voice 'interviewee'; add interviewee "
                     "profiles to the voice folder or give each a voice in the sidecar's [speakers]\n" +
                     "dauys: warning: " + (dir / "table.txt").string() +
                     ": erlan-nurov (Ерлан Нұров) and baqyt-ospanov (Бақыт Оспанов) share the voice 'interviewee-3'; add interviewee "
                     "profiles to the voice folder or give each a voice in the sidecar's [speakers]\n");
}
