"""Fine-tune the entity recogniser (pipelines/ner/train.cfg) on corpus/train, tuned on corpus/dev.

The documents are the clean texts the pipeline gives the model (training/corpus.py), tokenised by
the base model's tokenizer, with the gold mentions as entities and every other token outside
one, so the recogniser learns this project's five labels and its span conventions (no title in
a PERSON, a place inside an organisation's name is part of the ORG).

Pseudo-rehearsal guards what the base model knew: pages with no gold (corpus/rehearsal) join
the training documents labelled by the base model's own recogniser, its five labels kept
(`[rehearsal]` in the training config says where and how many; `share = 0` turns it off).
"""

import logging
import random
import shutil
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

from ..config import Settings
from ..pipeline import build_clean
from .cards import write_ner_card
from .corpus import ROOT, annotate, load_split

log = logging.getLogger(__name__)
CONFIG = ROOT / "pipelines" / "ner" / "train.cfg"
MODEL = ROOT / "pipelines" / "ner" / "model"


def gold_doc(nlp, text: str, mentions) -> tuple[Doc, int]:
    """A Doc of `text` with the mentions as entities; (doc, mentions that fit no token span)."""
    doc = nlp.make_doc(text)
    spans, misfit, last_end = [], 0, -1
    for start, end, label, _ in sorted(mentions):
        span = doc.char_span(start, end, label=label, alignment_mode="contract")
        if span is None or span.start < last_end or not len(span):
            misfit += 1
            continue
        spans.append(span)
        last_end = span.end
    doc.set_ents(spans, default="outside")
    return doc, misfit


LABELS = ("ORG", "PERSON", "GPE", "DATE", "MONEY")


def base_model() -> str:
    """The pipeline the recogniser is fine-tuned from ([paths] base of the training config)."""
    return spacy.util.load_config(CONFIG)["paths"]["base"]


def rehearsal_docs(settings: Settings, n_train: int) -> list[Doc]:
    """The rehearsal pages as Docs labelled by the base recogniser: `share` of them per training
    document, the first in file-name order (the choice is fixed, so training stays repeatable)."""
    cfg = spacy.util.load_config(CONFIG).get("rehearsal", {})
    want = round(n_train * float(cfg.get("share", 0)))
    if not want:
        return []
    paths = sorted((ROOT / cfg["texts"]).glob("*.txt"))[:want]
    base, clean = spacy.load(base_model()), build_clean(settings)
    docs = []
    for doc in base.pipe(clean(p.read_text(encoding="utf-8")).text for p in paths):
        doc.set_ents([e for e in doc.ents if e.label_ in LABELS], default="outside")
        docs.append(doc)
    return docs


def build_docbins(settings: Settings, out: Path, *, fraction: float = 1.0, seed: int = 0) -> dict:
    """corpus/train and corpus/dev as DocBins in `out`; `fraction` keeps that share of the
    training documents (a learning curve), drawn with a fixed seed."""
    nlp = spacy.load(base_model(), exclude=["ner"])  # its tokenizer is the trained pipeline's
    clean = build_clean(settings)
    counts = {}
    out.mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev"):
        docs = load_split(split)
        if split == "train" and fraction < 1.0:
            docs = sorted(random.Random(seed).sample(docs, max(1, round(len(docs) * fraction))))
        rehearsal = []
        if split == "train":
            rehearsal = rehearsal_docs(settings, len(docs))
            # The project's own examples, repeated so that the recogniser keeps them among
            # hundreds of pages ([seeds] copies in the training config).
            docs += load_split("seeds") * int(spacy.util.load_config(CONFIG).get("seeds", {}).get("copies", 1))
        bin_, mentions, misfit, lost = DocBin(store_user_data=False), 0, 0, 0
        for doc_id, raw, gold in docs:
            ann = annotate(doc_id, raw, gold, clean)
            doc, bad = gold_doc(nlp, ann.cleaned.text, ann.mentions)
            bin_.add(doc)
            mentions += len(ann.mentions) - bad
            misfit += bad
            lost += ann.lost
        for doc in rehearsal:
            bin_.add(doc)
        bin_.to_disk(out / f"{split}.spacy")
        counts[split] = {"documents": len(docs), "mentions": mentions, "misfit": misfit,
                         "lost_in_cleaning": lost}
        if rehearsal:
            counts[split]["rehearsal"] = {"documents": len(rehearsal),
                                          "mentions": sum(len(d.ents) for d in rehearsal)}
    return counts


def empty_string_table(model: Path) -> None:
    """Ship the pipeline without its string table. The table only maps hashes back to the words
    the training pages (and the base model) met, so it would carry their names, the seeds'
    among them; the components read hashes and add the strings they need as texts are read
    (the output of the seeds and corpus/dev is byte for byte the same without it)."""
    (model / "vocab" / "strings.json").write_text("[]\n", encoding="utf-8")


def train(settings: Settings, work: Path, *, fraction: float = 1.0, output: Path = MODEL) -> dict:
    """Build the corpora, train, and copy the best model (by dev F1) to `output`."""
    from spacy.cli.train import train as spacy_train

    counts = build_docbins(settings, work / "corpus", fraction=fraction)
    spacy_train(CONFIG, work / "run", use_gpu=-1, overrides={
        "paths.train": str(work / "corpus" / "train.spacy"),
        "paths.dev": str(work / "corpus" / "dev.spacy")})
    best = work / "run" / "model-best"
    meta = spacy.load(best).meta
    if output.exists():
        shutil.rmtree(output)
    shutil.copytree(best, output)
    empty_string_table(output)
    result = {"corpus": counts, "dev": meta.get("performance", {})}
    write_ner_card(output, result)
    return result
