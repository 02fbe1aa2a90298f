#pragma once
// Renders the book's files from made segments, without deciding whether to write them
// (Publisher does that): each chapter is its segments' MP3 frames joined behind one
// Info frame, an ID3 tag with a chapter mark per turn, and WebVTT and LRC text timed
// from the join's layout; then the playlist and the book.json manifest; and, on
// request, the whole book as one MP3, written to its temporary as chapters go by so
// memory never holds more than one chapter's frames.

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "audio/mp3_segments.h"
#include "book/book_builder.h"
#include "output/playlist.h"
#include "output/tagger.h"
#include "output/web_page.h"

namespace dauys {

class AtomicFile;
class Publisher;
struct BookPlan;
struct CachedSegment;
class SegmentCache;

/// An MP3 joined segment by segment straight into its temporary, so memory holds one
/// segment's frames whatever the length: room for the Info frame, each segment's
/// frames, then the Info frame over the room.
class Mp3Stream {
 public:
  explicit Mp3Stream(const Mp3Options& options) : joiner_(options) {}
  ~Mp3Stream();
  Status Open(const std::filesystem::path& target);
  /// Appends a segment; returns where its first sample lands in the decoded stream.
  Expected<int64_t> Add(const EncodedSegment& segment);
  /// Writes the Info frame and closes the temporary, ready to tag and publish.
  Expected<AtomicFile*> Finish();
  int64_t samples() const { return joiner_.samples(); }

 private:
  SegmentJoiner joiner_;
  std::unique_ptr<AtomicFile> file_;
};

/// One chapter's files, rendered: the MP3 joined but untagged, its tags beside it.
struct AssembledChapter {
  ChapterResult result;
  std::unique_ptr<Mp3Stream> mp3;  ///< Finished: its temporary holds the joined frames.
  TrackTags tags;
  std::string vtt_name, vtt;
  std::string lrc_name, lrc;
  nlohmann::json manifest;  ///< The chapter's book.json entry, but for the MP3's hash.
};

class BookAssembler {
 public:
  BookAssembler(const Script& script, const BookPlan& plan, const BookOptions& options);
  ~BookAssembler();

  /// Opens the single file's temporary, if options.single_file asks for one.
  Status Open();
  /// Joins chapter `c` from the cache, one segment at a time, into its temporary (the
  /// runner has made its segments; `made` holds their timings) and, for the single
  /// file, appends its frames. Coverage problems
  /// and sentences are counted in `result`.
  Expected<AssembledChapter> AddChapter(size_t c, const SegmentCache& cache, const std::vector<CachedSegment>& made,
                                        BookResult& result);
  /// Enters a published chapter, whose MP3 hashes to `hash`, in the playlist and manifest.
  void AddPublished(AssembledChapter chapter, const std::string& hash, BookResult& result);

  /// The single file with its Info frame written, ready to tag; null without one.
  Expected<AtomicFile*> FinishSingleFile();
  std::string SingleFileName() const { return options_.slug + ".mp3"; }
  TrackTags SingleFileTags() const;
  /// Enters the published single file, whose bytes hash to `hash`, in the manifest.
  void AddSingleFile(const std::string& hash);
  /// Enters the published edition `name` ("epub", "m4b"), whose bytes hash to `hash`,
  /// in the manifest as `<key>` and `<key>_hash`.
  void AddEdition(const std::string& key, const std::string& name, const std::string& hash);
  /// The chapters' book.json entries so far (files, lengths, sentences' samples).
  const nlohmann::json& ManifestChapters() const { return manifest_chapters_; }

  std::string PlaylistName() const { return options_.slug + ".m3u8"; }
  /// The read-along page's files, if options.web asks for them (else none).
  Expected<std::vector<WebPageFile>> WebPage() const;
  std::string Playlist() const;
  /// The script the book is written in, as `--script` names it ("cyrillic", "arabic" …).
  std::string WrittenScript() const;
  /// book.json: the chapters, and each published file's recipe and hashes, so the
  /// next build can tell what it changes.
  std::string Manifest(const BookResult& result, const Publisher& publisher) const;
  /// The hash of the text at this book's first build, which book.json keeps beside
  /// where the text is now (the folder holds the same book while either matches).
  void SetFirstSourceHash(std::string hash) { first_source_hash_ = std::move(hash); }
  /// The day of this book's first build, "YYYY-MM-DD", which book.json keeps as
  /// first_built (the feed's date for a book without one); empty: none.
  void SetFirstBuilt(std::string day) { first_built_ = std::move(day); }

 private:
  struct Timeline;
  Timeline LayOut(size_t c, const std::vector<int64_t>& starts, const std::vector<CachedSegment>& made,
                  BookResult& result) const;
  TrackTags ChapterTags(size_t c, const ChapterResult& chapter, const Timeline& timeline);

  const Script& script_;
  const BookPlan& plan_;
  const BookOptions& options_;
  const std::string comment_;
  nlohmann::json manifest_chapters_ = nlohmann::json::array();
  std::vector<PlaylistEntry> playlist_;
  std::vector<ChapterMark> book_marks_;  ///< The single file's, their ends still open.
  int64_t book_offset_ = 0;  ///< Where the current chapter starts in the single file.
  Mp3Stream book_file_;
  nlohmann::json single_file_;
  nlohmann::json editions_ = nlohmann::json::object();
  std::string first_source_hash_;
  std::string first_built_;
};

}  // namespace dauys
