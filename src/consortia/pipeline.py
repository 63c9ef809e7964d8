"""The extraction pipeline: raw text in, one `Record` out, stages in the config's order.

`Extractor` loads the spaCy model once, adds our components, and turns `Source` documents into
records in batches. It is what a local run, a worker process and a Dask worker all call.
"""

import ctypes
import ctypes.util
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Config

from . import __version__
from .clean import Cleaned
from .config import Settings
from .deadline import Deadline, Expired
from .errors import CleanedAwayWarning, ConfigError, DocumentError, TimeLimitError
from .formats import PageMeta, hostname
from .models import Entity, Evidence, PipelineInfo, Record, Relation, RelationEnd
from .stagedata import errors as stage_errors
from .stagedata import state

log = logging.getLogger(__name__)

@dataclass
class Source:
    """A document as read from disk, before extraction. `raw` is None when it could not be read."""

    doc_id: str
    source_path: str
    sha256: str
    raw: str | None
    encoding: str | None = None
    language: str | None = None  # None: the pipeline judges it from the cleaned text
    errors: list[str] = field(default_factory=list)
    duplicate_paths: list[str] = field(default_factory=list)
    raw_format: str = "text"  # formats.py: "text", "html", "crawl-text" or "crawl-html"
    meta: PageMeta | None = None  # what a web page or a crawler says about the document


def page_metadata(src: Source, cleaned: Cleaned) -> dict:
    """Title, publication date and publisher: the page's own metadata first, the cleaning
    stage's text rules where it says nothing, and for web pages the host name as a last resort."""
    page = src.meta or PageMeta()
    title = page.title or cleaned.title
    if page.title and cleaned.title and page.title.startswith(cleaned.title):
        title = cleaned.title  # "<headline>_<site name>" in <title>: the page's headline is the title
    return dict(title=title, published=page.published or cleaned.published,
                source=page.source or cleaned.source or hostname(page.url),
                url=page.url, author=page.author)


def build_nlp(settings: Settings) -> Language:
    """Load the model and add the configured components (spaCy validates their settings)."""
    p = settings.pipeline
    try:
        nlp = spacy.load(p.model, exclude=p.exclude)
    except OSError as err:
        raise ConfigError(f"cannot load spaCy model {p.model!r}: {err}. Install it (see README) "
                          f"or set [pipeline] model to an installed English pipeline") from err
    # One limit on document size, [pipeline] max_bytes (a character is at least one byte).
    nlp.max_length = max(nlp.max_length, p.max_bytes + 1)
    nlp.add_pipe("consortia_blocks", before="parser" if "parser" in nlp.pipe_names else None,
                 config=_component_config(settings, "blocks"))
    for stage in ("entities", "normalize", "relations"):
        if stage in p.stages:
            nlp.add_pipe(settings.components[stage]["factory"], name=stage,
                         config=_component_config(settings, stage))
    return nlp


def _component_config(settings: Settings, name: str) -> dict:
    return {k: v for k, v in settings.components.get(name, {}).items() if k != "factory"}


def build_clean(settings: Settings):
    from spacy.util import registry

    resolved = registry.resolve(Config({"clean": settings.clean}))
    return resolved["clean"]


@dataclass
class _Prepared:
    """A document after cleaning, before spaCy: `doc` is None when there is nothing to run."""

    cleaned: Cleaned | None
    doc: Doc | None
    errors: list[str]
    language: str | None
    warnings: list[str] = field(default_factory=list)


class Extractor:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.nlp = build_nlp(settings)
        self.clean = build_clean(settings) if "clean" in settings.pipeline.stages else None
        self.info = PipelineInfo(version=__version__, config=settings.path,
                                 config_sha256=settings.sha256, model=settings.pipeline.model)

    def process(self, sources: Iterable[Source]) -> Iterator[Record]:
        """Records in input order. One failing document never stops the others."""
        batch: list[Source] = []
        for src in sources:
            batch.append(src)
            if len(batch) >= self.settings.pipeline.batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(self, sources: list[Source]) -> list[Record]:
        try:
            return self._batch_in_zone(sources)
        finally:
            _release_freed_memory()

    def _batch_in_zone(self, sources: list[Source]) -> list[Record]:
        # Everything that makes strings (make_doc, the stages, the records) happens inside the
        # zone, so spaCy frees them afterwards and memory stays flat however long the run.
        with self.nlp.memory_zone():
            prepared = [self._prepare(s) for s in sources]
            todo = [p.doc for p in prepared if p.doc is not None]
            try:
                docs: list[Doc | Exception] = self._pipe(todo)
            except (Exception, Expired) as err:  # isolate the failing document: fresh docs, one at a time
                log.warning("batch failed (%s: %s); retrying its documents one by one",
                            type(err).__name__, err)
                prepared = [self._prepare(s) for s in sources]
                docs = [self._one(p.doc) for p in prepared if p.doc is not None]
            processed = iter(docs)
            return [self._record(src, prep, next(processed) if prep.doc is not None else None)
                    for src, prep in zip(sources, prepared)]

    def _pipe(self, todo: list[Doc]) -> list[Doc | Exception]:
        """The model and the stages over a batch, `model_batch_size` documents at a time. Each
        group of documents the model holds gets the time limit once per document in it; past
        that, the batch is retried one document at a time, each with its own limit."""
        size = min(self.settings.pipeline.model_batch_size, len(todo)) or 1
        limit = self.settings.pipeline.max_seconds_per_document
        docs: list[Doc | Exception] = []
        with Deadline(limit * size) as clock:
            for doc in self.nlp.pipe(todo, batch_size=size):
                docs.append(doc)
                clock.rearm(limit * max(1, min(size, len(todo) - len(docs))))
        return docs

    def _one(self, doc: Doc) -> Doc | Exception:
        limit = self.settings.pipeline.max_seconds_per_document
        try:
            with Deadline(limit):
                return self.nlp(doc)
        except Expired:
            return TimeLimitError(f"took longer than {limit:g} s ([pipeline] max_seconds_per_document) "
                                  f"and was stopped; the rest of the batch went on. Raise the limit "
                                  f"if the document is genuine")
        except Exception as err:  # recorded on the document's record
            return err

    def _prepare(self, src: Source) -> _Prepared:
        errs = list(src.errors)
        if src.raw is None:
            return _Prepared(None, None, errs, src.language)
        try:
            cleaned = self.clean(src.raw) if self.clean else _identity(src.raw)
        except Exception as err:  # one document's cleaning failure is that document's error
            return _Prepared(None, None, errs + [_stage_failed("clean", err)], src.language)
        # Judged on the article's own text, so that spam lines in another script do not count;
        # when cleaning left no words (a page all in Chinese, say), on the raw text.
        language = src.language or guess_language(cleaned.text) or guess_language(src.raw)
        if language not in (None, "en"):  # not a failure: the record's `language` says why
            return _Prepared(None, None, errs, language)
        warns = _cleaned_away(src.raw, cleaned.text, self.settings.pipeline.min_kept_fraction)
        try:
            doc = self.nlp.make_doc(cleaned.text)
        except Exception as err:  # e.g. longer than the model accepts
            return _Prepared(cleaned, None, errs + [_stage_failed("spacy", err)], language, warns)
        page = page_metadata(src, cleaned)
        state(doc)["meta"] = {"published": page["published"], "title": page["title"]}
        if cleaned.soft_breaks:
            state(doc)["soft_breaks"] = list(cleaned.soft_breaks)
        return _Prepared(cleaned, doc, errs, language, warns)

    def _record(self, src: Source, prep: _Prepared, doc: Doc | Exception | None) -> Record:
        base = dict(doc_id=src.doc_id, source_path=src.source_path, sha256=src.sha256,
                    duplicate_paths=src.duplicate_paths, encoding=src.encoding,
                    language=prep.language, pipeline=self.info, raw_format=src.raw_format,
                    # Offsets index the file's own text, or else this text, kept in the record.
                    raw=src.raw if src.raw_format != "text" else None)
        cleaned, errs = prep.cleaned, prep.errors
        if cleaned is None:
            return Record(**base, errors=errs)
        meta = dict(page_metadata(src, cleaned), text=cleaned.text, warnings=prep.warnings)
        if isinstance(doc, TimeLimitError):
            return Record(**base, **meta, errors=errs + [str(doc)])
        if isinstance(doc, Exception):
            return Record(**base, **meta, errors=errs + [_stage_failed("spacy", doc)])
        if doc is None:  # make_doc failed: its error is already in errs
            return Record(**base, **meta, errors=errs)
        errs = errs + stage_errors(doc)
        data = state(doc)
        raw = src.raw or ""
        entities: list[Entity] = []
        ids: dict[int, str] = {}  # stage index -> entity id, for the relations' ends
        for n, ent in enumerate(data["entities"]):
            try:
                start, end = cleaned.to_raw(ent["start"], ent["end"])
                entity = Entity(id=f"e{len(entities) + 1}", label=ent["label"],
                                text=raw[start:end], start=start, end=end,
                                canonical=ent["canonical"], value=ent["value"], mod=ent["mod"],
                                amount=ent["amount"], currency=ent["currency"])
            except (ValueError, KeyError, TypeError, IndexError) as err:  # a stage's bad output
                errs.append(_bad_output("entities", n, err))
                continue
            ids[n] = entity.id
            entities.append(entity)
        relations: list[Relation] = []
        for n, rel in enumerate(data["relations"]):
            try:
                if rel["confidence"] < self.settings.pipeline.min_confidence:
                    continue
                ev_start, ev_end = cleaned.to_raw(*rel["evidence"])
                relations.append(Relation(
                    id=f"r{len(relations) + 1}", type=rel["type"],
                    head=_end(rel["head"], ids), tail=_end(rel["tail"], ids),
                    role=rel["role"], date=rel["date"], purpose=rel["purpose"],
                    modality=rel["modality"], confidence=round(rel["confidence"], 4),
                    evidence=Evidence(text=raw[ev_start:ev_end], start=ev_start, end=ev_end),
                    rule=rel["rule"]))
            except (ValueError, KeyError, TypeError, IndexError) as err:  # a stage's bad output
                errs.append(_bad_output("relations", n, err))
        return Record(**base, **meta, entities=entities, relations=relations, errors=errs)


def _load_malloc_trim():
    """glibc's malloc_trim, or None elsewhere (macOS, musl): a no-op there."""
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


_MALLOC_TRIM = _load_malloc_trim()


def _release_freed_memory() -> None:
    """Give the memory a batch freed back to the system. The model's arrays are large and of
    many sizes; glibc keeps what they leave behind, so without this a process grows by half
    over its first thousand documents before it levels off (measured: 310 -> 460 MiB; with it,
    about 175 MiB throughout). A few milliseconds per batch."""
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


def _cleaned_away(raw: str, text: str, min_fraction: float) -> list[str]:
    """A warning when cleaning kept nothing of a text with words, or under `min_fraction` of
    them: furniture rules that misread a page must not leave an empty record without a word."""
    before, after = len(raw.split()), len(text.split())
    if not before or after >= min_fraction * before:
        return []
    kept = "none" if not after else f"{after} ({after / before:.0%})"
    return [str(CleanedAwayWarning(f"cleaning kept {kept} of the document's {before} words: the "
                                   f"page may have been taken for furniture; compare the record's "
                                   f"text with the file"))]


def _stage_failed(stage: str, err: Exception) -> str:
    return str(DocumentError(f"{stage} failed: {type(err).__name__}: {err}; the document's "
                             f"other fields are kept; please report it with this file"))


def _bad_output(stage: str, index: int, err: Exception) -> str:
    first = str(err).splitlines()[0] if str(err) else type(err).__name__
    return str(DocumentError(f"{stage}: item {index} left out, the stage produced an invalid "
                             f"one ({type(err).__name__}: {first}); please report it with this file"))


def _end(end: dict, ids: dict[int, str]) -> RelationEnd:
    """A relation end; an end whose entity was left out keeps its name but no entity id."""
    index = end.get("entity")
    return RelationEnd(entity=ids.get(index) if index is not None else None,
                       canonical=end["canonical"], label=end["label"])


def _identity(raw: str) -> Cleaned:
    """What `clean` returns when the stage is switched off: the raw text, mapped one to one."""
    return Cleaned(text=raw, offsets=list(range(len(raw))))


# ---- language -------------------------------------------------------------------------------
# Judged by script, cheaply: the pipeline reads English, and the question is only whether a text
# is mostly written in another script (a Chinese page, say). Latin-script text counts as English.
# Each pattern counts words; scripts written without spaces count characters, scaled to words.
_SCRIPTS = (
    ("en", re.compile(r"[A-Za-z\u00c0-\u024f]+"), 1.0),
    ("zh", re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"), 1 / 1.5),
    ("ja", re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]"), 1 / 1.5),
    ("ko", re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]+"), 1.0),
    ("und-Cyrl", re.compile(r"[\u0400-\u052f]+"), 1.0),
    ("el", re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]+"), 1.0),
    ("he", re.compile(r"[\u0590-\u05ff]+"), 1.0),
    ("und-Arab", re.compile(r"[\u0600-\u06ff\u0750-\u077f]+"), 1.0),
    ("und-Deva", re.compile(r"[\u0900-\u097f]+"), 1.0),
    ("th", re.compile(r"[\u0e00-\u0e7f]"), 1 / 4),
)


def guess_language(text: str) -> str | None:
    """'en', a language or script tag (BCP 47: 'zh', 'und-Cyrl') when most words are in another
    script, or None when the text has no letters. Ties go to English.

    >>> guess_language("Two hospitals in Harbin formed an alliance."), guess_language("  42 ")
    ('en', None)
    """
    best, best_score = None, 0.0
    for tag, pattern, weight in _SCRIPTS:
        score = len(pattern.findall(text)) * weight
        if score > best_score:
            best, best_score = tag, score
    return best
