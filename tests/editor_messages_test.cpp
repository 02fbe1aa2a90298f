// What an editor sees when a sidecar, a voice profile or a cache folder is wrong: the
// exact message, naming the file and the line to fix (or the option), from `plan` as
// from `build`, exit 1, and no book written.
#include <catch2/catch.hpp>

#include "test_util.h"

using namespace dauys::test;
namespace fs = std::filesystem;

namespace {

const char* kRoundTable =
    "Су тапшылығы туралы әңгіме\n"
    "Дөңгелек үстелге екі маман қатысты.\n"
    "– Өңірде су неге азайды?\n"
    "– Мұздықтар жыл сайын кішірейіп барады.\n"
    "– Ал ауыл шаруашылығы қалай бейімделеді?\n"
    "– Тамшылатып суару тәсілі көмектеседі.\n";

/// The error a plan and a build of `input` both give; each must stop with exit 1 and
/// leave no book behind.
std::string ErrorOfPlanAndBuild(const TempDir& dir, const fs::path& input, const std::string& more = "") {
  CommandResult plan = RunDauys("plan " + Quote(input.string()) + more);
  CommandResult build = RunDauys("build " + Quote(input.string()) + " -q -o " + Quote((dir / "out").string()) + more);
  CHECK(plan.exit_code == 1);
  CHECK(plan.out.empty());
  CHECK(build.exit_code == 1);
  CHECK(plan.err == build.err);
  CHECK_FALSE(fs::exists(dir / "out" / input.stem()));
  return build.err;
}

}  // namespace

TEST_CASE("a sidecar's mistakes name the sidecar and its line", "[cli][messages]") {
  TempDir dir;
  const fs::path input = dir / "talk.txt";
  const std::string sidecar = (dir / "talk.txt.toml").string();
  WriteFile(input, kRoundTable);
  SECTION("a speaker the plan does not have") {
    WriteFile(sidecar, "title = \"Су\"\n\n[speakers]\ns9 = { name = \"Біреу\" }\n");
    CHECK(ErrorOfPlanAndBuild(dir, input) ==
          "dauys: error: " + sidecar +
              ": line 4: speaker \"s9\" is not in this text; its speakers are \"narrator\", \"interviewer\", "
              "\"guest-1\"\n");
  }
  SECTION("a line without a paragraph") {
    WriteFile(sidecar, "[lines]\n3 = \"interviewer\"\n# the last line is 6\n40 = \"heading\"\n");
    CHECK(ErrorOfPlanAndBuild(dir, input) == "dauys: error: " + sidecar + ": line 4: line 40 of " + input.string() +
                                                 " has no paragraph to override\n");
  }
  SECTION("a language for a line without a paragraph") {
    WriteFile(sidecar, "[lines]\n\n99 = { language = \"ru\" }\n");
    CHECK(ErrorOfPlanAndBuild(dir, input) ==
          "dauys: error: " + sidecar + ": line 3: line 99 has no paragraph to set the language of\n");
  }
  SECTION("a voice the voice folder does not have") {
    WriteFile(sidecar, "[speakers.interviewee]\nname = \"Асқар Бек\"\nvoice = \"interviewee-9\"\n");
    CHECK(ErrorOfPlanAndBuild(dir, input) ==
          "dauys: error: " + sidecar +
              ": line 3: speaker 'interviewee': no voice 'interviewee-9' in the voice folder (have: interviewee, "
              "interviewee-2, interviewee-3, interviewee-4, interviewer, interviewer-male, narrator, narrator-female, quoted)\n");
  }
}

TEST_CASE("a voice profile's unknown variant names the profile and its line, in plan too", "[cli][messages]") {
  TempDir dir;
  fs::copy(SourceDir() / "voices", dir / "voices", fs::copy_options::recursive);
  WriteFile(dir / "voices/interviewer.voice", "language = kk\n\nvariant = f33\nrate = 150\n");
  WriteFile(dir / "talk.txt", kRoundTable);
  const std::string message = ErrorOfPlanAndBuild(dir, dir / "talk.txt", " --voices " + Quote((dir / "voices").string()));
  const std::string expected = "dauys: error: " + (dir / "voices/interviewer.voice").string() +
                               ": line 3: voice 'interviewer': eSpeak NG has no variant 'f33' (see ";
  CHECK(message.substr(0, expected.size()) == expected);
  CHECK(message.substr(message.size() - 12) == "/voices/!v)\n");
}

TEST_CASE("cache commands on a folder that is not there are errors", "[cli][messages]") {
  TempDir dir;
  const std::string missing = (dir / "no-such-output").string();
  for (const std::string command : {"stats", "gc"}) {
    INFO(command);
    CommandResult r = RunDauys("cache " + command + " -o " + Quote(missing));
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(r.err == "dauys: error: -o: " + missing + ": no such folder\n");
    r = RunDauys("cache " + command + " -o " + Quote(dir.path().string()) + " --cache-dir " + Quote(missing));
    CHECK(r.exit_code == 1);
    CHECK(r.err == "dauys: error: --cache-dir: " + missing + ": no such folder\n");
  }
  CHECK_FALSE(fs::exists(missing));
  // An output folder that exists but was never built into has an empty cache.
  CommandResult empty = RunDauys("cache stats -o " + Quote(dir.path().string()));
  CHECK(empty.exit_code == 0);
  CHECK(empty.out == "cache: " + (dir / ".cache").string() + "\nentries: 0\nsize: 0.0 MiB\n");
}

TEST_CASE("--help gives examples, exit codes and DAUYS_VOICES, and --jobs as the README does", "[cli][messages]") {
  CommandResult h = RunDauys("--help");
  CHECK(h.exit_code == 0);
  CHECK(h.out.find("Examples:\n  dauys build talk.kk.txt ") != std::string::npos);
  CHECK(h.out.find("\nExit codes: 0 success; 1 failure") != std::string::npos);
  CHECK(h.out.find("\n  DAUYS_VOICES  voice folder when --voices is not given") != std::string::npos);
  CommandResult build = RunDauys("build --help");
  CHECK(build.exit_code == 0);
  const std::string jobs = "cores to keep busy (default: all of them)";
  CHECK(build.out.find("How many " + jobs + "; dauys runs N + 1 worker threads") != std::string::npos);
  CHECK(build.out.find("--announce-speakers") != std::string::npos);
  CHECK(ReadFile(SourceDir() / "README.md").find("`--jobs N` sets how many " + jobs + "; dauys runs N + 1") !=
        std::string::npos);
}
