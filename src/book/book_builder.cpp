#include "book/book_builder.h"

#include <nlohmann/json.hpp>
#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>

#include "audio/mp3_encoder.h"
#include "output/playlist.h"
#include "output/subtitles.h"
#include "speech/speech_engine.h"
#include "text/normalizer.h"
#include "text/slug.h"
#include "util/atomic_file.h"
#include "util/unicode.h"
#include "version.h"

namespace dauys {

namespace fs = std::filesystem;
using nlohmann::json;

std::string DisplayName(const Speaker& speaker) {
  if (!speaker.name.empty()) return speaker.name;
  switch (speaker.role) {
    case Role::kNarrator: return "Диктор";
    case Role::kInterviewer: return "Тілші";
    case Role::kInterviewee: return "Сұхбат беруші";
  }
  return "Диктор";
}

namespace {

std::string ContentHash(std::string_view bytes) {
  XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return std::string("xxh128:") + buf;
}

uint32_t Millis(int64_t sample, int rate) { return static_cast<uint32_t>((sample * 1000 + rate / 2) / rate); }

/// "Name: first words …" in at most `max_bytes` of UTF-8: chapter-mark titles stay
/// short for players' menus (and under 128 bytes, past which ffmpeg misreads ID3v2.4
/// sub-frame sizes).
std::string MarkTitle(const std::string& name, const std::string& text, size_t max_bytes = 100) {
  std::string out = name + ":";
  std::vector<std::string> words = SplitWords(text);
  size_t used = 0;
  for (const std::string& w : words) {
    if (out.size() + 1 + w.size() + 4 > max_bytes) break;
    out += " " + w;
    ++used;
  }
  if (used < words.size()) out += " …";
  return out;
}

/// Last sample louder than the noise floor, so a cue ends with the voice, not the pause.
size_t SpeechEnd(const std::vector<int16_t>& pcm) {
  size_t end = pcm.size();
  while (end > 0 && std::abs(pcm[end - 1]) < 200) --end;
  return end;
}

/// One chapter being rendered: feeds PCM to the chapter's encoder (and the whole-book
/// encoder when there is one) and records sentence cues.
class ChapterRenderer {
 public:
  ChapterRenderer(Mp3Encoder& chapter, Mp3Encoder* book, const Normalizer& normalizer, SpeechEngine& engine,
                  const LoudnessOptions& loudness, BookResult& result)
      : chapter_(chapter), book_(book), normalizer_(normalizer), engine_(engine), loudness_(loudness),
        result_(result) {
    chapter_.EnableLoudnessMonitor();
  }

  Status Silence(double seconds) {
    std::vector<int16_t> zeros(static_cast<size_t>(std::lround(seconds * engine_.sample_rate())), 0);
    return Encode(zeros);
  }

  /// Speaks a paragraph (or title) sentence by sentence; `pause` seconds between them.
  Status Speak(const std::string& text, int line, const VoiceProfile& voice, const std::string& speaker,
               double pause, json& sentences_out) {
    std::vector<std::string> sentences = normalizer_.SplitSentences(text);
    for (size_t s = 0; s < sentences.size(); ++s) {
      std::string spoken = normalizer_.Normalize(sentences[s]);
      size_t expected_words = CountSpokenWords(spoken);
      if (expected_words == 0) continue;  // nothing but marks: nothing to say
      if (s > 0 && !cues_.empty()) {
        if (Status st = Silence(pause); !st) return st;
      }
      Expected<Speech> speech = engine_.Speak(spoken, voice);
      if (!speech) return speech.error();
      size_t words = speech->WordCount();
      if (words != expected_words) {
        result_.coverage_problems.push_back(CoverageProblem{line, sentences[s], expected_words, words});
      }
      // Each sentence is brought to the target; the pauses between them pull a
      // chapter's integrated loudness down a little, so the target follows the
      // chapter's running measurement.
      LoudnessOptions target = loudness_;
      double so_far = chapter_.MonitoredLoudness();
      if (std::isfinite(so_far)) target.target_lufs += std::clamp(loudness_.target_lufs - so_far, -3.0, 3.0);
      double& gain = last_gain_db_[voice.name];
      gain = NormalizeLoudness(speech->samples, engine_.sample_rate(), target, gain);
      int64_t onset = 0;
      for (const SpeechEvent& e : speech->events) {
        if (e.type == SpeechEvent::Type::kWord) {
          onset = std::min<int64_t>(e.sample, static_cast<int64_t>(speech->samples.size()));
          break;
        }
      }
      Cue cue{position_ + onset, position_ + static_cast<int64_t>(SpeechEnd(speech->samples)), speaker, sentences[s]};
      if (cue.end <= cue.start) cue.end = position_ + static_cast<int64_t>(speech->samples.size());
      sentences_out.push_back({{"text", sentences[s]},
                               {"spoken", spoken},
                               {"line", line},
                               {"start_sample", cue.start},
                               {"end_sample", cue.end}});
      cues_.push_back(std::move(cue));
      ++result_.sentences;
      if (Status st = Encode(speech->samples); !st) return st;
    }
    return {};
  }

  int64_t position() const { return position_; }
  const std::vector<Cue>& cues() const { return cues_; }

 private:
  Status Encode(const std::vector<int16_t>& pcm) {
    if (Status s = chapter_.Encode(pcm); !s) return s;
    if (book_) {
      if (Status s = book_->Encode(pcm); !s) return s;
    }
    position_ += static_cast<int64_t>(pcm.size());
    return {};
  }

  Mp3Encoder& chapter_;
  Mp3Encoder* book_;
  const Normalizer& normalizer_;
  SpeechEngine& engine_;
  const LoudnessOptions& loudness_;
  BookResult& result_;
  int64_t position_ = 0;
  std::vector<Cue> cues_;
  std::map<std::string, double> last_gain_db_;
};

std::string FileNumber(int n, size_t total) {
  std::string s = std::to_string(n);
  size_t width = total >= 100 ? 3 : 2;
  while (s.size() < width) s = "0" + s;
  return s;
}

/// Files an earlier build listed in book.json, so those this build drops can go.
std::set<std::string> PreviousFiles(const fs::path& manifest) {
  std::set<std::string> files;
  std::ifstream in(manifest);
  if (!in) return files;
  json doc = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("chapters") || !doc["chapters"].is_array()) return files;
  for (const auto& c : doc["chapters"]) {
    if (!c.is_object()) continue;
    for (const char* key : {"file", "vtt", "lrc"}) {
      if (c.contains(key) && c[key].is_string()) {
        std::string f = c[key].get<std::string>();
        if (!f.empty() && f.find('/') == std::string::npos && f[0] != '.') files.insert(f);
      }
    }
  }
  if (doc.contains("single_file") && doc["single_file"].is_string()) {
    std::string f = doc["single_file"].get<std::string>();
    if (!f.empty() && f.find('/') == std::string::npos && f[0] != '.') files.insert(f);
  }
  return files;
}

/// Writes MP3 bytes, tags them while still temporary, publishes, and returns the hash
/// of the final file.
Expected<std::string> PublishMp3(const fs::path& path, const std::string& mp3, const TrackTags& tags) {
  AtomicFile file(path);
  if (Status s = file.Write(mp3); !s) return s.error();
  if (Status s = WriteTags(file.temp_path(), tags); !s) return Error{path.string() + ": " + s.error().message};
  Expected<std::string> bytes = ReadWholeFile(file.temp_path());
  if (!bytes) return bytes.error();
  if (Status s = file.Commit(); !s) return s.error();
  return ContentHash(*bytes);
}

}  // namespace

Expected<BookResult> BuildBook(const Script& script, const std::map<std::string, VoiceProfile>& voices,
                               const Normalizer& normalizer, SpeechEngine& engine, const BookOptions& options,
                               const ProgressCallback& progress) {
  auto voice_of = [&](const Speaker& s) -> Expected<const VoiceProfile*> {
    auto it = voices.find(s.voice);
    if (it == voices.end()) {
      return Error{"speaker " + s.id + " (" + DisplayName(s) + ") uses voice '" + s.voice +
                   "', which is not in the voice folder"};
    }
    return &it->second;
  };
  const Speaker& narrator_speaker = script.speakers.front();
  Expected<const VoiceProfile*> narrator = voice_of(narrator_speaker);
  if (!narrator) return narrator.error();
  for (const Speaker& s : script.speakers) {
    Expected<const VoiceProfile*> v = voice_of(s);
    if (!v) return v.error();
    if (Status st = engine.CheckVoice(**v); !st) return st.error();
  }

  std::error_code ec;
  fs::create_directories(options.book_dir, ec);
  if (ec || !fs::is_directory(options.book_dir)) {
    return Error{options.book_dir.string() + ": cannot create the output folder: " +
                 (ec ? ec.message() : "not a folder")};
  }
  const fs::path manifest_path = options.book_dir / "book.json";
  std::set<std::string> stale = PreviousFiles(manifest_path);

  Mp3Options mp3;
  mp3.sample_rate = engine.sample_rate();
  mp3.bitrate = options.bitrate;
  std::unique_ptr<Mp3Encoder> book_encoder;
  if (options.single_file) {
    Expected<std::unique_ptr<Mp3Encoder>> e = Mp3Encoder::Create(mp3);
    if (!e) return e.error();
    book_encoder = std::move(*e);
  }

  BookResult result;
  const int rate = engine.sample_rate();
  result.sample_rate = rate;
  const int total = static_cast<int>(script.chapters.size());
  std::set<std::string> taken;
  json manifest_chapters = json::array();
  std::vector<PlaylistEntry> playlist;
  std::vector<ChapterMark> book_marks;
  std::vector<TableOfContents> book_tocs(1, TableOfContents{"toc", options.title, true, {}});
  const std::string comment = std::string("dauys ") + DAUYS_VERSION;

  for (const Chapter& chapter : script.chapters) {
    if (progress) progress(chapter.number, total, chapter.title);
    Expected<std::unique_ptr<Mp3Encoder>> encoder = Mp3Encoder::Create(mp3);
    if (!encoder) return encoder.error();
    const int64_t book_offset = book_encoder ? book_encoder->samples() : 0;
    ChapterRenderer renderer(**encoder, book_encoder.get(), normalizer, engine, options.loudness, result);
    const PauseSettings& pause = options.pauses;
    const std::string narrator_name = DisplayName(narrator_speaker);

    json title_sentences = json::array();
    if (Status s = renderer.Silence(pause.head); !s) return s.error();
    if (Status s = renderer.Speak(chapter.title, chapter.line, **narrator, narrator_name, pause.between_sentences,
                                  title_sentences);
        !s) {
      return s.error();
    }
    if (Status s = renderer.Silence(pause.after_title); !s) return s.error();

    std::vector<std::string> speakers;
    json turns = json::array();
    std::vector<int64_t> turn_starts;
    std::vector<std::string> turn_titles;
    for (size_t t = 0; t < chapter.turns.size(); ++t) {
      const Turn& turn = chapter.turns[t];
      const Speaker& speaker = script.speakers[turn.speaker];
      const VoiceProfile* voice = *voice_of(speaker);
      std::string name = DisplayName(speaker);
      if (std::find(speakers.begin(), speakers.end(), name) == speakers.end()) speakers.push_back(name);
      if (t > 0) {
        if (Status s = renderer.Silence(pause.between_turns); !s) return s.error();
      }
      int64_t start = renderer.position();
      json sentences = json::array();
      for (size_t p = 0; p < turn.paragraphs.size(); ++p) {
        if (p > 0) {
          if (Status s = renderer.Silence(pause.between_paragraphs); !s) return s.error();
        }
        if (Status s = renderer.Speak(turn.paragraphs[p].text, turn.paragraphs[p].line, *voice, name,
                                      pause.between_sentences, sentences);
            !s) {
          return s.error();
        }
      }
      turn_starts.push_back(t == 0 ? 0 : start);
      turn_titles.push_back(MarkTitle(name, turn.paragraphs.front().text));
      turns.push_back({{"speaker", speaker.id},
                       {"name", name},
                       {"role", RoleName(turn.role)},
                       {"start_sample", start},
                       {"end_sample", renderer.position()},
                       {"sentences", sentences}});
    }
    if (Status s = renderer.Silence(pause.tail); !s) return s.error();
    const int64_t samples = renderer.position();
    Expected<std::string> mp3_bytes = (*encoder)->Finish();
    if (!mp3_bytes) return mp3_bytes.error();

    ChapterResult chapter_result;
    chapter_result.number = chapter.number;
    chapter_result.title = chapter.title;
    const std::string base =
        UniqueSlug(FileNumber(chapter.number, script.chapters.size()) + "-" + Slugify(chapter.title), taken);
    chapter_result.file = base + ".mp3";
    chapter_result.samples = samples;
    chapter_result.speakers = speakers.empty() ? std::vector<std::string>{narrator_name} : speakers;

    // A chapter mark per turn; the first also covers the title read before it.
    TrackTags tags;
    tags.title = chapter.title;
    tags.album = options.title;
    tags.artists = chapter_result.speakers;
    tags.album_artist = options.author;
    tags.track = chapter.number;
    tags.track_total = total;
    tags.year = options.year;
    tags.comment = comment;
    tags.cover = options.cover ? &*options.cover : nullptr;
    TableOfContents chapter_toc{"toc", chapter.title, true, {}};
    TableOfContents book_chapter_toc{"c" + std::to_string(chapter.number) + "toc", chapter.title, false, {}};
    for (size_t t = 0; t < turn_starts.size(); ++t) {
      int64_t end = t + 1 < turn_starts.size() ? turn_starts[t + 1] : samples;
      std::string id = "t" + std::to_string(t + 1);
      tags.chapters.push_back({id, Millis(turn_starts[t], rate), Millis(end, rate), turn_titles[t]});
      chapter_toc.children.push_back(id);
      std::string book_id = "c" + std::to_string(chapter.number) + id;
      book_marks.push_back({book_id, Millis(book_offset + turn_starts[t], rate), Millis(book_offset + end, rate),
                            turn_titles[t]});
      book_chapter_toc.children.push_back(book_id);
    }
    if (!tags.chapters.empty()) tags.tocs.push_back(chapter_toc);
    if (book_encoder) {
      std::string id = "c" + std::to_string(chapter.number);
      book_marks.push_back({id, Millis(book_offset, rate), Millis(book_offset + samples, rate), chapter.title});
      book_tocs[0].children.push_back(book_chapter_toc.children.empty() ? id : book_chapter_toc.id);
      if (!book_chapter_toc.children.empty()) book_tocs.push_back(book_chapter_toc);
    }

    Expected<std::string> hash = PublishMp3(options.book_dir / chapter_result.file, *mp3_bytes, tags);
    if (!hash) return hash.error();
    const std::string vtt = base + ".vtt", lrc = base + ".lrc";
    if (Status s = WriteFileAtomically(options.book_dir / vtt, RenderWebVtt(renderer.cues(), rate)); !s) {
      return s.error();
    }
    std::string artists;
    for (const std::string& a : chapter_result.speakers) artists += (artists.empty() ? "" : ", ") + a;
    if (Status s = WriteFileAtomically(options.book_dir / lrc,
                                       RenderLrc(renderer.cues(), rate, chapter.title, artists, options.title));
        !s) {
      return s.error();
    }
    for (const std::string& f : {chapter_result.file, vtt, lrc}) stale.erase(f);

    double seconds = static_cast<double>(samples) / rate;
    result.seconds += seconds;
    playlist.push_back(PlaylistEntry{chapter_result.file, chapter.title, artists, seconds});
    manifest_chapters.push_back({{"number", chapter.number},
                                 {"title", chapter.title},
                                 {"file", chapter_result.file},
                                 {"vtt", vtt},
                                 {"lrc", lrc},
                                 {"hash", *hash},
                                 {"samples", samples},
                                 {"seconds", seconds},
                                 {"book_start_sample", book_offset},
                                 {"speakers", chapter_result.speakers},
                                 {"title_sentences", title_sentences},
                                 {"turns", turns}});
    result.chapters.push_back(std::move(chapter_result));
  }

  json manifest = {{"generator", comment},
                   {"title", options.title},
                   {"author", options.author},
                   {"sample_rate", rate},
                   {"bitrate_kbps", options.bitrate},
                   {"loudness_lufs", options.loudness.target_lufs},
                   {"seconds", result.seconds},
                   {"chapters", manifest_chapters}};
  if (book_encoder) {
    Expected<std::string> bytes = book_encoder->Finish();
    if (!bytes) return bytes.error();
    TrackTags tags;
    tags.title = options.title;
    tags.album = options.title;
    for (const Speaker& s : script.speakers) tags.artists.push_back(DisplayName(s));
    tags.album_artist = options.author;
    tags.track = 1;
    tags.track_total = 1;
    tags.year = options.year;
    tags.comment = comment;
    tags.cover = options.cover ? &*options.cover : nullptr;
    tags.chapters = book_marks;
    tags.tocs = book_tocs;
    const std::string single = options.slug + ".mp3";
    Expected<std::string> hash = PublishMp3(options.book_dir / single, *bytes, tags);
    if (!hash) return hash.error();
    stale.erase(single);
    manifest["single_file"] = single;
    manifest["single_file_hash"] = *hash;
    manifest["single_file_samples"] = book_encoder->samples();
  }

  result.playlist = options.slug + ".m3u8";
  if (Status s = WriteFileAtomically(options.book_dir / result.playlist, RenderM3u8(options.title, playlist)); !s) {
    return s.error();
  }
  manifest["playlist"] = result.playlist;
  if (Status s = WriteFileAtomically(manifest_path, manifest.dump(2) + "\n"); !s) return s.error();
  for (const std::string& old : stale) fs::remove(options.book_dir / old, ec);
  return result;
}

}  // namespace dauys
