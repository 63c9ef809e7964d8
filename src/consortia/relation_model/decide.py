"""From pair scores to relations: one per (type, head, tail), with its attributes.

The type of a pair is its most likely class among those its labels allow; the pair states a
relation when that class's probability reaches the threshold tuned on corpus/dev. Attributes
come from the sentence: the role phrase nearest the person (with "former" when the text says
so), the sentence's DATE nearest the pair, "planned" when a planning word governs it."""

from ..names import fold
from .candidates import ALLOWED, Pair
from .classifier import CLASSES
from .roles import post_ended, title_role


def best_type(ents: list[dict], pair: Pair, probs) -> tuple[str, float]:
    allowed = ALLOWED[(ents[pair.head]["label"], ents[pair.tail]["label"])]
    k = max((CLASSES.index(t) for t in allowed), key=lambda c: probs[c])
    return CLASSES[k], float(probs[k])


def decide(doc, ents: list[dict], pairs: list[Pair], probs, *, threshold: float,
           roles: dict[int, list[tuple[int, int]]], sents: list, planned: frozenset,
           former: frozenset, token_of, titles: frozenset = frozenset(),
           ending: frozenset = frozenset(), titled_threshold: float | None = None) -> list[dict]:
    """`roles`: role phrases per sentence (token spans); `token_of(e)`: entity e's token span;
    `titles`: the title nouns a role is read with, `ending`: verbs that end a post (roles.py);
    `titled_threshold`: the lower score a post needs when a title links its two names
    (`titled`), None for the threshold."""
    best: dict[tuple, tuple[float, Pair, str]] = {}
    typed = [(pair, *best_type(ents, pair, p)) for pair, p in zip(pairs, probs)]
    # One post per person mention from the model: in "A, director of X, B, director of Y" each
    # name's own body scores highest, its neighbours' lower (a second post is the rules' to find).
    top_post: dict[int, float] = {}
    for pair, typ, score in typed:
        if typ == "holds_position":
            top_post[pair.head] = max(score, top_post.get(pair.head, 0.0))
    post_roles: dict[Pair, str | None] = {}

    def post_role(pair: Pair) -> str | None:
        if pair not in post_roles:
            post_roles[pair] = _post_role(doc, ents, pair, token_of(pair.head), token_of(pair.tail),
                                          roles.get(pair.sent, []), former, titles, token_of, ending)
        return post_roles[pair]

    low = threshold if titled_threshold is None else min(threshold, titled_threshold)
    for pair, typ, score in typed:
        if score < low or (typ == "holds_position" and score < top_post[pair.head]):
            continue
        if score < threshold and not (typ == "holds_position" and titled(
                doc, ents, pair, titles=titles, former=former, token_of=token_of, spans=roles.get(pair.sent, []))):
            continue
        if typ == "holds_position" and titles and post_role(pair) is None:
            continue  # a post is stated with its title: a pair with none around it is no post (dev P 0.70 -> 0.75)
        if typ == "holds_position" and _claimed(doc, ents, pair, token_of, roles.get(pair.sent, [])):
            continue
        h, t = fold(ents[pair.head]["canonical"]), fold(ents[pair.tail]["canonical"])
        key = (typ,) + (tuple(sorted((h, t))) if typ == "partner_of" else (h, t))
        if key not in best or score > best[key][0]:
            best[key] = (score, pair, typ)
    out = []
    for score, pair, typ in sorted(best.values(), key=lambda x: (x[1].sent, x[1].head, x[1].tail, x[2])):
        sent = sents[pair.sent]
        text = sent.text
        opening = sents[pair.sent - 1] if pair.across else sent  # a fact across two sentences: both
        start = opening.start_char + (len(opening.text) - len(opening.text.lstrip()))
        end = sent.start_char + len(text.rstrip())
        hs, ts = token_of(pair.head), token_of(pair.tail)
        out.append({
            "type": typ,
            "head": {"entity": pair.head, "canonical": ents[pair.head]["canonical"], "label": ents[pair.head]["label"]},
            "tail": {"entity": pair.tail, "canonical": ents[pair.tail]["canonical"], "label": ents[pair.tail]["label"]},
            "role": post_role(pair) if typ == "holds_position" else None,
            "date": _date(ents, hs, ts, sent, token_of),
            "purpose": None,
            "modality": "planned" if any(tok.lower_ in planned for tok in sent) else "asserted",
            "confidence": round(score, 4), "rule": f"model.{typ}", "evidence": [start, end]})
    return out


def titled(doc, ents: list[dict], pair: Pair, *, titles: frozenset, former: frozenset, token_of,
           spans: list[tuple[int, int]]) -> bool:
    """A title links the person to the body: between or before the two names as roles.py reads
    it ("NAME, dean of ORG", "ORG president NAME", "Rector of ORG, NAME"), the person's own
    title right before the name ("President NAME"), or one right after it ("NAME, president,")."""
    person, org = token_of(pair.head), token_of(pair.tail)
    if person is None or org is None or not titles:
        return False
    taken = {t: ents[k]["label"] for k in range(len(ents)) if k not in (pair.head, pair.tail)
             and (span := token_of(k)) for t in range(*span)}
    if title_role(doc, person, org, titles=titles, former=former, taken=taken) is not None:
        return True
    k = person[0] - (person[0] > 0 and doc[person[0] - 1].lower_.rstrip(".") in _HONORIFICS)
    after = person[1] < len(doc) and doc[person[1]].text == ","
    return any(end == k or after and start in (person[1] + 1, person[1] + 2) for start, end in spans)


def _claimed(doc, ents: list[dict], pair: Pair, token_of, spans: list[tuple[int, int]]) -> bool:
    """"A, B, director of ORG": the title after B is B's, not A's; a plural title after them
    ("A and B, members of ORG") is theirs both, and a name with its own title before it
    ("President A, Vice President B of ORG") is not one the title after B could be for."""
    person, org = token_of(pair.head), token_of(pair.tail)
    if person is None or org is None or person[1] > org[0]:
        return False
    starts = {token_of(k)[0]: k for k, e in enumerate(ents) if e["label"] == "PERSON" and token_of(k)
              and e["canonical"] != ents[pair.head]["canonical"]}
    # "A, Chairman of ORG Prof. B", "A, ORG President B": the body's title and name follow it
    j = org[1]
    while j < len(doc) and j - org[1] < 6 and j not in starts and (
            doc[j].lower_.rstrip(".") in _HONORIFICS or any(a <= j < b for a, b in spans)):
        j += 1
    if j in starts and (j > org[1] or doc[org[0] - 1].lower_ in ("of", "the")):
        return True
    k = person[0] - (person[0] > 0 and doc[person[0] - 1].lower_.rstrip(".") in _HONORIFICS)
    if any(end == k for _, end in spans) or (k > 0 and doc[k - 1].tag_ in ("NNS", "NNPS")):
        return False  # "President A, ...", "investigators A and B of ORG": A has a title of its own
    # another item of a list ("A, B, ..."), not a name inside A's own words ("A (granddaughter
    # of B and chairman of ORG)")
    others = [span[1] for k, e in enumerate(ents) if k != pair.head and e["label"] == "PERSON"
              and e["canonical"] != ents[pair.head]["canonical"]
              and (span := token_of(k)) and person[1] <= span[0] and span[1] <= org[0]
              and _listed(doc, span[0])]
    return bool(others) and not any(t.tag_ in ("NNS", "NNPS") for t in doc[max(others):org[0]])


def _listed(doc, start: int) -> bool:
    """A name opening a list item: after a comma, "and" or a semicolon (an honorific between)."""
    k = start - 1
    if k >= 0 and doc[k].lower_.rstrip(".") in _HONORIFICS:
        k -= 1
    return k >= 0 and doc[k].lower_ in (",", "and", ";")


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "prof", "professor", "madam", "comrade"})
_ROLE_EDGES = frozenset({",", "the", "a", "an", "is", "was", "as", "of", "at", "in", "for", "from", "with", "and", "its", "his", "her", "-", "(", ")"})


def _between_phrase(doc, person, org) -> str | None:
    """The words between a person and a body when they are a title and nothing else
    ("NAME, rector of ORG", "ORG adjunct professor NAME"): at most five words, no verb."""
    a, b = sorted((person, org))
    words = list(doc[a[1]:b[0]])
    while words and words[0].lower_ in _ROLE_EDGES:
        words = words[1:]
    while words and words[-1].lower_ in _ROLE_EDGES:
        words = words[:-1]
    if not 0 < len(words) <= 5 or any(w.pos_ in ("VERB", "AUX", "PROPN", "NUM") or not w.is_alpha and w.text != "-" for w in words):
        return None
    return " ".join(w.lower_ for w in words)


def _post_role(doc, ents, pair: Pair, person, org, spans, former, titles, token_of,
               ending: frozenset = frozenset()) -> str | None:
    """The title between (or before) the two names when there is one (roles.py), else the
    role phrase nearest the person."""
    if person is not None and org is not None and titles:
        taken = {t: ents[k]["label"] for k in range(len(ents)) if k not in (pair.head, pair.tail)
                 and (span := token_of(k)) for t in range(*span)}
        role = title_role(doc, person, org, titles=titles, former=former, taken=taken)
    else:
        role = None
    if role is None:
        taken = {t for k in range(len(ents)) if (span := token_of(k)) for t in range(*span)}
        role = _role(doc, person, org, spans, former, taken)
    if role and not role.startswith(("former", "ex-")) and post_ended(doc, person, ending):
        role = "former " + role
    return role


def _role(doc, person, org, spans: list[tuple[int, int]], former: frozenset,
          taken: set[int] = frozenset()) -> str | None:
    """The role phrase nearest the person, with an "of" phrase that names no body after it
    ("head of surgery", "secretary of the party committee"); `taken`: tokens of names."""
    if person is None:
        return None
    lo, hi = min(person[0], org[0] if org else person[0]), max(person[1], org[1] if org else person[1])
    # a role between the two names ("NAME, president of ORG", "ORG president NAME") first, then
    # the words between them when they are a title the word lists lack, then the nearest role
    inside = [s for s in spans if lo <= s[0] and s[1] <= hi]
    # the title right before the name is its own ("Party Secretary A, President B of ORG")
    k = person[0] - (person[0] > 0 and doc[person[0] - 1].lower_.rstrip(".") in _HONORIFICS)
    own = [s for s in spans if s[1] == k]
    if not own and not inside and org is not None and (phrase := _between_phrase(doc, person, org)):
        return phrase
    if not (own or inside or spans):
        return None
    s = min(own or inside or spans, key=lambda s: (_distance(s, person), s[0] - s[1], s[0]))
    role = " ".join(doc[s[0]:s[1] + _of_field(doc, s[1], taken)].text.lower().replace("\u2019", "'").split())
    before = doc[s[0] - 1].lower_ if s[0] > 0 else ""
    if before in ("a", "an", "the") and s[0] > 1:
        before = doc[s[0] - 2].lower_
    return f"former {role}" if before in former and not role.startswith("former") else role


_DETERMINERS = frozenset({"the", "its", "our", "their", "his", "her", "this"})
_FIELD_ENDS = frozenset({",", ";", ".", ")", "(", ":", "of", "at", "in", "and", "from", "for", "with", "to", "on"})
MAX_FIELD = 5  # words of a field after a title ("director of the hospital labour union")


def _of_field(doc, end: int, taken: set[int]) -> int:
    """Tokens to add after a title ending at `end`: "of" and a field or unit that is no name
    ("head of surgery", "director of the medical ICU", "chairman of the labour union"), up to a
    clause mark, a preposition or the sentence's end; 0 for none, or for a determiner and one
    word ("president of the hospital" names the body itself)."""
    if end >= len(doc) or doc[end].lower_ != "of" or doc[end].is_sent_end:
        return 0
    k = end + 1
    words = []
    while (k < len(doc) and k not in taken and len(words) <= MAX_FIELD and doc[k].text not in _FIELD_ENDS
           and doc[k].lower_ not in _FIELD_ENDS):
        tok = doc[k]
        if not (tok.is_alpha or tok.text in ("'s", "\u2019s")) or tok.pos_ in ("VERB", "AUX", "PRON", "NUM", "ADP"):
            return 0
        words.append(tok)
        k += 1
        if tok.is_sent_end:
            break
    if not words or len(words) > MAX_FIELD or (k < len(doc) and k in taken and doc[k - 1].lower_ not in _FIELD_ENDS):
        return 0
    content = [w for w in words if w.lower_ not in _DETERMINERS]
    if not content or (len(content) == 1 and len(words) > 1):
        return 0  # "of the hospital", "of our university": the body itself
    return 1 + len(words)


def _date(ents: list[dict], hs, ts, sent, token_of) -> str | None:
    dates = [k for k, e in enumerate(ents) if e["label"] == "DATE" and e.get("value")
             and sent.start_char <= e["start"] < sent.end_char]
    if not dates or hs is None:
        return None
    anchor = (min(hs[0], ts[0] if ts else hs[0]), max(hs[1], ts[1] if ts else hs[1]))
    k = min(dates, key=lambda k: (_distance(token_of(k) or anchor, anchor), k))
    return ents[k]["value"]
