#pragma once
// Reads the parts of a ZIP container (DOCX, ODT, EPUB) from memory, with limits: a part
// that expands past kMaxPartBytes, parts that together expand past kMaxContainerBytes,
// a corrupt or truncated archive and a part whose checksum fails are errors naming the
// input and the part, so a zip bomb or a damaged file publishes nothing.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "util/error.h"

struct zip;

namespace dauys {

class ZipReader {
 public:
  static constexpr uint64_t kMaxPartBytes = 64ull << 20;        ///< One part, expanded.
  static constexpr uint64_t kMaxContainerBytes = 256ull << 20;  ///< All parts read, expanded.
  static constexpr int64_t kMaxEntries = 65536;

  /// Opens `bytes` (kept by the reader) as an archive; `name` is the input's name for errors.
  static Expected<ZipReader> Open(std::string bytes, std::string name);

  ZipReader(ZipReader&&) noexcept;
  ZipReader& operator=(ZipReader&&) noexcept;
  ~ZipReader();

  /// True when the archive holds a part of that name.
  bool Has(std::string_view part) const;
  /// The part's bytes, or an Error "name: part: why" (missing, too large, corrupt).
  Expected<std::string> Read(std::string_view part);
  const std::string& name() const { return name_; }

 private:
  ZipReader() = default;
  std::unique_ptr<std::string> bytes_;  // libzip reads from these bytes; stable address
  zip* archive_ = nullptr;
  std::string name_;
  uint64_t read_so_far_ = 0;
};

}  // namespace dauys
