#pragma once
// Reads an OpenDocument text (.odt) with libzip and libxml2: content.xml's headings
// (their outline level), paragraphs and list items in order, with bold and italic from
// the automatic and named styles (content.xml and styles.xml, parent styles followed)
// and the Quotations style as markup evidence. Notes and frames are reported as skipped.

#include <string>

#include "text/reader.h"
#include "util/error.h"

namespace dauys {

/// The paragraphs of the ODT container `bytes`; `name` names the input in errors.
Expected<Document> ReadOdt(std::string bytes, const std::string& name);

}  // namespace dauys
