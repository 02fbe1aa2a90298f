#include "text/overrides.h"

#include <algorithm>
#include <charconv>

#include <toml++/toml.h>

#include "text/lexicon.h"
#include "text/sidecar_syntax.h"
#include "text/speaker_ids.h"
#include "util/atomic_file.h"
#include "util/calendar_date.h"
#include "util/key_value.h"
#include "util/unicode.h"

namespace dauys {

namespace fs = std::filesystem;

namespace {

std::string Where(const std::string& source, const toml::source_region& region) {
  return source + ": line " + std::to_string(region.begin.line) + ": ";
}

std::optional<LineOverride> ParseLineOverride(std::string_view v) {
  if (v == "heading") return LineOverride::kHeading;
  if (v == "paragraph") return LineOverride::kParagraph;
  if (v == "narrator") return LineOverride::kNarrator;
  if (v == "interviewer") return LineOverride::kInterviewer;
  if (v == "interviewee") return LineOverride::kInterviewee;
  return std::nullopt;
}

/// A TOML date (2024-03-12) or a string holding one, as "YYYY-MM-DD".
std::optional<std::string> SidecarDate(const toml::node& node) {
  std::string text;
  if (const auto* date = node.as_date()) {
    const toml::date& d = date->get();
    CalendarDate day{d.year, d.month, d.day};
    text = IsoDate(day);
  } else if (const auto* s = node.as_string()) {
    text = s->get();
  }
  return ParseCalendarDate(text) ? std::optional<std::string>(text) : std::nullopt;
}

/// A [book] key the sidecar reads, and where its value goes.
struct BookKey {
  const char* name = "";
  std::optional<bool> Overrides::*flag = nullptr;
  std::optional<std::string> Overrides::*text = nullptr;
  std::optional<int64_t> Overrides::*whole = nullptr;
  std::optional<double> Overrides::*number = nullptr;
};

/// Every [book] key, in the order the messages list them.
const std::vector<BookKey>& BookKeys() {
  static const std::vector<BookKey> keys = {
      {.name = "announce_speakers", .flag = &Overrides::announce_speakers},
      {.name = "author", .text = &Overrides::author},
      {.name = "bitrate", .whole = &Overrides::bitrate},
      {.name = "cover", .text = &Overrides::cover},
      {.name = "description", .text = &Overrides::description},
      {.name = "epub", .flag = &Overrides::epub},
      {.name = "kind"},  // parsed by ParseKind
      {.name = "loudness", .number = &Overrides::loudness},
      {.name = "m4b", .flag = &Overrides::m4b},
      {.name = "opening", .flag = &Overrides::opening},
      {.name = "script", .text = &Overrides::script},
      {.name = "single_file", .flag = &Overrides::single_file},
      {.name = "speed", .number = &Overrides::speed},
      {.name = "title", .text = &Overrides::title},
      {.name = "voice_quotes", .flag = &Overrides::voice_quotes},
      {.name = "web", .flag = &Overrides::web},
      {.name = "year", .whole = &Overrides::year},
  };
  return keys;
}

std::vector<std::string> BookKeyNames() {
  std::vector<std::string> names;
  for (const BookKey& k : BookKeys()) names.push_back(k.name);
  return names;
}

/// `kind = "interview"` or `"article"`.
Status ParseKind(const toml::node& value, const std::string& source, Overrides& o) {
  const auto* kind = value.as_string();
  std::optional<PageKind> parsed = kind ? ParsePageKind(kind->get()) : std::nullopt;
  if (!parsed) {
    return Error{Where(source, value.source()) + "'kind' must be \"interview\" or \"article\"" +
                 (kind ? ", not \"" + kind->get() + "\"" : std::string())};
  }
  o.page_kind = parsed;
  return {};
}

/// One [book] value into its field, if it has the field's type.
Status ParseBookValue(const BookKey& key, const toml::node& value, const std::string& source, Overrides& o) {
  const std::string name = key.name;
  auto wrong = [&] { return Error{Where(source, value.source()) + "'" + name + "' must be " + SidecarExpects("book", name)}; };
  if (key.flag) {
    if (!value.as_boolean()) return wrong();
    o.*key.flag = value.as_boolean()->get();
  } else if (key.text) {
    const auto* text = value.as_string();
    if (!text || TrimSpaces(text->get()).empty()) {
      return Error{Where(source, value.source()) + "'" + name + "' must be a text that is not empty"};
    }
    o.*key.text = TrimSpaces(text->get());
  } else if (key.whole) {
    if (!value.as_integer()) return wrong();
    o.*key.whole = value.as_integer()->get();
  } else if (key.number) {
    if (value.as_integer()) o.*key.number = static_cast<double>(value.as_integer()->get());
    else if (value.as_floating_point()) o.*key.number = value.as_floating_point()->get();
    else return wrong();
  }
  return {};
}

/// `[book]`: how the book is built. Every setting a book remembers may be given here as
/// its build option gives it (`epub = true` as --epub, `speed = 1.2` as --speed 1.2);
/// `kind` says whether the page is an interview or an article; `description` is the
/// book's description for audiobook libraries.
Status ParseBook(const toml::node& node, const std::string& source, Overrides& o) {
  const auto* book = node.as_table();
  if (!book) return Error{Where(source, node.source()) + "'book' must be a table"};
  for (auto&& [field, value] : *book) {
    const std::string name(field.str());
    const auto key = std::find_if(BookKeys().begin(), BookKeys().end(),
                                  [&name](const BookKey& k) { return name == k.name; });
    if (key == BookKeys().end()) {
      return Error{Where(source, field.source()) + UnknownKey("book field", name, BookKeyNames())};
    }
    Status s = name == "kind" ? ParseKind(value, source, o) : ParseBookValue(*key, value, source, o);
    if (!s) return s;
    o.book_at[name] = static_cast<int>(field.source().begin.line);
  }
  return {};
}

/// `[lexicon]`: "written" = "spoken" pairs, a book's own pronunciations.
Status ParseLexicon(const toml::node& node, const std::string& source, Overrides& o) {
  const auto* table = node.as_table();
  if (!table) return Error{Where(source, node.source()) + "'lexicon' must be a table of \"written\" = \"spoken\""};
  std::vector<std::pair<int, std::pair<std::string, std::string>>> entries;
  for (auto&& [written, value] : *table) {
    const std::string w = TrimSpaces(std::string(written.str()));
    const auto* spoken = value.as_string();
    if (w.empty()) return Error{Where(source, written.source()) + "lexicon: an entry needs a written form"};
    if (!spoken || TrimSpaces(spoken->get()).empty()) {
      return Error{Where(source, value.source()) + "lexicon '" + w + "' must be a non-empty string"};
    }
    const std::string s = TrimSpaces(spoken->get());
    if (std::string problem = CheckSpoken(s); !problem.empty()) {
      return Error{Where(source, value.source()) + "lexicon '" + w + "': " + problem};
    }
    entries.push_back({static_cast<int>(written.source().begin.line), {ToNfc(w), ToNfc(s)}});
  }
  // toml++ keeps keys sorted; the book's order is the sidecar's.
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& e : entries) o.lexicon.push_back(std::move(e.second));
  return {};
}

}  // namespace

Expected<Overrides> ParseOverrides(std::string_view text, const std::string& source) {
  toml::table table;
  try {
    table = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    return Error{Where(source, e.source()) + ExplainSidecarLine(text, e.source().begin.line)};
  }
  Overrides o;
  o.source = source;
  for (auto&& [key, node] : table) {
    std::string k(key.str());
    if (k == "title") {
      const auto* s = node.as_string();
      if (!s || s->get().empty()) return Error{Where(source, node.source()) + "'title' must be a non-empty string"};
      if (o.title) {
        return Error{Where(source, key.source()) + "'title' is given here and in [book] on line " +
                     std::to_string(o.book_at["title"]) + "; keep one"};
      }
      o.title = s->get();
      o.book_at["title"] = static_cast<int>(key.source().begin.line);
    } else if (k == "date") {
      std::optional<std::string> date = SidecarDate(node);
      if (!date) return Error{Where(source, node.source()) + "date must look like \"2025-03-15\""};
      o.date = date;
    } else if (k == "lines") {
      const auto* lines = node.as_table();
      if (!lines) return Error{Where(source, node.source()) + "'lines' must be a table"};
      for (auto&& [line_key, value] : *lines) {
        std::string_view lk = line_key.str();
        int line = 0;
        auto [ptr, ec] = std::from_chars(lk.data(), lk.data() + lk.size(), line);
        if (ec != std::errc() || ptr != lk.data() + lk.size() || line < 1) {
          return Error{Where(source, line_key.source()) + "'" + std::string(lk) + "' is not a line number"};
        }
        const toml::node* role = &value;
        if (const auto* fields = value.as_table()) {
          role = nullptr;
          for (auto&& [field, fv] : *fields) {
            const auto* name = fv.as_string();
            if (field.str() == "role") {
              role = &fv;
            } else if (field.str() == "language") {
              if (!name || (name->get() != "kk" && name->get() != "ru" && name->get() != "en")) {
                return Error{Where(source, fv.source()) + "line " + std::string(lk) +
                             ": language must be \"kk\", \"ru\" or \"en\""};
              }
              o.languages[line] = name->get();
            } else {
              return Error{Where(source, field.source()) + UnknownKey("line field", field.str(), {"role", "language"})};
            }
          }
          o.line_at[line] = static_cast<int>(line_key.source().begin.line);
          if (!role) continue;
        }
        const auto* s = role->as_string();
        std::optional<LineOverride> what = s ? ParseLineOverride(s->get()) : std::nullopt;
        if (!what) {
          return Error{Where(source, role->source()) + "line " + std::string(lk) +
                       ": expected \"heading\", \"paragraph\", \"narrator\", \"interviewer\" or \"interviewee\""};
        }
        o.lines[line] = *what;
        o.line_at[line] = static_cast<int>(line_key.source().begin.line);
      }
    } else if (k == "speakers") {
      const auto* speakers = node.as_table();
      if (!speakers) return Error{Where(source, node.source()) + "'speakers' must be a table"};
      for (auto&& [speaker_key, value] : *speakers) {
        const auto* fields = value.as_table();
        if (!fields) {
          return Error{Where(source, value.source()) + "speaker '" + std::string(speaker_key.str()) +
                       "' must be a table such as { name = \"…\", voice = \"…\" }"};
        }
        SpeakerOverride so;
        for (auto&& [field, fv] : *fields) {
          const auto* s = fv.as_string();
          if (!s || s->get().empty()) {
            return Error{Where(source, fv.source()) + "'" + std::string(field.str()) + "' must be a non-empty string"};
          }
          if (field.str() == "name") {
            so.name = s->get();
          } else if (field.str() == "voice") {
            so.voice = s->get();
            o.voice_at[std::string(speaker_key.str())] = static_cast<int>(fv.source().begin.line);
          } else if (field.str() == "gender") {
            if (s->get() != "female" && s->get() != "male") {
              return Error{Where(source, fv.source()) + "'gender' must be \"female\" or \"male\", not \"" + s->get() +
                           "\""};
            }
            so.gender = s->get();
          } else {
            return Error{Where(source, field.source()) +
                         UnknownKey("speaker field", field.str(), {"name", "voice", "gender"})};
          }
        }
        o.speakers[std::string(speaker_key.str())] = so;
        o.speaker_at[std::string(speaker_key.str())] = static_cast<int>(speaker_key.source().begin.line);
      }
    } else if (k == "book") {
      if (Status s = ParseBook(node, source, o); !s) return s.error();
    } else if (k == "lexicon") {
      if (Status s = ParseLexicon(node, source, o); !s) return s.error();
    } else {
      return Error{Where(source, key.source()) +
                   (node.is_table() ? UnknownKey("table", k, {"speakers", "lines", "book", "lexicon"})
                                    : UnknownKey("key", k, {"title", "date", "speakers", "lines", "book", "lexicon"}))};
    }
  }
  return o;
}

std::optional<fs::path> FindOverridesFile(const fs::path& input) {
  std::error_code ec;
  fs::path full = input;
  full += ".toml";
  if (fs::is_regular_file(full, ec)) return full;
  if (input.extension() == ".txt") {
    fs::path stem = input;
    stem.replace_extension(".toml");
    if (fs::is_regular_file(stem, ec)) return stem;
  }
  return std::nullopt;
}

Expected<Overrides> LoadOverrides(const fs::path& path) {
  Expected<std::string> text = ReadWholeFile(path);
  if (!text) return text.error();
  return ParseOverrides(*text, path.string());
}

std::string Overrides::Where(int at) const {
  return source + (at > 0 ? ": line " + std::to_string(at) : std::string()) + ": ";
}

namespace {

/// Where the sidecar's entry `key` stands, 0 when it was not read from a file.
template <typename Key>
int LineOf(const std::map<Key, int>& at, const Key& key) {
  auto it = at.find(key);
  return it == at.end() ? 0 : it->second;
}

/// The speaker the sidecar's `key` names; an old number is taken with a warning that
/// names the id to write instead.
Expected<Speaker*> OverriddenSpeaker(const Overrides& overrides, const std::string& key, Script& script,
                                     std::vector<std::string>& warnings) {
  const int at = LineOf(overrides.speaker_at, key);
  std::optional<SpeakerKeyMatch> match = FindSpeakerByKey(script, key);
  if (!match) {
    return Error{overrides.Where(at) + "speaker \"" + key + "\" is not in this text; its speakers are " +
                 QuotedSpeakerIds(script)};
  }
  Speaker& speaker = script.speakers[match->index];
  if (match->numbered) {
    warnings.push_back(overrides.Where(at) + "speaker \"" + key + "\" is numbered the old way (numbers move when " +
                       "the turns change); its id is \"" + speaker.id + "\": write that instead");
  }
  return &speaker;
}

}  // namespace

Expected<std::vector<std::string>> ApplyOverrides(const Overrides& overrides, Script& script,
                                                  const std::vector<std::string>& voices) {
  if (overrides.title) script.title = overrides.title;
  script.lexicon = overrides.lexicon;
  std::vector<std::string> warnings;
  for (const auto& [key, change] : overrides.speakers) {
    Expected<Speaker*> target = OverriddenSpeaker(overrides, key, script, warnings);
    if (!target) return target.error();
    if (change.voice && !voices.empty() &&
        std::find(voices.begin(), voices.end(), *change.voice) == voices.end()) {
      std::string have;
      for (const std::string& v : voices) have += (have.empty() ? "" : ", ") + v;
      return Error{overrides.Where(LineOf(overrides.voice_at, key)) + "speaker '" + key + "': no voice '" +
                   *change.voice + "' in the voice folder (have: " + have + ")"};
    }
    if (change.name) (*target)->name = *change.name;
    if (change.voice) (*target)->voice = *change.voice;
  }
  for (const auto& [line, language] : overrides.languages) {
    bool found = false;
    for (const Chapter& c : script.chapters) {
      for (const Turn& t : c.turns) {
        for (const Paragraph& p : t.paragraphs) found |= p.line == line;
      }
    }
    script.languages[line] = language;
    if (!found) {
      return Error{overrides.Where(LineOf(overrides.line_at, line)) + "line " +
                   std::to_string(line) + " has no paragraph to set the language of"};
    }
  }
  return warnings;
}

}  // namespace dauys
