#include "book/epub_edition.h"

#include <map>

#include "book/book_plan.h"
#include "book/publisher.h"
#include "cache/segment_cache.h"
#include "text/transliterate.h"
#include "util/atomic_file.h"
#include "util/unicode.h"

namespace dauys {

namespace {

using nlohmann::json;

/// Bumped whenever the edition is written differently, so the recipe changes with it.
constexpr const char* kEpubSchema = "dauys-epub-1";

/// `text` as runs: each sentence of `sentences` (written as in the text, in order)
/// found from where the last one ended, the text between them kept unspoken.
EpubParagraph Locate(const std::string& text, const std::vector<std::pair<std::string, int>>& sentences) {
  EpubParagraph out;
  size_t at = 0;
  for (const auto& [written, index] : sentences) {
    const size_t found = text.find(written, at);
    if (found == std::string::npos) {  // not as written (cannot happen): shown after what was found
      out.runs.push_back({written, index});
      continue;
    }
    if (found > at) out.runs.push_back({text.substr(at, found - at), -1});
    out.runs.push_back({written, index});
    at = found + written.size();
  }
  if (at < text.size()) out.runs.push_back({text.substr(at), -1});
  return out;
}

/// Each start_sample of a book.json chapter entry, in the order spoken: the book's
/// opening (first chapter only), the title's sentences, then each turn's.
std::vector<int64_t> SentenceStarts(const json& chapter) {
  std::vector<int64_t> starts;
  auto add = [&](const json& sentences) {
    for (const json& s : sentences) starts.push_back(s.at("start_sample").get<int64_t>());
  };
  add(chapter.value("opening_sentences", json::array()));
  add(chapter.at("title_sentences"));
  for (const json& turn : chapter.at("turns")) add(turn.at("sentences"));
  return starts;
}

/// The written text of every paragraph, for the script's language tag.
std::string AllText(const Script& script) {
  std::string all;
  for (const Chapter& chapter : script.chapters) {
    for (const Turn& turn : chapter.turns) {
      for (const Paragraph& p : turn.paragraphs) all += p.text + "\n";
    }
  }
  return all;
}

/// True when `text` has a Cyrillic letter: a role's name ("Тілші") in a book of
/// another script.
bool HasCyrillic(const std::string& text) {
  for (char32_t c : ToUtf32(text)) {
    if (c >= 0x400 && c <= 0x4FF) return true;
  }
  return false;
}

/// The book's opening among a chapter's turns (the title is -1).
constexpr int kOpening = -2;

/// Chapter `c` of the edition; its segments' starts come from `entry`.
Expected<EpubChapter> MakeChapter(const Script& script, const BookPlan& plan, size_t c, const json& entry,
                                  const BookOptions& options, const std::string& language) {
  const Chapter& chapter = script.chapters[c];
  const PlannedChapter& planned = plan.chapters[c];
  EpubChapter out;
  out.base = planned.base;
  out.title = chapter.title;
  out.audio = options.book_dir / entry.at("file").get<std::string>();
  out.samples = entry.at("samples").get<int64_t>();
  const std::vector<int64_t> starts = SentenceStarts(entry);
  // The spoken segments of each turn (-1: the title) in order, as (written, index).
  std::map<int, std::vector<std::pair<const PlannedSegment*, int>>> by_turn;
  for (size_t i = planned.begin; i < planned.end; ++i) {
    const PlannedSegment& s = plan.segments[i];
    if (!s.voice) continue;
    const int index = static_cast<int>(out.sentences.size());
    if (static_cast<size_t>(index) >= starts.size()) break;
    out.sentences.push_back({starts[static_cast<size_t>(index)], s.language});
    by_turn[s.opening ? kOpening : s.turn].push_back({&s, index});
  }
  if (out.sentences.size() != starts.size()) {
    return Error{"chapter " + std::to_string(chapter.number) + ": the sentences timed do not match those planned"};
  }
  auto sentences_of = [&](int turn, int line) {
    std::vector<std::pair<std::string, int>> found;
    for (const auto& [s, index] : by_turn[turn]) {
      if (turn < 0 || s->line == line) found.push_back({s->written, index});
    }
    return found;
  };
  if (c == 0 && script.opening) out.opening = Locate(*script.opening, sentences_of(kOpening, 0));
  out.heading = Locate(chapter.title, sentences_of(-1, 0));
  for (size_t t = 0; t < chapter.turns.size(); ++t) {
    const Turn& turn = chapter.turns[t];
    const Speaker& speaker = script.speakers[turn.speaker];
    EpubTurn epub_turn{DisplayName(speaker), RoleName(turn.role), speaker.id, "", {}};
    if (language != "kk" && HasCyrillic(epub_turn.speaker)) epub_turn.speaker_language = "kk";
    for (const Paragraph& p : turn.paragraphs) {
      epub_turn.paragraphs.push_back(Locate(p.text, sentences_of(static_cast<int>(t), p.line)));
    }
    out.turns.push_back(std::move(epub_turn));
  }
  return out;
}

/// "urn:uuid:…" named by the book's input and title, so every build of the book
/// (an edition after an edit too) carries the same identifier.
std::string Identifier(const BookOptions& options) {
  std::string hex = KeyHasher().Add("dauys-epub-id").Add(options.input_name).Add(options.slug).Add(options.title).Hex();
  hex[12] = '8';                                                            // version 8: custom
  hex[16] = "89ab"[std::stoi(hex.substr(16, 1), nullptr, 16) & 3];        // RFC 9562 variant
  return "urn:uuid:" + hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

}  // namespace

std::string EpubFileName(const BookOptions& options) { return options.slug + ".epub"; }

PlannedFile PlanEpub(const Script& script, const BookOptions& options, const BookPlan& plan) {
  KeyHasher h;
  h.Add(kEpubSchema).Add(Identifier(options)).Add(options.title).Add(options.author);
  h.Add(static_cast<int64_t>(options.year.value_or(0)));
  h.Add(options.cover ? KeyHasher().Add(options.cover->mime).Add(options.cover->data).Hex() : std::string());
  for (size_t c = 0; c < script.chapters.size(); ++c) {
    const Chapter& chapter = script.chapters[c];
    h.Add(plan.files[3 * c].recipe).Add(plan.files[3 * c + 1].recipe).Add(chapter.title);  // MP3; sentences' times
    for (const Turn& turn : chapter.turns) {
      const Speaker& speaker = script.speakers[turn.speaker];
      h.Add(speaker.id).Add(DisplayName(speaker)).Add(std::string(RoleName(turn.role)));
      for (const Paragraph& p : turn.paragraphs) h.Add(static_cast<int64_t>(p.line)).Add(p.text);
    }
  }
  return PlannedFile{EpubFileName(options), 0, -1, h.Hex(), "", "", "", {}};
}

Expected<EpubBook> MakeEpubBook(const Script& script, const BookPlan& plan, const json& chapters,
                                const BookOptions& options) {
  EpubBook book;
  book.identifier = Identifier(options);
  book.title = options.title;
  book.author = options.author;
  book.year = options.year;
  book.sample_rate = plan.sample_rate;
  book.cover = options.cover ? &*options.cover : nullptr;
  switch (DetectScript(AllText(script))) {
    case KazakhScript::kLatin2018:
    case KazakhScript::kLatin2021:
    case KazakhScript::kLatinDigraph: book.language = "kk-Latn"; break;
    case KazakhScript::kArabic:
      book.language = "kk-Arab";
      book.right_to_left = true;
      break;
    case KazakhScript::kCyrillic: break;
  }
  if (chapters.size() != script.chapters.size()) return Error{"the chapters built do not match those planned"};
  for (size_t c = 0; c < script.chapters.size(); ++c) {
    Expected<EpubChapter> chapter = MakeChapter(script, plan, c, chapters[c], options, book.language);
    if (!chapter) return chapter.error();
    book.chapters.push_back(std::move(*chapter));
  }
  return book;
}

Expected<std::string> PublishEpub(const Script& script, const BookPlan& plan, const json& chapters,
                                  const BookOptions& options, Publisher& publisher) {
  Expected<EpubBook> book = MakeEpubBook(script, plan, chapters, options);
  if (!book) return Error{(options.book_dir / EpubFileName(options)).string() + ": " + book.error().message};
  AtomicFile file(options.book_dir / EpubFileName(options));
  if (Status s = WriteEpub(*book, file); !s) return s.error();
  return publisher.PublishFile(file, EpubFileName(options));
}

}  // namespace dauys
