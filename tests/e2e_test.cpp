// The whole pipeline on the bundled interview, checked with independent readers:
// ffmpeg decodes every file, mutagen reads the tags, mp3val validates the streams.
#include <catch2/catch.hpp>

#include <map>
#include <sstream>
#include <vector>

#include <cmath>

#include "output/captions.h"
#include "test_util.h"
#include "util/unicode.h"

using namespace dauys::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json Manifest() { return json::parse(ReadFile(BundledBook() / "book.json")); }

}  // namespace

TEST_CASE("the bundled interview renders into 6 chapter files and a playlist", "[e2e]") {
  const fs::path& book = BundledBook();
  json m = Manifest();
  REQUIRE(m["chapters"].size() == 6);
  std::vector<std::string> mp3s;
  for (auto& e : fs::directory_iterator(book)) {
    if (e.path().extension() == ".mp3" && e.path().filename() != "interview-un-middle-powers.mp3") {
      mp3s.push_back(e.path().filename().string());
    }
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
                             " " DAUYS_E2E_ARGS);
  REQUIRE(r.exit_code == 0);
  // Quiet, and no word-coverage warning: every word of the interview was spoken.
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

namespace {

/// Median F0 of a few sentences read by the bundled profile `voice`: the profile is put
/// in the narrator's place of a copy of the voice folder, a narration-only text is built
/// and its MP3 decoded.
double ProfileMedianF0(const std::string& voice) {
  TempDir dir;
  fs::create_directories(dir / "voices");
  for (auto& e : fs::directory_iterator(SourceDir() / "voices")) fs::copy_file(e.path(), dir / "voices" / e.path().filename());
  fs::copy_file(SourceDir() / "voices" / (voice + ".voice"), dir / "voices/narrator.voice",
                fs::copy_options::overwrite_existing);
  WriteFile(dir / "probe.txt",
            "Ауылдағы кітапхана биыл жаңа ғимаратқа көшті, оқырмандар саны екі есе артты. "
            "Кешке дейін балалар мен ұстаздар сөреге кітап қойып, бір-біріне көмектесті.\n");
  CommandResult r = RunDauys("build " + Quote((dir / "probe.txt").string()) + " --voices " + Quote((dir / "voices").string()) +
                             " -o " + Quote(dir.path()) + " -q");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  json m = json::parse(ReadFile(dir / "probe/book.json"));
  std::vector<int16_t> pcm = DecodeMp3(dir / "probe" / m["chapters"][0]["file"].get<std::string>());
  return MedianF0(pcm, 0, pcm.size());
}

double Semitones(double a, double b) { return std::abs(12.0 * std::log2(a / b)); }

}  // namespace

TEST_CASE("every pair of roles in the bundled voices is clearly apart in pitch", "[e2e][voices]") {
  const std::vector<std::string> names = {"narrator", "interviewer", "interviewee", "interviewee-2", "interviewee-3",
                                          "interviewee-4", "interviewer-male"};
  std::map<std::string, double> f0;
  for (const std::string& name : names) {
    f0[name] = ProfileMedianF0(name);
    INFO(name);
    REQUIRE(f0[name] > 0);
  }
  auto apart = [&](const std::string& a, const std::string& b, double semitones) {
    INFO(a << " " << f0[a] << " Hz, " << b << " " << f0[b] << " Hz: " << Semitones(f0[a], f0[b]) << " semitones");
    CHECK(Semitones(f0[a], f0[b]) >= semitones);
  };
  for (size_t i = 2; i + 1 < names.size(); ++i) {
    // Who speaks is told by the voice: the narrator and the journalist stand well apart
    // from every guest, and the guests of a round table from each other.
    apart("narrator", names[i], 4.0);
    apart("interviewer", names[i], 4.0);
    for (size_t j = i + 1; j + 1 < names.size(); ++j) apart(names[i], names[j], 2.0);
  }
  // A man who asks: apart from the narrator and from the first guest of either gender
  // (the third male guest's profile, as low, has another timbre: variant m1, not m2).
  for (const char* other : {"narrator", "interviewee", "interviewee-2", "interviewee-4"}) apart("interviewer-male", other, 4.0);
}

namespace {

/// Seconds of sound in 10 ms frames above a quiet floor: the silent pauses dauys puts
/// between sentences and turns do not count.
double SpeechSeconds(const std::vector<int16_t>& pcm) {
  const size_t frame = 220;
  size_t loud = 0;
  for (size_t at = 0; at + frame <= pcm.size(); at += frame) {
    double energy = 0;
    for (size_t i = 0; i < frame; ++i) energy += double(pcm[at + i]) * pcm[at + i];
    if (energy / frame > 300.0 * 300.0) ++loud;
  }
  return static_cast<double>(loud * frame) / 22050.0;
}

}  // namespace

TEST_CASE("a speed factor changes how long the speech lasts by the factor", "[e2e][speed]") {
  TempDir dir;
  WriteFile(dir / "talk.txt",
            "Кеше қалалық мұражайда жас суретшілердің көрмесі ашылды.\n"
            "– Көрмеге қанша жұмыс қойылды және оларды кім таңдады?\n"
            "– Отызға жуық жұмыс бар, оларды үш адамнан тұратын алқа екі ай бойы іріктеді.\n");
  auto speech = [&](const std::string& speed) {
    CommandResult r = RunDauys("build " + Quote((dir / "talk.txt").string()) + " -o " + Quote(dir.path()) +
                               " --speed " + speed);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    // Part of every segment's key: a new speed reuses nothing said at another.
    CHECK(r.err.find(" 0 reused;") != std::string::npos);
    json m = json::parse(ReadFile(dir / "talk/book.json"));
    double seconds = 0;
    for (const json& c : m["chapters"]) seconds += SpeechSeconds(DecodeMp3(dir / "talk" / c["file"].get<std::string>()));
    return seconds;
  };
  double normal = speech("1");
  double fast = speech("2");
  double slow = speech("0.5");
  INFO("speech: " << normal << " s at 1, " << fast << " s at 2, " << slow << " s at 0.5");
  CHECK(normal / fast == Approx(2.0).epsilon(0.05));
  CHECK(slow / normal == Approx(2.0).epsilon(0.05));
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

namespace {

/// ffmpeg's ebur128 filter over [start, end) seconds of a file: integrated loudness and
/// true peak.
std::pair<double, double> FfmpegLoudness(const fs::path& file, double start = -1, double end = -1) {
  std::string filter = "ebur128=peak=true";
  if (start >= 0) filter = "atrim=start=" + std::to_string(start) + ":end=" + std::to_string(end) + "," + filter;
  CommandResult r = Run("ffmpeg -nostdin -hide_banner -i " + Quote(file.string()) + " -af " + filter + " -f null -");
  REQUIRE(r.exit_code == 0);
  size_t summary = r.err.rfind("Summary:");
  REQUIRE(summary != std::string::npos);
  size_t i = r.err.find("I:", summary), p = r.err.find("Peak:", summary);
  REQUIRE(i != std::string::npos);
  REQUIRE(p != std::string::npos);
  return {std::stod(r.err.substr(i + 2)), std::stod(r.err.substr(p + 5))};
}

}  // namespace

TEST_CASE("every chapter is at the loudness target with true peak under -1 dBTP", "[e2e][loudness]") {
  json m = Manifest();
  for (const json& c : m["chapters"]) {
    auto [integrated, peak] = FfmpegLoudness(BundledBook() / c["file"].get<std::string>());
    INFO(c["file"] << ": " << integrated << " LUFS, true peak " << peak << " dBTP");
    CHECK(std::abs(integrated - -19.0) <= 1.0);
    CHECK(peak <= -1.0);
  }
}

TEST_CASE("interviewer and interviewee are equally loud", "[e2e][loudness]") {
  json m = Manifest();
  const json& c = m["chapters"][2];  // a question and a long answer
  fs::path file = BundledBook() / c["file"].get<std::string>();
  const json& q = c["turns"][0];
  const json& a = c["turns"][1];
  REQUIRE(q["role"] == "interviewer");
  REQUIRE(a["role"] == "interviewee");
  auto [question, qp] = FfmpegLoudness(file, q["start_sample"].get<double>() / 22050, q["end_sample"].get<double>() / 22050);
  auto [answer, ap] = FfmpegLoudness(file, a["start_sample"].get<double>() / 22050, a["end_sample"].get<double>() / 22050);
  INFO("interviewer " << question << " LUFS, interviewee " << answer << " LUFS");
  CHECK(std::abs(question - answer) <= 1.0);
}

TEST_CASE("chapter files open with silence and end with a longer one", "[e2e][pauses]") {
  json m = Manifest();
  for (const json& c : m["chapters"]) {
    std::vector<int16_t> pcm = DecodeMp3(BundledBook() / c["file"].get<std::string>());
    auto max_abs = [&](size_t from, size_t to) {
      int peak = 0;
      for (size_t i = from; i < to && i < pcm.size(); ++i) peak = std::max(peak, std::abs(int(pcm[i])));
      return peak;
    };
    INFO(c["file"]);
    CHECK(max_abs(0, 22050 / 2) < 300);                         // >= 0.5 s head
    CHECK(max_abs(pcm.size() - 22050, pcm.size()) < 300);      // >= 1 s tail
  }
}

TEST_CASE("ffprobe lists one chapter mark per turn with speaker and first words", "[e2e][chapters]") {
  json m = Manifest();
  for (const json& c : m["chapters"]) {
    fs::path file = BundledBook() / c["file"].get<std::string>();
    CommandResult r = Run("ffprobe -v error -show_chapters -of json " + Quote(file.string()));
    REQUIRE(r.exit_code == 0);
    json chapters = json::parse(r.out)["chapters"];
    INFO(file);
    REQUIRE(chapters.size() == c["turns"].size());
    for (size_t t = 0; t < chapters.size(); ++t) {
      std::string title = chapters[t]["tags"]["title"];
      CHECK(title.rfind(c["turns"][t]["name"].get<std::string>() + ": ", 0) == 0);
      double start = std::stod(chapters[t]["start_time"].get<std::string>());
      double expected = t == 0 ? 0.0 : c["turns"][t]["start_sample"].get<double>() / 22050;
      CHECK(std::abs(start - expected) <= 0.001);
    }
  }
}

TEST_CASE("mutagen reads CHAP, CTOC and APIC from chapter files and the single file", "[e2e][chapters]") {
  json m = Manifest();
  const std::string cover = ReadFile(fs::path(DAUYS_TEST_DATA) / "cover.png");
  size_t turns = 0;
  for (const json& c : m["chapters"]) {
    json t = ReadTags(BundledBook() / c["file"].get<std::string>());
    INFO(c["file"]);
    REQUIRE(t.contains("CHAP"));
    CHECK(t["CHAP"].size() == c["turns"].size());
    REQUIRE(t["CTOC"].size() == 1);
    CHECK(t["CTOC"][0]["flags"] == 3);  // top-level, ordered
    CHECK(t["CTOC"][0]["children"].size() == c["turns"].size());
    REQUIRE(t["APIC"].size() == 1);
    CHECK(t["APIC"][0]["type"] == 3);
    CHECK(t["APIC"][0]["mime"] == "image/png");
    CHECK(t["APIC"][0]["size"] == cover.size());
    turns += c["turns"].size();
  }
  REQUIRE(m.contains("single_file"));
  fs::path single = BundledBook() / m["single_file"].get<std::string>();
  json t = ReadTags(single);
  CHECK(t["CHAP"].size() == turns);
  REQUIRE(t["CTOC"].size() == 1);
  CHECK(t["CTOC"][0]["flags"] == 3);
  CHECK(t["CTOC"][0]["children"].size() == turns);
  CHECK(t["APIC"][0]["type"] == 3);
  // The single file holds every chapter back to back; each join adds the encoder's
  // delay and padding (under 100 ms) of silence.
  int64_t total = 0;
  for (const json& c : m["chapters"]) total += c["samples"].get<int64_t>();
  const int64_t single_samples = m["single_file_samples"].get<int64_t>();
  CHECK(single_samples >= total);
  CHECK(single_samples - total <= int64_t(m["chapters"].size()) * 22050 / 10);
  CHECK(std::abs(double(DecodeMp3(single).size()) - double(single_samples)) <= 22050 * 0.05);
  for (const json& c : m["chapters"]) CHECK(c["book_start_sample"].get<int64_t>() <= single_samples);
}

TEST_CASE("the single file's marks are one per turn, in order, covering the file without overlaps",
          "[e2e][chapters]") {
  json m = Manifest();
  fs::path single = BundledBook() / m["single_file"].get<std::string>();
  const double seconds = m["single_file_samples"].get<double>() / 22050;
  // What the manifest says each mark should be: every turn of every chapter in order,
  // titled with its chapter and its speaker, starting where the turn starts.
  std::vector<std::pair<double, std::string>> turns;
  for (const json& c : m["chapters"]) {
    const double offset = c["book_start_sample"].get<double>();
    for (size_t t = 0; t < c["turns"].size(); ++t) {
      const json& turn = c["turns"][t];
      double start = (offset + (t == 0 ? 0.0 : turn["start_sample"].get<double>())) / 22050;
      std::string title = c["title"].get<std::string>().substr(0, 20);
      turns.emplace_back(start, title);
    }
  }
  REQUIRE(turns.size() > 6);

  // ffprobe, and so every player built on ffmpeg (mpv, VLC).
  CommandResult r = Run("ffprobe -v error -show_chapters -of json " + Quote(single.string()));
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  json probe = json::parse(r.out);
  const json& chapters = probe["chapters"];
  REQUIRE(chapters.size() == turns.size());
  double before = 0;
  for (size_t i = 0; i < chapters.size(); ++i) {
    INFO("mark " << i << ": " << chapters[i].dump());
    double start = std::stod(chapters[i]["start_time"].get<std::string>());
    double end = std::stod(chapters[i]["end_time"].get<std::string>());
    CHECK(start == Approx(before).margin(1e-9));  // each starts where the one before ended
    CHECK(end > start);
    CHECK(std::abs(start - turns[i].first) <= 0.001);
    const std::string title = chapters[i]["tags"]["title"];
    CHECK(title.rfind(turns[i].second, 0) == 0);
    CHECK(title.find(" — ") != std::string::npos);
    CHECK(title.size() <= 120);
    before = end;
  }
  CHECK(std::abs(before - seconds) <= 0.001);  // the last ends with the file (its decoded length)

  // mutagen: the frames in the same order, and one top-level ordered table listing them.
  json t = ReadTags(single);
  REQUIRE(t["CHAP"].size() == turns.size());
  REQUIRE(t["CTOC"].size() == 1);
  CHECK(t["CTOC"][0]["flags"] == 3);
  std::vector<std::string> ids;
  uint32_t end_ms = 0;
  for (const json& chap : t["CHAP"]) {
    CHECK(chap["start"].get<uint32_t>() == end_ms);
    CHECK(chap["end"].get<uint32_t>() > chap["start"].get<uint32_t>());
    end_ms = chap["end"];
    ids.push_back(chap["id"]);
  }
  CHECK(end_ms == static_cast<uint32_t>(std::lround(seconds * 1000)));
  CHECK(t["CTOC"][0]["children"] == json(ids));
}

TEST_CASE("WebVTT cues parse with ffmpeg and start at speech onsets", "[e2e][subtitles]") {
  json m = Manifest();
  for (const json& c : m["chapters"]) {
    fs::path vtt = BundledBook() / c["vtt"].get<std::string>();
    CommandResult r = Run("ffprobe -v error -show_packets -of json " + Quote(vtt.string()));
    INFO(vtt << ": " << r.err);
    REQUIRE(r.exit_code == 0);
    json packets = json::parse(r.out)["packets"];
    // A sentence's first cue starts at its speech onset; a long sentence's later
    // caption pieces start inside it, at a word.
    std::vector<std::pair<double, double>> sentences;
    auto add = [&](const json& list) {
      for (const json& s : list) sentences.push_back({s["start_sample"].get<double>() / 22050, s["end_sample"].get<double>() / 22050});
    };
    add(c.value("opening_sentences", json::array()));
    add(c["title_sentences"]);
    for (const json& t : c["turns"]) add(t["sentences"]);
    REQUIRE(packets.size() >= sentences.size());
    std::vector<double> onsets = SpeechOnsets(DecodeMp3(BundledBook() / c["file"].get<std::string>()));
    size_t missed = 0, firsts = 0;
    for (const json& p : packets) {
      double start = std::stod(p["pts_time"].get<std::string>());
      const bool first = std::any_of(sentences.begin(), sentences.end(), [&](auto s) { return std::abs(s.first - start) <= 0.001; });
      const bool inside = std::any_of(sentences.begin(), sentences.end(), [&](auto s) { return s.first < start && start < s.second; });
      bool near = std::any_of(onsets.begin(), onsets.end(), [&](double o) { return std::abs(o - start) <= 0.100; });
      firsts += first;
      if (first ? !near : !inside) {
        ++missed;
        UNSCOPED_INFO("cue at " << start << " s starts at no speech onset or inside no sentence");
      }
    }
    CHECK(firsts == sentences.size());
    CHECK(missed == 0);
  }
  std::string text = ReadFile(BundledBook() / m["chapters"][2]["vtt"].get<std::string>());
  CHECK(text.rfind("WEBVTT\n", 0) == 0);
  CHECK(text.find("<v Жанна Жомарт>Қазақстан «орта держава» ретінде сипатталды.</v>") != std::string::npos);
  // Every cue fits two caption lines of 42 characters.
  for (const json& c : m["chapters"]) {
    std::istringstream cues(ReadFile(BundledBook() / c["vtt"].get<std::string>()));
    for (std::string line; std::getline(cues, line);) {
      if (line.rfind("<v ", 0) != 0) continue;
      const std::string text = line.substr(line.find('>') + 1, line.size() - line.find('>') - 5);
      INFO(line);
      CHECK((dauys::CodePointCount(text) <= dauys::kCaptionChars || dauys::SplitWords(text).size() == 1));
    }
  }
  std::string lrc = ReadFile(BundledBook() / m["chapters"][2]["lrc"].get<std::string>());
  CHECK(lrc.find("[ti:Орта державалардың рөлі]\n") != std::string::npos);
}

TEST_CASE("the word-coverage check passes on every test interview", "[e2e][coverage]") {
  TempDir out;
  // The interviews of every layout, and those written in four scripts.
  std::vector<fs::path> inputs;
  for (const char* folder : {"interviews", "scripts"}) {
    for (auto& e : fs::directory_iterator(fs::path(DAUYS_TEST_DATA) / folder)) inputs.push_back(e.path());
  }
  for (const fs::path& input : inputs) {
    const fs::directory_entry e(input);
    if (e.path().extension() != ".txt") continue;
    CommandResult r = RunDauys("build " + Quote(e.path().string()) + " -o " + Quote(out.path()) + " -q");
    INFO(e.path().filename() << ": " << r.err);
    CHECK(r.exit_code == 0);
    // Lines with nothing to speak are reported (see the structure tests); nothing
    // else may be said.
    std::string other;
    std::istringstream lines(r.err);
    for (std::string line; std::getline(lines, line);) {
      if (line.find(": not spoken (") == std::string::npos) other += line + "\n";
    }
    CHECK(other.empty());
  }
}

TEST_CASE("a woman guest is read in a woman's voice and a man guest in a man's", "[e2e][voices]") {
  TempDir dir;
  WriteFile(dir / "pair.txt",
            "Дөңгелек үстел: ауыл мектебі\n"
            "Ауыл мектептерінің бүгіні туралы ұстаздармен әңгімелестік. Әңгімеге екі мұғалім қатысты.\n"
            "Марат Әлиев: Ауыл мектебінде қандай өзгерістер болды деп ойлайсыз?\n"
            "Гүлнар Сейітова: Биыл мектебімізге жаңа компьютерлер келді. Балалар сабаққа қуана келеді.\n"
            "Ерлан Сәкенов: Мен мұғалімдердің жалақысы өскенін айтар едім. Жас мамандар ауылға орала бастады.\n"
            "Марат Әлиев: Ал қандай қиындықтар қалды?\n"
            "Гүлнар Сейітова: Спорт залымыз тар. Қыста балалар далада жаттыға алмайды.\n"
            "Ерлан Сәкенов: Мектеп автобусы жетпейді, алыстағы балалар жаяу келеді.\n");
  CommandResult r = RunDauys("build " + Quote((dir / "pair.txt").string()) + " -o " + Quote(dir.path()) + " -q");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  json m = json::parse(ReadFile(dir / "pair/book.json"));
  std::map<std::string, std::vector<int16_t>> speech;  // each speaker's turns, joined
  for (const json& chapter : m["chapters"]) {
    std::vector<int16_t> pcm = DecodeMp3(dir / "pair" / chapter["file"].get<std::string>());
    for (const json& turn : chapter["turns"]) {
      std::string who = turn["role"] == "narrator" ? "narrator" : turn["name"].get<std::string>();
      size_t a = turn["start_sample"].get<size_t>(), b = std::min(turn["end_sample"].get<size_t>(), pcm.size());
      speech[who].insert(speech[who].end(), pcm.begin() + static_cast<long>(a), pcm.begin() + static_cast<long>(b));
    }
  }
  REQUIRE(speech.count("Гүлнар Сейітова"));
  REQUIRE(speech.count("Ерлан Сәкенов"));
  std::map<std::string, double> f0;
  for (auto& [who, pcm] : speech) f0[who] = MedianF0(pcm, 0, pcm.size());
  const double woman = f0["Гүлнар Сейітова"], man = f0["Ерлан Сәкенов"];
  INFO("median F0: woman " << woman << " Hz, man " << man << " Hz, interviewer " << f0["Марат Әлиев"]
                           << " Hz, narrator " << f0["narrator"] << " Hz");
  // Adult speech: men mostly below 165 Hz, women above.
  CHECK(woman > 165.0);
  CHECK(man < 165.0);
  CHECK(f0["Марат Әлиев"] < 165.0);  // a man asks: a man's voice
  CHECK(Semitones(woman, man) >= 4.0);
  for (const char* other : {"Марат Әлиев", "narrator"}) {
    REQUIRE(f0[other] > 0);
    CHECK(Semitones(woman, f0[other]) >= 4.0);
    CHECK(Semitones(man, f0[other]) >= 4.0);
  }
}
