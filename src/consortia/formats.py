"""Input formats: which files the pipeline reads, and how a saved web page or a crawler's line
becomes a document's raw text and page metadata.

| suffix | format | a document is | raw text (what offsets index) |
|---|---|---|---|
| .txt | text | the file | the file's decoded bytes |
| .html, .htm | html | the file | the page's main text as trafilatura extracts it (kept in the record) |
| .jsonl | crawl | one line: `url`, `html` or `text`, optional `id`, `title`, `published`, `source` | the line's text, or its html's main text (kept in the record) |

Page metadata (title, publication date, publisher, author, canonical URL, language) comes from
the page itself (`<meta>`, JSON-LD, Open Graph) or the crawler's fields; the cleaning stage's text
rules fill in what is missing. Everything else in an input folder is skipped and counted.
"""

import hashlib
import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .errors import InputError

FORMATS = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "crawl"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
# htmldate rejects dates after its max_date, which defaults to today: a fixed bound keeps the
# output independent of the day the pipeline runs.
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "max_date": "2100-12-31"}


def format_of(name: str) -> str | None:
    """The format of a file by its suffix, or None for a file the pipeline does not read."""
    dot = name.rfind(".")
    return FORMATS.get(name[dot:].lower()) if dot > 0 else None


@dataclass(frozen=True)
class PageMeta:
    """What a page or a crawler says about itself; None where it says nothing."""

    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    source: str | None = None
    author: str | None = None
    url: str | None = None
    language: str | None = None


def declared_charset(data: bytes) -> str | None:
    """The encoding a page declares in a `<meta>` tag near its top, if any."""
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace").lower() if match else None


def from_html(html: str, *, url: str | None = None) -> tuple[str, PageMeta]:
    """The main text of a page and its metadata. Raises InputError when the page has no main
    text (an empty page, a page of scripts, a frameset)."""
    import trafilatura  # imported on first use: text-only runs do not pay for it

    try:
        result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_tables=False,
                                             include_comments=False, date_extraction_params=_DATE_PARAMS)
    except (ValueError, TypeError, RecursionError) as err:  # lxml on pathological markup
        raise InputError(f"the HTML could not be parsed ({type(err).__name__}: {err})") from err
    data = result.as_dict() if hasattr(result, "as_dict") else (result or {})
    text = (data.get("text") or "").strip()
    if not text:
        raise InputError("no main text found in the page (empty, only scripts or navigation); "
                         "save the article's page itself")
    return text, PageMeta(title=_clean(data.get("title")), published=_day(data.get("date")),
                          source=_clean(data.get("sitename")), author=_clean(data.get("author")),
                          url=_clean(data.get("url")) or url, language=_clean(data.get("language")))


def from_crawl_line(line: bytes, number: int) -> tuple[str, str, PageMeta, str]:
    """(doc_id, raw text, metadata, format) of one crawler line. Raises InputError with what is
    wrong with the line."""
    try:
        item = json.loads(line)
    except (UnicodeDecodeError, ValueError) as err:
        raise InputError(f"line {number} is not JSON ({err})") from err
    if not isinstance(item, dict):
        raise InputError(f"line {number} is not a JSON object")
    url = item.get("url") if isinstance(item.get("url"), str) else None
    given = item.get("id", item.get("doc_id"))
    doc_id = crawl_doc_id(str(given) if given not in (None, "") else None, url, number)
    html, text = item.get("html"), item.get("text")
    if isinstance(html, str) and html.strip():
        raw, page = from_html(html, url=url)
        fmt = "html"
    elif isinstance(text, str) and text.strip():
        raw, page, fmt = text, PageMeta(url=url), "text"
    else:
        raise InputError(f"line {number} has neither `html` nor `text` (crawler lines need one)")
    # The crawler's own fields win over what the page says about itself.
    meta = PageMeta(title=_clean(item.get("title")) or page.title,
                    published=_day(item.get("published") or item.get("date")) or page.published,
                    source=_clean(item.get("source") or item.get("sitename")) or page.source,
                    author=_clean(item.get("author")) or page.author,
                    url=url or page.url, language=_clean(item.get("language")) or page.language)
    return doc_id, raw, meta, fmt


def crawl_doc_id(given: str | None, url: str | None, number: int) -> str:
    """A crawler line's doc_id: its own id, else one made from its URL (host and last path part,
    plus a short hash of the whole URL so that two pages never share one), else its line number."""
    if given:  # kept as given when it is safe as a file name (gold export writes <doc_id>.json)
        if re.fullmatch(r"[\w.-]{1,120}", given) and given.strip("."):
            return given
        slug = re.sub(r"[^\w.-]+", "-", given).strip("-.")[:60] or "id"
        return f"{slug}-{hashlib.sha256(given.encode('utf-8')).hexdigest()[:8]}"
    if url:
        parts = urlsplit(url if "://" in url else "http://" + url)
        last = [p for p in parts.path.split("/") if p][-1:] or ["index"]
        stem = re.sub(r"\.[A-Za-z0-9]{1,6}$", "", last[0])
        slug = re.sub(r"[^A-Za-z0-9]+", "-", f"{parts.hostname or ''}-{stem}").strip("-")[:60]
        return f"{slug}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:8]}"
    return f"line-{number}"


def hostname(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url if "://" in url else "http://" + url).hostname
    return host.removeprefix("www.") if host else None


def _clean(value) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _day(value) -> str | None:
    """YYYY-MM-DD from an ISO date or timestamp; anything vaguer is no publication day."""
    if isinstance(value, str) and _ISO_DAY.match(value.strip()):
        return value.strip()[:10]
    return None
