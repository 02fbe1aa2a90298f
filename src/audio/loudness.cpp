#include "audio/loudness.h"

#include <ebur128.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace dauys {

double MeasureLoudness(const std::vector<int16_t>& pcm, int sample_rate) {
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

/// Applies `gain` (linear) and a look-ahead limiter: the gain ramps down linearly over
/// `lookahead` samples before each peak and recovers over `release` samples after it.
void GainAndLimit(std::vector<int16_t>& pcm, double gain, double ceiling, size_t lookahead, size_t release) {
  const size_t n = pcm.size();
  const auto g_lin = static_cast<float>(gain);
  const auto ceil = static_cast<float>(ceiling);
  std::vector<float> g(n);
  bool limited = false;
  for (size_t i = 0; i < n; ++i) {
    float peak = std::abs(static_cast<float>(pcm[i]) * g_lin);
    g[i] = peak > ceil ? ceil / peak : 1.0f;
    limited |= peak > ceil;
  }
  if (limited) {
    const float attack_step = 1.0f / static_cast<float>(std::max<size_t>(lookahead, 1));
    for (size_t i = n; i-- > 1;) g[i - 1] = std::min(g[i - 1], g[i] + attack_step);
    const float release_step = 1.0f / static_cast<float>(std::max<size_t>(release, 1));
    for (size_t i = 1; i < n; ++i) g[i] = std::min(g[i], g[i - 1] + release_step);
  }
  for (size_t i = 0; i < n; ++i) {
    float v = std::nearbyint(static_cast<float>(pcm[i]) * g_lin * g[i]);
    pcm[i] = static_cast<int16_t>(std::clamp(v, -32768.0f, 32767.0f));
  }
}

}  // namespace

double NormalizeLoudness(std::vector<int16_t>& pcm, int sample_rate, const LoudnessOptions& options,
                         double fallback_gain_db) {
  double loudness = MeasureLoudness(pcm, sample_rate);
  double gain_db = std::isfinite(loudness) ? options.target_lufs - loudness : fallback_gain_db;
  gain_db = std::clamp(gain_db, -30.0, 30.0);
  const double ceiling = 32767.0 * std::pow(10.0, options.ceiling_dbfs / 20.0);
  const auto lookahead = static_cast<size_t>(options.lookahead_ms * sample_rate / 1000.0);
  const auto release = static_cast<size_t>(options.release_ms * sample_rate / 1000.0);
  std::vector<int16_t> original = pcm;
  GainAndLimit(pcm, std::pow(10.0, gain_db / 20.0), ceiling, lookahead, release);
  // Limiting takes a little loudness off the peaks; one correction pass restores most
  // of it (a second one gains under 0.1 LU and costs another measurement).
  if (std::isfinite(loudness)) {
    double after = MeasureLoudness(pcm, sample_rate);
    if (std::isfinite(after) && std::abs(options.target_lufs - after) > 0.1) {
      gain_db = std::clamp(gain_db + (options.target_lufs - after), -30.0, 30.0);
      pcm = std::move(original);
      GainAndLimit(pcm, std::pow(10.0, gain_db / 20.0), ceiling, lookahead, release);
    }
  }
  return gain_db;
}

}  // namespace dauys
