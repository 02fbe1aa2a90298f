#include "book/book_builder.h"

#include <set>

#include "book/book_assembler.h"
#include "book/book_diff.h"
#include "book/book_plan.h"
#include "book/epub_edition.h"
#include "book/m4b_edition.h"
#include "book/publisher.h"
#include "book/segment_runner.h"
#include "cache/segment_cache.h"
#include "util/atomic_file.h"
#include "util/calendar_date.h"
#include "util/real_folder.h"

namespace dauys {

namespace fs = std::filesystem;

std::string DisplayName(const Speaker& speaker) {
  if (!speaker.name.empty()) return speaker.name;
  switch (speaker.role) {
    case Role::kNarrator: return "Диктор";
    case Role::kInterviewer: return "Тілші";
    case Role::kInterviewee: return "Сұхбат беруші";
    case Role::kQuoted: return "Дәйексөз";  // never a journalist or a guest
  }
  return "Диктор";
}

namespace {

/// Counts `changes` into `result`, with the chapters they touch, and explains each.
void Report(const std::vector<FileChange>& changes, const Script& script, const EarlierBook& earlier,
            const std::string& prefix, const BookOptions& options, BookResult& result) {
  std::set<int> changed;
  for (const FileChange& c : changes) {
    const std::string line = (c.uncertain ? "may " : prefix) + Describe(c) + (c.uncertain ? " (if its times change)" : "");
    result.file_changes.push_back(line);
    if (options.explain) options.explain(line);
    if (c.uncertain) {
      ++result.files_uncertain;
      continue;
    }
    switch (c.action) {
      case FileChange::Action::kWrite: ++result.files_written; break;
      case FileChange::Action::kRetag: ++result.files_retagged; break;
      case FileChange::Action::kRename: ++result.files_renamed; break;
      case FileChange::Action::kRemove: ++result.files_removed; break;
    }
    if (c.action != FileChange::Action::kRemove && c.chapter > 0) changed.insert(c.chapter);
  }
  for (const Chapter& chapter : script.chapters) {
    if (changed.count(chapter.number)) result.chapters_changed.push_back(std::to_string(chapter.number) + " " + chapter.title);
  }
  for (const EarlierBook::Chapter& chapter : earlier.chapters) {
    for (const FileChange& c : changes) {
      if (c.action == FileChange::Action::kRemove && !chapter.files.empty() && c.name == chapter.files.front()) {
        result.chapters_removed.push_back(std::to_string(chapter.number) + " " + chapter.title);
      }
    }
  }
  if (earlier.found) result.seconds_before = earlier.seconds;
}

/// Reports what a build would change, making nothing: the segments the cache lacks
/// (each key once) and DiffBook's changes against the files on disk.
BookResult DryRun(const Script& script, const BookPlan& plan, const SegmentCache& cache, const EarlierBook& earlier,
                  const BookOptions& options) {
  BookResult result;
  result.sample_rate = plan.sample_rate;
  std::set<std::string> seen;
  for (const PlannedSegment& s : plan.segments) {
    if (!seen.insert(s.key).second || cache.Contains(s.key)) {
      ++result.segments_reused;
      continue;
    }
    ++result.segments_synthesized;
    if (options.explain) options.explain("would " + DescribeSynthesis(s, SegmentReason(s, plan, earlier)));
  }
  DiskLookup disk = [&](const std::string& name, bool mp3) -> std::optional<DiskState> {
    Expected<DiskState> state = HashFile(options.book_dir / name, mp3);
    return state ? std::optional<DiskState>(*state) : std::nullopt;
  };
  Report(DiffBook(plan, earlier, disk), script, earlier, "would ", options, result);
  return result;
}

/// What the publisher did, each with the reason DiffBook gives for it from the state
/// the publisher found the files in.
std::vector<FileChange> ObservedChanges(const BookPlan& plan, const EarlierBook& earlier, const Publisher& publisher) {
  DiskLookup before = [&](const std::string& name, bool) { return publisher.Before(name); };
  std::vector<FileChange> expected = DiffBook(plan, earlier, before);
  std::vector<FileChange> done = publisher.Changes();
  for (FileChange& change : done) {
    change.reason = "bytes changed though the recipe did not";
    for (const FileChange& e : expected) {
      if (e.name == change.name) {
        change.reason = e.reason;
        change.chapter = e.chapter;
      }
    }
  }
  return done;
}

/// Assembles and publishes the chapters as the runner finishes them, then the single
/// file, the playlist and the manifest.
Status AssembleAndPublish(const Script& script, const BookPlan& plan, const BookOptions& options,
                          const SegmentCache& cache, SegmentRunner& runner, BookAssembler& assembler,
                          Publisher& publisher, BookResult& result) {
  for (size_t c = 0; c < script.chapters.size(); ++c) {
    if (Status s = runner.WaitForChapter(c); !s) return s;
    Expected<AssembledChapter> chapter = assembler.AddChapter(c, cache, runner.made(), result);
    if (!chapter) return chapter.error();
    Expected<AtomicFile*> mp3 = chapter->mp3->Finish();
    if (!mp3) return mp3.error();
    Expected<std::string> hash = publisher.PublishMp3(**mp3, chapter->result.file, chapter->tags);
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
  Expected<std::vector<WebPageFile>> page = assembler.WebPage();
  if (!page) return page.error();
  for (const WebPageFile& f : *page) {
    if (Status s = publisher.Write(f.name, f.bytes); !s) return s;
  }
  if (options.epub) {
    Expected<std::string> hash = PublishEpub(script, plan, assembler.ManifestChapters(), options, publisher);
    if (!hash) return hash.error();
    assembler.AddEdition("epub", EpubFileName(options), *hash);
  }
  if (options.m4b) {
    Expected<std::string> hash = PublishM4b(script, plan, assembler.ManifestChapters(), options, publisher);
    if (!hash) return hash.error();
    assembler.AddEdition("m4b", M4bFileName(options), *hash);
  }
  if (Status s = publisher.Write("book.json", assembler.Manifest(result, publisher)); !s) return s;
  publisher.RemoveDropped();
  return {};
}

/// A folder holds one text's book: another text of the same name (interview.txt beside
/// interview.kk.txt, or a/talk.txt and b/talk.txt built in separate runs) would remove
/// its chapters as stale. The text is the same if it is where it was (edited or not:
/// the same path inside the folder given, or the full path recorded when it was given
/// alone is where it is now), or holds what it held at its first or latest build
/// (moved). A text recorded by its path inside a folder and now given alone, edited
/// meanwhile, is refused: "talk.txt" inside some folder says too little to tell
/// a/talk.txt from b/sub/talk.txt. A book.json from before
/// dauys recorded the source is checked by the input's file name alone.
Status SameInput(const EarlierBook& earlier, const BookOptions& options) {
  const std::string dir = options.book_dir.string();
  if (!earlier.source_path.empty() && !options.source_path.empty()) {
    if (earlier.source_path == options.source_path || earlier.source_path == options.source_file ||
        options.source_hash == earlier.source_hash ||
        options.source_hash == earlier.first_source_hash) {
      return {};
    }
    return Error{dir + ": holds the book made from " + earlier.source_path + ", not from " + options.source_path +
                 "; build it into another output folder (-o), remove " + dir + ", or rebuild with --replace"};
  }
  if (earlier.input.empty() || options.input_name.empty() || earlier.input == options.input_name) return {};
  return Error{dir + ": holds the book made from " + earlier.input + ", not from " + options.input_name + "; build " +
               options.input_name + " into another folder (-o) or rename it"};
}

Status CheckSameInput(const EarlierBook& earlier, const BookOptions& options) {
  return options.replace ? Status() : SameInput(earlier, options);
}

/// The first build's text hash book.json keeps: the earlier one for the same book.
std::string FirstSourceHash(const EarlierBook& earlier, const BookOptions& options) {
  if (options.replace || earlier.source_path.empty() || earlier.first_source_hash.empty()) return options.source_hash;
  return earlier.first_source_hash;
}

/// The day book.json keeps as the book's first build: the earlier build's, even after
/// an edit; today for a new book, one that has none yet, or another text's book built
/// over with --replace. It is the podcast's date of a book without one, so a
/// hand-edited value that is not a day stops the build rather than move the episode.
Expected<std::string> FirstBuilt(const EarlierBook& earlier, const BookOptions& options) {
  if (!earlier.first_built || (options.replace && !SameInput(earlier, options))) return options.today;
  if (!ParseCalendarDate(*earlier.first_built)) {
    return Error{(options.book_dir / "book.json").string() +
                 ": 'first_built' must be a day written YYYY-MM-DD (the day the book was first built, its podcast "
                 "date when the sidecar gives none); correct it, or remove it to date the book today"};
  }
  return *earlier.first_built;
}

/// The result of a build that finds every file as the plan wants it, or nullopt. Only
/// DiffBook's comparison runs: nothing is read from the cache or assembled, so an
/// archive of unchanged books is checked in milliseconds per book.
std::optional<BookResult> UpToDate(const Script& script, const BookPlan& plan, const EarlierBook& earlier,
                                   const BookOptions& options) {
  if (!earlier.found || !earlier.leftovers.empty()) return std::nullopt;
  DiskLookup disk = [&](const std::string& name, bool mp3) -> std::optional<DiskState> {
    Expected<DiskState> state = HashFile(options.book_dir / name, mp3);
    return state ? std::optional<DiskState>(*state) : std::nullopt;
  };
  if (!DiffBook(plan, earlier, disk).empty()) return std::nullopt;
  BookResult result;
  result.up_to_date = true;
  result.sample_rate = plan.sample_rate;
  for (size_t c = 0; c < plan.chapters.size(); ++c) {
    result.chapters.push_back(
        ChapterResult{script.chapters[c].number, script.chapters[c].title, plan.files[3 * c].name, 0, plan.chapters[c].speakers});
  }
  result.playlist = options.slug + ".m3u8";
  result.seconds = earlier.seconds;
  result.seconds_before = earlier.seconds;
  result.segments_reused = plan.segments.size();
  result.files_unchanged = plan.files.size();
  for (const PlannedSegment& s : plan.segments) result.sentences += s.voice ? 1 : 0;
  return result;
}

}  // namespace

Expected<BookResult> BuildBook(const Script& script, const std::map<std::string, VoiceProfile>& voices,
                               const Normalizer& normalizer, const SpeechEngine& engine, const BookOptions& options,
                               const ProgressCallback& progress) {
  Expected<BookPlan> plan = PlanBook(script, voices, normalizer, engine, options);
  if (!plan) return plan.error();
  return BuildPlannedBook(script, *plan, engine, options, progress);
}

fs::path CacheDir(const BookOptions& options) {
  return options.cache_dir.empty() ? options.book_dir.parent_path() / ".cache" : options.cache_dir;
}

bool IsUpToDate(const Script& script, const BookPlan& plan, const BookOptions& options) {
  return UpToDate(script, plan, ReadEarlierBook(options.book_dir), options).has_value();
}

Expected<BookResult> BuildPlannedBook(const Script& script, const BookPlan& plan, const SpeechEngine& engine,
                                      const BookOptions& options, const ProgressCallback& progress) {
  const SegmentCache cache(CacheDir(options) / "segments");
  if (options.dry_run) {
    // What a build would refuse, a dry run refuses too.
    std::error_code ec;
    if (fs::exists(fs::symlink_status(options.book_dir, ec))) {
      if (Status s = RequireRealFolder(options.book_dir); !s) return s.error();
    }
    const EarlierBook earlier = ReadEarlierBook(options.book_dir);
    if (Status s = CheckSameInput(earlier, options); !s) return s.error();
    if (Expected<std::string> day = FirstBuilt(earlier, options); !day) return day.error();
    return DryRun(script, plan, cache, earlier, options);
  }

  Expected<std::unique_ptr<FolderLock>> lock = FolderLock::Acquire(options.book_dir);
  if (!lock) return lock.error();
  const EarlierBook earlier = ReadEarlierBook(options.book_dir);
  Expected<std::unique_ptr<FileLock>> cache_lock = cache.Lock(FileLock::Mode::kShared);
  if (!cache_lock) return cache_lock.error();
  // So that gc run for another output folder sharing the cache keeps this book's entries.
  if (Status s = RecordCacheUser(CacheDir(options), options.book_dir.parent_path()); !s) return s.error();
  if (Status s = CheckSameInput(earlier, options); !s) return s.error();
  const Expected<std::string> first_built = FirstBuilt(earlier, options);
  if (!first_built) return first_built.error();
  const bool dead_writer = MarkCacheWriter(cache.dir());
  if (std::optional<BookResult> same = UpToDate(script, plan, earlier, options)) {
    if (dead_writer) RemoveDeadTemporaries(cache.dir());
    return std::move(*same);
  }
  if (dead_writer || !earlier.leftovers.empty()) RemoveDeadTemporaries(cache.dir());  // a build was killed
  const Journal journal(options.book_dir);
  std::vector<std::string> names;
  for (const PlannedFile& f : plan.files) names.push_back(f.name);
  if (Status s = journal.Begin(names); !s) return s.error();
  BookResult result;
  result.sample_rate = plan.sample_rate;
  Publisher publisher(options.book_dir, result);
  publisher.NoteEarlierFiles(earlier.listed);
  BookAssembler assembler(script, plan, options);
  assembler.SetFirstSourceHash(FirstSourceHash(earlier, options));
  assembler.SetFirstBuilt(*first_built);
  if (Status s = assembler.Open(); !s) return s.error();
  // The runner's workers make segments while this thread joins and publishes each
  // chapter as soon as its last segment is made.
  SegmentRunner runner(plan, cache, engine, options, earlier, progress);
  runner.Start(result);
  if (Status s = AssembleAndPublish(script, plan, options, cache, runner, assembler, publisher, result); !s) return s.error();
  journal.End();
  Report(ObservedChanges(plan, earlier, publisher), script, earlier, "", options, result);
  return result;
}

}  // namespace dauys
