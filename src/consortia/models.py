"""The shapes at the boundaries: output records and gold files. One definition of each.

`consortia schema` prints `Record.model_json_schema()`; the runner writes every line through
`Record`; `evaluate` reads gold files through `GoldDocument`; eval, review and export read a
run's output through `read_records`.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from pydantic import (BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, ValidationError,
                      model_serializer, model_validator)

Label = Literal["ORG", "PERSON", "DATE", "MONEY", "GPE"]
LABELS: tuple[str, ...] = ("ORG", "PERSON", "DATE", "MONEY", "GPE")
RelationType = Literal["partner_of", "member_of", "leads", "transferred_to", "affiliated_with",
                       "branch_of", "part_of", "holds_position", "invested"]
RELATION_TYPES: tuple[str, ...] = ("partner_of", "member_of", "leads", "transferred_to",
                                   "affiliated_with", "branch_of", "part_of", "holds_position",
                                   "invested")
SYMMETRIC_TYPES = frozenset({"partner_of"})
Mod = Literal["START", "MID", "END", "APPROX"]
Modality = Literal["asserted", "planned", "negated"]
ISO_DATE = r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$"
ReviewStatus = Literal["pending", "accepted", "rejected", "corrected", "added"]
REVIEW_STATUSES: tuple[str, ...] = ("pending", "accepted", "rejected", "corrected", "added")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Reviewable(_Strict):
    """A model with an optional `review` field that is left out of the output when null, so a
    pipeline run writes the same bytes as before review existed."""

    @model_serializer(mode="wrap")
    def _drop_empty_review(self, handler: SerializerFunctionWrapHandler):
        data = handler(self)
        if isinstance(data, dict) and data.get("review", 0) is None:
            del data["review"]
        return data


class Entity(_Reviewable):
    id: str = Field(description="e1, e2, ... in order of position")
    label: Label
    text: str = Field(description="raw[start:end]")
    start: int = Field(ge=0, description="offset in the RAW text")
    end: int = Field(gt=0, description="end offset (exclusive) in the RAW text")
    canonical: str
    value: str | None = Field(None, pattern=ISO_DATE, description="DATE: ISO 8601 at the written precision")
    mod: Mod | None = Field(None, description="DATE: TIMEX3 modifier")
    amount: int | float | None = Field(None, description="MONEY: the amount as a number")
    currency: str | None = Field(None, pattern=r"^[A-Z]{3}$", description="MONEY: ISO 4217 code")
    review: "EntityReview | None" = Field(None, description="set by `consortia review export`")

    @model_validator(mode="after")
    def _span(self):
        if self.end <= self.start:
            raise ValueError(f"entity {self.id}: end {self.end} <= start {self.start}")
        return self


class RelationEnd(_Strict):
    entity: str | None = Field(description="an entity id, or null when the end is only part of a longer name")
    canonical: str
    label: Label


class Evidence(_Strict):
    text: str = Field(description="raw[start:end]")
    start: int = Field(ge=0)
    end: int = Field(gt=0)


class Relation(_Reviewable):
    id: str
    type: RelationType
    head: RelationEnd
    tail: RelationEnd
    role: str | None = None
    date: str | None = Field(None, pattern=ISO_DATE)
    purpose: str | None = None
    modality: Modality = "asserted"
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: Evidence
    rule: str
    review: "RelationReview | None" = Field(None, description="set by `consortia review export`")


class _Review(_Strict):
    status: ReviewStatus = Field(description="pending (nobody decided), accepted, rejected, "
                                             "corrected (see `corrected`), added (by a reviewer)")
    reviewer: str | None = None
    decided_at: str | None = Field(None, description="ISO 8601 UTC")


class RelationReview(_Review):
    """A reviewer's decision on a relation (`consortia review`). The relation around it is the
    pipeline's; an added one is the reviewer's."""

    corrected: Relation | None = Field(None, description="status corrected: the relation as the "
                                                         "reviewer left it")


class EntityReview(_Review):
    """A reviewer's decision on an entity mention: a fixed span or label (`corrected`), a
    mention that is not an entity (rejected), or one the pipeline missed (added)."""

    corrected: Entity | None = Field(None, description="status corrected: the mention as the "
                                                       "reviewer left it")


Entity.model_rebuild()
Relation.model_rebuild()


class PipelineInfo(_Strict):
    version: str
    config: str
    config_sha256: str
    model: str


class Record(_Strict):
    """One line of the output: one input document."""

    doc_id: str
    source_path: str
    sha256: str = Field(description="sha256 of the raw bytes")
    duplicate_paths: list[str] = Field(default_factory=list,
                                       description="other inputs with the same bytes, processed once")
    encoding: str | None = Field(None, description="how the bytes were decoded")
    raw_format: Literal["text", "html", "crawl-text", "crawl-html"] = Field(
        "text", description="what the input was: a text file, a saved web page, or a crawler line "
                            "with text or with html")
    raw: str | None = Field(None, description="the text that offsets index, when it is not the "
                                              "input file's decoded bytes: a web page's main text, "
                                              "a crawler line's text; null for text files")
    url: str | None = Field(None, description="the page's canonical URL (web pages, crawler lines)")
    author: str | None = Field(None, description="the author a web page or crawler line names")
    language: str | None = Field(None, description="'en', or what else the text is mostly written in")
    title: str | None = None
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    source: str | None = None
    text: str = Field("", description="the cleaned text")
    entities: list[Entity] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    pipeline: PipelineInfo
    errors: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list,
                                description="notes on a record that was made but may be wrong ([W0xx])")


def standing(record: Record) -> tuple[list[tuple[Entity, str]], list[tuple[Relation, str]]]:
    """Entities and relations as they stand after review, each with its review status.

    A corrected one is its corrected version; the ends of a relation follow a corrected entity
    they point at (unless the relation itself was corrected); rejected ones are kept, with
    their status, for the caller to leave out or keep as history. Without `review` fields,
    everything is as the pipeline wrote it, "pending".
    """
    entities, fixed = [], {}
    for e in record.entities:
        status = e.review.status if e.review else "pending"
        now = e.review.corrected if status == "corrected" and e.review.corrected else e
        now = now.model_copy(update={"id": e.id, "review": None})
        if status == "corrected" and (now.canonical != e.canonical or now.label != e.label):
            fixed[e.id] = now
        entities.append((now, status))
    relations = []
    for r in record.relations:
        status = r.review.status if r.review else "pending"
        now = r.review.corrected if status == "corrected" and r.review.corrected else r
        now = now.model_copy(update={"id": r.id, "review": None})
        if status != "corrected":
            ends = {}
            for which in ("head", "tail"):
                end = getattr(now, which)
                ent = fixed.get(end.entity or "")
                if ent is not None:
                    ends[which] = RelationEnd(entity=end.entity, canonical=ent.canonical, label=ent.label)
            if ends:
                now = now.model_copy(update=ends)
        relations.append((now, status))
    return entities, relations


def as_reviewed(record: Record) -> Record:
    """The record as review left it, without `review` fields: corrections applied, added ones
    in, rejected ones out (what `consortia eval` scores). A record never reviewed is unchanged."""
    if not any(x.review for x in (*record.entities, *record.relations)):
        return record
    ents, rels = standing(record)
    return record.model_copy(update={"entities": [e for e, s in ents if s != "rejected"],
                                     "relations": [r for r, s in rels if s != "rejected"]})


# Gold files (docs/annotation.md, "Gold file format").

class GoldEntity(_Strict):
    text: str
    label: Label
    start: int | None = None
    end: int | None = None
    canonical: str
    value: str | None = Field(None, pattern=ISO_DATE)
    mod: Mod | None = None
    amount: int | float | None = None
    currency: str | None = None


class GoldRelation(_Strict):
    head: str
    type: RelationType
    tail: str
    role: str | None = None
    date: str | None = Field(None, pattern=ISO_DATE)
    purpose: str | None = None
    modality: Modality = "asserted"
    amount: int | float | None = None
    currency: str | None = None
    evidence: str | None = None  # the sentence stating it, verbatim (real-corpus gold has it)


class GoldDocument(_Strict):
    doc_id: str
    title: str | None
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    source: str | None
    entities: list[GoldEntity]
    relations: list[GoldRelation]
    aliases: dict[str, list[str]] = Field(default_factory=dict)


def read_records(path: Path) -> Iterator[tuple[int, Record | str]]:
    """(line number, record) for each non-blank line of a run's JSONL output, or (line number,
    why the line is not a record): each caller decides whether a bad line stops it or is counted.
    OSError from opening the file propagates."""
    with open(path, "rb") as fh:  # bytes: invalid UTF-8 is one bad line, not a crash
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                yield number, Record.model_validate_json(line)
            except ValidationError as err:
                first = err.errors()[0]
                where = ".".join(str(p) for p in first.get("loc", ())) or "line"
                yield number, f"{where}: {first['msg']}"
