#include "input/paragraphs.h"

#include <unicode/uchar.h>

#include "util/unicode.h"

namespace dauys {

namespace {

/// The paragraph as the text reader would make a line of it: controls and line breaks
/// become spaces, zero-width marks go, NFC, spaces collapsed.
std::string CleanParagraph(std::string_view text) {
  std::string out;
  for (char32_t c : ToUtf32(text)) {
    if (c == 0xFEFF || c == 0x200B || c == 0x00AD) continue;  // BOM, zero-width space, soft hyphen
    if (u_iscntrl(static_cast<UChar32>(c)) || c == 0x2028 || c == 0x2029 || c == 0xA0) c = ' ';
    AppendUtf8(out, c);
  }
  return CollapseSpaces(ToNfc(out));
}

}  // namespace

ParagraphBuilder::ParagraphBuilder(std::string name) {
  doc_.name = std::move(name);
  doc_.marked_up = true;
}

void ParagraphBuilder::Text(std::string_view text, bool bold, bool italic) {
  text_.append(text);
  for (char32_t c : ToUtf32(text)) {
    if (!u_isalnum(static_cast<UChar32>(c))) continue;
    has_text_ = true;
    ++letters_;
    bold_letters_ += bold;
    italic_letters_ += italic;
    if (!first_letter_seen_) first_letter_bold_ = bold;
    first_letter_seen_ = true;
  }
}

void ParagraphBuilder::Discard() {
  text_.clear();
  letters_ = bold_letters_ = italic_letters_ = 0;
  first_letter_seen_ = first_letter_bold_ = false;
}

void ParagraphBuilder::End(Markup markup) {
  std::string text = CleanParagraph(text_);
  // The same heading twice in a row (an EPUB's title page, then its first chapter) is one.
  const bool repeated = markup.heading > 0 && !doc_.lines.empty() && doc_.lines.back().markup.heading > 0 &&
                        doc_.lines.back().text == text;
  if (repeated) {
    Discard();
    return;
  }
  if (!text.empty() && letters_ > 0) {
    markup.bold = markup.bold || bold_letters_ == letters_;
    markup.starts_bold = markup.starts_bold || first_letter_bold_;
    markup.italic = markup.italic || italic_letters_ == letters_;
    doc_.lines.push_back(Line{static_cast<int>(doc_.lines.size()) + 1, std::move(text), std::move(markup)});
  } else if (!text.empty() && !markup.skip.empty()) {
    doc_.lines.push_back(Line{static_cast<int>(doc_.lines.size()) + 1, std::move(text), std::move(markup)});
  }
  Discard();
}

void ParagraphBuilder::Skipped(std::string_view text, std::string why) {
  std::string clean = CleanParagraph(text);
  if (clean.empty()) return;
  Markup markup;
  markup.skip = std::move(why);
  doc_.lines.push_back(Line{static_cast<int>(doc_.lines.size()) + 1, std::move(clean), std::move(markup)});
}

void ParagraphBuilder::InsertHeading(size_t index, std::string_view text, int level) {
  std::string clean = CleanParagraph(text);
  if (clean.empty() || index > doc_.lines.size()) return;
  if (index > 0 && doc_.lines[index - 1].markup.heading > 0 && doc_.lines[index - 1].text == clean) return;
  Markup markup;
  markup.heading = level;
  doc_.lines.insert(doc_.lines.begin() + static_cast<std::ptrdiff_t>(index), Line{0, std::move(clean), markup});
  for (size_t i = 0; i < doc_.lines.size(); ++i) doc_.lines[i].number = static_cast<int>(i) + 1;
}

void ParagraphBuilder::SetAuthor(std::string author) {
  doc_.author = std::move(author);
}

Expected<Document> ParagraphBuilder::Finish() {
  End();
  if (!has_text_) return Error{doc_.name + ": the document has no text to read"};
  return std::move(doc_);
}

}  // namespace dauys
