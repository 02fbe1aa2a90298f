#include "util/real_folder.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace dauys {

namespace fs = std::filesystem;

Status RequireRealFolder(const fs::path& dir) {
  // O_PATH: a folder dauys may write into but not list is still a folder.
  const int fd = ::open(dir.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd >= 0) {
    ::close(fd);
    return {};
  }
  const int err = errno;
  struct stat st {};
  if (::lstat(dir.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
    return Error{dir.string() + ": is a symbolic link; dauys writes only into real folders"};
  }
  if (err == ENOTDIR) return Error{dir.string() + ": is not a folder"};
  return Error{dir.string() + ": cannot open the folder: " + std::strerror(err)};
}

Status MakeRealFolder(const fs::path& dir, const std::string& what) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(dir, ec))) {
    fs::create_directories(dir, ec);
    if (ec) return Error{dir.string() + ": cannot create " + what + ": " + ec.message()};
  }
  return RequireRealFolder(dir);
}

bool LinksOutside(const fs::path& path, const fs::path& root) {
  std::error_code ec;
  if (!fs::is_symlink(fs::symlink_status(path, ec))) return false;
  const fs::path target = fs::weakly_canonical(path, ec);
  if (ec) return true;
  const fs::path inside = fs::weakly_canonical(root, ec);
  if (ec) return true;
  const fs::path rel = target.lexically_relative(inside);
  return rel.empty() || *rel.begin() == "..";
}

}  // namespace dauys
