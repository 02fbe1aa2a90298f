#pragma once
// A newsroom renders whole archives, not one article: `dauys build` takes files and
// folders, and each input becomes one book folder under -o, all sharing one segment
// cache. This decides which inputs a batch has (folders searched for *.txt, sorted),
// the book folder each one gets (from its path relative to the folder given, so two
// x.txt in different folders never write the same book), which inputs belong to a
// shard (--shard K/N, for job-array engines: Slurm, Kubernetes Indexed Jobs, GNU
// parallel) and what the batch's progress line and summary say.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "util/error.h"

namespace dauys {

/// One input of a batch.
struct BatchInput {
  std::filesystem::path path;  ///< As the user can open it.
  /// Its path relative to the folder given ("2024/03/x.kk.txt"), or its file name when
  /// it was given as a file. Decides the slug and the shard.
  std::string relative;
  std::string slug;            ///< Its book folder's name under -o.
  /// Where its book.json says the text comes from (BookOptions::source_path): the
  /// path inside the folder given, or the absolute path of a file given directly.
  std::string source = {};
};

/// What a batch is made of, and what the search of its folders passed over.
struct CollectedInputs {
  std::vector<BatchInput> inputs;
  /// "texts/x.txt: a symbolic link to a file outside texts; skipped (--follow-links
  /// builds it)", one per link.
  std::vector<std::string> warnings;
};

/// "x.kk.txt" -> "x"; "2024/03/x.kk.txt" -> "2024-03-x" (each part made ASCII).
std::string SlugOfRelativePath(const std::string& relative);

/// The inputs named by `args`: a file as itself, a folder as every input file under it
/// (*.txt, *.md, *.html, *.htm, *.docx, *.odt, *.epub, *.pdf; not a README.* that
/// describes the folder)
/// (hidden files and folders skipped; a link to a file outside the folder skipped with
/// a warning unless `follow_links`, so a link planted in a shared folder cannot publish
/// /etc/passwd), in byte order of their relative paths. An argument that is neither, a
/// folder without an input file, or two inputs that would write the same book folder is an
/// error (all of them, one per line). The folders in `skipped` (the output folder and
/// the cache, when they lie inside a folder given) are not searched: a book's
/// index.html or desc.txt is not a text.
Expected<CollectedInputs> CollectInputs(const std::vector<std::string>& args, bool follow_links = false,
                                        const std::vector<std::filesystem::path>& skipped = {});

/// The K-th (from 0) of N parts of a batch.
struct Shard {
  int index = 0;
  int count = 1;
};
/// Reads "K/N" (0 <= K < N <= 100000); an error message names the option.
Expected<Shard> ParseShard(const std::string& text);
/// Whether `input` is in `shard`: a stable hash (XXH64) of its relative path, modulo N,
/// the same on every machine and for every version of the archive's other files.
bool InShard(const BatchInput& input, const Shard& shard);

/// The batch's progress line (books done of all, hours of audio, ETA) and its counts.
class BatchStatus {
 public:
  /// `bytes` of every input, so the ETA weighs books by their length.
  explicit BatchStatus(std::vector<uint64_t> bytes);

  /// Book `i` is done: built (`built`), up to date, or failed; `seconds` of audio.
  void BookDone(size_t i, bool built, bool failed, double seconds);
  /// The line for a terminal while book `i` is `fraction` made with `seconds` of its
  /// audio done: "3/120 books, 1.25 h of audio, ETA 4 min".
  std::string Line(size_t i, double fraction, double seconds) const;
  /// "dauys: 120 books: 3 built, 116 unchanged, 1 failed".
  std::string Summary() const;

  int built() const { return built_; }
  int unchanged() const { return unchanged_; }
  int failed() const { return failed_; }

 private:
  std::vector<uint64_t> bytes_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  double busy_seconds_ = 0;    // spent on books that were built
  uint64_t busy_bytes_ = 0;    // their input bytes
  uint64_t bytes_left_ = 0;    // of books not yet done
  std::chrono::steady_clock::time_point book_started_ = started_;
  double audio_seconds_ = 0;
  int built_ = 0, unchanged_ = 0, failed_ = 0;
};

}  // namespace dauys
