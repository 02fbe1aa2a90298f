#pragma once
// An audiobook begins by saying what it is: the narrator reads the book's title and,
// when it is known, its author, before the first chapter («Су тапшылығы. Авторы —
// Айгүл Серікова.»). The words are data (voices/opening.txt), so an editor can change
// them; the opening is a segment of its own, cached like the others, and part of the
// Script, so `plan` shows it and every transcript holds it.

#include <filesystem>
#include <string>
#include <string_view>

#include "util/error.h"

namespace dauys {

struct Script;

/// voices/opening.txt: the sentence said with a known author and without one, each with
/// {title} (and {author}) to be replaced.
struct OpeningWords {
  std::string with_author = "{title}. Авторы — {author}.";
  std::string without_author = "{title}.";

  /// The opening of a book called `title` by `author` ("": not known).
  std::string Say(const std::string& title, const std::string& author) const;
};

/// Parses opening.txt; a template without {title}, or with {author} where no author is
/// known, is an error naming `source` and its line.
Expected<OpeningWords> ParseOpeningWords(std::string_view text, const std::string& source);
/// `voices_dir`/opening.txt; the words above when the folder has none.
Expected<OpeningWords> LoadOpeningWords(const std::filesystem::path& voices_dir);

/// Sets Script::opening to what the narrator says first; an empty title says nothing.
void AddOpening(Script& script, const OpeningWords& words, const std::string& title, const std::string& author);

}  // namespace dauys
