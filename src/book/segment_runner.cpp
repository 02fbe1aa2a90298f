#include "book/segment_runner.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <functional>
#include <span>
#include <thread>

#include "audio/loudness.h"
#include "audio/mp3_segments.h"
#include "book/book_diff.h"
#include "book/book_plan.h"
#include "book/publisher.h"
#include "speech/speech_engine.h"

namespace dauys {

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

namespace {

/// What SegmentCache::Load says of a key it has no entry for.
constexpr const char* kNotInCache = "not in cache";

/// Below this, a sample is the silence around the voice, not the voice.
constexpr int kVoiceFloor = 200;

/// Last sample louder than the noise floor, so a cue ends with the voice, not the pause.
size_t SpeechEnd(std::span<const int16_t> pcm) {
  size_t end = pcm.size();
  while (end > 0 && std::abs(pcm[end - 1]) < kVoiceFloor) --end;
  return end;
}

/// First sample louder than the noise floor.
size_t SpeechStart(std::span<const int16_t> pcm) {
  size_t begin = 0;
  while (begin < pcm.size() && std::abs(pcm[begin]) < kVoiceFloor) ++begin;
  return begin;
}

/// The piece of `speech` a clause of a sentence keeps: eSpeak NG's silence before the
/// voice (when the segment follows a piece of its sentence) and after it (when one
/// follows) cut to 10 ms, so two voices meet with only the planned comma's pause.
std::pair<size_t, size_t> ClauseSpan(std::span<const int16_t> speech, const PlannedSegment& plan, int rate) {
  const size_t margin = static_cast<size_t>(rate / 100);
  size_t begin = 0, end = speech.size();
  if (plan.clause_before) {
    begin = SpeechStart(speech);
    begin = begin > margin ? begin - margin : 0;
  }
  if (plan.clause_after) end = std::min(end, std::max(begin, SpeechEnd(speech)) + margin);
  return {begin, std::max(begin, end)};
}

/// Loudness and encoding of one spoken segment: pure, so any thread may run it.
Expected<CachedSegment> FinishSegment(const std::vector<int16_t>& whole, const std::vector<int64_t>& whole_starts,
                                      uint32_t words, const PlannedSegment& plan, int rate, const LoudnessOptions& loudness,
                                      const Mp3Options& mp3) {
  const auto [cut_begin, cut_end] = ClauseSpan(whole, plan, rate);
  const std::span<const int16_t> speech = std::span<const int16_t>(whole).subspan(cut_begin, cut_end - cut_begin);
  std::vector<int64_t> word_starts;
  for (int64_t at : whole_starts) word_starts.push_back(std::max<int64_t>(0, at - static_cast<int64_t>(cut_begin)));
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
  const int64_t onset = word_starts.empty() ? 0 : word_starts.front();
  out.onset = static_cast<int64_t>(lead) + std::min<int64_t>(onset, static_cast<int64_t>(speech.size()));
  for (int64_t at : word_starts) {
    out.word_starts.push_back(static_cast<int64_t>(lead) + std::min<int64_t>(at, static_cast<int64_t>(speech.size())));
  }
  out.speech_end = static_cast<int64_t>(lead + SpeechEnd(spoken));
  if (out.speech_end <= out.onset) out.speech_end = static_cast<int64_t>(lead + speech.size());
  out.words_spoken = words;
  Expected<EncodedSegment> encoded = EncodeSegment(pcm, mp3);
  if (!encoded) return encoded.error();
  out.audio = std::move(*encoded);
  return out;
}

/// Speaks, masters and encodes one segment (a silent one is only encoded).
Expected<CachedSegment> MakeSegment(const PlannedSegment& seg, const SpeechEngine& engine, const BookPlan& plan,
                                    const LoudnessOptions& loudness) {
  std::vector<int16_t> speech;
  std::vector<int64_t> word_starts;
  uint32_t words = 0;
  if (seg.voice) {
    Expected<Speech> spoken = engine.Speak(seg.spoken, *seg.voice);
    if (!spoken) return spoken.error();
    for (const SpeechEvent& e : spoken->events) {
      if (e.type == SpeechEvent::Type::kWord) word_starts.push_back(e.sample);
    }
    words = static_cast<uint32_t>(spoken->WordCount());
    speech = std::move(spoken->samples);
  }
  return FinishSegment(speech, word_starts, words, seg, plan.sample_rate, loudness, plan.mp3);
}

}  // namespace

SegmentRunner::SegmentRunner(const BookPlan& plan, const SegmentCache& cache, const SpeechEngine& engine,
                             const BookOptions& options, const EarlierBook& earlier,
                             const ProgressCallback& progress)
    : plan_(plan), cache_(cache), engine_(engine), options_(options), earlier_(earlier), progress_(progress),
      made_(plan.segments.size()), recorded_(plan.segments.size(), false), left_in_chapter_(plan.chapters.size()) {
  status_.segments_total = plan.segments.size();
  status_.chapters_total = static_cast<int>(plan.chapters.size());
  for (const PlannedSegment& s : plan.segments) ++left_in_chapter_[s.chapter];
  // Each worker waits for its speaking child part of the time, so one more worker than
  // jobs keeps `jobs` cores busy (measured: 0.5 s off the interview's 6.6 s on 2 cores).
  // One job runs everything on this thread.
  if (options.jobs > 1) pool_ = std::make_unique<WorkerPool>(options.jobs + 1);
}

SegmentRunner::~SegmentRunner() {
  {
    std::lock_guard<std::mutex> guard(mutex_);
    cancelled_ = true;
  }
  pool_.reset();
}

bool SegmentRunner::Cancelled() {
  std::lock_guard<std::mutex> guard(mutex_);
  return cancelled_;
}

void SegmentRunner::Record(size_t index, const CachedSegment& segment) {
  status_.audio_seconds += static_cast<double>(segment.audio.samples) / plan_.sample_rate;
  made_[index] = segment;
  recorded_[index] = true;
  ++status_.segments_done;
  if (--left_in_chapter_[plan_.segments[index].chapter] == 0) {
    ++status_.chapters_done;
    chapter_done_.notify_all();
  }
  if (progress_) progress_(status_);
}

void SegmentRunner::Done(size_t index, CachedSegment segment) {
  // Frames wait in the cache until their chapter is joined: memory holds timings only.
  std::string().swap(segment.audio.frames);  // gives the buffer back (assigning "" would keep it)
  std::lock_guard<std::mutex> guard(mutex_);
  Record(index, segment);
  if (auto it = copies_of_.find(index); it != copies_of_.end()) {
    for (size_t copy : it->second) Record(copy, segment);
  }
}

void SegmentRunner::Fail(const Error& error) {
  std::lock_guard<std::mutex> guard(mutex_);
  if (!failure_) failure_ = error;
  cancelled_ = true;
  chapter_done_.notify_all();
}

void SegmentRunner::Make(size_t i) {
  if (Cancelled()) return;
  const PlannedSegment& seg = plan_.segments[i];
  Expected<CachedSegment> finished = MakeSegment(seg, engine_, plan_, options_.loudness);
  Status outcome = finished ? cache_.Store(seg.key, *finished) : Status(finished.error());
  if (!outcome) return Fail(outcome.error());
  Done(i, std::move(*finished));
}

void SegmentRunner::Start(BookResult& result) {
  for (size_t i = 0; i < plan_.segments.size(); ++i) {
    if (Cancelled()) break;
    const PlannedSegment& s = plan_.segments[i];
    std::string why;
    if (std::optional<CachedSegment> hit = cache_.Load(s.key, &why)) {
      ++result.segments_reused;
      Done(i, std::move(*hit));
      continue;
    }
    {
      // A sentence said twice with the same voice and pauses (a refrain, a repeated
      // question) is one segment: later copies wait for the first and share its entry.
      std::lock_guard<std::mutex> guard(mutex_);
      auto [first, fresh] = first_with_key_.emplace(s.key, i);
      if (!fresh) {
        ++result.segments_reused;
        if (recorded_[first->second]) {
          Record(i, made_[first->second]);
        } else {
          copies_of_[first->second].push_back(i);
        }
        continue;
      }
    }
    ++result.segments_synthesized;
    if (options_.explain) {
      options_.explain(DescribeSynthesis(s, why == kNotInCache ? SegmentReason(s, plan_, earlier_) : why));
    }
    if (pool_) {
      pool_->Submit([this, i] { Make(i); });
    } else {
      Make(i);
    }
  }
}

Status SegmentRunner::WaitForChapter(size_t c) {
  std::unique_lock<std::mutex> guard(mutex_);
  chapter_done_.wait(guard, [&] { return failure_.has_value() || left_in_chapter_[c] == 0; });
  if (failure_) return *failure_;
  return {};
}

SegmentPrefetcher::SegmentPrefetcher(const SegmentCache& cache, const SpeechEngine& engine, int jobs)
    : cache_(cache), engine_(engine), pool_(std::make_unique<WorkerPool>(std::max(1, jobs) + 1)) {
  Expected<std::unique_ptr<FileLock>> lock = cache.Lock(FileLock::Mode::kShared);
  if (!lock) return;
  cache_lock_ = std::move(*lock);
  MarkCacheWriter(cache.dir());  // before its first entry; BuildBook sweeps after a dead writer
}

SegmentPrefetcher::~SegmentPrefetcher() {
  {
    std::lock_guard<std::mutex> guard(mutex_);
    cancelled_ = true;
  }
  pool_.reset();
}

void SegmentPrefetcher::Add(const BookPlan& plan, const LoudnessOptions& loudness) {
  std::lock_guard<std::mutex> guard(mutex_);
  Ticket& ticket = tickets_[&plan];
  if (!cache_lock_) return;
  for (size_t i = 0; i < plan.segments.size(); ++i) {
    const std::string& key = plan.segments[i].key;
    if (auto queued = waiting_.find(key); queued != waiting_.end()) {
      if (std::find(queued->second.begin(), queued->second.end(), &plan) == queued->second.end()) {
        queued->second.push_back(&plan);
        ++ticket.queued;
      }
      continue;
    }
    if (cache_.Contains(key)) continue;
    waiting_[key].push_back(&plan);
    ++ticket.queued;
    pool_->Submit([this, &plan, i, loudness] { Make(plan, i, loudness); });
  }
}

void SegmentPrefetcher::Make(const BookPlan& plan, size_t i, LoudnessOptions loudness) {
  const PlannedSegment& seg = plan.segments[i];
  {
    std::lock_guard<std::mutex> guard(mutex_);
    if (cancelled_) return;
  }
  Expected<CachedSegment> made = MakeSegment(seg, engine_, plan, loudness);
  const bool stored = made && cache_.Store(seg.key, *made).ok();
  const double seconds = made ? static_cast<double>(made->audio.samples) / plan.sample_rate : 0;
  std::lock_guard<std::mutex> guard(mutex_);
  for (const BookPlan* waiter : waiting_[seg.key]) {
    Ticket& ticket = tickets_[waiter];
    ++ticket.done;
    ticket.seconds += seconds;
    if (waiter == &plan && stored) ++ticket.made;
  }
  waiting_.erase(seg.key);
  done_.notify_all();
}

size_t SegmentPrefetcher::Wait(const BookPlan& plan, const ProgressCallback& progress) {
  std::unique_lock<std::mutex> guard(mutex_);
  Progress status;
  for (;;) {
    const Ticket& ticket = tickets_[&plan];
    if (progress && ticket.done != status.segments_done) {
      status.segments_done = ticket.done;
      status.segments_total = ticket.queued;
      status.audio_seconds = ticket.seconds;
      progress(status);
    }
    if (ticket.done >= ticket.queued) break;
    done_.wait(guard);
  }
  const size_t made = tickets_[&plan].made;
  tickets_.erase(&plan);
  return made;
}

}  // namespace dauys
