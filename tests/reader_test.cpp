#include "text/reader.h"

#include <catch2/catch.hpp>

#include "test_util.h"

using namespace dauys;

TEST_CASE("reader strips the BOM and accepts CRLF and CR line endings", "[reader]") {
  Expected<Document> doc = ParseDocument("\xEF\xBB\xBFбір\r\nекі\rүш\nтөрт", "a.txt");
  REQUIRE(doc.ok());
  REQUIRE(doc->lines.size() == 4);
  CHECK(doc->lines[0].text == "бір");
  CHECK(doc->lines[1].text == "екі");
  CHECK(doc->lines[2].text == "үш");
  CHECK(doc->lines[3].text == "төрт");
  CHECK(doc->lines[3].number == 4);
}

TEST_CASE("reader keeps blank lines so line numbers match the editor", "[reader]") {
  Expected<Document> doc = ParseDocument("бір\n\n\nекі\n", "a.txt");
  REQUIRE(doc.ok());
  REQUIRE(doc->lines.size() == 4);
  CHECK(doc->lines[3].number == 4);
  CHECK(doc->lines[3].text == "екі");
}

TEST_CASE("reader normalizes to NFC", "[reader]") {
  // "и" + combining breve (U+0306) is "й" in NFC; "е" + diaeresis is "ё".
  Expected<Document> doc = ParseDocument("\xD0\xB8\xCC\x86\xD0\xB5\xCC\x88", "a.txt");
  REQUIRE(doc.ok());
  CHECK(doc->lines[0].text == "йё");
}

TEST_CASE("reader turns tabs and control characters into spaces", "[reader]") {
  Expected<Document> doc = ParseDocument("бір\tекі\x07үш", "a.txt");
  REQUIRE(doc.ok());
  CHECK(doc->lines[0].text == "бір екі үш");
}

TEST_CASE("reader reports invalid UTF-8 with line and byte offset", "[reader]") {
  Expected<Document> doc = ParseDocument("бір\nab\xFF" "cd\n", "bad.txt");
  REQUIRE_FALSE(doc.ok());
  CHECK(doc.error().message == "bad.txt: line 2, byte 3: invalid UTF-8 (byte 0xFF at file offset 9)");
}

TEST_CASE("reader reports a truncated multi-byte sequence", "[reader]") {
  Expected<Document> doc = ParseDocument("ok \xD0", "cut.txt");
  REQUIRE_FALSE(doc.ok());
  CHECK(doc.error().message == "cut.txt: line 1, byte 4: invalid UTF-8 (byte 0xD0 at file offset 3)");
}

TEST_CASE("reader rejects NUL bytes as binary", "[reader]") {
  Expected<Document> doc = ParseDocument(std::string("ab\0cd", 5), "bin.dat");
  REQUIRE_FALSE(doc.ok());
  CHECK(doc.error().message == "bin.dat: line 1, byte 3: NUL byte; this looks like a binary file, not text");
}

TEST_CASE("reader rejects empty and whitespace-only text", "[reader]") {
  Expected<Document> empty = ParseDocument("", "e.txt");
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().message == "e.txt: the file is empty");
  Expected<Document> blank = ParseDocument(" \n\t\r\n  \xC2\xA0\n", "w.txt");
  REQUIRE_FALSE(blank.ok());
  CHECK(blank.error().message == "w.txt: the file has no text to read");
}

TEST_CASE("reader names a missing file and a directory", "[reader]") {
  test::TempDir dir;
  Expected<Document> missing = ReadDocument(dir / "nope.txt");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == (dir / "nope.txt").string() + ": no such file");
  Expected<Document> folder = ReadDocument(dir.path());
  REQUIRE_FALSE(folder.ok());
  CHECK(folder.error().message == dir.path().string() + ": is a directory, not a text file");
}
