#pragma once
// Newsrooms distribute audio editions as podcasts. These are the texts a podcast needs,
// rendered from plain data so the same books always give the same bytes: the RSS 2.0
// feed (with the iTunes and Podcasting 2.0 namespaces), a Podcasting 2.0 chapters file
// per episode, and a whole-book WebVTT transcript joined from the chapters' VTT files.
// feed_books reads the book folders these describe and writes the files.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/calendar_date.h"
#include "util/error.h"

namespace dauys {

/// An empty string if `url` is an absolute http or https URL (scheme in any case) with
/// a host, a port from 1 to 65535 if any, no user name or password, only valid
/// percent-escapes, no spaces, quotes or control characters, and no query (unless
/// `allow_query`) or fragment; else why not ("must be an absolute http or https URL").
std::string CheckFeedUrl(std::string_view url, bool allow_query = false);
/// True if `text` begins with a URL scheme and "://" (so it is meant as a URL, not a file).
bool LooksLikeUrl(std::string_view text);
/// `base` (a checked URL) with each of `names` appended as one percent-encoded path
/// segment: ("https://a.kz/pod/", {"my book", "x.mp3"}) → "https://a.kz/pod/my%20book/x.mp3".
std::string JoinUrl(std::string_view base, const std::vector<std::string>& names);

/// Text with &, <, >, " and ' escaped, and characters XML 1.0 forbids (controls but
/// tab and line breaks, invalid UTF-8) left out.
std::string XmlEscape(std::string_view text);

/// The podcast as a whole.
struct FeedChannel {
  std::string title;
  std::string link;         ///< The base URL: where the output folder is published.
  std::string feed_url;     ///< Where feed.xml itself is (atom:link rel="self").
  std::string description;
  std::string author;
  std::string language = "kk";
  std::string image_url;    ///< Empty: no image.
  std::string email;        ///< The owner's address (itunes:owner); empty: none.
  std::string category = "News";
  bool explicit_content = false;
};

/// A person heard in an episode (Podcasting 2.0 `podcast:person`, group "cast").
struct FeedPerson {
  std::string name;
  std::string role;  ///< "host" (the interviewer) or "guest" (an interviewee).
};

/// One book as an episode.
struct FeedEpisode {
  std::string guid;          ///< Stable across rebuilds (from the book's folder name).
  std::string title;
  std::string author;
  std::string description;
  CalendarDate date;
  std::string audio_url;     ///< The single-file MP3.
  uint64_t audio_bytes = 0;  ///< Its exact size.
  int64_t duration_ms = 0;
  std::string chapters_url;  ///< Podcasting 2.0 chapters JSON.
  std::string transcript_url;  ///< Whole-book WebVTT.
  std::string link;          ///< The book's read-along page; empty: none.
  std::vector<FeedPerson> people;  ///< In the order they first speak.
};

/// The feed with `episodes` in the order given (newest first is the caller's job);
/// lastBuildDate and pubDate are the newest episode's date, never the clock.
std::string RenderFeedXml(const FeedChannel& channel, const std::vector<FeedEpisode>& episodes);

/// A chapter mark of the single file.
struct FeedChapter {
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  std::string title;
};

/// Podcasting 2.0 chapters (version 1.2.0), startTime and endTime in seconds.
std::string RenderChaptersJson(const std::string& title, const std::vector<FeedChapter>& chapters);

/// One chapter's WebVTT and where its chapter starts in the single file.
struct VttPart {
  std::string source;  ///< File name, for errors.
  std::string text;
  int64_t offset_ms = 0;
};

/// The parts' cues in order, each shifted by its part's offset and numbered anew, under
/// the first part's header. A malformed part is an Error naming its file and line.
Expected<std::string> JoinWebVtt(const std::vector<VttPart>& parts);

}  // namespace dauys
