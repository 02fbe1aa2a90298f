#pragma once
// Kazakh number words from ICU's spell-out rules (no hand-written number tables), with
// the few corrections a newsreader makes, and digit-by-digit reading for numbers too
// long to be said as one ("a phone number", a 30-digit code, pi to 20 places).

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace dauys::normalize {

/// A written number: "45 000", "7,8", "1945", "007".
struct Number {
  std::u32string digits;                  ///< Integer digits as written, group spaces removed.
  std::optional<std::u32string> fraction;  ///< Digits after the decimal comma or point.
  bool grouped = false;                    ///< Written with thousands groups.
  /// The integer value, or nullopt when it is too long to be said as one number.
  std::optional<long long> Value() const;
};

class NumberWords {
 public:
  /// Longest integer (in significant digits) said as one number; longer ones are read
  /// digit by digit.
  static constexpr size_t kMaxDigits = 15;
  /// Longest fraction said as a fraction ("оннан сегіз"); longer ones are read digit by
  /// digit after "бүтін".
  static constexpr size_t kMaxFractionDigits = 6;

  NumberWords();
  ~NumberWords();
  NumberWords(const NumberWords&) = delete;
  NumberWords& operator=(const NumberWords&) = delete;

  std::string Cardinal(long long n) const;  ///< "жүз жиырма"
  std::string Ordinal(long long n) const;   ///< "елуінші"
  /// Any written number: cardinal or ordinal, decimal fraction, or digit by digit.
  std::string Say(const Number& n, bool ordinal) const;
  /// "нөл үш бес": each digit on its own.
  std::string Digits(std::u32string_view digits) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dauys::normalize
