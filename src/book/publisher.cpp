#include "book/publisher.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <xxhash.h>

#include <fstream>
#include <vector>

#include "util/atomic_file.h"

namespace dauys {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

/// Files an earlier build listed in book.json.
std::set<std::string> ManifestFiles(const fs::path& manifest) {
  std::set<std::string> files;
  std::ifstream in(manifest);
  if (!in) return files;
  json doc = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("chapters") || !doc["chapters"].is_array()) return files;
  auto keep = [&](const json& v) {
    if (!v.is_string()) return;
    std::string f = v.get<std::string>();
    if (!f.empty() && f.find('/') == std::string::npos && f[0] != '.') files.insert(f);
  };
  for (const auto& c : doc["chapters"]) {
    if (!c.is_object()) continue;
    for (const char* key : {"file", "vtt", "lrc"}) {
      if (c.contains(key)) keep(c[key]);
    }
  }
  if (doc.contains("single_file")) keep(doc["single_file"]);
  return files;
}

/// Temporaries a killed build left behind (".name.tmp.pid.n").
void RemoveStaleTemporaries(const fs::path& dir) {
  std::error_code ec;
  for (auto& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.rfind('.', 0) == 0 && name.find(".tmp.") != std::string::npos) fs::remove(e.path(), ec);
  }
}

}  // namespace

Expected<std::string> HashFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path.string() + ": cannot read"};
  XXH3_state_t* state = XXH3_createState();
  XXH3_128bits_reset(state);
  std::vector<char> buffer(1 << 16);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    XXH3_128bits_update(state, buffer.data(), static_cast<size_t>(in.gcount()));
  }
  XXH128_hash_t h = XXH3_128bits_digest(state);
  XXH3_freeState(state);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return std::string("xxh128:") + buf;
}

Expected<std::unique_ptr<FolderLock>> FolderLock::Acquire(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) {
    return Error{dir.string() + ": cannot create the output folder: " + (ec ? ec.message() : "not a folder")};
  }
  fs::path path = dir / ".dauys.lock";
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Error{path.string() + ": cannot create the lock file"};
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return Error{dir.string() + ": another dauys build is writing this folder; try again when it is done"};
  }
  RemoveStaleTemporaries(dir);
  return std::unique_ptr<FolderLock>(new FolderLock(fd));
}

FolderLock::~FolderLock() { ::close(fd_); }

Publisher::Publisher(fs::path dir, BookResult& result, const std::function<void(const std::string&)>& explain)
    : dir_(std::move(dir)), result_(result), explain_(explain) {}

Status Publisher::Write(const std::string& name, const std::string& bytes) {
  published_.insert(name);
  Expected<std::string> old = ReadWholeFile(dir_ / name);
  if (old && *old == bytes) {
    ++result_.files_unchanged;
    return {};
  }
  if (Status s = WriteFileAtomically(dir_ / name, bytes); !s) return s;
  Rewritten(name, old.ok());
  return {};
}

Expected<std::string> Publisher::PublishMp3(AtomicFile& file, const std::string& name, const TrackTags& tags) {
  if (Status s = WriteTags(file.temp_path(), tags); !s) return Error{(dir_ / name).string() + ": " + s.error().message};
  Expected<std::string> hash = HashFile(file.temp_path());
  if (!hash) return hash.error();
  published_.insert(name);
  std::error_code ec;
  const bool existed = fs::exists(dir_ / name, ec);
  if (existed && fs::file_size(dir_ / name, ec) == fs::file_size(file.temp_path(), ec)) {
    Expected<std::string> old = HashFile(dir_ / name);
    if (old && *old == *hash) {
      ++result_.files_unchanged;  // the temporary goes with `file`
      return hash;
    }
  }
  if (Status s = file.Commit(); !s) return s.error();
  Rewritten(name, existed);
  return hash;
}

Expected<std::string> Publisher::WriteMp3(const std::string& name, const std::string& mp3, const TrackTags& tags) {
  AtomicFile file(dir_ / name);
  if (Status s = file.Write(mp3); !s) return s.error();
  return PublishMp3(file, name, tags);
}

void Publisher::NoteEarlierFiles() { earlier_ = ManifestFiles(dir_ / "book.json"); }

void Publisher::RemoveDropped() {
  std::error_code ec;
  for (const std::string& old : earlier_) {
    if (!published_.count(old)) fs::remove(dir_ / old, ec);
  }
}

void Publisher::Rewritten(const std::string& name, bool existed) {
  ++result_.files_rewritten;
  if (explain_) explain_("rewrite " + name + ": " + (existed ? "content changed" : "new file"));
}

}  // namespace dauys
