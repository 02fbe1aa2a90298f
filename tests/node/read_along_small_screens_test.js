// Tests the read-along page on small screens in Debian's chromium (headless, through
// puppeteer-core), over a static server on 127.0.0.1:
//  - a phone, 320×568 CSS px, and 400% zoom of a 1280×800 window. Zoom is emulated
//    as a 320×200 CSS px viewport with deviceScaleFactor 4: zooming a page to 400%
//    divides the CSS viewport by four (1280/4 × 800/4) and draws each CSS px with
//    4×4 device pixels, which is what this viewport does, and its screenshot is
//    1280×800 pixels. In both: the player bar is one row no taller than a fifth of
//    the window, nothing scrolls sideways (menu open too), and after the chapter
//    keys and a seek to sentence 40 of the book that sentence is marked, fully
//    inside the window and not under the bar; axe-core finds no violation.
//    Screenshots of both are saved (phone.png, zoom-400.png).
//  - a book in the Arabic script: dir="rtl" on its text and page, the bar laid out
//    right to left, no violation in light and dark colours and at 320 px.
//
// node read_along_small_screens_test.js <book folder> <Arabic-script book folder> <artifacts folder>
"use strict";
const fs = require("fs");
const path = require("path");
const { check, failed, readBook, bookSentences, serve, launch, audioReady, waitMarked, seekTo, axe,
        axeInScheme } = require("./page_check");

const [bookDir, rtlDir, artifacts] = process.argv.slice(2);
if (!bookDir || !rtlDir || !artifacts) {
  console.error("usage: node read_along_small_screens_test.js <book folder> <Arabic-script book folder> <artifacts folder>");
  process.exit(2);
}

const screens = [
  { label: "phone 320×568", file: "phone.png", viewport: { width: 320, height: 568, deviceScaleFactor: 2, isMobile: true, hasTouch: true } },
  { label: "400% zoom of 1280×800 (320×200 CSS px, scale 4)", file: "zoom-400.png",
    viewport: { width: 320, height: 200, deviceScaleFactor: 4 } },
];

// A page in a fresh browser context, so no place remembered by another test is restored.
async function open(browser, server, viewport) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport(viewport);
  // A smooth scroll would still be moving when the boxes are measured.
  await page.emulateMediaFeatures([{ name: "prefers-reduced-motion", value: "reduce" }]);
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`http://127.0.0.1:${server.address().port}/index.html`, { waitUntil: "load" });
  page.errors = errors;
  page.done = () => context.close();
  return page;
}

// The bar's height and rows, the page's width, each against the window.
async function layout(page) {
  return page.evaluate(() => {
    const bar = document.getElementById("player").getBoundingClientRect();
    const tops = Array.from(document.querySelector("#player .bar").children, (el) => {
      const r = el.getBoundingClientRect();
      return Math.round(r.top + r.height / 2);
    });
    return { barHeight: bar.height, innerHeight: window.innerHeight, innerWidth: window.innerWidth,
             scrollWidth: document.documentElement.scrollWidth, rows: new Set(tops).size };
  });
}

async function testScreen(browser, server, book, sentences, screen) {
  const page = await open(browser, server, screen.viewport);
  const label = screen.label;
  await audioReady(page, book, 0);
  const l = await layout(page);
  check(l.barHeight <= 0.2 * l.innerHeight,
        `${label}: the player is ${l.barHeight.toFixed(1)} px high, ${(100 * l.barHeight / l.innerHeight).toFixed(1)}% of ${l.innerHeight} px`);
  check(l.rows === 1, `${label}: the player's controls sit in one row (${l.rows})`);
  check(l.scrollWidth <= l.innerWidth, `${label}: nothing scrolls sideways (scrollWidth ${l.scrollWidth}, innerWidth ${l.innerWidth})`);

  // Sentence 40 of the book, reached as a listener would: ] to its chapter, then a seek.
  const target = sentences[39];
  for (let c = 0; c < target.c; c++) {
    await page.evaluate(() => document.activeElement.blur());
    await page.keyboard.press("BracketRight");
    await audioReady(page, book, c + 1);
  }
  await seekTo(page, (target.start + target.end) / 2);
  const m = await waitMarked(page, target);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const box = await page.evaluate((id) => {
    const r = document.getElementById(id).getBoundingClientRect();
    const bar = document.getElementById("player").getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, barBottom: bar.bottom,
             innerHeight: window.innerHeight, innerWidth: window.innerWidth };
  }, `s${target.c}-${target.n}`);
  check(m && m.join() === [target.c, target.n].join() && box.top >= box.barBottom && box.bottom <= box.innerHeight &&
        box.left >= 0 && box.right <= box.innerWidth,
        `${label}: sentence 40 (${target.c + 1}.${target.n + 1}) is marked and shown whole below the player: ` +
        `${box.top.toFixed(0)}–${box.bottom.toFixed(0)} px, the player ends at ${box.barBottom.toFixed(0)}, the window at ${box.innerHeight}`);
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, screen.file) });
  console.log(`     screenshot: ${path.join(artifacts, screen.file)}`);

  await page.click("#menu > summary");
  const open_ = await layout(page);
  const panel = await page.$eval("#menu .panel", (el) => { const r = el.getBoundingClientRect(); return [r.left, r.right]; });
  check(open_.scrollWidth <= open_.innerWidth && panel[0] >= 0 && panel[1] <= open_.innerWidth,
        `${label}: the open menu fits the window's width (${panel[0].toFixed(0)}–${panel[1].toFixed(0)} px of ${open_.innerWidth})`);
  await axe(page, `${label}, menu open`);
  await page.click("#menu > summary");
  await axe(page, label);
  check(page.errors.length === 0, `${label}: no script errors${page.errors.length ? ": " + page.errors.join("; ") : ""}`);
  await page.done();
}

async function testRightToLeft(browser, server, book) {
  const page = await open(browser, server, { width: 1000, height: 800 });
  await audioReady(page, book, 0);
  const dirs = await page.evaluate(() => ({ html: document.documentElement.dir, text: document.getElementById("text").dir,
                                            lang: document.getElementById("text").lang,
                                            direction: getComputedStyle(document.querySelector(".turn p")).direction }));
  check(dirs.html === "rtl" && dirs.text === "rtl" && dirs.lang === "kk-Arab" && dirs.direction === "rtl",
        `Arabic script: dir="${dirs.text}" lang="${dirs.lang}" on the text, dir="${dirs.html}" on the page, paragraphs run ${dirs.direction}`);
  const x = await page.evaluate(() => ["previous-sentence", "play", "next-sentence"].map((a) =>
    document.querySelector(`.bar [data-action="${a}"]`).getBoundingClientRect().left));
  check(x[0] > x[1] && x[1] > x[2], `Arabic script: the bar runs right to left (previous ${x[0]}, play ${x[1]}, next ${x[2]} px)`);
  const time = await page.evaluate(() => ["elapsed", "total"].map((id) => document.getElementById(id).getBoundingClientRect().left));
  check(time[0] < time[1], `Arabic script: the time still reads elapsed / total, left to right (${time.join(", ")} px)`);
  const border = await page.$eval(".turn", (el) => [getComputedStyle(el).borderRightWidth, getComputedStyle(el).borderLeftWidth]);
  check(border[0] === "4px" && border[1] === "0px", `Arabic script: a turn's speaker line is on its right (${border.join(" / ")})`);
  await axeInScheme(page, "light", "Arabic script");
  await axeInScheme(page, "dark", "Arabic script");
  await page.setViewport({ width: 320, height: 568 });
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
  const l = await layout(page);
  check(l.scrollWidth <= l.innerWidth, `Arabic script at 320 px: nothing scrolls sideways (scrollWidth ${l.scrollWidth})`);
  await axe(page, "Arabic script at 320×568");
  check(page.errors.length === 0, `Arabic script: no script errors${page.errors.length ? ": " + page.errors.join("; ") : ""}`);
  await page.done();
}

(async () => {
  const book = readBook(bookDir);
  const sentences = bookSentences(book);
  if (sentences.length < 40) throw new Error(`${bookDir}: ${sentences.length} sentences, the test needs 40`);
  const server = await serve(bookDir);
  const rtlServer = await serve(rtlDir);
  const browser = await launch();
  try {
    for (const screen of screens) await testScreen(browser, server, book, sentences, screen);
    await testRightToLeft(browser, rtlServer, readBook(rtlDir));
  } finally {
    await browser.close();
    server.close();
    rtlServer.close();
  }
  console.log(failed() ? `${failed()} check(s) failed` : "all checks passed");
  process.exit(failed() ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
