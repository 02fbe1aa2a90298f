// Tests a book's read-along page in Debian's chromium (headless, through
// puppeteer-core; no browser is downloaded), over a static server on 127.0.0.1 that
// this script starts and stops, and over file://. Checks through the page's DOM:
// the sentence count equals book.json's; seeking the audio into sentence N marks N;
// the next-question key goes to the next interviewer turn, and the other keys where
// they say; a click on a sentence puts the audio at its start (±50 ms); the speed
// control and the remembered position; Tab order and visible focus; one live region;
// smooth scrolling only without prefers-reduced-motion;
// axe-core finds no accessibility violation, in light and dark colours. Saves a
// screenshot at 1000×800 as a test artifact.
//
// node read_along_test.js <book folder> <screenshot.png>
"use strict";
const fs = require("fs");
const http = require("http");
const path = require("path");
const url = require("url");
const puppeteer = require("puppeteer-core");

const [bookDir, screenshotPath] = process.argv.slice(2);
if (!bookDir || !screenshotPath) {
  console.error("usage: node read_along_test.js <book folder> <screenshot.png>");
  process.exit(2);
}
const book = JSON.parse(fs.readFileSync(path.join(bookDir, "book.json"), "utf8"));
const rate = book.sample_rate;
// The interface strings the page was made with, from its page-data.js.
function book_strings() {
  const data = fs.readFileSync(path.join(bookDir, "page-data.js"), "utf8");
  return JSON.parse(data.slice(data.indexOf("{"), data.lastIndexOf("}") + 1)).strings;
}

let failures = 0;
function check(ok, what) {
  console.log((ok ? "ok   " : "FAIL ") + what);
  if (!ok) failures++;
}

// The book's sentences in reading order, from book.json alone.
const sentences = [];
book.chapters.forEach((c, ci) => {
  let n = 0;
  const add = (s, turn) => sentences.push({ c: ci, n: n++, start: s.start_sample / rate, end: s.end_sample / rate,
                                            role: turn ? turn.role : "title", first: false, turn });
  c.title_sentences.forEach((s) => add(s, null));
  c.turns.forEach((t) => t.sentences.forEach((s, i) => { add(s, t); if (i === 0) sentences[sentences.length - 1].first = true; }));
});

// A static server with byte ranges (browsers seek in audio by range requests).
function serve(dir) {
  const root = path.resolve(dir);
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                  ".css": "text/css; charset=utf-8", ".mp3": "audio/mpeg", ".json": "application/json",
                  ".vtt": "text/vtt; charset=utf-8" };
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent(url.parse(req.url).pathname).replace(/^\/+/, "") || "index.html";
    const file = path.join(root, name);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404);
      return res.end();
    }
    const size = fs.statSync(file).size;
    const headers = { "Content-Type": types[path.extname(file)] || "application/octet-stream", "Accept-Ranges": "bytes" };
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range || "");
    if (range) {
      const start = range[1] === "" ? size - Number(range[2]) : Number(range[1]);
      const end = range[1] !== "" && range[2] !== "" ? Math.min(Number(range[2]), size - 1) : size - 1;
      res.writeHead(206, { ...headers, "Content-Range": `bytes ${start}-${end}/${size}`, "Content-Length": end - start + 1 });
      return fs.createReadStream(file, { start, end }).pipe(res);
    }
    res.writeHead(200, { ...headers, "Content-Length": size });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

// Waits until the audio has chapter `c` loaded and is not seeking.
async function audioReady(page, c) {
  await page.waitForFunction((file) => {
    const a = document.getElementById("audio");
    return a.src.endsWith("/" + encodeURI(file)) && a.readyState >= 1 && !a.seeking;
  }, { timeout: 15000 }, book.chapters[c].file);
}

async function marked(page) {
  return page.evaluate(() => {
    const el = document.querySelector(".s.now");
    return el ? [Number(el.dataset.c), Number(el.dataset.n)] : null;
  });
}

async function seekTo(page, seconds) {
  await page.evaluate((t) => new Promise((resolve) => {
    const a = document.getElementById("audio");
    a.addEventListener("seeked", () => requestAnimationFrame(() => resolve()), { once: true });
    a.currentTime = t;
  }), seconds);
}

// Clicks sentence c.n as a reader would: scrolled clear of the sticky player first.
async function clickSentence(page, s) {
  await page.$eval(`#s${s.c}-${s.n}`, (el) => el.scrollIntoView({ block: "center", behavior: "instant" }));
  await page.click(`#s${s.c}-${s.n}`);
}

async function axe(page, scheme) {
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const result = await page.evaluate(() => window.axe.run(document));
  for (const v of result.violations) {
    console.log(`  axe (${scheme}): ${v.id}: ${v.help} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target).join(", ")}`);
  }
  check(result.violations.length === 0, `axe-core: 0 violations in ${scheme} colours (${result.passes.length} rules pass)`);
}

async function testPage(browser, address, label, screenshot) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1000, height: 800 });
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
  for (let i = 0; i < 4; i++) await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => {
    const el = document.activeElement;
    return { id: el.id, outline: parseFloat(getComputedStyle(el).outlineWidth) };
  });
  check(focused.id === "play" && focused.outline >= 2, `${label}: the fourth button is the play button, its focus visible`);
  await page.keyboard.press("Enter");
  // The play event, which relabels the button, comes a task after paused turns false.
  await page.waitForFunction((label) => !document.getElementById("audio").paused &&
                             document.getElementById("play").textContent === label,
                             { timeout: 10000 }, book_strings().pause).catch(() => {});
  const playing = await page.$eval("#audio", (a) => !a.paused);
  const pauseLabel = await page.$eval("#play", (b) => b.textContent);
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
  await axe(page, "light");
  await axe(page, "dark");
  check(errors.length === 0, `${label}: no script errors${errors.length ? ": " + errors.join("; ") : ""}`);
  await page.close();
}

(async () => {
  const server = await serve(bookDir);
  const args = ["--autoplay-policy=no-user-gesture-required", "--mute-audio"];
  if (process.getuid && process.getuid() === 0) args.push("--no-sandbox");
  const browser = await puppeteer.launch({ executablePath: "/usr/bin/chromium", headless: true, args });
  try {
    await testPage(browser, `http://127.0.0.1:${server.address().port}/index.html`, "http", screenshotPath);
    await testPage(browser, url.pathToFileURL(path.resolve(bookDir, "index.html")).href, "file", null);
  } finally {
    await browser.close();
    server.close();
  }
  console.log(failures ? `${failures} check(s) failed` : "all checks passed");
  process.exit(failures ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
