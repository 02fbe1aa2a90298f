#pragma once
// Reads Markdown (CommonMark, with cmark): `#` headings, **bold**, *italic*, > quotes and
// list items become markup evidence; no `#`, `*` or link address is ever read.

#include <string>
#include <string_view>

#include "text/reader.h"
#include "util/error.h"

namespace dauys {

/// The paragraphs of the Markdown text `bytes` (UTF-8); `name` names the input in errors.
Expected<Document> ReadMarkdown(std::string_view bytes, const std::string& name);

}  // namespace dauys
