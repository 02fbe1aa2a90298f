#pragma once
// The small `key = value` text format of dauys's user-editable settings (voice
// profiles, pauses): '#' starts a comment, blank lines are ignored, and every problem
// is reported with the file and line.

#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace dauys {

struct KeyValue {
  int line = 0;
  std::string key;
  std::string value;
};

/// A non-blank line of a settings file, comment removed and trimmed.
struct SettingLine {
  int line = 0;
  std::string text;
};

/// The non-blank lines of `text` ('#' starts a comment), with their numbers.
std::vector<SettingLine> SettingLines(std::string_view text);

/// Parses `text`; `source` names the file in error messages. A key set twice, NUL or
/// invalid UTF-8 is an error.
Expected<std::vector<KeyValue>> ParseKeyValues(std::string_view text, const std::string& source);

/// `s` without leading and trailing spaces, tabs and carriage returns.
std::string TrimSpaces(std::string_view s);

/// `text` as a number, unless it is not one or is NaN or infinite.
Expected<double> ParseFiniteNumber(const std::string& text);

/// "<source>: line N: " for messages about one entry.
std::string Where(const std::string& source, int line);

}  // namespace dauys
