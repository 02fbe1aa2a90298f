#include "book/announcements.h"

#include "book/book_builder.h"
#include "text/script.h"

namespace dauys {

void AnnounceSpeakers(Script& script) {
  for (Chapter& chapter : script.chapters) {
    const Speaker* before = nullptr;
    for (Turn& turn : chapter.turns) {
      const Speaker& speaker = script.speakers[turn.speaker];
      if (&speaker != before && turn.role != Role::kNarrator) turn.announcement = DisplayName(speaker);
      before = &speaker;
    }
  }
}

}  // namespace dauys
