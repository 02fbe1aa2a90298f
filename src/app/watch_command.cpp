// `dauys watch PATH...`: an editor's loop. The books are built once, then each save of
// a text, its sidecar or a file of the voice folder rebuilds the books it touches, a
// moment after the last save of a burst, printing what `dauys build` prints.
//
// SIGINT and SIGTERM are blocked for the whole run (eSpeak NG's speaking children
// inherit the mask) and read from a signalfd beside the file events: a build in
// progress is never cut short, so each file it publishes appears whole and book.json
// lists it; a batch stops before its next book. Then watch says goodbye and exits 0.

#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <memory>

#include "app/build_command.h"
#include "app/cli.h"
#include "app/command.h"
#include "input/read_input.h"
#include "speech/speech_engine.h"
#include "util/file_watch.h"
#include "util/unicode.h"

namespace dauys::cli {

namespace fs = std::filesystem;

namespace {

struct WatchCommand {
  BuildCommand build;
  int settle_ms = 300;  ///< Quiet after the last event before a rebuild.
};

/// SIGINT and SIGTERM, blocked while watch runs and read from a signalfd.
class StopSignals {
 public:
  static Expected<std::unique_ptr<StopSignals>> Block() {
    auto stop = std::unique_ptr<StopSignals>(new StopSignals());
    sigemptyset(&stop->set_);
    sigaddset(&stop->set_, SIGINT);
    sigaddset(&stop->set_, SIGTERM);
    if (int e = ::pthread_sigmask(SIG_BLOCK, &stop->set_, &stop->old_); e != 0) {
      return Error{std::string("cannot block signals: ") + std::strerror(e)};
    }
    stop->blocked_ = true;
    stop->fd_ = ::signalfd(-1, &stop->set_, SFD_NONBLOCK | SFD_CLOEXEC);
    if (stop->fd_ < 0) return Error{std::string("cannot read signals (signalfd): ") + std::strerror(errno)};
    return stop;
  }
  /// Takes the signals waiting, so none is delivered when the old mask is back.
  ~StopSignals() {
    if (fd_ >= 0) {
      signalfd_siginfo info{};
      while (::read(fd_, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
      }
      ::close(fd_);
    }
    if (blocked_) ::pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }
  int fd() const { return fd_; }
  /// A stop signal has come and waits to be read.
  bool Pending() const {
    sigset_t pending;
    sigemptyset(&pending);
    return ::sigpending(&pending) == 0 && (sigismember(&pending, SIGINT) == 1 || sigismember(&pending, SIGTERM) == 1);
  }

 private:
  StopSignals() = default;
  sigset_t set_{}, old_{};
  bool blocked_ = false;
  int fd_ = -1;
};

fs::path Absolute(const fs::path& path) {
  std::error_code ec;
  return fs::absolute(path, ec).lexically_normal();
}

/// Whether `path` is `dir` or inside it.
bool Within(const fs::path& path, const fs::path& dir) {
  const fs::path rel = path.lexically_relative(dir);
  return !rel.empty() && *rel.begin() != "..";
}

/// A PATH watch can build again and again: a file or a folder. The problem, or "".
std::string PathProblem(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return path + ": " + (errno == ENOENT ? std::string("no such file or folder") : std::strerror(errno));
  }
  if (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)) return "";
  const char* what = S_ISFIFO(st.st_mode) ? "a FIFO" : S_ISSOCK(st.st_mode) ? "a socket" : "a device";
  return path + ": " + what + ", not a file or a folder: watch reads its texts again at every save";
}

/// A folder watched that is the output folder, or inside it, would have its books read
/// as texts. The problem, or "".
std::string OutputProblem(const WatchCommand& cmd) {
  const fs::path out = Absolute(cmd.build.output_dir);
  for (const std::string& path : cmd.build.inputs) {
    std::error_code ec;
    if (fs::is_directory(path, ec) && Within(Absolute(path), out)) {
      return "-o " + cmd.build.output_dir + " holds the folder watched, " + path +
             ": its books would be read as texts; give the books a folder of their own";
    }
  }
  return "";
}

/// A text of a folder watched (IsInputExtension), or a sidecar.
bool WantedText(const std::string& name) { return IsInputExtension(name) || fs::path(name).extension() == ".toml"; }

/// A file of the voice folder: profiles, the lexicon and word lists, PLS lexicons,
/// pauses, script rules, the role model's weights.
bool WantedVoiceFile(const std::string& name) {
  const std::string ext = fs::path(name).extension().string();
  return ext == ".voice" || ext == ".txt" || ext == ".pls" || ext == ".weights";
}

/// The sidecars a text may have (FindOverridesFile): INPUT.toml, and for x.txt x.toml.
std::vector<fs::path> SidecarsOf(const fs::path& text) {
  std::vector<fs::path> names = {fs::path(text.string() + ".toml")};
  if (text.extension() == ".txt") names.push_back(fs::path(text).replace_extension(".toml"));
  return names;
}

/// Watches every PATH (a file with its sidecars, and its target if it is a link; a
/// folder with the folders under it), --overrides and the voice folder. The books and
/// the cache, when they lie inside a folder watched, are not.
Status WatchInputs(FileWatch& watch, const WatchCommand& cmd, const CommonOptions& common) {
  const std::vector<fs::path> skipped = {cmd.build.output_dir, CacheDirOf(cmd.build)};
  for (const std::string& path : cmd.build.inputs) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      if (Status s = watch.AddTree(path, WantedText, skipped); !s) return s;
      continue;
    }
    std::vector<fs::path> files = SidecarsOf(path);
    files.push_back(path);
    if (fs::is_symlink(path, ec)) files.push_back(fs::canonical(path, ec));
    for (const fs::path& file : files) {
      if (Status s = watch.AddFile(file); !s) return s;
    }
  }
  if (!common.overrides.empty()) {
    if (Status s = watch.AddFile(common.overrides); !s) return s;
  }
  return watch.AddTree(FindVoicesDir(common.voices_dir), WantedVoiceFile);
}

/// Whether `changes` touch the book of `input`: its text (or the file a link of it
/// names), a sidecar, a folder holding it, --overrides or the voice folder changed.
bool Touches(const WatchChanges& changes, const BatchInput& input, const CommonOptions& common) {
  if (changes.everything) return true;
  const fs::path text = Absolute(input.path);
  std::vector<fs::path> sources = SidecarsOf(text);
  std::error_code ec;
  sources.push_back(fs::canonical(text, ec));
  if (!common.overrides.empty()) sources.push_back(Absolute(common.overrides));
  const fs::path voices = Absolute(FindVoicesDir(common.voices_dir));
  for (const ChangedFile& changed : changes.files) {
    if (Within(text, changed.path) || Within(changed.path, voices)) return true;
    if (std::find(sources.begin(), sources.end(), changed.path) != sources.end()) return true;
  }
  return false;
}

/// "dauys: changed: talk.txt, talk.toml".
void SayChanged(const WatchChanges& changes, std::ostream& err) {
  std::vector<std::string> shown;
  for (const ChangedFile& changed : changes.files) shown.push_back(Printable(changed.shown));
  if (changes.everything) shown.push_back("(more than the events could name: every book is checked)");
  err << "dauys: changed: " << Joined(shown) << "\n";
}

/// Opens what watch keeps for its whole run: the stop signals (blocked before any
/// thread or child exists), the file watch and eSpeak NG.
struct WatchRun {
  std::unique_ptr<StopSignals> signals;
  std::unique_ptr<FileWatch> watch;
  std::unique_ptr<SpeechEngine> engine;
};

Expected<WatchRun> OpenWatchRun(const WatchCommand& cmd, const CommonOptions& common) {
  WatchRun run;
  Expected<std::unique_ptr<StopSignals>> signals = StopSignals::Block();
  if (!signals) return signals.error();
  run.signals = std::move(*signals);
  Expected<std::unique_ptr<FileWatch>> watch = FileWatch::Open();
  if (!watch) return watch.error();
  run.watch = std::move(*watch);
  if (Status s = WatchInputs(*run.watch, cmd, common); !s) return s.error();
  Expected<std::unique_ptr<SpeechEngine>> engine = SpeechEngine::Open();
  if (!engine) return engine.error();
  run.engine = std::move(*engine);
  return run;
}

int RunWatch(const CommonOptions& common, const WatchCommand& cmd, std::ostream& err, bool terminal) {
  for (const std::string& path : cmd.build.inputs) {
    if (std::string problem = PathProblem(path); !problem.empty()) return Fail(Error{problem}, err);
  }
  if (std::string problem = OutputProblem(cmd); !problem.empty()) {
    err << "dauys: " << Printable(problem) << "\nRun 'dauys --help' for usage.\n";
    return kExitUsage;
  }
  Expected<WatchRun> run = OpenWatchRun(cmd, common);
  if (!run) return Fail(run.error(), err);
  BuildHooks hooks;
  hooks.engine = run->engine.get();
  hooks.stop = [signals = run->signals.get()] { return signals->Pending(); };
  if (int code = RunBuild(common, cmd.build, err, terminal, hooks); code == kExitUsage) return code;
  if (!cmd.build.quiet && !run->signals->Pending()) err << "dauys: watching for saves; Ctrl-C stops\n";
  for (;;) {
    Expected<WatchChanges> changes = run->watch->Wait(std::chrono::milliseconds(cmd.settle_ms), run->signals->fd());
    if (!changes) return Fail(changes.error(), err);
    if (changes->stopped) break;
    if (!cmd.build.quiet) SayChanged(*changes, err);
    hooks.wanted = [&changes, &common](const BatchInput& input) { return Touches(*changes, input, common); };
    RunBuild(common, cmd.build, err, terminal, hooks);
  }
  err << "dauys: stopped watching\n";
  return kExitOk;
}

/// --settle: whole milliseconds, 0 to a minute.
const CLI::Validator kSettleMs(
    [](std::string& v) -> std::string {
      const bool digits = !v.empty() && v.size() <= 5 && std::all_of(v.begin(), v.end(), [](char c) {
        return c >= '0' && c <= '9';
      });
      return digits && std::stoi(v) <= 60000 ? "" : "must be a whole number of milliseconds from 0 to 60000";
    },
    "MS");

}  // namespace

/// `dauys watch PATH...`: build, then rebuild a moment after each save.
Command AddWatchCommand(CLI::App& app) {
  auto common = std::make_shared<CommonOptions>();
  auto watch = std::make_shared<WatchCommand>();
  CLI::App* cmd = app.add_subcommand("watch", "Build PATH, then rebuild its books a moment after each save");
  AddBookOptions(cmd, *common, watch->build);
  AddRunOptions(cmd, watch->build);
  cmd->add_option("--settle", watch->settle_ms, "Quiet time after a save before the rebuild, in ms")
      ->capture_default_str()
      ->check(kSettleMs);
  return {cmd, [common, watch, cmd](std::ostream&, std::ostream& err, bool terminal) {
            NoteGivenOptions(*cmd, watch->build);
            return RunWatch(*common, *watch, err, terminal);
          }};
}

}  // namespace dauys::cli
