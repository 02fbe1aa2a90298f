#include "output/epub.h"

#include <cstdio>

#include "output/tagger.h"
#include "output/zip_archive.h"
#include "util/atomic_file.h"
#include "util/clock.h"
#include "util/unicode.h"

namespace dauys {

namespace {

/// The class reading systems give the element being spoken (media:active-class).
constexpr const char* kActiveClass = "-epub-media-overlay-active";
/// dcterms:modified must be present; a fixed value keeps the bytes of a build
/// independent of when it ran (the archive's entries carry the same time).
constexpr const char* kModified = "1980-01-01T00:00:00Z";
/// A question's entry in the table of contents shows at most this much of it.
constexpr size_t kQuestionLabelBytes = 120;

constexpr const char* kSummary =
    "Бұл кітапта мәтін мен дыбыс үйлестірілген: әр сөйлем оқылып жатқанда экранда белгіленеді. "
    "Дыбысты eSpeak NG сөйлеу синтезаторы жасаған, әр сөйлеушінің өз дауысы бар, ал мәтінде "
    "әр сөз кезегінің алдында сөйлеушінің аты жазылған. Мазмұнында тараулар мен әр тараудағы "
    "сұрақтар бар; оқу реті түпнұсқа мәтіннің ретімен бірдей.";

constexpr const char* kStyle =
    "body { font-family: serif; line-height: 1.5; margin: 0 4%; }\n"
    "h1 { font-size: 1.5em; margin: 1em 0; }\n"
    ".turn { margin: 1em 0; }\n"
    ".turn p { margin: 0.4em 0; }\n"
    ".speaker { font-family: sans-serif; font-weight: bold; }\n"
    ".narrator .speaker { color: #444444; }\n"
    ".interviewer .speaker { color: #1a4a80; }\n"
    ".interviewer p { font-weight: bold; }\n"
    ".interviewee .speaker { color: #7a3300; }\n"
    ".-epub-media-overlay-active { background-color: #fff0a0; color: #000000; }\n";

std::string Xml(std::string_view text) { return EscapeMarkup(text); }

std::string Lang(const std::string& language) {
  return " lang=\"" + Xml(language) + "\" xml:lang=\"" + Xml(language) + "\"";
}

// SMIL and media:duration write hours without a leading zero: "0:01:02.345".
std::string SmilClockOfMillis(int64_t ms) { return ClockOfMillis(ms, false); }

std::string ChapterId(size_t c) { return "c" + std::to_string(c + 1); }
std::string AudioName(const EpubChapter& chapter) { return "audio/" + chapter.audio.filename().string(); }
bool HasOverlay(const EpubChapter& chapter) { return !chapter.sentences.empty(); }

std::string CoverName(const EpubBook& book) {
  if (!book.cover) return "";
  return book.cover->mime == "image/png" ? "cover.png" : "cover.jpg";
}

/// A paragraph's runs, each spoken sentence a span the overlay points at.
std::string Runs(const EpubParagraph& paragraph, const EpubChapter& chapter) {
  std::string out;
  for (const EpubRun& run : paragraph.runs) {
    if (run.sentence < 0) {
      out += Xml(run.text);
      continue;
    }
    const std::string& language = chapter.sentences[static_cast<size_t>(run.sentence)].language;
    out += "<span id=\"s" + std::to_string(run.sentence + 1) + "\"" +
           (language == "kk" || language.empty() ? "" : Lang(language)) + ">" + Xml(run.text) + "</span>";
  }
  return out;
}

std::string PlainText(const EpubParagraph& paragraph) {
  std::string out;
  for (const EpubRun& run : paragraph.runs) out += run.text;
  return CollapseSpaces(out);
}

/// The first words of `text` that fit in `max_bytes`, with "…" when cut.
std::string Shortened(const std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::string out;
  for (const std::string& word : SplitWords(text)) {
    if (out.size() + word.size() + 1 > max_bytes) break;
    out += (out.empty() ? "" : " ") + word;
  }
  return out + " …";
}

std::string XhtmlHead(const EpubBook& book, const std::string& title, bool epub_namespace) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n") +
         "<html xmlns=\"http://www.w3.org/1999/xhtml\"" +
         (epub_namespace ? " xmlns:epub=\"http://www.idpf.org/2007/ops\"" : "") + Lang(book.language) +
         (book.right_to_left ? " dir=\"rtl\"" : "") + ">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>" + Xml(title) +
         "</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\"/>\n</head>\n";
}

std::string Turn(const EpubTurn& turn, size_t t, const EpubChapter& chapter) {
  std::string out = "<div id=\"t" + std::to_string(t + 1) + "\" class=\"turn " + Xml(turn.role) + " by-" +
                    Xml(turn.speaker_id) + "\">\n";
  for (size_t p = 0; p < turn.paragraphs.size(); ++p) {
    out += "<p>";
    if (p == 0) {
      out += "<span class=\"speaker\"" + (turn.speaker_language.empty() ? "" : Lang(turn.speaker_language)) + ">" +
             Xml(turn.speaker) + ":</span> ";
    }
    out += Runs(turn.paragraphs[p], chapter) + "</p>\n";
  }
  return out + "</div>\n";
}

std::string PackageMetadata(const EpubBook& book) {
  std::string out = "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n";
  out += "<dc:identifier id=\"uid\">" + Xml(book.identifier) + "</dc:identifier>\n";
  out += "<dc:title>" + Xml(book.title) + "</dc:title>\n";
  if (!book.author.empty()) out += "<dc:creator>" + Xml(book.author) + "</dc:creator>\n";
  out += "<dc:language>kk</dc:language>\n";
  if (book.language != "kk") out += "<dc:language>" + Xml(book.language) + "</dc:language>\n";
  if (book.year) out += "<dc:date>" + std::to_string(*book.year) + "</dc:date>\n";
  out += "<dc:publisher>dauys</dc:publisher>\n";
  out += std::string("<meta property=\"dcterms:modified\">") + kModified + "</meta>\n";
  int64_t total = 0;
  for (size_t c = 0; c < book.chapters.size(); ++c) {
    if (!HasOverlay(book.chapters[c])) continue;
    const int64_t ms = MillisOfSample(book.chapters[c].samples, book.sample_rate);
    total += ms;
    out += "<meta property=\"media:duration\" refines=\"#" + ChapterId(c) + "-overlay\">" + SmilClockOfMillis(ms) +
           "</meta>\n";
  }
  out += "<meta property=\"media:duration\">" + SmilClockOfMillis(total) + "</meta>\n";
  out += std::string("<meta property=\"media:active-class\">") + kActiveClass + "</meta>\n";
  for (const char* mode : {"textual", "auditory"}) {
    out += std::string("<meta property=\"schema:accessMode\">") + mode + "</meta>\n";
  }
  for (const char* mode : {"textual", "auditory", "textual,auditory"}) {
    out += std::string("<meta property=\"schema:accessModeSufficient\">") + mode + "</meta>\n";
  }
  for (const char* feature : {"synchronizedAudioText", "structuralNavigation", "tableOfContents", "readingOrder"}) {
    out += std::string("<meta property=\"schema:accessibilityFeature\">") + feature + "</meta>\n";
  }
  out += "<meta property=\"schema:accessibilityHazard\">none</meta>\n";
  out += std::string("<meta property=\"schema:accessibilitySummary\" xml:lang=\"kk\">") + kSummary + "</meta>\n";
  out += "<meta property=\"dcterms:conformsTo\">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>\n";
  out += "<meta property=\"a11y:certifiedBy\">dauys</meta>\n";
  return out + "</metadata>\n";
}

std::string PackageManifest(const EpubBook& book) {
  std::string out = "<manifest>\n";
  out += "<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n";
  out += "<item id=\"style\" href=\"style.css\" media-type=\"text/css\"/>\n";
  if (book.cover) {
    out += "<item id=\"cover\" href=\"" + CoverName(book) + "\" media-type=\"" + book.cover->mime +
           "\" properties=\"cover-image\"/>\n";
  }
  for (size_t c = 0; c < book.chapters.size(); ++c) {
    const EpubChapter& chapter = book.chapters[c];
    const std::string id = ChapterId(c);
    out += "<item id=\"" + id + "\" href=\"" + Xml(chapter.base) + ".xhtml\" media-type=\"application/xhtml+xml\"";
    if (!HasOverlay(chapter)) {
      out += "/>\n";
      continue;
    }
    out += " media-overlay=\"" + id + "-overlay\"/>\n";
    out += "<item id=\"" + id + "-overlay\" href=\"" + Xml(chapter.base) +
           ".smil\" media-type=\"application/smil+xml\"/>\n";
    out += "<item id=\"" + id + "-audio\" href=\"" + Xml(AudioName(chapter)) + "\" media-type=\"audio/mpeg\"/>\n";
  }
  return out + "</manifest>\n";
}

}  // namespace

std::string SmilClock(int64_t sample, int sample_rate) { return SmilClockOfMillis(MillisOfSample(sample, sample_rate)); }

std::string EpubChapterDocument(const EpubBook& book, size_t c) {
  const EpubChapter& chapter = book.chapters[c];
  std::string out = XhtmlHead(book, chapter.title, true) + "<body>\n";
  out += "<section id=\"" + ChapterId(c) + "\" epub:type=\"chapter\" role=\"doc-chapter\" aria-labelledby=\"h\">\n";
  if (!chapter.opening.runs.empty()) out += "<p class=\"opening\">" + Runs(chapter.opening, chapter) + "</p>\n";
  out += "<h1 id=\"h\">" + Runs(chapter.heading, chapter) + "</h1>\n";
  for (size_t t = 0; t < chapter.turns.size(); ++t) out += Turn(chapter.turns[t], t, chapter);
  return out + "</section>\n</body>\n</html>\n";
}

std::string EpubMediaOverlay(const EpubBook& book, size_t c) {
  const EpubChapter& chapter = book.chapters[c];
  const std::string text = Xml(chapter.base) + ".xhtml";
  const std::string audio = Xml(AudioName(chapter));
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<smil xmlns=\"http://www.w3.org/ns/SMIL\" xmlns:epub=\"http://www.idpf.org/2007/ops\" version=\"3.0\">\n"
      "<body>\n<seq id=\"seq1\" epub:textref=\"" + text + "#" + ChapterId(c) + "\" epub:type=\"chapter\">\n";
  const size_t n = chapter.sentences.size();
  for (size_t i = 0; i < n; ++i) {
    const int64_t begin = i == 0 ? 0 : chapter.sentences[i].start;
    const int64_t end = i + 1 < n ? chapter.sentences[i + 1].start : chapter.samples;
    out += "<par id=\"p" + std::to_string(i + 1) + "\"><text src=\"" + text + "#s" + std::to_string(i + 1) +
           "\"/><audio src=\"" + audio + "\" clipBegin=\"" + SmilClock(begin, book.sample_rate) + "\" clipEnd=\"" +
           SmilClock(end, book.sample_rate) + "\"/></par>\n";
  }
  return out + "</seq>\n</body>\n</smil>\n";
}

std::string EpubNavigation(const EpubBook& book) {
  std::string out = XhtmlHead(book, book.title, true) + "<body>\n";
  out += "<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\" aria-labelledby=\"toc-title\">\n<h1 id=\"toc-title\">" +
         Xml(book.title) + "</h1>\n<ol>\n";
  for (const EpubChapter& chapter : book.chapters) {
    const std::string href = Xml(chapter.base) + ".xhtml";
    out += "<li><a href=\"" + href + "\">" + Xml(chapter.title) + "</a>";
    std::string questions;
    for (size_t t = 0; t < chapter.turns.size(); ++t) {
      const EpubTurn& turn = chapter.turns[t];
      if (turn.role != "interviewer" || turn.paragraphs.empty()) continue;
      questions += "<li><a href=\"" + href + "#t" + std::to_string(t + 1) + "\">" +
                   Xml(Shortened(PlainText(turn.paragraphs.front()), kQuestionLabelBytes)) + "</a></li>\n";
    }
    if (!questions.empty()) out += "\n<ol>\n" + questions + "</ol>\n";
    out += "</li>\n";
  }
  out += "</ol>\n</nav>\n";
  if (!book.chapters.empty()) {
    out += "<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n<h2>Бағдар</h2>\n<ol>\n"
           "<li><a epub:type=\"bodymatter\" href=\"" + Xml(book.chapters.front().base) + ".xhtml\">" +
           Xml(book.chapters.front().title) + "</a></li>\n</ol>\n</nav>\n";
  }
  return out + "</body>\n</html>\n";
}

std::string EpubPackageDocument(const EpubBook& book) {
  std::string out = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") +
                    "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"uid\"" +
                    " xml:lang=\"" + Xml(book.language) + "\"" +
                    (book.right_to_left ? " dir=\"rtl\"" : "") + ">\n";
  out += PackageMetadata(book) + PackageManifest(book);
  out += std::string("<spine") + (book.right_to_left ? " page-progression-direction=\"rtl\"" : "") + ">\n";
  for (size_t c = 0; c < book.chapters.size(); ++c) out += "<itemref idref=\"" + ChapterId(c) + "\"/>\n";
  return out + "</spine>\n</package>\n";
}

std::vector<EpubFile> EpubFiles(const EpubBook& book) {
  std::vector<EpubFile> files;
  files.push_back({"mimetype", "application/epub+zip", {}});
  files.push_back({"META-INF/container.xml",
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
                   "<rootfiles>\n<rootfile full-path=\"EPUB/package.opf\" media-type=\"application/oebps-package+xml\"/>\n"
                   "</rootfiles>\n</container>\n",
                   {}});
  files.push_back({"EPUB/package.opf", EpubPackageDocument(book), {}});
  files.push_back({"EPUB/nav.xhtml", EpubNavigation(book), {}});
  files.push_back({"EPUB/style.css", kStyle, {}});
  if (book.cover) files.push_back({"EPUB/" + CoverName(book), book.cover->data, {}});
  for (size_t c = 0; c < book.chapters.size(); ++c) {
    const EpubChapter& chapter = book.chapters[c];
    files.push_back({"EPUB/" + chapter.base + ".xhtml", EpubChapterDocument(book, c), {}});
    if (!HasOverlay(chapter)) continue;
    files.push_back({"EPUB/" + chapter.base + ".smil", EpubMediaOverlay(book, c), {}});
    files.push_back({"EPUB/" + AudioName(chapter), "", chapter.audio});
  }
  return files;
}

Status WriteEpub(const EpubBook& book, AtomicFile& out) {
  std::vector<ZipEntry> entries;
  for (EpubFile& file : EpubFiles(book)) {
    // Already compressed (audio, images) or required stored (mimetype): stored as is.
    const bool compress = file.audio.empty() && file.name != "mimetype" && !file.name.ends_with(".png") &&
                          !file.name.ends_with(".jpg");
    entries.push_back({std::move(file.name), std::move(file.bytes), std::move(file.audio), compress});
  }
  return WriteZip(entries, out);
}

}  // namespace dauys
