#pragma once
// Makes the segments a plan needs: reads those the cache holds and has the rest
// spoken, mastered, encoded and stored by worker threads (each sentence spoken in a
// child of the speech engine's zygote), like ninja's CommandRunner runs the commands a
// plan hands it. The main thread meanwhile waits for one chapter at a time and joins
// it while the workers speak the next. A sentence planned twice with the same key is
// made once.

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "book/book_builder.h"
#include "cache/segment_cache.h"

namespace dauys {

struct BookPlan;
struct EarlierBook;
class SpeechEngine;
class WorkerPool;

class SegmentRunner {
 public:
  /// `earlier` (the book as an earlier build left it) gives --explain its reasons.
  SegmentRunner(const BookPlan& plan, const SegmentCache& cache, const SpeechEngine& engine,
                const BookOptions& options, const EarlierBook& earlier, const ProgressCallback& progress);
  /// Skips the jobs still queued and waits for the running ones.
  ~SegmentRunner();

  /// Goes through the plan in order: a cached segment is read here, a missing one is
  /// queued for the workers (made here when options.jobs is 1). Counts both in `result`
  /// and explains each synthesis.
  void Start(BookResult& result);
  /// Waits until every segment of chapter `c` is made; the first failure otherwise.
  Status WaitForChapter(size_t c);
  /// The segments' timings (their frames stay in the cache); a chapter's are set once
  /// WaitForChapter has returned for it.
  const std::vector<CachedSegment>& made() const { return made_; }

 private:
  void Make(size_t i);
  void Record(size_t i, const CachedSegment& segment);  // mutex_ held
  void Done(size_t i, CachedSegment segment);
  void Fail(const Error& error);
  bool Cancelled();

  const BookPlan& plan_;
  const SegmentCache& cache_;
  const SpeechEngine& engine_;
  const BookOptions& options_;
  const EarlierBook& earlier_;
  const ProgressCallback& progress_;

  std::mutex mutex_;  // guards everything below but pool_
  std::condition_variable chapter_done_;
  std::vector<CachedSegment> made_;
  std::vector<bool> recorded_;
  std::vector<size_t> left_in_chapter_;
  std::map<std::string, size_t> first_with_key_;       // a key's first segment
  std::map<size_t, std::vector<size_t>> copies_of_;    // later segments waiting for it
  std::optional<Error> failure_;
  bool cancelled_ = false;  // a failure, or the runner going away
  Progress status_;
  std::unique_ptr<WorkerPool> pool_;
};

/// Makes segments ahead of the books that need them. A batch plans its next books while
/// it joins the current one and hands their plans here; this pool's workers speak,
/// master, encode and store the segments the cache lacks, so a batch of small books
/// keeps every core busy as one long book does. A key planned by several books is made
/// once. A failure is not reported here: the book's own build meets the missing
/// segment and says what went wrong. It holds the cache's lock shared while it lives,
/// so `cache gc` cannot remove an entry it is making between two books; when the lock
/// is not to be had (gc is running) it makes nothing and each book's build says why.
class SegmentPrefetcher {
 public:
  /// `jobs` as BookOptions::jobs (jobs + 1 workers).
  SegmentPrefetcher(const SegmentCache& cache, const SpeechEngine& engine, int jobs);
  /// Drops what is still queued and waits for the running jobs.
  ~SegmentPrefetcher();

  /// Queues the segments of `plan` the cache lacks; `plan` must live until Wait(plan).
  void Add(const BookPlan& plan, const LoudnessOptions& loudness);
  /// Waits until every segment `plan` needs from the queue is made (or failed), telling
  /// `progress` as they come; returns how many were made for `plan` itself.
  size_t Wait(const BookPlan& plan, const ProgressCallback& progress);

 private:
  struct Ticket {
    size_t queued = 0;  ///< Segments of the plan waited for.
    size_t done = 0;
    size_t made = 0;    ///< Made by this plan's own jobs.
    double seconds = 0;
  };
  void Make(const BookPlan& plan, size_t i, LoudnessOptions loudness);

  const SegmentCache& cache_;
  const SpeechEngine& engine_;
  std::mutex mutex_;  // guards the members below but pool_
  std::condition_variable done_;
  std::map<std::string, std::vector<const BookPlan*>> waiting_;  // a queued key → the plans that need it
  std::map<const BookPlan*, Ticket> tickets_;
  bool cancelled_ = false;
  std::unique_ptr<FileLock> cache_lock_;  // null: nothing is made ahead
  std::unique_ptr<WorkerPool> pool_;  // last: its workers stop before the rest goes
};

}  // namespace dauys
