#include "util/calendar_date.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace dauys {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

/// 0 = Sunday (Sakamoto's method).
int Weekday(const CalendarDate& d) {
  static constexpr int kOffsets[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  int y = d.month < 3 ? d.year - 1 : d.year;
  return (y + y / 4 - y / 100 + y / 400 + kOffsets[d.month - 1] + d.day) % 7;
}

}  // namespace

std::optional<CalendarDate> ParseCalendarDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!IsDigit(text[i])) return std::nullopt;
  }
  auto number = [&](size_t at, size_t n) {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  CalendarDate d{number(0, 4), number(5, 2), number(8, 2)};
  if (d.year < 1900 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > DaysInMonth(d.year, d.month)) {
    return std::nullopt;
  }
  return d;
}

std::string IsoDate(const CalendarDate& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

CalendarDate DateOfEpochSeconds(int64_t seconds) {
  // Days to civil date (Howard Hinnant's algorithm), for days since 1970-01-01.
  const int64_t z = seconds / 86400 + 719468;
  const int64_t era = z / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return CalendarDate{year, month, day};
}

Expected<CalendarDate> TodayUtc() {
  const char* pinned = std::getenv("SOURCE_DATE_EPOCH");
  if (!pinned || !*pinned) {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const int64_t seconds = std::chrono::duration_cast<std::chrono::seconds>(now).count();
    return DateOfEpochSeconds(seconds < 0 ? 0 : seconds);
  }
  constexpr int64_t kLast = 253402300799;  // 9999-12-31T23:59:59Z
  const std::string text = pinned;
  int64_t seconds = 0;
  bool ok = text.size() <= 12;
  for (char c : text) {
    ok = ok && IsDigit(c);
    if (ok) seconds = seconds * 10 + (c - '0');
  }
  if (!ok || seconds > kLast) {
    return Error{"SOURCE_DATE_EPOCH: must be a whole number of seconds since 1970-01-01 UTC, got '" + text + "'"};
  }
  return DateOfEpochSeconds(seconds);
}

std::string Rfc822Date(const CalendarDate& d) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d 00:00:00 +0000", kDays[Weekday(d)], d.day, kMonths[d.month - 1],
                d.year);
  return buf;
}

}  // namespace dauys
