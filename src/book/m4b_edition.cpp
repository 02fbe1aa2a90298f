#include "book/m4b_edition.h"

#include "book/book_plan.h"
#include "audio/mp3_segments.h"
#include "book/publisher.h"
#include "cache/segment_cache.h"
#include "output/m4b.h"
#include "util/atomic_file.h"
#include "util/clock.h"

namespace dauys {

namespace {

using nlohmann::json;

/// Bumped whenever the edition is written differently, so the recipe changes with it.
constexpr const char* kM4bSchema = "dauys-m4b-2";

std::string CoverName(const BookOptions& options) {
  return options.cover->mime == "image/png" ? "cover.png" : "cover.jpg";
}

/// The chapters' audio as the single file joins it: each chapter MP3 (book.json's
/// `chapters`) followed by its encoder padding and the next one's delay.
Expected<std::vector<M4bPart>> Parts(const json& chapters, const BookOptions& options) {
  std::vector<M4bPart> parts;
  int64_t previous_delay = 0;
  for (const json& c : chapters) {
    const std::filesystem::path mp3 = options.book_dir / c.at("file").get<std::string>();
    Expected<Mp3Length> length = ReadMp3Length(mp3);
    if (!length) return length.error();
    if (!parts.empty()) parts.back().gap += length->delay - previous_delay;
    previous_delay = length->delay;
    parts.push_back({mp3, c.at("samples").get<int64_t>(), length->padding + length->delay});
  }
  if (!parts.empty()) parts.back().gap = 0;
  return parts;
}

/// The M4B's marks: a mark per turn as the single file has them (a mark per chapter
/// when the plan gives it one title), each ending where the next starts.
std::vector<M4bMark> Marks(const BookPlan& plan, const json& chapters, const std::vector<M4bPart>& parts) {
  std::vector<M4bMark> marks;
  int64_t offset = 0;
  for (size_t c = 0; c < chapters.size() && c < plan.chapters.size(); ++c) {
    const json& turns = chapters[c].at("turns");
    const std::vector<std::string>& titles = plan.chapters[c].book_mark_titles;
    for (size_t m = 0; m < titles.size(); ++m) {
      int64_t start = 0;
      if (titles.size() == turns.size() && m > 0) start = turns[m].at("start_sample").get<int64_t>();
      marks.push_back({MillisOfSample(offset + start, plan.sample_rate), 0, titles[m]});
    }
    offset += parts[c].samples + parts[c].gap;
  }
  for (size_t m = 0; m < marks.size(); ++m) {
    marks[m].end_ms = m + 1 < marks.size() ? marks[m + 1].start_ms : MillisOfSample(offset, plan.sample_rate);
  }
  return marks;
}

}  // namespace

std::string M4bFileName(const BookOptions& options) { return options.slug + ".m4b"; }

std::vector<std::pair<std::string, std::string>> ShelfFiles(const Script& script, const BookOptions& options) {
  std::vector<std::pair<std::string, std::string>> files;
  if (options.cover) files.push_back({CoverName(options), options.cover->data});
  files.push_back({"desc.txt", BookDescription(script, options) + "\n"});
  files.push_back({"reader.txt", NarratorLine(script) + "\n"});
  return files;
}

const std::vector<std::string>& ShelfFileNames() {
  static const std::vector<std::string> names = {"cover.jpg", "cover.png", "desc.txt", "reader.txt"};
  return names;
}

std::string NarratorLine(const Script& script) {
  std::vector<std::string> names;
  for (const Speaker& s : script.speakers) {
    if (s.role != Role::kQuoted) names.push_back(DisplayName(s));  // a quote is the narrator's paragraph
  }
  // Audiobookshelf splits the line at commas and reads a first name without a space as
  // a surname ("Last, First" pairs); the engine's name in front keeps every name whole.
  std::string line = "eSpeak NG:";
  for (size_t i = 0; i < names.size(); ++i) line += (i ? ", " : " ") + names[i];
  return line;
}

std::string BookDescription(const Script& script, const BookOptions& options) {
  if (!options.description.empty()) return options.description;
  std::string lead;
  if (!script.chapters.empty()) {
    for (const Turn& turn : script.chapters.front().turns) {
      if (turn.role != Role::kNarrator) break;
      for (const Paragraph& p : turn.paragraphs) lead += (lead.empty() ? "" : "\n\n") + p.text;
    }
  }
  return lead.empty() ? options.title : lead;
}

void PlanM4b(const Script& script, const BookOptions& options, BookPlan& plan) {
  KeyHasher h;
  h.Add(kM4bSchema).Add(M4bLibraryVersions()).Add(options.title).Add(options.author).Add(NarratorLine(script));
  h.Add(static_cast<int64_t>(options.year.value_or(0))).Add(static_cast<int64_t>(options.bitrate));
  h.Add(static_cast<int64_t>(plan.sample_rate));
  h.Add(options.cover ? KeyHasher().Add(options.cover->mime).Add(options.cover->data).Hex() : std::string());
  for (size_t c = 0; c < script.chapters.size(); ++c) {
    const PlannedFile& mp3 = plan.files[3 * c];
    h.Add(mp3.audio).Add(mp3.length).Add(mp3.tags.at("chapter marks"));
    for (const std::string& title : plan.chapters[c].book_mark_titles) h.Add(title);
  }
  plan.files.push_back(PlannedFile{M4bFileName(options), 0, -1, h.Hex(), "", "", "", {}});
  for (const auto& [name, bytes] : ShelfFiles(script, options)) {
    const std::string recipe = KeyHasher().Add(kM4bSchema).Add(name).Add(bytes).Hex();
    plan.files.push_back(PlannedFile{name, 0, -1, recipe, "", "", "", {}});
  }
}

Expected<std::string> PublishM4b(const Script& script, const BookPlan& plan, const json& chapters,
                                 const BookOptions& options, Publisher& publisher) {
  M4bBook book;
  Expected<std::vector<M4bPart>> parts = Parts(chapters, options);
  if (!parts) return parts.error();
  book.parts = std::move(*parts);
  book.marks = Marks(plan, chapters, book.parts);
  book.sample_rate = plan.sample_rate;
  book.bitrate_kbps = options.bitrate;
  book.title = options.title;
  book.author = options.author;
  book.narrator = NarratorLine(script);
  book.year = options.year.value_or(0);
  book.cover = options.cover ? &*options.cover : nullptr;
  AtomicFile file(options.book_dir / M4bFileName(options));
  if (Status s = WriteM4b(book, file); !s) return s.error();
  Expected<std::string> hash = publisher.PublishFile(file, M4bFileName(options));
  if (!hash) return hash;
  for (const auto& [name, bytes] : ShelfFiles(script, options)) {
    if (Status s = publisher.Write(name, bytes); !s) return s.error();
  }
  return hash;
}

}  // namespace dauys
