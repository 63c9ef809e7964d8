"""The extraction pipeline: raw text in, one `Record` out, stages in the config's order.

`Extractor` loads the spaCy model once, adds our components, and turns `Source` documents into
records in batches. It is what a local run, a worker process and a Dask worker all call.
"""

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Config

from . import __version__
from .clean import Cleaned
from .config import Settings
from .errors import ConfigError
from .models import Entity, Evidence, PipelineInfo, Record, Relation, RelationEnd
from .stagedata import errors as stage_errors
from .stagedata import state

log = logging.getLogger(__name__)

# Which model components each of our stages reads.
_COMPONENT_AFTER = {"entities": "ner", "normalize": None, "relations": None}


@dataclass
class Source:
    """A document as read from disk, before extraction. `raw` is None when it could not be read."""

    doc_id: str
    source_path: str
    sha256: str
    raw: str | None
    encoding: str | None = None
    language: str | None = "en"
    errors: list[str] = field(default_factory=list)
    duplicate_paths: list[str] = field(default_factory=list)


def build_nlp(settings: Settings) -> Language:
    """Load the model and add the configured components (spaCy validates their settings)."""
    p = settings.pipeline
    try:
        nlp = spacy.load(p.model, exclude=p.exclude)
    except OSError as err:
        raise ConfigError(f"cannot load spaCy model {p.model!r}: {err}. Install it (see README) "
                          f"or set [pipeline] model to an installed English pipeline") from err
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
        prepared = [self._prepare(s) for s in sources]
        todo = [(i, doc) for i, (cleaned, doc, errs) in enumerate(prepared) if doc is not None]
        out: list[Record | None] = [None] * len(sources)
        with self.nlp.memory_zone():
            try:
                docs = list(self.nlp.pipe([d for _, d in todo], batch_size=len(todo) or 1))
            except Exception as err:  # isolate the failing document by going one at a time
                log.warning("batch failed (%s); retrying its documents one by one", err)
                docs = [self._one(d) for _, d in todo]
            done = {i: d for (i, _), d in zip(todo, docs)}
            for i, src in enumerate(sources):
                cleaned, _, errs = prepared[i]
                out[i] = self._record(src, cleaned, done.get(i), errs)
        return out  # type: ignore[return-value]

    def _one(self, doc: Doc) -> Doc | Exception:
        try:
            return self.nlp(doc)
        except Exception as err:  # recorded on the document's record
            return err

    def _prepare(self, src: Source) -> tuple[Cleaned | None, Doc | None, list[str]]:
        errs = list(src.errors)
        if src.raw is None or errs or src.language not in (None, "en"):
            return None, None, errs
        try:
            cleaned = self.clean(src.raw) if self.clean else _identity(src.raw)
        except Exception as err:  # one document's cleaning failure is that document's error
            return None, None, errs + [f"clean: {type(err).__name__}: {err}"]
        doc = self.nlp.make_doc(cleaned.text)
        state(doc)["meta"] = {"published": cleaned.published, "title": cleaned.title}
        return cleaned, doc, errs

    def _record(self, src: Source, cleaned: Cleaned | None, doc: Doc | Exception | None,
                errs: list[str]) -> Record:
        base = dict(doc_id=src.doc_id, source_path=src.source_path, sha256=src.sha256,
                    duplicate_paths=src.duplicate_paths, encoding=src.encoding,
                    language=src.language, pipeline=self.info)
        if cleaned is None:
            return Record(**base, errors=errs)
        meta = dict(title=cleaned.title, published=cleaned.published, source=cleaned.source,
                    text=cleaned.text)
        if isinstance(doc, Exception) or doc is None:
            reason = f"spacy: {type(doc).__name__}: {doc}" if doc is not None else "spacy: not processed"
            return Record(**base, **meta, errors=errs + [reason])
        errs = errs + stage_errors(doc)
        data = state(doc)
        raw = src.raw or ""
        entities = []
        for n, ent in enumerate(data["entities"], start=1):
            start, end = cleaned.to_raw(ent["start"], ent["end"])
            entities.append(Entity(id=f"e{n}", label=ent["label"], text=raw[start:end], start=start,
                                   end=end, canonical=ent["canonical"], value=ent["value"],
                                   mod=ent["mod"], amount=ent["amount"], currency=ent["currency"]))
        relations = []
        for rel in data["relations"]:
            if rel["confidence"] < self.settings.pipeline.min_confidence:
                continue
            ev_start, ev_end = cleaned.to_raw(*rel["evidence"])
            relations.append(Relation(
                id=f"r{len(relations) + 1}", type=rel["type"],
                head=_end(rel["head"], entities), tail=_end(rel["tail"], entities),
                role=rel["role"], date=rel["date"], purpose=rel["purpose"],
                modality=rel["modality"], confidence=round(rel["confidence"], 4),
                evidence=Evidence(text=raw[ev_start:ev_end], start=ev_start, end=ev_end),
                rule=rel["rule"]))
        return Record(**base, **meta, entities=entities, relations=relations, errors=errs)


def _end(end: dict, entities: list[Entity]) -> RelationEnd:
    index = end.get("entity")
    return RelationEnd(entity=entities[index].id if index is not None else None,
                       canonical=end["canonical"], label=end["label"])


def _identity(raw: str) -> Cleaned:
    """What `clean` returns when the stage is switched off: the raw text, mapped one to one."""
    return Cleaned(text=raw, offsets=list(range(len(raw))))
