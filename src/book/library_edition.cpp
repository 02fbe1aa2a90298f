#include "book/library_edition.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstring>
#include <memory>
#include <set>

#include "book/m4b_edition.h"
#include "book/publisher.h"
#include "util/atomic_file.h"
#include "util/real_folder.h"

namespace dauys {

namespace fs = std::filesystem;

namespace {

/// The hidden file naming the book folder a title folder was published from: the
/// scanner skips names starting with a dot (fileUtils.js, `shouldIgnoreFile`).
constexpr const char* kOwnerFile = ".dauys-book";

bool IsSpaceOrDot(char c) { return c == ' ' || c == '.'; }

std::string Trimmed(std::string s) {
  size_t begin = 0, end = s.size();
  while (begin < end && IsSpaceOrDot(s[begin])) ++begin;
  while (end > begin && IsSpaceOrDot(s[end - 1])) --end;
  return s.substr(begin, end - begin);
}

/// Cuts `s` to at most `max` bytes without splitting a UTF-8 character.
std::string CutAtCharacter(std::string s, size_t max) {
  if (s.size() <= max) return s;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut);
}

/// The audio edition the library gets: the M4B if the book has one, else the single file.
std::string AudioEdition(const BookOptions& options) {
  return options.m4b ? M4bFileName(options) : options.slug + ".mp3";
}

/// Every name dauys may write into a title folder, so a build removes those it drops.
std::vector<std::string> PossibleNames(const std::string& title) {
  std::vector<std::string> names = {title + ".m4b", title + ".mp3", kOwnerFile};
  for (const std::string& name : ShelfFileNames()) names.push_back(name);
  return names;
}

/// Copies the book folder's `from` into the temporary `file`, reading through no link.
Status CopyInto(const fs::path& from, AtomicFile& file) {
  const int fd = ::open(from.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return Error{from.string() + ": cannot read: " + std::strerror(errno)};
  std::unique_ptr<int, void (*)(int*)> closer(new int(fd), [](int* f) { ::close(*f); delete f; });
  std::string buffer(1 << 20, '\0');
  for (;;) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Error{from.string() + ": cannot read: " + std::strerror(errno)};
    if (n == 0) return file.fd() < 0 ? file.Open() : Status{};  // an empty file still needs its temporary
    if (Status s = file.Write(std::string_view(buffer.data(), static_cast<size_t>(n))); !s) return s;
  }
}

/// A file or folder of `dir` the scanner reads (its name does not start with a dot); "" if none.
std::string FirstVisible(const fs::path& dir) {
  std::error_code ec;
  std::string first;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind('.', 0) != 0 && (first.empty() || name < first)) first = name;
  }
  return first;
}

/// The title folder belongs to the book folder it was first published from; one dauys
/// did not make may hold nothing the scanner reads, or the book would be a mix.
Status CheckOwner(const fs::path& dir, const std::string& owner) {
  Expected<std::string> earlier = ReadWholeFile(dir / kOwnerFile, {4096, "file", false, /*follow_links=*/false});
  if (!earlier) {
    const std::string foreign = FirstVisible(dir);
    if (foreign.empty()) return {};
    return Error{"--library: " + dir.string() + ": holds " + foreign +
                 ", which dauys did not put there: the book would be a mix of both; move it, or give the book "
                 "another --title or --author"};
  }
  if (*earlier == owner + "\n") return {};
  std::string other = *earlier;
  if (!other.empty() && other.back() == '\n') other.pop_back();
  return Error{"--library: " + dir.string() + ": holds the book built in " + other + ", not the one in " + owner +
               ": two books with the same author and title; give one another --title or --author, or remove " +
               dir.string()};
}

}  // namespace

std::string LibraryName(std::string_view name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    const bool c1_control = c == 0xC2 && i + 1 < name.size() && static_cast<unsigned char>(name[i + 1]) < 0xA0;
    if (c < 0x20 || c == 0x7F || c1_control || c == ' ') {
      if (c1_control) ++i;
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else if (c == ':' && i + 1 < name.size() && name[i + 1] == ' ') {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      out += " -";
    } else if (std::strchr("/\\:*?\"<>|", c)) {
      out += '_';
    } else {
      out += static_cast<char>(c);
    }
  }
  out = Trimmed(CutAtCharacter(Trimmed(out), kMaxLibraryNameBytes));
  return out.empty() ? "_" : out;
}

fs::path LibraryBookDir(const fs::path& library, const BookOptions& options) {
  // A book without a known author sits in the library's own folder, as Audiobookshelf
  // reads a title folder there.
  if (Trimmed(options.author).empty()) return library / LibraryName(options.title);
  return library / LibraryName(options.author) / LibraryName(options.title);
}

std::string LibraryProblem(const BookOptions& options) {
  if (options.m4b || options.single_file) return "";
  return "--library: the library gets one audio file of the book, the M4B or the single file: add --m4b (or "
         "[book] m4b = true) or --single-file";
}

Expected<LibraryResult> PublishToLibrary(const Script& script, const BookOptions& options, const fs::path& library) {
  if (std::string problem = LibraryProblem(options); !problem.empty()) return Error{problem};
  LibraryResult result;
  result.dir = LibraryBookDir(library, options);
  if (Status s = MakeRealFolder(result.dir.parent_path(), "the library's author folder"); !s) return s.error();
  Expected<std::unique_ptr<FolderLock>> lock = FolderLock::Acquire(result.dir);
  if (!lock) return lock.error();
  std::error_code ec;
  const std::string owner = fs::absolute(options.book_dir, ec).lexically_normal().string();
  if (Status s = CheckOwner(result.dir, owner); !s) return s.error();

  BookResult counts;
  Publisher publisher(result.dir, counts);
  const std::string title = result.dir.filename().string();
  publisher.NoteEarlierFiles(PossibleNames(title));
  const std::string audio = title + fs::path(AudioEdition(options)).extension().string();
  AtomicFile file(result.dir / audio);
  if (Status s = CopyInto(options.book_dir / AudioEdition(options), file); !s) return s.error();
  if (Expected<std::string> hash = publisher.PublishFile(file, audio); !hash) return hash.error();
  for (const auto& [name, bytes] : ShelfFiles(script, options)) {
    if (Status s = publisher.Write(name, bytes); !s) return s.error();
  }
  if (Status s = publisher.Write(kOwnerFile, owner + "\n"); !s) return s.error();
  publisher.RemoveDropped();
  for (const FileChange& change : publisher.Changes()) {
    result.changes.push_back((change.action == FileChange::Action::kRemove ? "remove " : "write ") + change.name);
  }
  result.unchanged = counts.files_unchanged;
  return result;
}

}  // namespace dauys
