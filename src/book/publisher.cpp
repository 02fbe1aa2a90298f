#include "book/publisher.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <sstream>
#include <vector>

#include "util/atomic_file.h"
#include "util/real_folder.h"

namespace dauys {

namespace fs = std::filesystem;

namespace {

/// Temporaries a killed build left behind (".name.tmp.pid.n").
void RemoveStaleTemporaries(const fs::path& dir) {
  std::error_code ec;
  for (auto& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.rfind('.', 0) == 0 && name.find(".tmp.") != std::string::npos) fs::remove(e.path(), ec);
  }
}

}  // namespace

namespace {

std::string Hex(XXH3_state_t* state) {
  XXH128_hash_t h = XXH3_128bits_digest(state);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return std::string("xxh128:") + buf;
}

/// Bytes of the ID3v2 tag at the start of an MP3 (0 without one).
uint64_t TagSize(const char* head, size_t size) {
  if (size < 10 || head[0] != 'I' || head[1] != 'D' || head[2] != '3') return 0;
  uint64_t body = 0;
  for (int i = 6; i < 10; ++i) body = (body << 7) | (static_cast<unsigned char>(head[i]) & 0x7f);
  return 10 + body + ((static_cast<unsigned char>(head[5]) & 0x10) ? 10 : 0);
}

}  // namespace

Expected<DiskState> HashFile(const fs::path& path, bool mp3) {
  // A link planted where a book's file should be is never read through.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return Error{path.string() + ": cannot read"};
  std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> whole(XXH3_createState(), XXH3_freeState),
      audio(XXH3_createState(), XXH3_freeState);
  XXH3_128bits_reset(whole.get());
  XXH3_128bits_reset(audio.get());
  std::vector<char> buffer(1 << 16);
  uint64_t at = 0, skip = 0;
  for (;;) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return Error{path.string() + ": cannot read"};
    }
    if (n == 0) break;
    const auto got = static_cast<size_t>(n);
    if (at == 0 && mp3) skip = TagSize(buffer.data(), got);
    XXH3_128bits_update(whole.get(), buffer.data(), got);
    if (mp3 && at + got > skip) {
      const uint64_t from = skip > at ? skip - at : 0;
      XXH3_128bits_update(audio.get(), buffer.data() + from, got - from);
    }
    at += got;
  }
  ::close(fd);
  return DiskState{Hex(whole.get()), mp3 ? Hex(audio.get()) : ""};
}

std::string HashBytes(const std::string& bytes) {
  std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> state(XXH3_createState(), XXH3_freeState);
  XXH3_128bits_reset(state.get());
  XXH3_128bits_update(state.get(), bytes.data(), bytes.size());
  return Hex(state.get());
}

Expected<std::unique_ptr<FolderLock>> FolderLock::Acquire(const fs::path& dir) {
  std::error_code ec;
  if (Status s = MakeRealFolder(dir, "the output folder"); !s) return s.error();
  // Beside the folder, not in it: a book folder copied to a player holds only the book.
  const fs::path path = dir.parent_path() / ("." + dir.filename().string() + ".lock");
  Expected<std::unique_ptr<FileLock>> lock =
      FileLock::Acquire(path, FileLock::Mode::kExclusive,
                        dir.string() + ": another dauys build is writing this folder; try again when it is done");
  if (!lock) return lock.error();
  // Checked again with the lock held: a link put in the folder's place meanwhile.
  if (Status s = RequireRealFolder(dir); !s) return s.error();
  RemoveStaleTemporaries(dir);
  fs::remove(dir / ".dauys.lock", ec);  // where earlier versions kept the lock
  return std::unique_ptr<FolderLock>(new FolderLock(std::move(*lock)));
}

FolderLock::~FolderLock() = default;

Journal::Journal(const fs::path& book_dir)
    : path_(book_dir.parent_path() / ("." + book_dir.filename().string() + ".journal")) {}

std::vector<std::string> Journal::Leftovers() const {
  std::vector<std::string> names;
  Expected<std::string> text = ReadWholeFile(path_, {kMaxManifestBytes, "journal", false, /*follow_links=*/false});
  if (!text) return names;
  std::istringstream lines(*text);
  for (std::string name; std::getline(lines, name);) {
    if (!name.empty() && name.find('/') == std::string::npos && name[0] != '.') names.push_back(name);
  }
  return names;
}

Status Journal::Begin(const std::vector<std::string>& names) const {
  std::string text;
  for (const std::string& n : names) text += n + "\n";
  return WriteFileAtomically(path_, text, /*durable=*/false);  // a kill, not a power cut, is what it is for
}

void Journal::End() const {
  std::error_code ec;
  fs::remove(path_, ec);
}

namespace {

/// True if the temporary `entry` belongs to no live writer (see RemoveDeadTemporaries).
bool IsDeadTemporary(const fs::directory_entry& entry, fs::file_time_type now) {
  std::optional<TemporaryOwner> owner = OwnerOfTemporary(entry.path().filename().string());
  if (owner && owner->host == TemporaryHost()) {
    return owner->pid > 0 && ::kill(static_cast<pid_t>(owner->pid), 0) != 0 && errno == ESRCH;
  }
  // Another machine's (or an older dauys's) temporary: its pid means nothing here.
  // Entries are written in one go, so one this old has no writer left.
  std::error_code time_ec;
  const fs::file_time_type written = entry.last_write_time(time_ec);
  return !time_ec && now - written > kForeignTemporaryLifetime;
}

/// This process's writer marks; each is removed when the process exits normally (not by
/// a forked child, which shares the statics).
class WriterMarks {
 public:
  ~WriterMarks() {
    if (::getpid() != owner_) return;
    for (const fs::path& path : paths_) ::unlink(path.c_str());
  }
  /// Creates the mark in `dir` once per process.
  void Add(const fs::path& dir) {
    const fs::path path = dir / (".writer.tmp." + TemporaryHost() + "." + std::to_string(::getpid()) + ".0");
    if (std::find(paths_.begin(), paths_.end(), path) != paths_.end()) return;
    std::error_code ec;
    fs::create_directories(dir, ec);  // a batch makes entries before its first book locks the cache
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) return;  // the cache still works; only the sweep after a kill is lost
    ::close(fd);
    paths_.push_back(path);
  }

 private:
  pid_t owner_ = ::getpid();
  std::vector<fs::path> paths_;
};

}  // namespace

namespace {

/// Removes the dead temporaries in `dir` and its subfolders (never following links),
/// except dead writers' marks, which it adds to `marks`; false if a folder could not be
/// read through (other builds rename and add entries meanwhile).
bool SweepFolder(const fs::path& dir, fs::file_time_type now, std::vector<fs::path>& marks) {
  bool complete = true;
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    const fs::file_status status = it->symlink_status(type_ec);
    if (type_ec) continue;  // gone meanwhile: renamed into place or removed
    const std::string name = it->path().filename().string();
    if (fs::is_directory(status)) {
      complete = SweepFolder(it->path(), now, marks) && complete;
    } else if (name.rfind('.', 0) == 0 && name.find(".tmp.") != std::string::npos && IsDeadTemporary(*it, now)) {
      std::error_code rm;
      if (name.rfind(".writer.tmp.", 0) == 0) {
        marks.push_back(it->path());
      } else {
        fs::remove(it->path(), rm);
      }
    }
  }
  return complete && !ec;
}

}  // namespace

void RemoveDeadTemporaries(const fs::path& dir) {
  std::vector<fs::path> marks;
  // A dead writer's mark asks for this sweep, so it goes only once the sweep is whole.
  if (!SweepFolder(dir, fs::file_time_type::clock::now(), marks)) return;
  for (const fs::path& mark : marks) {
    std::error_code rm;
    fs::remove(mark, rm);
  }
}

bool MarkCacheWriter(const fs::path& dir) {
  static WriterMarks marks;
  bool dead_writer = false;
  std::error_code ec;
  const auto now = fs::file_time_type::clock::now();
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    if (it->path().filename().string().rfind(".writer.tmp.", 0) == 0 && IsDeadTemporary(*it, now)) {
      dead_writer = true;
    }
  }
  marks.Add(dir);
  return dead_writer;
}

Publisher::Publisher(fs::path dir, BookResult& result) : dir_(std::move(dir)), result_(result) {}

void Publisher::Published(const std::string& name, const std::optional<DiskState>& before, const DiskState& after,
                          bool changed) {
  before_[name] = before;
  after_[name] = after;
  if (changed) {
    changed_.push_back(name);
  } else {
    ++result_.files_unchanged;
  }
}

Status Publisher::Write(const std::string& name, const std::string& bytes) {
  Expected<std::string> old = ReadWholeFile(dir_ / name, {kMaxManifestBytes, "file", false, /*follow_links=*/false});
  const DiskState after{HashBytes(bytes), ""};
  if (old && *old == bytes) {
    Published(name, after, after, false);
    return {};
  }
  if (Status s = WriteFileAtomically(dir_ / name, bytes); !s) return s;
  Published(name, old ? std::optional<DiskState>(DiskState{HashBytes(*old), ""}) : std::nullopt, after, true);
  return {};
}

Expected<std::string> Publisher::PublishMp3(AtomicFile& file, const std::string& name, const TrackTags& tags) {
  if (Status s = WriteTags(file, tags); !s) return s.error();
  return Publish(file, name, true);
}

Expected<std::string> Publisher::PublishFile(AtomicFile& file, const std::string& name) {
  return Publish(file, name, false);
}

Expected<std::string> Publisher::Publish(AtomicFile& file, const std::string& name, bool mp3) {
  Expected<DiskState> after = HashFile(file.temp_path(), mp3);
  if (!after) return after.error();
  std::error_code ec;
  std::optional<DiskState> before;
  if (fs::exists(dir_ / name, ec)) {
    Expected<DiskState> old = HashFile(dir_ / name, mp3);
    if (old && old->hash == after->hash) {
      Published(name, *old, *after, false);  // the temporary goes with `file`
      return after->hash;
    }
    if (old) before = *old;
  }
  if (Status s = file.Commit(); !s) return s.error();
  Published(name, before, *after, true);
  return after->hash;
}

Expected<std::string> Publisher::WriteMp3(const std::string& name, const std::string& mp3, const TrackTags& tags) {
  AtomicFile file(dir_ / name);
  if (Status s = file.Write(mp3); !s) return s.error();
  return PublishMp3(file, name, tags);
}

void Publisher::NoteEarlierFiles(const std::vector<std::string>& listed) { earlier_.insert(listed.begin(), listed.end()); }

void Publisher::RemoveDropped() {
  std::error_code ec;
  for (const std::string& old : earlier_) {
    if (after_.count(old)) continue;
    Expected<DiskState> state = HashFile(dir_ / old, old.ends_with(".mp3"));
    before_[old] = state ? std::optional<DiskState>(*state) : std::nullopt;
    if (state && fs::remove(dir_ / old, ec)) removed_.push_back(old);
  }
}

std::optional<DiskState> Publisher::Before(const std::string& name) const {
  auto it = before_.find(name);
  return it == before_.end() ? std::nullopt : it->second;
}

std::vector<FileChange> Publisher::Changes() const {
  using Action = FileChange::Action;
  std::vector<FileChange> out;
  std::set<std::string> taken;
  for (const std::string& name : changed_) {
    const DiskState& now = after_.at(name);
    const bool mp3 = !now.audio_hash.empty();
    const std::optional<DiskState>& was = before_.at(name);
    if (was) {
      out.push_back({mp3 && was->audio_hash == now.audio_hash ? Action::kRetag : Action::kWrite, name, "", "", 0});
      continue;
    }
    FileChange change{Action::kWrite, name, "", "", 0};
    for (const std::string& old : removed_) {
      const DiskState& gone = *before_.at(old);
      if (taken.count(old) || (mp3 ? gone.audio_hash != now.audio_hash : gone.hash != now.hash)) continue;
      taken.insert(old);
      change.action = Action::kRename;
      change.from = old;
      break;
    }
    out.push_back(change);
  }
  for (const std::string& old : removed_) {
    if (!taken.count(old)) out.push_back({Action::kRemove, old, "", "", 0});
  }
  return out;
}

BookFolderAccess FeedAccess() {
  BookFolderAccess access;
  access.lock = [](const fs::path& dir) -> Expected<std::shared_ptr<void>> {
    Expected<std::unique_ptr<FolderLock>> lock = FolderLock::Acquire(dir);
    if (!lock) return lock.error();
    return std::shared_ptr<void>(std::move(*lock));
  };
  access.interrupted = [](const fs::path& dir) { return !Journal(dir).Leftovers().empty(); };
  access.hash = [](const fs::path& file) -> Expected<std::string> {
    Expected<DiskState> state = HashFile(file);
    if (!state) return state.error();
    return state->hash;
  };
  return access;
}

}  // namespace dauys
