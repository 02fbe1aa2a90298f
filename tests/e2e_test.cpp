// The whole pipeline on the bundled interview, checked with independent readers:
// ffmpeg decodes every file, mutagen reads the tags, mp3val validates the streams.
#include <catch2/catch.hpp>

#include <cmath>

#include "test_util.h"

using namespace dauys::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

/// The bundled interview rendered with --year 2024: by the ctest fixture
/// render_bundled_interview, or here when the test binary runs on its own.
const fs::path& BundledBook() {
  static const fs::path book = fs::path(DAUYS_E2E_DIR) / "interview-un-middle-powers";
  if (!fs::exists(book / "book.json")) {
    CommandResult r = RunDauys("build " + Quote(BundledInterview().string()) + " -o " + Quote(DAUYS_E2E_DIR) +
                               " --year 2024 --quiet");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  return book;
}

json Manifest() { return json::parse(ReadFile(BundledBook() / "book.json")); }

}  // namespace

TEST_CASE("the bundled interview renders into 6 chapter files and a playlist", "[e2e]") {
  const fs::path& book = BundledBook();
  json m = Manifest();
  REQUIRE(m["chapters"].size() == 6);
  std::vector<std::string> mp3s;
  for (auto& e : fs::directory_iterator(book)) {
    if (e.path().extension() == ".mp3") mp3s.push_back(e.path().filename().string());
    CHECK(e.path().filename().string().find(".tmp.") == std::string::npos);
  }
  std::sort(mp3s.begin(), mp3s.end());
  REQUIRE(mp3s.size() == 6);
  CHECK(mp3s[0] == "01-kirispe.mp3");
  CHECK(mp3s[2] == "03-orta-derzhavalardyng-roli.mp3");
  for (const std::string& name : mp3s) {
    for (char c : name) CHECK(((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'));
    CHECK(name.size() <= 60);
  }
  std::string playlist = ReadFile(book / "interview-un-middle-powers.m3u8");
  CHECK(playlist.rfind("#EXTM3U\n", 0) == 0);
  size_t entries = 0;
  for (size_t i = 0; i < m["chapters"].size(); ++i) {
    const json& c = m["chapters"][i];
    char extinf[64];
    std::snprintf(extinf, sizeof extinf, "#EXTINF:%.3f,", c["seconds"].get<double>());
    size_t at = playlist.find(extinf);
    CHECK(at != std::string::npos);
    CHECK(playlist.find(c["title"].get<std::string>(), at) != std::string::npos);
    CHECK(playlist.find("\n" + c["file"].get<std::string>() + "\n") != std::string::npos);
    ++entries;
  }
  CHECK(entries == 6);
}

TEST_CASE("every chapter decodes cleanly to the synthesized length", "[e2e]") {
  json m = Manifest();
  for (const json& c : m["chapters"]) {
    fs::path file = BundledBook() / c["file"].get<std::string>();
    std::vector<int16_t> pcm = DecodeMp3(file);
    double decoded = pcm.size() / 22050.0;
    double synthesized = c["samples"].get<double>() / 22050.0;
    INFO(file << ": decoded " << decoded << " s, synthesized " << synthesized << " s");
    CHECK(std::abs(decoded - synthesized) <= 0.050);
  }
}

TEST_CASE("mp3val finds nothing to warn about", "[e2e]") {
  json m = Manifest();
  for (const json& c : m["chapters"]) {
    fs::path file = BundledBook() / c["file"].get<std::string>();
    CommandResult r = Run("mp3val " + Quote(file.string()));
    INFO(r.out);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("WARNING") == std::string::npos);
    CHECK(r.out.find("ERROR") == std::string::npos);
  }
}

TEST_CASE("tags read back by mutagen carry the Kazakh titles byte-exact", "[e2e]") {
  json m = Manifest();
  const std::vector<std::string> titles = {
      "Кіріспе",
      "БҰҰ-ның қазіргі рөлі мен тиімділігі",
      "Орта державалардың рөлі",
      "Ірі державалар мен орта державалардың диалогы",
      "БҰҰ мен Қазақстанның әріптестігі",
      "Қазақстанның көпвекторлы саясаты",
  };
  for (size_t i = 0; i < 6; ++i) {
    json t = ReadTags(BundledBook() / m["chapters"][i]["file"].get<std::string>());
    INFO("chapter " << i + 1);
    CHECK(t["version"] == json::array({2, 4, 0}));
    CHECK(t["TIT2"][0] == titles[i]);
    CHECK(t["TRCK"][0] == std::to_string(i + 1) + "/6");
    CHECK(t["TALB"][0] == "Сұхбат: Рүстем Мұстафин");
    CHECK(t["TPE2"][0] == "Жанна Жомарт");
    CHECK(t["TCON"][0] == "Audiobook");
    CHECK(t["TLAN"][0] == "kaz");
    CHECK(t["TDRC"][0] == "2024");
    CHECK(t["COMM"][0]["text"][0] == "dauys 0.1.0");
    if (i == 0) {
      CHECK(t["TPE1"] == json::array({"Диктор"}));
    } else {
      CHECK(t["TPE1"][0] == "Жанна Жомарт");
      CHECK(t["TPE1"][1] == "Рүстем Мұстафин");
    }
  }
}

TEST_CASE("ffprobe agrees on titles and track numbers", "[e2e]") {
  json m = Manifest();
  const json& c = m["chapters"][2];
  CommandResult r = Run("ffprobe -v error -show_entries format_tags=title,track -of json " +
                        Quote((BundledBook() / c["file"].get<std::string>()).string()));
  REQUIRE(r.exit_code == 0);
  json probe = json::parse(r.out);
  CHECK(probe["format"]["tags"]["title"] == "Орта державалардың рөлі");
  CHECK(probe["format"]["tags"]["track"] == "3/6");
}

TEST_CASE("the same input renders byte-identical files", "[e2e]") {
  TempDir again;
  CommandResult r = RunDauys("build " + Quote(BundledInterview().string()) + " -o " + Quote(again.path()) +
                             " --year 2024 --quiet");
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  for (auto& e : fs::directory_iterator(BundledBook())) {
    fs::path twin = again / "interview-un-middle-powers" / e.path().filename();
    INFO(e.path().filename());
    CHECK(ReadFile(e.path()) == ReadFile(twin));
  }
}

TEST_CASE("interviewer and interviewee voices differ in pitch by at least 20%", "[e2e][voices]") {
  TempDir dir;
  WriteFile(dir / "short.txt",
            "Бүгін біз ғалыммен сөйлестік.\n"
            "– Сіз қазір қандай жобамен айналысып жүрсіз және ол кімге арналған?\n"
            "– Біз ауыл мектептеріне арналған жаңа оқулықтар дайындап жатырмыз, жұмыс көп.\n");
  CommandResult r = RunDauys("build " + Quote((dir / "short.txt").string()) + " -o " + Quote(dir.path()) + " -q");
  REQUIRE(r.exit_code == 0);
  json m = json::parse(ReadFile(dir / "short/book.json"));
  const json& turns = m["chapters"][0]["turns"];
  REQUIRE(turns.size() == 3);
  REQUIRE(turns[1]["role"] == "interviewer");
  REQUIRE(turns[2]["role"] == "interviewee");
  std::vector<int16_t> pcm = DecodeMp3(dir / "short" / m["chapters"][0]["file"].get<std::string>());
  double question = MedianF0(pcm, turns[1]["start_sample"], turns[1]["end_sample"]);
  double answer = MedianF0(pcm, turns[2]["start_sample"], turns[2]["end_sample"]);
  INFO("median F0: question " << question << " Hz, answer " << answer << " Hz");
  REQUIRE(question > 0);
  REQUIRE(answer > 0);
  CHECK(std::max(question, answer) / std::min(question, answer) >= 1.20);
}

TEST_CASE("changing the lexicon changes what build renders", "[e2e][normalize]") {
  TempDir dir;
  fs::create_directories(dir / "voices");
  for (auto& e : fs::directory_iterator(SourceDir() / "voices")) fs::copy_file(e.path(), dir / "voices" / e.path().filename());
  WriteFile(dir / "news.txt", "ҚДСЖ биыл жаңа жоба бастады.\n");
  auto render = [&](const std::string& out) {
    CommandResult r = RunDauys("build " + Quote((dir / "news.txt").string()) + " --voices " + Quote((dir / "voices").string()) +
                               " -o " + Quote((dir / out).string()) + " -q");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(ReadFile(dir / out / "news/book.json"))["chapters"][0]["samples"].get<int64_t>();
  };
  int64_t spelled = render("before");
  std::string lexicon = ReadFile(dir / "voices/lexicon.txt");
  WriteFile(dir / "voices/lexicon.txt",
            lexicon.replace(lexicon.find("[words]\n"), 8, "[words]\nҚДСЖ = қазақстанның дыбыстық сөздік жинағы\n"));
  int64_t expanded = render("after");
  // The long expansion takes clearly longer to say than four letter names.
  CHECK(expanded > spelled + 22050 / 2);
}
