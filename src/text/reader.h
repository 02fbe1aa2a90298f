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

/// What a document's markup says about a paragraph: evidence for the structure stage.
/// Plain text has none; the readers of DOCX, ODT, HTML, Markdown, EPUB and PDF fill it.
struct Markup {
  int heading = 0;          ///< 1 to 6: a heading of that level; 0: not a heading
  bool bold = false;        ///< every letter bold
  bool starts_bold = false; ///< opens with a bold run (a question printed in bold)
  bool italic = false;      ///< every letter italic (a lead, a caption)
  bool quote = false;       ///< inside a blockquote or a quotation style
  bool list_item = false;   ///< an item of a list
  /// Not for reading, and why ("image", "caption", "footnote"): reported like page
  /// furniture, never spoken.
  std::string skip;
};

/// One line of the input as the editor sees it (1-based), NFC, without its line ending;
/// for a marked-up document, one paragraph, numbered from 1 without gaps.
struct Line {
  int number = 0;
  std::string text;
  Markup markup;
};

/// The whole input: its display name and every line, blank ones included.
struct Document {
  std::string name;
  std::vector<Line> lines;
  /// The lines are the paragraphs of a marked-up document (numbered paragraphs, not
  /// line numbers): its headings are those its markup marks, none guessed from text.
  bool marked_up = false;
  /// The author its metadata names (an EPUB's dc:creator); empty when none.
  std::string author;
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
