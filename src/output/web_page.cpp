#include "output/web_page.h"

#include <algorithm>

#include "cache/segment_cache.h"
#include "output/tagger.h"
#include "output/web_assets.h"
#include "util/clock.h"
#include "util/unicode.h"

namespace dauys {

using nlohmann::json;

namespace {

std::string Html(const std::string& text) { return EscapeMarkup(text); }

constexpr size_t kSpeakerColours = 6;  ///< .sp0 … .sp5 in page.css.

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
  ChapterWriter(std::string& out, size_t chapter, std::vector<std::string>& speakers)
      : out_(out), chapter_(chapter), speakers_(speakers) {}

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
    out_ += "<div class=\"turn " + Html(role) + " " + SpeakerClass(Str(turn, "name")) + "\">\n<h3 class=\"who\">" +
            Html(Str(turn, "name")) + "</h3>\n";
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
    out_ += "<section class=\"chapter\" id=\"" + id + "\" aria-labelledby=\"" + id + "-h\">\n";
    // The book's title and author, said before the first chapter's title.
    const json& opening = chapter.value("opening_sentences", json::array());
    if (!opening.empty()) {
      out_ += "<p class=\"opening\">";
      spaced_ = false;
      for (const json& s : opening) Sentence(s);
      out_ += "</p>\n";
    }
    out_ += "<h2 id=\"" + id + "-h\">";
    spaced_ = false;
    const json& title = chapter.value("title_sentences", json::array());
    for (const json& s : title) Sentence(s);
    if (title.empty()) out_ += Html(Str(chapter, "title"));
    out_ += "</h2>\n";
  }

 private:
  /// "sp0" … "sp5": the speaker's colour, by order of first turn in the book.
  std::string SpeakerClass(const std::string& name) {
    const size_t at = std::find(speakers_.begin(), speakers_.end(), name) - speakers_.begin();
    if (at == speakers_.size()) speakers_.push_back(name);
    return "sp" + std::to_string(at % kSpeakerColours);
  }

  std::string& out_;
  size_t chapter_;
  std::vector<std::string>& speakers_;  ///< Names in order of first turn.
  size_t n_ = 0;
  bool open_ = false;    ///< A paragraph is open.
  bool spaced_ = false;  ///< The next sentence follows another in its block.
};

/// Icons of the player bar (24×24 paths, drawn in the text's colour); a button's name
/// is its aria-label, shown as a tooltip too.
std::string Icon(const char* path, const char* cls = "") {
  return std::string("<svg class=\"icon") + (*cls ? " " : "") + cls +
         "\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" focusable=\"false\"><path d=\"" + path + "\"/></svg>";
}

constexpr const char* kPlayIcon = "M8 5v14l11-7z";
constexpr const char* kPauseIcon = "M6 5h4v14H6zm8 0h4v14h-4z";
constexpr const char* kPreviousIcon = "M6 6h2v12H6zm3.5 6 8.5 6V6z";
constexpr const char* kNextIcon = "M16 6h2v12h-2zM6 18l8.5-6L6 6z";
constexpr const char* kMenuIcon = "M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z";

std::string IconButton(const char* action, const char* label, const std::string& icons, const char* id = "") {
  return std::string("<button type=\"button\" class=\"icon-button\" data-action=\"") + action + "\"" +
         (*id ? std::string(" id=\"") + id + "\"" : "") + " aria-label=\"" + T(label) + "\" title=\"" + T(label) +
         "\">" + icons + "</button>\n";
}

/// The menu behind the bar's last button: chapter and question steps, the chapter
/// being played, the keys and the switch that turns single-key shortcuts off.
std::string Menu() {
  auto button = [](const char* action, const char* label) {
    return std::string("<button type=\"button\" data-action=\"") + action + "\">" + T(label) + "</button>\n";
  };
  std::string out = "<details class=\"menu\" id=\"menu\">\n<summary aria-label=\"" + T("menu") + "\" title=\"" +
                    T("menu") + "\">" + Icon(kMenuIcon) + "</summary>\n<div class=\"panel\">\n";
  out += "<p class=\"chapter-line\" id=\"chapter-line\"></p>\n<div class=\"steps\">\n";
  out += button("previous-chapter", "previous_chapter") + button("next-chapter", "next_chapter") +
         button("previous-question", "previous_question") + button("next-question", "next_question");
  out += "</div>\n<h2 class=\"keys-title\">" + T("keys") + "</h2>\n<p><label class=\"switch\">";
  out +=
      "<input type=\"checkbox\" role=\"switch\" id=\"shortcuts\" checked> " + T("shortcuts") + "</label></p>\n<dl>\n";
  out += "<dt><kbd>" + T("key_space") + "</kbd> <kbd>K</kbd></dt><dd>" + T("key_play") + "</dd>\n";
  out += "<dt><kbd>←</kbd> <kbd>→</kbd></dt><dd>" + T("key_sentence") + "</dd>\n";
  out += "<dt><kbd>P</kbd> <kbd>N</kbd></dt><dd>" + T("key_question") + "</dd>\n";
  out += "<dt><kbd>[</kbd> <kbd>]</kbd></dt><dd>" + T("key_chapter") + "</dd>\n</dl>\n<p>" + T("click_hint") +
         "</p>\n</div>\n</details>\n";
  return out;
}

/// The player bar: one row of icon buttons, the seek bar over the chapter (in
/// milliseconds, a second per arrow key) with the elapsed and total time under it, the
/// speed and the menu.
std::string Controls() {
  std::string out =
      "<section class=\"player\" id=\"player\" aria-label=\"" + T("player") + "\">\n<div class=\"bar\">\n";
  out += IconButton("previous-sentence", "previous_sentence", Icon(kPreviousIcon, "mirror"));
  out += IconButton("play", "play", Icon(kPlayIcon, "when-paused") + Icon(kPauseIcon, "when-playing"), "play");
  out += IconButton("next-sentence", "next_sentence", Icon(kNextIcon, "mirror"));
  out +=
      "<div class=\"seek\">\n<div class=\"track\"><input type=\"range\" id=\"seek\" min=\"0\" max=\"0\" step=\"1000\" "
      "value=\"0\" aria-label=\"" +
      T("seek") + "\"><div class=\"marks\" id=\"marks\" aria-hidden=\"true\"></div></div>\n";
  out +=
      "<p class=\"time\" id=\"time\" aria-hidden=\"true\"><span id=\"elapsed\">0:00</span> / "
      "<span id=\"total\">0:00</span></p>\n</div>\n";
  out += "<select id=\"speed\" aria-label=\"" + T("speed") + "\" title=\"" + T("speed") + "\">\n";
  for (const char* rate : {"0.75", "1", "1.25", "1.5", "1.75", "2"}) {
    out += std::string("<option value=\"") + rate + "\"" + (std::string(rate) == "1" ? " selected" : "") + ">" + rate +
           "×</option>\n";
  }
  out += "</select>\n" + Menu() + "</div>\n<audio id=\"audio\" preload=\"metadata\"></audio>\n";
  out += "<p class=\"visually-hidden\" id=\"status\" aria-live=\"polite\"></p>\n</section>\n";
  return out;
}

std::string IndexHtml(const json& book) {
  const std::string title = Html(Str(book, "title"));
  const json& chapters = book.value("chapters", json::array());
  // A book in the Arabic script reads right to left, and so does its page; the
  // interface strings keep their own language.
  const bool arabic = Str(book, "script") == "arabic";
  const std::string text_lang = arabic ? " lang=\"kk-Arab\"" : "";
  std::string out = "<!DOCTYPE html>\n<html lang=\"" + T("language") + "\"" + (arabic ? " dir=\"rtl\"" : "") +
                    ">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + title + "</title>\n";
  out += "<link rel=\"stylesheet\" href=\"page.css\">\n<script src=\"page-data.js\" defer></script>\n";
  out += "<script src=\"page.js\" defer></script>\n</head>\n<body>\n";
  out += "<a class=\"skip\" href=\"#text\">" + T("skip_to_text") + "</a>\n";
  const std::string author = Str(book, "author");
  out += "<header>\n<h1" + text_lang + ">" + title + "</h1>\n" +
         (author.empty() ? "" : "<p class=\"author\">" + Html(author) + "</p>\n") + "</header>\n";
  out += Controls();
  out += "<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">" + T("contents") + "</h2>\n<ol>\n";
  for (size_t c = 0; c < chapters.size(); ++c) {
    out += "<li><a href=\"#c" + std::to_string(c + 1) + "\"" + text_lang + ">" + Html(Str(chapters[c], "title")) +
           "</a> (<a href=\"" + Html(Str(chapters[c], "file")) + "\">" + T("audio_file") + "</a>)</li>\n";
  }
  out += "</ol>\n<noscript><p>" + T("no_script") + "</p></noscript>\n</nav>\n<main id=\"text\" tabindex=\"-1\"" +
         text_lang + (arabic ? " dir=\"rtl\"" : "") + ">\n";
  std::vector<std::string> speakers;
  for (size_t c = 0; c < chapters.size(); ++c) {
    ChapterWriter writer(out, c, speakers);
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
  add(chapter.value("opening_sentences", json::array()));
  add(chapter.value("title_sentences", json::array()));
  for (const json& turn : chapter.value("turns", json::array())) add(turn.value("sentences", json::array()));
  return starts;
}

/// A data: address of the cover, for the artwork of the phone's media controls (the
/// page fetches nothing, so the cover travels inside page-data.js).
std::string CoverAddress(const CoverArt* cover) {
  if (!cover || cover->data.empty()) return "";
  static const char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out = "data:" + cover->mime + ";base64,";
  const std::string& d = cover->data;
  for (size_t i = 0; i < d.size(); i += 3) {
    uint32_t n = static_cast<uint8_t>(d[i]) << 16;
    if (i + 1 < d.size()) n |= static_cast<uint8_t>(d[i + 1]) << 8;
    if (i + 2 < d.size()) n |= static_cast<uint8_t>(d[i + 2]);
    for (size_t k = 0; k < 4; ++k) out += i + k <= d.size() ? kDigits[(n >> (18 - 6 * k)) & 63] : '=';
  }
  return out;
}

std::string PageData(const json& book, const std::string& slug, const CoverArt* cover) {
  const int rate = book.value("sample_rate", 0);
  json data = {{"key", slug},
               {"title", Str(book, "title")},
               {"author", Str(book, "author")},
               {"cover", CoverAddress(cover)},
               {"strings", Strings()},
               {"chapters", json::array()}};
  for (const json& chapter : book.value("chapters", json::array())) {
    data["chapters"].push_back({{"file", Str(chapter, "file")},
                                {"title", Str(chapter, "title")},
                                {"duration", MillisOfSample(chapter.value("samples", int64_t{0}), rate)},
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
  return KeyHasher().Add("web page 2").Add(kWebPageCss).Add(kWebPageJs).Add(kWebPageStrings).Hex();
}

Expected<std::vector<WebPageFile>> RenderWebPage(const json& book, const std::string& slug, const CoverArt* cover) {
  if (book.value("sample_rate", 0) <= 0) return Error{"read-along page: the book has no sample rate"};
  return std::vector<WebPageFile>{{"index.html", IndexHtml(book)},
                                  {"page-data.js", PageData(book, slug, cover)},
                                  {"page.css", std::string(kWebPageCss)},
                                  {"page.js", std::string(kWebPageJs)}};
}

}  // namespace dauys
