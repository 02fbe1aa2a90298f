// An audiobook begins by saying what it is: the narrator reads the book's title and,
// when known, its author before the first chapter. Checked in the plan, book.json, the
// WebVTT, the read-along page and the EPUB, in the decoded audio (the chapter is
// longer by the opening and its pause, and shorter by as much with `opening = false`),
// in the cache (an edit elsewhere does not make it again) and in the tags read back by
// mutagen (the sidecar's author, or none: never the program's name).
#include <catch2/catch.hpp>

#include <regex>

#include "test_util.h"

using namespace dauys::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const char* kArticle =
    "Дала кітапханалары\n"
    "Ауылдағы кітапханалар биыл жаңа кітаптар алды.\n"
    "Оқырмандар саны екі есе өсті, ал балаларға арналған үйірмелер ашылды.\n"
    "Кітапханашылар келесі жылы тағы жүз кітап сатып алмақ.\n";

constexpr const char* kOpening = "Ауыл кітапханалары. Авторы — Айгүл Серікова.";

struct Built {
  json manifest;
  int64_t samples = 0;  ///< The first chapter's, decoded.
};

Built Build(const fs::path& text, const fs::path& out, const std::string& more = "") {
  CommandResult r = RunDauys("build " + Quote(text.string()) + " -q -o " + Quote(out.string()) + more);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const fs::path book = out / text.stem();
  Built b;
  b.manifest = json::parse(ReadFile(book / "book.json"));
  b.samples = static_cast<int64_t>(DecodeMp3(book / b.manifest["chapters"][0]["file"].get<std::string>()).size());
  return b;
}

/// From the opening's first word to its last, in seconds.
double Seconds(const json& opening) {
  return static_cast<double>(opening.back()["end_sample"].get<int64_t>() - opening.front()["start_sample"].get<int64_t>()) /
         22050;
}

/// The opening's sentences as written, joined.
std::string Text(const json& opening) {
  std::string out;
  for (const json& s : opening) out += (out.empty() ? "" : " ") + s["text"].get<std::string>();
  return out;
}

}  // namespace

TEST_CASE("the first chapter opens with the title and the sidecar's author, said by the narrator", "[opening]") {
  TempDir dir;
  const fs::path text = dir / "dala.txt";
  WriteFile(text, kArticle);
  // The book's title is not its first chapter's (the headline): both are said.
  const std::string sidecar = "[book]\ntitle = \"Ауыл кітапханалары\"\nauthor = \"Айгүл Серікова\"\n";
  WriteFile(dir / "dala.txt.toml", sidecar);

  CommandResult plan = RunDauys("plan " + Quote(text.string()));
  REQUIRE(plan.exit_code == 0);
  CHECK(plan.out.find(std::string("\nOpening: ") + kOpening + "\n") != std::string::npos);

  const Built with = Build(text, dir / "a", " --epub");
  const json& first = with.manifest["chapters"][0];
  const json& opening = first["opening_sentences"];
  REQUIRE(opening.size() == 2);  // the title, then the author: a sentence each
  CHECK(Text(opening) == kOpening);
  CHECK(Text(first["title_sentences"]) == "Дала кітапханалары");
  // Roughly the length of the words: more than a second and a half, under five.
  CHECK(Seconds(opening) > 1.5);
  CHECK(Seconds(opening) < 5.0);
  CHECK(first["turns"][0]["start_sample"].get<int64_t>() > opening.back()["end_sample"].get<int64_t>());

  const fs::path book = dir / "a/dala";
  const std::string base = first["file"].get<std::string>().substr(0, first["file"].get<std::string>().size() - 4);
  // The transcript's first cue is the opening, in the narrator's voice as the text after it.
  const std::string vtt = ReadFile(book / (base + ".vtt"));
  std::smatch cue;
  REQUIRE(std::regex_search(vtt, cue, std::regex("\n\n1\n[0-9:.]+ --> [0-9:.]+\n<v ([^>]+)>([^\n]*)\n")));
  CHECK(cue[2] == "Ауыл кітапханалары.</v>");
  CHECK(vtt.find("<v " + cue[1].str() + ">Авторы — Айгүл Серікова.</v>") != std::string::npos);
  CHECK(vtt.find("<v " + cue[1].str() + ">Ауылдағы кітапханалар") != std::string::npos);
  CHECK(ReadFile(book / "index.html").find("<p class=\"opening\"><span class=\"s\" id=\"s0-0\"") != std::string::npos);
  CHECK(Run("unzip -p " + Quote((book / "dala.epub").string()) + " '*.xhtml' | grep -c 'class=\"opening\"'").out == "1\n");
  CHECK(Run("unzip -p " + Quote((book / "dala.epub").string()) + " '*.opf'").out.find(
            "<dc:creator>Айгүл Серікова</dc:creator>") != std::string::npos);

  const json tags = ReadTags(book / first["file"].get<std::string>());
  CHECK(tags["TPE2"] == json::array({"Айгүл Серікова"}));
  CHECK(tags["TPE1"].dump().find("dauys") == std::string::npos);

  // Turned off in the sidecar: the chapter is shorter by the opening and its pause.
  WriteFile(dir / "dala.txt.toml", sidecar + "opening = false\n");
  const Built without = Build(text, dir / "b");
  CHECK_FALSE(without.manifest["chapters"][0].contains("opening_sentences"));
  const double shorter = static_cast<double>(with.samples - without.samples) / 22050;
  const double spoken = Seconds(opening);
  // The opening's speech, eSpeak NG's silence at its edges and the 1.2 s pause after it.
  CHECK(shorter > spoken + 1.0);
  CHECK(shorter < spoken + 2.0);
  CHECK(RunDauys("plan " + Quote(text.string())).out.find("Opening:") == std::string::npos);
}

TEST_CASE("the opening is a segment of its own: an edit elsewhere does not make it again", "[opening]") {
  TempDir dir;
  const fs::path text = dir / "dala.txt";
  WriteFile(text, kArticle);
  const Built before = Build(text, dir / "out");
  WriteFile(text, std::string(kArticle) + "Оқырмандар кітапхананы жақсы көреді.\n");
  CommandResult r = RunDauys("build " + Quote(text.string()) + " -o " + Quote((dir / "out").string()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // The new sentence, and the one before it, which no longer ends the chapter (its tail).
  CHECK(r.err.find("segments: 2 synthesized") != std::string::npos);
  const json after = json::parse(ReadFile(dir / "out/dala/book.json"));
  CHECK(after["chapters"][0]["segments"][0] == before.manifest["chapters"][0]["segments"][0]);
  CHECK(after["chapters"][0]["opening_sentences"][0]["text"] == "Дала кітапханалары.");
}

TEST_CASE("a book with no author known has no author tag, never dauys; --no-opening is remembered", "[opening]") {
  TempDir dir;
  const fs::path text = dir / "dala.txt";
  WriteFile(text, kArticle);
  WriteFile(dir / "dala.txt.toml", "date = \"2025-03-15\"\n");
  const Built built = Build(text, dir / "out", " --single-file");
  CommandResult feed = RunDauys("feed " + Quote((dir / "out").string()) + " --base-url https://news.example.kz/audio/");
  INFO(feed.err);
  REQUIRE(feed.exit_code == 0);
  const std::string xml = ReadFile(dir / "out/feed.xml");
  const std::string item = xml.substr(xml.find("<item>"));
  CHECK(item.find("itunes:author") == std::string::npos);
  CHECK(xml.find(">dauys<") == std::string::npos);
  const fs::path book = dir / "out/dala";
  CHECK(built.manifest["author"] == "");
  // No author: the title alone; the chapter named after the book is not named again.
  CHECK(Text(built.manifest["chapters"][0]["opening_sentences"]) == "Дала кітапханалары.");
  CHECK(built.manifest["chapters"][0]["title_sentences"].empty());
  for (const std::string& file : {built.manifest["chapters"][0]["file"].get<std::string>(), std::string("dala.mp3")}) {
    const json tags = ReadTags(book / file);
    CHECK_FALSE(tags.contains("TPE2"));
    CHECK(tags["TPE1"].dump().find("dauys") == std::string::npos);
    CHECK(tags.dump().find("\"dauys\"") == std::string::npos);
  }
  CHECK(ReadFile(book / "index.html").find("class=\"author\"") == std::string::npos);

  Build(text, dir / "out", " --no-opening");
  CHECK(json::parse(ReadFile(book / "book.json"))["settings"]["opening"] == false);
  CommandResult again = RunDauys("build " + Quote(text.string()) + " -o " + Quote((dir / "out").string()));
  REQUIRE(again.exit_code == 0);
  CHECK(again.err.find("kept from the last build: --single-file, --no-opening") != std::string::npos);
  CHECK_FALSE(json::parse(ReadFile(book / "book.json"))["chapters"][0].contains("opening_sentences"));
}
