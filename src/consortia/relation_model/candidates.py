"""Candidate pairs: ordered pairs of entity mentions in one sentence whose labels a relation type
allows (docs/annotation.md, "Relations")."""

from dataclasses import dataclass

# (head label, tail label) -> the types that can link them
ALLOWED: dict[tuple[str, str], tuple[str, ...]] = {
    ("PERSON", "ORG"): ("holds_position",),
    ("ORG", "ORG"): ("partner_of", "member_of", "leads", "transferred_to", "affiliated_with",
                     "branch_of", "part_of"),
    ("ORG", "MONEY"): ("invested",),
    ("GPE", "MONEY"): ("invested",),
}
MAX_PER_SENTENCE = 24  # mentions of one sentence paired (a list of 80 hospitals is no statement of 6,000 pairs)


@dataclass(frozen=True)
class Pair:
    head: int  # index into the stage's entity list
    tail: int
    sent: int  # the sentence both are in


def sentence_index(sent_starts: list[int], char: int) -> int:
    """The sentence (by its start character) that holds a character."""
    lo, hi = 0, len(sent_starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sent_starts[mid] <= char:
            lo = mid
        else:
            hi = mid - 1
    return lo


def candidate_pairs(ents: list[dict], sent_starts: list[int]) -> list[Pair]:
    """Every allowed ordered pair within a sentence; never a name with itself."""
    by_sent: dict[int, list[int]] = {}
    for i, e in enumerate(ents):
        by_sent.setdefault(sentence_index(sent_starts, e["start"]), []).append(i)
    out = []
    for s, members in sorted(by_sent.items()):
        members = [m for m in members if ents[m]["label"] in ("PERSON", "ORG", "GPE", "MONEY")][:MAX_PER_SENTENCE]
        for h in members:
            for t in members:
                if h == t or (ents[h]["label"], ents[t]["label"]) not in ALLOWED:
                    continue
                if ents[h]["canonical"].casefold() == ents[t]["canonical"].casefold():
                    continue
                out.append(Pair(h, t, s))
    return out
