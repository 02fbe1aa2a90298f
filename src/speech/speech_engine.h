#pragma once
// eSpeak NG keeps all of its state in process-wide globals and is not thread-safe;
// worse for a cache, what it says depends on what it said before (noise generator,
// pitch phase, echo buffers). SpeechEngine is the only code in dauys that touches the
// library. It initializes it once, then forks a small "zygote" process that keeps
// that pristine state and never speaks: every Speak() asks the zygote for a child,
// which selects the voice, speaks, sends the samples back through a pipe and exits.
// So a sentence always sounds the same, however it was reached, and Speak() may be
// called from several threads at once: each call is its own process, forked from a
// process small enough that forking costs little.
//
//   auto engine = SpeechEngine::Open();
//   Expected<Speech> s = (*engine)->Speak("Сәлеметсіз бе!", profile);
//   // s->samples: 22050 Hz mono 16-bit PCM; s->words: where each word starts

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "speech/voice_profile.h"
#include "util/error.h"

namespace dauys {

/// A word or sentence eSpeak NG reported while speaking.
struct SpeechEvent {
  enum class Type { kWord, kSentence };
  Type type = Type::kWord;
  int64_t sample = 0;     ///< Offset in Speech::samples.
  int text_position = 0;  ///< Code point offset in the spoken text (0-based).
  int length = 0;         ///< Length in code points (words only).
};

struct Speech {
  std::vector<int16_t> samples;
  std::vector<SpeechEvent> events;
  size_t WordCount() const;
};

class SpeechEngine {
 public:
  /// Initializes eSpeak NG for synchronous in-process synthesis. Only one engine may
  /// exist at a time; a second Open() while one lives is an Error.
  static Expected<std::unique_ptr<SpeechEngine>> Open();
  ~SpeechEngine();
  SpeechEngine(const SpeechEngine&) = delete;
  SpeechEngine& operator=(const SpeechEngine&) = delete;

  int sample_rate() const { return sample_rate_; }
  /// "eSpeak NG 1.51" plus the data folder; part of every cache key.
  const std::string& version() const { return version_; }

  /// Checks that the profile's language and variant exist in the installed data (eSpeak
  /// NG itself silently ignores an unknown variant).
  Status CheckVoice(const VoiceProfile& profile) const;
  /// The variants in the installed data (voices/!v), sorted: what a profile's
  /// `variant` may name.
  std::vector<std::string> Variants() const;

  /// Speaks plain text (not SSML) with `profile`, including the pause at its end.
  /// Thread-safe; the result depends only on the text and the profile.
  Expected<Speech> Speak(std::string_view text, const VoiceProfile& profile) const;
  /// The phonemes eSpeak NG says while speaking `text` with `profile`, in IPA, one line
  /// per clause, as its phoneme trace reports them: shows which language's rules read
  /// the text. Thread-safe, like Speak.
  Expected<std::string> Phonemes(std::string_view text, const VoiceProfile& profile) const;

 private:
  SpeechEngine() = default;
  Status StartZygote();
  /// Hands a request (`task`, the voice, `text`) to a new child of the zygote: the
  /// descriptor its answer comes on; -1 when no pipe could be made (errno set), -2
  /// when the request could not be sent.
  int Ask(int task, std::string_view text, const VoiceProfile& profile) const;

  int sample_rate_ = 0;
  std::string version_;
  std::string data_path_;
  /// Every language name eSpeak NG's voices offer, listed once at Open(): asking the
  /// library again reads all its voice files (hundreds of opens), once per book.
  std::set<std::string> languages_;
  int zygote_socket_ = -1;
  int zygote_pid_ = -1;
};

}  // namespace dauys
