#include "text/word_lists.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstdio>
#include <optional>

#include "util/atomic_file.h"
#include "util/key_value.h"
#include "util/unicode.h"

namespace dauys {

// voices/words.txt as shipped, generated at build time (src/text/embed_words.cmake).
extern const std::string_view kBuiltInWordsText;

namespace {

struct Section {
  std::string_view name;
  std::vector<std::string> WordLists::*list;
};

constexpr std::array<Section, 14> kSections = {{
    {"title-words", &WordLists::title_words},
    {"byline-verbs", &WordLists::byline_verbs},
    {"headline-byline-verbs", &WordLists::headline_byline_verbs},
    {"talk-words", &WordLists::talk_words},
    {"guest-words", &WordLists::guest_words},
    {"interview-words", &WordLists::interview_words},
    {"reporting-verbs", &WordLists::reporting_verbs},
    {"kinship-words", &WordLists::kinship_words},
    {"address-female", &WordLists::address_female},
    {"address-male", &WordLists::address_male},
    {"tv-voices", &WordLists::tv_voices},
    {"question-words", &WordLists::question_words},
    {"lead-asks", &WordLists::lead_asks},
    {"thanks-words", &WordLists::thanks_words},
}};

std::string KnownSections() {
  std::string out;
  for (const Section& s : kSections) out += (out.empty() ? "[" : ", [") + std::string(s.name) + "]";
  return out;
}

/// The entry `token` stands for ("сұхбатты_жүргізген" -> "сұхбатты жүргізген"), or
/// nothing when it holds a digit or a mark other than '-' inside a word and '_'
/// between words.
std::optional<std::string> Entry(std::string_view token) {
  std::u32string u = ToUtf32(token);
  std::string out;
  for (size_t i = 0; i < u.size(); ++i) {
    const char32_t c = u[i];
    const bool inside = i > 0 && i + 1 < u.size() && IsLetter(u[i - 1]) && IsLetter(u[i + 1]);
    if (IsLetter(c)) {
      AppendUtf8(out, c);
    } else if (c == U'_' && inside) {
      out += ' ';
    } else if (c == U'-' && inside) {
      out += '-';
    } else {
      return std::nullopt;
    }
  }
  return ToLower(out);
}

/// Line of the first byte ValidUtf8Length stopped at.
int LineOf(std::string_view text, size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
}

/// `text`'s sections laid over `lists`: a section the text gives replaces that list.
Expected<WordLists> ParseOver(std::string_view text, const std::string& source, WordLists lists) {
  if (size_t valid = ValidUtf8Length(text); valid < text.size()) {
    return Error{Where(source, LineOf(text, valid)) + "invalid UTF-8 or a NUL byte; this is not a text file"};
  }
  std::vector<bool> given(kSections.size(), false);
  std::vector<std::string>* list = nullptr;
  for (const SettingLine& l : SettingLines(text)) {
    if (l.text.front() == '[') {
      auto at = std::find_if(kSections.begin(), kSections.end(),
                             [&](const Section& s) { return l.text == "[" + std::string(s.name) + "]"; });
      if (at == kSections.end()) {
        return Error{Where(source, l.line) + "unknown section " + l.text + " (known: " + KnownSections() + ")"};
      }
      const size_t k = static_cast<size_t>(at - kSections.begin());
      list = &(lists.*(at->list));
      if (!given[k]) list->clear();
      given[k] = true;
      continue;
    }
    if (!list) return Error{Where(source, l.line) + "words before a section such as [title-words]"};
    for (const std::string& token : SplitWords(l.text)) {
      std::optional<std::string> entry = Entry(token);
      if (!entry) {
        return Error{Where(source, l.line) + "'" + token +
                     "' is not a word: letters only, '-' inside a word, '_' between the words of one entry"};
      }
      list->push_back(std::move(*entry));
    }
  }
  return lists;
}

}  // namespace

const WordLists& WordLists::BuiltIn() {
  static const WordLists kLists = [] {
    Expected<WordLists> parsed = ParseOver(kBuiltInWordsText, "voices/words.txt (built in)", WordLists{});
    if (!parsed) {
      std::fprintf(stderr, "dauys: %s\n", parsed.error().message.c_str());
      std::abort();  // the build embeds a file the tests parse: this cannot happen
    }
    return std::move(*parsed);
  }();
  return kLists;
}

Expected<WordLists> WordLists::Parse(std::string_view text, const std::string& source) {
  return ParseOver(text, source, BuiltIn());
}

Expected<WordLists> WordLists::Load(const std::filesystem::path& voices_dir) {
  const std::filesystem::path file = voices_dir / "words.txt";
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return BuiltIn();
  Expected<std::string> text = ReadWholeFile(file, ReadLimits{kMaxSettingsBytes, "words file"});
  if (!text) return text.error();
  return Parse(*text, file.string());
}

bool HasWord(const std::vector<std::string>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

bool StartsWithWord(const std::vector<std::string>& list, std::string_view word) {
  return std::any_of(list.begin(), list.end(),
                     [word](const std::string& entry) { return word.substr(0, entry.size()) == entry; });
}

}  // namespace dauys
