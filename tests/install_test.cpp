// `cmake --install build --prefix P` gives a program that works from any folder: it
// finds the voice folder installed beside it (P/share/dauys/voices), not the source
// tree's nor the current folder's.
#include <catch2/catch.hpp>

#include "test_util.h"

using namespace dauys::test;
namespace fs = std::filesystem;

TEST_CASE("an installed dauys finds its voices from another folder", "[install]") {
  TempDir prefix, work;
  const fs::path build_dir = fs::path(DAUYS_BINARY).parent_path();
  CommandResult install = Run("cmake --install " + Quote(build_dir.string()) + " --prefix " + Quote(prefix.path()));
  INFO(install.out << install.err);
  REQUIRE(install.exit_code == 0);
  const fs::path dauys = prefix / "bin/dauys";
  REQUIRE(fs::is_regular_file(dauys));
  REQUIRE(fs::is_regular_file(prefix / "share/dauys/voices/narrator.voice"));
  REQUIRE(fs::is_regular_file(prefix / "share/dauys/voices/lexicon.txt"));

  WriteFile(work / "talk.txt",
            "Бүгін біз бағбанмен сөйлестік.\n– Алма ағашын қашан отырғызған жөн?\n– Көктемде, жер жылынған соң.\n");
  // No voices/ here, no DAUYS_VOICES: only the installed folder can be found.
  const std::string run = "cd " + Quote(work.path()) + " && env -u DAUYS_VOICES " + Quote(dauys.string());
  CommandResult voices = Run(run + " voices");
  INFO(voices.err);
  REQUIRE(voices.exit_code == 0);
  CHECK(voices.out.rfind("voice profiles in " + (prefix / "share/dauys/voices").string() + ":\n", 0) == 0);

  CommandResult plan = Run(run + " plan --json talk.txt");
  INFO(plan.err);
  REQUIRE(plan.exit_code == 0);
  nlohmann::json p = nlohmann::json::parse(plan.out);
  REQUIRE(p["chapters"].size() == 1);
  CHECK(p["chapters"][0]["turns"].size() == 3);

  CommandResult say = Run(run + " say " + Quote("Алма ағашы гүлдеді.") + " --voice interviewee -o said.wav");
  INFO(say.err);
  REQUIRE(say.exit_code == 0);
  CHECK(say.err.empty());
  CHECK(DecodeMp3(work / "said.wav").size() > 22050 / 2);
}
