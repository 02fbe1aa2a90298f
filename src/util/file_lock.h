#pragma once
// Locks that keep two dauys processes from undoing each other's work: a build holds its
// book folder's lock exclusively and its cache's lock shared, `cache gc` holds the
// cache's lock exclusively, so gc never removes segments a running build is using.
// The lock file is opened without following links, so a link planted under its name
// cannot make dauys create or open a file elsewhere.

#include <filesystem>
#include <memory>
#include <string>

#include "util/error.h"

namespace dauys {

class FileLock {
 public:
  enum class Mode { kShared, kExclusive };

  /// Locks `path` (created if missing) without waiting; `busy` is the message when
  /// another process holds a conflicting lock.
  static Expected<std::unique_ptr<FileLock>> Acquire(const std::filesystem::path& path, Mode mode,
                                                     const std::string& busy);
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace dauys
