// The texts of the podcast feed: dates, URLs, XML escaping, chapters JSON and joined WebVTT.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

#include "output/feed.h"
#include "util/calendar_date.h"

using namespace dauys;

TEST_CASE("a publication day is a real day written YYYY-MM-DD", "[feed]") {
  CHECK(ParseCalendarDate("2024-02-29") == CalendarDate{2024, 2, 29});
  for (const char* bad : {"2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-1-01", " 2024-01-01",
                          "1899-12-31", "2024-01-01T00:00", "２０２４-01-01", ""}) {
    CAPTURE(bad);
    CHECK_FALSE(ParseCalendarDate(bad));
  }
  CHECK(IsoDate({2024, 3, 5}) == "2024-03-05");
}

TEST_CASE("a day of the clock is the UTC day of its seconds, and SOURCE_DATE_EPOCH pins it", "[feed]") {
  CHECK(DateOfEpochSeconds(0) == CalendarDate{1970, 1, 1});
  CHECK(DateOfEpochSeconds(951782400) == CalendarDate{2000, 2, 29});
  CHECK(DateOfEpochSeconds(951782399) == CalendarDate{2000, 2, 28});
  CHECK(DateOfEpochSeconds(1741996799) == CalendarDate{2025, 3, 14});
  CHECK(DateOfEpochSeconds(1741996800) == CalendarDate{2025, 3, 15});
  CHECK(DateOfEpochSeconds(253402300799) == CalendarDate{9999, 12, 31});
  const char* was = std::getenv("SOURCE_DATE_EPOCH");
  const std::string saved = was ? was : "";
  setenv("SOURCE_DATE_EPOCH", "1741996799", 1);
  Expected<CalendarDate> pinned = TodayUtc();
  REQUIRE(pinned.ok());
  CHECK(*pinned == CalendarDate{2025, 3, 14});
  setenv("SOURCE_DATE_EPOCH", "17e8", 1);
  Expected<CalendarDate> bad = TodayUtc();
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message ==
        "SOURCE_DATE_EPOCH: must be a whole number of seconds since 1970-01-01 UTC, got '17e8'");
  unsetenv("SOURCE_DATE_EPOCH");
  Expected<CalendarDate> now = TodayUtc();
  REQUIRE(now.ok());
  CHECK(now->year >= 2024);
  if (was) setenv("SOURCE_DATE_EPOCH", saved.c_str(), 1);
}

TEST_CASE("pubDate is RFC 822 with the right weekday", "[feed]") {
  CHECK(Rfc822Date({2024, 3, 12}) == "Tue, 12 Mar 2024 00:00:00 +0000");
  CHECK(Rfc822Date({2000, 2, 29}) == "Tue, 29 Feb 2000 00:00:00 +0000");
  CHECK(Rfc822Date({1970, 1, 1}) == "Thu, 01 Jan 1970 00:00:00 +0000");
  CHECK(Rfc822Date({2026, 12, 31}) == "Thu, 31 Dec 2026 00:00:00 +0000");
}

TEST_CASE("the base URL must be absolute http or https", "[feed]") {
  CHECK(CheckFeedUrl("https://news.example.kz/audio/").empty());
  CHECK(CheckFeedUrl("http://localhost:8080").empty());
  const std::string expected = "must be an absolute http or https URL such as https://example.kz/audio/";
  CHECK(CheckFeedUrl("ftp://news.example.kz/") == expected);
  CHECK(CheckFeedUrl("/srv/audio") == expected);
  CHECK(CheckFeedUrl("HTTPS//x") == expected);
  CHECK(CheckFeedUrl("https:///audio") == expected + " (it has no host)");
  CHECK(CheckFeedUrl("https://a.kz/my audio/") ==
        expected + " (spaces, quotes and control characters must be percent-encoded)");
  CHECK(CheckFeedUrl("https://a.kz/\"><x") ==
        expected + " (spaces, quotes and control characters must be percent-encoded)");
  CHECK(CheckFeedUrl("https://a.kz/?page=1") == expected + " (without a query or fragment)");
}

TEST_CASE("the base URL is checked as a URL parser reads it", "[feed]") {
  const std::string expected = "must be an absolute http or https URL such as https://example.kz/audio/";
  CHECK(CheckFeedUrl("HTTPS://EX.KZ/").empty());
  CHECK(CheckFeedUrl("Http://ex.kz:8080/a%20b/").empty());
  CHECK(CheckFeedUrl("https://[::1]:443/").empty());
  CHECK(CheckFeedUrl("https://ex.kz:99999/") == expected + " (its port must be 1 to 65535)");
  CHECK(CheckFeedUrl("https://ex.kz:0/") == expected + " (its port must be 1 to 65535)");
  CHECK(CheckFeedUrl("https://ex.kz:/") == expected + " (its port must be 1 to 65535)");
  CHECK(CheckFeedUrl("https://ex.kz:8o/") == expected + " (its port must be 1 to 65535)");
  CHECK(CheckFeedUrl("https://ex.kz/%zz/") == expected + " (a % must begin an escape such as %20)");
  CHECK(CheckFeedUrl("https://ex.kz/a%2") == expected + " (a % must begin an escape such as %20)");
  CHECK(CheckFeedUrl("https://user:password@ex.kz/") == expected + " (without a user name or password)");
  CHECK(CheckFeedUrl("https://ex.kz/cover.png?v=2", /*allow_query=*/true).empty());
  CHECK(CheckFeedUrl("https://ex.kz/cover.png#x", /*allow_query=*/true) == expected + " (without a query or fragment)");
  CHECK(LooksLikeUrl("https://ex.kz/cover.png?v=2"));
  CHECK_FALSE(LooksLikeUrl("covers/cover.png"));
  CHECK_FALSE(LooksLikeUrl("://x"));
}

TEST_CASE("file names join the base URL percent-encoded", "[feed]") {
  CHECK(JoinUrl("https://a.kz/pod/", {"my book", "x.mp3"}) == "https://a.kz/pod/my%20book/x.mp3");
  CHECK(JoinUrl("https://a.kz/pod", {"a&b", "сұхбат.vtt"}) ==
        "https://a.kz/pod/a%26b/%D1%81%D2%B1%D1%85%D0%B1%D0%B0%D1%82.vtt");
  CHECK(JoinUrl("https://a.kz/", {"feed.xml"}) == "https://a.kz/feed.xml");
}

TEST_CASE("XML text is escaped and characters XML forbids are gone", "[feed]") {
  CHECK(XmlEscape("Сұхбат & <әңгіме> \"x\" 'y'") == "Сұхбат &amp; &lt;әңгіме&gt; &quot;x&quot; &apos;y&apos;");
  CHECK(XmlEscape(std::string("a\x01" "b\x1b" "c", 5)).find_first_of("\x01\x1b") == std::string::npos);
  CHECK(XmlEscape("a\xEF\xBF\xBF" "b") == "ab");
  CHECK(XmlEscape("\xFF") == "\xEF\xBF\xBD");  // invalid UTF-8 becomes U+FFFD
}

TEST_CASE("the feed lists episodes as given and dates the channel by the newest", "[feed]") {
  FeedChannel channel;
  channel.title = "A & B";
  channel.link = "https://a.kz/";
  channel.feed_url = "https://a.kz/feed.xml";
  channel.author = "Редакция";
  channel.email = "audio@a.kz";
  FeedEpisode older{"dauys:old", "Old", "X", "Old", {2023, 5, 1}, "https://a.kz/old/old.mp3", 1234, 61499,
                    "https://a.kz/old/old.chapters.json", "https://a.kz/old/old.vtt", "", {}};
  FeedEpisode newer = older;
  newer.guid = "dauys:new";
  newer.date = {2024, 1, 2};
  newer.link = "https://a.kz/new/index.html";
  const std::string xml = RenderFeedXml(channel, {newer, older});
  CHECK(xml.find("<title>A &amp; B</title>") != std::string::npos);
  CHECK(xml.find("<lastBuildDate>Tue, 02 Jan 2024 00:00:00 +0000</lastBuildDate>") != std::string::npos);
  CHECK(xml.find("dauys:new") < xml.find("dauys:old"));
  CHECK(xml.find("<enclosure url=\"https://a.kz/old/old.mp3\" length=\"1234\" type=\"audio/mpeg\"/>") !=
        std::string::npos);
  CHECK(xml.find("<itunes:duration>00:01:01</itunes:duration>") != std::string::npos);
  CHECK(xml.find("<guid isPermaLink=\"false\">dauys:old</guid>") != std::string::npos);
  CHECK(xml.find("  <itunes:owner>\n    <itunes:name>Редакция</itunes:name>\n    <itunes:email>audio@a.kz</itunes:email>\n"
                 "  </itunes:owner>\n") != std::string::npos);
  CHECK(xml.find("<title>Old</title>\n    <link>https://a.kz/new/index.html</link>\n") != std::string::npos);
  CHECK(xml.find("<link>", xml.find("dauys:new")) == std::string::npos);  // the older episode has no page
  CHECK(RenderFeedXml(channel, {older, newer}) != xml);
  CHECK(RenderFeedXml(channel, {newer, older}) == xml);
}

TEST_CASE("an episode names its host and guests as podcast:person, escaped", "[feed]") {
  FeedChannel channel;
  FeedEpisode e{"dauys:a", "A", "X", "A", {2024, 1, 2}, "https://a.kz/a/a.mp3", 1, 1000,
                "https://a.kz/a/a.chapters.json", "https://a.kz/a/a.vtt", "",
                {{"Асель Бекова", "host"}, {"Нұрлан <Сейітов> & Ко", "guest"}}};
  const std::string xml = RenderFeedXml(channel, {e});
  const size_t host = xml.find("    <podcast:person role=\"host\" group=\"cast\">Асель Бекова</podcast:person>\n");
  const size_t guest =
      xml.find("    <podcast:person role=\"guest\" group=\"cast\">Нұрлан &lt;Сейітов&gt; &amp; Ко</podcast:person>\n");
  CHECK(host != std::string::npos);
  CHECK(guest != std::string::npos);
  CHECK(host < guest);
  CHECK(guest < xml.find("</item>"));
  e.people.clear();
  CHECK(RenderFeedXml(channel, {e}).find("podcast:person") == std::string::npos);
}

TEST_CASE("chapters JSON is Podcasting 2.0 version 1.2.0 in seconds", "[feed]") {
  CHECK(RenderChaptersJson("Кітап", {{0, 1500, "Кіріспе"}, {1500, 62001, "Екі"}}) ==
        "{\n  \"version\": \"1.2.0\",\n  \"title\": \"Кітап\",\n  \"chapters\": [\n    {\n      \"startTime\": 0.0,\n"
        "      \"endTime\": 1.5,\n      \"title\": \"Кіріспе\"\n    },\n    {\n      \"startTime\": 1.5,\n"
        "      \"endTime\": 62.001,\n      \"title\": \"Екі\"\n    }\n  ]\n}\n");
}

TEST_CASE("chapter VTTs join into one, shifted and numbered anew", "[feed]") {
  const std::string a = "WEBVTT\nKind: captions\nLanguage: kk\n\n1\n00:00:00.100 --> 00:00:01.000\n<v A>Бір</v>\n";
  const std::string b = "WEBVTT\nKind: captions\nLanguage: kk\n\n1\n00:00:00.000 --> 00:00:02.500\n<v B>Екі</v>\n\n"
                        "NOTE a note\n\n2\n59:59.999 --> 01:00:00.000 align:start\n<v B>Үш</v>\n";
  Expected<std::string> joined = JoinWebVtt({{"a.vtt", a, 0}, {"b.vtt", b, 3601000}});
  REQUIRE(joined);
  CHECK(*joined ==
        "WEBVTT\nKind: captions\nLanguage: kk\n\n1\n00:00:00.100 --> 00:00:01.000\n<v A>Бір</v>\n\n"
        "2\n01:00:01.000 --> 01:00:03.500\n<v B>Екі</v>\n\n3\n02:00:00.999 --> 02:00:01.000 align:start\n<v B>Үш</v>\n");
  auto error = [&](const std::string& text) {
    Expected<std::string> r = JoinWebVtt({{"a.vtt", a, 0}, {"c.vtt", text, 5}});
    return r ? std::string("joined") : r.error().message;
  };
  CHECK(error("") == "c.vtt: line 1: not a WebVTT file");
  CHECK(error("WEBVTT\n\n1\n00:00:01.000 -> 00:00:02.000\nx\n") == "c.vtt: line 3: a cue without a timing line");
  CHECK(error("WEBVTT\n\n00:00:01.000 --> 00:00:0.000\nx\n") == "c.vtt: line 3: bad cue timing '00:00:01.000 --> 00:00:0.000'");
  CHECK(error("WEBVTT\n\n00:00:03.000 --> 00:00:02.000\nx\n") == "c.vtt: line 3: bad cue timing '00:00:03.000 --> 00:00:02.000'");
  CHECK(error("WEBVTT\n\n00:61:03.000 --> 00:62:02.000\nx\n") == "c.vtt: line 3: bad cue timing '00:61:03.000 --> 00:62:02.000'");
  CHECK(error("WEBVTT\n\n99999999999:00:03.000 --> 99999999999:00:04.000\nx\n").starts_with("c.vtt: line 3: bad cue timing"));
}
