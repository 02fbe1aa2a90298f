#pragma once
// The words that tell who speaks, kept as data: the titles that stand before a name,
// the verbs a byline opens with, the words of talking and of reporting speech, the
// forms of address and the labels of a TV script. A newsroom's pages use words the
// built-in lists lack; an editor adds them to voices/words.txt, as to the lexicon,
// without touching dauys's code. The built-in lists are that file as shipped,
// compiled in, so a voice folder without it decides as before.
//
//   voices/words.txt:
//     [byline-verbs]
//     сұхбаттасқан сұхбатты_жүргізген дайындаған
//     [title-words]
//     профессор академик

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace dauys {

/// Each list in lower case, in the file's order; an entry of several words ('_' in the
/// file) holds them joined by single spaces.
struct WordLists {
  std::vector<std::string> title_words;            ///< capitalised before a name, not of it
  std::vector<std::string> byline_verbs;           ///< open a byline: the interviewer's name follows
  std::vector<std::string> headline_byline_verbs;  ///< a headline may end with a byline opened so
  std::vector<std::string> talk_words;             ///< beginnings of words of talking in a lead
  std::vector<std::string> guest_words;            ///< beginnings of words presenting the guest
  std::vector<std::string> interview_words;        ///< a page calls itself an interview (inside words)
  std::vector<std::string> reporting_verbs;        ///< report speech: a page of told quotes is an article
  std::vector<std::string> kinship_words;          ///< address the guest after a name («Ерлан аға»)
  std::vector<std::string> address_female;         ///< tell a woman after her first name
  std::vector<std::string> address_male;           ///< tell a man after his first name
  std::vector<std::string> tv_voices;              ///< a TV script's labels for the narrator
  std::vector<std::string> question_words;         ///< make a sentence a question without «?»
  std::vector<std::string> lead_asks;              ///< a lead asks the first question itself
  std::vector<std::string> thanks_words;           ///< a short closing line thanks the guest (inside words)

  /// The lists as shipped (voices/words.txt of the source tree, compiled in).
  static const WordLists& BuiltIn();
  /// Parses a words file; `source` names it in errors. A section the file leaves out
  /// keeps its built-in words. An unknown section, words before any section, an entry
  /// that is not letters ('-' inside, '_' between words), invalid UTF-8 or NUL is an
  /// error naming the file and line.
  static Expected<WordLists> Parse(std::string_view text, const std::string& source);
  /// voices/words.txt (at most kMaxSettingsBytes); the built-in lists when it is missing.
  static Expected<WordLists> Load(const std::filesystem::path& voices_dir);
};

/// True when `list` holds `word` (already lower case).
bool HasWord(const std::vector<std::string>& list, std::string_view word);
/// True when `word` (lower case) begins with an entry of `list`.
bool StartsWithWord(const std::vector<std::string>& list, std::string_view word);

}  // namespace dauys
