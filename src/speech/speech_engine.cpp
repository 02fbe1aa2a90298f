#include "speech/speech_engine.h"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
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

namespace {

bool WriteAll(int fd, const void* data, size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

/// In the child: select the voice, speak, send (status, events, samples) up the pipe.
[[noreturn]] void SpeakInChild(int fd, const std::string& text, const VoiceProfile& profile) {
  std::srand(1);  // eSpeak NG's noise comes from rand()
  Speech speech;
  int32_t status = espeak_ng_SetVoiceByName(profile.EspeakName().c_str());
  if (status == ENS_OK) {
    espeak_SetParameter(espeakRATE, profile.rate, 0);
    espeak_SetParameter(espeakPITCH, profile.pitch, 0);
    espeak_SetParameter(espeakRANGE, profile.range, 0);
    espeak_SetParameter(espeakVOLUME, profile.volume, 0);
    espeak_SetParameter(espeakWORDGAP, 0, 0);
    espeak_SetParameter(espeakPUNCTUATION, espeakPUNCT_NONE, 0);
    unsigned int uid = 0;
    status = espeak_ng_Synthesize(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                  espeakCHARS_UTF8 | espeakENDPAUSE, &uid, &speech);
  }
  uint64_t header[3] = {static_cast<uint64_t>(static_cast<uint32_t>(status)), speech.events.size(), speech.samples.size()};
  bool ok = WriteAll(fd, header, sizeof header) &&
            WriteAll(fd, speech.events.data(), speech.events.size() * sizeof(SpeechEvent)) &&
            WriteAll(fd, speech.samples.data(), speech.samples.size() * sizeof(int16_t));
  ::_exit(ok ? 0 : 1);
}

bool ReadAll(int fd, void* data, size_t size) {
  char* p = static_cast<char*>(data);
  while (size > 0) {
    ssize_t n = ::read(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

Expected<Speech> SpeechEngine::Speak(std::string_view text, const VoiceProfile& profile) const {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return Error{std::string("cannot start speaking: ") + std::strerror(errno)};
  const std::string buffer(text);
  pid_t pid = ::fork();
  if (pid < 0) {
    int err = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    return Error{std::string("cannot start speaking: ") + std::strerror(err)};
  }
  if (pid == 0) {
    ::close(fds[0]);
    SpeakInChild(fds[1], buffer, profile);
  }
  ::close(fds[1]);
  Speech speech;
  uint64_t header[3] = {0, 0, 0};
  bool ok = ReadAll(fds[0], header, sizeof header) && header[1] < (1u << 24) && header[2] < (1ull << 34);
  if (ok) {
    speech.events.resize(header[1]);
    speech.samples.resize(header[2]);
    ok = ReadAll(fds[0], speech.events.data(), speech.events.size() * sizeof(SpeechEvent)) &&
         ReadAll(fds[0], speech.samples.data(), speech.samples.size() * sizeof(int16_t));
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!ok || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Error{"eSpeak NG stopped while speaking: " + buffer.substr(0, 80)};
  }
  if (header[0] != static_cast<uint32_t>(ENS_OK)) {
    return Error{"voice '" + profile.name + "': " + StatusText(static_cast<espeak_ng_STATUS>(header[0]))};
  }
  return speech;
}

}  // namespace dauys
