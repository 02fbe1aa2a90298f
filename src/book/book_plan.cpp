#include "book/book_plan.h"

#include <lame/lame.h>

#include <algorithm>
#include <set>

#include "book/epub_edition.h"
#include "book/m4b_edition.h"
#include "cache/segment_cache.h"
#include "output/web_page.h"
#include "speech/speech_engine.h"
#include "text/clauses.h"
#include "text/language.h"
#include "text/normalizer.h"
#include "text/quotes.h"
#include "output/tagger.h"
#include "text/slug.h"
#include "util/unicode.h"
#include "version.h"

namespace dauys {

namespace {

/// Bumped whenever the way segments are made changes, so old cache entries are not used.
constexpr const char* kSegmentSchema = "dauys-segment-6";

/// Everything that decides a segment's bytes, hashed; with `timing_only`, all but the
/// bit rate and the tail (which change no sample position of the speech).
std::string SegmentKey(const PlannedSegment& s, const SpeechEngine& engine, const BookOptions& options,
                       const Mp3Options& mp3, bool timing_only = false) {
  KeyHasher h;
  if (timing_only) h.Add("timing");
  h.Add(kSegmentSchema).Add(engine.version()).Add(std::string(get_lame_version()));
  h.Add(static_cast<int64_t>(engine.sample_rate()));
  if (!timing_only) h.Add(static_cast<int64_t>(mp3.bitrate));
  h.Add(static_cast<int64_t>(mp3.quality));
  h.Add(s.voice ? s.voice->Describe() : std::string("silence")).Add(s.spoken);
  h.Add(s.lead);
  if (!timing_only) h.Add(s.tail);
  h.Add(static_cast<int64_t>(s.joined));
  if (s.clause_before || s.clause_after) {
    h.Add("clause").Add(static_cast<int64_t>(s.clause_before)).Add(static_cast<int64_t>(s.clause_after));
  }
  h.Add(options.loudness.target_lufs).Add(options.loudness.ceiling_dbfs).Add(options.loudness.lookahead_ms)
      .Add(options.loudness.release_ms).Add(options.loudness.sentence_offset_lu);
  return h.Hex();
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

/// A paragraph's sentences as they are spoken: an overlong one in clauses (text/clauses),
/// so no segment's synthesis, normalization or captions grows with a sentence's length.
std::vector<std::string> SpokenSentences(const Normalizer& normalizer, const std::string& text) {
  std::vector<std::string> out;
  for (const std::string& sentence : normalizer.SplitSentences(text)) {
    for (std::string& piece : SplitClauses(sentence)) out.push_back(std::move(piece));
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

  /// Plans `text` sentence by sentence, a quotation in another language on its own;
  /// `language` from the sidecar, or empty to detect each piece's. The pieces of one
  /// sentence stay one sentence to the ear: each but the last is said as a clause (it
  /// ends in a comma) and the next follows after a comma's pause, not a sentence's.
  void Add(const std::string& text, int line, int turn, const VoiceProfile* voice, const std::string& speaker,
           const std::string& language = "", bool quoted = false) {
    for (const std::string& sentence : SpokenSentences(normalizer_, text)) {
      const std::vector<LanguageRun> runs = SplitByLanguage(sentence, language);
      for (size_t r = 0; r < runs.size(); ++r) {
        const LanguageRun& run = runs[r];
        const bool continues = r + 1 < runs.size();
        PlannedSegment s;
        s.chapter = chapter_;
        s.turn = turn;
        s.line = line;
        s.written = run.text;
        s.language = run.language;
        s.spoken = s.language == "kk" ? normalizer_.Normalize(run.text) : SpeakAsWritten(run.text);
        if (continues) s.spoken = AsClause(s.spoken);
        s.clause_before = r > 0 || continuing_;
        s.quoted = quoted;
        s.clause_after = continues;
        s.expected_words = CountSpokenWords(s.spoken);
        if (s.expected_words == 0) continue;  // nothing but marks: nothing to say
        s.captions = PlanCaptions(s.written, s.expected_words, [&](const std::string& prefix) {
          return CountSpokenWords(s.language == "kk" ? normalizer_.Normalize(prefix) : SpeakAsWritten(prefix));
        });
        s.voice = s.language == "kk" ? voice : ForeignVoice(*voice, s.language);
        s.speaker = speaker;
        s.lead = pending_;
        s.joined = plan_.segments.size() > begin_;
        pending_ = continues ? pause_.comma : pause_.between_sentences;
        continuing_ = false;
        plan_.segments.push_back(std::move(s));
      }
    }
  }
  /// A paragraph in runs (an article's quotes, text/quotes.h), each in its voice; a run
  /// that stops inside a sentence goes on into the next as the pieces of a sentence in
  /// two languages do.
  void AddRuns(const Paragraph& p, int turn, const VoiceProfile* voice, const VoiceProfile* quoted_voice,
               const std::string& speaker, const std::string& language) {
    for (size_t r = 0; r < p.runs.size(); ++r) {
      const TextRun& run = p.runs[r];
      const size_t before = plan_.segments.size();
      Add(run.text, p.line, turn, run.quoted ? quoted_voice : voice, speaker, language, run.quoted);
      if (plan_.segments.size() == before || EndsSentence(run.text)) continue;
      bool words_after = false;
      for (size_t n = r + 1; n < p.runs.size(); ++n) words_after |= !SplitWords(p.runs[n].text).empty();
      if (!words_after) continue;
      PlannedSegment& last = plan_.segments.back();
      last.spoken = AsClause(last.spoken);
      last.clause_after = true;
      pending_ = pause_.comma;
      continuing_ = true;
    }
    continuing_ = false;
  }
  /// Whether `text` ends with a sentence's mark (closing quotes and brackets aside).
  static bool EndsSentence(const std::string& text) {
    std::u32string u = ToUtf32(text);
    while (!u.empty() && (u.back() == U' ' || u.back() == U'»' || u.back() == U'”' || u.back() == U')')) u.pop_back();
    return !u.empty() && (u.back() == U'.' || u.back() == U'!' || u.back() == U'?' || u.back() == U'…');
  }
  /// A piece of a sentence that goes on in another voice, said as a clause: a final
  /// ".", ":" or ";" becomes ",", and a piece without a mark gets one ("?" and "!" stay).
  static std::string AsClause(std::string spoken) {
    while (!spoken.empty() && spoken.back() == ' ') spoken.pop_back();
    if (spoken.empty()) return spoken;
    const char last = spoken.back();
    if (last == '.' || last == ':' || last == ';') spoken.back() = ',';
    else if (last != ',' && last != '?' && last != '!') spoken += ',';
    return spoken;
  }
  bool empty() const { return plan_.segments.size() == begin_; }
  /// `voice` speaking `language`: the same variant, pitch, rate and volume.
  const VoiceProfile* ForeignVoice(const VoiceProfile& voice, const std::string& language) {
    std::unique_ptr<VoiceProfile>& slot = plan_.foreign_voices[language + "\x1f" + voice.Describe()];
    if (!slot) {
      slot = std::make_unique<VoiceProfile>(voice);
      slot->language = language;
    }
    return slot.get();
  }
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
    PlannedChapter chapter;
    chapter.begin = begin_;
    chapter.end = plan_.segments.size();
    plan_.chapters.push_back(std::move(chapter));
  }

 private:
  BookPlan& plan_;
  const Normalizer& normalizer_;
  const PauseSettings& pause_;
  size_t chapter_;
  size_t begin_;
  double pending_;
  bool continuing_ = false;  ///< The next segment goes on with the sentence of the last.
};

void PlanChapter(const Script& script, size_t c, const std::vector<const VoiceProfile*>& voices,
                 const Normalizer& normalizer, const PauseSettings& pause, BookPlan& plan) {
  const Chapter& chapter = script.chapters[c];
  ChapterPlanner planner(plan, normalizer, pause, c);
  // The book's title and author, before the chapter's title; a chapter named after the
  // book (a text without headings) is not named twice.
  const bool opening = c == 0 && script.opening;
  if (opening) {
    const size_t first = plan.segments.size();
    planner.Add(*script.opening, chapter.line, -1, voices.front(), plan.narrator_name);
    for (size_t i = first; i < plan.segments.size(); ++i) plan.segments[i].opening = true;
    if (!planner.empty()) planner.SetPending(pause.after_opening);
  }
  if (!opening || script.opening->rfind(chapter.title, 0) != 0) {
    planner.Add(chapter.title, chapter.line, -1, voices.front(), plan.narrator_name);
    if (!planner.empty()) planner.SetPending(pause.after_title);
  }
  const size_t quoted = QuotedSpeaker(script);
  for (size_t t = 0; t < chapter.turns.size(); ++t) {
    const Turn& turn = chapter.turns[t];
    const Speaker& speaker = script.speakers[turn.speaker];
    if (t > 0) planner.SetPending(pause.between_turns);
    if (turn.announcement) {  // said by the narrator, a sentence's pause before the turn
      const size_t first = plan.segments.size();
      planner.Add(*turn.announcement, turn.paragraphs.front().line, static_cast<int>(t), voices.front(),
                  plan.narrator_name);
      for (size_t i = first; i < plan.segments.size(); ++i) plan.segments[i].announcement = true;
    }
    for (size_t p = 0; p < turn.paragraphs.size(); ++p) {
      if (p > 0) planner.SetPending(pause.between_paragraphs);
      const Paragraph& paragraph = turn.paragraphs[p];
      if (!paragraph.runs.empty() && quoted < voices.size()) {
        planner.AddRuns(paragraph, static_cast<int>(t), voices[turn.speaker], voices[quoted], DisplayName(speaker),
                        script.LanguageOf(paragraph.line));
        continue;
      }
      planner.Add(paragraph.text, paragraph.line, static_cast<int>(t), voices[turn.speaker], DisplayName(speaker),
                  script.LanguageOf(paragraph.line));
    }
  }
  planner.Finish(chapter.line, plan.narrator_name);
  PlannedChapter& planned = plan.chapters.back();
  for (const Turn& turn : chapter.turns) {
    std::string name = DisplayName(script.speakers[turn.speaker]);
    if (std::find(planned.speakers.begin(), planned.speakers.end(), name) == planned.speakers.end()) {
      planned.speakers.push_back(name);
    }
    planned.turn_titles.push_back(MarkTitle(name, turn.paragraphs.front().text));
    // The single file lists every turn in one flat list, so each mark also names its
    // chapter; the parts are cut so the whole stays under kMaxMarkTitleBytes.
    planned.book_mark_titles.push_back(MarkTitle(ShortenAtWord(chapter.title, 64) + " — " + ShortenAtWord(name, 40),
                                                 turn.paragraphs.front().text, kMaxMarkTitleBytes));
  }
  if (chapter.turns.empty()) planned.book_mark_titles.push_back(ShortenAtWord(chapter.title, kMaxMarkTitleBytes));
  if (planned.speakers.empty()) planned.speakers.push_back(plan.narrator_name);
}

std::string HashMap(KeyHasher h, const std::map<std::string, std::string>& fields) {
  for (const auto& [k, v] : fields) h.Add(k).Add(v);
  return h.Hex();
}

/// The tag fields every MP3 of the book shares.
std::map<std::string, std::string> BookTags(const BookOptions& options) {
  return {{"book title", options.title},
          {"author", options.author},
          {"year", options.year ? std::to_string(*options.year) : ""},
          {"cover", options.cover ? KeyHasher().Add(options.cover->mime).Add(options.cover->data).Hex() : ""},
          {"comment", std::string("dauys ") + DAUYS_VERSION}};
}

/// The recipes of chapter c's MP3, VTT and LRC files.
void PlanChapterFiles(const Script& script, size_t c, const BookOptions& options, BookPlan& plan) {
  const Chapter& chapter = script.chapters[c];
  const PlannedChapter& planned = plan.chapters[c];
  KeyHasher audio, cues, text, marks, length;
  cues.Add("captions").Add(static_cast<int64_t>(kCaptionChars));
  text.Add("captions").Add(static_cast<int64_t>(kCaptionChars));
  std::vector<int64_t> first_of_turn(chapter.turns.size(), -1);
  for (size_t i = planned.begin; i < planned.end; ++i) {
    const PlannedSegment& s = plan.segments[i];
    audio.Add(s.key);
    cues.Add(s.timing);
    length.Add(s.timing).Add(s.tail);
    if (!s.voice) continue;
    cues.Add(static_cast<int64_t>(i - planned.begin)).Add(s.speaker).Add(s.written);
    for (const CaptionPiece& p : s.captions) cues.Add(static_cast<int64_t>(p.first_word));
    text.Add(static_cast<int64_t>(i - planned.begin)).Add(s.speaker).Add(s.written);
    if (s.turn >= 0 && first_of_turn[static_cast<size_t>(s.turn)] < 0) {
      first_of_turn[static_cast<size_t>(s.turn)] = static_cast<int64_t>(i - planned.begin);
    }
  }
  const int index = static_cast<int>(c);
  PlannedFile mp3{planned.base + ".mp3", chapter.number, index, "", audio.Hex(), "", "", BookTags(options)};
  for (size_t t = 0; t < chapter.turns.size(); ++t) marks.Add(planned.turn_titles[t]).Add(first_of_turn[t]);
  mp3.tags["title"] = chapter.title;
  mp3.tags["artists"] = JoinNames(planned.speakers);
  mp3.tags["track"] = std::to_string(chapter.number);
  mp3.tags["track count"] = std::to_string(script.chapters.size());
  mp3.length = length.Hex();
  mp3.tags["chapter marks"] = marks.Add(mp3.length).Hex();
  mp3.recipe = HashMap(KeyHasher().Add("mp3").Add(mp3.audio), mp3.tags);
  const std::string vtt = cues.Hex(), vtt_text = text.Hex();
  auto lrc = [&](const std::string& cue_hash) {
    return KeyHasher().Add("lrc").Add(cue_hash).Add(chapter.title).Add(mp3.tags["artists"]).Add(options.title).Hex();
  };
  PlannedFile lrc_file{planned.base + ".lrc", chapter.number, index, lrc(vtt), "", "", lrc(vtt_text), {}};
  plan.files.push_back(std::move(mp3));
  plan.files.push_back(PlannedFile{planned.base + ".vtt", chapter.number, index, KeyHasher().Add("vtt").Add(vtt).Hex(),
                                   "", "", KeyHasher().Add("vtt").Add(vtt_text).Hex(), {}});
  plan.files.push_back(std::move(lrc_file));
}

/// The recipes of the read-along page's files: index.html holds the text, page-data.js
/// the times (so, like the subtitles, its `text` recipe leaves them out) and the cover.
void PlanWebPage(const Script& script, const BookOptions& options, BookPlan& plan) {
  KeyHasher text, times;
  text.Add("web page").Add(WebAssetsHash()).Add(options.title).Add(options.author).Add(options.slug);
  for (size_t c = 0; c < script.chapters.size(); ++c) {
    text.Add(plan.files[3 * c].name).Add(script.chapters[c].title);
    times.Add(plan.files[3 * c].length);  // the seek bar's length
    for (const Turn& turn : script.chapters[c].turns) {
      text.Add(DisplayName(script.speakers[turn.speaker])).Add(std::string(RoleName(turn.role)));
    }
  }
  for (const PlannedSegment& s : plan.segments) {
    times.Add(s.timing);
    if (!s.voice) continue;
    text.Add(static_cast<int64_t>(s.chapter)).Add(static_cast<int64_t>(s.turn)).Add(static_cast<int64_t>(s.line));
    text.Add(s.written).Add(s.language);
    if (s.opening) text.Add("opening");
  }
  const std::string page = text.Hex();
  const std::vector<std::string>& names = WebPageNames();
  plan.files.push_back(PlannedFile{names[0], 0, -1, KeyHasher().Add(names[0]).Add(page).Hex(), "", "", "", {}});
  const std::string cover =
      options.cover ? KeyHasher().Add(options.cover->mime).Add(options.cover->data).Hex() : std::string();
  const std::string data_text = KeyHasher().Add(names[1]).Add(page).Add(cover).Hex();
  plan.files.push_back(PlannedFile{names[1], 0, -1, KeyHasher().Add(data_text).Add(times.Hex()).Hex(), "", "", data_text, {}});
  for (size_t i = 2; i < names.size(); ++i) {
    plan.files.push_back(PlannedFile{names[i], 0, -1, KeyHasher().Add(names[i]).Add(WebAssetsHash()).Hex(), "", "", "", {}});
  }
}

/// The recipes of the single file (if asked for), the playlist and book.json.
void PlanBookFiles(const Script& script, const BookOptions& options, BookPlan& plan) {
  KeyHasher audio, marks, playlist, playlist_text, manifest;
  marks.Add("chapters start at their first segment");  // not at the previous chapter's end
  playlist.Add("m3u8").Add(options.title);
  playlist_text.Add("m3u8").Add(options.title);
  for (size_t c = 0; c < script.chapters.size(); ++c) {
    const PlannedFile& mp3 = plan.files[3 * c];
    audio.Add(mp3.audio);
    marks.Add(script.chapters[c].title).Add(mp3.tags.at("chapter marks"));
    for (const std::string& title : plan.chapters[c].book_mark_titles) marks.Add(title);
    playlist.Add(mp3.name).Add(script.chapters[c].title).Add(mp3.tags.at("artists")).Add(mp3.length);
    playlist_text.Add(mp3.name).Add(script.chapters[c].title).Add(mp3.tags.at("artists"));
  }
  if (options.single_file) {
    PlannedFile single{options.slug + ".mp3", 0, -1, "", audio.Hex(), "", "", BookTags(options)};
    std::vector<std::string> names;
    for (const Speaker& s : script.speakers) {
      if (s.role != Role::kQuoted) names.push_back(DisplayName(s));  // a quote is the narrator's paragraph
    }
    single.tags["title"] = options.title;
    single.tags["artists"] = JoinNames(names);
    single.tags["chapter marks"] = marks.Hex();
    single.recipe = HashMap(KeyHasher().Add("mp3").Add(single.audio), single.tags);
    plan.files.push_back(std::move(single));
  }
  plan.files.push_back(PlannedFile{options.slug + ".m3u8", 0, -1, playlist.Hex(), "", "", playlist_text.Hex(), {}});
  if (options.web) PlanWebPage(script, options, plan);
  if (options.epub) plan.files.push_back(PlanEpub(script, options, plan));
  if (options.m4b) PlanM4b(script, options, plan);
  manifest.Add("book.json").Add(options.title).Add(options.author).Add(options.pauses.Describe());
  if (!options.date.empty()) manifest.Add("date").Add(options.date);  // books without one keep their recipe
  // The text's hash, not its path: a text moved unchanged is the same book, while an
  // edit that changes no sound still updates the hash book.json keeps (CheckSameInput).
  if (!options.source_hash.empty()) manifest.Add("source").Add(options.source_hash);
  manifest.Add(static_cast<int64_t>(plan.sample_rate)).Add(static_cast<int64_t>(options.bitrate))
      .Add(options.loudness.target_lufs);
  for (const PlannedFile& f : plan.files) manifest.Add(f.name).Add(f.recipe);
  for (const auto& [name, voice] : plan.voices) manifest.Add(name).Add(voice);
  for (const PlannedSegment& s : plan.segments) {
    manifest.Add(s.written).Add(s.spoken).Add(static_cast<int64_t>(s.line)).Add(static_cast<int64_t>(s.turn));
    manifest.Add(static_cast<int64_t>(s.announcement));
    if (s.opening) manifest.Add("opening");  // books without one keep their recipe
    if (s.quoted) manifest.Add("quoted");
  }
  for (const Chapter& chapter : script.chapters) {
    for (const Turn& turn : chapter.turns) {
      manifest.Add(script.speakers[turn.speaker].id).Add(std::string(RoleName(turn.role)));
    }
  }
  plan.files.push_back(PlannedFile{"book.json", 0, -1, manifest.Hex(), "", "", "", {}});
}

}  // namespace

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::string MarkTitle(const std::string& name, const std::string& text, size_t max_bytes) {
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

std::string ShortenAtWord(const std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::string out;
  for (const std::string& w : SplitWords(text)) {
    if (out.size() + 1 + w.size() + 4 > max_bytes) break;
    out += (out.empty() ? "" : " ") + w;
  }
  if (out.empty()) {  // one long word: cut it between two characters
    size_t end = max_bytes - 4;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    out = text.substr(0, end);
  }
  return out + " …";
}

std::string FileNumber(int n, size_t total) {
  std::string s = std::to_string(n);
  size_t width = std::max<size_t>(2, std::to_string(total).size());
  while (s.size() < width) s = "0" + s;
  return s;
}

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
  plan.pauses = options.pauses.Describe();
  plan.loudness = options.loudness.target_lufs;
  plan.records_first_built = !options.today.empty();
  // The sidecar's [lexicon] over the voice folder's: it changes the spoken text, and
  // so the keys, of the segments it touches and of no other.
  std::vector<Lexicon::Entry> own;
  for (const auto& [written, spoken] : script.lexicon) own.push_back({ToUtf32(written), spoken, Lexicon::Kind::kWord});
  const Lexicon book_lexicon = normalizer.lexicon().With(Lexicon::FromEntries(std::move(own)));
  const Normalizer book_normalizer(book_lexicon, normalizer.scripts());
  const Normalizer& speaking = script.lexicon.empty() ? normalizer : book_normalizer;
  for (size_t c = 0; c < script.chapters.size(); ++c) {
    PlanChapter(script, c, *speaker_voices, speaking, options.pauses, plan);
  }
  for (PlannedSegment& s : plan.segments) {
    s.key = SegmentKey(s, engine, options, plan.mp3);
    s.timing = SegmentKey(s, engine, options, plan.mp3, true);
  }
  // The single file is <slug>.mp3: no chapter may take that name (a book whose input
  // is called 01-kirispe.txt), whether or not this build writes the single file.
  std::set<std::string> taken = {options.slug};
  for (size_t c = 0; c < script.chapters.size(); ++c) {
    const Chapter& chapter = script.chapters[c];
    plan.chapters[c].base =
        UniqueSlug(FileNumber(chapter.number, script.chapters.size()) + "-" + Slugify(chapter.title), taken);
  }
  for (size_t i = 0; i < script.speakers.size(); ++i) {
    plan.voices[DisplayName(script.speakers[i])] = KeyHasher().Add((*speaker_voices)[i]->Describe()).Hex();
  }
  for (size_t c = 0; c < script.chapters.size(); ++c) PlanChapterFiles(script, c, options, plan);
  PlanBookFiles(script, options, plan);
  return plan;
}

bool IsBookFileName(const std::string& name, const std::string& slug) {
  if (name == "book.json" || std::count(WebPageNames().begin(), WebPageNames().end(), name)) return true;
  if (std::count(ShelfFileNames().begin(), ShelfFileNames().end(), name)) return true;
  for (const char* ext : {".mp3", ".m3u8", ".epub", ".m4b"}) {
    if (name == slug + ext) return true;
  }
  // FileNumber, "-", then a slug: lower-case ASCII letters and digits in runs joined by
  // single hyphens.
  const size_t dot = name.rfind('.');
  if (dot == std::string::npos) return false;
  const std::string ext = name.substr(dot), base = name.substr(0, dot);
  if (ext != ".mp3" && ext != ".vtt" && ext != ".lrc") return false;
  size_t digits = 0;
  while (digits < base.size() && base[digits] >= '0' && base[digits] <= '9') ++digits;
  if (digits < 2 || digits + 1 >= base.size() || base[digits] != '-') return false;
  char previous = '-';
  for (size_t i = digits + 1; i < base.size(); ++i) {
    const char c = base[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (c != '-' || previous == '-')) return false;
    previous = c;
  }
  return previous != '-';
}

}  // namespace dauys
