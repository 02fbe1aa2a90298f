#pragma once
// Collects the paragraphs a format reader finds, run by run, into the Document the
// text stages read: one numbered line per paragraph, NFC, spaces collapsed, with the
// markup evidence (bold, italic, heading, quotation, list item) each paragraph carries.

#include <string>
#include <string_view>

#include "text/reader.h"
#include "util/error.h"

namespace dauys {

class ParagraphBuilder {
 public:
  explicit ParagraphBuilder(std::string name);

  /// Appends a run of the current paragraph. Line breaks and tabs inside are spaces.
  void Text(std::string_view text, bool bold = false, bool italic = false);
  /// Ends the current paragraph (if it has any text) with `markup`; bold, starts_bold
  /// and italic are set from its runs.
  void End(Markup markup = {});
  /// Drops the current paragraph's runs without ending it.
  void Discard();
  /// A paragraph that is never read (an image's alt text, a caption), kept for the plan's
  /// list of skipped lines with `why`.
  void Skipped(std::string_view text, std::string why);
  /// The last paragraph ended, if any (the EPUB reader compares headings).
  const Line* Last() const { return doc_.lines.empty() ? nullptr : &doc_.lines.back(); }
  /// How many paragraphs have ended so far.
  size_t Count() const { return doc_.lines.size(); }
  const Line& At(size_t i) const { return doc_.lines[i]; }
  /// Puts a heading of `level` before paragraph `index` (a chapter's title from the EPUB
  /// navigation document when its content has none); later paragraphs are renumbered.
  void InsertHeading(size_t index, std::string_view text, int level);
  /// The author the container's metadata names.
  void SetAuthor(std::string author);
  /// The document; an Error naming the input when no paragraph has a letter or digit.
  Expected<Document> Finish();

 private:
  Document doc_;
  std::string text_;
  size_t letters_ = 0, bold_letters_ = 0, italic_letters_ = 0;
  bool first_letter_seen_ = false, first_letter_bold_ = false;
  bool has_text_ = false;
};

}  // namespace dauys
