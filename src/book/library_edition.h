#pragma once
// A book published into an Audiobookshelf library folder (`build --library DIR`).
// Audiobookshelf makes every audio file of a folder one book (its scanner's
// `groupFileItemsIntoLibraryItemDirs`), so the book folder, which holds the chapter
// MP3s and the other editions, would show up as one book of them all. The library
// folder gets `DIR/<Author>/<Title>/` with exactly one audio edition (the M4B when
// built, else the single-file MP3), the cover, desc.txt and reader.txt, read by the
// scanner as `getBookDataFromDir` names them (author folder, title folder). Files are
// published as the book folder's are: atomically, an unchanged file left alone, a file
// the book no longer has removed.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "book/book_builder.h"
#include "util/error.h"

namespace dauys {

/// The longest folder name dauys makes in a library, in bytes: with its lock file and
/// the temporaries of the files inside it, a name stays under the 255 bytes of ext4.
inline constexpr size_t kMaxLibraryNameBytes = 120;

/// `name` as a folder name every file system and Audiobookshelf take: "/", "\" and the
/// characters Windows refuses become "_" (": " becomes " - ", Audiobookshelf's title
/// and subtitle separator), control characters and runs of spaces one space, leading
/// and trailing spaces and dots go (a leading dot hides the folder from the scanner),
/// cut to kMaxLibraryNameBytes at a character's end; "_" if nothing is left.
std::string LibraryName(std::string_view name);

/// Where the book goes in `library`: library/<Author>/<Title>.
std::filesystem::path LibraryBookDir(const std::filesystem::path& library, const BookOptions& options);

/// Why the book cannot go into a library ("" if it can): it needs one audio edition.
std::string LibraryProblem(const BookOptions& options);

/// What publishing into the library did.
struct LibraryResult {
  std::filesystem::path dir;        ///< library/<Author>/<Title>.
  std::vector<std::string> changes; ///< "write X", "remove Y", one per file changed.
  size_t unchanged = 0;
};

/// Publishes the built book (its folder options.book_dir) into `library`. A title
/// folder that holds another book's files (another book folder, same author and
/// title) is an error naming both, as is one dauys did not make that holds a file
/// Audiobookshelf reads.
Expected<LibraryResult> PublishToLibrary(const Script& script, const BookOptions& options,
                                         const std::filesystem::path& library);

}  // namespace dauys
