#include "text/pls.h"

#include <climits>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>
#include <vector>

#include "util/atomic_file.h"
#include "util/unicode.h"

namespace dauys {

namespace {

constexpr const char* kPlsNamespace = "http://www.w3.org/2005/01/pronunciation-lexicon";
constexpr std::string_view kXmlNamespace = "http://www.w3.org/XML/1998/namespace";

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct CtxtFree {
  void operator()(xmlParserCtxt* c) const { xmlFreeParserCtxt(c); }
};
using Doc = std::unique_ptr<xmlDoc, DocFree>;

std::string Where(const std::string& source, long line) {
  return source + (line > 0 ? ": line " + std::to_string(line) : std::string()) + ": ";
}
std::string Where(const std::string& source, const xmlNode* node) { return Where(source, xmlGetLineNo(node)); }

const char* Chars(const xmlChar* s) { return reinterpret_cast<const char*>(s); }

bool IsPls(const xmlNode* node, std::string_view name) {
  return node->type == XML_ELEMENT_NODE && node->ns && std::string_view(Chars(node->ns->href)) == kPlsNamespace &&
         std::string_view(Chars(node->name)) == name;
}

/// An attribute's value, "" when absent.
std::string Attribute(const xmlNode* node, const char* name, const char* ns = nullptr) {
  xmlChar* v = ns ? xmlGetNsProp(node, reinterpret_cast<const xmlChar*>(name), reinterpret_cast<const xmlChar*>(ns))
                  : xmlGetNoNsProp(node, reinterpret_cast<const xmlChar*>(name));
  if (!v) return "";
  std::string out = Chars(v);
  xmlFree(v);
  return out;
}

/// The element's text, white space collapsed (PLS content is normalized).
std::string Text(const xmlNode* node) {
  xmlChar* v = xmlNodeGetContent(node);
  std::string out = v ? Chars(v) : "";
  if (v) xmlFree(v);
  return CollapseSpaces(out);
}

bool SpeakableAlphabet(const std::string& alphabet) { return alphabet == kEspeakAlphabet || alphabet == "x-espeak"; }

/// True when the lexeme's role list names dauys's unit role (a QName whose prefix is
/// bound to kDauysPlsNamespace).
bool IsUnit(xmlNode* lexeme) {
  for (const std::string& role : SplitWords(Attribute(lexeme, "role"))) {
    size_t colon = role.find(':');
    if (colon == std::string::npos || role.substr(colon + 1) != "unit") continue;
    std::string prefix = role.substr(0, colon);
    xmlNs* ns = xmlSearchNs(lexeme->doc, lexeme, reinterpret_cast<const xmlChar*>(prefix.c_str()));
    if (ns && std::string_view(Chars(ns->href)) == kDauysPlsNamespace) return true;
  }
  return false;
}

/// One <lexeme>: an entry per grapheme, all with the first pronunciation dauys can say.
Status ReadLexeme(xmlNode* lexeme, const std::string& alphabet, const std::string& source,
                  std::vector<Lexicon::Entry>& out) {
  std::vector<std::string> graphemes;
  std::string spoken, refused;
  for (xmlNode* child = lexeme->children; child; child = child->next) {
    if (child->type != XML_ELEMENT_NODE) continue;
    if (IsPls(child, "grapheme")) {
      std::string g = Text(child);
      if (g.empty()) return Error{Where(source, child) + "empty <grapheme>"};
      graphemes.push_back(ToNfc(g));
    } else if (IsPls(child, "alias")) {
      std::string a = Text(child);
      if (a.empty()) return Error{Where(source, child) + "empty <alias>"};
      if (std::string problem = CheckSpoken(a); !problem.empty()) return Error{Where(source, child) + problem};
      if (spoken.empty()) spoken = ToNfc(a);
    } else if (IsPls(child, "phoneme")) {
      std::string p = Text(child);
      if (p.empty()) return Error{Where(source, child) + "empty <phoneme>"};
      std::string own = Attribute(child, "alphabet");
      const std::string& used = own.empty() ? alphabet : own;
      if (!SpeakableAlphabet(used)) {
        refused = Where(source, child) + "phoneme alphabet '" + used + "' is not eSpeak NG's (\"" +
                  kEspeakAlphabet + "\"); give this lexeme an <alias> or phonemes in that alphabet";
        continue;
      }
      if (p.find_first_of("[]") != std::string::npos) {
        return Error{Where(source, child) + "eSpeak NG phonemes may not contain '[' or ']'"};
      }
      if (spoken.empty()) spoken = "[[" + p + "]]";
    } else if (!IsPls(child, "example")) {
      return Error{Where(source, child) + "unexpected <" + Chars(child->name) + "> in <lexeme>"};
    }
  }
  if (graphemes.empty()) return Error{Where(source, lexeme) + "<lexeme> without a <grapheme>"};
  if (spoken.empty()) {
    if (!refused.empty()) return Error{refused};
    return Error{Where(source, lexeme) + "<lexeme> without an <alias> or <phoneme>"};
  }
  const Lexicon::Kind kind = IsUnit(lexeme) ? Lexicon::Kind::kUnit : Lexicon::Kind::kWord;
  for (const std::string& g : graphemes) out.push_back({ToUtf32(g), spoken, kind});
  return {};
}

/// The first error the parser meets (libxml2 keeps only the last, often a consequence).
struct FirstError {
  bool seen = false;
  int line = 0;
  std::string message;
};

void KeepFirstError(void* data, xmlErrorPtr error) {
  auto* ctxt = static_cast<xmlParserCtxt*>(data);
  auto* first = ctxt ? static_cast<FirstError*>(ctxt->_private) : nullptr;
  if (!first || first->seen || !error || error->level < XML_ERR_ERROR) return;
  first->seen = true;
  first->line = error->line;
  first->message = error->message ? CollapseSpaces(error->message) : "not well-formed XML";
}

}  // namespace

Expected<Lexicon> ParsePls(std::string_view xml, const std::string& source) {
  std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(xmlNewParserCtxt());
  if (!ctxt) return Error{source + ": out of memory reading the PLS lexicon"};
  FirstError first;
  ctxt->_private = &first;
  ctxt->sax->serror = KeepFirstError;
  if (xml.size() > static_cast<size_t>(INT_MAX)) return Error{source + ": too large for a PLS lexicon"};
  // No network, no external entities, no entity expansion.
  Doc doc(xmlCtxtReadMemory(ctxt.get(), xml.data(), static_cast<int>(xml.size()), source.c_str(), nullptr,
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!doc || first.seen) {
    if (!first.seen) {
      const xmlError* e = xmlCtxtGetLastError(ctxt.get());
      first.line = e ? e->line : 0;
      first.message = e && e->message ? CollapseSpaces(e->message) : "not well-formed XML";
    }
    return Error{Where(source, first.line) + "not a PLS lexicon: " + first.message};
  }
  // A DTD could declare entities that expand when the text is read: PLS needs none.
  if (doc->intSubset || doc->extSubset) return Error{source + ": a PLS lexicon may not declare a DTD"};
  xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root || !IsPls(root, "lexicon")) {
    return Error{Where(source, root) + "the root element must be <lexicon xmlns=\"" + kPlsNamespace + "\">"};
  }
  if (Attribute(root, "version") != "1.0") return Error{Where(source, root) + "<lexicon> needs version=\"1.0\""};
  const std::string alphabet = Attribute(root, "alphabet");
  if (alphabet.empty()) return Error{Where(source, root) + "<lexicon> needs an alphabet attribute"};
  if (Attribute(root, "lang", std::string(kXmlNamespace).c_str()).empty()) {
    return Error{Where(source, root) + "<lexicon> needs an xml:lang attribute"};
  }
  std::vector<Lexicon::Entry> entries;
  for (xmlNode* child = root->children; child; child = child->next) {
    if (child->type != XML_ELEMENT_NODE) continue;
    if (IsPls(child, "lexeme")) {
      if (Status s = ReadLexeme(child, alphabet, source, entries); !s) return s.error();
    } else if (!IsPls(child, "meta") && !IsPls(child, "metadata")) {
      return Error{Where(source, child) + "unexpected <" + Chars(child->name) + "> in <lexicon>"};
    }
  }
  return Lexicon::FromEntries(std::move(entries));
}

Expected<Lexicon> ReadPlsFile(const std::filesystem::path& path) {
  Expected<std::string> text = ReadWholeFile(path);
  if (!text) return text.error();
  return ParsePls(*text, path.string());
}

std::string WritePls(const Lexicon& lexicon) {
  Doc doc(xmlNewDoc(reinterpret_cast<const xmlChar*>("1.0")));
  xmlNode* root = xmlNewNode(nullptr, reinterpret_cast<const xmlChar*>("lexicon"));
  xmlDocSetRootElement(doc.get(), root);
  xmlNs* pls = xmlNewNs(root, reinterpret_cast<const xmlChar*>(kPlsNamespace), nullptr);
  xmlSetNs(root, pls);
  xmlNewNs(root, reinterpret_cast<const xmlChar*>(kDauysPlsNamespace), reinterpret_cast<const xmlChar*>("dauys"));
  auto x = [](const char* s) { return reinterpret_cast<const xmlChar*>(s); };
  xmlNewProp(root, x("version"), x("1.0"));
  xmlNewProp(root, x("alphabet"), x(kEspeakAlphabet));
  xmlNodeSetLang(root, x("kk"));
  for (const Lexicon::Entry& e : lexicon.entries()) {
    xmlNode* lexeme = xmlNewChild(root, pls, x("lexeme"), nullptr);
    if (e.kind == Lexicon::Kind::kUnit) xmlNewProp(lexeme, x("role"), x("dauys:unit"));
    const std::string written = FromUtf32(e.written);
    xmlNewTextChild(lexeme, pls, x("grapheme"), x(written.c_str()));
    if (Lexicon::IsPhonemes(e.spoken)) {
      const std::string inner = e.spoken.substr(2, e.spoken.size() - 4);
      xmlNewTextChild(lexeme, pls, x("phoneme"), x(inner.c_str()));
    } else {
      xmlNewTextChild(lexeme, pls, x("alias"), x(e.spoken.c_str()));
    }
  }
  xmlChar* bytes = nullptr;
  int size = 0;
  xmlDocDumpFormatMemoryEnc(doc.get(), &bytes, &size, "UTF-8", 1);
  std::string out(Chars(bytes), static_cast<size_t>(size));
  xmlFree(bytes);
  return out;
}

}  // namespace dauys
