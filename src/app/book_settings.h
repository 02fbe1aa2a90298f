#pragma once
// A book remembers the options it was built with. book.json keeps them ("settings"),
// and a rebuild given none of them builds the same editions with the same cover,
// title, tags and sound; an option given changes its setting, and --no-single-file,
// --no-epub, --no-m4b, --no-web and --no-cover take one away. Each setting is
// chosen by one rule (Choose): the option given, else the sidecar's [book] value,
// else the last build's, else the default.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "util/error.h"

namespace dauys {
struct Overrides;
}

namespace dauys::cli {

/// Where a setting's value came from, in the order one wins over the next.
enum class SettingSource { kOption, kSidecar, kLastBuild, kDefault };

template <class T>
struct Setting {
  T value{};
  SettingSource source = SettingSource::kDefault;
};

/// The option given, else the sidecar's value, else the last build's, else `fallback`.
template <class T>
Setting<T> Choose(const std::optional<T>& option, const std::optional<T>& sidecar, const std::optional<T>& last,
                  const T& fallback) {
  if (option) return {*option, SettingSource::kOption};
  if (sidecar) return {*sidecar, SettingSource::kSidecar};
  if (last) return {*last, SettingSource::kLastBuild};
  return {fallback, SettingSource::kDefault};
}

/// Settings as one source gives them; empty: that source says nothing.
struct BookSettingValues {
  std::optional<bool> single_file, web, epub, m4b, announce_speakers, opening, voice_quotes;
  std::optional<std::string> cover;  ///< An absolute path; "": no cover (--no-cover).
  std::optional<std::string> title, author, script;
  std::optional<int> year, bitrate;
  std::optional<double> speed, loudness;
};

/// The settings a build uses, each with where it came from.
struct BookSettings {
  Setting<bool> single_file, web, epub, m4b, announce_speakers, opening, voice_quotes;
  Setting<std::string> cover, title, author, script;
  Setting<int> year, bitrate;
  Setting<double> speed, loudness;

  /// The options that came from the last build, as a user would give them:
  /// "--epub", "--cover /books/c.png", "--speed 1.25".
  std::vector<std::string> FromLastBuild() const;
  /// book.json's "settings": every setting given by an option or kept from the last
  /// build, as a JSON object (text); defaults and the sidecar's values are left out
  /// (the sidecar keeps its own).
  std::string ToJson() const;
};

/// Each setting by Choose, with the defaults of `dauys build`.
BookSettings ResolveBookSettings(const BookSettingValues& option, const BookSettingValues& sidecar,
                                 const BookSettingValues& last);

/// The sidecar's [book] settings, checked as their options are (a year from 1000 to
/// 9999, a bit rate LAME writes, a finite speed from 0.5 to 3 ...); a relative cover is
/// found from the sidecar's folder. An error names the sidecar, the line and the key.
Expected<BookSettingValues> SidecarSettings(const Overrides& sidecar);

/// The "settings" of `book_dir`/book.json; nothing when there is no book there or it
/// cannot be read. A value of the wrong type or out of the option's range is left out.
BookSettingValues ReadLastSettings(const std::filesystem::path& book_dir);

}  // namespace dauys::cli
