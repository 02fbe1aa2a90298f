#pragma once
// What a book should be, decided before anything is spoken or written: every segment
// (one sentence with the silence before it) with the cache key that names its bytes,
// and every chapter with its segments and the name of its files. Planning has no side
// effects, so a dry run and a build work from the same plan, and the stages after it
// (SegmentRunner, BookAssembler, Publisher) only make and publish what it names.

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "audio/mp3_encoder.h"
#include "book/book_builder.h"
#include "output/captions.h"
#include "util/error.h"

namespace dauys {

class Normalizer;
class SpeechEngine;

/// One segment of a chapter: a sentence with the silence before (and, for the last of
/// a chapter, after) it.
struct PlannedSegment {
  size_t chapter = 0;  ///< Index into BookPlan::chapters.
  int turn = -1;       ///< Index into the chapter's turns; -1: the chapter title (or the book's opening).
  int line = 0;        ///< Input line of its paragraph.
  std::string written;
  std::string spoken;  ///< Normalize(written): what eSpeak NG is given.
  std::string language = "kk";  ///< "ru", "en": spoken by that eSpeak NG voice (`voice`).
  size_t expected_words = 0;
  const VoiceProfile* voice = nullptr;  ///< Null: a silent segment (a chapter with nothing to say).
  std::string speaker;                  ///< DisplayName of its speaker.
  double lead = 0;                      ///< Seconds of silence before the sentence.
  double tail = 0;                      ///< Seconds after it (last of a chapter only).
  bool joined = false;  ///< Follows another segment in its chapter: the join adds silence.
  /// Pieces of one sentence in two voices (a Russian saying in a Kazakh sentence) meet
  /// with no more silence than a comma's: eSpeak NG's own silence is trimmed after a
  /// piece another follows (`clause_after`) and before one that follows (`clause_before`).
  bool clause_before = false;
  bool clause_after = false;
  bool announcement = false;  ///< The narrator saying the name of `turn`'s speaker.
  bool opening = false;       ///< The narrator saying the book's title and author (Script::opening).
  bool quoted = false;  ///< A direct quote of an article, in the quoted speaker's voice.
  std::string key;      ///< SegmentCache key: hashes everything that decides the bytes.
  /// Hashes what decides where the speech falls in the segment (the key but for the
  /// bit rate and the tail): subtitles and chapter marks change only when it does.
  std::string timing;
  /// A sentence too long for one caption: its pieces (empty: one cue).
  std::vector<CaptionPiece> captions;
};

/// One chapter: its segments and the base name of its .mp3, .vtt and .lrc files.
struct PlannedChapter {
  size_t begin = 0;  ///< Its segments are BookPlan::segments[begin, end).
  size_t end = 0;
  std::string base;  ///< "03-zertkhana-men-zhosparlar"; unique within the book.
  std::vector<std::string> speakers;     ///< Display names in order of first turn (TPE1).
  std::vector<std::string> turn_titles;  ///< Chapter-mark title per turn.
  /// The single file's marks in this chapter: one per turn ("Chapter — Name: first
  /// words …"), or the chapter title alone for a chapter without turns.
  std::vector<std::string> book_mark_titles;
};

/// One output file and the recipe of its bytes: equal recipes give equal bytes, so a
/// build can tell what it will change by comparing recipes with those book.json
/// recorded, without making anything.
struct PlannedFile {
  std::string name;    ///< Inside the book folder.
  int chapter = 0;     ///< Its chapter's number; 0: a file of the whole book.
  int index = -1;      ///< Its chapter's index in BookPlan::chapters; -1: a file of the whole book.
  std::string recipe;  ///< Hash of everything that decides the file's bytes.
  std::string audio;   ///< MP3s: hash of what decides the audio frames (the segment keys).
  std::string length;  ///< Chapter MP3s: hash of what decides their length in samples.
  /// Subtitles and the playlist: the recipe but for the timings, which are known only
  /// once the segments are made; when only they change, the file may keep its bytes
  /// (times are rounded to centiseconds or seconds).
  std::string text;
  /// MP3s: each tag field ("title", "track count", ...) and its value or hash, so a
  /// retag can say which changed.
  std::map<std::string, std::string> tags;
};

struct BookPlan {
  int sample_rate = 0;
  Mp3Options mp3;
  std::string narrator_name;
  std::vector<PlannedSegment> segments;
  std::vector<PlannedChapter> chapters;  ///< Parallel to Script::chapters.
  /// Every file the build publishes: each chapter's .mp3, .vtt and .lrc (files[3 * c]
  /// is chapter c's MP3), then the single file, the playlist, the read-along page, the
  /// EPUB, and book.json last.
  std::vector<PlannedFile> files;
  std::map<std::string, std::string> voices;  ///< Speaker display name → hash of its voice.
  std::string pauses;                          ///< PauseSettings::Describe().
  double loudness = 0;                         ///< Target, LUFS.
  /// book.json records the day of the book's first build (BookOptions::today is given).
  bool records_first_built = false;
  /// A speaker's profile in another language, for their Russian or English sentences;
  /// by language and profile. Segments point into it.
  std::map<std::string, std::unique_ptr<VoiceProfile>> foreign_voices;
};

/// "Name: first words …" in at most `max_bytes` of UTF-8, for chapter marks.
std::string MarkTitle(const std::string& name, const std::string& text, size_t max_bytes = 100);
/// `text` if it fits in `max_bytes` (at least 8), else its first words and " …".
std::string ShortenAtWord(const std::string& text, size_t max_bytes);

/// Plans `script`: splits every title and paragraph into sentences, normalizes them,
/// sets the pauses and computes each segment's key. Fails if a speaker's voice is not
/// in `voices` or eSpeak NG cannot speak it.
Expected<BookPlan> PlanBook(const Script& script, const std::map<std::string, VoiceProfile>& voices,
                            const Normalizer& normalizer, const SpeechEngine& engine, const BookOptions& options);

/// "A, B".
std::string JoinNames(const std::vector<std::string>& names);

/// The first six words of `text`, for reports.
std::string Excerpt(const std::string& text);

/// The chapter number in a file name ("07", "0042"), as wide as the chapter count's
/// digits and at least 2, so names sort in order for any number of chapters.
std::string FileNumber(int n, size_t total);

/// Whether a build of the book `slug` could write a file called `name`: a chapter's
/// "07-title.mp3", ".vtt" or ".lrc", "<slug>.mp3", "<slug>.m3u8", "<slug>.epub", the
/// read-along page's files or book.json. A build removes files an earlier book.json or
/// journal lists only if they are such names, so a planted or edited book.json cannot
/// make it remove any other file.
bool IsBookFileName(const std::string& name, const std::string& slug);

}  // namespace dauys
