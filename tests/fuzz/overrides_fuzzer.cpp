// libFuzzer target over the sidecar reader: any bytes give overrides or an error that
// names the sidecar, and applying them to a script never breaks it. Run with scripts/fuzz.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "text/overrides.h"
#include "text/reader.h"
#include "text/segmenter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  dauys::Expected<dauys::Overrides> overrides = dauys::ParseOverrides(bytes, "fuzz.toml");
  if (!overrides) {
    if (overrides.error().message.rfind("fuzz.toml: ", 0) != 0) __builtin_trap();
    return 0;
  }
  for (const auto& [line, what] : overrides->lines) {
    if (line < 1) __builtin_trap();
  }
  if (overrides->title && overrides->title->empty()) __builtin_trap();
  static const dauys::Document doc = [] {
    auto d = dauys::ParseDocument(
        "Ауыл кітапханасы\nБүгін біз кітапханашы Сәуле Қасымовамен сөйлестік.\n– Кімдер келеді?\n"
        "– Оқушылар келеді.\nЖаңа кітаптар\n– Жаңа кітап бар ма?\n– Бар.\n",
        "fuzz.txt");
    if (!d) __builtin_trap();
    return *d;
  }();
  dauys::SegmentOptions options;
  options.interviewee_voices = {"interviewee", "interviewee-2"};
  options.line_overrides = overrides->lines;
  dauys::Script script = dauys::SegmentInterview(doc, options);
  dauys::Expected<std::vector<std::string>> applied = dauys::ApplyOverrides(*overrides, script);
  if (!applied && applied.error().message.rfind("fuzz.toml", 0) != 0) __builtin_trap();
  if (script.chapters.empty()) __builtin_trap();
  return 0;
}
