#!/usr/bin/env python3
"""May a page enter the training or development corpus?

usage: admit.py URL TEXT.txt [--corpus DIR ...]

A page is refused when its URL is reserved for the independent test set (../shared/tools/
reserved.py), when it is a page of the test split (same URL, or a text that shares a long
passage with a test or seed text), or when the corpus already holds it (same URL or a shared
passage: mirrors of one story count once). Prints "admit" or "refuse: why"; exits 1 on refuse.
Run while the corpus is built, never at run or test time (it reads ../shared when present).
"""

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SHINGLE = 12  # words: a 12-word run in common is the same story, not a shared phrase


def norm_url(url: str) -> str:
    url = re.sub(r"^[a-z]+://", "", url.strip().lower())
    return url.removeprefix("www.").rstrip("/")


def shingles(text: str) -> set[int]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {hash(" ".join(words[i:i + SHINGLE])) for i in range(max(0, len(words) - SHINGLE + 1))}


def known_pages(corpora: list[Path]) -> list[tuple[str, str, Path | None]]:
    """(normalised url, where, text path) of every page the new one must not repeat."""
    pages = []
    for manifest in [SHARED / "dev" / "manifest.jsonl", ROOT / "corpus" / "test" / "manifest.jsonl"]:
        if manifest.exists():
            for line in manifest.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    pages.append((norm_url(row["url"]), "the test split",
                                  manifest.parent / "texts" / f"{row['doc_id']}.txt"))
    for seed in sorted((ROOT / "corpus" / "raw").glob("*.txt")):
        pages.append(("", "a seed text", seed))
    for corpus in corpora:
        for manifest in sorted(corpus.rglob("manifest*.jsonl")):
            for line in manifest.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    pages.append((norm_url(row["url"]), f"{row['doc_id']} in {corpus.name}",
                                  manifest.parent / "texts" / f"{row['doc_id']}.txt"))
    return pages


def verdict(url: str, text: str, corpora: list[Path]) -> str | None:
    reserved = SHARED / "tools" / "reserved.py"
    if not reserved.exists():
        return "../shared/tools/reserved.py is missing: cannot check the reserved list"
    if subprocess.run([sys.executable, str(reserved), url], capture_output=True).returncode:
        return "reserved for the independent test set"
    mine = shingles(text)
    for other_url, where, path in known_pages(corpora):
        if other_url and other_url == norm_url(url):
            return f"same URL as {where}"
        if path and path.exists() and mine & shingles(path.read_text(encoding="utf-8", errors="replace")):
            return f"shares a passage with {where}"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("text", type=Path)
    parser.add_argument("--corpus", type=Path, action="append",
                        default=[ROOT / "corpus" / "incoming", ROOT / "corpus" / "train", ROOT / "corpus" / "dev",
                                 ROOT / "corpus" / "history"])
    args = parser.parse_args()
    text = args.text.read_text(encoding="utf-8")
    # The page being admitted may already sit in a corpus folder: do not compare it with itself.
    why = verdict(args.url, text, args.corpus)
    print("admit" if why is None else f"refuse: {why}")
    return 0 if why is None else 1


if __name__ == "__main__":
    sys.exit(main())
