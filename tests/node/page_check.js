// What the read-along page's browser tests share: a static server with byte ranges,
// Debian's chromium through puppeteer-core, book.json's sentences in reading order,
// waits on the page's audio, and axe-core.
"use strict";
const fs = require("fs");
const http = require("http");
const path = require("path");
const url = require("url");
const puppeteer = require("puppeteer-core");

let failures = 0;
function check(ok, what) {
  console.log((ok ? "ok   " : "FAIL ") + what);
  if (!ok) failures++;
}
function failed() { return failures; }

function readBook(bookDir) {
  return JSON.parse(fs.readFileSync(path.join(bookDir, "book.json"), "utf8"));
}

// The book's sentences in reading order, from book.json alone: chapter, index in the
// chapter, start and end in seconds, the turn's role, whether it opens its turn.
function bookSentences(book) {
  const rate = book.sample_rate, sentences = [];
  book.chapters.forEach((c, ci) => {
    let n = 0;
    const add = (s, turn) => sentences.push({ c: ci, n: n++, start: s.start_sample / rate, end: s.end_sample / rate,
                                              role: turn ? turn.role : "title", first: false, turn });
    (c.opening_sentences || []).forEach((s) => add(s, null));
    c.title_sentences.forEach((s) => add(s, null));
    c.turns.forEach((t) => t.sentences.forEach((s, i) => { add(s, t); if (i === 0) sentences[sentences.length - 1].first = true; }));
  });
  return sentences;
}

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

function launch() {
  const args = ["--autoplay-policy=no-user-gesture-required", "--mute-audio"];
  if (process.getuid && process.getuid() === 0) args.push("--no-sandbox");
  return puppeteer.launch({ executablePath: "/usr/bin/chromium", headless: true, args });
}

// Waits until the audio has the file of chapter `c` of `book` loaded and is not seeking.
async function audioReady(page, book, c) {
  await page.waitForFunction((file) => {
    const a = document.getElementById("audio");
    return a.src.endsWith("/" + encodeURI(file)) && a.readyState >= 1 && !a.seeking;
  }, { timeout: 15000 }, book.chapters[c].file);
}

// [chapter, index] of the marked sentence, or null.
async function marked(page) {
  return page.evaluate(() => {
    const el = document.querySelector(".s.now");
    return el ? [Number(el.dataset.c), Number(el.dataset.n)] : null;
  });
}

// Waits (up to 5 s) until sentence c.n is marked; its [chapter, index] then.
async function waitMarked(page, s) {
  await page.waitForFunction((id) => document.querySelector(".s.now")?.id === id, { timeout: 5000 },
                             `s${s.c}-${s.n}`).catch(() => {});
  return marked(page);
}

async function seekTo(page, seconds) {
  await page.evaluate((t) => new Promise((resolve) => {
    const a = document.getElementById("audio");
    a.addEventListener("seeked", () => requestAnimationFrame(() => resolve()), { once: true });
    a.currentTime = t;
  }), seconds);
}

async function axe(page, label) {
  if (!(await page.evaluate(() => !!window.axe))) {
    await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  }
  const result = await page.evaluate(() => window.axe.run(document));
  for (const v of result.violations) {
    console.log(`  axe (${label}): ${v.id}: ${v.help} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target).join(", ")}`);
  }
  check(result.violations.length === 0, `axe-core: 0 violations, ${label} (${result.passes.length} rules pass)`);
}

async function axeInScheme(page, scheme, label) {
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
  await axe(page, `${label ? label + ", " : ""}${scheme} colours`);
}

module.exports = { check, failed, readBook, bookSentences, serve, launch, audioReady, marked, waitMarked, seekTo,
                   axe, axeInScheme };
