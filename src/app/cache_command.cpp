#include "app/command.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <set>

#include "app/cli.h"
#include "cache/segment_cache.h"
#include "util/atomic_file.h"
#include "util/real_folder.h"
#include "util/unicode.h"

namespace dauys::cli {

namespace fs = std::filesystem;

namespace {

/// Calls `fn` with each book folder in `output_dir` that holds a readable book.json,
/// and that manifest; returns the error reading the folder, if any.
std::error_code ForEachBook(const std::string& output_dir,
                            const std::function<void(const fs::path&, const nlohmann::json&)>& fn) {
  std::error_code ec;
  for (auto& book : fs::directory_iterator(output_dir, ec)) {
    Expected<std::string> text =
        ReadWholeFile(book.path() / "book.json", {kMaxManifestBytes, "manifest", false, /*follow_links=*/false});
    if (!text) continue;
    nlohmann::json manifest = nlohmann::json::parse(*text, nullptr, false);
    if (manifest.is_object() && manifest.contains("chapters") && manifest["chapters"].is_array()) fn(book.path(), manifest);
  }
  return ec;
}

/// The books in `output_dir` (if any) and their EPUB editions, which are packed from the chapter
/// MP3s beside them (not from the cache): "books: 2" and "EPUB editions: 1 (5.1 MiB):
/// talk/talk.epub".
void PrintEditions(const std::string& output_dir, std::ostream& out) {
  size_t books = 0;
  uint64_t bytes = 0;
  std::vector<std::string> epubs;
  ForEachBook(output_dir, [&](const fs::path& book, const nlohmann::json& manifest) {
    ++books;
    const nlohmann::json epub = manifest.value("epub", nlohmann::json());
    std::error_code ec;
    const uint64_t size = epub.is_string() ? fs::file_size(book / epub.get<std::string>(), ec) : 0;
    if (!epub.is_string() || ec) return;
    bytes += size;
    epubs.push_back(book.filename().string() + "/" + epub.get<std::string>());
  });
  if (books == 0) return;  // a cache without books: nothing more to say
  std::sort(epubs.begin(), epubs.end());
  char size[32];
  std::snprintf(size, sizeof size, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  out << "books: " << books << "\nEPUB editions: " << epubs.size() << " (" << size << ")"
      << (epubs.empty() ? "" : ": " + Joined(epubs)) << "\n";
}

/// Adds the segment keys of every book in `output_dir` to `keep`: each folder not
/// hidden that holds a book.json. One that cannot be read is an error naming it: gc
/// cannot tell which entries that book uses.
Status KeepKeysOfBooks(const fs::path& output_dir, std::set<std::string>& keep) {
  std::error_code ec;
  for (auto it = fs::directory_iterator(output_dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    const fs::path manifest = it->path() / "book.json";
    if (it->path().filename().string().rfind('.', 0) == 0 || !fs::is_directory(it->symlink_status(type_ec)) ||
        !fs::exists(fs::symlink_status(manifest, type_ec))) {
      continue;
    }
    Expected<std::string> text =
        ReadWholeFile(manifest, {kMaxManifestBytes, "manifest", false, /*follow_links=*/false});
    nlohmann::json doc = text ? nlohmann::json::parse(*text, nullptr, false) : nlohmann::json();
    if (!doc.is_object() || !doc.contains("chapters") || !doc["chapters"].is_array()) {
      return Error{manifest.string() + ": not a book.json dauys can read; cache gc removes nothing until it is "
                   "rebuilt or its folder removed"};
    }
    for (const auto& chapter : doc["chapters"]) {
      if (!chapter.is_object() || !chapter.contains("segments") || !chapter["segments"].is_array()) continue;
      for (const auto& key : chapter["segments"]) {
        if (key.is_string()) keep.insert(key.get<std::string>());
      }
    }
  }
  if (ec) return Error{output_dir.string() + ": cannot read the output folder: " + ec.message()};
  return {};
}

/// `cache stats` and `cache gc`: the keys every book.json in the output folder uses
/// are kept, and those of the books of every other output folder that recorded that it
/// builds into the cache (RecordCacheUser); the rest goes.
int RunCache(const std::string& output_dir, const std::string& cache_dir, bool gc, std::ostream& out,
             std::ostream& err) {
  // A folder that is not there is a mistyped name, not an empty cache. (stats with
  // --cache-dir does not read the output folder; gc reads its books.)
  std::error_code ec;
  if ((gc || cache_dir.empty()) && !fs::is_directory(output_dir, ec)) {
    Report(err, Error{"-o: " + output_dir + ": no such folder"});
    return kExitFailed;
  }
  if (!cache_dir.empty() && !fs::is_directory(cache_dir, ec)) {
    Report(err, Error{"--cache-dir: " + cache_dir + ": no such folder"});
    return kExitFailed;
  }
  if (std::string problem = CacheAmongBooks(output_dir, cache_dir); !problem.empty()) {
    err << "dauys: " << Printable(problem) << "\nRun 'dauys --help' for usage.\n";
    return kExitUsage;
  }
  if (Status s = CheckDefaultCache(output_dir, cache_dir); !s) return Fail(s.error(), err);
  const fs::path dir = cache_dir.empty() ? fs::path(output_dir) / ".cache" : fs::path(cache_dir);
  SegmentCache cache(dir / "segments");
  auto mib = [](uint64_t bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return std::string(buf);
  };
  if (!gc) {
    SegmentCache::Stats stats = cache.Measure();
    out << "cache: " << dir.string() << "\nentries: " << stats.entries << "\nsize: " << mib(stats.bytes) << "\n";
    if (fs::is_directory(output_dir, ec)) PrintEditions(output_dir, out);
    return kExitOk;
  }
  Expected<std::unique_ptr<FileLock>> lock = cache.Lock(FileLock::Mode::kExclusive);
  if (!lock) {
    Report(err, lock.error());
    return kExitFailed;
  }
  std::set<std::string> keep;
  if (Status s = KeepKeysOfBooks(output_dir, keep); !s) return Fail(s.error(), err);
  const fs::path self = ComparablePath(output_dir);
  std::vector<fs::path> forget;
  for (const auto& [other, record] : CacheUsers(dir)) {
    if (ComparablePath(other) == self) continue;
    if (!fs::is_directory(other, ec)) {
      err << "dauys: cache gc: " << Printable(other.string())
          << " built into this cache but is gone; its entries are removed\n";
      forget.push_back(record);
      continue;
    }
    err << "dauys: cache gc: " << Printable(other.string())
        << " also builds into this cache; the entries its books use are kept\n";
    if (Status s = KeepKeysOfBooks(other, keep); !s) return Fail(s.error(), err);
  }
  for (const fs::path& record : forget) fs::remove(record, ec);
  SegmentCache::Stats removed = cache.RemoveAllBut(keep);
  SegmentCache::Stats left = cache.Measure();
  out << "removed " << removed.entries << " entries (" << mib(removed.bytes) << "); kept " << left.entries
      << " (" << mib(left.bytes) << ")\n";
  return kExitOk;
}

}  // namespace

/// `dauys cache stats` and `dauys cache gc`.
Command AddCacheCommand(CLI::App& app) {
  struct CacheCommand {
    std::string output = "output";
    std::string cache_dir;
  };
  auto cache = std::make_shared<CacheCommand>();
  CLI::App* cmd = app.add_subcommand("cache", "Inspect or clean the segment cache");
  cmd->require_subcommand(1);
  CLI::App* stats_cmd = cmd->add_subcommand("stats", "Entries and size of the cache");
  CLI::App* gc_cmd = cmd->add_subcommand("gc", "Remove entries no book in the output folder uses");
  for (CLI::App* sub : {stats_cmd, gc_cmd}) {
    sub->add_option("-o,--output", cache->output, "Output folder whose cache to use")->capture_default_str();
    sub->add_option("--cache-dir", cache->cache_dir, "Segment cache (default: DIR/.cache)");
  }
  return {cmd, [cache, gc_cmd](std::ostream& out, std::ostream& err, bool) {
            return CheckOutput(RunCache(cache->output, cache->cache_dir, gc_cmd->parsed(), out, err), out, err);
          }};
}

}  // namespace dauys::cli
