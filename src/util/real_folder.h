#pragma once
// Folders dauys writes into or removes from are real folders, never symbolic links: a
// link planted where a book folder or a cache folder should be would make a build
// write a whole book, or cache entries, into the link's target, and the next build
// remove files there. The folders a user names (-o, --cache-dir) are taken as given;
// those dauys names inside them (a book folder, .cache, segments/NN) are checked here,
// and the feed checks each book folder it publishes the same way (through FolderLock).

#include <filesystem>

#include "util/error.h"

namespace dauys {

/// `dir` is a folder and not a symbolic link (opened with O_PATH|O_DIRECTORY|O_NOFOLLOW);
/// else "DIR: is a symbolic link; dauys writes only into real folders" or
/// "DIR: is not a folder".
Status RequireRealFolder(const std::filesystem::path& dir);

/// Creates `dir` (and missing parents) unless it is there, then RequireRealFolder.
/// `what` names the folder in a failure to create it ("the output folder").
Status MakeRealFolder(const std::filesystem::path& dir, const std::string& what);

/// Whether `path` is a symbolic link whose target, followed to the end, is not inside
/// `root` (a folder scan keeps links inside the folder scanned; see CollectInputs).
bool LinksOutside(const std::filesystem::path& path, const std::filesystem::path& root);

}  // namespace dauys
