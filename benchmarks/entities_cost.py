"""What the entity and normalize components cost beside the spaCy model (run by hand).

    .venv/bin/python benchmarks/entities_cost.py [--docs 400] [--repeat 3]

Texts: the seeds' clean text and the entity fixture sentences (as paragraphs), repeated to
--docs documents. Measured on the same texts in one process: (a) the model alone,
`spacy.load(model).pipe(texts)`; (b) the same model plus `consortia_entities` and
`consortia_normalize` as configured in pipelines/default.cfg. Each is timed --repeat times,
alternating, and the fastest run counts; times are CPU seconds of the process. Because (b) - (a)
is small beside the noise of a shared machine, (c) times the two components alone on copies of
the model's documents. Target: (b) at most 15% slower than (a).
"""

import argparse
import json
import os
import platform
import time
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from consortia.config import load_settings
from consortia.pipeline import build_clean

ROOT = Path(__file__).resolve().parents[1]


def corpus(n: int) -> list[str]:
    settings = load_settings()
    clean = build_clean(settings)
    texts = [clean(p.read_text(encoding="utf-8")).text for p in sorted((ROOT / "corpus" / "raw").glob("*.txt"))]
    lines = [json.loads(x)["text"] for x in (ROOT / "tests" / "fixtures" / "entities" / "sentences.jsonl")
             .read_text(encoding="utf-8").splitlines() if x.strip()]
    texts += ["\n".join(lines[i:i + 6]) for i in range(0, len(lines), 6)]
    return [texts[i % len(texts)] for i in range(n)]


def timed(nlp, texts: list[str]) -> float:
    """CPU seconds of this process: other work on a shared machine does not count."""
    start = time.process_time()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.process_time() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    settings = load_settings()
    model = settings.pipeline.model
    bare = spacy.load(model, exclude=settings.pipeline.exclude)
    full = spacy.load(model, exclude=settings.pipeline.exclude)
    for stage in ("entities", "normalize"):
        cfg = {k: v for k, v in settings.components[stage].items() if k != "factory"}
        full.add_pipe(settings.components[stage]["factory"], name=stage, config=cfg)
    # The texts repeat, so normalize's memo of parsed date strings would hit far more often than
    # on real news: measure without it.
    normalizer = full.get_pipe("normalize").__wrapped__
    normalizer.parse = normalizer.parser.get_date_data
    texts = corpus(args.docs)
    words = sum(len(t.split()) for t in texts)
    timed(bare, texts[:20]), timed(full, texts[:20])  # warm up: lazy loads, caches
    a, b = [], []
    for _ in range(args.repeat):
        a.append(timed(bare, texts))
        b.append(timed(full, texts))
    ta, tb = min(a), min(b)
    # The end-to-end difference is small beside the noise of a shared machine, so the
    # components are also timed on their own, on copies of the model's documents.
    blob = DocBin(store_user_data=True, docs=bare.pipe(texts, batch_size=32)).to_bytes()
    procs = [full.get_pipe("entities"), full.get_pipe("normalize")]
    c = []
    for _ in range(args.repeat):
        docs = list(DocBin().from_bytes(blob).get_docs(full.vocab))
        start = time.process_time()
        for doc in docs:
            for proc in procs:
                doc = proc(doc)
        c.append(time.process_time() - start)
    tc = min(c)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, spaCy {spacy.__version__}, model {model}")
    print(f"texts: {len(texts)} documents, {words} words")
    print(f"(a) model alone:                {ta:7.2f} CPU s  {words / ta:8.0f} words/s")
    print(f"(b) model + entities+normalize: {tb:7.2f} CPU s  {words / tb:8.0f} words/s")
    print(f"extra time, (b) against (a):  {100 * (tb - ta) / ta:+.1f}% (target <= 15%)")
    print(f"(c) the two components alone on the model's documents: {tc:.2f} CPU s = "
          f"{100 * tc / ta:.1f}% of (a)")


if __name__ == "__main__":
    main()
