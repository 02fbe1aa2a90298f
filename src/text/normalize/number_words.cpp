#include "text/normalize/number_words.h"

#include <unicode/rbnf.h>
#include <unicode/unistr.h>

#include <mutex>

#include "text/normalize/endings.h"
#include "util/unicode.h"

namespace dauys::normalize {

std::optional<long long> Number::Value() const {
  size_t first = digits.find_first_not_of(U'0');
  if (first == std::u32string::npos) return 0;
  if (digits.size() - first > NumberWords::kMaxDigits) return std::nullopt;
  long long value = 0;
  for (size_t i = first; i < digits.size(); ++i) value = value * 10 + (digits[i] - U'0');
  return value;
}

struct NumberWords::Impl {
  mutable std::mutex mutex;
  std::unique_ptr<icu::RuleBasedNumberFormat> cardinal;
  std::unique_ptr<icu::RuleBasedNumberFormat> ordinal;

  Impl() {
    UErrorCode status = U_ZERO_ERROR;
    cardinal = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT, icu::Locale("kk"), status);
    cardinal->setDefaultRuleSet("%spellout-cardinal", status);
    status = U_ZERO_ERROR;
    ordinal = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT, icu::Locale("kk"), status);
    ordinal->setDefaultRuleSet("%spellout-ordinal", status);
  }

  std::string Format(icu::RuleBasedNumberFormat& f, int64_t n) const {
    std::lock_guard<std::mutex> lock(mutex);
    icu::UnicodeString u;
    f.format(n, u);
    std::string out;
    u.toUTF8String(out);
    return out;
  }
};

NumberWords::NumberWords() : impl_(std::make_unique<Impl>()) {}
NumberWords::~NumberWords() = default;

std::string NumberWords::Cardinal(long long n) const {
  std::string s = impl_->Format(*impl_->cardinal, static_cast<int64_t>(n));
  // ICU 72 says "миллион" for one million; a newsreader says "бір миллион".
  for (const char* big : {"миллион", "миллиард", "триллион"}) {
    if (s.rfind(big, 0) == 0) return "бір " + s;
  }
  return s;
}

std::string NumberWords::Ordinal(long long n) const {
  std::string s = impl_->Format(*impl_->ordinal, static_cast<int64_t>(n));
  // ICU 72 writes "қырықыншы"; Kazakh drops the second vowel: "қырқыншы".
  const std::string wrong = "қырықыншы";
  for (size_t at = s.find(wrong); at != std::string::npos; at = s.find(wrong, at)) s.replace(at, wrong.size(), "қырқыншы");
  return s;
}

std::string NumberWords::Digits(std::u32string_view digits) const {
  std::string out;
  for (char32_t d : digits) {
    if (!out.empty()) out += ' ';
    out += Cardinal(d - U'0');
  }
  return out;
}

std::string NumberWords::Say(const Number& n, bool ordinal) const {
  std::optional<long long> value = n.Value();
  const std::string whole = !value ? Digits(n.digits) : ordinal && !n.fraction ? Ordinal(*value) : Cardinal(*value);
  if (!n.fraction) return whole;
  // "7,8": seven whole and eight of ten, "жеті бүтін оннан сегіз". A fraction is
  // composed here rather than by ICU from a double, which would add rounding noise.
  std::u32string fraction = *n.fraction;
  while (!fraction.empty() && fraction.back() == U'0') fraction.pop_back();
  if (fraction.empty()) return whole;
  if (fraction.size() > kMaxFractionDigits) return whole + " бүтін " + Digits(fraction);
  long long denominator = 1, numerator = 0;
  for (char32_t d : fraction) {
    denominator *= 10;
    numerator = numerator * 10 + (d - U'0');
  }
  std::string parts = Cardinal(denominator);
  if (parts.rfind("бір ", 0) == 0) parts = parts.substr(std::string("бір ").size());
  return whole + " бүтін " + AttachSuffix(parts, "дан") + " " + Cardinal(numerator);
}

}  // namespace dauys::normalize
