#include "book/book_assembler.h"

#include <algorithm>
#include <fstream>

#include "book/book_plan.h"
#include "book/publisher.h"
#include "cache/segment_cache.h"
#include "output/captions.h"
#include "output/subtitles.h"
#include "text/transliterate.h"
#include "util/atomic_file.h"
#include "util/clock.h"
#include "util/unicode.h"
#include "version.h"

namespace dauys {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

uint32_t Millis(int64_t sample, int rate) { return static_cast<uint32_t>(MillisOfSample(sample, rate)); }

}  // namespace

/// Where a chapter's sentences and turns fall in its joined audio.
struct BookAssembler::Timeline {
  std::vector<Cue> cues;
  json opening_sentences = json::array();  ///< The book's title and author, said first.
  json title_sentences = json::array();
  json turns = json::array();
  std::vector<int64_t> turn_starts;
  std::vector<std::string> segment_keys;
  int64_t samples = 0;
};

BookAssembler::BookAssembler(const Script& script, const BookPlan& plan, const BookOptions& options)
    : script_(script), plan_(plan), options_(options), comment_(std::string("dauys ") + DAUYS_VERSION),
      book_file_(plan.mp3) {}

BookAssembler::~BookAssembler() = default;

Mp3Stream::~Mp3Stream() = default;

Status Mp3Stream::Open(const fs::path& target) {
  file_ = std::make_unique<AtomicFile>(target);
  Expected<size_t> room = joiner_.InfoFrameSize();
  if (!room) return room.error();
  return file_->Write(std::string(*room, '\0'));
}

Expected<int64_t> Mp3Stream::Add(const EncodedSegment& segment) {
  const int64_t start = joiner_.Add(segment);
  if (Status s = file_->Write(segment.frames); !s) return s.error();
  return start;
}

Expected<AtomicFile*> Mp3Stream::Finish() {
  Expected<std::string> info = joiner_.InfoFrame();
  if (!info) return info.error();
  if (Status s = file_->WriteAt(0, *info); !s) return s.error();
  return file_.get();
}

Status BookAssembler::Open() {
  if (!options_.single_file) return {};
  return book_file_.Open(options_.book_dir / SingleFileName());
}

BookAssembler::Timeline BookAssembler::LayOut(size_t c, const std::vector<int64_t>& starts,
                                              const std::vector<CachedSegment>& made, BookResult& result) const {
  const Chapter& chapter = script_.chapters[c];
  Timeline out;
  for (const Turn& turn : chapter.turns) {
    const Speaker& speaker = script_.speakers[turn.speaker];
    out.turns.push_back({{"speaker", speaker.id},
                         {"name", DisplayName(speaker)},
                         {"role", RoleName(turn.role)},
                         {"start_sample", json(nullptr)},
                         {"end_sample", json(nullptr)},
                         {"sentences", json::array()}});
  }
  const PlannedChapter& planned = plan_.chapters[c];
  for (size_t i = planned.begin; i < planned.end; ++i) {
    const PlannedSegment& s = plan_.segments[i];
    const CachedSegment& m = made[i];
    const int64_t at = starts[i - planned.begin];
    out.segment_keys.push_back(s.key);
    if (!s.voice) continue;
    if (m.words_spoken != s.expected_words) {
      result.coverage_problems.push_back(CoverageProblem{s.line, s.written, s.expected_words, m.words_spoken});
    }
    Cue cue{at + m.onset, at + m.speech_end, s.speaker, s.written};
    json sentence = {{"text", s.written}, {"spoken", s.spoken}, {"line", s.line},
                     {"start_sample", cue.start}, {"end_sample", cue.end}};
    if (s.language != "kk") sentence["language"] = s.language;
    if (s.quoted) sentence["quoted"] = true;
    std::vector<int64_t> word_starts;
    for (int64_t w : m.word_starts) word_starts.push_back(at + w);
    for (Cue& piece : TimeCaptions(s.speaker, s.written, s.captions, word_starts, cue.start, cue.end)) {
      out.cues.push_back(std::move(piece));
    }
    ++result.sentences;
    if (s.turn < 0) {
      (s.opening ? out.opening_sentences : out.title_sentences).push_back(sentence);
      continue;
    }
    json& turn = out.turns[static_cast<size_t>(s.turn)];
    if (turn["start_sample"].is_null()) turn["start_sample"] = at + m.speech_start;
    turn["end_sample"] = at + m.speech_end;
    turn[s.announcement ? "announcement" : "sentences"].push_back(sentence);
  }
  for (size_t t = 0; t < out.turns.size(); ++t) {
    // A turn with nothing to say (only marks) takes no time, where the one before ended.
    json& turn = out.turns[t];
    if (turn["start_sample"].is_null()) turn["start_sample"] = turn["end_sample"] = t ? out.turns[t - 1]["end_sample"] : json(0);
    out.turn_starts.push_back(t == 0 ? 0 : turn["start_sample"].get<int64_t>());
  }
  return out;
}

/// A chapter mark per turn (the first also covers the title read before it); the
/// single file gets the same marks, titled with their chapter too, in one flat list.
TrackTags BookAssembler::ChapterTags(size_t c, const ChapterResult& chapter, const Timeline& timeline) {
  const int rate = plan_.sample_rate;
  TrackTags tags;
  tags.title = chapter.title;
  tags.album = options_.title;
  tags.artists = chapter.speakers;
  tags.album_artist = options_.author;
  tags.track = chapter.number;
  tags.track_total = static_cast<int>(script_.chapters.size());
  tags.year = options_.year;
  tags.comment = comment_;
  tags.cover = options_.cover ? &*options_.cover : nullptr;
  const std::string chapter_id = "c" + std::to_string(script_.chapters[c].number);
  TableOfContents chapter_toc{"toc", chapter.title, true, {}};
  const std::vector<int64_t>& starts = timeline.turn_starts;
  for (size_t t = 0; t < starts.size(); ++t) {
    int64_t turn_end = t + 1 < starts.size() ? starts[t + 1] : timeline.samples;
    std::string id = "t" + std::to_string(t + 1);
    tags.chapters.push_back({id, Millis(starts[t], rate), Millis(turn_end, rate), plan_.chapters[c].turn_titles[t]});
    chapter_toc.children.push_back(id);
  }
  if (!tags.chapters.empty()) tags.tocs.push_back(chapter_toc);
  if (options_.single_file) {
    // Starts only: a mark ends where the next begins (SingleFileTags), so the marks
    // cover the file without gaps or overlaps.
    const std::vector<std::string>& titles = plan_.chapters[c].book_mark_titles;
    for (size_t m = 0; m < titles.size(); ++m) {
      std::string id = titles.size() == starts.size() ? chapter_id + "t" + std::to_string(m + 1) : chapter_id;
      int64_t start = m < starts.size() ? starts[m] : 0;
      book_marks_.push_back({id, Millis(book_offset_ + start, rate), 0, titles[m]});
    }
  }
  return tags;
}

Expected<AssembledChapter> BookAssembler::AddChapter(size_t c, const SegmentCache& cache,
                                                     const std::vector<CachedSegment>& made, BookResult& result) {
  const Chapter& chapter = script_.chapters[c];
  const PlannedChapter& planned = plan_.chapters[c];
  AssembledChapter out;
  out.mp3 = std::make_unique<Mp3Stream>(plan_.mp3);
  if (Status s = out.mp3->Open(options_.book_dir / (planned.base + ".mp3")); !s) return s.error();
  std::vector<int64_t> starts;
  // In the single file a chapter starts where its first segment lands: after the frames
  // of the chapter before, its encoder padding and this segment's delay included.
  if (options_.single_file) book_offset_ = book_file_.samples();
  for (size_t i = planned.begin; i < planned.end; ++i) {
    std::string why;
    std::optional<CachedSegment> entry = cache.Load(plan_.segments[i].key, &why);
    if (!entry) {
      return Error{cache.PathOf(plan_.segments[i].key).string() + ": " + why + " while joining chapter " +
                   std::to_string(c + 1) + "; build again"};
    }
    Expected<int64_t> start = out.mp3->Add(entry->audio);
    if (!start) return start.error();
    starts.push_back(*start);
    if (options_.single_file) {
      Expected<int64_t> added = book_file_.Add(entry->audio);
      if (!added) return added.error();
      if (i == planned.begin) book_offset_ = *added;
    }
  }
  Timeline timeline = LayOut(c, starts, made, result);
  timeline.samples = out.mp3->samples();

  ChapterResult& r = out.result;
  r.number = chapter.number;
  r.title = chapter.title;
  r.file = planned.base + ".mp3";
  r.samples = timeline.samples;
  r.speakers = planned.speakers;
  out.tags = ChapterTags(c, r, timeline);
  const std::string artists = JoinNames(r.speakers);
  out.vtt_name = planned.base + ".vtt";
  out.lrc_name = planned.base + ".lrc";
  out.vtt = RenderWebVtt(timeline.cues, plan_.sample_rate);
  out.lrc = RenderLrc(timeline.cues, plan_.sample_rate, chapter.title, artists, options_.title);
  out.manifest = {{"number", chapter.number},
                  {"title", chapter.title},
                  {"file", r.file},
                  {"vtt", out.vtt_name},
                  {"lrc", out.lrc_name},
                  {"samples", r.samples},
                  {"seconds", static_cast<double>(r.samples) / plan_.sample_rate},
                  {"book_start_sample", book_offset_},
                  {"speakers", r.speakers},
                  {"title_sentences", timeline.title_sentences},
                  {"turns", timeline.turns},
                  {"segments", timeline.segment_keys}};
  if (!timeline.opening_sentences.empty()) out.manifest["opening_sentences"] = timeline.opening_sentences;
  return out;
}

void BookAssembler::AddPublished(AssembledChapter chapter, const std::string& hash, BookResult& result) {
  const double seconds = static_cast<double>(chapter.result.samples) / plan_.sample_rate;
  result.seconds += seconds;
  playlist_.push_back(
      PlaylistEntry{chapter.result.file, chapter.result.title, JoinNames(chapter.result.speakers), seconds});
  chapter.manifest["hash"] = hash;
  manifest_chapters_.push_back(std::move(chapter.manifest));
  result.chapters.push_back(std::move(chapter.result));
}

Expected<AtomicFile*> BookAssembler::FinishSingleFile() {
  if (!options_.single_file) return static_cast<AtomicFile*>(nullptr);
  return book_file_.Finish();
}

TrackTags BookAssembler::SingleFileTags() const {
  TrackTags tags;
  tags.title = options_.title;
  tags.album = options_.title;
  for (const Speaker& s : script_.speakers) {
    if (s.role != Role::kQuoted) tags.artists.push_back(DisplayName(s));  // a quote is the narrator's paragraph
  }
  tags.album_artist = options_.author;
  tags.track = 1;
  tags.track_total = 1;
  tags.year = options_.year;
  tags.comment = comment_;
  tags.cover = options_.cover ? &*options_.cover : nullptr;
  // One flat, ordered list: a mark per turn (per chapter without turns), each ending
  // where the next starts and the last at the end of the file, under one top-level
  // table of contents. Players built on ffmpeg ignore the table and list the marks
  // as they are, so nesting them would show overlapping marks out of order.
  tags.chapters = book_marks_;
  TableOfContents toc{"toc", options_.title, true, {}};
  for (size_t m = 0; m < tags.chapters.size(); ++m) {
    ChapterMark& mark = tags.chapters[m];
    mark.end_ms = m + 1 < tags.chapters.size() ? tags.chapters[m + 1].start_ms
                                               : Millis(book_file_.samples(), plan_.sample_rate);
    toc.children.push_back(mark.id);
  }
  tags.tocs.push_back(std::move(toc));
  return tags;
}

void BookAssembler::AddSingleFile(const std::string& hash) {
  single_file_ = {{"single_file", SingleFileName()},
                  {"single_file_hash", hash},
                  {"single_file_samples", book_file_.samples()}};
}

void BookAssembler::AddEdition(const std::string& key, const std::string& name, const std::string& hash) {
  editions_[key] = name;
  editions_[key + "_hash"] = hash;
}

std::string BookAssembler::Playlist() const { return RenderM3u8(options_.title, playlist_); }

Expected<std::vector<WebPageFile>> BookAssembler::WebPage() const {
  if (!options_.web) return std::vector<WebPageFile>{};
  const json book = {{"title", options_.title},
                     {"author", options_.author},
                     {"sample_rate", plan_.sample_rate},
                     {"script", WrittenScript()},
                     {"chapters", manifest_chapters_}};
  return RenderWebPage(book, options_.slug, options_.cover ? &*options_.cover : nullptr);
}

std::string BookAssembler::WrittenScript() const {
  std::string text;
  for (const Chapter& chapter : script_.chapters) {
    for (const Turn& turn : chapter.turns) {
      for (const Paragraph& p : turn.paragraphs) text.append(p.text).append("\n");
    }
  }
  return ScriptName(DetectScript(text));
}

std::string BookAssembler::Manifest(const BookResult& result, const Publisher& publisher) const {
  json files = json::object();
  for (const PlannedFile& f : plan_.files) {
    if (f.name == "book.json") continue;
    const DiskState hashes = publisher.After(f.name);
    json record = {{"recipe", f.recipe}, {"hash", hashes.hash}};
    if (!f.text.empty()) record["text"] = f.text;
    if (!f.audio.empty()) {
      record["audio"] = f.audio;
      record["audio_hash"] = hashes.audio_hash;
      record["tags"] = f.tags;
    }
    files[f.name] = std::move(record);
  }
  json manifest = {{"generator", comment_},
                   {"title", options_.title},
                   {"author", options_.author},
                   {"sample_rate", plan_.sample_rate},
                   {"bitrate_kbps", options_.bitrate},
                   {"loudness_lufs", options_.loudness.target_lufs},
                   {"seconds", result.seconds},
                   {"chapters", manifest_chapters_},
                   {"playlist", PlaylistName()},
                   {"files", files},
                   {"input", options_.input_name},
                   {"voices", plan_.voices},
                   {"pauses", plan_.pauses},
                   {"recipe", plan_.files.back().recipe}};
  if (single_file_.is_object()) manifest.update(single_file_);
  if (options_.web) manifest["page"] = WebPageNames().front();
  manifest["script"] = WrittenScript();
  if (!options_.date.empty()) manifest["date"] = options_.date;
  if (!first_built_.empty()) manifest["first_built"] = first_built_;
  if (!options_.settings.empty() && options_.settings != "{}") manifest["settings"] = json::parse(options_.settings);
  if (!options_.source_path.empty()) {
    manifest["source"] = {{"path", options_.source_path},
                          {"hash", options_.source_hash},
                          {"first_hash", first_source_hash_.empty() ? options_.source_hash : first_source_hash_}};
  }
  manifest.update(editions_);
  // An input file name need not be UTF-8: such bytes are replaced, not thrown on.
  return manifest.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace dauys
