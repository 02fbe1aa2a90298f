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

/// A look-ahead limiter for one stretch of audio: at a given gain, its curve ramps down
/// linearly over `lookahead` samples before each sample that would pass the ceiling and
/// recovers over `release` samples after it.
///
/// Only the neighbourhood of the peaks needs work: the curve is 1 elsewhere, and each
/// peak's ramps are drawn outwards until they meet a lower curve, which (the ramps all
/// having the same slope) then stays lower. Trying a gain costs a scan for peaks and
/// the work around them; the audio is written once, by Apply.
class Limiter {
 public:
  Limiter(std::span<const int16_t> in, double ceiling, size_t lookahead, size_t release)
      : in_(in),
        ceiling_(ceiling),
        attack_step_(1.0f / static_cast<float>(std::max<size_t>(lookahead, 1))),
        release_step_(1.0f / static_cast<float>(std::max<size_t>(release, 1))),
        energy_(static_cast<double>(Energy(in))) {}

  /// Draws the curve for `gain` (linear); returns the energy it takes away, in dB.
  double Shape(double gain) {
    gain_ = gain;
    for (auto [begin, end] : spans_) std::fill(curve_.begin() + begin, curve_.begin() + end, 1.0f);
    spans_.clear();
    FindPeaks(in_, static_cast<int>(std::min(ceiling_ / gain, 32768.0)), peaks_);
    if (peaks_.empty()) return 0.0;
    if (curve_.empty()) curve_.assign(in_.size(), 1.0f);
    const auto g_lin = static_cast<float>(gain);
    const auto ceil = static_cast<float>(ceiling_);
    for (uint32_t p : peaks_) {
      float level = std::abs(static_cast<float>(in_[p]) * g_lin);
      if (level > ceil) curve_[p] = ceil / level;
    }
    std::vector<std::pair<size_t, size_t>> reach(peaks_.size());  // per peak: [first, last] touched
    for (size_t k = peaks_.size(); k-- > 0;) {
      size_t j = peaks_[k];
      for (float v = curve_[j]; j > 0 && (v += attack_step_) < curve_[j - 1]; --j) curve_[j - 1] = v;
      reach[k].first = j;
    }
    for (size_t k = 0; k < peaks_.size(); ++k) {
      size_t j = peaks_[k];
      for (float v = curve_[j]; j + 1 < in_.size() && (v += release_step_) < curve_[j + 1]; ++j) curve_[j + 1] = v;
      reach[k].second = j;
    }
    std::sort(reach.begin(), reach.end());  // a strong peak's ramp may reach past weaker ones
    for (auto [first, last] : reach) {
      if (!spans_.empty() && first <= spans_.back().second) {
        spans_.back().second = std::max(spans_.back().second, last + 1);
      } else {
        spans_.emplace_back(first, last + 1);
      }
    }
    // Energy before and after, over the spans only: elsewhere the curve is 1.
    double before = 0, after = 0;
    for (auto [begin, end] : spans_) {
      for (size_t i = begin; i < end; ++i) {
        const double x = in_[i];
        before += x * x;
        after += x * x * curve_[i] * curve_[i];
      }
    }
    const double rest = energy_ - before;
    return rest + after > 0 ? 10.0 * std::log10(energy_ / (rest + after)) : 0.0;
  }

  /// Writes the audio times the gain and the curve last drawn, rounded, to `out`.
  void Apply(std::span<int16_t> out) const {
    const auto g_lin = static_cast<float>(gain_);
    ApplyGain(in_.data(), out.data(), in_.size(), g_lin, nullptr);
    for (auto [begin, end] : spans_) {
      ApplyGain(in_.data() + begin, out.data() + begin, end - begin, g_lin, curve_.data() + begin);
    }
  }

 private:
  std::span<const int16_t> in_;
  double ceiling_;
  float attack_step_, release_step_;
  double energy_;
  double gain_ = 1.0;
  std::vector<float> curve_;                      // 1 outside spans_
  std::vector<std::pair<size_t, size_t>> spans_;  // [begin, end) where the curve may dip
  std::vector<uint32_t> peaks_;
};

}  // namespace

double NormalizeLoudness(std::span<const int16_t> pcm, std::span<int16_t> out, int sample_rate,
                         const LoudnessOptions& options, double fallback_gain_db) {
  const double loudness = MeasureLoudness(pcm, sample_rate);
  double gain_db = std::isfinite(loudness) ? options.target_lufs - loudness : fallback_gain_db;
  gain_db = std::clamp(gain_db, -30.0, 30.0);
  const double ceiling = 32767.0 * std::pow(10.0, options.ceiling_dbfs / 20.0);
  const auto lookahead = static_cast<size_t>(options.lookahead_ms * sample_rate / 1000.0);
  const auto release = static_cast<size_t>(options.release_ms * sample_rate / 1000.0);
  Limiter limiter(pcm, ceiling, lookahead, release);
  auto shape = [&] { return limiter.Shape(std::pow(10.0, gain_db / 20.0)); };
  double loss_db = shape();
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
    loss_db = shape();
  }
  limiter.Apply(out);
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
      shape();
      limiter.Apply(out);
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
