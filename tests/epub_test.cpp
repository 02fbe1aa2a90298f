// The EPUB edition: its archive and documents on their own, then books built with
// --epub read back by the field's checkers (EPUBCheck, Ace by DAISY) and by Python's
// zipfile and XML parsers, the overlays' clips checked against the decoded audio.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cmath>
#include <set>

#include "output/epub.h"
#include "output/tagger.h"
#include "test_util.h"
#include "util/atomic_file.h"
#include "util/unicode.h"

using namespace dauys;
using namespace dauys::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

/// A book of one chapter: a title, a question with a Russian quotation, an answer.
EpubBook SmallBook(const fs::path& audio) {
  EpubBook book;
  book.identifier = "urn:uuid:12345678-1234-8234-9234-123456789abc";
  book.title = "Сұхбат <бірінші> & соңғы";
  book.author = "Жанна Жомарт";
  book.sample_rate = 22050;
  EpubChapter c;
  c.base = "01-kirispe";
  c.title = "Кіріспе";
  c.audio = audio;
  c.samples = 22050 * 10;
  c.sentences = {{11025, "kk"}, {33075, "kk"}, {55125, "ru"}, {110250, "kk"}};
  c.heading.runs = {{"Кіріспе", 0}};
  c.turns.push_back({"Жанна Жомарт", "interviewer", "s2", "", {{{{"Қалайсыз?", 1}, {" ", -1}, {"«Как дела?»", 2}}}}});
  c.turns.push_back({"Тілші", "interviewee", "s3", "", {{{{"– ", -1}, {"Жақсы <рахмет> & т.б.", 3}}}}});
  book.chapters.push_back(std::move(c));
  return book;
}

std::string Pack(const EpubBook& book, const fs::path& path) {
  AtomicFile file(path);
  Status s = WriteEpub(book, file);
  INFO((s ? "" : s.error().message));
  REQUIRE(s);
  REQUIRE(file.Commit());
  return ReadFile(path);
}

uint16_t Le16(const std::string& b, size_t at) {
  return static_cast<uint16_t>(static_cast<unsigned char>(b[at]) | static_cast<unsigned char>(b[at + 1]) << 8);
}

}  // namespace

TEST_CASE("the EPUB archive opens with a stored mimetype and packs the same bytes every time", "[epub]") {
  TempDir dir;
  WriteFile(dir / "01-kirispe.mp3", std::string(5000, '\x55'));
  const EpubBook book = SmallBook(dir / "01-kirispe.mp3");
  const std::string first = Pack(book, dir / "a.epub");
  // The first local header: signature, method 0 (stored), name "mimetype", no extra field.
  REQUIRE(first.size() > 60);
  CHECK(first.substr(0, 4) == "PK\x03\x04");
  CHECK(Le16(first, 8) == 0);
  CHECK(Le16(first, 26) == 8);
  CHECK(Le16(first, 28) == 0);
  CHECK(first.substr(30, 8) == "mimetype");
  CHECK(first.substr(38, 20) == "application/epub+zip");

  // Another time, permissions and modification time of the audio do not reach the bytes.
  ::chmod((dir / "01-kirispe.mp3").c_str(), 0600);
  fs::last_write_time(dir / "01-kirispe.mp3", fs::last_write_time(dir / "01-kirispe.mp3") - std::chrono::hours(50));
  CHECK(Pack(book, dir / "b.epub") == first);

  json epub = ReadEpub(dir / "a.epub");
  std::vector<std::string> names;
  for (const json& e : epub["entries"]) {
    names.push_back(e["name"]);
    CHECK(e["date"] == json::array({1980, 1, 1, 0, 0, 0}));
    const bool stored = e["name"] == "mimetype" || e["name"].get<std::string>().ends_with(".mp3");
    CHECK(e["method"] == (stored ? 0 : 8));
  }
  CHECK(names == std::vector<std::string>{"mimetype", "META-INF/container.xml", "EPUB/package.opf", "EPUB/nav.xhtml",
                                          "EPUB/style.css", "EPUB/01-kirispe.xhtml", "EPUB/01-kirispe.smil",
                                          "EPUB/audio/01-kirispe.mp3"});
  CHECK(epub["entries"][7]["sha256"] == Run("sha256sum " + Quote((dir / "01-kirispe.mp3").string())).out.substr(0, 64));
}

TEST_CASE("an EPUB is not packed from a link planted in place of an MP3", "[epub][hostile]") {
  TempDir dir;
  WriteFile(dir / "secret", "not for the book");
  fs::create_symlink(dir / "secret", dir / "01-kirispe.mp3");
  AtomicFile file(dir / "a.epub");
  Status s = WriteEpub(SmallBook(dir / "01-kirispe.mp3"), file);
  REQUIRE_FALSE(s);
  CHECK(s.error().message == (dir / "a.epub").string() + ": " + (dir / "01-kirispe.mp3").string() +
                                 ": not a regular file");
}

TEST_CASE("a chapter document marks each sentence, speaker and language; its overlay tiles the chapter", "[epub]") {
  const EpubBook book = SmallBook("/nowhere/01-kirispe.mp3");
  const std::string xhtml = EpubChapterDocument(book, 0);
  CHECK(xhtml.find("<h1 id=\"h\"><span id=\"s1\">Кіріспе</span></h1>") != std::string::npos);
  CHECK(xhtml.find("<div id=\"t1\" class=\"turn interviewer by-s2\">\n<p><span class=\"speaker\">Жанна Жомарт:</span> "
                   "<span id=\"s2\">Қалайсыз?</span> <span id=\"s3\" lang=\"ru\" xml:lang=\"ru\">«Как дела?»</span></p>") !=
        std::string::npos);
  CHECK(xhtml.find("<p><span class=\"speaker\">Тілші:</span> – <span id=\"s4\">Жақсы &lt;рахмет&gt; &amp; т.б.</span></p>") !=
        std::string::npos);
  CHECK(xhtml.find("lang=\"kk\" xml:lang=\"kk\"") != std::string::npos);

  const std::string smil = EpubMediaOverlay(book, 0);
  CHECK(smil.find("<par id=\"p1\"><text src=\"01-kirispe.xhtml#s1\"/><audio src=\"audio/01-kirispe.mp3\" "
                  "clipBegin=\"0:00:00.000\" clipEnd=\"0:00:01.500\"/></par>") != std::string::npos);
  CHECK(smil.find("clipBegin=\"0:00:02.500\" clipEnd=\"0:00:05.000\"") != std::string::npos);
  CHECK(smil.find("<par id=\"p4\"><text src=\"01-kirispe.xhtml#s4\"/><audio src=\"audio/01-kirispe.mp3\" "
                  "clipBegin=\"0:00:05.000\" clipEnd=\"0:00:10.000\"/></par>") != std::string::npos);

  const std::string opf = EpubPackageDocument(book);
  CHECK(opf.find("<dc:title>Сұхбат &lt;бірінші&gt; &amp; соңғы</dc:title>") != std::string::npos);
  CHECK(opf.find("<meta property=\"media:duration\" refines=\"#c1-overlay\">0:00:10.000</meta>") != std::string::npos);
  CHECK(opf.find("<meta property=\"media:duration\">0:00:10.000</meta>") != std::string::npos);
  CHECK(opf.find("<meta property=\"schema:accessibilityFeature\">synchronizedAudioText</meta>") != std::string::npos);

  const std::string nav = EpubNavigation(book);
  CHECK(nav.find("<li><a href=\"01-kirispe.xhtml\">Кіріспе</a>\n<ol>\n<li><a href=\"01-kirispe.xhtml#t1\">"
                 "Қалайсыз? «Как дела?»</a></li>\n</ol>\n</li>") != std::string::npos);
  CHECK(SmilClock(22050 * 3723 + 11025, 22050) == "1:02:03.500");
}

namespace {

fs::path BundledEpub() { return BundledBook() / "interview-un-middle-powers.epub"; }

/// Seconds of an "h:mm:ss.fff" clock value.
double ReadEpubClock(const std::string& clock) {
  int h = 0, m = 0;
  double s = 0;
  REQUIRE(std::sscanf(clock.c_str(), "%d:%d:%lf", &h, &m, &s) == 3);
  return h * 3600 + m * 60 + s;
}

/// The sentence opens with a vowel or a sonorant, whose sound starts with the word (a
/// stop opens with a silent closure).
bool OpensOpen(const std::string& spoken) {
  const std::u32string open = U"аәеёиоөуұүыіэюяАӘЕЁИОӨУҰҮЫІЭЮЯмнлрйМНЛРЙ";
  return open.find(FirstCodePoint(spoken)) != std::u32string::npos;
}

std::string Sha256(const fs::path& path) { return Run("sha256sum " + Quote(path.string())).out.substr(0, 64); }

/// The values of an OPF meta property, in order.
std::vector<std::string> Meta(const json& epub, const std::string& property) {
  std::vector<std::string> out;
  for (const json& m : epub["meta"]) {
    if (m["property"] == property && m["refines"].is_null()) out.push_back(m["text"]);
  }
  return out;
}

/// Ace by DAISY's report on `epub`, run with Debian's chromium.
json AceReport(const fs::path& epub, const fs::path& report_dir) {
  const fs::path ace = SourceDir() / "tests/node/node_modules/.bin/ace-cli";
  REQUIRE(fs::exists(ace));  // installed by scripts/deps
  CommandResult r = Run("PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium " + Quote(ace.string()) + " --silent --force -o " +
                        Quote(report_dir.string()) + " " + Quote(epub.string()));
  INFO("ace: " << r.out << r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(ReadFile(report_dir / "report.json"));
}

/// Ace's violations, one line each: rule, impact, document.
std::string AceViolations(const json& report) {
  std::string out;
  for (const json& document : report["assertions"]) {
    for (const json& a : document.value("assertions", json::array())) {
      out += a["earl:test"].value("dct:title", "?") + " (" + a["earl:test"].value("earl:impact", "?") + ") in " +
             document["earl:testSubject"].value("url", "?") + "\n";
    }
  }
  return out;
}

}  // namespace

TEST_CASE("the bundled interview's EPUB passes EPUBCheck and holds the MP3 edition as it is", "[e2e][epub]") {
  const json report = EpubCheck(BundledEpub());
  CHECK(EpubCheckProblems(report) == "");
  CHECK(report["checker"]["nError"] == 0);
  CHECK(report["checker"]["nWarning"] == 0);
  CHECK(report["checker"]["nFatal"] == 0);

  const json manifest = json::parse(ReadFile(BundledBook() / "book.json"));
  REQUIRE(manifest["epub"] == "interview-un-middle-powers.epub");
  CHECK(manifest["epub_hash"] == manifest["files"]["interview-un-middle-powers.epub"]["hash"]);

  const json epub = ReadEpub(BundledEpub());
  std::map<std::string, std::string> members;
  for (const json& e : epub["entries"]) members[e["name"]] = e["sha256"];
  for (const json& c : manifest["chapters"]) {
    const std::string file = c["file"];
    INFO(file);
    REQUIRE(members.count("EPUB/audio/" + file));
    CHECK(members["EPUB/audio/" + file] == Sha256(BundledBook() / file));
  }
  CHECK(members["EPUB/cover.png"] == Sha256(fs::path(DAUYS_TEST_DATA) / "cover.png"));

  // The table of contents: every chapter, and below it each of its questions.
  REQUIRE(epub["toc"].size() == manifest["chapters"].size());
  size_t questions = 0, listed = 0;
  for (size_t c = 0; c < manifest["chapters"].size(); ++c) {
    CHECK(epub["toc"][c]["label"] == manifest["chapters"][c]["title"]);
    for (const json& t : manifest["chapters"][c]["turns"]) questions += t["role"] == "interviewer";
    listed += epub["toc"][c]["children"].size();
  }
  CHECK(questions >= 6);
  CHECK(listed == questions);

  CHECK(Meta(epub, "schema:accessMode") == std::vector<std::string>{"textual", "auditory"});
  CHECK(Meta(epub, "schema:accessibilityHazard") == std::vector<std::string>{"none"});
  CHECK(Meta(epub, "dcterms:conformsTo") == std::vector<std::string>{"EPUB Accessibility 1.1 - WCAG 2.1 Level AA"});
  CHECK(Meta(epub, "media:active-class") == std::vector<std::string>{"-epub-media-overlay-active"});
  CHECK(epub["package_lang"] == "kk");
}

TEST_CASE("each speaker's turns carry the speaker's class and visible name", "[e2e][epub]") {
  const json manifest = json::parse(ReadFile(BundledBook() / "book.json"));
  const json epub = ReadEpub(BundledEpub());
  REQUIRE(epub["chapters"].size() == manifest["chapters"].size());
  for (size_t c = 0; c < manifest["chapters"].size(); ++c) {
    const json& turns = manifest["chapters"][c]["turns"];
    const json& shown = epub["chapters"][c]["document"]["turns"];
    REQUIRE(shown.size() == turns.size());
    for (size_t t = 0; t < turns.size(); ++t) {
      CHECK(shown[t]["label"] == turns[t]["name"].get<std::string>() + ":");
      CHECK(shown[t]["class"] == "turn " + turns[t]["role"].get<std::string>() + " by-" +
                                     turns[t]["speaker"].get<std::string>());
    }
  }
}

TEST_CASE("Ace by DAISY finds no accessibility violation in the bundled interview's EPUB", "[e2e][epub][ace]") {
  TempDir dir;
  const json report = AceReport(BundledEpub(), dir / "ace");
  CHECK(AceViolations(report) == "");
  CHECK(report["earl:result"]["earl:outcome"] == "pass");
  // Ace looked at every chapter in its browser, not only at the package.
  const json manifest = json::parse(ReadFile(BundledBook() / "book.json"));
  std::set<std::string> checked;
  for (const json& document : report["assertions"]) checked.insert(document["earl:testSubject"]["url"]);
  for (const json& c : manifest["chapters"]) {
    CHECK(checked.count(fs::path(c["file"].get<std::string>()).replace_extension(".xhtml").string()));
  }
  CHECK(report["a11y-metadata"]["missing"] == json::array({"a11y:certifierCredential", "a11y:certifierReport"}));
}

TEST_CASE("media overlays tile each chapter's speech in order and switch at speech onsets", "[e2e][epub][overlays]") {
  const json manifest = json::parse(ReadFile(BundledBook() / "book.json"));
  const json epub = ReadEpub(BundledEpub());
  const double rate = manifest["sample_rate"].get<double>();
  std::map<std::string, std::string> durations;
  for (const json& m : epub["meta"]) {
    if (m["property"] == "media:duration") durations[m["refines"].is_null() ? "" : m["refines"]] = m["text"];
  }
  REQUIRE(epub["chapters"].size() == manifest["chapters"].size());
  size_t checked = 0;
  std::string missed;
  double total = 0;
  for (size_t c = 0; c < manifest["chapters"].size(); ++c) {
    const json& chapter = manifest["chapters"][c];
    const json& shown = epub["chapters"][c];
    INFO("chapter " << c + 1 << ": " << shown["overlay"]);
    const json opening = chapter.value("opening_sentences", json::array());
    std::vector<json> sentences(opening.begin(), opening.end());
    sentences.insert(sentences.end(), chapter["title_sentences"].begin(), chapter["title_sentences"].end());
    for (const json& t : chapter["turns"]) sentences.insert(sentences.end(), t["sentences"].begin(), t["sentences"].end());
    const json& pars = shown["pars"];
    REQUIRE(pars.size() == sentences.size());
    const double seconds = chapter["samples"].get<double>() / rate;
    total += seconds;
    CHECK(std::abs(ReadEpubClock(durations["#" + shown["overlay_id"].get<std::string>()]) - seconds) <= 0.001);
    std::vector<double> onsets = SpeechOnsets(DecodeMp3(BundledBook() / chapter["file"].get<std::string>()));
    for (size_t i = 0; i < pars.size(); ++i) {
      // In order, edge to edge, from the chapter's start to its end.
      CHECK(pars[i]["begin"].get<double>() == (i == 0 ? 0.0 : pars[i - 1]["end"].get<double>()));
      CHECK(pars[i]["end"].get<double>() > pars[i]["begin"].get<double>());
      CHECK(pars[i]["audio"] == "EPUB/audio/" + chapter["file"].get<std::string>());
      // The text it points at is there, and is the sentence spoken.
      const std::string src = pars[i]["text"], id = src.substr(src.find('#') + 1);
      CHECK(src.substr(0, src.find('#')) == shown["href"]);
      REQUIRE(shown["document"]["spans"].contains(id));
      CHECK(shown["document"]["spans"][id]["text"] == sentences[i]["text"]);
      if (i == 0) continue;
      // Where the sentence follows a clear pause, its clip starts where its speech
      // does: within 50 ms of the onset found in the audio when the sentence opens with
      // a vowel or sonorant; a stop's closure is silent, so there the audible burst may
      // come up to 100 ms after the clip's start, never 50 ms before it.
      const double pause = (sentences[i]["start_sample"].get<double>() - sentences[i - 1]["end_sample"].get<double>()) / rate;
      if (pause < 0.25) continue;
      const double begin = pars[i]["begin"];
      double nearest = 1e9;
      for (double o : onsets) nearest = std::abs(o - begin) < std::abs(nearest) ? o - begin : nearest;
      const bool open = OpensOpen(sentences[i]["spoken"]);
      checked += open;
      if (open ? std::abs(nearest) > 0.050 : nearest < -0.050 || nearest > 0.100) {
        missed += src + " at " + std::to_string(begin) + " s: nearest onset " + std::to_string(nearest) + " s\n";
      }
    }
    CHECK(std::abs(pars.back()["end"].get<double>() - seconds) <= 0.001);
  }
  CHECK(checked >= 10);
  CHECK(missed == "");
  CHECK(std::abs(ReadEpubClock(durations[""]) - total) <= 0.001 * manifest["chapters"].size());
}

namespace {

/// Builds `input` with --epub into `out` and returns the EPUB's path.
fs::path BuildEpub(const fs::path& input, const fs::path& out, const std::string& extra = "") {
  CommandResult r = RunDauys("build " + Quote(input.string()) + " -o " + Quote(out.string()) + " --epub -q " + extra);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  for (auto& book : fs::directory_iterator(out)) {
    const fs::path epub = book.path() / (book.path().filename().string() + ".epub");
    if (fs::exists(epub)) return epub;
  }
  FAIL("no EPUB in " << out);
  return {};
}

/// A test interview's EPUB passes both checkers; its documents carry `language`.
void CheckTestInterview(const fs::path& input, const std::string& language, bool right_to_left) {
  TempDir dir;
  const fs::path epub = BuildEpub(input, dir / "out");
  const json report = EpubCheck(epub);
  CHECK(EpubCheckProblems(report) == "");
  CHECK(report["checker"]["nError"] == 0);
  CHECK(report["checker"]["nWarning"] == 0);
  CHECK(AceViolations(AceReport(epub, dir / "ace")) == "");
  const json read = ReadEpub(epub);
  CHECK(read["package_lang"] == language);
  std::vector<std::string> languages;
  for (const json& d : read["dc"]) {
    if (d["name"] == "language") languages.push_back(d["text"]);
  }
  CHECK(languages.front() == "kk");
  CHECK(languages.back() == language);
  CHECK(read["page_progression"] == (right_to_left ? json("rtl") : json(nullptr)));
  for (const json& c : read["chapters"]) {
    CHECK(c["document"]["lang"] == language);
    CHECK(c["document"]["dir"] == (right_to_left ? json("rtl") : json(nullptr)));
    CHECK(c["pars"].size() > 3);
  }
}

}  // namespace

TEST_CASE("a round table's EPUB passes EPUBCheck and Ace, a question per moderator's turn", "[epub][ace]") {
  const fs::path input = fs::path(DAUYS_TEST_DATA) / "interviews/08-round-table.txt";
  CheckTestInterview(input, "kk", false);
  TempDir dir;
  const json read = ReadEpub(BuildEpub(input, dir / "out"));
  REQUIRE(read["toc"].size() == 1);
  REQUIRE(read["toc"][0]["children"].size() == 2);
  CHECK(read["toc"][0]["children"][1]["label"] == "Ал цифрлық ортада ше?");
  std::set<std::string> speakers;
  for (const json& t : read["chapters"][0]["document"]["turns"]) speakers.insert(t["label"]);
  CHECK(speakers.size() == 5);  // narrator, moderator, three guests
}

TEST_CASE("a Latin-script interview's EPUB passes EPUBCheck and Ace, tagged kk-Latn", "[epub][ace]") {
  CheckTestInterview(fs::path(DAUYS_TEST_DATA) / "scripts/library.latin2021.txt", "kk-Latn", false);
}

TEST_CASE("an Arabic-script interview's EPUB passes EPUBCheck and Ace, tagged kk-Arab, right to left", "[epub][ace]") {
  CheckTestInterview(fs::path(DAUYS_TEST_DATA) / "scripts/library.arabic.txt", "kk-Arab", true);
}

TEST_CASE("an unchanged book leaves its EPUB alone, an edit repacks it, dropping --epub removes it", "[epub]") {
  TempDir dir;
  const fs::path input = dir / "talk.txt";
  WriteFile(input, ReadFile(fs::path(DAUYS_TEST_DATA) / "interviews/08-round-table.txt"));
  const fs::path epub = BuildEpub(input, dir / "out");
  const std::string before = ReadFile(epub);
  const auto written = fs::last_write_time(epub);
  // `dauys build talk.txt -o out FLAGS`, as an editor reruns it.
  auto rebuild = [&](const std::string& flags) {
    return RunDauys("build " + Quote(input.string()) + " -o " + Quote((dir / "out").string()) + " " + flags);
  };

  CommandResult again = rebuild("--epub --explain");
  INFO(again.err);
  REQUIRE(again.exit_code == 0);
  CHECK(again.err.find("talk.epub") == std::string::npos);
  // The chapter's MP3, VTT and LRC, the playlist, the EPUB, book.json and the read-along
  // page's four files.
  CHECK(again.err.find("files: 0 written, 0 retagged, 0 renamed, 0 removed, 10 unchanged") != std::string::npos);
  CHECK(fs::last_write_time(epub) == written);

  WriteFile(input, ReadFile(input) + "\nМодератор: Рахмет!\n");
  CommandResult dry = rebuild("--epub --dry-run");
  INFO(dry.err);
  CHECK(dry.err.find("dauys: would write talk.epub: chapters changed: 1\n") != std::string::npos);
  CommandResult edit = rebuild("--epub --explain");
  INFO(edit.err);
  CHECK(edit.err.find("dauys: write talk.epub: chapters changed: 1\n") != std::string::npos);
  CHECK(ReadFile(epub) != before);
  CHECK(ReadEpub(epub)["chapters"][0]["document"]["spans"].size() == 12);  // the opening's two, then 10
  const json manifest = json::parse(ReadFile(dir / "out/talk/book.json"));
  CHECK(manifest["epub"] == "talk.epub");
  CommandResult stats = RunDauys("cache stats -o " + Quote((dir / "out").string()));
  CHECK(stats.out.find("\nbooks: 1\nEPUB editions: 1 (0.3 MiB): talk/talk.epub\n") != std::string::npos);

  // The title is spoken in the book's opening; without it, a new title changes only
  // the book's details.
  REQUIRE(rebuild("--epub --no-opening").exit_code == 0);
  CommandResult retitled = rebuild("--epub --title 'Дөңгелек үстел' --explain");
  INFO(retitled.err);
  CHECK(retitled.err.find("dauys: write talk.epub: book details changed\n") != std::string::npos);

  // A rebuild without --epub keeps it (the book remembers); --no-epub drops it.
  CommandResult kept = rebuild("--explain");
  INFO(kept.err);
  CHECK(fs::exists(epub));
  CommandResult plain = rebuild("--no-epub --explain");
  INFO(plain.err);
  CHECK(plain.err.find("dauys: remove talk.epub: no longer in the book\n") != std::string::npos);
  CHECK_FALSE(fs::exists(epub));
  stats = RunDauys("cache stats -o " + Quote((dir / "out").string()));
  CHECK(stats.out.find("\nbooks: 1\nEPUB editions: 0 (0.0 MiB)\n") != std::string::npos);
}

TEST_CASE("a sidecar's [book] epub = true writes the EPUB without --epub", "[epub]") {
  TempDir dir;
  WriteFile(dir / "talk.txt", ReadFile(fs::path(DAUYS_TEST_DATA) / "interviews/08-round-table.txt"));
  WriteFile(dir / "talk.toml", "[book]\nepub = true\n");
  CommandResult r = RunDauys("build " + Quote((dir / "talk.txt").string()) + " -o " + Quote((dir / "out").string()) + " -q");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(fs::exists(dir / "out/talk/talk.epub"));

  WriteFile(dir / "talk.toml", "[book]\nepub = \"yes\"\n");
  r = RunDauys("build " + Quote((dir / "talk.txt").string()) + " -o " + Quote((dir / "out").string()) + " -q");
  CHECK(r.exit_code == 1);
  CHECK(r.err == "dauys: error: " + (dir / "talk.toml").string() + ": line 2: 'epub' must be true or false\n");
  WriteFile(dir / "talk.toml", "[book]\nmobi = true\n");
  r = RunDauys("build " + Quote((dir / "talk.txt").string()) + " -o " + Quote((dir / "out").string()) + " -q");
  CHECK(r.exit_code == 1);
  CHECK(r.err == "dauys: error: " + (dir / "talk.toml").string() + ": line 2: unknown book field 'mobi'; did you mean 'm4b'? (known: announce_speakers, author, "
                 "bitrate, cover, description, epub, kind, loudness, m4b, opening, script, single_file, speed, title, "
                 "voice_quotes, web, year)\n");
}
