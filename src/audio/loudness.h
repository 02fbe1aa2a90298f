#pragma once
// Every voice at the same loudness: each spoken segment is measured with libebur128
// (ITU-R BS.1770 / EBU R 128) and brought to a common target, and a look-ahead peak
// limiter keeps the peaks under a ceiling without clipping, so listeners never reach
// for the volume between the interviewer and the interviewee.

#include <cstdint>
#include <span>
#include <vector>

namespace dauys {

struct LoudnessOptions {
  double target_lufs = -19.0;   ///< Integrated loudness, mono speech (podcast norm).
  double ceiling_dbfs = -3.0;   ///< Sample-peak ceiling; keeps true peak under -1.5 dBTP
                                ///< after MP3 encoding.
  double lookahead_ms = 5.0;    ///< Limiter attack: gain starts falling this early.
  double release_ms = 80.0;     ///< Limiter release: gain recovers over this time.
  /// Sentences are set this much above the target: the pauses between them and the
  /// encoder's band limit take about as much off a chapter's integrated loudness
  /// (0.6 LU on the bundled interview, measured with ffmpeg's ebur128 filter).
  double sentence_offset_lu = 0.6;
};

/// Integrated loudness of mono 16-bit PCM in LUFS; -HUGE_VAL for silence or audio too
/// short to gate (under 400 ms).
double MeasureLoudness(std::span<const int16_t> pcm, int sample_rate);

/// Writes `pcm` brought to options.target_lufs, its peaks limited to
/// options.ceiling_dbfs, to `out` (as long as `pcm`). Audio too short or quiet to
/// measure gets `fallback_gain_db`. Returns the gain applied before limiting, in dB.
double NormalizeLoudness(std::span<const int16_t> pcm, std::span<int16_t> out, int sample_rate,
                         const LoudnessOptions& options, double fallback_gain_db);
/// The same, in place.
double NormalizeLoudness(std::vector<int16_t>& pcm, int sample_rate, const LoudnessOptions& options,
                         double fallback_gain_db);

}  // namespace dauys
