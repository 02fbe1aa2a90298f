#pragma once
// ASCII file names from Kazakh titles, so every player, file system and archive
// handles the files of a book ("Орта державалардың рөлі" -> "orta-derzhavalardyng-roli").

#include <set>
#include <string>
#include <string_view>

namespace dauys {

/// Transliterates with ICU (Kazakh-Latin/BGN, then Latin-ASCII), lower-cases, keeps
/// [a-z0-9], joins the rest with single hyphens and cuts at a hyphen to at most
/// `max_length` bytes. Never empty: a title with nothing to keep gives `fallback`.
std::string Slugify(std::string_view text, size_t max_length = 48,
                    std::string_view fallback = "untitled");

/// `slug`, or `slug-2`, `slug-3`, ... so it is not in `taken`; records the result.
std::string UniqueSlug(const std::string& slug, std::set<std::string>& taken);

}  // namespace dauys
