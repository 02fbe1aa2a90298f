#include "app/build_command.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <deque>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "app/batch.h"
#include "app/book_settings.h"
#include "app/cli.h"
#include "book/library_edition.h"
#include "audio/mp3_encoder.h"
#include "book/book_builder.h"
#include "book/book_plan.h"
#include "book/opening.h"
#include "book/segment_runner.h"
#include "cache/segment_cache.h"
#include "output/image_check.h"
#include "speech/speech_engine.h"
#include "util/atomic_file.h"
#include "util/calendar_date.h"
#include "util/real_folder.h"
#include "util/unicode.h"

namespace dauys::cli {

namespace fs = std::filesystem;

namespace {

/// Reads a PNG or JPEG cover whose structure is whole (output/image_check).
Expected<CoverArt> LoadCover(const std::string& path) {
  Expected<std::string> bytes = ReadWholeFile(path, {kMaxCoverBytes, "cover image"});
  if (!bytes) return Error{"--cover: " + bytes.error().message};
  Expected<std::string> type = CheckImage(*bytes);
  if (!type) return Error{"--cover: " + path + ": " + type.error().message};
  return CoverArt{*type, std::move(*bytes)};
}

std::string Clock(double seconds) {
  int total = static_cast<int>(seconds + 0.5);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60);
  return buf;
}

/// What a build changed (or, dry, would change): length before and after, the
/// chapters touched, and counts of segments and files.
void PrintSummary(const BookResult& r, const fs::path& book_dir, bool dry_run, std::ostream& err) {
  const std::string would = dry_run ? "would be " : "";
  if (dry_run) {
    err << "dauys: dry run: " << r.segments_synthesized << " segments to synthesize, " << r.segments_reused
        << " in the cache\n";
  } else {
    err << "dauys: " << r.chapters.size() << " chapters, "
        << (r.seconds_before && Clock(*r.seconds_before) != Clock(r.seconds) ? Clock(*r.seconds_before) + " → " : "")
        << Clock(r.seconds) << ", in " << Printable(book_dir.string()) << "/\n";
  }
  if (r.chapters_changed.empty() && r.chapters_removed.empty()) {
    err << "dauys: no chapter " << (dry_run ? "would change" : "changed") << "\n";
  } else {
    if (!r.chapters_changed.empty()) err << "dauys: chapters " << would << "changed: " << Joined(r.chapters_changed) << "\n";
    if (!r.chapters_removed.empty()) err << "dauys: chapters " << would << "removed: " << Joined(r.chapters_removed) << "\n";
  }
  if (dry_run) {
    err << "dauys: dry run: files: " << r.files_written << " to write, " << r.files_retagged << " to retag, "
        << r.files_renamed << " to rename, " << r.files_removed << " to remove"
        << (r.files_uncertain ? ", " + std::to_string(r.files_uncertain) + " more if their times change" : "") << "\n";
    return;
  }
  err << "dauys: segments: " << r.segments_synthesized << " synthesized, " << r.segments_reused
      << " reused; files: " << r.files_written << " written, " << r.files_retagged << " retagged, " << r.files_renamed
      << " renamed, " << r.files_removed << " removed, " << r.files_unchanged << " unchanged\n";
}

/// What every book of a build run shares.
struct BuildContext {
  const BuildCommand& cmd;
  const Settings& settings;
  const SpeechEngine& engine;
  const std::optional<CoverArt>& cover;
  std::ostream& err;
  bool batch = false;  ///< Several inputs (or a folder, or a shard): one summary per book that changed.
  std::string today;   ///< "YYYY-MM-DD", UTC (SOURCE_DATE_EPOCH pins it): a new book's first_built.
  std::function<bool()> stop = {};  ///< BuildHooks::stop.
};

BookOptions OptionsFor(const Loaded& loaded, const BookSettings& settings, const CommonOptions& common,
                       const BatchInput& input, const BuildContext& ctx) {
  const BuildCommand& cmd = ctx.cmd;
  BookOptions options;
  options.slug = input.slug;
  options.input_name = fs::path(common.input).filename().string();
  options.source_path = input.source;
  std::error_code ec;
  options.source_file = fs::absolute(input.path, ec).lexically_normal().string();
  options.source_hash = loaded.text_hash;
  options.replace = cmd.replace;
  options.book_dir = fs::path(cmd.output_dir) / options.slug;
  options.title = BookTitle(loaded.script, settings.title.value, common.input);
  options.author = BookAuthor(loaded.script, settings.author.value.empty() ? loaded.document_author : settings.author.value);
  if (settings.year.value > 0) options.year = settings.year.value;
  options.date = loaded.date;
  options.today = ctx.today;
  if (!options.year && !options.date.empty()) options.year = ParseCalendarDate(options.date)->year;
  options.bitrate = settings.bitrate.value;
  options.pauses = ctx.settings.pauses;
  options.loudness.target_lufs = settings.loudness.value;
  options.single_file = settings.single_file.value;
  options.web = settings.web.value;
  options.epub = settings.epub.value;
  options.m4b = settings.m4b.value;
  options.description = loaded.description;
  options.settings = settings.ToJson();
  options.jobs = cmd.jobs > 0 ? cmd.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  options.dry_run = cmd.dry_run;
  options.cache_dir = CacheDirOf(cmd);
  if (cmd.explain || cmd.dry_run) {
    options.explain = [&err = ctx.err](const std::string& line) { err << "dauys: " << Printable(line) << "\n"; };
  }
  return options;
}

/// The remembered settings the command line gives (BuildCommand::given).
BookSettingValues GivenSettings(const BuildCommand& cmd, const CommonOptions& common) {
  BookSettingValues v;
  auto given = [&cmd](const char* option) { return cmd.given.count(option) > 0; };
  if (given("--single-file")) v.single_file = cmd.single_file;
  if (given("--web")) v.web = cmd.web;
  if (given("--epub")) v.epub = cmd.epub;
  if (given("--m4b")) v.m4b = cmd.m4b;
  if (given("--announce-speakers")) v.announce_speakers = common.announce_speakers;
  if (given("--opening")) v.opening = cmd.opening;
  if (given("--voice-quotes")) v.voice_quotes = cmd.voice_quotes;
  std::error_code ec;
  if (given("--cover")) v.cover = fs::absolute(cmd.cover, ec).lexically_normal().string();
  if (cmd.no_cover) v.cover = "";
  if (given("--title")) v.title = cmd.title;
  if (given("--author")) v.author = cmd.author;
  if (given("--script")) v.script = common.script;
  if (given("--year")) v.year = cmd.year;
  if (given("--bitrate")) v.bitrate = cmd.bitrate;
  if (given("--speed")) v.speed = cmd.speed;
  if (given("--loudness")) v.loudness = cmd.loudness;
  return v;
}

/// The book's cover: none, the run's (--cover, read once), or the one its last build had.
Expected<std::optional<CoverArt>> CoverOf(const BookSettings& settings, const BuildContext& ctx) {
  if (settings.cover.value.empty()) return std::optional<CoverArt>();
  if (settings.cover.source == SettingSource::kOption) return ctx.cover;
  Expected<CoverArt> art = LoadCover(settings.cover.value);
  if (!art) return art.error();
  return std::optional<CoverArt>(std::move(*art));
}

/// Nothing was (or, dry, would be) made, written or removed.
bool Unchanged(const BookResult& r) {
  return r.up_to_date || (r.segments_synthesized == 0 && r.files_written == 0 && r.files_retagged == 0 &&
                          r.files_renamed == 0 && r.files_removed == 0 && r.files_uncertain == 0);
}

/// A book of the run, read and planned before it is built: in a batch, a few books
/// ahead, so their segments are made while the one before is joined.
struct PreparedBook {
  std::string input;
  std::optional<Error> error;  ///< Reading or planning failed.
  std::optional<Loaded> loaded;
  BookSettings settings;  ///< Each with where it came from.
  std::map<std::string, VoiceProfile> voices;  ///< At the book's speed; the plan points into them.
  BookOptions options;
  std::unique_ptr<BookPlan> plan;
};

std::unique_ptr<PreparedBook> Prepare(const CommonOptions& given, const BatchInput& input, const BuildContext& ctx) {
  auto book = std::make_unique<PreparedBook>();
  book->input = given.input;
  const BookSettingValues option = GivenSettings(ctx.cmd, given);
  const BookSettingValues last =
      ctx.cmd.replace ? BookSettingValues() : ReadLastSettings(fs::path(ctx.cmd.output_dir) / input.slug);
  Expected<Sidecar> sidecar = LoadSidecar(given);
  if (!sidecar) {
    book->error = sidecar.error();
    return book;
  }
  book->settings = ResolveBookSettings(option, sidecar->settings, last);
  // The script and the announcements decide how the text is read: chosen before it is.
  CommonOptions common = given;
  common.script = book->settings.script.value;
  common.announce_speakers = book->settings.announce_speakers.value;
  common.voice_quotes = book->settings.voice_quotes.value;
  Expected<Loaded> loaded = LoadScript(common, ctx.settings, *sidecar);
  if (!loaded) {
    book->error = loaded.error();
    return book;
  }
  book->options = OptionsFor(*loaded, book->settings, common, input, ctx);
  // A title the book has, never its file's name, is said.
  const std::optional<std::string> title = KnownTitle(loaded->script, book->settings.title.value);
  if (book->settings.opening.value && title) AddOpening(loaded->script, ctx.settings.opening, *title, book->options.author);
  Expected<std::optional<CoverArt>> cover = CoverOf(book->settings, ctx);
  if (!cover) {
    book->error = cover.error();
    return book;
  }
  book->options.cover = std::move(*cover);
  if (std::string problem = ctx.cmd.library.empty() ? "" : LibraryProblem(book->options); !problem.empty()) {
    book->error = Error{common.input + ": " + problem};
    return book;
  }
  book->voices = ctx.settings.voices;
  for (auto& [name, voice] : book->voices) voice.speed = book->settings.speed.value;
  Normalizer normalizer(ctx.settings.lexicon, ScriptsFor(common, ctx.settings.transliterator, loaded->latin_default));
  Expected<BookPlan> plan = PlanBook(loaded->script, book->voices, normalizer, ctx.engine, book->options);
  if (!plan) {
    book->error = plan.error();
    return book;
  }
  book->plan = std::make_unique<BookPlan>(std::move(*plan));
  book->loaded = std::move(*loaded);
  return book;
}

/// What publishing into the --library folder changed: each file with --explain, then
/// a line unless quiet.
void PrintLibrary(const LibraryResult& shelf, const BuildCommand& cmd, std::ostream& err) {
  if (cmd.explain) {
    for (const std::string& change : shelf.changes) err << "dauys: library: " << Printable(change) << "\n";
  }
  if (!cmd.quiet) {
    err << "dauys: library: " << Printable(shelf.dir.string()) << ": " << shelf.changes.size()
        << " files changed, " << shelf.unchanged << " unchanged\n";
  }
}

/// Publishes a built book into the --library folder, if one is given (not on a dry run).
Expected<std::optional<LibraryResult>> PublishIntoLibrary(const PreparedBook& book, const BuildCommand& cmd) {
  if (cmd.library.empty() || cmd.dry_run) return std::optional<LibraryResult>();
  Expected<LibraryResult> published = PublishToLibrary(book.loaded->script, book.options, cmd.library);
  if (!published) return published.error();
  return std::optional<LibraryResult>(std::move(*published));
}

/// Builds a prepared book, saying what went wrong (with the file and line) or, unless
/// quiet, what changed; nullopt if it failed. With `ahead`, its segments are being
/// made there: the build waits for them and counts them as its own.
std::optional<BookResult> BuildOne(const PreparedBook& book, const BuildContext& ctx, const ProgressCallback& progress,
                                   bool terminal, SegmentPrefetcher* ahead) {
  std::ostream& err = ctx.err;
  if (book.error) {
    Report(err, *book.error);
    return std::nullopt;
  }
  for (const SkippedLine& s : book.loaded->script.skipped) {
    err << "dauys: warning: " << book.input << ": line " << s.line << ": not spoken (" << s.reason << "): \""
        << s.text << "\"\n";
  }
  for (const std::string& w : book.loaded->warnings) err << "dauys: warning: " << w << "\n";
  const size_t made_ahead = ahead ? ahead->Wait(*book.plan, progress) : 0;
  Expected<BookResult> result = BuildPlannedBook(book.loaded->script, *book.plan, ctx.engine, book.options, progress);
  if (terminal) err << "\r\033[K";
  if (!result) {
    Report(err, result.error());
    return std::nullopt;
  }
  const size_t moved = std::min(made_ahead, result->segments_reused);
  result->segments_synthesized += moved;
  result->segments_reused -= moved;
  for (const CoverageProblem& p : result->coverage_problems) {
    err << "dauys: warning: " << Printable(book.input) << ": line " << p.line << ": eSpeak NG spoke " << p.spoken
        << " of " << p.expected << " words of \"" << Printable(p.sentence) << "\"\n";
  }
  const BuildCommand& cmd = ctx.cmd;
  Expected<std::optional<LibraryResult>> shelf = PublishIntoLibrary(book, cmd);
  if (!shelf) {
    Report(err, shelf.error());
    return std::nullopt;
  }
  if (ctx.batch && Unchanged(*result) && (!*shelf || (*shelf)->changes.empty())) return std::move(*result);
  if (ctx.batch && (cmd.dry_run || !cmd.quiet)) err << "dauys: " << Printable(book.input) << ":\n";
  if (cmd.dry_run || !cmd.quiet) PrintSummary(*result, book.options.book_dir, cmd.dry_run, err);
  if (*shelf) PrintLibrary(**shelf, cmd, err);
  if (std::vector<std::string> kept = book.settings.FromLastBuild(); (cmd.dry_run || !cmd.quiet) && !kept.empty()) {
    err << "dauys: kept from the last build: " << Printable(Joined(kept)) << "\n";
  }
  return std::move(*result);
}

/// The progress line of one book: its chapters, or, in a batch, the batch's books.
ProgressCallback ProgressLine(std::ostream& err, const BatchStatus* batch, size_t book) {
  const auto started = std::chrono::steady_clock::now();
  return [&err, batch, book, started](const Progress& p) {
    const double fraction =
        p.segments_total ? static_cast<double>(p.segments_done) / static_cast<double>(p.segments_total) : 0;
    if (batch) {
      err << "\r\033[K" << batch->Line(book, fraction, p.audio_seconds) << std::flush;
      return;
    }
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    double eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0;
    char line[160];
    std::snprintf(line, sizeof line, "\r\033[K%d/%d chapters, %.2f h of audio, ETA %.0f s", p.chapters_done,
                  p.chapters_total, p.audio_seconds / 3600.0, eta);
    err << line << std::flush;
  };
}

/// The inputs of `shard` ("K/N", or "" for all).
std::vector<BatchInput> OnlyShard(std::vector<BatchInput> inputs, const std::string& shard) {
  Expected<Shard> part = ParseShard(shard.empty() ? "0/1" : shard);  // checked by the option parser
  std::vector<BatchInput> mine;
  for (BatchInput& input : inputs) {
    if (part && InShard(input, *part)) mine.push_back(std::move(input));
  }
  return mine;
}

/// The build's options that name one book cannot apply to several.
std::string BatchUsageProblem(const CommonOptions& common, const BuildCommand& cmd) {
  if (!common.overrides.empty()) {
    return "--overrides names one input's sidecar; with several inputs, put each beside its input (INPUT.toml)";
  }
  if (!cmd.title.empty()) return "--title names one book; with several inputs each takes its own headline";
  return "";
}

/// Builds `inputs` in order. With several books (and neither --dry-run nor --explain,
/// which speak of each book's own segments), the next books are planned ahead and
/// their segments made while the current one is joined, as many as keep the workers
/// busy.
int RunBatch(const BuildContext& ctx, const CommonOptions& common, const std::vector<BatchInput>& inputs,
             bool show_progress) {
  const BuildCommand& cmd = ctx.cmd;
  std::ostream& err = ctx.err;
  const int jobs = cmd.jobs > 0 ? cmd.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const SegmentCache cache(CacheDirOf(cmd) / "segments");
  std::unique_ptr<SegmentPrefetcher> ahead;
  if (inputs.size() > 1 && !cmd.dry_run && !cmd.explain) ahead = std::make_unique<SegmentPrefetcher>(cache, ctx.engine, jobs);
  const size_t enough = 8 * static_cast<size_t>(jobs + 1);  // segments planned ahead
  std::vector<uint64_t> bytes;
  for (const BatchInput& input : inputs) {
    std::error_code ec;
    const uint64_t size = fs::file_size(input.path, ec);
    bytes.push_back(ec ? 0 : size);
  }
  BatchStatus status(std::move(bytes));
  std::deque<std::unique_ptr<PreparedBook>> window;
  size_t next = 0, planned = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (i > 0 && ctx.stop && ctx.stop()) {  // a book begun is finished
      err << "dauys: stopped before " << inputs.size() - i << " of " << inputs.size()
          << " books; the next build makes them\n";
      ahead.reset();  // its running jobs read the plans of the books ahead: done before those go
      break;
    }
    while (next < inputs.size() && (next == i || (ahead && planned < enough && window.size() < 64))) {
      CommonOptions one = common;
      one.input = inputs[next++].path.string();
      window.push_back(Prepare(one, inputs[next - 1], ctx));
      const PreparedBook& book = *window.back();
      if (!ahead || !book.plan) continue;
      planned += book.plan->segments.size();
      if (!IsUpToDate(book.loaded->script, *book.plan, book.options)) ahead->Add(*book.plan, book.options.loudness);
    }
    std::unique_ptr<PreparedBook> book = std::move(window.front());
    window.pop_front();
    planned -= book->plan ? std::min(planned, book->plan->segments.size()) : 0;
    if (show_progress && ctx.batch) err << "\r\033[K" << status.Line(i, 0, 0) << std::flush;
    ProgressCallback progress = show_progress ? ProgressLine(err, ctx.batch ? &status : nullptr, i) : ProgressCallback();
    std::optional<BookResult> result = BuildOne(*book, ctx, progress, show_progress, ahead.get());
    status.BookDone(i, result && !Unchanged(*result), !result, result ? result->seconds : 0);
  }
  if (show_progress && ctx.batch) err << "\r\033[K";
  if (ctx.batch && !cmd.quiet) err << status.Summary() << "\n";
  if (status.failed()) return kExitFailed;
  if (!cmd.dry_run && cmd.shard.empty()) {  // a cluster's shards: its last step runs dauys feed
    std::ostringstream said;
    if (Status s = UpdateKeptFeed(cmd.output_dir, said); !s) return Fail(s.error(), err);
    if (!cmd.quiet) err << said.str();
  }
  return kExitOk;
}

/// `args` with every file or folder given again (by another name too: "./t.txt", a
/// link) left out, each with a warning: it is built once.
std::vector<std::string> DistinctInputs(const std::vector<std::string>& args, std::ostream& err) {
  std::map<std::pair<dev_t, ino_t>, std::string> seen;
  std::vector<std::string> out;
  for (const std::string& arg : args) {
    struct stat st {};
    if (arg != "-" && ::stat(arg.c_str(), &st) == 0) {
      auto [it, fresh] = seen.emplace(std::make_pair(st.st_dev, st.st_ino), arg);
      if (!fresh) {
        err << "dauys: warning: " << Printable(arg)
            << (arg == it->second ? " is given twice" : " is " + Printable(it->second) + " again")
            << "; building it once\n";
        continue;
      }
    }
    out.push_back(arg);
  }
  return out;
}

/// The library and the output folder must not hold one another: Audiobookshelf would
/// read the book folders (every chapter MP3 a track) as books. The problem, or "".
std::string LibraryAmongBooks(const std::string& output_dir, const std::string& library) {
  if (library.empty()) return "";
  const fs::path out = ComparablePath(output_dir), shelf = ComparablePath(library);
  auto within = [](const fs::path& a, const fs::path& b) {
    const fs::path rel = a.lexically_relative(b);
    return !rel.empty() && *rel.begin() != "..";
  };
  if (!within(shelf, out) && !within(out, shelf)) return "";
  return "--library " + library + " and -o " + output_dir +
         " overlap: Audiobookshelf would read the book folders, each chapter a track, as books; give the "
         "library a folder of its own";
}

/// A --library that overlaps the output folder is a usage error (2); one that is not a
/// folder a failure (1); else 0.
int CheckLibrary(const BuildCommand& cmd, std::ostream& err) {
  if (std::string problem = LibraryAmongBooks(cmd.output_dir, cmd.library); !problem.empty()) {
    err << "dauys: " << Printable(problem) << "\nRun 'dauys --help' for usage.\n";
    return kExitUsage;
  }
  std::error_code ec;
  if (!cmd.library.empty() && !cmd.dry_run && !fs::is_directory(cmd.library, ec)) {
    Report(err, Error{"--library: " + cmd.library + ": no such folder"});
    return kExitFailed;
  }
  return kExitOk;
}

/// The run's --cover, read once for all its books; nullopt (and a message) if it cannot be.
std::optional<std::optional<CoverArt>> RunCover(const BuildCommand& cmd, std::ostream& err) {
  if (cmd.cover.empty()) return std::optional<CoverArt>();
  Expected<CoverArt> art = LoadCover(cmd.cover);
  if (!art) {
    Report(err, art.error());
    return std::nullopt;
  }
  return std::optional<CoverArt>(std::move(*art));
}

/// The inputs of the run that `hooks` wants (all of them without a filter).
std::vector<BatchInput> Wanted(std::vector<BatchInput> inputs, const BuildHooks& hooks) {
  if (!hooks.wanted) return inputs;
  inputs.erase(std::remove_if(inputs.begin(), inputs.end(), [&hooks](const BatchInput& i) { return !hooks.wanted(i); }),
               inputs.end());
  return inputs;
}

}  // namespace

int RunBuild(const CommonOptions& common, const BuildCommand& given, std::ostream& err, bool terminal,
             const BuildHooks& hooks) {
  BuildCommand cmd = given;
  cmd.inputs = DistinctInputs(given.inputs, err);
  std::error_code ec;
  if (std::string problem = CacheAmongBooks(cmd.output_dir, cmd.cache_dir); !problem.empty()) {
    err << "dauys: " << Printable(problem) << "\nRun 'dauys --help' for usage.\n";
    return kExitUsage;
  }
  if (int code = CheckLibrary(cmd, err); code != kExitOk) return code;
  const bool batch = cmd.inputs.size() > 1 || fs::is_directory(cmd.inputs.front(), ec) || !cmd.shard.empty();
  Expected<CollectedInputs> collected = CollectInputs(cmd.inputs, cmd.follow_links, {cmd.output_dir, CacheDirOf(cmd)});
  Expected<std::vector<BatchInput>> inputs =
      collected ? Expected<std::vector<BatchInput>>(std::move(collected->inputs)) : collected.error();
  if (std::string problem = inputs && inputs->size() > 1 ? BatchUsageProblem(common, cmd) : ""; !problem.empty()) {
    err << "dauys: " << problem << "\nRun 'dauys --help' for usage.\n";
    return kExitUsage;
  }
  if (collected) {
    for (const std::string& warning : collected->warnings) err << "dauys: warning: " << warning << "\n";
  }
  if (inputs) inputs = Wanted(OnlyShard(std::move(*inputs), cmd.shard), hooks);
  if (inputs && inputs->empty() && hooks.wanted) {
    err << "dauys: no book reads it\n";
    return kExitOk;
  }
  if (Status s = CheckDefaultCache(cmd.output_dir, cmd.cache_dir); inputs && !s) inputs = s.error();
  Expected<Settings> settings = inputs ? LoadSettings(common) : Expected<Settings>(inputs.error());
  if (!settings) {
    std::istringstream lines(settings.error().message);  // every colliding pair on its line
    for (std::string line; std::getline(lines, line);) Report(err, Error{line});
    return kExitFailed;
  }
  std::optional<std::optional<CoverArt>> cover = RunCover(cmd, err);
  if (!cover) return kExitFailed;
  const Expected<CalendarDate> today = TodayUtc();
  Expected<std::unique_ptr<SpeechEngine>> engine =
      !today ? Expected<std::unique_ptr<SpeechEngine>>(today.error())
             : hooks.engine ? Expected<std::unique_ptr<SpeechEngine>>(nullptr) : SpeechEngine::Open();
  if (!engine) {
    Report(err, engine.error());
    return kExitFailed;
  }
  const BuildContext ctx{cmd, *settings, hooks.engine ? *hooks.engine : **engine, *cover, err, batch, IsoDate(*today), hooks.stop};
  return RunBatch(ctx, common, *inputs, terminal && !cmd.quiet && !cmd.explain);
}

/// INPUT and the options that shape the book: its files, tags and sound.
void AddBookOptions(CLI::App* cmd, CommonOptions& common, BuildCommand& build) {
  cmd->add_option("INPUT", build.inputs, "UTF-8 texts, or folders of them (every *.txt inside, sorted)")->required();
  AddTextOptions(cmd, common);
  AddScriptOption(cmd, common);
  cmd->add_option("-o,--output", build.output_dir, "Output folder; the book goes in DIR/<slug>/")
      ->capture_default_str();
  cmd->add_option("--title", build.title, "Book title (default: headline or interviewee)")->check(kUtf8Text);
  cmd->add_option("--author", build.author, "Album artist (default: the interviewer)")->check(kUtf8Text);
  cmd->add_option("--year", build.year, "Publication year for the TDRC tag")->check(CLI::Range(1000, 9999));
  cmd->add_option("--bitrate", build.bitrate, "MP3 bit rate in kbps: " + SupportedBitrates())
      ->capture_default_str()
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            int kbps = std::atoi(v.c_str());
            if (std::to_string(kbps) != v || !IsSupportedBitrate(kbps)) {
              return "must be one of " + SupportedBitrates() +
                     " kbps (lower rates cannot carry the Info tag that gives players the exact length)";
            }
            return "";
          },
          "KBPS"));
  cmd->add_flag("-q,--quiet", build.quiet, "No progress or summary on stderr");
  cmd->add_option("--loudness", build.loudness, "Integrated loudness target in LUFS")
      ->capture_default_str()
      ->check(FiniteRange(-40.0, -10.0));
  cmd->add_option("--speed", build.speed, "Speaking speed of every voice, 0.5 to 3 (1: the profiles' rates)")
      ->capture_default_str()
      ->check(FiniteRange(0.5, 3.0));
  cmd->add_flag("--announce-speakers,!--no-announce-speakers", common.announce_speakers, kAnnounceHelp);
  cmd->add_flag("--voice-quotes,!--no-voice-quotes", build.voice_quotes, kVoiceQuotesHelp);
  cmd->add_flag("--single-file,!--no-single-file", build.single_file,
                "Also write the whole book as one MP3 with chapters (kept by later builds; --no-single-file drops it)");
  cmd->add_flag("--web,!--no-web", build.web,
                "Write the read-along page (index.html) that plays the book (the default; --no-web leaves it out)");
  cmd->add_flag("--epub,!--no-epub", build.epub,
                "Also write <slug>.epub: text and audio together (EPUB 3 with media overlays); --no-epub drops it");
  cmd->add_flag("--m4b,!--no-m4b", build.m4b,
                "Also write <slug>.m4b for audiobook apps (AAC, chapters) and Audiobookshelf's "
                "cover, desc.txt and reader.txt; --no-m4b drops it");
  cmd->add_flag("--opening,!--no-opening", build.opening,
                "Begin the first chapter with the book's title and author, said by the narrator (the default; "
                "--no-opening leaves it out)");
  cmd->add_option("--library", build.library,
                  "Also publish each book into this Audiobookshelf library: DIR/<Author>/<Title>/ with "
                  "the M4B (else the single file), cover, desc.txt and reader.txt");
  cmd->add_option("--cover", build.cover, "PNG or JPEG front cover for every file (kept by later builds)");
  cmd->add_flag("--no-cover", build.no_cover, "Drop the cover the last build had")->excludes("--cover");
}

/// The options that decide how a run goes: workers, cache, shard, what it says.
void AddRunOptions(CLI::App* cmd, BuildCommand& build) {
  cmd->add_option("-j,--jobs", build.jobs,
                  "How many cores to keep busy (default: all of them); dauys runs N + 1 worker threads")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--cache-dir", build.cache_dir, "Segment cache (default: DIR/.cache); may be shared");
  cmd->add_flag("--explain", build.explain, "Say why each segment and file is rebuilt");
  cmd->add_flag("--follow-links", build.follow_links,
                "Also build the texts a folder's symbolic links point to outside it");
  cmd->add_flag("--replace", build.replace, "Build over a book folder that holds the book of another text");
}

namespace {

/// The options only a single run has: a shard of the inputs, or a dry run.
void AddOnceOptions(CLI::App* cmd, BuildCommand& build) {
  cmd->add_option("--shard", build.shard, "Build only the K-th (from 0) of N parts of the inputs")
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            Expected<Shard> shard = ParseShard(v);
            return shard ? "" : shard.error().message.substr(sizeof "--shard: " - 1);
          },
          "K/N"));
  cmd->add_flag("--dry-run", build.dry_run, "Say what would be rebuilt, change nothing");
}

/// The options a book remembers (book_settings.h); each negation counts as its option.
constexpr const char* kRememberedOptions[] = {"--single-file", "--web",   "--epub",   "--m4b",     "--announce-speakers", "--opening", "--voice-quotes",
                                              "--cover",       "--title", "--author", "--script",  "--year",
                                              "--bitrate",     "--speed", "--loudness"};

}  // namespace

fs::path CacheDirOf(const BuildCommand& cmd) {
  return cmd.cache_dir.empty() ? fs::path(cmd.output_dir) / ".cache" : fs::path(cmd.cache_dir);
}

void NoteGivenOptions(const CLI::App& cmd, BuildCommand& build) {
  for (const char* option : kRememberedOptions) {
    if (cmd.get_option(option)->count() > 0) build.given.insert(option);
  }
}

/// `dauys build INPUT...`: each input into a book folder under -o.
Command AddBuildCommand(CLI::App& app) {
  auto common = std::make_shared<CommonOptions>();
  auto build = std::make_shared<BuildCommand>();
  CLI::App* cmd = app.add_subcommand("build", "Render INPUT into an audiobook folder");
  AddBookOptions(cmd, *common, *build);
  AddRunOptions(cmd, *build);
  AddOnceOptions(cmd, *build);
  return {cmd, [common, build, cmd](std::ostream&, std::ostream& err, bool terminal) {
            NoteGivenOptions(*cmd, *build);
            return RunBuild(*common, *build, err, terminal);
          }};
}

}  // namespace dauys::cli
