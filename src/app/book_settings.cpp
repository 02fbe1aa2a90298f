#include "app/book_settings.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <set>

#include "audio/mp3_encoder.h"
#include "text/overrides.h"
#include "util/atomic_file.h"
#include "util/unicode.h"

namespace dauys::cli {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::set<std::string> kScripts = {"latin2018", "latin2021", "digraph", "arabic", "cyrillic"};

std::string Number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}

/// Calls `fn(key, setting, as_option)` for each setting: its book.json key, and the
/// option that gives its value (empty for a flag).
template <class Settings, class Fn>
void ForEachSetting(Settings& s, Fn&& fn) {
  fn("single_file", s.single_file, "--single-file");
  fn("web", s.web, "--web");
  fn("epub", s.epub, "--epub");
  fn("m4b", s.m4b, "--m4b");
  fn("announce_speakers", s.announce_speakers, "--announce-speakers");
  fn("opening", s.opening, "--opening");
  fn("voice_quotes", s.voice_quotes, "--voice-quotes");
  fn("cover", s.cover, "--cover");
  fn("title", s.title, "--title");
  fn("author", s.author, "--author");
  fn("script", s.script, "--script");
  fn("year", s.year, "--year");
  fn("bitrate", s.bitrate, "--bitrate");
  fn("speed", s.speed, "--speed");
  fn("loudness", s.loudness, "--loudness");
}

std::string AsOption(const char* option, bool value) { return value ? option : "--no-" + std::string(option + 2); }
std::string AsOption(const char* option, const std::string& value) { return std::string(option) + " " + value; }
std::string AsOption(const char* option, int value) { return std::string(option) + " " + std::to_string(value); }
std::string AsOption(const char* option, double value) { return std::string(option) + " " + Number(value); }

/// A value read from book.json, if it has the type and range its option allows.
void ReadValue(const json& j, const char* key, std::optional<bool>& out) {
  if (j.contains(key) && j[key].is_boolean()) out = j[key].get<bool>();
}
void ReadValue(const json& j, const char* key, std::optional<std::string>& out) {
  if (!j.contains(key) || !j[key].is_string()) return;
  const std::string v = j[key].get<std::string>();
  if (!IsValidUtf8(v) || v.empty()) return;
  if (std::string(key) == "script" && !kScripts.count(v)) return;
  if (std::string(key) == "cover" && !fs::path(v).is_absolute()) return;
  out = v;
}
void ReadValue(const json& j, const char* key, std::optional<int>& out) {
  if (!j.contains(key) || !j[key].is_number_integer()) return;
  const int64_t v = j[key].get<int64_t>();
  const bool ok = std::string(key) == "year" ? v >= 1000 && v <= 9999
                                             : v > 0 && v < 10000 && IsSupportedBitrate(static_cast<int>(v));
  if (ok) out = static_cast<int>(v);
}
void ReadValue(const json& j, const char* key, std::optional<double>& out) {
  if (!j.contains(key) || !j[key].is_number()) return;
  const double v = j[key].get<double>();
  const bool ok = std::isfinite(v) && (std::string(key) == "speed" ? v >= 0.5 && v <= 3.0 : v >= -40.0 && v <= -10.0);
  if (ok) out = v;
}

/// The sidecar's number `value` for `key` if `ok`, else an error naming its line.
template <class T, class V>
Status CheckSidecar(const Overrides& o, const char* key, const std::optional<V>& value, bool ok, const std::string& expects,
                    std::optional<T>& out) {
  if (!value) return {};
  if (!ok) {
    std::string shown;
    if constexpr (std::is_same_v<V, std::string>) shown = "\"" + *value + "\"";
    else if constexpr (std::is_floating_point_v<V>) shown = std::isnan(*value) ? "nan" : Number(*value);
    else shown = std::to_string(*value);
    const auto at = o.book_at.find(key);
    return Error{o.Where(at == o.book_at.end() ? 0 : at->second) + "'" + key + "' must be " + expects + ", not " + shown};
  }
  out = static_cast<T>(*value);
  return {};
}

/// The sidecar's cover: an absolute path, a relative one from the sidecar's folder.
Expected<std::string> SidecarCover(const Overrides& o) {
  std::error_code ec;
  const fs::path folder = fs::path(o.source).parent_path();
  const fs::path path = fs::absolute(folder / *o.cover, ec).lexically_normal();
  if (!fs::is_regular_file(path, ec)) {
    const auto at = o.book_at.find("cover");
    return Error{o.Where(at == o.book_at.end() ? 0 : at->second) + "'cover': no such file: " + path.string()};
  }
  return path.string();
}

}  // namespace

Expected<BookSettingValues> SidecarSettings(const Overrides& o) {
  BookSettingValues v;
  v.single_file = o.single_file, v.web = o.web, v.epub = o.epub, v.m4b = o.m4b;
  v.announce_speakers = o.announce_speakers, v.opening = o.opening, v.voice_quotes = o.voice_quotes;
  v.title = o.title, v.author = o.author;
  const bool speed_ok = o.speed && std::isfinite(*o.speed) && *o.speed >= 0.5 && *o.speed <= 3.0;
  const bool loud_ok = o.loudness && std::isfinite(*o.loudness) && *o.loudness >= -40.0 && *o.loudness <= -10.0;
  const bool year_ok = o.year && *o.year >= 1000 && *o.year <= 9999;
  const bool rate_ok = o.bitrate && *o.bitrate > 0 && *o.bitrate < 10000 && IsSupportedBitrate(static_cast<int>(*o.bitrate));
  for (Status s : {CheckSidecar(o, "speed", o.speed, speed_ok, "a number from 0.5 to 3", v.speed),
                   CheckSidecar(o, "loudness", o.loudness, loud_ok, "a number of LUFS from -40 to -10", v.loudness),
                   CheckSidecar(o, "year", o.year, year_ok, "a whole number from 1000 to 9999", v.year),
                   CheckSidecar(o, "bitrate", o.bitrate, rate_ok, "one of " + SupportedBitrates() + " (kbps)", v.bitrate),
                   CheckSidecar(o, "script", o.script, o.script && kScripts.count(*o.script),
                                "one of \"latin2018\", \"latin2021\", \"digraph\", \"arabic\", \"cyrillic\"", v.script)}) {
    if (!s) return s.error();
  }
  if (o.cover) {
    Expected<std::string> cover = SidecarCover(o);
    if (!cover) return cover.error();
    v.cover = *cover;
  }
  return v;
}

BookSettings ResolveBookSettings(const BookSettingValues& option, const BookSettingValues& sidecar,
                                 const BookSettingValues& last) {
  BookSettings s;
  s.single_file = Choose(option.single_file, sidecar.single_file, last.single_file, false);
  s.web = Choose(option.web, sidecar.web, last.web, true);
  s.epub = Choose(option.epub, sidecar.epub, last.epub, false);
  s.m4b = Choose(option.m4b, sidecar.m4b, last.m4b, false);
  s.announce_speakers = Choose(option.announce_speakers, sidecar.announce_speakers, last.announce_speakers, false);
  s.opening = Choose(option.opening, sidecar.opening, last.opening, true);
  s.voice_quotes = Choose(option.voice_quotes, sidecar.voice_quotes, last.voice_quotes, false);
  s.cover = Choose(option.cover, sidecar.cover, last.cover, std::string());
  s.title = Choose(option.title, sidecar.title, last.title, std::string());
  s.author = Choose(option.author, sidecar.author, last.author, std::string());
  s.script = Choose(option.script, sidecar.script, last.script, std::string());
  s.year = Choose(option.year, sidecar.year, last.year, 0);
  s.bitrate = Choose(option.bitrate, sidecar.bitrate, last.bitrate, 64);
  s.speed = Choose(option.speed, sidecar.speed, last.speed, 1.0);
  s.loudness = Choose(option.loudness, sidecar.loudness, last.loudness, -19.0);
  return s;
}

std::vector<std::string> BookSettings::FromLastBuild() const {
  std::vector<std::string> out;
  ForEachSetting(*this, [&out](const char*, const auto& setting, const char* option) {
    if (setting.source == SettingSource::kLastBuild) out.push_back(AsOption(option, setting.value));
  });
  return out;
}

std::string BookSettings::ToJson() const {
  json out = json::object();
  ForEachSetting(*this, [&out](const char* key, const auto& setting, const char*) {
    const bool kept = setting.source == SettingSource::kOption || setting.source == SettingSource::kLastBuild;
    if constexpr (std::is_same_v<std::decay_t<decltype(setting.value)>, std::string>) {
      if (setting.value.empty()) return;  // --no-cover, or nothing to remember
    }
    if (kept) out[key] = setting.value;
  });
  return out.dump();
}

BookSettingValues ReadLastSettings(const fs::path& book_dir) {
  BookSettingValues values;
  Expected<std::string> text =
      ReadWholeFile(book_dir / "book.json", {kMaxManifestBytes, "manifest", false, /*follow_links=*/false});
  if (!text) return values;
  const json manifest = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!manifest.is_object() || !manifest.contains("settings") || !manifest["settings"].is_object()) return values;
  const json& settings = manifest["settings"];
  ForEachSetting(values, [&settings](const char* key, auto& value, const char*) { ReadValue(settings, key, value); });
  return values;
}

}  // namespace dauys::cli
