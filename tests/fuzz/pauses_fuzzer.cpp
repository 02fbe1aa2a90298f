// libFuzzer target over the pauses.txt reader: any bytes give settings inside their
// documented ranges (never NaN or infinite) or an error naming the file and line.
// Run with scripts/fuzz.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "book/pauses.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  dauys::Expected<dauys::PauseSettings> p = dauys::ParsePauseSettings(bytes, "pauses.txt");
  if (!p) {
    if (p.error().message.rfind("pauses.txt: line ", 0) != 0) __builtin_trap();
    return 0;
  }
  for (double v : {p->head, p->after_title, p->between_sentences, p->between_paragraphs, p->between_turns, p->tail}) {
    if (!std::isfinite(v) || v < 0 || v > 5) __builtin_trap();
  }
  if (p->head < 0.5 || p->head > 1 || p->tail < 1 || p->tail > 3) __builtin_trap();
  return 0;
}
