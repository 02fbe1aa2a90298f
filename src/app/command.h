#pragma once
// What the commands of the dauys command line share: how each one joins the parser
// (it declares its own options on its subcommand and runs with them once parsed), the
// options that read a text (INPUT, --voices, --overrides, --script), the voice
// folder's settings and a text read into a script with its sidecar applied, the
// option checks and how errors are printed. One file per command (build_command.cpp,
// plan_command.cpp, ...) holds the rest; cli.cpp puts them together.

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/book_settings.h"
#include "book/opening.h"
#include "book/pauses.h"
#include "speech/voice_profile.h"
#include "text/lexicon.h"
#include "text/normalizer.h"
#include "text/overrides.h"
#include "text/reader.h"
#include "text/segmenter.h"
#include "util/error.h"

namespace dauys::cli {

/// A subcommand: its options are declared on `app`, `run` runs it once they are parsed.
struct Command {
  CLI::App* app = nullptr;
  std::function<int(std::ostream& out, std::ostream& err, bool err_is_terminal)> run;
};

Command AddBuildCommand(CLI::App& app);
Command AddCacheCommand(CLI::App& app);
Command AddPlanCommand(CLI::App& app);
Command AddNormalizeCommand(CLI::App& app);
Command AddVoicesCommand(CLI::App& app);
Command AddSayCommand(CLI::App& app);
Command AddFeedCommand(CLI::App& app);
Command AddWatchCommand(CLI::App& app);

struct CommonOptions {
  std::string input;
  std::string voices_dir;
  std::string overrides;  // sidecar path; empty: look next to the input
  std::string script;     // --script; empty: detected per paragraph
  bool announce_speakers = false;  // --announce-speakers
  /// --voice-quotes or --no-voice-quotes when given, and the last build's setting: with
  /// the sidecar's [book] voice_quotes they decide (book_settings' Choose) whether an
  /// article's quotes are voiced.
  std::optional<bool> voice_quotes, last_voice_quotes;
  bool keep_features = false;      // plan --features
};

/// --voices and --overrides, for the commands that read a text.
void AddTextOptions(CLI::App* sub, CommonOptions& common);
/// --script, checked by the parser.
void AddScriptOption(CLI::App* sub, CommonOptions& common);
/// The help of build's and plan's --announce-speakers.
extern const char* const kAnnounceHelp;
/// The help of build's and plan's --voice-quotes.
extern const char* const kVoiceQuotesHelp;

/// What every book of a run shares: the voice folder's profiles, lexicon, pauses and
/// script rules, read once for a batch of any size.
struct Settings {
  std::map<std::string, VoiceProfile> voices;
  Lexicon lexicon;
  PauseSettings pauses;
  ScriptTransliterator transliterator;
  NameGenders names;  ///< voices/names.txt, read once for the whole batch.
  RoleModel model;    ///< voices/roles.weights: who speaks, and is the page an interview.
  OpeningWords opening;  ///< voices/opening.txt: how the book's title and author are said.
  WordLists words;       ///< voices/words.txt: the words that tell who speaks.
};

struct Loaded {
  Script script;
  KazakhScript latin_default = KazakhScript::kLatin2021;
  std::string date;  ///< The sidecar's publication day, "YYYY-MM-DD"; empty: none.
  std::string description;  ///< The sidecar's [book] description.
  std::string text_hash;  ///< HashBytes of the text's lines as read (BookOptions::source_hash).
  std::vector<std::string> warnings;  ///< For the user, without "dauys: warning: ".
  std::string document_author;  ///< The input's own author (an EPUB's dc:creator); empty: none.
};

/// Prints an error; bytes that are not printable text are shown escaped (\xNN),
/// never raw.
void Report(std::ostream& err, const Error& error);
/// Reports `error` and returns kExitFailed.
int Fail(const Error& error, std::ostream& err);
/// Standard output that could not be written (a full disk, a closed pipe) is a failure.
int CheckOutput(int code, std::ostream& out, std::ostream& err);

/// A number from `min` to `max`, read here because CLI::Range lets NaN through (every
/// comparison with it is false).
CLI::Validator FiniteRange(double min, double max);
/// Option values are checked before any work: text must be UTF-8.
extern const CLI::Validator kUtf8Text;

/// --voices, then $DAUYS_VOICES, then share/dauys/voices of an installed program (PREFIX/bin/dauys),
/// then voices/ beside the build folder (build/dauys), then ./voices.
std::filesystem::path FindVoicesDir(const std::string& option);
/// The lexicon lives beside the voice profiles: voices/lexicon.txt.
Expected<Lexicon> LoadLexicon(const CommonOptions& common);
/// The Latin convention of the whole text, for paragraphs too short to tell.
KazakhScript LatinDefault(const std::string& text, const ScriptTransliterator& transliterator);
KazakhScript LatinDefault(const Document& doc, const ScriptTransliterator& transliterator);
/// What the normalizer needs to make other scripts Cyrillic.
ScriptOptions ScriptsFor(const CommonOptions& common, const ScriptTransliterator& transliterator,
                         KazakhScript latin_default);
Expected<Settings> LoadSettings(const CommonOptions& common);
/// The sidecar of a text: its corrections, and the settings its [book] table gives.
struct Sidecar {
  Overrides overrides;
  BookSettingValues settings;
};
/// Reads the sidecar of common.input (--overrides, else the one beside the input); an
/// empty one when there is none.
Expected<Sidecar> LoadSidecar(const CommonOptions& common);
/// Reads common.input into a script with `sidecar` applied, with the voice folder's settings.
Expected<Loaded> LoadScript(const CommonOptions& common, const Settings& settings, const Sidecar& sidecar);

/// The book's title: `option`, else the script's (the headline or the sidecar's), else
/// "Сұхбат: <interviewee>", else the first heading; none when the text gives none.
std::optional<std::string> KnownTitle(const Script& script, const std::string& option);
/// KnownTitle, else the input's file name.
std::string BookTitle(const Script& script, const std::string& option, const std::filesystem::path& input);
/// The book's author: `option`, else the journalist the page names (the interviewer); "" when no
/// author is known (never the program's name).
std::string BookAuthor(const Script& script, const std::string& option);

/// "a, b, c".
std::string Joined(const std::vector<std::string>& items);
/// The cache and the books must not share a folder: a book folder named like a cache
/// folder, or gc sweeping a book's folder. The problem, or "".
std::string CacheAmongBooks(const std::string& output_dir, const std::string& cache_dir);
/// The default cache, .cache in the output folder, is dauys's own folder: not a link.
Status CheckDefaultCache(const std::string& output_dir, const std::string& cache_dir);

/// After a build into `output_dir`: when `dauys feed` was run there, feed.xml, the
/// chapters JSON and the transcripts are brought up to date with the options it kept,
/// and a line says so on `err`.
Status UpdateKeptFeed(const std::filesystem::path& output_dir, std::ostream& err);

}  // namespace dauys::cli
