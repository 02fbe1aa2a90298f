#pragma once
// Reads an HTML page (a saved web page, a CMS export, pandoc's HTML) with libxml2's HTML
// parser: entities decoded, scripts, styles, navigation, menus, share bars, comments and
// footers dropped, the article body taken from itemprop="articleBody", <article> or the
// block with the most paragraph text. Headings, bold, italic, blockquotes and list items
// become the paragraphs' markup evidence; images' alt text and captions are reported,
// never read; a link is read by its text, never its address.

#include <string>
#include <string_view>

#include "text/reader.h"
#include "util/error.h"

struct _xmlNode;

namespace dauys {

class ParagraphBuilder;

/// The article of the page `bytes`; `name` names the input in errors.
Expected<Document> ReadHtml(std::string_view bytes, const std::string& name);

/// Parses `bytes` as HTML and reads its whole <body> into `out` (the EPUB reader's
/// content documents, the Markdown reader's rendered HTML). False when it cannot be parsed.
bool ReadHtmlBody(std::string_view bytes, ParagraphBuilder& out);

/// Reads the paragraphs under `root` into `out`.
void ReadHtmlBlock(const _xmlNode* root, ParagraphBuilder& out);

}  // namespace dauys
