// Tests a book's read-along page in Debian's chromium (headless, through
// puppeteer-core; no browser is downloaded), over a static server on 127.0.0.1 that
// this script starts and stops, and over file://. Checks through the page's DOM:
// the sentence count equals book.json's; seeking the audio into sentence N marks N;
// the next-question key goes to the next interviewer turn, and the other keys where
// they say (← right after ] to the last sentence of the chapter before); the switch
// that turns single-key shortcuts off, and no shortcut while a form control has the
// focus; dragging the seek bar to the middle of chapter 3 marks the sentence spoken
// there, and the time shows the chapter's length from book.json; the Media Session
// metadata and action handlers; each turn opens with its speaker's name in the
// speaker's own colour at 4.5:1 or more, light and dark; a click on a sentence puts
// the audio at its start (±50 ms); the speed control and the remembered position; Tab order and visible
// focus; one live region; smooth scrolling only without prefers-reduced-motion;
// axe-core finds no accessibility violation, in light and dark colours. Saves a
// screenshot at 1000×800 as a test artifact.
//
// node read_along_test.js <book folder> <screenshot.png>
"use strict";
const fs = require("fs");
const path = require("path");
const url = require("url");
const { check, failed, readBook, bookSentences, serve, launch, audioReady: ready, marked, waitMarked, seekTo,
        axeInScheme } = require("./page_check");

const [bookDir, screenshotPath] = process.argv.slice(2);
if (!bookDir || !screenshotPath) {
  console.error("usage: node read_along_test.js <book folder> <screenshot.png>");
  process.exit(2);
}
const book = readBook(bookDir);
const rate = book.sample_rate;
// page-data.js as written, and the interface strings the page was made with.
function page_data() {
  const data = fs.readFileSync(path.join(bookDir, "page-data.js"), "utf8");
  return JSON.parse(data.slice(data.indexOf("{"), data.lastIndexOf("}") + 1));
}
function book_strings() { return page_data().strings; }
const sentences = bookSentences(book);
const audioReady = (page, c) => ready(page, book, c);

// Clicks sentence c.n as a reader would: scrolled clear of the sticky player first.
async function clickSentence(page, s) {
  await page.$eval(`#s${s.c}-${s.n}`, (el) => el.scrollIntoView({ block: "center", behavior: "instant" }));
  await page.click(`#s${s.c}-${s.n}`);
}

// The time as the page shows it: "1:05", "1:02:03".
function clock(seconds) {
  const t = Math.max(0, Math.floor(seconds)), h = Math.floor(t / 3600), m = Math.floor(t / 60) % 60;
  const ss = String(t % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

// Opens the menu, sets the single-key shortcuts switch to `on`, closes the menu.
async function setShortcuts(page, on) {
  await page.click("#menu > summary");
  if (await page.$eval("#shortcuts", (el) => el.checked) !== on) await page.click("#shortcuts");
  await page.click("#menu > summary");
}

// The single-key shortcuts: off, P does nothing (and stays off after a reload); on, P
// goes back a question; none acts while the speed menu or the seek bar has the focus;
// ← right after ] goes to the last sentence of the chapter before.
async function testShortcuts(page, label) {
  const from = sentences.findIndex((s, i) => s.first && s.role === "interviewer" &&
                                   sentences.slice(0, i).some((x) => x.first && x.role === "interviewer"));
  const start = sentences[from];
  const previous = sentences.slice(0, from).reverse().find((x) => x.first && x.role === "interviewer");
  const stand = async () => {
    if (await page.$eval("#audio", (a, file) => !a.src.endsWith("/" + encodeURI(file)), book.chapters[start.c].file)) {
      await page.$eval(`#s${start.c}-${start.n}`, (el) => el.click());
      await audioReady(page, start.c);
      await page.evaluate(() => document.getElementById("audio").pause());
    }
    await seekTo(page, start.start + 0.01);
  };
  await stand();
  await setShortcuts(page, false);
  await page.reload({ waitUntil: "load" });
  await audioReady(page, start.c);
  await stand();
  check(await page.$eval("#shortcuts", (el) => !el.checked), `${label}: the shortcuts switch stays off after a reload`);
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press("KeyP");
  await new Promise((resolve) => setTimeout(resolve, 500));
  const t = await page.$eval("#audio", (a) => a.currentTime);
  check((await marked(page))?.join() === [start.c, start.n].join() && Math.abs(t - start.start - 0.01) < 0.02,
        `${label}: with shortcuts off, P does nothing (still at ${start.c + 1}.${start.n + 1}, ${t.toFixed(3)} s)`);
  await setShortcuts(page, true);
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press("KeyP");
  check((await waitMarked(page, previous))?.join() === [previous.c, previous.n].join(),
        `${label}: with shortcuts on, P goes to the previous question, ${previous.c + 1}.${previous.n + 1}`);
  for (const [control, key] of [["#speed", "KeyN"], ["#seek", "BracketRight"]]) {
    const before = await marked(page);
    await page.focus(control);
    await page.keyboard.press(key);
    await new Promise((resolve) => setTimeout(resolve, 400));
    check((await marked(page))?.join() === before?.join(), `${label}: ${key} does nothing while ${control} has the focus`);
  }
  // ← pressed before the next chapter has even loaded.
  await page.evaluate(() => document.activeElement.blur());
  const c = previous.c;
  const last = sentences.filter((s) => s.c === c).pop();
  await page.keyboard.press("BracketRight");
  await page.keyboard.press("ArrowLeft");
  await audioReady(page, c);
  const m = await waitMarked(page, last);
  const at = await page.$eval("#audio", (a) => a.currentTime);
  check(m?.join() === [last.c, last.n].join() && Math.abs(at - last.start) <= 0.05,
        `${label}: ← right after ] goes to the last sentence of chapter ${c + 1}, ${last.c + 1}.${last.n + 1} (now ${m} at ${at.toFixed(3)} s)`);
}

// The seek bar of chapter 3: the time shows its length from book.json; dragged to the
// middle, it marks the sentence spoken there (±1 sentence).
async function testSeekBar(page, label) {
  const c = 2;
  const length = book.chapters[c].samples / rate;
  const first = sentences.find((s) => s.c === c);
  await page.$eval(`#s${first.c}-${first.n}`, (el) => el.click());
  await audioReady(page, c);
  await page.evaluate(() => document.getElementById("audio").pause());
  await seekTo(page, 0);
  check(await page.$eval("#total", (el) => el.textContent) === clock(length),
        `${label}: the time shows chapter 3's length from book.json, ${clock(length)}`);
  const box = await page.$eval("#seek", (el) => { const r = el.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; });
  const y = box[1] + box[3] / 2;
  const rtl = await page.evaluate(() => document.documentElement.dir === "rtl");
  const edge = rtl ? box[0] + box[2] - 6 : box[0] + 6;  // the thumb, at 0:00
  await page.mouse.move(edge, y);
  await page.mouse.down();
  await page.mouse.move(box[0] + box[2] / 2, y, { steps: 8 });
  await page.mouse.up();
  const half = length / 2;
  const spoken = sentences.findLastIndex((s) => s.c === c && s.start <= half);
  await page.waitForFunction(() => !document.getElementById("audio").seeking, { timeout: 5000 }).catch(() => {});
  await new Promise((resolve) => setTimeout(resolve, 300));
  const m = await marked(page);
  const g = m ? sentences.findIndex((s) => s.c === m[0] && s.n === m[1]) : -1;
  const value = await page.$eval("#seek", (el) => Number(el.value) / Number(el.max));
  check(m && m[0] === c && Math.abs(g - spoken) <= 1 && Math.abs(value - 0.5) < 0.05,
        `${label}: the seek bar dragged to ${(100 * value).toFixed(1)}% of chapter 3 marks ${m && m[0] + 1}.${m && m[1] + 1}, ` +
        `${sentences[spoken].c + 1}.${sentences[spoken].n + 1} is spoken at ${half.toFixed(2)} s`);
  check(await page.$eval("#marks", (el) => el.children.length) ===
        sentences.filter((s) => s.c === c && s.first && s.role === "interviewer").length,
        `${label}: the seek bar marks each question of chapter 3`);
}

// Speakers told apart by more than a label: each turn opens with its speaker's name, in
// a colour of that speaker's own (its line beside the turn too) (a different one for each of up to six speakers), at
// 4.5:1 or more against the page, in light and dark colours.
async function testSpeakers(page, label) {
  for (const scheme of ["light", "dark"]) {
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
    const turns = await page.evaluate(() => {
      const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
      const background = rgb(getComputedStyle(document.body).backgroundColor);
      return Array.from(document.querySelectorAll(".turn"), (turn) => {
        const who = turn.firstElementChild;
        return { name: who.classList.contains("who") ? who.textContent : null,
                 colour: rgb(getComputedStyle(who).color), line: rgb(getComputedStyle(turn).borderInlineStartColor),
                 background };
      });
    });
    const luminance = (c) => {
      const [r, g, b] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const colours = new Map();
    for (const t of turns) colours.set(t.name, t.colour.join());
    const names = [...colours.keys()];
    const lowest = Math.min(...turns.map((t) => contrast(t.colour, t.background)));
    check(turns.every((t) => t.name) && names.length >= 2 && new Set(colours.values()).size === Math.min(names.length, 6) &&
          turns.every((t) => colours.get(t.name) === t.colour.join() && t.line.join() === t.colour.join()) && lowest >= 4.5,
          `${label}: ${turns.length} turns each open with the speaker's name; ${names.length} speakers, ` +
          `${new Set(colours.values()).size} colours, the lowest contrast ${lowest.toFixed(2)}:1 in ${scheme} colours`);
  }
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
}

// What the phone's lock screen and media keys get: the book's title, and handlers for
// play, pause, previous and next (next loads the next chapter).
async function testMediaSession(page, label) {
  const meta = await page.evaluate(() => navigator.mediaSession.metadata &&
    { title: navigator.mediaSession.metadata.title, artist: navigator.mediaSession.metadata.artist,
      artwork: navigator.mediaSession.metadata.artwork.map((a) => a.src) });
  check(meta && meta.title === book.title, `${label}: the media session's title is the book's, «${meta && meta.title}» (${meta && meta.artist})`);
  // The cover given with --cover, if any, as the artwork: a data: address of the image.
  const cover = page_data().cover;
  const image = Buffer.from(cover.slice(cover.indexOf(",") + 1), "base64");
  const png = cover.startsWith("data:image/png;base64,") &&
    image.subarray(0, 8).equals(Buffer.from("\x89PNG\r\n\x1a\n", "latin1"));
  check(cover ? meta.artwork.length === 1 && meta.artwork[0] === cover && png : meta.artwork.length === 0,
        `${label}: the media session's artwork is ${cover ? "the cover, a PNG of " + image.length + " bytes" : "none, as the book has no cover"}`);
  const names = await page.evaluate(() => Object.keys(window.mediaActions));
  check(["play", "pause", "previoustrack", "nexttrack", "seekto"].every((n) => names.includes(n)),
        `${label}: media session action handlers: ${names.join(", ")}`);
  const c = await page.evaluate(() => Number(document.querySelector(".s.now").dataset.c));
  const [first, then] = c + 1 < book.chapters.length ? ["nexttrack", "previoustrack"] : ["previoustrack", "nexttrack"];
  const to = c + 1 < book.chapters.length ? c + 1 : c - 1;
  await page.evaluate((a) => window.mediaActions[a]({ action: a }), first);
  check(await audioReady(page, to).then(() => true, () => false), `${label}: the media keys' ${first} goes to chapter ${to + 1}`);
  await page.evaluate((a) => window.mediaActions[a]({ action: a }), then);
  check(await audioReady(page, c).then(() => true, () => false), `${label}: and ${then} back to chapter ${c + 1}`);
}

async function testPage(browser, address, label, screenshot) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1000, height: 800 });
  // Media Session handlers cannot be read back: record them as the page sets them.
  await page.evaluateOnNewDocument(() => {
    window.mediaActions = {};
    const set = MediaSession.prototype.setActionHandler;
    MediaSession.prototype.setActionHandler = function (name, handler) {
      window.mediaActions[name] = handler;
      return set.call(this, name, handler);
    };
  });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(address, { waitUntil: "load" });
  await audioReady(page, 0);

  const count = await page.$$eval(".s", (els) => els.length);
  check(count === sentences.length, `${label}: ${count} sentences on the page, ${sentences.length} in book.json`);

  // Seek the audio into the middle of each sentence of chapter 1: that sentence is marked.
  const inFirst = sentences.filter((s) => s.c === 0);
  for (const s of inFirst) {
    await seekTo(page, (s.start + s.end) / 2);
    const m = await marked(page);
    check(m && m[0] === s.c && m[1] === s.n, `${label}: audio at the middle of sentence ${s.c + 1}.${s.n + 1} marks it (marked: ${m})`);
  }

  // The next-question key goes to the first sentence of the next interviewer turn.
  await seekTo(page, (inFirst[0].start + inFirst[0].end) / 2);
  let from = sentences.indexOf(inFirst[0]);
  for (let k = 0; k < 2; k++) {
    const next = sentences.find((s, i) => i > from && s.first && s.role === "interviewer");
    await page.focus("body");
    await page.keyboard.press("KeyN");
    await audioReady(page, next.c);
    await page.waitForFunction((c, n) => { const el = document.querySelector(".s.now"); return el && el.id === `s${c}-${n}`; },
                               { timeout: 5000 }, next.c, next.n).catch(() => {});
    const m = await marked(page);
    const t = await page.$eval("#audio", (a) => a.currentTime);
    check(m && m[0] === next.c && m[1] === next.n && Math.abs(t - next.start) <= 0.05,
          `${label}: N goes to the next question, sentence ${next.c + 1}.${next.n + 1} at ${next.start.toFixed(3)} s (now ${m} at ${t.toFixed(3)} s)`);
    from = sentences.indexOf(next);
  }

  // The other keys: → and ← step by sentence, P goes back a question, ] and [ by chapter.
  const q = from;  // the question N reached
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction((id) => document.querySelector(".s.now")?.id === id, { timeout: 5000 },
                             `s${sentences[q + 1].c}-${sentences[q + 1].n}`).catch(() => {});
  check((await marked(page))?.join() === [sentences[q + 1].c, sentences[q + 1].n].join(), `${label}: → goes to the next sentence`);
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("KeyP");
  const previousQuestion = sentences.slice(0, q).reverse().find((x) => x.first && x.role === "interviewer");
  await page.waitForFunction((id) => document.querySelector(".s.now")?.id === id, { timeout: 5000 },
                             `s${previousQuestion.c}-${previousQuestion.n}`).catch(() => {});
  check((await marked(page))?.join() === [previousQuestion.c, previousQuestion.n].join(),
        `${label}: ← then P go back to the previous question, sentence ${previousQuestion.c + 1}.${previousQuestion.n + 1}`);
  const loads = (c) => audioReady(page, c).then(() => true, () => false);
  await page.keyboard.press("BracketRight");
  check(await loads(2), `${label}: ] loads chapter 3`);
  await page.keyboard.press("BracketLeft");
  check(await loads(1), `${label}: [ loads chapter 2 again`);

  // Without a mouse: Tab reaches the skip link, then the buttons, each with a visible
  // focus ring; Enter on the play button is not taken for a page key.
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await page.keyboard.press("Tab");
  const skip = await page.evaluate(() => {
    const el = document.activeElement, style = getComputedStyle(el);
    return { cls: el.className, outline: parseFloat(style.outlineWidth), outlineStyle: style.outlineStyle };
  });
  check(skip.cls === "skip" && skip.outline >= 2 && skip.outlineStyle !== "none",
        `${label}: Tab focuses the skip link first, with a ${skip.outline}px ${skip.outlineStyle} ring`);
  for (let i = 0; i < 2; i++) await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => {
    const el = document.activeElement;
    return { id: el.id, outline: parseFloat(getComputedStyle(el).outlineWidth) };
  });
  check(focused.id === "play" && focused.outline >= 2, `${label}: the second button is the play button, its focus visible`);
  await page.keyboard.press("Enter");
  // The play event, which relabels the button, comes a task after paused turns false.
  await page.waitForFunction((label) => !document.getElementById("audio").paused &&
                             document.getElementById("play").getAttribute("aria-label") === label,
                             { timeout: 10000 }, book_strings().pause).catch(() => {});
  const playing = await page.$eval("#audio", (a) => !a.paused);
  const pauseLabel = await page.$eval("#play", (b) => b.getAttribute("aria-label"));
  await page.keyboard.press("Space");
  await page.waitForFunction(() => document.getElementById("audio").paused, { timeout: 10000 }).catch(() => {});
  check(playing && pauseLabel === book_strings().pause && await page.$eval("#audio", (a) => a.paused),
        `${label}: Enter on the play button plays (its label becomes «${pauseLabel}»), Space pauses`);
  check(await page.$$eval("[aria-live]", (els) => els.length) === 1, `${label}: one live region`);
  const motion = async (value) => {
    await page.emulateMediaFeatures([{ name: "prefers-reduced-motion", value }]);
    return page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior);
  };
  check(await motion("no-preference") === "smooth" && await motion("reduce") === "auto",
        `${label}: smooth scrolling only without prefers-reduced-motion`);
  await page.emulateMediaFeatures([{ name: "prefers-reduced-motion", value: "no-preference" }]);

  // A click on a sentence of the last chapter plays from its start: the audio's time
  // when the seek lands (it may play on at once).
  const target = sentences.filter((s) => s.c === book.chapters.length - 1 && s.role !== "title")[1];
  await page.evaluate(() => {
    const a = document.getElementById("audio");
    window.seekedAt = null;
    a.addEventListener("seeked", () => { window.seekedAt = a.currentTime; }, { once: true });
  });
  await clickSentence(page, target);
  await audioReady(page, target.c);
  await page.waitForFunction(() => window.seekedAt !== null, { timeout: 5000 }).catch(() => {});
  await page.evaluate(() => document.getElementById("audio").pause());
  const t = await page.evaluate(() => window.seekedAt);
  check(t !== null && Math.abs(t - target.start) <= 0.05,
        `${label}: a click on sentence ${target.c + 1}.${target.n + 1} puts the audio at ${t && t.toFixed(3)} s, its start ${target.start.toFixed(3)} s`);
  const m = await marked(page);
  check(m && m[0] === target.c && m[1] === target.n, `${label}: the clicked sentence is marked (marked: ${m})`);
  await seekTo(page, (target.start + target.end) / 2);

  // The speed control sets the playback rate; the place and speed survive a reload.
  await page.select("#speed", "1.5");
  check(await page.$eval("#audio", (a) => a.playbackRate) === 1.5, `${label}: speed 1.5× sets the playback rate`);
  await page.reload({ waitUntil: "load" });
  await audioReady(page, target.c);
  await page.waitForSelector(".s.now", { timeout: 5000 }).catch(() => {});
  const back = await marked(page);
  const speed = await page.$eval("#audio", (a) => a.playbackRate);
  check(back && back[0] === target.c && back[1] === target.n && speed === 1.5,
        `${label}: after a reload the page is back at sentence ${back} at ${speed}×`);

  if (screenshot) {
    // The page as a reader sees it while the third sentence of chapter 2 is spoken.
    const shown = sentences.find((s) => s.c === 1 && s.n === 2);
    await clickSentence(page, shown);
    await audioReady(page, shown.c);
    await page.evaluate(() => document.getElementById("audio").pause());
    await seekTo(page, (shown.start + shown.end) / 2);
    await new Promise((resolve) => setTimeout(resolve, 800));  // the smooth scroll
    fs.mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot });
    console.log(`     screenshot: ${screenshot}`);
  }
  await testSpeakers(page, label);
  await testMediaSession(page, label);
  await testSeekBar(page, label);
  await testShortcuts(page, label);
  await axeInScheme(page, "light", label);
  await axeInScheme(page, "dark", label);
  check(errors.length === 0, `${label}: no script errors${errors.length ? ": " + errors.join("; ") : ""}`);
  await page.close();
}

(async () => {
  const server = await serve(bookDir);
  const browser = await launch();
  try {
    await testPage(browser, `http://127.0.0.1:${server.address().port}/index.html`, "http", screenshotPath);
    await testPage(browser, url.pathToFileURL(path.resolve(bookDir, "index.html")).href, "file", null);
  } finally {
    await browser.close();
    server.close();
  }
  console.log(failed() ? `${failed()} check(s) failed` : "all checks passed");
  process.exit(failed() ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
