// The read-along player of a dauys audiobook page. Plain JavaScript, no framework:
// plays the chapter MP3s in order, marks the sentence being spoken (timings from
// page-data.js, which dauys writes beside this file; fetch() of JSON fails from
// file://), seeks on a click, a key or the seek bar, remembers the place in
// localStorage, and tells the phone's or desktop's media controls (Media Session)
// what plays, so the lock screen and media keys drive the page.
(function () {
  "use strict";
  var book = window.dauysBook;
  var audio = document.getElementById("audio");
  if (!book || !audio) return;
  var S = book.strings;
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var rtl = document.documentElement.dir === "rtl";

  // Every sentence of the book in reading order: its chapter, its index in the
  // chapter, its element, and whether it opens an interviewer's turn (a question).
  var sentences = [];
  var firstOf = [];  // chapter -> index in sentences of its first sentence
  book.chapters.forEach(function (chapter, c) {
    firstOf.push(sentences.length);
    for (var n = 0; n < chapter.starts.length; n++) {
      var el = document.getElementById("s" + c + "-" + n);
      sentences.push({ c: c, n: n, el: el, question: false });
    }
  });
  Array.prototype.forEach.call(document.querySelectorAll(".turn.interviewer"), function (turn) {
    var first = turn.querySelector(".s");
    if (!first) return;
    var g = firstOf[Number(first.dataset.c)] + Number(first.dataset.n);
    if (sentences[g]) sentences[g].question = true;
  });

  var chapter = -1;      // the chapter in the audio element
  var current = -1;      // the marked sentence (index in sentences), -1: none
  var pendingSeek = null;  // seconds to seek to once the loading chapter is ready
  var wantPlay = false;
  var dragging = false;  // the seek bar is held: the audio's time does not move it
  var player = document.getElementById("player");
  var playButton = document.getElementById("play");
  var status = document.getElementById("status");
  var chapterLine = document.getElementById("chapter-line");
  var speed = document.getElementById("speed");
  var seek = document.getElementById("seek");
  var marks = document.getElementById("marks");
  var elapsed = document.getElementById("elapsed");
  var total = document.getElementById("total");
  var shortcuts = document.getElementById("shortcuts");
  var storageKey = "dauys:" + book.key;
  var shortcutsKey = "dauys:shortcuts";

  function save() {
    try {
      localStorage.setItem(storageKey, JSON.stringify({
        c: chapter, t: Math.round(position() * 1000) / 1000, rate: audio.playbackRate }));
    } catch (e) { /* storage may be off: the page works without it */ }
  }

  function restore() {
    try {
      var saved = JSON.parse(localStorage.getItem(storageKey) || "null");
      if (saved && saved.c >= 0 && saved.c < book.chapters.length && isFinite(saved.t)) return saved;
    } catch (e) { /* ignore an unreadable entry */ }
    return null;
  }

  // "1:05", "1:02:03".
  function clock(seconds) {
    var s = Math.max(0, Math.floor(seconds)), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
    var ss = (s % 60 < 10 ? "0" : "") + (s % 60);
    return h ? h + ":" + (m < 10 ? "0" : "") + m + ":" + ss : m + ":" + ss;
  }

  // The audio's place: where a chapter being loaded will start, else its time.
  function position() { return pendingSeek !== null ? pendingSeek : audio.currentTime; }
  function playing() { return pendingSeek !== null ? wantPlay : !audio.paused; }

  function showTime() {
    var length = book.chapters[chapter].duration / 1000;
    if (!dragging) seek.value = String(Math.round(position() * 1000));
    elapsed.textContent = clock(position());
    seek.setAttribute("aria-valuetext", clock(position()) + " / " + clock(length));
  }

  // The seek bar of chapter c: its length from book.json, a mark at each question.
  function showChapter(c) {
    var line = S.chapter + " " + (c + 1) + " " + S.of + " " + book.chapters.length + ": " + book.chapters[c].title;
    status.textContent = line;
    chapterLine.textContent = line;
    var length = book.chapters[c].duration;
    seek.max = String(length);
    total.textContent = clock(length / 1000);
    marks.textContent = "";
    for (var g = firstOf[c]; g < sentences.length && sentences[g].c === c; g++) {
      if (!sentences[g].question || !length) continue;
      var tick = document.createElement("span");
      tick.style.insetInlineStart = (100 * book.chapters[c].starts[sentences[g].n] / length) + "%";
      marks.appendChild(tick);
    }
    mediaMetadata(line);
  }

  // Loads chapter c (if it is not loaded) and puts the audio at `seconds`.
  function go(c, seconds, play) {
    wantPlay = play;
    if (c !== chapter) {
      chapter = c;
      pendingSeek = seconds;
      var rate = audio.playbackRate;
      audio.src = book.chapters[c].file;
      audio.defaultPlaybackRate = rate;
      audio.playbackRate = rate;
      audio.load();
      showChapter(c);
      mark();  // the place is known before the file is: a key pressed now steps from it
      return;
    }
    if (pendingSeek !== null) {  // still loading: the seek waits for it
      pendingSeek = seconds;
      mark();
      return;
    }
    audio.currentTime = seconds;
    mark();
    if (play) start();
  }

  function start() {
    var p = audio.play();
    if (p && p.catch) p.catch(function () { /* no audio device, or no gesture yet */ });
  }

  audio.addEventListener("loadedmetadata", function () {
    if (pendingSeek !== null) {
      audio.currentTime = pendingSeek;
      pendingSeek = null;
    }
    mark();
    positionState();
    if (wantPlay) start();
  });

  // The last sentence of the loaded chapter that starts at or before the audio's
  // time (a little slack, so a seek to a start marks that sentence).
  function sentenceAt(seconds) {
    if (chapter < 0) return -1;
    var starts = book.chapters[chapter].starts;
    var ms = seconds * 1000 + 20, lo = 0, hi = starts.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (starts[mid] <= ms) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found < 0 ? -1 : firstOf[chapter] + found;
  }

  // Scrolls `el` into the part of the window the player bar leaves free: centred in
  // it, or its top just under the bar when it is taller than that part.
  function reveal(el) {
    var r = el.getBoundingClientRect(), bar = player.getBoundingClientRect();
    var free = window.innerHeight - bar.height;
    if (r.top >= bar.bottom && r.bottom <= window.innerHeight) return;
    var want = bar.height + Math.max(4, (free - r.height) / 2);
    window.scrollBy({ top: r.top - want, behavior: reduced ? "auto" : "smooth" });
  }

  function mark() {
    if (chapter < 0) return;
    showTime();
    var g = sentenceAt(position());
    if (g === current) return;
    if (current >= 0 && sentences[current].el) {
      sentences[current].el.classList.remove("now");
      sentences[current].el.removeAttribute("aria-current");
    }
    current = g;
    if (g < 0 || !sentences[g].el) return;
    var el = sentences[g].el;
    el.classList.add("now");
    el.setAttribute("aria-current", "true");
    reveal(el);
    save();
  }

  audio.addEventListener("timeupdate", mark);
  audio.addEventListener("seeked", function () { mark(); positionState(); });
  // timeupdate comes about four times a second; while playing, the mark follows
  // every frame so it moves with the voice.
  function follow() {
    mark();
    if (!audio.paused) requestAnimationFrame(follow);
  }
  function showPlaying(on) {
    var label = on ? S.pause : S.play;
    player.classList.toggle("playing", on);
    playButton.setAttribute("aria-label", label);
    playButton.title = label;
    if (navigator.mediaSession) navigator.mediaSession.playbackState = on ? "playing" : "paused";
    positionState();
  }
  audio.addEventListener("play", function () {
    showPlaying(true);
    requestAnimationFrame(follow);
  });
  audio.addEventListener("pause", function () { showPlaying(false); save(); });
  audio.addEventListener("ended", function () {
    if (chapter + 1 < book.chapters.length) go(chapter + 1, 0, true);
  });

  // Moves to sentence g of the book, keeping the audio playing if it was.
  function seekSentence(g, play) {
    if (g < 0 || g >= sentences.length) return;
    var s = sentences[g];
    go(s.c, book.chapters[s.c].starts[s.n] / 1000, play);
  }

  // The sentence `delta` (±1) from the marked one; before a chapter's first sentence (in
  // the silence that opens it) the step back is the last sentence of the chapter before.
  function next(delta) {
    if (current >= 0) return current + delta;
    return firstOf[Math.max(chapter, 0)] + (delta > 0 ? 0 : -1);
  }

  function step(delta) { seekSentence(Math.min(Math.max(next(delta), 0), sentences.length - 1), playing()); }

  function question(delta) {
    for (var g = next(delta); g >= 0 && g < sentences.length; g += delta) {
      if (sentences[g].question) return seekSentence(g, playing());
    }
  }

  function chapterStep(delta) {
    var c = Math.min(Math.max(chapter + delta, 0), book.chapters.length - 1);
    go(c, 0, playing());
  }

  function toggle() {
    if (audio.paused) start(); else audio.pause();
  }

  var actions = {
    play: toggle,
    "previous-sentence": function () { step(-1); },
    "next-sentence": function () { step(1); },
    "previous-question": function () { question(-1); },
    "next-question": function () { question(1); },
    "previous-chapter": function () { chapterStep(-1); },
    "next-chapter": function () { chapterStep(1); }
  };
  Array.prototype.forEach.call(document.querySelectorAll("[data-action]"), function (button) {
    button.addEventListener("click", actions[button.dataset.action]);
  });

  document.getElementById("text").addEventListener("click", function (event) {
    var el = event.target.closest && event.target.closest(".s");
    if (!el) return;
    seekSentence(firstOf[Number(el.dataset.c)] + Number(el.dataset.n), true);
  });

  // The seek bar: dragging it moves the audio (and so the mark) as it goes.
  seek.addEventListener("pointerdown", function () { dragging = true; });
  document.addEventListener("pointerup", function () { dragging = false; });
  seek.addEventListener("input", function () { go(chapter, Number(seek.value) / 1000, playing()); });
  seek.addEventListener("change", function () { dragging = false; showTime(); });

  // Keys by their place on the keyboard (event.code), so they work in any layout; in a
  // right-to-left book ← and → swap, so "previous" is the way the text runs back. All
  // are single keys, so the switch in the menu turns them off (WCAG 2.1.4), and none
  // acts while a form control has the focus.
  var keys = {
    Space: "play", KeyK: "play",
    ArrowLeft: rtl ? "next-sentence" : "previous-sentence", ArrowRight: rtl ? "previous-sentence" : "next-sentence",
    KeyP: "previous-question", KeyN: "next-question",
    BracketLeft: "previous-chapter", BracketRight: "next-chapter"
  };
  function shortcutsOn() {
    try { return localStorage.getItem(shortcutsKey) !== "off"; } catch (e) { return shortcuts.checked; }
  }
  shortcuts.checked = shortcutsOn();
  shortcuts.addEventListener("change", function () {
    try { localStorage.setItem(shortcutsKey, shortcuts.checked ? "on" : "off"); } catch (e) { /* kept for this visit */ }
  });
  document.addEventListener("keydown", function (event) {
    if (!shortcuts.checked) return;
    if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
    var target = event.target;
    var tag = target.tagName;
    if (tag === "SELECT" || tag === "INPUT" || tag === "TEXTAREA" || tag === "AUDIO" || target.isContentEditable) return;
    if ((tag === "BUTTON" || tag === "A" || tag === "SUMMARY") && (event.code === "Space" || event.code === "Enter")) {
      return;
    }
    var action = keys[event.code];
    if (!action) return;
    event.preventDefault();
    actions[action]();
  });

  speed.addEventListener("change", function () {
    var rate = Number(speed.value);
    audio.defaultPlaybackRate = rate;
    audio.playbackRate = rate;
    positionState();
    save();
  });

  // Media Session: the lock screen and media keys show the book and chapter and
  // play, pause, step by chapter and seek.
  function mediaMetadata(line) {
    if (!navigator.mediaSession || !window.MediaMetadata) return;
    var artwork = book.cover ? [{ src: book.cover, type: book.cover.slice(5, book.cover.indexOf(";")) }] : [];
    navigator.mediaSession.metadata = new MediaMetadata({ title: book.title, artist: line, album: book.author,
                                                          artwork: artwork });
  }
  function positionState() {
    var session = navigator.mediaSession;
    if (!session || !session.setPositionState || !isFinite(audio.duration) || audio.duration <= 0) return;
    try {
      session.setPositionState({ duration: audio.duration, playbackRate: audio.playbackRate,
                                 position: Math.min(audio.currentTime, audio.duration) });
    } catch (e) { /* a state the browser refuses: the controls still work */ }
  }
  if (navigator.mediaSession) {
    var handlers = {
      play: start,
      pause: function () { audio.pause(); },
      previoustrack: function () { chapterStep(-1); },
      nexttrack: function () { chapterStep(1); },
      seekbackward: function () { step(-1); },
      seekforward: function () { step(1); },
      seekto: function (details) { go(chapter, details.seekTime, playing()); }
    };
    Object.keys(handlers).forEach(function (name) {
      try { navigator.mediaSession.setActionHandler(name, handlers[name]); } catch (e) { /* not offered here */ }
    });
  }

  var saved = restore();
  if (saved && saved.rate >= 0.75 && saved.rate <= 2) {
    audio.defaultPlaybackRate = saved.rate;
    audio.playbackRate = saved.rate;
    speed.value = String(saved.rate);
  }
  go(saved ? saved.c : 0, saved ? saved.t : 0, false);
})();
