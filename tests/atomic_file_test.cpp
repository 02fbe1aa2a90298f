// AtomicFile under a planted link, and the bounded reader under inputs that never end.
#include "util/atomic_file.h"

#include <catch2/catch.hpp>
#include <unistd.h>

#include "test_util.h"
#include "util/unicode.h"

using namespace dauys;
namespace fs = std::filesystem;

TEST_CASE("a link planted at a temporary's name is passed over, never followed", "[atomic]") {
  test::TempDir dir;
  const fs::path victim = dir / "victim";
  test::WriteFile(victim, "precious");
  // Learn where this process's temporary counter stands, then plant the next names.
  AtomicFile probe(dir / "probe");
  REQUIRE(probe.Open().ok());
  const std::string name = probe.temp_path().filename().string();
  const unsigned next = static_cast<unsigned>(std::stoul(name.substr(name.rfind('.') + 1))) + 1;
  const std::string prefix = ".book.json.tmp." + TemporaryHost() + "." + std::to_string(getpid()) + ".";
  for (unsigned n = next; n < next + 50; ++n) fs::create_symlink(victim, dir / (prefix + std::to_string(n)));
  fs::create_symlink(victim, dir / "book.json");
  REQUIRE(WriteFileAtomically(dir / "book.json", "{}\n").ok());
  CHECK(test::ReadFile(victim) == "precious");
  CHECK(fs::is_regular_file(fs::symlink_status(dir / "book.json")));
  CHECK(test::ReadFile(dir / "book.json") == "{}\n");
}

TEST_CASE("an uncommitted temporary leaves nothing behind", "[atomic]") {
  test::TempDir dir;
  {
    AtomicFile file(dir / "a.txt");
    REQUIRE(file.Write("half").ok());
  }
  CHECK(fs::is_empty(dir.path()));
}

TEST_CASE("the reader refuses devices and links where asked, and caps sizes", "[atomic]") {
  test::TempDir dir;
  Expected<std::string> zero = ReadWholeFile("/dev/zero", kTextReadLimits);
  REQUIRE_FALSE(zero.ok());
  CHECK(zero.error().message == "/dev/zero: not a regular file (a device or socket cannot be a text file)");
  test::WriteFile(dir / "big", std::string(2000, 'a'));
  Expected<std::string> big = ReadWholeFile(dir / "big", {1024, "cache entry"});
  REQUIRE_FALSE(big.ok());
  CHECK(big.error().message == (dir / "big").string() + ": larger than 1024 bytes, the limit for a cache entry");
  fs::create_symlink(dir / "big", dir / "link");
  Expected<std::string> link = ReadWholeFile(dir / "link", {1 << 20, "cache entry", false, /*follow_links=*/false});
  REQUIRE_FALSE(link.ok());
  CHECK(link.error().message == (dir / "link").string() + ": is a symbolic link, which dauys does not follow here");
  CHECK(ReadWholeFile(dir / "link").ok());
}

TEST_CASE("byte caps cut at a word and keep UTF-8 whole", "[atomic]") {
  CHECK(CapBytes("қысқа", 20) == "қысқа");
  CHECK(CapBytes("бір екі үш төрт бес", 20) == "бір екі \u2026");
  std::string one_word(300, 'x');
  CHECK(CapBytes(one_word, 10) == "xxxxxx \u2026");
  std::string cyrillic;
  for (int i = 0; i < 100; ++i) cyrillic += "ә";
  std::string cut = CapBytes(cyrillic, 11);
  CHECK(cut.size() <= 11);
  CHECK(IsValidUtf8(cut));
  CHECK(Printable("a\x1b[0m\xff\n") == "a\\x1B[0m\\xFF\\x0A");
}
