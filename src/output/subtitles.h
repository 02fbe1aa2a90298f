#pragma once
// Synced text for each chapter file: WebVTT (a cue per sentence, with <v Speaker>
// voice spans, for players and screen readers) and LRC (for music-style players).

#include <cstdint>
#include <string>
#include <vector>

namespace dauys {

struct Cue {
  int64_t start = 0;  ///< Sample where speech starts.
  int64_t end = 0;    ///< Sample where it ends.
  std::string speaker;
  std::string text;   ///< As written in the article.
};

/// "00:01:02.345" for a sample position.
std::string VttTime(int64_t sample, int sample_rate);

std::string RenderWebVtt(const std::vector<Cue>& cues, int sample_rate);
/// LRC with [ti:], [ar:], [al:] header lines and a [mm:ss.xx] line per cue.
std::string RenderLrc(const std::vector<Cue>& cues, int sample_rate, const std::string& title,
                      const std::string& artist, const std::string& album);

}  // namespace dauys
