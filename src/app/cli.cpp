#include "app/cli.h"

#include "app/batch.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <functional>
#include <cmath>
#include <cstdio>
#include <set>
#include <thread>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include "book/announcements.h"
#include "book/book_builder.h"
#include "book/book_plan.h"
#include "book/segment_runner.h"
#include "book/pauses.h"
#include "cache/segment_cache.h"
#include "audio/mp3_encoder.h"
#include "audio/mp3_segments.h"
#include "speech/speech_engine.h"
#include "speech/voice_profile.h"
#include "text/language.h"
#include "text/lexicon.h"
#include "text/normalizer.h"
#include "text/overrides.h"
#include "text/reader.h"
#include "text/segmenter.h"
#include "text/slug.h"
#include "output/feed_books.h"
#include "book/publisher.h"
#include "output/image_check.h"
#include "util/atomic_file.h"
#include "util/real_folder.h"
#include "util/unicode.h"
#include "version.h"

namespace dauys {

namespace fs = std::filesystem;

namespace {

/// Prints an error; bytes that are not printable text are shown escaped (\xNN),
/// never raw.
void Report(std::ostream& err, const Error& error) { err << "dauys: error: " << Printable(error.message) << "\n"; }

struct CommonOptions {
  std::string input;
  std::string voices_dir;
  std::string overrides;  // sidecar path; empty: look next to the input
  std::string script;     // --script; empty: detected per paragraph
  bool announce_speakers = false;  // --announce-speakers
};

struct BuildCommand {
  std::vector<std::string> inputs;  ///< Files and folders of *.txt.
  std::string shard;                ///< "K/N": build only the K-th of N parts.
  std::string output_dir = "output";
  std::string cache_dir;
  int jobs = 0;
  bool explain = false;
  bool dry_run = false;
  double loudness = -19.0;
  bool single_file = false;
  bool web = true;
  bool epub = false;
  bool m4b = false;
  std::string cover;
  std::string title;
  std::string author;
  int year = 0;
  int bitrate = 64;
  double speed = 1.0;
  bool quiet = false;
  bool follow_links = false;  ///< A folder's links to texts outside it are built too.
  bool replace = false;       ///< A book folder holding another text's book is built over.
};

/// A number from `min` to `max`, read here because CLI::Range lets NaN through (every
/// comparison with it is false).
CLI::Validator FiniteRange(double min, double max) {
  auto show = [](double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", x);
    return std::string(buf);
  };
  return CLI::Validator(
      [=](std::string& v) -> std::string {
        char* end = nullptr;
        double x = std::strtod(v.c_str(), &end);
        if (v.empty() || *end != '\0' || !std::isfinite(x) || x < min || x > max) {
          return "must be a number from " + show(min) + " to " + show(max) + ", got '" + v + "'";
        }
        return "";
      },
      "NUMBER");
}

struct SayCommand {
  std::string text;
  std::string voice = "narrator";
  std::string output;  // empty: play, or write say.wav
  double speed = 1.0;
};

int Fail(const Error& error, std::ostream& err) {
  Report(err, error);
  return kExitFailed;
}

std::string Quote(const std::string& s) {
  std::string quoted = "'";
  for (char c : s) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

fs::path ExecutableDir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

/// --voices, then $DAUYS_VOICES, then share/dauys/voices of an installed program (PREFIX/bin/dauys),
/// then voices/ beside the build folder (build/dauys), then ./voices.
fs::path FindVoicesDir(const std::string& option) {
  if (!option.empty()) return option;
  if (const char* env = std::getenv("DAUYS_VOICES"); env && *env) return env;
  std::error_code ec;
  fs::path exe_dir = ExecutableDir();
  for (const fs::path& candidate : {exe_dir / ".." / "share" / "dauys" / "voices", exe_dir / ".." / "voices"}) {
    if (!exe_dir.empty() && fs::is_directory(candidate, ec)) return fs::weakly_canonical(candidate, ec);
  }
  return "voices";
}

/// What every book of a run shares: the voice folder's profiles, lexicon, pauses and
/// script rules, read once for a batch of any size.
struct Settings {
  std::map<std::string, VoiceProfile> voices;
  Lexicon lexicon;
  PauseSettings pauses;
  ScriptTransliterator transliterator;
  NameGenders names;  ///< voices/names.txt, read once for the whole batch.
};

struct Loaded {
  Script script;
  KazakhScript latin_default = KazakhScript::kLatin2021;
  std::string date;  ///< The sidecar's publication day, "YYYY-MM-DD"; empty: none.
  bool epub = false;  ///< The sidecar's [book] epub = true.
  bool web = true;    ///< Not the sidecar's [book] web = false.
  bool m4b = false;   ///< The sidecar's [book] m4b = true.
  std::string description;  ///< The sidecar's [book] description.
  std::string text_hash;  ///< HashBytes of the text's lines as read (BookOptions::source_hash).
  std::vector<std::string> warnings;  ///< For the user, without "dauys: warning: ".
};

/// Interviewees that share a voice: a round table with more guests than interviewee
/// profiles, where listeners could not tell them apart by voice.
std::vector<std::string> SharedVoiceWarnings(const Script& script, const std::string& input) {
  std::map<std::string, std::vector<const Speaker*>> by_voice;
  for (const Speaker& s : script.speakers) {
    if (s.role == Role::kInterviewee) by_voice[s.voice].push_back(&s);
  }
  std::vector<std::string> out;
  for (const auto& [voice, speakers] : by_voice) {
    if (speakers.size() < 2) continue;
    std::string names;
    for (size_t i = 0; i < speakers.size(); ++i) {
      names += (i == 0 ? "" : i + 1 == speakers.size() ? " and " : ", ") + speakers[i]->id + " (" +
               DisplayName(*speakers[i]) + ")";
    }
    out.push_back(Printable(input) + ": " + names + " share the voice '" + voice +
                  "'; add interviewee profiles to the voice folder or give each a voice in the sidecar's [speakers]");
  }
  return out;
}

/// The lexicon lives beside the voice profiles: voices/lexicon.txt.
Expected<Lexicon> LoadLexicon(const CommonOptions& common) {
  return Lexicon::Load(FindVoicesDir(common.voices_dir) / "lexicon.txt");
}

/// The Latin convention of the whole text, for paragraphs too short to tell.
KazakhScript LatinDefault(const std::string& text, const ScriptTransliterator& transliterator) {
  KazakhScript detected = transliterator.Detect(text);
  return IsLatinScript(detected) ? detected : KazakhScript::kLatin2021;
}

KazakhScript LatinDefault(const Document& doc, const ScriptTransliterator& transliterator) {
  std::string all;
  for (const Line& line : doc.lines) all += line.text + "\n";
  return LatinDefault(all, transliterator);
}

/// What the normalizer needs to make other scripts Cyrillic.
ScriptOptions ScriptsFor(const CommonOptions& common, const ScriptTransliterator& transliterator,
                         KazakhScript latin_default) {
  ScriptOptions options;
  options.transliterator = &transliterator;
  options.forced = ParseScriptName(common.script);  // checked by the option parser
  options.latin_default = latin_default;
  return options;
}

Expected<Settings> LoadSettings(const CommonOptions& common) {
  Expected<std::map<std::string, VoiceProfile>> voices = LoadVoiceProfiles(FindVoicesDir(common.voices_dir));
  if (!voices) return voices.error();
  Expected<Lexicon> lexicon = LoadLexicon(common);
  if (!lexicon) return lexicon.error();
  Expected<PauseSettings> pauses = LoadPauseSettings(FindVoicesDir(common.voices_dir) / "pauses.txt");
  if (!pauses) return pauses.error();
  Expected<ScriptTransliterator> transliterator = ScriptTransliterator::Load(FindVoicesDir(common.voices_dir));
  if (!transliterator) return transliterator.error();
  Expected<NameGenders> names = NameGenders::Load(FindVoicesDir(common.voices_dir));
  if (!names) return names.error();
  return Settings{std::move(*voices), std::move(*lexicon), *pauses, std::move(*transliterator), std::move(*names)};
}

Expected<Loaded> LoadScript(const CommonOptions& common, const Settings& settings) {
  const std::map<std::string, VoiceProfile>* voices = &settings.voices;
  Expected<Document> doc = ReadDocument(common.input);
  if (!doc) return doc.error();

  Overrides overrides;
  std::optional<fs::path> sidecar =
      common.overrides.empty() ? FindOverridesFile(common.input) : std::optional<fs::path>(common.overrides);
  if (sidecar) {
    Expected<Overrides> loaded = LoadOverrides(*sidecar);
    if (!loaded) return loaded.error();
    overrides = std::move(*loaded);
  }
  for (const auto& [line, what] : overrides.lines) {
    bool has_text = line <= static_cast<int>(doc->lines.size()) &&
                    doc->lines[static_cast<size_t>(line - 1)].text.find_first_not_of(' ') != std::string::npos;
    if (!has_text) {
      return Error{overrides.Where(overrides.line_at.count(line) ? overrides.line_at.at(line) : 0) + "line " +
                   std::to_string(line) + " of " + common.input + " has no paragraph to override"};
    }
  }

  SegmentOptions options;
  options.interviewee_voices = IntervieweeVoicePool(*voices);
  options.line_overrides = overrides.lines;
  options.page_kind = overrides.page_kind;
  options.voice_genders = VoiceGenders(*voices);
  options.names = settings.names;
  // The sidecar's gender, or the gender of the name it gives, casts that speaker.
  for (const auto& [key, change] : overrides.speakers) {
    std::string gender = change.gender.value_or(change.name ? GenderOfName(*change.name, settings.names) : "");
    if (!gender.empty()) options.speaker_genders[key] = gender;
  }
  const KazakhScript reader_default = LatinDefault(*doc, settings.transliterator);
  const Normalizer reader(settings.lexicon, ScriptsFor(common, settings.transliterator, reader_default));
  options.as_cyrillic = [&reader](std::string_view text) { return reader.ToCyrillic(text); };
  Script script = SegmentInterview(*doc, options);
  std::vector<std::string> voice_names;
  for (const auto& [name, profile] : *voices) voice_names.push_back(name);
  if (Status s = ApplyOverrides(overrides, script, voice_names); !s) return s.error();
  if (common.announce_speakers) AnnounceSpeakers(script);
  for (const Speaker& speaker : script.speakers) {
    if (!voices->count(speaker.voice)) {
      return Error{FindVoicesDir(common.voices_dir).string() + ": speaker " + speaker.id + " needs voice '" +
                   speaker.voice + "', which is not in the voice folder"};
    }
  }
  std::string text;
  for (const Line& line : doc->lines) text += line.text + "\n";
  std::vector<std::string> warnings = SharedVoiceWarnings(script, common.input);
  return Loaded{std::move(script),
                reader_default,
                overrides.date.value_or(""),
                overrides.epub.value_or(false),
                overrides.web.value_or(true),
                overrides.m4b.value_or(false),
                overrides.description.value_or(""),
                HashBytes(text),
                std::move(warnings)};
}

/// Reads a PNG or JPEG cover whose structure is whole (output/image_check).
Expected<CoverArt> LoadCover(const std::string& path) {
  Expected<std::string> bytes = ReadWholeFile(path, {kMaxCoverBytes, "cover image"});
  if (!bytes) return Error{"--cover: " + bytes.error().message};
  Expected<std::string> type = CheckImage(*bytes);
  if (!type) return Error{"--cover: " + path + ": " + type.error().message};
  return CoverArt{*type, std::move(*bytes)};
}

std::string BookTitle(const Script& script, const std::string& option, const fs::path& input) {
  if (!option.empty()) return option;
  if (script.title) return *script.title;
  if (const Speaker* guest = script.FirstWithRole(Role::kInterviewee); guest && !guest->name.empty()) {
    return "Сұхбат: " + guest->name;
  }
  for (const Chapter& c : script.chapters) {
    if (c.heading) return c.title;
  }
  return WithoutControls(input.stem().string());
}

std::string BookAuthor(const Script& script, const std::string& option) {
  if (!option.empty()) return option;
  for (Role role : {Role::kInterviewer, Role::kInterviewee}) {
    const Speaker* s = script.FirstWithRole(role);
    if (s && !s->name.empty()) return s->name;
  }
  return "dauys";
}

std::string Clock(double seconds) {
  int total = static_cast<int>(seconds + 0.5);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60);
  return buf;
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
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
};

/// Every book of a run shares one cache: --cache-dir, or .cache beside the books.
fs::path CacheDirOf(const BuildCommand& cmd) {
  return cmd.cache_dir.empty() ? fs::path(cmd.output_dir) / ".cache" : fs::path(cmd.cache_dir);
}

BookOptions OptionsFor(const Loaded& loaded, const CommonOptions& common, const BatchInput& input,
                       const BuildContext& ctx) {
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
  options.title = BookTitle(loaded.script, cmd.title, common.input);
  options.author = BookAuthor(loaded.script, cmd.author);
  if (cmd.year > 0) options.year = cmd.year;
  options.date = loaded.date;
  if (cmd.year == 0 && !options.date.empty()) options.year = ParseCalendarDate(options.date)->year;
  options.bitrate = cmd.bitrate;
  options.pauses = ctx.settings.pauses;
  options.loudness.target_lufs = cmd.loudness;
  options.single_file = cmd.single_file;
  options.web = cmd.web && loaded.web;
  options.epub = cmd.epub || loaded.epub;
  options.m4b = cmd.m4b || loaded.m4b;
  options.description = loaded.description;
  options.cover = ctx.cover;
  options.jobs = cmd.jobs > 0 ? cmd.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  options.dry_run = cmd.dry_run;
  options.cache_dir = CacheDirOf(cmd);
  if (cmd.explain || cmd.dry_run) {
    options.explain = [&err = ctx.err](const std::string& line) { err << "dauys: " << Printable(line) << "\n"; };
  }
  return options;
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
  BookOptions options;
  std::unique_ptr<BookPlan> plan;
};

std::unique_ptr<PreparedBook> Prepare(const CommonOptions& common, const BatchInput& input, const BuildContext& ctx) {
  auto book = std::make_unique<PreparedBook>();
  book->input = common.input;
  Expected<Loaded> loaded = LoadScript(common, ctx.settings);
  if (!loaded) {
    book->error = loaded.error();
    return book;
  }
  book->options = OptionsFor(*loaded, common, input, ctx);
  Normalizer normalizer(ctx.settings.lexicon, ScriptsFor(common, ctx.settings.transliterator, loaded->latin_default));
  Expected<BookPlan> plan = PlanBook(loaded->script, ctx.settings.voices, normalizer, ctx.engine, book->options);
  if (!plan) {
    book->error = plan.error();
    return book;
  }
  book->plan = std::make_unique<BookPlan>(std::move(*plan));
  book->loaded = std::move(*loaded);
  return book;
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
  if (ctx.batch && Unchanged(*result)) return std::move(*result);
  if (ctx.batch && (cmd.dry_run || !cmd.quiet)) err << "dauys: " << Printable(book.input) << ":\n";
  if (cmd.dry_run || !cmd.quiet) PrintSummary(*result, book.options.book_dir, cmd.dry_run, err);
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
  return status.failed() ? kExitFailed : kExitOk;
}

/// The cache and the books must not share a folder: a book folder named like a cache
/// folder, or gc sweeping a book's folder. The problem, or "".
std::string CacheAmongBooks(const std::string& output_dir, const std::string& cache_dir) {
  if (cache_dir.empty()) return "";
  const fs::path out = ComparablePath(output_dir), cache = ComparablePath(cache_dir);
  auto inside = [](const fs::path& a, const fs::path& b) {
    const fs::path rel = a.lexically_relative(b);
    return rel.empty() || *rel.begin() == ".." ? fs::path() : rel;
  };
  const std::string tail = "; give the cache a folder of its own, or leave --cache-dir out (the default is " +
                           (fs::path(output_dir) / ".cache").string() + ")";
  if (out == cache) {
    return "--cache-dir " + cache_dir + " and -o " + output_dir +
           " are the same folder: the cache would mix with the books" + tail;
  }
  // A hidden folder is never a book's (slugs start with a letter or digit): .cache is one.
  if (fs::path rel = inside(cache, out); !rel.empty() && rel.begin()->string().rfind('.', 0) != 0) {
    return "--cache-dir " + cache_dir + " is inside -o " + output_dir +
           ", where book folders go: the cache would mix with the books" + tail;
  }
  if (!inside(out, cache).empty()) {
    return "-o " + output_dir + " is inside --cache-dir " + cache_dir + ": the cache would mix with the books" + tail;
  }
  return "";
}

/// The default cache, .cache in the output folder, is dauys's own folder: not a link.
Status CheckDefaultCache(const std::string& output_dir, const std::string& cache_dir) {
  std::error_code ec;
  const fs::path dir = fs::path(output_dir) / ".cache";
  if (!cache_dir.empty() || !fs::exists(fs::symlink_status(dir, ec))) return {};
  return RequireRealFolder(dir);
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

int RunBuild(const CommonOptions& common, const BuildCommand& given, std::ostream& err, bool terminal) {
  BuildCommand cmd = given;
  cmd.inputs = DistinctInputs(given.inputs, err);
  std::error_code ec;
  if (std::string problem = CacheAmongBooks(cmd.output_dir, cmd.cache_dir); !problem.empty()) {
    err << "dauys: " << Printable(problem) << "\nRun 'dauys --help' for usage.\n";
    return kExitUsage;
  }
  const bool batch = cmd.inputs.size() > 1 || fs::is_directory(cmd.inputs.front(), ec) || !cmd.shard.empty();
  Expected<CollectedInputs> collected = CollectInputs(cmd.inputs, cmd.follow_links);
  Expected<std::vector<BatchInput>> inputs =
      collected ? Expected<std::vector<BatchInput>>(std::move(collected->inputs)) : collected.error();
  if (std::string problem = inputs && inputs->size() > 1 ? BatchUsageProblem(common, cmd) : ""; !problem.empty()) {
    err << "dauys: " << problem << "\nRun 'dauys --help' for usage.\n";
    return kExitUsage;
  }
  if (collected) {
    for (const std::string& warning : collected->warnings) err << "dauys: warning: " << warning << "\n";
  }
  if (inputs) inputs = OnlyShard(std::move(*inputs), cmd.shard);
  if (Status s = CheckDefaultCache(cmd.output_dir, cmd.cache_dir); inputs && !s) inputs = s.error();
  Expected<Settings> settings = inputs ? LoadSettings(common) : Expected<Settings>(inputs.error());
  if (!settings) {
    std::istringstream lines(settings.error().message);  // every colliding pair on its line
    for (std::string line; std::getline(lines, line);) Report(err, Error{line});
    return kExitFailed;
  }
  for (auto& [name, voice] : settings->voices) voice.speed = cmd.speed;
  std::optional<CoverArt> cover;
  if (!cmd.cover.empty()) {
    Expected<CoverArt> art = LoadCover(cmd.cover);
    if (!art) {
      Report(err, art.error());
      return kExitFailed;
    }
    cover = std::move(*art);
  }
  Expected<std::unique_ptr<SpeechEngine>> engine = SpeechEngine::Open();
  if (!engine) {
    Report(err, engine.error());
    return kExitFailed;
  }
  const BuildContext ctx{cmd, *settings, **engine, cover, err, batch};
  return RunBatch(ctx, common, *inputs, terminal && !cmd.quiet && !cmd.explain);
}

/// `dauys voices`: each profile in the voice folder with its values, then the eSpeak NG
/// variants a new profile may name.
int RunVoices(const CommonOptions& common, std::ostream& out, std::ostream& err) {
  const fs::path dir = FindVoicesDir(common.voices_dir);
  Expected<std::map<std::string, VoiceProfile>> voices = LoadVoiceProfiles(dir);
  Expected<std::unique_ptr<SpeechEngine>> engine =
      voices ? SpeechEngine::Open() : Expected<std::unique_ptr<SpeechEngine>>(voices.error());
  if (!engine) {
    err << "dauys: error: " << engine.error().message << "\n";
    return kExitFailed;
  }
  out << "voice profiles in " << dir.string() << ":\n";
  for (const auto& [name, v] : *voices) {
    char line[256];
    std::snprintf(line, sizeof line, "  %-15s %-10s rate %3d  pitch %3d  range %3d  volume %3d\n", name.c_str(),
                  v.EspeakName().c_str(), v.rate, v.pitch, v.range, v.volume);
    out << line;
  }
  out << "eSpeak NG variants for a profile's 'variant' (or none):\n";
  std::string line = " ";
  for (const std::string& variant : (*engine)->Variants()) {
    if (line.size() + 1 + variant.size() > 88) {
      out << line << "\n";
      line = " ";
    }
    line += " " + variant;
  }
  if (line.size() > 1) out << line << "\n";
  return kExitOk;
}

/// A 16-bit mono WAV file holding `pcm`.
std::string WavBytes(const std::vector<int16_t>& pcm, int rate) {
  std::string bytes;
  auto put = [&bytes](uint32_t v, int size) {
    for (int i = 0; i < size; ++i) bytes += static_cast<char>((v >> (8 * i)) & 0xff);
  };
  const auto data = static_cast<uint32_t>(pcm.size() * 2);
  bytes += "RIFF";
  put(36 + data, 4);
  bytes += "WAVEfmt ";
  put(16, 4), put(1, 2), put(1, 2), put(static_cast<uint32_t>(rate), 4), put(static_cast<uint32_t>(rate) * 2, 4);
  put(2, 2), put(16, 2);
  bytes += "data";
  put(data, 4);
  for (int16_t s : pcm) put(static_cast<uint16_t>(s), 2);
  return bytes;
}

/// The file `dauys say` writes: WAV, or MP3 for a name ending in .mp3.
Expected<std::string> SayFileBytes(const Speech& speech, const fs::path& path, int rate) {
  if (path.extension() != ".mp3") return WavBytes(speech.samples, rate);
  Mp3Options options;
  options.sample_rate = rate;
  Expected<EncodedSegment> mp3 = EncodeSegment(speech.samples, options);
  if (!mp3) return mp3.error();
  return JoinSegments({&*mp3}, options);
}

/// aplay or paplay when one is on the PATH, else "".
std::string FindPlayer() {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "";
  for (const char* player : {"aplay", "paplay"}) {
    for (size_t at = 0; at <= dirs.size();) {
      size_t end = std::min(dirs.find(':', at), dirs.size());
      fs::path candidate = fs::path(dirs.substr(at, end - at)) / player;
      if (end > at && ::access(candidate.c_str(), X_OK) == 0) return candidate.string();
      at = end + 1;
    }
  }
  return "";
}

/// Plays WAV bytes through `player`, which reads them from its standard input.
Status Play(const std::string& player, const std::string& wav) {
  FILE* pipe = ::popen((Quote(player) + " -q - 2>/dev/null").c_str(), "w");
  if (!pipe) return Error{"cannot start " + player};
  bool written = std::fwrite(wav.data(), 1, wav.size(), pipe) == wav.size();
  int status = ::pclose(pipe);
  if (!written || status != 0) return Error{player + " could not play the sentence"};
  return {};
}

/// `dauys say TEXT`: one sentence through the lexicon and a voice profile.
int RunSay(const CommonOptions& common, const SayCommand& cmd, std::ostream& err) {
  const std::u32string text = ToUtf32(cmd.text);
  if (std::none_of(text.begin(), text.end(), [](char32_t c) { return IsLetter(c) || (c >= U'0' && c <= U'9'); })) {
    err << "dauys: TEXT: nothing to say; give a sentence with words\nRun 'dauys --help' for usage.\n";
    return kExitUsage;
  }
  const fs::path dir = FindVoicesDir(common.voices_dir);
  Expected<std::map<std::string, VoiceProfile>> voices = LoadVoiceProfiles(dir);
  if (!voices) return Fail(voices.error(), err);
  auto voice = voices->find(cmd.voice);
  if (voice == voices->end()) {
    std::string known;
    for (const auto& [name, v] : *voices) known += (known.empty() ? "" : ", ") + name;
    return Fail(Error{"--voice: no profile '" + cmd.voice + "' in " + dir.string() + " (have: " + known + ")"}, err);
  }
  voice->second.speed = cmd.speed;
  Expected<Lexicon> lexicon = LoadLexicon(common);
  if (!lexicon) return Fail(lexicon.error(), err);
  Expected<ScriptTransliterator> transliterator = ScriptTransliterator::Load(dir);
  if (!transliterator) return Fail(transliterator.error(), err);
  Normalizer normalizer(*lexicon, ScriptsFor(common, *transliterator, LatinDefault(cmd.text, *transliterator)));
  Expected<std::unique_ptr<SpeechEngine>> engine = SpeechEngine::Open();
  if (!engine) return Fail(engine.error(), err);
  if (Status s = (*engine)->CheckVoice(voice->second); !s) return Fail(s.error(), err);
  Expected<Speech> speech = (*engine)->Speak(normalizer.Normalize(cmd.text), voice->second);
  if (!speech) return Fail(speech.error(), err);
  const int rate = (*engine)->sample_rate();
  if (std::string player = FindPlayer(); cmd.output.empty() && !player.empty()) {
    if (Status s = Play(player, WavBytes(speech->samples, rate)); !s) return Fail(s.error(), err);
    return kExitOk;
  }
  const fs::path path = cmd.output.empty() ? fs::path("say.wav") : fs::path(cmd.output);
  Expected<std::string> bytes = SayFileBytes(*speech, path, rate);
  if (!bytes) return Fail(bytes.error(), err);
  if (Status s = WriteFileAtomically(path, *bytes); !s) return Fail(s.error(), err);
  if (cmd.output.empty()) err << "dauys: no aplay or paplay to play it; wrote " << path.string() << "\n";
  return kExitOk;
}

int RunPlan(const CommonOptions& common, bool json, bool why, std::ostream& out, std::ostream& err) {
  Expected<Settings> settings = LoadSettings(common);
  Expected<Loaded> loaded = settings ? LoadScript(common, *settings) : Expected<Loaded>(settings.error());
  if (!loaded) {
    Report(err, loaded.error());
    return kExitFailed;
  }
  // What build would refuse, plan refuses too: a profile naming a language or variant
  // eSpeak NG does not have.
  Expected<std::unique_ptr<SpeechEngine>> engine = SpeechEngine::Open();
  if (!engine) return Fail(engine.error(), err);
  for (const Speaker& speaker : loaded->script.speakers) {
    if (Status s = (*engine)->CheckVoice(settings->voices.at(speaker.voice)); !s) return Fail(s.error(), err);
  }
  for (const std::string& w : loaded->warnings) err << "dauys: warning: " << w << "\n";
  out << (json ? PlanJson(loaded->script) : PlanOutline(loaded->script, why));
  return kExitOk;
}

int RunNormalize(const CommonOptions& common, std::ostream& out, std::ostream& err) {
  Expected<Lexicon> lexicon = LoadLexicon(common);
  if (!lexicon) {
    Report(err, lexicon.error());
    return kExitFailed;
  }
  Expected<Document> doc = Error{""};
  if (common.input.empty() || common.input == "-") {
    Expected<std::string> bytes = ReadWholeStream(STDIN_FILENO, "<stdin>", kTextReadLimits);
    doc = bytes ? ParseDocument(*bytes, "<stdin>", /*require_text=*/false) : Expected<Document>(bytes.error());
  } else {
    Expected<std::string> bytes = ReadWholeFile(common.input, kTextReadLimits);
    doc = bytes ? ParseDocument(*bytes, common.input, /*require_text=*/false) : Expected<Document>(bytes.error());
  }
  if (!doc) {
    Report(err, doc.error());
    return kExitFailed;
  }
  Expected<ScriptTransliterator> transliterator = ScriptTransliterator::Load(FindVoicesDir(common.voices_dir));
  if (!transliterator) {
    Report(err, transliterator.error());
    return kExitFailed;
  }
  // Each line as the build speaks it: look-alike letters repaired, sentence by sentence,
  // a Russian or English piece as its own voice is given it.
  Normalizer normalizer(*lexicon, ScriptsFor(common, *transliterator, LatinDefault(*doc, *transliterator)));
  for (const Line& line : doc->lines) {
    std::string spoken;
    for (const std::string& sentence : normalizer.SplitSentences(RepairLookAlikes(line.text))) {
      for (const LanguageRun& run : SplitByLanguage(sentence)) {
        std::string said = run.language == "kk" ? normalizer.Normalize(run.text) : SpeakAsWritten(run.text);
        if (said.empty()) continue;
        spoken += (spoken.empty() ? "" : " ") + said;
      }
    }
    if (!(out << spoken << "\n")) break;  // reported by the caller
  }
  return kExitOk;
}

/// Calls `fn` with each book folder in `output_dir` that holds a readable book.json,
/// and that manifest; returns the error reading the folder, if any.
std::error_code ForEachBook(const std::string& output_dir,
                            const std::function<void(const fs::path&, const nlohmann::json&)>& fn) {
  std::error_code ec;
  for (auto& book : fs::directory_iterator(output_dir, ec)) {
    Expected<std::string> text =
        ReadWholeFile(book.path() / "book.json", {kMaxManifestBytes, "manifest", false, /*follow_links=*/false});
    if (!text) continue;
    nlohmann::json manifest = nlohmann::json::parse(*text, nullptr, false);
    if (manifest.is_object() && manifest.contains("chapters") && manifest["chapters"].is_array()) fn(book.path(), manifest);
  }
  return ec;
}

/// The books in `output_dir` (if any) and their EPUB editions, which are packed from the chapter
/// MP3s beside them (not from the cache): "books: 2" and "EPUB editions: 1 (5.1 MiB):
/// talk/talk.epub".
void PrintEditions(const std::string& output_dir, std::ostream& out) {
  size_t books = 0;
  uint64_t bytes = 0;
  std::vector<std::string> epubs;
  ForEachBook(output_dir, [&](const fs::path& book, const nlohmann::json& manifest) {
    ++books;
    const nlohmann::json epub = manifest.value("epub", nlohmann::json());
    std::error_code ec;
    const uint64_t size = epub.is_string() ? fs::file_size(book / epub.get<std::string>(), ec) : 0;
    if (!epub.is_string() || ec) return;
    bytes += size;
    epubs.push_back(book.filename().string() + "/" + epub.get<std::string>());
  });
  if (books == 0) return;  // a cache without books: nothing more to say
  std::sort(epubs.begin(), epubs.end());
  char size[32];
  std::snprintf(size, sizeof size, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  out << "books: " << books << "\nEPUB editions: " << epubs.size() << " (" << size << ")"
      << (epubs.empty() ? "" : ": " + Joined(epubs)) << "\n";
}

/// Adds the segment keys of every book in `output_dir` to `keep`: each folder not
/// hidden that holds a book.json. One that cannot be read is an error naming it: gc
/// cannot tell which entries that book uses.
Status KeepKeysOfBooks(const fs::path& output_dir, std::set<std::string>& keep) {
  std::error_code ec;
  for (auto it = fs::directory_iterator(output_dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    const fs::path manifest = it->path() / "book.json";
    if (it->path().filename().string().rfind('.', 0) == 0 || !fs::is_directory(it->symlink_status(type_ec)) ||
        !fs::exists(fs::symlink_status(manifest, type_ec))) {
      continue;
    }
    Expected<std::string> text =
        ReadWholeFile(manifest, {kMaxManifestBytes, "manifest", false, /*follow_links=*/false});
    nlohmann::json doc = text ? nlohmann::json::parse(*text, nullptr, false) : nlohmann::json();
    if (!doc.is_object() || !doc.contains("chapters") || !doc["chapters"].is_array()) {
      return Error{manifest.string() + ": not a book.json dauys can read; cache gc removes nothing until it is "
                   "rebuilt or its folder removed"};
    }
    for (const auto& chapter : doc["chapters"]) {
      if (!chapter.is_object() || !chapter.contains("segments") || !chapter["segments"].is_array()) continue;
      for (const auto& key : chapter["segments"]) {
        if (key.is_string()) keep.insert(key.get<std::string>());
      }
    }
  }
  if (ec) return Error{output_dir.string() + ": cannot read the output folder: " + ec.message()};
  return {};
}

/// `cache stats` and `cache gc`: the keys every book.json in the output folder uses
/// are kept, and those of the books of every other output folder that recorded that it
/// builds into the cache (RecordCacheUser); the rest goes.
int RunCache(const std::string& output_dir, const std::string& cache_dir, bool gc, std::ostream& out,
             std::ostream& err) {
  // A folder that is not there is a mistyped name, not an empty cache. (stats with
  // --cache-dir does not read the output folder; gc reads its books.)
  std::error_code ec;
  if ((gc || cache_dir.empty()) && !fs::is_directory(output_dir, ec)) {
    Report(err, Error{"-o: " + output_dir + ": no such folder"});
    return kExitFailed;
  }
  if (!cache_dir.empty() && !fs::is_directory(cache_dir, ec)) {
    Report(err, Error{"--cache-dir: " + cache_dir + ": no such folder"});
    return kExitFailed;
  }
  if (std::string problem = CacheAmongBooks(output_dir, cache_dir); !problem.empty()) {
    err << "dauys: " << Printable(problem) << "\nRun 'dauys --help' for usage.\n";
    return kExitUsage;
  }
  if (Status s = CheckDefaultCache(output_dir, cache_dir); !s) return Fail(s.error(), err);
  const fs::path dir = cache_dir.empty() ? fs::path(output_dir) / ".cache" : fs::path(cache_dir);
  SegmentCache cache(dir / "segments");
  auto mib = [](uint64_t bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return std::string(buf);
  };
  if (!gc) {
    SegmentCache::Stats stats = cache.Measure();
    out << "cache: " << dir.string() << "\nentries: " << stats.entries << "\nsize: " << mib(stats.bytes) << "\n";
    if (fs::is_directory(output_dir, ec)) PrintEditions(output_dir, out);
    return kExitOk;
  }
  Expected<std::unique_ptr<FileLock>> lock = cache.Lock(FileLock::Mode::kExclusive);
  if (!lock) {
    Report(err, lock.error());
    return kExitFailed;
  }
  std::set<std::string> keep;
  if (Status s = KeepKeysOfBooks(output_dir, keep); !s) return Fail(s.error(), err);
  const fs::path self = ComparablePath(output_dir);
  std::vector<fs::path> forget;
  for (const auto& [other, record] : CacheUsers(dir)) {
    if (ComparablePath(other) == self) continue;
    if (!fs::is_directory(other, ec)) {
      err << "dauys: cache gc: " << Printable(other.string())
          << " built into this cache but is gone; its entries are removed\n";
      forget.push_back(record);
      continue;
    }
    err << "dauys: cache gc: " << Printable(other.string())
        << " also builds into this cache; the entries its books use are kept\n";
    if (Status s = KeepKeysOfBooks(other, keep); !s) return Fail(s.error(), err);
  }
  for (const fs::path& record : forget) fs::remove(record, ec);
  SegmentCache::Stats removed = cache.RemoveAllBut(keep);
  SegmentCache::Stats left = cache.Measure();
  out << "removed " << removed.entries << " entries (" << mib(removed.bytes) << "); kept " << left.entries
      << " (" << mib(left.bytes) << ")\n";
  return kExitOk;
}

/// The end of `dauys --help`.
constexpr const char* kHelpFooter = R"(Examples:
  dauys build talk.kk.txt                    render into output/<slug>/
  dauys build talk.kk.txt -o books --single-file --speed 1.25 --announce-speakers
  dauys plan talk.kk.txt --why               who speaks in each turn, and why
  dauys say "Сәлеметсіз бе!" --voice interviewer -o hello.mp3
  dauys voices                               the voice profiles and eSpeak NG variants
  dauys cache gc -o books                    drop cache entries no book uses
  dauys feed books --base-url https://news.example.kz/audio/   a podcast of the books
Run 'dauys COMMAND --help' for a command's options.

Environment:
  DAUYS_VOICES  voice folder when --voices is not given; else share/dauys/voices
                beside an installed dauys, voices/ beside its build folder, ./voices

Exit codes: 0 success; 1 failure (bad input, unwritable output, bad voice profile,
standard output that cannot be written); 2 usage error.)";
/// `dauys feed`: the podcast feed of every book in the output folder.
int RunFeed(const FeedOptions& options, std::ostream& err) {
  Expected<FeedResult> result = WriteFeed(options);
  if (!result) return Fail(result.error(), err);
  err << "dauys: " << Printable((options.output_dir / "feed.xml").string()) << ": " << result->episodes
      << (result->episodes == 1 ? " episode" : " episodes") << ", newest " << result->newest << "; "
      << result->written.size() << " files written\n";
  return kExitOk;
}

/// Option values are checked before any work: text must be UTF-8.
const CLI::Validator kUtf8Text(
    [](std::string& v) -> std::string {
      return IsValidUtf8(v) ? "" : "must be UTF-8 text (it has an invalid byte or a NUL)";
    },
    "TEXT");

/// Standard output that could not be written (a full disk, a closed pipe) is a failure.
int CheckOutput(int code, std::ostream& out, std::ostream& err) {
  out.flush();
  if (out) return code;
  err << "dauys: error: cannot write to standard output\n";
  return kExitFailed;
}

/// `dauys feed OUTPUT_DIR --base-url URL`, its options checked before any work.
CLI::App* AddFeedCommand(CLI::App& app, FeedOptions& feed) {
  CLI::App* cmd = app.add_subcommand("feed", "Write OUTPUT_DIR/feed.xml, a podcast of the books built there");
  cmd->add_option("OUTPUT_DIR", feed.output_dir, "Output folder of books built with --single-file")->required();
  cmd->add_option("--base-url", feed.base_url, "URL where OUTPUT_DIR is published")
      ->required()
      ->check(CLI::Validator([](std::string& v) { return CheckFeedUrl(v); }, "URL"));
  cmd->add_option("--title", feed.title, "Podcast title (default: the folder's name)")->check(kUtf8Text);
  cmd->add_option("--author", feed.author, "Podcast author (default: the books' author)")->check(kUtf8Text);
  cmd->add_option("--description", feed.description, "Podcast description (default: the title)")->check(kUtf8Text);
  cmd->add_option("--language", feed.language, "Language tag of the podcast")
      ->capture_default_str()
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            bool ok = v.size() >= 2 && v.size() <= 35 && std::isalpha(static_cast<unsigned char>(v[0]));
            for (char c : v) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '-');
            return ok ? "" : "must be a language tag such as kk or kk-KZ, got '" + v + "'";
          },
          "TAG"));
  cmd->add_option("--image", feed.image, "Cover: a URL, or a PNG or JPEG file inside OUTPUT_DIR");
  cmd->add_option("--email", feed.email, "Owner's e-mail address for podcast directories")
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            bool ok = v.find('@') != std::string::npos && IsValidUtf8(v);
            for (char c : v) ok = ok && c > ' ' && c != '<' && c != '>' && c != '"';
            return ok ? "" : "must be an e-mail address, got '" + v + "'";
          },
          "ADDRESS"));
  cmd->add_option("--category", feed.category, "iTunes category")->capture_default_str()->check(kUtf8Text);
  cmd->add_option_function<std::string>(
         "--date",
         [&feed](const std::string& v) { feed.date = ParseCalendarDate(v); },
         "Publication day (YYYY-MM-DD) of books whose sidecar gives none")
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            return ParseCalendarDate(v) ? "" : "must be a day written YYYY-MM-DD, got '" + v + "'";
          },
          "DATE"));
  return cmd;
}

}  // namespace

int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err, bool err_is_terminal) {
  CLI::App app{"dauys: Kazakh interviews and articles into multi-voice audiobooks", "dauys"};
  app.set_version_flag("--version", std::string("dauys ") + DAUYS_VERSION);
  app.require_subcommand(1);
  app.footer(kHelpFooter);

  CommonOptions common;
  BuildCommand build;
  auto add_common = [&](CLI::App* sub) {
    if (sub->get_name() == "build") {
      sub->add_option("INPUT", build.inputs, "UTF-8 texts, or folders of them (every *.txt inside, sorted)")
          ->required();
    } else {
      sub->add_option("INPUT", common.input, "UTF-8 text of the interview")->required();
    }
    sub->add_option("--voices", common.voices_dir, "Folder of voice profiles (default: voices/)");
    sub->add_option("--overrides", common.overrides,
                    "Corrections to the detected structure (default: INPUT.toml beside the input)");
  };
  auto add_script = [&](CLI::App* sub) {
    sub->add_option("--script", common.script,
                    "Script of the text: latin2018, latin2021, digraph, arabic or cyrillic (default: detected)")
        ->check(CLI::IsMember({"latin2018", "latin2021", "digraph", "arabic", "cyrillic"}));
  };

  CLI::App* build_cmd = app.add_subcommand("build", "Render INPUT into an audiobook folder");
  add_common(build_cmd);
  add_script(build_cmd);
  build_cmd->add_option("-o,--output", build.output_dir, "Output folder; the book goes in DIR/<slug>/")
      ->capture_default_str();
  build_cmd->add_option("--title", build.title, "Book title (default: headline or interviewee)")->check(kUtf8Text);
  build_cmd->add_option("--author", build.author, "Album artist (default: the interviewer)")->check(kUtf8Text);
  build_cmd->add_option("--year", build.year, "Publication year for the TDRC tag")
      ->check(CLI::Range(1000, 9999));
  build_cmd->add_option("--bitrate", build.bitrate, "MP3 bit rate in kbps: " + SupportedBitrates())
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
  build_cmd->add_flag("-q,--quiet", build.quiet, "No progress or summary on stderr");
  build_cmd->add_option("--loudness", build.loudness, "Integrated loudness target in LUFS")
      ->capture_default_str()
      ->check(FiniteRange(-40.0, -10.0));
  build_cmd->add_option("--speed", build.speed, "Speaking speed of every voice, 0.5 to 3 (1: the profiles' rates)")
      ->capture_default_str()
      ->check(FiniteRange(0.5, 3.0));
  const std::string announce_help = "The narrator says the speaker's name at each change of speaker";
  build_cmd->add_flag("--announce-speakers", common.announce_speakers, announce_help);
  build_cmd->add_flag("--single-file", build.single_file, "Also write the whole book as one MP3 with chapters");
  build_cmd->add_flag("--web,!--no-web", build.web,
                      "Write the read-along page (index.html) that plays the book (the default; --no-web leaves it out)");
  build_cmd->add_flag("--epub", build.epub,
                      "Also write <slug>.epub: text and audio together (EPUB 3 with media overlays)");
  build_cmd->add_flag("--m4b", build.m4b,
                      "Also write <slug>.m4b for audiobook apps (AAC, chapters) and Audiobookshelf's "
                      "cover, desc.txt and reader.txt");
  build_cmd->add_option("--cover", build.cover, "PNG or JPEG front cover for every file");
  build_cmd->add_option("-j,--jobs", build.jobs,
                        "How many cores to keep busy (default: all of them); dauys runs N + 1 worker threads")
      ->check(CLI::Range(1, 256));
  build_cmd->add_option("--cache-dir", build.cache_dir, "Segment cache (default: DIR/.cache); may be shared");
  build_cmd->add_option("--shard", build.shard, "Build only the K-th (from 0) of N parts of the inputs")
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            Expected<Shard> shard = ParseShard(v);
            return shard ? "" : shard.error().message.substr(sizeof "--shard: " - 1);
          },
          "K/N"));
  build_cmd->add_flag("--explain", build.explain, "Say why each segment and file is rebuilt");
  build_cmd->add_flag("--dry-run", build.dry_run, "Say what would be rebuilt, change nothing");
  build_cmd->add_flag("--follow-links", build.follow_links,
                      "Also build the texts a folder's symbolic links point to outside it");
  build_cmd->add_flag("--replace", build.replace,
                      "Build over a book folder that holds the book of another text");

  std::string cache_output = "output", cache_dir_option;
  CLI::App* cache_cmd = app.add_subcommand("cache", "Inspect or clean the segment cache");
  cache_cmd->require_subcommand(1);
  CLI::App* stats_cmd = cache_cmd->add_subcommand("stats", "Entries and size of the cache");
  CLI::App* gc_cmd = cache_cmd->add_subcommand("gc", "Remove entries no book in the output folder uses");
  for (CLI::App* sub : {stats_cmd, gc_cmd}) {
    sub->add_option("-o,--output", cache_output, "Output folder whose cache to use")->capture_default_str();
    sub->add_option("--cache-dir", cache_dir_option, "Segment cache (default: DIR/.cache)");
  }

  bool plan_json = false;
  CLI::App* plan_cmd = app.add_subcommand("plan", "Print the chapters, speakers and turns found in INPUT");
  add_common(plan_cmd);
  plan_cmd->add_flag("--json", plan_json, "Print one JSON object");
  plan_cmd->add_flag("--announce-speakers", common.announce_speakers, announce_help);
  bool plan_why = false;
  plan_cmd->add_flag("--why", plan_why, "Show the evidence that decided each turn's speaker");

  CLI::App* normalize_cmd =
      app.add_subcommand("normalize", "Print INPUT (or stdin) as it will be spoken, line for line");
  normalize_cmd->add_option("INPUT", common.input, "UTF-8 text, or - for standard input");
  normalize_cmd->add_option("--voices", common.voices_dir, "Folder with lexicon.txt (default: voices/)");
  add_script(normalize_cmd);

  CLI::App* voices_cmd = app.add_subcommand("voices", "List the voice profiles and the eSpeak NG variants");
  voices_cmd->add_option("--voices", common.voices_dir, "Folder of voice profiles (default: voices/)");

  SayCommand say;
  CLI::App* say_cmd = app.add_subcommand("say", "Speak one sentence with a voice profile and the lexicon");
  say_cmd->add_option("TEXT", say.text, "The sentence")->required();
  say_cmd->add_option("--voice", say.voice, "Voice profile")->capture_default_str();
  say_cmd->add_option("-o,--output", say.output,
                      "WAV or MP3 file (default: play through aplay or paplay, else write say.wav)")
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            std::string ext = fs::path(v).extension().string();
            return ext == ".wav" || ext == ".mp3" ? "" : "must end in .wav or .mp3, got '" + v + "'";
          },
          "FILE"));
  say_cmd->add_option("--voices", common.voices_dir, "Folder of voice profiles (default: voices/)");
  say_cmd->add_option("--speed", say.speed, "Speaking speed, 0.5 to 3")->capture_default_str()->check(FiniteRange(0.5, 3.0));
  add_script(say_cmd);

  FeedOptions feed;
  CLI::App* feed_cmd = AddFeedCommand(app, feed);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    out << app.help();
    return CheckOutput(kExitOk, out, err);
  } catch (const CLI::CallForVersion& e) {
    out << "dauys " << DAUYS_VERSION << "\n";
    return CheckOutput(kExitOk, out, err);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      out << app.help();
      return CheckOutput(kExitOk, out, err);
    }
    err << "dauys: " << Printable(e.what()) << "\nRun 'dauys --help' for usage.\n";
    return kExitUsage;
  }

  if (feed_cmd->parsed()) return RunFeed(feed, err);
  if (build_cmd->parsed()) return RunBuild(common, build, err, err_is_terminal);
  if (voices_cmd->parsed()) return CheckOutput(RunVoices(common, out, err), out, err);
  if (say_cmd->parsed()) return RunSay(common, say, err);
  if (plan_cmd->parsed()) return CheckOutput(RunPlan(common, plan_json, plan_why, out, err), out, err);
  if (normalize_cmd->parsed()) return CheckOutput(RunNormalize(common, out, err), out, err);
  if (cache_cmd->parsed()) {
    return CheckOutput(RunCache(cache_output, cache_dir_option, gc_cmd->parsed(), out, err), out, err);
  }
  return kExitUsage;
}

}  // namespace dauys
