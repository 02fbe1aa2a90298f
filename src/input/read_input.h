#pragma once
// Chooses the reader for an input by its content (magic bytes: a ZIP container's
// mimetype or main part, %PDF, an HTML start), then by its extension, and reads it into
// the Document the text stages take. Plain text goes to the text reader as before.

#include <filesystem>
#include <string>
#include <string_view>

#include "text/reader.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace dauys {

/// The size limit of any input, whatever its format (kMaxTextBytes).
extern const ReadLimits kInputReadLimits;

enum class InputFormat { kText, kMarkdown, kHtml, kDocx, kOdt, kEpub, kPdf };

/// The format of `bytes`, named `path`: by content first, then by extension. A .doc or
/// .rtf (or their content) is an Error naming the conversion to make.
Expected<InputFormat> DetectFormat(std::string_view bytes, const std::filesystem::path& path);

/// Reads `bytes` (from `name`) in `format`.
Expected<Document> ReadFormat(std::string bytes, const std::string& name, InputFormat format);

/// The bytes of the input at `path`: a text (any name but a document's extension) as the
/// text reader takes it, up to its first NUL or invalid byte; a document (by extension,
/// or a regular file whose start shows a ZIP, PDF or Word 97 file) whole.
Expected<std::string> ReadInputBytes(const std::filesystem::path& path);

/// Reads the file at `path` in whatever format it is, within the input limits.
Expected<Document> ReadInput(const std::filesystem::path& path);

/// True for the extensions a folder of inputs is searched for (".txt", ".docx", …).
bool IsInputExtension(const std::filesystem::path& path);

}  // namespace dauys
