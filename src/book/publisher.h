#pragma once
// Puts a build's files into the book folder: each file appears atomically (temporary
// in the same folder, then rename), a file whose bytes would not change is left
// alone (same bytes, same modification time), and files an earlier build made that
// this one does not are removed at the end. It notes what each file held before, so
// the build can say what it changed. One build at a time holds the folder.

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "book/book_builder.h"
#include "book/book_diff.h"
#include "output/feed_books.h"
#include "output/tagger.h"
#include "util/error.h"
#include "util/file_lock.h"

namespace dauys {

class AtomicFile;

/// Hashes a file in one pass, read in pieces (a whole book can be hundreds of MB).
Expected<DiskState> HashFile(const std::filesystem::path& path, bool mp3 = false);
/// The hash of bytes in memory, as HashFile gives it for a file holding them.
std::string HashBytes(const std::string& bytes);

/// Holds an exclusive lock on a book folder for the life of a build; the lock file is
/// `.<folder>.lock` beside the folder.
class FolderLock {
 public:
  /// Creates `dir` if needed, refuses it if it is a symbolic link (RequireRealFolder:
  /// a build and the feed write only into real book folders), locks it (or says
  /// another build is writing it) and removes temporaries a killed build left behind.
  static Expected<std::unique_ptr<FolderLock>> Acquire(const std::filesystem::path& dir);
  ~FolderLock();

 private:
  explicit FolderLock(std::unique_ptr<FileLock> lock) : lock_(std::move(lock)) {}
  std::unique_ptr<FileLock> lock_;
};

/// The names a build is about to publish, written beside the book folder
/// (`.<folder>.journal`) before the first of them and removed once book.json lists
/// them. A build killed in between leaves it, and the next build removes those of its
/// files it does not make itself (an edit meanwhile would otherwise orphan them).
class Journal {
 public:
  explicit Journal(const std::filesystem::path& book_dir);
  /// The names a build that did not finish was publishing; empty if every build did.
  std::vector<std::string> Leftovers() const;
  /// Records `names` durably before any of them is published.
  Status Begin(const std::vector<std::string>& names) const;
  /// The build finished: book.json lists what it published.
  void End() const;

 private:
  std::filesystem::path path_;
};

/// Removes the temporaries of dead processes in `dir` and its subfolders: those a
/// killed build left in the cache (".name.tmp.<host>.<pid>.<n>"). Running builds' are
/// kept: on this host, those whose pid lives; from another host sharing the cache
/// (NFS), whose pids cannot be checked here, those younger than
/// kForeignTemporaryLifetime.
void RemoveDeadTemporaries(const std::filesystem::path& dir);
inline constexpr std::chrono::hours kForeignTemporaryLifetime{1};

/// Marks this process as a writer of the cache in `dir` until it exits: a file in the
/// cache's folder named like a temporary of this process (".writer.tmp.<host>.<pid>.0").
/// A build killed while writing ahead for a later book of a batch leaves cache
/// temporaries no book's journal names; its mark tells the next build to sweep them.
/// Returns true if such a mark of a dead writer is there.
bool MarkCacheWriter(const std::filesystem::path& dir);

class Publisher {
 public:
  /// Counts unchanged files in `result`.
  Publisher(std::filesystem::path dir, BookResult& result);

  /// Writes `bytes` as `name` unless the file already holds exactly them.
  Status Write(const std::string& name, const std::string& bytes);
  /// Tags the MP3 in `file` (still a temporary) and publishes it unless the file there
  /// already has the same bytes; returns the hash of the final file.
  Expected<std::string> PublishMp3(AtomicFile& file, const std::string& name, const TrackTags& tags);
  /// Publishes the finished temporary `file` (the EPUB) unless the file there already
  /// has the same bytes; returns the hash of the final file.
  Expected<std::string> PublishFile(AtomicFile& file, const std::string& name);
  /// Writes MP3 bytes tagged with `tags`; returns the hash of the final file.
  Expected<std::string> WriteMp3(const std::string& name, const std::string& mp3, const TrackTags& tags);

  /// The files an earlier build's book.json lists, so those this build drops can go.
  void NoteEarlierFiles(const std::vector<std::string>& listed);
  /// Removes the files noted earlier that this build did not publish.
  void RemoveDropped();

  /// Each file's state before this build touched it (nullopt: there was none): what
  /// Publisher saw, for DiffBook to give reasons for what it did.
  std::optional<DiskState> Before(const std::string& name) const;
  /// What this build did, as seen on disk: files whose bytes changed, in order, then
  /// the files removed. Reasons are left empty.
  std::vector<FileChange> Changes() const;
  /// The hashes of a published file's bytes, for book.json.
  DiskState After(const std::string& name) const { return after_.at(name); }

 private:
  Expected<std::string> Publish(AtomicFile& file, const std::string& name, bool mp3);
  void Published(const std::string& name, const std::optional<DiskState>& before, const DiskState& after,
                 bool changed);

  std::filesystem::path dir_;
  BookResult& result_;
  std::set<std::string> earlier_;
  std::map<std::string, std::optional<DiskState>> before_;
  std::map<std::string, DiskState> after_;
  std::vector<std::string> changed_;  ///< In publishing order.
  std::vector<std::string> removed_;
};

/// What `dauys feed` holds while it reads and publishes book folders: each folder's
/// FolderLock, and its Journal's leftovers (a build stopped before it finished).
BookFolderAccess FeedAccess();

}  // namespace dauys
