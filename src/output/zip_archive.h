#pragma once
// A ZIP archive whose bytes depend only on what goes in: entries in the order given,
// every entry with the same fixed time and Unix permissions, no extra fields, written
// through libzip straight into an AtomicFile's temporary. The EPUB edition needs this:
// its `mimetype` entry must come first and stored, and the same book must give the
// same bytes so an unchanged book is not rewritten. File entries are read from disk
// while the archive is written, so memory does not grow with the audio they hold.

#include <filesystem>
#include <string>
#include <vector>

#include "util/error.h"

namespace dauys {

class AtomicFile;

/// One entry: bytes in memory or a file's content (read without following a link).
struct ZipEntry {
  std::string name;              ///< Path inside the archive ("META-INF/container.xml").
  std::string bytes;             ///< The content, unless `file` is set.
  std::filesystem::path file;    ///< The content from this file.
  bool compress = true;          ///< Deflate; false: stored (the mimetype, MP3s, images).
};

/// Writes `entries`, in order, as a ZIP archive into `out` (a fresh temporary); the
/// caller commits or drops it. Fails naming the entry or the archive.
Status WriteZip(const std::vector<ZipEntry>& entries, AtomicFile& out);

}  // namespace dauys
