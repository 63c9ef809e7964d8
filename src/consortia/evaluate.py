"""evaluate: score output records against gold files, as "Scoring" in docs/annotation.md says.

- entities, mention level: (label, start, end) equal is correct (strict); same label and
  overlapping spans is partly correct (reported as `partial`).
- entities, document level: the set of (label, canonical) per document; a predicted pair is
  correct when its canonical or one of its mentions' texts folds to a gold canonical or alias.
- relations: the set of (head, type, tail) per document with the same folding and aliases,
  partner_of in either order; negated relations are ignored. role, date and purpose are
  accuracies over the correctly found relations.
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .errors import GoldError
from .models import LABELS, RELATION_TYPES, SYMMETRIC_TYPES, GoldDocument, Record, as_reviewed, read_records
from .names import fold

# Upper edges of the confidence bands that precision is reported for.
BANDS: tuple[tuple[float, float], ...] = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 1.0001))


@dataclass
class PRF:
    tp_pred: int = 0  # predicted items found correct
    pred: int = 0
    tp_gold: int = 0  # gold items found
    gold: int = 0

    def add(self, other: "PRF") -> None:
        self.tp_pred += other.tp_pred
        self.pred += other.pred
        self.tp_gold += other.tp_gold
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.tp_pred / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else (1.0 if not self.pred else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "predicted": self.pred, "gold": self.gold,
                "correct_predicted": self.tp_pred, "found_gold": self.tp_gold}


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    def as_dict(self) -> dict:
        return {"accuracy": round(self.correct / self.total, 4) if self.total else None,
                "correct": self.correct, "total": self.total}


@dataclass
class Report:
    documents: int = 0
    metadata_only: bool = False  # gold that records only title, published and source
    mention_documents: int = 0  # documents whose gold has offsets (document-level gold has none)
    missing: list[str] = field(default_factory=list)
    mention: dict[str, PRF] = field(default_factory=lambda: {l: PRF() for l in LABELS})
    partial: dict[str, PRF] = field(default_factory=lambda: {l: PRF() for l in LABELS})
    document: dict[str, PRF] = field(default_factory=lambda: {l: PRF() for l in LABELS})
    relations: dict[str, PRF] = field(default_factory=lambda: {t: PRF() for t in RELATION_TYPES})
    role: Accuracy = field(default_factory=Accuracy)
    date: Accuracy = field(default_factory=Accuracy)
    purpose: Accuracy = field(default_factory=Accuracy)
    title: Accuracy = field(default_factory=Accuracy)
    published: Accuracy = field(default_factory=Accuracy)
    source: Accuracy = field(default_factory=Accuracy)
    bands: dict[str, Accuracy] = field(default_factory=lambda: {_band_name(b): Accuracy() for b in BANDS})
    judged: list[tuple[str, float, bool]] = field(default_factory=list)  # (rule, confidence, correct) per relation

    def micro(self, table: dict[str, PRF]) -> PRF:
        total = PRF()
        for prf in table.values():
            total.add(prf)
        return total

    def as_dict(self) -> dict:
        def table(t):
            return {**{k: v.as_dict() for k, v in t.items()}, "micro": self.micro(t).as_dict()}

        return {"documents": self.documents, "metadata_only": self.metadata_only,
                "mention_documents": self.mention_documents,
                "missing_predictions": self.missing,
                "entities_mention": table(self.mention), "entities_mention_partial": table(self.partial),
                "entities_document": table(self.document), "relations": table(self.relations),
                "relation_attributes": {"role": self.role.as_dict(), "date": self.date.as_dict(),
                                        "purpose": self.purpose.as_dict()},
                "relation_precision_by_confidence": {k: v.as_dict() for k, v in self.bands.items()},
                "metadata": {"title": self.title.as_dict(), "published": self.published.as_dict(),
                             "source": self.source.as_dict()}}


def _band_name(band: tuple[float, float]) -> str:
    return f"{band[0]:.2f}-{min(band[1], 1.0):.2f}"


def load_gold(gold_dir: Path) -> dict[str, GoldDocument]:
    # below the folder too: a doc_id with a folder in it ("a/report") is a file in a subfolder
    files = sorted(Path(gold_dir).rglob("*.json"))
    if not files:
        raise GoldError(f"no gold files (*.json) in {gold_dir}")
    gold = {}
    for f in files:
        try:
            doc = GoldDocument.model_validate_json(f.read_text(encoding="utf-8"))
        except (OSError, ValidationError) as err:
            raise GoldError(f"gold file {f} is invalid: {err}") from err
        gold[doc.doc_id] = doc
    return gold


def load_predictions(path: Path) -> dict[str, Record]:
    preds = {}
    try:
        for n, rec in read_records(path):
            if isinstance(rec, str):
                raise GoldError(f"{path}:{n}: not a consortia record ({rec})")
            preds[rec.doc_id] = as_reviewed(rec)  # reviewed JSONL: scored as review left it
    except OSError as err:
        raise GoldError(f"cannot read {path}: {err}") from err
    return preds


def _alias_groups(gold: GoldDocument) -> dict[str, set[str]]:
    """Folded name -> every folded name that stands for the same thing."""
    groups: dict[str, set[str]] = {}
    for canonical, alts in gold.aliases.items():
        group = {fold(canonical)} | {fold(a) for a in alts}
        for name in list(group):
            group |= groups.get(name, set())
        for name in group:
            groups[name] = group
    return groups


def _names(name: str, groups: dict[str, set[str]]) -> set[str]:
    folded = fold(name)
    return groups.get(folded, {folded})


def evaluate(preds: dict[str, Record], gold: dict[str, GoldDocument], *,
             metadata_only: bool = False) -> Report:
    """Score predictions against gold. `metadata_only`: the gold annotates only title, published
    and source (its empty entity and relation lists mean "not annotated"), so only they are scored."""
    report = Report(metadata_only=metadata_only)
    for doc_id, g in sorted(gold.items()):
        report.documents += 1
        p = preds.get(doc_id)
        if p is None:
            report.missing.append(doc_id)
        if not metadata_only:
            _score_document(report, p, g)
        _score_metadata(report, p, g)
    return report


def _score_document(report: Report, p: Record | None, g: GoldDocument) -> None:
    groups = _alias_groups(g)
    p_entities = p.entities if p else []
    # Mentions, strict and partial: only against gold that has offsets.
    has_offsets = any(e.start is not None for e in g.entities)
    report.mention_documents += has_offsets
    for label in LABELS if has_offsets else ():
        gold_spans = {(e.start, e.end) for e in g.entities if e.label == label and e.start is not None}
        pred_spans = {(e.start, e.end) for e in p_entities if e.label == label}
        strict = PRF(pred=len(pred_spans), gold=len(gold_spans))
        strict.tp_pred = strict.tp_gold = len(gold_spans & pred_spans)
        report.mention[label].add(strict)
        overlap = lambda a, b: a[0] < b[1] and b[0] < a[1]
        part = PRF(pred=len(pred_spans), gold=len(gold_spans))
        part.tp_pred = sum(any(overlap(s, t) for t in gold_spans) for s in pred_spans)
        part.tp_gold = sum(any(overlap(s, t) for t in pred_spans) for s in gold_spans)
        report.partial[label].add(part)
    # Document level (label, canonical) pairs.
    for label in LABELS:
        gold_pairs = {e.canonical for e in g.entities if e.label == label}
        gold_names = {c: _names(c, groups) for c in gold_pairs}
        pred_pairs: dict[str, set[str]] = defaultdict(set)
        for e in p_entities:
            if e.label == label:
                pred_pairs[e.canonical].update({fold(e.canonical), fold(e.text)})
        prf = PRF(pred=len(pred_pairs), gold=len(gold_pairs))
        prf.tp_pred = sum(any(forms & names for names in gold_names.values()) for forms in pred_pairs.values())
        prf.tp_gold = sum(any(forms & names for forms in pred_pairs.values()) for names in gold_names.values())
        report.document[label].add(prf)
    # Relations.
    mention_forms: dict[str, set[str]] = defaultdict(set)
    for e in p_entities:
        mention_forms[e.canonical].update({fold(e.canonical), fold(e.text)})
    pred_rels = [r for r in (p.relations if p else []) if r.modality != "negated"]
    gold_rels = [r for r in g.relations if r.modality != "negated"]

    def end_forms(canonical: str) -> set[str]:
        return mention_forms.get(canonical, set()) | {fold(canonical)}

    def matches(pr, gr) -> bool:
        if pr.type != gr.type:
            return False
        ph, pt = end_forms(pr.head.canonical), end_forms(pr.tail.canonical)
        gh, gt = _names(gr.head, groups), _names(gr.tail, groups)
        if ph & gh and pt & gt:
            return True
        return gr.type in SYMMETRIC_TYPES and bool(ph & gt and pt & gh)

    for rtype in RELATION_TYPES:
        prs = [r for r in pred_rels if r.type == rtype]
        grs = [r for r in gold_rels if r.type == rtype]
        # Sets of triples: predicted duplicates of one fact count once.
        unique: list = []
        for r in prs:
            if not any(_same_triple(r, u, end_forms) for u in unique):
                unique.append(r)
        prf = PRF(pred=len(unique), gold=len(grs))
        prf.tp_pred = sum(any(matches(r, gr) for gr in grs) for r in unique)
        prf.tp_gold = sum(any(matches(r, gr) for r in unique) for gr in grs)
        report.relations[rtype].add(prf)
        for gr in grs:
            found = [r for r in prs if matches(r, gr)]
            if not found:
                continue
            best = max(found, key=lambda r: (r.confidence, r.date is not None))
            report.date.total += 1
            report.date.correct += best.date == gr.date
            if rtype == "holds_position":
                report.role.total += 1
                report.role.correct += fold(best.role or "") == fold(gr.role or "")
            if rtype == "invested" and gr.purpose:
                report.purpose.total += 1
                report.purpose.correct += fold(best.purpose or "") == fold(gr.purpose)
    for r in pred_rels:
        ok = any(matches(r, gr) for gr in gold_rels)
        report.judged.append((r.rule, r.confidence, ok))
        for band in BANDS:
            if band[0] <= r.confidence < band[1]:
                acc = report.bands[_band_name(band)]
                acc.total += 1
                acc.correct += ok


def _score_metadata(report: Report, p: Record | None, g: GoldDocument) -> None:
    for attr, acc in (("title", report.title), ("published", report.published), ("source", report.source)):
        acc.total += 1
        want = getattr(g, attr)
        got = getattr(p, attr) if p else None
        norm = (lambda s: " ".join(s.split()) if s else s)
        acc.correct += norm(got) == norm(want)


def _same_triple(a, b, end_forms) -> bool:
    if a.type != b.type:
        return False
    ah, at, bh, bt = (end_forms(x) for x in (a.head.canonical, a.tail.canonical,
                                             b.head.canonical, b.tail.canonical))
    if ah & bh and at & bt:
        return True
    return a.type in SYMMETRIC_TYPES and bool(ah & bt and at & bh)


def format_report(report: Report) -> str:
    lines = [f"documents scored: {report.documents}"
             + (f" (no prediction for: {', '.join(report.missing)})" if report.missing else "")]

    def table(title: str, rows: dict[str, PRF]) -> None:
        lines.append("")
        lines.append(f"{title:<28} {'P':>6} {'R':>6} {'F1':>6} {'pred':>5} {'gold':>5}")
        for name, prf in list(rows.items()) + [("micro", report.micro(rows))]:
            if name != "micro" and not prf.pred and not prf.gold:
                continue
            lines.append(f"  {name:<26} {prf.precision:6.3f} {prf.recall:6.3f} {prf.f1:6.3f} "
                         f"{prf.pred:5d} {prf.gold:5d}")

    if report.metadata_only:
        lines += ["", "entities and relations: not scored (--metadata-only)"]
    elif report.mention_documents:
        table("entities (mention, strict)", report.mention)
        table("entities (mention, partial)", report.partial)
    else:
        lines += ["", "entities (mention): not scored, the gold has no offsets (document-level gold)"]
    if not report.metadata_only:
        _document_tables(report, lines, table)
    lines.append("")
    lines.append("metadata (accuracy)")
    for name, acc in (("title", report.title), ("published", report.published), ("source", report.source)):
        lines.append(f"  {name:<26} {_acc(acc)}")
    return "\n".join(lines)


def _document_tables(report: Report, lines: list[str], table) -> None:
    table("entities (document)", report.document)
    table("relations (document)", report.relations)
    lines.append("")
    lines.append("relation attributes (accuracy over found relations)")
    for name, acc in (("role", report.role), ("date", report.date), ("purpose", report.purpose)):
        lines.append(f"  {name:<26} {_acc(acc)}")
    lines.append("")
    lines.append("relation precision by confidence")
    for name, acc in report.bands.items():
        lines.append(f"  {name:<26} {_acc(acc)}")


def _acc(acc: Accuracy) -> str:
    if not acc.total:
        return "   n/a      0/0"
    return f"{acc.correct / acc.total:6.3f} {acc.correct:>6}/{acc.total}"


def to_json(report: Report) -> str:
    return json.dumps(report.as_dict(), indent=2, sort_keys=False)
