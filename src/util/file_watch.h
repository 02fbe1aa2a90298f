#pragma once
// Tells `dauys watch` when a file it builds from was saved. Editors save in two ways:
// in place (truncate, write, close) or by writing a temporary and renaming it over the
// file (vim, gedit, VS Code), which replaces the file's inode, so a watch on the file
// itself would go deaf after the first save. FileWatch therefore watches folders
// (inotify) and matches the names of what changes in them. A burst of saves is one
// change: Wait returns only once the folders have been quiet for a moment.

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "util/error.h"

namespace dauys {

/// A file that changed: its absolute path, and as the user named it.
struct ChangedFile {
  std::filesystem::path path;
  std::string shown;
};

/// What Wait saw.
struct WatchChanges {
  std::vector<ChangedFile> files;  ///< In the order their first event came, each once.
  bool everything = false;  ///< The kernel's queue overflowed: any file may have changed.
  bool stopped = false;     ///< `stop_fd` became readable (a signal to stop).
};

class FileWatch {
 public:
  /// Accepts a file name (no folder) as one worth a rebuild.
  using NameFilter = std::function<bool(const std::string& name)>;

  static Expected<std::unique_ptr<FileWatch>> Open();
  ~FileWatch();
  FileWatch(const FileWatch&) = delete;
  FileWatch& operator=(const FileWatch&) = delete;

  /// Watches the file `path` by its name in its folder: a save in place, a temporary
  /// renamed over it, its removal and its return are all seen. The folder must exist.
  Status AddFile(const std::filesystem::path& path);
  /// Watches `dir` and every folder under it, those that appear later too, for files
  /// `wanted` accepts. Hidden names (dauys's and editors' temporaries among them) and
  /// the folders in `skipped` (the books and the cache written meanwhile) are passed
  /// over.
  Status AddTree(const std::filesystem::path& dir, NameFilter wanted, std::vector<std::filesystem::path> skipped = {});

  /// Waits for a change, then until `settle` passes with no further one, and returns
  /// the files changed; returns at once, with `stopped`, when `stop_fd` (a signalfd; -1:
  /// none) is readable, without reading it. A folder watched by AddFile or AddTree
  /// (not one found under a tree) removed or moved away is an error naming it.
  Expected<WatchChanges> Wait(std::chrono::milliseconds settle, int stop_fd);

  /// How many folders are watched.
  size_t Folders() const { return folders_.size(); }

 private:
  struct Folder;
  explicit FileWatch(int fd);
  Expected<int> Watch(const std::filesystem::path& dir, const std::string& shown, bool root);
  Status AddSubtree(const std::filesystem::path& dir, const std::string& shown, const NameFilter& wanted,
                    const std::vector<std::filesystem::path>& skipped, bool root);
  /// Reads the events waiting; false if none was worth a rebuild.
  Expected<bool> ReadEvents(WatchChanges& changes);
  Status OnEvent(int wd, uint32_t mask, const std::string& name, WatchChanges& changes, bool& relevant);

  int fd_ = -1;
  std::map<int, std::unique_ptr<Folder>> folders_;  ///< By watch descriptor.
};

}  // namespace dauys
