#!/usr/bin/python3
"""Prints the ID3 frames of MP3 files as JSON, read by mutagen (an independent reader).

Usage: read_tags.py FILE...  ->  {"FILE": {"version": [2, 4, 0], "TIT2": ["..."], ...}}
"""
import json
import sys

from mutagen.id3 import ID3


def frames(path):
    tag = ID3(path)
    out = {"version": list(tag.version)}
    for frame in tag.values():
        key = frame.FrameID
        if key == "COMM":
            out.setdefault("COMM", []).append({"lang": frame.lang, "text": [str(t) for t in frame.text]})
        elif key == "APIC":
            out.setdefault("APIC", []).append({"type": int(frame.type), "mime": frame.mime, "size": len(frame.data)})
        elif key == "CHAP":
            out.setdefault("CHAP", []).append({
                "id": frame.element_id, "start": frame.start_time, "end": frame.end_time,
                "title": [str(t) for t in frame.sub_frames["TIT2"].text] if "TIT2" in frame.sub_frames else []})
        elif key == "CTOC":
            out.setdefault("CTOC", []).append({
                "id": frame.element_id, "flags": int(frame.flags), "children": list(frame.child_element_ids)})
        elif hasattr(frame, "text"):
            out[key] = [str(t) for t in frame.text]
    return out


print(json.dumps({path: frames(path) for path in sys.argv[1:]}, ensure_ascii=False))
