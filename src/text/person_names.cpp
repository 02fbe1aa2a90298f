#include "text/person_names.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "text/word_lists.h"
#include "util/unicode.h"

namespace dauys {

namespace {

bool IsUpper(char32_t c) { return u_isupper(static_cast<UChar32>(c)); }


/// Set in capitals: all its cased letters are capitals (a caseless word never is).
bool IsShouted(std::string_view word) {
  if (!IsAllCaps(word)) return false;
  for (char32_t c : ToUtf32(word)) {
    if (IsUpper(c)) return true;
  }
  return false;
}

size_t WordCount(std::string_view s) { return SplitWords(s).size(); }

bool EndsWith(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

/// The word without punctuation around it ("«Мұстафин»," -> "Мұстафин").
std::string Bare(std::string_view word) {
  std::u32string u = ToUtf32(word);
  size_t b = 0, e = u.size();
  while (b < e && !IsLetter(u[b])) ++b;
  while (e > b && !IsLetter(u[e - 1])) --e;
  return FromUtf32(u.substr(b, e - b));
}

bool EndsSentence(std::string_view word) {
  char32_t last = LastCodePoint(word);
  return last == U'.' || last == U'!' || last == U'?' || last == U'…' || last == U':' || last == U';';
}

/// A capitalised word of letters and hyphens ("Қасым-Жомарт", "ЖОМАРТ").
bool IsNameWord(std::string_view word) {
  std::u32string u = ToUtf32(word);
  if (u.size() < 2 || !(IsUpper(u[0]) || IsCaselessLetter(u[0]))) return false;
  return std::all_of(u.begin(), u.end(), [](char32_t c) { return IsLetter(c) || c == U'-'; });
}

/// A word that stands capitalised before a name without being part of it
/// ([title-words] of voices/words.txt).
bool IsTitleWord(std::string_view word, const WordLists& lists) { return HasWord(lists.title_words, ToLower(word)); }

// Case and possessive endings a name takes, longest first within each group.
// Cyrillic, then the Latin alphabets of 2018 and 2021 (and the forms of the 2021 draft
// pages still use: nıñ for ның) and the digraph Latin of abai.kz (nyng).
// The Arabic script writes ы and і alike (ى) and has no capitals.
constexpr std::array<std::string_view, 21> kUnambiguousEndings = {
    "мен", "бен", "пен", "ның", "нің", "дың", "men", "ben", "pen", "nyń", "niń", "nıñ", "niñ", "nyñ", "nyng", "ning",
    "مەن", "بەن", "پەن", "نىڭ", "دىڭ"};
constexpr std::array<std::string_view, 85> kSurnameEndings = {
    "مەن", "بەن", "پەن", "نىڭ", "دىڭ", "تىڭ", "نان", "نەن", "دان", "دەن", "تان", "تەن", "عا", "گە",
    "قا", "كە", "نى", "دى", "تى",
    "мен", "бен", "пен", "ның", "нің", "дың", "дің", "тың", "тің", "нан", "нен", "дан", "ден",
    "тан", "тен", "ға", "ге", "қа", "ке", "ны", "ні", "ды", "ді", "ты", "ті", "на",
    "men", "ben", "pen", "nyń", "niń", "dyń", "diń", "tyń", "tiń", "nıñ", "niñ", "dıñ", "diñ",
    "tıñ", "tiñ", "nyñ", "dyñ", "tyñ", "nyng", "dyng", "tyng", "nan", "nen", "dan", "den", "tan", "ten", "ǵa", "ğa", "ge", "qa", "ke",
    "ny", "ni", "dy", "di", "ty", "ti", "nı", "dı"};

/// A word of respect written inside a name: "Оңғар қажы Өмірбек".
bool IsHonorific(std::string_view word) {
  std::string lower = ToLower(word);
  return lower == "қажы" || lower == "qajy" || lower == "qajı" || lower == "قاجى";
}

bool IsPatronymic(std::string_view word) {
  std::string lower = ToLower(StripCaseEnding(word));
  return lower.size() > 8 && (EndsWith(lower, "ұлы") || EndsWith(lower, "қызы") || EndsWith(lower, "улы") ||
                              EndsWith(lower, "вич") || EndsWith(lower, "вна") || EndsWith(lower, "uly") ||
                              EndsWith(lower, "ūly") || EndsWith(lower, "qyzy") || EndsWith(lower, "qızı") ||
                              EndsWith(lower, "úly") || EndsWith(lower, "ۇلى") || EndsWith(lower, "قىزى"));
}

/// The name a capitalised word at `k` of `words` ends: the surname with its ending
/// stripped, with the given name before it (a patronymic between them is left out).
/// Unless `any_surname`, the surname must read as one ("-ов", "-ұлы", capitals); in a
/// script without capitals it always must.
std::optional<std::string> NameEndingAt(const std::vector<std::string>& words, size_t k, const WordLists& lists,
                                        bool any_surname = false, bool cautious = false) {
  std::string surname = Bare(words[k]);
  if (!IsNameWord(surname) || IsTitleWord(surname, lists)) return std::nullopt;
  std::string stem = StripCaseEnding(surname);
  if ((!any_surname || IsCaselessLetter(FirstCodePoint(stem))) && !LooksLikeSurname(stem)) return std::nullopt;
  cautious = cautious && !LooksLikeSurname(stem);
  size_t g = k;
  if (g >= 2 && IsPatronymic(Bare(words[g - 1])) && !EndsSentence(words[g - 2]) && IsNameWord(Bare(words[g - 2]))) --g;
  // "Оңғар қажы Өмірбек": an honorific inside the name stays in it.
  std::string honorific;
  if (g >= 2 && IsHonorific(words[g - 1]) && IsNameWord(Bare(words[g - 2])) && !EndsSentence(words[g - 2])) {
    honorific = words[--g] + " ";
  }
  if (g == 0 || EndsSentence(words[g - 1])) return std::nullopt;
  std::string given = Bare(words[g - 1]);
  if (!IsNameWord(given) || IsTitleWord(given, lists) || given != words[g - 1]) return std::nullopt;
  // With a surname that does not read as one, the pair must not be a sentence's first
  // word ("Кеше Асқармен…": yesterday) or an adjective ("Ұлттық Банкпен").
  if (cautious) {
    if (g == 1 || EndsSentence(words[g - 2])) return std::nullopt;
    const std::string lower = ToLower(given);
    for (std::string_view tail : {"тық", "тік", "дық", "дік", "лық", "лік", "ғы", "гі", "қы", "кі"}) {
      if (EndsWith(lower, tail)) return std::nullopt;
    }
  }
  return TidyName(given + " " + honorific + stem);
}

/// A name written surname first, as documents and official leads do: "Сәкенова Динара
/// Ерланқызы(мен)" at `k` -> "Динара Сәкенова". The patronymic, which takes the case
/// ending in this order, is what makes the order certain.
std::optional<std::string> SurnameFirstAt(const std::vector<std::string>& words, size_t k,
                                          const WordLists& lists) {
  if (k + 2 >= words.size() || EndsSentence(words[k]) || EndsSentence(words[k + 1])) return std::nullopt;
  const std::string surname = Bare(words[k]), given = Bare(words[k + 1]);
  if (surname != words[k] || given != words[k + 1] || !IsNameWord(surname) || !IsNameWord(given)) return std::nullopt;
  if (IsTitleWord(surname, lists) || IsTitleWord(given, lists) || !LooksLikeSurname(surname) || LooksLikeSurname(given)) {
    return std::nullopt;
  }
  if (!IsNameWord(Bare(words[k + 2])) || !IsPatronymic(Bare(words[k + 2]))) return std::nullopt;
  return TidyName(given + " " + surname);
}

/// "…Әмірхан Балқыбекпен осы төңіректе сұхбат құрдық": "-мен", "-бен", "-пен" (with)
/// before a word of talking marks the person talked with, whatever the surname.
bool IsComitative(std::string_view word) {
  std::string lower = ToLower(Bare(word));
  for (std::string_view ending : {"мен", "бен", "пен", "men", "ben", "pen", "مەن", "بەن", "پەن"}) {
    if (EndsWith(lower, ending) && ToUtf32(lower).size() > ToUtf32(ending).size() + 2) return true;
  }
  return false;
}

/// "…айтыскер ақын Шорабек Айдаров… ардақты ақынмен сұхбат құрдық": the word the lead
/// talked with ("ақынмен") names the person it stood before earlier ("ақын Name Surname").
/// `at` lists where each word stands, lower-cased without punctuation.
std::optional<std::string> NameAfterNoun(const std::vector<std::string>& words,
                                         const std::map<std::string, std::vector<size_t>>& at, size_t before,
                                         const std::string& noun, const WordLists& lists) {
  auto places = at.find(noun);
  if (ToUtf32(noun).size() < 3 || places == at.end()) return std::nullopt;
  for (size_t j : places->second) {
    if (j + 2 >= before) break;
    if (EndsSentence(words[j])) continue;
    if (auto name = NameEndingAt(words, j + 2, lists, true)) return name;
  }
  return std::nullopt;
}

/// A word of talking ([talk-words]): a name a few words before it is the guest's.
bool IsTalkWord(std::string_view lower, const WordLists& lists) { return StartsWithWord(lists.talk_words, lower); }

/// A word presenting the guest ([guest-words]).
bool IsGuestWord(std::string_view lower, const WordLists& lists) { return StartsWithWord(lists.guest_words, lower); }

/// "Бүгінгі қонағымыз – жас бағдарламашы Name Surname." : the last name of the
/// sentence that follows the guest word.
std::optional<std::string> GuestPresented(const std::vector<std::string>& words, const WordLists& lists) {
  for (size_t i = 0; i < words.size(); ++i) {
    if (!IsGuestWord(ToLower(Bare(words[i])), lists)) continue;
    std::optional<std::string> last;
    for (size_t k = i + 1; k < words.size(); ++k) {
      if (auto name = NameEndingAt(words, k, lists, true)) last = name;
      if (EndsSentence(words[k]) && LastCodePoint(words[k]) != U':') break;
    }
    if (last) return last;
  }
  return std::nullopt;
}

}  // namespace

std::string LowerNoDots(std::string_view s) {
  std::string out;
  for (char c : ToLower(s)) {
    if (c != '.' && c != ' ') out += c;
  }
  return out;
}

bool IsInitialsToken(std::string_view token) {
  std::u32string u = ToUtf32(token);
  bool saw_dot = false;
  bool expect_letter = true;
  for (char32_t c : u) {
    if (expect_letter) {
      if (!IsUpper(c)) return false;
      expect_letter = false;
    } else if (c == U'.') {
      saw_dot = true;
      expect_letter = true;
    } else {
      return false;
    }
  }
  return saw_dot || u.size() == 1;
}

bool IsAllInitials(std::string_view text) {
  std::vector<std::string> words = SplitWords(text);
  return !words.empty() && std::all_of(words.begin(), words.end(), [](const std::string& w) {
    return IsInitialsToken(w);
  });
}

std::string TidyName(std::string_view name) {
  std::string out;
  for (const std::string& w : SplitWords(name)) {
    if (!out.empty()) out += ' ';
    out += IsShouted(w) && !IsInitialsToken(w) ? TitleCaseWord(w) : w;
  }
  return out;
}

std::string StripCaseEnding(std::string_view word) {
  std::string lower = ToLower(word);
  std::u32string original = ToUtf32(word);
  auto cut = [&](std::string_view ending) {
    size_t stem_points = original.size() - ToUtf32(ending).size();
    return FromUtf32(original.substr(0, stem_points));
  };
  for (std::string_view ending : kSurnameEndings) {
    if (!EndsWith(lower, ending) || ToUtf32(lower).size() < ToUtf32(ending).size() + 4) continue;
    std::string stem = cut(ending);
    bool unambiguous = std::find(kUnambiguousEndings.begin(), kUnambiguousEndings.end(), ending) !=
                       kUnambiguousEndings.end();
    if (unambiguous || LooksLikeSurname(stem)) return stem;
  }
  return std::string(word);
}

bool LooksLikeSurname(std::string_view word) {
  std::string lower = ToLower(word);
  if (ToUtf32(lower).size() < 4) return false;
  for (std::string_view tail : {"ов", "ев", "ёв", "ова", "ева", "ин", "ина", "ын", "ына", "ұлы", "улы",
                                "қызы", "кызы", "ский", "ская", "енко", "ук", "дзе", "ян", "ov", "ev",
                                "ova", "eva", "in", "ina", "uly", "ūly", "úly", "ulı", "qyzy", "qızı",
                                "وۆ", "ەۆ", "وۆا", "ەۆا", "ين", "ينا", "ۇلى", "قىزى"}) {
    if (EndsWith(lower, tail)) return true;
  }
  return IsShouted(word);
}

std::optional<std::string> IntervieweeFromLead(std::string_view lead, const WordLists& lists) {
  std::vector<std::string> words = SplitWords(lead);
  std::map<std::string, std::vector<size_t>> at;  // each word's places, made when first needed
  std::set<std::string> nouns_tried;               // "ақын" of "ақынмен"
  // "…Рүстем Мұстафинмен поэзия туралы сұхбаттастық": the name a few words before.
  for (size_t i = 1; i < words.size(); ++i) {
    if (!IsTalkWord(ToLower(Bare(words[i])), lists)) continue;
    size_t looked = 0;
    for (size_t k = i; k-- > 0 && looked < 5;) {
      // "…Тұрсынбаевтан «Мектепті салуға не түрткі болды?» деп сұрадық": skip the quote.
      if (words[k].find("»") != std::string::npos) {
        // At most 60 words back: a long lead of quotes stays linear.
        for (size_t back = 0; k > 0 && back < 60 && words[k].find("«") == std::string::npos; ++back) --k;
        continue;
      }
      if (EndsSentence(words[k])) break;
      ++looked;
      if (k >= 2) {
        if (auto name = SurnameFirstAt(words, k - 2, lists)) return name;
      }
      if (auto name = NameEndingAt(words, k, lists, IsComitative(words[k]), /*cautious=*/true)) return name;
      if (IsComitative(words[k]) && !StartsUpper(words[k])) {
        std::u32string noun = ToUtf32(ToLower(Bare(words[k])));
        noun.resize(noun.size() - 3);
        if (!nouns_tried.insert(FromUtf32(noun)).second) continue;  // each noun once: a long lead stays linear
        if (at.empty()) {
          for (size_t j = 0; j < words.size(); ++j) at[ToLower(Bare(words[j]))].push_back(j);
        }
        if (auto name = NameAfterNoun(words, at, k, FromUtf32(noun), lists)) return name;
      }
    }
  }
  if (auto guest = GuestPresented(words, lists)) return guest;
  // A full name the lead repeats is the person it is about.
  std::vector<std::string> seen;
  for (size_t k = 1; k < words.size(); ++k) {
    std::optional<std::string> name = NameEndingAt(words, k, lists, true);
    if (!name) continue;
    if (std::find(seen.begin(), seen.end(), *name) != seen.end()) return name;
    seen.push_back(*name);
  }
  // A name given in full, surname first with the patronymic, presents its person.
  for (size_t k = 0; k + 2 < words.size(); ++k) {
    if (auto name = SurnameFirstAt(words, k, lists)) return name;
  }
  return std::nullopt;
}

std::optional<std::string> NameFromHeadline(std::string_view headline, const WordLists& lists) {
  std::string text = CollapseSpaces(headline);
  const bool shouting = IsShouted(text);
  auto name_words = [&](std::string_view part) -> std::optional<std::string> {
    std::vector<std::string> words = SplitWords(part);
    if (words.size() < 2 || words.size() > 3) return std::nullopt;
    for (const std::string& w : words) {
      if (!IsNameWord(w) || IsTitleWord(w, lists)) return std::nullopt;
      if (shouting && IsShouted(words.front())) return std::nullopt;
    }
    if (IsCaselessLetter(FirstCodePoint(words.back())) && !LooksLikeSurname(StripCaseEnding(words.back()))) return std::nullopt;
    return TidyName(part);
  };
  // "NAME SURNAME, role: QUOTE" and "Name Surname: «quote»".
  size_t colon = text.find(':');
  if (colon != std::string::npos && colon > 0) {
    std::string before = text.substr(0, colon);
    // "С.ҒҰБАШЕВА: «…»": initials glued to a surname that reads as one.
    if (size_t dot = before.rfind('.'); dot != std::string::npos && before.find(' ') == std::string::npos &&
                                        IsInitialsToken(before.substr(0, dot + 1))) {
      const std::string surname = before.substr(dot + 1);
      if (IsNameWord(surname) && LooksLikeSurname(surname)) return TidyName(before.substr(0, dot + 1) + " " + surname);
    }
    size_t comma = before.find(',');
    if (auto name = name_words(comma == std::string::npos ? before : before.substr(0, comma))) return name;
    // "Жазушы-журналист, сыншы Аян НЫСАНАЛИН: …": the name closes the label.
    std::vector<std::string> words = SplitWords(before.substr(comma == std::string::npos ? 0 : comma + 1));
    if (words.size() > 2 && IsShouted(words.back()) && !IsShouted(words[words.size() - 2])) {
      if (auto name = name_words(words[words.size() - 2] + " " + words.back())) return name;
    }
  }
  // "ОРТАҚ ӘҢГІМЕ: ЕЛЕН ӘЛІМЖАН": the name after the colon.
  if (colon != std::string::npos && colon > 0) {
    std::string after = CollapseSpaces(text.substr(colon + 1));
    std::vector<std::string> words = SplitWords(after);
    if (words.size() >= 2 && words.size() <= 3 &&
        std::all_of(words.begin(), words.end(),
                    [&lists](const std::string& w) { return IsNameWord(w) && !IsTitleWord(w, lists); }) &&
        LooksLikeSurname(StripCaseEnding(words.back()))) {
      return TidyName(after);
    }
  }
  // "Title - Name Surname", "«Quote» – Name SURNAME, role".
  for (std::string_view dash : {" – ", " — ", " - ", " ─ "}) {
    size_t at = text.rfind(dash);
    if (at == std::string::npos) continue;
    std::string tail = text.substr(at + dash.size());
    tail = tail.substr(0, tail.find(','));
    while (!tail.empty() && (tail.back() == '.' || tail.back() == ' ')) tail.pop_back();
    if (IsShouted(tail)) continue;  // "…: ӘДЕБИЕТ – МЕМЛЕКЕТТІҢ ИДЕОЛОГИЯСЫ" is a title in capitals
    if (auto name = name_words(tail)) return name;
  }
  return std::nullopt;
}

std::optional<std::string> SlashedByline(std::string_view text) {
  size_t open = text.find('/');
  if (open == std::string_view::npos || open > 200) return std::nullopt;
  size_t close = text.find('/', open + 1);
  if (close == std::string_view::npos || close - open > 80) return std::nullopt;
  std::string inside = CollapseSpaces(text.substr(open + 1, close - open - 1));
  std::vector<std::string> words = SplitWords(inside);
  if (words.size() < 2 || words.size() > 3) return std::nullopt;
  for (const std::string& w : words) {
    if (!IsNameWord(w)) return std::nullopt;
  }
  if (IsCaselessLetter(FirstCodePoint(words.back())) && !LooksLikeSurname(StripCaseEnding(words.back()))) return std::nullopt;
  return TidyName(inside);
}

std::optional<std::string> BylineName(std::string_view text, const WordLists& lists, bool anywhere) {
  std::string collapsed = CollapseSpaces(text);
  if (!anywhere && WordCount(collapsed) > 10) return std::nullopt;
  std::string lower = ToLower(collapsed);
  for (const std::string& opener : lists.byline_verbs) {
    size_t at = lower.find(opener);
    if (at == std::string::npos || (!anywhere && at != 0)) continue;
    if (at != 0 && lower[at - 1] != ' ') continue;
    std::vector<std::string> rest = SplitWords(collapsed.substr(at + opener.size()));
    std::string name;
    for (const std::string& w : rest) {
      std::string bare = Bare(w);
      if (bare.empty() || w == "–" || w == "-" || w == "—" || w == ":") continue;
      if (!IsNameWord(bare) || WordCount(name) >= 3) break;
      name += (name.empty() ? "" : " ") + bare;
      if (EndsSentence(w) || LastCodePoint(w) == U',') break;
    }
    if (!name.empty()) return name;
    if (!anywhere) return std::string();
  }
  return std::nullopt;
}

bool IsBareName(std::string_view text, const WordLists& lists) {
  std::vector<std::string> words = SplitWords(text);
  if (words.size() < 2 || words.size() > 3) return false;
  bool surname = false, all_caps = true;
  for (size_t i = 0; i < words.size(); ++i) {
    std::string w = words[i];
    if (i + 1 == words.size() && (LastCodePoint(w) == U',' || LastCodePoint(w) == U'.')) w = Bare(w);
    if (!IsNameWord(w) || IsTitleWord(w, lists)) return false;
    surname |= LooksLikeSurname(w);
    all_caps &= IsShouted(w);
  }
  return surname && !all_caps;  // a line all in capitals is a headline, not a name
}

bool IsOutletName(std::string_view label) {
  std::string lower = ToLower(label);
  for (std::string_view tld : {".kz", ".com", ".info", ".ru", ".org", ".net"}) {
    if (lower.find(tld) != std::string::npos) return true;
  }
  return false;
}

std::optional<std::string> AddressedName(std::string_view turn, const WordLists& lists) {
  std::vector<std::string> words = SplitWords(turn);
  std::string name;
  for (size_t i = 0; i < words.size() && i < 3; ++i) {
    std::string bare = Bare(words[i]);
    std::string lower = ToLower(bare);
    if (HasWord(lists.kinship_words, lower)) return name.empty() ? std::nullopt : std::optional(name);
    if (!IsNameWord(bare) || IsTitleWord(bare, lists)) return std::nullopt;
    name += (name.empty() ? "" : " ") + bare;
    char32_t end = LastCodePoint(words[i]);
    // Without capitals, only a form of address tells a name ("Рақмет!" is none).
    if ((end == U',' || end == U'!') && !IsCaselessLetter(FirstCodePoint(name))) return name;
  }
  return std::nullopt;
}

std::optional<std::string> FullNameStartingWith(std::string_view text, std::string_view given,
                                                const WordLists& lists) {
  std::vector<std::string> words = SplitWords(text);
  std::string first = SplitWords(given).empty() ? std::string() : SplitWords(given).front();
  for (size_t k = 1; k < words.size(); ++k) {
    if (Bare(words[k - 1]) != first) continue;
    if (auto name = NameEndingAt(words, k, lists, true)) return name;
  }
  return std::nullopt;
}

bool SamePerson(std::string_view a, std::string_view b) {
  if (LowerNoDots(a) == LowerNoDots(b)) return true;
  std::vector<std::string> wa = SplitWords(a), wb = SplitWords(b);
  auto initials_of = [](std::string_view name) {
    std::string out;
    for (const std::string& w : SplitWords(name)) {
      AppendUtf8(out, static_cast<char32_t>(u_toupper(static_cast<UChar32>(FirstCodePoint(w)))));
    }
    return out;
  };
  if (IsAllInitials(a) && !IsAllInitials(b)) return LowerNoDots(a) == LowerNoDots(initials_of(b));
  if (IsAllInitials(b) && !IsAllInitials(a)) return LowerNoDots(b) == LowerNoDots(initials_of(a));
  if (wa.empty() || wb.empty()) return false;
  bool same_surname = ToLower(StripCaseEnding(Bare(wa.back()))) == ToLower(StripCaseEnding(Bare(wb.back())));
  if (same_surname) return wa.size() == 1 || wb.size() == 1 || ToLower(wa.front()) == ToLower(wb.front());
  // "Баян Ғаббасқызы" (given name and patronymic) and "Баян Шынтемірова".
  bool patronymic = (wa.size() == 2 && IsPatronymic(wa.back())) || (wb.size() == 2 && IsPatronymic(wb.back()));
  return patronymic && wa.size() >= 2 && wb.size() >= 2 && ToLower(wa.front()) == ToLower(wb.front());
}

std::string FullNameForLabel(const std::string& label, std::string_view lead) {
  if (IsAllInitials(label)) {
    std::vector<std::string> words = SplitWords(lead);
    for (size_t i = 0; i + 1 < words.size(); ++i) {
      if (!StartsUpper(words[i]) || !StartsUpper(words[i + 1])) continue;
      std::string name = Bare(words[i]) + " " + StripCaseEnding(Bare(words[i + 1]));
      if (SamePerson(label, name)) return TidyName(name);
    }
  }
  return TidyName(label);
}

}  // namespace dauys
