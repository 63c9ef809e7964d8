"""References the classifier reads as mentions of the body they stand for.

"Xinghe Hospital opened in 1950. It is an affiliated hospital of Donghai University" and "...
The hospital joined the Donghai Alliance": the fact is stated of a body named in a sentence
before (docs/annotation.md allows two adjacent sentences). A reference becomes an extra mention,
its characters the reference's, its name the body's, so that candidates.py pairs it within its
sentence and features.py reads its context as any name's. A light, precise resolver:

- "it"/"its" opening a sentence, or its subject (its subject's possessive: "Its president, NAME"),
  stands for the body the previous sentence is about: the subject among its ORG mentions, else its
  first (a sentence or two back when the previous one names no body);
- "the <noun>" ("the hospital", "the company") stands for the latest ORG mention before it, in its
  sentence or the `window` before, whose name holds one of the noun's words ("the company": Group,
  Ltd, ...). No reference is resolved inside a name or with a name in its phrase.
The word lists are data (pipelines/relations/coreference.json, copied into the model's meta)."""

from spacy.tokens import Doc

from .candidates import Pair, candidate_pairs, sentence_index

SUBJECTS = ("nsubj", "nsubjpass")
MAX_GAP = 4  # tokens between a person and a reference that gives the body of their post


def _first_word(tok) -> bool:
    return not any(t.is_alpha for t in tok.sent[:tok.i - tok.sent.start])


def _opens_sentence(tok) -> bool:
    """"It is ...", "In 2010, it became ...", "Its president, NAME, ...": the reference is the
    sentence's first word, the subject of its main verb, or that subject's possessive."""
    if _first_word(tok):
        return True
    if tok.dep_ in SUBJECTS and tok.head.dep_ == "ROOT":
        return True
    return tok.dep_ == "poss" and tok.head.dep_ in SUBJECTS and tok.head.head.dep_ == "ROOT"


def _definite(tok, taken: set[int]) -> int | None:
    """The first token of "the <noun>" (just those two words) headed by tok."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ == "compound" or tok.i + 1 < len(tok.doc) and \
            tok.doc[tok.i + 1].pos_ == "PROPN":
        return None
    # "the affiliated hospital of Y", "the partner hospital": a description, not a reference
    start = tok.i - 1
    if start < 0 or tok.doc[start].lower_ != "the" or start in taken or tok.i in taken:
        return None
    return start


def reference_mentions(doc: Doc, ents: list[dict], words: dict) -> list[dict]:
    """Extra ORG mentions, one per resolved reference: {start, end, label, canonical, text,
    ref (the body's index in ents), ref_word, ref_back (sentences between the body and it)}."""
    if not words:
        return []
    pronouns = frozenset(words.get("pronouns", ()))
    nouns = {k: frozenset(v) for k, v in words.get("nouns", {}).items()}
    window = int(words.get("window", 2))
    sents = list(doc.sents)
    starts = [s.start_char for s in sents]
    spans = [doc.char_span(e["start"], e["end"], alignment_mode="expand") for e in ents]
    taken = {t for sp in spans if sp is not None for t in range(sp.start, sp.end)}
    orgs = [k for k, e in enumerate(ents) if e["label"] == "ORG" and spans[k] is not None]
    sent_of = {k: sentence_index(starts, ents[k]["start"]) for k in orgs}
    out = []
    for s, sent in enumerate(sents):
        for tok in sent:
            if tok.i in taken:
                continue
            low = tok.lower_
            if low in pronouns and s > 0 and _opens_sentence(tok):
                body, start = _topic(orgs, sent_of, spans, s, window), tok.idx
            elif low in nouns and (first := _definite(tok, taken)) is not None:
                body, start = _latest(orgs, ents, sent_of, nouns[low], s, window, doc[first].idx), doc[first].idx
            else:
                continue
            if body is None:
                continue
            end = tok.idx + len(tok.text)
            out.append({"start": start, "end": end, "label": "ORG", "canonical": ents[body]["canonical"],
                        "text": doc.text[start:end], "ref": body, "ref_word": low,
                        "ref_back": s - sent_of[body]})
    return out


def _topic(orgs, sent_of, spans, s: int, window: int) -> int | None:
    """The body a sentence before is about: its ORG subject, else its first ORG."""
    for back in range(s - 1, max(-1, s - 1 - window), -1):
        here = [k for k in orgs if sent_of[k] == back]
        if here:
            subj = [k for k in here if spans[k].root.dep_ in SUBJECTS]
            return (subj or here)[0]
    return None


def _latest(orgs, ents, sent_of, heads: frozenset, s: int, window: int, before: int) -> int | None:
    """The latest ORG mention before a character, at most `window` sentences back, whose name
    holds one of the head words."""
    best = None
    for k in orgs:
        if s - window <= sent_of[k] <= s and ents[k]["end"] <= before and \
                heads & set(ents[k]["canonical"].casefold().replace(",", " ").split()):
            if best is None or ents[k]["start"] > ents[best]["start"]:
                best = k
    return best


def reference_pairs(doc: Doc, ents: list[dict], named: int, sent_starts: list[int]) -> list[Pair]:
    """The candidate pairs with a reference (ents[named:]) for an end. A person's post goes to a
    reference only next to the name ("Its president, Li Ming", "Li Ming, the hospital's deputy
    secretary"): further off, "the hospital" is seldom the body of the person's title."""
    spans = [doc.char_span(e["start"], e["end"], alignment_mode="expand") for e in ents]
    out = []
    for p in candidate_pairs(ents, sent_starts):
        if max(p.head, p.tail) < named:
            continue
        a, b = spans[p.head], spans[p.tail]
        if "PERSON" in (ents[p.head]["label"], ents[p.tail]["label"]) and \
                (a is None or b is None or max(b.start - a.end, a.start - b.end) > MAX_GAP):
            continue
        out.append(p)
    return out
