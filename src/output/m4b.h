#pragma once
// Audiobook apps (Apple Books, BookPlayer, Smart AudioBook Player, Voice) and
// Audiobookshelf show chapters best, or only, for an M4B: AAC-LC in an MP4 container
// with a QuickTime chapter text track and a Nero `chpl` list. This writes one from the
// book's chapter MP3s through FFmpeg's libraries (decode, then the native AAC encoder
// into the `ipod` muxer), so nothing is spoken again and the loudness is the MP3s'.
// The bytes depend only on the inputs: bit-exact flags, no creation time.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "output/tagger.h"
#include "util/error.h"

namespace dauys {

class AtomicFile;

/// One chapter's audio: a published chapter MP3 and the exact samples it holds.
struct M4bPart {
  std::filesystem::path mp3;
  int64_t samples = 0;  ///< book.json's count; the decoded audio is cut or padded to it.
  /// Silence after it: where the single file holds the encoder padding of this chapter
  /// and the delay of the next, so the M4B keeps the single file's times.
  int64_t gap = 0;
};

/// A chapter mark of the M4B, in milliseconds from its start.
struct M4bMark {
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  std::string title;
};

struct M4bBook {
  std::vector<M4bPart> parts;   ///< In order: the book's audio, joined.
  std::vector<M4bMark> marks;   ///< The single-file MP3's marks.
  int sample_rate = 22050;      ///< Mono, as the MP3s.
  int bitrate_kbps = 64;
  std::string title;            ///< ©nam and ©alb.
  std::string author;           ///< ©ART and aART.
  std::string narrator;         ///< ©wrt (Audiobookshelf reads the composer as the narrator).
  int year = 0;                 ///< ©day; 0: none.
  std::string genre = "Audiobook";
  const CoverArt* cover = nullptr;  ///< covr; null: none.
};

/// Encodes `book` into `file` (its temporary; the caller publishes it). An Error names
/// the MP3 that cannot be read or what FFmpeg refused.
Status WriteM4b(const M4bBook& book, AtomicFile& file);

/// "libavformat 59.27.100, libavcodec 59.37.100": the libraries whose output the
/// edition's recipe covers.
std::string M4bLibraryVersions();

}  // namespace dauys
