"""Candidate pairs: ordered pairs of entity mentions in one sentence (or, for the second model,
in two adjacent sentences) whose labels a relation type allows (docs/annotation.md, "Relations")."""

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
MAX_ADJACENT = 12  # mentions of each of two adjacent sentences paired across them


@dataclass(frozen=True)
class Pair:
    head: int  # index into the stage's entity list
    tail: int
    sent: int  # the sentence both are in (the later one of a pair across two)
    across: bool = False  # head and tail in two adjacent sentences


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


def _by_sentence(ents: list[dict], sent_starts: list[int], limit: int) -> dict[int, list[int]]:
    by_sent: dict[int, list[int]] = {}
    for i, e in enumerate(ents):
        if e["label"] in ("PERSON", "ORG", "GPE", "MONEY"):
            by_sent.setdefault(sentence_index(sent_starts, e["start"]), []).append(i)
    return {s: members[:limit] for s, members in by_sent.items()}


def _allowed(ents: list[dict], h: int, t: int) -> bool:
    return h != t and (ents[h]["label"], ents[t]["label"]) in ALLOWED and \
        ents[h]["canonical"].casefold() != ents[t]["canonical"].casefold()


def candidate_pairs(ents: list[dict], sent_starts: list[int]) -> list[Pair]:
    """Every allowed ordered pair within a sentence; never a name with itself."""
    out = []
    for s, members in sorted(_by_sentence(ents, sent_starts, MAX_PER_SENTENCE).items()):
        out += [Pair(h, t, s) for h in members for t in members if _allowed(ents, h, t)]
    return out


def adjacent_pairs(ents: list[dict], sent_starts: list[int]) -> list[Pair]:
    """Allowed ordered pairs of a mention in one sentence and one in the next, where one of the
    two sentences names nothing of the label that the pair takes from the other: a sentence
    with one end of a fact and not the other takes it from the sentence next to it ("Li Ming
    is president of Xinghe Hospital. Vice president Wang Fang attended." - the second names no
    body). `sent` is the later sentence."""
    by_sent = _by_sentence(ents, sent_starts, MAX_ADJACENT)
    out = []
    for s, later in sorted(by_sent.items()):
        for a in by_sent.get(s - 1, ()):
            for b in later:
                if _lone(ents, a, b, by_sent[s - 1], later):
                    out += [Pair(h, t, s, True) for h, t in ((a, b), (b, a)) if _allowed(ents, h, t)]
    return out


def _lone(ents: list[dict], a: int, b: int, first: list[int], second: list[int]) -> bool:
    """One end's sentence lacks the other end: a person's names no body, an amount's no
    investor, an investor's no amount; of two bodies, one is its sentence's only body."""
    la, lb = ents[a]["label"], ents[b]["label"]
    if la == lb == "ORG":
        return _count(ents, first, "ORG") == 1 or _count(ents, second, "ORG") == 1
    # an amount and an investor whose sentence names no amount: "Xinghe Hospital raised $5
    # million in a Series A round. The round was led by Lanbo Capital and Donghai Fund."
    if "MONEY" in (la, lb) and {la, lb} & {"ORG", "GPE"}:
        others = first if lb == "MONEY" else second
        if not _count(ents, others, "MONEY"):
            return True
    for end, others, label in ((a, first, lb), (b, second, la)):
        if ents[end]["label"] in ("PERSON", "MONEY"):
            wanted = ("ORG",) if ents[end]["label"] == "PERSON" else ("ORG", "GPE")
            return label in wanted and not any(_count(ents, others, w) for w in wanted)
    return False


def _count(ents: list[dict], members: list[int], label: str) -> int:
    return sum(ents[k]["label"] == label for k in members)
