"""Inputs as analysts' batches come: saved web pages, crawler output, mixed folders.

The pages in fixtures/pages are written for these tests in the shapes of a news site (Open
Graph and JSON-LD metadata), a provincial government site (`PubDate` meta, "Source:" line,
breadcrumb) and a hospital site (menus, a declared charset that is not the file's)."""

import hashlib
import json
import shutil

import pytest
from click.testing import CliRunner

from consortia.cli import cli
from consortia.formats import crawl_doc_id, declared_charset, format_of
from consortia.models import Record, read_records
from consortia.reader import read_source
from consortia.runner import RunOptions, run

from .conftest import FIXTURES, RAW

PAGES = FIXTURES / "pages"


def _run(extractor, inputs, out, **options):
    summary = run(RunOptions(inputs=[str(i) for i in inputs], output=out,
                             settings=extractor.settings, extractor=extractor, **options))
    return summary, [r for _, r in read_records(out)]


def _facts(record: Record):
    ents = {(e.label, e.text, e.start, e.end) for e in record.entities}
    rels = {(r.type, r.head.canonical, r.tail.canonical) for r in record.relations}
    return ents, rels


@pytest.mark.parametrize("suffix, fmt", [("a.txt", "text"), ("a.HTML", "html"), ("a.htm", "html"),
                                         ("a.jsonl", "crawl"), ("a.pdf", None), ("README", None)])
def test_format_by_suffix(suffix, fmt):
    assert format_of(suffix) == fmt


def test_saved_pages_give_the_facts_of_their_extracted_text(extractor, tmp_path):
    summary, records = _run(extractor, [PAGES], tmp_path / "html.jsonl")
    assert summary.documents == 3 and summary.failed == 0
    texts = tmp_path / "texts"
    texts.mkdir()
    for rec in records:
        assert rec.raw_format == "html" and rec.raw
        assert all(rec.raw[e.start:e.end] == e.text for e in rec.entities)
        assert all(rec.raw[r.evidence.start:r.evidence.end] == r.evidence.text for r in rec.relations)
        page = PAGES / f"{rec.doc_id}.html"
        assert rec.sha256 == hashlib.sha256(page.read_bytes()).hexdigest()  # the file's, not the text's
        (texts / f"{rec.doc_id}.txt").write_text(rec.raw, encoding="utf-8")
    _, as_text = _run(extractor, [texts], tmp_path / "text.jsonl")
    by_id = {r.doc_id: r for r in as_text}
    for rec in records:
        assert rec.entities, rec.doc_id
        assert _facts(rec) == _facts(by_id[rec.doc_id]), rec.doc_id
        assert by_id[rec.doc_id].raw is None  # a text file is its own raw text


def test_page_metadata_comes_from_the_page(extractor, tmp_path):
    _, records = _run(extractor, [PAGES], tmp_path / "out.jsonl")
    by_id = {r.doc_id: r for r in records}
    news = by_id["news_site"]  # Open Graph and JSON-LD
    assert (news.title, news.published, news.source, news.author, news.url) == (
        "Qingshan hospitals form oncology alliance", "2021-03-04", "Lanshan Daily", "Wei Lin",
        "https://www.lanshandaily.example/news/2021-03/04/qingshan-alliance.html")
    gov = by_id["government_site"]  # "<headline>_<site>" in <title>; the publisher on a "Source:" line
    assert gov.title == "Provincial health commission appoints hospital leaders"
    assert gov.published == "2019-06-10"
    assert gov.source == "Beiling Provincial Health Commission"
    hospital = by_id["hospital_site"]
    assert hospital.title == "Ridgeway Second People's Hospital opens east branch"
    assert hospital.published == "2020-11-12"


def test_crawler_lines_are_documents(extractor, tmp_path):
    page = (PAGES / "news_site.html").read_text(encoding="utf-8")
    lines = [
        {"url": "https://lanshandaily.example/news/qingshan-alliance.html", "html": page},
        {"url": "https://example.org/a/1", "title": "Hospitals sign agreement", "published": "2020-05-06",
         "text": "Beiling Chest Hospital signed a cooperation agreement with Ridgeway Cancer Hospital."},
        {"id": "my-7", "text": "Fang Jie, president of Ridgeway Second People's Hospital, spoke."},
    ]
    crawl = tmp_path / "crawl.jsonl"
    crawl.write_text("".join(json.dumps(x) + "\n" for x in lines) + "{not json\n\n"
                     + json.dumps({"url": "https://e.example/x"}) + "\n" + json.dumps(lines[2]) + "\n",
                     encoding="utf-8")
    summary, records = _run(extractor, [crawl], tmp_path / "out.jsonl")
    assert [r.source_path for r in records] == [f"{crawl}:{n}" for n in (1, 2, 3, 4, 6)]
    first, second, third, bad_json, no_text = records
    assert first.doc_id == crawl_doc_id(None, lines[0]["url"], 1)
    assert first.doc_id.startswith("lanshandaily-example-qingshan-alliance-")
    assert first.raw_format == "crawl-html" and first.source == "Lanshan Daily" and first.entities
    assert (second.raw_format, second.title, second.published) == ("crawl-text", "Hospitals sign agreement", "2020-05-06")
    assert second.source == "example.org"  # no publisher given: the host names it
    assert second.raw == lines[1]["text"]
    assert any(r.type == "partner_of" for r in second.relations)
    assert third.doc_id == "my-7" and third.duplicate_paths == [f"{crawl}:7"]
    assert "not JSON" in bad_json.errors[0] and bad_json.doc_id == "crawl-line4"
    assert "neither `html` nor `text`" in no_text.errors[0]
    assert summary.failed == 2 and summary.duplicates == 1
    for line in (json.dumps(lines[1]).encode(),):
        assert second.sha256 == hashlib.sha256(line).hexdigest()


@pytest.mark.parametrize("given, url, expected", [
    ("a-1", None, "a-1"),
    (None, None, "line-3"),
])
def test_crawl_doc_ids(given, url, expected):
    assert crawl_doc_id(given, url, 3) == expected


def test_crawl_doc_ids_are_safe_file_names_and_distinct():
    unsafe = crawl_doc_id("../etc/passwd", None, 1)
    assert "/" not in unsafe and unsafe.startswith("etc-passwd-")
    same_page_name = {crawl_doc_id(None, f"https://x.example/{d}/index.html", 1) for d in ("a", "b")}
    assert len(same_page_name) == 2


def test_a_mixed_folder_counts_what_it_does_not_read(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(RAW / "000_3865419d8ee447c2.txt", folder / "seed.txt")
    shutil.copy(PAGES / "hospital_site.html", folder / "page.html")
    (folder / "report.pdf").write_bytes(b"%PDF-1.4 ...")
    (folder / "scan.PDF").write_bytes(b"%PDF-1.4 ...")
    (folder / "photo.png").write_bytes(b"\x89PNG")
    out = tmp_path / "new" / "folder" / "out.jsonl"  # missing folders are created
    result = CliRunner().invoke(cli, ["run", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 .pdf files skipped: not a supported format" in result.output
    assert "1 .png file skipped: not a supported format" in result.output
    assert "2 documents" in result.output and out.exists()
    strict = CliRunner().invoke(cli, ["run", str(folder), "-o", str(tmp_path / "s.jsonl"), "--strict"])
    assert strict.exit_code == 2 and "--strict" in strict.output and ".pdf" in strict.output
    only_pdfs = tmp_path / "pdfs"
    only_pdfs.mkdir()
    (only_pdfs / "a.pdf").write_bytes(b"%PDF")
    none = CliRunner().invoke(cli, ["run", str(only_pdfs), "-o", str(tmp_path / "n.jsonl")])
    assert none.exit_code == 2 and "no input documents" in none.output and "1 .pdf file" in none.output


@pytest.mark.parametrize("name, data, words", [
    ("scripts.html", b"<html><head><script>var a = 1;</script></head><body><script>x()</script></body></html>",
     "no main text"),
    ("empty.html", b"", "nothing to extract"),
    ("binary.htm", b"\x00\x01\x02<html>", "binary file"),
])
def test_bad_pages_get_a_clear_error(tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    src = read_source(path, max_bytes=1_000_000)
    assert src.raw is None and words in src.errors[0] and src.errors[0].startswith("[C010]")


def test_broken_markup_and_huge_pages_never_raise(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_bytes(b"<html><body><div><p>Beiling Chest Hospital opened a new ward on Monday "
                       b"with 40 beds for patients from three counties.<p><b><i></div></table>" * 3)
    src = read_source(broken, max_bytes=1_000_000)
    assert src.raw and "Beiling Chest Hospital" in src.raw and not src.errors
    huge = tmp_path / "huge.html"
    huge.write_bytes(b"<html><body>" + b"<p>word </p>" * 200_000 + b"</body></html>")
    src = read_source(huge, max_bytes=1_000_000)
    assert src.raw is None and "above the limit" in src.errors[0]


def test_a_declared_charset_is_used_only_when_the_bytes_fit_it(tmp_path):
    body = "<p>“Beiling Chest Hospital” signed an agreement with Ridgeway Cancer Hospital on Monday, the two hospitals said.</p>"
    says_gbk_is_utf8 = tmp_path / "a.html"
    says_gbk_is_utf8.write_bytes(f'<html><head><meta charset="gbk"></head><body>{body}</body></html>'.encode("utf-8"))
    src = read_source(says_gbk_is_utf8, max_bytes=1_000_000)
    assert src.encoding == "utf-8" and "“Beiling Chest Hospital”" in src.raw
    chinese = "北京协和医院与县医院签署合作协议"
    is_gbk = tmp_path / "b.html"
    is_gbk.write_bytes(f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
                       f'</head><body><p>{chinese}。{body}</p></body></html>'.encode("gbk"))
    assert declared_charset(is_gbk.read_bytes()) == "gb2312"
    src = read_source(is_gbk, max_bytes=1_000_000)
    assert src.encoding == "gb2312" and chinese in src.raw and not src.errors


def test_a_run_s_own_output_in_the_input_folder_is_not_read_back_as_articles(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(RAW / "000_3865419d8ee447c2.txt", folder / "seed.txt")
    first = CliRunner().invoke(cli, ["run", str(folder), "-o", str(folder / "out" / "run1.jsonl")])
    assert first.exit_code == 0, first.output
    again = CliRunner().invoke(cli, ["run", str(folder), "-o", str(tmp_path / "run2.jsonl")])
    assert again.exit_code == 0, again.output
    assert "1 documents" in again.output
    assert "1 .jsonl file skipped: the records of a consortia run, not crawler input" in again.output
