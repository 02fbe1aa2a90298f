#include "book/book_builder.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <set>

#include "audio/mp3_encoder.h"
#include "output/playlist.h"
#include "output/tagger.h"
#include "speech/speech_engine.h"
#include "text/normalizer.h"
#include "text/slug.h"
#include "util/atomic_file.h"
#include "version.h"

namespace dauys {

namespace fs = std::filesystem;

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

/// Feeds speech and silence into one chapter's encoder and keeps the sample count.
class ChapterWriter {
 public:
  ChapterWriter(Mp3Encoder& encoder, int sample_rate) : encoder_(encoder), rate_(sample_rate) {}

  Status Silence(double seconds) {
    std::vector<int16_t> zeros(static_cast<size_t>(std::lround(seconds * rate_)), 0);
    return encoder_.Encode(zeros);
  }
  /// Speaks written text: normalized, then one synthesis call per sentence.
  Status Speak(SpeechEngine& engine, const Normalizer& normalizer, const std::string& text,
               const VoiceProfile& voice) {
    for (const std::string& sentence : normalizer.SplitSentences(normalizer.Normalize(text))) {
      Expected<Speech> speech = engine.Speak(sentence, voice);
      if (!speech) return speech.error();
      if (Status s = encoder_.Encode(speech->samples); !s) return s;
    }
    return {};
  }
  int64_t position() const { return encoder_.samples(); }

 private:
  Mp3Encoder& encoder_;
  int rate_;
};

std::string FileNumber(int n, size_t total) {
  std::string s = std::to_string(n);
  size_t width = total >= 100 ? 3 : 2;
  while (s.size() < width) s = "0" + s;
  return s;
}

std::set<std::string> PreviousFiles(const fs::path& manifest) {
  std::set<std::string> files;
  std::ifstream in(manifest);
  if (!in) return files;
  nlohmann::json doc = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("chapters") || !doc["chapters"].is_array()) return files;
  for (const auto& c : doc["chapters"]) {
    if (c.is_object() && c.contains("file") && c["file"].is_string()) {
      std::string f = c["file"].get<std::string>();
      if (f.find('/') == std::string::npos && f.size() > 4 && f.substr(f.size() - 4) == ".mp3") {
        files.insert(f);
      }
    }
  }
  return files;
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

  BookResult result;
  result.sample_rate = engine.sample_rate();
  const int total = static_cast<int>(script.chapters.size());
  std::set<std::string> taken;
  nlohmann::json manifest_chapters = nlohmann::json::array();
  std::vector<PlaylistEntry> playlist;

  for (const Chapter& chapter : script.chapters) {
    if (progress) progress(chapter.number, total, chapter.title);
    Mp3Options mp3;
    mp3.sample_rate = engine.sample_rate();
    mp3.bitrate = options.bitrate;
    Expected<std::unique_ptr<Mp3Encoder>> encoder = Mp3Encoder::Create(mp3);
    if (!encoder) return encoder.error();
    ChapterWriter writer(**encoder, engine.sample_rate());
    const PauseSettings& pause = options.pauses;

    if (Status s = writer.Silence(pause.head); !s) return s.error();
    if (Status s = writer.Speak(engine, normalizer, chapter.title, **narrator); !s) return s.error();
    if (Status s = writer.Silence(pause.after_title); !s) return s.error();

    std::vector<std::string> speakers;
    nlohmann::json turns = nlohmann::json::array();
    for (size_t t = 0; t < chapter.turns.size(); ++t) {
      const Turn& turn = chapter.turns[t];
      const Speaker& speaker = script.speakers[turn.speaker];
      const VoiceProfile* voice = *voice_of(speaker);
      std::string name = DisplayName(speaker);
      if (std::find(speakers.begin(), speakers.end(), name) == speakers.end()) speakers.push_back(name);
      if (t > 0) {
        if (Status s = writer.Silence(pause.between_turns); !s) return s.error();
      }
      int64_t start = writer.position();
      for (size_t p = 0; p < turn.paragraphs.size(); ++p) {
        if (p > 0) {
          if (Status s = writer.Silence(pause.between_paragraphs); !s) return s.error();
        }
        if (Status s = writer.Speak(engine, normalizer, turn.paragraphs[p].text, *voice); !s) return s.error();
      }
      turns.push_back({{"speaker", speaker.id},
                       {"name", name},
                       {"role", RoleName(turn.role)},
                       {"start_sample", start},
                       {"end_sample", writer.position()}});
    }
    if (Status s = writer.Silence(pause.tail); !s) return s.error();
    int64_t samples = writer.position();
    Expected<std::string> mp3_bytes = (*encoder)->Finish();
    if (!mp3_bytes) return mp3_bytes.error();

    ChapterResult chapter_result;
    chapter_result.number = chapter.number;
    chapter_result.title = chapter.title;
    chapter_result.file =
        UniqueSlug(FileNumber(chapter.number, script.chapters.size()) + "-" + Slugify(chapter.title), taken) +
        ".mp3";
    chapter_result.samples = samples;
    chapter_result.speakers = speakers.empty() ? std::vector<std::string>{DisplayName(narrator_speaker)}
                                               : speakers;

    AtomicFile file(options.book_dir / chapter_result.file);
    if (Status s = file.Write(*mp3_bytes); !s) return s.error();
    TrackTags tags;
    tags.title = chapter.title;
    tags.album = options.title;
    tags.artists = chapter_result.speakers;
    tags.album_artist = options.author;
    tags.track = chapter.number;
    tags.track_total = total;
    tags.year = options.year;
    tags.comment = std::string("dauys ") + DAUYS_VERSION;
    if (Status s = WriteTags(file.temp_path(), tags); !s) {
      return Error{(options.book_dir / chapter_result.file).string() + ": " + s.error().message};
    }
    if (Status s = file.Commit(); !s) return s.error();
    stale.erase(chapter_result.file);

    double seconds = static_cast<double>(samples) / result.sample_rate;
    result.seconds += seconds;
    std::string artists;
    for (const std::string& a : chapter_result.speakers) artists += (artists.empty() ? "" : ", ") + a;
    playlist.push_back(PlaylistEntry{chapter_result.file, chapter.title, artists, seconds});
    manifest_chapters.push_back({{"number", chapter.number},
                                 {"title", chapter.title},
                                 {"file", chapter_result.file},
                                 {"samples", samples},
                                 {"seconds", seconds},
                                 {"speakers", chapter_result.speakers},
                                 {"turns", turns}});
    result.chapters.push_back(std::move(chapter_result));
  }

  result.playlist = options.slug + ".m3u8";
  if (Status s = WriteFileAtomically(options.book_dir / result.playlist, RenderM3u8(options.title, playlist));
      !s) {
    return s.error();
  }
  nlohmann::json manifest = {{"generator", std::string("dauys ") + DAUYS_VERSION},
                             {"title", options.title},
                             {"author", options.author},
                             {"sample_rate", result.sample_rate},
                             {"bitrate_kbps", options.bitrate},
                             {"playlist", result.playlist},
                             {"chapters", manifest_chapters}};
  if (Status s = WriteFileAtomically(manifest_path, manifest.dump(2) + "\n"); !s) return s.error();
  for (const std::string& old : stale) fs::remove(options.book_dir / old, ec);
  return result;
}

}  // namespace dauys
