#include "text/quotes.h"

#include <unicode/uchar.h>

#include <algorithm>

#include "text/turn_markers.h"
#include "util/unicode.h"

namespace dauys {

namespace {

bool EndsSentence(char32_t c) { return c == U'.' || c == U'!' || c == U'?' || c == U'…'; }
bool IsSpace(char32_t c) { return c == U' ' || c == U'\t' || c == U'\u00A0'; }
bool IsClosingMark(char32_t c) { return c == U'»' || c == U'”' || c == U'“' || c == U'"' || c == U')'; }

/// The first letter at or after `i` among the next few characters (spaces, a quote
/// mark), or 0; looking no further keeps a paragraph of dashes linear.
char32_t LetterFrom(std::u32string_view u, size_t i) {
  for (const size_t end = std::min(u.size(), i + 4); i < end; ++i) {
    if (IsLetter(u[i])) return u[i];
  }
  return 0;
}

bool IsLower(char32_t c) { return c != 0 && u_islower(static_cast<UChar32>(c)); }
bool IsUpper(char32_t c) { return c != 0 && u_isupper(static_cast<UChar32>(c)); }

/// The last character before `i` that is not a space, or 0.
char32_t MarkBefore(std::u32string_view u, size_t i) {
  for (int spaces = 0; i > 0 && IsSpace(u[i - 1]) && spaces < 4; ++spaces) --i;
  return i > 0 ? u[i - 1] : 0;
}

/// A dash standing between spaces at `i` (" – "): where a quote meets its attribution.
bool IsInnerDash(std::u32string_view u, size_t i) {
  return i > 0 && i + 1 < u.size() && IsTurnDash(u[i]) && IsSpace(u[i - 1]) && IsSpace(u[i + 1]);
}

class RunWriter {
 public:
  void Add(std::u32string_view piece, bool quoted) {
    if (piece.empty()) return;
    if (!runs_.empty() && runs_.back().quoted == quoted) {
      runs_.back().text += FromUtf32(piece);
    } else {
      runs_.push_back(TextRun{FromUtf32(piece), quoted});
    }
  }
  /// Narration, with its voiced «» quotations cut out.
  void AddNarration(std::u32string_view u) {
    size_t from = 0;
    for (size_t open = 0; open < u.size(); ++open) {
      if (u[open] != U'«' && u[open] != U'“') continue;
      const size_t close = Closing(u, open);
      if (close == std::u32string_view::npos) break;
      if (IsVoicedQuotation(FromUtf32(u.substr(open + 1, close - open - 1)))) {
        Add(u.substr(from, open - from), false);
        Add(u.substr(open, close + 1 - open), true);
        from = close + 1;
      }
      open = close;
    }
    Add(u.substr(from), false);
  }
  std::vector<TextRun> Take() { return std::move(runs_); }

 private:
  /// The mark that closes the quotation opened at `open` (nested ones counted).
  static size_t Closing(std::u32string_view u, size_t open) {
    const char32_t opening = u[open], closing = opening == U'«' ? U'»' : U'”';
    int depth = 0;
    for (size_t i = open; i < u.size(); ++i) {
      if (u[i] == opening) ++depth;
      if (u[i] == closing && --depth == 0) return i;
    }
    return std::u32string_view::npos;
  }
  std::vector<TextRun> runs_;
};

/// A dash paragraph: quote, then an attribution after ", – " (lower case), then after
/// the attribution's sentence, " – " and the quote again.
void AddDashParagraph(std::u32string_view u, RunWriter& out) {
  size_t from = 0;
  bool quoting = true;
  for (size_t i = 0; i < u.size(); ++i) {
    if (!IsInnerDash(u, i)) continue;
    const char32_t before = MarkBefore(u, i), next = LetterFrom(u, i + 1);
    if (quoting && (before == U',' || EndsSentence(before)) && IsLower(next)) {
      size_t end = i;
      while (end > from && IsSpace(u[end - 1])) --end;
      out.Add(u.substr(from, end - from), true);
      from = end;
      quoting = false;
    } else if (!quoting && EndsSentence(before) && IsUpper(next)) {
      out.AddNarration(u.substr(from, i + 2 - from));
      from = i + 2;
      quoting = true;
    }
  }
  if (quoting) out.Add(u.substr(from), true);
  else out.AddNarration(u.substr(from));
}

}  // namespace

bool IsVoicedQuotation(std::string_view inner) {
  if (SplitWords(inner).size() >= kMinQuotedWords) return true;
  std::u32string u = ToUtf32(inner);
  while (!u.empty() && (IsSpace(u.back()) || IsClosingMark(u.back()))) u.pop_back();
  return !u.empty() && EndsSentence(u.back()) && !SplitWords(inner).empty();
}

std::vector<TextRun> SplitQuotes(std::string_view text, bool dash) {
  const std::u32string u = ToUtf32(text);
  RunWriter out;
  // A dash paragraph in lower case is the attribution of the one before («– деп сұрады ол.»).
  if (dash && !IsLower(LetterFrom(u, 0)) && !SplitWords(text).empty()) {
    AddDashParagraph(u, out);
  } else {
    out.AddNarration(u);
  }
  return out.Take();
}

void VoiceQuotes(Script& script, const std::string& voice) {
  bool any = false;
  for (Chapter& chapter : script.chapters) {
    for (Turn& turn : chapter.turns) {
      if (turn.role != Role::kNarrator) continue;
      for (Paragraph& p : turn.paragraphs) {
        std::vector<TextRun> runs = SplitQuotes(p.text, p.dash);
        bool quoted = false;
        for (const TextRun& r : runs) quoted |= r.quoted;
        if (!quoted) continue;
        p.runs = std::move(runs);
        any = true;
      }
    }
  }
  if (!any || QuotedSpeaker(script) < script.speakers.size()) return;
  script.speakers.push_back(
      Speaker{"quoted", Role::kQuoted, "", voice, ""});
}

size_t QuotedSpeaker(const Script& script) {
  for (size_t i = 0; i < script.speakers.size(); ++i) {
    if (script.speakers[i].role == Role::kQuoted) return i;
  }
  return script.speakers.size();
}

}  // namespace dauys
