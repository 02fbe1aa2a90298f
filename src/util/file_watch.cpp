#include "util/file_watch.h"

#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <set>

namespace dauys {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

/// What a save, a removal or a new file or folder does to a folder; IN_MODIFY is left
/// out, so a file being written is seen once it is closed, not half-way.
constexpr uint32_t kFolderEvents = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE |
                                   IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;

bool Hidden(const std::string& name) { return name.empty() || name[0] == '.'; }

fs::path Absolute(const fs::path& path) {
  std::error_code ec;
  fs::path full = fs::absolute(path, ec).lexically_normal();
  if (full.filename().empty() && full.has_parent_path()) full = full.parent_path();  // "texts/" -> "texts"
  return full;
}

std::string Join(const std::string& shown, const std::string& name) {
  return shown.empty() || shown == "." ? name : (shown.back() == '/' ? shown + name : shown + "/" + name);
}

}  // namespace

struct FileWatch::Folder {
  fs::path path;       ///< Absolute.
  std::string shown;   ///< As the user named it.
  bool root = false;   ///< Named by AddFile or AddTree, not found under a tree.
  std::set<std::string> names;  ///< AddFile's names.
  NameFilter wanted;            ///< A tree's filter; empty: not a tree.
  std::vector<fs::path> skipped;
};

Expected<std::unique_ptr<FileWatch>> FileWatch::Open() {
  const int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) return Error{std::string("cannot watch files (inotify): ") + std::strerror(errno)};
  return std::unique_ptr<FileWatch>(new FileWatch(fd));
}

FileWatch::FileWatch(int fd) : fd_(fd) {}

FileWatch::~FileWatch() {
  if (fd_ >= 0) ::close(fd_);
}

Expected<int> FileWatch::Watch(const fs::path& dir, const std::string& shown, bool root) {
  const int wd = ::inotify_add_watch(fd_, dir.c_str(), kFolderEvents);
  if (wd < 0) {
    const int e = errno;
    return Error{(shown.empty() ? "." : shown) + ": cannot watch the folder: " + std::strerror(e) +
                 (e == ENOSPC ? " (the limit fs.inotify.max_user_watches is reached)" : "")};
  }
  std::unique_ptr<Folder>& folder = folders_[wd];
  if (!folder) folder = std::make_unique<Folder>(Folder{Absolute(dir), shown, root, {}, {}, {}});
  folder->root = folder->root || root;
  return wd;
}

Status FileWatch::AddFile(const fs::path& path) {
  const fs::path full = Absolute(path);
  Expected<int> wd = Watch(full.parent_path(), path.parent_path().string(), true);
  if (!wd) return wd.error();
  folders_.at(*wd)->names.insert(full.filename().string());
  return {};
}

Status FileWatch::AddTree(const fs::path& dir, NameFilter wanted, std::vector<fs::path> skipped) {
  for (fs::path& s : skipped) s = Absolute(s);
  return AddSubtree(dir, dir.string(), wanted, skipped, true);
}

Status FileWatch::AddSubtree(const fs::path& dir, const std::string& shown, const NameFilter& wanted,
                             const std::vector<fs::path>& skipped, bool root) {
  const fs::path full = Absolute(dir);
  if (std::find(skipped.begin(), skipped.end(), full) != skipped.end()) return {};
  Expected<int> wd = Watch(full, shown, root);
  if (!wd) return wd.error();
  Folder& folder = *folders_.at(*wd);
  if (folder.wanted) {
    folder.wanted = [a = folder.wanted, b = wanted](const std::string& name) { return a(name) || b(name); };
  } else {
    folder.wanted = wanted;
  }
  folder.skipped.insert(folder.skipped.end(), skipped.begin(), skipped.end());
  std::error_code ec;
  for (fs::directory_iterator it(full, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code type_ec;
    if (Hidden(name) || !it->is_directory(type_ec) || it->is_symlink(type_ec)) continue;
    if (Status s = AddSubtree(it->path(), Join(shown, name), wanted, skipped, false); !s) return s;
  }
  return {};
}

Status FileWatch::OnEvent(int wd, uint32_t mask, const std::string& name, WatchChanges& changes, bool& relevant) {
  auto found = folders_.find(wd);
  if (found == folders_.end()) return {};  // a folder forgotten a moment ago
  Folder& folder = *found->second;
  if (mask & IN_IGNORED) {
    folders_.erase(found);
    return {};
  }
  if (mask & (IN_DELETE_SELF | IN_MOVE_SELF)) {
    if (folder.root) return Error{(folder.shown.empty() ? "." : folder.shown) + ": the folder watched was removed or moved"};
    ::inotify_rm_watch(fd_, wd);  // moved: its old name means nothing now
    folders_.erase(found);
    return {};
  }
  if (Hidden(name)) return {};  // dauys's temporaries, editors' swap files
  const fs::path path = folder.path / name;
  if (mask & IN_ISDIR) {
    if (!folder.wanted || std::find(folder.skipped.begin(), folder.skipped.end(), path) != folder.skipped.end()) {
      return {};
    }
    if (mask & (IN_CREATE | IN_MOVED_TO)) {
      if (Status s = AddSubtree(path, Join(folder.shown, name), folder.wanted, folder.skipped, false); !s) return s;
    }
  } else {
    if (!folder.names.count(name) && !(folder.wanted && folder.wanted(name))) return {};
    struct stat st {};
    // A new file is seen when it is closed; only a new link is whole at once.
    if ((mask & IN_CREATE) && !(::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode))) return {};
  }
  relevant = true;
  auto same = [&path](const ChangedFile& c) { return c.path == path; };
  if (std::none_of(changes.files.begin(), changes.files.end(), same)) {
    changes.files.push_back({path, Join(folder.shown, name)});
  }
  return {};
}

Expected<bool> FileWatch::ReadEvents(WatchChanges& changes) {
  alignas(inotify_event) char buffer[64 * 1024];
  bool relevant = false;
  for (;;) {
    const ssize_t n = ::read(fd_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) return relevant;
    if (n <= 0) return Error{std::string("cannot read file events (inotify): ") + std::strerror(errno)};
    for (ssize_t at = 0; at < n;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
      at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      if (event->mask & IN_Q_OVERFLOW) {
        changes.everything = relevant = true;
        continue;
      }
      const std::string name = event->len ? std::string(event->name) : std::string();
      if (Status s = OnEvent(event->wd, event->mask, name, changes, relevant); !s) return s.error();
    }
  }
}

Expected<WatchChanges> FileWatch::Wait(std::chrono::milliseconds settle, int stop_fd) {
  WatchChanges changes;
  std::optional<Clock::time_point> quiet_at;  // set by the first change worth a rebuild
  for (;;) {
    int timeout = -1;
    if (quiet_at) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(*quiet_at - Clock::now());
      if (left.count() <= 0) return changes;
      timeout = static_cast<int>(left.count());
    }
    pollfd fds[2] = {{fd_, POLLIN, 0}, {stop_fd, POLLIN, 0}};
    const int n = ::poll(fds, stop_fd >= 0 ? 2 : 1, timeout);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Error{std::string("cannot wait for file events: ") + std::strerror(errno)};
    if (stop_fd >= 0 && (fds[1].revents & POLLIN)) {
      changes.stopped = true;
      return changes;
    }
    if (!(fds[0].revents & POLLIN)) continue;
    Expected<bool> relevant = ReadEvents(changes);
    if (!relevant) return relevant.error();
    if (*relevant) quiet_at = Clock::now() + settle;
  }
}

}  // namespace dauys
