#include "util/clock.h"

#include <cstdio>

namespace dauys {

int64_t MillisOfSample(int64_t sample, int sample_rate) {
  // Whole seconds first: a sample count read from a hand-edited book.json cannot
  // overflow the multiplication.
  const int64_t rate = sample_rate;
  return sample / rate * 1000 + (sample % rate * 1000 + rate / 2) / rate;
}

std::string ClockOfMillis(int64_t ms, bool two_digit_hours) {
  char buf[48];
  std::snprintf(buf, sizeof buf, two_digit_hours ? "%02lld:%02lld:%02lld.%03lld" : "%lld:%02lld:%02lld.%03lld",
                static_cast<long long>(ms / 3600000), static_cast<long long>(ms / 60000 % 60),
                static_cast<long long>(ms / 1000 % 60), static_cast<long long>(ms % 1000));
  return buf;
}

std::string ClockOfSeconds(int64_t ms) {
  int64_t s = (ms + 500) / 1000;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", static_cast<long long>(s / 3600),
                static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
  return buf;
}

}  // namespace dauys
