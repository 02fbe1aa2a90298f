#pragma once
// Small Unicode helpers over ICU, so the text stages can speak of letters and cases
// in Kazakh Cyrillic without each one converting strings by hand.

#include <string>
#include <string_view>
#include <vector>

namespace dauys {

/// NFC form of UTF-8 `text` (which must be valid UTF-8).
std::string ToNfc(std::string_view text);
std::string ToLower(std::string_view text);
std::string ToUpper(std::string_view text);
/// "ЖОМАРТ" -> "Жомарт", "жанна" -> "Жанна"; hyphenated parts each get a capital
/// ("ҚАСЫМ-ЖОМАРТ" -> "Қасым-Жомарт").
std::string TitleCaseWord(std::string_view word);
/// True when `text` has at least two letters and none of them is lower case.
bool IsAllCaps(std::string_view text);
/// True when the first letter of `text` is upper case.
bool StartsUpper(std::string_view text);
/// A letter of a script without capitals (the Arabic script Kazakh is written in):
/// there a name cannot be told by a capital.
bool IsCaselessLetter(char32_t c);
/// "?" or the Arabic "؟".
bool IsQuestionMark(char32_t c);
/// Number of code points.
size_t CodePointCount(std::string_view text);
/// Splits on Unicode white space, dropping empty pieces.
std::vector<std::string> SplitWords(std::string_view text);
/// Trims Unicode white space at both ends and folds inner runs to one space.
std::string CollapseSpaces(std::string_view text);
/// The first code point of `text` (0 when empty) and its length in bytes.
char32_t FirstCodePoint(std::string_view text, size_t* length = nullptr);
/// The last code point of `text` (0 when empty).
char32_t LastCodePoint(std::string_view text);
/// True for a letter in any script.
bool IsLetter(char32_t c);
/// Appends `c` to `out` as UTF-8.
void AppendUtf8(std::string& out, char32_t c);
/// UTF-8 to code points and back (invalid bytes become U+FFFD).
std::u32string ToUtf32(std::string_view text);
std::string FromUtf32(std::u32string_view text);

/// Length of the longest prefix of `bytes` that is valid UTF-8 without NUL.
size_t ValidUtf8Length(std::string_view bytes);
/// `text` with NUL, control characters and invalid UTF-8 written as \xNN, so a message
/// never puts raw binary on a user's terminal.
std::string Printable(std::string_view text);
/// `text` with NUL and control characters (tabs and line breaks included) replaced by
/// spaces and invalid UTF-8 by U+FFFD: safe for a tag value or a one-line text format.
std::string WithoutControls(std::string_view text);
/// Text for XML or HTML content and double-quoted attributes: & < > " escaped,
/// controls replaced as WithoutControls does, and U+FFFE and U+FFFF, which XML cannot
/// carry, dropped. The EPUB, the read-along page and the feed all escape through it.
std::string EscapeMarkup(std::string_view text);
/// `text` cut to at most `max_bytes` of valid UTF-8 at a word boundary (a single long
/// word at a character boundary), ending in " …" when cut.
std::string CapBytes(std::string_view text, size_t max_bytes);
/// True when `text` is valid UTF-8 without NUL.
bool IsValidUtf8(std::string_view text);

}  // namespace dauys
