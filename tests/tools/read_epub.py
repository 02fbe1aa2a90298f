#!/usr/bin/env python3
"""Reads an EPUB with Python's own zipfile and XML parsers, independently of dauys,
and prints as JSON what the tests check: the archive's entries in order, the package's
metadata, manifest and spine, the navigation document's table of contents, each
content document's ids, speaker labels and languages, and each media overlay's clips
(in seconds). Any XML that does not parse is an error (exit 1)."""
import hashlib
import json
import posixpath
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

OPF = "{http://www.idpf.org/2007/opf}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SMIL = "{http://www.w3.org/ns/SMIL}"
EPUB = "{http://www.idpf.org/2007/ops}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"


def clock(value):
    """Seconds of a SMIL clock value: h:mm:ss.fff, mm:ss.fff, or a timecount (12.5s, 300ms)."""
    m = re.fullmatch(r"(?:(\d+):)?(\d{2}):(\d{2}(?:\.\d+)?)", value)
    if m:
        return int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(h|min|s|ms)?", value)
    if not m:
        raise ValueError("not a SMIL clock value: " + value)
    scale = {"h": 3600, "min": 60, "s": 1, "ms": 0.001, None: 1}[m.group(2)]
    return float(m.group(1)) * scale


def text_of(element):
    return "".join(element.itertext())


def read_document(z, path):
    root = ET.fromstring(z.read(path))
    ids, spans, labels = [], {}, []
    for e in root.iter():
        if e.get("id"):
            ids.append(e.get("id"))
            if e.tag == XHTML + "span":
                spans[e.get("id")] = {"text": text_of(e), "lang": e.get(XML_LANG)}
        if e.tag == XHTML + "div" and "turn" in (e.get("class") or "").split():
            label = next((s for s in e.iter(XHTML + "span") if s.get("class") == "speaker"), None)
            labels.append({"id": e.get("id"), "class": e.get("class"),
                           "label": text_of(label) if label is not None else None})
    return {"lang": root.get(XML_LANG), "dir": root.get("dir"), "ids": ids, "spans": spans, "turns": labels}


def read_overlay(z, path):
    root = ET.fromstring(z.read(path))
    base = posixpath.dirname(path)
    pars = []
    for par in root.iter(SMIL + "par"):
        text = par.find(SMIL + "text")
        audio = par.find(SMIL + "audio")
        pars.append({"text": posixpath.normpath(posixpath.join(base, text.get("src"))),
                     "audio": posixpath.normpath(posixpath.join(base, audio.get("src"))),
                     "begin": clock(audio.get("clipBegin")), "end": clock(audio.get("clipEnd"))})
    return pars


def read_nav(z, path):
    root = ET.fromstring(z.read(path))
    base = posixpath.dirname(path)

    def entries(ol):
        out = []
        for li in ol.findall(XHTML + "li"):
            a = li.find(XHTML + "a")
            sub = li.find(XHTML + "ol")
            out.append({"label": text_of(a), "href": posixpath.normpath(posixpath.join(base, a.get("href"))),
                        "children": entries(sub) if sub is not None else []})
        return out

    for nav in root.iter(XHTML + "nav"):
        if nav.get(EPUB + "type") == "toc":
            return entries(nav.find(XHTML + "ol"))
    return []


def main(path):
    z = zipfile.ZipFile(path)
    entries = [{"name": i.filename, "method": i.compress_type, "extra": len(i.extra), "date": list(i.date_time),
                "sha256": hashlib.sha256(z.read(i)).hexdigest()} for i in z.infolist()]
    container = ET.fromstring(z.read("META-INF/container.xml"))
    opf_path = container.find(".//" + CONTAINER + "rootfile").get("full-path")
    base = posixpath.dirname(opf_path)
    opf = ET.fromstring(z.read(opf_path))
    metadata = opf.find(OPF + "metadata")
    meta = [{"property": m.get("property"), "refines": m.get("refines"), "text": m.text}
            for m in metadata.findall(OPF + "meta")]
    dc = [{"name": e.tag.split("}")[1], "text": e.text} for e in metadata if e.tag.startswith("{http://purl.org/dc")]
    items = {}
    for item in opf.find(OPF + "manifest"):
        items[item.get("id")] = {"href": posixpath.normpath(posixpath.join(base, item.get("href"))),
                                 "media_type": item.get("media-type"), "properties": item.get("properties"),
                                 "overlay": item.get("media-overlay")}
    spine = opf.find(OPF + "spine")
    chapters = []
    for ref in spine.findall(OPF + "itemref"):
        item = items[ref.get("idref")]
        chapter = {"href": item["href"], "document": read_document(z, item["href"])}
        if item["overlay"]:
            chapter["overlay"] = items[item["overlay"]]["href"]
            chapter["overlay_id"] = item["overlay"]
            chapter["pars"] = read_overlay(z, chapter["overlay"])
        chapters.append(chapter)
    nav = next(i["href"] for i in items.values() if "nav" in (i["properties"] or "").split())
    print(json.dumps({"entries": entries, "meta": meta, "dc": dc, "items": items,
                      "page_progression": spine.get("page-progression-direction"),
                      "package_lang": opf.get(XML_LANG), "toc": read_nav(z, nav), "chapters": chapters},
                     ensure_ascii=False))


if __name__ == "__main__":
    try:
        main(sys.argv[1])
    except Exception as e:  # noqa: BLE001 - any failure to read is the test's failure
        print("read_epub.py: %s: %s" % (sys.argv[1], e), file=sys.stderr)
        sys.exit(1)
