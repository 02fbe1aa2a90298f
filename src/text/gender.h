#pragma once
// A woman's words in a woman's voice. A named speaker's gender is read from the name
// and from how others address them: Kazakh and Russian surnames and patronymics end
// differently for women and men (-ова/-ева/-ина/-қызы against -ов/-ев/-ин/-ұлы), first
// names come from a list kept as data (voices/names.txt, editable like the lexicon),
// and forms of address say it (Гүлнар апай, Айгүл ханым, Ерлан аға, Серік мырза). The
// segmenter then casts each interviewee onto a voice profile of that gender
// (`gender = female` in the profile); an unknown gender keeps the casting by order.
//
//   voices/names.txt:
//     [female]
//     Айгүл Гүлнар Сәуле
//     [male]
//     Ерлан Серік Нұрлан

#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace dauys {

struct WordLists;

/// The first names whose gender is known, from voices/names.txt.
struct NameGenders {
  std::set<std::string> female, male;  ///< Lower case.

  static Expected<NameGenders> Parse(std::string_view text, const std::string& source);
  /// voices/names.txt; an empty list when the file is missing.
  static Expected<NameGenders> Load(const std::filesystem::path& voices_dir);
};

/// "female", "male", or "" when neither the name nor the list tells. Any script: a
/// name in Latin or Arabic letters is read through `as_cyrillic` by the caller.
std::string GenderOfName(std::string_view name, const NameGenders& names);

/// A text's words as GenderFromAddress reads them: lower case, letters only.
std::vector<std::string> AddressWords(std::string_view text);

/// "female" or "male" when the text of `words` (AddressWords) addresses the person whose
/// first name is `first` with a form of address that tells ("Гүлнар апай", "Ерлан
/// аға": `lists.address_female`, `lists.address_male`), else "".
std::string GenderFromAddress(const std::vector<std::string>& words, std::string_view first, const WordLists& lists);

}  // namespace dauys
