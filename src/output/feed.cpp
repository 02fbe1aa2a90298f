#include "output/feed.h"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "util/clock.h"
#include "util/unicode.h"
#include "version.h"

namespace dauys {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string PercentEncoded(std::string_view name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : name) {
    bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(static_cast<char>(c)) ||
                      c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

/// "00:01:02.345" or "01:02.345" → milliseconds; nullopt if malformed.
std::optional<int64_t> ParseVttTime(std::string_view t) {
  int64_t parts[3] = {0, 0, 0};
  int count = 0;
  size_t i = 0;
  while (true) {
    size_t start = i;
    while (i < t.size() && IsDigit(t[i]) && i - start < 7) parts[count] = parts[count] * 10 + (t[i++] - '0');
    if (i == start || count == 3) return std::nullopt;
    ++count;
    if (i < t.size() && t[i] == ':' && count < 3) {
      ++i;
      continue;
    }
    break;
  }
  if (count < 2 || i + 4 != t.size() || t[i] != '.' || !IsDigit(t[i + 1]) || !IsDigit(t[i + 2]) ||
      !IsDigit(t[i + 3])) {
    return std::nullopt;
  }
  int64_t hours = count == 3 ? parts[0] : 0, minutes = parts[count - 2], seconds = parts[count - 1];
  if (minutes > 59 || seconds > 59) return std::nullopt;
  int64_t ms = (t[i + 1] - '0') * 100 + (t[i + 2] - '0') * 10 + (t[i + 3] - '0');
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + ms;
}

std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> lines;
  size_t at = 0;
  while (at <= text.size()) {
    size_t end = std::min(text.find('\n', at), text.size());
    std::string line(text.substr(at, end - at));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    at = end + 1;
  }
  return lines;
}

/// Appends the cues of one part, shifted, numbering them from `*number`.
Status AppendCues(const VttPart& part, const std::vector<std::string>& lines, size_t from, int* number,
                  std::string& out) {
  for (size_t i = from; i < lines.size();) {
    if (lines[i].empty()) {
      ++i;
      continue;
    }
    size_t block = i, end = i;
    while (end < lines.size() && !lines[end].empty()) ++end;
    i = end;
    if (lines[block].rfind("NOTE", 0) == 0) continue;
    size_t timing = lines[block].find("-->") != std::string::npos ? block : block + 1;
    const std::string where = part.source + ": line " + std::to_string(timing + 1) + ": ";
    if (timing >= end || lines[timing].find("-->") == std::string::npos) {
      return Error{part.source + ": line " + std::to_string(block + 1) + ": a cue without a timing line"};
    }
    const std::string& t = lines[timing];
    size_t arrow = t.find(" --> ");
    size_t after = arrow == std::string::npos ? arrow : t.find(' ', arrow + 5);
    std::optional<int64_t> start, stop;
    if (arrow != std::string::npos) {
      start = ParseVttTime(std::string_view(t).substr(0, arrow));
      stop = ParseVttTime(std::string_view(t).substr(arrow + 5, after == std::string::npos ? after : after - arrow - 5));
    }
    if (!start || !stop || *stop < *start) return Error{where + "bad cue timing '" + Printable(t) + "'"};
    out += "\n" + std::to_string(++*number) + "\n" + ClockOfMillis(*start + part.offset_ms) + " --> " +
           ClockOfMillis(*stop + part.offset_ms) + (after == std::string::npos ? "" : t.substr(after)) + "\n";
    for (size_t p = timing + 1; p < end; ++p) out += lines[p] + "\n";
  }
  return {};
}

std::string Tag(const std::string& name, const std::string& text, const std::string& indent) {
  return indent + "<" + name + ">" + XmlEscape(text) + "</" + name + ">\n";
}

std::string RenderItem(const FeedChannel& channel, const FeedEpisode& e) {
  const std::string in = "    ";
  std::string out = "  <item>\n";
  out += Tag("title", e.title, in);
  if (!e.link.empty()) out += Tag("link", e.link, in);
  out += Tag("description", e.description, in);
  if (!e.author.empty()) out += Tag("itunes:author", e.author, in);
  out += in + "<guid isPermaLink=\"false\">" + XmlEscape(e.guid) + "</guid>\n";
  out += Tag("pubDate", Rfc822Date(e.date), in);
  out += in + "<enclosure url=\"" + XmlEscape(e.audio_url) + "\" length=\"" + std::to_string(e.audio_bytes) +
         "\" type=\"audio/mpeg\"/>\n";
  out += Tag("itunes:duration", ClockOfSeconds(e.duration_ms), in);
  out += Tag("itunes:episodeType", "full", in);
  out += Tag("itunes:explicit", channel.explicit_content ? "true" : "false", in);
  out += in + "<podcast:chapters url=\"" + XmlEscape(e.chapters_url) + "\" type=\"application/json+chapters\"/>\n";
  out += in + "<podcast:transcript url=\"" + XmlEscape(e.transcript_url) + "\" type=\"text/vtt\" language=\"" +
         XmlEscape(channel.language) + "\" rel=\"captions\"/>\n";
  for (const FeedPerson& p : e.people) {
    out += in + "<podcast:person role=\"" + XmlEscape(p.role) + "\" group=\"cast\">" + XmlEscape(p.name) +
           "</podcast:person>\n";
  }
  return out + "  </item>\n";
}

}  // namespace

bool LooksLikeUrl(std::string_view text) {
  size_t colon = text.find("://");
  if (colon == std::string_view::npos || colon == 0) return false;
  for (size_t i = 0; i < colon; ++i) {
    const char c = text[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!letter && (i == 0 || (!IsDigit(c) && c != '+' && c != '-' && c != '.'))) return false;
  }
  return true;
}

std::string CheckFeedUrl(std::string_view url, bool allow_query) {
  const std::string expected = "must be an absolute http or https URL such as https://example.kz/audio/";
  // The scheme is case-insensitive, as in every URL parser.
  std::string scheme;
  for (char c : url.substr(0, std::min(url.find("://"), url.size()))) {
    scheme += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  if ((scheme != "http" && scheme != "https") || url.find("://") == std::string_view::npos) return expected;
  const std::string_view rest = url.substr(scheme.size() + 3);
  const std::string_view authority = rest.substr(0, std::min(rest.find_first_of("/?#"), rest.size()));
  if (authority.find('@') != std::string_view::npos) return expected + " (without a user name or password)";
  for (unsigned char c : url) {
    if (c <= ' ' || c == 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '`') {
      return expected + " (spaces, quotes and control characters must be percent-encoded)";
    }
    if (c == '#' || (c == '?' && !allow_query)) return expected + " (without a query or fragment)";
  }
  // The port is what follows the last colon, outside an IPv6 address's brackets.
  const size_t bracket = authority.rfind(']');
  const size_t colon = authority.rfind(':');
  std::string_view host = authority;
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    host = authority.substr(0, colon);
    const std::string_view port = authority.substr(colon + 1);
    long value = 0;
    for (char c : port) value = IsDigit(c) && value <= 65535 ? value * 10 + (c - '0') : 65536;
    if (port.empty() || value < 1 || value > 65535) return expected + " (its port must be 1 to 65535)";
  }
  if (host.empty()) return expected + " (it has no host)";
  auto hex = [](char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); };
  for (size_t i = 0; i < url.size(); ++i) {
    if (url[i] == '%' && (i + 2 >= url.size() || !hex(url[i + 1]) || !hex(url[i + 2]))) {
      return expected + " (a % must begin an escape such as %20)";
    }
  }
  if (!IsValidUtf8(url)) return expected + " (it is not UTF-8)";
  return "";
}

std::string JoinUrl(std::string_view base, const std::vector<std::string>& names) {
  std::string out(base);
  while (!out.empty() && out.back() == '/') out.pop_back();
  for (const std::string& name : names) out += "/" + PercentEncoded(name);
  return out;
}

std::string XmlEscape(std::string_view text) {
  std::string out;
  for (char c : EscapeMarkup(text)) {
    if (c == '\'') {
      out += "&apos;";
    } else {
      out += c;
    }
  }
  return out;
}

std::string RenderFeedXml(const FeedChannel& channel, const std::vector<FeedEpisode>& episodes) {
  CalendarDate newest{1900, 1, 1};
  for (const FeedEpisode& e : episodes) newest = std::max(newest, e.date);
  const std::string in = "  ";
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\" "
      "xmlns:podcast=\"https://podcastindex.org/namespace/1.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n"
      "<channel>\n";
  out += Tag("title", channel.title, in);
  out += Tag("link", channel.link, in);
  out += in + "<atom:link href=\"" + XmlEscape(channel.feed_url) + "\" rel=\"self\" type=\"application/rss+xml\"/>\n";
  out += Tag("description", channel.description, in);
  out += Tag("language", channel.language, in);
  out += Tag("generator", std::string("dauys ") + DAUYS_VERSION, in);
  out += Tag("pubDate", Rfc822Date(newest), in);
  out += Tag("lastBuildDate", Rfc822Date(newest), in);
  out += Tag("itunes:author", channel.author, in);
  if (!channel.email.empty()) {
    out += in + "<itunes:owner>\n" + Tag("itunes:name", channel.author, in + in) +
           Tag("itunes:email", channel.email, in + in) + in + "</itunes:owner>\n";
  }
  out += Tag("itunes:type", "episodic", in);
  out += Tag("itunes:explicit", channel.explicit_content ? "true" : "false", in);
  out += in + "<itunes:category text=\"" + XmlEscape(channel.category) + "\"/>\n";
  if (!channel.image_url.empty()) {
    out += in + "<itunes:image href=\"" + XmlEscape(channel.image_url) + "\"/>\n";
    out += in + "<image>\n" + Tag("url", channel.image_url, in + in) + Tag("title", channel.title, in + in) +
           Tag("link", channel.link, in + in) + in + "</image>\n";
  }
  for (const FeedEpisode& e : episodes) out += RenderItem(channel, e);
  return out + "</channel>\n</rss>\n";
}

std::string RenderChaptersJson(const std::string& title, const std::vector<FeedChapter>& chapters) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const FeedChapter& c : chapters) {
    list.push_back({{"startTime", static_cast<double>(c.start_ms) / 1000.0},
                    {"endTime", static_cast<double>(c.end_ms) / 1000.0},
                    {"title", WithoutControls(c.title)}});
  }
  nlohmann::ordered_json doc = {{"version", "1.2.0"}, {"title", WithoutControls(title)}, {"chapters", list}};
  return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

Expected<std::string> JoinWebVtt(const std::vector<VttPart>& parts) {
  std::string out;
  int number = 0;
  for (const VttPart& part : parts) {
    std::vector<std::string> lines = Lines(part.text);
    if (lines.front().rfind("WEBVTT", 0) != 0) return Error{part.source + ": line 1: not a WebVTT file"};
    size_t body = 0;
    while (body < lines.size() && !lines[body].empty()) ++body;
    if (out.empty()) {
      for (size_t i = 0; i < body; ++i) out += lines[i] + "\n";
    }
    if (Status s = AppendCues(part, lines, body, &number, out); !s) return s.error();
  }
  if (out.empty()) out = "WEBVTT\n";
  return out;
}

}  // namespace dauys
