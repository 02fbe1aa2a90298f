#include "app/command.h"

#include <cstdio>

#include "app/cli.h"
#include "speech/speech_engine.h"

namespace dauys::cli {

namespace fs = std::filesystem;

namespace {

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

}  // namespace

/// `dauys voices`.
Command AddVoicesCommand(CLI::App& app) {
  auto common = std::make_shared<CommonOptions>();
  CLI::App* cmd = app.add_subcommand("voices", "List the voice profiles and the eSpeak NG variants");
  cmd->add_option("--voices", common->voices_dir, "Folder of voice profiles (default: voices/)");
  return {cmd, [common](std::ostream& out, std::ostream& err, bool) {
            return CheckOutput(RunVoices(*common, out, err), out, err);
          }};
}

}  // namespace dauys::cli
