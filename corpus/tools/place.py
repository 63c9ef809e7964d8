#!/usr/bin/env python3
"""Turn an annotator's draft into mention-level gold: every mention with its offsets.

usage: place.py DRAFT.json TEXT.txt -o GOLD.json

An annotator lists each entity once, by its exact surface text as the document writes it
(see corpus/README.md, "Annotating"). Writing offsets by hand is where annotators slip, so this
tool places them: every occurrence of the text at word boundaries is a mention, longer entries
win over shorter ones they contain (so "Hainan" inside "Hainan Cancer Hospital" is not a GPE
mention), and a mention never crosses a line break. An entry may narrow this:
  "occurrences": [1, 3]   only the first and third occurrence (1-based, in text order)
  "start": 120            exactly this one mention (its "end" is start + len(text))
Relations pass through; their "evidence" (the sentence stating them, copied from the text) is
checked to be in the text. Standard library only: annotators need no installed project.
Prints one line per problem; exits 1 if there is any (the gold file is still written).
"""

import argparse
import json
import re
import sys
from pathlib import Path

DRAFT_ONLY = ("occurrences",)


def occurrences(text: str, raw: str) -> list[int]:
    """Starts of `text` in `raw` at word boundaries (no letter or digit just outside)."""
    pattern = re.compile(r"(?<![0-9A-Za-z])" + re.escape(text) + r"(?![0-9A-Za-z])")
    return [m.start() for m in pattern.finditer(raw)]


def place(draft: dict, raw: str) -> tuple[dict, list[str]]:
    problems: list[str] = []
    taken: list[tuple[int, int]] = []
    mentions: list[dict] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    entries = draft.get("entities", [])
    # Explicit offsets first, then longest texts first: a longer name claims its words.
    order = sorted(range(len(entries)),
                   key=lambda i: ("start" not in entries[i], -len(entries[i].get("text", ""))))
    for i in order:
        entry = entries[i]
        text = entry.get("text", "")
        base = {k: v for k, v in entry.items() if k not in DRAFT_ONLY and k not in ("start", "end")}
        if not text or "\n" in text:
            problems.append(f"entity {text!r}: empty or crosses a line break")
            continue
        if "start" in entry:
            starts = [entry["start"]]
            if raw[entry["start"]:entry["start"] + len(text)] != text:
                problems.append(f"entity {text!r}: not at its start {entry['start']}")
                continue
        else:
            starts = occurrences(text, raw)
            if not starts:
                problems.append(f"entity {text!r}: not found in the text")
                continue
            wanted = entry.get("occurrences")
            if wanted:
                bad = [n for n in wanted if not 1 <= n <= len(starts)]
                if bad:
                    problems.append(f"entity {text!r}: occurrences {bad} (the text has {len(starts)})")
                starts = [starts[n - 1] for n in wanted if 1 <= n <= len(starts)]
        placed = 0
        for s in starts:
            e = s + len(text)
            if free(s, e):
                taken.append((s, e))
                mentions.append({**base, "start": s, "end": e})
                placed += 1
        if not placed:
            problems.append(f"entity {text!r}: every occurrence is inside a longer entity")
    mentions.sort(key=lambda m: m["start"])
    ordered = [{k: m[k] for k in ("text", "label", "start", "end", "canonical") if k in m}
               | {k: v for k, v in m.items() if k not in ("text", "label", "start", "end", "canonical")}
               for m in mentions]
    for r in draft.get("relations", []):
        ev = r.get("evidence")
        if ev and ev not in raw:
            problems.append(f"relation {r.get('head')!r} {r.get('type')} {r.get('tail')!r}: "
                            f"evidence is not in the text verbatim")
    gold = {"doc_id": draft.get("doc_id"), "title": draft.get("title"),
            "published": draft.get("published"), "source": draft.get("source"),
            "entities": ordered, "relations": draft.get("relations", []),
            "aliases": draft.get("aliases", {})}
    return gold, problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("draft", type=Path)
    parser.add_argument("text", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    draft = json.loads(args.draft.read_text(encoding="utf-8"))
    raw = args.text.read_text(encoding="utf-8")
    gold, problems = place(draft, raw)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for p in problems:
        print(f"{args.draft.name}: {p}")
    print(f"{len(gold['entities'])} mentions, {len(gold['relations'])} relations, "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
