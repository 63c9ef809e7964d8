"""The recogniser's training data: gold pages, and rehearsal pages the base model labels."""

import spacy

from consortia.training import ner

TEXTS = {
    "a.txt": "Li Ming, president of Xinghe Hospital, visited Lanbo on May 5, 2019.",
    "b.txt": "The Lanbo Health Commission invested 5 million yuan in Xinghe Hospital.",
    "c.txt": "About 200 Americans and Buddhists met in Lanbo.",
}


def _config(tmp_path, share: float):
    folder = tmp_path / "rehearsal"
    folder.mkdir(exist_ok=True)
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    cfg = spacy.util.load_config(ner.CONFIG)
    cfg["rehearsal"] = {"texts": str(folder), "share": share}
    path = tmp_path / "train.cfg"
    cfg.to_disk(path)
    return path


def test_rehearsal_pages_carry_the_base_models_five_labels_only(settings, tmp_path, monkeypatch):
    monkeypatch.setattr(ner, "CONFIG", _config(tmp_path, 0.5))
    docs = ner.rehearsal_docs(settings, 4)  # half a page per training page: two, in name order
    assert [d.text for d in docs] == [TEXTS["a.txt"], TEXTS["b.txt"]]
    labels = {e.label_ for d in docs for e in d.ents}
    assert labels and labels <= set(ner.LABELS)
    assert any(e.label_ == "MONEY" and e.text == "5 million yuan" for e in docs[1].ents)
    # Every token is labelled (an entity or outside): nothing left as "missing" to the trainer.
    assert all(t.ent_iob_ in ("B", "I", "O") for d in docs for t in d)


def test_no_rehearsal_at_share_zero(settings, tmp_path, monkeypatch):
    monkeypatch.setattr(ner, "CONFIG", _config(tmp_path, 0.0))
    assert ner.rehearsal_docs(settings, 500) == []


def test_the_shipped_config_names_a_rehearsal_folder_that_exists():
    cfg = spacy.util.load_config(ner.CONFIG)["rehearsal"]
    assert (ner.ROOT / cfg["texts"]).is_dir() or float(cfg["share"]) == 0


def test_training_leaves_the_parse_and_tok2vec_as_the_base_model_has_them():
    """`consortia train` fits the relation classifier on a copy of these parts while the
    recogniser trains (training/schedule.py): only the recogniser may change."""
    config = spacy.util.load_config(ner.CONFIG)
    frozen = set(config["training"]["frozen_components"])
    assert {"tok2vec", "tagger", "parser"} <= frozen
    base = spacy.util.get_model_meta(spacy.util.get_package_path(ner.base_model()))
    base_dir = spacy.util.get_package_path(ner.base_model()) / f"{ner.base_model()}-{base['version']}"
    for component in ("tok2vec", "tagger", "parser"):
        for part in sorted((ner.MODEL / component).iterdir()):
            assert part.read_bytes() == (base_dir / component / part.name).read_bytes(), part
