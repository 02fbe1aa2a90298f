#include "input/docx_reader.h"

#include <map>

#include "input/paragraphs.h"
#include "input/xml_part.h"
#include "util/unicode.h"
#include "util/zip_reader.h"

namespace dauys {

namespace {

constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr int kMaxDepth = 200;

/// What a paragraph or character style says, after its basedOn chain.
struct StyleInfo {
  int heading = 0;
  bool bold = false, italic = false, quote = false, caption = false, list = false;
  std::string based_on;
};

/// <w:b/>, <w:b w:val="1"/> are on; <w:b w:val="0"/> and "false" are off.
bool Toggle(const xmlNode* props, const char* local) {
  const xmlNode* t = Child(props, local, kW);
  if (!t) return false;
  std::string v = AttrNs(t, "val", kW);
  return v.empty() || (v != "0" && v != "false" && v != "off" && v != "none");
}

StyleInfo ReadStyle(const xmlNode* s) {
  StyleInfo info;
  const std::string name = ToLower(AttrNs(Child(s, "name", kW) ? Child(s, "name", kW) : s, "val", kW));
  if (name == "title") info.heading = 1;
  if (name.rfind("heading ", 0) == 0 && name.size() == 9 && name[8] >= '1' && name[8] <= '6') info.heading = name[8] - '0';
  if (const xmlNode* outline = Descendant(Child(s, "pPr", kW), "outlineLvl", kW)) {
    std::string v = AttrNs(outline, "val", kW);
    if (v.size() == 1 && v[0] >= '0' && v[0] <= '5') info.heading = v[0] - '0' + 1;
  }
  info.quote = name.find("quote") != std::string::npos || name == "block text";
  info.caption = name.find("caption") != std::string::npos;
  info.list = name.find("list") != std::string::npos;
  if (const xmlNode* rpr = Child(s, "rPr", kW)) {
    info.bold = Toggle(rpr, "b");
    info.italic = Toggle(rpr, "i");
  }
  if (const xmlNode* base = Child(s, "basedOn", kW)) info.based_on = AttrNs(base, "val", kW);
  return info;
}

using Styles = std::map<std::string, StyleInfo>;

Styles ReadStyles(const xmlNode* root) {
  Styles styles;
  for (const xmlNode* s = root->children; s; s = s->next) {
    if (IsElement(s, "style", kW)) styles[AttrNs(s, "styleId", kW)] = ReadStyle(s);
  }
  // Fold each chain of basedOn into its style (at most ten links: a loop ends there).
  Styles resolved = styles;
  for (auto& [id, info] : resolved) {
    std::string base = info.based_on;
    for (int i = 0; i < 10 && styles.count(base); ++i) {
      const StyleInfo& b = styles[base];
      if (!info.heading) info.heading = b.heading;
      info.bold |= b.bold;
      info.italic |= b.italic;
      info.quote |= b.quote;
      info.caption |= b.caption;
      base = b.based_on;
    }
  }
  return resolved;
}

class DocxWalker {
 public:
  DocxWalker(ParagraphBuilder& out, const Styles& styles) : out_(out), styles_(styles) {}

  /// Body-level content: paragraphs, tables, content controls.
  void Blocks(const xmlNode* parent, int depth) {
    if (depth > kMaxDepth) return;
    for (const xmlNode* n = parent->children; n; n = n->next) {
      if (IsElement(n, "p", kW)) {
        Paragraph(n);
      } else if (n->type == XML_ELEMENT_NODE && !IsElement(n, "sectPr", kW)) {
        Blocks(n, depth + 1);
      }
    }
  }

 private:
  const StyleInfo* StyleOf(const xmlNode* props, const char* ref) {
    const xmlNode* s = Child(props, ref, kW);
    auto it = s ? styles_.find(AttrNs(s, "val", kW)) : styles_.end();
    return it == styles_.end() ? nullptr : &it->second;
  }

  void Paragraph(const xmlNode* p) {
    const xmlNode* ppr = Child(p, "pPr", kW);
    static const StyleInfo kNone;
    const StyleInfo& style = StyleOf(ppr, "pStyle") ? *StyleOf(ppr, "pStyle") : kNone;
    paragraph_bold_ = style.bold;
    paragraph_italic_ = style.italic;
    Inline(p, 0);
    Markup m;
    m.heading = style.heading;
    m.quote = style.quote;
    m.list_item = style.list || Child(ppr, "numPr", kW) != nullptr;
    if (style.caption) m.skip = "caption";
    out_.End(m);
  }

  /// Runs, hyperlinks, insertions, fields and content controls inside a paragraph.
  void Inline(const xmlNode* parent, int depth) {
    if (depth > kMaxDepth) return;
    for (const xmlNode* n = parent->children; n; n = n->next) {
      if (n->type != XML_ELEMENT_NODE) continue;
      if (IsElement(n, "r", kW)) {
        Run(n);
      } else if (IsElement(n, "del", kW) || IsElement(n, "moveFrom", kW) || IsElement(n, "pPr", kW)) {
        continue;  // deleted text and the paragraph's own properties
      } else {
        Inline(n, depth + 1);
      }
    }
  }

  void Run(const xmlNode* r) {
    const xmlNode* rpr = Child(r, "rPr", kW);
    const StyleInfo* rstyle = StyleOf(rpr, "rStyle");
    bool bold = paragraph_bold_ || (rstyle && rstyle->bold);
    bool italic = paragraph_italic_ || (rstyle && rstyle->italic);
    if (rpr && Child(rpr, "b", kW)) bold = Toggle(rpr, "b");
    if (rpr && Child(rpr, "i", kW)) italic = Toggle(rpr, "i");
    for (const xmlNode* n = r->children; n; n = n->next) {
      if (IsElement(n, "t", kW)) {
        out_.Text(TextContent(n), bold, italic);
      } else if (IsElement(n, "tab", kW) || IsElement(n, "br", kW) || IsElement(n, "cr", kW)) {
        out_.Text(" ", bold, italic);
      } else if (IsElement(n, "noBreakHyphen", kW)) {
        out_.Text("-", bold, italic);
      } else if (IsElement(n, "drawing", kW) || IsElement(n, "pict", kW)) {
        const xmlNode* described = Descendant(n, "docPr");
        if (described) out_.Skipped(AttrNs(described, "descr"), "image");
      }
      // Field codes (w:instrText), footnote references and symbols are not read.
    }
  }

  ParagraphBuilder& out_;
  const Styles& styles_;
  bool paragraph_bold_ = false, paragraph_italic_ = false;
};

/// Footnotes are reported, not read: the plan lists them as skipped.
void ReportFootnotes(const xmlNode* root, ParagraphBuilder& out) {
  for (const xmlNode* f = root->children; f; f = f->next) {
    if (!IsElement(f, "footnote", kW) || !AttrNs(f, "type", kW).empty()) continue;  // separators
    out.Skipped(TextContent(f), "footnote");
  }
}

}  // namespace

Expected<Document> ReadDocx(std::string bytes, const std::string& name) {
  Expected<ZipReader> zip = ZipReader::Open(std::move(bytes), name);
  if (!zip) return zip.error();
  Styles styles;
  if (zip->Has("word/styles.xml")) {
    Expected<std::string> part = zip->Read("word/styles.xml");
    if (!part) return part.error();
    Expected<XmlDocPtr> xml = ParseXmlPart(*part, name + ": word/styles.xml");
    if (!xml) return xml.error();
    styles = ReadStyles(xmlDocGetRootElement(xml->get()));
  }
  Expected<std::string> part = zip->Read("word/document.xml");
  if (!part) return part.error();
  Expected<XmlDocPtr> xml = ParseXmlPart(*part, name + ": word/document.xml");
  if (!xml) return xml.error();
  const xmlNode* body = Child(xmlDocGetRootElement(xml->get()), "body", kW);
  if (!body) return Error{name + ": word/document.xml: no <w:body>; not a Word document"};
  ParagraphBuilder out(name);
  DocxWalker(out, styles).Blocks(body, 0);
  if (zip->Has("word/footnotes.xml")) {
    Expected<std::string> notes = zip->Read("word/footnotes.xml");
    if (!notes) return notes.error();
    Expected<XmlDocPtr> notes_xml = ParseXmlPart(*notes, name + ": word/footnotes.xml");
    if (!notes_xml) return notes_xml.error();
    ReportFootnotes(xmlDocGetRootElement(notes_xml->get()), out);
  }
  return out.Finish();
}

}  // namespace dauys
