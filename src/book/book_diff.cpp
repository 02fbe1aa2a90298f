#include "book/book_diff.h"

#include "book/m4b_edition.h"

#include <climits>
#include <cmath>

#include <nlohmann/json.hpp>
#include <xxhash.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "book/book_plan.h"
#include "book/publisher.h"
#include "output/web_page.h"
#include "util/atomic_file.h"

namespace dauys {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string Str(const json& doc, const char* key) {
  return doc.is_object() && doc.contains(key) && doc[key].is_string() ? doc[key].get<std::string>() : "";
}

double Num(const json& doc, const char* key) {
  return doc.is_object() && doc.contains(key) && doc[key].is_number() ? doc[key].get<double>() : 0;
}

/// A whole number from a hand-editable book.json: 0 unless finite and in int's range.
int Int(const json& doc, const char* key) {
  const double v = Num(doc, key);
  return std::isfinite(v) && v >= INT_MIN && v <= INT_MAX ? static_cast<int>(v) : 0;
}


void ReadSentences(const json& sentences, EarlierBook& out) {
  if (!sentences.is_array()) return;
  for (const json& s : sentences) out.spoken[Str(s, "text")] = Str(s, "spoken");
}

void ReadChapter(const json& c, const std::string& slug, EarlierBook& out) {
  if (!c.is_object()) return;
  EarlierBook::Chapter chapter{Int(c, "number"), Str(c, "title"), {}};
  for (const char* key : {"file", "vtt", "lrc"}) {
    if (std::string f = Str(c, key); IsBookFileName(f, slug)) {
      chapter.files.push_back(f);
      out.listed.push_back(f);
    }
  }
  ReadSentences(c.value("opening_sentences", json()), out);
  ReadSentences(c.value("title_sentences", json()), out);
  for (const json& turn : c.value("turns", json::array())) ReadSentences(turn.value("sentences", json()), out);
  std::vector<std::string>& keys = out.segments[Str(c, "file")];
  for (const json& k : c.value("segments", json::array())) keys.push_back(k.is_string() ? k.get<std::string>() : "");
  out.chapters.push_back(std::move(chapter));
}

void ReadFiles(const json& files, EarlierBook& out) {
  if (!files.is_object()) return;
  for (const auto& [name, f] : files.items()) {
    EarlierBook::File file{Str(f, "recipe"), Str(f, "hash"), Str(f, "audio"), Str(f, "audio_hash"), Str(f, "text"), {}};
    if (f.contains("tags") && f["tags"].is_object()) {
      for (const auto& [k, v] : f["tags"].items()) file.tags[k] = v.is_string() ? v.get<std::string>() : "";
    }
    out.files[name] = std::move(file);
  }
}

/// The tag fields whose values differ, in a fixed order: "title, track count".
std::string ChangedTags(const std::map<std::string, std::string>& now, const std::map<std::string, std::string>& then) {
  std::string out;
  for (const auto& [field, value] : now) {
    auto it = then.find(field);
    if (it == then.end() || it->second != value) out += (out.empty() ? "" : ", ") + field;
  }
  return out.empty() ? "tags" : out;
}

/// Why chapter `c`'s audio differs from what its file held: the reasons of the
/// segments it did not have, or "text removed" / "order changed".
std::string AudioReason(const BookPlan& plan, size_t c, const EarlierBook& earlier, const std::string& file) {
  auto it = earlier.segments.find(file);
  std::multiset<std::string> then;
  if (it != earlier.segments.end()) then.insert(it->second.begin(), it->second.end());
  std::set<std::string> reasons;
  std::string out;
  for (size_t i = plan.chapters[c].begin; i < plan.chapters[c].end; ++i) {
    const PlannedSegment& s = plan.segments[i];
    auto had = then.find(s.key);
    if (had != then.end()) {
      then.erase(had);
      continue;
    }
    std::string why = SegmentReason(s, plan, earlier);
    if (reasons.insert(why).second) out += (out.empty() ? "" : ", ") + why;
  }
  if (!out.empty()) return out;
  return then.empty() ? "order changed" : "text removed";
}

bool IsMp3(const PlannedFile& f) { return !f.audio.empty(); }

/// Why a file made of every chapter (the playlist, the EPUB) changed: "chapters changed:
/// 2, 3" names the chapters whose audio or text differ from the earlier build's; when
/// none does, the book's own details changed (title, author, cover, speakers' names).
std::string WholeBookReason(const BookPlan& plan, const EarlierBook& earlier) {
  std::string numbers;
  for (size_t c = 0; c < plan.chapters.size() && 3 * c + 1 < plan.files.size(); ++c) {
    const PlannedFile& mp3 = plan.files[3 * c];
    const PlannedFile& vtt = plan.files[3 * c + 1];
    auto sound = earlier.files.find(mp3.name);
    auto words = earlier.files.find(vtt.name);
    const bool changed = sound == earlier.files.end() || sound->second.audio != mp3.audio ||
                         words == earlier.files.end() || words->second.text != vtt.text;
    if (changed) numbers += (numbers.empty() ? "" : ", ") + std::to_string(plan.files[3 * c].chapter);
  }
  return numbers.empty() ? "book details changed" : "chapters changed: " + numbers;
}

/// Why `file`'s recipe changed, the file being there as recorded.
FileChange RecipeChange(const BookPlan& plan, const PlannedFile& file, const EarlierBook::File& then,
                        const EarlierBook& earlier) {
  FileChange change{FileChange::Action::kWrite, file.name, "", "", file.chapter};
  if (IsMp3(file) && file.audio == then.audio) {
    change.action = FileChange::Action::kRetag;
    change.reason = "tag changed: " + ChangedTags(file.tags, then.tags);
    return change;
  }
  if (file.name == "book.json") {
    change.reason = "record of the book changed";
    return change;
  }
  if (file.index < 0 && std::count(WebPageNames().begin(), WebPageNames().end(), file.name)) {
    change.reason = "read-along page changed";
    return change;
  }
  if (file.index < 0) {
    change.reason = WholeBookReason(plan, earlier);
    return change;
  }
  const size_t c = static_cast<size_t>(file.index);
  const PlannedFile& mp3 = plan.files[3 * c];
  auto mp3_then = earlier.files.find(mp3.name);
  if (mp3_then == earlier.files.end() || mp3_then->second.audio != mp3.audio) {
    change.reason = AudioReason(plan, c, earlier, mp3.name);
  } else if (file.name.ends_with(".lrc") && mp3_then->second.tags != mp3.tags) {
    change.reason = "tag changed: " + ChangedTags(mp3.tags, mp3_then->second.tags);
  } else {
    change.reason = "written text changed";
  }
  return change;
}

}  // namespace

EarlierBook ReadEarlierBook(const fs::path& dir) {
  EarlierBook out;
  const std::string slug = dir.filename().string();
  for (const std::string& name : Journal(dir).Leftovers()) {
    if (IsBookFileName(name, slug)) out.leftovers.push_back(name);
  }
  out.listed = out.leftovers;
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(dir / "book.json", ec))) return out;
  Expected<std::string> text =
      ReadWholeFile(dir / "book.json", {kMaxManifestBytes, "manifest", false, /*follow_links=*/false});
  if (!text) return out;
  json doc = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("chapters") || !doc["chapters"].is_array()) return out;
  out.found = true;
  for (const json& c : doc["chapters"]) ReadChapter(c, slug, out);
  if (std::string single = Str(doc, "single_file"); IsBookFileName(single, slug)) out.listed.push_back(single);
  if (std::string epub = Str(doc, "epub"); IsBookFileName(epub, slug)) out.listed.push_back(epub);
  if (std::string m4b = Str(doc, "m4b"); IsBookFileName(m4b, slug)) out.listed.push_back(m4b);
  ReadFiles(doc.value("files", json()), out);
  for (const std::string& name : WebPageNames()) {
    if (out.files.count(name)) out.listed.push_back(name);  // a build without --web removes them
  }
  for (const std::string& name : ShelfFileNames()) {
    if (out.files.count(name)) out.listed.push_back(name);  // a build without --m4b removes them
  }
  if (doc.contains("voices") && doc["voices"].is_object()) {
    for (const auto& [k, v] : doc["voices"].items()) out.voices[k] = v.is_string() ? v.get<std::string>() : "";
  }
  out.pauses = Str(doc, "pauses");
  out.input = Str(doc, "input");
  const json source = doc.value("source", json());
  out.source_path = Str(source, "path");
  out.source_hash = Str(source, "hash");
  out.first_source_hash = Str(source, "first_hash");
  if (doc.contains("first_built")) out.first_built = Str(doc, "first_built");
  out.recipe = Str(doc, "recipe");
  out.bitrate = Int(doc, "bitrate_kbps");
  out.loudness = Num(doc, "loudness_lufs");
  out.seconds = Num(doc, "seconds");
  return out;
}

std::string Describe(const FileChange& change) {
  switch (change.action) {
    case FileChange::Action::kWrite: return "write " + change.name + ": " + change.reason;
    case FileChange::Action::kRetag: return "retag " + change.name + ": " + change.reason;
    case FileChange::Action::kRename: return "rename " + change.from + " → " + change.name + ": " + change.reason;
    case FileChange::Action::kRemove: return "remove " + change.name + ": " + change.reason;
  }
  return "";
}

std::string DescribeSynthesis(const PlannedSegment& s, const std::string& reason) {
  return "synthesize chapter " + std::to_string(s.chapter + 1) + ", line " + std::to_string(s.line) + " (" + reason +
         "): " + Excerpt(s.written);
}

std::string SegmentReason(const PlannedSegment& s, const BookPlan& plan, const EarlierBook& earlier) {
  if (!earlier.found) return "not in cache";
  auto spoken = earlier.spoken.find(s.written);
  if (s.voice && spoken == earlier.spoken.end()) return "new text";
  if (s.voice && spoken->second != s.spoken) return "spoken form changed";
  auto voice = earlier.voices.find(s.speaker);
  auto now = plan.voices.find(s.speaker);
  if (s.voice && voice != earlier.voices.end() && now != plan.voices.end() && voice->second != now->second) {
    return "voice changed";
  }
  if (!earlier.pauses.empty() && earlier.pauses != plan.pauses) return "pauses changed";
  if (earlier.bitrate != plan.mp3.bitrate) return "bitrate changed";
  if (earlier.loudness != plan.loudness) return "loudness changed";
  for (const auto& [file, keys] : earlier.segments) {
    if (std::find(keys.begin(), keys.end(), s.key) != keys.end()) return "not in cache";
  }
  return "pause around it changed";  // the same sentence now starts or ends a chapter, turn or paragraph
}

namespace {

/// A file an earlier build made that this one drops, holding what `file` would:
/// the same audio (an MP3) or the same bytes; it is renamed rather than remade.
std::optional<std::string> RenameSource(const PlannedFile& file, const EarlierBook& earlier,
                                        const std::set<std::string>& dropped, std::set<std::string>& taken,
                                        const DiskLookup& disk) {
  for (const std::string& old : dropped) {
    auto then = earlier.files.find(old);
    if (taken.count(old) || then == earlier.files.end() || IsMp3(file) != !then->second.audio.empty()) continue;
    if (IsMp3(file) ? then->second.audio != file.audio : then->second.recipe != file.recipe) continue;
    std::optional<DiskState> state = disk(old, IsMp3(file));
    if (!state || (IsMp3(file) ? state->audio_hash != then->second.audio_hash : state->hash != then->second.hash)) {
      continue;
    }
    taken.insert(old);
    return old;
  }
  return std::nullopt;
}

/// The change to one planned file, if any.
std::optional<FileChange> FileDiff(const BookPlan& plan, const PlannedFile& file, const EarlierBook& earlier,
                                   const std::set<std::string>& dropped, std::set<std::string>& taken,
                                   const DiskLookup& disk) {
  using Action = FileChange::Action;
  auto then = earlier.files.find(file.name);
  std::optional<DiskState> now = disk(file.name, IsMp3(file));
  if (!now) {
    if (std::optional<std::string> old = RenameSource(file, earlier, dropped, taken, disk)) {
      const EarlierBook::File& was = earlier.files.at(*old);
      std::string why = was.recipe == file.recipe ? "same content" : "tag changed: " + ChangedTags(file.tags, was.tags);
      return FileChange{Action::kRename, file.name, *old, why, file.chapter};
    }
    const bool known = then != earlier.files.end() || (file.name == "book.json" && earlier.found);
    return FileChange{Action::kWrite, file.name, "", known ? "file missing" : "new file", file.chapter};
  }
  if (file.name == "book.json") {
    // A book.json from before first_built gets it from the next build.
    const bool undated = !earlier.first_built && plan.records_first_built;
    if (earlier.recipe != file.recipe) {
      return FileChange{Action::kWrite, file.name, "", "record of the book changed", file.chapter};
    }
    if (!undated) return std::nullopt;
    return FileChange{Action::kWrite, file.name, "", "day of its first build not yet recorded", file.chapter};
  }
  if (then == earlier.files.end()) {
    return FileChange{Action::kWrite, file.name, "", "no record of how it was made", file.chapter};
  }
  if (now->hash != then->second.hash) {
    const bool same_audio = IsMp3(file) && now->audio_hash == then->second.audio_hash && file.audio == then->second.audio;
    if (then->second.recipe == file.recipe) {
      return FileChange{same_audio ? Action::kRetag : Action::kWrite, file.name, "", "file changed on disk", file.chapter};
    }
    FileChange change = RecipeChange(plan, file, then->second, earlier);
    if (!same_audio) change.action = Action::kWrite;
    return change;
  }
  if (then->second.recipe == file.recipe) return std::nullopt;
  FileChange change = RecipeChange(plan, file, then->second, earlier);
  change.uncertain = !file.text.empty() && file.text == then->second.text;
  return change;
}

}  // namespace

std::vector<FileChange> DiffBook(const BookPlan& plan, const EarlierBook& earlier, const DiskLookup& disk) {
  std::set<std::string> planned, dropped, taken;
  for (const PlannedFile& f : plan.files) planned.insert(f.name);
  for (const std::string& f : earlier.listed) {
    if (!planned.count(f)) dropped.insert(f);
  }
  std::vector<FileChange> changes;
  for (const PlannedFile& f : plan.files) {
    if (std::optional<FileChange> change = FileDiff(plan, f, earlier, dropped, taken, disk)) {
      changes.push_back(std::move(*change));
    }
  }
  for (const EarlierBook::Chapter& c : earlier.chapters) {
    for (const std::string& f : c.files) {
      if (!dropped.count(f) || taken.count(f) || !disk(f, false)) continue;
      taken.insert(f);
      changes.push_back(FileChange{FileChange::Action::kRemove, f, "", "no longer in the book", c.number});
    }
  }
  for (const std::string& f : dropped) {
    if (taken.count(f) || !disk(f, false)) continue;
    changes.push_back(FileChange{FileChange::Action::kRemove, f, "", "no longer in the book", 0});
  }
  return changes;
}

}  // namespace dauys
