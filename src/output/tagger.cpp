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

namespace dauys {

namespace {

TagLib::String T(const std::string& s) { return TagLib::String(s, TagLib::String::UTF8); }

TagLib::ByteVector Id(const std::string& s) { return TagLib::ByteVector(s.data(), static_cast<unsigned>(s.size())); }

TagLib::ID3v2::FrameList TitleFrame(const std::string& title) {
  TagLib::ID3v2::FrameList frames;
  if (title.empty()) return frames;
  auto* tit2 = new TagLib::ID3v2::TextIdentificationFrame("TIT2", TagLib::String::UTF8);
  tit2->setText(T(title));
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

}  // namespace

Status WriteTags(const std::filesystem::path& path, const TrackTags& tags) {
  TagLib::ID3v2::FrameFactory::instance()->setDefaultTextEncoding(TagLib::String::UTF8);
  TagLib::MPEG::File file(path.c_str());
  if (!file.isValid() || file.firstFrameOffset() < 0 || !file.audioProperties()) return Error{path.string() + ": not a valid MP3 file for tagging"};
  file.strip(TagLib::MPEG::File::AllTags);
  TagLib::ID3v2::Tag* tag = file.ID3v2Tag(true);
  SetText(tag, "TIT2", {tags.title});
  SetText(tag, "TALB", {tags.album});
  SetText(tag, "TPE1", tags.artists);
  SetText(tag, "TPE2", {tags.album_artist});
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
  if (!file.save(TagLib::MPEG::File::ID3v2, TagLib::File::StripOthers, TagLib::ID3v2::v4,
                 TagLib::File::DoNotDuplicate)) {
    return Error{path.string() + ": cannot write tags"};
  }
  return {};
}

}  // namespace dauys
