#include "input/read_input.h"

#include <algorithm>

#include "input/docx_reader.h"
#include "input/epub_reader.h"
#include "input/html_reader.h"
#include "input/markdown_reader.h"
#include "input/odt_reader.h"
#include "input/pdf_reader.h"
#include "util/atomic_file.h"
#include "util/unicode.h"

namespace dauys {

const ReadLimits kInputReadLimits{kMaxTextBytes, "document", /*text=*/false};

namespace {

std::string Extension(const std::filesystem::path& path) { return ToLower(path.extension().string()); }

bool StartsWith(std::string_view s, std::string_view head) { return s.substr(0, head.size()) == head; }

/// A ZIP container: which, by its mimetype entry (stored first) or its parts' names.
std::optional<InputFormat> ContainerFormat(std::string_view bytes) {
  if (!StartsWith(bytes, "PK\x03\x04")) return std::nullopt;
  std::string_view head = bytes.substr(0, 4096);
  if (head.find("mimetypeapplication/epub+zip") != std::string_view::npos) return InputFormat::kEpub;
  if (head.find("mimetypeapplication/vnd.oasis.opendocument.text") != std::string_view::npos) return InputFormat::kOdt;
  if (bytes.find("word/document.xml") != std::string_view::npos) return InputFormat::kDocx;
  if (bytes.find("META-INF/container.xml") != std::string_view::npos) return InputFormat::kEpub;
  if (bytes.find("content.xml") != std::string_view::npos) return InputFormat::kOdt;
  return std::nullopt;
}

bool LooksLikeHtml(std::string_view bytes) {
  std::string head = ToLower(bytes.substr(0, 1024));
  size_t start = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (start == std::string::npos) return false;
  head = head.substr(start);
  return StartsWith(head, "<!doctype html") || StartsWith(head, "<html") ||
         (StartsWith(head, "<?xml") && head.find("<html") != std::string::npos);
}

}  // namespace

Expected<InputFormat> DetectFormat(std::string_view bytes, const std::filesystem::path& path) {
  const std::string name = path.string();
  const std::string ext = Extension(path);
  if (StartsWith(bytes, "%PDF-")) return InputFormat::kPdf;
  if (StartsWith(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") || ext == ".doc") {
    return Error{name + ": a Word 97–2003 document (.doc) cannot be read; convert it first: "
                        "soffice --headless --convert-to docx " + name};
  }
  if (StartsWith(bytes, "{\\rtf") || ext == ".rtf") {
    return Error{name + ": an RTF document cannot be read; convert it first: "
                        "soffice --headless --convert-to docx " + name};
  }
  if (std::optional<InputFormat> container = ContainerFormat(bytes)) return *container;
  if (ext == ".docx") return InputFormat::kDocx;
  if (ext == ".odt") return InputFormat::kOdt;
  if (ext == ".epub") return InputFormat::kEpub;
  if (ext == ".pdf") return InputFormat::kPdf;
  if (StartsWith(bytes, "PK\x03\x04")) {
    return Error{name + ": a ZIP archive that is no DOCX, ODT or EPUB document"};
  }
  if (LooksLikeHtml(bytes) || ext == ".html" || ext == ".htm" || ext == ".xhtml") return InputFormat::kHtml;
  if (ext == ".md" || ext == ".markdown") return InputFormat::kMarkdown;
  return InputFormat::kText;
}

Expected<Document> ReadFormat(std::string bytes, const std::string& name, InputFormat format) {
  switch (format) {
    case InputFormat::kText: return ParseDocument(bytes, name);
    case InputFormat::kMarkdown: return ReadMarkdown(bytes, name);
    case InputFormat::kHtml: return ReadHtml(bytes, name);
    case InputFormat::kDocx: return ReadDocx(std::move(bytes), name);
    case InputFormat::kOdt: return ReadOdt(std::move(bytes), name);
    case InputFormat::kEpub: return ReadEpub(std::move(bytes), name);
    case InputFormat::kPdf: return ReadPdf(bytes, name);
  }
  return Error{name + ": unknown format"};
}

Expected<std::string> ReadInputBytes(const std::filesystem::path& path) {
  static const char* const kBinary[] = {".docx", ".odt", ".epub", ".pdf", ".doc"};
  const std::string ext = Extension(path);
  const bool binary = std::any_of(std::begin(kBinary), std::end(kBinary), [&](const char* e) { return ext == e; });
  // A text is read as before, stopping at its first NUL or invalid byte (an endless
  // stream of them ends there); a document is read whole.
  Expected<std::string> bytes = ReadWholeFile(path, binary ? kInputReadLimits : kTextReadLimits);
  if (!bytes || binary) return bytes;
  // A document saved under a text's name: read whole once its start shows what it is.
  const bool document = StartsWith(*bytes, "PK\x03\x04") || StartsWith(*bytes, "%PDF-") ||
                        StartsWith(*bytes, "\xD0\xCF\x11\xE0");
  std::error_code ec;
  if (document && std::filesystem::is_regular_file(path, ec)) return ReadWholeFile(path, kInputReadLimits);
  return bytes;
}

Expected<Document> ReadInput(const std::filesystem::path& path) {
  Expected<std::string> bytes = ReadInputBytes(path);
  if (!bytes) return bytes.error();
  Expected<InputFormat> format = DetectFormat(*bytes, path);
  if (!format) return format.error();
  return ReadFormat(std::move(*bytes), path.string(), *format);
}

bool IsInputExtension(const std::filesystem::path& path) {
  static const char* const kExtensions[] = {".txt", ".md", ".markdown", ".html", ".htm", ".xhtml",
                                            ".docx", ".odt", ".epub", ".pdf"};
  const std::string ext = Extension(path);
  for (const char* e : kExtensions) {
    if (ext == e) return true;
  }
  return false;
}

}  // namespace dauys
