"""The annotated corpora as the models see them: the cleaned text, with gold mentions moved
from raw offsets to clean offsets.

The pipeline runs its models on the clean text (page furniture cut, whitespace collapsed), so
training on the same text keeps what the models see at training and at run time alike. A gold
mention whose characters cleaning removed (one in a menu, say) has no place in the clean text
and is left out; so is one whose span cleaning changed inside (collapsed double spaces).
"""

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..clean import Cleaned
from ..models import GoldDocument

ROOT = Path(__file__).resolve().parents[3]
SPLITS = {name: ROOT / "corpus" / name for name in ("train", "dev")}
SEEDS = ROOT / "corpus" / "raw", ROOT / "corpus" / "gold"  # the five seed articles, mention-level gold


@dataclass
class Annotated:
    """One document: its cleaned text and gold, with mentions in clean offsets."""

    doc_id: str
    raw: str
    cleaned: Cleaned
    gold: GoldDocument
    mentions: list[tuple[int, int, str, str]]  # (start, end, label, canonical) in the clean text
    lost: int  # gold mentions with no place in the clean text


def load_split(name_or_path: str | Path) -> list[tuple[str, str, GoldDocument]]:
    """(doc_id, raw, gold) for every gold file of a split, in doc_id order; "seeds" are the
    five seed articles."""
    if str(name_or_path) == "seeds":
        texts, golds = SEEDS
    else:
        folder = SPLITS.get(str(name_or_path), Path(name_or_path))
        texts, golds = folder / "texts", folder / "gold"
    out = []
    for gold_path in sorted(golds.glob("*.json")):
        gold = GoldDocument.model_validate_json(gold_path.read_text(encoding="utf-8"))
        raw = (texts / f"{gold.doc_id}.txt").read_text(encoding="utf-8")
        out.append((gold.doc_id, raw, gold))
    return out


def clean_offsets(cleaned: Cleaned) -> dict[int, int]:
    """Raw index -> clean index for every character cleaning kept."""
    return {raw_i: clean_i for clean_i, raw_i in enumerate(cleaned.offsets)}


def annotate(doc_id: str, raw: str, gold: GoldDocument, clean) -> Annotated:
    cleaned = clean(raw)
    where = clean_offsets(cleaned)
    mentions, lost = [], 0
    for e in gold.entities:
        if e.start is None:
            continue
        s, t = where.get(e.start), where.get(e.end - 1)
        if s is None or t is None or cleaned.text[s:t + 1] != e.text:
            lost += 1
            continue
        mentions.append((s, t + 1, e.label, e.canonical))
    return Annotated(doc_id, raw, cleaned, gold, mentions, lost)


def manifest(split: str) -> list[dict]:
    path = SPLITS[split] / "manifest.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


PLACES = ROOT / "pipelines" / "entities" / "places.json"
_OFFSHORE = {"Hong Kong", "Macao", "Macau", "Taiwan"}


@lru_cache(maxsize=1)
def _place_patterns() -> tuple[re.Pattern, re.Pattern]:
    provinces = json.loads(PLACES.read_text(encoding="utf-8"))["provinces"]
    names = {"China", "Chinese"}
    for p in provinces:
        if p["name"] in _OFFSHORE:
            continue
        names |= {p["name"], *p["variants"]}
        for entry in p["prefectures"] + p["county_level_cities"]:
            names |= set(entry.split("|"))
    word = lambda ns: re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, ns), key=len, reverse=True)) + r")\b")
    return word(names), word(_OFFSHORE)


def mainland_page(raw: str) -> bool:
    """A page about mainland China, the stream the pipeline serves: at least three mentions of
    China or its mainland provinces and cities (pipelines/entities/places.json), more than of
    Hong Kong, Macao and Taiwan."""
    mainland, offshore = (len(p.findall(raw)) for p in _place_patterns())
    return mainland >= 3 and mainland > offshore
