#pragma once
// Renders a segmented script into a finished audiobook folder: one tagged MP3 per
// chapter, an M3U8 playlist and a book.json manifest. Audio flows paragraph by
// paragraph from the speech engine into the chapter's encoder, so memory holds one
// chapter's MP3 bytes, never a book of PCM.

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "speech/voice_profile.h"
#include "text/script.h"
#include "util/error.h"

namespace dauys {

class Normalizer;
class SpeechEngine;

/// Silences placed around speech, in seconds.
struct PauseSettings {
  double head = 0.6;              ///< Start of every chapter file.
  double after_title = 0.9;       ///< After the narrator reads the chapter title.
  double between_paragraphs = 0.35;
  double between_turns = 0.6;
  double tail = 2.0;              ///< End of every chapter file.
};

struct BookOptions {
  std::filesystem::path book_dir;  ///< output/<slug>; created if missing.
  std::string slug;                ///< Names the playlist.
  std::string title;               ///< Book title (TALB); never empty.
  std::string author;              ///< Album artist (TPE2); never empty.
  std::optional<int> year;         ///< TDRC.
  int bitrate = 64;                ///< kbps CBR.
  PauseSettings pauses;
};

struct ChapterResult {
  int number = 0;
  std::string title;
  std::string file;      ///< Name inside book_dir.
  int64_t samples = 0;   ///< Exact PCM samples encoded.
  std::vector<std::string> speakers;
};

struct BookResult {
  int sample_rate = 0;
  std::vector<ChapterResult> chapters;
  std::string playlist;  ///< Name inside book_dir.
  double seconds = 0;
};

/// Called before each chapter is rendered: (1-based chapter, chapter count, title).
using ProgressCallback = std::function<void(int, int, const std::string&)>;

/// The name a listener hears for an unnamed speaker ("Диктор", "Тілші", "Сұхбат беруші").
std::string DisplayName(const Speaker& speaker);

/// Renders `script` with `voices` into options.book_dir; every paragraph and title is
/// normalized, split into sentences and spoken one sentence at a time. Files appear atomically; a
/// chapter file a previous build made and this one does not is removed.
Expected<BookResult> BuildBook(const Script& script, const std::map<std::string, VoiceProfile>& voices,
                               const Normalizer& normalizer, SpeechEngine& engine, const BookOptions& options,
                               const ProgressCallback& progress = {});

}  // namespace dauys
