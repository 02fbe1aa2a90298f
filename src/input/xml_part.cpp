#include "input/xml_part.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <cstring>

namespace dauys {

namespace {

void Silent(void*, const char*, ...) {}

}  // namespace

void QuietXml() { xmlSetGenericErrorFunc(nullptr, Silent); }

Expected<XmlDocPtr> ParseXmlPart(std::string_view bytes, const std::string& where) {
  QuietXml();
  xmlResetLastError();
  // No entity substitution and no DTD loading: a part cannot reach outside the container.
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  XmlDocPtr doc(xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr, options), &xmlFreeDoc);
  if (doc && xmlDocGetRootElement(doc.get())) return doc;
  const xmlError* e = xmlGetLastError();
  std::string why = e && e->message ? e->message : "not well-formed XML";
  while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
  return Error{where + (e && e->line > 0 ? ": line " + std::to_string(e->line) : "") + ": " + why};
}

bool IsElement(const xmlNode* n, const char* local, const char* ns) {
  if (!n || n->type != XML_ELEMENT_NODE || std::strcmp(reinterpret_cast<const char*>(n->name), local) != 0) {
    return false;
  }
  return !ns || (n->ns && n->ns->href && std::strcmp(reinterpret_cast<const char*>(n->ns->href), ns) == 0);
}

std::string AttrNs(const xmlNode* n, const char* local, const char* ns) {
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    if (std::strcmp(reinterpret_cast<const char*>(a->name), local) != 0) continue;
    if (ns && !(a->ns && a->ns->href && std::strcmp(reinterpret_cast<const char*>(a->ns->href), ns) == 0)) continue;
    xmlChar* v = xmlNodeListGetString(n->doc, a->children, 1);
    std::string out = v ? reinterpret_cast<const char*>(v) : "";
    xmlFree(v);
    return out;
  }
  return "";
}

const xmlNode* Child(const xmlNode* n, const char* local, const char* ns) {
  for (const xmlNode* c = n ? n->children : nullptr; c; c = c->next) {
    if (IsElement(c, local, ns)) return c;
  }
  return nullptr;
}

const xmlNode* Descendant(const xmlNode* n, const char* local, const char* ns, int depth) {
  if (!n || depth > 200) return nullptr;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (IsElement(c, local, ns)) return c;
    if (const xmlNode* found = Descendant(c, local, ns, depth + 1)) return found;
  }
  return nullptr;
}

std::string TextContent(const xmlNode* n) {
  xmlChar* v = xmlNodeGetContent(n);
  std::string out = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return out;
}

}  // namespace dauys
