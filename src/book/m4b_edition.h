#pragma once
// The audiobook-app edition of a book (`build --m4b`): one M4B made from the published
// chapter MP3s (output/m4b.h) with the single-file MP3's chapter marks, and beside it
// the files Audiobookshelf's book scanner reads from a book folder: `cover.jpg` or
// `cover.png` (the cover given), `desc.txt` (the description) and `reader.txt` (the
// narrators). Like the EPUB edition it is planned (name and recipe, so a dry run says
// whether it changes) and published only when a byte differs.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "book/book_builder.h"
#include "util/error.h"

namespace dauys {

struct BookPlan;
class Publisher;

/// "<slug>.m4b".
std::string M4bFileName(const BookOptions& options);

/// The names the edition may write beside the book, for the build that removes them
/// when the edition is dropped.
const std::vector<std::string>& ShelfFileNames();

/// The line reader.txt holds and the M4B's composer tag: "eSpeak NG: Диктор, Тілші, …".
std::string NarratorLine(const Script& script);

/// desc.txt: the sidecar's description, else the lead (the narrator's turns that open
/// the first chapter), else the title.
std::string BookDescription(const Script& script, const BookOptions& options);

/// Appends the M4B and the Audiobookshelf files to plan.files; their recipes cover the
/// chapter MP3s' audio, the marks' titles, the tags, the cover and the libraries.
void PlanM4b(const Script& script, const BookOptions& options, BookPlan& plan);

/// Encodes the M4B from the published chapter MP3s (`chapters`: book.json's chapter
/// entries) and publishes it and the Audiobookshelf files; returns the M4B's hash.
Expected<std::string> PublishM4b(const Script& script, const BookPlan& plan, const nlohmann::json& chapters,
                                 const BookOptions& options, Publisher& publisher);

}  // namespace dauys
