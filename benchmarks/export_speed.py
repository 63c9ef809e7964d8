"""How long exporting N documents takes beside extracting them (run by hand, not in the tests).

    .venv/bin/python benchmarks/export_speed.py [--docs 1000] [--pg-url URL | --no-pg]

Builds N documents (the seed texts, and short articles made of the test fixtures' sentences,
alternately, each with its own doc_id), extracts them with `pipeline.Extractor` (the model loaded
once, its load time reported apart), then exports the records into a new SQLite file and, when a
server answers, into a new PostgreSQL schema (dropped afterwards); then exports them again
(everything unchanged) and once more with every record changed (everything replaced).
Prints seconds and documents per second for each, and export time as a share of extraction.
"""

import argparse
import hashlib
import json
import os
import platform
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from consortia.config import load_settings  # noqa: E402
from consortia.export.db import open_database  # noqa: E402
from consortia.export.load import export_records  # noqa: E402
from consortia.pipeline import Extractor, Source  # noqa: E402

DEFAULT_PG = os.environ.get("CONSORTIA_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def corpus(n: int) -> list[Source]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "raw").glob("*.txt"))]
    sentences = []
    for f in sorted((ROOT / "tests" / "fixtures").rglob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                sentences.append(json.loads(line)["text"])
    out = []
    for i in range(n):
        if i % 2 == 0 or not sentences:
            raw = seeds[(i // 2) % len(seeds)]
        else:  # an article of 12 fixture sentences in 4 paragraphs, a different mix each time
            picked = [sentences[(i * 7 + k * 13) % len(sentences)] for k in range(12)]
            raw = f"News item {i}\n\n" + "\n\n".join(" ".join(picked[k:k + 3]) for k in range(0, 12, 3))
        sha = hashlib.sha256(raw.encode("utf-8")).hexdigest()
        out.append(Source(doc_id=f"bench_{i:05d}", source_path=f"bench/{i:05d}.txt", sha256=sha,
                          raw=raw, encoding="utf-8"))
    return out


def timed(label: str, fn, n: int, reference: float | None = None) -> float:
    started = time.perf_counter()
    fn()
    seconds = time.perf_counter() - started
    share = f"   {100 * seconds / reference:5.1f}% of extraction" if reference else ""
    print(f"  {label:<38} {seconds:8.2f} s  {n / seconds:9.1f} docs/s{share}", flush=True)
    return seconds


def export_into(url: str, label: str, records, changed, extraction: float) -> None:
    engine = open_database(url)
    try:
        timed(f"{label}: export (new database)", lambda: export_records(engine, records), len(records), extraction)
        timed(f"{label}: export again (unchanged)", lambda: export_records(engine, records), len(records), extraction)
        timed(f"{label}: export changed (replace)", lambda: export_records(engine, changed), len(records), extraction)
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--pg-url", default=DEFAULT_PG)
    parser.add_argument("--no-pg", action="store_true")
    args = parser.parse_args()

    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.2f} at start")
    sources = corpus(args.docs)
    words = sum(len(s.raw.split()) for s in sources)
    print(f"{len(sources)} documents, {words} words")
    started = time.perf_counter()
    extractor = Extractor(load_settings())
    print(f"  {'model and rules loaded':<38} {time.perf_counter() - started:8.2f} s")
    records = []
    extraction = timed("extraction (Extractor.process)", lambda: records.extend(extractor.process(sources)),
                       len(sources))
    print(f"  ({sum(len(r.entities) for r in records)} entities, "
          f"{sum(len(r.relations) for r in records)} relations)")
    changed = [r.model_copy(update={"sha256": hashlib.sha256(r.sha256.encode()).hexdigest()}) for r in records]

    with tempfile.TemporaryDirectory() as tmp:
        export_into(f"sqlite:///{Path(tmp) / 'bench.db'}", "SQLite", records, changed, extraction)
    if args.no_pg:
        return
    try:
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        admin = create_engine(args.pg_url)
        schema = f"consortia_bench_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as err:  # a benchmark on a machine without a server: say so and stop
        print(f"  PostgreSQL: not reachable at {args.pg_url} ({type(err).__name__}); skipped")
        return
    try:
        url = make_url(args.pg_url).update_query_dict({"options": f"-csearch_path={schema}"})
        export_into(url.render_as_string(hide_password=False), "PostgreSQL", records, changed, extraction)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


if __name__ == "__main__":
    main()
