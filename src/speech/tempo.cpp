#include "speech/tempo.h"

#include <sonic.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace dauys {

Speech ChangeTempo(const Speech& speech, double factor, int sample_rate) {
  if (factor == 1.0 || speech.samples.empty()) return speech;
  std::unique_ptr<std::remove_pointer_t<sonicStream>, void (*)(sonicStream)> stream(
      sonicCreateStream(sample_rate, 1), sonicDestroyStream);
  Speech out;
  if (!stream) return speech;
  sonicSetSpeed(stream.get(), static_cast<float>(factor));
  std::vector<short> input(speech.samples.begin(), speech.samples.end());
  out.samples.reserve(static_cast<size_t>(static_cast<double>(input.size()) / factor) + 4096);
  std::vector<short> chunk(4096);
  auto drain = [&] {
    while (int n = sonicReadShortFromStream(stream.get(), chunk.data(), static_cast<int>(chunk.size()))) {
      out.samples.insert(out.samples.end(), chunk.begin(), chunk.begin() + n);
    }
  };
  constexpr size_t kBlock = 8192;
  for (size_t at = 0; at < input.size(); at += kBlock) {
    int n = static_cast<int>(std::min(kBlock, input.size() - at));
    sonicWriteShortToStream(stream.get(), input.data() + at, n);
    drain();
  }
  sonicFlushStream(stream.get());
  drain();
  const int64_t last = static_cast<int64_t>(out.samples.size());
  for (SpeechEvent e : speech.events) {
    e.sample = std::min(last, static_cast<int64_t>(std::llround(static_cast<double>(e.sample) / factor)));
    out.events.push_back(e);
  }
  return out;
}

}  // namespace dauys
