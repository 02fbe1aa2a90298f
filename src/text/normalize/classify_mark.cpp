// Punctuation and symbols: a mark is heard as a pause, said as a word, or not at all.
#include "text/normalize/classifier.h"
#include "text/normalize/chars.h"

namespace dauys::normalize {

namespace {

struct Mark {
  char32_t written;
  SemioticClass kind;
  const char* text;  // the pause's mark or the symbol's word
};

const Mark kMarks[] = {
    {U'.', SemioticClass::kPause, "."},   {U'!', SemioticClass::kPause, "!"},
    {U'?', SemioticClass::kPause, "?"},   {U',', SemioticClass::kPause, ","},
    {U';', SemioticClass::kPause, ";"},   {U':', SemioticClass::kPause, ":"},
    {U'…', SemioticClass::kPause, "."},   {U'(', SemioticClass::kPause, ","},
    {U')', SemioticClass::kPause, ","},   {U'[', SemioticClass::kPause, ","},
    {U']', SemioticClass::kPause, ","},   {U'{', SemioticClass::kPause, ","},
    {U'}', SemioticClass::kPause, ","},   {U'%', SemioticClass::kSymbol, "пайыз"},
    {U'№', SemioticClass::kSymbol, "нөмір"}, {U'§', SemioticClass::kSymbol, "параграф"},
    {U'&', SemioticClass::kSymbol, "және"},  {U'+', SemioticClass::kSymbol, "плюс"},
    {U'=', SemioticClass::kSymbol, "тең"},   {U'°', SemioticClass::kSymbol, "градус"},
    {U'،', SemioticClass::kPause, ","},   {U'؛', SemioticClass::kPause, ";"},  // Arabic comma, semicolon
    {U'؟', SemioticClass::kPause, "?"},                                         // and question mark
};

}  // namespace

Token ClassifyMark(u32v s, size_t& i) {
  const size_t at = i++;
  const char32_t c = s[at];
  Token t;
  t.kind = SemioticClass::kSilent;  // quotes, slashes, asterisks: nobody says them
  // A turn dash, or a dash between spaces, is a pause; a minus sign before a number
  // is not (the number says "минус").
  bool minus = c == U'\u2212' && i < s.size() && IsDigit(s[i]) && (at == 0 || IsSpace(s[at - 1]));
  bool lone_hyphen = IsHyphen(c) && (at == 0 || IsSpace(s[at - 1])) && (i >= s.size() || IsSpace(s[i]));
  if ((IsDash(c) && !minus) || lone_hyphen) {
    t.kind = SemioticClass::kPause;
    t.text = ",";
    return t;
  }
  // A period before a lower-case word ends an abbreviation ("5 млн. теңге"), not the
  // sentence: nothing to say.
  if (c == U'.') {
    size_t next = SkipSpaces(s, i);
    if (next > i && next < s.size() && IsLower(s[next])) return t;
  }
  // An ending written after a closing quote belongs to the quoted name: «ДАТ!»-тың.
  if ((c == U'»' || c == U'"' || c == U'”' || c == U'“') && i + 1 < s.size() && IsHyphen(s[i]) && IsLower(s[i + 1])) {
    t.kind = SemioticClass::kSuffix;
    t.ending = TakeEnding(s, i);
    return t;
  }
  for (const Mark& m : kMarks) {
    if (m.written == c) {
      t.kind = m.kind;
      t.text = m.text;
    }
  }
  return t;
}

}  // namespace dauys::normalize
