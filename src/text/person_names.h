#pragma once
// Finds who speaks: the people an interview names in its headline, lead, labels and
// byline. Kazakh inflects names ("Мұстафинмен", "Ұзақовтың", "АШИРИМЕН"), papers set
// surnames in capitals and label turns with initials, so a listener is told the
// guest's name only if these forms are brought back to one nominative name. The words
// around names (titles, byline verbs, words of talking and of address) are data
// (`WordLists`, voices/words.txt).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dauys {

struct WordLists;

/// Lower case without dots and spaces: "Ж.Ж." and "ж ж" compare equal.
std::string LowerNoDots(std::string_view text);

/// "Ж.Ж.", "Қ.Ә", "Д.": capitals separated by dots (a lone capital counts).
bool IsInitialsToken(std::string_view token);
/// True when every word of `text` is an initials token.
bool IsAllInitials(std::string_view text);

/// Proper name from ALL CAPS to title case ("Жанна ЖОМАРТ" -> "Жанна Жомарт"); other
/// words kept.
std::string TidyName(std::string_view name);

/// A surname or name with a Kazakh case or possessive ending brought back to the
/// nominative: "Мұстафинмен" -> "Мұстафин", "Ұзақовтың" -> "Ұзақов", "АШИРИМЕН" ->
/// "АШИРИ". A word without a recognisable ending is returned unchanged.
std::string StripCaseEnding(std::string_view word);

/// True for a word that reads as a surname: "-ов", "-ева", "-ин", "-ұлы", "-қызы" … or
/// set in capitals.
bool LooksLikeSurname(std::string_view word);

/// The guest a lead presents: "…Рүстем Мұстафинмен сұқбаттасқан едік",
/// "Бүгінгі қонағымыз – … Name Surname.", "…Ұзақовтың пікірін білдік".
std::optional<std::string> IntervieweeFromLead(std::string_view lead, const WordLists& words);

/// The speaker a headline names: "NAME SURNAME, role: QUOTE", "Name Surname: «quote»",
/// "Title - Name Surname".
std::optional<std::string> NameFromHeadline(std::string_view headline, const WordLists& words);

/// The interviewer a headline or byline names after a byline verb ("Сұхбаттасқан",
/// "Әңгімелескен" …, `words.byline_verbs`):
/// "Сұхбаттасқан Жанна ЖОМАРТ" -> "Жанна ЖОМАРТ". `anywhere` also finds the opener
/// inside a longer line ("… Сұхбаттасқан Дәурен Қуат").
std::optional<std::string> BylineName(std::string_view text, const WordLists& words, bool anywhere = false);

/// The reporter a news agency's dateline names between slashes:
/// "ҚазАқпарат /Қанат Мәметқазыұлы/ - …" -> "Қанат Мәметқазыұлы".
std::optional<std::string> SlashedByline(std::string_view text);

/// A short line that is only a person's name ("Айгүл СЕЙІЛ", "Дәурен Қуат,"), as a
/// byline without an opener.
bool IsBareName(std::string_view text, const WordLists& words);

/// "El.kz", "Egemen.kz": a label naming the paper, whose turns are the questions.
bool IsOutletName(std::string_view label);

/// The person a turn opens by addressing: "Берік Бақытұлы! …", "Әділхан аға, …" ->
/// "Берік Бақытұлы", "Әділхан".
std::optional<std::string> AddressedName(std::string_view turn, const WordLists& words);

/// The full name in `text` that begins with the given name `given` ("Әділхан" ->
/// "Әділхан Шегеев"), case endings stripped.
std::optional<std::string> FullNameStartingWith(std::string_view text, std::string_view given,
                                                const WordLists& words);

/// Two labels denote one person: same text, same surname (case endings stripped), or
/// the initials of a full name.
bool SamePerson(std::string_view a, std::string_view b);

/// "А.Н" with a lead mentioning "Асқар Нұрбеков" -> "Асқар Нұрбеков"; otherwise the
/// label, tidied.
std::string FullNameForLabel(const std::string& label, std::string_view lead);

}  // namespace dauys
