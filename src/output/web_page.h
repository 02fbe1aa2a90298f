#pragma once
// A read-along page for a book, so a newsroom can put the audio edition next to the
// article and a reader with low vision can follow the text while listening: the
// book's text as written, chapter by chapter and turn by turn, with a player that
// plays the chapter MP3s in order and marks the sentence being spoken. Plain HTML, CSS
// and JavaScript with nothing fetched: it works from file:// and any static server.
//
// The page is four files beside the MP3s: index.html (the text and the player's
// buttons, rendered here), page-data.js (each chapter's file and sentence start times,
// and the interface strings, as a script because fetch() of JSON fails from file://),
// and page.css and page.js, copied from src/output/web/ (compiled into dauys). The
// interface strings are all in src/output/web/strings.kk.json: a translation is
// that one file.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/error.h"

namespace dauys {

struct CoverArt;

struct WebPageFile {
  std::string name;   ///< Inside the book folder.
  std::string bytes;
};

/// index.html, page-data.js, page.css, page.js, in that order.
const std::vector<std::string>& WebPageNames();

/// Hash of the page's fixed parts (the CSS, the JavaScript, the strings), for the
/// recipes of the files.
std::string WebAssetsHash();

/// The page's files for `book`, an object shaped like book.json: "title", "author",
/// "sample_rate", "script" ("arabic" lays the page out right to left), and "chapters"
/// with "title", "file", "samples", "title_sentences" and "turns" (each with "name",
/// "role" and "sentences" of "text", "line", "start_sample", "language"). `slug` names
/// the book's place in the browser's storage; `cover`, if any, is the artwork the
/// page gives the phone's media controls.
Expected<std::vector<WebPageFile>> RenderWebPage(const nlohmann::json& book, const std::string& slug,
                                                 const CoverArt* cover = nullptr);

}  // namespace dauys
