// The read-along player of a dauys audiobook page. Plain JavaScript, no framework:
// plays the chapter MP3s in order, marks the sentence being spoken (timings from
// page-data.js, which dauys writes beside this file; fetch() of JSON fails from
// file://), seeks on a click or a key, remembers the place in localStorage.
(function () {
  "use strict";
  var book = window.dauysBook;
  var audio = document.getElementById("audio");
  if (!book || !audio) return;
  var S = book.strings;
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

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
  var pendingSeek = null;
  var wantPlay = false;
  var playButton = document.getElementById("play");
  var status = document.getElementById("status");
  var speed = document.getElementById("speed");
  var storageKey = "dauys:" + book.key;

  function save() {
    try {
      localStorage.setItem(storageKey, JSON.stringify({
        c: chapter, t: Math.round(audio.currentTime * 1000) / 1000, rate: audio.playbackRate }));
    } catch (e) { /* storage may be off: the page works without it */ }
  }

  function restore() {
    try {
      var saved = JSON.parse(localStorage.getItem(storageKey) || "null");
      if (saved && saved.c >= 0 && saved.c < book.chapters.length && isFinite(saved.t)) return saved;
    } catch (e) { /* ignore an unreadable entry */ }
    return null;
  }

  function announce(c) {
    status.textContent = S.chapter + " " + (c + 1) + " " + S.of + " " + book.chapters.length + ": " +
      book.chapters[c].title;
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
      announce(c);
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

  function visible(el) {
    var r = el.getBoundingClientRect();
    var top = document.querySelector(".player").getBoundingClientRect().bottom;
    return r.top >= top && r.bottom <= window.innerHeight;
  }

  function mark() {
    var g = sentenceAt(audio.currentTime);
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
    if (!visible(el)) el.scrollIntoView({ block: "center", behavior: reduced ? "auto" : "smooth" });
    save();
  }

  audio.addEventListener("timeupdate", mark);
  audio.addEventListener("seeked", mark);
  // timeupdate comes about four times a second; while playing, the mark follows
  // every frame so it moves with the voice.
  function follow() {
    mark();
    if (!audio.paused) requestAnimationFrame(follow);
  }
  audio.addEventListener("play", function () {
    playButton.textContent = S.pause;
    requestAnimationFrame(follow);
  });
  audio.addEventListener("pause", function () { playButton.textContent = S.play; save(); });
  audio.addEventListener("ended", function () {
    if (chapter + 1 < book.chapters.length) go(chapter + 1, 0, true);
  });

  // Moves to sentence g of the book, keeping the audio playing if it was.
  function seekSentence(g, play) {
    if (g < 0 || g >= sentences.length) return;
    var s = sentences[g];
    go(s.c, book.chapters[s.c].starts[s.n] / 1000, play);
  }

  function here() { return current >= 0 ? current : firstOf[Math.max(chapter, 0)] - 1; }

  function step(delta) { seekSentence(Math.min(Math.max(here() + delta, 0), sentences.length - 1), !audio.paused); }

  function question(delta) {
    for (var g = here() + delta; g >= 0 && g < sentences.length; g += delta) {
      if (sentences[g].question) return seekSentence(g, !audio.paused);
    }
  }

  function chapterStep(delta) {
    var c = Math.min(Math.max(chapter + delta, 0), book.chapters.length - 1);
    go(c, 0, !audio.paused);
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

  // Keys by their place on the keyboard (event.code), so they work in any layout.
  var keys = {
    Space: "play", KeyK: "play",
    ArrowLeft: "previous-sentence", ArrowRight: "next-sentence",
    KeyP: "previous-question", KeyN: "next-question",
    BracketLeft: "previous-chapter", BracketRight: "next-chapter"
  };
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
    var tag = event.target.tagName;
    if (tag === "SELECT" || tag === "INPUT" || tag === "TEXTAREA" || tag === "AUDIO") return;
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
    save();
  });

  var saved = restore();
  if (saved && saved.rate >= 0.75 && saved.rate <= 2) {
    audio.defaultPlaybackRate = saved.rate;
    audio.playbackRate = saved.rate;
    speed.value = String(saved.rate);
  }
  go(saved ? saved.c : 0, saved ? saved.t : 0, false);
})();
