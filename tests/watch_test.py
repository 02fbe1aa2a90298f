#!/usr/bin/python3
"""dauys watch: starts `dauys watch TEXT -o OUT` as a child process and drives it with
file writes as editors make them (in place, or a temporary renamed over the text),
reading what it prints on stderr:

- a burst of three saves within half a second is one rebuild, whose chapter MP3s are
  byte for byte those `dauys build` makes of the last save;
- a save of invalid UTF-8 prints the reader's error and leaves every output byte for
  byte as it was; a sidecar with a TOML error the same; the next good save builds;
- a text removed and written again is built again; a save during a rebuild is built
  after it; a lexicon saved in the voice folder rebuilds with it;
- SIGINT during a batch stops before its next book, each book built whole;
- SIGINT during a rebuild lets it finish (a dry run finds nothing to do), SIGINT or
  SIGTERM while idle stops at once; either way a goodbye, exit 0 and no temporary in
  the output folder or the cache;
- a folder watched with the output folder inside it builds a new text once and never
  loops on its own writes;
- a PATH that is missing or a FIFO, and a bad --settle, are refused.

Usage: watch_test.py DAUYS_BINARY WORK_DIR
"""
import hashlib
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import unittest

DAUYS, WORK = sys.argv[1:3]
SETTLE_MS = 2000  # the saves of a burst are 0.15 s apart: room to spare on a busy machine
WAIT = 120  # seconds to wait for a line: generous, builds of others may share the machine
SUMMARY = re.compile(r"^dauys: \d+ chapters?, ")

TEXT = """Ауыл кітапханасы
Кітапханашы Айгүл Сейітова оқырмандар туралы айтты.
― Оқырмандарыңыз көп пе?
― Күн сайын {word} оқырман келеді.
"""
WORDS = ["отыз", "қырық", "елу", "алпыс", "жетпіс"]


class Watcher:
    """`dauys watch ARGS...` with its stderr read line by line on a thread."""

    def __init__(self, *args):
        self.proc = subprocess.Popen([DAUYS, "watch", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     text=True, encoding="utf-8", errors="replace")
        self.lines = []
        self.fresh = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        with self.proc.stderr:
            for line in self.proc.stderr:
                self.fresh.put(line.rstrip("\n"))
        self.fresh.put(None)

    def expect(self, pattern, timeout=WAIT):
        """The next line matching `pattern`, the lines before it kept in self.lines."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.fresh.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no line like {pattern!r} within {timeout} s; saw:\n" + "\n".join(self.lines))
            if line is None:
                raise AssertionError(f"dauys watch ended before {pattern!r}; saw:\n" + "\n".join(self.lines))
            self.lines.append(line)
            if re.search(pattern, line):
                return line

    def quiet_for(self, seconds):
        """The lines printed during `seconds`."""
        got = []
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                line = self.fresh.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            if line is None:
                break
            got.append(line)
        self.lines += got
        return got

    def stop(self, sig=signal.SIGINT):
        """Sends `sig` (None: none, one was sent) and returns the exit code."""
        if sig is not None:
            self.proc.send_signal(sig)
        code = self.proc.wait(timeout=WAIT)
        self.reader.join(timeout=WAIT)
        while not self.fresh.empty():
            line = self.fresh.get()
            if line is not None:
                self.lines.append(line)
        return code

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.reader.join(timeout=WAIT)


def save_in_place(path, data):
    with open(path, "wb") as f:  # truncates, then writes: one IN_CLOSE_WRITE
        f.write(data)


def save_by_rename(path, data):
    tmp = os.path.join(os.path.dirname(path), "4913")  # vim's probe name, then its way of saving
    with open(tmp, "wb") as f:
        f.write(data)
    os.rename(tmp, path)


def text(word):
    return TEXT.format(word=word).encode("utf-8")


def snapshot(folder):
    """Every file under `folder` (hidden ones too) → sha256 of its bytes."""
    out = {}
    for root, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            out[os.path.relpath(path, folder)] = hashlib.sha256(read(path)).hexdigest()
    return out


def temporaries(*folders):
    """Names dauys gives its temporaries (.name.tmp.<host>.<pid>.<n>) and journals."""
    found = []
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            found += [os.path.join(root, n) for n in files + dirs if ".tmp." in n or n.endswith(".journal")]
    return found


def run(*args, expect=0):
    r = subprocess.run([DAUYS, *args], capture_output=True, text=True)
    if r.returncode != expect:
        raise AssertionError(f"dauys {' '.join(args)}: exit {r.returncode}, expected {expect}\n{r.stderr}")
    return r


def read(path, mode="rb"):
    with open(path, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as f:
        return f.read()


def mp3s(book):
    return {n: read(os.path.join(book, n)) for n in sorted(os.listdir(book)) if n.endswith(".mp3")}


def transcript(book):
    return "".join(read(os.path.join(book, n), "r") for n in sorted(os.listdir(book)) if n.endswith(".vtt"))


class WatchOneText(unittest.TestCase):
    def setUp(self):
        self.dir = os.path.join(WORK, self.id().rsplit(".", 1)[-1])
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)
        self.text = os.path.join(self.dir, "kitaphana.kk.txt")
        self.out = os.path.join(self.dir, "out")
        self.book = os.path.join(self.out, "kitaphana")
        save_in_place(self.text, text(WORDS[0]))
        self.watch = Watcher(self.text, "-o", self.out, "-j", "2", "--settle", str(SETTLE_MS))
        self.addCleanup(self.watch.kill)
        self.watch.expect(SUMMARY)
        self.watch.expect(r"^dauys: watching for saves; Ctrl-C stops$")

    def summaries(self):
        return [line for line in self.watch.lines if SUMMARY.search(line)]

    def test_three_saves_within_half_a_second_are_one_rebuild_of_the_last(self):
        before = len(self.summaries())
        started = time.monotonic()
        save_in_place(self.text, text(WORDS[1]))
        time.sleep(0.15)
        save_by_rename(self.text, text(WORDS[2]))
        time.sleep(0.15)
        save_in_place(self.text, text(WORDS[3]))
        self.assertLess(time.monotonic() - started, SETTLE_MS / 1000, "the saves were not one burst")
        changed = self.watch.expect(r"^dauys: changed: ")
        self.assertEqual(changed, "dauys: changed: " + self.text)
        self.watch.expect(SUMMARY)
        self.watch.quiet_for(4 * SETTLE_MS / 1000 + 2)
        self.assertEqual(len(self.summaries()) - before, 1, "\n".join(self.watch.lines))
        self.assertEqual(sum(line.startswith("dauys: changed: ") for line in self.watch.lines), 1)
        words = transcript(self.book)
        self.assertIn(WORDS[3], words)
        for word in WORDS[:3]:
            self.assertNotIn(word, words)
        # The chapter MP3s are those a plain build of the last save makes.
        again = os.path.join(self.dir, "again")
        os.makedirs(again)
        shutil.copy(self.text, again)
        run("build", os.path.join(again, "kitaphana.kk.txt"), "-o", os.path.join(again, "out"), "--quiet",
            "--cache-dir", os.path.join(self.out, ".cache"))
        self.assertEqual(mp3s(self.book), mp3s(os.path.join(again, "out", "kitaphana")))
        self.assertEqual(self.watch.stop(), 0)

    def test_a_broken_save_keeps_the_outputs_and_the_next_good_save_builds(self):
        kept = snapshot(self.book)
        save_in_place(self.text, text(WORDS[1])[:40] + b"\xff\xfe half-written")
        self.watch.expect(r"^dauys: changed: ")
        error = self.watch.expect(r"^dauys: error: ")
        self.assertEqual(error, f"dauys: error: {self.text}: line 2, byte 9: invalid UTF-8 (byte 0xFF at file offset 40)")
        self.watch.quiet_for(2 * SETTLE_MS / 1000 + 1)
        self.assertEqual(snapshot(self.book), kept)
        # A sidecar with a TOML mistake: the sidecar's error, the outputs kept.
        sidecar = os.path.join(self.dir, "kitaphana.kk.txt.toml")
        save_in_place(self.text, text(WORDS[1]))
        save_in_place(sidecar, b"[book]\nepub = yes\n")
        self.watch.expect(r"^dauys: changed: ")
        error = self.watch.expect(r"^dauys: error: ")
        self.assertIn(sidecar, error)
        self.assertEqual(snapshot(self.book), kept)
        os.remove(sidecar)
        self.watch.expect(r"^dauys: changed: ")
        self.watch.expect(SUMMARY)
        self.assertIn(WORDS[1], transcript(self.book))
        self.assertEqual(self.watch.stop(), 0)

    def test_a_text_removed_and_written_again_is_built_again(self):
        os.remove(self.text)
        self.watch.expect(r"^dauys: changed: ")
        self.watch.expect(r"^dauys: error: .*kitaphana\.kk\.txt")
        save_by_rename(self.text, text(WORDS[4]))
        self.watch.expect(r"^dauys: changed: ")
        self.watch.expect(SUMMARY)
        self.assertIn(WORDS[4], transcript(self.book))
        self.assertEqual(self.watch.stop(), 0)

    def test_sigint_during_a_rebuild_lets_it_finish_and_leaves_no_temporaries(self):
        save_in_place(self.text, text(WORDS[2]).replace("Ауыл".encode(), "Қала".encode()))
        changed = self.watch.expect(r"^dauys: changed: ")
        self.watch.proc.send_signal(signal.SIGINT)  # the rebuild has begun: it speaks two new sentences
        code = self.watch.stop(None)
        self.assertEqual(code, 0, "\n".join(self.watch.lines))
        self.assertEqual(self.watch.lines[-1], "dauys: stopped watching")
        after = self.watch.lines[self.watch.lines.index(changed):]
        self.assertEqual(len([line for line in after if SUMMARY.search(line)]), 1, "\n".join(self.watch.lines))
        self.assertIn("dauys: chapters changed: 1 Қала кітапханасы", after)
        self.assertEqual(temporaries(self.out), [])
        dry = run("build", self.text, "-o", self.out, "--dry-run")
        self.assertIn("dauys: no chapter would change", dry.stderr)
        self.assertIn("0 to write, 0 to retag, 0 to rename, 0 to remove", dry.stderr)
        self.assertIn(WORDS[2], transcript(self.book))

    def test_a_save_during_a_rebuild_is_built_after_it(self):
        save_in_place(self.text, text(WORDS[1]))
        first = self.watch.expect(r"^dauys: changed: ")
        save_by_rename(self.text, text(WORDS[2]))  # while the first rebuild speaks
        self.watch.expect(SUMMARY)
        self.watch.expect(r"^dauys: changed: ")
        self.watch.expect(SUMMARY)
        self.watch.quiet_for(2 * SETTLE_MS / 1000 + 1)
        after = self.watch.lines[self.watch.lines.index(first):]
        self.assertEqual(len([line for line in after if SUMMARY.search(line)]), 2, "\n".join(after))
        self.assertIn(WORDS[2], transcript(self.book))
        self.assertNotIn(WORDS[1], transcript(self.book))
        self.assertEqual(self.watch.stop(), 0)

    def test_sigint_when_idle_stops_at_once(self):
        self.assertEqual(self.watch.stop(signal.SIGINT), 0)
        self.assertEqual(self.watch.lines[-1], "dauys: stopped watching")
        self.assertEqual(temporaries(self.out), [])

    def test_sigterm_when_idle_stops_at_once(self):
        self.assertEqual(self.watch.stop(signal.SIGTERM), 0)
        self.assertEqual(self.watch.lines[-1], "dauys: stopped watching")
        self.assertEqual(temporaries(self.out), [])


class WatchFolder(unittest.TestCase):
    def test_a_new_text_is_built_once_and_the_books_inside_do_not_loop(self):
        folder = os.path.join(WORK, "folder")
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        save_in_place(os.path.join(folder, "bir.kk.txt"), text(WORDS[0]))
        out = os.path.join(folder, "out")
        watch = Watcher(folder, "-o", out, "-j", "2", "--settle", str(SETTLE_MS))
        self.addCleanup(watch.kill)
        watch.expect(r"^dauys: watching for saves")
        self.assertTrue(os.path.isfile(os.path.join(out, "bir-kk", "book.json")) or
                        os.path.isfile(os.path.join(out, "bir", "book.json")), os.listdir(out))
        self.assertEqual(watch.quiet_for(3 * SETTLE_MS / 1000 + 1), [])
        os.makedirs(os.path.join(folder, "2025"))
        save_by_rename(os.path.join(folder, "2025", "eki.kk.txt"), text(WORDS[1]))
        watch.expect(r"^dauys: changed: ")
        watch.expect(r"^dauys: 1 books?: 1 built")
        later = watch.quiet_for(3 * SETTLE_MS / 1000 + 2)
        self.assertEqual(later, [], "the build's own writes made it rebuild")
        self.assertEqual(sum(line.startswith("dauys: changed: ") for line in watch.lines), 1, "\n".join(watch.lines))
        self.assertEqual(watch.stop(), 0)
        self.assertEqual(temporaries(out), [])


class WatchBatch(unittest.TestCase):
    def test_sigint_during_a_batch_stops_before_the_next_book(self):
        work = os.path.join(WORK, "batch")
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(os.path.join(work, "texts"))
        for name, word in zip(["bir", "eki", "ush", "tort", "bes", "alty"], WORDS + ["сексен"]):
            save_in_place(os.path.join(work, "texts", name + ".kk.txt"), text(word).replace(
                "Айгүл".encode(), word.encode()))
        out = os.path.join(work, "out")
        watch = Watcher(os.path.join(work, "texts"), "-o", out, "-j", "1")
        self.addCleanup(watch.kill)
        watch.expect(r"^dauys: segments: ")  # the first book is built; the next is begun or about to be
        self.assertEqual(watch.stop(), 0)
        self.assertEqual(watch.lines[-1], "dauys: stopped watching")
        books = sorted(n for n in os.listdir(out) if not n.startswith("."))
        self.assertLessEqual(len(books), 2, "\n".join(watch.lines))
        self.assertIn(f"dauys: stopped before {6 - len(books)} of 6 books; the next build makes them", watch.lines)
        self.assertNotIn("dauys: watching for saves; Ctrl-C stops", watch.lines)
        self.assertEqual(temporaries(out), [])
        for book in books:  # each book built is whole: a dry run finds nothing to do
            dry = run("build", os.path.join(work, "texts", book + ".kk.txt"), "-o", out, "--dry-run")
            self.assertIn("0 to write, 0 to retag, 0 to rename, 0 to remove", dry.stderr)


class WatchVoices(unittest.TestCase):
    def test_a_lexicon_saved_in_the_voice_folder_rebuilds_with_it(self):
        work = os.path.join(WORK, "voices-test")
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        voices = os.path.join(work, "voices")
        shutil.copytree(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "voices"), voices)
        talk = os.path.join(work, "kitaphana.kk.txt")
        save_in_place(talk, text(WORDS[0]))
        watch = Watcher(talk, "-o", os.path.join(work, "out"), "--voices", voices, "-j", "2",
                        "--settle", str(SETTLE_MS))
        self.addCleanup(watch.kill)
        watch.expect(r"^dauys: watching for saves")
        lexicon = os.path.join(voices, "lexicon.txt")
        save_by_rename(lexicon, read(lexicon).replace(b"[words]\n", "[words]\nАйгүл = Айгөл\n".encode(), 1))
        self.assertEqual(watch.expect(r"^dauys: changed: "), "dauys: changed: " + lexicon)
        made = re.search(r"segments: (\d+) synthesized", watch.expect(r"^dauys: segments: "))
        self.assertGreaterEqual(int(made.group(1)), 1)  # the sentence with the name, spoken anew
        self.assertEqual(watch.stop(), 0)


class Refusals(unittest.TestCase):
    def test_a_missing_path_is_an_error_naming_it(self):
        missing = os.path.join(WORK, "no-such.txt")
        r = run("watch", missing, "-o", os.path.join(WORK, "x"), expect=1)
        self.assertEqual(r.stderr, f"dauys: error: {missing}: no such file or folder\n")

    def test_a_fifo_is_an_error_naming_it(self):
        fifo = os.path.join(WORK, "pipe.txt")
        if os.path.exists(fifo):
            os.remove(fifo)
        os.mkfifo(fifo)
        r = run("watch", fifo, "-o", os.path.join(WORK, "x"), expect=1)
        self.assertEqual(r.stderr, f"dauys: error: {fifo}: a FIFO, not a file or a folder: watch reads its texts "
                                   "again at every save\n")

    def test_a_bad_settle_is_a_usage_error_naming_the_option(self):
        for bad in ("abc", "-5", "nan", "60001", ""):
            r = run("watch", WORK, "--settle", bad, expect=2)
            self.assertIn("--settle", r.stderr)
            self.assertIn("must be a whole number of milliseconds from 0 to 60000", r.stderr)

    def test_the_output_folder_holding_the_folder_watched_is_a_usage_error(self):
        r = run("watch", WORK, "-o", WORK, expect=2)
        self.assertIn(f"-o {WORK} holds the folder watched, {WORK}: its books would be read as texts", r.stderr)


if __name__ == "__main__":
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    unittest.main(argv=[sys.argv[0], "-v"])
