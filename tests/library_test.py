#!/usr/bin/python3
"""build --library on the bundled interview (the e2e fixture's book, copied so this test
builds alone): the Audiobookshelf library folder Author/Title/ with one audio file,
read back by ffprobe, the cover, desc.txt and reader.txt; a second run touches nothing;
dropping the M4B puts the single file in its place; another book with the same author
and title, and links planted in the library, are refused.

Usage: library_test.py DAUYS INPUT E2E_DIR COVER WORK_DIR
"""
import filecmp
import json
import os
import shutil
import subprocess
import sys
import unittest

DAUYS, INPUT, E2E, COVER, WORK = sys.argv[1:6]
SLUG = "interview-un-middle-powers"
OUT = os.path.join(WORK, "out")
LIB = os.path.join(WORK, "library")
# The names Audiobookshelf's scanner reads (scandir.js, getBookDataFromDir): the author
# folder, then the title folder; ": " in the title becomes " - ", its title/subtitle
# separator, since ":" is not a name every file system takes.
AUTHOR, TITLE = "Жанна Жомарт", "Сұхбат - Рүстем Мұстафин"
FOLDER = os.path.join(LIB, AUTHOR, TITLE)
ARGS = ["--year", "2024", "--single-file", "--epub", "--m4b", "--cover", COVER, "--web"]


def build(*extra, out=OUT, args=ARGS):
    return subprocess.run([DAUYS, "build", INPUT, "-o", out, *args, *extra], capture_output=True, text=True)


def state(folder):
    """Each file's name, inode and modification time: what a rewrite would change."""
    return {e.name: (e.inode(), e.stat(follow_symlinks=False).st_mtime_ns) for e in os.scandir(folder)}


def duration(path):
    r = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "json", path],
                       capture_output=True, text=True, check=True)
    return float(json.loads(r.stdout)["format"]["duration"])


class Library(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        shutil.rmtree(WORK, ignore_errors=True)
        os.makedirs(LIB)
        shutil.copytree(E2E, OUT, symlinks=True)
        cls.first = build("--library", LIB)
        with open(os.path.join(OUT, SLUG, "book.json")) as f:
            cls.manifest = json.load(f)

    def test_1_the_folder_is_author_then_title_with_one_audio_file(self):
        self.assertEqual(self.first.returncode, 0, self.first.stderr)
        self.assertEqual(self.manifest["author"], AUTHOR)
        self.assertEqual(self.manifest["title"], "Сұхбат: Рүстем Мұстафин")
        self.assertEqual(os.listdir(LIB), [AUTHOR])
        self.assertEqual([n for n in os.listdir(os.path.join(LIB, AUTHOR)) if not n.startswith(".")], [TITLE])
        # Audiobookshelf skips names starting with a dot (fileUtils.js, shouldIgnoreFile).
        visible = sorted(n for n in os.listdir(FOLDER) if not n.startswith("."))
        self.assertEqual(visible, sorted([TITLE + ".m4b", "cover.png", "desc.txt", "reader.txt"]))
        self.assertIn(f"dauys: library: {FOLDER}: 5 files changed, 0 unchanged\n", self.first.stderr)

    def test_2_the_audio_is_the_books_m4b(self):
        m4b = os.path.join(FOLDER, TITLE + ".m4b")
        self.assertTrue(filecmp.cmp(m4b, os.path.join(OUT, SLUG, SLUG + ".m4b"), shallow=False))
        rate, samples = self.manifest["sample_rate"], self.manifest["single_file_samples"]
        seconds = duration(m4b)
        print(f"library M4B {seconds:.3f} s, book.json {samples / rate:.3f} s", file=sys.stderr)
        self.assertGreater(seconds, 600)
        self.assertLessEqual(abs(seconds - samples / rate), 1024 / rate)

    def test_3_cover_description_and_narrators(self):
        with open(COVER, "rb") as f, open(os.path.join(FOLDER, "cover.png"), "rb") as g:
            self.assertEqual(f.read(), g.read())
        with open(os.path.join(FOLDER, "reader.txt"), encoding="utf-8") as f:
            self.assertEqual(f.read(), "eSpeak NG: Диктор, Жанна Жомарт, Рүстем Мұстафин\n")
        with open(os.path.join(FOLDER, "desc.txt"), encoding="utf-8") as f:
            desc = f.read()
        lead = [s["text"] for t in self.manifest["chapters"][0]["turns"] if t["role"] == "narrator"
                for s in t["sentences"]]
        self.assertTrue(desc.startswith("Қазіргі таңда әлем күрделі геосаяси ахуалдар"), desc[:100])
        self.assertTrue(desc.startswith(lead[0]))
        self.assertTrue(desc.endswith("\n"))

    def test_4_a_second_run_touches_nothing(self):
        before = state(FOLDER)
        again = build("--library", LIB)
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertIn(f"dauys: library: {FOLDER}: 0 files changed, 5 unchanged\n", again.stderr)
        self.assertEqual(state(FOLDER), before)

    def test_5_another_book_with_the_same_author_and_title_is_refused(self):
        other = os.path.join(WORK, "other")
        shutil.copytree(OUT, other, symlinks=True)
        before = state(FOLDER)
        r = build("--library", LIB, out=other)
        self.assertEqual(r.returncode, 1)
        mine, theirs = os.path.join(OUT, SLUG), os.path.join(other, SLUG)
        self.assertIn(f"dauys: error: --library: {FOLDER}: holds the book built in {mine}, not the one in "
                      f"{theirs}: two books with the same author and title; give one another --title or "
                      f"--author, or remove {FOLDER}\n", r.stderr)
        self.assertEqual(state(FOLDER), before)
        shutil.rmtree(other)

    def test_6_links_planted_in_the_library_are_not_followed(self):
        lib, outside = os.path.join(WORK, "planted"), os.path.join(WORK, "outside")
        os.makedirs(lib)
        os.makedirs(outside)
        os.symlink(outside, os.path.join(lib, AUTHOR))
        r = build("--library", lib)
        self.assertEqual(r.returncode, 1)
        self.assertIn(f"dauys: error: {os.path.join(lib, AUTHOR)}: is a symbolic link", r.stderr)
        self.assertEqual(os.listdir(outside), [])
        # A link at a file's name is replaced by the file, its target left as it was.
        os.remove(os.path.join(lib, AUTHOR))
        r = build("--library", lib)
        self.assertEqual(r.returncode, 0, r.stderr)
        folder = os.path.join(lib, AUTHOR, TITLE)
        victim = os.path.join(outside, "victim.txt")
        with open(victim, "w") as f:
            f.write("keep\n")
        os.remove(os.path.join(folder, "desc.txt"))
        os.symlink(victim, os.path.join(folder, "desc.txt"))
        r = build("--library", lib)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertFalse(os.path.islink(os.path.join(folder, "desc.txt")))
        self.assertTrue(filecmp.cmp(os.path.join(folder, "desc.txt"), os.path.join(FOLDER, "desc.txt"), shallow=False))
        with open(victim) as f:
            self.assertEqual(f.read(), "keep\n")

    def test_6b_a_title_folder_dauys_did_not_make_is_not_mixed_into(self):
        lib = os.path.join(WORK, "foreign")
        folder = os.path.join(lib, AUTHOR, TITLE)
        os.makedirs(folder)
        with open(os.path.join(folder, "part 1.mp3"), "wb") as f:
            f.write(b"not dauys's")
        r = build("--library", lib)
        self.assertEqual(r.returncode, 1)
        self.assertIn(f"dauys: error: --library: {folder}: holds part 1.mp3, which dauys did not put there: the "
                      "book would be a mix of both; move it, or give the book another --title or --author\n",
                      r.stderr)
        self.assertEqual(os.listdir(folder), ["part 1.mp3"])

    def test_7_without_the_m4b_the_single_file_takes_its_place(self):
        # A rebuild keeps the M4B its last build made: --no-m4b drops it.
        args = [a for a in ARGS if a != "--m4b"] + ["--no-m4b"]
        r = build("--library", LIB, "--explain", args=args)
        self.assertEqual(r.returncode, 0, r.stderr)
        visible = sorted(n for n in os.listdir(FOLDER) if not n.startswith("."))
        self.assertEqual(visible, sorted([TITLE + ".mp3", "cover.png", "desc.txt", "reader.txt"]))
        self.assertIn(f"dauys: library: remove {TITLE}.m4b\n", r.stderr)
        self.assertTrue(filecmp.cmp(os.path.join(FOLDER, TITLE + ".mp3"), os.path.join(OUT, SLUG, SLUG + ".mp3"),
                                    shallow=False))


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
