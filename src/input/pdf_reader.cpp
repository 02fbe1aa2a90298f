#include "input/pdf_reader.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <map>
#include <memory>
#include <vector>

#include "input/paragraphs.h"
#include "util/unicode.h"

namespace dauys {

namespace {

/// One printed line: its words, where it stands and how it is set.
struct PrintedLine {
  std::string text;
  double top = 0, bottom = 0, left = 0, right = 0;
  size_t letters = 0, bold = 0, italic = 0;
  std::string furniture;  // why it is not read: a running header, a page number
  double height() const { return bottom - top; }
};

bool FontIs(const std::string& font, std::initializer_list<const char*> words) {
  std::string lower = ToLower(font);
  return std::any_of(words.begin(), words.end(), [&](const char* w) { return lower.find(w) != std::string::npos; });
}

std::string Utf8(const poppler::ustring& s) {
  poppler::byte_array bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

/// The words of a page grouped into lines, top to bottom.
std::vector<PrintedLine> PageLines(const poppler::page& page) {
  std::vector<PrintedLine> lines;
  bool space_before = false;
  for (const poppler::text_box& box : page.text_list(poppler::page::text_list_include_font)) {
    const poppler::rectf r = box.bbox();
    const double middle = (r.top() + r.bottom()) / 2;
    if (lines.empty() || middle > lines.back().bottom || middle < lines.back().top) {
      PrintedLine line;
      line.top = r.top();
      line.bottom = r.bottom();
      line.left = r.left();
      line.right = r.right();
      lines.push_back(std::move(line));
      space_before = false;
    }
    PrintedLine& line = lines.back();
    const std::string word = Utf8(box.text());
    const std::string font = box.get_font_name(0);
    const bool bold = FontIs(font, {"bold", "black", "heavy", "semibold", "demi"});
    const bool italic = FontIs(font, {"italic", "oblique"});
    if (space_before) line.text += ' ';
    line.text += word;
    for (char32_t c : ToUtf32(word)) {
      if (!IsLetter(c)) continue;
      ++line.letters;
      line.bold += bold;
      line.italic += italic;
    }
    line.top = std::min(line.top, r.top());
    line.bottom = std::max(line.bottom, r.bottom());
    line.left = std::min(line.left, r.left());
    line.right = std::max(line.right, r.right());
    space_before = box.has_space_after();
  }
  return lines;
}

/// Digits and spaces stripped: a running header is the same text on every page, its
/// page number aside.
std::string Furniture(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (!(c >= '0' && c <= '9') && c != ' ') out += c;
  }
  return out;
}

bool IsPageNumber(std::string_view text) {
  std::string t = CollapseSpaces(text);
  return !t.empty() && t.size() <= 12 && Furniture(t).find_first_not_of("-–—.,/|") == std::string::npos;
}

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

/// "• item": drops a list's bullet from the line; true when there was one.
bool StripBullet(std::string& text) {
  for (std::string_view bullet : {"•", "◦", "▪", "●", "‣", "∙"}) {
    if (text.rfind(bullet, 0) == 0) {
      text = CollapseSpaces(text.substr(bullet.size()));
      return true;
    }
  }
  return false;
}

bool EndsWithHyphen(const std::string& s) { return !s.empty() && (s.back() == '-' || LastCodePoint(s) == U'\u2010'); }

/// Turns the lines of every page into paragraphs.
class PdfParagraphs {
 public:
  PdfParagraphs(std::vector<std::vector<PrintedLine>> pages, ParagraphBuilder& out) : pages_(std::move(pages)), out_(out) {}

  void Run() {
    DropFurniture();
    std::vector<double> heights;
    for (const auto& page : pages_) {
      for (const PrintedLine& l : page) {
        heights.push_back(l.height());
        right_ = std::max(right_, l.right);
      }
    }
    body_height_ = Median(heights);
    // The tightest gap between two lines of body type is the gap inside a paragraph.
    gap_ = body_height_;
    for (const auto& page : pages_) {
      for (size_t i = 1; i < page.size(); ++i) {
        if (!page[i].furniture.empty() || !page[i - 1].furniture.empty()) continue;
        const double gap = page[i].top - page[i - 1].bottom;
        if (gap >= 0 && std::abs(page[i].height() - body_height_) < 0.2 * body_height_) gap_ = std::min(gap_, gap);
      }
    }
    for (auto& page : pages_) {
      for (size_t i = 0; i < page.size(); ++i) Line(page, i);
      // A page break ends a paragraph unless its last line stops mid-sentence.
      if (!pending_.empty() && IsSentenceEnd(LastCodePoint(pending_))) Flush();
    }
    Flush();
  }

 private:
  /// Running headers and footers (the same text at the top or bottom of several pages)
  /// and page numbers are reported, not read.
  void DropFurniture() {
    std::map<std::string, int> seen;
    for (const auto& page : pages_) {
      if (page.empty()) continue;
      ++seen[Furniture(page.front().text)];
      if (page.size() > 1) ++seen[Furniture(page.back().text)];
    }
    for (auto& page : pages_) {
      for (bool top : {true, false}) {
        if (page.empty()) break;
        const PrintedLine& edge = top ? page.front() : page.back();
        const bool repeated = pages_.size() > 1 && seen[Furniture(edge.text)] > 1 && !Furniture(edge.text).empty();
        if (!IsPageNumber(edge.text) && !repeated) continue;
        (top ? page.front() : page.back()).furniture = IsPageNumber(edge.text) ? "page number" : "running header or footer";
      }
    }
  }

  static bool IsSentenceEnd(char32_t c) {
    return c == U'.' || c == U'?' || c == U'!' || c == U'…' || c == U'»' || c == U':' || c == U'"';
  }

  int HeadingLevel(const PrintedLine& l) const {
    if (body_height_ <= 0) return 0;
    const double ratio = l.height() / body_height_;
    return ratio > 1.6 ? 1 : ratio > 1.2 ? 2 : 0;
  }

  /// Line `i` starts a paragraph: after a wider gap, a short line that ends a sentence,
  /// a change between bold and plain type; indented; or a list's bullet.
  bool StartsParagraph(const std::vector<PrintedLine>& page, size_t i) const {
    if (i == 0) return false;
    const PrintedLine& l = page[i];
    const PrintedLine& before = page[i - 1];
    if (!before.furniture.empty()) return false;  // the running header above the page's text
    // A heading's lines may be centred: only a gap parts two headings.
    if (HeadingLevel(l) > 0) return l.top - before.bottom > 0.8 * l.height();
    const bool bold = l.letters > 0 && l.bold == l.letters, bold_before = before.letters > 0 && before.bold == before.letters;
    const bool short_end = IsSentenceEnd(LastCodePoint(before.text)) && before.right < right_ - 3 * body_height_;
    return l.top - before.bottom > gap_ + 0.4 * body_height_ || short_end || bold != bold_before ||
           l.left > before.left + body_height_;
  }

  void Line(std::vector<PrintedLine>& page, size_t i) {
    PrintedLine& l = page[i];
    if (!l.furniture.empty()) {
      if (i + 1 < page.size()) Flush();  // a header above the text; a footer may cut a paragraph
      out_.Skipped(l.text, l.furniture);
      return;
    }
    const int heading = HeadingLevel(l);
    const bool bullet = StripBullet(l.text);
    if (heading != heading_ || bullet || StartsParagraph(page, i)) Flush();
    heading_ = heading;
    list_item_ = list_item_ || bullet;
    if (EndsWithHyphen(pending_) && l.letters > 0 && !StartsUpper(l.text)) {
      // "сөйле-" + "ді": one word split at the line's end.
      pending_.resize(pending_.size() - (pending_.back() == '-' ? 1 : 3));
    } else if (!pending_.empty()) {
      pending_ += ' ';
    }
    pending_ += l.text;
    letters_ += l.letters;
    bold_ += l.bold;
    italic_ += l.italic;
  }

  void Flush() {
    if (!pending_.empty()) {
      out_.Text(pending_, letters_ > 0 && bold_ == letters_, letters_ > 0 && italic_ == letters_);
      Markup m;
      m.heading = heading_;
      m.list_item = list_item_;
      out_.End(m);
    }
    list_item_ = false;
    pending_.clear();
    letters_ = bold_ = italic_ = 0;
  }

  std::vector<std::vector<PrintedLine>> pages_;
  ParagraphBuilder& out_;
  double body_height_ = 0, gap_ = 0, right_ = 0;
  bool list_item_ = false;
  std::string pending_;
  size_t letters_ = 0, bold_ = 0, italic_ = 0;
  int heading_ = 0;
};

void Quiet(const std::string&, void*) {}

}  // namespace

Expected<Document> ReadPdf(const std::string& bytes, const std::string& name) {
  poppler::set_debug_error_function(Quiet, nullptr);
  if (bytes.size() > static_cast<size_t>(INT_MAX)) return Error{name + ": the PDF is too large"};
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) return Error{name + ": not a readable PDF (damaged or cut short)"};
  if (doc->is_locked()) {
    return Error{name + ": the PDF is encrypted with a password; save an unprotected copy "
                        "(qpdf --decrypt) and read that"};
  }
  std::vector<std::vector<PrintedLine>> pages;
  bool any_text = false;
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) return Error{name + ": page " + std::to_string(i + 1) + ": cannot be read"};
    pages.push_back(PageLines(*page));
    for (const PrintedLine& l : pages.back()) any_text |= l.letters > 0;
  }
  if (!any_text) {
    return Error{name + ": the PDF has no text layer (a scan?); make one with OCR first, "
                        "e.g. ocrmypdf -l kaz+rus " + name + " text.pdf"};
  }
  ParagraphBuilder out(name);
  PdfParagraphs(std::move(pages), out).Run();
  return out.Finish();
}

}  // namespace dauys
