"""partner_of stated in a headline: "A and B Sign Cooperation Agreement", "A Partners With B".

The small model parses title case badly (every word a proper noun, the verb a compound), so a
headline's partnership is read from the order of its words and names, not from the parse. The
word lists are `headline_partners` in pipelines/relations/lexicon.json.
"""

from collections.abc import Sequence

from spacy.tokens import Span

from .syntax import _headline

# An item of a headline: ("E", entity index, label) for a name, else (lowercased word,).
Item = tuple
_SEPARATORS = frozenset({",", "and", "&"})
_PARTICLES = frozenset({"up", "hands", "forces"})
_DEAL_GAP = 6  # words from a signing verb to what is signed: "Sign Strategic Cooperation Framework Agreement"


def headline_items(sent: Span, tok_ent: Sequence[int], ents: Sequence[dict]) -> list[Item]:
    """The sentence as names and lowercased words, spaces left out."""
    items: list[Item] = []
    t = sent.start
    while t < sent.end:
        e = tok_ent[t]
        if e >= 0:
            items.append(("E", e, ents[e]["label"]))
            while t < sent.end and tok_ent[t] == e:
                t += 1
            continue
        if not sent.doc[t].is_space:
            items.append((sent.doc[t].lower_,))
        t += 1
    return items


def title_case(sent: Span) -> bool:
    """Most of the longer words capitalised: a headline written in title case, whatever its end."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.75 * len(words)


def is_headline(sent: Span) -> bool:
    return _headline(sent) or title_case(sent)


def _org(items: Sequence[Item], k: int) -> bool:
    return 0 <= k < len(items) and items[k][0] == "E" and items[k][2] == "ORG"


def _signs_deal(items: Sequence[Item], k: int, deals: frozenset) -> int | None:
    """The index after the deal's nouns ("Cooperation Agreement") when a deal is named within a
    few words of k, before any name; else None."""
    for j in range(k, min(k + _DEAL_GAP, len(items))):
        if items[j][0] == "E":
            return None
        if items[j][0] in deals:
            while j < len(items) and items[j][0] in deals:
                j += 1
            return j
    return None


def headline_partners(items: Sequence[Item], *, signing: frozenset, pairing: frozenset,
                      with_verbs: frozenset, deals: frozenset) -> list[tuple[int, int, str]]:
    """(entity, entity, pattern) pairs a headline states as partners.

    "A and B Sign Cooperation Agreement", "A, B Agree to Set Up ..." (`pair`: two names that
    open the headline, then a signing verb with the deal it signs, or a pairing verb with no
    object of its own: "A and B Join C Alliance" is no partnership); "A Partners With B", "A
    Signs Agreement With B" (`with`).
    """
    k = 1 if items and items[0][0] == "the" else 0
    if not _org(items, k):
        return []
    a = items[k][1]
    k += 1
    out = []
    if k < len(items) and items[k][0] in _SEPARATORS:
        j = k + 1 + (k + 1 < len(items) and items[k + 1][0] == "the")
        if _org(items, j) and j + 1 < len(items):
            verb, after = items[j + 1][0], j + 2
            nxt = items[after][0] if after < len(items) else None
            done = (verb in signing and _signs_deal(items, after, deals)) or (
                verb in pairing and (nxt is None or nxt in ("to", "on", "in", "for") or nxt in _PARTICLES))
            end = _signs_deal(items, after, deals) if verb in signing else after
            # "A and B Sign Agreements With C": A and B are one side, not each other's partners
            if done and not any(it[0] in ("with", "between") for it in items[end or after:]):
                out.append((a, items[j][1], "pair"))
        return out
    if k < len(items):
        verb, j = items[k][0], k + 1
        if verb in with_verbs:
            j += j < len(items) and items[j][0] in _PARTICLES
        elif verb in signing:
            j = _signs_deal(items, j, deals)
            if j is None:
                return []
        else:
            return []
        if j < len(items) and items[j][0] == "with":
            j += 1 + (j + 1 < len(items) and items[j + 1][0] == "the")
            if _org(items, j) and not (j + 1 < len(items) and items[j + 1][0] in _SEPARATORS):
                out.append((a, items[j][1], "with"))
    return out
