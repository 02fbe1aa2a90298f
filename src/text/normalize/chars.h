#pragma once
// Character classes the normalizer's stages share, so that a tokenizer, a classifier
// and a verbalizer agree on what a digit, a hyphen or a dash is.

#include <unicode/uchar.h>

#include <string>
#include <string_view>

namespace dauys::normalize {

using u32 = std::u32string;
using u32v = std::u32string_view;

inline bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
inline bool IsAlpha(char32_t c) { return u_isalpha(static_cast<UChar32>(c)); }
inline bool IsUpper(char32_t c) { return u_isupper(static_cast<UChar32>(c)); }
inline bool IsLower(char32_t c) { return u_islower(static_cast<UChar32>(c)); }
inline bool IsSpace(char32_t c) { return u_isUWhiteSpace(static_cast<UChar32>(c)); }
/// Spaces that may separate thousands groups: "45 000".
inline bool IsGroupSpace(char32_t c) { return c == U' ' || c == U'\u00A0' || c == U'\u2009' || c == U'\u202F'; }
inline bool IsHyphen(char32_t c) { return c == U'-' || c == U'\u2010' || c == U'\u2011'; }
inline bool IsDash(char32_t c) {
  return c == U'\u2012' || c == U'\u2013' || c == U'\u2014' || c == U'\u2015' || c == U'\u2212' || c == U'\u2500';
}
inline bool IsCyrillic(char32_t c) { return c >= 0x0400 && c <= 0x04FF; }
/// Basic Latin letters only (the English alphabet).
inline bool IsLatin(char32_t c) { return (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z'); }
inline char32_t LowerChar(char32_t c) { return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))); }
inline char32_t UpperChar(char32_t c) { return static_cast<char32_t>(u_toupper(static_cast<UChar32>(c))); }

inline size_t SkipSpaces(u32v s, size_t i) {
  while (i < s.size() && IsSpace(s[i])) ++i;
  return i;
}

/// True when every letter of `w` is a capital and it has at least one.
inline bool AllUpper(u32v w) {
  int letters = 0;
  for (char32_t c : w) {
    if (!IsAlpha(c)) continue;
    if (!IsUpper(c)) return false;
    ++letters;
  }
  return letters > 0;
}

inline bool StartsWith(u32v w, u32v prefix) { return w.substr(0, prefix.size()) == prefix; }

}  // namespace dauys::normalize
