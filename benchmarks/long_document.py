"""Time for one long document, 10 KB to 1 MB: the curve that shows the cost grows as n log n.

Run by hand (not part of the test suite):

    .venv/bin/python benchmarks/long_document.py                 # 10 KB ... 1 MB, both texts
    .venv/bin/python benchmarks/long_document.py --sizes 50000 100000 --text news

Each size is one document on one line (no paragraph breaks: the hard case, since "the same or
previous paragraph" is then the whole text), processed alone by the pipeline of a local run
(`Extractor.process`: cleaning, the model, entities, normalize, relations, the record). Two texts:
  news        the seed texts and the held-out pages joined on one line and repeated;
  references  a text dense in short references ("the hospital", "the two hospitals", "the city")
              and in restated posts, the case whose cost grew with the square of the length
              (issue 17: a 762 KB one-line text took 942 s).
For each size it prints the wall-clock and CPU seconds (of this process: less skewed by other
work on the machine than the wall clock), the CPU time per KB, and the ratio of CPU time to the
previous size's over the ratio of the sizes: about 1 for linear cost, about 2 per doubling for
quadratic. The model is loaded once, before the clock starts; each size runs in the same
process. The load average is printed before and after: other work on the machine skews every
figure.

Issue 17's target: a 1 MB one-line text in under 60 s on a 2-core machine.
"""

import argparse
import os
import platform
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from consortia.config import load_settings  # noqa: E402
from consortia.pipeline import Extractor, Source  # noqa: E402

SIZES = [10_000, 30_000, 100_000, 300_000, 1_000_000]
CITIES = ["Harbin", "Changchun", "Shenyang", "Jinan", "Qingdao", "Zhengzhou", "Hefei", "Nanchang",
          "Fuzhou", "Xiamen", "Kunming", "Lanzhou", "Xining", "Yinchuan", "Hohhot", "Urumqi",
          "Nanning", "Taiyuan", "Shijiazhuang", "Wuhan"]


def news(chars: int) -> str:
    files = sorted((ROOT / "corpus" / "raw").glob("*.txt")) + sorted(
        (ROOT / "tests" / "fixtures" / "heldout" / "raw").glob("*.txt"))
    one = " ".join(re.sub(r"\s+", " ", f.read_text(encoding="utf-8")).strip() for f in files)
    return _cut((one + " ") * (chars // len(one) + 1), chars)


def references(chars: int) -> str:
    parts, i, size = [], 0, 0
    while size < chars:
        a, b = CITIES[i % 20], CITIES[(7 * i + 3) % 20]
        part = (f"{a} Central Hospital signed an agreement with {b} Cancer Hospital on May {i % 28 + 1}, "
                f"2019. The hospital will send doctors to the cancer hospital. The two hospitals formed a "
                f"medical alliance. Wang Jianguo, director of the {a} Municipal Health Commission, said "
                f"the city would invest 5 million yuan in the alliance. ")
        parts.append(part)
        size += len(part)
        i += 1
    return _cut("".join(parts), chars)


def _cut(text: str, chars: int) -> str:
    """About `chars` bytes, ending at a word, on one line."""
    text = text[:chars]
    return text[:text.rfind(" ")] + "\n"


TEXTS = {"news": news, "references": references}


def measure(extractor: Extractor, text: str) -> tuple[float, float, int, int, list[str]]:
    started, cpu = time.perf_counter(), time.process_time()
    record = next(extractor.process([Source(doc_id="long", source_path="long.txt", sha256="0", raw=text)]))
    return (time.perf_counter() - started, time.process_time() - cpu, len(record.entities),
            len(record.relations), record.errors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=SIZES, help="bytes of each document")
    parser.add_argument("--text", choices=[*TEXTS, "both"], default="both")
    args = parser.parse_args()
    # The time limit would stop the largest documents on a slow machine: the benchmark wants
    # their time, not an error.
    settings = load_settings(None, {"pipeline.max_seconds_per_document": 24 * 3600,
                                    "pipeline.max_bytes": max(args.sizes) * 2})
    extractor = Extractor(settings)
    measure(extractor, news(2_000))  # warm up: first-call costs are not the document's
    print(f"# {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.2f} at the start")
    for name in (TEXTS if args.text == "both" else [args.text]):
        print(f"\n{name}\n\n| bytes | seconds | CPU seconds | CPU ms per KB | growth vs previous (1 = linear) "
              f"| entities | relations |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        previous = None
        for size in sorted(args.sizes):
            text = TEXTS[name](size)
            seconds, cpu, n_ents, n_rels, errors = measure(extractor, text)
            n_bytes = len(text.encode("utf-8"))
            growth = f"{(cpu / previous[1]) / (n_bytes / previous[0]):.2f}" if previous else ""
            print(f"| {n_bytes:,} | {seconds:.1f} | {cpu:.1f} | {1000 * cpu / (n_bytes / 1000):.1f} | {growth} "
                  f"| {n_ents:,} | {n_rels:,} |" + (f" errors: {errors}" if errors else ""), flush=True)
            previous = (n_bytes, cpu)
    print(f"\n# load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
