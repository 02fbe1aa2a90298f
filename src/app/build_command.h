#pragma once
// `dauys build` and `dauys watch` build books the same way: the same options (declared
// here once, so a watched book is built exactly as `dauys build` would build it) and
// the same run over the inputs, whose summary both print. Watch keeps eSpeak NG open
// between rebuilds, builds only the inputs a save touched and stops between books when
// asked to.

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <set>
#include <string>
#include <vector>

#include "app/batch.h"
#include "app/command.h"

namespace dauys {
class SpeechEngine;
}

namespace dauys::cli {

/// The options of `dauys build` (and of `dauys watch`, which builds the same way).
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
  bool opening = true;  ///< --opening: the first chapter begins with the title and author.
  bool voice_quotes = false;
  std::string library;  ///< --library: also publish each book into this Audiobookshelf library.
  std::string cover;
  std::string title;
  std::string author;
  int year = 0;
  int bitrate = 64;
  double speed = 1.0;
  bool quiet = false;
  bool follow_links = false;  ///< A folder's links to texts outside it are built too.
  bool replace = false;       ///< A book folder holding another text's book is built over.
  bool no_cover = false;      ///< --no-cover: the last build's cover is dropped.
  std::set<std::string> given;  ///< The remembered options given ("--epub", "--no-epub" as "--epub").
};

/// INPUT and the options that shape the book: its files, tags and sound.
void AddBookOptions(CLI::App* cmd, CommonOptions& common, BuildCommand& build);
/// The options that decide how a run goes: workers, cache, what it says, which links
/// it follows, whether it builds over another text's book.
void AddRunOptions(CLI::App* cmd, BuildCommand& build);
/// Notes in `build.given` which of the options a book remembers were given to `cmd`.
void NoteGivenOptions(const CLI::App& cmd, BuildCommand& build);

/// Every book of a run shares one cache: --cache-dir, or .cache beside the books.
std::filesystem::path CacheDirOf(const BuildCommand& cmd);

/// What `dauys watch` changes in a run of `dauys build`.
struct BuildHooks {
  const SpeechEngine* engine = nullptr;  ///< Open already; null: opened for the run.
  /// Which of the inputs collected to build; empty: every one. When none is, the run
  /// says so and builds nothing.
  std::function<bool(const BatchInput&)> wanted;
  /// Asked before each book but the first; true: the run stops there (the books built
  /// stay built).
  std::function<bool()> stop;
};

/// Builds every input of `cmd` into its book folder, printing what `dauys build`
/// prints; returns the exit code.
int RunBuild(const CommonOptions& common, const BuildCommand& cmd, std::ostream& err, bool terminal,
             const BuildHooks& hooks = {});

}  // namespace dauys::cli
