#!/usr/bin/python3
"""dauys feed: builds three small books with --single-file, writes the podcast feed and
reads it back with independent readers (feedparser for the RSS, ffprobe for the MP3s'
lengths and chapter marks, Python's json for the chapters files).

Usage: feed_test.py DAUYS_BINARY TEST_DATA_DIR WORK_DIR
"""
import json
import os
import re
import shutil
import subprocess
import sys
import unittest
import xml.etree.ElementTree as ET

import feedparser

DAUYS, DATA, WORK = sys.argv[1:4]
BASE = "https://news.example.kz/audio/"
OUT = os.path.join(WORK, "out")
CACHE = os.path.join(WORK, "cache")
NS = {"podcast": "https://podcastindex.org/namespace/1.0", "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd"}
TITLE = "Сұхбаттар & <әңгімелер> \"үнмен\""
OPTIONS = ["--title", TITLE, "--date", "2024-01-05", "--email", "audio@news.example.kz"]


def run(*args, expect=0, clock=None):
    """Runs dauys; `clock` pins the day it builds on (SOURCE_DATE_EPOCH, seconds)."""
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    if clock is not None:
        env["SOURCE_DATE_EPOCH"] = str(clock)
    r = subprocess.run([DAUYS, *args], capture_output=True, text=True, env=env)
    if r.returncode != expect:
        raise AssertionError(f"dauys {' '.join(args)}: exit {r.returncode}, expected {expect}\n{r.stderr}")
    return r


def build(text, out=OUT, single=True, *extra):
    args = ["build", text, "-o", out, "--cache-dir", CACHE, "--quiet", "-j", "2", *extra]
    run(*args, *(["--single-file"] if single else []))


def feed(*extra, out=OUT, expect=0):
    return run("feed", out, "--base-url", BASE, *extra, expect=expect)


def probe(path, what):
    r = subprocess.run(["ffprobe", "-v", "error", *what, "-of", "json", path], capture_output=True, text=True,
                       check=True)
    return json.loads(r.stdout)


def local(url):
    assert url.startswith(BASE), url
    return os.path.join(OUT, *url[len(BASE):].split("/"))


def seconds(clock):
    h, m, s = (int(x) for x in clock.split(":"))
    return h * 3600 + m * 60 + s


def cues(vtt_text):
    """(start ms, end ms, payload) of each cue."""
    out = []
    for m in re.finditer(r"^(\d\d):(\d\d):(\d\d)\.(\d\d\d) --> (\d\d):(\d\d):(\d\d)\.(\d\d\d)\n(.*)$", vtt_text, re.M):
        g = [int(x) for x in m.groups()[:8]]
        out.append(((g[0] * 3600 + g[1] * 60 + g[2]) * 1000 + g[3], (g[4] * 3600 + g[5] * 60 + g[6]) * 1000 + g[7],
                    m.group(9)))
    return out


def items():
    root = ET.parse(os.path.join(OUT, "feed.xml")).getroot()
    return root.findall("./channel/item")


class Feed(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        shutil.rmtree(WORK, ignore_errors=True)
        os.makedirs(WORK)
        cls.texts = {}
        for name in ("aul-mektebi", "bakshashy", "kitaphana"):
            for f in os.listdir(DATA):
                if f.startswith(name + "."):
                    shutil.copy(os.path.join(DATA, f), WORK)
            cls.texts[name] = os.path.join(WORK, name + ".kk.txt")
            build(cls.texts[name], OUT, True, *([] if name == "bakshashy" else ["--no-web"]))
        cls.result = feed(*OPTIONS)
        with open(os.path.join(OUT, "feed.xml"), "rb") as f:
            cls.xml = f.read()
        cls.parsed = feedparser.parse(cls.xml)

    def test_feedparser_reads_the_feed_without_complaint(self):
        self.assertFalse(self.parsed.bozo, self.parsed.get("bozo_exception"))
        self.assertEqual(self.parsed.version, "rss20")
        self.assertEqual(self.parsed.feed.title, TITLE)
        self.assertEqual(self.parsed.feed.language, "kk")
        self.assertEqual(self.parsed.feed.publisher_detail.email, "audio@news.example.kz")
        self.assertEqual(len(self.parsed.entries), 3)
        self.assertIn("3 episodes, newest 2024-03-12", self.result.stderr)

    def test_every_enclosure_has_the_exact_length_and_type_of_its_single_file(self):
        for entry in self.parsed.entries:
            [enclosure] = entry.enclosures
            path = local(enclosure.href)
            self.assertTrue(path.endswith(".mp3"), path)
            self.assertEqual(int(enclosure.length), os.path.getsize(path), path)
            self.assertEqual(enclosure.type, "audio/mpeg")

    def test_durations_agree_with_ffprobe(self):
        for entry in self.parsed.entries:
            path = local(entry.enclosures[0].href)
            duration = float(probe(path, ["-show_entries", "format=duration"])["format"]["duration"])
            self.assertGreater(duration, 1.0)
            self.assertLessEqual(abs(seconds(entry.itunes_duration) - duration), 0.5 + 0.03, path)

    def test_items_newest_first_and_one_day_by_folder_name(self):
        self.assertEqual([e.guid for e in self.parsed.entries],
                         ["dauys:aul-mektebi", "dauys:bakshashy", "dauys:kitaphana"])
        self.assertEqual([e.published for e in self.parsed.entries],
                         ["Tue, 12 Mar 2024 00:00:00 +0000", "Tue, 12 Mar 2024 00:00:00 +0000",
                          "Fri, 05 Jan 2024 00:00:00 +0000"])
        self.assertEqual(self.parsed.feed.updated, "Tue, 12 Mar 2024 00:00:00 +0000")
        for e in self.parsed.entries:
            self.assertFalse(e.guidislink)

    def test_a_book_with_its_read_along_page_links_it(self):
        [entry] = [e for e in self.parsed.entries if e.guid == "dauys:bakshashy"]
        with open(os.path.join(OUT, "bakshashy", "book.json")) as f:
            page = json.load(f)["page"]
        self.assertEqual(entry.link, BASE + "bakshashy/" + page)
        self.assertTrue(os.path.isfile(local(entry.link)))
        self.assertEqual([i.find("link") is None for i in items()], [True, False, True])

    def test_sidecar_date_reaches_book_json(self):
        with open(os.path.join(OUT, "aul-mektebi", "book.json")) as f:
            self.assertEqual(json.load(f)["date"], "2024-03-12")
        with open(os.path.join(OUT, "kitaphana", "book.json")) as f:
            self.assertNotIn("date", json.load(f))

    def test_chapters_files_list_the_single_files_marks(self):
        for item in items():
            ref = item.find("podcast:chapters", NS)
            self.assertEqual(ref.get("type"), "application/json+chapters")
            with open(local(ref.get("url")), encoding="utf-8") as f:
                doc = json.load(f)
            self.assertEqual(doc["version"], "1.2.0")
            mp3 = local(item.find("enclosure").get("url"))
            marks = probe(mp3, ["-show_chapters"])["chapters"]
            self.assertGreater(len(marks), 1, mp3)
            ms = lambda seconds: round(float(seconds) * 1000)
            self.assertEqual([(c["title"], ms(c["startTime"]), ms(c["endTime"])) for c in doc["chapters"]],
                             [(m["tags"]["title"], ms(m["start_time"]), ms(m["end_time"])) for m in marks])
            for c in doc["chapters"]:
                self.assertIsInstance(c["startTime"], (int, float))
            # Every chapter of the book starts at a mark.
            with open(os.path.join(os.path.dirname(mp3), "book.json")) as f:
                book = json.load(f)
            starts = {ms(c["startTime"]) for c in doc["chapters"]}
            for chapter in book["chapters"]:
                start = (chapter["book_start_sample"] * 1000 + book["sample_rate"] // 2) // book["sample_rate"]
                self.assertIn(start, starts, chapter["title"])

    def test_transcript_is_the_chapters_vtt_shifted_to_the_single_file(self):
        for item in items():
            ref = item.find("podcast:transcript", NS)
            self.assertEqual(ref.get("type"), "text/vtt")
            with open(local(ref.get("url")), encoding="utf-8") as f:
                whole = f.read()
            self.assertTrue(whole.startswith("WEBVTT\n"))
            folder = os.path.dirname(local(ref.get("url")))
            with open(os.path.join(folder, "book.json")) as f:
                book = json.load(f)
            rate = book["sample_rate"]
            starts = [(c["book_start_sample"] * 1000 + rate // 2) // rate for c in book["chapters"]]
            expected = []
            for chapter, start in zip(book["chapters"], starts):
                with open(os.path.join(folder, chapter["vtt"]), encoding="utf-8") as f:
                    expected += [(a + start, b + start, text) for a, b, text in cues(f.read())]
            self.assertEqual(cues(whole), expected)
            self.assertGreater(len(expected), 3)

    def test_people_are_the_named_interviewer_and_interviewees(self):
        people = {i.find("guid").text: [(p.get("role"), p.get("group"), p.text)
                                        for p in i.findall("podcast:person", NS)] for i in items()}
        self.assertEqual(people, {
            "dauys:aul-mektebi": [("host", "cast", "Ерлан Тоқтаров"), ("guest", "cast", "Сәуле Қайратқызы")],
            "dauys:bakshashy": [("host", "cast", "Асель Бекова"), ("guest", "cast", "Нұрлан Сейітов")],
            "dauys:kitaphana": [("host", "cast", "Дәурен Омаров"), ("guest", "cast", "Гүлнар Әбенова")]})
        # feedparser keeps one podcast:person per item (the last, with its attributes).
        for entry in self.parsed.entries:
            self.assertEqual(dict(entry.podcast_person), {"role": "guest", "group": "cast"})
        # Each person speaks in the transcript under the same name.
        for item in items():
            url = item.find("podcast:transcript", NS).get("url")
            with open(local(url), encoding="utf-8") as f:
                voices = set(re.findall(r"<v ([^>]+)>", f.read()))
            for p in item.findall("podcast:person", NS):
                self.assertIn(p.text, voices)

    def test_a_second_run_changes_no_byte(self):
        before = {}
        for root, _, files in os.walk(OUT):
            for f in files:
                with open(os.path.join(root, f), "rb") as fh:
                    before[os.path.join(root, f)] = fh.read()
        r = feed(*OPTIONS)
        self.assertIn("; 0 files written", r.stderr)
        for path, data in before.items():
            with open(path, "rb") as fh:
                self.assertEqual(fh.read(), data, path)

    def test_z_guid_stays_and_length_follows_a_rebuild(self):
        # Runs last (z): it edits a book.
        old = {e.guid: int(e.enclosures[0].length) for e in self.parsed.entries}
        with open(self.texts["kitaphana"], "a", encoding="utf-8") as f:
            f.write("― Қандай кітаптар сұранысқа ие?\n― Балалар әдебиеті көп оқылады.\n")
        build(self.texts["kitaphana"])
        feed(*OPTIONS)
        with open(os.path.join(OUT, "feed.xml"), "rb") as f:
            parsed = feedparser.parse(f.read())
        new = {e.guid: e for e in parsed.entries}
        self.assertEqual(set(new), set(old))
        changed = new["dauys:kitaphana"].enclosures[0]
        self.assertGreater(int(changed.length), old["dauys:kitaphana"])
        self.assertEqual(int(changed.length), os.path.getsize(local(changed.href)))
        self.assertEqual(int(new["dauys:bakshashy"].enclosures[0].length), old["dauys:bakshashy"])


class FeedErrors(unittest.TestCase):
    """Exact messages: each names the folder or file and the option."""

    def setUp(self):
        self.out = os.path.join(WORK, "errors")
        shutil.rmtree(self.out, ignore_errors=True)
        os.makedirs(self.out)

    def error(self, *args, expect=1):
        r = run("feed", self.out, *args, expect=expect)
        self.assertFalse(os.path.exists(os.path.join(self.out, "feed.xml")))
        return r.stderr

    def copy_book(self, name):
        shutil.copytree(os.path.join(OUT, name), os.path.join(self.out, name))

    def test_base_url_must_be_absolute_http(self):
        for url in ("ftp://news.example.kz/", "news.example.kz/audio", "https:///audio", "https://a.kz/a b",
                    "https://ex.kz:99999/", "https://ex.kz/%zz/", "https://user:password@ex.kz/"):
            msg = self.error("--base-url", url, expect=2)
            self.assertTrue(msg.startswith("dauys: --base-url: must be an absolute http or https URL such as "
                                           "https://example.kz/audio/"), msg)

    def test_missing_base_url_is_a_usage_error(self):
        self.assertEqual(self.error(expect=2), "dauys: --base-url is required\nRun 'dauys --help' for usage.\n")

    def test_date_option_must_be_a_day(self):
        msg = self.error("--base-url", BASE, "--date", "2024-02-30", expect=2)
        self.assertIn("--date: must be a day written YYYY-MM-DD, got '2024-02-30'", msg)

    def test_empty_folder(self):
        self.assertEqual(self.error("--base-url", BASE),
                         f"dauys: error: {self.out}: no book folders (with a book.json) to publish; build books "
                         "with --single-file into it first\n")

    def test_book_without_single_file_is_named(self):
        build(os.path.join(DATA, "kitaphana.kk.txt"), out=self.out, single=False)
        self.copy_book("aul-mektebi")
        self.assertEqual(self.error("--base-url", BASE, "--date", "2024-01-05"),
                         f"dauys: error: {self.out}/kitaphana: no single-file MP3 to publish; build the book again "
                         "with --single-file\n")

    def test_book_without_any_date_is_named_with_every_remedy(self):
        # A book built before dauys kept the day of a book's first build.
        self.copy_book("kitaphana")
        self.copy_book("bakshashy")
        self.edit_book_json("kitaphana", lambda b: b.pop("first_built"))
        self.assertEqual(self.error("--base-url", BASE),
                         f"dauys: error: {self.out}/kitaphana: no date to publish the book under; put "
                         "date = \"YYYY-MM-DD\" in the input's sidecar and build again, build again to date it "
                         "today, or give --date\n")

    def test_broken_book_json_is_named(self):
        self.copy_book("bakshashy")
        path = os.path.join(self.out, "bakshashy", "book.json")
        with open(path) as f:
            book = json.load(f)
        book["single_file_samples"] = 1.5e300
        with open(path, "w") as f:
            json.dump(book, f)
        self.assertEqual(self.error("--base-url", BASE),
                         f"dauys: error: {path}: 'single_file_samples' must be a whole number from 1 to "
                         "1099511627776\n")
        with open(path, "w") as f:
            f.write("[1, 2")
        self.assertEqual(self.error("--base-url", BASE),
                         f"dauys: error: {path}: not a book.json that dauys wrote (not a JSON object)\n")

    def edit_book_json(self, name, change):
        path = os.path.join(self.out, name, "book.json")
        with open(path) as f:
            book = json.load(f)
        change(book)
        with open(path, "w") as f:
            json.dump(book, f)
        return path

    def test_a_build_stopped_while_publishing_is_named(self):
        self.copy_book("bakshashy")
        # What a build killed between its first published file and book.json leaves.
        with open(os.path.join(self.out, ".bakshashy.journal"), "w") as f:
            f.write("bakshashy.mp3\nbakshashy.vtt\n")
        self.assertEqual(self.error("--base-url", BASE),
                         f"dauys: error: {self.out}/bakshashy: a build of this book was stopped before it finished; "
                         "build the book again before publishing it\n")

    def test_book_json_numbers_are_checked_against_the_audio(self):
        self.copy_book("bakshashy")
        with open(os.path.join(self.out, "bakshashy", "book.json")) as f:
            built = json.load(f)["single_file_samples"]
        path = self.edit_book_json("bakshashy", lambda b: b.update(single_file_samples=2 ** 40))
        mp3 = os.path.join(self.out, "bakshashy", "bakshashy.mp3")
        msg = self.error("--base-url", BASE)
        self.assertRegex(msg, rf"^dauys: error: {re.escape(path)}: 'single_file_samples' is 1099511627776 but "
                              rf"{re.escape(mp3)} holds \d+ samples; build the book again\n$")
        self.assertEqual(int(re.search(r"holds (\d+) samples", msg).group(1)), built)  # what the build counted

    def test_an_edited_single_file_does_not_match_its_hash(self):
        self.copy_book("bakshashy")
        mp3 = os.path.join(self.out, "bakshashy", "bakshashy.mp3")
        with open(mp3, "r+b") as f:
            f.seek(-100, os.SEEK_END)
            f.write(b"\0" * 10)
        path = os.path.join(self.out, "bakshashy", "book.json")
        self.assertEqual(self.error("--base-url", BASE),
                         f"dauys: error: {path}: 'single_file_hash' is not the hash of {mp3}; build the book again\n")

    def test_a_book_json_without_chapters_is_refused(self):
        self.copy_book("bakshashy")
        path = self.edit_book_json("bakshashy", lambda b: b.update(chapters=[]))
        self.assertEqual(self.error("--base-url", BASE),
                         f"dauys: error: {path}: 'chapters' lists no chapter; build the book again\n")

    def test_a_book_json_another_program_wrote_is_refused(self):
        self.copy_book("bakshashy")
        for change in (lambda b: b.pop("generator"), lambda b: b.update(generator="podgen 1.0")):
            path = self.edit_book_json("bakshashy", change)
            self.assertEqual(self.error("--base-url", BASE),
                             f"dauys: error: {path}: not a book.json that dauys wrote ('generator' is not dauys)\n")

    def test_an_image_url_with_a_query_is_a_url(self):
        self.copy_book("bakshashy")
        run("feed", self.out, "--base-url", "HTTPS://NEWS.EXAMPLE.KZ/audio/", "--image",
            "https://cdn.example.kz/cover.png?v=2&s=3000")
        with open(os.path.join(self.out, "feed.xml")) as f:
            xml = f.read()
        self.assertIn('<itunes:image href="https://cdn.example.kz/cover.png?v=2&amp;s=3000"/>', xml)
        os.remove(os.path.join(self.out, "feed.xml"))
        self.assertEqual(self.error("--base-url", BASE, "--image", "https://u:p@cdn.example.kz/c.png"),
                         "dauys: error: --image: https://u:p@cdn.example.kz/c.png: must be an absolute http or "
                         "https URL such as https://example.kz/audio/ (without a user name or password)\n")

    def test_missing_single_file_is_named(self):
        self.copy_book("bakshashy")
        os.remove(os.path.join(self.out, "bakshashy", "bakshashy.mp3"))
        self.assertEqual(self.error("--base-url", BASE),
                         f"dauys: error: {self.out}/bakshashy/bakshashy.mp3: the single file book.json names is "
                         "missing; build the book again\n")

    def test_image_outside_the_folder_is_refused(self):
        self.copy_book("bakshashy")
        self.assertEqual(self.error("--base-url", BASE, "--image", "../cover.png"),
                         "dauys: error: --image: ../cover.png: must be a URL or an image file inside the output "
                         "folder (a path relative to it)\n")

    def test_planted_links_are_replaced_not_followed(self):
        self.copy_book("bakshashy")
        victim = os.path.join(WORK, "victim.txt")
        with open(victim, "w") as f:
            f.write("keep")
        for name in ("feed.xml", "bakshashy/bakshashy.chapters.json", "bakshashy/bakshashy.vtt"):
            path = os.path.join(self.out, name)
            if os.path.exists(path):
                os.remove(path)
            os.symlink(victim, path)
        run("feed", self.out, "--base-url", BASE)
        with open(victim) as f:
            self.assertEqual(f.read(), "keep")
        for name in ("feed.xml", "bakshashy/bakshashy.chapters.json", "bakshashy/bakshashy.vtt"):
            self.assertFalse(os.path.islink(os.path.join(self.out, name)), name)
        self.assertFalse(feedparser.parse(os.path.join(self.out, "feed.xml")).bozo)

    def test_sidecar_date_must_be_a_day(self):
        text = os.path.join(self.out, "x.kk.txt")
        shutil.copy(os.path.join(DATA, "kitaphana.kk.txt"), text)
        with open(text + ".toml", "w") as f:
            f.write("title = \"X\"\ndate = \"2024-13-01\"\n")
        r = run("build", text, "-o", self.out, "--cache-dir", CACHE, "--quiet", expect=1)
        self.assertEqual(r.stderr, f"dauys: error: {text}.toml: line 2: date must look like \"2025-03-15\"\n")


# 2025-03-14, its last second (UTC), and noon of the next day.
MARCH_14 = 1741996799
MARCH_15 = MARCH_14 + 1 + 12 * 3600


class FirstBuilt(unittest.TestCase):
    """A book without a sidecar date is published under the day it was first built,
    which book.json keeps through every rebuild; the clock is pinned by SOURCE_DATE_EPOCH."""

    def setUp(self):
        self.out = os.path.join(WORK, "first-built")
        shutil.rmtree(self.out, ignore_errors=True)
        os.makedirs(self.out)
        self.text = os.path.join(self.out, "kitaphana.kk.txt")
        shutil.copy(os.path.join(DATA, "kitaphana.kk.txt"), self.text)
        self.books = os.path.join(self.out, "books")
        os.makedirs(self.books)

    def build(self, clock, expect=0):
        return run("build", self.text, "-o", self.books, "--cache-dir", CACHE, "--quiet", "-j", "2",
                   "--single-file", "--no-web", expect=expect, clock=clock)

    def book_json(self):
        with open(os.path.join(self.books, "kitaphana", "book.json")) as f:
            return json.load(f)

    def episode(self):
        with open(os.path.join(self.books, "feed.xml"), "rb") as f:
            parsed = feedparser.parse(f.read())
        self.assertFalse(parsed.bozo, parsed.get("bozo_exception"))
        [entry] = parsed.entries
        return entry

    def test_the_first_build_dates_the_book_and_rebuilds_keep_it(self):
        self.build(MARCH_14)
        self.assertEqual(self.book_json()["first_built"], "2025-03-14")
        self.assertNotIn("date", self.book_json())
        run("feed", self.books, "--base-url", BASE)
        self.assertEqual(self.episode().published, "Fri, 14 Mar 2025 00:00:00 +0000")
        # Edited and rebuilt a day later: the day stays, and the kept feed follows the
        # build (a new length, the same date) without dauys feed.
        with open(self.text, "a", encoding="utf-8") as f:
            f.write("― Қандай кітаптар сұранысқа ие?\n― Балалар әдебиеті көп оқылады.\n")
        r = self.build(MARCH_15)
        self.assertEqual(self.book_json()["first_built"], "2025-03-14")
        entry = self.episode()
        self.assertEqual(entry.published, "Fri, 14 Mar 2025 00:00:00 +0000")
        self.assertEqual(int(entry.enclosures[0].length),
                         os.path.getsize(os.path.join(self.books, "kitaphana", "kitaphana.mp3")))
        # The sidecar's date wins; first_built stays as it was.
        with open(self.text + ".toml", "w") as f:
            f.write("date = 2024-11-02\n")
        self.build(MARCH_15)
        self.assertEqual(self.book_json()["first_built"], "2025-03-14")
        self.assertEqual(self.book_json()["date"], "2024-11-02")
        self.assertEqual(self.episode().published, "Sat, 02 Nov 2024 00:00:00 +0000")

    def test_a_book_json_from_before_gets_the_day_it_is_next_built(self):
        self.build(MARCH_14)
        path = os.path.join(self.books, "kitaphana", "book.json")
        book = self.book_json()
        book.pop("first_built")
        with open(path, "w") as f:
            json.dump(book, f)
        r = run("build", self.text, "-o", self.books, "--cache-dir", CACHE, "--dry-run", clock=MARCH_15)
        self.assertIn("dauys: would write book.json: day of its first build not yet recorded\n", r.stderr)
        self.build(MARCH_15)
        self.assertEqual(self.book_json()["first_built"], "2025-03-15")
        r = self.build(MARCH_15 + 86400)
        self.assertEqual(self.book_json()["first_built"], "2025-03-15")

    def test_a_hand_edited_day_that_is_no_day_stops_build_and_feed(self):
        self.build(MARCH_14)
        path = os.path.join(self.books, "kitaphana", "book.json")
        book = self.book_json()
        book["first_built"] = "14.03.2025"
        with open(path, "w") as f:
            json.dump(book, f)
        with open(path, "rb") as f:
            edited = f.read()
        r = self.build(MARCH_15, expect=1)
        self.assertEqual(r.stderr, f"dauys: error: {path}: 'first_built' must be a day written YYYY-MM-DD (the day "
                                   "the book was first built, its podcast date when the sidecar gives none); correct "
                                   "it, or remove it to date the book today\n")
        with open(path, "rb") as f:
            self.assertEqual(f.read(), edited)
        r = run("feed", self.books, "--base-url", BASE, expect=1)
        self.assertEqual(r.stderr, f"dauys: error: {path}: 'first_built' must be a date written YYYY-MM-DD\n")
        self.assertFalse(os.path.exists(os.path.join(self.books, "feed.xml")))

    def test_a_clock_pinned_to_no_number_is_an_error(self):
        for bad in ("yesterday", "1.5e9", "-1", " 1741996799", "253402300800"):
            r = self.build(bad, expect=1)
            self.assertEqual(r.stderr, "dauys: error: SOURCE_DATE_EPOCH: must be a whole number of seconds since "
                                       f"1970-01-01 UTC, got '{bad}'\n")
        self.assertFalse(os.path.exists(os.path.join(self.books, "kitaphana")))


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
