#pragma once
// MP3 encoding through the LAME library: mono 16-bit PCM in, a complete MP3 stream out,
// with the Info/LAME header frame that tells decoders the exact number of samples
// (encoder delay and padding), so chapter durations and chapter marks are exact.

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "util/error.h"

namespace dauys {

struct Mp3Options {
  int sample_rate = 22050;  ///< Hz, mono input.
  int bitrate = 64;         ///< kbps, constant bit rate.
  /// LAME's algorithm quality, 0 (best, slowest) .. 9 (fastest). 3 is LAME's own
  /// default for CBR and what the `lame` program uses: for 64 kbps speech, 2 and below
  /// cost about a third more CPU with no audible gain.
  int quality = 3;
};

/// The bit rates dauys accepts: MPEG-2 Layer III rates at which LAME can still write the
/// Info tag at 22.05 kHz (at 48 kbps and below the tag is silently left empty).
bool IsSupportedBitrate(int kbps);
/// "56, 64, 80, 96, 112, 128, 144, 160".
std::string SupportedBitrates();

/// One MP3 stream. Not shareable between threads; one encoder per thread is safe.
class Mp3Encoder {
 public:
  static Expected<std::unique_ptr<Mp3Encoder>> Create(const Mp3Options& options);
  ~Mp3Encoder();
  Mp3Encoder(const Mp3Encoder&) = delete;
  Mp3Encoder& operator=(const Mp3Encoder&) = delete;

  /// Encodes more samples; the MP3 bytes accumulate internally.
  Status Encode(std::span<const int16_t> samples);
  /// Flushes the encoder, fills in the Info/LAME frame and returns the whole stream.
  Expected<std::string> Finish();
  /// Samples given to Encode() so far.
  int64_t samples() const { return samples_; }

  /// From now on, decode what is encoded and meter it (EBU R 128), so loudness can be
  /// steered by what listeners will hear rather than by what went in.
  void EnableLoudnessMonitor();
  /// Integrated loudness of the decoded output so far, LUFS; -HUGE_VAL before any.
  double MonitoredLoudness() const;

 private:
  explicit Mp3Encoder(void* lame) : lame_(lame) {}
  void Monitor(const unsigned char* bytes, size_t size);

  void* lame_;     // lame_global_flags*
  void* hip_ = nullptr;    // hip_t, when monitoring
  void* meter_ = nullptr;  // ebur128_state*, when monitoring
  std::string out_;
  int64_t samples_ = 0;
};

}  // namespace dauys
