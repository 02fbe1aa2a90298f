#!/usr/bin/python3
"""build --m4b on the bundled interview (the e2e fixture's book): the M4B read back by
independent readers (ffprobe for its chapters and length, ffmpeg for a clean decode,
mutagen for its tags and cover) against the single-file MP3 and book.json, and the
folder against what Audiobookshelf's book scanner reads (cover.*, desc.txt, reader.txt).

Usage: m4b_test.py BOOK_DIR COVER_FILE
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

from mutagen.mp4 import MP4, MP4Cover

BOOK, COVER = sys.argv[1:3]
SLUG = os.path.basename(BOOK.rstrip("/"))
M4B = os.path.join(BOOK, SLUG + ".m4b")
MP3 = os.path.join(BOOK, SLUG + ".mp3")


def probe(path, *what):
    r = subprocess.run(["ffprobe", "-v", "error", *what, "-of", "json", path], capture_output=True, text=True,
                       check=True)
    return json.loads(r.stdout)


def chapters(path):
    return [(float(c["start_time"]), c["tags"]["title"]) for c in probe(path, "-show_chapters")["chapters"]]


class M4b(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(os.path.join(BOOK, "book.json")) as f:
            cls.manifest = json.load(f)

    def test_book_json_names_the_edition(self):
        self.assertEqual(self.manifest["m4b"], SLUG + ".m4b")
        self.assertIn(SLUG + ".m4b", self.manifest["files"])

    def test_chapters_are_the_single_files_marks(self):
        m4b, mp3 = chapters(M4B), chapters(MP3)
        self.assertGreater(len(mp3), 6)
        self.assertEqual(len(m4b), len(mp3))
        for (a_start, a_title), (b_start, b_title) in zip(m4b, mp3):
            self.assertEqual(a_title, b_title)
            self.assertLessEqual(abs(a_start - b_start), 0.001, a_title)
        self.assertIn(" — ", m4b[1][1])  # «chapter — speaker: first words …»

    def test_both_kinds_of_chapter_list_are_there(self):
        with open(M4B, "rb") as f:
            data = f.read()
        self.assertIn(b"chpl", data)  # Nero chapters in udta
        self.assertIn(b"chap", data)  # the audio track's reference to its chapter text track
        # mutagen reads the Nero list, ffprobe the QuickTime text track: the same marks.
        nero = [(c.start, c.title) for c in MP4(M4B).chapters]
        quicktime = chapters(M4B)
        self.assertEqual([t for _, t in nero], [t for _, t in quicktime])
        for (a, _), (b, _) in zip(nero, quicktime):
            self.assertLessEqual(abs(a - b), 0.001)
        streams = probe(M4B, "-show_streams")["streams"]
        self.assertEqual([s["codec_type"] for s in streams if s["codec_type"] != "video"].count("audio"), 1)

    def test_audio_is_aac_lc_mono_at_the_books_rate_and_as_long_as_book_json_says(self):
        [audio] = [s for s in probe(M4B, "-show_streams")["streams"] if s["codec_type"] == "audio"]
        self.assertEqual(audio["codec_name"], "aac")
        self.assertEqual(audio["profile"], "LC")
        self.assertEqual(audio["channels"], 1)
        rate = self.manifest["sample_rate"]
        self.assertEqual(int(audio["sample_rate"]), rate)
        samples = self.manifest["single_file_samples"]  # the chapters, each frame's padding between them
        self.assertGreater(samples, sum(c["samples"] for c in self.manifest["chapters"]))
        duration = float(probe(M4B, "-show_entries", "format=duration")["format"]["duration"])
        print(f"M4B {duration:.6f} s, book.json {samples / rate:.6f} s", file=sys.stderr)
        self.assertLessEqual(abs(duration - samples / rate), 1024 / rate)

    def test_decodes_without_errors(self):
        r = subprocess.run(["ffmpeg", "-v", "error", "-i", M4B, "-map", "0:a", "-f", "null", "-"],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")

    def test_loudness_is_the_single_files(self):
        def lufs(path):
            r = subprocess.run(["ffmpeg", "-nostats", "-i", path, "-map", "0:a", "-af", "ebur128", "-f", "null", "-"],
                               capture_output=True, text=True, check=True)
            return float(re.findall(r"I:\s+(-?[\d.]+) LUFS", r.stderr)[-1])
        m4b, mp3 = lufs(M4B), lufs(MP3)
        print(f"M4B {m4b} LUFS, MP3 {mp3} LUFS", file=sys.stderr)
        self.assertLessEqual(abs(m4b - mp3), 0.2)

    def test_mutagen_reads_tags_and_cover(self):
        tags = MP4(M4B).tags
        self.assertEqual(tags["\xa9nam"], [self.manifest["title"]])
        self.assertEqual(tags["\xa9alb"], [self.manifest["title"]])
        self.assertEqual(tags["\xa9ART"], [self.manifest["author"]])
        self.assertEqual(tags["\xa9day"], ["2024"])
        self.assertTrue(tags["\xa9wrt"][0].startswith("eSpeak NG: Диктор, "), tags["\xa9wrt"])
        [cover] = tags["covr"]
        self.assertEqual(cover.imageformat, MP4Cover.FORMAT_PNG)
        with open(COVER, "rb") as f:
            self.assertEqual(bytes(cover), f.read())

    def test_audiobookshelf_reads_the_folder(self):
        # Its book scanner: an image named cover.* is the cover, desc.txt the description,
        # the first line of reader.txt the narrators; ffprobe's composer tag also narrators.
        with open(COVER, "rb") as f, open(os.path.join(BOOK, "cover.png"), "rb") as g:
            self.assertEqual(f.read(), g.read())
        self.assertFalse(os.path.exists(os.path.join(BOOK, "cover.jpg")))
        with open(os.path.join(BOOK, "desc.txt"), encoding="utf-8") as f:
            desc = f.read()
        lead = [s["text"] for t in self.manifest["chapters"][0]["turns"] if t["role"] == "narrator"
                for s in t["sentences"]]
        self.assertTrue(lead)
        self.assertTrue(desc.startswith(lead[0]), desc[:200])
        with open(os.path.join(BOOK, "reader.txt"), encoding="utf-8") as f:
            reader = f.read()
        self.assertTrue(reader.endswith("\n") and reader.count("\n") == 1, reader)
        names = [n.strip() for n in reader.strip().removeprefix("eSpeak NG:").split(",")]
        heard = []
        for c in self.manifest["chapters"]:
            for t in c["turns"]:
                if t["name"] not in heard:
                    heard.append(t["name"])
        self.assertEqual(sorted(names), sorted(heard))
        self.assertEqual(names[0], "Диктор")
        self.assertEqual(MP4(M4B).tags["\xa9wrt"], [reader.strip()])

    def test_a_library_folder_as_audiobookshelf_documents_it(self):
        """The edition copied into Author/Title/ (the layout of Audiobookshelf's book
        library documentation), read with the rules of its scanner (scandir.js,
        BookScanner.js, parseNameString.js) as far as this book needs them."""
        library = tempfile.mkdtemp()
        try:
            folder = os.path.join(library, self.manifest["author"], self.manifest["title"])
            os.makedirs(folder)
            for name in (SLUG + ".m4b", "cover.png", "desc.txt", "reader.txt"):
                shutil.copy(os.path.join(BOOK, name), folder)
            audio = [f for f in os.listdir(folder) if f.endswith((".m4b", ".mp3", ".m4a"))]
            self.assertEqual(audio, [SLUG + ".m4b"])  # one track: the whole book
            author, title = os.path.relpath(folder, library).split("/")
            self.assertEqual((author, title), (self.manifest["author"], self.manifest["title"]))
            images = [f for f in os.listdir(folder) if f.endswith((".png", ".jpg"))]
            self.assertEqual([f for f in images if re.fullmatch(r"cover\.[^./]*", f)], ["cover.png"])
            with open(os.path.join(folder, "desc.txt"), encoding="utf-8") as f:
                self.assertTrue(f.read().strip())
            with open(os.path.join(folder, "reader.txt"), encoding="utf-8") as f:
                first = f.read().split("\n")[0].strip()
            chunks = [c.strip() for c in first.split(",")]
            # A first chunk without a space would make the list "Last, First" pairs.
            self.assertIn(" ", chunks[0])
            self.assertEqual(chunks[0], "eSpeak NG: Диктор")
            self.assertEqual(len(chunks), len({t["name"] for c in self.manifest["chapters"] for t in c["turns"]}))
        finally:
            shutil.rmtree(library)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
