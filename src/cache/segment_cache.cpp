#include "cache/segment_cache.h"

#include <sys/stat.h>
#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "util/atomic_file.h"
#include "util/real_folder.h"

namespace dauys {

namespace fs = std::filesystem;

namespace {

constexpr char kMagic[8] = {'D', 'A', 'U', 'Y', 'S', 'S', 'E', 'G'};
constexpr uint32_t kFormat = 3;  // 2: the key is stored and checked; 3: word starts
/// Entries are at most this large (an hour of speech at 160 kbps is 72 MB).
constexpr uint64_t kMaxEntryBytes = 256ull << 20;
/// Samples in an MPEG-2 Layer III frame, and the frame sizes LAME writes at 22.05 kHz.
constexpr uint64_t kSamplesPerFrame = 576;
constexpr uint64_t kMinFrameBytes = 24, kMaxFrameBytes = 1441;

/// The header fields of an entry, as stored.
struct Header {
  uint64_t frame_count, samples, delay, speech_start, onset, speech_end, words, size;
};

/// Why the header cannot describe a segment, or "" when it can.
std::string CheckHeader(const Header& h, std::string_view frames) {
  if (h.size != frames.size()) return "frame bytes do not match the header";
  if (h.frame_count == 0 || h.frame_count * kMinFrameBytes > h.size || h.frame_count * kMaxFrameBytes < h.size) {
    return "frame count does not fit the frame bytes";
  }
  if (static_cast<unsigned char>(frames[0]) != 0xFF || (static_cast<unsigned char>(frames[1]) & 0xE0) != 0xE0) {
    return "no MP3 frame at the start";
  }
  if (h.samples > h.frame_count * kSamplesPerFrame || h.delay > 2 * kSamplesPerFrame) {
    return "sample counts do not fit the frames";
  }
  if (h.speech_start > h.samples || h.onset > h.samples || h.speech_end > h.samples || h.words > h.samples) {
    return "timings outside the segment";
  }
  return "";
}

void PutU64(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out += static_cast<char>(v >> (8 * i));
}

bool GetU64(std::string_view& in, uint64_t* v) {
  if (in.size() < 8) return false;
  *v = 0;
  for (int i = 0; i < 8; ++i) *v |= static_cast<uint64_t>(static_cast<unsigned char>(in[static_cast<size_t>(i)])) << (8 * i);
  in.remove_prefix(8);
  return true;
}

/// Reads the word starts stored after the header: a count (at most one per WORD
/// event) and as many sample positions inside the segment.
bool GetWordStarts(std::string_view& in, const Header& h, std::vector<int64_t>* out) {
  uint64_t count = 0;
  if (!GetU64(in, &count) || count > h.words || count * 8 > in.size()) return false;
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t at = 0;
    if (!GetU64(in, &at) || at > h.samples) return false;
    out->push_back(static_cast<int64_t>(at));
  }
  return true;
}

}  // namespace

KeyHasher& KeyHasher::Add(std::string_view field) {
  PutU64(buffer_, field.size());
  buffer_.append(field);
  buffer_ += '\x1f';
  return *this;
}

KeyHasher& KeyHasher::Add(double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f", value);
  return Add(std::string_view(buf));
}

KeyHasher& KeyHasher::Add(int64_t value) { return Add(std::to_string(value)); }

std::string KeyHasher::Hex() const {
  XXH128_hash_t h = XXH3_128bits(buffer_.data(), buffer_.size());
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buf;
}

fs::path SegmentCache::PathOf(const std::string& key) const { return dir_ / key.substr(0, 2) / (key + ".seg"); }

bool SegmentCache::Contains(const std::string& key) const {
  std::error_code ec;
  const fs::path path = PathOf(key);
  return RequireRealFolder(path.parent_path()).ok() && fs::is_regular_file(fs::symlink_status(path, ec));
}

std::optional<CachedSegment> SegmentCache::Load(const std::string& key, std::string* why) const {
  const fs::path path = PathOf(key);
  std::error_code ec;
  if (!Contains(key)) {  // nor read (or removed) through a link; Store says what is wrong
    if (why) *why = "not in cache";
    return std::nullopt;
  }
  struct stat read_st {};
  const bool identified = ::lstat(path.c_str(), &read_st) == 0;
  Expected<std::string> bytes = ReadWholeFile(path, {kMaxEntryBytes, "cache entry", false, /*follow_links=*/false});
  auto discard = [&](const std::string& reason) -> std::optional<CachedSegment> {
    if (why) *why = "cache entry discarded: " + reason;
    // Another process sharing the cache may have just renamed a good entry over the
    // bad one: only the file that was read goes.
    struct stat now {};
    if (identified && ::lstat(path.c_str(), &now) == 0 && now.st_dev == read_st.st_dev && now.st_ino == read_st.st_ino) {
      fs::remove(path, ec);
    }
    return std::nullopt;
  };
  if (!bytes) return discard("unreadable");
  std::string_view in(*bytes);
  if (in.size() < sizeof kMagic + 8 + 8 || std::memcmp(in.data(), kMagic, sizeof kMagic) != 0) {
    return discard("not a segment (truncated?)");
  }
  std::string_view body = in.substr(0, in.size() - 8);
  std::string_view tail = in.substr(in.size() - 8);
  uint64_t checksum = 0;
  GetU64(tail, &checksum);
  if (XXH3_64bits(body.data(), body.size()) != checksum) return discard("checksum mismatch");
  body.remove_prefix(sizeof kMagic);
  uint64_t format = 0, key_size = 0;
  if (!GetU64(body, &format) || format != kFormat || !GetU64(body, &key_size) || key_size > body.size()) {
    return discard("unknown format");
  }
  // The checksum covers the content, not the file's name: an entry copied or swapped
  // under another key would otherwise play the wrong sentence.
  if (body.substr(0, key_size) != key) return discard("it holds another key's segment");
  body.remove_prefix(key_size);
  Header h{};
  for (uint64_t* field : {&h.frame_count, &h.samples, &h.delay, &h.speech_start, &h.onset, &h.speech_end, &h.words,
                          &h.size}) {
    if (!GetU64(body, field)) return discard("unknown format");
  }
  std::vector<int64_t> word_starts;
  if (!GetWordStarts(body, h, &word_starts)) return discard("word timings outside the segment");
  if (std::string bad = CheckHeader(h, body); !bad.empty()) return discard(bad);
  CachedSegment s;
  s.audio.frames.assign(body.data(), body.size());
  s.audio.frame_count = static_cast<int64_t>(h.frame_count);
  s.audio.samples = static_cast<int64_t>(h.samples);
  s.audio.delay = static_cast<int>(h.delay);
  s.speech_start = static_cast<int64_t>(h.speech_start);
  s.onset = static_cast<int64_t>(h.onset);
  s.speech_end = static_cast<int64_t>(h.speech_end);
  s.words_spoken = static_cast<uint32_t>(h.words);
  s.word_starts = std::move(word_starts);
  return s;
}

Status SegmentCache::Store(const std::string& key, const CachedSegment& s) const {
  const fs::path path = PathOf(key);
  // Entries go only into real folders of the cache: a link at segments/NN would put
  // them wherever it points.
  if (Status made = MakeRealFolder(dir_, "the cache folder"); !made) return made;
  if (Status made = MakeRealFolder(path.parent_path(), "the cache folder"); !made) return made;
  std::string out(kMagic, sizeof kMagic);
  PutU64(out, kFormat);
  PutU64(out, key.size());
  out += key;
  for (uint64_t v : {static_cast<uint64_t>(s.audio.frame_count),
                     static_cast<uint64_t>(s.audio.samples), static_cast<uint64_t>(s.audio.delay),
                     static_cast<uint64_t>(s.speech_start), static_cast<uint64_t>(s.onset),
                     static_cast<uint64_t>(s.speech_end), static_cast<uint64_t>(s.words_spoken),
                     static_cast<uint64_t>(s.audio.frames.size())}) {
    PutU64(out, v);
  }
  PutU64(out, s.word_starts.size());
  for (int64_t at : s.word_starts) PutU64(out, static_cast<uint64_t>(at));
  out += s.audio.frames;
  PutU64(out, XXH3_64bits(out.data(), out.size()));
  return WriteFileAtomically(path, out, /*durable=*/false);
}

Expected<std::unique_ptr<FileLock>> SegmentCache::Lock(FileLock::Mode mode) const {
  if (Status s = MakeRealFolder(dir_, "the cache folder"); !s) return s.error();
  const std::string busy = mode == FileLock::Mode::kShared
                               ? dir_.string() + ": 'dauys cache gc' is cleaning this cache; try again when it is done"
                               : dir_.string() + ": a dauys build is using this cache; try again when it is done";
  return FileLock::Acquire(dir_ / ".dauys.lock", mode, busy);
}

SegmentCache::Stats SegmentCache::Measure() const {
  Stats stats;
  std::error_code ec;
  if (!fs::is_directory(dir_, ec)) return stats;
  for (auto it = fs::recursive_directory_iterator(dir_, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".seg") {
      ++stats.entries;
      stats.bytes += it->file_size(ec);
    }
  }
  return stats;
}

SegmentCache::Stats SegmentCache::RemoveAllBut(const std::set<std::string>& keep) const {
  Stats removed;
  std::error_code ec;
  if (!fs::is_directory(dir_, ec)) return removed;
  std::vector<fs::path> doomed;
  for (auto it = fs::recursive_directory_iterator(dir_, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const fs::path& p = it->path();
    bool stale_temp = p.filename().string().rfind('.', 0) == 0 && p.filename().string().find(".tmp.") != std::string::npos;
    if ((p.extension() == ".seg" && !keep.count(p.stem().string())) || stale_temp) doomed.push_back(p);
  }
  for (const fs::path& p : doomed) {
    uint64_t size = fs::file_size(p, ec);
    if (fs::remove(p, ec)) {
      ++removed.entries;
      removed.bytes += size;
    }
  }
  return removed;
}

fs::path ComparablePath(const fs::path& path) {
  std::error_code ec;
  fs::path out = fs::weakly_canonical(fs::absolute(path, ec), ec).lexically_normal();
  if (!out.has_filename() && out.has_parent_path() && out != out.root_path()) out = out.parent_path();
  return out;
}

Status RecordCacheUser(const fs::path& cache_dir, const fs::path& output_dir) {
  const fs::path folder = cache_dir / "outputs";
  if (Status s = MakeRealFolder(folder, "the cache folder"); !s) return s;
  const std::string path = ComparablePath(output_dir).string();
  char name[24];
  std::snprintf(name, sizeof name, "%016llx", static_cast<unsigned long long>(XXH64(path.data(), path.size(), 0)));
  std::error_code ec;
  if (fs::is_regular_file(fs::symlink_status(folder / name, ec))) return {};
  return WriteFileAtomically(folder / name, path + "\n", /*durable=*/false);
}

std::vector<std::pair<fs::path, fs::path>> CacheUsers(const fs::path& cache_dir) {
  std::vector<std::pair<fs::path, fs::path>> users;
  const fs::path folder = cache_dir / "outputs";
  if (!RequireRealFolder(folder)) return users;
  std::error_code ec;
  for (auto it = fs::directory_iterator(folder, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    if (it->path().filename().string().rfind('.', 0) == 0) continue;  // a temporary
    Expected<std::string> text = ReadWholeFile(it->path(), {4096, "record", false, /*follow_links=*/false});
    if (!text || text->empty() || text->back() != '\n') continue;
    users.emplace_back(fs::path(text->substr(0, text->size() - 1)), it->path());
  }
  std::sort(users.begin(), users.end());
  return users;
}

}  // namespace dauys
