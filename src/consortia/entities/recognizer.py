"""The stage: candidates settled by priority, names joined or split, registered with spaCy."""

import bisect
import json
import re
from collections import Counter
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..errors import ConfigError
from ..models import LABELS
from ..stagedata import guarded, new_entity, state
from ..truecase import lowercase_page, recase
from .rules import _STOP, load_rules, Rules, TRAINED_MODEL
from .names import _head_of, headline_blocks, headline_breakers, name_candidates
from .short_forms import acronyms, company_short_names, dateline_blockers, listed_name_words, lowercase_names, lowercase_short_forms, name_word_short_forms
from .places import appositive_place_tokens, document_places, glued_place, place_candidates, suffixed_place_tokens, suffixed_places
from .people import person_aliases, person_candidates, english_given_names, family_name_alone, family_names, join_split_names, person_matcher, whole_hyphenated_names, without_honorifics
from .amounts import date_candidates, money_candidates
from .brackets import (bracketed_names, common_noun, congress_session, designated_kind, honorific_title,
                       lowercase_words, unnamed_body)
from .model_spans import correct_gpe_span, correct_org_span, _ends_in_development, _ethnic_list, _in_hyphen_compound, _lowercase_ordinal_start, model_candidates, outranked_by_rules, _party_before_post, place_name, special_region, _place_in_person_slot, split_place, titled_person, trained_model_candidates, without_clauses


# ---------------------------------------------------------------------------------------------
# An excerpt's cut-off last sentence: not annotated (docs/annotation.md, "Conventions for real pages").

# A block that ends so is complete: sentence punctuation, a closing quote or bracket, a colon,
# a semicolon or a table's bar.
_COMPLETE_END = re.compile(r"[.!?\u3002:;|\"'\u201d\u2019)\]]\s*$")
# Where a sentence ends inside a block: its punctuation, closing quotes, then white space.
_SENTENCE_END = re.compile(r"[.!?\u3002][\"'\u201d\u2019)\]]*[ \t\u00a0]+(?=\S)")


def cut_off_start(text: str) -> int | None:
    """Where the text's cut-off last sentence begins, or None when the text ends complete.

    The last block (line) is cut off when it does not end with sentence punctuation but holds a
    finished sentence before its last words; a block with no finished sentence at all (a
    headline, a list item, a paragraph without its full stop) is kept.

    >>> cut_off_start("Title\nThe X Hospital opened. Its director Li Si sa")
    29
    >>> cut_off_start("Title\nThe X Hospital opened. Li Si spoke.") is None
    True
    """
    body = text.rstrip()
    line = body.rfind("\n") + 1
    if _COMPLETE_END.search(body[line:]):
        return None
    ends = list(_SENTENCE_END.finditer(body, line))
    return ends[-1].end() if ends else None


# A name that goes on past the line's end: a lowercase connective or a legal form opens the next
# line ("X Hospital\n\nof Y Province", "X Group\nCo., Ltd."), or a name cut before its head
# mid-line has its head on the next ("the Lanbo Provincial\nStomatology Hospital, ...")
_CONNECTIVE_NEXT = re.compile(r"[ \t\u00a0]*\n(?:[ \t\u00a0]*\n)?[ \t\u00a0]*(?:of|and|for)[ \t\u00a0]")
# or its "of" tail opens at the line's end ("American College of\nCardiology"); "and" there may
# end a list of names, so only "of" and "for"
_TAIL_AT_LINE_END = re.compile(r"[ \t\u00a0]+(?:of|for)[ \t\u00a0]*\n")
_LEGAL_NEXT = re.compile(r"[ \t\u00a0]*\n[ \t\u00a0]*(?:\([A-Z][^()\n]{0,30}\)[ \t\u00a0]+)?(?:Co\.|Co,|Ltd|Limited|Inc\b|Pte\b)")
_CAPITALS_NEXT = re.compile(r"[ \t\u00a0]*\n[ \t\u00a0]*((?:[A-Z][\w'\u2019-]*[ \t\u00a0]?){1,4})")


_LINE_OPENING = re.compile(r"^[\W_]*(?:[Tt]he)?[\W_]*$")


def wrapped_name(text: str, start: int, end: int, rules: Rules) -> bool:
    """The name is the first part of one that crosses a line break, which the guideline leaves
    out ("a mention that crosses a line break ... is wrong"): no name of its own."""
    if _CONNECTIVE_NEXT.match(text, end) or _LEGAL_NEXT.match(text, end) or _TAIL_AT_LINE_END.match(text, end):
        return True
    last = text[start:end].split()[-1]
    m = _CAPITALS_NEXT.match(text, end)
    # words of the sentence before it on its line, not a list item's "The" alone
    mid_line = _LINE_OPENING.sub("", text[text.rfind("\n", 0, start) + 1:start]) != ""
    return bool(m and mid_line and last not in rules.heads and last not in rules.company_heads
                and not last.isupper() and any(w in rules.heads for w in m.group(1).split()))


def common_word_alone(name: str, common: frozenset | None, name_words: set) -> bool:
    """A one-word ORG that is a word English writes in lowercase (`common`, the truecase word
    list: "Members", "Outgoing", "Executive") and no word of a longer name of the page (which it
    would stand for, as "Hospital" for "X Hospital") is a capitalised common word, no body."""
    return (common is not None and " " not in name and not name.isupper()
            and name.lower() in common and name not in name_words)


def lone_generic_word(name: str, own: set, word_counts: Counter, rules: Rules) -> bool:
    """A one-word ORG of generic vocabulary ("Hospital", "Academy", "United") that no other ORG
    name of the page holds is a kind or a common word, no body: as a short form it stands for a
    named body that has it ("Society" for "X Medical Society"). `own`: the words of the name the
    recogniser first found there ("Party Committee of the Hospital" before it was cut);
    `word_counts`: in how many ORG names of the page each word occurs."""
    return (" " not in name and name.lower() in rules.generic and not name.isupper()
            and word_counts[name] - (name in own) == 0)


# a name's last word run together with the next word: "Second Affiliated HospitalWangqianyu"
_GLUED_TAIL = re.compile(r"[ \t\u00a0][A-Z][a-z]{3,}(?P<tail>[A-Z][a-z]{2,})\Z")


def glued_tail(text: str, start: int, end: int, rules: Rules, common: frozenset | None) -> int:
    """The end of an ORG less a word run into its last one (a staff list's "School of
    PharmacyZhang Wei" lost its space): the tail is no English word (`common`, the truecase
    word list) nor a head, as "Partners HealthCare" or "X MedGroup" have; the word before it,
    of four letters or more, ends the name."""
    m = _GLUED_TAIL.search(text, start, end)
    if m is None or common is None:
        return end
    tail = m.group("tail")
    if tail.lower() in common or tail in rules.heads or tail in rules.company_heads:
        return end
    return m.start("tail")


# a head run together with the lowercase word after it: "Lanbo HospitalWill" lost its space as "Hospitalwill"
_GLUED_LOWER = re.compile(r"(?P<head>[A-Z][a-z]+)(?P<tail>[a-z]{2,})\Z")


def glued_lowercase_tail(text: str, start: int, end: int, rules: Rules, common: frozenset | None) -> int:
    """The end of an ORG less a function word run into its head ("X Hospital of Y Provincefor",
    "Lanbo Hospitalwill"): the last word is a head noun and a stop word glued together, and no
    English word itself (`common`, the truecase word list: "Clinical", "Hospitality")."""
    last = text[start:end].split()[-1] if end > start else ""
    if common is None or last.lower() in common:
        return end
    for k in range(len(last) - 2, 2, -1):
        m = _GLUED_LOWER.search(last[:k])
        head = m.group() if m else ""
        if (head in rules.heads or head in rules.gpe_heads) and last[k:] in _STOP:
            return end - len(last) + k
    return end


def dangling_end(text: str, start: int, end: int, rules: Rules) -> int:
    """The end of an ORG less a last word that opens a link to another body ("Lanbo Hospital
    Affiliated", its "to Xinghe University" not part of the name found)."""
    words = text[start:end].split()
    if len(words) > 1 and words[-1] in rules.dangling_words:
        return len(text[:end - len(words[-1])].rstrip(" \t\u00a0"))
    return end


def modifier_end(name: str, rules: Rules) -> bool:
    """ "Lanbo Provincial", "Xinghe Military Medical", "Qingmu Key Laboratory of Infectious": a
    name whose last word (looking through "Medical", which may end a company's short name) is an
    adjective that only qualifies a head noun was cut before its head, at a line's end or at a
    lowercase head, and names no body."""
    words = name.split()
    if len(words) > 2 and words[-1] in rules.modifier_see_through:
        words = words[:-1]
    return len(words) > 1 and words[-1] in rules.modifier_endings


def capitals_word_alone(name: str, common: frozenset | None) -> bool:
    """ "AMONG", "INCLUDING", "GREAT": one word of four letters or more in capitals that English
    writes in lowercase (`common`, the truecase word list) is a word of a heading or a page in
    capitals, no body's acronym (three-letter ones such as "WHO" stay)."""
    return (common is not None and " " not in name and len(name) >= 4 and name.isupper()
            and name.isalpha() and name.lower() in common)


def country_acronym(name: str, rules: Rules) -> bool:
    """"ROK", "UAE", "U.K.": a country written as its acronym (country_acronyms) is a place,
    though the recogniser reads some as bodies."""
    return name in rules.country_acronyms


_YEAR_END = re.compile(r"[ \t\u00a0](?:19|20)\d{2}\Z")


def dated_edition(name: str) -> bool:
    """A name ending in a year ("Lanbo Medical Forum 2009", "Xinghe Health Strategy 2030") is one
    edition of an event or a plan, no body."""
    return _YEAR_END.search(name) is not None


_WORD = re.compile(r"[^ \t\u00a0]+")


def headline_verb_cut(text: str, start: int, end: int, rules: Rules) -> tuple[int, int]:
    """ "Xinghe Hospital Eyes Expansion", "Wang Fang Chairs Lanbo Association of X": a headline's
    verb in title case inside a name ends it; the side before it that ends in a head noun, else
    the side after it that has one, is the name; with neither ("Lanbo Hospitals Form Medical
    Education") there is none (an empty span)."""
    words = list(_WORD.finditer(text, start, end))
    verb = next((m for m in words if m.group() in rules.headline_verbs), None)
    if verb is None:
        return start, end
    before = [m for m in words if m.end() <= verb.start()]
    after = [m for m in words if m.start() >= verb.end()]
    if before and before[-1].group() in rules.heads:
        return start, before[-1].end()
    if after and _head_of([m.group() for m in after]) in rules.heads:
        return after[0].start(), end
    return start, start


def standing_only(name: str, rules: Rules) -> bool:
    """A lowercase head after words of kind or standing ("Beijing military hospital", "Lanshan
    famous hospital") describes a hospital of the place and names none."""
    words = name.split()
    return (len(words) > 1 and words[-1] in rules.lower_heads
            and any(w in rules.lower_standing_words for w in words[:-1]))


def resolve(cands: list) -> list[tuple[int, int, str, str]]:
    """Non-overlapping winners by priority, then length, then position; blockers (label None)
    win their place but are not entities."""
    starts: list[int] = []  # the taken spans, sorted and disjoint: neighbours tell an overlap
    ends: list[int] = []
    out = []
    for start, end, label, prio, rule in sorted(cands, key=lambda c: (-c[3], c[0] - c[1], c[0], c[2] or "")):
        i = bisect.bisect_left(starts, start)
        if end <= start or (i > 0 and ends[i - 1] > start) or (i < len(starts) and starts[i] < end):
            continue
        starts.insert(i, start)
        ends.insert(i, end)
        if label is not None:
            out.append((start, end, label, rule))
    return sorted(out)


def join_hyphenated_people(ents: list[tuple[int, int, str, str]], text: str) -> list[tuple[int, int, str, str]]:
    """Two PERSON spans joined by a hyphen alone are one name: "Jean" and "Pierre Zarski" in
    "Jean-Pierre Zarski" (a given name the model or the rules cut at its hyphen)."""
    out: list[tuple[int, int, str, str]] = []
    for ent in ents:
        if (out and ent[2] == "PERSON" and out[-1][2] == "PERSON"
                and text[out[-1][1]:ent[0]] == "-"):
            out[-1] = (out[-1][0], ent[1], "PERSON", out[-1][3])
        else:
            out.append(ent)
    return out


_SERVED_PLACE = re.compile(r"[ \t\u00a0]+(?:in|to)[ \t\u00a0]+(?:the[ \t\u00a0]+)?$")


def mission_names(ents: list[tuple[int, int, str, str]], text: str, rules: Rules) -> list[tuple[int, int, str, str]]:
    """"the Lanbo Consulate General in Qingmu", "the Embassy of Lanbo in Qingmu": a diplomatic
    mission is named with the place it serves, so the place after "in" or "to" belongs to the
    ORG (as a place inside any name does)."""
    out: list[tuple[int, int, str, str]] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (prev is not None and prev[2] == "ORG" and ent[2] == "GPE"
                and _SERVED_PLACE.fullmatch(text, prev[1], ent[0])
                and _head_phrase_of(text[prev[0]:prev[1]]).endswith(rules.mission_heads)):
            out[-1] = (prev[0], ent[1], "ORG", prev[3])
        else:
            out.append(ent)
    return out


# "Standing Committee of the 13th ", "Standing Committee of Lanbo's ": before the congress's name
_STANDING_BEFORE = re.compile(r"Standing[ \t\u00a0]+Committee[ \t\u00a0]+of[ \t\u00a0]+(?:the[ \t\u00a0]+)?"
                              r"(?:(?P<term>\d+(?:st|nd|rd|th)|[A-Z]?[a-z]+)[ \t\u00a0]+)?"
                              r"(?:[A-Z][\w-]*(?:[ \t\u00a0][A-Z][\w-]*)?['\u2019]s[ \t\u00a0]+)?\Z")


def standing_committees(ents: list[tuple[int, int, str, str]], text: str, rules: Rules) -> list[tuple[int, int, str, str]]:
    """ "the Standing Committee of the 13th Lanbo Provincial People's Congress", "the Standing
    Committee of Lanbo's National People's Congress": a congress's (or a consultative
    conference's, a political bureau's) standing committee is a body of its own, named with the
    term and the place its congress is written with, as the gold writes it."""
    out: list[tuple[int, int, str, str]] = []
    for ent in ents:
        m = _STANDING_BEFORE.search(text, max(0, ent[0] - 60), ent[0]) if ent[2] == "ORG" else None
        term = m.group("term") if m else None
        if (m and rules.standing_parent.search(text, ent[0], ent[1])
                and (term is None or term[0].isdigit() or term.lower() in rules.ordinals)):
            while out and out[-1][1] > m.start():
                out.pop()  # the place before the possessive, a "Standing Committee" read alone
            out.append((m.start(), ent[1], "ORG", ent[3]))
        else:
            out.append(ent)
    return out


_SLASH = re.compile(r"[ \t\u00a0]*/[ \t\u00a0]*")


def slash_names(ents: list[tuple[int, int, str, str]], text: str, rules: Rules) -> list[tuple[int, int, str, str]]:
    """ "Lanbo Academy of Medical Sciences/Xinghe Medical College", "X School of Medicine / X
    Hospital": two bodies written as one with a slash (one body's two names, or two bodies run
    by one board) are two ORGs, each a name with its own head ("OB/GYN Services" stays one)."""
    out: list[tuple[int, int, str, str]] = []
    for ent in ents:
        if ent[2] != "ORG" or "/" not in text[ent[0]:ent[1]]:
            out.append(ent)
            continue
        cuts = list(_SLASH.finditer(text, ent[0], ent[1]))
        bounds = [ent[0]] + [x for m in cuts for x in (m.start(), m.end())] + [ent[1]]
        parts = list(zip(bounds[::2], bounds[1::2]))
        if all(len(text[a:b].split()) > 1 and _head_of(text[a:b].split()) in rules.heads for a, b in parts):
            out.extend((a, b, "ORG", ent[3]) for a, b in parts)
        else:
            out.append(ent)
    return out


_POSSESSIVE = re.compile(r"['\u2019]s[ \t\u00a0]+")


def possessive_parents(ents: list[tuple[int, int, str, str]], text: str, rules: Rules,
                       places: frozenset) -> list[tuple[int, int, str, str]]:
    """ "Lanbo Institute of Technology's Department of Physics", "Xinghe Medical College's
    Personnel Office": a body named with its parent in the possessive is two ORGs, the parent
    and the unit, as the gold writes them; each part has two words or more and a head of its own.
    Not a possessive word of the name itself ("Lanbo Women's Hospital") nor a place's ("the
    Standing Committee of Lanbo's People's Congress", "China's Ministry of X")."""
    out: list[tuple[int, int, str, str]] = []
    for ent in ents:
        m = _POSSESSIVE.search(text, ent[0], ent[1]) if ent[2] == "ORG" else None
        before = text[ent[0]:m.start()].split() if m else []
        after = text[m.end():ent[1]].split() if m else []
        if (m and len(before) > 1 and len(after) > 1 and before[-1] not in rules.descriptive_possessors
                and before[-1] not in rules.scope and before[-1] not in places
                and _head_of(before) in rules.heads | rules.company_heads and _head_of(after) in rules.heads):
            out += [(ent[0], m.start(), "ORG", ent[3]), (m.end(), ent[1], "ORG", ent[3])]
        else:
            out.append(ent)
    return out


_AFFILIATED_TO = re.compile(r"[ \t\u00a0]+[Aa]ffiliated[ \t\u00a0]+to[ \t\u00a0]+")
_UNIVERSITY_ACRONYM = re.compile(r"[A-Z]*U[A-Z]*")  # "XU", "LBU": an acronym that spells the University


def affiliated_names(ents: list[tuple[int, int, str, str]], text: str, rules: Rules) -> list[tuple[int, int, str, str]]:
    """"Lanbo Hospital Affiliated to Xinghe University", "Qingmu Hospital affiliated to XU": a unit
    named with the university it is affiliated to is one ORG (its relation is the one its
    name states); "Lanbo Hospital, which is affiliated to Xinghe University" names two."""
    out: list[tuple[int, int, str, str]] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (prev is not None and prev[2] == "ORG" and ent[2] == "ORG"
                and _AFFILIATED_TO.fullmatch(text, prev[1], ent[0])
                and _head_of(text[prev[0]:prev[1]].split()) in rules.affiliated_units
                and (_head_of(text[ent[0]:ent[1]].split()) in rules.affiliated_parents
                     or (ent[1] - ent[0] <= 8 and _UNIVERSITY_ACRONYM.fullmatch(text, ent[0], ent[1])))):
            out[-1] = (prev[0], ent[1], "ORG", prev[3])
        else:
            out.append(ent)
    return out


_COMMA = re.compile(r",[ \t\u00a0]+")
_LISTED_AFTER = re.compile(r"[ \t\u00a0]*(?:,[ \t\u00a0]*(?:and[ \t\u00a0]+)?|and[ \t\u00a0]+|&[ \t\u00a0]*)(?:the[ \t\u00a0]+)?")
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def comma_names(ents: list[tuple[int, int, str, str]], doc: Doc, rules: Rules) -> list[tuple[int, int, str, str]]:
    """"Lanbo Hospital, Xinghe University", "Qingmu Hospital, XU": a hospital and the university
    or academy it belongs to, written with a comma, are one ORG, the comma form of "Lanbo
    Hospital of Xinghe University" (docs/annotation.md). Not items of a list ("Lanbo Hospital,
    Xinghe University and Qingmu College"), nor a hospital before the subject of the next clause
    ("With the help of Lanbo Hospital, Xinghe University built ...")."""
    text = doc.text

    def listed(a: tuple, b: tuple) -> bool:
        return a[2] == "ORG" and b[2] == "ORG" and _LISTED_AFTER.fullmatch(text, a[1], b[0]) is not None

    out: list[tuple[int, int, str, str]] = []
    n = 0
    while n < len(ents):
        ent = ents[n]
        nxt = ents[n + 1] if n + 1 < len(ents) else None
        if (nxt is not None and ent[2] == "ORG" and nxt[2] == "ORG"
                and _COMMA.fullmatch(text, ent[1], nxt[0])
                and _head_of(text[ent[0]:ent[1]].split()) in rules.comma_units
                and (_head_of(text[nxt[0]:nxt[1]].split()) in rules.comma_parents
                     or (nxt[1] - nxt[0] <= 8 and _UNIVERSITY_ACRONYM.fullmatch(text, nxt[0], nxt[1])))
                and not (n > 0 and listed(ents[n - 1], ent))
                and not (n + 2 < len(ents) and listed(nxt, ents[n + 2]))
                and not ((sp := doc.char_span(nxt[0], nxt[1])) is not None and sp.root.dep_ in _SUBJECTS)):
            out.append((ent[0], nxt[1], "ORG", ent[3]))
            n += 2
            continue
        out.append(ent)
        n += 1
    return out


def _head_phrase_of(name: str) -> str:
    """The name up to its "of"/"for" tail ("Embassy" of "Embassy of Lanbo")."""
    return re.split(r"[ \t\u00a0]+(?:of|for)[ \t\u00a0]+", name, maxsplit=1)[0]


_CAPITAL_SURNAME = re.compile(r"(?<![\w-])([A-Z]{2,6}) $")
# after a given name the surname may be a long European one ("Claire BEAUMONT")
_CAPITAL_SURNAME_AFTER = re.compile(r" ([A-Z]{2,12})(?![\w-]| [A-Z]{2,})")


def join_capital_surnames(ents: list[tuple[int, int, str, str]], text: str,
                          rules: Rules) -> list[tuple[int, int, str, str]]:
    """A surname written in capitals next to a given name is part of the name: "Prof. WANG
    Lin", "Lin WANG" (docs/annotation.md, names written in capitals), which the recognisers cut
    to "Lin" since only title-case words are name words. Not a role ("CEO Lin") nor a word of a
    name in capitals ("XINGHE HOSPITAL Lin")."""
    out: list[tuple[int, int, str, str]] = []
    for n, ent in enumerate(ents):
        start, end, label, prio = ent
        after = _CAPITAL_SURNAME_AFTER.match(text, end) if label == "PERSON" else None
        words = text[start:end].split()
        # a given name alone or with an initial ("Lin", "John K."): a full name takes no acronym
        if (after and (len(words) == 1 or re.fullmatch(r"[A-Z]\.", words[-1]))
                and not any(c.isupper() for c in words[-1][1:].replace(".", ""))
                and after.group(1).lower() not in rules.roles and after.group(1) not in rules.titles
                and (n + 1 == len(ents) or ents[n + 1][0] >= after.end())):
            end = after.end()
            ent = (start, end, label, prio)
        m = _CAPITAL_SURNAME.search(text, max(0, start - 8), start) if label == "PERSON" else None
        word = m.group(1) if m else ""
        if (m and " " not in text[start:end] and text[start:end][:1].isupper()
                and text[start + 1:end].replace("-", "").islower()
                and word.lower() not in rules.roles and word not in rules.titles
                and not _CAPITAL_SURNAME.search(text, max(0, m.start() - 8), m.start())
                and (not out or out[-1][1] <= m.start())):
            ent = (m.start(1), end, label, prio)
        out.append(ent)
    return out


# An autonomous region, prefecture or county is named with its unit, also in lowercase (the gold
# keeps "X Zhuang autonomous region" whole, unlike "X province", which is the place "X")
_LOWER_AUTONOMOUS = re.compile(r" autonomous (?:region|prefecture|county)\b")


def autonomous_unit_end(text: str, end: int) -> int | None:
    """Where "X Hui autonomous region" ends for a place "X Hui" ending at `end` (or "X Hui
    autonomous", left so when its lowercase unit word was cut), else None."""
    back = end - len(" autonomous") if text.endswith(" autonomous", 0, end) else end
    m = _LOWER_AUTONOMOUS.match(text, back)
    return m.end() if m else None


# "a non-Communist Party member": a name negated by "non-" says what someone is not, no body
_NEGATED = re.compile(r"(?<![\w-])[Nn]on-\Z")


# The labels case tells: names. Dates and amounts are read on the page as written.
_CASED_LABELS = frozenset({"ORG", "PERSON", "GPE"})


class EntityRecognizer:
    def __init__(self, nlp: Language, rules: Rules, model_priority: dict[str, int] | None = None,
                 lowercase_priority: int = TRAINED_MODEL, lowercase_words: frozenset | None = None):
        self.rules = rules
        # a page written wholly in lowercase: the recogniser reads a copy with capitals restored
        self.lowercase_words = lowercase_words
        self.make_doc = nlp.make_doc
        self.ner = nlp.get_pipe("ner") if lowercase_words is not None and "ner" in nlp.pipe_names else None
        self.lowercase_priority = lowercase_priority
        self.model_priority = model_priority  # per label; None: the base model, checked by the rules
        self.place_names = frozenset(rules.places)
        self.places = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.places.add("PLACE", list(nlp.tokenizer.pipe(rules.places)))
        self.people = person_matcher(nlp, rules)

    def recased_names(self, doc: Doc) -> None:
        """On a page written wholly in lowercase, the recogniser's names are those it finds in a
        copy with capitals restored (consortia.truecase): same offsets, as only case changes.
        Where a name the page itself gave the recogniser overlaps one of the copy's, the longer
        stays ("X (Group) Co., Ltd." kept in capitals on a page otherwise in lowercase)."""
        copy = self.ner(self.make_doc(recase(doc.text, self.lowercase_words, self.rules.lower_heads)))
        found = [sp for e in copy.ents if e.label_ in _CASED_LABELS
                 and (sp := doc.char_span(e.start_char, e.end_char, label=e.label_)) is not None]
        starts: list[int] = []  # the kept spans, sorted and disjoint: neighbours tell an overlap
        spans: list = []
        for sp in sorted(found + list(doc.ents), key=lambda sp: (sp.start - sp.end, sp.start)):
            i = bisect.bisect_left(starts, sp.start)
            if (i > 0 and spans[i - 1].end > sp.start) or (i < len(starts) and starts[i] < sp.end):
                continue
            starts.insert(i, sp.start)
            spans.insert(i, sp)
        doc.ents = spans

    def __call__(self, doc: Doc) -> Doc:
        rules, text = self.rules, doc.text
        if self.ner is not None and self.model_priority is not None and lowercase_page(text):
            self.recased_names(doc)
        places = [(s, e) for _, s, e in self.places(doc)]
        place_tokens = {i for s, e in places for i in range(s, e)}
        heads, body = headline_blocks(text)
        breakers = headline_breakers(doc, heads, body, rules, self.place_names)
        # the trained recogniser's ORGs: a generic name it proposed is judged by it, not blocked
        proposed = frozenset((e.start, e.end) for e in doc.ents if e.label_ == "ORG") \
            if self.model_priority is not None else frozenset()
        cands = name_candidates(doc, rules, place_tokens, breakers, heads, body, text, proposed) \
            + dateline_blockers(text, rules)
        cands += listed_name_words(doc, cands, rules, place_tokens)
        suffixed = suffixed_place_tokens(doc, rules)
        places += document_places(doc, rules, suffixed + appositive_place_tokens(doc, rules, self.place_names),
                                  cands, place_tokens, self.place_names)
        # places named by structure ("Macao Special Administrative Region") open lowercase names too
        named_places = [(sp.start, sp.end) for a, b, label, _, _ in cands if label == "GPE"
                        for sp in [doc.char_span(a, b)] if sp is not None]
        lower = lowercase_names(doc, rules, places + [(i, i + 1) for i in suffixed] + named_places)
        cands += lower + lowercase_short_forms(doc, text, rules, lower)
        cands += place_candidates(doc, rules, places) + suffixed_places(doc, suffixed)
        people = person_candidates(doc, rules, self.people, self.place_names)
        model = (model_candidates(doc, text, rules, self.place_names) if self.model_priority is None
                 else trained_model_candidates(doc, text, self.model_priority, self.lowercase_priority))
        # a headline verb the model took for a name ("X to Invest US$5 Million") is none
        model = [c for c in model if not (sp := doc.char_span(c[0], c[1])) or not all(t.i in breakers for t in sp)]
        # a full name the model found ("has appointed Dao Ming as ...") gives its surname too
        named = {text[s:e] for s, e, *_ in people} | {
            text[s:e] for s, e, label, *_ in model
            if label == "PERSON" and 2 <= len(text[s:e].split()) <= 3 and text[s:e] not in self.place_names}
        cands += people + person_aliases(doc, text, named)
        cands += date_candidates(doc, text, rules) + money_candidates(text, rules)
        if self.model_priority is not None:
            model = without_clauses(model, doc)
        cands += outranked_by_rules(model, cands, text, rules) if self.model_priority is not None else model
        cands += acronyms(text, cands) + company_short_names(doc, text, cands, rules, place_tokens)
        cands += name_word_short_forms(doc, text, cands, rules, place_tokens, {doc[i].text for i in suffixed})
        cut = cut_off_start(text)
        credits = [m.span() for m in rules.credit.finditer(text)]
        found, spans = [], []
        resolved = whole_hyphenated_names(without_honorifics(resolve(cands), text, rules), text, rules)
        resolved = english_given_names(join_split_names(resolved, text), text, rules)
        winners = mission_names(join_capital_surnames(join_hyphenated_people(resolved, text), text, rules),
                                text, rules)
        winners = possessive_parents(slash_names(winners, text, rules), text, rules, self.place_names)
        winners = comma_names(affiliated_names(standing_committees(winners, text, rules), text, rules), doc, rules)
        winners = bracketed_names(winners, text, rules, self.place_names)
        lowercase = lowercase_words(text)
        name_words = {w for a, b, label, _ in winners if label == "ORG" for w in text[a:b].split()[1:] + text[a:b].split()[:-1]}
        word_counts = Counter(w for a, b, label, _ in winners if label == "ORG" for w in set(text[a:b].split()))
        families = family_names(winners, text)
        for n, (start, end, label, _) in enumerate(winners):
            if cut is not None and end > cut:
                continue  # in the cut-off last sentence: not annotated
            if any(a <= start and end <= b for a, b in credits):
                continue  # a credit is page furniture
            if label == "PERSON" and _place_in_person_slot(text, start, end, winners[n - 1] if n else None):
                label = "GPE"
            if label == "PERSON" and split_place(text[start:end], text, self.place_names):
                label = "GPE"  # "Lan Bo" on a page that also writes "Lanbo"
            if label == "ORG" and (titled_person(text, start, end, rules)
                                   or family_name_alone(text[start:end], families, name_words)):
                label = "PERSON"  # "Dr. Vance", or "Vance" after "Claire Vance"
            if label in ("PERSON", "ORG") and text[start:end] in rules.degrees:
                continue  # "Li Ming, M.D., president of X": a degree, not a name
            if label in ("PERSON", "ORG") and _ethnic_list(text, start, end, rules):
                continue  # "the Yi, Miao, Bai and Gelao": ethnic groups, neither people's names nor bodies
            if label == "ORG" and common_word_alone(text[start:end], self.lowercase_words, name_words):
                continue  # "Members", "Outgoing" opening a line: an English word, no body
            if label == "ORG" and capitals_word_alone(text[start:end], self.lowercase_words):
                continue  # "AMONG" on a page in capitals: an English word, no body
            if label == "ORG" and glued_place(text[start:end], rules, self.place_names):
                continue  # "LanboIsland": a place that lost a space, no body
            if label == "ORG" and special_region(text[start:end]):
                label = "GPE"  # "Lanbo Special Administrative Region": a place
            if label == "ORG" and country_acronym(text[start:end], rules):
                label = "GPE"  # "ROK", "UAE": a country
            if label == "ORG":
                start, end = correct_org_span(text, start, end, rules,
                                              winners[n + 1][0] if n + 1 < len(winners) else len(text))
                start = _lowercase_ordinal_start(text, start, end, winners[n - 1][1] if n else 0, rules)
                end = glued_tail(text, start, end, rules, self.lowercase_words)
                end = glued_lowercase_tail(text, start, end, rules, self.lowercase_words)
                end = dangling_end(text, start, end, rules)
                start, end = headline_verb_cut(text, start, end, rules)
                if lone_generic_word(text[start:end], set(text[winners[n][0]:winners[n][1]].split()), word_counts, rules):
                    continue  # "the Hospital" with no named hospital on the page
                if (end <= start or rules.designation_after.match(text, end)
                        or unnamed_body(text[start:end], rules) or standing_only(text[start:end], rules)
                        or common_noun(text, start, end, rules, lowercase)
                        or honorific_title(text[start:end], rules) or congress_session(text, start, end, rules)
                        or designated_kind(text[start:end], rules) or dated_edition(text[start:end])
                        or rules.joint_adjective.fullmatch(text, start, end)
                        or _head_of(text[start:end].split()) in rules.non_body_heads
                        or _ends_in_development(text[start:end].split(), rules)
                        or _party_before_post(text, start, end, rules)
                        or _NEGATED.search(text, max(0, start - 4), start)
                        or modifier_end(text[start:end], rules)
                        or wrapped_name(text, start, end, rules)):
                    continue  # "Best Hospital List", "X Bank Building", "Y Forum": not a body
                if place_name(text[start:end], rules):
                    label = "GPE"  # "Party Committee of Lanshan District" cut to the district
            if label == "GPE" and _in_hyphen_compound(text, start, end):
                continue
            parts = correct_gpe_span(text, start, end, rules) if label == "GPE" else [(start, end)]
            unit = autonomous_unit_end(text, parts[-1][1]) if label == "GPE" and parts else None
            if unit and (n + 1 == len(winners) or winners[n + 1][0] >= unit):
                parts[-1] = (parts[-1][0], unit)
            for start, end in parts:
                found.append(new_entity(start, end, label, text[start:end]))
                span = doc.char_span(start, end, label=label, alignment_mode="expand")
                if span is not None and (not spans or span.start >= spans[-1].end):
                    spans.append(span)
        state(doc)["entities"] = found
        doc.ents = spans
        return doc


@Language.factory("consortia_entities", assigns=["doc.ents", "doc.user_data"], requires=["doc.ents"],
                  default_config={"patterns": None, "places": None, "trained_model": False,
                                  "model_priority": TRAINED_MODEL, "label_priority": {},
                                  "lowercase_words": None})
def make_entities(nlp: Language, name: str, patterns: str | None, places: str | None,
                  trained_model: bool, model_priority: int, label_priority: dict[str, int],
                  lowercase_words: str | None):
    """trained_model: the pipeline's recogniser was trained on this project's corpus
    (pipelines/ner): its spans are trusted at `model_priority` against the rule families' ones
    instead of being checked and ranked last as the base model's are; `label_priority` sets
    another priority for the model's spans of one label ({"ORG": 85}); `lowercase_words`: the
    word list (consortia.truecase) that restores capitals on a page written wholly in lowercase
    for the trained recogniser to read, None for none."""
    if patterns is None or places is None:
        raise ConfigError("consortia_entities needs `patterns` (its pattern file) and `places` "
                          "(the place gazetteer), as paths")
    unknown = set(label_priority) - set(LABELS)
    if unknown:
        raise ConfigError(f"consortia_entities label_priority: unknown labels {sorted(unknown)}; "
                          f"the labels are {', '.join(LABELS)}")
    priorities = {label: label_priority.get(label, model_priority) for label in LABELS}
    words = None
    if lowercase_words is not None:
        try:
            words = frozenset(json.loads(Path(lowercase_words).read_text(encoding="utf-8"))["words"])
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise ConfigError(f"consortia_entities lowercase_words {lowercase_words}: {err}") from err
    return guarded("entities")(EntityRecognizer(nlp, load_rules(patterns, places),
                                                priorities if trained_model else None, model_priority, words))
