#pragma once
// An article is read by the narrator, but the words it quotes are someone else's: with
// --voice-quotes an article's direct quotes are read in a voice of their own, the
// quoted speaker's. A quote is a piece of the narrator's paragraph, never a turn of its
// own: chapters, marks, subtitles and the read-along page see the narrator's paragraph,
// only its voice changes for the quote (as a Russian saying inside a Kazakh sentence
// is spoken by another voice, see text/language.h).

#include <string>
#include <string_view>
#include <vector>

#include "text/script.h"

namespace dauys {

/// A quotation in «» (or “”) inside narration is voiced when it has this many words or
/// more, or ends a sentence of its own: a name, a title or a company («Самұрық-Қазына»)
/// stays the narrator's.
constexpr size_t kMinQuotedWords = 4;

/// Whether the words inside a «» quotation are voiced (see kMinQuotedWords).
bool IsVoicedQuotation(std::string_view inner);

/// `text` cut into its direct quotes and the narration around them; the pieces join to
/// `text`. With `dash` (the paragraph opened with a dash) the paragraph is quoted
/// speech: the quote runs up to an attribution after an inner dash (", – деді әкім."),
/// which is narration, and a dash after the attribution's sentence opens the quote
/// again; a dash paragraph that opens in lower case is itself an attribution. In
/// narration, «» quotations voiced by IsVoicedQuotation are quotes, guillemets
/// included. No quote: one narrator piece.
std::vector<TextRun> SplitQuotes(std::string_view text, bool dash);

/// Cuts every paragraph of the narrator's turns by SplitQuotes into `Paragraph::runs`
/// (left empty where nothing is quoted) and, when anything is, adds the quoted speaker
/// (role quoted, profile `voice`) to the script's speakers.
void VoiceQuotes(Script& script, const std::string& voice);

/// The index of the quoted speaker in `script.speakers`, or the script's speaker count
/// when it has none.
size_t QuotedSpeaker(const Script& script);

}  // namespace dauys
