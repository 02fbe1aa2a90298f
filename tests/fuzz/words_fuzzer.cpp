// libFuzzer target over the voices/words.txt reader: any bytes give word lists whose
// entries are non-empty UTF-8 without spaces (a multi-word entry is joined), or an error
// naming the file and line. Run with scripts/fuzz.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/word_lists.h"
#include "util/unicode.h"

namespace {

void Check(const std::vector<std::string>& words) {
  for (const std::string& w : words) {
    if (w.empty() || dauys::ValidUtf8Length(w) != w.size()) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  dauys::Expected<dauys::WordLists> w = dauys::WordLists::Parse(bytes, "words.txt");
  if (!w) {
    if (w.error().message.rfind("words.txt: line ", 0) != 0) __builtin_trap();
    return 0;
  }
  Check(w->title_words);
  Check(w->byline_verbs);
  Check(w->reporting_verbs);
  return 0;
}
