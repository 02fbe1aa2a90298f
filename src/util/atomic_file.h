#pragma once
// Every file dauys writes appears whole or not at all: bytes go to a temporary file in
// the target's directory and a rename publishes them, so a failed or killed build never
// leaves a half-written MP3 or playlist behind. The temporary is always a new file
// (O_CREAT|O_EXCL|O_NOFOLLOW), so a link planted in a shared folder under a name dauys
// might use is never followed; every write, flush and close is checked, and the size
// on disk is compared with what was written before the rename.
//
// Reading is bounded for the same reason: a file named by a user may be /dev/zero.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
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

  /// Creates the temporary, ".<name>.tmp.<host>.<pid>.<n>" with the first n no file or
  /// link has. Write() calls it when needed. The host and pid say who writes it, so a
  /// build that cleans a cache shared by many machines (NFS) knows whose temporaries it
  /// may remove.
  Status Open();
  /// The open temporary (readable and writable), for code that edits it in place
  /// (the tagger); -1 before Open().
  int fd() const { return fd_; }
  /// Where the temporary is; empty before Open().
  const std::filesystem::path& temp_path() const { return temp_; }
  const std::filesystem::path& target() const { return target_; }

  /// Appends `bytes` to the temporary.
  Status Write(std::string_view bytes);
  /// Overwrites bytes at `offset` (within or at the end of what was written).
  Status WriteAt(uint64_t offset, std::string_view bytes);
  /// For code that changed the temporary through fd(): the size it verified the file
  /// has, which Commit() checks instead of the bytes written here.
  void ExpectSize(uint64_t size) { size_ = size; }
  /// Checks the temporary's size, flushes it to disk when `durable` (outputs are;
  /// cache entries, which carry their own checksum, need not be), closes it and
  /// renames it over the target.
  Status Commit(bool durable = true);

 private:
  Error Fail(const std::string& what, int err) const;

  std::filesystem::path target_;
  std::filesystem::path temp_;
  int fd_ = -1;
  uint64_t size_ = 0;
  bool committed_ = false;
};

/// This machine's name as temporaries carry it: letters, digits and '-', at most 32
/// bytes ("host" when it has none).
const std::string& TemporaryHost();

/// Who writes a temporary named ".<name>.tmp.<host>.<pid>.<n>".
struct TemporaryOwner {
  std::string host;
  long pid = 0;
};
/// The writer of the temporary `filename`; nullopt for any other name.
std::optional<TemporaryOwner> OwnerOfTemporary(const std::string& filename);

/// Writes `bytes` to `path` atomically (durably unless `durable` is false).
Status WriteFileAtomically(const std::filesystem::path& path, std::string_view bytes, bool durable = true);

/// How much of what kind of file a reader accepts.
struct ReadLimits {
  uint64_t max_bytes = 1 << 20;  ///< Larger files are refused.
  const char* what = "settings file";  ///< Named in errors ("text file", "cover image").
  bool text = false;             ///< Stop at the first NUL or invalid UTF-8 (the parser reports it).
  bool follow_links = true;      ///< False: a symbolic link is refused (cache entries).
};

/// Sizes dauys reads at most (README, "Limits").
constexpr uint64_t kMaxTextBytes = 64ull << 20;      ///< An input text.
constexpr uint64_t kMaxSettingsBytes = 1ull << 20;   ///< Voices, pauses, lexicon, sidecar.
constexpr uint64_t kMaxCoverBytes = 4ull << 20;      ///< --cover: copied into every file.
constexpr uint64_t kMaxManifestBytes = 256ull << 20; ///< book.json.

/// An input text: NUL or invalid UTF-8 ends the read, and the parser reports it.
inline constexpr ReadLimits kTextReadLimits{kMaxTextBytes, "text file", /*text=*/true};

/// How long ReadWholeFile waits for a program to write to a FIFO before giving up.
inline constexpr std::chrono::milliseconds kFifoWriterWait{10000};

/// Reads a whole regular file or FIFO within `limits`, or says why it cannot (also a
/// FIFO nothing writes to within kFifoWriterWait).
Expected<std::string> ReadWholeFile(const std::filesystem::path& path, const ReadLimits& limits = {});
/// Reads an open descriptor (standard input) to its end within `limits`; `name` is
/// used in messages.
Expected<std::string> ReadWholeStream(int fd, const std::string& name, const ReadLimits& limits);

}  // namespace dauys
