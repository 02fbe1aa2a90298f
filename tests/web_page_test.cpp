// Unit tests of the read-along page: the text as written, a marked span per sentence
// in book.json's order, the times beside it in page-data.js, nothing unescaped.
#include <catch2/catch.hpp>

#include <regex>

#include <nlohmann/json.hpp>

#include "output/tagger.h"
#include "output/web_page.h"
#include "test_util.h"

using namespace dauys;
using nlohmann::json;

namespace {

json Sentence(const std::string& text, int line, int64_t start, const std::string& language = "") {
  json s = {{"text", text}, {"line", line}, {"start_sample", start}, {"end_sample", start + 11025}};
  if (!language.empty()) s["language"] = language;
  return s;
}

json SmallBook() {
  json turn1 = {{"name", "Тілші"}, {"role", "interviewer"}, {"sentences", {Sentence("Қалайсыз?", 3, 22050)}}};
  json turn2 = {{"name", "Асқар <Бек> & \"Ко\""},
                {"role", "interviewee"},
                {"sentences",
                 {Sentence("Жақсы.", 4, 44100), Sentence("Рақмет </span><script>alert(1)</script>", 4, 66150),
                  Sentence("Привет всем.", 5, 88200, "ru")}}};
  json turn3 = {{"name", "Тілші"}, {"role", "interviewer"}, {"sentences", {Sentence("Тағы?", 6, 110250)}}};
  json chapter = {{"number", 1},
                  {"title", "Кіріспе"},
                  {"samples", 154350},
                  {"file", "01-kirispe.mp3"},
                  {"title_sentences", {Sentence("Кіріспе", 1, 11025)}},
                  {"turns", {turn1, turn2, turn3}}};
  return {{"title", "Кітап <1>"}, {"author", "Газет"}, {"sample_rate", 22050}, {"chapters", {chapter}}};
}

const std::string& File(const std::vector<WebPageFile>& files, const std::string& name) {
  for (const WebPageFile& f : files) {
    if (f.name == name) return f.bytes;
  }
  FAIL("no " << name);
  static std::string none;
  return none;
}

}  // namespace

TEST_CASE("the read-along page has a span per sentence, in order, and escapes the text", "[web]") {
  Expected<std::vector<WebPageFile>> page = RenderWebPage(SmallBook(), "kitap");
  REQUIRE(page);
  std::vector<std::string> names;
  for (const WebPageFile& f : *page) names.push_back(f.name);
  CHECK(names == WebPageNames());
  const std::string& html = File(*page, "index.html");
  std::regex span("<span class=\"s\" id=\"s0-(\\d+)\" data-c=\"0\" data-n=\"(\\d+)\"");
  std::vector<int> ids;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), span); it != std::sregex_iterator(); ++it) {
    CHECK((*it)[1] == (*it)[2]);
    ids.push_back(std::stoi((*it)[1]));
  }
  CHECK(ids == std::vector<int>{0, 1, 2, 3, 4, 5});
  CHECK(html.find("<script>alert") == std::string::npos);
  CHECK(html.find("Рақмет &lt;/span&gt;&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("<h3 class=\"who\">Асқар &lt;Бек&gt; &amp; &quot;Ко&quot;</h3>") != std::string::npos);
  CHECK(html.find("<title>Кітап &lt;1&gt;</title>") != std::string::npos);
  CHECK(html.find("<html lang=\"kk\">") != std::string::npos);
  CHECK(html.find("data-n=\"4\" lang=\"ru\">Привет всем.</span>") != std::string::npos);
  // Two sentences of one input line share a paragraph.
  CHECK(html.find("data-n=\"2\">Жақсы.</span> <span class=\"s\" id=\"s0-3\"") != std::string::npos);
  // A colour per speaker, kept by their later turns.
  CHECK(html.find("<div class=\"turn interviewer sp0\">\n<h3 class=\"who\">Тілші</h3>") != std::string::npos);
  CHECK(html.find("<div class=\"turn interviewee sp1\">") != std::string::npos);
  CHECK(html.rfind("<div class=\"turn interviewer sp0\">") != html.find("<div class=\"turn interviewer sp0\">"));
  CHECK(html.find("dir=\"rtl\"") == std::string::npos);
  CHECK(html.find("<p> ") == std::string::npos);  // a paragraph starts with its first sentence
  CHECK(html.find("<button type=\"button\" data-action=\"next-question\">Келесі сұрақ</button>") != std::string::npos);
  // The bar's buttons are icons named by their Kazakh label, shown as a tooltip too.
  CHECK(html.find("data-action=\"play\" id=\"play\" aria-label=\"Ойнату\" title=\"Ойнату\"><svg") != std::string::npos);
  CHECK(html.find("<input type=\"range\" id=\"seek\"") != std::string::npos);
  CHECK(html.find("<input type=\"checkbox\" role=\"switch\" id=\"shortcuts\" checked> Бір пернелі пәрмендер") !=
        std::string::npos);
}

TEST_CASE("page-data.js gives each chapter's file and sentence starts in milliseconds", "[web]") {
  Expected<std::vector<WebPageFile>> page = RenderWebPage(SmallBook(), "kitap");
  REQUIRE(page);
  const std::string& data = File(*page, "page-data.js");
  const std::string prefix = "window.dauysBook = ";
  const size_t at = data.find(prefix);
  REQUIRE(at != std::string::npos);
  REQUIRE(data.size() > at + prefix.size() + 2);
  json parsed = json::parse(data.substr(at + prefix.size(), data.size() - at - prefix.size() - 2));
  CHECK(parsed["key"] == "kitap");
  CHECK(parsed["chapters"][0]["file"] == "01-kirispe.mp3");
  CHECK(parsed["chapters"][0]["starts"] == json({500, 1000, 2000, 3000, 4000, 5000}));
  CHECK(parsed["chapters"][0]["duration"] == 7000);
  CHECK(parsed["title"] == "Кітап <1>");
  CHECK(parsed["author"] == "Газет");
  CHECK(parsed["cover"] == "");
  CHECK(parsed["strings"]["play"] == "Ойнату");
  // The same book gives the same bytes.
  CHECK(RenderWebPage(SmallBook(), "kitap")->at(1).bytes == data);
}

TEST_CASE("the page is refused for a book without a sample rate", "[web]") {
  json book = SmallBook();
  book["sample_rate"] = 0;
  Expected<std::vector<WebPageFile>> page = RenderWebPage(book, "kitap");
  REQUIRE_FALSE(page);
  CHECK(page.error().message == "read-along page: the book has no sample rate");
}

TEST_CASE("a book in the Arabic script gets a right-to-left page", "[web]") {
  json book = SmallBook();
  book["script"] = "arabic";
  Expected<std::vector<WebPageFile>> page = RenderWebPage(book, "kitap");
  REQUIRE(page);
  const std::string& html = File(*page, "index.html");
  CHECK(html.find("<html lang=\"kk\" dir=\"rtl\">") != std::string::npos);
  CHECK(html.find("<main id=\"text\" tabindex=\"-1\" lang=\"kk-Arab\" dir=\"rtl\">") != std::string::npos);
  CHECK(html.find("<h1 lang=\"kk-Arab\">") != std::string::npos);
}

TEST_CASE("the cover travels in page-data.js as a data address for the media controls", "[web]") {
  for (const auto& [bytes, base64] : std::vector<std::pair<std::string, std::string>>{
           {std::string("\x89PNG", 4), "iVBORw=="}, {"ab", "YWI="}, {"abc", "YWJj"}}) {
    const CoverArt cover{"image/png", bytes};
    Expected<std::vector<WebPageFile>> page = RenderWebPage(SmallBook(), "kitap", &cover);
    REQUIRE(page);
    CHECK(File(*page, "page-data.js").find("\"cover\":\"data:image/png;base64," + base64 + "\"") != std::string::npos);
  }
}
