#include "text/reader.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdio>

#include "util/atomic_file.h"
#include "util/unicode.h"

namespace dauys {

namespace {

std::string Hex(unsigned char b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", b);
  return buf;
}

}  // namespace

Expected<Document> ParseDocument(std::string_view bytes, std::string name, bool require_text) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);

  Document doc;
  doc.name = name;
  std::string line;
  int line_number = 1;
  size_t line_start = 0;
  bool has_content = false;
  auto finish_line = [&]() {
    doc.lines.push_back(Line{line_number, ToNfc(line), {}});
    line.clear();
    ++line_number;
  };

  const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto size = static_cast<int32_t>(bytes.size());
  int32_t i = 0;
  while (i < size) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(data, i, size, c);
    const size_t column = static_cast<size_t>(start) - line_start + 1;
    if (c < 0) {
      return Error{name + ": line " + std::to_string(line_number) + ", byte " +
                   std::to_string(column) + ": invalid UTF-8 (byte " + Hex(data[start]) +
                   " at file offset " + std::to_string(start) + ")"};
    }
    if (c == 0) {
      return Error{name + ": line " + std::to_string(line_number) + ", byte " +
                   std::to_string(column) + ": NUL byte; this looks like a binary file, not text"};
    }
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i < size && data[i] == '\n') ++i;
      finish_line();
      line_start = static_cast<size_t>(i);
      continue;
    }
    if (c == 0xFEFF || c == 0x200B) continue;  // stray BOM or zero-width space
    if (u_iscntrl(c) || c == 0x2028 || c == 0x2029) c = ' ';
    if (u_isalnum(c)) has_content = true;
    AppendUtf8(line, static_cast<char32_t>(c));
  }
  if (!line.empty()) finish_line();

  if (!has_content && require_text) {
    return Error{name + (bytes.empty() ? ": the file is empty" : ": the file has no text to read")};
  }
  return doc;
}

Expected<Document> ReadDocument(const std::filesystem::path& path) {
  Expected<std::string> bytes = ReadWholeFile(path, kTextReadLimits);
  if (!bytes) return bytes.error();
  return ParseDocument(*bytes, path.string());
}

}  // namespace dauys
