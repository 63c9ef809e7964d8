#!/usr/bin/env python3
"""Assemble annotated pages into the training and development splits.

usage: assemble.py STAGING_DIR... [--dev-percent 15]

Each STAGING_DIR holds `texts/`, `gold/` and `manifest.jsonl` as an annotator left them (see
corpus/README.md). A document enters when its gold is there, its mentions sit at their offsets
and it is admitted (admit.py: not reserved, not a test or seed page, not a second copy of a page
already taken, compared in doc_id order). The split is by document and fixed: a document is in
dev when the first byte of sha256(doc_id) falls in the dev share, so adding documents never
moves one from train to dev or back. Rewrites corpus/train and corpus/dev whole.
"""

import argparse
import hashlib
import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from admit import ROOT, norm_url, shingles, verdict  # noqa: E402

SPLITS = ROOT / "corpus"


def in_dev(doc_id: str, percent: int) -> bool:
    return hashlib.sha256(doc_id.encode("utf-8")).digest()[0] * 100 < percent * 256


def offsets_hold(gold: dict, raw: str) -> list[str]:
    problems = [f"entity {e.get('text')!r} not at {e.get('start')}" for e in gold["entities"]
                if raw[e.get("start", 0):e.get("end", 0)] != e.get("text")]
    if any(e.get("start") is None for e in gold["entities"]):
        problems.append("an entity without offsets")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("staging", type=Path, nargs="+")
    parser.add_argument("--dev-percent", type=int, default=15)
    args = parser.parse_args()
    rows = []
    for folder in args.staging:
        for line in (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append((folder, json.loads(line)))
    rows.sort(key=lambda r: r[1]["doc_id"])
    taken, urls, passages, refused = [], set(), set(), []
    for folder, row in rows:
        text_path, gold_path = folder / "texts" / f"{row['doc_id']}.txt", folder / "gold" / f"{row['doc_id']}.json"
        if not (text_path.exists() and gold_path.exists()):
            refused.append((row["doc_id"], "no text or no gold"))
            continue
        raw = text_path.read_text(encoding="utf-8")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        why = "; ".join(offsets_hold(gold, raw)) or verdict(row["url"], raw, [])
        mine = shingles(raw)
        if not why and (norm_url(row["url"]) in urls or mine & passages):
            why = "a second copy of a page already taken"
        if why:
            refused.append((row["doc_id"], why))
            continue
        urls.add(norm_url(row["url"]))
        passages |= mine
        taken.append((folder, row, text_path, gold_path))
    for split in ("train", "dev"):
        shutil.rmtree(SPLITS / split, ignore_errors=True)
        (SPLITS / split / "texts").mkdir(parents=True)
        (SPLITS / split / "gold").mkdir(parents=True)
    manifests = {"train": [], "dev": []}
    for folder, row, text_path, gold_path in taken:
        split = "dev" if in_dev(row["doc_id"], args.dev_percent) else "train"
        shutil.copyfile(text_path, SPLITS / split / "texts" / text_path.name)
        shutil.copyfile(gold_path, SPLITS / split / "gold" / gold_path.name)
        manifests[split].append(row)
    for split, items in manifests.items():
        (SPLITS / split / "manifest.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in items), encoding="utf-8")
    for doc_id, why in refused:
        print(f"refused {doc_id}: {why}")
    print(f"train {len(manifests['train'])}, dev {len(manifests['dev'])}, refused {len(refused)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
