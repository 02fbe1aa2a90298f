#pragma once
// A listener who cannot see the page learns who speaks from the voice; in a round
// table of several guests that is not always enough. DAISY talking books have the
// narrator say the speaker's name at each change of speaker; --announce-speakers does
// the same. The announcements are part of the Script, so `plan` shows them and the
// build speaks them (in the narrator's voice, before the turn's first sentence).

namespace dauys {

struct Script;

/// Sets Turn::announcement (the speaker's name, or their role for an unnamed one) on
/// every turn whose speaker differs from the turn before it in its chapter, the first
/// turn of a chapter included; narrator turns are never announced.
void AnnounceSpeakers(Script& script);

}  // namespace dauys
