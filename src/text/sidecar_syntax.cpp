#include "text/sidecar_syntax.h"

#include <algorithm>
#include <map>
#include <optional>

#include "util/key_value.h"
#include "util/unicode.h"

namespace dauys {

namespace {

constexpr const char* kRoleWords = "\"narrator\", \"interviewer\", \"interviewee\"";
constexpr const char* kDateMessage = "date must look like \"2025-03-15\"";

bool IsNumber(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

/// `row` without a comment: from the first '#' outside quotes.
std::string_view WithoutComment(std::string_view row) {
  char quote = 0;
  for (size_t i = 0; i < row.size(); ++i) {
    if (quote) {
      if (row[i] == '\\' && quote == '"') ++i;
      else if (row[i] == quote) quote = 0;
    } else if (row[i] == '"' || row[i] == '\'') {
      quote = row[i];
    } else if (row[i] == '#') {
      return row.substr(0, i);
    }
  }
  return row;
}

/// `key` without the quotes a quoted key is written in.
std::string Unquoted(std::string key) {
  if (key.size() >= 2 && (key[0] == '"' || key[0] == '\'') && key.back() == key[0]) return key.substr(1, key.size() - 2);
  return key;
}

/// The sidecar's lines, without a final "\r" (CRLF files) or the byte-order mark.
std::vector<std::string_view> Rows(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<std::string_view> rows;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view row = text.substr(begin, end - begin);
    if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
    rows.push_back(row);
    begin = end + 1;
  }
  return rows;
}

/// A `key = value` pair as written: both trimmed, the value without its comment.
struct Pair {
  std::string key;
  std::string value;
};

std::optional<Pair> SplitPair(std::string_view row) {
  row = WithoutComment(row);
  const size_t eq = row.find('=');
  if (eq == std::string_view::npos) return std::nullopt;
  return Pair{Unquoted(TrimSpaces(row.substr(0, eq))), TrimSpaces(row.substr(eq + 1))};
}

/// The pairs inside `{ a = "x", b = y }`, split at commas outside quotes.
std::vector<Pair> InlinePairs(std::string_view inside) {
  std::vector<Pair> out;
  char quote = 0;
  size_t start = 0;
  for (size_t i = 0; i <= inside.size(); ++i) {
    if (i < inside.size() && quote) {
      if (inside[i] == quote) quote = 0;
      continue;
    }
    if (i < inside.size() && (inside[i] == '"' || inside[i] == '\'')) {
      quote = inside[i];
      continue;
    }
    if (i == inside.size() || inside[i] == ',') {
      if (std::optional<Pair> p = SplitPair(inside.substr(start, i - start))) out.push_back(*p);
      start = i + 1;
    }
  }
  return out;
}

bool Quoted(const std::string& v) { return !v.empty() && (v[0] == '"' || v[0] == '\''); }

/// A value TOML reads without quotes: true, false, a number, a date, an array or table.
bool Bare(const std::string& v) {
  return v == "true" || v == "false" || v == "nan" || v == "inf" || v == "+inf" || v == "-inf" ||
         (!v.empty() && std::string("0123456789+-.[{").find(v[0]) != std::string::npos);
}

/// Where the sidecar stands at a line: the table it is in, the keys given in that
/// table so far and every table header, each with the line it is on.
struct Context {
  std::string table;
  std::map<std::string, size_t> keys;
  std::map<std::string, size_t> tables;
};

/// The table name of a header row ("[book]" → "book"), or nothing.
std::optional<std::string> Header(std::string_view row) {
  const std::string r = TrimSpaces(WithoutComment(row));
  if (r.empty() || r[0] != '[') return std::nullopt;
  const size_t close = r.find(']');
  return TrimSpaces(r.substr(1, close == std::string::npos ? std::string::npos : close - 1));
}

Context ContextAt(const std::vector<std::string_view>& rows, size_t line) {
  Context c;
  for (size_t i = 1; i < line && i <= rows.size(); ++i) {
    if (std::optional<std::string> table = Header(rows[i - 1])) {
      c.table = *table;
      c.keys.clear();
      c.tables.emplace(*table, i);
    } else if (std::optional<Pair> p = SplitPair(rows[i - 1])) {
      c.keys.emplace(p->key, i);
    }
  }
  return c;
}

/// For a line of [lines] or a line's `role`: what an unquoted value must be.
std::string RoleMessage(const std::string& key, const std::string& value) {
  if (value == "heading" || value == "paragraph") return "'" + key + "' must be quoted: " + key + " = \"" + value + "\"";
  return std::string("role must be a quoted word, one of ") + kRoleWords;
}

/// A value the parser could not read, for `key` in `table`.
std::string ExplainValue(const std::string& table, const std::string& key, const std::string& value) {
  const std::string expects = SidecarExpects(table, key);
  if (value.empty()) return "'" + key + "' has no value" + (expects.empty() ? "" : "; it must be " + expects);
  if (key == "date" && table.empty()) return kDateMessage;
  if (Quoted(value) && value.find(value[0], 1) == std::string::npos) {
    return "'" + key + "': the text has no closing " + value.substr(0, 1) + " on its line";
  }
  const bool role = table == "line" ? key == "role" : table == "lines" && IsNumber(key);
  if (value[0] == '{') {
    if (value.find('}') == std::string::npos) return "'" + key + "': the { has no closing } on its line";
    const std::string inner_table = table == "lines" ? "line" : table == "speakers" ? "speaker" : table;
    for (const Pair& p : InlinePairs(std::string_view(value).substr(1, value.find('}') - 1))) {
      if (!Quoted(p.value) && !Bare(p.value)) return ExplainValue(inner_table, p.key, p.value);
    }
    return "'" + key + "' must be " + (expects.empty() ? "a table such as { name = \"…\" }" : expects);
  }
  if (role && !Quoted(value)) return RoleMessage(key, value);
  if (value.find_first_of("0123456789") == 0 && IsNumber(value)) {
    return "'" + key + "' is too large a number" + (expects.empty() ? "" : "; it must be " + expects);
  }
  if (Quoted(value) || Bare(value)) {
    return "'" + key + "' cannot be read" + (expects.empty() ? "" : "; it must be " + expects);
  }
  // A word without quotes: the right word needs only them; a wrong one, what is right.
  const bool one_of = expects.rfind("a quoted word", 0) == 0;
  const bool any_text = expects.rfind("a quoted", 0) == 0 && !one_of;
  if (expects.empty() || any_text || (one_of && expects.find('"' + value + '"') != std::string::npos)) {
    return "'" + key + "' must be quoted: " + key + " = \"" + value + "\"";
  }
  return "'" + key + "' must be " + expects;
}

/// A row that is a table header: one not closed, or given twice.
std::string ExplainHeader(std::string_view row, const Context& c) {
  const std::string r = TrimSpaces(WithoutComment(row));
  const std::string name = *Header(row);
  if (r.find(']') == std::string::npos) return "the table name [" + name + " has no closing ]";
  if (auto it = c.tables.find(name); it != c.tables.end()) {
    return "[" + name + "] is given twice (first on line " + std::to_string(it->second) + "); put its keys under one";
  }
  return "[" + name + "] cannot be read; a table's name is written [book]";
}

}  // namespace

std::string SidecarExpects(std::string_view table, std::string_view key) {
  static const std::map<std::pair<std::string, std::string>, std::string> kExpects = {
      {{"", "title"}, "a quoted text"},
      {{"", "date"}, "a day such as \"2025-03-15\""},
      {{"", "speakers"}, "a table"},
      {{"", "lines"}, "a table"},
      {{"", "book"}, "a table"},
      {{"", "lexicon"}, "a table"},
      {{"book", "single_file"}, "true or false"},
      {{"book", "web"}, "true or false"},
      {{"book", "epub"}, "true or false"},
      {{"book", "m4b"}, "true or false"},
      {{"book", "announce_speakers"}, "true or false"},
      {{"book", "opening"}, "true or false"},
      {{"book", "voice_quotes"}, "true or false"},
      {{"book", "title"}, "a quoted text"},
      {{"book", "author"}, "a quoted text"},
      {{"book", "description"}, "a quoted text"},
      {{"book", "cover"}, "a quoted path to a PNG or JPEG image"},
      {{"book", "script"}, "a quoted word, one of \"latin2018\", \"latin2021\", \"digraph\", \"arabic\", \"cyrillic\""},
      {{"book", "kind"}, "a quoted word, \"interview\" or \"article\""},
      {{"book", "year"}, "a whole number from 1000 to 9999"},
      {{"book", "bitrate"}, "a whole number of kbps, such as 64"},
      {{"book", "speed"}, "a number from 0.5 to 3"},
      {{"book", "loudness"}, "a number of LUFS from -40 to -10"},
      {{"line", "role"}, std::string("a quoted word, one of \"heading\", \"paragraph\", ") + kRoleWords},
      {{"line", "language"}, "a quoted word, \"kk\", \"ru\" or \"en\""},
      {{"speaker", "name"}, "a quoted text"},
      {{"speaker", "voice"}, "a quoted text"},
      {{"speaker", "gender"}, "a quoted word, \"female\" or \"male\""},
  };
  const std::string t(table), k(key);
  if (t == "lines" && IsNumber(k)) return kExpects.at({"line", "role"});
  if (t == "speakers") return "a table such as { name = \"…\", voice = \"…\" }";
  if (t == "lexicon") return "a quoted text";
  if (t.rfind("speakers.", 0) == 0) return SidecarExpects("speaker", key);
  auto it = kExpects.find({t, k});
  return it == kExpects.end() ? "" : it->second;
}

std::string ExplainSidecarLine(std::string_view text, size_t line) {
  const std::vector<std::string_view> rows = Rows(text);
  if (line < 1 || line > rows.size()) return "the sidecar ends before what it opened is closed (a quote or bracket)";
  const std::string_view row = rows[line - 1];
  if (!IsValidUtf8(row)) return "this line is not UTF-8 text; save the sidecar as UTF-8";
  const Context c = ContextAt(rows, line);
  if (Header(row)) return ExplainHeader(row, c);
  std::optional<Pair> pair = SplitPair(row);
  if (!pair) {
    const std::string r = TrimSpaces(WithoutComment(row));
    const size_t space = r.find_first_of(" \t");
    if (space == std::string::npos) return "'" + r + "' has no value; write it as key = value";
    const std::string key = r.substr(0, space);
    return "'" + key + "' needs an = before its value: " + key + " = " + TrimSpaces(r.substr(space));
  }
  if (pair->key.empty()) return "a value needs its key before the =, such as title = \"…\"";
  if (auto it = c.keys.find(pair->key); it != c.keys.end()) {
    return "'" + pair->key + "' is given twice (first on line " + std::to_string(it->second) + ")";
  }
  if (!pair->value.empty() && pair->value[0] == '{' && pair->value.find('}') != std::string::npos) {
    std::map<std::string, bool> seen;
    const std::string& v = pair->value;
    for (const Pair& p : InlinePairs(std::string_view(v).substr(1, v.find('}') - 1))) {
      if (seen[p.key]) return "'" + p.key + "' is given twice in '" + pair->key + "'";
      seen[p.key] = true;
    }
  }
  return ExplainValue(c.table, pair->key, pair->value);
}

std::string NearestKey(std::string_view key, const std::vector<std::string>& known) {
  auto distance = [](std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
      size_t diagonal = row[0];
      row[0] = i;
      for (size_t j = 1; j <= b.size(); ++j) {
        const size_t up = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
        diagonal = up;
      }
    }
    return row[b.size()];
  };
  std::string best;
  size_t best_distance = 3;
  for (const std::string& k : known) {
    const size_t d = distance(key, k);
    if (d < best_distance && d < key.size()) best = k, best_distance = d;
  }
  return best;
}

std::string UnknownKey(const std::string& kind, std::string_view key, const std::vector<std::string>& known) {
  std::string list;
  for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
  const std::string near = NearestKey(key, known);
  return "unknown " + kind + " '" + std::string(key) + "'" + (near.empty() ? "" : "; did you mean '" + near + "'?") +
         " (known: " + list + ")";
}

}  // namespace dauys
