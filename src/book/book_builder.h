#pragma once
// Renders a segmented script into a finished audiobook folder: one tagged MP3 per
// chapter with a chapter mark per turn, WebVTT and LRC synced text beside each, an
// M3U8 playlist, a book.json manifest and, on request, the whole book as one MP3.
// Audio flows sentence by sentence from the speech engine through loudness
// normalization into the encoders, so memory holds MP3 bytes, never a book of PCM.

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audio/loudness.h"
#include "book/pauses.h"
#include "output/tagger.h"
#include "speech/voice_profile.h"
#include "text/script.h"
#include "util/error.h"

namespace dauys {

class Normalizer;
class SpeechEngine;

struct BookOptions {
  std::filesystem::path book_dir;  ///< output/<slug>; created if missing.
  std::string slug;                ///< Names the playlist and the single file.
  std::string title;               ///< Book title (TALB); never empty.
  std::string author;              ///< Album artist (TPE2); never empty.
  std::optional<int> year;         ///< TDRC.
  int bitrate = 64;                ///< kbps CBR.
  PauseSettings pauses;
  LoudnessOptions loudness;
  bool single_file = false;        ///< Also write <slug>.mp3 with the whole book.
  std::optional<CoverArt> cover;   ///< APIC front cover in every file.
};

/// A sentence whose words eSpeak NG did not all speak.
struct CoverageProblem {
  int line = 0;             ///< Input line of the paragraph.
  std::string sentence;     ///< As written.
  size_t expected = 0;      ///< Words in the normalized sentence.
  size_t spoken = 0;        ///< WORD events eSpeak NG reported.
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
  size_t sentences = 0;
  std::vector<CoverageProblem> coverage_problems;
};

/// Called before each chapter is rendered: (1-based chapter, chapter count, title).
using ProgressCallback = std::function<void(int, int, const std::string&)>;

/// The name a listener hears for an unnamed speaker ("Диктор", "Тілші", "Сұхбат беруші").
std::string DisplayName(const Speaker& speaker);

/// Renders `script` with `voices` into options.book_dir; every paragraph and title is
/// split into sentences, normalized and spoken one sentence at a time. Files appear
/// atomically; a chapter file a previous build made and this one does not is removed.
Expected<BookResult> BuildBook(const Script& script, const std::map<std::string, VoiceProfile>& voices,
                               const Normalizer& normalizer, SpeechEngine& engine, const BookOptions& options,
                               const ProgressCallback& progress = {});

}  // namespace dauys
