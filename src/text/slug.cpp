#include "text/slug.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>

namespace dauys {

namespace {

std::string Transliterate(std::string_view text) {
  static std::mutex mutex;
  static std::unique_ptr<icu::Transliterator> translit;
  std::lock_guard<std::mutex> lock(mutex);
  if (!translit) {
    UErrorCode status = U_ZERO_ERROR;
    translit.reset(icu::Transliterator::createInstance("Kazakh-Latin/BGN; Latin-ASCII; Lower",
                                                       UTRANS_FORWARD, status));
    if (U_FAILURE(status)) translit.reset();
  }
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (translit) translit->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

}  // namespace

std::string Slugify(std::string_view text, size_t max_length, std::string_view fallback) {
  std::string ascii = Transliterate(text);
  std::string slug;
  bool pending_hyphen = false;
  for (char ch : ascii) {
    char c = ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (pending_hyphen && !slug.empty()) slug += '-';
      pending_hyphen = false;
      slug += c;
    } else if (c == '\'' || c == '"') {
      // BGN marks soft and hard signs with apostrophes: drop them, don't split words.
    } else {
      pending_hyphen = true;
    }
  }
  if (slug.size() > max_length) {
    size_t cut = slug.rfind('-', max_length);
    slug.resize(cut != std::string::npos && cut > max_length / 2 ? cut : max_length);
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
  }
  return slug.empty() ? std::string(fallback) : slug;
}

std::string UniqueSlug(const std::string& slug, std::set<std::string>& taken) {
  std::string candidate = slug;
  for (int n = 2; taken.count(candidate); ++n) candidate = slug + "-" + std::to_string(n);
  taken.insert(candidate);
  return candidate;
}

}  // namespace dauys
