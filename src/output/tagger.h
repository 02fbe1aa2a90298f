#pragma once
// ID3v2.4 tags in UTF-8 through TagLib: what players, audiobook apps and screen readers
// show for each chapter file.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "util/error.h"

namespace dauys {

struct TrackTags {
  std::string title;                 ///< TIT2
  std::string album;                 ///< TALB: the book title
  std::vector<std::string> artists;  ///< TPE1: the speakers of this file
  std::string album_artist;          ///< TPE2
  int track = 0;                     ///< TRCK n/total
  int track_total = 0;
  std::string genre = "Audiobook";   ///< TCON
  std::string language = "kaz";      ///< TLAN, ISO 639-2
  std::optional<int> year;           ///< TDRC
  std::string comment;               ///< COMM (language "kaz")
};

/// Replaces every tag of the MP3 at `path` with an ID3v2.4 tag holding `tags`.
Status WriteTags(const std::filesystem::path& path, const TrackTags& tags);

}  // namespace dauys
