// libFuzzer target over the readers of other formats: the input's first byte picks the
// format (Markdown, HTML, DOCX, ODT, EPUB, PDF, or detection by content), the rest is
// the file: mutated containers, XML parts, pages and PDFs. Whatever a reader returns
// must be paragraphs numbered 1, 2, 3 … of valid UTF-8 without control characters that
// segment. Run it with scripts/fuzz; its seeds are tests/fuzz/seeds/formats/.
#include <cstddef>
#include <cstdint>
#include <string>

#include "input/read_input.h"
#include "text/segmenter.h"
#include "util/unicode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const char* const kNames[] = {"fuzz.md", "fuzz.html", "fuzz.docx", "fuzz.odt", "fuzz.epub", "fuzz.pdf", "fuzz"};
  const char* name = kNames[data[0] % 7];
  std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  dauys::Expected<dauys::InputFormat> format = dauys::DetectFormat(bytes, name);
  if (!format) return 0;
  dauys::Expected<dauys::Document> doc = dauys::ReadFormat(std::move(bytes), name, *format);
  if (!doc) return 0;
  int number = 0;
  for (const dauys::Line& line : doc->lines) {
    if (line.number != ++number || !dauys::IsValidUtf8(line.text)) __builtin_trap();
    for (char c : line.text) {
      if (static_cast<unsigned char>(c) < 0x20) __builtin_trap();
    }
    if (line.markup.heading < 0 || line.markup.heading > 6) __builtin_trap();
  }
  dauys::Script script = dauys::SegmentInterview(*doc);
  (void)script;
  return 0;
}
