"""Finding and reading input documents: paths to `Source`s, with a clear error for each bad one.

Nothing here raises for a bad document: a file that is missing, unreadable, too large, binary or
not decodable becomes a `Source` with `raw=None` and an error that says what to do. Only a path
named on the command line that does not exist stops the run before it starts (a typo).

The raw text that offsets index is `data.decode(record.encoding, errors="replace")`, where `data`
is the file's bytes: a byte-order mark is dropped by the codec ("utf-8-sig", "utf-16"), line ends
are kept as they are ("\\r\\n" and lone "\\r" included).
"""

import codecs
import errno
import hashlib
import json
import logging
import os
import stat
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .formats import declared_charset, format_of, from_crawl_line, from_html
from .pipeline import Source

log = logging.getLogger(__name__)

_CHUNK = 1 << 20
# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
# Encodings that put NUL bytes into ordinary text; any other file with a NUL byte is binary.
_WIDE = ["utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be"]


# ---- finding inputs -------------------------------------------------------------------------

def expand_inputs(inputs: Iterable[str], stdin=None, skipped: Counter | None = None) -> Iterator[Path]:
    """Files as given, folders as the files below them that the pipeline reads (`*.txt`,
    `*.html`, `*.htm`, `*.jsonl`; sorted), `-` as paths read from stdin. Files in folders that it
    does not read are counted in `skipped` by suffix, never dropped without a word.

    A path named on the command line that does not exist raises InputError (the run cannot
    start); paths read from stdin are documents, so a missing one becomes that document's error.
    Folder walks follow symbolic links but enter each real folder once, so a link loop ends.
    """
    return (path for path, _ in input_paths(inputs, stdin, skipped))


def input_paths(inputs: Iterable[str], stdin=None, skipped: Counter | None = None) -> Iterator[tuple[Path, str]]:
    """`expand_inputs` with each path's doc_id (`doc_id_for`); files in folders that the
    pipeline does not read are counted in `skipped` by suffix."""
    for item in inputs:
        if item == "-":
            stream = stdin if stdin is not None else sys.stdin
            for line in stream:
                if line.strip():
                    yield Path(line.strip()), doc_id_for(line.strip())
            continue
        path = Path(item)
        if path.is_dir():
            yield from ((Path(p), doc_id_for(p, root=item)) for p in walk(path, skipped))
        elif os.path.lexists(path):
            yield path, doc_id_for(item)
        else:
            raise InputError(f"{item}: no such file or folder; check the path")


def doc_id_for(path: str, root: str | None = None) -> str:
    """A document's id: its path below the input folder it was found in, with "/" between
    folders and without ".txt" or ".html" (`a/report` for in/a/report.txt when `in` was given); a file named
    on its own, or read from stdin, by its name without the extension (`report`). The same
    inputs give the same ids in every run; a clash left (two files named on their own) is
    settled by the run, which gives the later one a short hash of its path.

    >>> doc_id_for("in/a/report.txt", root="in"), doc_id_for("b/report.txt")
    ('a/report', 'report')
    """
    if root is None:
        return Path(path).stem
    rel = Path(os.path.relpath(path, root))
    # a text file or a saved page without its suffix; a crawler file's lines carry their own ids
    return "/".join(rel.with_suffix("").parts) if format_of(rel.name) in ("text", "html") else "/".join(rel.parts)


def walk(root: Path, skipped: Counter | None = None) -> list[str]:
    """The readable entries below `root` (see `formats.FORMATS`), sorted as paths; each real
    folder is entered once. Other files are counted in `skipped` by suffix ("" for none).

    Strings, not Path objects: a run keeps its input list, and a Path costs several times more.
    """
    seen: set[tuple[int, int]] = set()
    found: list[str] = []

    def unreadable(err: OSError) -> None:  # reported, not fatal: the other folders still count
        log.warning("cannot list %s: %s", err.filename, err.strerror)

    for folder, subfolders, files in os.walk(root, followlinks=True, onerror=unreadable):
        try:
            st = os.stat(folder)
        except OSError:
            subfolders[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen:  # reached again through a link: a loop or an alias
            log.warning("%s: folder already read through another path (symbolic link); skipped",
                        folder)
            subfolders[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        subfolders.sort()
        for name in files:
            if format_of(name):
                found.append(os.path.join(folder, name))
            elif skipped is not None:
                skipped[os.path.splitext(name)[1].lower()] += 1
    return sorted(found, key=lambda p: p.split(os.sep))  # the order of Path objects


# ---- fingerprints (first pass) --------------------------------------------------------------

@dataclass(slots=True)  # one per input, kept for the whole run: small
class Fingerprint:
    """A path's identity before it is processed: the sha256 of its bytes, or why there is none."""

    path: str
    sha256: str = ""
    size: int = 0
    error: str | None = None
    duplicate_paths: list[str] | None = None
    doc_id: str | None = None  # given by the run (unique within it); else the file's stem
    line: int = 0  # a crawler file's line (1-based), 0 for a whole file
    offset: int = 0  # where that line starts in the file


def is_run_output(path: Path | str) -> bool:
    """A JSONL file that `consortia run` wrote (its first line a record), not crawler output: an
    output kept inside an input folder must not be read back as articles."""
    try:
        with _open_regular(path) as fh:
            first = fh.readline(1 << 20)
        row = json.loads(first)
    except (InputError, OSError, ValueError):
        return False
    return isinstance(row, dict) and {"doc_id", "sha256", "pipeline", "entities"} <= row.keys()


def fingerprints(path: Path | str) -> list[Fingerprint]:
    """The first pass over one input: a crawler file (`*.jsonl`) is one document per non-blank
    line, anything else one document."""
    if format_of(str(path)) == "crawl":
        return fingerprint_lines(path)
    return [fingerprint(path)]


def fingerprint_lines(path: Path | str) -> list[Fingerprint]:
    """Hash each non-blank line of a crawler file, and note where it starts."""
    found = []
    try:
        with _open_regular(path) as fh:
            offset = 0
            for number, line in enumerate(fh, start=1):
                body = line.rstrip(b"\r\n")
                if body.strip():
                    found.append(Fingerprint(path=str(path), sha256=hashlib.sha256(body).hexdigest(),
                                             size=len(body), line=number, offset=offset))
                offset += len(line)
    except InputError as err:
        return [Fingerprint(path=str(path), error=str(err))]
    except OSError as err:
        return [Fingerprint(path=str(path), error=_os_error(path, err))]
    if not found:
        return [Fingerprint(path=str(path), error=str(InputError(
            f"{path}: no lines; a crawler file holds one JSON object per line")))]
    return found


def fingerprint(path: Path | str) -> Fingerprint:
    """Hash a file in fixed-size chunks (bounded memory whatever its size)."""
    try:
        with _open_regular(path) as fh:
            h = hashlib.sha256()
            size = 0
            while chunk := fh.read(_CHUNK):
                h.update(chunk)
                size += len(chunk)
        return Fingerprint(path=str(path), sha256=h.hexdigest(), size=size)
    except InputError as err:
        return Fingerprint(path=str(path), error=str(err))
    except OSError as err:
        return Fingerprint(path=str(path), error=_os_error(path, err))


def _open_regular(path: Path | str):
    """Open for reading without blocking on a FIFO or device; refuse anything but a regular file."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a pipe, socket or device)"
            raise InputError(f"{path}: {kind}; pass text files or folders of *.txt files")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _os_error(path: Path | str, err: OSError) -> str:
    reason = err.strerror or str(err)
    hint = {errno.ENOENT: "it was removed or renamed; run again with --resume once it is back",
            errno.EACCES: "check its permissions",
            errno.ELOOP: "a symbolic link loop; fix the link"}.get(err.errno or 0, "check the file")
    return str(InputError(f"{path}: cannot read: {reason}; {hint}"))


# ---- reading and decoding (second pass) -----------------------------------------------------

def read_source(path: Path | str, *, max_bytes: int, expected: Fingerprint | None = None) -> Source:
    """Read and decode one file. Problems become the Source's errors, never exceptions.

    With `expected` (from the first pass), a file whose bytes changed in between is refused,
    so that a record's sha256 is always that of the text it was made from. A saved web page's
    raw text is its main text (formats.from_html); a crawler line is read by `read_crawl_line`.
    """
    if expected is not None and expected.line:
        return read_crawl_line(path, expected, max_bytes=max_bytes)
    doc_id = expected.doc_id if expected is not None and expected.doc_id else Path(path).stem
    is_html = format_of(str(path)) == "html"
    dups = list(expected.duplicate_paths or ()) if expected else []

    def failed(message: str, sha: str = "", encoding: str | None = None) -> Source:
        return Source(doc_id=doc_id, source_path=str(path), sha256=sha, raw=None,
                      encoding=encoding, language=None, errors=[message], duplicate_paths=dups)

    if expected is not None and expected.error:
        return failed(expected.error)
    try:
        with _open_regular(path) as fh:
            size = os.fstat(fh.fileno()).st_size
            data = fh.read(max_bytes + 1) if size <= max_bytes else b""
            size = max(size, len(data))  # it may have grown since the stat
    except InputError as err:
        return failed(str(err))
    except OSError as err:
        return failed(_os_error(path, err))
    if size > max_bytes:
        sha = expected.sha256 if expected else ""
        return failed(str(InputError(
            f"{path}: {size} bytes is above the limit of {max_bytes}; raise [pipeline] max_bytes "
            f"in the config if it really is one article (about 3 GB of memory per million "
            f"characters in the spaCy model)")), sha)
    sha = hashlib.sha256(data).hexdigest()
    if expected is not None and sha != expected.sha256:
        return failed(str(InputError(f"{path}: changed while the run was reading it; run again "
                                     f"with --resume once it is complete")))
    text, encoding, problem = decode(data, declared=declared_charset(data) if is_html else None)
    if text is None:
        return failed(str(InputError(f"{path}: {problem}")), sha, encoding)
    errors = [str(InputError(f"{path}: {problem}"))] if problem else []
    if not text.strip():
        what = "empty (0 bytes)" if not data else "only whitespace"
        return failed(str(InputError(f"{path}: {what}; there is nothing to extract")), sha, encoding)
    if not is_html:
        return Source(doc_id=doc_id, source_path=str(path), sha256=sha, raw=text, encoding=encoding,
                      language=None, errors=errors, duplicate_paths=dups)
    try:
        raw, meta = from_html(text)
    except InputError as err:
        return failed(str(InputError(f"{path}: {err.message}")), sha, encoding)
    return Source(doc_id=doc_id, source_path=str(path), sha256=sha, raw=raw, encoding=encoding,
                  language=None, errors=errors, duplicate_paths=dups, raw_format="html", meta=meta)


def read_crawl_line(path: Path | str, expected: Fingerprint, *, max_bytes: int) -> Source:
    """One line of a crawler file as a document (see formats.from_crawl_line). Its sha256 is
    that of the line's bytes; its source_path is `FILE:LINE`."""
    where = f"{path}:{expected.line}"
    dups = list(expected.duplicate_paths or ())

    def failed(message: str, doc_id: str) -> Source:
        return Source(doc_id=doc_id, source_path=where, sha256=expected.sha256, raw=None,
                      encoding="utf-8", language=None, errors=[str(InputError(f"{where}: {message}"))],
                      duplicate_paths=dups, raw_format="crawl-text")

    fallback_id = f"{Path(path).stem}-line{expected.line}"
    if expected.size > max_bytes:
        return failed(f"{expected.size} bytes is above the limit of {max_bytes} ([pipeline] "
                      f"max_bytes)", fallback_id)
    try:
        with _open_regular(path) as fh:
            fh.seek(expected.offset)
            body = fh.readline(max_bytes + 2).rstrip(b"\r\n")
    except InputError as err:
        return failed(err.message, fallback_id)
    except OSError as err:
        return failed(f"cannot read: {err.strerror or err}", fallback_id)
    if hashlib.sha256(body).hexdigest() != expected.sha256:
        return failed("the file changed while the run was reading it; run again with --resume "
                      "once it is complete", fallback_id)
    try:
        doc_id, raw, meta, fmt = from_crawl_line(body, expected.line)
    except InputError as err:
        return failed(err.message, fallback_id)
    return Source(doc_id=doc_id, source_path=where, sha256=expected.sha256, raw=raw,
                  encoding="utf-8", language=None, duplicate_paths=dups,
                  raw_format="crawl-html" if fmt == "html" else "crawl-text", meta=meta)


def decode(data: bytes, declared: str | None = None) -> tuple[str | None, str | None, str | None]:
    """Bytes to text: (text, encoding, problem). `text` is None when the bytes are not text.

    Order: a byte-order mark; NUL bytes (UTF-16/32 without a mark, else binary); strict UTF-8;
    the encoding a web page declares, when its bytes decode with it; UTF-8 with a few damaged
    bytes (replaced, and said so); then charset-normalizer's best guess among legacy encodings
    (GB18030, Big5, cp1252, ...). A declared charset never overrides valid UTF-8: pages that
    say "gb2312" but are UTF-8 are common.
    """
    if not data:
        return "", "utf-8", None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec, None
            except UnicodeDecodeError as err:
                return None, codec, f"starts with a {codec} byte-order mark but is not valid {codec} ({err.reason} at byte {err.start}); re-save it as UTF-8"
    if b"\0" in data:
        match = _detect(data, _WIDE)
        if match is not None and "\0" not in match[0]:
            return match[0], match[1], None
        return None, None, "binary file (contains NUL bytes), not text; only text files can be read"
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError as err:
        first_bad = err.start
    if declared:
        try:
            codec = codecs.lookup(declared).name
            return data.decode(codec), codec, None
        except (LookupError, UnicodeDecodeError):
            pass  # an unknown or wrong declaration: detect as for any other file
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    intact = sum(1 for ch in text if ch > "\x7f") - damaged
    damaged_utf8 = (text, "utf-8", (f"not valid UTF-8: {damaged} undecodable byte sequence(s) "
                                    f"replaced with U+FFFD (first at byte {first_bad}); the rest was read"))
    if intact >= damaged:  # real UTF-8 sequences outnumber the broken ones: damaged UTF-8
        return damaged_utf8
    match = _detect(data, None)
    if match is not None and intact and _single_byte(match[1]):
        # A one-byte encoding almost never puts a lead byte before continuation bytes (an
        # accented capital before a symbol or control): whole UTF-8 sequences say the file is
        # UTF-8 with damage, which a one-byte guess would turn into mojibake ("Café" as "CafĂŠ").
        return damaged_utf8
    if match is not None:
        return match[0], match[1], None
    return None, None, (f"not valid UTF-8 (first bad byte at {first_bad}) and no other text "
                        f"encoding fits; re-save it as UTF-8")


def _single_byte(encoding: str) -> bool:
    """Whether an encoding reads every byte as one character (cp1252, ISO-8859-*, KOI8-R, ...),
    unlike GB18030, Big5 or Shift-JIS, whose byte pairs often look like UTF-8 by chance."""
    return len(bytes(range(256)).decode(encoding, errors="replace")) == 256


def _detect(data: bytes, only: list[str] | None) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=only).best()
    if best is None:
        return None
    # Decoded here rather than taken from charset-normalizer (which drops a leading mark), so
    # that the text is exactly data.decode(encoding), what the offsets promise.
    return data.decode(best.encoding, errors="replace"), best.encoding
