#include "text/gender.h"

#include <algorithm>
#include <array>

#include "text/word_lists.h"
#include "util/atomic_file.h"
#include "util/key_value.h"
#include "util/unicode.h"

namespace dauys {

namespace {

bool EndsWith(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

/// The name's words, lower case, letters only.
std::vector<std::string> LowerWords(std::string_view name) {
  std::vector<std::string> words;
  for (const std::string& w : SplitWords(ToLower(name))) {
    std::string letters;
    for (char32_t c : ToUtf32(w)) {
      if (IsLetter(c) || c == U'-') AppendUtf8(letters, c);
    }
    if (!letters.empty()) words.push_back(letters);
  }
  return words;
}

/// A surname's or patronymic's ending: -ова, -ева, -ина, -ская, -қызы for women;
/// -ов, -ев, -ин, -ский, -ұлы, -улы for men.
std::string GenderOfSurname(std::string_view w) {
  static const std::array<std::string_view, 9> kFemale = {"ова", "ева", "ёва", "ина", "ына", "ская", "цкая", "қызы", "кызы"};
  static const std::array<std::string_view, 9> kMale = {"ов", "ев", "ёв", "ин", "ын", "ский", "цкий", "ұлы", "улы"};
  for (std::string_view t : kFemale) {
    if (EndsWith(w, t) && w.size() > t.size() + 2) return "female";
  }
  for (std::string_view t : kMale) {
    if (EndsWith(w, t) && w.size() > t.size() + 2) return "male";
  }
  return "";
}

}  // namespace

Expected<NameGenders> NameGenders::Parse(std::string_view text, const std::string& source) {
  if (size_t valid = ValidUtf8Length(text); valid < text.size()) {
    const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(valid), '\n'));
    return Error{Where(source, line) + "invalid UTF-8 or a NUL byte; this is not a text file"};
  }
  NameGenders names;
  std::set<std::string>* section = nullptr;
  for (const SettingLine& l : SettingLines(text)) {
    if (l.text == "[female]") {
      section = &names.female;
    } else if (l.text == "[male]") {
      section = &names.male;
    } else if (l.text.front() == '[') {
      return Error{Where(source, l.line) + "unknown section " + l.text + " (known: [female], [male])"};
    } else if (!section) {
      return Error{Where(source, l.line) + "names before [female] or [male]"};
    } else {
      for (const std::string& w : LowerWords(l.text)) section->insert(w);
    }
  }
  return names;
}

Expected<NameGenders> NameGenders::Load(const std::filesystem::path& voices_dir) {
  const std::filesystem::path file = voices_dir / "names.txt";
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return NameGenders{};
  Expected<std::string> text = ReadWholeFile(file);
  if (!text) return text.error();
  return Parse(*text, file.string());
}

std::string GenderOfName(std::string_view name, const NameGenders& names) {
  std::vector<std::string> words = LowerWords(name);
  if (words.empty()) return "";
  // A patronymic or surname says it most surely ("Сәкенов Ерлан" too); then the first
  // name, first in the name or, after a surname, last. A surname made of a man's name
  // ("Бақыт Төлеген") says nothing.
  for (size_t i = words.size(); i-- > 0;) {
    if (std::string g = GenderOfSurname(words[i]); !g.empty()) return g;
  }
  auto first_name = [&names](const std::string& w) -> std::string {
    if (names.female.count(w)) return "female";
    if (names.male.count(w)) return "male";
    return "";
  };
  return first_name(words.front());
}

std::vector<std::string> AddressWords(std::string_view text) { return LowerWords(text); }

std::string GenderFromAddress(const std::vector<std::string>& words, std::string_view first, const WordLists& lists) {
  std::vector<std::string> who = LowerWords(first);
  if (who.empty()) return "";
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    if (words[i] != who.front()) continue;
    if (HasWord(lists.address_female, words[i + 1])) return "female";
    if (HasWord(lists.address_male, words[i + 1])) return "male";
  }
  return "";
}

}  // namespace dauys
