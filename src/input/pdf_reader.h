#pragma once
// Reads the text layer of a PDF with Poppler (libpoppler-cpp): words grouped into
// lines by their boxes, lines into paragraphs by the gaps between them, a word split
// with a hyphen at a line's end joined, running headers, footers and page numbers
// dropped (reported as skipped); larger type is a heading, bold and italic fonts are
// markup evidence. A PDF without a text layer (a scan) or locked with a password is a
// clear error.

#include <string>

#include "text/reader.h"
#include "util/error.h"

namespace dauys {

/// The paragraphs of the PDF `bytes`; `name` names the input in errors.
Expected<Document> ReadPdf(const std::string& bytes, const std::string& name);

}  // namespace dauys
