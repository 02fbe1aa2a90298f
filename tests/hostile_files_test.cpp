// Files a build reads and writes under attack or accident: links planted at every name
// a build uses, a disk that fills while tagging, cache entries swapped by hand, and
// `cache gc` run while a build is using the cache.
#include <catch2/catch.hpp>

#include <sys/statvfs.h>
#include <unistd.h>

#include <fstream>
#include <set>

#include "test_util.h"
#include "util/atomic_file.h"

using namespace dauys::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const char* kTalk =
    "Өзен жағасындағы ауыл\n"
    "Бүгін біз балықшы Ерлан Сейітовпен сөйлестік.\n"
    "Балық аулау\n"
    "– Балық аулауды қашан бастадыңыз?\n"
    "– Он жасымда әкеммен бірге бастадым. Ол кезде өзен терең еді.\n"
    "– Қазір қалай?\n"
    "– Қазір су азайды, бірақ балық әлі бар.\n"
    "Ауылдың болашағы\n"
    "– Жастар ауылда қала ма?\n"
    "– Кейбірі қалады, кейбірі қалаға кетеді.\n"
    "– Рақмет!\n";

std::string Build(const fs::path& input, const fs::path& out, const fs::path& cache, const std::string& extra = "") {
  return "build " + Quote(input.string()) + " -o " + Quote(out.string()) + " --cache-dir " + Quote(cache.string()) +
         " --quiet " + extra;
}

std::vector<std::string> SegmentKeys(const fs::path& manifest) {
  std::vector<std::string> keys;
  json doc = json::parse(ReadFile(manifest));
  for (const auto& chapter : doc["chapters"]) {
    for (const auto& key : chapter["segments"]) keys.push_back(key.get<std::string>());
  }
  return keys;
}

std::set<std::string> FileNames(const fs::path& dir) {
  std::set<std::string> names;
  for (auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

}  // namespace

TEST_CASE("links planted at every name a build uses are never followed", "[hostile]") {
  TempDir dir;
  WriteFile(dir / "talk.txt", kTalk);
  const fs::path victim = dir / "victim.txt";
  WriteFile(victim, "precious\n");
  // A first build tells which names a build of this text uses.
  CommandResult ref = RunDauys(Build(dir / "talk.txt", dir / "ref", dir / "ref-cache", "--single-file"));
  INFO(ref.err);
  REQUIRE(ref.exit_code == 0);
  const fs::path ref_book = dir / "ref" / "talk";
  std::set<std::string> outputs = FileNames(ref_book);
  outputs.erase(".dauys.lock");
  std::vector<std::string> keys = SegmentKeys(ref_book / "book.json");
  REQUIRE(outputs.size() >= 8);

  const fs::path book = dir / "out" / "talk", cache = dir / "cache" / "segments";
  fs::create_directories(book);
  SECTION("output files, cache entries and every temporary's name") {
    // Temporaries are named .<name>.tmp.<host>.<pid>.<n>: a script plants them for its own pid
    // and then becomes dauys, which keeps that pid.
    const size_t counters = outputs.size() + keys.size() + 16;
    std::string plant = "import os, sys\npid = os.getpid()\nvictim = " + json(victim.string()).dump() + "\n";
    plant += "host = " + json(dauys::TemporaryHost()).dump() + "\n";
    plant += "def plant(folder, name):\n"
             "    os.makedirs(folder, exist_ok=True)\n"
             "    os.symlink(victim, os.path.join(folder, name))\n"
             "    for n in range(" + std::to_string(counters) + "):\n"
             "        os.symlink(victim, os.path.join(folder, '.%s.tmp.%s.%d.%d' % (name, host, pid, n)))\n";
    for (const std::string& name : outputs) plant += "plant(" + json(book.string()).dump() + ", " + json(name).dump() + ")\n";
    for (const std::string& key : keys) {
      plant += "plant(" + json((cache / key.substr(0, 2)).string()).dump() + ", " + json(key + ".seg").dump() + ")\n";
    }
    plant += "os.execv(sys.argv[1], sys.argv[1:])\n";
    WriteFile(dir / "plant.py", plant);
    CommandResult r = Run("python3 " + Quote((dir / "plant.py").string()) + " " + Quote(DAUYS_BINARY) + " " +
                          Build(dir / "talk.txt", dir / "out", dir / "cache", "--single-file"));
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(ReadFile(victim) == "precious\n");
    for (const std::string& name : outputs) {
      INFO(name);
      CHECK(fs::is_regular_file(fs::symlink_status(book / name)));
      if (name != "book.json") CHECK(ReadFile(book / name) == ReadFile(ref_book / name));
    }
  }
  SECTION("the book folder's lock") {
    fs::create_symlink(victim, dir / "out" / ".talk.lock");
    CommandResult r = RunDauys(Build(dir / "talk.txt", dir / "out", dir / "cache"));
    CHECK(r.exit_code == 1);
    CHECK(r.err == "dauys: error: " + (dir / "out" / ".talk.lock").string() +
                       ": cannot open the lock file: it is a symbolic link; remove it\n");
    CHECK(ReadFile(victim) == "precious\n");
  }
  SECTION("the cache's lock") {
    fs::create_directories(cache);
    fs::create_symlink(dir / "nothing-here", cache / ".dauys.lock");
    CommandResult r = RunDauys(Build(dir / "talk.txt", dir / "out", dir / "cache"));
    CHECK(r.exit_code == 1);
    CHECK(r.err == "dauys: error: " + (cache / ".dauys.lock").string() +
                       ": cannot open the lock file: it is a symbolic link; remove it\n");
    CHECK_FALSE(fs::exists(dir / "nothing-here"));
  }
}

TEST_CASE("a full disk while tagging keeps the good old MP3 and names the file", "[hostile][root]") {
  TempDir dir;
  const fs::path disk = dir / "disk";
  fs::create_directories(disk);
  CommandResult mount = Run("mount -t tmpfs -o size=8M dauys-test " + Quote(disk.string()));
  if (mount.exit_code != 0) {
    WARN("SKIPPED: cannot mount a small tmpfs here, so a full disk cannot be tested: " + mount.err);
    return;
  }
  struct Unmount {
    fs::path at;
    ~Unmount() { Run("umount -l " + Quote(at.string())); }
  } unmount{disk};
  WriteFile(dir / "talk.txt", kTalk);
  CommandResult first = RunDauys(Build(dir / "talk.txt", disk, dir / "cache"));
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  json manifest = json::parse(ReadFile(disk / "talk" / "book.json"));
  const fs::path mp3 = disk / "talk" / manifest["chapters"][0]["file"].get<std::string>();
  const std::string good = ReadFile(mp3);

  // Leave room for the chapter's audio but not for its tag with a 1 MB cover: the
  // rebuild (new tags, warm cache) fills the disk while tagging chapter 1.
  // A whole PNG with 1 MB after its end (readers stop at IEND).
  WriteFile(dir / "cover.png", ReadFile(fs::path(DAUYS_TEST_DATA) / "cover.png") + std::string(1u << 20, 'c'));
  struct statvfs fs_info {};
  REQUIRE(statvfs(disk.c_str(), &fs_info) == 0);
  const uint64_t free_bytes = static_cast<uint64_t>(fs_info.f_bavail) * fs_info.f_frsize;
  const uint64_t room = good.size() + (256u << 10);
  REQUIRE(free_bytes > room);
  {
    std::ofstream filler(disk / "filler", std::ios::binary);
    filler << std::string(free_bytes - room, '\0');
  }
  CommandResult full = RunDauys(Build(dir / "talk.txt", disk, dir / "cache",
                                      "--cover " + Quote((dir / "cover.png").string())));
  CHECK(full.exit_code == 1);
  CHECK(full.err.rfind("dauys: error: " + mp3.string() + ": ", 0) == 0);
  CHECK(ReadFile(mp3) == good);
  for (auto& e : fs::directory_iterator(disk / "talk")) {
    CHECK(e.path().filename().string().find(".tmp.") == std::string::npos);
  }
}

TEST_CASE("cache entries swapped by hand are discarded and made again", "[hostile]") {
  TempDir dir;
  WriteFile(dir / "talk.txt", kTalk);
  CommandResult first = RunDauys(Build(dir / "talk.txt", dir / "out", dir / "cache"));
  REQUIRE(first.exit_code == 0);
  const fs::path book = dir / "out" / "talk";
  json manifest = json::parse(ReadFile(book / "book.json"));
  const fs::path mp3 = book / manifest["chapters"][1]["file"].get<std::string>();
  const std::string good = ReadFile(mp3);
  std::vector<std::string> keys = SegmentKeys(book / "book.json");
  const std::string a = manifest["chapters"][1]["segments"][1], b = manifest["chapters"][1]["segments"][2];
  REQUIRE(a != b);
  const fs::path pa = dir / "cache" / "segments" / a.substr(0, 2) / (a + ".seg");
  const fs::path pb = dir / "cache" / "segments" / b.substr(0, 2) / (b + ".seg");
  fs::rename(pa, dir / "swap");
  fs::rename(pb, pa);
  fs::rename(dir / "swap", pb);
  fs::remove(mp3);  // the chapter must be joined again from the cache
  CommandResult again = RunDauys(Build(dir / "talk.txt", dir / "out", dir / "cache", "--explain"));
  INFO(again.err);
  REQUIRE(again.exit_code == 0);
  CHECK(again.err.find("cache entry discarded: it holds another key's segment") != std::string::npos);
  CHECK(ReadFile(mp3) == good);
}

TEST_CASE("cache gc while a build uses the cache leaves the build whole", "[hostile]") {
  TempDir dir;
  WriteFile(dir / "talk.txt", kTalk);
  const std::string dauys = Quote(DAUYS_BINARY);
  const std::string cache = Quote((dir / "cache").string());
  // gc runs as soon as the build has stored its first segment.
  CommandResult r = Run(dauys + " " + Build(dir / "talk.txt", dir / "out", dir / "cache", "--jobs 1") +
                        " 2>" + Quote((dir / "build.err").string()) + " & build=$!\n" +
                        "while [ -z \"$(find " + cache + " -name '*.seg' 2>/dev/null)\" ]; do sleep 0.02; done\n" +
                        dauys + " cache gc -o " + Quote((dir / "out").string()) + " --cache-dir " + cache +
                        "; echo gc=$?; wait $build; echo build=$?");
  INFO(r.err + ReadFile(dir / "build.err"));
  CHECK(r.out.find("build=0") != std::string::npos);
  CHECK(r.out.find("gc=1") != std::string::npos);
  CHECK(r.err == "dauys: error: " + (dir / "cache" / "segments").string() +
                     ": a dauys build is using this cache; try again when it is done\n");
  // Afterwards gc keeps everything the book uses.
  CommandResult gc = RunDauys("cache gc -o " + Quote((dir / "out").string()) + " --cache-dir " + cache);
  CHECK(gc.exit_code == 0);
  CommandResult again = RunDauys(Build(dir / "talk.txt", dir / "out", dir / "cache", "--explain"));
  CHECK(again.err.find("synthesize") == std::string::npos);
}
