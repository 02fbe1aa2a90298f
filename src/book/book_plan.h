#pragma once
// What a book should be, decided before anything is spoken or written: every segment
// (one sentence with the silence before it) with the cache key that names its bytes,
// and every chapter with its segments and the name of its files. Planning has no side
// effects, so a dry run and a build work from the same plan, and the stages after it
// (SegmentRunner, BookAssembler, Publisher) only make and publish what it names.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "audio/mp3_encoder.h"
#include "book/book_builder.h"
#include "util/error.h"

namespace dauys {

class Normalizer;
class SpeechEngine;

/// One segment of a chapter: a sentence with the silence before (and, for the last of
/// a chapter, after) it.
struct PlannedSegment {
  size_t chapter = 0;  ///< Index into BookPlan::chapters.
  int turn = -1;       ///< Index into the chapter's turns; -1: the chapter title.
  int line = 0;        ///< Input line of its paragraph.
  std::string written;
  std::string spoken;  ///< Normalize(written): what eSpeak NG is given.
  size_t expected_words = 0;
  const VoiceProfile* voice = nullptr;  ///< Null: a silent segment (a chapter with nothing to say).
  std::string speaker;                  ///< DisplayName of its speaker.
  double lead = 0;                      ///< Seconds of silence before the sentence.
  double tail = 0;                      ///< Seconds after it (last of a chapter only).
  bool joined = false;  ///< Follows another segment in its chapter: the join adds silence.
  std::string key;      ///< SegmentCache key: hashes everything that decides the bytes.
};

/// One chapter: its segments and the base name of its .mp3, .vtt and .lrc files.
struct PlannedChapter {
  size_t begin = 0;  ///< Its segments are BookPlan::segments[begin, end).
  size_t end = 0;
  std::string base;  ///< "03-zertkhana-men-zhosparlar"; unique within the book.
};

struct BookPlan {
  int sample_rate = 0;
  Mp3Options mp3;
  std::string narrator_name;
  std::vector<PlannedSegment> segments;
  std::vector<PlannedChapter> chapters;  ///< Parallel to Script::chapters.
};

/// Plans `script`: splits every title and paragraph into sentences, normalizes them,
/// sets the pauses and computes each segment's key. Fails if a speaker's voice is not
/// in `voices` or eSpeak NG cannot speak it.
Expected<BookPlan> PlanBook(const Script& script, const std::map<std::string, VoiceProfile>& voices,
                            const Normalizer& normalizer, const SpeechEngine& engine, const BookOptions& options);

/// The first six words of `text`, for reports.
std::string Excerpt(const std::string& text);

}  // namespace dauys
