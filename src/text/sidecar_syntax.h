#pragma once
// A sidecar is written by hand by editors who do not know TOML's rules. When a line
// cannot be read, the parser's own words ("expected 'inf', saw 'int'", "parsing
// floating-point") name its grammar, not the mistake; this file looks at the line
// itself and says, in the sidecar's terms, what its key must be: quotes forgotten
// around a role, a day that is not a date, a key given twice, a quote or bracket left
// open. What each key takes lives here too, so the messages after parsing say it in
// the same words.

#include <string>
#include <string_view>
#include <vector>

namespace dauys {

/// What the value of `key` in `table` ("" at the top, "book", "lines", "speakers" or a
/// speaker, "lexicon") must be, in words: "true or false", "a number from 0.5 to 3";
/// "" for a key the sidecar does not know.
std::string SidecarExpects(std::string_view table, std::string_view key);

/// What line `line` (from 1) of the sidecar `text` should have been, for a TOML error
/// there: "role must be a quoted word, one of ...", "'title' is given twice (first on
/// line 1)". Without the file and line, which the caller adds; never empty.
std::string ExplainSidecarLine(std::string_view text, size_t line);

/// The known key nearest to `key` in spelling (at most two letters apart, and closer
/// than the key is long), or "" when none is near.
std::string NearestKey(std::string_view key, const std::vector<std::string>& known);

/// "unknown KIND 'key'" with the nearest known key suggested and the known ones listed:
/// "unknown book field 'epbu'; did you mean 'epub'? (known: ...)".
std::string UnknownKey(const std::string& kind, std::string_view key, const std::vector<std::string>& known);

}  // namespace dauys
