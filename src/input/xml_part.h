#pragma once
// The pieces the readers of XML containers (DOCX, ODT, EPUB) share: a part parsed with
// libxml2 (no network, no external entities, errors naming the input and the part) and
// small helpers over its elements.

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>

#include "util/error.h"

namespace dauys {

using XmlDocPtr = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

/// Keeps libxml2 from printing its own messages (an encoding it cannot convert, say) on
/// standard error: dauys reports what went wrong itself. Call before parsing.
void QuietXml();

/// Parses one part of a container; the Error reads "input: part: line N: why".
Expected<XmlDocPtr> ParseXmlPart(std::string_view bytes, const std::string& where);

/// The element's local name is `local` and its namespace is `ns` (any namespace when null).
bool IsElement(const xmlNode* n, const char* local, const char* ns = nullptr);

/// The value of the attribute `local` in namespace `ns` (any namespace when null), or "".
std::string AttrNs(const xmlNode* n, const char* local, const char* ns = nullptr);

/// The first child element of `n` named `local` (in `ns`), or null.
const xmlNode* Child(const xmlNode* n, const char* local, const char* ns = nullptr);

/// The first element named `local` (in `ns`) anywhere under `n` (depth-first), or null.
const xmlNode* Descendant(const xmlNode* n, const char* local, const char* ns = nullptr, int depth = 0);

/// All the text under `n`.
std::string TextContent(const xmlNode* n);

}  // namespace dauys
