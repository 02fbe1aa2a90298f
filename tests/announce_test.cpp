// --announce-speakers: at each change of speaker the narrator says the speaker's name
// before the turn, as DAISY talking books do. Checked in the plan, in book.json, in the
// decoded audio (the name is said in the narrator's voice, before the turn's own) and
// in the cache (the option changes what is made).
#include <catch2/catch.hpp>

#include <cmath>
#include <regex>

#include "test_util.h"

using namespace dauys::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const char* kRoundTable =
    "Су тапшылығы: дөңгелек үстел\n"
    "Дөңгелек үстелге гидролог Асқар Бекұлы мен эколог Дана Серікқызы қатысты. Сұхбаттасқан Мәди Сейіт.\n"
    "Мәди Сейіт: Өңірде су неге азайды?\n"
    "Асқар Бекұлы: Мұздықтар жыл сайын кішірейіп барады.\n"
    "Дана Серікқызы: Оған қоса өзендердің арнасы тайыздады.\n"
    "Мәди Сейіт: Ал ауыл шаруашылығы қалай бейімделеді?\n"
    "Дана Серікқызы: Тамшылатып суару тәсілі көмектеседі.\n";

/// The name of the speaker of each turn of a plan --json, chapter by chapter, and the
/// announcement before it ("" for none).
std::vector<std::pair<std::string, std::string>> Turns(const json& plan) {
  std::map<std::string, std::string> names;
  for (const json& s : plan["speakers"]) names[s["id"]] = s["name"].is_null() ? "" : s["name"].get<std::string>();
  std::vector<std::pair<std::string, std::string>> out;
  for (const json& c : plan["chapters"]) {
    for (const json& t : c["turns"]) {
      out.emplace_back(names[t["speaker"]], t.contains("announcement") ? t["announcement"].get<std::string>() : "");
    }
  }
  return out;
}

int Synthesized(const std::string& summary) {
  std::smatch m;
  REQUIRE(std::regex_search(summary, m, std::regex("segments: (\\d+) synthesized, (\\d+) reused")));
  return std::stoi(m[1]);
}

double Semitones(double a, double b) { return std::abs(12.0 * std::log2(a / b)); }

}  // namespace

TEST_CASE("announce-speakers: the plan names the speaker at each change of speaker", "[announce]") {
  TempDir dir;
  WriteFile(dir / "table.txt", kRoundTable);
  CommandResult plain = RunDauys("plan --json " + Quote((dir / "table.txt").string()));
  CommandResult announced = RunDauys("plan --json --announce-speakers " + Quote((dir / "table.txt").string()));
  INFO(plain.err << announced.err);
  REQUIRE(plain.exit_code == 0);
  REQUIRE(announced.exit_code == 0);
  for (const auto& [name, announcement] : Turns(json::parse(plain.out))) CHECK(announcement.empty());
  const auto turns = Turns(json::parse(announced.out));
  REQUIRE(turns.size() >= 6);
  std::string before;
  size_t said = 0;
  for (const auto& [name, announcement] : turns) {
    INFO(name << " / " << announcement);
    CHECK(announcement == (name != before && !name.empty() ? name : ""));
    said += !announcement.empty();
    before = name;
  }
  CHECK(said >= 5);
  CommandResult outline = RunDauys("plan --announce-speakers " + Quote((dir / "table.txt").string()));
  CHECK(outline.out.find("      announced: Асқар Бекұлы\n") != std::string::npos);
}

TEST_CASE("announce-speakers: the narrator says the name before the turn, in book.json and the audio",
          "[announce]") {
  TempDir dir;
  WriteFile(dir / "table.txt", kRoundTable);
  const std::string build = "build " + Quote((dir / "table.txt").string()) + " -o " + Quote((dir / "out").string());
  CommandResult plain = RunDauys(build);
  REQUIRE(plain.exit_code == 0);
  const json before = json::parse(ReadFile(dir / "out/table/book.json"));
  CommandResult r = RunDauys(build + " --announce-speakers");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // Part of the plan and the cache key: the names are new segments, and each announced
  // turn's first sentence now follows a shorter pause, so it is made again too.
  const json m = json::parse(ReadFile(dir / "out/table/book.json"));
  size_t announced = 0, segments_added = 0;
  for (size_t c = 0; c < m["chapters"].size(); ++c) {
    segments_added += m["chapters"][c]["segments"].size() - before["chapters"][c]["segments"].size();
    std::vector<int16_t> pcm = DecodeMp3(dir / "out/table" / m["chapters"][c]["file"].get<std::string>());
    for (const json& turn : m["chapters"][c]["turns"]) {
      if (!turn.contains("announcement")) continue;
      ++announced;
      INFO(turn.dump());
      const json& name = turn["announcement"];
      REQUIRE(name.size() == 1);
      CHECK(name[0]["text"] == turn["name"]);
      CHECK(turn["start_sample"] == name[0]["start_sample"]);
      const int64_t name_end = name[0]["end_sample"], first = turn["sentences"][0]["start_sample"];
      CHECK(name_end < first);
      // The name in the narrator's voice, the turn in the speaker's: apart in pitch.
      double narrator = MedianF0(pcm, name[0]["start_sample"], static_cast<size_t>(name_end));
      double speaker = MedianF0(pcm, static_cast<size_t>(first), turn["end_sample"]);
      CHECK(narrator > 0);
      CHECK(speaker > 0);
      CHECK(Semitones(narrator, speaker) >= 2.0);
    }
  }
  CHECK(announced >= 5);
  CHECK(segments_added == announced);
  CHECK(Synthesized(r.err) >= static_cast<int>(announced));
  // With --no-announce-speakers (without it, the book remembers the option): the
  // earlier segments are all in the cache.
  CommandResult again = RunDauys(build + " --no-announce-speakers");
  REQUIRE(again.exit_code == 0);
  CHECK(Synthesized(again.err) == 0);
  CHECK(ReadFile(dir / "out/table/book.json").find("\"announcement\"") == std::string::npos);
}
