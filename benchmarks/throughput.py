"""Throughput and memory of `consortia run` against the bare spaCy model, on the same texts.

Run by hand (not part of the test suite):

    .venv/bin/python benchmarks/throughput.py --docs 1000 10000

For each corpus size N it writes N documents (the seed texts and every *.txt test fixture,
repeated, each copy made unique by a last "Ref." line so that none is folded in as a duplicate),
then measures, each in a fresh process and timed from process start to exit:
  (a) bare spaCy: `spacy.load(model)` and `nlp.pipe(texts)` with the model's default components,
      on the raw texts;
  (b) `consortia run DIR -o OUT --workers 1` (reading, cleaning, all stages, writing JSONL);
  (c) the same with `--workers 2` (or --workers).
It prints words/s and docs/s (words: whitespace-separated, of the raw texts), b/a and c/b, and the
peak resident memory of each run's process tree (sampled every 20 ms), and compares the peak at
the largest N with the smallest. Targets (issue 9): b/a >= 0.9, c/b >= 1.7 on two cores, peak RSS
at 10,000 documents within 10% of that at 1,000. The load average is printed before and after:
other work on the machine skews every figure. CPU seconds (user + system, of the process and the
workers it waited for) are printed too: b/a by CPU time is less sensitive to a busy machine,
c/b needs a quiet one.
"""

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONSORTIA = Path(sys.executable).parent / "consortia"


def base_texts() -> list[str]:
    paths = sorted((ROOT / "corpus" / "raw").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures").rglob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def build_corpus(folder: Path, n: int, texts: list[str]) -> int:
    """Write n unique documents; return their word count."""
    folder.mkdir(parents=True)
    words = 0
    for i in range(n):
        text = texts[i % len(texts)].rstrip("\n") + f"\n\nRef. {i:06d}\n"
        (folder / f"doc{i:06d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def measure(cmd: list[str]) -> dict:
    """Run a command; wall seconds, the peak RSS of its process tree and of its largest process."""
    import psutil

    peak = 0
    peak_one = 0  # the largest single process: a worker's own footprint
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    root = psutil.Process(proc.pid)
    done = threading.Event()

    def sample():
        nonlocal peak, peak_one
        while not done.is_set():
            try:
                procs = [root] + root.children(recursive=True)
                rss = 0
                for p in procs:
                    try:
                        one = p.memory_info().rss
                    except psutil.Error:
                        continue
                    rss += one
                    peak_one = max(peak_one, one)
                peak = max(peak, rss)
            except psutil.Error:
                pass
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # includes the workers it waited for
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):  # 1: some documents failed, which the benchmark allows
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    return {"seconds": seconds, "cpu": cpu, "peak_rss_mib": peak / 2**20,
            "peak_process_mib": peak_one / 2**20, "stdout": out, "stderr": err}


def bare(folder: str, model: str) -> None:
    """(a), in its own process: the model with its default components over the raw texts."""
    import spacy

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
    nlp = spacy.load(model)
    start = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts))
    print(json.dumps({"pipe_seconds": time.perf_counter() - start, "tokens": tokens,
                      "components": nlp.pipe_names}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 10000], help="corpus sizes")
    parser.add_argument("--workers", type=int, default=2, help="workers for (c)")
    parser.add_argument("--config", default=None, help="pipeline config (default: pipelines/default.cfg)")
    parser.add_argument("--runs", default="abc",
                        help="which runs to make, e.g. 'bc' to measure memory at 10,000 documents "
                             "without the bare pass (ratios need all three)")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpus and outputs")
    parser.add_argument("--bare", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--model", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare:
        bare(args.bare, args.model)
        return

    import psutil
    import spacy

    sys.path.insert(0, str(ROOT / "src"))
    from consortia.config import load_settings

    settings = load_settings(args.config)
    model = settings.pipeline.model
    config = ["--config", args.config] if args.config else []
    texts = base_texts()
    work = Path(tempfile.mkdtemp(prefix="consortia-bench-"))
    print(f"machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.1f} GiB, "
          f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, "
          f"spaCy {spacy.__version__}, model {model}")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"corpus: {len(texts)} base texts (seeds + test fixtures), repeated\n")
    header = (f"{'docs':>6}  {'run':<30} {'seconds':>8} {'CPU s':>8} {'docs/s':>8} {'words/s':>8} "
              f"{'peak RSS':>10} {'largest proc':>13}")
    print(header)
    print("-" * len(header))
    results: dict[int, dict[str, dict]] = {}
    try:
        for n in args.docs:
            folder = work / f"in{n}"
            words = build_corpus(folder, n, texts)
            runs = {
                "a": ("(a) bare spaCy, default pipes", [sys.executable, __file__, "--bare", str(folder), "--model", model]),
                "b": ("(b) consortia run, 1 worker", [str(CONSORTIA), "run", str(folder), "-o",
                                                      str(work / f"b{n}.jsonl"), "--workers", "1", *config]),
                "c": (f"(c) consortia run, {args.workers} workers", [str(CONSORTIA), "run", str(folder), "-o",
                                                                      str(work / f"c{n}.jsonl"), "--workers",
                                                                      str(args.workers), *config]),
            }
            results[n] = {}
            for key, (label, cmd) in runs.items():
                if key not in args.runs:
                    continue
                r = measure(cmd)
                results[n][key] = r
                print(f"{n:>6}  {label:<30} {r['seconds']:>8.1f} {r['cpu']:>8.1f} {n / r['seconds']:>8.1f} "
                      f"{words / r['seconds']:>8.0f} {r['peak_rss_mib']:>6.0f} MiB {r['peak_process_mib']:>9.0f} MiB",
                      flush=True)
            if not args.keep:
                shutil.rmtree(folder, ignore_errors=True)
            if set("abc") - set(args.runs):
                continue
            a, b, c = (results[n][k]["seconds"] for k in "abc")
            cpu_a, cpu_b = results[n]["a"]["cpu"], results[n]["b"]["cpu"]
            summary_line = results[n]["b"]["stderr"].strip().splitlines()[-1]
            print(f"{n:>6}  b/a = {a / b:.2f} (by CPU time {cpu_a / cpu_b:.2f})   c/b = {b / c:.2f}   "
                  f"(bare pipe alone {json.loads(results[n]['a']['stdout'])['pipe_seconds']:.1f} s; "
                  f"consortia: {summary_line})\n", flush=True)
        if len(args.docs) > 1:
            small, large = min(args.docs), max(args.docs)
            for key in "bc":
                if key not in args.runs:
                    continue
                p0, p1 = results[small][key]["peak_rss_mib"], results[large][key]["peak_rss_mib"]
                print(f"peak RSS ({key}) at {large} docs vs {small}: {p1:.0f} vs {p0:.0f} MiB "
                      f"({(p1 / p0 - 1) * 100:+.1f}%)")
        print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}")


if __name__ == "__main__":
    main()
