#include "text/normalize/endings.h"

#include <algorithm>
#include <array>
#include <vector>

#include "text/normalize/chars.h"
#include "util/unicode.h"

namespace dauys {
namespace normalize {

bool IsVowel(char32_t c) {
  switch (c) {
    case U'а': case U'ә': case U'е': case U'ё': case U'и': case U'о': case U'ө': case U'у':
    case U'ұ': case U'ү': case U'ы': case U'і': case U'э': case U'ю': case U'я':
      return true;
    default:
      return false;
  }
}

namespace {

bool IsFrontVowel(char32_t c) {
  switch (c) {
    case U'ә': case U'е': case U'ө': case U'ү': case U'і': case U'э': case U'и':
      return true;
    default:
      return false;
  }
}

/// Sound classes a Kazakh ending depends on. л and з/ж differ only in the
/// instrumental: "жолмен" but "сөзбен".
enum class Final { kVowel, kRYU, kL, kZZh, kMNNg, kVoiceless };

struct Sound {
  Final final = Final::kVowel;
  bool front = false;
};

Sound LastSound(u32v word) {
  Sound s;
  bool found_last = false;
  for (size_t i = word.size(); i-- > 0;) {
    char32_t c = LowerChar(word[i]);
    if (!IsAlpha(c)) continue;
    if (!found_last) {
      found_last = true;
      if (IsVowel(c) && c != U'у' && c != U'и') s.final = Final::kVowel;
      else if (c == U'р' || c == U'й' || c == U'у' || c == U'и') s.final = Final::kRYU;
      else if (c == U'л') s.final = Final::kL;
      else if (c == U'з' || c == U'ж') s.final = Final::kZZh;
      else if (c == U'м' || c == U'н' || c == U'ң') s.final = Final::kMNNg;
      else s.final = Final::kVoiceless;
    }
    // у is a back vowel between consonants in a loanword ("секунд", "минут"); elsewhere
    // a glide that takes the word's harmony ("ауыл", "білу").
    bool vowel_u = c == U'у' && i > 0 && i + 1 < word.size() && IsAlpha(word[i + 1]) &&
                   !IsVowel(LowerChar(word[i - 1])) && !IsVowel(LowerChar(word[i + 1]));
    if (vowel_u) return s;
    if (IsVowel(c) && c != U'у' && c != U'ю' && c != U'я' && c != U'ё') {
      s.front = IsFrontVowel(c);
      return s;
    }
  }
  return s;
}

struct Family {
  // Initial consonant per final sound class: vowel, р/й/у, л, з/ж, м/н/ң, voiceless.
  std::array<const char32_t*, 6> onset;
  const char32_t* back_tail;   // what follows the onset after back vowels
  const char32_t* front_tail;
};

// Genitive, accusative, dative, locative, ablative, instrumental, plural. The
// instrumental is -мен after vowels, sonorants and nasals ("сексенмен", "мыңмен",
// "жолмен"), -бен after з and ж ("жүзбен"), -пен after voiceless sounds ("беспен"), as
// the spelling dictionary writes "Қазақстанмен", "адаммен", "сөзбен".
const Family kFamilies[] = {
    {{U"н", U"д", U"д", U"д", U"н", U"т"}, U"ың", U"ің"},
    {{U"н", U"д", U"д", U"д", U"д", U"т"}, U"ы", U"і"},
    {{U"ғ", U"ғ", U"ғ", U"ғ", U"ғ", U"қ"}, U"а", U"е"},
    {{U"д", U"д", U"д", U"д", U"д", U"т"}, U"а", U"е"},
    {{U"д", U"д", U"д", U"д", U"н", U"т"}, U"ан", U"ен"},
    {{U"м", U"м", U"м", U"б", U"м", U"п"}, U"ен", U"ен"},
    {{U"л", U"л", U"д", U"д", U"д", U"т"}, U"ар", U"ер"},
};

char32_t FrontCounterpart(char32_t c, bool front) {
  static const std::pair<char32_t, char32_t> kPairs[] = {
      {U'а', U'е'}, {U'ы', U'і'}, {U'ұ', U'ү'}, {U'о', U'ө'}, {U'қ', U'к'}, {U'ғ', U'г'}};
  for (auto [back, fr] : kPairs) {
    if (front && c == back) return fr;
    if (!front && c == fr) return back;
  }
  return c;
}

std::vector<u32> AllEndings() {
  std::vector<u32> e = {
      U"ның", U"нің", U"дың", U"дің", U"тың", U"тің", U"ны", U"ні", U"ды", U"ді", U"ты", U"ті",
      U"ға", U"ге", U"қа", U"ке", U"а", U"е", U"на", U"не", U"да", U"де", U"та", U"те", U"нда", U"нде",
      U"дан", U"ден", U"тан", U"тен", U"нан", U"нен", U"мен", U"пен", U"бен", U"лар", U"лер", U"дар",
      U"дер", U"тар", U"тер", U"ы", U"і", U"сы", U"сі", U"н", U"дай", U"дей", U"тай", U"тей",
      U"дағы", U"дегі", U"тағы", U"тегі", U"ндағы", U"ндегі", U"ға дейін", U"ге дейін",
      U"қа дейін", U"ке дейін", U"ге", U"сыз", U"сіз", U"ғы", U"гі", U"қы", U"кі"};
  auto add_tails = [&e](const u32& stem, bool front, std::initializer_list<const char32_t*> tails) {
    for (const char32_t* tail : tails) {
      u32 t = tail;
      for (char32_t& c : t) c = FrontCounterpart(c, front);
      e.push_back(stem + t);
    }
  };
  for (const u32& plural : {u32(U"лар"), u32(U"дар"), u32(U"тар"), u32(U"лер"), u32(U"дер"), u32(U"тер")}) {
    add_tails(plural, plural[1] == U'е', {U"дың", U"ға", U"да", U"дан", U"ды", U"мен", U"ы"});
  }
  for (const u32& poss : {u32(U"ы"), u32(U"сы"), u32(U"і"), u32(U"сі")}) {
    add_tails(poss, poss.back() == U'і', {U"ның", U"на", U"нда", U"нан", U"н", U"мен"});
  }
  return e;
}

}  // namespace

bool IsEnding(u32v lower) {
  static const std::vector<u32> kEndings = AllEndings();
  return std::find(kEndings.begin(), kEndings.end(), u32(lower)) != kEndings.end();
}

std::optional<size_t> OrdinalMarkerLength(u32v lower) {
  for (const char32_t* m : {U"інші", U"ыншы", U"нші", U"ншы", U"ші", U"шы"}) {
    if (StartsWith(lower, m)) return u32v(m).size();
  }
  return std::nullopt;
}

}  // namespace normalize

std::string AttachSuffix(const std::string& spoken, const std::string& written_suffix) {
  using namespace normalize;
  u32 suffix = ToUtf32(ToLower(written_suffix));
  Sound sound = LastSound(ToUtf32(spoken));
  // The longest ending form that starts the suffix decides the family ("ден" is the
  // ablative, not the locative "де" plus "н").
  const Family* best = nullptr;
  size_t best_length = 0;
  for (const Family& f : kFamilies) {
    for (const char32_t* onset : f.onset) {
      for (bool front : {false, true}) {
        u32 form = u32(1, FrontCounterpart(onset[0], front)) + (front ? f.front_tail : f.back_tail);
        if (form.size() > best_length && suffix.compare(0, form.size(), form) == 0) {
          best = &f;
          best_length = form.size();
        }
      }
    }
  }
  if (!best) return spoken + written_suffix;
  char32_t new_onset = FrontCounterpart(best->onset[static_cast<size_t>(sound.final)][0], sound.front);
  u32 rebuilt = u32(1, new_onset) + (sound.front ? best->front_tail : best->back_tail);
  u32 rest = suffix.substr(best_length);
  for (char32_t& c : rest) c = FrontCounterpart(c, sound.front);
  return spoken + FromUtf32(rebuilt) + FromUtf32(rest);
}

std::string AttachPossessive(const std::string& spoken) {
  using namespace normalize;
  Sound sound = LastSound(ToUtf32(spoken));
  if (sound.final == Final::kVowel) return spoken + (sound.front ? "сі" : "сы");
  return spoken + (sound.front ? "і" : "ы");
}

bool EndsFront(const std::string& spoken) { return normalize::LastSound(ToUtf32(spoken)).front; }

std::string AttachSuffixToPossessive(const std::string& spoken, const std::string& written_suffix) {
  std::string joined = AttachSuffix(spoken, written_suffix);
  std::string ending = joined.substr(spoken.size());
  // After a possessive the dative, locative, ablative and accusative take н.
  static const std::pair<const char*, const char*> kPronominal[] = {
      {"ның", "ның"}, {"нің", "нің"}, {"ға", "на"}, {"ге", "не"}, {"дан", "нан"}, {"ден", "нен"}, {"да", "нда"}, {"де", "нде"},
      {"ны", "н"},  {"ні", "н"}};
  for (auto [plain, with_n] : kPronominal) {
    if (ending.rfind(plain, 0) == 0) return spoken + with_n + ending.substr(std::string(plain).size());
  }
  return joined;
}

}  // namespace dauys
