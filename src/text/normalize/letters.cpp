#include "text/normalize/letters.h"

#include "text/normalize/chars.h"
#include "util/unicode.h"

namespace dauys::normalize {

std::string CyrillicLetterName(char32_t upper) {
  switch (upper) {
    case U'А': return "а"; case U'Ә': return "ә"; case U'Б': return "бэ"; case U'В': return "вэ";
    case U'Г': return "гэ"; case U'Ғ': return "ғы"; case U'Д': return "дэ"; case U'Е': return "е";
    case U'Ё': return "ё"; case U'Ж': return "жэ"; case U'З': return "зэ"; case U'И': return "и";
    case U'Й': return "қысқа и"; case U'К': return "ка"; case U'Қ': return "қы"; case U'Л': return "эл";
    case U'М': return "эм"; case U'Н': return "эн"; case U'Ң': return "ың"; case U'О': return "о";
    case U'Ө': return "ө"; case U'П': return "пэ"; case U'Р': return "эр"; case U'С': return "эс";
    case U'Т': return "тэ"; case U'У': return "у"; case U'Ұ': return "ұ"; case U'Ү': return "ү";
    case U'Ф': return "эф"; case U'Х': return "ха"; case U'Һ': return "һа"; case U'Ц': return "цэ";
    case U'Ч': return "чэ"; case U'Ш': return "ша"; case U'Щ': return "ща"; case U'Ы': return "ы";
    case U'І': return "і"; case U'Э': return "э"; case U'Ю': return "ю"; case U'Я': return "я";
    default: return FromUtf32(u32(1, LowerChar(upper)));
  }
}

std::string LatinLetterName(char32_t upper) {
  static const char* const kNames[] = {"эй", "би", "си", "ди", "и", "эф", "джи", "эйч", "ай",
                                       "джей", "кей", "эл", "эм", "эн", "оу", "пи", "кью", "ар",
                                       "эс", "ти", "ю", "ви", "дабл-ю", "экс", "уай", "зед"};
  if (upper >= U'A' && upper <= U'Z') return kNames[upper - U'A'];
  return FromUtf32(u32(1, upper));
}

std::string LetterName(char32_t c) {
  char32_t up = UpperChar(c);
  return IsLatin(up) ? LatinLetterName(up) : CyrillicLetterName(up);
}

std::string Spell(u32v word) {
  std::string out;
  for (char32_t c : word) {
    if (!IsAlpha(c)) continue;
    if (!out.empty()) out += "-";
    out += LetterName(c);
  }
  return out;
}

}  // namespace dauys::normalize
