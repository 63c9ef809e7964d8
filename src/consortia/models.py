"""The shapes at the boundaries: output records and gold files. One definition of each.

`consortia schema` prints `Record.model_json_schema()`; the runner writes every line through
`Record`; `evaluate` reads gold files through `GoldDocument`; eval, review and export read a
run's output through `read_records`.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

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


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Entity(_Strict):
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


class Relation(_Strict):
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
