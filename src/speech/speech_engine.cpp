#include "speech/speech_engine.h"

#include "speech/tempo.h"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>

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

// eSpeak NG 1.51 asks pcaudiolib for an audio device in espeak_ng_InitializeOutput
// whatever the mode, and pcaudiolib then connects to PulseAudio, which creates folders
// under $HOME and /tmp. dauys only retrieves samples (ENOUTPUT_MODE_SYNCHRONOUS, never
// ENOUTPUT_MODE_SPEAK_AUDIO, the only mode in which the library touches the device), so
// the program provides pcaudiolib's constructor itself, ahead of the library's: there
// is no audio device at all.
extern "C" __attribute__((visibility("default"))) struct audio_object* create_audio_device_object(const char*,
                                                                                                  const char*,
                                                                                                  const char*) {
  return nullptr;
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
  // The zygote's children inherit the voice list; without it every child would read
  // all of eSpeak NG's voice files again to find "kk" (about 370 files a sentence).
  const espeak_VOICE** voices = espeak_ListVoices(nullptr);
  for (int i = 0; voices && voices[i]; ++i) {
    const char* languages = voices[i]->languages;  // priority byte, then name, repeated
    while (languages && *languages) {
      engine->languages_.insert(languages + 1);
      languages += std::char_traits<char>::length(languages) + 1;
    }
    if (voices[i]->name) engine->languages_.insert(voices[i]->name);
  }
  if (Status st = engine->StartZygote(); !st) return st.error();
  return engine;
}

SpeechEngine::~SpeechEngine() {
  if (zygote_socket_ >= 0) ::close(zygote_socket_);  // the zygote sees the end and exits
  if (zygote_pid_ > 0) {
    while (::waitpid(zygote_pid_, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
  espeak_ng_Terminate();
  g_engine_open = false;
}

Status SpeechEngine::CheckVoice(const VoiceProfile& profile) const {
  namespace fs = std::filesystem;
  if (!languages_.count(profile.language)) {
    return Error{profile.language_where + "voice '" + profile.name + "': eSpeak NG has no language '" +
                 profile.language + "'"};
  }
  if (!profile.variant.empty()) {
    std::error_code ec;
    if (!fs::is_regular_file(fs::path(data_path_) / "voices" / "!v" / profile.variant, ec)) {
      return Error{profile.variant_where + "voice '" + profile.name + "': eSpeak NG has no variant '" + profile.variant +
                   "' (see " + (fs::path(data_path_) / "voices" / "!v").string() + ")"};
    }
  }
  return {};
}

namespace {

/// Moves all `size` bytes with `io` (::read or ::write), retrying short transfers and
/// interruptions; false at end of file or on an error.
template <typename Io, typename Byte>
bool TransferAll(Io io, int fd, Byte* p, size_t size) {
  while (size > 0) {
    ssize_t n = io(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

bool WriteAll(int fd, const void* data, size_t size) {
  return TransferAll(::write, fd, static_cast<const char*>(data), size);
}

bool ReadAll(int fd, void* data, size_t size) { return TransferAll(::read, fd, static_cast<char*>(data), size); }

/// A request as it travels to a speaking child.
struct Request {
  int32_t task;  ///< kSpeak or kPhonemes.
  int32_t rate, pitch, range, volume;
  uint32_t voice_size, text_size;
};
constexpr int32_t kSpeak = 0;
constexpr int32_t kPhonemes = 1;

/// Selects the voice and speaks `text` into `speech`, as every request does.
int32_t SelectAndSpeak(const Request& r, const std::string& voice, const std::string& text, Speech& speech) {
  int32_t status = espeak_ng_SetVoiceByName(voice.c_str());
  if (status != ENS_OK) return status;
  espeak_SetParameter(espeakRATE, r.rate, 0);
  espeak_SetParameter(espeakPITCH, r.pitch, 0);
  espeak_SetParameter(espeakRANGE, r.range, 0);
  espeak_SetParameter(espeakVOLUME, r.volume, 0);
  espeak_SetParameter(espeakWORDGAP, 0, 0);
  espeak_SetParameter(espeakPUNCTUATION, espeakPUNCT_NONE, 0);
  unsigned int uid = 0;
  // espeakPHONEMES: "[[...]]" from the lexicon is read as phonemes. Nothing else in a
  // spoken text has "[[": the normalizer never passes brackets on.
  return espeak_ng_Synthesize(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                              espeakCHARS_UTF8 | espeakENDPAUSE | espeakPHONEMES, &uid, &speech);
}

/// In a child of the zygote: read the request, speak, send (status, events, samples),
/// or for kPhonemes (status, 0, bytes) and the phonemes eSpeak NG traced while speaking.
[[noreturn]] void Serve(int in, int out) {
  Request r{};
  std::string voice, text;
  bool ok = ReadAll(in, &r, sizeof r) && r.voice_size < 256 && r.text_size < (1u << 28);
  if (ok) {
    voice.resize(r.voice_size);
    text.resize(r.text_size);
    ok = ReadAll(in, voice.data(), voice.size()) && ReadAll(in, text.data(), text.size());
  }
  if (!ok) ::_exit(2);
  std::srand(1);  // eSpeak NG's noise comes from rand()
  Speech speech;
  if (r.task == kPhonemes) {
    char* traced = nullptr;
    size_t traced_size = 0;
    FILE* trace = ::open_memstream(&traced, &traced_size);
    if (!trace) ::_exit(3);
    espeak_SetPhonemeTrace(espeakPHONEMES_IPA, trace);
    int32_t status = SelectAndSpeak(r, voice, text, speech);
    std::fclose(trace);
    uint64_t header[3] = {static_cast<uint64_t>(static_cast<uint32_t>(status)), 0, traced_size};
    ok = WriteAll(out, header, sizeof header) && WriteAll(out, traced, traced_size);
    ::_exit(ok ? 0 : 1);
  }
  // Room for the samples up front, so they are written once, into pages touched once
  // (growing the vector would copy them and fault in about twice the memory). eSpeak NG
  // makes well under 4,000 samples per byte of text; what is not used is never touched.
  speech.samples.reserve(std::min<size_t>(text.size() * 4000 + 22050, size_t{1} << 26));
  int32_t status = SelectAndSpeak(r, voice, text, speech);
  uint64_t header[3] = {static_cast<uint64_t>(static_cast<uint32_t>(status)), speech.events.size(), speech.samples.size()};
  ok = WriteAll(out, header, sizeof header) &&
       WriteAll(out, speech.events.data(), speech.events.size() * sizeof(SpeechEvent)) &&
       WriteAll(out, speech.samples.data(), speech.samples.size() * sizeof(int16_t));
  ::_exit(ok ? 0 : 1);
}

/// A one-byte message with room for two descriptors.
struct FdMessage {
  char byte = 'r';
  iovec iov{&byte, 1};
  alignas(cmsghdr) char control[CMSG_SPACE(2 * sizeof(int))] = {};
  msghdr msg{};
  FdMessage() {
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
  }
  FdMessage(const FdMessage&) = delete;
  FdMessage& operator=(const FdMessage&) = delete;
};

/// Sends two descriptors over a Unix socket.
bool SendFds(int socket, int a, int b) {
  FdMessage m;
  msghdr& msg = m.msg;
  cmsghdr* c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(2 * sizeof(int));
  int fds[2] = {a, b};
  std::memcpy(CMSG_DATA(c), fds, sizeof fds);
  ssize_t n;
  do {
    n = ::sendmsg(socket, &msg, MSG_NOSIGNAL);
  } while (n < 0 && errno == EINTR);
  return n == 1;
}

bool ReceiveFds(int socket, int* a, int* b) {
  FdMessage m;
  msghdr& msg = m.msg;
  ssize_t n;
  do {
    n = ::recvmsg(socket, &msg, 0);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) return false;
  cmsghdr* c = CMSG_FIRSTHDR(&msg);
  if (!c || c->cmsg_type != SCM_RIGHTS || c->cmsg_len != CMSG_LEN(2 * sizeof(int))) return false;
  int fds[2];
  std::memcpy(fds, CMSG_DATA(c), sizeof fds);
  *a = fds[0];
  *b = fds[1];
  return true;
}

/// The zygote: forks a speaking child for every request until the socket closes. It
/// reaps its children itself, so their CPU time is counted with the build's.
[[noreturn]] void ZygoteLoop(int socket) {
  for (;;) {
    int in = -1, out = -1;
    if (!ReceiveFds(socket, &in, &out)) {
      while (::wait(nullptr) > 0 || errno == EINTR) {
      }
      ::_exit(0);
    }
    pid_t pid = ::fork();
    if (pid == 0) {
      ::close(socket);
      Serve(in, out);
    }
    ::close(in);
    ::close(out);
    while (::waitpid(-1, nullptr, WNOHANG) > 0) {
    }
  }
}

std::mutex g_send_mutex;

}  // namespace

Status SpeechEngine::StartZygote() {
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0) {
    return Error{std::string("cannot start speaking: ") + std::strerror(errno)};
  }
  pid_t pid = ::fork();
  if (pid < 0) {
    int err = errno;
    ::close(pair[0]);
    ::close(pair[1]);
    return Error{std::string("cannot start speaking: ") + std::strerror(err)};
  }
  if (pid == 0) {
    ::close(pair[0]);
    ZygoteLoop(pair[1]);
  }
  ::close(pair[1]);
  zygote_socket_ = pair[0];
  zygote_pid_ = pid;
  return {};
}

std::vector<std::string> SpeechEngine::Variants() const {
  namespace fs = std::filesystem;
  std::vector<std::string> names;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(fs::path(data_path_) / "voices" / "!v", ec)) {
    if (e.is_regular_file(ec)) names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

int SpeechEngine::Ask(int task, std::string_view text, const VoiceProfile& profile) const {
  int request[2], response[2];
  if (::pipe2(request, O_CLOEXEC) != 0) return -1;
  if (::pipe2(response, O_CLOEXEC) != 0) {
    ::close(request[0]);
    ::close(request[1]);
    return -1;
  }
  bool sent;
  {
    std::lock_guard<std::mutex> lock(g_send_mutex);
    sent = SendFds(zygote_socket_, request[0], response[1]);
  }
  ::close(request[0]);
  ::close(response[1]);
  const std::string voice = profile.EspeakName();
  Request r{task, profile.rate, profile.pitch, profile.range, profile.volume, static_cast<uint32_t>(voice.size()),
            static_cast<uint32_t>(text.size())};
  bool ok = sent && WriteAll(request[1], &r, sizeof r) && WriteAll(request[1], voice.data(), voice.size()) &&
            WriteAll(request[1], text.data(), text.size());
  ::close(request[1]);
  if (!ok) {
    ::close(response[0]);
    return -2;
  }
  return response[0];
}

Expected<Speech> SpeechEngine::Speak(std::string_view text, const VoiceProfile& profile) const {
  const int answer = Ask(kSpeak, text, profile);
  if (answer == -1) return Error{std::string("cannot start speaking: ") + std::strerror(errno)};
  Speech speech;
  uint64_t header[3] = {0, 0, 0};
  bool ok = answer >= 0 && ReadAll(answer, header, sizeof header) && header[1] < (1u << 24) && header[2] < (1ull << 34);
  if (ok) {
    speech.events.resize(header[1]);
    speech.samples.resize(header[2]);
    ok = ReadAll(answer, speech.events.data(), speech.events.size() * sizeof(SpeechEvent)) &&
         ReadAll(answer, speech.samples.data(), speech.samples.size() * sizeof(int16_t));
  }
  if (answer >= 0) ::close(answer);
  if (!ok) return Error{"eSpeak NG stopped while speaking: " + std::string(text.substr(0, 80))};
  if (header[0] != static_cast<uint32_t>(ENS_OK)) {
    return Error{"voice '" + profile.name + "': " + StatusText(static_cast<espeak_ng_STATUS>(header[0]))};
  }
  return ChangeTempo(speech, profile.speed, sample_rate_);
}

Expected<std::string> SpeechEngine::Phonemes(std::string_view text, const VoiceProfile& profile) const {
  const int answer = Ask(kPhonemes, text, profile);
  if (answer == -1) return Error{std::string("cannot start speaking: ") + std::strerror(errno)};
  std::string phonemes;
  uint64_t header[3] = {0, 0, 0};
  bool ok = answer >= 0 && ReadAll(answer, header, sizeof header) && header[2] < (1u << 28);
  if (ok) {
    phonemes.resize(header[2]);
    ok = ReadAll(answer, phonemes.data(), phonemes.size());
  }
  if (answer >= 0) ::close(answer);
  if (!ok) return Error{"eSpeak NG stopped while speaking: " + std::string(text.substr(0, 80))};
  if (header[0] != static_cast<uint32_t>(ENS_OK)) {
    return Error{"voice '" + profile.name + "': " + StatusText(static_cast<espeak_ng_STATUS>(header[0]))};
  }
  return phonemes;
}

}  // namespace dauys
