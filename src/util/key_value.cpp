#include "util/key_value.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

#include "util/unicode.h"

namespace dauys {

std::string TrimSpaces(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

std::string Where(const std::string& source, int line) {
  return source + ": line " + std::to_string(line) + ": ";
}

std::vector<SettingLine> SettingLines(std::string_view text) {
  std::vector<SettingLine> lines;
  int line_number = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    std::string line = TrimSpaces(raw.substr(0, raw.find('#')));
    if (!line.empty()) lines.push_back(SettingLine{line_number, std::move(line)});
  }
  return lines;
}

Expected<std::vector<KeyValue>> ParseKeyValues(std::string_view text, const std::string& source) {
  if (size_t valid = ValidUtf8Length(text); valid < text.size()) {
    const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(valid), '\n'));
    return Error{Where(source, line) + (text[valid] == '\0' ? "NUL byte" : "invalid UTF-8") +
                 "; this is not a text file"};
  }
  std::vector<KeyValue> entries;
  std::map<std::string, int> seen;  // key -> line
  for (const SettingLine& l : SettingLines(text)) {
    size_t eq = l.text.find('=');
    if (eq == std::string::npos) {
      return Error{Where(source, l.line) + "expected 'key = value', got '" + Printable(l.text) + "'"};
    }
    KeyValue kv{l.line, TrimSpaces(l.text.substr(0, eq)), TrimSpaces(l.text.substr(eq + 1))};
    if (kv.value.empty()) return Error{Where(source, l.line) + "'" + Printable(kv.key) + "' has no value"};
    if (auto [it, fresh] = seen.emplace(kv.key, l.line); !fresh) {
      return Error{Where(source, l.line) + "'" + Printable(kv.key) + "' is set twice (first on line " +
                   std::to_string(it->second) + ")"};
    }
    entries.push_back(std::move(kv));
  }
  return entries;
}

Expected<double> ParseFiniteNumber(const std::string& text) {
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(v)) return Error{"not a finite number"};
  return v;
}

}  // namespace dauys
