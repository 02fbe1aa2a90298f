#pragma once
// Every file dauys writes appears whole or not at all: bytes go to a temporary file in
// the target's directory and a rename publishes them, so a failed or killed build never
// leaves a half-written MP3 or playlist behind.

#include <filesystem>
#include <string>
#include <string_view>

#include "util/error.h"

namespace dauys {

/// A temporary file that becomes `target` on Commit(). Destroying it uncommitted
/// removes the temporary.
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  /// Where to write the content before Commit().
  const std::filesystem::path& temp_path() const { return temp_; }
  const std::filesystem::path& target() const { return target_; }

  /// Replaces the temporary's content with `bytes`.
  Status Write(std::string_view bytes);
  /// Renames the temporary over the target; with `durable`, flushes it to disk first
  /// (outputs are; cache entries, which carry their own checksum, need not be).
  Status Commit(bool durable = true);

 private:
  std::filesystem::path target_;
  std::filesystem::path temp_;
  bool committed_ = false;
};

/// Writes `bytes` to `path` atomically (durably unless `durable` is false).
Status WriteFileAtomically(const std::filesystem::path& path, std::string_view bytes, bool durable = true);

/// Reads a whole file, or says why it cannot.
Expected<std::string> ReadWholeFile(const std::filesystem::path& path);

}  // namespace dauys
