#pragma once
// `dauys feed` turns an output folder of built books into a podcast without rebuilding
// anything: it reads each book folder's book.json, checks that the single-file MP3 it
// names is there, and writes beside it the episode's chapters JSON and whole-book
// WebVTT, then OUTPUT_DIR/feed.xml. Everything is read and checked before the first
// write, every file is written atomically and only when its bytes change, and each
// book folder is locked against a build while its files are written.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "output/feed.h"
#include "util/error.h"

namespace dauys {

/// What `dauys feed` was asked for; strings are the options as given.
struct FeedOptions {
  std::filesystem::path output_dir;
  std::string base_url;       ///< --base-url: where output_dir is published (checked).
  std::string title;          ///< Empty: the output folder's name.
  std::string author;         ///< Empty: the books' author if they share one, else the title.
  std::string description;    ///< Empty: the title.
  std::string language = "kk";
  std::string image;          ///< A URL, or an image file inside output_dir; empty: none.
  std::string category = "News";
  std::string email;          ///< --email: the owner's address; empty: none.
  /// --date: for books whose sidecar gave none (before the day of their first build).
  std::optional<CalendarDate> date;
};

/// A built book as the feed needs it, read from `<folder>/book.json`.
struct BookFolder {
  std::filesystem::path dir;
  std::string name;  ///< The folder's name (the book's slug): the episode's GUID.
  std::string title, author;
  std::optional<CalendarDate> date;         ///< The sidecar's, when it gave one.
  std::optional<CalendarDate> first_built;  ///< The day of the book's first build (none before dauys kept it).
  int sample_rate = 0;
  std::string single_file;  ///< Empty: built without --single-file.
  int64_t single_file_samples = 0;
  uint64_t single_file_bytes = 0;
  struct Chapter {
    std::string title;
    std::string vtt;  ///< File name in dir.
    int64_t start_sample = 0, samples = 0;
  };
  std::vector<Chapter> chapters;
  std::string page;  ///< The read-along page (built with --web); empty: none.
  /// The named interviewer ("host") and interviewees ("guest"), as the chapters' turns
  /// name them, in the order they first speak.
  std::vector<FeedPerson> people;
};

/// How the feed holds a book folder while it reads and publishes it, and checks its
/// single file. A build's publisher (src/book/publisher) keeps the folder's lock, its
/// journal and the hash book.json records; the layer above gives them here
/// (FeedAccess() in src/book/publisher.h), so this layer reads no header of the build's.
struct BookFolderAccess {
  /// Locks a book folder against a build until the handle is dropped, or says why not.
  std::function<Expected<std::shared_ptr<void>>(const std::filesystem::path& dir)> lock;
  /// A build of the folder was stopped before it finished: its files may mix.
  std::function<bool(const std::filesystem::path& dir)> interrupted;
  /// A file's hash as book.json records it (single_file_hash).
  std::function<Expected<std::string>(const std::filesystem::path& file)> hash;
};

/// Reads one book folder; an Error names book.json and the field at fault.
Expected<BookFolder> ReadBookFolder(const std::filesystem::path& dir, const BookFolderAccess& access);

struct FeedResult {
  size_t episodes = 0;
  std::vector<std::string> written;  ///< Paths of files whose bytes changed.
  std::string newest;                ///< The newest episode's date.
};

/// Writes the feed for every book folder under options.output_dir.
Expected<FeedResult> WriteFeed(const FeedOptions& options, const BookFolderAccess& access);

}  // namespace dauys
