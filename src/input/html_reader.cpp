#include "input/html_reader.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <functional>
#include <vector>
#include <memory>
#include <set>
#include <unordered_map>

#include "input/paragraphs.h"
#include "input/xml_part.h"
#include "util/unicode.h"

namespace dauys {

namespace {

using DocPtr = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

constexpr int kMaxDepth = 200;  // deeper nesting is not read (the parser's own limit is 256)

std::string Name(const xmlNode* n) { return ToLower(reinterpret_cast<const char*>(n->name)); }

std::string Attr(const xmlNode* n, const char* attr) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(attr));
  if (!v) return "";
  std::string out = reinterpret_cast<const char*>(v);
  xmlFree(v);
  return out;
}

/// Elements never read: code, styling, forms, navigation and the page's frame.
bool IsDropped(const std::string& name) {
  static const std::set<std::string> kDropped = {
      "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "button", "select",
      "textarea", "iframe", "svg", "canvas", "video", "audio", "object", "embed", "head", "title", "meta",
      "link", "input", "menu", "dialog"};
  return kDropped.count(name) > 0;
}

/// A class, id or role naming page furniture: share bars, comments, "read also" teasers,
/// menus, banners, tags. Tokens, not substrings ("header" is no "ad").
bool IsFurniture(const xmlNode* n) {
  static const std::set<std::string> kTokens = {
      "share", "sharing", "social", "comment", "comments", "related", "readmore", "also", "menu", "nav",
      "navbar", "navigation", "breadcrumb", "breadcrumbs", "tags", "banner", "ads", "advert", "advertisement",
      "promo", "subscribe", "newsletter", "footer", "sidebar", "widget", "popup", "modal", "cookie", "cookies",
      "toolbar", "pagination", "teaser", "teasers", "recommended", "print", "hidden", "contentinfo",
      "complementary", "search"};
  if (xmlHasProp(n, reinterpret_cast<const xmlChar*>("hidden")) || Attr(n, "aria-hidden") == "true") return true;
  std::string style = ToLower(Attr(n, "style"));
  style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
  if (style.find("display:none") != std::string::npos) return true;
  std::string words = ToLower(Attr(n, "class") + " " + Attr(n, "id") + " " + Attr(n, "role"));
  std::string token;
  for (char c : words + " ") {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      token += c;
      continue;
    }
    if (kTokens.count(token)) return true;
    token.clear();
  }
  return false;
}

bool IsBlock(const std::string& name) {
  static const std::set<std::string> kBlocks = {
      "p", "div", "section", "article", "main", "header", "blockquote", "li", "ul", "ol", "dl", "dt", "dd",
      "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "tr", "td", "th", "figure", "figcaption", "address",
      "body", "html", "center", "hr"};
  return kBlocks.count(name) > 0;
}

int HeadingLevel(const std::string& name) {
  return name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6' ? name[1] - '0' : 0;
}

bool StyleIsBold(const xmlNode* n) {
  std::string style = ToLower(Attr(n, "style"));
  style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
  return style.find("font-weight:bold") != std::string::npos || style.find("font-weight:700") != std::string::npos;
}

bool StyleIsItalic(const xmlNode* n) {
  std::string style = ToLower(Attr(n, "style"));
  style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
  return style.find("font-style:italic") != std::string::npos;
}

/// All the text under `n`, for an alt text or a caption.
std::string TextOf(const xmlNode* n) {
  xmlChar* v = xmlNodeGetContent(n);
  if (!v) return "";
  std::string out = reinterpret_cast<const char*>(v);
  xmlFree(v);
  return out;
}

/// Walks a subtree, ending a paragraph at each block's edges.
class BlockWalker {
 public:
  explicit BlockWalker(ParagraphBuilder& out) : out_(out) {}

  void Walk(const xmlNode* parent, int depth) {
    if (depth > kMaxDepth) return;
    for (const xmlNode* n = parent->children; n; n = n->next) {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        out_.Text(reinterpret_cast<const char*>(n->content), bold_ > 0, italic_ > 0);
      } else if (n->type == XML_ELEMENT_NODE) {
        Element(n, depth);
      }
    }
  }

 private:
  void Element(const xmlNode* n, int depth) {
    const std::string name = Name(n);
    if (IsDropped(name) || IsFurniture(n)) return;
    if (name == "img") {
      out_.Skipped(Attr(n, "alt"), "image");
      return;
    }
    if (name == "figcaption") {
      End();
      out_.Skipped(TextOf(n), "caption");
      return;
    }
    // A footnote's mark ("<sup><a href="#fn1">1</a></sup>") is not read; "км<sup>2</sup>" is.
    if (name == "sup" && Descendant(n, "a")) return;
    if (name == "br") {
      End();
      return;
    }
    const bool block = IsBlock(name);
    const bool bold = name == "b" || name == "strong" || StyleIsBold(n);
    const bool italic = name == "i" || name == "em" || StyleIsItalic(n);
    const int heading = HeadingLevel(name);
    if (block) End();
    bold_ += bold;
    italic_ += italic;
    quote_ += name == "blockquote";
    list_ += name == "li";
    const int outer_heading = heading_;
    if (heading) heading_ = heading;
    Walk(n, depth + 1);
    if (block) End();
    heading_ = outer_heading;
    bold_ -= bold;
    italic_ -= italic;
    quote_ -= name == "blockquote";
    list_ -= name == "li";
  }

  void End() {
    Markup m;
    m.heading = heading_;
    m.quote = quote_ > 0;
    m.list_item = list_ > 0;
    // A heading is bold by its nature, not as a question printed in bold.
    out_.End(m);
  }

  ParagraphBuilder& out_;
  int bold_ = 0, italic_ = 0, quote_ = 0, list_ = 0, heading_ = 0;
};

DocPtr ParseHtml(std::string_view bytes) {
  QuietXml();
  // A page that declares no charset is read as UTF-8 (libxml2 would assume Latin-1).
  std::string head = ToLower(bytes.substr(0, 4096));
  const bool declared = head.find("charset") != std::string::npos || head.find("encoding=") != std::string::npos;
  const bool utf8 = head.find("utf-8") != std::string::npos || head.find("utf8") != std::string::npos;
  const char* encoding = declared && !utf8 ? nullptr : "UTF-8";
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING;
  return DocPtr(htmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, encoding, options),
                &xmlFreeDoc);
}

void Collect(const xmlNode* parent, int depth, const std::function<bool(const xmlNode*)>& want,
             std::vector<const xmlNode*>& found) {
  if (depth > kMaxDepth) return;
  for (const xmlNode* n = parent->children; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (IsDropped(Name(n))) continue;
    if (want(n)) found.push_back(n);
    Collect(n, depth + 1, want, found);
  }
}

std::vector<const xmlNode*> Find(const xmlNode* root, const std::function<bool(const xmlNode*)>& want) {
  std::vector<const xmlNode*> found;
  Collect(root, 0, want, found);
  return found;
}

const xmlNode* Heaviest(const std::vector<const xmlNode*>& nodes, const std::function<size_t(const xmlNode*)>& weigh) {
  const xmlNode* best = nullptr;
  size_t most = 0;
  for (const xmlNode* n : nodes) {
    size_t w = weigh(n);
    if (!best || w > most) best = n, most = w;
  }
  return best;
}

/// The bytes of text under every element, measured in one pass (nested candidates
/// would otherwise copy the same text once per level).
size_t MeasureText(const xmlNode* n, int depth, std::unordered_map<const xmlNode*, size_t>& sizes) {
  size_t total = 0;
  for (const xmlNode* c = n->children; c && depth <= kMaxDepth; c = c->next) {
    if (c->type == XML_TEXT_NODE && c->content) total += xmlStrlen(c->content);
    if (c->type == XML_ELEMENT_NODE) total += MeasureText(c, depth + 1, sizes);
  }
  sizes[n] = total;
  return total;
}

/// The article body: itemprop="articleBody", else <article>, else the block with the
/// most paragraph text, else the whole body.
const xmlNode* ArticleRoot(const xmlNode* root) {
  std::unordered_map<const xmlNode*, size_t> sizes;
  MeasureText(root, 0, sizes);
  auto all_text = [&](const xmlNode* n) { return sizes[n]; };
  auto paragraph_weight = [&](const xmlNode* n) {
    size_t weight = 0;
    for (const xmlNode* c = n->children; c; c = c->next) {
      if (c->type == XML_ELEMENT_NODE && Name(c) == "p" && !IsFurniture(c)) weight += sizes[c];
    }
    return weight;
  };
  auto body = Find(root, [](const xmlNode* n) { return Attr(n, "itemprop") == "articleBody"; });
  if (!body.empty()) return Heaviest(body, all_text);
  auto articles = Find(root, [](const xmlNode* n) { return Name(n) == "article" && !IsFurniture(n); });
  if (!articles.empty()) return Heaviest(articles, all_text);
  auto blocks = Find(root, [&](const xmlNode* n) { return paragraph_weight(n) > 0 && !IsFurniture(n); });
  if (!blocks.empty()) return Heaviest(blocks, paragraph_weight);
  return root;
}

bool Contains(const xmlNode* ancestor, const xmlNode* n) {
  for (; n; n = n->parent) {
    if (n == ancestor) return true;
  }
  return false;
}

}  // namespace

void ReadHtmlBlock(const xmlNode* root, ParagraphBuilder& out) {
  BlockWalker walker(out);
  walker.Walk(root, 0);
  out.End();
}

bool ReadHtmlBody(std::string_view bytes, ParagraphBuilder& out) {
  DocPtr doc = ParseHtml(bytes);
  const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (!root) return false;
  ReadHtmlBlock(root, out);
  return true;
}

Expected<Document> ReadHtml(std::string_view bytes, const std::string& name) {
  DocPtr doc = ParseHtml(bytes);
  const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (!root) return Error{name + ": not an HTML page that can be read"};
  const xmlNode* article = ArticleRoot(root);
  ParagraphBuilder out(name);
  // The headline often sits above the article body: read it first when the body has none.
  auto headlines = Find(root, [](const xmlNode* n) { return Name(n) == "h1" && !IsFurniture(n); });
  if (!headlines.empty() && !Contains(article, headlines.front())) {
    bool inside = std::any_of(headlines.begin(), headlines.end(), [&](const xmlNode* h) { return Contains(article, h); });
    if (!inside) {
      out.Text(TextOf(headlines.front()));
      Markup m;
      m.heading = 1;
      out.End(m);
    }
  }
  ReadHtmlBlock(article, out);
  return out.Finish();
}

}  // namespace dauys
