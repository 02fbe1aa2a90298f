#include "app/batch.h"

#include <xxhash.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>

#include "input/read_input.h"
#include "text/slug.h"
#include "util/real_folder.h"
#include "util/unicode.h"

namespace dauys {

namespace fs = std::filesystem;

namespace {

/// "interview-un-middle-powers.kk.txt" -> "interview-un-middle-powers".
std::string FileSlug(const std::string& name) {
  fs::path stem = WithoutControls(name);  // a file name may be any bytes
  while (stem.has_extension()) {
    std::string ext = stem.extension().string();
    if (ext != ".txt" && ext != ".text" && ext.size() != 3 && !IsInputExtension(stem)) break;
    stem = stem.stem();
  }
  return Slugify(stem.string(), 48, "book");
}

bool Hidden(const fs::path& name) { return name.string().rfind('.', 0) == 0; }

/// "README.md", "readme.txt": a folder's description, not one of its books.
bool IsFolderReadme(const fs::path& name) { return ToLower(name.stem().string()) == "readme"; }

/// Every input file (*.txt, *.docx, … as IsInputExtension says) under `dir`, not in a hidden folder, as (relative path, path); links to
/// files outside `dir` only if `follow_links`, else a warning each.
Status AddFolder(const fs::path& dir, bool follow_links, const std::vector<fs::path>& skipped, CollectedInputs& out) {
  std::vector<BatchInput> found;
  std::error_code ec;
  auto it = fs::recursive_directory_iterator(dir, fs::directory_options::none, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path name = it->path().filename();
    auto is_skipped = [&skipped, &it] {
      std::error_code skip_ec;
      return !skipped.empty() && it->is_directory(skip_ec) &&
             std::find(skipped.begin(), skipped.end(), fs::absolute(it->path(), skip_ec).lexically_normal()) !=
                 skipped.end();
    };
    if (Hidden(name) || is_skipped()) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!IsInputExtension(name) || IsFolderReadme(name) || !it->is_regular_file(ec)) continue;
    if (!follow_links && LinksOutside(it->path(), dir)) {
      out.warnings.push_back(Printable(it->path().string()) + ": a symbolic link to a file outside " +
                             Printable(dir.string()) + "; skipped (--follow-links builds it)");
      continue;
    }
    std::string relative = it->path().lexically_relative(dir).generic_string();
    found.push_back(BatchInput{it->path(), relative, SlugOfRelativePath(relative), relative});
  }
  if (ec) return Error{Printable(dir.string()) + ": cannot read the folder: " + ec.message()};
  if (found.empty()) return Error{Printable(dir.string()) + ": no input file (*.txt, *.md, *.html, *.docx, *.odt, *.epub, *.pdf) in this folder"};
  std::sort(found.begin(), found.end(), [](const BatchInput& a, const BatchInput& b) { return a.relative < b.relative; });
  out.inputs.insert(out.inputs.end(), found.begin(), found.end());
  return {};
}

}  // namespace

std::string SlugOfRelativePath(const std::string& relative) {
  fs::path path(relative);
  std::string slug;
  for (const fs::path& part : path.parent_path()) {
    if (part == "." || part.empty()) continue;
    slug += Slugify(WithoutControls(part.string()), 48, "folder") + "-";
  }
  return slug + FileSlug(path.filename().string());
}

Expected<CollectedInputs> CollectInputs(const std::vector<std::string>& args, bool follow_links,
                                        const std::vector<fs::path>& skipped) {
  std::vector<fs::path> skipped_folders;
  for (const fs::path& folder : skipped) {
    std::error_code ec;
    fs::path full = fs::absolute(folder, ec).lexically_normal();
    if (full.filename().empty()) full = full.parent_path();  // "books/"
    skipped_folders.push_back(full);
  }
  CollectedInputs collected;
  std::vector<BatchInput>& inputs = collected.inputs;
  std::string errors;
  for (const std::string& arg : args) {
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      if (Status s = AddFolder(arg, follow_links, skipped_folders, collected); !s) errors += s.error().message + "\n";
      continue;
    }
    // Anything else is read as a text (a FIFO too); the reader says what is wrong with it.
    const std::string name = fs::path(arg).filename().string();
    inputs.push_back(BatchInput{arg, name, FileSlug(name), fs::absolute(arg, ec).lexically_normal().string()});
  }
  std::map<std::string, const BatchInput*> by_slug;
  for (const BatchInput& input : inputs) {
    auto [it, fresh] = by_slug.emplace(input.slug, &input);
    if (!fresh) {
      errors += Printable(it->second->path.string()) + " and " + Printable(input.path.string()) +
                " would both be built into the book folder " + input.slug +
                "/; rename one, or build them into different output folders (-o)\n";
    }
  }
  if (!errors.empty()) {
    errors.pop_back();
    return Error{errors};
  }
  return collected;
}

Expected<Shard> ParseShard(const std::string& text) {
  const size_t slash = text.find('/');
  Shard shard;
  auto number = [](std::string_view s, int* value) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *value);
    return ec == std::errc() && end == s.data() + s.size() && !s.empty();
  };
  if (slash == std::string::npos || !number(std::string_view(text).substr(0, slash), &shard.index) ||
      !number(std::string_view(text).substr(slash + 1), &shard.count) || shard.count < 1 || shard.count > 100000 ||
      shard.index < 0 || shard.index >= shard.count) {
    return Error{"--shard: must be K/N with 0 <= K < N <= 100000 (K counts from 0, as job arrays do), got '" +
                 Printable(text) + "'"};
  }
  return shard;
}

bool InShard(const BatchInput& input, const Shard& shard) {
  const uint64_t hash = XXH64(input.relative.data(), input.relative.size(), 0);
  return hash % static_cast<uint64_t>(shard.count) == static_cast<uint64_t>(shard.index);
}

BatchStatus::BatchStatus(std::vector<uint64_t> bytes) : bytes_(std::move(bytes)) {
  for (uint64_t b : bytes_) bytes_left_ += b;
}

void BatchStatus::BookDone(size_t i, bool built, bool failed, double seconds) {
  const auto now = std::chrono::steady_clock::now();
  if (built) {
    busy_seconds_ += std::chrono::duration<double>(now - book_started_).count();
    busy_bytes_ += bytes_[i];
  }
  bytes_left_ -= std::min(bytes_left_, bytes_[i]);
  book_started_ = now;
  audio_seconds_ += seconds;
  (failed ? failed_ : built ? built_ : unchanged_)++;
}

std::string BatchStatus::Line(size_t i, double fraction, double seconds) const {
  const double current = fraction * static_cast<double>(bytes_[i]);
  const double spent =
      busy_seconds_ + std::chrono::duration<double>(std::chrono::steady_clock::now() - book_started_).count();
  const double done = static_cast<double>(busy_bytes_) + current;
  std::string eta = "ETA …";
  if (done > 0) {
    const double left = spent / done * std::max(0.0, static_cast<double>(bytes_left_) - current);
    char buf[48];
    if (left < 90) {
      std::snprintf(buf, sizeof buf, "ETA %.0f s", left);
    } else if (left < 5400) {
      std::snprintf(buf, sizeof buf, "ETA %.0f min", left / 60);
    } else {
      std::snprintf(buf, sizeof buf, "ETA %.1f h", left / 3600);
    }
    eta = buf;
  }
  char line[160];
  std::snprintf(line, sizeof line, "%d/%zu books, %.2f h of audio, ", built_ + unchanged_ + failed_, bytes_.size(),
                (audio_seconds_ + seconds) / 3600.0);
  return line + eta;
}

std::string BatchStatus::Summary() const {
  return "dauys: " + std::to_string(bytes_.size()) + (bytes_.size() == 1 ? " book: " : " books: ") +
         std::to_string(built_) + " built, " + std::to_string(unchanged_) + " unchanged, " + std::to_string(failed_) +
         " failed";
}

}  // namespace dauys
