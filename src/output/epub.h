#pragma once
// The accessible read-along edition: an EPUB 3 with Media Overlays, the format in
// which the players of blind and visually impaired readers (Thorium, Dolphin
// EasyReader, Voice Dream, Apple Books with VoiceOver, the talking-book players of
// libraries for the blind) show the text and speak it together, highlight the
// sentence being spoken and jump by chapter and by question. This file renders the
// package's documents from plain data (each chapter's text as written, its turns,
// each sentence's span of the chapter's audio) and packs them, with the chapter MP3s
// as they are, into a deterministic archive (zip_archive.h):
//
//   mimetype                      stored, first
//   META-INF/container.xml
//   EPUB/package.opf              metadata (incl. accessibility), manifest, spine
//   EPUB/nav.xhtml                chapters, and below each its questions
//   EPUB/style.css                speakers' labels, the sentence being spoken
//   EPUB/<chapter>.xhtml          a sentence is <span id="s12">; a turn is <div class="turn interviewer by-s2">
//   EPUB/<chapter>.smil           a <par> per sentence: text id + clip of the MP3
//   EPUB/audio/<chapter>.mp3      the chapter files of the MP3 edition, byte for byte
//   EPUB/cover.png|jpg            with --cover

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "util/error.h"

namespace dauys {

class AtomicFile;
struct CoverArt;

/// A piece of a paragraph as written: a spoken sentence, or text between sentences
/// that is shown but not spoken (spaces, a lone dash).
struct EpubRun {
  std::string text;
  int sentence = -1;  ///< Index into EpubChapter::sentences; -1: not spoken.
};

struct EpubParagraph {
  std::vector<EpubRun> runs;
};

/// Consecutive paragraphs of one speaker, shown under the speaker's name.
struct EpubTurn {
  std::string speaker;     ///< The visible label ("Жанна Жомарт", "Тілші").
  std::string role;        ///< "narrator", "interviewer", "interviewee": a class.
  std::string speaker_id;  ///< "s3": class "by-s3", so each speaker may be styled apart.
  /// The label's language when it is not the book's ("kk": "Тілші" in a Latin-script book).
  std::string speaker_language;
  std::vector<EpubParagraph> paragraphs;
};

/// A spoken sentence and where its speech starts in the chapter's MP3; its clip runs
/// to the next sentence's start (the first from 0, the last to the chapter's end), so
/// the clips tile the chapter and the highlight moves when the next voice starts.
struct EpubSentence {
  int64_t start = 0;     ///< First sample of its speech.
  std::string language;  ///< "kk", "ru", "en".
};

struct EpubChapter {
  std::string base;        ///< "03-orta-derzhavalardyng-roli": names its .xhtml and .smil.
  std::string title;
  EpubParagraph opening;   ///< The book's title and author, said first (first chapter only).
  EpubParagraph heading;   ///< The title as read by the narrator.
  std::vector<EpubTurn> turns;
  std::vector<EpubSentence> sentences;  ///< In the order spoken.
  std::filesystem::path audio;          ///< The chapter's MP3 in the book folder.
  int64_t samples = 0;                  ///< Its length.
};

struct EpubBook {
  std::string identifier;   ///< "urn:uuid:…", the same for every build of the book.
  std::string title;
  std::string author;
  std::optional<int> year;
  std::string language = "kk";     ///< Of the text as written: "kk", "kk-Latn", "kk-Arab".
  bool right_to_left = false;      ///< Arabic script.
  int sample_rate = 22050;
  const CoverArt* cover = nullptr;
  std::vector<EpubChapter> chapters;
};

/// The files of the package, in the order the archive holds them (mimetype first).
struct EpubFile {
  std::string name;             ///< Inside the archive.
  std::string bytes;            ///< Text documents and the cover.
  std::filesystem::path audio;  ///< MP3s: copied from here.
};
std::vector<EpubFile> EpubFiles(const EpubBook& book);

/// Single documents, for tests and for EpubFiles.
std::string EpubPackageDocument(const EpubBook& book);
std::string EpubNavigation(const EpubBook& book);
std::string EpubChapterDocument(const EpubBook& book, size_t c);
std::string EpubMediaOverlay(const EpubBook& book, size_t c);

/// "0:01:02.345": a SMIL clock value for a sample position.
std::string SmilClock(int64_t sample, int sample_rate);

/// Packs `book` into `out` (a fresh temporary): the same book gives the same bytes.
Status WriteEpub(const EpubBook& book, AtomicFile& out);

}  // namespace dauys
