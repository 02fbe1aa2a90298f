// libFuzzer target over the voice profile reader: any bytes give a profile inside the
// documented ranges or an error naming the file and line. Run with scripts/fuzz.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "speech/voice_profile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  dauys::Expected<dauys::VoiceProfile> v = dauys::ParseVoiceProfile(bytes, "fuzz", "fuzz.voice");
  if (!v) {
    if (v.error().message.rfind("fuzz.voice: line ", 0) != 0) __builtin_trap();
    return 0;
  }
  if (v->rate < 80 || v->rate > 450 || v->pitch < 0 || v->pitch > 100 || v->range < 0 || v->range > 100 ||
      v->volume < 0 || v->volume > 200 || v->language.empty()) {
    __builtin_trap();
  }
  for (char c : v->language + v->variant) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
      __builtin_trap();
    }
  }
  return 0;
}
