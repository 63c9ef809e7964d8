"""The `role` of a post the classifier found, read off the words around the two names.

The guideline's role is "the title as written, lowercase" (docs/annotation.md), and the gold of
corpus/train writes the whole title between the person and the body: "NAME, director of the
office of ORG" has role "director of the office", "ORG vice president NAME" has "vice
president". So the words between the names are the role when they are a title and nothing
else; when the body comes first and only an honorific separates it from the name ("Deputy
Governor of ORG Mr. NAME"), the title is the words just before the body. A title is a short
run of words with a title noun in it (the role heads of the word lists, or the post nouns that
corpus/train's gold roles end in: "member", "academician", "professor"), no verb, no other
name and no clause punctuation. Pure functions over a parsed Doc and token spans.
"""

import re

from ..names import fold

# words that bound a title but are not part of it ("NAME, the president of ORG")
LEAD = frozenset({",", "the", "a", "an", "who", "is", "was", "are", "were", "as", "also", "now", "currently",
                  "and", "-", "–", ":", "(", "its", "his", "her", "their", "'s", "’s", "both", "has", "been",
                  "be", "will", "serve", "serves", "served", "become", "became", "becomes", "named",
                  "appointed", "elected", "reappointed", "have", "had", "being", "currently", "still", "then"})
TRAIL = frozenset({",", "of", "at", "in", "for", "with", "from", "to", "the", "a", "an", "and", "-", "–",
                   "(", ":", "on", "under", "'s", "’s"})
HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "madam", "dr", "dr.", "prof", "prof.",
                        "comrade", "sir", "lady", "professor", "academician"})
CLAUSE = frozenset({";", ",", "(", ")", "\"", "“", "”", ".", "?", "!"})
_HYPHEN = re.compile(r"\s*-\s*")
AFFILIATION = frozenset({"from", "of", "at", "(", "the"})  # "Professor NAME from ORG": the title before the name
PARTICIPLES = frozenset({"acting", "managing", "founding", "standing", "leading", "presiding", "retired"})
MAX_WORDS = 8  # a longer stretch between two names is a clause, not a title
BEFORE_TOKENS = 10  # "Vice-Chair of Board of Directors of ORG": tokens read back from the body


def _is_title(words, titles: frozenset, joiners: frozenset = frozenset({"of", "to", "for", "and", "&", "-", "the"})) -> bool:
    """A run of tokens that is a title: a title noun in it, no verb but a participle that
    modifies a title ("acting", "founding"), nothing but words."""
    if not 0 < len(words) <= MAX_WORDS:
        return False
    if not any(w.lower_ in titles or w.lemma_.lower() in titles or any(p in titles for p in w.lower_.split("-"))
               for w in words):
        return False
    for w in words:
        low = w.lower_
        if low in joiners or low in titles:
            continue
        if w.text in CLAUSE or w.like_num or not (w.is_alpha or "-" in w.text or w.text == "&"):
            return False
        if w.pos_ in ("VERB", "AUX", "PRON", "DET", "ADP") and low not in PARTICIPLES:
            return False
    return True


def _opens_title(word, titles: frozenset) -> bool:
    return word.lower_ in titles or word.text[:1].isupper() or any(p in titles for p in word.lower_.split("-"))


def _text(words) -> str:
    """The title as written, lowercase; a plural last word in the singular ("members of X")."""
    last = words[-1].lemma_ if words[-1].tag_ == "NNS" and words[-1].lemma_ else words[-1].text
    text = " ".join([w.text for w in words[:-1]] + [last]).lower().replace("\u2019", "'")
    return _HYPHEN.sub("-", " ".join(text.split()))


def _trim(words, lead=LEAD, trail=TRAIL):
    words = list(words)
    while words and words[0].lower_ in lead:
        words = words[1:]
    while words and words[-1].lower_ in trail:
        words = words[:-1]
    return words


def _former(doc, start: int, words, former: frozenset) -> bool:
    """"former president", "NAME, formerly a director of ORG": a past post."""
    k = start - 1
    while k >= 0 and doc[k].lower_ in ("a", "an", "the", ","):
        k -= 1
    return k >= 0 and doc[k].lower_ in former


def title_role(doc, person: tuple[int, int], org: tuple[int, int], *, titles: frozenset,
               former: frozenset, taken: dict[int, str]) -> str | None:
    """The title between (or just before) a person and a body, or None.
    `taken`: tokens of other names, with their labels (a title never runs over one).

    >>> # "Ann Lee, director of the office of Example Hospital" -> "director of the office"
    >>> # "Example Hospital vice president Ann Lee"              -> "vice president"
    >>> # "Deputy Governor of Example Government Mr. Ann Lee"    -> "deputy governor"
    """
    # a title word taken for a name ("Deputy" as a place) is still a title word
    taken = {t: label for t, label in taken.items() if doc[t].lower_ not in titles}
    if person[1] <= org[0]:
        span = list(doc[person[1]:org[0]])
        if any(taken.get(t.i) == "ORG" for t in span):
            return None
        if not _trim(span):  # "NAME, an ORG official"
            before = doc[person[0] - 1] if person[0] > 0 else None
            if (before is not None and before.lower_ in titles and span
                    and all(t.lower_ in AFFILIATION for t in span)):
                return before.lower_  # "Professor NAME from ORG", "Professor NAME (ORG)"
            return _after_body(doc, org, titles=titles, taken=taken)
        # "A and B have been reappointed as members of ORG", "NAME, an expert in X, is a member
        # of ORG": the last clause before the body, after any other name
        cut = max((k for k, t in enumerate(span) if t.text in CLAUSE and t.text != "(" or t.i in taken), default=-1)
        words = _trim(span[cut + 1:])
        by = cut - (cut > 0 and span[cut].text == ",")  # "A and B, director of ORG"
        if cut >= 0 and taken.get(span[by].i) == "PERSON" and words and words[-1].tag_ != "NNS":
            return None  # "A and B, director of ORG": B's title; "A and B, members of ORG": both's
        if _is_title(words, titles):
            role = _text(words)
            if _former(doc, words[0].i, words, former) and not role.startswith(("former", "ex-")):
                role = "former " + role
            return role
        return None
    span = doc[org[1]:person[0]]
    if any(t.i in taken for t in span):
        return None
    words = _trim(span, trail=TRAIL | HONORIFICS)
    if words:
        return _text(words) if _is_title(words, titles) else None
    # "Rector of ORG, NAME", "Deputy Governor of ORG Mr. NAME": the title before the body
    back = []
    k = org[0] - 1
    while k >= 0 and len(back) < BEFORE_TOKENS and k not in taken and doc[k].text not in CLAUSE:
        back.insert(0, doc[k])
        k -= 1
    # a title opens with a title word or a capitalised modifier ("Deputy Governor"), not with
    # the noun it depends on ("under the supervision of the president of ORG")
    opened = back
    while opened and not (_is_title(_trim(opened), titles) and _opens_title(_trim(opened)[0], titles)):
        opened = opened[1:]
    while back and not _is_title(_trim(back), titles):
        back = back[1:]
    words = _trim(opened or back)
    if not words or words[-1].i != org[0] - 1 and doc[org[0] - 1].lower_ not in ("of", "the", "at"):
        return None
    role = _text(words)
    if _former(doc, words[0].i, words, former) and not role.startswith(("former", "ex-")):
        role = "former " + role
    return role


def _after_body(doc, org: tuple[int, int], *, titles: frozenset, taken: set[int]) -> str | None:
    """"NAME, an ORG official, said": the title right after the body's name."""
    words = []
    k = org[1]
    while k < len(doc) and len(words) < MAX_WORDS and k not in taken and doc[k].text not in CLAUSE:
        words.append(doc[k])
        k += 1
    words = _trim(words, lead=frozenset({"'s", "’s"}))
    while words and not _is_title(words, titles):
        words = words[:-1]
    return _text(words) if words else None


def governing_body(name: str, bodies: frozenset) -> tuple[str, str] | None:
    """A name that is a governing body "of" another ("Party Committee of X University", "the
    Board of Directors of X Group"): (the body, lowercase, and the name it governs), else None.

    >>> governing_body("Party Committee of Example University", frozenset({"party committee"}))
    ('party committee', 'Example University')
    """
    words = name.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    for k, w in enumerate(words):
        if w.lower() != "of" or k == 0:
            continue
        body = " ".join(words[:k]).lower()
        rest = words[k + 1:]
        if rest and rest[0].lower() == "the":
            rest = rest[1:]
        if body in bodies and rest:
            return body, " ".join(rest)
    return None


def posts_at_governed(relations: list[dict], ents: list[dict], bodies: frozenset) -> list[dict]:
    """"Secretary of the Party Committee of X University": the guideline's post is at the
    university, with the committee in the role ("secretary of the party committee"), where a
    name such as "Party Committee of X University" was paired with the person. The post in
    the committee is kept after it: the seeds' gold (corpus/gold) annotates that one."""
    by_name = {}
    for k, e in enumerate(ents):
        by_name.setdefault(fold(e["canonical"]), k)
    have = {(fold(r["head"]["canonical"]), fold(r["tail"]["canonical"])) for r in relations
            if r["type"] == "holds_position"}
    out = []
    for r in relations:
        found = governing_body(r["tail"]["canonical"], bodies) if r["type"] == "holds_position" else None
        if found is None:
            out.append(r)
            continue
        body, governed = found
        key = (fold(r["head"]["canonical"]), fold(governed))
        if key in have:
            out.append(r)
            continue  # the post at the governed body is stated already
        have.add(key)
        k = by_name.get(fold(governed))
        e = r["tail"].get("entity")
        # the committee is in the role when the text names it there, not an abbreviation of it
        text = " ".join(w for w in ents[e]["text"].lower().split() if w != "the") if e is not None else ""
        named = e is None or text in bodies or governing_body(ents[e]["text"], bodies) is not None
        role = r.get("role") if not named else f"{r['role']} of the {body}" if r.get("role") else body
        out.append({**r, "tail": {"entity": k, "canonical": ents[k]["canonical"] if k is not None else governed,
                                  "label": "ORG"}, "role": role})
        out.append(r)  # the post in the committee stays too: the seeds' gold has it so
    return out


def post_ended(doc, person: tuple[int, int], ending: frozenset) -> bool:
    """"NAME, deputy head of ORG, has been removed from office", "decided to dismiss NAME from
    the post of", "replacing NAME": the first verb above the person ends a post (a former post,
    docs/annotation.md); not when it is still to come ("will retire")."""
    inside = range(*person)
    root = next((doc[t] for t in inside if doc[t].head.i not in inside or doc[t].head.i == t), None)
    if root is None:
        return False
    verb = next((a for a in root.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return (verb is not None and verb.lemma_.lower() in ending
            and not any(c.lower_ in ("will", "would", "shall", "'ll") for c in verb.children))
