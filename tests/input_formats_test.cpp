// The readers of other input formats: the same interview made by pandoc into DOCX, ODT,
// EPUB, HTML and (through WeasyPrint) PDF plans as its Markdown does; a saved news page
// plans as its clean text; damaged, hostile and unreadable inputs are clear errors.
#include <catch2/catch.hpp>

#include <chrono>

#include "app/batch.h"
#include "input/read_input.h"
#include "test_util.h"
#include "text/segmenter.h"
#include "util/unicode.h"

using namespace dauys;
namespace fs = std::filesystem;

namespace {

/// The fixtures tests/data/formats/make-fixtures.sh made with pandoc for this run.
fs::path Fixtures() { return fs::path(DAUYS_FORMATS_DIR); }
fs::path Sources() { return fs::path(DAUYS_TEST_DATA) / "formats"; }

Document Read(const fs::path& path) {
  Expected<Document> doc = ReadInput(path);
  INFO(path.string());
  REQUIRE(doc.ok());
  return *doc;
}

/// What a listener hears of a plan: title, speakers, chapters, and each turn's role,
/// speaker and every paragraph's text (no paragraph numbers).
std::string Heard(const Script& s) {
  std::string out = "title: " + (s.title ? *s.title : "-") + "\n";
  for (const Speaker& sp : s.speakers) out += sp.id + " " + RoleName(sp.role) + " " + sp.name + "\n";
  for (const Chapter& c : s.chapters) {
    out += "chapter: " + c.title + "\n";
    for (const Turn& t : c.turns) {
      out += "  " + s.speakers[t.speaker].id + " " + RoleName(t.role) + ":";
      for (const Paragraph& p : t.paragraphs) out += " ¶ " + p.text;
      out += "\n";
    }
  }
  return out;
}

std::string HeardFrom(const fs::path& path) { return Heard(SegmentInterview(Read(path))); }

}  // namespace

TEST_CASE("one interview made by pandoc plans the same from Markdown, DOCX, ODT, EPUB and HTML",
          "[formats]") {
  for (const char* base : {"interview", "interview-bold-only"}) {
    const std::string expected = HeardFrom(Fixtures() / (std::string(base) + ".md"));
    for (const char* ext : {".docx", ".odt", ".epub", ".html"}) {
      INFO(base << ext);
      CHECK(HeardFrom(Fixtures() / (std::string(base) + ext)) == expected);
    }
  }
  const Script script = SegmentInterview(Read(Fixtures() / "interview.docx"));
  REQUIRE(script.title == "Ауылдағы кітапхана неге жабылмады?");
  REQUIRE(script.chapters.size() == 3);
  CHECK(script.chapters[1].title == "Кітапхананың басы");
  CHECK(script.chapters[2].title == "Жаңа заман");
  REQUIRE(script.speakers.size() == 3);
  CHECK(script.speakers[1].name == "Дәурен Ахметов");
  CHECK(script.speakers[1].role == Role::kInterviewer);
  CHECK(script.speakers[2].name == "Гүлнар Есенова");
  CHECK(script.speakers[2].role == Role::kInterviewee);
  // The lead, then questions and answers in turn, the thanks, and the byline.
  std::string roles;
  for (const Chapter& c : script.chapters) {
    for (const Turn& t : c.turns) roles += std::string(RoleName(t.role)) + " ";
  }
  CHECK(roles == "narrator interviewer interviewee interviewer interviewee interviewer interviewee interviewer "
                 "interviewee interviewer narrator ");
}

TEST_CASE("questions marked by bold alone plan as the questions marked by dashes", "[formats]") {
  for (const char* ext : {".md", ".docx", ".odt", ".epub", ".html"}) {
    INFO(ext);
    CHECK(HeardFrom(Fixtures() / (std::string("interview-bold-only") + ext)) ==
          HeardFrom(Fixtures() / (std::string("interview") + ext)));
  }
}

TEST_CASE("a PDF made from the DOCX gives the same spoken text", "[formats]") {
  CHECK(HeardFrom(Fixtures() / "interview.pdf") == HeardFrom(Fixtures() / "interview.docx"));
}

TEST_CASE("a PDF's running header and page numbers are reported, not read", "[formats]") {
  const Script pdf = SegmentInterview(Read(Fixtures() / "headers.pdf"));
  CHECK(Heard(pdf) == HeardFrom(Fixtures() / "interview.html"));
  std::string skipped;
  for (const SkippedLine& s : pdf.skipped) skipped += s.reason + ": " + s.text + "\n";
  CHECK(skipped ==
        "running header or footer: Жаңа Дала газеті\npage number: 1\n"
        "running header or footer: Жаңа Дала газеті\npage number: 2\n"
        "running header or footer: Жаңа Дала газеті\npage number: 3\n");
}

TEST_CASE("nothing of the markup is read: no tags, entities, #, *, or link addresses", "[formats]") {
  for (const char* ext : {".md", ".docx", ".odt", ".epub", ".html", ".pdf"}) {
    const Document doc = Read(Fixtures() / (std::string("interview") + ext));
    INFO(ext);
    std::string all;
    for (const Line& line : doc.lines) all += line.text + "\n";
    for (const char* mark : {"<", ">", "&", "#", "*", "http", "example.kz", "laquo", "ndash"}) {
      INFO(mark);
      CHECK(all.find(mark) == std::string::npos);
    }
    CHECK(all.find("ертегі кештерімізге қатысады") != std::string::npos);  // the link's text
  }
}

TEST_CASE("a saved news page plans to the turns of its clean text", "[formats]") {
  const Script page = SegmentInterview(Read(Sources() / "news-page.html"));
  const Script text = SegmentInterview(Read(Sources() / "news-page.txt"));
  CHECK(Heard(page) == Heard(text));
  REQUIRE(page.skipped.size() == 2);
  CHECK(page.skipped[0].reason == "image");
  CHECK(page.skipped[0].text == "Ержан Сапаров бағында");
  CHECK(page.skipped[1].reason == "caption");
  std::string all;
  for (const Line& line : Read(Sources() / "news-page.html").lines) all += line.text + "\n";
  for (const char* furniture : {"Жаңалықтар", "Іздеу", "Басты бет", "Facebook", "Оқи отырыңыз", "Жарнама",
                                "бақ алма", "Тақырыпқа", "Пікірлер", "Керемет сұхбат", "Көп оқылған", "құқықтар",
                                "dataLayer", "loadAds", "1520"}) {
    INFO(furniture);
    CHECK(all.find(furniture) == std::string::npos);
  }
}

TEST_CASE("inputs are recognised by content before their extension", "[formats]") {
  test::TempDir dir;
  fs::copy_file(Fixtures() / "interview.docx", dir / "from-the-office.txt");
  fs::copy_file(Fixtures() / "interview.epub", dir / "book");
  CHECK(Read(dir / "from-the-office.txt").marked_up);
  CHECK(HeardFrom(dir / "book") == HeardFrom(Fixtures() / "interview.epub"));
  CHECK(HeardFrom(Sources() / "news-page.txt") == Heard(SegmentInterview(Read(Sources() / "news-page.txt"))));
  CHECK_FALSE(Read(Sources() / "news-page.txt").marked_up);
}

TEST_CASE("a Word 97 or RTF document is refused with the conversion to make", "[formats]") {
  test::TempDir dir;
  test::WriteFile(dir / "old.doc", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0'));
  test::WriteFile(dir / "letter.rtf", "{\\rtf1\\ansi Сәлем}");
  Expected<Document> doc = ReadInput(dir / "old.doc");
  REQUIRE_FALSE(doc.ok());
  CHECK(doc.error().message == (dir / "old.doc").string() +
                                   ": a Word 97–2003 document (.doc) cannot be read; convert it first: "
                                   "soffice --headless --convert-to docx " + (dir / "old.doc").string());
  Expected<Document> rtf = ReadInput(dir / "letter.rtf");
  REQUIRE_FALSE(rtf.ok());
  CHECK(rtf.error().message.find("soffice --headless --convert-to docx") != std::string::npos);
}

TEST_CASE("a damaged, hostile or textless container is an error naming the file and the part", "[formats]") {
  test::TempDir dir;
  const std::string docx = test::ReadFile(Fixtures() / "interview.docx");
  SECTION("cut short") {
    test::WriteFile(dir / "cut.docx", docx.substr(0, docx.size() / 2));
    Expected<Document> doc = ReadInput(dir / "cut.docx");
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.error().message.rfind((dir / "cut.docx").string() + ": not a readable ZIP container", 0) == 0);
  }
  SECTION("a part that expands past the limit (a zip bomb)") {
    test::CommandResult r = test::Run(
        "python3 -c \"import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED); "
        "z.writestr('word/document.xml', b' '*(70<<20)); z.close()\" " + test::Quote((dir / "bomb.docx").string()));
    REQUIRE(r.exit_code == 0);
    CHECK(fs::file_size(dir / "bomb.docx") < (1u << 20));
    Expected<Document> doc = ReadInput(dir / "bomb.docx");
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.error().message == (dir / "bomb.docx").string() +
                                     ": word/document.xml: expands past 64 MiB; refused as a possible zip bomb");
  }
  SECTION("a part that is not well-formed XML") {
    test::CommandResult r = test::Run(
        "python3 -c \"import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],'w'); "
        "z.writestr('word/document.xml', '<w:document><w:body><w:p>'); z.close()\" " +
        test::Quote((dir / "bad.docx").string()));
    REQUIRE(r.exit_code == 0);
    Expected<Document> doc = ReadInput(dir / "bad.docx");
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.error().message.rfind((dir / "bad.docx").string() + ": word/document.xml: line ", 0) == 0);
  }
  SECTION("an EPUB without its container document") {
    test::CommandResult r = test::Run(
        "python3 -c \"import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],'w'); "
        "z.writestr('mimetype', 'application/epub+zip'); z.close()\" " + test::Quote((dir / "empty.epub").string()));
    REQUIRE(r.exit_code == 0);
    Expected<Document> doc = ReadInput(dir / "empty.epub");
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.error().message == (dir / "empty.epub").string() + ": META-INF/container.xml: missing from the container");
  }
  SECTION("a PDF without a text layer names OCR") {
    Expected<Document> doc = ReadInput(Fixtures() / "scan.pdf");
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.error().message.find("has no text layer (a scan?); make one with OCR first") != std::string::npos);
  }
  SECTION("a PDF locked with a password") {
    Expected<Document> doc = ReadInput(Fixtures() / "locked.pdf");
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.error().message == (Fixtures() / "locked.pdf").string() +
                                     ": the PDF is encrypted with a password; save an unprotected copy "
                                     "(qpdf --decrypt) and read that");
  }
  SECTION("a PDF cut short") {
    const std::string pdf = test::ReadFile(Fixtures() / "interview.pdf");
    test::WriteFile(dir / "cut.pdf", pdf.substr(0, 400));
    Expected<Document> doc = ReadInput(dir / "cut.pdf");
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.error().message.rfind((dir / "cut.pdf").string() + ": ", 0) == 0);
  }
}

TEST_CASE("dauys plan reads a DOCX and refuses a .doc with exit 1 and the conversion", "[formats]") {
  test::CommandResult ok = test::RunDauys("plan " + test::Quote((Fixtures() / "interview.docx").string()));
  CHECK(ok.exit_code == 0);
  CHECK(ok.out.find("[gulnar-esenova Гүлнар Есенова] line 5, 2 paragraphs: Мен мұнда тоқсаныншы") != std::string::npos);
  test::TempDir dir;
  test::WriteFile(dir / "old.doc", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0'));
  test::CommandResult doc = test::RunDauys("plan " + test::Quote((dir / "old.doc").string()));
  CHECK(doc.exit_code == 1);
  CHECK(doc.err.find("soffice --headless --convert-to docx") != std::string::npos);
}

TEST_CASE("a folder of inputs takes documents beside texts", "[formats]") {
  test::TempDir dir;
  fs::copy_file(Fixtures() / "interview.docx", dir / "a.docx");
  fs::copy_file(Fixtures() / "interview.epub", dir / "b.epub");
  fs::copy_file(Sources() / "news-page.html", dir / "c.html");
  test::WriteFile(dir / "d.txt", "Тақырып\n\nМәтін.\n");
  test::WriteFile(dir / "notes.json", "{}");
  test::WriteFile(dir / "README.md", "# Бұл папкада\n\nМақалалар.\n");
  Expected<CollectedInputs> inputs = CollectInputs({dir.path().string()});
  REQUIRE(inputs.ok());
  std::string slugs;
  for (const BatchInput& in : inputs->inputs) slugs += in.slug + " ";
  CHECK(slugs == "a b c d ");
}

TEST_CASE("an HTML page: entities decoded, line breaks part paragraphs, footnote marks unread", "[formats]") {
  Expected<Document> doc = ReadInput(Sources() / "news-page.txt");  // reader smoke: plain text stays text
  REQUIRE(doc.ok());
  test::TempDir dir;
  test::WriteFile(dir / "page.html",
                  "<html><body><h1>Тақырып &laquo;бір&raquo;</h1><p>Аумағы 5&nbsp;км<sup>2</sup>.<br>Жаңа жол"
                  "<sup><a href=\"#fn1\">1</a></sup> салынды.</p><!-- Пікір --></body></html>");
  Expected<Document> page = ReadInput(dir / "page.html");
  REQUIRE(page.ok());
  REQUIRE(page->lines.size() == 3);
  CHECK(page->lines[0].text == "Тақырып «бір»");
  CHECK(page->lines[0].markup.heading == 1);
  CHECK(page->lines[1].text == "Аумағы 5 км2.");
  CHECK(page->lines[2].text == "Жаңа жол салынды.");
  CHECK(page->lines[2].number == 3);
}

TEST_CASE("an HTML page is read in the charset it declares, else as UTF-8", "[formats]") {
  test::TempDir dir;
  test::WriteFile(dir / "old.html",
                  "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">"
                  "</head><body><p>\xCA\xE0\xE7\xE0\xF5 \xF2\xB3\xEB\xB3</p></body></html>");
  test::WriteFile(dir / "bare.html", "<p>Қазақ тілі</p>");
  Expected<Document> old = ReadInput(dir / "old.html");
  REQUIRE(old.ok());
  CHECK(old->lines.at(0).text == "Казах тілі");
  Expected<Document> bare = ReadInput(dir / "bare.html");
  REQUIRE(bare.ok());
  CHECK(bare->lines.at(0).text == "Қазақ тілі");
}

TEST_CASE("a sidecar beside a document addresses its paragraphs by the numbers plan shows", "[formats]") {
  test::TempDir dir;
  fs::copy_file(Fixtures() / "interview.docx", dir / "interview.docx");
  // Paragraph 8 («Иә, көп. …») is the guest's answer; the editor gives it to the interviewer.
  test::WriteFile(dir / "interview.docx.toml", "[lines]\n8 = \"interviewer\"\n");
  test::CommandResult r = test::RunDauys("plan " + test::Quote((dir / "interview.docx").string()));
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("[dauren-akhmetov Дәурен Ахметов] line 7, 2 paragraphs: Қазір оқырман көп пе?") != std::string::npos);
  test::WriteFile(dir / "interview.docx.toml", "[lines]\n80 = \"interviewer\"\n");
  test::CommandResult bad = test::RunDauys("plan " + test::Quote((dir / "interview.docx").string()));
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.find("line 80 of " + (dir / "interview.docx").string() +
                     " has no paragraph to override (a document's paragraphs are numbered as `dauys plan` "
                     "shows them)") != std::string::npos);
}

TEST_CASE("a page of deeply nested articles is read in linear time", "[formats]") {
  std::string page = "<html><body>";
  for (int i = 0; i < 190; ++i) page += "<article>";
  for (int i = 0; i < 20000; ++i) page += "<p>Бұл сөйлем мақаланың ішінде тұр.</p>";
  page += "</body></html>";
  test::TempDir dir;
  test::WriteFile(dir / "deep.html", page);
  const auto start = std::chrono::steady_clock::now();
  Expected<Document> doc = ReadInput(dir / "deep.html");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(doc.ok());
  CHECK(doc->lines.size() == 20000);
  CHECK(seconds < 5.0);
}

TEST_CASE("a page whose bytes do not fit its charset gets no message of libxml2's own", "[formats]") {
  test::TempDir dir;
  test::WriteFile(dir / "mixed.html",
                  "<html><head><meta charset=\"windows-1251\"></head><body><h1>\xCA\xE0\xE7\xE0\xF5</h1>"
                  "<p>\xCA\xE0\xE7\xE0\xF5 \x98\xD1\x81\xD1 \xF2\xB3\xEB\xB3.</p></body></html>");
  test::CommandResult r = test::RunDauys("plan " + test::Quote((dir / "mixed.html").string()));
  CHECK(r.err.find("encoding error") == std::string::npos);
  CHECK(r.err.find("input conversion failed") == std::string::npos);
  if (r.exit_code != 0) CHECK(r.err.rfind("dauys: error: " + (dir / "mixed.html").string() + ": ", 0) == 0);
}
