#include "util/unicode.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdio>

namespace dauys {

namespace {

icu::UnicodeString U(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::string Utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

const icu::Locale& Kazakh() {
  static const icu::Locale kk("kk");
  return kk;
}

/// Lower case for Kazakh: the 2021 Latin alphabet's dotted capital İ is i, never i with
/// a combining dot above (ICU's rule outside Turkish and Azeri).
icu::UnicodeString Lowered(icu::UnicodeString u) {
  u.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x130)), icu::UnicodeString(u'i'));
  return u.toLower(Kazakh());
}

}  // namespace

std::string ToNfc(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(text);
  icu::UnicodeString normalized = nfc->normalize(U(text), status);
  if (U_FAILURE(status)) return std::string(text);
  return Utf8(normalized);
}

std::string ToLower(std::string_view text) { return Utf8(Lowered(U(text))); }
std::string ToUpper(std::string_view text) { return Utf8(U(text).toUpper(Kazakh())); }

std::string TitleCaseWord(std::string_view word) {
  icu::UnicodeString u = Lowered(U(word));
  bool start = true;
  icu::UnicodeString out;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (start && u_isalpha(c)) {
      out.append(static_cast<UChar32>(u_toupper(c)));
      start = false;
    } else {
      out.append(c);
      if (c == '-' || c == '.' || u_isspace(c)) start = true;
    }
  }
  return Utf8(out);
}

bool IsAllCaps(std::string_view text) {
  icu::UnicodeString u = U(text);
  int letters = 0;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (!u_isalpha(c)) continue;
    if (u_islower(c)) return false;
    ++letters;
  }
  return letters >= 2;
}

bool IsCaselessLetter(char32_t c) {
  return IsLetter(c) && !u_isupper(static_cast<UChar32>(c)) && !u_islower(static_cast<UChar32>(c));
}

bool IsQuestionMark(char32_t c) { return c == U'?' || c == U'\u061F'; }

bool StartsUpper(std::string_view text) {
  icu::UnicodeString u = U(text);
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (u_isalpha(c)) return u_isupper(c) || u_istitle(c);
  }
  return false;
}

size_t CodePointCount(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

char32_t FirstCodePoint(std::string_view text, size_t* length) {
  if (text.empty()) {
    if (length) *length = 0;
    return 0;
  }
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
  if (length) *length = static_cast<size_t>(i);
  return c < 0 ? 0xFFFD : static_cast<char32_t>(c);
}

char32_t LastCodePoint(std::string_view text) {
  if (text.empty()) return 0;
  int32_t i = static_cast<int32_t>(text.size());
  UChar32 c;
  U8_PREV(reinterpret_cast<const uint8_t*>(text.data()), 0, i, c);
  return c < 0 ? 0xFFFD : static_cast<char32_t>(c);
}

bool IsLetter(char32_t c) { return u_isalpha(static_cast<UChar32>(c)); }

void AppendUtf8(std::string& out, char32_t c) {
  char buf[4];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, static_cast<UChar32>(c), error);
  if (!error) out.append(buf, static_cast<size_t>(n));
}

std::u32string ToUtf32(std::string_view text) {
  std::u32string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t len = 0;
    out.push_back(FirstCodePoint(text.substr(i), &len));
    i += len ? len : 1;
  }
  return out;
}

std::string FromUtf32(std::u32string_view text) {
  std::string out;
  for (char32_t c : text) AppendUtf8(out, c);
  return out;
}

std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  size_t i = 0;
  while (i < text.size()) {
    size_t len = 0;
    char32_t c = FirstCodePoint(text.substr(i), &len);
    if (u_isUWhiteSpace(static_cast<UChar32>(c))) {
      if (!current.empty()) words.push_back(std::move(current));
      current.clear();
    } else {
      current.append(text.substr(i, len));
    }
    i += len;
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

std::string CollapseSpaces(std::string_view text) {
  std::string out;
  for (const std::string& w : SplitWords(text)) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

namespace {

/// Calls `visit(c, bytes)` for each code point of `text` in order, with c < 0 for an
/// invalid byte (`bytes` is then that byte); stops when `visit` returns false.
template <typename Visit>
void WalkUtf8(std::string_view text, Visit visit) {
  const auto* data = reinterpret_cast<const uint8_t*>(text.data());
  const auto size = static_cast<int32_t>(std::min<size_t>(text.size(), INT32_MAX));
  int32_t i = 0;
  while (i < size) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(data, i, size, c);
    if (c < 0) i = start + 1;
    if (!visit(c, text.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)))) return;
  }
}

bool IsControl(UChar32 c) { return u_iscntrl(c) || c == 0x2028 || c == 0x2029; }

}  // namespace

size_t ValidUtf8Length(std::string_view bytes) {
  size_t length = 0;
  WalkUtf8(bytes, [&length](UChar32 c, std::string_view b) {
    if (c <= 0) return false;
    length += b.size();
    return true;
  });
  return length;
}

bool IsValidUtf8(std::string_view text) { return ValidUtf8Length(text) == text.size(); }

std::string Printable(std::string_view text) {
  std::string out;
  WalkUtf8(text, [&out](UChar32 c, std::string_view bytes) {
    if (c >= 0 && !IsControl(c)) {
      out += bytes;
      return true;
    }
    const unsigned code = c < 0 ? static_cast<unsigned char>(bytes[0]) : static_cast<unsigned>(c);
    char buf[12];
    std::snprintf(buf, sizeof buf, code < 0x100 ? "\\x%02X" : "\\u%04X", code);
    out += buf;
    return true;
  });
  return out;
}

std::string WithoutControls(std::string_view text) {
  std::string out;
  WalkUtf8(text, [&out](UChar32 c, std::string_view bytes) {
    out += c < 0 ? std::string_view("\xEF\xBF\xBD") : IsControl(c) ? std::string_view(" ") : bytes;
    return true;
  });
  return out;
}

std::string EscapeMarkup(std::string_view text) {
  std::string out;
  WalkUtf8(WithoutControls(text), [&out](UChar32 c, std::string_view bytes) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case 0xFFFE: case 0xFFFF: break;
      default: out += bytes;
    }
    return true;
  });
  return out;
}

std::string CapBytes(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  const std::string_view ellipsis = " \u2026";
  size_t room = max_bytes > ellipsis.size() ? max_bytes - ellipsis.size() : 0;
  size_t cut = room;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // a code point's start
  size_t space = text.substr(0, cut + 1).find_last_of(' ');
  if (space != std::string_view::npos && space > 0) cut = space;
  std::string out(text.substr(0, cut));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + std::string(ellipsis);
}

}  // namespace dauys
