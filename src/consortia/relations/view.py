"""One document as the rules see it: entity groups, candidates and the DocView over the parse."""

import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy
from spacy.attrs import IS_SPACE, SENT_START
from spacy.tokens import Doc, Span, Token

from ..names import ascii_quotes, fold
from ..stagedata import soft_breaks
from .name_rules import _strip_the
from .syntax import SUBJECT_DEPS


ORG_LABELS = frozenset({"ORG"})
INVESTOR_LABELS = frozenset({"ORG", "GPE"})
SYMBOL = {"PERSON": "P", "ORG": "O", "GPE": "G", "DATE": "D", "MONEY": "M"}


# How far back a reference looks, so that a document's cost grows with its length and not with
# its square (a page with no line breaks is one paragraph; a 760 KB one took 16 minutes):
# "the same or previous paragraph" is also at most this many sentences back, and "the body
# mentioned most" counts at most this many mentions of its kind before the reference. News
# paragraphs are far shorter and articles name a kind far fewer times, so neither bites there.
REFERENCE_WINDOW_SENTENCES = 40


REFERENCE_WINDOW_MENTIONS = 400


# words that may stand between an amount and the same amount in another currency: "(about $2 million)"
_RESTATING = frozenset({"(", "about", "approximately", "around", "nearly", "roughly", "some", "or", "over", "almost"})


def first_currency(view: "DocView") -> dict[int, int]:
    """MONEY entity -> the amount written first when it restates that amount in another currency:
    "70 billion yuan ($10 billion)", and a headline's "$10 billion" elsewhere, give one investment,
    to the yuan (docs/annotation.md: one amount in two currencies is one relation, to the first)."""
    money = [k for k, e in enumerate(view.ents) if e["label"] == "MONEY" and e.get("amount") is not None
             and view.ent_tok[k] is not None]
    firsts: dict[tuple, int] = {}
    for a, b in zip(money, money[1:]):
        between = view.doc[view.ent_tok[a][1]:view.ent_tok[b][0]]
        ea, eb = view.ents[a], view.ents[b]
        if len(between) and between[0].text == "(" and all(t.lower_ in _RESTATING for t in between) \
                and ea.get("currency") != eb.get("currency"):
            firsts.setdefault((eb["amount"], eb.get("currency")), a)
    out = {}
    for k in money:
        first = firsts.get((view.ents[k]["amount"], view.ents[k].get("currency")))
        if first is not None and first != k:
            out[k] = first
    return out


@dataclass
class Group:
    """Entities coordinated on the surface ("A, B and C"), or a resolved reference."""

    members: tuple[int, ...]
    start: int  # token span
    end: int
    subgroups: tuple[tuple[int, ...], ...] = ()  # "A and B, C and D": ((A, B), (C, D))
    negated: bool = False  # "neither A nor B"
    uncertain: bool = False  # "A or B": nothing stated about either for sure
    hub: int | None = None  # "X and A, B and C": X, one side facing a list
    via: int | None = None  # for a reference: the sentence its antecedents were found in
    far: bool = False  # resolved beyond the window, to the document's main body of that kind

    @property
    def is_reference(self) -> bool:
        return self.via is not None


@dataclass
class Candidate:
    type: str
    head: dict
    tail: dict
    rule: str
    sent: int
    anchor: Token | None
    role: str | None = None
    purpose: str | None = None
    modality: str = "asserted"
    date: str | None = None
    first_sent: int | None = None  # evidence starts at this sentence when a reference reached back


@dataclass
class DocView:
    doc: Doc
    ents: list[dict]
    tok_ent: list[int]
    ent_tok: list[tuple[int, int] | None]
    sents: list[Span]
    sent_of_tok: list[int]
    para_of_sent: list[int]
    ents_in_sent: list[list[int]]  # entity indices per sentence, in text order
    by_name: dict[tuple[str, str], int]  # (label, folded canonical or text) -> first entity
    groups: dict[int, Group] = field(default_factory=dict)  # token index -> group
    resolve: Callable[[Token], Group | None] | None = None  # references, asked for lazily
    posts: dict[str, dict[str, int]] = field(default_factory=dict)  # folded person -> folded body -> its first entity
    _resolved: dict[int, Group | None] = field(default_factory=dict)
    # Indexes built once per document and kind of question, so a reference costs what its
    # window holds, not the whole document: mentions of a kind by position, quote counts, ...
    _memo: dict = field(default_factory=dict)

    def window(self, s0: int) -> Iterator[int]:
        """Sentences s0, s0-1, ... back to the start of the previous paragraph, at most
        REFERENCE_WINDOW_SENTENCES of them: where a reference finds what it stands for."""
        first_para = self.para_of_sent[s0] - 1
        for s in range(s0, max(s0 - REFERENCE_WINDOW_SENTENCES, -1), -1):
            if self.para_of_sent[s] < first_para:
                return
            yield s

    def memo(self, key, build: Callable[[], object]):
        """A value computed once per document for `key`."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def group_at(self, t: Token | None) -> Group | None:
        """The entity group a token belongs to, or the reference it heads."""
        if t is None:
            return None
        g = self.groups.get(t.i)
        if g is None and self.resolve is not None:
            if t.i not in self._resolved:
                self._resolved[t.i] = self.resolve(t)
            g = self._resolved[t.i]
        return g

    def end(self, e: int) -> dict:
        ent = self.ents[e]
        return {"entity": e, "canonical": ent["canonical"], "label": ent["label"]}

    def named_end(self, name: str, label: str = "ORG") -> dict:
        """An end given by a name: the entity of that name when the document has one."""
        found = self.by_name.get((label, fold(name)))
        if found is not None:
            return self.end(found)
        return {"entity": None, "canonical": _strip_the(ascii_quotes(name)), "label": label}


def build_view(doc: Doc, ents: list[dict]) -> DocView:
    tok_ent = [-1] * len(doc)
    ent_tok: list[tuple[int, int] | None] = []
    for i, ent in enumerate(ents):
        span = doc.char_span(ent["start"], ent["end"], alignment_mode="expand")
        if span is None or len(span) == 0:
            ent_tok.append(None)
            continue
        ent_tok.append((span.start, span.end))
        for t in range(span.start, span.end):
            if tok_ent[t] < 0:
                tok_ent[t] = i
    # Sentence starts from the array: `doc.sents` would build a Python Token for every token.
    flags = doc.to_array(SENT_START)
    starts = [0] + [int(i) for i in numpy.flatnonzero(flags == 1) if i > 0]
    bounds = list(zip(starts, starts[1:] + [len(doc)]))
    sents = [doc[a:b] for a, b in bounds]
    sent_of_tok = numpy.repeat(numpy.arange(len(bounds)), [b - a for a, b in bounds]).tolist()
    # Paragraph breaks are newlines, which spaCy keeps as whitespace tokens (doc.text would
    # rebuild the whole text from every token); not those inside a hard-wrapped paragraph.
    breaks = _breaks(doc)
    para_of_sent = [bisect.bisect_left(breaks, a) for a, _ in bounds]
    ents_in_sent: list[list[int]] = [[] for _ in sents]
    by_name: dict[tuple[str, str], int] = {}
    for i, span in sorted(enumerate(ent_tok), key=lambda x: x[1][0] if x[1] else -1):
        if span:
            ents_in_sent[sent_of_tok[span[0]]].append(i)
            for form in (ents[i]["canonical"], ents[i]["text"]):
                by_name.setdefault((ents[i]["label"], fold(form)), i)
    return DocView(doc, ents, tok_ent, ent_tok, sents, sent_of_tok, para_of_sent, ents_in_sent, by_name)


def _mentions_by_name(view: DocView, label: str) -> dict[str, list[int]]:
    """Folded canonical name -> the entities of a label so named, in text order."""
    out: dict[str, list[int]] = {}
    for i, ent in enumerate(view.ents):
        if ent["label"] == label and view.ent_tok[i]:
            out.setdefault(fold(ent["canonical"]), []).append(i)
    return out


def _breaks(doc: Doc) -> list[int]:
    """The whitespace tokens that hold a paragraph's break: a newline outside a hard-wrapped
    paragraph (stagedata.soft_breaks)."""
    soft = soft_breaks(doc)
    return [i for i in numpy.flatnonzero(doc.to_array(IS_SPACE)).tolist()
            if "\n" in doc[i].text and doc[i].idx + doc[i].text.index("\n") not in soft]


def _inside_quotes(doc: Doc) -> list[bool]:
    """For each token, whether an odd number of quote marks precede it in its paragraph: one
    pass, where a scan back from each token cost the square of a long paragraph's length."""
    inside, quotes = [], 0
    breaks = set(_breaks(doc))
    for t in doc:
        inside.append(quotes % 2 == 1)
        if t.i in breaks:
            quotes = 0
        elif t.text in ('"', "\u201c", "\u201d", "''", "``"):
            quotes += 1
    return inside


# What may stand between coordinated names ("the" and "both" are skipped); not nothing:
# adjacent names are one name split in two. "or" groups names but states nothing for sure.
_SEPARATORS = {(",",): "comma", ("and",): "and", (",", "and"): "and", ("&",): "and",
               ("as", "well", "as"): "and", (",", "as", "well", "as"): "and", ("nor",): "and",
               (",", "nor"): "and", ("together", "with"): "and", (",", "together", "with"): "and",
               ("or",): "or", (",", "or"): "or"}


def surface_groups(view: DocView) -> list[Group]:
    """Coordinated entities of one label family, sentence by sentence."""
    doc = view.doc
    order = sorted((span[0], span[1], i) for i, span in enumerate(view.ent_tok) if span)
    groups: list[Group] = []
    run: list[tuple[int, int, int]] = []
    seps: list[str] = []

    def family(i: int) -> str:
        label = view.ents[i]["label"]
        return "org" if label in ("ORG", "GPE") else label

    def flush():
        if not run:
            return
        # Commas alone do not coordinate ("Lanbo Hospital, Kelvin University" is one place).
        if seps and "and" not in seps and "or" not in seps:
            for item in run:
                groups.append(Group((item[2],), item[0], item[1]))
        else:
            members = tuple(item[2] for item in run)
            subgroups: list[tuple[int, ...]] = []
            current = [run[0][2]]
            for sep, item in zip(seps, run[1:]):
                if sep == "comma":
                    subgroups.append(tuple(current))
                    current = []
                current.append(item[2])
            subgroups.append(tuple(current))
            paired = len(subgroups) > 1 and all(len(sg) >= 2 for sg in subgroups)  # not "A, B and C"
            before = doc[run[0][0] - 1].lower_ if run[0][0] > 0 else ""
            hub = run[0][2] if not paired and len(seps) >= 2 and seps[0] == "and" and "comma" in seps[1:] else None
            groups.append(Group(members, run[0][0], run[-1][1], tuple(subgroups) if paired else (),
                                negated=before == "neither" or "nor" in _gap_words(doc, run),
                                uncertain="or" in seps, hub=hub))
        run.clear()
        seps.clear()

    for start, end, i in order:
        if run:
            p_start, p_end, p = run[-1]
            gap = tuple(t.lower_ for t in doc[p_end:start] if t.lower_ not in ("the", "both") and not t.is_space)
            same_sent = view.sent_of_tok[p_end - 1] == view.sent_of_tok[start]
            sep = _SEPARATORS.get(gap) if start >= p_end else None
            if sep == "and" and gap[0] == "," and _opens_clause(doc, p_start, p_end, start, end):
                sep = None  # "..., and X will ...": a new clause, not a list
            if sep == "comma" and doc[p_start:p_end].root.dep_ == "pobj" and _opens_clause(
                    doc, p_start, p_end, start, end):
                sep = None  # "With the approval of X, A and B were ...": a fronted phrase ends at the comma
            mixed = view.ents[i]["label"] != view.ents[p]["label"]
            if (same_sent and sep is not None and family(i) == family(p)
                    and not (mixed and sep == "comma") and not _broken(view, p_end, start)):
                run.append((start, end, i))
                seps.append(sep)
                continue
            flush()
        run.append((start, end, i))
    flush()
    return groups


def _broken(view: DocView, start: int, end: int) -> bool:
    """A paragraph's break between tokens start and end (a hard-wrapped line's end is none)."""
    gap = view.doc[start:end].text
    if "\n" not in gap:
        return False
    soft, base = soft_breaks(view.doc), view.doc[start].idx
    return any(base + k not in soft for k, c in enumerate(gap) if c == "\n")


def _opens_clause(doc: Doc, a0: int, a1: int, b0: int, b1: int) -> bool:
    """The name after ", and" is the subject of a verb the name before it is not a subject of."""
    left, right = doc[a0:a1].root, doc[b0:b1].root
    return right.dep_ in SUBJECT_DEPS and not (left.dep_ in SUBJECT_DEPS and left.head.i == right.head.i)


def _gap_words(doc: Doc, run) -> set[str]:
    return {t.lower_ for a, b in zip(run, run[1:]) for t in doc[a[1]:b[0]]}


def _longest(spans: list[tuple[int, int]], view: DocView) -> list[tuple[int, int]]:
    """Non-overlapping role phrases, longest first, none inside an entity."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if any(view.tok_ent[t] >= 0 for t in range(start, end)):
            continue
        if all(end <= a or start >= b for a, b in out):
            out.append((start, end))
    return sorted(out)
