#include "book/book_builder.h"

#include <fcntl.h>
#include <lame/lame.h>
#include <sys/file.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <mutex>
#include <set>
#include <span>
#include <thread>

#include "audio/mp3_segments.h"
#include "cache/segment_cache.h"
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

/// Bumped whenever the way segments are made changes, so old cache entries are not used.
constexpr const char* kSegmentSchema = "dauys-segment-5";

/// The content hash of a file, read in pieces (a whole book can be hundreds of MB).
Expected<std::string> HashFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path.string() + ": cannot read"};
  XXH3_state_t* state = XXH3_createState();
  XXH3_128bits_reset(state);
  std::vector<char> buffer(1 << 16);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    XXH3_128bits_update(state, buffer.data(), static_cast<size_t>(in.gcount()));
  }
  XXH128_hash_t h = XXH3_128bits_digest(state);
  XXH3_freeState(state);
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

std::string Excerpt(const std::string& text) {
  std::vector<std::string> words = SplitWords(text);
  std::string out;
  for (size_t i = 0; i < words.size() && i < 6; ++i) out += (i ? " " : "") + words[i];
  return words.size() > 6 ? out + " …" : out;
}

/// Last sample louder than the noise floor, so a cue ends with the voice, not the pause.
size_t SpeechEnd(std::span<const int16_t> pcm) {
  size_t end = pcm.size();
  while (end > 0 && std::abs(pcm[end - 1]) < 200) --end;
  return end;
}

std::string FileNumber(int n, size_t total) {
  std::string s = std::to_string(n);
  size_t width = total >= 100 ? 3 : 2;
  while (s.size() < width) s = "0" + s;
  return s;
}

/// One segment of a chapter: a sentence with the silence before (and, for the last of
/// a chapter, after) it.
struct PlannedSegment {
  size_t chapter = 0;
  int turn = -1;  // -1: the chapter title
  int line = 0;
  std::string written;
  std::string spoken;
  size_t expected_words = 0;
  const VoiceProfile* voice = nullptr;
  std::string speaker;
  double lead = 0;
  double tail = 0;
  bool joined = false;  ///< Follows another segment in its chapter: the join adds silence.
  std::string key;
};

/// Everything that decides a segment's bytes, hashed.
std::string SegmentKey(const PlannedSegment& s, const SpeechEngine& engine, const BookOptions& options,
                       const Mp3Options& mp3) {
  KeyHasher h;
  h.Add(kSegmentSchema).Add(engine.version()).Add(std::string(get_lame_version()));
  h.Add(static_cast<int64_t>(engine.sample_rate())).Add(static_cast<int64_t>(mp3.bitrate)).Add(static_cast<int64_t>(mp3.quality));
  h.Add(s.voice ? s.voice->Describe() : std::string("silence")).Add(s.spoken);
  h.Add(s.lead).Add(s.tail).Add(static_cast<int64_t>(s.joined));
  h.Add(options.loudness.target_lufs).Add(options.loudness.ceiling_dbfs).Add(options.loudness.lookahead_ms)
      .Add(options.loudness.release_ms).Add(options.loudness.sentence_offset_lu);
  return h.Hex();
}

/// Loudness and encoding of one spoken segment: pure, so any thread may run it.
Expected<CachedSegment> FinishSegment(const std::vector<int16_t>& speech, int64_t onset, uint32_t words,
                                      const PlannedSegment& plan, int rate, const LoudnessOptions& loudness,
                                      const Mp3Options& mp3) {
  const int64_t join = plan.joined ? kJoinSilenceSamples : 0;
  const auto lead = static_cast<size_t>(std::max<int64_t>(0, std::lround(plan.lead * rate) - join));
  const auto tail = static_cast<size_t>(std::lround(plan.tail * rate));
  std::vector<int16_t> pcm(lead + speech.size() + tail, 0);
  const std::span<int16_t> spoken = std::span<int16_t>(pcm).subspan(lead, speech.size());
  if (!speech.empty()) {
    LoudnessOptions sentence = loudness;
    sentence.target_lufs += loudness.sentence_offset_lu;
    NormalizeLoudness(speech, spoken, rate, sentence, 0.0);
  }
  CachedSegment out;
  out.speech_start = static_cast<int64_t>(lead);
  out.onset = static_cast<int64_t>(lead) + std::min<int64_t>(onset, static_cast<int64_t>(speech.size()));
  out.speech_end = static_cast<int64_t>(lead + SpeechEnd(spoken));
  if (out.speech_end <= out.onset) out.speech_end = static_cast<int64_t>(lead + speech.size());
  out.words_spoken = words;
  Expected<EncodedSegment> encoded = EncodeSegment(pcm, mp3);
  if (!encoded) return encoded.error();
  out.audio = std::move(*encoded);
  return out;
}

/// A fixed set of threads that finish segments. Jobs only name a segment, so the queue
/// may hold the whole book; the destructor finishes what is queued.
class WorkerPool {
 public:
  explicit WorkerPool(int threads) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Run(); });
  }
  ~WorkerPool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  void Submit(std::function<void()> job) {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(std::move(job));
    ready_.notify_one();
  }

 private:
  void Run() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;
        job = std::move(queue_.front());
        queue_.pop_front();
      }
      job();
    }
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;
  std::vector<std::thread> threads_;
  bool stopping_ = false;
};

/// Files an earlier build listed in book.json, so those this build drops can go.
std::set<std::string> PreviousFiles(const fs::path& manifest) {
  std::set<std::string> files;
  std::ifstream in(manifest);
  if (!in) return files;
  json doc = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("chapters") || !doc["chapters"].is_array()) return files;
  auto keep = [&](const json& v) {
    if (!v.is_string()) return;
    std::string f = v.get<std::string>();
    if (!f.empty() && f.find('/') == std::string::npos && f[0] != '.') files.insert(f);
  };
  for (const auto& c : doc["chapters"]) {
    if (!c.is_object()) continue;
    for (const char* key : {"file", "vtt", "lrc"}) {
      if (c.contains(key)) keep(c[key]);
    }
  }
  if (doc.contains("single_file")) keep(doc["single_file"]);
  return files;
}

/// Publishes files, leaving those whose bytes would not change untouched (same bytes,
/// same modification time), and counts both.
class Publisher {
 public:
  Publisher(fs::path dir, BookResult& result, const std::function<void(const std::string&)>& explain)
      : dir_(std::move(dir)), result_(result), explain_(explain) {}

  /// Writes `bytes` as `name` unless the file already holds exactly them.
  Status Write(const std::string& name, const std::string& bytes) {
    Expected<std::string> old = ReadWholeFile(dir_ / name);
    if (old && *old == bytes) {
      ++result_.files_unchanged;
      return {};
    }
    if (Status s = WriteFileAtomically(dir_ / name, bytes); !s) return s;
    Rewritten(name, old.ok());
    return {};
  }

  /// Tags the MP3 in `file` (still a temporary) and publishes it unless the file there
  /// already has the same bytes; returns the hash of the final file.
  Expected<std::string> PublishMp3(AtomicFile& file, const std::string& name, const TrackTags& tags) {
    if (Status s = WriteTags(file.temp_path(), tags); !s) return Error{(dir_ / name).string() + ": " + s.error().message};
    Expected<std::string> hash = HashFile(file.temp_path());
    if (!hash) return hash.error();
    std::error_code ec;
    const bool existed = fs::exists(dir_ / name, ec);
    if (existed && fs::file_size(dir_ / name, ec) == fs::file_size(file.temp_path(), ec)) {
      Expected<std::string> old = HashFile(dir_ / name);
      if (old && *old == *hash) {
        ++result_.files_unchanged;  // the temporary goes with `file`
        return hash;
      }
    }
    if (Status s = file.Commit(); !s) return s.error();
    Rewritten(name, existed);
    return hash;
  }

  /// Writes MP3 bytes tagged with `tags`; returns the hash of the final file.
  Expected<std::string> WriteMp3(const std::string& name, const std::string& mp3, const TrackTags& tags) {
    AtomicFile file(dir_ / name);
    if (Status s = file.Write(mp3); !s) return s.error();
    return PublishMp3(file, name, tags);
  }

 private:
  void Rewritten(const std::string& name, bool existed) {
    ++result_.files_rewritten;
    if (explain_) explain_("rewrite " + name + ": " + (existed ? "content changed" : "new file"));
  }

  fs::path dir_;
  BookResult& result_;
  const std::function<void(const std::string&)>& explain_;
};

/// Holds an exclusive lock on the book folder for the life of the build.
class FolderLock {
 public:
  static Expected<std::unique_ptr<FolderLock>> Acquire(const fs::path& dir) {
    fs::path path = dir / ".dauys.lock";
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return Error{path.string() + ": cannot create the lock file"};
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd);
      return Error{dir.string() + ": another dauys build is writing this folder; try again when it is done"};
    }
    return std::unique_ptr<FolderLock>(new FolderLock(fd));
  }
  ~FolderLock() { ::close(fd_); }

 private:
  explicit FolderLock(int fd) : fd_(fd) {}
  int fd_;
};

/// Temporaries a killed build left behind (".name.tmp.pid.n").
void RemoveStaleTemporaries(const fs::path& dir) {
  std::error_code ec;
  for (auto& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.rfind('.', 0) == 0 && name.find(".tmp.") != std::string::npos) fs::remove(e.path(), ec);
  }
}

}  // namespace

Expected<BookResult> BuildBook(const Script& script, const std::map<std::string, VoiceProfile>& voices,
                               const Normalizer& normalizer, const SpeechEngine& engine, const BookOptions& options,
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

  const int rate = engine.sample_rate();
  Mp3Options mp3;
  mp3.sample_rate = rate;
  mp3.bitrate = options.bitrate;
  const PauseSettings& pause = options.pauses;
  const std::string narrator_name = DisplayName(narrator_speaker);

  // 1. Plan every segment and its key.
  std::vector<PlannedSegment> plan;
  std::vector<std::pair<size_t, size_t>> chapter_segments;  // [begin, end) per chapter
  for (size_t c = 0; c < script.chapters.size(); ++c) {
    const Chapter& chapter = script.chapters[c];
    const size_t begin = plan.size();
    double pending = pause.head;
    auto add = [&](const std::string& text, int line, int turn, const VoiceProfile* voice, const std::string& speaker,
                   double between_sentences) {
      for (const std::string& sentence : normalizer.SplitSentences(text)) {
        PlannedSegment s;
        s.chapter = c;
        s.turn = turn;
        s.line = line;
        s.written = sentence;
        s.spoken = normalizer.Normalize(sentence);
        s.expected_words = CountSpokenWords(s.spoken);
        if (s.expected_words == 0) continue;  // nothing but marks: nothing to say
        s.voice = voice;
        s.speaker = speaker;
        s.lead = pending;
        s.joined = plan.size() > begin;
        pending = between_sentences;
        plan.push_back(std::move(s));
      }
    };
    add(chapter.title, chapter.line, -1, *narrator, narrator_name, pause.between_sentences);
    pending = plan.size() > begin ? pause.after_title : pending;
    for (size_t t = 0; t < chapter.turns.size(); ++t) {
      const Turn& turn = chapter.turns[t];
      const Speaker& speaker = script.speakers[turn.speaker];
      if (t > 0) pending = pause.between_turns;
      for (size_t p = 0; p < turn.paragraphs.size(); ++p) {
        if (p > 0) pending = pause.between_paragraphs;
        add(turn.paragraphs[p].text, turn.paragraphs[p].line, static_cast<int>(t), *voice_of(speaker),
            DisplayName(speaker), pause.between_sentences);
      }
    }
    if (plan.size() == begin) {  // a chapter with nothing to say still gets its silence
      PlannedSegment s;
      s.chapter = c;
      s.line = chapter.line;
      s.speaker = narrator_name;
      s.lead = pause.head;
      plan.push_back(std::move(s));
    }
    plan.back().tail = pause.tail;
    chapter_segments.emplace_back(begin, plan.size());
  }
  for (PlannedSegment& s : plan) s.key = SegmentKey(s, engine, options, mp3);

  const fs::path cache_dir = options.cache_dir.empty() ? options.book_dir.parent_path() / ".cache" : options.cache_dir;
  const SegmentCache cache(cache_dir / "segments");
  BookResult result;
  result.sample_rate = rate;

  if (options.dry_run) {
    std::set<size_t> chapters;
    for (const PlannedSegment& s : plan) {
      if (cache.Contains(s.key)) {
        ++result.segments_reused;
        continue;
      }
      ++result.segments_synthesized;
      chapters.insert(s.chapter);
      if (options.explain) {
        options.explain("would synthesize: chapter " + std::to_string(s.chapter + 1) + ", line " +
                        std::to_string(s.line) + ": " + Excerpt(s.written));
      }
    }
    if (options.explain) {
      for (size_t c : chapters) {
        options.explain("would rewrite chapter " + std::to_string(c + 1) + ": " + script.chapters[c].title);
      }
    }
    return result;
  }

  std::error_code ec;
  fs::create_directories(options.book_dir, ec);
  if (ec || !fs::is_directory(options.book_dir)) {
    return Error{options.book_dir.string() + ": cannot create the output folder: " +
                 (ec ? ec.message() : "not a folder")};
  }
  Expected<std::unique_ptr<FolderLock>> lock = FolderLock::Acquire(options.book_dir);
  if (!lock) return lock.error();
  RemoveStaleTemporaries(options.book_dir);

  // 2. Make the segments: cached ones are read, the rest spoken and finished by the
  // workers while this thread joins and publishes each chapter as soon as its last
  // segment is done (step 3).
  std::vector<CachedSegment> made(plan.size());
  std::mutex made_mutex;
  std::condition_variable chapter_done;
  std::optional<Error> failure;
  bool cancelled = false;  // under made_mutex: a failure or an early return
  Progress status;
  status.segments_total = plan.size();
  status.chapters_total = static_cast<int>(script.chapters.size());
  std::vector<size_t> left_in_chapter(script.chapters.size());
  for (const PlannedSegment& s : plan) ++left_in_chapter[s.chapter];
  // A sentence said twice with the same voice and pauses (a refrain, a repeated
  // question) is one segment: later copies wait for the first and share its entry.
  std::map<std::string, size_t> first_with_key;      // under made_mutex
  std::map<size_t, std::vector<size_t>> copies_of;   // under made_mutex
  std::vector<bool> recorded(plan.size(), false);    // under made_mutex
  auto record = [&](size_t index, const CachedSegment& segment) {  // made_mutex held
    status.audio_seconds += static_cast<double>(segment.audio.samples) / rate;
    made[index] = segment;
    recorded[index] = true;
    ++status.segments_done;
    if (--left_in_chapter[plan[index].chapter] == 0) {
      ++status.chapters_done;
      chapter_done.notify_all();
    }
    if (progress) progress(status);
  };
  auto done = [&](size_t index, CachedSegment segment) {
    // Frames wait in the cache until their chapter is joined: memory holds timings only.
    std::string().swap(segment.audio.frames);  // gives the buffer back (assigning "" would keep it)
    std::lock_guard<std::mutex> guard(made_mutex);
    record(index, segment);
    if (auto it = copies_of.find(index); it != copies_of.end()) {
      for (size_t copy : it->second) record(copy, segment);
    }
  };
  auto fail = [&](const Error& error) {
    std::lock_guard<std::mutex> guard(made_mutex);
    if (!failure) failure = error;
    cancelled = true;
    chapter_done.notify_all();
  };
  // Each worker waits for its speaking child part of the time, so one more worker than
  // jobs keeps `jobs` cores busy (measured: 0.5 s off the interview's 6.6 s on 2 cores).
  // One job runs everything on this thread.
  const int workers = options.jobs > 1 ? options.jobs + 1 : 0;
  std::unique_ptr<WorkerPool> pool;
  if (workers > 0) pool = std::make_unique<WorkerPool>(workers);
  // Declared after the pool, so it runs first on the way out: queued jobs are skipped.
  struct CancelOnExit {
    std::mutex& mutex;
    bool& cancelled;
    ~CancelOnExit() {
      std::lock_guard<std::mutex> guard(mutex);
      cancelled = true;
    }
  } cancel_on_exit{made_mutex, cancelled};
  for (size_t i = 0; i < plan.size(); ++i) {
    {
      std::lock_guard<std::mutex> guard(made_mutex);
      if (cancelled) break;
    }
    const PlannedSegment& s = plan[i];
    std::string why;
    if (std::optional<CachedSegment> hit = cache.Load(s.key, &why)) {
      ++result.segments_reused;
      done(i, std::move(*hit));
      continue;
    }
    {
      std::lock_guard<std::mutex> guard(made_mutex);
      auto [first, fresh] = first_with_key.emplace(s.key, i);
      if (!fresh) {
        ++result.segments_reused;
        if (recorded[first->second]) {
          record(i, made[first->second]);
        } else {
          copies_of[first->second].push_back(i);
        }
        continue;
      }
    }
    ++result.segments_synthesized;
    if (options.explain) {
      options.explain("synthesize chapter " + std::to_string(s.chapter + 1) + ", line " + std::to_string(s.line) +
                      " (" + why + "): " + Excerpt(s.written));
    }
    // Speaking happens in a child process (see SpeechEngine), so the workers can
    // speak, normalize and encode in parallel.
    auto job = [&, i]() {
      {
        std::lock_guard<std::mutex> guard(made_mutex);
        if (cancelled) return;
      }
      const PlannedSegment& seg = plan[i];
      std::vector<int16_t> speech;
      int64_t onset = 0;
      uint32_t words = 0;
      Status outcome;
      if (seg.voice) {
        Expected<Speech> spoken = engine.Speak(seg.spoken, *seg.voice);
        if (spoken) {
          for (const SpeechEvent& e : spoken->events) {
            if (e.type == SpeechEvent::Type::kWord) {
              onset = e.sample;
              break;
            }
          }
          words = static_cast<uint32_t>(spoken->WordCount());
          speech = std::move(spoken->samples);
        } else {
          outcome = spoken.error();
        }
      }
      Expected<CachedSegment> finished = Error{""};
      if (outcome) {
        finished = FinishSegment(speech, onset, words, seg, rate, options.loudness, mp3);
        outcome = finished ? cache.Store(seg.key, *finished) : Status(finished.error());
      }
      if (!outcome) return fail(outcome.error());
      done(i, std::move(*finished));
    };
    if (pool) {
      pool->Submit(std::move(job));
    } else {
      job();
    }
  }
  // Waits until chapter `c` is complete; false if the build failed meanwhile.
  auto wait_for_chapter = [&](size_t c) {
    std::unique_lock<std::mutex> guard(made_mutex);
    chapter_done.wait(guard, [&] { return failure.has_value() || left_in_chapter[c] == 0; });
    return !failure;
  };

  // 3. Join each chapter's segments and publish the files.
  const fs::path manifest_path = options.book_dir / "book.json";
  std::set<std::string> stale = PreviousFiles(manifest_path);
  Publisher publisher(options.book_dir, result, options.explain);
  const int total = static_cast<int>(script.chapters.size());
  std::set<std::string> taken;
  json manifest_chapters = json::array();
  std::vector<PlaylistEntry> playlist;
  std::vector<ChapterMark> book_marks;
  std::vector<TableOfContents> book_tocs(1, TableOfContents{"toc", options.title, true, {}});
  const std::string comment = std::string("dauys ") + DAUYS_VERSION;
  int64_t book_offset = 0;

  // The whole book goes straight to its file as chapters are joined.
  const std::string single = options.slug + ".mp3";
  std::unique_ptr<AtomicFile> book_file;
  std::ofstream book_stream;
  SegmentJoiner book_joiner(mp3);
  if (options.single_file) {
    book_file = std::make_unique<AtomicFile>(options.book_dir / single);
    book_stream.open(book_file->temp_path(), std::ios::binary | std::ios::trunc);
    Expected<size_t> room = book_joiner.InfoFrameSize();
    if (!room) return room.error();
    book_stream << std::string(*room, '\0');
    if (!book_stream) return Error{(options.book_dir / single).string() + ": cannot write"};
  }

  for (size_t c = 0; c < script.chapters.size(); ++c) {
    if (!wait_for_chapter(c)) return *failure;
    const Chapter& chapter = script.chapters[c];
    const auto [begin, end] = chapter_segments[c];
    std::vector<CachedSegment> loaded;
    loaded.reserve(end - begin);
    for (size_t i = begin; i < end; ++i) {
      std::string why;
      std::optional<CachedSegment> entry = cache.Load(plan[i].key, &why);
      if (!entry) {
        return Error{cache.PathOf(plan[i].key).string() + ": " + why + " while joining chapter " +
                     std::to_string(c + 1) + "; build again"};
      }
      loaded.push_back(std::move(*entry));
    }
    std::vector<const EncodedSegment*> parts;
    for (const CachedSegment& l : loaded) parts.push_back(&l.audio);
    JoinLayout layout = LayoutSegments(parts);
    Expected<std::string> mp3_bytes = JoinSegments(parts, mp3);
    if (!mp3_bytes) return mp3_bytes.error();
    const int64_t samples = layout.samples;

    // Cues, turns and the manifest's sentences, from the layout.
    std::vector<Cue> cues;
    json title_sentences = json::array();
    json turns = json::array();
    std::vector<std::string> speakers;
    std::vector<int64_t> turn_starts;
    std::vector<std::string> turn_titles;
    std::vector<std::string> segment_keys;
    for (size_t t = 0; t < chapter.turns.size(); ++t) {
      const Speaker& speaker = script.speakers[chapter.turns[t].speaker];
      std::string name = DisplayName(speaker);
      if (std::find(speakers.begin(), speakers.end(), name) == speakers.end()) speakers.push_back(name);
      turns.push_back({{"speaker", speaker.id},
                       {"name", name},
                       {"role", RoleName(chapter.turns[t].role)},
                       {"start_sample", json(nullptr)},
                       {"end_sample", json(nullptr)},
                       {"sentences", json::array()}});
      turn_titles.push_back(MarkTitle(name, chapter.turns[t].paragraphs.front().text));
    }
    for (size_t i = begin; i < end; ++i) {
      const PlannedSegment& s = plan[i];
      const CachedSegment& m = made[i];
      const int64_t at = layout.starts[i - begin];
      segment_keys.push_back(s.key);
      if (!s.voice) continue;
      if (m.words_spoken != s.expected_words) {
        result.coverage_problems.push_back(CoverageProblem{s.line, s.written, s.expected_words, m.words_spoken});
      }
      Cue cue{at + m.onset, at + m.speech_end, s.speaker, s.written};
      json sentence = {{"text", s.written}, {"spoken", s.spoken}, {"line", s.line},
                       {"start_sample", cue.start}, {"end_sample", cue.end}};
      cues.push_back(std::move(cue));
      ++result.sentences;
      if (s.turn < 0) {
        title_sentences.push_back(sentence);
        continue;
      }
      json& turn = turns[static_cast<size_t>(s.turn)];
      if (turn["start_sample"].is_null()) turn["start_sample"] = at + m.speech_start;
      turn["end_sample"] = at + m.speech_end;
      turn["sentences"].push_back(sentence);
    }
    for (json& turn : turns) {
      if (turn["start_sample"].is_null()) turn["start_sample"] = turn["end_sample"] = 0;
      turn_starts.push_back(turn_starts.empty() ? 0 : turn["start_sample"].get<int64_t>());
    }

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
      int64_t turn_end = t + 1 < turn_starts.size() ? turn_starts[t + 1] : samples;
      std::string id = "t" + std::to_string(t + 1);
      tags.chapters.push_back({id, Millis(turn_starts[t], rate), Millis(turn_end, rate), turn_titles[t]});
      chapter_toc.children.push_back(id);
      std::string book_id = "c" + std::to_string(chapter.number) + id;
      book_marks.push_back({book_id, Millis(book_offset + turn_starts[t], rate), Millis(book_offset + turn_end, rate),
                            turn_titles[t]});
      book_chapter_toc.children.push_back(book_id);
    }
    if (!tags.chapters.empty()) tags.tocs.push_back(chapter_toc);
    if (options.single_file) {
      std::string id = "c" + std::to_string(chapter.number);
      book_marks.push_back({id, Millis(book_offset, rate), Millis(book_offset + samples, rate), chapter.title});
      book_tocs[0].children.push_back(book_chapter_toc.children.empty() ? id : book_chapter_toc.id);
      if (!book_chapter_toc.children.empty()) book_tocs.push_back(book_chapter_toc);
    }

    Expected<std::string> hash = publisher.WriteMp3(chapter_result.file, *mp3_bytes, tags);
    if (!hash) return hash.error();
    const std::string vtt = base + ".vtt", lrc = base + ".lrc";
    std::string artists;
    for (const std::string& a : chapter_result.speakers) artists += (artists.empty() ? "" : ", ") + a;
    if (Status s = publisher.Write(vtt, RenderWebVtt(cues, rate)); !s) return s.error();
    if (Status s = publisher.Write(lrc, RenderLrc(cues, rate, chapter.title, artists, options.title)); !s) {
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
                                 {"turns", turns},
                                 {"segments", segment_keys}});
    result.chapters.push_back(std::move(chapter_result));
    if (options.single_file) {
      for (const EncodedSegment* part : parts) {
        book_joiner.Add(*part);
        book_stream.write(part->frames.data(), static_cast<std::streamsize>(part->frames.size()));
      }
      if (!book_stream) return Error{(options.book_dir / single).string() + ": cannot write"};
      book_offset = book_joiner.samples();
    }
  }

  json manifest = {{"generator", comment},
                   {"title", options.title},
                   {"author", options.author},
                   {"sample_rate", rate},
                   {"bitrate_kbps", options.bitrate},
                   {"loudness_lufs", options.loudness.target_lufs},
                   {"seconds", result.seconds},
                   {"chapters", manifest_chapters}};
  if (options.single_file) {
    Expected<std::string> info = book_joiner.InfoFrame();
    if (!info) return info.error();
    book_stream.seekp(0);
    book_stream.write(info->data(), static_cast<std::streamsize>(info->size()));
    book_stream.close();
    if (!book_stream) return Error{(options.book_dir / single).string() + ": cannot write"};
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
    Expected<std::string> hash = publisher.PublishMp3(*book_file, single, tags);
    if (!hash) return hash.error();
    stale.erase(single);
    manifest["single_file"] = single;
    manifest["single_file_hash"] = *hash;
    manifest["single_file_samples"] = book_joiner.samples();
  }

  result.playlist = options.slug + ".m3u8";
  if (Status s = publisher.Write(result.playlist, RenderM3u8(options.title, playlist)); !s) return s.error();
  manifest["playlist"] = result.playlist;
  if (Status s = publisher.Write("book.json", manifest.dump(2) + "\n"); !s) return s.error();
  for (const std::string& old : stale) fs::remove(options.book_dir / old, ec);
  return result;
}

}  // namespace dauys
