#include "speech/speech_engine.h"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include <atomic>
#include <filesystem>

namespace dauys {

namespace {

std::atomic<bool> g_engine_open{false};

std::string StatusText(espeak_ng_STATUS status) {
  char buffer[512] = {0};
  espeak_ng_GetStatusCodeMessage(status, buffer, sizeof buffer);
  return buffer;
}

int OnSynth(short* wav, int count, espeak_EVENT* events) {
  for (espeak_EVENT* e = events; e && e->type != espeakEVENT_LIST_TERMINATED; ++e) {
    auto* speech = static_cast<Speech*>(e->user_data);
    if (!speech) continue;
    // eSpeak NG sometimes reports an empty word (length 0) at the end of a sentence that
    // follows a long one; it has no text and is not a word.
    if (e->type == espeakEVENT_WORD && e->length == 0) continue;
    if (e->type == espeakEVENT_WORD || e->type == espeakEVENT_SENTENCE) {
      SpeechEvent ev;
      ev.type = e->type == espeakEVENT_WORD ? SpeechEvent::Type::kWord : SpeechEvent::Type::kSentence;
      ev.sample = e->sample;
      ev.text_position = e->text_position > 0 ? e->text_position - 1 : 0;
      ev.length = e->length;
      speech->events.push_back(ev);
    }
  }
  if (wav && count > 0 && events) {
    auto* speech = static_cast<Speech*>(events->user_data);
    if (speech) speech->samples.insert(speech->samples.end(), wav, wav + count);
  }
  return 0;
}

}  // namespace

size_t Speech::WordCount() const {
  size_t n = 0;
  for (const SpeechEvent& e : events) n += e.type == SpeechEvent::Type::kWord;
  return n;
}

Expected<std::unique_ptr<SpeechEngine>> SpeechEngine::Open() {
  if (g_engine_open.exchange(true)) return Error{"eSpeak NG is already in use in this process"};
  std::unique_ptr<SpeechEngine> engine(new SpeechEngine());
  espeak_ng_InitializePath(nullptr);
  espeak_ng_ERROR_CONTEXT context = nullptr;
  espeak_ng_STATUS status = espeak_ng_Initialize(&context);
  if (status != ENS_OK) {
    espeak_ng_ClearErrorContext(&context);
    g_engine_open = false;
    engine.release();
    return Error{"cannot start eSpeak NG: " + StatusText(status)};
  }
  status = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, nullptr);
  if (status != ENS_OK) return Error{"cannot start eSpeak NG output: " + StatusText(status)};
  espeak_SetSynthCallback(OnSynth);
  engine->sample_rate_ = espeak_ng_GetSampleRate();
  const char* path = nullptr;
  const char* version = espeak_Info(&path);
  engine->data_path_ = path ? path : "";
  engine->version_ = std::string("eSpeak NG ") + (version ? version : "?");
  return engine;
}

SpeechEngine::~SpeechEngine() {
  espeak_ng_Terminate();
  g_engine_open = false;
}

Status SpeechEngine::CheckVoice(const VoiceProfile& profile) const {
  namespace fs = std::filesystem;
  const espeak_VOICE** voices = espeak_ListVoices(nullptr);
  bool language_found = false;
  for (int i = 0; voices && voices[i]; ++i) {
    const char* languages = voices[i]->languages;  // priority byte, then name, repeated
    while (languages && *languages) {
      if (profile.language == languages + 1) language_found = true;
      languages += std::char_traits<char>::length(languages) + 1;
    }
    if (voices[i]->name && profile.language == voices[i]->name) language_found = true;
  }
  if (!language_found) {
    return Error{"voice '" + profile.name + "': eSpeak NG has no language '" + profile.language + "'"};
  }
  if (!profile.variant.empty()) {
    std::error_code ec;
    if (!fs::is_regular_file(fs::path(data_path_) / "voices" / "!v" / profile.variant, ec)) {
      return Error{"voice '" + profile.name + "': eSpeak NG has no variant '" + profile.variant +
                   "' (see " + (fs::path(data_path_) / "voices" / "!v").string() + ")"};
    }
  }
  return {};
}

Status SpeechEngine::SelectVoice(const VoiceProfile& profile) {
  std::string wanted = profile.Describe();
  if (wanted == current_voice_) return {};
  espeak_ng_STATUS status = espeak_ng_SetVoiceByName(profile.EspeakName().c_str());
  if (status != ENS_OK) {
    return Error{"voice '" + profile.name + "': " + StatusText(status)};
  }
  espeak_SetParameter(espeakRATE, profile.rate, 0);
  espeak_SetParameter(espeakPITCH, profile.pitch, 0);
  espeak_SetParameter(espeakRANGE, profile.range, 0);
  espeak_SetParameter(espeakVOLUME, profile.volume, 0);
  espeak_SetParameter(espeakWORDGAP, 0, 0);
  espeak_SetParameter(espeakPUNCTUATION, espeakPUNCT_NONE, 0);
  current_voice_ = wanted;
  return {};
}

Expected<Speech> SpeechEngine::Speak(std::string_view text, const VoiceProfile& profile) {
  if (Status s = SelectVoice(profile); !s) return s.error();
  Speech speech;
  std::string buffer(text);
  unsigned int uid = 0;
  espeak_ng_STATUS status =
      espeak_ng_Synthesize(buffer.c_str(), buffer.size() + 1, 0, POS_CHARACTER, 0,
                           espeakCHARS_UTF8 | espeakENDPAUSE, &uid, &speech);
  if (status != ENS_OK) return Error{"eSpeak NG failed: " + StatusText(status)};
  return speech;
}

}  // namespace dauys
