#include "book/book_plan.h"

#include <lame/lame.h>

#include <set>

#include "cache/segment_cache.h"
#include "speech/speech_engine.h"
#include "text/normalizer.h"
#include "text/slug.h"
#include "util/unicode.h"

namespace dauys {

namespace {

/// Bumped whenever the way segments are made changes, so old cache entries are not used.
constexpr const char* kSegmentSchema = "dauys-segment-5";

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

std::string FileNumber(int n, size_t total) {
  std::string s = std::to_string(n);
  size_t width = total >= 100 ? 3 : 2;
  while (s.size() < width) s = "0" + s;
  return s;
}

/// The voice of every speaker (index parallel to Script::speakers), each checked with
/// the engine.
Expected<std::vector<const VoiceProfile*>> ResolveVoices(const Script& script,
                                                         const std::map<std::string, VoiceProfile>& voices,
                                                         const SpeechEngine& engine) {
  std::vector<const VoiceProfile*> out;
  for (const Speaker& s : script.speakers) {
    auto it = voices.find(s.voice);
    if (it == voices.end()) {
      return Error{"speaker " + s.id + " (" + DisplayName(s) + ") uses voice '" + s.voice +
                   "', which is not in the voice folder"};
    }
    if (Status st = engine.CheckVoice(it->second); !st) return st.error();
    out.push_back(&it->second);
  }
  return out;
}

/// Appends one chapter's segments to a plan, carrying the pause owed before the next
/// sentence from one paragraph to the next.
class ChapterPlanner {
 public:
  ChapterPlanner(BookPlan& plan, const Normalizer& normalizer, const PauseSettings& pause, size_t chapter)
      : plan_(plan), normalizer_(normalizer), pause_(pause), chapter_(chapter), begin_(plan.segments.size()),
        pending_(pause.head) {}

  /// Plans `text` sentence by sentence.
  void Add(const std::string& text, int line, int turn, const VoiceProfile* voice, const std::string& speaker) {
    for (const std::string& sentence : normalizer_.SplitSentences(text)) {
      PlannedSegment s;
      s.chapter = chapter_;
      s.turn = turn;
      s.line = line;
      s.written = sentence;
      s.spoken = normalizer_.Normalize(sentence);
      s.expected_words = CountSpokenWords(s.spoken);
      if (s.expected_words == 0) continue;  // nothing but marks: nothing to say
      s.voice = voice;
      s.speaker = speaker;
      s.lead = pending_;
      s.joined = plan_.segments.size() > begin_;
      pending_ = pause_.between_sentences;
      plan_.segments.push_back(std::move(s));
    }
  }
  bool empty() const { return plan_.segments.size() == begin_; }
  /// The pause before the next paragraph, once one has been said.
  void SetPending(double seconds) { pending_ = seconds; }

  /// Closes the chapter: a chapter with nothing to say still gets its silence.
  void Finish(int line, const std::string& narrator) {
    if (empty()) {
      PlannedSegment s;
      s.chapter = chapter_;
      s.line = line;
      s.speaker = narrator;
      s.lead = pause_.head;
      plan_.segments.push_back(std::move(s));
    }
    plan_.segments.back().tail = pause_.tail;
    plan_.chapters.push_back(PlannedChapter{begin_, plan_.segments.size(), {}});
  }

 private:
  BookPlan& plan_;
  const Normalizer& normalizer_;
  const PauseSettings& pause_;
  size_t chapter_;
  size_t begin_;
  double pending_;
};

void PlanChapter(const Script& script, size_t c, const std::vector<const VoiceProfile*>& voices,
                 const Normalizer& normalizer, const PauseSettings& pause, BookPlan& plan) {
  const Chapter& chapter = script.chapters[c];
  ChapterPlanner planner(plan, normalizer, pause, c);
  planner.Add(chapter.title, chapter.line, -1, voices.front(), plan.narrator_name);
  if (!planner.empty()) planner.SetPending(pause.after_title);
  for (size_t t = 0; t < chapter.turns.size(); ++t) {
    const Turn& turn = chapter.turns[t];
    const Speaker& speaker = script.speakers[turn.speaker];
    if (t > 0) planner.SetPending(pause.between_turns);
    for (size_t p = 0; p < turn.paragraphs.size(); ++p) {
      if (p > 0) planner.SetPending(pause.between_paragraphs);
      planner.Add(turn.paragraphs[p].text, turn.paragraphs[p].line, static_cast<int>(t), voices[turn.speaker],
                  DisplayName(speaker));
    }
  }
  planner.Finish(chapter.line, plan.narrator_name);
}

}  // namespace

std::string Excerpt(const std::string& text) {
  std::vector<std::string> words = SplitWords(text);
  std::string out;
  for (size_t i = 0; i < words.size() && i < 6; ++i) out += (i ? " " : "") + words[i];
  return words.size() > 6 ? out + " …" : out;
}

Expected<BookPlan> PlanBook(const Script& script, const std::map<std::string, VoiceProfile>& voices,
                            const Normalizer& normalizer, const SpeechEngine& engine, const BookOptions& options) {
  Expected<std::vector<const VoiceProfile*>> speaker_voices = ResolveVoices(script, voices, engine);
  if (!speaker_voices) return speaker_voices.error();
  BookPlan plan;
  plan.sample_rate = engine.sample_rate();
  plan.mp3.sample_rate = plan.sample_rate;
  plan.mp3.bitrate = options.bitrate;
  plan.narrator_name = DisplayName(script.speakers.front());
  for (size_t c = 0; c < script.chapters.size(); ++c) {
    PlanChapter(script, c, *speaker_voices, normalizer, options.pauses, plan);
  }
  for (PlannedSegment& s : plan.segments) s.key = SegmentKey(s, engine, options, plan.mp3);
  std::set<std::string> taken;
  for (size_t c = 0; c < script.chapters.size(); ++c) {
    const Chapter& chapter = script.chapters[c];
    plan.chapters[c].base =
        UniqueSlug(FileNumber(chapter.number, script.chapters.size()) + "-" + Slugify(chapter.title), taken);
  }
  return plan;
}

}  // namespace dauys
