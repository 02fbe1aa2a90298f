#pragma once
// A cover goes into every MP3's APIC frame, the EPUB and the feed, where a reader that
// meets a cut or damaged image fails the whole file (EPUBCheck: PKG-021). The magic
// bytes say only what an image claims to be; this walks its structure to its end.

#include <string>
#include <string_view>

#include "util/error.h"

namespace dauys {

/// "image/png" or "image/jpeg" for a PNG whose chunks all pass their CRCs from IHDR
/// to IEND (with an IDAT), or a JPEG whose segments run from SOI through a frame
/// header (SOF) and a scan to EOI; else an Error saying what is wrong ("not a PNG or
/// JPEG image", "a PNG cut short in its 'IDAT' chunk" …), for the caller to prefix
/// with the file's name.
Expected<std::string> CheckImage(std::string_view bytes);

}  // namespace dauys
