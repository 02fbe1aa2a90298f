#include "text/lexicon.h"

#include <unicode/uchar.h>

#include <algorithm>

#include "text/pls.h"
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
    if (std::string problem = CheckSpoken(spoken); !problem.empty()) return Error{where + "'" + written + "': " + problem};
    Entry entry{ToUtf32(ToNfc(written)), ToNfc(spoken), kind};
    auto key = std::make_pair(entry.written, static_cast<int>(kind));
    if (auto it = seen.find(key); it != seen.end()) {
      return Error{where + "'" + written + "' is already defined on line " + std::to_string(it->second)};
    }
    seen[key] = line_number;
    lexicon.entries_.push_back(std::move(entry));
  }
  lexicon.Index();
  return lexicon;
}

namespace {

char32_t Lower(char32_t c) { return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))); }

/// An entry without a capital matches whatever the case of the text.
bool Caseless(std::u32string_view written) {
  return std::none_of(written.begin(), written.end(), [](char32_t c) { return u_isupper(static_cast<UChar32>(c)); });
}

bool SameWritten(const Lexicon::Entry& a, const Lexicon::Entry& b) { return a.written == b.written && a.kind == b.kind; }

}  // namespace

void Lexicon::Index() {
  std::stable_sort(entries_.begin(), entries_.end(),
                   [](const Entry& a, const Entry& b) { return a.written.size() > b.written.size(); });
  by_first_.clear();
  for (size_t i = 0; i < entries_.size(); ++i) by_first_[Lower(entries_[i].written.front())].push_back(i);
}

Lexicon Lexicon::FromEntries(std::vector<Entry> entries) {
  Lexicon lexicon;
  for (Entry& e : entries) {
    if (e.written.empty() || e.spoken.empty()) continue;
    auto same = std::find_if(lexicon.entries_.begin(), lexicon.entries_.end(),
                             [&e](const Entry& have) { return SameWritten(have, e); });
    if (same != lexicon.entries_.end()) *same = std::move(e);
    else lexicon.entries_.push_back(std::move(e));
  }
  lexicon.Index();
  return lexicon;
}

Lexicon Lexicon::With(const Lexicon& more) const {
  std::vector<Entry> all = entries_;
  all.insert(all.end(), more.entries_.begin(), more.entries_.end());
  return FromEntries(std::move(all));
}

Expected<Lexicon> Lexicon::Load(const std::filesystem::path& path) {
  Expected<std::string> text = ReadWholeFile(path);
  if (!text) return text.error();
  Expected<Lexicon> lexicon = Parse(*text, path.string());
  if (!lexicon) return lexicon.error();
  // PLS lexicons beside lexicon.txt, in name order.
  std::vector<std::filesystem::path> pls;
  std::error_code ec;
  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  // Regular files only (no FIFO to wait on); the walk stops, without throwing, at an error.
  for (auto it = std::filesystem::directory_iterator(folder, ec); !ec && it != std::filesystem::directory_iterator();
       it.increment(ec)) {
    if (it->path().extension() == ".pls" && it->is_regular_file(ec)) pls.push_back(it->path());
  }
  std::sort(pls.begin(), pls.end());
  for (const std::filesystem::path& file : pls) {
    Expected<Lexicon> more = ReadPlsFile(file);
    if (!more) return more.error();
    *lexicon = lexicon->With(*more);
  }
  return lexicon;
}

const Lexicon::Entry* Lexicon::LongestMatch(std::u32string_view text, size_t pos, Kind kind) const {
  auto it = by_first_.find(Lower(text[pos]));
  if (it == by_first_.end()) return nullptr;
  for (size_t index : it->second) {
    const Entry& e = entries_[index];
    if (e.kind != kind || text.size() - pos < e.written.size()) continue;
    std::u32string_view here = text.substr(pos, e.written.size());
    if (here != e.written) {
      // Units match as written (мВт is not МВт); a capital and a dot is an initial
      // ("Қ. Сәтбаев"), not the abbreviation "қ." (қаласы).
      const bool initial = e.written.size() == 2 && e.written[1] == U'.';
      if (kind != Kind::kWord || initial || !Caseless(e.written)) continue;
      // Only the first letter may be a capital (a sentence start): "Т.Б." are initials.
      if (Lower(here[0]) != e.written[0] || here.substr(1) != std::u32string_view(e.written).substr(1)) continue;
    }
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

std::string Lexicon::SpokenAs(const Entry& e, std::u32string_view written) {
  if (written.empty() || e.written.empty() || IsPhonemes(e.spoken)) return e.spoken;
  const bool capital_here = u_isupper(static_cast<UChar32>(written.front())) != 0;
  const bool capital_entry = u_isupper(static_cast<UChar32>(e.written.front())) != 0;
  if (!capital_here || capital_entry) return e.spoken;
  std::u32string spoken = ToUtf32(e.spoken);
  if (!spoken.empty()) spoken[0] = static_cast<char32_t>(u_toupper(static_cast<UChar32>(spoken[0])));
  return FromUtf32(spoken);
}

bool Lexicon::IsPhonemes(std::string_view spoken) {
  return spoken.size() > 4 && spoken.rfind("[[", 0) == 0 && spoken.compare(spoken.size() - 2, 2, "]]") == 0;
}

std::string CheckSpoken(std::string_view spoken) {
  if (spoken.find("[[") == std::string_view::npos && spoken.find("]]") == std::string_view::npos) return "";
  if (!Lexicon::IsPhonemes(spoken) || spoken.substr(2, spoken.size() - 4).find_first_of("[]") != std::string_view::npos) {
    return "phonemes are written as one [[...]] and nothing else, got '" + std::string(spoken) + "'";
  }
  return "";
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
