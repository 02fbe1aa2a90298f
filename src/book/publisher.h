#pragma once
// Puts a build's files into the book folder: each file appears atomically (temporary
// in the same folder, then rename), a file whose bytes would not change is left
// alone (same bytes, same modification time), and files an earlier build made that
// this one does not are removed at the end. One build at a time holds the folder.

#include <filesystem>
#include <functional>
#include <memory>
#include <set>
#include <string>

#include "book/book_builder.h"
#include "output/tagger.h"
#include "util/error.h"

namespace dauys {

class AtomicFile;

/// The content hash of a file ("xxh128:…"), read in pieces (a whole book can be
/// hundreds of MB).
Expected<std::string> HashFile(const std::filesystem::path& path);

/// Holds an exclusive lock on a book folder for the life of a build.
class FolderLock {
 public:
  /// Creates `dir` if needed, locks it (or says another build is writing it) and
  /// removes temporaries a killed build left behind.
  static Expected<std::unique_ptr<FolderLock>> Acquire(const std::filesystem::path& dir);
  ~FolderLock();

 private:
  explicit FolderLock(int fd) : fd_(fd) {}
  int fd_;
};

class Publisher {
 public:
  /// Counts files in `result`; says why each is rewritten through `explain`.
  Publisher(std::filesystem::path dir, BookResult& result, const std::function<void(const std::string&)>& explain);

  /// Writes `bytes` as `name` unless the file already holds exactly them.
  Status Write(const std::string& name, const std::string& bytes);
  /// Tags the MP3 in `file` (still a temporary) and publishes it unless the file there
  /// already has the same bytes; returns the hash of the final file.
  Expected<std::string> PublishMp3(AtomicFile& file, const std::string& name, const TrackTags& tags);
  /// Writes MP3 bytes tagged with `tags`; returns the hash of the final file.
  Expected<std::string> WriteMp3(const std::string& name, const std::string& mp3, const TrackTags& tags);

  /// The files the book.json in the folder lists, so those this build drops can go;
  /// read before the new book.json is written.
  void NoteEarlierFiles();
  /// Removes the files noted earlier that this build did not publish.
  void RemoveDropped();

 private:
  void Rewritten(const std::string& name, bool existed);

  std::filesystem::path dir_;
  BookResult& result_;
  const std::function<void(const std::string&)>& explain_;
  std::set<std::string> earlier_;
  std::set<std::string> published_;
};

}  // namespace dauys
