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

}  // namespace dauys
