#include "input/markdown_reader.h"

#include <cmark.h>

#include <cstdlib>
#include <memory>

#include "input/html_reader.h"
#include "input/paragraphs.h"

namespace dauys {

Expected<Document> ReadMarkdown(std::string_view bytes, const std::string& name) {
  // Validated as text first: the error names the line and byte, as for a .txt.
  Expected<Document> text = ParseDocument(bytes, name);
  if (!text) return text.error();
  // CommonMark's own HTML (raw HTML in the text left out), read like any page's body.
  std::unique_ptr<char, decltype(&std::free)> html(
      cmark_markdown_to_html(bytes.data(), bytes.size(), CMARK_OPT_DEFAULT), &std::free);
  if (!html) return Error{name + ": the Markdown could not be read"};
  ParagraphBuilder out(name);
  if (!ReadHtmlBody(html.get(), out)) return Error{name + ": the Markdown could not be read"};
  return out.Finish();
}

}  // namespace dauys
