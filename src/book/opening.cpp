#include "book/opening.h"

#include "text/script.h"
#include "util/atomic_file.h"
#include "util/key_value.h"
#include "util/unicode.h"

namespace dauys {

namespace {

std::string Replace(std::string text, std::string_view field, const std::string& value) {
  for (size_t at = text.find(field); at != std::string::npos; at = text.find(field, at + value.size())) {
    text.replace(at, field.size(), value);
  }
  return text;
}

/// A title that ends a sentence itself ("Неге?") takes no full stop after it.
std::string SayTitle(const std::string& words, const std::string& title) {
  const std::string trimmed = TrimSpaces(title);
  bool ends = false;
  for (std::string_view mark : {".", "!", "?", "…"}) {
    ends |= trimmed.size() >= mark.size() && trimmed.compare(trimmed.size() - mark.size(), mark.size(), mark) == 0;
  }
  return Replace(ends ? Replace(words, "{title}.", trimmed) : words, "{title}", trimmed);
}

}  // namespace

std::string OpeningWords::Say(const std::string& title, const std::string& author) const {
  if (TrimSpaces(author).empty()) return SayTitle(without_author, title);
  return Replace(SayTitle(with_author, title), "{author}", TrimSpaces(author));
}

Expected<OpeningWords> ParseOpeningWords(std::string_view text, const std::string& source) {
  OpeningWords words;
  Expected<std::vector<KeyValue>> entries = ParseKeyValues(text, source);
  if (!entries) return entries.error();
  for (const KeyValue& kv : *entries) {
    if (kv.key != "with_author" && kv.key != "without_author") {
      return Error{Where(source, kv.line) + "unknown key '" + Printable(kv.key) + "' (known: with_author, without_author)"};
    }
    if (kv.value.find("{title}") == std::string::npos) {
      return Error{Where(source, kv.line) + "'" + kv.key + "' must say the title: put {title} where it goes"};
    }
    const bool with = kv.key == "with_author";
    if (with != (kv.value.find("{author}") != std::string::npos)) {
      return Error{Where(source, kv.line) + "'" + kv.key + "' must " + (with ? "" : "not ") +
                   "hold {author}" + (with ? ", where the author's name goes" : ": no author is known then")};
    }
    (with ? words.with_author : words.without_author) = kv.value;
  }
  return words;
}

Expected<OpeningWords> LoadOpeningWords(const std::filesystem::path& voices_dir) {
  const std::filesystem::path path = voices_dir / "opening.txt";
  std::error_code ec;
  if (!std::filesystem::exists(std::filesystem::symlink_status(path, ec))) return OpeningWords{};
  Expected<std::string> text = ReadWholeFile(path);
  if (!text) return text.error();
  return ParseOpeningWords(*text, path.string());
}

void AddOpening(Script& script, const OpeningWords& words, const std::string& title, const std::string& author) {
  if (TrimSpaces(title).empty()) return;
  script.opening = words.Say(title, author);
}

}  // namespace dauys
