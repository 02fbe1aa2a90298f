#include "output/subtitles.h"

#include <cstdio>

#include "util/clock.h"
#include "util/unicode.h"

namespace dauys {

namespace {

std::string Escape(const std::string& text) {
  std::string out;
  for (char c : WithoutControls(text)) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

}  // namespace

std::string VttTime(int64_t sample, int sample_rate) {
  return ClockOfMillis(MillisOfSample(sample, sample_rate));
}

std::string RenderWebVtt(const std::vector<Cue>& cues, int sample_rate) {
  std::string out = "WEBVTT\nKind: captions\nLanguage: kk\n";
  int n = 0;
  for (const Cue& c : cues) {
    out += "\n" + std::to_string(++n) + "\n" + VttTime(c.start, sample_rate) + " --> " +
           VttTime(c.end, sample_rate) + "\n<v " + Escape(c.speaker) + ">" + Escape(c.text) + "</v>\n";
  }
  return out;
}

std::string RenderLrc(const std::vector<Cue>& cues, int sample_rate, const std::string& title,
                      const std::string& artist, const std::string& album) {
  auto one_line = [](const std::string& s) { return WithoutControls(s); };  // no NUL, tab or line break
  std::string out = "[ti:" + one_line(title) + "]\n[ar:" + one_line(artist) + "]\n[al:" + one_line(album) +
                    "]\n[la:kk]\n[re:dauys]\n";
  for (const Cue& c : cues) {
    int64_t cs = (c.start * 100 + sample_rate / 2) / sample_rate;
    char stamp[32];
    std::snprintf(stamp, sizeof stamp, "[%02lld:%02lld.%02lld]", static_cast<long long>(cs / 6000),
                  static_cast<long long>(cs / 100 % 60), static_cast<long long>(cs % 100));
    out += stamp + one_line(c.speaker) + ": " + one_line(c.text) + "\n";
  }
  return out;
}

}  // namespace dauys
