// Unit tests of caption pieces: long sentences cut at word boundaries into cues of two
// lines of 42 characters, timed from the word events of their first words, which the
// segment cache keeps.
#include <catch2/catch.hpp>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "cache/segment_cache.h"
#include "output/captions.h"
#include "test_util.h"
#include "util/unicode.h"

using namespace dauys;

namespace {

/// A sentence of `words` words of seven letters, numbered so every cut is visible.
std::string LongSentence(int words) {
  std::string out;
  for (int i = 0; i < words; ++i) out += (i ? " " : "") + std::string("сөзбен") + std::to_string(i % 10);
  return out + ".";
}

size_t WordsIn(const std::string& text) { return SplitWords(text).size(); }

}  // namespace

TEST_CASE("a sentence that fits two caption lines stays one piece", "[captions]") {
  const std::string s = "Қазақстан «орта держава» ретінде сипатталды.";
  CHECK(SplitCaption(s) == std::vector<std::string>{s});
  CHECK(PlanCaptions(s, 4, [](const std::string& p) { return WordsIn(p); }).empty());
  const std::vector<Cue> cues = TimeCaptions("Тілші", s, {}, {100, 200}, 100, 900);
  REQUIRE(cues.size() == 1);
  CHECK(cues[0].start == 100);
  CHECK(cues[0].end == 900);
  CHECK(cues[0].text == s);
}

TEST_CASE("a 500-character sentence is cut at spaces into pieces of at most 84 characters", "[captions]") {
  const std::string s = LongSentence(70);  // 70 words, 559 characters
  REQUIRE(CodePointCount(s) > 500);
  const std::vector<std::string> pieces = SplitCaption(s);
  CHECK(pieces.size() == 7);
  std::string joined;
  for (const std::string& p : pieces) {
    INFO(p);
    CHECK(CodePointCount(p) <= kCaptionChars);
    CHECK(CodePointCount(p) >= kCaptionChars / 2);  // no stub at the end
    joined += (joined.empty() ? "" : " ") + p;
  }
  CHECK(joined == s);
}

TEST_CASE("a word longer than a caption stands alone", "[captions]") {
  const std::string word(100, 'x');
  CHECK(SplitCaption("бір " + word + " екі") == std::vector<std::string>{"бір", word, "екі"});
}

TEST_CASE("caption pieces start at their first word's event", "[captions]") {
  const std::string s = LongSentence(30);
  // Every written word is spoken as two words (a number read out, say).
  const auto spoken_words = [](const std::string& prefix) { return 2 * WordsIn(prefix); };
  const std::vector<CaptionPiece> pieces = PlanCaptions(s, 60, spoken_words);
  REQUIRE(pieces.size() == 3);
  CHECK(pieces[0].first_word == 0);
  CHECK(pieces[1].first_word == 2 * WordsIn(pieces[0].text));
  std::vector<int64_t> word_starts;
  for (int64_t w = 0; w < 60; ++w) word_starts.push_back(1000 + 500 * w);
  const std::vector<Cue> cues = TimeCaptions("Тілші", s, pieces, word_starts, 1000, 31000);
  REQUIRE(cues.size() == 3);
  CHECK(cues[0].start == 1000);
  CHECK(cues[1].start == word_starts[pieces[1].first_word]);
  CHECK(cues[2].start == word_starts[pieces[2].first_word]);
  CHECK(cues[0].end == cues[1].start);
  CHECK(cues[2].end == 31000);
  for (const Cue& c : cues) CHECK(c.speaker == "Тілші");
}

TEST_CASE("a piece without a word event of its own is timed by its characters or joins the one before",
          "[captions]") {
  const std::string s = LongSentence(30);
  const std::vector<CaptionPiece> pieces = PlanCaptions(s, 30, [](const std::string& p) { return WordsIn(p); });
  REQUIRE(pieces.size() == 3);
  // eSpeak NG reported only the first ten words: the later pieces share the rest by length.
  std::vector<int64_t> few;
  for (int64_t w = 0; w < 10; ++w) few.push_back(100 * w);
  const std::vector<Cue> cues = TimeCaptions("Тілші", s, pieces, few, 0, 3000);
  REQUIRE(cues.size() == 3);
  CHECK(cues[1].start > 0);
  CHECK(cues[2].start > cues[1].start);
  CHECK(cues[2].start < 3000);
  // Word events out of order never make a cue end before it starts.
  const std::vector<Cue> odd = TimeCaptions("Тілші", s, pieces, std::vector<int64_t>(30, 0), 0, 3000);
  REQUIRE(odd.size() == 1);
  CHECK(odd[0].text == s);
  // Pieces whose written words are not spoken join the piece before.
  CHECK(PlanCaptions(s, 30, [](const std::string&) { return size_t{0}; }).empty());
}

TEST_CASE("the cache keeps each segment's word starts and discards an entry whose starts lie outside it",
          "[captions][cache]") {
  dauys::test::TempDir dir;
  const SegmentCache cache(dir.path() / "segments");
  CachedSegment s;
  s.audio.frames = std::string("\xFF\xF3", 2) + std::string(98, '\x11');
  s.audio.frame_count = 1;
  s.audio.samples = 500;
  s.speech_start = 50;
  s.onset = 100;
  s.speech_end = 450;
  s.words_spoken = 2;
  s.word_starts = {100, 300};
  const std::string key(32, 'a');
  REQUIRE(cache.Store(key, s));
  std::string why;
  std::optional<CachedSegment> back = cache.Load(key, &why);
  REQUIRE(back);
  CHECK(back->word_starts == std::vector<int64_t>{100, 300});

  // Edited by hand, checksum and all: the second word now starts past the segment's end.
  std::string bytes = dauys::test::ReadFile(cache.PathOf(key));
  const size_t second = 8 + 8 + 8 + key.size() + 8 * 8 + 8 + 8;
  bytes[second] = '\x00';
  bytes[second + 1] = '\x10';  // 4096 samples, of 500
  bytes.resize(bytes.size() - 8);
  const uint64_t sum = XXH3_64bits(bytes.data(), bytes.size());
  for (int i = 0; i < 8; ++i) bytes += static_cast<char>(sum >> (8 * i));
  dauys::test::WriteFile(cache.PathOf(key), bytes);
  CHECK_FALSE(cache.Load(key, &why));
  CHECK(why == "cache entry discarded: word timings outside the segment");
}
