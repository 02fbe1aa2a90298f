#!/usr/bin/env python3
"""Turns apertium-kaz's numeral tests into rows of dauys's normalization table.

apertium-kaz (a Kazakh morphological analyser written by Kazakh linguists) tests its
numeral transducer with pairs of an analysis and a written form:

    40<num><subst><dat> : "40-қа"
    6<num><coll><px3sp><nom> : "6-ауы"
    12<num><percent><subst><acc> : "12%-ды"

This script reads those files (dev/numerals/numerals.yaml, collective.yaml,
percents.yaml of the public repository apertium/apertium-kaz) and writes one row per
pair: the written form and the form a newsreader says, composed here from the
analysis with the textbook rules of Kazakh morphology (number words, case and
possessive endings by the last sound and vowel harmony), independently of dauys's own
code. The written forms come from apertium; the rows are regenerated with

    tests/tools/apertium_numerals.py APERTIUM_KAZ/dev/numerals > tests/data/normalize_cases.apertium.tsv
"""
import re
import sys
from pathlib import Path

UNITS = ["", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз"]
TENS = ["", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан"]
FRONT = set("әеөүіи")
BACK = set("аоұы")
VOWELS = FRONT | BACK | set("уэюя")
VOICELESS = set("пфктшщсхцчқ")


def words(n):
    if n == 100:
        return "жүз"
    parts = [TENS[n // 10], UNITS[n % 10]]
    return " ".join(p for p in parts if p)


def front(word):
    for c in reversed(word):
        if c in FRONT:
            return True
        if c in BACK:
            return False
    return False


def last_class(word):
    c = word[-1]
    if c in VOWELS and c != "у":
        return "vowel"
    if c in "руй":
        return "ryu"
    if c in "лзж":
        return "lzzh"
    if c in "мнң":
        return "mnng"
    return "voiceless"


def harmonize(ending, is_front):
    back_to_front = str.maketrans("аыұоқғ", "еіүөкг")
    front_to_back = str.maketrans("еіүөкг", "аыұоқғ")
    return ending.translate(back_to_front if is_front else front_to_back)


def case(word, tag):
    """The word with a case ending: acc, abl, dat (nom: as it is)."""
    cls, f = last_class(word), front(word)
    if tag == "acc":
        e = {"vowel": "ны", "voiceless": "ты"}.get(cls, "ды")
    elif tag == "abl":
        e = {"mnng": "нан", "voiceless": "тан"}.get(cls, "дан")
    elif tag == "dat":
        e = "қа" if cls == "voiceless" else "ға"
    else:
        return word
    return word + harmonize(e, f)


def possessive(word):
    """The third-person possessive; қырық drops its second vowel before a vowel."""
    f = front(word)
    if last_class(word) == "vowel":
        return word + harmonize("сы", f)
    if word.endswith("қырық"):
        word = word[: -len("қырық")] + "қырқ"
    return word + harmonize("ы", f)


def possessive_case(word, tag):
    """After a possessive the endings take the pronominal н."""
    p = possessive(word)
    f = front(p)
    return p + harmonize({"nom": "", "acc": "н", "abl": "нан", "dat": "на"}[tag], f)


def collective(n):
    stem = words(n)
    if stem[-1] in VOWELS:
        stem = stem[:-1]
    return stem + ("ау" if not front(words(n)) else "еу")


def spoken(number, tags):
    n = int(number)
    tag_list = re.findall(r"<([^>]+)>", tags)
    kase = next((t for t in tag_list if t in ("nom", "acc", "abl", "dat", "advl")), "nom")
    px = "px3sp" in tag_list
    if "coll" in tag_list:
        word = collective(n)
        if px:
            return possessive_case(word, kase if kase != "advl" else "nom")
        return case(word, kase) if kase != "advl" else word
    if "percent" in tag_list:
        word = words(n) + " пайыз"
    else:
        word = words(n)
    return possessive_case(word, kase) if px else case(word, kase)


def main():
    folder = Path(sys.argv[1])
    print("# apertium-kaz's numeral tests (apertium/apertium-kaz, dev/numerals/*.yaml): written form")
    print("# from apertium, spoken form composed by tests/tools/apertium_numerals.py from the analysis.")
    seen = set()
    for name in ("numerals.yaml", "collective.yaml", "percents.yaml"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            m = re.match(r'\s*(\d+)(<[^:]*>)\s*:\s*"([^"]+)"', line)
            if not m:
                continue
            number, tags, written = m.groups()
            if written in seen:
                continue
            seen.add(written)
            category = "apertium-" + name.split(".")[0]
            print(f"{category}\t{written}\t{spoken(number, tags)}")


if __name__ == "__main__":
    main()
