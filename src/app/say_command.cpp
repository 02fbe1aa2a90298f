#include "app/command.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "app/cli.h"
#include "audio/mp3_encoder.h"
#include "audio/mp3_segments.h"
#include "speech/speech_engine.h"
#include "util/atomic_file.h"
#include "util/unicode.h"

namespace dauys::cli {

namespace fs = std::filesystem;

namespace {

struct SayCommand {
  std::string text;
  std::string voice = "narrator";
  std::string output;  // empty: play, or write say.wav
  double speed = 1.0;
};

std::string Quote(const std::string& s) {
  std::string quoted = "'";
  for (char c : s) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
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

}  // namespace

/// `dauys say TEXT`.
Command AddSayCommand(CLI::App& app) {
  auto common = std::make_shared<CommonOptions>();
  auto say = std::make_shared<SayCommand>();
  CLI::App* cmd = app.add_subcommand("say", "Speak one sentence with a voice profile and the lexicon");
  cmd->add_option("TEXT", say->text, "The sentence")->required();
  cmd->add_option("--voice", say->voice, "Voice profile")->capture_default_str();
  cmd->add_option("-o,--output", say->output,
                  "WAV or MP3 file (default: play through aplay or paplay, else write say.wav)")
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            std::string ext = fs::path(v).extension().string();
            return ext == ".wav" || ext == ".mp3" ? "" : "must end in .wav or .mp3, got '" + v + "'";
          },
          "FILE"));
  cmd->add_option("--voices", common->voices_dir, "Folder of voice profiles (default: voices/)");
  cmd->add_option("--speed", say->speed, "Speaking speed, 0.5 to 3")->capture_default_str()->check(FiniteRange(0.5, 3.0));
  AddScriptOption(cmd, *common);
  return {cmd, [common, say](std::ostream&, std::ostream& err, bool) { return RunSay(*common, *say, err); }};
}

}  // namespace dauys::cli
