#!/usr/bin/env python3
"""List what `briefing import` takes from each web page of a folder: title, publisher, date, url, note.

usage: scripts/html-metadata.py BRIEFING_BIN [HTML_DIR] [--texts DIR]

  BRIEFING_BIN  the `briefing` executable
  HTML_DIR      a folder of .html pages (default: ../shared/dev-articles/html)
  --texts DIR   a folder of the same articles as .txt whose first line is the headline
                (default: the parent of HTML_DIR): each title is compared with it.

Not run by `cargo test`: the development pages are third-party and live outside the repository.
For checking by eye that titles, publishers and dates come out right.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import unicodedata


def norm(s):
    s = unicodedata.normalize("NFKC", s or "")
    for a, b in {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u2013": "-"}.items():
        s = s.replace(a, b)
    return " ".join(s.split()).lower()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("html_dir", nargs="?", default=os.path.join(here, "..", "..", "shared", "dev-articles", "html"))
    ap.add_argument("--texts")
    a = ap.parse_args()
    texts = a.texts or os.path.dirname(os.path.abspath(a.html_dir))
    right = total = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in sorted(os.listdir(a.html_dir)):
            if not name.endswith((".html", ".htm")):
                continue
            out = os.path.join(tmp, name + ".toml")
            run = subprocess.run([a.binary, "import", os.path.join(a.html_dir, name), "-o", out, "--force"],
                                 capture_output=True, text=True)
            if run.returncode != 0:
                print(f"{name}: IMPORT FAILED: {run.stderr.strip()[:200]}")
                continue
            show = subprocess.run([a.binary, "show", out, "--format", "json"], capture_output=True, text=True)
            b = json.loads(show.stdout)
            txt = os.path.join(texts, os.path.splitext(name)[0] + ".txt")
            mark = ""
            if os.path.isfile(txt):
                with open(txt, encoding="utf-8") as f:
                    want = f.readline().strip()
                total += 1
                ok = norm(want) == norm(b.get("title"))
                right += ok
                mark = "  ok" if ok else f"  WANT {want!r}"
            print(f"{name}\n  title     {b.get('title')!r}{mark}\n  publisher {b.get('publisher')!r}"
                  f"\n  published {b.get('published')!r}\n  url       {b.get('url')!r}\n  note      {b.get('note')!r}")
    if total:
        print(f"titles right: {right}/{total}")


if __name__ == "__main__":
    sys.exit(main())
