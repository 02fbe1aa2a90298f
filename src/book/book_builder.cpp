#include "book/book_builder.h"

#include <set>

#include "book/book_assembler.h"
#include "book/book_plan.h"
#include "book/publisher.h"
#include "book/segment_runner.h"
#include "cache/segment_cache.h"
#include "util/atomic_file.h"

namespace dauys {

namespace fs = std::filesystem;

std::string DisplayName(const Speaker& speaker) {
  if (!speaker.name.empty()) return speaker.name;
  switch (speaker.role) {
    case Role::kNarrator: return "Диктор";
    case Role::kInterviewer: return "Тілші";
    case Role::kInterviewee: return "Сұхбат беруші";
  }
  return "Диктор";
}

namespace {

/// Reports the segments the cache lacks and the chapters they are in.
BookResult DryRun(const Script& script, const BookPlan& plan, const SegmentCache& cache, const BookOptions& options) {
  BookResult result;
  result.sample_rate = plan.sample_rate;
  std::set<size_t> chapters;
  for (const PlannedSegment& s : plan.segments) {
    if (cache.Contains(s.key)) {
      ++result.segments_reused;
      continue;
    }
    ++result.segments_synthesized;
    chapters.insert(s.chapter);
    if (options.explain) {
      options.explain("would synthesize: chapter " + std::to_string(s.chapter + 1) + ", line " +
                      std::to_string(s.line) + ": " + Excerpt(s.written));
    }
  }
  if (options.explain) {
    for (size_t c : chapters) {
      options.explain("would rewrite chapter " + std::to_string(c + 1) + ": " + script.chapters[c].title);
    }
  }
  return result;
}

/// Assembles and publishes the chapters as the runner finishes them, then the single
/// file, the playlist and the manifest.
Status AssembleAndPublish(const Script& script, const SegmentCache& cache,
                          SegmentRunner& runner, BookAssembler& assembler, Publisher& publisher, BookResult& result) {
  for (size_t c = 0; c < script.chapters.size(); ++c) {
    if (Status s = runner.WaitForChapter(c); !s) return s;
    Expected<AssembledChapter> chapter = assembler.AddChapter(c, cache, runner.made(), result);
    if (!chapter) return chapter.error();
    Expected<std::string> hash = publisher.WriteMp3(chapter->result.file, chapter->mp3, chapter->tags);
    if (!hash) return hash.error();
    if (Status s = publisher.Write(chapter->vtt_name, chapter->vtt); !s) return s;
    if (Status s = publisher.Write(chapter->lrc_name, chapter->lrc); !s) return s;
    assembler.AddPublished(std::move(*chapter), *hash, result);
  }
  Expected<AtomicFile*> single = assembler.FinishSingleFile();
  if (!single) return single.error();
  if (*single) {
    Expected<std::string> hash = publisher.PublishMp3(**single, assembler.SingleFileName(), assembler.SingleFileTags());
    if (!hash) return hash.error();
    assembler.AddSingleFile(*hash);
  }
  result.playlist = assembler.PlaylistName();
  if (Status s = publisher.Write(result.playlist, assembler.Playlist()); !s) return s;
  if (Status s = publisher.Write("book.json", assembler.Manifest(result)); !s) return s;
  publisher.RemoveDropped();
  return {};
}

}  // namespace

Expected<BookResult> BuildBook(const Script& script, const std::map<std::string, VoiceProfile>& voices,
                               const Normalizer& normalizer, const SpeechEngine& engine, const BookOptions& options,
                               const ProgressCallback& progress) {
  Expected<BookPlan> plan = PlanBook(script, voices, normalizer, engine, options);
  if (!plan) return plan.error();
  const fs::path cache_dir = options.cache_dir.empty() ? options.book_dir.parent_path() / ".cache" : options.cache_dir;
  const SegmentCache cache(cache_dir / "segments");
  if (options.dry_run) return DryRun(script, *plan, cache, options);

  Expected<std::unique_ptr<FolderLock>> lock = FolderLock::Acquire(options.book_dir);
  if (!lock) return lock.error();
  BookResult result;
  result.sample_rate = plan->sample_rate;
  Publisher publisher(options.book_dir, result, options.explain);
  publisher.NoteEarlierFiles();
  BookAssembler assembler(script, *plan, options);
  if (Status s = assembler.Open(); !s) return s.error();
  // The runner's workers make segments while this thread joins and publishes each
  // chapter as soon as its last segment is made.
  SegmentRunner runner(*plan, cache, engine, options, progress);
  runner.Start(result);
  if (Status s = AssembleAndPublish(script, cache, runner, assembler, publisher, result); !s) return s.error();
  return result;
}

}  // namespace dauys
