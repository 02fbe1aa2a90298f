#include "output/feed_books.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "audio/mp3_segments.h"
#include "output/image_check.h"
#include "output/tagger.h"
#include "util/atomic_file.h"
#include "util/clock.h"
#include "util/unicode.h"

namespace dauys {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr int64_t kMaxSamples = int64_t{1} << 40;  // years of audio; keeps sample * 1000 in range
constexpr uint64_t kMaxVttBytes = 64ull << 20;


std::string Shown(const fs::path& path) { return Printable(path.string()); }

/// A name a book.json may give a file of its folder: no path, nothing hidden.
bool IsPlainName(const std::string& name) {
  return !name.empty() && name[0] != '.' && name.find('/') == std::string::npos && IsValidUtf8(name);
}

Expected<std::string> StringField(const json& object, const char* key, const std::string& where) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return Error{where + "'" + key + "' must be a string"};
  return it->get<std::string>();
}

Expected<int64_t> CountField(const json& object, const char* key, const std::string& where, int64_t min,
                             int64_t max) {
  auto it = object.find(key);
  bool whole = it != object.end() && (it->is_number_unsigned() || it->is_number_integer());
  int64_t value = whole ? it->get<int64_t>() : 0;
  if (!whole || value < min || value > max) {
    return Error{where + "'" + key + "' must be a whole number from " + std::to_string(min) + " to " +
                 std::to_string(max)};
  }
  return value;
}

Expected<std::vector<BookFolder::Chapter>> ReadChapters(const json& manifest, const std::string& where) {
  auto list = manifest.find("chapters");
  if (list == manifest.end() || !list->is_array()) return Error{where + "'chapters' must be a list"};
  std::vector<BookFolder::Chapter> chapters;
  for (const json& c : *list) {
    const std::string at = where + "chapter " + std::to_string(chapters.size() + 1) + ": ";
    if (!c.is_object()) return Error{at + "must be an object"};
    BookFolder::Chapter chapter;
    Expected<std::string> title = StringField(c, "title", at);
    Expected<std::string> vtt = title ? StringField(c, "vtt", at) : title;
    if (!vtt) return vtt.error();
    if (!IsPlainName(*vtt)) return Error{at + "'vtt' must be a file name in the book folder"};
    Expected<int64_t> start = CountField(c, "book_start_sample", at, 0, kMaxSamples);
    Expected<int64_t> samples = start ? CountField(c, "samples", at, 0, kMaxSamples) : start;
    if (!samples) return samples.error();
    if (!chapters.empty() && *start < chapters.back().start_sample + chapters.back().samples) {
      return Error{at + "'book_start_sample' is before the previous chapter ends"};
    }
    chapters.push_back({*title, *vtt, *start, *samples});
  }
  if (chapters.empty()) return Error{where + "'chapters' lists no chapter; build the book again"};
  return chapters;
}

/// The interviewer and interviewees the turns name. A turn of an unnamed speaker carries
/// the name a listener hears for its role ("Тілші", "Сұхбат беруші"): no person's name.
std::vector<FeedPerson> ReadPeople(const json& manifest) {
  static const std::vector<std::string> kRoleNames = {"Диктор", "Тілші", "Сұхбат беруші"};
  std::vector<FeedPerson> people;
  const json& chapters = manifest.at("chapters");
  for (const json& chapter : chapters) {
    auto turns = chapter.find("turns");
    if (turns == chapter.end() || !turns->is_array()) continue;
    for (const json& turn : *turns) {
      if (!turn.is_object() || !turn.contains("name") || !turn["name"].is_string() || !turn.contains("role") ||
          !turn["role"].is_string()) {
        continue;
      }
      const std::string name = turn["name"].get<std::string>(), role = turn["role"].get<std::string>();
      const std::string as = role == "interviewer" ? "host" : role == "interviewee" ? "guest" : "";
      if (as.empty() || name.empty() || std::count(kRoleNames.begin(), kRoleNames.end(), name)) continue;
      const bool known = std::any_of(people.begin(), people.end(),
                                     [&](const FeedPerson& p) { return p.name == name && p.role == as; });
      if (!known) people.push_back({name, as});
    }
  }
  return people;
}

/// book.json's numbers for the single file against the file itself: its bytes against
/// the recorded hash, its length and rate against its own Info frame, so an edited
/// book.json or a replaced file cannot publish a duration or transcript the audio lacks.
Status CheckSingleFile(const fs::path& path, const std::string& hash, const std::string& where,
                       const BookFolder& book, const BookFolderAccess& access) {
  const std::string again = "; build the book again";
  Expected<std::string> disk = access.hash(path);
  if (!disk) return disk.error();
  if (*disk != hash) return Error{where + "'single_file_hash' is not the hash of " + Shown(path) + again};
  Expected<Mp3Length> length = ReadMp3Length(path);
  if (!length) return Error{Printable(length.error().message) + again};
  if (length->tag_bytes + length->stream_bytes != book.single_file_bytes) {
    return Error{Shown(path) + ": its Info frame counts " + std::to_string(length->stream_bytes) +
                 " bytes of audio but the file holds " + std::to_string(book.single_file_bytes - std::min(book.single_file_bytes, length->tag_bytes)) + again};
  }
  if (length->sample_rate != book.sample_rate) {
    return Error{where + "'sample_rate' is " + std::to_string(book.sample_rate) + " but " + Shown(path) + " is " +
                 std::to_string(length->sample_rate) + " Hz" + again};
  }
  if (length->samples != book.single_file_samples) {
    return Error{where + "'single_file_samples' is " + std::to_string(book.single_file_samples) + " but " +
                 Shown(path) + " holds " + std::to_string(length->samples) + " samples" + again};
  }
  return {};
}

/// The single file's name, length and size; its name stays empty when the book has none.
Status ReadSingleFile(const json& manifest, const std::string& where, BookFolder& book,
                      const BookFolderAccess& access) {
  if (!manifest.contains("single_file")) return {};
  Expected<std::string> name = StringField(manifest, "single_file", where);
  if (!name) return name.error();
  if (!IsPlainName(*name) || !name->ends_with(".mp3")) {
    return Error{where + "'single_file' must be an MP3 file name in the book folder"};
  }
  Expected<int64_t> samples = CountField(manifest, "single_file_samples", where, 1, kMaxSamples);
  if (!samples) return samples.error();
  Expected<std::string> hash = StringField(manifest, "single_file_hash", where);
  if (!hash) return hash.error();
  const fs::path path = book.dir / *name;
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(path, ec))) {
    return Error{Shown(path) + ": the single file book.json names is missing; build the book again"};
  }
  book.single_file_bytes = fs::file_size(path, ec);
  if (ec) return Error{Shown(path) + ": " + ec.message()};
  book.single_file = *name;
  book.single_file_samples = *samples;
  return CheckSingleFile(path, *hash, where, book, access);
}

Expected<std::vector<fs::path>> ListBookFolders(const fs::path& output_dir) {
  std::vector<fs::path> dirs;
  std::error_code ec;
  for (auto it = fs::directory_iterator(output_dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code ignored;
    if (name[0] == '.' || !it->is_directory(ignored)) continue;
    if (fs::exists(fs::symlink_status(it->path() / "book.json", ignored))) dirs.push_back(it->path());
  }
  if (ec) return Error{Shown(output_dir) + ": cannot read the output folder: " + ec.message()};
  std::sort(dirs.begin(), dirs.end());
  if (dirs.empty()) {
    return Error{Shown(output_dir) + ": no book folders (with a book.json) to publish; build books with "
                 "--single-file into it first"};
  }
  return dirs;
}

/// Names of folders, for one message about several of them.
std::string FolderList(const std::vector<const BookFolder*>& books) {
  std::string out;
  for (const BookFolder* b : books) out += (out.empty() ? "" : ", ") + Shown(b->dir);
  return out;
}

/// Every book, or one message naming every folder without a single file or a date.
/// Each book folder is locked before it is read, and stays locked (`locks`) until the
/// feed is written: no build can change a book between its check and its publication.
Expected<std::vector<BookFolder>> ReadBooks(const FeedOptions& options, const BookFolderAccess& access,
                                            std::vector<std::shared_ptr<void>>& locks) {
  Expected<std::vector<fs::path>> dirs = ListBookFolders(options.output_dir);
  if (!dirs) return dirs.error();
  std::vector<BookFolder> books;
  for (const fs::path& dir : *dirs) {
    Expected<std::shared_ptr<void>> lock = access.lock(dir);
    if (!lock) return lock.error();
    locks.push_back(std::move(*lock));
    Expected<BookFolder> book = ReadBookFolder(dir, access);
    if (!book) return book.error();
    books.push_back(std::move(*book));
  }
  std::vector<const BookFolder*> no_single, no_date;
  for (const BookFolder& b : books) {
    if (b.single_file.empty()) no_single.push_back(&b);
    if (!b.date && !options.date && !b.first_built) no_date.push_back(&b);
  }
  const bool several = no_single.size() > 1;
  if (!no_single.empty()) {
    return Error{FolderList(no_single) + ": no single-file MP3 to publish; build " +
                 (several ? "these books" : "the book") + " again with --single-file"};
  }
  if (!no_date.empty()) {
    return Error{FolderList(no_date) + ": no date to publish " + (no_date.size() > 1 ? "these books" : "the book") +
                 " under; put date = \"YYYY-MM-DD\" in the input's sidecar and build again, build again to date " +
                 (no_date.size() > 1 ? "them" : "it") + " today, or give --date"};
  }
  return books;
}

/// The episode's chapters JSON and whole-book WebVTT, with their names.
struct EpisodeFiles {
  std::string chapters_name, chapters;
  std::string vtt_name, vtt;
};

Expected<EpisodeFiles> RenderEpisodeFiles(const BookFolder& book) {
  const std::string stem = fs::path(book.single_file).stem().string();
  EpisodeFiles files{stem + ".chapters.json", "", stem + ".vtt", ""};
  std::vector<VttPart> parts;
  for (const BookFolder::Chapter& c : book.chapters) {
    if (c.vtt == files.vtt_name) {
      return Error{Shown(book.dir / "book.json") + ": a chapter's subtitles are named " + c.vtt +
                   ", the name of the whole book's transcript"};
    }
    Expected<std::string> text = ReadWholeFile(book.dir / c.vtt, {kMaxVttBytes, "subtitle file", /*text=*/true});
    if (!text) return text.error();
    parts.push_back({Shown(book.dir / c.vtt), std::move(*text), MillisOfSample(c.start_sample, book.sample_rate)});
  }
  // The chapters file lists the marks the single file carries, as a player shows them.
  Expected<std::vector<ChapterMark>> marks = ReadChapterMarks(book.dir / book.single_file);
  if (!marks) return marks.error();
  std::vector<FeedChapter> chapters;
  for (const ChapterMark& m : *marks) chapters.push_back({m.start_ms, m.end_ms, m.title});
  files.chapters = RenderChaptersJson(book.title, chapters);
  Expected<std::string> vtt = JoinWebVtt(parts);
  if (!vtt) return vtt.error();
  files.vtt = std::move(*vtt);
  return files;
}

std::string Description(const BookFolder& book) {
  std::string out;
  for (const BookFolder::Chapter& c : book.chapters) out += (out.empty() ? "" : " · ") + c.title;
  return book.chapters.size() > 1 ? out : book.title;
}

FeedEpisode Episode(const BookFolder& book, const FeedOptions& options, const EpisodeFiles& files) {
  FeedEpisode e;
  e.guid = "dauys:" + book.name;
  e.title = book.title;
  e.author = book.author;
  e.description = Description(book);
  // The sidecar's date, else --date, else the day the book was first built.
  e.date = book.date ? *book.date : options.date ? *options.date : *book.first_built;
  e.audio_url = JoinUrl(options.base_url, {book.name, book.single_file});
  e.audio_bytes = book.single_file_bytes;
  e.duration_ms = MillisOfSample(book.single_file_samples, book.sample_rate);
  e.chapters_url = JoinUrl(options.base_url, {book.name, files.chapters_name});
  e.transcript_url = JoinUrl(options.base_url, {book.name, files.vtt_name});
  if (!book.page.empty()) e.link = JoinUrl(options.base_url, {book.name, book.page});
  e.people = book.people;
  return e;
}

/// --image: a URL as it is, or a PNG or JPEG file in the output folder under the base URL.
Expected<std::string> ImageUrl(const FeedOptions& options) {
  if (options.image.empty()) return options.image;
  if (LooksLikeUrl(options.image)) {
    const std::string why = CheckFeedUrl(options.image, /*allow_query=*/true);
    if (!why.empty()) return Error{"--image: " + Printable(options.image) + ": " + why};
    return options.image;
  }
  const fs::path relative = fs::path(options.image).lexically_normal();
  if (relative.is_absolute() || relative.empty() || *relative.begin() == "..") {
    return Error{"--image: " + Printable(options.image) +
                 ": must be a URL or an image file inside the output folder (a path relative to it)"};
  }
  Expected<std::string> bytes = ReadWholeFile(options.output_dir / relative, {kMaxCoverBytes, "image"});
  if (!bytes) return Error{"--image: " + bytes.error().message};
  if (Expected<std::string> type = CheckImage(*bytes); !type) {
    return Error{"--image: " + Shown(options.output_dir / relative) + ": " + type.error().message};
  }
  std::vector<std::string> names;
  for (const fs::path& part : relative) names.push_back(part.string());
  return JoinUrl(options.base_url, names);
}

FeedChannel Channel(const FeedOptions& options, const std::vector<BookFolder>& books, const std::string& image) {
  FeedChannel channel;
  std::error_code ec;
  const fs::path full = fs::weakly_canonical(fs::absolute(options.output_dir, ec), ec);
  channel.title = !options.title.empty() ? options.title : full.filename().string();
  std::string shared = books.front().author;
  for (const BookFolder& b : books) {
    if (b.author != shared) shared.clear();
  }
  channel.author = !options.author.empty() ? options.author : !shared.empty() ? shared : channel.title;
  channel.description = !options.description.empty() ? options.description : channel.title;
  channel.link = options.base_url;
  channel.feed_url = JoinUrl(options.base_url, {"feed.xml"});
  channel.language = options.language;
  channel.category = options.category;
  channel.image_url = image;
  channel.email = options.email;
  return channel;
}

/// Writes `bytes` to `path` unless it already holds them (a link there is replaced).
Status WriteIfChanged(const fs::path& path, const std::string& bytes, std::vector<std::string>& written) {
  std::error_code ec;
  if (fs::is_regular_file(fs::symlink_status(path, ec))) {
    Expected<std::string> old = ReadWholeFile(path, {bytes.size() + 1, "file"});
    if (old && *old == bytes) return {};
  }
  if (Status s = WriteFileAtomically(path, bytes); !s) return s;
  written.push_back(path.string());
  return {};
}

}  // namespace

Expected<BookFolder> ReadBookFolder(const fs::path& dir, const BookFolderAccess& access) {
  const fs::path file = dir / "book.json";
  const std::string where = Shown(file) + ": ";
  Expected<std::string> text = ReadWholeFile(file, {kMaxManifestBytes, "manifest"});
  if (!text) return text.error();
  json manifest = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!manifest.is_object()) return Error{where + "not a book.json that dauys wrote (not a JSON object)"};
  auto generator = manifest.find("generator");
  if (generator == manifest.end() || !generator->is_string() || generator->get<std::string>().rfind("dauys ", 0) != 0) {
    return Error{where + "not a book.json that dauys wrote ('generator' is not dauys)"};
  }
  // A build killed while publishing leaves its journal: the folder may mix new text and
  // old audio. (The feed holds the folder's lock, so no build is writing it now.)
  if (access.interrupted(dir)) {
    return Error{Shown(dir) + ": a build of this book was stopped before it finished; build the book again "
                 "before publishing it"};
  }
  BookFolder book;
  book.dir = dir;
  book.name = dir.filename().string();
  Expected<std::string> title = StringField(manifest, "title", where);
  Expected<std::string> author = title ? StringField(manifest, "author", where) : title;
  if (!author) return author.error();
  book.title = *title;
  book.author = *author;
  if (manifest.contains("date")) {
    const json& date = manifest["date"];
    book.date = date.is_string() ? ParseCalendarDate(date.get<std::string>()) : std::nullopt;
    if (!book.date) return Error{where + "'date' must be a date written YYYY-MM-DD"};
  }
  if (manifest.contains("first_built")) {
    const json& day = manifest["first_built"];
    book.first_built = day.is_string() ? ParseCalendarDate(day.get<std::string>()) : std::nullopt;
    if (!book.first_built) return Error{where + "'first_built' must be a date written YYYY-MM-DD"};
  }
  Expected<int64_t> rate = CountField(manifest, "sample_rate", where, 8000, 192000);
  if (!rate) return rate.error();
  book.sample_rate = static_cast<int>(*rate);
  Expected<std::vector<BookFolder::Chapter>> chapters = ReadChapters(manifest, where);
  if (!chapters) return chapters.error();
  book.chapters = std::move(*chapters);
  book.people = ReadPeople(manifest);
  if (Status s = ReadSingleFile(manifest, where, book, access); !s) return s.error();
  if (manifest.contains("page")) {
    Expected<std::string> page = StringField(manifest, "page", where);
    if (!page || !IsPlainName(*page)) return Error{where + "'page' must be a file name in the book folder"};
    book.page = *page;
  }
  for (const BookFolder::Chapter& c : book.chapters) {
    if (!book.single_file.empty() && c.start_sample + c.samples > book.single_file_samples) {
      return Error{where + "chapter '" + Printable(c.title) + "' ends after the single file does; build the book again"};
    }
  }
  return book;
}

Expected<FeedResult> WriteFeed(const FeedOptions& options, const BookFolderAccess& access) {
  std::vector<std::shared_ptr<void>> locks;  // held until every file is written
  Expected<std::vector<BookFolder>> books = ReadBooks(options, access, locks);
  if (!books) return books.error();
  Expected<std::string> image = ImageUrl(options);
  if (!image) return image.error();
  std::vector<FeedEpisode> episodes;
  std::vector<EpisodeFiles> files;
  for (const BookFolder& book : *books) {
    Expected<EpisodeFiles> rendered = RenderEpisodeFiles(book);
    if (!rendered) return rendered.error();
    files.push_back(std::move(*rendered));
    episodes.push_back(Episode(book, options, files.back()));
  }
  // Newest first; books of one day by folder name, so the order never depends on the disk.
  std::vector<size_t> order(books->size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return episodes[a].date > episodes[b].date; });
  std::vector<FeedEpisode> sorted;
  for (size_t i : order) sorted.push_back(episodes[i]);
  const std::string xml = RenderFeedXml(Channel(options, *books, *image), sorted);

  FeedResult result;
  for (size_t i = 0; i < books->size(); ++i) {
    const fs::path& dir = (*books)[i].dir;
    if (Status s = WriteIfChanged(dir / files[i].chapters_name, files[i].chapters, result.written); !s) return s.error();
    if (Status s = WriteIfChanged(dir / files[i].vtt_name, files[i].vtt, result.written); !s) return s.error();
  }
  if (Status s = WriteIfChanged(options.output_dir / "feed.xml", xml, result.written); !s) return s.error();
  result.episodes = sorted.size();
  result.newest = IsoDate(sorted.front().date);
  return result;
}

}  // namespace dauys
