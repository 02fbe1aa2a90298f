#pragma once
// ID3v2.4 tags in UTF-8 through TagLib: what players, audiobook apps and screen readers
// show for each chapter file.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "util/error.h"

namespace dauys {

/// An ID3v2 CHAP frame: a span of the file a player can jump to.
struct ChapterMark {
  std::string id;          ///< Element id, unique in the file ("t3", "c2").
  uint32_t start_ms = 0;
  uint32_t end_ms = 0;
  std::string title;       ///< TIT2 sub-frame.
};

/// An ID3v2 CTOC frame listing CHAP (or CTOC) ids in order.
struct TableOfContents {
  std::string id;
  std::string title;
  bool top_level = false;
  std::vector<std::string> children;
};

/// Front cover art (APIC, type 3).
struct CoverArt {
  std::string mime;   ///< "image/png" or "image/jpeg".
  std::string data;
};

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
  std::vector<ChapterMark> chapters;  ///< CHAP frames
  std::vector<TableOfContents> tocs;  ///< CTOC frames; exactly one top-level
  const CoverArt* cover = nullptr;    ///< APIC front cover, if any
};

class AtomicFile;

/// Chapter-mark titles are cut to this many bytes at a word boundary: ffmpeg (and the
/// players built on it) drops a CHAP frame whose title sub-frame reaches 128 bytes.
constexpr size_t kMaxMarkTitleBytes = 120;

/// Replaces every tag of the MP3 at `path` with an ID3v2.4 tag holding `tags`, then
/// reads the file back: an error unless it holds the tag followed by the unchanged
/// audio. Text values lose NUL and control characters.
Status WriteTags(const std::filesystem::path& path, const TrackTags& tags);
/// The same for the temporary of `file`, whose Commit() then checks the tagged size.
Status WriteTags(AtomicFile& file, const TrackTags& tags);

/// The CHAP frames of the MP3 at `path` (a regular file), ordered by start: what a
/// player shows, for files that describe the MP3 (the podcast's chapters).
Expected<std::vector<ChapterMark>> ReadChapterMarks(const std::filesystem::path& path);

}  // namespace dauys
