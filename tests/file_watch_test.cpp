// FileWatch: the saves editors make are seen (in place, by a temporary renamed over the
// file, by removing and writing again), a burst is one change, and what dauys writes
// itself (hidden temporaries, the books inside a folder watched) is not.
#include "util/file_watch.h"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "test_util.h"

using namespace dauys;
namespace fs = std::filesystem;
using std::chrono::milliseconds;

namespace {

std::vector<std::string> Shown(const WatchChanges& changes) {
  std::vector<std::string> out;
  for (const ChangedFile& c : changes.files) out.push_back(fs::path(c.shown).filename().string());
  return out;
}

bool Text(const std::string& name) { return fs::path(name).extension() == ".txt"; }

std::unique_ptr<FileWatch> OpenWatch() {
  Expected<std::unique_ptr<FileWatch>> watch = FileWatch::Open();
  REQUIRE(watch);
  return std::move(*watch);
}

}  // namespace

TEST_CASE("a burst of saves, in place and by rename, is one change of the file", "[watch]") {
  test::TempDir dir;
  test::WriteFile(dir / "talk.txt", "one\n");
  auto watch = OpenWatch();
  REQUIRE(watch->AddFile(dir / "talk.txt").ok());
  test::WriteFile(dir / "talk.txt", "two\n");  // in place
  std::this_thread::sleep_for(milliseconds(50));
  test::WriteFile(dir / "4913", "three\n");  // vim: a temporary renamed over the file
  fs::rename(dir / "4913", dir / "talk.txt");
  test::WriteFile(dir / "other.txt", "not watched\n");
  const auto start = std::chrono::steady_clock::now();
  Expected<WatchChanges> changes = watch->Wait(milliseconds(200), -1);
  REQUIRE(changes);
  CHECK(std::chrono::steady_clock::now() - start >= milliseconds(200));
  CHECK(Shown(*changes) == std::vector<std::string>{"talk.txt"});
  CHECK(changes->files[0].path == fs::absolute(dir / "talk.txt"));
  CHECK_FALSE(changes->stopped);
}

TEST_CASE("a file removed and written again is seen each time", "[watch]") {
  test::TempDir dir;
  test::WriteFile(dir / "talk.txt", "one\n");
  auto watch = OpenWatch();
  REQUIRE(watch->AddFile(dir / "talk.txt").ok());
  fs::remove(dir / "talk.txt");
  Expected<WatchChanges> gone = watch->Wait(milliseconds(50), -1);
  REQUIRE(gone);
  CHECK(Shown(*gone) == std::vector<std::string>{"talk.txt"});
  test::WriteFile(dir / "talk.txt", "back\n");
  Expected<WatchChanges> back = watch->Wait(milliseconds(50), -1);
  REQUIRE(back);
  CHECK(Shown(*back) == std::vector<std::string>{"talk.txt"});
}

TEST_CASE("a tree sees new folders and texts, not hidden names nor the folders skipped", "[watch]") {
  test::TempDir dir;
  fs::create_directories(dir / "out" / "book");
  auto watch = OpenWatch();
  REQUIRE(watch->AddTree(dir.path(), Text, {dir / "out"}).ok());
  test::WriteFile(dir / "out" / "book" / "desc.txt", "a book's own file\n");
  test::WriteFile(dir / ".talk.txt.tmp.host.1.0", "a temporary\n");
  test::WriteFile(dir / "notes.bak", "not a text\n");
  fs::create_directories(dir / "2025");
  Expected<WatchChanges> first = watch->Wait(milliseconds(100), -1);
  REQUIRE(first);
  CHECK(Shown(*first) == std::vector<std::string>{"2025"});
  test::WriteFile(dir / "2025" / "talk.txt", "new\n");
  test::WriteFile(dir / "out" / "index.txt", "skipped\n");
  Expected<WatchChanges> second = watch->Wait(milliseconds(100), -1);
  REQUIRE(second);
  REQUIRE(second->files.size() == 1);
  CHECK(second->files[0].shown == (dir / "2025" / "talk.txt").string());
}

TEST_CASE("a readable stop descriptor ends the wait at once", "[watch]") {
  test::TempDir dir;
  auto watch = OpenWatch();
  REQUIRE(watch->AddFile(dir / "talk.txt").ok());
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  REQUIRE(::write(pipe_fds[1], "x", 1) == 1);
  Expected<WatchChanges> changes = watch->Wait(milliseconds(100), pipe_fds[0]);
  ::close(pipe_fds[0]);
  ::close(pipe_fds[1]);
  REQUIRE(changes);
  CHECK(changes->stopped);
  CHECK(changes->files.empty());
}

TEST_CASE("a watched folder removed is an error naming it, and a missing one cannot be watched", "[watch]") {
  test::TempDir dir;
  fs::create_directories(dir / "texts");
  auto watch = OpenWatch();
  REQUIRE(watch->AddTree(dir / "texts", Text).ok());
  fs::remove_all(dir / "texts");
  Expected<WatchChanges> changes = watch->Wait(milliseconds(50), -1);
  REQUIRE_FALSE(changes);
  CHECK(changes.error().message == (dir / "texts").string() + ": the folder watched was removed or moved");
  Status missing = watch->AddFile(dir / "nowhere" / "talk.txt");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message == (dir / "nowhere").string() + ": cannot watch the folder: No such file or directory");
}
