#!/usr/bin/env python3
"""Inter-annotator agreement: a second, blind annotation against the first.

usage: agreement.py SECOND_GOLD_DIR FIRST_GOLD_DIR...

For every document of SECOND_GOLD_DIR found in one of the FIRST dirs, F1 between the two
(symmetric: either can be the reference) on entity mentions (label and offsets equal), on
entities per document (label and folded canonical, aliases of either side count), and on
relations (head, type, tail folded; partner_of in either order), as the project scores.
Prints one line per document where the two differ on relations, then the totals.
"""

import json
import re
import sys
from pathlib import Path

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def fold(name: str) -> str:
    text = re.sub(r"\s+", " ", name.translate(_QUOTES)).strip().strip(".,;:\"'()[]").strip()
    text = re.sub(r"^the\s+", "", text, flags=re.I)
    return re.sub(r"'s$", "", text, flags=re.I).casefold()


def names(gold: dict) -> dict[str, set[str]]:
    """Folded canonical -> every folded form of that entity (canonical, mentions, aliases)."""
    forms: dict[str, set[str]] = {}
    for e in gold["entities"]:
        forms.setdefault(fold(e["canonical"]), set()).update({fold(e["canonical"]), fold(e["text"])})
    for canonical, alts in (gold.get("aliases") or {}).items():
        forms.setdefault(fold(canonical), {fold(canonical)}).update(fold(a) for a in alts)
    return forms


def f1(tp: int, a: int, b: int) -> float:
    return 2 * tp / (a + b) if a + b else 1.0


def main() -> int:
    second, firsts = Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]]
    tot = {"mention": [0, 0, 0], "document": [0, 0, 0], "relation": [0, 0, 0]}
    docs = 0
    for path in sorted(second.glob("*.json")):
        first_path = next((f / path.name for f in firsts if (f / path.name).exists()), None)
        if first_path is None:
            continue
        docs += 1
        a, b = json.loads(first_path.read_text()), json.loads(path.read_text())
        ma = {(e["label"], e["start"], e["end"]) for e in a["entities"]}
        mb = {(e["label"], e["start"], e["end"]) for e in b["entities"]}
        tot["mention"] = [x + y for x, y in zip(tot["mention"], (len(ma & mb), len(ma), len(mb)))]
        fa, fb = names(a), names(b)
        da = {(e["label"], fold(e["canonical"])) for e in a["entities"]}
        db = {(e["label"], fold(e["canonical"])) for e in b["entities"]}
        hit = sum(1 for lab, c in da if any(lab == l2 and fa.get(c, {c}) & fb.get(c2, {c2}) for l2, c2 in db))
        tot["document"] = [x + y for x, y in zip(tot["document"], (hit, len(da), len(db)))]

        def triples(g, forms):
            return [(forms.get(fold(r["head"]), {fold(r["head"])}), r["type"], forms.get(fold(r["tail"]), {fold(r["tail"])}))
                    for r in g["relations"]]

        ra, rb = triples(a, {**fb, **fa}), triples(b, {**fa, **fb})
        same = lambda x, y: x[1] == y[1] and ((x[0] & y[0] and x[2] & y[2]) or (x[1] == "partner_of" and x[0] & y[2] and x[2] & y[0]))
        hit = sum(1 for x in ra if any(same(x, y) for y in rb))
        tot["relation"] = [x + y for x, y in zip(tot["relation"], (hit, len(ra), len(rb)))]
        if hit != len(ra) or hit != len(rb):
            print(f"{path.stem}: relations first {len(ra)}, second {len(rb)}, shared {hit}")
    print(f"{docs} documents annotated twice")
    for what, (tp, na, nb) in tot.items():
        print(f"{what:9} F1 {f1(tp, na, nb):.3f}  (shared {tp}, first {na}, second {nb})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
