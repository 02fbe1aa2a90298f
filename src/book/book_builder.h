#pragma once
// Renders a segmented script into a finished audiobook folder: one tagged MP3 per
// chapter with a chapter mark per turn, WebVTT and LRC synced text beside each, an
// M3U8 playlist, a book.json manifest and, on request, the whole book as one MP3.
//
// A build runs four stages, split the way ninja splits a build:
//   PlanBook        (book_plan.h)       every segment (sentence + silence) and its cache
//                                        key, every chapter and its file names; no side effects
//   SegmentRunner   (segment_runner.h)  reads cached segments; worker threads speak,
//                                        master and encode the others into the cache
//   BookAssembler   (book_assembler.h)  a chapter's segments joined, tagged, timed into
//                                        subtitles; playlist, manifest, single file
//   Publisher       (publisher.h)       writes only files whose bytes change, atomically;
//                                        removes files the book no longer has
// Memory holds MP3 bytes of one chapter and a bounded number of PCM segments, never a
// book of PCM; a rebuild after an edit speaks only the changed sentences.

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
  std::string input_name;          ///< The input's file name, recorded in book.json.
  /// Where the text comes from, as book.json records it: its path inside the folder
  /// given, or the absolute path of a file given directly; "" (tests): not checked.
  std::string source_path;
  std::string source_file;         ///< The text's absolute path.
  std::string source_hash;         ///< HashBytes of the text as read (its lines, NFC).
  /// Build even if the folder holds the book of another text (--replace).
  bool replace = false;
  std::string title;               ///< Book title (TALB); never empty.
  std::string author;              ///< Album artist (TPE2); never empty.
  std::optional<int> year;         ///< TDRC.
  std::string date;                ///< "YYYY-MM-DD" from the sidecar, for the podcast feed; empty: none.
  /// "YYYY-MM-DD": the day of this build (UTC), which book.json keeps as first_built on
  /// the book's first build, for the feed of a book without a date; empty: not kept.
  std::string today;
  int bitrate = 64;                ///< kbps CBR.
  PauseSettings pauses;
  LoudnessOptions loudness;
  bool single_file = false;        ///< Also write <slug>.mp3 with the whole book.
  bool web = false;                ///< Also write the read-along page (index.html, ...).
  bool epub = false;               ///< Also write <slug>.epub, the read-along edition (EPUB 3).
  /// Also write <slug>.m4b (AAC, chapters) and Audiobookshelf's cover, desc.txt, reader.txt.
  bool m4b = false;
  std::string description;         ///< The sidecar's [book] description, for desc.txt; empty: the lead.
  std::optional<CoverArt> cover;   ///< APIC front cover in every file.
  /// The options the book remembers, a JSON object as text, for book.json's "settings";
  /// empty or "{}": none.
  std::string settings;
  std::filesystem::path cache_dir; ///< Segment cache; default <book_dir>/../.cache.
  int jobs = 1;                    ///< Cores to keep busy (jobs + 1 worker threads); 1: no threads.
  bool dry_run = false;            ///< Only report what would change.
  /// Receives one line for each segment synthesized and each file written, retagged,
  /// renamed or removed, saying why (--explain); with dry_run, what would be.
  std::function<void(const std::string&)> explain;
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
  size_t segments_synthesized = 0;
  size_t segments_reused = 0;
  size_t files_written = 0;   ///< New bytes, audio included.
  size_t files_retagged = 0;  ///< Same audio, other tags.
  size_t files_renamed = 0;   ///< Same audio (or bytes) under a new name.
  size_t files_removed = 0;
  size_t files_uncertain = 0;  ///< Dry run: subtitles or playlist whose times may round the same.
  size_t files_unchanged = 0;
  /// "write 03-a.mp3: new text", one line per file written, retagged, renamed or
  /// removed (for a dry run: that would be).
  std::vector<std::string> file_changes;
  std::vector<std::string> chapters_changed;  ///< "3 Title", chapters with a file changed.
  std::vector<std::string> chapters_removed;  ///< "5 Title", chapters an earlier build had.
  std::optional<double> seconds_before;       ///< The earlier build's length, if there was one.
  std::vector<CoverageProblem> coverage_problems;
  /// Every file was as the plan wants it: nothing was made or written.
  bool up_to_date = false;
};

/// Progress while segments are made: segments done and in all, chapters whose
/// segments are all done, seconds of audio done.
struct Progress {
  size_t segments_done = 0;
  size_t segments_total = 0;
  int chapters_done = 0;
  int chapters_total = 0;
  double audio_seconds = 0;
};
using ProgressCallback = std::function<void(const Progress&)>;

/// The name a listener hears for an unnamed speaker ("Диктор", "Тілші", "Сұхбат беруші").
std::string DisplayName(const Speaker& speaker);

/// Renders `script` with `voices` into options.book_dir; every paragraph and title is
/// split into sentences, normalized and spoken one sentence at a time. Files appear
/// atomically; a chapter file a previous build made and this one does not is removed.
/// A book whose files all hold what the plan's recipes say (book.json and the hashes of
/// the files on disk agree, no build was cut short) is left alone without reading the
/// cache: `up_to_date` is set and every file counts as unchanged.
Expected<BookResult> BuildBook(const Script& script, const std::map<std::string, VoiceProfile>& voices,
                               const Normalizer& normalizer, const SpeechEngine& engine, const BookOptions& options,
                               const ProgressCallback& progress = {});

struct BookPlan;

/// BuildBook for a plan already made by PlanBook, as a batch that plans its next books
/// ahead does.
Expected<BookResult> BuildPlannedBook(const Script& script, const BookPlan& plan, const SpeechEngine& engine,
                                      const BookOptions& options, const ProgressCallback& progress = {});

/// Whether every file in options.book_dir is as `plan` makes it, so a build would
/// change nothing (checked without the folder's lock: a batch asks before it makes a
/// book's segments ahead; the build asks again).
bool IsUpToDate(const Script& script, const BookPlan& plan, const BookOptions& options);

/// Where the book's segment cache is: options.cache_dir, or .cache beside the book folder.
std::filesystem::path CacheDir(const BookOptions& options);

}  // namespace dauys
