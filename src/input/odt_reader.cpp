#include "input/odt_reader.h"

#include <map>

#include "input/paragraphs.h"
#include "input/xml_part.h"
#include "util/unicode.h"
#include "util/zip_reader.h"

namespace dauys {

namespace {

constexpr const char* kText = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
constexpr const char* kStyle = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
constexpr const char* kFo = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0";
constexpr const char* kOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
constexpr int kMaxDepth = 200;

struct OdtStyle {
  bool bold = false, italic = false, quote = false, caption = false, title = false;
  bool has_weight = false, has_style = false;
  std::string parent;
};

using Styles = std::map<std::string, OdtStyle>;

/// Every style:style under `n` (automatic or named) into `styles`.
void ReadStyles(const xmlNode* n, Styles& styles, int depth = 0) {
  if (!n || depth > 8) return;
  for (const xmlNode* s = n->children; s; s = s->next) {
    if (!IsElement(s, "style", kStyle)) {
      if (s->type == XML_ELEMENT_NODE) ReadStyles(s, styles, depth + 1);
      continue;
    }
    OdtStyle st;
    const std::string name = AttrNs(s, "name", kStyle);
    const std::string shown = ToLower(AttrNs(s, "display-name", kStyle).empty() ? name : AttrNs(s, "display-name", kStyle));
    st.parent = AttrNs(s, "parent-style-name", kStyle);
    st.quote = shown.find("quotation") != std::string::npos || shown.find("quote") != std::string::npos;
    st.caption = shown.find("caption") != std::string::npos || shown == "illustration" || shown == "figure";
    st.title = shown == "title";
    if (const xmlNode* props = Child(s, "text-properties", kStyle)) {
      const std::string weight = AttrNs(props, "font-weight", kFo);
      const std::string style = AttrNs(props, "font-style", kFo);
      st.has_weight = !weight.empty();
      st.bold = weight == "bold" || weight == "600" || weight == "700" || weight == "800" || weight == "900";
      st.has_style = !style.empty();
      st.italic = style == "italic" || style == "oblique";
    }
    styles[name] = st;
  }
}

/// The style `name` with what its parents give it (ten links at most: a loop ends there).
OdtStyle Resolve(const Styles& styles, const std::string& name) {
  OdtStyle out;
  bool weight = false, slant = false;
  std::string at = name;
  for (int i = 0; i < 10; ++i) {
    auto it = styles.find(at);
    if (it == styles.end()) break;
    const OdtStyle& s = it->second;
    if (!weight && s.has_weight) out.bold = s.bold, weight = true;
    if (!slant && s.has_style) out.italic = s.italic, slant = true;
    out.quote |= s.quote;
    out.caption |= s.caption;
    out.title |= s.title;
    at = s.parent;
  }
  out.has_weight = weight;
  out.has_style = slant;
  return out;
}

class OdtWalker {
 public:
  OdtWalker(ParagraphBuilder& out, const Styles& styles) : out_(out), styles_(styles) {}

  void Blocks(const xmlNode* parent, int depth, bool list_item) {
    if (depth > kMaxDepth) return;
    for (const xmlNode* n = parent->children; n; n = n->next) {
      if (IsElement(n, "h", kText) || IsElement(n, "p", kText)) {
        Paragraph(n, list_item);
      } else if (IsElement(n, "list-item", kText)) {
        Blocks(n, depth + 1, true);
      } else if (n->type == XML_ELEMENT_NODE && !IsElement(n, "tracked-changes", kText)) {
        Blocks(n, depth + 1, list_item);
      }
    }
  }

 private:
  void Paragraph(const xmlNode* p, bool list_item) {
    const OdtStyle style = Resolve(styles_, AttrNs(p, "style-name", kText));
    Inline(p, style.bold, style.italic, 0);
    Markup m;
    if (IsElement(p, "h", kText)) {
      std::string level = AttrNs(p, "outline-level", kText);
      m.heading = level.size() == 1 && level[0] >= '1' && level[0] <= '6' ? level[0] - '0' : 1;
    } else if (style.title || AttrNs(p, "style-name", kText) == "Title") {
      m.heading = 1;
    }
    m.quote = style.quote;
    m.list_item = list_item;
    if (style.caption) m.skip = "caption";
    out_.End(m);
  }

  void Inline(const xmlNode* parent, bool bold, bool italic, int depth) {
    if (depth > kMaxDepth) return;
    for (const xmlNode* n = parent->children; n; n = n->next) {
      if (n->type == XML_TEXT_NODE) {
        out_.Text(reinterpret_cast<const char*>(n->content), bold, italic);
      } else if (IsElement(n, "s", kText) || IsElement(n, "tab", kText) || IsElement(n, "line-break", kText)) {
        out_.Text(" ", bold, italic);
      } else if (IsElement(n, "note", kText)) {
        if (const xmlNode* body = Child(n, "note-body", kText)) notes_.push_back(TextContent(body));
      } else if (IsElement(n, "frame", "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0")) {
        std::string alt = TextContent(n);
        out_.Skipped(alt.empty() ? AttrNs(n, "name") : alt, "image");
      } else if (IsElement(n, "span", kText)) {
        OdtStyle span = Resolve(styles_, AttrNs(n, "style-name", kText));
        Inline(n, span.has_weight ? span.bold : bold, span.has_style ? span.italic : italic, depth + 1);
      } else if (n->type == XML_ELEMENT_NODE && !IsElement(n, "tracked-changes", kText)) {
        Inline(n, bold, italic, depth + 1);
      }
    }
  }

 public:
  std::vector<std::string> notes_;

 private:
  ParagraphBuilder& out_;
  const Styles& styles_;
};

Expected<XmlDocPtr> ReadPart(ZipReader& zip, const std::string& part) {
  Expected<std::string> bytes = zip.Read(part);
  if (!bytes) return bytes.error();
  return ParseXmlPart(*bytes, zip.name() + ": " + part);
}

}  // namespace

Expected<Document> ReadOdt(std::string bytes, const std::string& name) {
  Expected<ZipReader> zip = ZipReader::Open(std::move(bytes), name);
  if (!zip) return zip.error();
  Styles styles;
  if (zip->Has("styles.xml")) {
    Expected<XmlDocPtr> xml = ReadPart(*zip, "styles.xml");
    if (!xml) return xml.error();
    ReadStyles(xmlDocGetRootElement(xml->get()), styles);
  }
  Expected<XmlDocPtr> xml = ReadPart(*zip, "content.xml");
  if (!xml) return xml.error();
  const xmlNode* root = xmlDocGetRootElement(xml->get());
  ReadStyles(Child(root, "automatic-styles", kOffice), styles);
  const xmlNode* text = Child(Child(root, "body", kOffice), "text", kOffice);
  if (!text) return Error{name + ": content.xml: no <office:text>; not a text document"};
  ParagraphBuilder out(name);
  OdtWalker walker(out, styles);
  walker.Blocks(text, 0, false);
  for (const std::string& note : walker.notes_) out.Skipped(note, "footnote");
  return out.Finish();
}

}  // namespace dauys
