#include "app/command.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "app/book_settings.h"
#include "app/cli.h"
#include "book/announcements.h"
#include "input/read_input.h"
#include "text/overrides.h"
#include "util/atomic_file.h"
#include "book/publisher.h"
#include "cache/segment_cache.h"
#include "util/real_folder.h"
#include "util/unicode.h"

namespace dauys::cli {

namespace fs = std::filesystem;

const char* const kAnnounceHelp = "The narrator says the speaker's name at each change of speaker";
const char* const kVoiceQuotesHelp =
    "Read an article's direct quotes in the quoted speaker's voice (voices/quoted.voice); "
    "--no-voice-quotes: all in the narrator's";

void AddTextOptions(CLI::App* sub, CommonOptions& common) {
  sub->add_option("--voices", common.voices_dir, "Folder of voice profiles (default: voices/)");
  sub->add_option("--overrides", common.overrides,
                  "Corrections to the detected structure (default: INPUT.toml beside the input)");
}

void AddScriptOption(CLI::App* sub, CommonOptions& common) {
  sub->add_option("--script", common.script,
                  "Script of the text: latin2018, latin2021, digraph, arabic or cyrillic (default: detected)")
      ->check(CLI::IsMember({"latin2018", "latin2021", "digraph", "arabic", "cyrillic"}));
}

/// Prints an error; bytes that are not printable text are shown escaped (\xNN),
/// never raw.
void Report(std::ostream& err, const Error& error) { err << "dauys: error: " << Printable(error.message) << "\n"; }

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

int Fail(const Error& error, std::ostream& err) {
  Report(err, error);
  return kExitFailed;
}

namespace {

fs::path ExecutableDir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

}  // namespace

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

namespace {

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

}  // namespace

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
  Expected<RoleModel> model = RoleModel::Load(FindVoicesDir(common.voices_dir));
  if (!model) return model.error();
  Expected<OpeningWords> opening = LoadOpeningWords(FindVoicesDir(common.voices_dir));
  if (!opening) return opening.error();
  Expected<WordLists> words = WordLists::Load(FindVoicesDir(common.voices_dir));
  if (!words) return words.error();
  return Settings{std::move(*voices), std::move(*lexicon), *pauses,     std::move(*transliterator),
                  std::move(*names),  *model,              *opening,    std::move(*words)};
}

Expected<Sidecar> LoadSidecar(const CommonOptions& common) {
  std::optional<fs::path> path =
      common.overrides.empty() ? FindOverridesFile(common.input) : std::optional<fs::path>(common.overrides);
  if (!path) return Sidecar{};
  Expected<Overrides> overrides = LoadOverrides(*path);
  if (!overrides) return overrides.error();
  Expected<BookSettingValues> settings = SidecarSettings(*overrides);
  if (!settings) return settings.error();
  return Sidecar{std::move(*overrides), std::move(*settings)};
}

Expected<Loaded> LoadScript(const CommonOptions& common, const Settings& settings, const Sidecar& sidecar) {
  const std::map<std::string, VoiceProfile>* voices = &settings.voices;
  Expected<Document> doc = ReadInput(common.input);
  if (!doc) return doc.error();
  const Overrides& overrides = sidecar.overrides;
  for (const auto& [line, what] : overrides.lines) {
    bool has_text = line <= static_cast<int>(doc->lines.size()) &&
                    doc->lines[static_cast<size_t>(line - 1)].text.find_first_not_of(' ') != std::string::npos;
    if (!has_text) {
      return Error{overrides.Where(overrides.line_at.count(line) ? overrides.line_at.at(line) : 0) + "line " +
                   std::to_string(line) + " of " + common.input + " has no paragraph to override" +
                   (doc->marked_up ? " (a document's paragraphs are numbered as `dauys plan` shows them)" : "")};
    }
  }

  SegmentOptions options;
  options.interviewee_voices = IntervieweeVoicePool(*voices);
  options.line_overrides = overrides.lines;
  options.page_kind = overrides.page_kind;
  options.voice_genders = VoiceGenders(*voices);
  options.names = settings.names;
  options.model = settings.model;
  options.words = settings.words;
  options.keep_features = common.keep_features;
  options.voice_quotes = Choose(common.voice_quotes, overrides.voice_quotes, common.last_voice_quotes, false).value;
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
  Expected<std::vector<std::string>> warnings = ApplyOverrides(overrides, script, voice_names);
  if (!warnings) return warnings.error();
  if (common.announce_speakers) AnnounceSpeakers(script);
  for (const Speaker& speaker : script.speakers) {
    if (!voices->count(speaker.voice)) {
      return Error{FindVoicesDir(common.voices_dir).string() + ": speaker " + speaker.id + " needs voice '" +
                   speaker.voice + "', which is not in the voice folder"};
    }
  }
  std::string text;
  for (const Line& line : doc->lines) text += line.text + "\n";
  for (std::string& w : SharedVoiceWarnings(script, common.input)) warnings->push_back(std::move(w));
  return Loaded{std::move(script),
                reader_default,
                overrides.date.value_or(""),
                overrides.description.value_or(""),
                HashBytes(text),
                std::move(*warnings),
                doc->author};
}

std::optional<std::string> KnownTitle(const Script& script, const std::string& option) {
  if (!option.empty()) return option;
  if (script.title) return *script.title;
  if (const Speaker* guest = script.FirstWithRole(Role::kInterviewee); guest && !guest->name.empty()) {
    return "Сұхбат: " + guest->name;
  }
  for (const Chapter& c : script.chapters) {
    if (c.heading) return c.title;
  }
  return std::nullopt;
}

std::string BookTitle(const Script& script, const std::string& option, const fs::path& input) {
  return KnownTitle(script, option).value_or(WithoutControls(input.stem().string()));
}

std::string BookAuthor(const Script& script, const std::string& option) {
  if (!option.empty()) return option;
  // The journalist the page names (a byline «Сұхбаттасқан …») wrote the piece; a guest
  // did not, and a page that names no writer has no author.
  const Speaker* writer = script.FirstWithRole(Role::kInterviewer);
  return writer ? writer->name : "";
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
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

/// Standard output that could not be written (a full disk, a closed pipe) is a failure.
int CheckOutput(int code, std::ostream& out, std::ostream& err) {
  out.flush();
  if (out) return code;
  err << "dauys: error: cannot write to standard output\n";
  return kExitFailed;
}

const CLI::Validator kUtf8Text(
    [](std::string& v) -> std::string {
      return IsValidUtf8(v) ? "" : "must be UTF-8 text (it has an invalid byte or a NUL)";
    },
    "TEXT");

}  // namespace dauys::cli
