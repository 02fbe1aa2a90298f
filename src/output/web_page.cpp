#include "output/web_page.h"

#include "cache/segment_cache.h"
#include "output/web_assets.h"
#include "util/clock.h"
#include "util/unicode.h"

namespace dauys {

using nlohmann::json;

namespace {

std::string Html(const std::string& text) { return EscapeMarkup(text); }

std::string Str(const json& object, const char* key) {
  return object.is_object() && object.contains(key) && object[key].is_string() ? object[key].get<std::string>() : "";
}

/// The interface strings: strings.kk.json, read once.
const json& Strings() {
  static const json strings = json::parse(kWebPageStrings);
  return strings;
}

std::string T(const char* key) { return Html(Str(Strings(), key)); }

/// Renders the sentences of one chapter, numbered from 0 in reading order; a paragraph is the
/// run of sentences from one input line.
class ChapterWriter {
 public:
  ChapterWriter(std::string& out, size_t chapter) : out_(out), chapter_(chapter) {}

  void Sentence(const json& s) {
    const std::string lang = Str(s, "language");
    out_ += (spaced_ ? " " : "") + std::string("<span class=\"s\" id=\"s") + std::to_string(chapter_) + "-" +
            std::to_string(n_) + "\" data-c=\"" + std::to_string(chapter_) + "\" data-n=\"" + std::to_string(n_) +
            "\"" + (lang.empty() || lang == "kk" ? "" : " lang=\"" + Html(lang) + "\"") + ">" + Html(Str(s, "text")) +
            "</span>";
    ++n_;
    spaced_ = true;
  }

  void Turn(const json& turn) {
    const std::string role = Str(turn, "role");
    out_ += "<div class=\"turn " + Html(role) + "\">\n<h3 class=\"who\">" + Html(Str(turn, "name")) + "</h3>\n";
    int line = -1;
    open_ = false;
    for (const json& s : turn.value("sentences", json::array())) {
      const int at = s.value("line", 0);
      if (open_ && at != line) out_ += "</p>\n";
      if (!open_ || at != line) {
        out_ += "<p>";
        spaced_ = false;
      }
      open_ = true;
      line = at;
      Sentence(s);
    }
    if (open_) out_ += "</p>\n";
    out_ += "</div>\n";
  }

  void Title(const json& chapter) {
    const std::string id = "c" + std::to_string(chapter_ + 1);
    out_ += "<section class=\"chapter\" id=\"" + id + "\" aria-labelledby=\"" + id + "-h\">\n<h2 id=\"" + id + "-h\">";
    spaced_ = false;
    const json& title = chapter.value("title_sentences", json::array());
    for (const json& s : title) Sentence(s);
    if (title.empty()) out_ += Html(Str(chapter, "title"));
    out_ += "</h2>\n";
  }

 private:
  std::string& out_;
  size_t chapter_;
  size_t n_ = 0;
  bool open_ = false;    ///< A paragraph is open.
  bool spaced_ = false;  ///< The next sentence follows another in its block.
};

std::string Controls() {
  auto button = [](const char* action, const char* label, const char* cls = "") {
    return std::string("<button type=\"button\" data-action=\"") + action + "\"" +
           (*cls ? std::string(" class=\"") + cls + "\" id=\"" + cls + "\"" : "") + ">" + T(label) + "</button>\n";
  };
  std::string out = "<section class=\"player\" aria-label=\"" + T("player") + "\">\n<div class=\"row\">\n";
  out += button("previous-chapter", "previous_chapter") + button("previous-question", "previous_question") +
         button("previous-sentence", "previous_sentence") + button("play", "play", "play") +
         button("next-sentence", "next_sentence") + button("next-question", "next_question") +
         button("next-chapter", "next_chapter");
  out += "<label for=\"speed\">" + T("speed") + "</label>\n<select id=\"speed\">\n";
  for (const char* rate : {"0.75", "1", "1.25", "1.5", "1.75", "2"}) {
    out += std::string("<option value=\"") + rate + "\"" + (std::string(rate) == "1" ? " selected" : "") + ">" + rate +
           "×</option>\n";
  }
  out += "</select>\n</div>\n<audio id=\"audio\" preload=\"metadata\"></audio>\n";
  out += "<p class=\"status\" id=\"status\" aria-live=\"polite\"></p>\n";
  out += "<details class=\"keys\">\n<summary>" + T("keys") + "</summary>\n<dl>\n";
  out += "<dt><kbd>" + T("key_space") + "</kbd></dt><dd>" + T("key_play") + "</dd>\n";
  out += "<dt><kbd>←</kbd> <kbd>→</kbd></dt><dd>" + T("key_sentence") + "</dd>\n";
  out += "<dt><kbd>P</kbd> <kbd>N</kbd></dt><dd>" + T("key_question") + "</dd>\n";
  out += "<dt><kbd>[</kbd> <kbd>]</kbd></dt><dd>" + T("key_chapter") + "</dd>\n</dl>\n<p>" + T("click_hint") +
         "</p>\n</details>\n</section>\n";
  return out;
}

std::string IndexHtml(const json& book) {
  const std::string title = Html(Str(book, "title"));
  const json& chapters = book.value("chapters", json::array());
  std::string out = "<!DOCTYPE html>\n<html lang=\"" + T("language") + "\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + title + "</title>\n";
  out += "<link rel=\"stylesheet\" href=\"page.css\">\n<script src=\"page-data.js\" defer></script>\n";
  out += "<script src=\"page.js\" defer></script>\n</head>\n<body>\n";
  out += "<a class=\"skip\" href=\"#text\">" + T("skip_to_text") + "</a>\n";
  out += "<header>\n<h1>" + title + "</h1>\n<p class=\"author\">" + Html(Str(book, "author")) + "</p>\n</header>\n";
  out += Controls();
  out += "<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">" + T("contents") + "</h2>\n<ol>\n";
  for (size_t c = 0; c < chapters.size(); ++c) {
    out += "<li><a href=\"#c" + std::to_string(c + 1) + "\">" + Html(Str(chapters[c], "title")) + "</a> (<a href=\"" +
           Html(Str(chapters[c], "file")) + "\">" + T("audio_file") + "</a>)</li>\n";
  }
  out += "</ol>\n<noscript><p>" + T("no_script") + "</p></noscript>\n</nav>\n<main id=\"text\" tabindex=\"-1\">\n";
  for (size_t c = 0; c < chapters.size(); ++c) {
    ChapterWriter writer(out, c);
    writer.Title(chapters[c]);
    for (const json& turn : chapters[c].value("turns", json::array())) writer.Turn(turn);
    out += "</section>\n";
  }
  out += "</main>\n<footer>\n<p>" + T("made_by") + "</p>\n</footer>\n</body>\n</html>\n";
  return out;
}

/// Milliseconds from the chapter's start of each sentence, in the page's order.
json Starts(const json& chapter, int rate) {
  json starts = json::array();
  auto add = [&](const json& sentences) {
    for (const json& s : sentences) starts.push_back(MillisOfSample(s.value("start_sample", int64_t{0}), rate));
  };
  add(chapter.value("title_sentences", json::array()));
  for (const json& turn : chapter.value("turns", json::array())) add(turn.value("sentences", json::array()));
  return starts;
}

std::string PageData(const json& book, const std::string& slug) {
  const int rate = book.value("sample_rate", 0);
  json data = {{"key", slug}, {"strings", Strings()}, {"chapters", json::array()}};
  for (const json& chapter : book.value("chapters", json::array())) {
    data["chapters"].push_back({{"file", Str(chapter, "file")},
                                {"title", Str(chapter, "title")},
                                {"starts", Starts(chapter, rate)}});
  }
  return "// Written by dauys: the read-along page's chapters and sentence times.\nwindow.dauysBook = " +
         data.dump(-1, ' ', false, json::error_handler_t::replace) + ";\n";
}

}  // namespace

const std::vector<std::string>& WebPageNames() {
  static const std::vector<std::string> names = {"index.html", "page-data.js", "page.css", "page.js"};
  return names;
}

std::string WebAssetsHash() {
  return KeyHasher().Add("web page 1").Add(kWebPageCss).Add(kWebPageJs).Add(kWebPageStrings).Hex();
}

Expected<std::vector<WebPageFile>> RenderWebPage(const json& book, const std::string& slug) {
  if (book.value("sample_rate", 0) <= 0) return Error{"read-along page: the book has no sample rate"};
  return std::vector<WebPageFile>{{"index.html", IndexHtml(book)},
                                  {"page-data.js", PageData(book, slug)},
                                  {"page.css", std::string(kWebPageCss)},
                                  {"page.js", std::string(kWebPageJs)}};
}

}  // namespace dauys
