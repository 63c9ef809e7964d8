"""How fast the review page is at 50,000 relations, and the graph on a 1,000-document run
(run by hand, not in the tests; needs /usr/bin/chromium and playwright, as the browser tests).

    .venv/bin/python benchmarks/review_scale.py [--relations 50000] [--decided 20000] [--runs 5]
                                                [--run-1000]

Part 1 writes an output of invented documents (two sentences of six organisations each, five
relations to a sentence: `tests/test_review_scale.synthetic_output`), opens it for review with
--decided relations already accepted, serves it, and in headless Chromium measures:
  first paint     from navigation to the selected card on screen (the page of the first
                  pending relation), a new browser context each time (no cache);
  filter change   from choosing a status, a type, a name search or a sort to the new page on
                  screen.
Each is the median (and the slowest) of --runs runs; the API's own time is printed beside.

Part 2 (--run-1000) extracts 1,000 documents with the pipeline (the articles of
benchmarks/export_speed.py), writes `consortia graph` as GraphML and draws the graph view of
the whole run.
"""

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from consortia.review.session import Filters, Session  # noqa: E402
from consortia.review.store import Store  # noqa: E402
from tests.test_review_browser import CHROMIUM, CHROMIUM_ARGS, running  # noqa: E402
from tests.test_review_scale import synthetic_output  # noqa: E402


def median_max(values: list[float]) -> str:
    return f"median {statistics.median(values):6.3f} s, slowest {max(values):6.3f} s"


def timed_api(label: str, fn, runs: int) -> None:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    print(f"  API {label:<34} {median_max(times)}", flush=True)


def part1(args, folder: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    documents = args.relations // 10
    started = time.perf_counter()
    out = synthetic_output(folder / "big.jsonl", documents=documents, per_sentence=5, sentences=2,
                           types=("partner_of", "member_of", "affiliated_with", "branch_of", "part_of"))
    print(f"output: {documents:,} documents, {documents * 10:,} relations, "
          f"{out.stat().st_size / 1e6:.1f} MB, written in {time.perf_counter() - started:.1f} s")
    first = Session.open(out, Store(folder / "review.sqlite"), reviewer="bench")
    entries = first.entries()
    first.store.decide_many([first._row(it, "accepted", it.original) for it, _ in entries[:args.decided]])
    print(f"{args.decided:,} relations accepted in a first session")
    started = time.perf_counter()  # reopening, as a reviewer does the next day
    session = Session.open(out, Store(folder / "review.sqlite"), reviewer="bench")
    print(f"reopened for review in {time.perf_counter() - started:.2f} s (reading the output, "
          f"keeping its records in the store, the decisions so far)")

    timed_api("page, resume", lambda: session.queue(Filters(), resume=True), args.runs)
    timed_api("page, status=pending", lambda: session.queue(Filters(status="pending")), args.runs)
    timed_api("page, name search", lambda: session.queue(Filters(q="org4321x1")), args.runs)
    timed_api("page, sort by confidence", lambda: session.queue(Filters(sort="confidence")), args.runs)

    with running(session) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        paints = []
        for _ in range(args.runs):
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            page = context.new_page()
            started = time.perf_counter()
            page.goto(url + "/")
            page.locator("article.card.selected").wait_for(state="visible")
            paints.append(time.perf_counter() - started)
            context.close()
        print(f"  first paint (navigation to selected card)   {median_max(paints)}", flush=True)

        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.goto(url + "/")
        page.locator("article.card.selected").wait_for(state="visible")
        info = page.locator("#page-info")
        shown = "document.getElementById('queue').dataset.loads"  # grows with each page shown
        changes = {"status": [], "type": [], "name search": [], "sort": []}
        for n in range(args.runs):
            for label, act in [
                ("status", lambda: page.select_option("#f-status", "pending" if n % 2 == 0 else "accepted")),
                ("type", lambda: page.select_option("#f-type", "partner_of" if n % 2 == 0 else "")),
                ("name search", lambda: (page.fill("#f-q", f"org{1000 + n}x1"), page.press("#f-q", "Enter"))),
                ("sort", lambda: page.select_option("#f-sort", "confidence" if n % 2 == 0 else "document")),
            ]:
                before = page.evaluate(shown)
                started = time.perf_counter()
                act()
                deadline = started + 30
                while time.perf_counter() < deadline:  # until the new page is on screen
                    if page.evaluate(shown) != before:  # the new page is in the document
                        break
                changes[label].append(time.perf_counter() - started)
            page.fill("#f-q", "")
            page.press("#f-q", "Enter")
            expect(info).to_contain_text("of ")
        for label, values in changes.items():
            print(f"  filter change: {label:<30} {median_max(values)}", flush=True)
        context.close()
        browser.close()


def part2(folder: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    from benchmarks.export_speed import corpus
    from consortia.config import load_settings
    from consortia.graph import build_graph, edges_from_records, write_graph
    from consortia.pipeline import Extractor
    from tests.test_review_support import write_output

    extractor = Extractor(load_settings())
    started = time.perf_counter()
    records = list(extractor.process(corpus(1000)))
    print(f"1,000 documents extracted in {time.perf_counter() - started:.1f} s, "
          f"{sum(len(r.relations) for r in records):,} relations")
    out = write_output(folder / "run1000.jsonl", records)
    started = time.perf_counter()
    graph = build_graph(edges_from_records(records))
    write_graph(graph, folder / "run1000.graphml", "graphml")
    print(f"consortia graph: {len(graph.nodes):,} nodes, {len(graph.edges):,} edges, GraphML "
          f"{(folder / 'run1000.graphml').stat().st_size / 1e6:.1f} MB in {time.perf_counter() - started:.2f} s")
    session = Session.open(out, Store(folder / "review1000.sqlite"), reviewer="bench")
    with running(session) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        started = time.perf_counter()
        page.goto(url + "/graph")
        expect(page.locator("#graph-info")).to_contain_text("edges", timeout=60_000)
        print(f"graph view of the run: {page.locator('#graph-info').inner_text()}, drawn in "
              f"{time.perf_counter() - started:.2f} s")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relations", type=int, default=50_000)
    parser.add_argument("--decided", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--run-1000", action="store_true")
    args = parser.parse_args()
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        part1(args, Path(tmp))
        if args.run_1000:
            part2(Path(tmp))


if __name__ == "__main__":
    main()
