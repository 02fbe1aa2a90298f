#pragma once
// The companions of a book's MP3 files: an extended M3U playlist that players and
// screen-reader friendly apps open as one book, and a JSON manifest with the exact
// figures (sample counts, durations) that tests and tools read back.

#include <optional>
#include <string>
#include <vector>

namespace dauys {

struct PlaylistEntry {
  std::string file;   ///< Relative to the playlist.
  std::string title;
  std::string artist;
  double seconds = 0;
};

/// UTF-8 `#EXTM3U` text with one `#EXTINF:<seconds>,<artist> - <title>` per entry.
std::string RenderM3u8(const std::string& book_title, const std::vector<PlaylistEntry>& entries);

}  // namespace dauys
