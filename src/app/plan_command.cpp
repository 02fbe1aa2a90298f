#include "app/command.h"

#include "app/cli.h"
#include "speech/speech_engine.h"
#include "text/script.h"

namespace dauys::cli {

namespace fs = std::filesystem;

namespace {

/// The text read with its sidecar, and the book's opening as a build without options
/// would say it (the sidecar's title and author, else those the text gives).
Expected<Loaded> LoadPlanned(const CommonOptions& given, const Settings& settings) {
  Expected<Sidecar> sidecar = LoadSidecar(given);
  if (!sidecar) return sidecar.error();
  const BookSettingValues& book = sidecar->settings;
  CommonOptions common = given;
  if (common.script.empty()) common.script = book.script.value_or("");
  if (!common.announce_speakers) common.announce_speakers = book.announce_speakers.value_or(false);
  Expected<Loaded> loaded = LoadScript(common, settings, *sidecar);
  if (!loaded || !book.opening.value_or(true)) return loaded;
  const std::optional<std::string> title = KnownTitle(loaded->script, book.title.value_or(""));
  const std::string author = BookAuthor(loaded->script, book.author.value_or(loaded->document_author));
  if (title) AddOpening(loaded->script, settings.opening, *title, author);
  return loaded;
}

int RunPlan(const CommonOptions& common, bool json, bool why, std::ostream& out, std::ostream& err) {
  Expected<Settings> settings = LoadSettings(common);
  Expected<Loaded> loaded = settings ? LoadPlanned(common, *settings) : Expected<Loaded>(settings.error());
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
  if (common.keep_features) {
    out << FeaturesJson(loaded->script) << "\n";
  } else {
    out << (json ? PlanJson(loaded->script) : PlanOutline(loaded->script, why));
  }
  return kExitOk;
}

}  // namespace

/// `dauys plan INPUT`.
Command AddPlanCommand(CLI::App& app) {
  struct PlanCommand {
    CommonOptions common;
    bool json = false;
    bool why = false;
    bool voice_quotes = false;
  };
  auto plan = std::make_shared<PlanCommand>();
  CLI::App* cmd = app.add_subcommand("plan", "Print the chapters, speakers and turns found in INPUT");
  cmd->add_option("INPUT", plan->common.input, "UTF-8 text of the interview")->required();
  AddTextOptions(cmd, plan->common);
  cmd->add_flag("--json", plan->json, "Print one JSON object");
  cmd->add_flag("--announce-speakers", plan->common.announce_speakers, kAnnounceHelp);
  cmd->add_flag("--voice-quotes,!--no-voice-quotes", plan->voice_quotes, kVoiceQuotesHelp);
  cmd->add_flag("--why", plan->why, "Show the evidence that decided each turn's speaker");
  cmd->add_flag("--features", plan->common.keep_features,
                "Print the numbers who speaks is decided from, as JSON (read by scripts/fit-roles)");
  return {cmd, [plan, cmd](std::ostream& out, std::ostream& err, bool) {
            if (cmd->get_option("--voice-quotes")->count() > 0) plan->common.voice_quotes = plan->voice_quotes;
            return CheckOutput(RunPlan(plan->common, plan->json, plan->why, out, err), out, err);
          }};
}

}  // namespace dauys::cli
