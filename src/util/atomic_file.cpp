#include "util/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace dauys {
namespace fs = std::filesystem;

namespace {

std::string ErrnoText(int err) { return std::strerror(err); }

fs::path MakeTempPath(const fs::path& target) {
  static std::atomic<unsigned> counter{0};
  std::string name = "." + target.filename().string() + ".tmp." + std::to_string(getpid()) +
                     "." + std::to_string(counter++);
  return target.parent_path() / name;
}

}  // namespace

AtomicFile::AtomicFile(fs::path target) : target_(std::move(target)), temp_(MakeTempPath(target_)) {}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    std::error_code ignored;
    fs::remove(temp_, ignored);
  }
}

Status AtomicFile::Write(std::string_view bytes) {
  int fd = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Error{target_.string() + ": cannot write: " + ErrnoText(errno)};
  const char* p = bytes.data();
  size_t left = bytes.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      return Error{target_.string() + ": cannot write: " + ErrnoText(err)};
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  if (::close(fd) != 0) return Error{target_.string() + ": cannot write: " + ErrnoText(errno)};
  return {};
}

Status AtomicFile::Commit(bool durable) {
  if (durable) {
    int fd = ::open(temp_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Error{target_.string() + ": cannot write: " + ErrnoText(errno)};
    ::fsync(fd);
    ::close(fd);
  }
  if (::rename(temp_.c_str(), target_.c_str()) != 0) {
    return Error{target_.string() + ": cannot write: " + ErrnoText(errno)};
  }
  committed_ = true;
  return {};
}

Status WriteFileAtomically(const fs::path& path, std::string_view bytes, bool durable) {
  AtomicFile file(path);
  if (Status s = file.Write(bytes); !s) return s;
  return file.Commit(durable);
}

Expected<std::string> ReadWholeFile(const fs::path& path) {
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return Error{path.string() + ": no such file"};
  if (fs::is_directory(status)) return Error{path.string() + ": is a directory, not a text file"};
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Error{path.string() + ": cannot read: " + ErrnoText(errno)};
  std::string bytes;
  char buffer[65536];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      return Error{path.string() + ": cannot read: " + ErrnoText(err)};
    }
    bytes.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return bytes;
}

}  // namespace dauys
