#pragma once
// A sentence is the unit of synthesis: eSpeak NG speaks it whole, in memory, and the
// plan normalizes and captions it whole. A paragraph in which no sentence break is
// found (a speech-recognition transcript without punctuation, lower case after every
// full stop) would be one sentence of any length, so its time and memory would grow
// without bound. SplitClauses cuts such a sentence where a reader would take breath.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dauys {

/// The longest piece a sentence is spoken in, in characters (code points). 300 is
/// about 40 Kazakh words, 20 s of speech and 0.9 MB of PCM at 22.05 kHz; sentences of
/// the books in texts/ and tests/data stay below it (the longest of the interviews
/// is 262), so only sentences no reader would say in one breath are cut.
inline constexpr size_t kMaxClauseChars = 300;

/// `sentence` unchanged if it is at most `max_chars` long, else pieces of at most
/// `max_chars` each, cut, in order of preference, after a sentence mark (. ! ? … ; :),
/// after a comma or a dash, before a conjunction («және», «бірақ», «себебі»,
/// «сондықтан» …), at a space, or, in a word longer than `max_chars`, between
/// characters. A cut leaves the piece before it at least a quarter of `max_chars`
/// long. Linear in the length of the sentence; pieces keep its text but for the
/// spaces at the cuts.
std::vector<std::string> SplitClauses(std::string_view sentence,
                                      size_t max_chars = kMaxClauseChars);

}  // namespace dauys
