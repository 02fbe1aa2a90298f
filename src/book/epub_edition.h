#pragma once
// The EPUB edition of a book (`build --epub`), made from what a build already has:
// the script's text as written, the plan's sentences and the sample positions the
// assembler records in book.json. It plans the file (its name and the recipe of its
// bytes, so a dry run can say whether it changes) and, once the chapter MP3s are
// published, packs it with them (output/epub.h) and publishes it like any other file:
// only when a byte differs from the file already there.

#include <string>

#include <nlohmann/json.hpp>

#include "book/book_builder.h"
#include "output/epub.h"
#include "util/error.h"

namespace dauys {

struct BookPlan;
struct PlannedFile;
class Publisher;

/// "<slug>.epub".
std::string EpubFileName(const BookOptions& options);

/// The EPUB's entry in the plan: a recipe covering every chapter MP3's recipe, the
/// timings and text of its sentences (the VTT recipes), the structure of the turns,
/// the book's metadata and cover.
PlannedFile PlanEpub(const Script& script, const BookOptions& options, const BookPlan& plan);

/// The EpubBook of a built book: `chapters` are book.json's chapter entries (files,
/// lengths, each sentence's start_sample), parallel to the plan's chapters.
Expected<EpubBook> MakeEpubBook(const Script& script, const BookPlan& plan, const nlohmann::json& chapters,
                                const BookOptions& options);

/// Packs the edition into a temporary beside the book and publishes it unless the
/// file there holds the same bytes; returns the hash of the published file.
Expected<std::string> PublishEpub(const Script& script, const BookPlan& plan, const nlohmann::json& chapters,
                                  const BookOptions& options, Publisher& publisher);

}  // namespace dauys
