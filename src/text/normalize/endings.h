#pragma once
// Kazakh endings written after a hyphen ("БҰҰ-ның", "120-дан", "50-ші"): which ones
// the normalizer knows, and how one moves onto a spoken form so that vowel harmony and
// consonant assimilation still hold ("жүз жиырма" + "дан" -> "жүз жиырмадан").

#include <optional>
#include <string>
#include <string_view>

namespace dauys {

/// Attaches a case or plural ending written for one word ("АҚШ-тың") to another spoken
/// form ("а-қы-ша"), choosing the variant Kazakh vowel harmony and consonant
/// assimilation call for ("а-қы-шаның"). Endings it does not know are appended as is.
std::string AttachSuffix(const std::string& spoken, const std::string& written_suffix);

/// The same for a spoken form that ends in a possessive ("Қазақстан Республикасы",
/// "ұйымы"): the endings take the pronominal н ("Республикасына", "ұйымында").
std::string AttachSuffixToPossessive(const std::string& spoken, const std::string& written_suffix);

/// The third-person possessive of a spoken word: "сағат" -> "сағаты", "минут" ->
/// "минуты", "жиырма" -> "жиырмасы".
std::string AttachPossessive(const std::string& spoken);

/// True when the spoken form's last vowel is a front one ("тэ-эм-дэ", "бес").
bool EndsFront(const std::string& spoken);

namespace normalize {

/// True for a lower-case Kazakh vowel letter.
bool IsVowel(char32_t c);
/// True for a case, plural or possessive ending that stays joined to a number
/// ("120-дан"), as opposed to a noun ("3-орын") that makes the number an ordinal.
bool IsEnding(std::u32string_view lower);
/// Length of the ordinal marker that starts `lower` ("ші" in "ші", "інші" in
/// "іншіден"), if any.
std::optional<size_t> OrdinalMarkerLength(std::u32string_view lower);

}  // namespace normalize
}  // namespace dauys
