// libFuzzer target over the text stages: reading, segmentation (with its evidence read
// in Cyrillic), the plan writers,
// sentence splitting, language detection and splitting, script detection and
// transliteration (each alphabet forced in turn) and normalization with the bundled
// lexicon. Run it with scripts/fuzz.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string_view>

#include "text/language.h"
#include "text/lexicon.h"
#include "text/normalizer.h"
#include "text/reader.h"
#include "text/script.h"
#include "text/segmenter.h"
#include "text/transliterate.h"
#include "util/unicode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  dauys::Expected<dauys::Document> doc = dauys::ParseDocument(bytes, "fuzz.txt");
  if (!doc) return 0;
  static const dauys::Lexicon lexicon = [] {
    auto l = dauys::Lexicon::Load(DAUYS_SOURCE_DIR "/voices/lexicon.txt");
    if (!l) __builtin_trap();
    return *l;
  }();
  static const dauys::ScriptTransliterator transliterator = [] {
    auto t = dauys::ScriptTransliterator::Load(DAUYS_SOURCE_DIR "/voices");
    if (!t) __builtin_trap();
    return std::move(*t);
  }();
  // The input's first byte picks the alphabet forced on it, or none (detection).
  dauys::ScriptOptions scripts;
  scripts.transliterator = &transliterator;
  if (size > 0 && data[0] % 6 < 5) scripts.forced = static_cast<dauys::KazakhScript>(data[0] % 6);
  const dauys::Normalizer normalizer(lexicon, scripts);
  // Segmentation reads who speaks from the text made Cyrillic, as plan and build do.
  dauys::SegmentOptions options;
  options.as_cyrillic = [&normalizer](std::string_view text) { return normalizer.ToCyrillic(text); };
  options.voice_quotes = size > 1 && data[1] % 2 == 1;  // an article's quotes cut out, on every other input
  dauys::Script script = dauys::SegmentInterview(*doc, options);
  // Every non-blank line lands somewhere: as the headline, a heading, a paragraph or
  // a reported skip; every turn says why it has its speaker.
  std::set<int> lines;
  if (script.title) lines.insert(script.title_line);
  for (const dauys::SkippedLine& k : script.skipped) lines.insert(k.line);
  for (const dauys::Chapter& c : script.chapters) {
    if (c.heading) lines.insert(c.line);
    for (const dauys::Turn& t : c.turns) {
      if (t.why.empty() || t.speaker >= script.speakers.size()) __builtin_trap();
      if (script.speakers[t.speaker].role != t.role) __builtin_trap();
      for (const dauys::Paragraph& p : t.paragraphs) {
        lines.insert(p.line);
        std::string joined;  // a paragraph's quotes and narration join to it
        for (const dauys::TextRun& r : p.runs) joined += r.text;
        if (!p.runs.empty() && joined != p.text) __builtin_trap();
      }
    }
    if (c.title.empty()) __builtin_trap();
  }
  size_t nonblank = 0;
  for (const dauys::Line& l : doc->lines) {
    if (dauys::CollapseSpaces(l.text).empty()) continue;
    ++nonblank;
    if (!lines.count(l.number)) __builtin_trap();
  }
  const size_t placed = lines.size();
  (void)dauys::PlanJson(script);
  (void)dauys::PlanOutline(script, true);
  for (const dauys::Chapter& c : script.chapters) {
    for (const dauys::Turn& t : c.turns) {
      for (const dauys::Paragraph& p : t.paragraphs) {
        for (const std::string& sentence : normalizer.SplitSentences(p.text)) {
          std::string spoken = normalizer.Normalize(sentence);
          // Spoken text never carries digits: every number became words.
          if (spoken.find_first_of("0123456789") != std::string::npos) __builtin_trap();
          // Nor a letter only Kazakh Latin alphabets have: such a word is always Kazakh
          // and always made Cyrillic, whatever the script of its paragraph.
          for (char32_t ch : dauys::ToUtf32(spoken)) {
            if (dauys::IsKazakhLatinWord(std::u32string(1, ch)) && ch != U'q' && ch != U'Q') __builtin_trap();
          }
          // Language runs cover the sentence's words, each run with a language.
          for (const dauys::LanguageRun& run : dauys::SplitByLanguage(sentence)) {
            if (run.text.empty() || run.language.empty()) __builtin_trap();
            (void)dauys::SpeakAsWritten(run.text);
          }
        }
      }
    }
  }
  if (script.chapters.empty() || (placed == 0 && nonblank > 0)) __builtin_trap();
  return 0;
}
