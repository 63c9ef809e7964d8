"""normalize stage: canonical names, ISO dates and money amounts on the entity dicts.

- ORG, PERSON, GPE: every mention gets the canonical of its group in the document, the fullest
  form of one thing (docs/annotation.md). Forms are grouped when one is a short form of another:
  same head noun, its words in order in the fuller form, whose extra words may only be scope
  words ("Provincial"), places, ordinals or an "of ..." tail. Lowercase-written names are
  title-cased, typographic apostrophes become ASCII, a leading "the" goes.
- DATE: `value` in ISO 8601 at the written precision, `mod` from a qualifier ("the end of");
  a date without a year takes the year of `published`, else XXXX.
- MONEY: `amount` as a number and `currency` as an ISO 4217 code.
"""

import datetime
import functools
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .entities import load_places
from .errors import ConfigError
from .names import ascii_quotes
from .stagedata import guarded, state

_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_YEAR = re.compile(r"(?<!\d)((?:1[89]|20)\d{2})(?!\d)")
_DAY = re.compile(r"(?<![\d-])(\d{1,2})(?:st|nd|rd|th)?(?![\d])")
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,9}")
_REFERENCE_BEFORE = re.compile(r"\b[Tt]he[ \t]+([a-z]+)[ \t]*\([ \t]*$")
_REFERENCE_REACH = 200  # characters before a name where _REFERENCE_BEFORE may start
_ISO = re.compile(r"((?:1[89]|20)\d{2})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?")
# A fixed leap-year base: parsing never reads the clock and "February 29" without a year parses.
_BASE = datetime.datetime(2000, 1, 1)


@dataclass(frozen=True)
class Lexicon:
    lowercase_in_title: frozenset
    scope: frozenset
    national_scope: frozenset
    ordinals: frozenset
    head_class: dict
    plural_heads: dict  # "Hospitals" -> "Hospital": a head shared by two names
    gpe_suffixes: frozenset
    distinct_units: frozenset
    head_spellings: frozenset  # "Hopital" is "Hospital" misspelt
    unit_heads: frozenset  # "Lanbo University Council" is a unit of Lanbo University, not its fuller name
    unit_heads_with_of: frozenset  # "School of Medicine" after a name; "Medical School" is as often the body
    company_endings: frozenset
    body_heads: frozenset  # a name ending in one is whole ("X Hospital"), not a name's first words
    legal_forms: frozenset
    leading_qualifiers: tuple  # word tuples: "Israel X Center", "U.S. X Health" are X's names
    party_words: frozenset  # "X Municipal Committee" is "X Municipal Party Committee"
    mods: dict
    mod_regex: re.Pattern
    currencies: dict
    scales: dict
    places: frozenset  # casefolded place names


def load_lexicon(path: str | Path, places: str | Path) -> Lexicon:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        names, dates, money = data["names"], data["dates"], data["money"]
        head_class = {w: group[0] for group in names["head_synonyms"] for w in group}
        mods = {k.lower(): v for k, v in dates["mods"].items()}
        if set(mods.values()) - {"START", "MID", "END", "APPROX"}:
            raise ValueError(f"dates.mods: unknown mod in {sorted(set(mods.values()))}")
        alts = [re.escape(q) if q.endswith("-") else re.escape(q).replace(r"\ ", r"\s+") + r"\s+"
                for q in sorted(mods, key=len, reverse=True)]
        return Lexicon(
            lowercase_in_title=frozenset(names["lowercase_in_title"]),
            scope=frozenset(names["scope_words"]),
            national_scope=frozenset(names["national_scope_words"]), ordinals=frozenset(names["ordinals"]),
            head_class=head_class, plural_heads=dict(names["plural_heads"]), gpe_suffixes=frozenset(names["gpe_suffixes"]),
            distinct_units=frozenset(names["distinct_units"]),
            head_spellings=frozenset(names["head_spellings"]),
            unit_heads=frozenset(names["unit_heads"]), unit_heads_with_of=frozenset(names["unit_heads_with_of"]),
            company_endings=frozenset(names["company_endings"]),
            body_heads=frozenset(names["body_heads"]),
            legal_forms=frozenset(names["legal_forms"]),
            leading_qualifiers=tuple(tuple(q.split()) for q in names["leading_qualifiers"]),
            party_words=frozenset(names["party_words"]),
            mods=mods, mod_regex=re.compile(rf"^(?:{'|'.join(alts)})", re.IGNORECASE),
            currencies=dict(money["currencies"]),
            scales={k.lower(): int(v) for k, v in money["scales"].items()},
            places=frozenset(p.casefold() for p in load_places(places)),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise ConfigError(f"normalize lexicon {path}: {err}") from err


# ---------------------------------------------------------------------------------------------
# Names.

def display_form(text: str, lexicon: Lexicon) -> str:
    """The written name as a canonical: one space, ASCII apostrophes, no leading "the" or
    trailing possessive, and title case for words written in lowercase.

    >>> display_form("the Wuxi children’s hospital", LEXICON)
    "Wuxi Children's Hospital"
    """
    words = ascii_quotes(" ".join(text.split())).split(" ")
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    if words[-1].endswith("'s") and len(words) > 1 and words[-1][:-2].istitle():
        words[-1] = words[-1][:-2]
    out = []
    for n, w in enumerate(words):
        if w[:1].islower() and (n == 0 or w not in lexicon.lowercase_in_title):
            w = w[:1].upper() + w[1:]
        out.append(w)
    return " ".join(out)


def _one_edit(word: str, head: str) -> bool:
    """`word` is `head` with one letter dropped, added or changed, or two neighbours swapped."""
    if word == head or abs(len(word) - len(head)) > 1:
        return False
    if len(word) == len(head):
        diff = [i for i, (a, b) in enumerate(zip(word, head)) if a != b]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and word[diff[0]] == head[diff[1]] and word[diff[1]] == head[diff[0]])
    short, long_ = sorted((word, head), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def spelled_heads(form: str, lexicon: Lexicon) -> str:
    """An ORG canonical with its misspelt heads written right ("Lanshan Memorial Hopital" is
    "Lanshan Memorial Hospital"): a typo takes the intended name (docs/annotation.md).

    >>> spelled_heads("Lanshan Univesrity Hopital", LEXICON)
    'Lanshan University Hospital'
    """
    words = form.split(" ")
    for n, w in enumerate(words):
        if len(w) < 6 or not w[:1].isupper() or not w.isascii() or w in lexicon.head_spellings:
            continue
        for head in lexicon.head_spellings:
            if (w[0] == head[0] and not w.startswith(head) and not head.startswith(w)
                    and _one_edit(w, head)):
                words[n] = head
                break
    return " ".join(words)


# words after which a name goes on to another body: "X Hospital affiliated to Y University"
_CONNECTING = frozenset({"of", "for", "the", "to", "and", "&", "in", "at", "under", "with", "affiliated"})


def _words(form: str) -> list[str]:
    """The compared words of a form: casefolded, without the full stop of a last abbreviation
    ("X Co., Ltd." and "X Co., Ltd" are one form)."""
    words = form.casefold().split()
    if words and len(words[-1]) > 1 and words[-1].endswith("."):
        words[-1] = words[-1][:-1]
    return words


def _tail(words: list[str]) -> int:
    """Where an "of"/"for" tail begins ("Center for Disease Control"), or an "affiliated to" one
    ("Lanbo Hospital Affiliated to Xinghe University"), else the length."""
    return next((i for i, w in enumerate(words) if i and (w in ("of", "for") or (
        w == "affiliated" and words[i + 1:i + 2] == ["to"]))), len(words))


def _comma_as_of(words: list[str], lexicon: Lexicon) -> list[str]:
    """A name written with a comma is read as its "of" form ("Lanbo Hospital, Xinghe University"
    as "Lanbo Hospital of Xinghe University", docs/annotation.md), so its unit's head is its
    head; a legal form after a comma ("X Co., Ltd.") stays as written."""
    out: list[str] = []
    for n, w in enumerate(words):
        if (w.endswith(",") and len(w) > 1 and n + 1 < len(words)
                and words[n + 1].strip(",") not in lexicon.company_endings):
            out += [w[:-1], "of"]
        else:
            out.append(w)
    return out


def head_of(words: list[str]) -> str:
    """The head noun: the word before the first "of"/"for", else the last word."""
    return words[_tail(words) - 1]


def is_short_form(short: list[str], full: list[str], lexicon: Lexicon) -> bool:
    """True when `short` names the same organisation as the fuller `full`.

    >>> is_short_form(["cancer", "hospital"], ["ningbo", "cancer", "hospital"], LEXICON)
    True
    """
    if short == full:
        return False
    rest = _without_qualifier(full, lexicon)
    if rest and (rest == short or is_short_form(short, rest, lexicon)):
        return True  # "Lanbo Medical Center" for "Israel Lanbo Medical Center"
    # A branch is a body of its own: "X Hospital Y Branch" is not a fuller form of "X Hospital".
    if full[-1] in lexicon.distinct_units and short[-1] not in lexicon.distinct_units:
        return False
    if _named_ending(short, full, lexicon):
        return True
    if full[:len(short)] == short and _is_unit(full[len(short):], lexicon):
        return False  # "University of Lanbo School of Medicine" is a unit of the university
    hc = lexicon.head_class
    if hc.get(head_of(short), head_of(short)) != hc.get(head_of(full), head_of(full)):
        return False
    scope_a = {w for w in short if w in lexicon.scope}
    scope_full = {w for w in full if w in lexicon.scope}
    # "Municipal Health Commission" may stand for "Xuzhou Health Commission" (the place says the
    # level), but "National Health Commission" never for "Shaanxi Provincial Health Commission".
    if not (scope_a <= scope_full or (not scope_full and not scope_a & lexicon.national_scope)):
        return False
    # "X Municipal Committee" is "X Municipal Party Committee"; not with an "of" tail, which may
    # name another party's body ("X Provincial Committee of the CPPCC")
    party = hc.get(head_of(full)) == hc.get("committee") and _tail(full) == len(full)
    a = [w for w in short if w not in lexicon.scope and not (party and w in lexicon.party_words)]
    tail = _tail(full)
    # A short form with its own "of" tail is a full name: an ordinal makes another hospital
    # ("Affiliated Hospital of X University" is not "Third Affiliated Hospital of X University").
    named = _tail(short) < len(short)
    j, extra = 0, 0
    for pos, w in enumerate(full):
        if w in lexicon.scope:
            continue
        if j < len(a) and hc.get(w, w) == hc.get(a[j], a[j]):
            j += 1
            continue
        if named and w in lexicon.ordinals:
            return False
        if party and w in lexicon.party_words:
            extra += 1
            continue
        if not (pos >= tail or w in lexicon.places or w in lexicon.ordinals or w in ("the", "of", "for")):
            return False
        extra += 1
    return j == len(a) and (extra > 0 or len(full) > len(short))


def _without_qualifier(full: list[str], lexicon: Lexicon) -> list[str]:
    """The fuller form without a leading qualifier that names no other body, else [].

    >>> _without_qualifier(["israel", "lanbo", "medical", "center"], LEXICON)
    ['lanbo', 'medical', 'center']
    """
    for q in lexicon.leading_qualifiers:
        if len(full) > len(q) + 1 and tuple(full[:len(q)]) == q:
            return full[len(q):]
    return []


def _is_unit(rest: list[str], lexicon: Lexicon) -> bool:
    """The words after a body's name name a unit of it ("Council", "General Office", "School of
    Medicine"), so the whole is another body than the name before them.

    >>> _is_unit(["school", "of", "medicine"], LEXICON), _is_unit(["medical", "school"], LEXICON)
    (True, False)
    """
    if not rest or rest[0] in ("of", "for", "and", "&") or "party" in rest:
        return False  # "X Party Committee" stands for X in a post (docs/annotation.md, party committees)
    end = _tail(rest)
    head = rest[end - 1]
    return head in lexicon.unit_heads or (head in lexicon.unit_heads_with_of and end < len(rest))


def _named_ending(short: list[str], full: list[str], lexicon: Lexicon) -> bool:
    """A unit named with its own "of" tail, or a branch, that ends a fuller name is that unit
    named again without the body it belongs to: "School of Medicine" for "Lanbo University
    School of Medicine", "Xinghe Branch" for "Lanbo Hospital Xinghe Branch". Not a body that a
    fuller name names after a connector ("Ministry of Health" in "Key Laboratory of the Ministry
    of Health"), nor when the words dropped hold an ordinal ("Affiliated Hospital" is not
    "Second Affiliated Hospital").

    >>> _named_ending(["school", "of", "medicine"], ["lanbo", "university", "school", "of", "medicine"], LEXICON)
    True
    """
    n = len(short)
    if n < 2 or len(full) <= n or full[-n:] != short:
        return False
    if _tail(short) == n and short[-1] not in lexicon.distinct_units:
        return False
    dropped = full[:-n]
    return dropped[-1] not in _CONNECTING and not any(w in lexicon.ordinals for w in dropped)


def is_short_person(short: list[str], full: list[str]) -> bool:
    """"Guo" for "Guo Ming" (surname or last word alone); "Li Hua" and "Lihua" alike."""
    if "".join(short) == "".join(full):
        return len(short) != len(full)
    return len(short) == 1 and len(full) > 1 and short[0] in (full[0], full[-1])


def is_short_place(short: list[str], full: list[str], lexicon: Lexicon) -> bool:
    """"Hubei" for "Hubei Province", "Guangxi" for "Guangxi Zhuang Autonomous Region"."""
    return len(full) > len(short) and full[:len(short)] == short and full[-1] in lexicon.gpe_suffixes


def _fullness(form: str, lexicon: Lexicon) -> tuple[int, int]:
    words = _words(form)
    return sum(w not in lexicon.scope for w in words), len(words)


def canonical_groups(forms: list[str], label: str, lexicon: Lexicon,
                     links: tuple[tuple[str, str], ...] = ()) -> dict[str, str]:
    """Each distinct form (in order of first mention) to the canonical of its group.

    A short form joins the fuller form mentioned nearest before it (else the first after it),
    so "the University" goes with the university the text was just speaking of. `links` are
    pairs of forms known to be one thing (an acronym and the name it follows in brackets)."""
    keys = [tuple(_comma_as_of(_words(f), lexicon)) for f in forms]
    parent = list(range(len(forms)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[tuple, int] = {}
    for i, key in enumerate(keys):  # forms that differ only in case are one form
        parent[i] = first.setdefault(key, i)
    # Only forms that could be related are compared: same head noun, same first word, or a
    # shared name word, so a long document does not cost the square of its names.
    if label == "ORG":
        hc = lexicon.head_class
        bucket = lambda k: {hc.get(head_of(list(k)), head_of(list(k)))}  # noqa: E731
        test = lambda a, b: is_short_form(list(a), list(b), lexicon)  # noqa: E731
    elif label == "PERSON":
        bucket = lambda k: {k[0], k[-1], "".join(k)}  # noqa: E731
        test = lambda a, b: is_short_person(list(a), list(b))  # noqa: E731
    else:
        bucket = lambda k: {k[0]}  # noqa: E731
        test = lambda a, b: is_short_place(list(a), list(b), lexicon)  # noqa: E731
    index: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        for b in bucket(key):
            index.setdefault(b, []).append(i)
    hc = lexicon.head_class
    words = [frozenset(hc.get(w, w) for w in key if w not in lexicon.scope and w not in lexicon.party_words)
             for key in keys]
    for i, key in enumerate(keys):
        near = sorted({j for b in bucket(key) for j in index.get(b, ())})
        if label != "PERSON":  # a cheap necessary condition first: every word in the other form
            near = [j for j in near if words[i] <= words[j]]
        targets = [j for j in near if keys[j] != key and test(key, keys[j])]
        if targets:
            before = [j for j in targets if j < i]
            j = before[-1] if before else targets[0]
            parent[find(i)] = find(j)
    for a, b in links:
        if a in forms and b in forms:
            parent[find(forms.index(a))] = find(forms.index(b))
    best: dict[int, int] = {}
    for i, form in enumerate(forms):
        root = find(i)
        if root not in best or _fullness(form, lexicon) > _fullness(forms[best[root]], lexicon):
            best[root] = i
    return {form: forms[best[find(i)]] for i, form in enumerate(forms)}


def acronym_links(entities: list[dict], text: str) -> tuple[tuple[str, str], ...]:
    """"Lanbo Health Commission (LHC)": the acronym in brackets is the name before it, and so
    is a short name in quotes there ('X Technology Co., Ltd. ("X Medical")')."""
    links = []
    for prev, ent in zip(entities, entities[1:]):
        if ent["label"] != "ORG" or prev["label"] != "ORG":
            continue
        # an acronym in brackets, or a short name in quotes: 'X Co., Ltd. ("X Medical")'
        if ((_ACRONYM.fullmatch(ent["text"]) and re.fullmatch(r"[ \t]*\([ \t]*", text[prev["end"]:ent["start"]])
             and text[ent["end"]:ent["end"] + 1] == ")")
                or (re.fullmatch(r"[ \t]*\([ \t]*(?:the[ \t]+)?[\"\u201c]", text[prev["end"]:ent["start"]])
                    and re.match(r"[\"\u201d][ \t]*\)", text[ent["end"]:ent["end"] + 3]))):
            links.append((ent["canonical"], prev["canonical"]))
    # "The alliance (HPMA)": the acronym of the last body of that kind named before it
    seen: list[dict] = []
    for ent in entities:
        if ent["label"] != "ORG":
            continue
        # only the few words before it can end in "the NOUN (": a search from the start of the
        # text for every name made a long document's cost grow with the square of its length
        ref = _REFERENCE_BEFORE.search(text, max(0, ent["start"] - _REFERENCE_REACH), ent["start"])
        if ref and _ACRONYM.fullmatch(ent["text"]) and text[ent["end"]:ent["end"] + 1] == ")":
            noun = ref.group(1).lower().rstrip("s")
            for prev in reversed(seen[-3:]):
                words = _words(prev["canonical"])
                if words and words[-1].rstrip("s") == noun:
                    links.append((ent["canonical"], prev["canonical"]))
                    break
        seen.append(ent)
    return tuple(links)


def word_links(forms: list[str], lexicon: Lexicon) -> tuple[tuple[str, str], ...]:
    """"Kangning" for "Beijing Kangning Hospital": a one-word name goes with the first fuller name
    that has that word before its "of" tail, or is "University of" that word ("Lanbridge"); not a name that goes on from the word with a unit
    ("QMU Council", "CPC QMU Committee": the word names the unit's parent)."""
    links = []
    for form in forms:
        if " " in form:
            continue
        word = form.casefold()
        # "Lanbridge" for "University of Lanbridge": a university named by its "of" tail alone
        full = next((f for f in forms if " " in f and (
            (word in (w := _words(f))[:_tail(w)] and not _is_unit(w[w.index(word) + 1:], lexicon))
            or w == ["university", "of", word])), None)
        if full is not None:
            links.append((form, full))
    return tuple(links)


_INITIAL_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019]*")
_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "in", "at", "on", "de"})


def _initials(form: str, *, function_words: bool) -> str:
    return "".join(w[0].upper() for w in _INITIAL_WORD.findall(form)
                   if function_words or w.lower() not in _FUNCTION_WORDS)


def initials_links(forms: list[str]) -> tuple[tuple[str, str], ...]:
    """"LBMU" for "Lanbo Medical University" when the page never defines it: an acronym that
    spells the initials of exactly one fuller name of the page (its function words left out or
    kept, "Yat-sen" two words) is that name. On corpus/train and dev, 39 of the 41 such
    acronyms were the gold's alias of that name; the other two the same body under a longer
    canonical or in the plural."""
    links = []
    for form in forms:
        if not _ACRONYM.fullmatch(form) or "&" in form:
            continue
        full = [f for f in forms if f != form and " " in f and form in (
            _initials(f, function_words=False), _initials(f, function_words=True))]
        if len(full) == 1:
            links.append((form, full[0]))
    return tuple(links)


def company_links(forms: list[str], lexicon: Lexicon) -> tuple[tuple[str, str], ...]:
    """"X Medical Investment" for "X Medical Investment Co., Ltd.": a name of two words or more
    that a fuller name continues only with a company head and legal form is that company."""
    links = []
    keys = [_words(f) for f in forms]
    for form, short in zip(forms, keys):
        if len(short) < 2:
            continue
        for full, words in zip(forms, keys):
            rest = [w.strip(",") for w in words[len(short):]]
            # a legal form must be among the words dropped: "X Hospital Group" is not "X Hospital"
            if (len(words) > len(short) and words[:len(short)] == short and rest
                    and all(w in lexicon.company_endings for w in rest)
                    and any(w in lexicon.legal_forms for w in rest)):
                links.append((form, full))
                break
    return tuple(links)


def prefix_links(forms: list[str], lexicon: Lexicon) -> tuple[tuple[str, str], ...]:
    """"Luye Medical" for "Luye Medical Group", "Gleneagles Shanghai" for "Gleneagles Shanghai
    Hospital": a name without a body's head noun, written after a fuller name of the page that
    only continues it (never with "of", a unit or a branch), is the shortest such name. Not when
    fuller names part ways ("X Medical" after "X Medical Group" and "X Medical Fund"), nor a name
    of places alone; a name met before its fuller form is as often the parent of a subsidiary
    named after it ("X Group", then "X Group Ventures")."""
    links = []
    keys = [[w.strip(",") for w in _words(f)] for f in forms]
    for k, (form, short) in enumerate(zip(forms, keys)):
        if short[-1] in lexicon.body_heads or all(w in lexicon.places for w in short):
            continue
        longer = [(words, full) for full, words in zip(forms, keys)
                  if len(words) > len(short) and words[:len(short)] == short]
        if not longer:
            continue
        words, full = min(longer, key=lambda t: len(t[0]))
        rest = words[len(short):]
        if (forms.index(full) > k or rest[0] in _CONNECTING or rest[0].startswith(("'", "("))
                or _is_unit(rest, lexicon) or rest[-1] in lexicon.distinct_units
                or any(w[:len(words)] != words for w, _ in longer)):
            continue
        links.append((form, full))
    return tuple(links)


_CONJUNCTION = re.compile(r"[ \t\u00a0]*(?:,[ \t\u00a0]*(?:and[ \t\u00a0]+)?|and[ \t\u00a0]+|&[ \t\u00a0]*)$")


def shared_head_forms(entities: list[dict], lexicon: Lexicon, text: str) -> dict[int, str]:
    """Written forms of ORG names that share one plural head, by entity index: "Lanbo and Kelvin
    Hospitals" gives "Lanbo Hospital" for "Lanbo" and "Kelvin Hospital" for "Kelvin Hospitals";
    "Lanbo, Qingmu and Medstar Universities" gives three. Only names joined by "and", "&" or a
    comma alone, the head on the last.

    >>> ents = [{"label": "ORG", "start": 0, "end": 5, "text": "Lanbo"},
    ...         {"label": "ORG", "start": 10, "end": 26, "text": "Kelvin Hospitals"}]
    >>> shared_head_forms(ents, LEXICON, "Lanbo and Kelvin Hospitals")
    {1: 'Kelvin Hospital', 0: 'Lanbo Hospital'}
    """
    out: dict[int, str] = {}
    heads = set(lexicon.plural_heads) | set(lexicon.plural_heads.values())
    orgs = [(n, e) for n, e in enumerate(entities) if e["label"] == "ORG" and e.get("start") is not None]
    for k, (n, e) in enumerate(orgs):
        words = e["text"].split()
        head = lexicon.plural_heads.get(words[-1]) if len(words) > 1 else None
        if head is None:
            continue
        out[n] = " ".join(words[:-1] + [head])
        j = k - 1
        while j >= 0 and _CONJUNCTION.fullmatch(text, orgs[j][1]["end"], orgs[j + 1][1]["start"]):
            prev_n, prev = orgs[j]
            if prev["text"].split()[-1] in heads:
                break  # a name with a head of its own ("Lanbo Clinic and Qingmu Hospitals")
            out[prev_n] = prev["text"] + " " + head
            j -= 1
    return out


# "X University's School of ", "X University's (XU) School of ": a school named after its owner's possessive
_OWNER_POSSESSIVE = re.compile(r"['\u2019]s[ \t\u00a0]+(?:\([A-Za-z]+\)[ \t\u00a0]+)?")
_SCHOOL_OF = re.compile(r"School[ \t\u00a0]+of[ \t\u00a0]")


def owned_school_forms(entities: list[dict], text: str) -> dict[int, str]:
    """Written forms of a school named after its university's possessive, by entity index:
    "Lanbo University's School of Medicine" is "Lanbo University School of Medicine", the name
    such a school goes by (the real pages' gold writes it so); its later "School of Medicine"
    joins it as a short form.

    >>> ents = [{"label": "ORG", "start": 0, "end": 16, "text": "Lanbo University"},
    ...         {"label": "ORG", "start": 19, "end": 37, "text": "School of Medicine"}]
    >>> owned_school_forms(ents, "Lanbo University's School of Medicine")
    {1: 'Lanbo University School of Medicine'}
    """
    out: dict[int, str] = {}
    orgs = [(n, e) for n, e in enumerate(entities) if e["label"] == "ORG" and e.get("start") is not None]
    for k, (n, e) in enumerate(orgs):
        if not k or not _SCHOOL_OF.match(e["text"]):
            continue
        owner = orgs[k - 1][1]
        # "X University's (XU) School of": the owner before its bracketed acronym
        if k > 1 and _BRACKETED_AFTER_POSSESSIVE.fullmatch(text, orgs[k - 2][1]["end"], owner["start"]):
            owner = orgs[k - 2][1]
        if _OWNER_POSSESSIVE.fullmatch(text, owner["end"], e["start"]):
            out[n] = owner["text"] + " " + e["text"]
    return out


_BRACKETED_AFTER_POSSESSIVE = re.compile(r"['\u2019]s[ \t\u00a0]+\(")


def canonical_names(entities: list[dict], lexicon: Lexicon, text: str = "") -> None:
    """Set `canonical` on every ORG, PERSON and GPE entity of one document."""
    shared = {**shared_head_forms(entities, lexicon, text), **owned_school_forms(entities, text)} if text else {}
    for label in ("ORG", "PERSON", "GPE"):
        ents = [(n, e) for n, e in enumerate(entities) if e["label"] == label]
        forms: list[str] = []
        for n, e in ents:
            written = shared.get(n, e["text"])
            form = display_form(written, lexicon) if label != "PERSON" else ascii_quotes(" ".join(e["text"].split()))
            if label == "ORG":
                form = spelled_heads(form, lexicon)
            if label == "PERSON" and form.islower():
                form = form.title()  # a name on a page written in lowercase ("wang jun" is Wang Jun)
            elif label == "PERSON" and not form.isupper():
                # a surname in capitals ("WANG Jun") is written in title case (docs/annotation.md)
                form = " ".join(w.title() if w.isupper() and w.isalpha() and len(w) > 1 else w for w in form.split())
            e["canonical"] = form
            if form not in forms:
                forms.append(form)
        by_key: dict[tuple, str] = {}
        for f in forms:  # one display for forms that differ only in case: the capitalised one
            k = tuple(_words(f))
            if k not in by_key or sum(c.isupper() for c in f) > sum(c.isupper() for c in by_key[k]):
                by_key[k] = f
        links = (acronym_links(entities, text) + word_links(forms, lexicon) + company_links(forms, lexicon)
                 + prefix_links(forms, lexicon) + initials_links(forms) if label == "ORG" else ())
        groups = canonical_groups(forms, label, lexicon, links)
        for _, e in ents:
            e["canonical"] = by_key[tuple(_words(groups[e["canonical"]]))]


# ---------------------------------------------------------------------------------------------
# Dates and amounts.

def date_value(text: str, published: str | None, lexicon: Lexicon, parse) -> tuple[str | None, str | None]:
    """ISO value at the written precision and TIMEX3 mod; `parse` is dateparser's
    `get_date_data` (month and day of a date core).

    >>> date_value("the end of 2017", None, LEXICON, normalizer.parse)
    ('2017', 'END')
    >>> date_value("March 3", "2022-03-05", LEXICON, normalizer.parse)
    ('2022-03-03', None)
    """
    core = " ".join(text.split())
    mod = None
    m = lexicon.mod_regex.match(core)
    if m:
        mod = lexicon.mods.get(" ".join(m.group(0).lower().split()).rstrip(" "))
        core = core[m.end():].strip()
    iso = _ISO.fullmatch(core)
    if iso:
        y, mo, d = iso.groups()
        return (f"{y}-{int(mo):02d}" + (f"-{int(d):02d}" if d else "")), mod
    year = _YEAR.search(core)
    if year and core == year.group(1):
        return core, mod
    data = parse(core)
    if data is None or data.date_obj is None:
        return (year.group(1) if year else None), mod
    rest = core.replace(year.group(1), " ") if year else core
    y = year.group(1) if year else (published[:4] if published else "XXXX")
    value = f"{y}-{data.date_obj.month:02d}"
    if _DAY.search(rest):
        value += f"-{data.date_obj.day:02d}"
    return value, mod


def money_value(text: str, lexicon: Lexicon) -> tuple[int | float | None, str | None]:
    """Amount and ISO 4217 currency.

    >>> money_value("250 million yuan", LEXICON)
    (250000000, 'CNY')
    """
    text = " ".join(text.split())
    m = _NUMBER.search(text)
    if not m:
        return None, None
    amount = Decimal(m.group(0).replace(",", ""))
    after = text[m.end():].lstrip()
    word = re.match(r"[A-Za-z]+", after)
    if word and word.group(0).lower() in lexicon.scales:
        amount *= lexicon.scales[word.group(0).lower()]
        after = after[word.end():].strip()
    before = text[:m.start()].strip()
    currency = lexicon.currencies.get(before)
    if currency is None and after:
        folded = {k.casefold(): v for k, v in lexicon.currencies.items()}
        currency = lexicon.currencies.get(after) or folded.get(after.casefold())
    value = int(amount) if amount == amount.to_integral_value() else float(amount)
    return value, currency


class Normalizer:
    def __init__(self, lexicon: Lexicon):
        from dateparser.date import DateDataParser

        self.lexicon = lexicon
        # Absolute dates only: the relative-date parser ("two days ago") is most of the cost.
        self.parser = DateDataParser(languages=["en"], settings={
            "PREFER_DAY_OF_MONTH": "first", "RELATIVE_BASE": _BASE, "DATE_ORDER": "MDY",
            "PARSERS": ["timestamp", "custom-formats", "absolute-time"]})
        # The same date string parses the same way: remember it (a pure function of the string).
        self.parse = functools.lru_cache(maxsize=4096)(self.parser.get_date_data)

    def __call__(self, doc: Doc) -> Doc:
        data = state(doc)
        published = data["meta"].get("published")
        entities = data["entities"]
        canonical_names(entities, self.lexicon, doc.text)
        for ent in entities:
            if ent["label"] in ("DATE", "MONEY"):
                ent["canonical"] = ascii_quotes(" ".join(ent["text"].split()))
            if ent["label"] == "MONEY":  # a headline's "$30 Million" is "$30 million"
                ent["canonical"] = _SCALE_WORD.sub(
                    lambda m: m.group(0).lower() if m.group(0).lower() in self.lexicon.scales else m.group(0),
                    ent["canonical"])
            if ent["label"] == "DATE":
                ent["value"], ent["mod"] = date_value(ent["text"], published, self.lexicon, self.parse)
            elif ent["label"] == "MONEY":
                ent["amount"], ent["currency"] = money_value(ent["text"], self.lexicon)
        spelled_amounts(entities)
        return doc


_SCALE_WORD = re.compile(r"\b[A-Z][a-z]{3,}\b")
# a scale cut to letters right after the number: "$50m", "$120M", "HK$2.1bn"
_SHORT_SCALE = re.compile(r"\d(?:k|K|m|M|mn|b|B|bn|bln|mln)$")


def spelled_amounts(entities: list[dict]) -> None:
    """An amount written short ("$50m") shares the canonical of the same amount spelled out in
    the same text ("$50 million"): one amount, keyed on its fullest form as names are."""
    spelled: dict[tuple, str] = {}
    for ent in entities:
        if ent["label"] == "MONEY" and ent.get("amount") is not None and not _SHORT_SCALE.search(ent["canonical"]):
            spelled.setdefault((ent["amount"], ent["currency"]), ent["canonical"])
    for ent in entities:
        if ent["label"] == "MONEY" and _SHORT_SCALE.search(ent["canonical"]):
            key = (ent.get("amount"), ent.get("currency"))
            if key in spelled and re.search(r"[a-z]{4,}", spelled[key]):
                ent["canonical"] = spelled[key]


@Language.factory("consortia_normalize", assigns=["doc.user_data"],
                  default_config={"lexicon": None, "places": None})
def make_normalize(nlp: Language, name: str, lexicon: str | None, places: str | None):
    if lexicon is None or places is None:
        raise ConfigError("consortia_normalize needs `lexicon` (its word lists) and `places` "
                          "(the place gazetteer), as paths")
    return guarded("normalize")(Normalizer(load_lexicon(lexicon, places)))
