"""A candidate pair as sparse string features of its context.

The words between the two names carry most wordings ("X, president of Y", "X signed an
agreement with Y", "X, a subsidiary of Y"); the dependency path carries the rest ("X ... has
formed, together with the county's hospitals, Y"). Features of the words between are joined
with the order of the pair (head first or tail first), since "A of B" and "B of A" differ."""

from spacy.tokens import Doc, Span

MAX_NOUNS = 16  # nouns of the sentence read as a bag
MAX_BETWEEN = 10  # tokens between two names read word by word; a longer stretch by its ends


def mention_spans(doc: Doc, ents: list[dict]) -> list[Span | None]:
    return [doc.char_span(e["start"], e["end"], alignment_mode="expand") for e in ents]


def _lemma(tok) -> str:
    if tok.like_num:
        return "<num>"
    return (tok.lemma_ or tok.text).lower()


def _path(a: Span, b: Span) -> tuple[str, str]:
    """The dependency path from a's head token to b's (labels up, the meeting word, labels down)."""
    return _token_path(a.root, b.root)


def _list_head(tok):
    """The first item of the list a token is a later item of ("A, B and C": C -> A), else None."""
    first = tok
    while first.dep_ == "conj" and first.head is not first and first.head.i < first.i:
        first = first.head
    return first if first is not tok else None


def _token_path(x, y) -> tuple[str, str]:
    up_x, up_y = [x] + list(x.ancestors), [y] + list(y.ancestors)
    ids_y = {t.i: k for k, t in enumerate(up_y)}
    for k, t in enumerate(up_x):
        if t.i in ids_y:
            left = [u.dep_ for u in up_x[:k]]
            right = [u.dep_ for u in up_y[:ids_y[t.i]]]
            return "<".join(left) + "^" + _lemma(t) + "^" + ">".join(reversed(right)), _lemma(t)
    return "none", "none"


def pair_features(doc: Doc, spans: list[Span | None], ents: list[dict], head: int, tail: int) -> list[str]:
    h, t = spans[head], spans[tail]
    if h is None or t is None:
        return ["NOSPAN"]
    lh, lt = ents[head]["label"], ents[tail]["label"]
    first, second = (h, t) if h.start <= t.start else (t, h)
    order = "hf" if first is h else "tf"
    f = [f"LP={lh}>{lt}", f"ORD={order}", f"LP_ORD={lh}>{lt}|{order}"]
    between = doc[first.end:second.start] if first.end <= second.start else doc[0:0]
    words = [_lemma(x) for x in between if not x.is_space]
    n = len(words)
    f.append(f"NB={min(n, 12)}|{order}")
    if n <= MAX_BETWEEN:
        f += [f"BW={w}|{order}" for w in words]
        f += [f"BB={a}_{b}|{order}" for a, b in zip(words, words[1:])]
        if n <= 5:
            f.append(f"BSEQ={' '.join(words)}|{order}")
    else:
        f += [f"BF={w}|{order}" for w in words[:3]] + [f"BL={w}|{order}" for w in words[-3:]]
    inside = [e for k, e in enumerate(ents) if k not in (head, tail) and "ref" not in e
              and e["start"] >= first.end_char and e["end"] <= second.start_char]
    f.append(f"NE={min(len(inside), 4)}")
    f += [f"BE={e['label']}" for e in inside]
    sent = first.sent
    pre = [_lemma(x) for x in doc[max(sent.start, first.start - 3):first.start]]
    post = [_lemma(x) for x in doc[second.end:min(sent.end, second.end + 3)]]
    f += [f"PRE{k}={w}" for k, w in enumerate(reversed(pre))]
    f += [f"POST{k}={w}" for k, w in enumerate(post)]
    hh, th = _lemma(h[-1]), _lemma(t[-1])
    f += [f"HH={hh}", f"TH={th}", f"HH_TH={hh}_{th}"]
    f += [f"HW={x.lower_}" for x in h] + [f"TW={x.lower_}" for x in t]
    hc, tc = ents[head]["canonical"].casefold(), ents[tail]["canonical"].casefold()
    if tc in hc:
        f.append("T_IN_H")
    if hc in tc:
        f.append("H_IN_T")
    path, meet = _path(h, t)
    f += [f"PATH={path}", f"MEET={meet}|{order}"]
    f += [f"SV={_lemma(x)}" for x in sent if x.pos_ == "VERB"][:12]
    # A later item of a list is related as its first item is: "A, B and C donated X", "X acquired
    # A and B", "led by A, with B and C": the path from the list's first item, not the item's own
    for side, own, other in (("H", h, t), ("T", t, h)):
        if (item := _list_head(own.root)) is not None and not (other.start <= item.i < other.end):
            item = next((s.root for s in spans if s is not None and s.start <= item.i < s.end), item)
            f += [f"LIST{side}", f"LPATH{side}={_token_path(item, other.root)[0]}"]
    # the wording between and the path again, joined with the label pair: "of" between a person
    # and a body says a post, between two bodies a part or an affiliation
    lp = f"{lh}>{lt}"
    # the sentence's nouns, for what no word between says: "round", "funding", "donation",
    # "subsidiary" far from one of the two names
    f += [f"SN={_lemma(x)}" for x in sent if x.pos_ == "NOUN"][:MAX_NOUNS]
    f += [f"{x}|{lp}" for x in f if x.startswith(("BW=", "BSEQ=", "PATH=", "LPATH", "SN="))]
    # The second model's pairs (scoring.py): an end that is a reference (references.py), or two
    # ends in adjacent sentences ("X opened in 1950. Its president Li Ming"), say so
    for side, k in (("H", head), ("T", tail)):
        if "ref" in ents[k]:
            e = ents[k]
            f += [f"REF{side}={e['ref_word']}", f"REF{side}_BACK={min(e['ref_back'], 2)}", f"REF{side}|{lp}"]
    if first.sent.start != second.sent.start:
        later = second.sent
        f += [f"ACROSS|{lp}|{order}", f"OPEN={' '.join(_lemma(x) for x in later[:2])}|{lp}",
              f"HDEP={h.root.dep_}|{order}", f"TDEP={t.root.dep_}|{order}"]
        f += [f"POSTX{k}={_lemma(x)}" for k, x in enumerate(doc[second.end:min(later.end, second.end + 3)])]
        f += [f"PREX{k}={_lemma(x)}" for k, x in enumerate(reversed(doc[max(later.start, second.start - 3):second.start]))]
        f += [f"SV2={_lemma(x)}" for x in later if x.pos_ == "VERB"][:12]
    return f
