// A batch: `dauys build` over files and folders, one book folder per input, one cache;
// failures reported and passed over; shards that split a batch without overlap; and one
// segment cache shared by many builds at once, as the processes of a cluster job share
// one on NFS: entries appear by rename, two writers of one key are harmless, and a build
// killed halfway leaves nothing a rerun trips over.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "app/batch.h"
#include "book/segment_runner.h"
#include "speech/speech_engine.h"
#include "test_util.h"

using namespace dauys::test;
namespace fs = std::filesystem;

namespace {

/// A tiny interview: a headline, a question and an answer, `n` making it its own. The
/// question is the same in all, so builds of different articles race to make it.
std::string Article(int n) {
  return "Ауыл мектебі " + std::to_string(n) + "\n"
         "– Мектепте неше бала оқиды?\n"
         "– Биыл " + std::to_string(n * 10) + " бала оқиды.\n";
}

/// Every file of every book under `out` (not the cache, locks or journals) and its bytes.
std::map<std::string, std::string> Books(const fs::path& out) {
  std::map<std::string, std::string> files;
  for (auto& book : fs::directory_iterator(out)) {
    if (!book.is_directory() || book.path().filename().string()[0] == '.') continue;
    for (auto& f : fs::directory_iterator(book.path())) {
      files[book.path().filename().string() + "/" + f.path().filename().string()] = ReadFile(f.path());
    }
  }
  return files;
}

std::set<std::string> BookFolders(const fs::path& out) {
  std::set<std::string> names;
  for (auto& e : fs::directory_iterator(out)) {
    if (e.is_directory() && e.path().filename().string()[0] != '.') names.insert(e.path().filename().string());
  }
  return names;
}

/// Starts dauys with `args`, its output to `log`.
pid_t Spawn(const std::vector<std::string>& args, const fs::path& log) {
  pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv{const_cast<char*>(DAUYS_BINARY)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    if (!freopen(log.c_str(), "w", stderr) || !freopen("/dev/null", "w", stdout)) _exit(126);
    execv(DAUYS_BINARY, argv.data());
    _exit(127);
  }
  return pid;
}

int ExitCode(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::map<std::string, std::string> BookFiles(const fs::path& book) {
  std::map<std::string, std::string> files;
  for (auto& f : fs::directory_iterator(book)) files[f.path().filename().string()] = ReadFile(f.path());
  return files;
}

/// BookFiles with book.json's "source" left out: it says how the text was named (its
/// path inside the folder given, or the full path of a file given directly).
std::map<std::string, std::string> BookFilesButSource(const fs::path& book) {
  std::map<std::string, std::string> files = BookFiles(book);
  nlohmann::json manifest = nlohmann::json::parse(files.at("book.json"));
  manifest.erase("source");
  files["book.json"] = manifest.dump();
  return files;
}

}  // namespace

TEST_CASE("slugs come from the path inside the folder given", "[batch]") {
  CHECK(dauys::SlugOfRelativePath("interview-un-middle-powers.kk.txt") == "interview-un-middle-powers");
  CHECK(dauys::SlugOfRelativePath("2024/03/x.kk.txt") == "2024-03-x");
  CHECK(dauys::SlugOfRelativePath("Сұхбат/мектеп.txt") == "sukhbat-mektep");
}

TEST_CASE("the output folder and the cache inside a folder given are not searched for texts", "[batch]") {
  TempDir dir;
  WriteFile(dir / "talk.txt", "text\n");
  fs::create_directories(dir / "books" / "talk");
  WriteFile(dir / "books" / "talk" / "index.html", "<p>a book's page</p>\n");
  fs::create_directories(dir / "cache");
  WriteFile(dir / "cache" / "note.txt", "not a text\n");
  dauys::Expected<dauys::CollectedInputs> all = dauys::CollectInputs({dir.path().string()});
  REQUIRE(all);
  CHECK(all->inputs.size() == 3);
  dauys::Expected<dauys::CollectedInputs> texts =
      dauys::CollectInputs({dir.path().string()}, false, {dir / "books/", dir.path() / "x" / ".." / "cache"});
  REQUIRE(texts);
  REQUIRE(texts->inputs.size() == 1);
  CHECK(texts->inputs[0].relative == "talk.txt");
}

TEST_CASE("shards are read as K/N counted from 0 and split inputs by a stable hash", "[batch]") {
  REQUIRE(dauys::ParseShard("0/1"));
  CHECK(dauys::ParseShard("2/3")->index == 2);
  for (const char* bad : {"3/3", "-1/3", "1/0", "1", "a/b", "1/3x", "", "1/100001"}) {
    INFO(bad);
    CHECK_FALSE(dauys::ParseShard(bad));
  }
  // The same relative path lands in the same shard whatever else the archive holds, and
  // every input is in exactly one shard.
  std::map<std::string, int> owner;
  for (int i = 0; i < 50; ++i) {
    dauys::BatchInput input{"", "2024/" + std::to_string(i) + ".txt", ""};
    int shards = 0;
    for (int k = 0; k < 4; ++k) shards += dauys::InShard(input, {k, 4}) ? 1 : 0;
    CHECK(shards == 1);
  }
  // Fixed values (XXH64, seed 0): a change of hash would move the books of a cluster
  // job between its shards halfway through.
  CHECK(dauys::InShard({"", "x.txt", ""}, {1, 4}));
  CHECK(dauys::InShard({"", "a/x.txt", ""}, {3, 4}));
  CHECK(dauys::InShard({"", "2024/01/a.txt", ""}, {0, 4}));
}

TEST_CASE("a folder builds one book per text into one cache, and a second run skips them", "[batch]") {
  TempDir dir;
  WriteFile(dir / "in/a/x.txt", Article(1));
  WriteFile(dir / "in/b/x.txt", Article(2));
  WriteFile(dir / "in/c.kk.txt", Article(3));
  WriteFile(dir / "in/notes.json", "not an article\n");
  WriteFile(dir / "in/.drafts/d.txt", Article(4));
  const std::string build = "build " + Quote((dir / "in").string()) + " -o " + Quote((dir / "out").string());
  CommandResult first = RunDauys(build);
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(BookFolders(dir / "out") == std::set<std::string>{"a-x", "b-x", "c"});
  CHECK(first.err.find("dauys: 3 books: 3 built, 0 unchanged, 0 failed\n") != std::string::npos);
  CHECK(first.err.find("dauys: " + (dir / "in/a/x.txt").string() + ":\n") != std::string::npos);
  CHECK(fs::is_directory(dir / "out/.cache/segments"));
  CHECK(Run("grep -q 'Мектепте' " + Quote((dir / "out/b-x/book.json").string())).exit_code == 0);

  struct stat before {};
  REQUIRE(::stat((dir / "out/a-x/book.json").c_str(), &before) == 0);
  const auto books = Books(dir / "out");
  CommandResult again = RunDauys(build);
  INFO(again.err);
  REQUIRE(again.exit_code == 0);
  CHECK(again.err == "dauys: 3 books: 0 built, 3 unchanged, 0 failed\n");
  CHECK(Books(dir / "out") == books);
  struct stat after {};
  REQUIRE(::stat((dir / "out/a-x/book.json").c_str(), &after) == 0);
  CHECK(after.st_mtim.tv_nsec == before.st_mtim.tv_nsec);
  CHECK(after.st_mtim.tv_sec == before.st_mtim.tv_sec);

  // One file edited: that book alone is built again.
  WriteFile(dir / "in/c.kk.txt", Article(5));
  CommandResult edit = RunDauys(build + " -q");
  INFO(edit.err);
  CHECK(edit.exit_code == 0);
  CHECK(edit.err.empty());
  CHECK(RunDauys(build).err == "dauys: 3 books: 0 built, 3 unchanged, 0 failed\n");
}

TEST_CASE("a book that fails is reported with its file and line, and the others are built", "[batch]") {
  TempDir dir;
  WriteFile(dir / "in/1.txt", Article(1));
  WriteFile(dir / "in/2.txt", "Ауыл мектебі\n– Сұрақ \xff?\n");
  WriteFile(dir / "in/3.txt", Article(3));
  CommandResult r = RunDauys("build " + Quote((dir / "in").string()) + " " + Quote((dir / "missing.txt").string()) +
                             " -o " + Quote((dir / "out").string()));
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("dauys: error: " + (dir / "in/2.txt").string() + ": line 2, byte ") != std::string::npos);
  CHECK(r.err.find("dauys: error: " + (dir / "missing.txt").string() + ": no such file\n") != std::string::npos);
  CHECK(r.err.find("dauys: 4 books: 2 built, 0 unchanged, 2 failed\n") != std::string::npos);
  CHECK(BookFolders(dir / "out") == std::set<std::string>{"1", "3"});
}

TEST_CASE("two inputs that would share a book folder stop the batch before any work", "[batch]") {
  TempDir dir;
  WriteFile(dir / "a/x.txt", Article(1));
  WriteFile(dir / "b/x.txt", Article(2));
  WriteFile(dir / "b/x.kk.txt", Article(3));
  const std::string a = (dir / "a/x.txt").string(), b = (dir / "b/x.txt").string();
  CommandResult r = RunDauys("build " + Quote(a) + " " + Quote(b) + " -o " + Quote((dir / "out").string()));
  CHECK(r.exit_code == 1);
  CHECK(r.err == "dauys: error: " + a + " and " + b +
                     " would both be built into the book folder x/; rename one, or build them into different "
                     "output folders (-o)\n");
  CHECK_FALSE(fs::exists(dir / "out"));
  // Inside one folder: x.txt and x.kk.txt.
  r = RunDauys("build " + Quote((dir / "b").string()) + " -o " + Quote((dir / "out").string()));
  CHECK(r.exit_code == 1);
  CHECK(r.err.find(" would both be built into the book folder x/") != std::string::npos);
  // Options that name one book cannot apply to several; a folder of one text is one book.
  WriteFile(dir / "c/y.txt", Article(4));
  r = RunDauys("build " + Quote((dir / "a").string()) + " " + Quote((dir / "c").string()) + " --title T -o " +
               Quote((dir / "out").string()));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("dauys: --title names one book") == 0);
  CHECK_FALSE(fs::exists(dir / "out"));
  r = RunDauys("build " + Quote((dir / "a").string()) + " -q --title T -o " + Quote((dir / "out").string()));
  CHECK(r.exit_code == 0);
}

TEST_CASE("shards split a batch without overlap and together make the single-process build", "[batch][shard]") {
  TempDir dir;
  for (int i = 1; i <= 5; ++i) WriteFile(dir / ("in/" + std::to_string(i) + ".txt"), Article(i));
  const std::string in = Quote((dir / "in").string());
  REQUIRE(RunDauys("build " + in + " -q -o " + Quote((dir / "ref").string())).exit_code == 0);
  std::set<std::string> seen;
  for (int k = 0; k < 3; ++k) {
    const fs::path out = dir / ("shard" + std::to_string(k));
    CommandResult r = RunDauys("build " + in + " --shard " + std::to_string(k) + "/3 -o " + Quote(out.string()) +
                               " --cache-dir " + Quote((dir / "cache").string()));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    if (!fs::exists(out)) continue;  // an empty shard
    for (const std::string& book : BookFolders(out)) CHECK(seen.insert(book).second);
    for (const auto& [name, bytes] : Books(out)) CHECK(bytes == ReadFile(dir / "ref" / name));
  }
  CHECK(seen == BookFolders(dir / "ref"));
  CommandResult bad = RunDauys("build " + in + " --shard 3/3");
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--shard: must be K/N with 0 <= K < N <= 100000") != std::string::npos);
}


TEST_CASE("four builds sharing one cache at once make what one process makes", "[batch][shared-cache]") {
  TempDir dir;
  constexpr int kArticles = 6;
  for (int i = 0; i < kArticles; ++i) WriteFile(dir / ("in/" + std::to_string(i) + ".txt"), Article(i));
  REQUIRE(RunDauys("build " + Quote((dir / "in").string()) + " -q --jobs 1 -o " + Quote((dir / "ref").string()))
              .exit_code == 0);

  // Process p builds articles p, p+1 and p+2: each article is built by up to three
  // processes into their own folders, every shared sentence by all four.
  const std::string cache = (dir / "cache").string();
  std::vector<pid_t> pids;
  for (int p = 0; p < 4; ++p) {
    std::vector<std::string> args{"build", "-q", "--jobs", "1", "--cache-dir", cache, "-o",
                                  (dir / ("out" + std::to_string(p))).string()};
    for (int i = p; i < p + 3; ++i) args.push_back((dir / ("in/" + std::to_string(i % kArticles) + ".txt")).string());
    pids.push_back(Spawn(args, dir / ("log" + std::to_string(p))));
  }
  for (int p = 0; p < 4; ++p) {
    INFO("process " << p << ": " << ReadFile(dir / ("log" + std::to_string(p))));
    CHECK(ExitCode(pids[static_cast<size_t>(p)]) == 0);
  }
  for (int p = 0; p < 4; ++p) {
    for (int i = p; i < p + 3; ++i) {
      const std::string book = std::to_string(i % kArticles);
      INFO("process " << p << ", book " << book);
      // The reference is built from the folder, these from files named one by one.
      CHECK(BookFilesButSource(dir / ("out" + std::to_string(p)) / book) == BookFilesButSource(dir / "ref" / book));
    }
  }
  CHECK(CacheEntries(cache) == CacheEntries(dir / "ref/.cache"));
}

TEST_CASE("a build killed halfway beside a running one is completed by a rerun", "[batch][shared-cache]") {
  TempDir dir;
  constexpr int kArticles = 4;
  for (int i = 0; i < kArticles; ++i) WriteFile(dir / ("in/" + std::to_string(i) + ".txt"), Article(i + 10));
  const std::string in = (dir / "in").string(), cache = (dir / "cache").string();
  REQUIRE(RunDauys("build " + Quote(in) + " -q --jobs 1 -o " + Quote((dir / "ref").string())).exit_code == 0);

  const std::vector<std::string> victim{"build", in, "-q", "--jobs", "1", "--cache-dir", cache, "-o",
                                        (dir / "out").string()};
  const std::vector<std::string> other{"build", in, "-q", "--jobs", "1", "--cache-dir", cache, "-o",
                                       (dir / "other").string()};
  pid_t killed = Spawn(victim, dir / "log-killed");
  pid_t running = Spawn(other, dir / "log-other");
  // Killed once its first segments are in the cache, well before its last book.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (CacheEntries(cache) < 3 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ::kill(killed, SIGKILL);
  REQUIRE(ExitCode(killed) == 128 + SIGKILL);  // it was still running
  INFO(ReadFile(dir / "log-other"));
  CHECK(ExitCode(running) == 0);
  CHECK_FALSE(fs::exists(dir / "out/3/book.json"));  // the batch was cut short

  CommandResult rerun = RunDauys("build " + Quote(in) + " --jobs 1 --cache-dir " + Quote(cache) + " -o " +
                                 Quote((dir / "out").string()));
  INFO(rerun.err);
  REQUIRE(rerun.exit_code == 0);
  CHECK(rerun.err.find(", 0 failed\n") != std::string::npos);
  for (int i = 0; i < kArticles; ++i) {
    const std::string book = std::to_string(i);
    INFO("book " << book);
    CHECK(BookFiles(dir / "out" / book) == BookFiles(dir / "ref" / book));
    CHECK(BookFiles(dir / "other" / book) == BookFiles(dir / "ref" / book));
  }
  // The killed build's temporaries, if it died writing an entry, are gone: its pid is dead.
  for (auto& e : fs::recursive_directory_iterator(cache)) {
    INFO(e.path().filename().string() << " killed " << killed << " other " << running);
    CHECK(e.path().filename().string().find(".tmp.") == std::string::npos);
  }
}

TEST_CASE("a batch making segments ahead holds the cache, so gc cannot remove them between books",
          "[batch][shared-cache]") {
  TempDir dir;
  dauys::SegmentCache cache(dir.path() / "cache");
  auto engine = dauys::SpeechEngine::Open();
  REQUIRE(engine.ok());
  {
    dauys::SegmentPrefetcher ahead(cache, **engine, 1);
    auto gc = cache.Lock(dauys::FileLock::Mode::kExclusive);
    REQUIRE_FALSE(gc.ok());
    CHECK(gc.error().message == cache.dir().string() + ": a dauys build is using this cache; try again when it is done");
  }
  CHECK(cache.Lock(dauys::FileLock::Mode::kExclusive).ok());  // let go with the batch
}
