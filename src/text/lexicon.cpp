#include "text/lexicon.h"

#include <unicode/uchar.h>

#include <algorithm>

#include "util/atomic_file.h"
#include "util/key_value.h"
#include "util/unicode.h"

namespace dauys {

Expected<Lexicon> Lexicon::Parse(std::string_view text, const std::string& source) {
  Lexicon lexicon;
  Kind kind = Kind::kWord;
  std::map<std::pair<std::u32string, int>, int> seen;
  for (const SettingLine& l : SettingLines(text)) {
    const int line_number = l.line;
    const std::string& line = l.text;
    std::string where = Where(source, line_number);
    if (line == "[words]") {
      kind = Kind::kWord;
      continue;
    }
    if (line == "[units]") {
      kind = Kind::kUnit;
      continue;
    }
    if (line.front() == '[') return Error{where + "unknown section " + line + " (known: [words], [units])"};
    size_t eq = line.find('=');
    if (eq == std::string::npos) return Error{where + "expected 'written = spoken', got '" + line + "'"};
    std::string written = TrimSpaces(line.substr(0, eq));
    std::string spoken = TrimSpaces(line.substr(eq + 1));
    if (written.empty()) return Error{where + "nothing before '='"};
    if (spoken.empty()) return Error{where + "'" + written + "' has nothing to say after '='"};
    Entry entry{ToUtf32(ToNfc(written)), ToNfc(spoken), kind};
    auto key = std::make_pair(entry.written, static_cast<int>(kind));
    if (auto it = seen.find(key); it != seen.end()) {
      return Error{where + "'" + written + "' is already defined on line " + std::to_string(it->second)};
    }
    seen[key] = line_number;
    lexicon.entries_.push_back(std::move(entry));
  }
  std::stable_sort(lexicon.entries_.begin(), lexicon.entries_.end(),
                   [](const Entry& a, const Entry& b) { return a.written.size() > b.written.size(); });
  for (size_t i = 0; i < lexicon.entries_.size(); ++i) {
    lexicon.by_first_[lexicon.entries_[i].written.front()].push_back(i);
  }
  return lexicon;
}

Expected<Lexicon> Lexicon::Load(const std::filesystem::path& path) {
  Expected<std::string> text = ReadWholeFile(path);
  if (!text) return text.error();
  return Parse(*text, path.string());
}

const Lexicon::Entry* Lexicon::LongestMatch(std::u32string_view text, size_t pos, Kind kind) const {
  auto it = by_first_.find(text[pos]);
  if (it == by_first_.end()) return nullptr;
  for (size_t index : it->second) {
    const Entry& e = entries_[index];
    if (e.kind != kind || text.size() - pos < e.written.size()) continue;
    if (text.compare(pos, e.written.size(), e.written) != 0) continue;
    // A whole token: no letter or digit may follow (a hyphenated suffix may, and so may
    // an ending written on to a name or acronym: "Тоқаевтың").
    size_t after = pos + e.written.size();
    bool ending_on = kind == Kind::kWord && u_isupper(static_cast<UChar32>(e.written.front())) &&
                     IsLetter(e.written.back()) && after < text.size() && u_islower(static_cast<UChar32>(text[after]));
    if (after < text.size() && !ending_on && (IsLetter(text[after]) || (text[after] >= U'0' && text[after] <= U'9'))) {
      continue;
    }
    return &e;
  }
  return nullptr;
}

bool Lexicon::IsAbbreviation(std::u32string_view written) const {
  return !written.empty() && written.back() == U'.';
}

std::string Lexicon::Fingerprint() const {
  std::string out;
  for (const Entry& e : entries_) {
    std::string w;
    for (char32_t c : e.written) AppendUtf8(w, c);
    out += w + '\x1f' + e.spoken + '\x1f' + (e.kind == Kind::kUnit ? "u" : "w") + '\x1e';
  }
  return out;
}

}  // namespace dauys
