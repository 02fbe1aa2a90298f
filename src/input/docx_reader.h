#pragma once
// Reads a Word document (.docx, Office Open XML) with libzip and libxml2: the body's
// paragraphs in order (tables cell by cell), with heading levels and quotation, caption
// and list styles from word/styles.xml and bold and italic runs as markup evidence.
// Deleted text, field codes and drawings are not read; footnotes and images' alt text
// are reported as skipped.

#include <string>

#include "text/reader.h"
#include "util/error.h"

namespace dauys {

/// The paragraphs of the DOCX container `bytes`; `name` names the input in errors.
Expected<Document> ReadDocx(std::string bytes, const std::string& name);

}  // namespace dauys
