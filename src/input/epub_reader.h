#pragma once
// Reads an EPUB 2 or 3 book with libzip and libxml2: META-INF/container.xml names the
// package document; its spine gives the content documents in reading order, each read
// like an HTML page's body; the navigation document gives a chapter its title when the
// content has no heading; dc:title opens the book, dc:creator is its author.

#include <string>

#include "text/reader.h"
#include "util/error.h"

namespace dauys {

/// The paragraphs of the EPUB container `bytes`; `name` names the input in errors.
Expected<Document> ReadEpub(std::string bytes, const std::string& name);

}  // namespace dauys
