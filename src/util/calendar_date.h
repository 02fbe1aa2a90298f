#pragma once
// A publication date travels from an input's sidecar through book.json to the podcast
// feed; it is a day, written YYYY-MM-DD everywhere dauys reads or writes it, so a
// feed built twice from the same books has the same bytes (no clock, no time zone).
// The one day dauys takes from the clock is the day a book is first built (book.json's
// first_built, its pubDate when the sidecar gives no date); SOURCE_DATE_EPOCH pins it,
// as the reproducible-builds convention has it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "util/error.h"

namespace dauys {

/// A day of the Gregorian calendar.
struct CalendarDate {
  int year = 0;
  int month = 0;  ///< 1..12
  int day = 0;    ///< 1..31
  auto operator<=>(const CalendarDate&) const = default;
};

/// "2024-03-12" → the date; nullopt for anything else (other shapes, no such day,
/// years before 1900).
std::optional<CalendarDate> ParseCalendarDate(std::string_view text);
/// "2024-03-12".
std::string IsoDate(const CalendarDate& date);
/// The UTC day `seconds` after 1970-01-01T00:00:00Z (seconds ≥ 0).
CalendarDate DateOfEpochSeconds(int64_t seconds);
/// Today in UTC: the day of SOURCE_DATE_EPOCH when it is set and not empty (a whole number of
/// seconds since 1970, up to the year 9999), else of the system clock. A value that is
/// not such a number is an Error naming the variable.
Expected<CalendarDate> TodayUtc();
/// RFC 822 as RSS wants it, at midnight UTC: "Tue, 12 Mar 2024 00:00:00 +0000".
std::string Rfc822Date(const CalendarDate& date);

}  // namespace dauys
