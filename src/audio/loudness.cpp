#include "audio/loudness.h"

#include <ebur128.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>

namespace dauys {

double MeasureLoudness(std::span<const int16_t> pcm, int sample_rate) {
  std::unique_ptr<ebur128_state, void (*)(ebur128_state*)> state(
      ebur128_init(1, static_cast<unsigned long>(sample_rate), EBUR128_MODE_I),
      [](ebur128_state* s) { ebur128_destroy(&s); });
  if (!state || pcm.empty()) return -HUGE_VAL;
  ebur128_add_frames_short(state.get(), pcm.data(), pcm.size());
  double loudness = -HUGE_VAL;
  if (ebur128_loudness_global(state.get(), &loudness) != EBUR128_SUCCESS) return -HUGE_VAL;
  return loudness;
}

namespace {

/// Rounds to the nearest integer, ties to even, as std::nearbyint does in the default
/// rounding mode, for |v| < 2^22; plain arithmetic, so the loops below vectorize.
inline float RoundHalfEven(float v) {
  constexpr float kMagic = 12582912.0f;  // 1.5 * 2^23
  return (v + kMagic) - kMagic;
}

/// Sum of squares, exact.
int64_t Energy(std::span<const int16_t> pcm) {
  int64_t sum = 0;
  for (int16_t s : pcm) sum += static_cast<int32_t>(s) * s;
  return sum;
}

/// Rounds, ties to even, and clamps to 16 bits (in integers: float comparisons would
/// keep the loops from vectorizing). |v| stays under 2^21 (full scale times +30 dB).
inline int16_t ToSample(float v) {
  return static_cast<int16_t>(std::clamp(static_cast<int32_t>(RoundHalfEven(v)), -32768, 32767));
}

/// out = in * gain (* envelope), rounded; plain loops, so they vectorize.
void ApplyGain(const int16_t* __restrict in, int16_t* __restrict out, size_t n, float gain,
               const float* __restrict envelope) {
  if (!envelope) {
    for (size_t i = 0; i < n; ++i) out[i] = ToSample(static_cast<float>(in[i]) * gain);
    return;
  }
  for (size_t i = 0; i < n; ++i) out[i] = ToSample(static_cast<float>(in[i]) * gain * envelope[i]);
}

/// Indices of the samples whose magnitude exceeds `threshold`; blocks without one are
/// skipped after a vectorized scan for their peak.
void FindPeaks(std::span<const int16_t> pcm, int threshold, std::vector<uint32_t>& peaks) {
  peaks.clear();
  constexpr size_t kBlock = 256;
  for (size_t start = 0; start < pcm.size(); start += kBlock) {
    const size_t end = std::min(start + kBlock, pcm.size());
    int peak = 0;
    for (size_t i = start; i < end; ++i) {
      int v = pcm[i] < 0 ? -pcm[i] : pcm[i];
      peak = v > peak ? v : peak;
    }
    if (peak <= threshold) continue;
    for (size_t i = start; i < end; ++i) {
      if (std::abs(static_cast<int>(pcm[i])) > threshold) peaks.push_back(static_cast<uint32_t>(i));
    }
  }
}

/// Writes `in` times `gain` (linear) to `out` through a look-ahead limiter: the gain
/// ramps down linearly over `lookahead` samples before each peak over `ceiling` and
/// recovers over `release` samples after it. Returns the energy the limiter took away,
/// in dB (0 when no sample reached the ceiling); `in_energy` is Energy(in).
///
/// Only the neighbourhood of the peaks needs work: the gain curve is 1 elsewhere, and
/// each peak's ramps are drawn outwards until they meet a lower curve, which (the
/// ramps all having the same slope) then stays lower.
double GainAndLimit(std::span<const int16_t> in, int64_t in_energy, std::span<int16_t> out, double gain,
                    double ceiling, size_t lookahead, size_t release, std::vector<float>& g,
                    std::vector<uint32_t>& peaks) {
  const size_t n = in.size();
  const auto g_lin = static_cast<float>(gain);
  FindPeaks(in, static_cast<int>(std::min(ceiling / gain, 32768.0)), peaks);
  if (peaks.empty()) {
    ApplyGain(in.data(), out.data(), n, g_lin, nullptr);
    return 0.0;
  }
  const auto ceil = static_cast<float>(ceiling);
  g.assign(n, 1.0f);
  for (uint32_t p : peaks) {
    float level = std::abs(static_cast<float>(in[p]) * g_lin);
    if (level > ceil) g[p] = ceil / level;
  }
  const float attack_step = 1.0f / static_cast<float>(std::max<size_t>(lookahead, 1));
  for (size_t k = peaks.size(); k-- > 0;) {
    float v = g[peaks[k]];
    for (size_t j = peaks[k]; j > 0 && (v += attack_step) < g[j - 1]; --j) g[j - 1] = v;
  }
  const float release_step = 1.0f / static_cast<float>(std::max<size_t>(release, 1));
  for (uint32_t p : peaks) {
    float v = g[p];
    for (size_t j = p + 1; j < n && (v += release_step) < g[j]; ++j) g[j] = v;
  }
  ApplyGain(in.data(), out.data(), n, g_lin, g.data());
  const double before = static_cast<double>(in_energy) * gain * gain;
  const auto after = static_cast<double>(Energy(out));
  return before > 0 && after > 0 ? 10.0 * std::log10(before / after) : 0.0;
}

}  // namespace

double NormalizeLoudness(std::span<const int16_t> pcm, std::span<int16_t> out, int sample_rate,
                         const LoudnessOptions& options, double fallback_gain_db) {
  const double loudness = MeasureLoudness(pcm, sample_rate);
  double gain_db = std::isfinite(loudness) ? options.target_lufs - loudness : fallback_gain_db;
  gain_db = std::clamp(gain_db, -30.0, 30.0);
  const double ceiling = 32767.0 * std::pow(10.0, options.ceiling_dbfs / 20.0);
  const auto lookahead = static_cast<size_t>(options.lookahead_ms * sample_rate / 1000.0);
  const auto release = static_cast<size_t>(options.release_ms * sample_rate / 1000.0);
  const int64_t energy = Energy(pcm);
  std::vector<float> envelope;
  std::vector<uint32_t> peaks;
  auto apply = [&] {
    return GainAndLimit(pcm, energy, out, std::pow(10.0, gain_db / 20.0), ceiling, lookahead, release, envelope, peaks);
  };
  double loss_db = apply();
  // Limiting takes a little loudness off the peaks (0.3 to 0.6 LU for eSpeak NG's
  // voices). The energy it removed predicts that loss closely, so a few cheap passes
  // restore it without measuring the limited audio again. Where the limiter works hard
  // (over 1 dB), or the audio is too short for the gating to average out (under 2 s),
  // the prediction drifts, and measurements steer the last passes.
  const double base_db = gain_db;
  for (int pass = 0; pass < 3 && std::isfinite(loudness); ++pass) {
    double next_db = std::clamp(base_db + loss_db, -30.0, 30.0);
    if (std::abs(next_db - gain_db) <= 0.05) break;
    gain_db = next_db;
    loss_db = apply();
  }
  if (std::isfinite(loudness) && (gain_db - base_db > 1.0 || (loss_db > 0 && pcm.size() < 2u * sample_rate))) {
    // Secant steps on measured loudness: under hard limiting a dB of gain buys well
    // under a dB of loudness.
    double prev_gain = NAN, prev_loudness = NAN;
    for (int pass = 0; pass < 5; ++pass) {
      const double measured = MeasureLoudness(out, sample_rate);
      const double error = options.target_lufs - measured;
      if (!std::isfinite(error) || std::abs(error) <= 0.1) break;
      double slope = (measured - prev_loudness) / (gain_db - prev_gain);
      slope = std::isfinite(slope) ? std::clamp(slope, 0.1, 1.0) : 0.5;
      prev_gain = gain_db;
      prev_loudness = measured;
      gain_db = std::clamp(gain_db + error / slope, -30.0, 30.0);
      apply();
    }
  }
  return gain_db;
}

double NormalizeLoudness(std::vector<int16_t>& pcm, int sample_rate, const LoudnessOptions& options,
                         double fallback_gain_db) {
  std::vector<int16_t> out(pcm.size());
  double gain_db = NormalizeLoudness(pcm, out, sample_rate, options, fallback_gain_db);
  pcm.swap(out);
  return gain_db;
}

}  // namespace dauys
