#pragma once
// Turns the bytes of an article into clean lines: the one place that knows about
// byte order marks, line endings, encodings and Unicode normalization, so later
// stages see NFC UTF-8 text with the line numbers an editor sees.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace dauys {

/// One line of the input as the editor sees it (1-based), NFC, without its line ending.
struct Line {
  int number = 0;
  std::string text;
};

/// The whole input: its display name and every line, blank ones included.
struct Document {
  std::string name;
  std::vector<Line> lines;
};

/// Validates and cleans `bytes`: a UTF-8 BOM is stripped, CRLF and lone CR end lines,
/// tabs and other control characters become spaces, text is NFC. Invalid UTF-8 or a NUL
/// byte is an Error naming `name`, the line and the byte offset; so is a text with no
/// letters or digits at all, unless `require_text` is false.
Expected<Document> ParseDocument(std::string_view bytes, std::string name, bool require_text = true);

/// Reads `path` and parses it. A missing path, a directory or an unreadable file is an
/// Error naming the path.
Expected<Document> ReadDocument(const std::filesystem::path& path);

}  // namespace dauys
