// libFuzzer target over the feed's reading of a book folder: any bytes as book.json,
// beside a real single file and chapter WebVTT (tests/fuzz/seeds/feed/, from a build),
// give a BookFolder the feed can publish (numbers in range, chapters in order and
// inside the single file, the file's own length) or an error naming the folder, its
// book.json or a file in it. Run with scripts/fuzz.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "book/publisher.h"
#include "output/feed_books.h"

namespace fs = std::filesystem;

namespace {

/// A book folder of its own for this process, holding the seed book's audio and text.
const fs::path& BookDir() {
  static const fs::path dir = [] {
    fs::path d =
        fs::temp_directory_path() / ("dauys-feed-fuzz-" + std::to_string(::getpid())) / "book";
    fs::create_directories(d);
    for (const auto& e :
         fs::directory_iterator(fs::path(DAUYS_SOURCE_DIR) / "tests/fuzz/seeds/feed")) {
      if (e.path().filename() != "book.json") fs::copy_file(e.path(), d / e.path().filename());
    }
    return d;
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const fs::path& dir = BookDir();
  {
    std::ofstream out(dir / "book.json", std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  dauys::Expected<dauys::BookFolder> book = dauys::ReadBookFolder(dir, dauys::FeedAccess());
  if (!book) {
    if (book.error().message.rfind(dir.string(), 0) != 0) __builtin_trap();
    return 0;
  }
  if (book->chapters.empty() || book->sample_rate < 8000 || book->sample_rate > 192000)
    __builtin_trap();
  int64_t end = 0;
  for (const dauys::BookFolder::Chapter& c : book->chapters) {
    if (c.start_sample < end || c.samples < 0) __builtin_trap();
    end = c.start_sample + c.samples;
    if (!book->single_file.empty() && end > book->single_file_samples) __builtin_trap();
  }
  if (!book->single_file.empty() &&
      book->single_file_bytes != fs::file_size(dir / book->single_file)) {
    __builtin_trap();
  }
  return 0;
}
