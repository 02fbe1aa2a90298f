#pragma once
// A content-addressed store of encoded segments, so a rebuild after an edit
// synthesizes and encodes only the sentences whose sound changed. The key hashes
// every input that changes the bytes (see SegmentKeyHasher); an entry carries a
// checksum and its own key, is written atomically, and a corrupt, truncated, swapped
// or implausible one is discarded and made again, never played.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "audio/mp3_segments.h"
#include "util/error.h"
#include "util/file_lock.h"

namespace dauys {

/// Hashes fields with a delimiter and length between them, so ("ab", "c") and
/// ("a", "bc") give different keys (XXH3-128, hex).
class KeyHasher {
 public:
  KeyHasher& Add(std::string_view field);
  KeyHasher& Add(double value);
  KeyHasher& Add(int64_t value);
  std::string Hex() const;

 private:
  std::string buffer_;
};

/// What the cache keeps for a spoken segment.
struct CachedSegment {
  EncodedSegment audio;
  int64_t speech_start = 0;  ///< First sample of speech (after the lead silence).
  int64_t onset = 0;         ///< First word, from the segment's start.
  int64_t speech_end = 0;    ///< Last audible sample, from the segment's start.
  uint32_t words_spoken = 0; ///< eSpeak NG's WORD events.
  /// Where each WORD event's word starts, from the segment's start: caption pieces
  /// of a long sentence start there.
  std::vector<int64_t> word_starts;
};

class SegmentCache {
 public:
  explicit SegmentCache(std::filesystem::path dir) : dir_(std::move(dir)) {}

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path PathOf(const std::string& key) const;
  bool Contains(const std::string& key) const;

  /// The entry for `key`, or nullopt with `why` set: "not in cache" or the reason the
  /// entry was discarded (and removed).
  std::optional<CachedSegment> Load(const std::string& key, std::string* why) const;
  /// Writes the entry; the cache folder or the entry's folder being a symbolic link is
  /// an error naming it (nothing is written through a link).
  Status Store(const std::string& key, const CachedSegment& segment) const;

  /// Locks the cache: builds share it, `cache gc` takes it alone. The cache folder is
  /// created if missing and must not be a symbolic link.
  Expected<std::unique_ptr<FileLock>> Lock(FileLock::Mode mode) const;

  struct Stats {
    size_t entries = 0;
    uint64_t bytes = 0;
  };
  Stats Measure() const;
  /// Removes entries whose key is not in `keep`; returns what was removed.
  Stats RemoveAllBut(const std::set<std::string>& keep) const;

 private:
  std::filesystem::path dir_;
};

/// The output folders whose books use the cache in `cache_dir` (the folder holding
/// segments/): each build records its output folder there (outputs/<hash>, holding the
/// folder's absolute path), so `cache gc` for one output folder keeps what the books of
/// the others use.
Status RecordCacheUser(const std::filesystem::path& cache_dir, const std::filesystem::path& output_dir);
/// Each recorded output folder and its record file.
std::vector<std::pair<std::filesystem::path, std::filesystem::path>> CacheUsers(const std::filesystem::path& cache_dir);
/// `path` made absolute, its links resolved as far as it exists, without a trailing "/":
/// how output folders are recorded and compared.
std::filesystem::path ComparablePath(const std::filesystem::path& path);

}  // namespace dauys
