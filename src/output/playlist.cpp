#include "output/playlist.h"

#include <cstdio>

#include "util/unicode.h"

namespace dauys {

namespace {
/// An entry is one line: no line break, tab or NUL.
std::string OneLine(const std::string& s) { return WithoutControls(s); }
}  // namespace

std::string RenderM3u8(const std::string& book_title, const std::vector<PlaylistEntry>& entries) {
  std::string out = "#EXTM3U\n#PLAYLIST:" + OneLine(book_title) + "\n";
  for (const PlaylistEntry& e : entries) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.3f", e.seconds);
    std::string label = e.artist.empty() ? e.title : e.artist + " - " + e.title;
    out += std::string("#EXTINF:") + seconds + "," + OneLine(label) + "\n" + e.file + "\n";
  }
  return out;
}

}  // namespace dauys
