// A sidecar is written by hand. Every mistake its TOML can hold reaches the editor as
// the file, the line, the key and what it must be, never the parser's grammar words
// ("expected 'inf', saw 'int'", "parsing floating-point"): one check per message, on
// the exact text.
#include <catch2/catch.hpp>

#include "app/book_settings.h"
#include "text/overrides.h"
#include "test_util.h"

using namespace dauys::test;
namespace fs = std::filesystem;

namespace {

/// The message ParseOverrides gives for `text`, read as book.toml.
std::string ParseError(const std::string& text) {
  dauys::Expected<dauys::Overrides> o = dauys::ParseOverrides(text, "book.toml");
  REQUIRE_FALSE(o);
  return o.error().message;
}

/// The message the [book] settings give once parsed (their ranges are the options').
std::string SettingsError(const std::string& text, const std::string& source = "book.toml") {
  dauys::Expected<dauys::Overrides> o = dauys::ParseOverrides(text, source);
  REQUIRE(o);
  dauys::Expected<dauys::cli::BookSettingValues> v = dauys::cli::SidecarSettings(*o);
  REQUIRE_FALSE(v);
  return v.error().message;
}

const std::string kKnownBook =
    "(known: announce_speakers, author, bitrate, cover, description, epub, kind, loudness, m4b, opening, script, "
    "single_file, speed, title, voice_quotes, web, year)";

}  // namespace

TEST_CASE("sidecar: a role without quotes says it must be a quoted word", "[sidecar-messages]") {
  CHECK(ParseError("title = \"Су\"\n[lines]\n3 = interviewee\n") ==
        "book.toml: line 3: role must be a quoted word, one of \"narrator\", \"interviewer\", \"interviewee\"");
  CHECK(ParseError("[lines]\n5 = { role = interviewer }\n") ==
        "book.toml: line 2: role must be a quoted word, one of \"narrator\", \"interviewer\", \"interviewee\"");
}

TEST_CASE("sidecar: a heading without quotes shows the line with them", "[sidecar-messages]") {
  CHECK(ParseError("[lines]\n3 = heading\n") == "book.toml: line 2: '3' must be quoted: 3 = \"heading\"");
}

TEST_CASE("sidecar: a day that is not one says how a date looks", "[sidecar-messages]") {
  const std::string expected = "book.toml: line 1: date must look like \"2025-03-15\"";
  CHECK(ParseError("date = 2025-13-45\n") == expected);
  CHECK(ParseError("date = \"2025-02-30\"\n") == expected);
  CHECK(ParseError("date = 2025-03-15T10:00:00\n") == expected);
}

TEST_CASE("sidecar: text without quotes shows the line with them", "[sidecar-messages]") {
  CHECK(ParseError("title = Су тапшылығы\n") == "book.toml: line 1: 'title' must be quoted: title = \"Су тапшылығы\"");
  CHECK(ParseError("[speakers]\ns2 = { name = Асқар }\n") == "book.toml: line 2: 'name' must be quoted: name = \"Асқар\"");
  CHECK(ParseError("[book]\ncover = c.png\n") == "book.toml: line 2: 'cover' must be quoted: cover = \"c.png\"");
}

TEST_CASE("sidecar: a word not among a key's words lists them", "[sidecar-messages]") {
  CHECK(ParseError("[book]\nkind = essay\n") == "book.toml: line 2: 'kind' must be a quoted word, \"interview\" or \"article\"");
  CHECK(ParseError("[lines]\n7 = { language = russian }\n") ==
        "book.toml: line 2: 'language' must be a quoted word, \"kk\", \"ru\" or \"en\"");
}

TEST_CASE("sidecar: a flag that is not true or false says so", "[sidecar-messages]") {
  CHECK(ParseError("[book]\nepub = yes\n") == "book.toml: line 2: 'epub' must be true or false");
  CHECK(ParseError("[book]\nopening = \"no\"\n") == "book.toml: line 2: 'opening' must be true or false");
}

TEST_CASE("sidecar: a number of the wrong kind says what it must be", "[sidecar-messages]") {
  CHECK(ParseError("[book]\nyear = \"2024\"\n") == "book.toml: line 2: 'year' must be a whole number from 1000 to 9999");
  CHECK(ParseError("[book]\nspeed = \"fast\"\n") == "book.toml: line 2: 'speed' must be a number from 0.5 to 3");
  CHECK(ParseError("[book]\nspeed = NaN\n") == "book.toml: line 2: 'speed' must be a number from 0.5 to 3");
  CHECK(ParseError("[book]\nbitrate = 64.5\n") == "book.toml: line 2: 'bitrate' must be a whole number of kbps, such as 64");
}

TEST_CASE("sidecar: a number too large to read says so", "[sidecar-messages]") {
  CHECK(ParseError("[book]\nyear = 99999999999999999999\n") ==
        "book.toml: line 2: 'year' is too large a number; it must be a whole number from 1000 to 9999");
}

TEST_CASE("sidecar: numbers out of their option's range name the range and the value", "[sidecar-messages]") {
  CHECK(SettingsError("[book]\n\nyear = 20245\n") == "book.toml: line 3: 'year' must be a whole number from 1000 to 9999, not 20245");
  CHECK(SettingsError("[book]\nspeed = 5\n") == "book.toml: line 2: 'speed' must be a number from 0.5 to 3, not 5");
  CHECK(SettingsError("[book]\nspeed = nan\n") == "book.toml: line 2: 'speed' must be a number from 0.5 to 3, not nan");
  CHECK(SettingsError("[book]\nspeed = -inf\n") == "book.toml: line 2: 'speed' must be a number from 0.5 to 3, not -inf");
  CHECK(SettingsError("[book]\nloudness = -5\n") ==
        "book.toml: line 2: 'loudness' must be a number of LUFS from -40 to -10, not -5");
  CHECK(SettingsError("[book]\nbitrate = 65\n") ==
        "book.toml: line 2: 'bitrate' must be one of 56, 64, 80, 96, 112, 128, 144, 160 (kbps), not 65");
  CHECK(SettingsError("[book]\nscript = \"latin\"\n") ==
        "book.toml: line 2: 'script' must be one of \"latin2018\", \"latin2021\", \"digraph\", \"arabic\", "
        "\"cyrillic\", not \"latin\"");
}

TEST_CASE("sidecar: a cover is found from the sidecar's folder, or named where it is not", "[sidecar-messages]") {
  TempDir dir;
  fs::create_directories(dir / "texts");
  const std::string sidecar = (dir / "texts/talk.toml").string();
  CHECK(SettingsError("[book]\ncover = \"art/missing.png\"\n", sidecar) ==
        sidecar + ": line 2: 'cover': no such file: " + (dir / "texts/art/missing.png").string());
  fs::create_directories(dir / "texts/art");
  fs::copy_file(fs::path(DAUYS_TEST_DATA) / "cover.png", dir / "texts/art/c.png");
  dauys::Expected<dauys::Overrides> o = dauys::ParseOverrides("[book]\ncover = \"art/c.png\"\n", sidecar);
  REQUIRE(o);
  dauys::Expected<dauys::cli::BookSettingValues> v = dauys::cli::SidecarSettings(*o);
  REQUIRE(v);
  CHECK(*v->cover == (dir / "texts/art/c.png").string());
}

TEST_CASE("sidecar: an unknown key suggests the nearest known one", "[sidecar-messages]") {
  CHECK(ParseError("titel = \"Су\"\n") ==
        "book.toml: line 1: unknown key 'titel'; did you mean 'title'? (known: title, date, speakers, lines, book, lexicon)");
  CHECK(ParseError("[boook]\nepub = true\n") ==
        "book.toml: line 1: unknown table 'boook'; did you mean 'book'? (known: speakers, lines, book, lexicon)");
  CHECK(ParseError("[book]\nepbu = true\n") == "book.toml: line 2: unknown book field 'epbu'; did you mean 'epub'? " + kKnownBook);
  CHECK(ParseError("[book]\nfont = \"serif\"\n") == "book.toml: line 2: unknown book field 'font' " + kKnownBook);
  CHECK(ParseError("[speakers]\ns2 = { nmae = \"Асқар\" }\n") ==
        "book.toml: line 2: unknown speaker field 'nmae'; did you mean 'name'? (known: name, voice, gender)");
  CHECK(ParseError("[lines]\n4 = { rol = \"narrator\" }\n") ==
        "book.toml: line 2: unknown line field 'rol'; did you mean 'role'? (known: role, language)");
}

TEST_CASE("sidecar: a key given twice names the first", "[sidecar-messages]") {
  CHECK(ParseError("title = \"а\"\n# again\ntitle = \"б\"\n") == "book.toml: line 3: 'title' is given twice (first on line 1)");
  CHECK(ParseError("[speakers]\ns2 = { name = \"а\", name = \"б\" }\n") == "book.toml: line 2: 'name' is given twice in 's2'");
  CHECK(ParseError("title = \"Су\"\n[book]\ntitle = \"Су тапшылығы\"\n") ==
        "book.toml: line 1: 'title' is given here and in [book] on line 3; keep one");
}

TEST_CASE("sidecar: a table given twice names the first", "[sidecar-messages]") {
  CHECK(ParseError("[book]\nepub = true\n[book]\nm4b = true\n") ==
        "book.toml: line 3: [book] is given twice (first on line 1); put its keys under one");
}

TEST_CASE("sidecar: a table that is not a table says so", "[sidecar-messages]") {
  CHECK(ParseError("speakers = 3\n") == "book.toml: line 1: 'speakers' must be a table");
}

TEST_CASE("sidecar: a quote, brace or bracket left open says which", "[sidecar-messages]") {
  CHECK(ParseError("title = \"Су тапшылығы\n") == "book.toml: line 1: 'title': the text has no closing \" on its line");
  CHECK(ParseError("[speakers]\ns2 = { name = \"Асқар\"\n") == "book.toml: line 2: 's2': the { has no closing } on its line");
  CHECK(ParseError("[book\nepub = true\n") == "book.toml: line 1: the table name [book has no closing ]");
}

TEST_CASE("sidecar: a key without a value, or without =, says what is missing", "[sidecar-messages]") {
  CHECK(ParseError("title =\n") == "book.toml: line 1: 'title' has no value; it must be a quoted text");
  CHECK(ParseError("title \"Су\"\n") == "book.toml: line 1: 'title' needs an = before its value: title = \"Су\"");
}

TEST_CASE("sidecar: an empty text says it must not be", "[sidecar-messages]") {
  CHECK(ParseError("[book]\nauthor = \"  \"\n") == "book.toml: line 2: 'author' must be a text that is not empty");
}

TEST_CASE("sidecar: bytes that are not UTF-8 name the line", "[sidecar-messages]") {
  CHECK(ParseError("title = \"Су\"\n[book]\nauthor = \"\xff\"\n") ==
        "book.toml: line 3: this line is not UTF-8 text; save the sidecar as UTF-8");
}

TEST_CASE("sidecar: a byte-order mark and CRLF line ends are read, lines counted as shown", "[sidecar-messages]") {
  dauys::Expected<dauys::Overrides> o =
      dauys::ParseOverrides("\xEF\xBB\xBFtitle = \"Су\"\r\n[book]\r\nopening = false\r\n", "book.toml");
  REQUIRE(o);
  CHECK(*o->title == "Су");
  CHECK(*o->opening == false);
  CHECK(ParseError("\xEF\xBB\xBFtitle = \"Су\"\r\n[book]\r\nepub = maybe\r\n") ==
        "book.toml: line 3: 'epub' must be true or false");
}

TEST_CASE("sidecar: the parser's own words never reach the editor", "[sidecar-messages]") {
  // Lines a hurried editor writes; whatever each says, it names the line and none of
  // the grammar words toml++ uses.
  for (const char* text : {"3 = interviewee\n", "[lines]\n3 = 1.2.3\n", "title = [\"a\"\n", "= \"x\"\n",
                           "[book]\nspeed = 1..2\n", "[[book]]\n", "title = \"a\" \"b\"\n", "[speakers]\ns2 = {\n",
                           "date = 2025-3-5\n", "[book]\nyear = 0x7E8Z\n"}) {
    INFO(text);
    const std::string message = ParseError(text);
    CHECK(message.rfind("book.toml: line ", 0) == 0);
    for (const char* jargon : {"Error while parsing", "saw '", "floating-point", "expected '", "key-value", "Encountered"}) {
      CHECK(message.find(jargon) == std::string::npos);
    }
  }
}

TEST_CASE("sidecar: plan and build give the same message, exit 1, no book", "[sidecar-messages][cli]") {
  TempDir dir;
  WriteFile(dir / "talk.txt", "Су тапшылығы\nДөңгелек үстелге екі маман қатысты.\n– Өңірде су неге азайды?\n– Мұздықтар кішірейіп барады.\n");
  WriteFile(dir / "talk.txt.toml", "[book]\nbitrate = 65\n");
  const std::string toml = (dir / "talk.txt.toml").string();
  CommandResult plan = RunDauys("plan " + Quote((dir / "talk.txt").string()));
  CommandResult build = RunDauys("build " + Quote((dir / "talk.txt").string()) + " -q -o " + Quote((dir / "out").string()));
  const std::string expected =
      "dauys: error: " + toml + ": line 2: 'bitrate' must be one of 56, 64, 80, 96, 112, 128, 144, 160 (kbps), not 65\n";
  CHECK(plan.exit_code == 1);
  CHECK(plan.err == expected);
  CHECK(build.exit_code == 1);
  CHECK(build.err == expected);
  CHECK_FALSE(fs::exists(dir / "out/talk"));
}
