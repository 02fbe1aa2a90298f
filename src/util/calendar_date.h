#pragma once
// A publication date travels from an input's sidecar through book.json to the podcast
// feed; it is a day, written YYYY-MM-DD everywhere dauys reads or writes it, so a
// feed built twice from the same books has the same bytes (no clock, no time zone).

#include <optional>
#include <string>
#include <string_view>

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
/// RFC 822 as RSS wants it, at midnight UTC: "Tue, 12 Mar 2024 00:00:00 +0000".
std::string Rfc822Date(const CalendarDate& date);

}  // namespace dauys
