#include "output/tagger.h"

#include <taglib/attachedpictureframe.h>
#include <taglib/chapterframe.h>
#include <taglib/commentsframe.h>
#include <taglib/id3v2frame.h>
#include <taglib/id3v2framefactory.h>
#include <taglib/id3v2tag.h>
#include <taglib/mpegfile.h>
#include <taglib/tableofcontentsframe.h>
#include <taglib/textidentificationframe.h>
#include <taglib/tfilestream.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "util/atomic_file.h"
#include "util/unicode.h"

namespace dauys {

namespace {

/// Tag values never carry NUL or control characters (a NUL ends an ID3 string early).
TagLib::String T(const std::string& s) { return TagLib::String(WithoutControls(s), TagLib::String::UTF8); }

TagLib::ByteVector Id(const std::string& s) { return TagLib::ByteVector(s.data(), static_cast<unsigned>(s.size())); }

TagLib::ID3v2::FrameList TitleFrame(const std::string& title) {
  TagLib::ID3v2::FrameList frames;
  if (title.empty()) return frames;
  auto* tit2 = new TagLib::ID3v2::TextIdentificationFrame("TIT2", TagLib::String::UTF8);
  tit2->setText(T(CapBytes(WithoutControls(title), kMaxMarkTitleBytes)));
  frames.append(tit2);
  return frames;
}

void SetText(TagLib::ID3v2::Tag* tag, const char* id, const std::vector<std::string>& values) {
  tag->removeFrames(id);
  if (values.empty()) return;
  auto* frame = new TagLib::ID3v2::TextIdentificationFrame(id, TagLib::String::UTF8);
  TagLib::StringList list;
  for (const std::string& v : values) list.append(T(v));
  frame->setText(list);
  tag->addFrame(frame);
}

/// Sets every frame of `tags` on `file` (its other tags removed) and saves it.
bool SaveTags(TagLib::MPEG::File& file, const TrackTags& tags) {
  file.strip(TagLib::MPEG::File::AllTags);
  TagLib::ID3v2::Tag* tag = file.ID3v2Tag(true);
  SetText(tag, "TIT2", {tags.title});
  SetText(tag, "TALB", {tags.album});
  SetText(tag, "TPE1", tags.artists);
  if (!tags.album_artist.empty()) SetText(tag, "TPE2", {tags.album_artist});  // no author known: none
  SetText(tag, "TRCK", {std::to_string(tags.track) + "/" + std::to_string(tags.track_total)});
  SetText(tag, "TCON", {tags.genre});
  SetText(tag, "TLAN", {tags.language});
  if (tags.year) SetText(tag, "TDRC", {std::to_string(*tags.year)});
  if (!tags.comment.empty()) {
    auto* comment = new TagLib::ID3v2::CommentsFrame(TagLib::String::UTF8);
    comment->setLanguage("kaz");
    comment->setText(T(tags.comment));
    tag->addFrame(comment);
  }
  if (tags.cover) {
    auto* picture = new TagLib::ID3v2::AttachedPictureFrame();
    picture->setTextEncoding(TagLib::String::UTF8);
    picture->setType(TagLib::ID3v2::AttachedPictureFrame::FrontCover);
    picture->setMimeType(tags.cover->mime);
    picture->setPicture(TagLib::ByteVector(tags.cover->data.data(), static_cast<unsigned>(tags.cover->data.size())));
    tag->addFrame(picture);
  }
  for (const ChapterMark& c : tags.chapters) {
    tag->addFrame(new TagLib::ID3v2::ChapterFrame(Id(c.id), c.start_ms, c.end_ms, 0xFFFFFFFF, 0xFFFFFFFF,
                                                  TitleFrame(c.title)));
  }
  for (const TableOfContents& toc : tags.tocs) {
    TagLib::ByteVectorList children;
    for (const std::string& child : toc.children) children.append(Id(child));
    auto* frame = new TagLib::ID3v2::TableOfContentsFrame(Id(toc.id), children, TitleFrame(toc.title));
    frame->setIsTopLevel(toc.top_level);
    frame->setIsOrdered(true);
    tag->addFrame(frame);
  }
  return file.save(TagLib::MPEG::File::ID3v2, TagLib::File::StripOthers, TagLib::ID3v2::v4,
                   TagLib::File::DoNotDuplicate);
}

/// The audio of an MP3 file: what follows its leading ID3v2 tag, if any.
struct AudioPart {
  uint64_t offset = 0;
  uint64_t size = 0;
  uint64_t hash = 0;  // XXH3-64 of the bytes
};

Expected<AudioPart> ReadAudioPart(int fd, const std::string& name) {
  auto fail = [&](const std::string& why) { return Error{name + ": cannot read back: " + why}; };
  struct stat st {};
  if (::fstat(fd, &st) != 0) return fail(std::strerror(errno));
  const auto file_size = static_cast<uint64_t>(st.st_size);
  AudioPart part;
  unsigned char header[10] = {};
  if (::pread(fd, header, sizeof header, 0) == static_cast<ssize_t>(sizeof header) &&
      std::memcmp(header, "ID3", 3) == 0) {
    uint64_t size = 0;
    for (int i = 6; i < 10; ++i) size = (size << 7) | (header[i] & 0x7F);
    part.offset = 10 + size + ((header[5] & 0x10) ? 10 : 0);
  }
  if (part.offset > file_size) return fail("the tag is larger than the file");
  part.size = file_size - part.offset;
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  std::vector<char> buffer(1 << 16);
  for (uint64_t at = part.offset; at < file_size;) {
    ssize_t n = ::pread(fd, buffer.data(), buffer.size(), static_cast<off_t>(at));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      XXH3_freeState(state);
      return fail(n < 0 ? std::strerror(errno) : "the file ended early");
    }
    XXH3_64bits_update(state, buffer.data(), static_cast<size_t>(n));
    at += static_cast<uint64_t>(n);
  }
  part.hash = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  return part;
}

/// Tags the MP3 open as `fd` and checks the result: a tag, then the very audio bytes
/// that were there before. TagLib reports success even when a write fell short (a
/// full disk), so only reading the file back tells. Returns the file's size.
Expected<uint64_t> TagAndVerify(int fd, const std::string& name, const TrackTags& tags) {
  Expected<AudioPart> before = ReadAudioPart(fd, name);
  if (!before) return before.error();
  {
    TagLib::ID3v2::FrameFactory::instance()->setDefaultTextEncoding(TagLib::String::UTF8);
    int own = ::dup(fd);  // TagLib closes the descriptor it is given
    if (own < 0) return Error{name + ": cannot write tags: " + std::strerror(errno)};
    TagLib::FileStream stream(own, /*openReadOnly=*/false);
    TagLib::MPEG::File file(&stream, TagLib::ID3v2::FrameFactory::instance());
    if (!file.isValid() || file.firstFrameOffset() < 0 || !file.audioProperties()) {
      return Error{name + ": not a valid MP3 file for tagging"};
    }
    if (!SaveTags(file, tags)) return Error{name + ": cannot write tags"};
  }
  Expected<AudioPart> after = ReadAudioPart(fd, name);
  if (!after || after->size != before->size || after->hash != before->hash) {
    if (!after) return Error{name + ": cannot write tags: the tagged file came out damaged (disk full?)"};
    return Error{name + ": cannot write tags: the file came out " + std::to_string(after->offset + after->size) +
                 " bytes long with its audio changed (disk full?)"};
  }
  return after->offset + after->size;
}

}  // namespace

Status WriteTags(const std::filesystem::path& path, const TrackTags& tags) {
  int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return Error{path.string() + ": cannot write tags: " + std::strerror(errno)};
  Expected<uint64_t> size = TagAndVerify(fd, path.string(), tags);
  int closed = ::close(fd);
  if (!size) return size.error();
  if (closed != 0) return Error{path.string() + ": cannot write tags: " + std::strerror(errno)};
  return {};
}

Status WriteTags(AtomicFile& file, const TrackTags& tags) {
  if (Status s = file.Open(); !s) return s;
  Expected<uint64_t> size = TagAndVerify(file.fd(), file.target().string(), tags);
  if (!size) return size.error();
  file.ExpectSize(*size);
  return {};
}

Expected<std::vector<ChapterMark>> ReadChapterMarks(const std::filesystem::path& path) {
  TagLib::FileStream stream(path.c_str(), /*openReadOnly=*/true);
  if (!stream.isOpen()) return Error{path.string() + ": cannot open the MP3 to read its chapter marks"};
  TagLib::MPEG::File file(&stream, TagLib::ID3v2::FrameFactory::instance());
  TagLib::ID3v2::Tag* tag = file.isValid() && file.hasID3v2Tag() ? file.ID3v2Tag() : nullptr;
  if (!tag) return Error{path.string() + ": not an MP3 with an ID3v2 tag"};
  std::vector<ChapterMark> marks;
  for (TagLib::ID3v2::Frame* frame : tag->frameList("CHAP")) {
    auto* chap = dynamic_cast<TagLib::ID3v2::ChapterFrame*>(frame);
    if (!chap) continue;
    ChapterMark mark{std::string(chap->elementID().data(), chap->elementID().size()), chap->startTime(),
                     chap->endTime(), ""};
    const TagLib::ID3v2::FrameList& titles = chap->embeddedFrameList("TIT2");
    if (!titles.isEmpty()) mark.title = titles.front()->toString().to8Bit(true);
    marks.push_back(std::move(mark));
  }
  std::stable_sort(marks.begin(), marks.end(),
                   [](const ChapterMark& a, const ChapterMark& b) { return a.start_ms < b.start_ms; });
  return marks;
}

}  // namespace dauys
