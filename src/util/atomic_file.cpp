#include "util/atomic_file.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <optional>

#include "util/unicode.h"

namespace dauys {
namespace fs = std::filesystem;

namespace {

std::string ErrnoText(int err) { return std::strerror(err); }

std::string Mib(uint64_t bytes) {
  return bytes >= (1u << 20) ? std::to_string(bytes >> 20) + " MB" : std::to_string(bytes) + " bytes";
}

Status WriteAll(int fd, const char* p, size_t left, uint64_t offset) {
  while (left > 0) {
    ssize_t n = ::pwrite(fd, p, left, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Error{ErrnoText(errno)};
    if (n == 0) return Error{ErrnoText(ENOSPC)};
    p += n;
    offset += static_cast<uint64_t>(n);
    left -= static_cast<size_t>(n);
  }
  return {};
}

}  // namespace

AtomicFile::AtomicFile(fs::path target) : target_(std::move(target)) {}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_ && !temp_.empty()) ::unlink(temp_.c_str());
}

Error AtomicFile::Fail(const std::string& what, int err) const {
  return Error{target_.string() + ": " + what + ": " + ErrnoText(err)};
}

Status AtomicFile::Open() {
  if (fd_ >= 0) return {};
  static std::atomic<unsigned> counter{0};
  const std::string prefix =
      "." + target_.filename().string() + ".tmp." + TemporaryHost() + "." + std::to_string(getpid()) + ".";
  for (int attempt = 0; attempt < 1000; ++attempt) {
    fs::path temp = target_.parent_path() / (prefix + std::to_string(counter++));
    int fd = ::open(temp.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd >= 0) {
      fd_ = fd;
      temp_ = std::move(temp);
      return {};
    }
    if (errno != EEXIST) return Fail("cannot create a temporary file", errno);
  }
  return Fail("cannot create a temporary file", EEXIST);
}

Status AtomicFile::Write(std::string_view bytes) { return WriteAt(size_, bytes); }

Status AtomicFile::WriteAt(uint64_t offset, std::string_view bytes) {
  if (Status s = Open(); !s) return s;
  if (Status s = WriteAll(fd_, bytes.data(), bytes.size(), offset); !s) {
    return Error{target_.string() + ": cannot write: " + s.error().message};
  }
  size_ = std::max<uint64_t>(size_, offset + bytes.size());
  return {};
}

Status AtomicFile::Commit(bool durable) {
  if (Status s = Open(); !s) return s;
  struct stat st {};
  if (::fstat(fd_, &st) != 0) return Fail("cannot write", errno);
  if (static_cast<uint64_t>(st.st_size) != size_) {
    return Error{target_.string() + ": cannot write: the temporary file holds " + std::to_string(st.st_size) +
                 " bytes, not the " + std::to_string(size_) + " written (disk full?)"};
  }
  if (durable && ::fsync(fd_) != 0) return Fail("cannot write", errno);
  int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) return Fail("cannot write", errno);
  if (::rename(temp_.c_str(), target_.c_str()) != 0) return Fail("cannot write", errno);
  committed_ = true;
  return {};
}

const std::string& TemporaryHost() {
  static const std::string host = [] {
    char name[256] = {};
    std::string out;
    if (::gethostname(name, sizeof name - 1) == 0) {
      for (const char* c = name; *c && out.size() < 32; ++c) {
        const bool keep = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9');
        out += keep ? *c : '-';
      }
    }
    return out.empty() ? std::string("host") : out;
  }();
  return host;
}

std::optional<TemporaryOwner> OwnerOfTemporary(const std::string& filename) {
  const size_t at = filename.rfind(".tmp.");
  if (filename.rfind('.', 0) != 0 || at == std::string::npos) return std::nullopt;
  const std::string rest = filename.substr(at + 5);  // host.pid.n
  const size_t n_dot = rest.rfind('.');
  const size_t pid_dot = n_dot == std::string::npos || n_dot == 0 ? std::string::npos : rest.rfind('.', n_dot - 1);
  if (pid_dot == std::string::npos || pid_dot == 0) return std::nullopt;
  const std::string pid = rest.substr(pid_dot + 1, n_dot - pid_dot - 1), n = rest.substr(n_dot + 1);
  auto digits = [](const std::string& s) {
    return !s.empty() && s.size() < 12 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (!digits(pid) || !digits(n)) return std::nullopt;
  return TemporaryOwner{rest.substr(0, pid_dot), std::stol(pid)};
}

Status WriteFileAtomically(const fs::path& path, std::string_view bytes, bool durable) {
  AtomicFile file(path);
  if (Status s = file.Write(bytes); !s) return s;
  return file.Commit(durable);
}

Expected<std::string> ReadWholeStream(int fd, const std::string& name, const ReadLimits& limits) {
  std::string bytes;
  size_t valid = 0;  // text: bytes known to be valid UTF-8 without NUL
  char buffer[65536];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Error{name + ": cannot read: " + ErrnoText(errno)};
    if (bytes.size() + static_cast<size_t>(n) > limits.max_bytes) {
      return Error{name + ": larger than " + Mib(limits.max_bytes) + ", the limit for a " + std::string(limits.what)};
    }
    bytes.append(buffer, static_cast<size_t>(n));
    // Text stops at the first byte that cannot be text: the parser names it, and an
    // endless stream (/dev/zero through a pipe) is not read to its cap.
    if (limits.text) {
      valid += ValidUtf8Length(std::string_view(bytes).substr(valid));
      if (valid + 4 <= bytes.size()) break;  // not just a character cut by the block's end
    }
  }
  return bytes;
}

Expected<std::string> ReadWholeFile(const fs::path& path, const ReadLimits& limits) {
  // Non-blocking, so a FIFO no program writes to cannot hold the open forever.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | (limits.follow_links ? 0 : O_NOFOLLOW));
  if (fd < 0) {
    int err = errno;
    if (err == ENOENT) return Error{path.string() + ": no such file"};
    if (err == ELOOP) return Error{path.string() + ": is a symbolic link, which dauys does not follow here"};
    return Error{path.string() + ": cannot read: " + ErrnoText(err)};
  }
  struct stat st {};
  std::optional<Error> refused;
  if (::fstat(fd, &st) != 0) {
    refused = Error{path.string() + ": cannot read: " + ErrnoText(errno)};
  } else if (S_ISDIR(st.st_mode)) {
    refused = Error{path.string() + ": is a directory, not a " + std::string(limits.what)};
  } else if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
    refused = Error{path.string() + ": not a regular file (a device or socket cannot be a " +
                    std::string(limits.what) + ")"};
  } else if (S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) > limits.max_bytes) {
    refused = Error{path.string() + ": larger than " + Mib(limits.max_bytes) + ", the limit for a " +
                    std::string(limits.what)};
  }
  if (!refused && S_ISFIFO(st.st_mode)) {
    // Linux reports neither input nor hang-up on a FIFO until a writer has opened it.
    pollfd waiting{fd, POLLIN, 0};
    int ready = 0;
    do {
      ready = ::poll(&waiting, 1, static_cast<int>(kFifoWriterWait.count()));
    } while (ready < 0 && errno == EINTR);
    if (ready == 0) {
      refused = Error{path.string() + ": a FIFO no program wrote to within " +
                      std::to_string(kFifoWriterWait.count() / 1000) + " s; start its writer first"};
    }
  }
  if (refused) {
    ::close(fd);
    return *refused;
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);  // a writer is there: wait for all it writes
  Expected<std::string> bytes = ReadWholeStream(fd, path.string(), limits);
  ::close(fd);
  return bytes;
}

}  // namespace dauys
