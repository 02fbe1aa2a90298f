#pragma once
// Letter names, for acronyms spelled letter by letter ("ТМД" -> "тэ-эм-дэ") and
// initials ("М." -> "эм"): Kazakh names for Cyrillic letters, English names written in
// Kazakh Cyrillic for Latin ones ("CNN" -> "си-эн-эн").

#include <string>
#include <string_view>

namespace dauys::normalize {

std::string CyrillicLetterName(char32_t upper);
std::string LatinLetterName(char32_t upper);
/// The name of any letter, by its script.
std::string LetterName(char32_t c);
/// Every letter of `word` by name, joined by hyphens.
std::string Spell(std::u32string_view word);

}  // namespace dauys::normalize
