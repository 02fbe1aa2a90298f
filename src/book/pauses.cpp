#include "book/pauses.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "util/atomic_file.h"
#include "util/key_value.h"
#include "util/unicode.h"

namespace dauys {

std::string PauseSettings::Describe() const {
  char buf[320];
  std::snprintf(buf, sizeof buf, "head=%.3f after_opening=%.3f after_title=%.3f sentences=%.3f paragraphs=%.3f turns=%.3f tail=%.3f",
                head, after_opening, after_title, between_sentences, between_paragraphs, between_turns, tail);
  // Books planned before the comma pause existed keep their book.json recipe.
  if (comma != 0.0) std::snprintf(buf + std::strlen(buf), sizeof buf - std::strlen(buf), " comma=%.3f", comma);
  return buf;
}

Expected<PauseSettings> ParsePauseSettings(std::string_view text, const std::string& source) {
  PauseSettings p;
  struct Key {
    const char* name;
    double* field;
    double min, max;
  };
  const Key keys[] = {{"head", &p.head, 0.5, 1.0},
                      {"after_opening", &p.after_opening, 0.0, 5.0},
                      {"after_title", &p.after_title, 0.0, 5.0},
                      {"between_sentences", &p.between_sentences, 0.0, 5.0},
                      {"comma", &p.comma, 0.0, 1.0},
                      {"between_paragraphs", &p.between_paragraphs, 0.0, 5.0},
                      {"between_turns", &p.between_turns, 0.0, 5.0},
                      {"tail", &p.tail, 1.0, 3.0}};
  Expected<std::vector<KeyValue>> entries = ParseKeyValues(text, source);
  if (!entries) return entries.error();
  for (const KeyValue& kv : *entries) {
    const Key* key = nullptr;
    for (const Key& k : keys) {
      if (kv.key == k.name) key = &k;
    }
    if (!key) {
      return Error{Where(source, kv.line) + "unknown key '" + Printable(kv.key) +
                   "' (known: head, after_opening, after_title, between_sentences, comma, between_paragraphs, between_turns, tail)"};
    }
    Expected<double> number = ParseFiniteNumber(kv.value);
    if (!number) {
      return Error{Where(source, kv.line) + "'" + kv.key + "' must be a number of seconds, got '" +
                   Printable(kv.value) + "'"};
    }
    const double v = *number;
    if (v < key->min || v > key->max) {
      char range[64];
      std::snprintf(range, sizeof range, "between %g and %g seconds", key->min, key->max);
      return Error{Where(source, kv.line) + "'" + kv.key + "' must be " + range + ", got " + kv.value};
    }
    *key->field = v;
  }
  return p;
}

Expected<PauseSettings> LoadPauseSettings(const std::filesystem::path& path) {
  Expected<std::string> text = ReadWholeFile(path);
  if (!text) return text.error();
  return ParsePauseSettings(*text, path.string());
}

}  // namespace dauys
