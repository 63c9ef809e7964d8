"""The recognisers' spans: trimmed, corrected to the names and places they are, or dropped."""

import re

from spacy.tokens import Doc

from .rules import _FULL_MONTHS, MODEL, Rules, trim
from .names import _attributive, _head_of, _kind
from .places import _in_region_compound, _slogan
from .people import _name_token


# ---------------------------------------------------------------------------------------------
# The model's spans, checked.

def model_candidates(doc: Doc, text: str, rules: Rules, places: frozenset) -> list:
    out = []
    for ent in doc.ents:
        label = rules.model_labels.get(ent.label_)
        if label is None:
            continue
        start, end = trim(text, ent.start_char, ent.end_char)
        span = doc.char_span(start, end, alignment_mode="contract") if end > start else None
        if span is None or not len(span) or span.text in rules.not_org or span[0].lower_ in rules.slogan_words:
            continue
        if label in ("ORG", "GPE") and (span[-1].text in rules.landforms or (
                span.end < len(doc) and doc[span.end].is_lower and doc[span.end].text.capitalize() in rules.landforms)):
            continue  # "the Dabie Mountains", "its Danxia landforms": a landform, not a body or a place
        if span[-1].text in rules.programme_words:
            continue  # "the Sanming Project", "Luohu Model": a programme, not a body or a person
        if label == "PERSON":
            while len(span) and (span[0].text in rules.titles or span[0].lower_ in rules.roles):
                span = span[1:]
            if not len(span) or not all(_name_token(t, rules, frozenset()) or t.text == "-" or
                                        (t.is_lower and i and span[i - 1].text == "-")
                                        for i, t in enumerate(span)):
                continue
            if span.text in places or _attributive(doc, span.end, rules):
                continue
        elif label == "GPE":
            if span[-1].is_lower and len(span) > 1:
                span = span[:-1]  # "Gansu province" is GPE "Gansu"
            if (not span[0].text[:1].isupper() or span[0].text in rules.compass
                    or _slogan(doc, span.start, rules, span.end) or _in_region_compound(doc, span.start, span.end, rules)
                    or span.text.endswith(rules.region_words) or any(t.text in rules.heads for t in span)):
                continue
        elif label == "ORG" and any(t.text in rules.state_heads and (t.i + 1 == span.end or doc[t.i + 1].lower_ == "of")
                                    for t in span):
            label = "GPE"  # "Democratic People's Republic of Korea": a state, not a body
        elif label == "ORG":
            if (all(not t.text[:1].isupper() for t in span)
                    or any(t.text in rules.heads or t.tag_ in ("VBD", "VBZ", "VBP") for t in span)
                    or (len(span) == 1 and span[0].tag_ == "VB")  # "X to Invest ..." in a headline
                    or "/" in span.text or _kind(doc, span.start, span.end, rules) != "named"):
                continue
            quoted = span.start > 0 and doc[span.start - 1].is_quote
            if (quoted and _attributive(doc, span.end + 1, rules)) or (len(span) == 1 and _attributive(doc, span.end, rules)):
                continue  # a programme name used as a modifier: '"Qiming" series talent plan'
        out.append((span.start_char, span.end_char, label, MODEL, f"model.{ent.label_}"))
    return out


# A name never ends in a function word: "X Branch Hospital of" (a name cut before its tail).
_TRAILING_FUNCTION_WORDS = re.compile(r"(?:[ \t\u00a0]+(?:of|for|and|the|&|in|at|to))+$", re.IGNORECASE)
# A date the tokenizer glued to what follows its punctuation ("2021.The", "17,Bureau", "2021./")
_GLUED_AFTER_DATE = re.compile(r"(?<=\d)[.,;:/]+[^\s\d]*$")
# A number the model took for a year: a postcode or count of five to seven digits ("100123",
# "30210"), or a stock code ("stock code: 1234", "stock codes 1234 and 5678")
_NOT_A_YEAR = re.compile(r"\d{5,7}")
_STOCK_CODE = re.compile(r"\bcodes?\W{0,3}(?:\d+\W{1,3}(?:and\W+)?)*\Z", re.IGNORECASE)


def trained_model_candidates(doc: Doc, text: str, priorities: dict[str, int], lowercase: int) -> list:
    """A recogniser trained on this project's gold (pipelines/ner) already follows the
    guideline's span conventions and labels: its spans are taken as they are, only trimmed
    (and a name not left ending in "of"), each ranked by the priority of its label; a name
    that ends in a lowercase word ("Wuxi general hospital") at `lowercase`, as the rules for
    lowercase-written names judge those better."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in priorities:
            continue
        start, end = trim(text, ent.start_char, ent.end_char)
        m = _TRAILING_FUNCTION_WORDS.search(text, start, end)
        if m and m.start() > start:
            end = m.start()
        m = _GLUED_AFTER_DATE.search(text, start, end) if ent.label_ == "DATE" else None
        if m:
            end = m.start()
        if ent.label_ == "DATE" and (_NOT_A_YEAR.fullmatch(text, start, end)
                                     or _STOCK_CODE.search(text, max(0, start - 40), start)):
            continue
        if end > start:
            last = text[start:end].split()[-1]
            prio = lowercase if last[:1].islower() else priorities[ent.label_]
            out.append((start, end, ent.label_, min(prio, priorities[ent.label_]), f"model.{ent.label_}"))
    return out


# a bare party body's name before an ORG, after a lowercase word or the start of a line
_BARE_PARTY_BEFORE = re.compile(r"(?:^|(?:^|\s)(?:[a-z]+|\S*[,;:(]) )(?P<opener>(?:Party|CPC) [A-Z][a-z]+ of )\Z", re.M)


def correct_org_span(text: str, start: int, end: int, rules: Rules, limit: int | None = None) -> tuple[int, int]:
    """An ORG span less what is not the name: a post or party body before it ("Rector of",
    "Party Committee of the"), a party body after a body's own name ("X Hospital Party
    Committee") and everything from a bracket it does not close ("X Hospital(XH", "X
    Hospital),Located"); and with the legal form written after it ("X Holdings Ltd.", "Y
    Enterprise, Ltd.") when that ends before `limit` (where the next entity begins), with the
    full stop of an abbreviated legal form or company head ("X Co., Ltd.", "Y Co.").

    >>> correct_org_span("Rector of Lanbo University", 0, 26, RULES)
    (10, 26)
    """
    found_at = start
    for opener in (rules.committee_opener, rules.title_opener):
        m = opener.match(text, start, end)
        if m and rules.bare_party_opener.fullmatch(m.group()):
            continue  # "Party Committee of X Commission" names that committee, as the seeds' gold has it
        if m and m.end() < end and text[m.end()].isupper():
            start = m.end()
    # "the Party Committee of X Commission" is that committee (as above) also when the model
    # found only "X Commission" after it (not when a post before it was cut: the post is at X)
    before = _BARE_PARTY_BEFORE.search(text, max(0, start - 40), start) if start == found_at else None
    if (before and rules.bare_party_opener.fullmatch(before.group("opener"))
            and not _post_at_party_body(text, before.start("opener"), end, rules)):
        start = before.start("opener")
    m = rules.bare_party_opener.match(text, start, end)
    if m and text[m.end():m.end() + 1].isupper() and _post_at_party_body(text, start, end, rules):
        start = m.end()
    m = rules.party_body_after.search(text, start, end)
    if m and text[start:m.start()].split()[-1] in rules.heads | rules.company_heads | {"Government"}:
        end = m.start()
    # "X Healthcare Pte. Limited", "Y Medical Sdn Bhd": a name found up to the first word of a
    # two-word legal form takes the whole form below
    m = _LEGAL_FIRST.search(text, start, end)
    if m and m.start() > start and rules.legal_suffix.match(text, m.start()):
        end = m.start()
    m = rules.legal_suffix.match(text, end)
    if m and (limit is None or m.end() <= limit) and not rules.legal_suffix.search(text, start, end):
        end = m.end()
    # "X Hospital、Dr", "Y Commission，Z": a list's ideographic comma ends the name before it
    m = _IDEOGRAPHIC_COMMA.search(text, start, end)
    if m and m.start() > start:
        end = m.start()
    cut, opened = end, []
    for i in range(start, end):
        if text[i] == "(":
            opened.append(i)
        elif text[i] == ")":
            if not opened:
                cut = i
                break
            opened.pop()
    if opened:
        cut = min(cut, opened[0])
    if cut < end:
        end = start + len(text[start:cut].rstrip(" \t\u00a0,;:-"))
    # "X Co., Ltd." keeps the full stop of its abbreviation, as the gold writes it, also written
    # in lowercase ("x co., ltd.") or as dotted initials ("Y, S.A.", "Z Capital, L.P.")
    last = text[start:end].split()[-1].split(",")[-1] if end > start else ""
    if (text[end:end + 1] == "." and (limit is None or end < limit) and end > start
            and (last in rules.abbreviated_forms or last.capitalize() in rules.abbreviated_forms
                 or _INITIALS.fullmatch(last))):
        end += 1
    start, end = _without_activity(text, start, end, rules)
    # "X County People's hospital": a possessive descriptor is no name's end; its lowercase head
    # after it is the name's own (the possessive was trimmed as after any name)
    m = _POSSESSIVE_HEAD.match(text, end)
    if (m and m.group(1) in rules.lower_heads and end > start and (limit is None or m.end() <= limit)
            and text[start:end].split()[-1] in _POSSESSIVE_DESCRIPTORS):
        end = m.end()
    end = _admin_noun_end(text, start, end, rules, limit)
    # at a line's end the full stop ends the sentence: "X Holdings Ltd.\n" names "X Holdings
    # Ltd", as the real pages' gold writes it; a legal form after a comma keeps its full stop
    # ("Y Co., Ltd.\n"), as that gold writes it too
    if (text[end - 1:end] == "." and _LINE_END.match(text, end) and end - 1 > start
            and text[start:end - 1].split()[-1] in rules.abbreviated_forms
            and not re.search(r",[ \t\u00a0]*\S+\Z", text[start:end - 1])):
        end -= 1
    return start, end


def _admin_noun_end(text: str, start: int, end: int, rules: Rules, limit: int | None) -> int:
    """ "Health Commission of Lanbo province": a body's "of" tail that names a place keeps the
    lowercase admin noun after it, as the gold writes such names (train: 5 of 5); after a word
    that is no head ("the capital of Lanbo province") the place is a GPE and no body's."""
    m = _ADMIN_NOUN.match(text, end)
    tail = _PLACE_TAIL.search(text, start, end)
    if (m is None or m.group(1) not in rules.admin_nouns or tail is None
            or (limit is not None and m.end() > limit)):
        return end
    before = text[start:tail.start()].split()
    return m.end() if before and before[-1] in rules.heads else end


def _without_activity(text: str, start: int, end: int, rules: Rules) -> tuple[int, int]:
    """ "Lanbo Group Restructuring", "Xinghe University Delegation", "Qingmu Medical Association
    Conference": a last word that names what the body does, sends or holds is not its name."""
    words = list(re.finditer(r"\S+", text[start:end]))
    while len(words) > 1 and (words[-1].group() in rules.activity_words or (
            words[-1].group() in rules.event_words and words[-2].group() in rules.heads)):
        words.pop()
        end = start + words[-1].end()
    return start, end


_POSSESSIVE_HEAD = re.compile(r"['\u2019]s[ \t\u00a0]+([a-z]+)\b")
_POSSESSIVE_DESCRIPTORS = frozenset({"People", "Children", "Women", "Workers"})
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_IDEOGRAPHIC_COMMA = re.compile("[\u3001\uff0c\uff1b]")
_LINE_END = re.compile(r"[ \t\u00a0]*(?:\n|\Z)")
_LEGAL_FIRST = re.compile(r"[ \t\u00a0]+(?:Pte|Sdn)\.?\Z")
_ADMIN_NOUN = re.compile(r"[ \t\u00a0]+([a-z]+)\b")
# an "of" tail of one to three capitalised words ending the name: "... of Lanbo", "... of Qing Mu"
_PLACE_TAIL = re.compile(r"[ \t\u00a0]+of(?:[ \t\u00a0]+the)?(?:[ \t\u00a0]+[A-Z][\w'\u2019-]*){1,3}\Z")


# "secretary of the ", "member of ": a post written just before a party body's name
_POST_OF_BEFORE = re.compile(r"(?<![\w-])([A-Za-z-]+)[ \t\u00a0]+of[ \t\u00a0]+(?:the[ \t\u00a0]+)?\Z")


def _post_at_party_body(text: str, start: int, end: int, rules: Rules) -> bool:
    """ "Li Ming, secretary of the Party Committee of Lanbo Hospital": on real pages the post is
    held at Lanbo Hospital, the ORG (docs/annotation.md, "Conventions for real pages"). A
    committee's own party committee ("Party Committee of the Qingmu Health Committee") stays a
    body of its own, as the seed articles' gold has it; without a post before it, so does any."""
    m = _POST_OF_BEFORE.search(text, max(0, start - 40), start)
    return bool(m and m.group(1).lower() in rules.roles and text[start:end].split()[-1] != "Committee")


_LOWER_ORDINAL = re.compile(r"(?<![\w-])([a-z]+)[ \t]+$")


def _lowercase_ordinal_start(text: str, start: int, end: int, after: int, rules: Rules) -> int:
    """ "the sixth Clinical Medical College of X": an ordinal written in lowercase before a name
    that opens with a generic word tells that unit from its others, so it is part of the name
    (not before a company's: "the first Lanshan Family Healthcare hospital")."""
    m = _LOWER_ORDINAL.search(text, max(after, start - 12), start)
    words = text[start:end].split()
    if (m and m.group(1) in rules.ordinals and words and words[0][:1].isupper()
            and words[0].lower() in rules.generic and _head_of(words) in rules.heads):
        return m.start(1)
    return start


_GPE_OF = re.compile(r"[ \t\u00a0]+of[ \t\u00a0]+(?:the[ \t\u00a0]+)?(?=[A-Z])")
_GPE_POSS = re.compile(r"['\u2019]s[ \t\u00a0]+(?=[A-Z])")


def correct_gpe_span(text: str, start: int, end: int, rules: Rules) -> list[tuple[int, int]]:
    """A GPE span as the places it names: a post before it is none ("Deputy District Mayor"),
    a lowercase admin word after it is left out ("Futian district" gives "Futian", as "Hainan
    province" gives "Hainan"), "China's Jiangsu Province" is two places ("East China's": a region,
    none) and so is "Wuqing District of Tianjin"; an ethnic group's name alone is no place.

    >>> correct_gpe_span("Wuqing District of Tianjin", 0, 26, RULES)
    [(0, 15), (19, 26)]
    """
    posts = {w.lower() for w in rules.titles} | rules.roles | rules.role_modifiers
    leading = {w.lower() for w in rules.titles} | rules.roles | {"deputy", "vice", "executive", "acting", "first"}
    words = list(re.finditer(r"\S+", text[start:end]))
    k = 0
    while k < len(words) - 1 and words[k].group().lower() in leading and words[k].group()[:1].isupper():
        k += 1
    if k:
        start += words[k].start()
    while True:
        words = text[start:end].split()
        if len(words) > 1 and words[-1] in rules.lower_admin:
            end = start + len(text[start:end].rstrip()[:-len(words[-1])].rstrip())
        else:
            break
    words = text[start:end].split()
    if not words or all(w in rules.gpe_heads or w.lower() in posts for w in words) or (
            len(words) == 1 and words[0] in rules.ethnic):
        return []
    m = _GPE_POSS.search(text, start, end)
    if m and not any(w in rules.state_heads for w in words):  # "People's Republic of China" is one
        first = re.match(r"\S+\s*", text[start:m.start()])
        if first.group().strip() in rules.compass:  # "East China's": a region written as a name
            left = []
        elif first.group().strip().capitalize() in rules.compass and first.end() < m.start() - start:
            left = [(start + first.end(), m.start())]  # "east China's Anhui Province": China
        else:
            left = [(start, m.start())]
        return left + correct_gpe_span(text, m.end(), end, rules)
    m = _GPE_OF.search(text, start, end)
    if m and _is_gpe_name(text[start:m.start()], rules):
        left = text[start:m.start()].split()
        # "Capital City of X", "Special Administrative Region of X": the place is X alone
        heads = rules.gpe_heads | {w for p in rules.gpe_head_phrases for w in p}
        keep = [] if all(w in heads or w in rules.compass or w.lower() in posts or w.lower() in rules.generic
                         for w in left) or not all(w[:1].isupper() for w in left) else [(start, m.start())]
        return keep + correct_gpe_span(text, m.end(), end, rules)
    return [(start, end)]


_GLUED_BEFORE = re.compile(r"(?:[A-Z][\w'\u2019]*(?:[ \t][A-Z][\w'\u2019]*)?-)+$")
_GLUED_AFTER = re.compile(r"(?:-[A-Z][\w'\u2019]*(?:[ \t](?:Kong|Macao|Macau))?)+")


def _in_hyphen_compound(text: str, start: int, end: int) -> bool:
    """A place glued by hyphens to other names inside a longer name ("the Guangdong-Hong
    Kong-Macao Greater Bay Area", "the Shenzhen-Zhongshan Link") or a chain of three ("the
    Beijing-Tianjin-Hebei region") is no place of its own; two places before a common noun
    ("Shanghai-Nanjing cooperation") stay places."""
    before = _GLUED_BEFORE.search(text, max(0, start - 60), start)
    after = _GLUED_AFTER.match(text, end)
    if before is None and after is None:
        return False
    chain_end = after.end() if after else end
    parts = 1 + (before.group().count("-") if before else 0) + (after.group().count("-") if after else 0)
    nxt = re.match(r"[ \t]+([A-Za-z]\w*)", text[chain_end:chain_end + 40])
    return parts >= 3 or bool(nxt and nxt.group(1)[:1].isupper())


_SAR = re.compile(r"(?:[A-Z][\w'\u2019-]*[ \t\u00a0]+)+Special[ \t\u00a0]+Administrative[ \t\u00a0]+Region")


def special_region(name: str) -> bool:
    """ "Lanbo Special Administrative Region" read as an ORG is the place (its government is
    "the X SAR Government", a name of its own)."""
    return _SAR.fullmatch(name) is not None


def place_name(name: str, rules: Rules) -> bool:
    """An ORG left as a place's name once a body before it was cut ("Party Committee of Lanshan
    District" -> "Lanshan District"), or read as a body by the model: capitalised words ending in a
    place's head, none an organisation's head, is the place. "League" also ends a youth league's
    name, so it is not enough."""
    words = name.split()
    return (_is_gpe_name(name, rules) and words[-1] != "League" and len(words) > 1
            and all(w[:1].isupper() for w in words) and not any(w in rules.heads for w in words))


def _is_gpe_name(name: str, rules: Rules) -> bool:
    """The name ends in a place's head noun ("Wuqing District", "Binhai New Area")."""
    words = name.split()
    return bool(words) and (words[-1] in rules.gpe_heads
                            or any(tuple(words[-len(p):]) == p for p in rules.gpe_head_phrases))


_NEXT_WORD = re.compile(r"[ \t\u00a0]+([A-Za-z]+)")
_PARTY_MEMBERS = frozenset({"member", "worker", "organization", "organisation", "cadre"})


def _party_before_post(text: str, start: int, end: int, rules: Rules) -> bool:
    """"Deputy Party Secretary", "Outstanding Party Members", "the Party Branch Secretary": the
    party (or its branch) named before a post or its members says whose post or members they
    are; it is not the name of a body there."""
    words = text[start:end].split()
    m = _NEXT_WORD.match(text, end)
    if not m or not ("Party" in words[-2:] and all(w[:1].isupper() for w in words)) or "Communist" in words:
        return False  # "Communist Party members": the party itself
    nxt = m.group(1).lower()
    return nxt in rules.roles or nxt.rstrip("s") in rules.roles or nxt.rstrip("s") in _PARTY_MEMBERS


_OF_PLACE_END = re.compile(r"\bof[ \t]+[A-Z][\w'\u2019-]*$")
_IN_BEFORE = re.compile(r"(?:^|[\s\"'\u201c(])[Ii]n[ \t\u00a0]+$")
_COMMA_BEFORE = re.compile(r",[ \t\u00a0]*$")


def split_place(name: str, text: str, places: frozenset) -> bool:
    """A place's pinyin name written as two syllables ("Lan Bo" for Lanbo) reads like a
    person's name; it is the place when the joined form is a place the same text names."""
    words = name.split()
    if len(words) != 2 or not all(w.isalpha() and w.istitle() for w in words):
        return False
    joined = words[0] + words[1].lower()
    return joined in places and re.search(rf"(?<!\w){joined}(?!\w)", text) is not None


def _place_in_person_slot(text: str, start: int, end: int, prev: tuple | None) -> bool:
    """One word read as a person where a place stands: "In Windhoek, the capital ...", and "the X
    Hospital of Kabul, Afghanistan, an expert ..." (a name set off by commas after a place or a
    body, before a description): a place."""
    if " " in text[start:end].strip() or text[end:end + 1] != "," or text[start:end] in _FULL_MONTHS:
        return False
    if _IN_BEFORE.search(text, max(0, start - 5), start):
        return True
    # after a place, or a body named by its place ("X Hospital of Kabul"), not after any body
    # ("X Institute, Li Ming, academician ..." lists a person after the body)
    return (prev is not None and bool(_COMMA_BEFORE.fullmatch(text, prev[1], start))
            and (prev[2] == "GPE" or (prev[2] == "ORG" and bool(_OF_PLACE_END.search(text, prev[0], prev[1])))))


_LISTED_BEFORE = re.compile(r"([^\W\d_]+),?[ \t\u00a0]+(?:and[ \t\u00a0]+)?$")


def _ends_in_development(words: list[str], rules: Rules) -> bool:
    """"Xinghe Medical City", "Lanbo Economic Circle": a name headed by its last word, that word
    one of `non_body_endings`; "Health Commission of Lanbo City" is headed by "Commission"."""
    return len(words) > 1 and _head_of(words) == words[-1] and words[-1] in rules.non_body_endings


def titled_person(text: str, start: int, end: int, rules: Rules) -> bool:
    """"Dr. Li Ming", "Mr. WANG Lin", also glued to the word before ("withProfessor LIAO"): a name
    right after a personal title is a person's, unless it has a word of an organisation's name."""
    if not rules.title_before.search(text, max(0, start - 16), start):
        return False
    return not any(w.lower().strip(".,") in rules.generic for w in _POSSESSIVE.sub("", text[start:end]).split())


_POSSESSIVE = re.compile(r"['\u2019]s\b")


def _ethnic_list(text: str, start: int, end: int, rules: Rules) -> bool:
    """The span is a list of ethnic groups' names ("Yi, Miao, Bai"), or one listed after another
    ("... Dong and Gelao"): a name made of such words ("Li Hui") or a surname alone that is
    also a group's name ("Li") is still a person."""
    words = [w for w in re.findall(r"[^\s,]+", text[start:end]) if w not in ("and", "&")]
    if not words or not all(w in rules.ethnic for w in words):
        return False
    m = _LISTED_BEFORE.search(text, max(0, start - 20), start)
    listed = "," in text[start:end] or " and " in text[start:end]  # "Li Hui" is a person's name
    return listed or bool(m and m.group(1) in rules.ethnic)


def without_clauses(model: list, doc: Doc) -> list:
    """The model's spans less an ORG with a finite verb in it: a title-case headline's clause
    ("X Province Conducted a Survey", "Y Tavern Launches Free ...") is no name."""
    return [c for c in model if c[2] != "ORG" or not (sp := doc.char_span(c[0], c[1]))
            or not any(t.tag_ in ("VBD", "VBZ", "VBP") for t in sp)]


_PREV_WORD = re.compile(r"([A-Za-z]+)[ \t\u00a0]+$")


_UNIT_OF_FIELD = re.compile(r"([A-Z][\w'\u2019-]*(?:[ \t][A-Z][\w'\u2019-]*)*)[ \t]+of[ \t]+[A-Z][^\n]*?"
                            r"[ \t]+of[ \t]+(?:the[ \t]+)?")


def _unit_of_field(before: str, rules: Rules) -> bool:
    """ "Key Laboratory of Cardiology of the ": the model's span after it is only the parent of a
    unit named with its field ("Key Laboratory of Cardiology of the Ministry of Health"), whose
    whole name the rules found."""
    m = _UNIT_OF_FIELD.fullmatch(before)
    return bool(m) and m.group(1).split()[-1] in rules.owned_unit_heads


def outranked_by_rules(model: list, cands: list, text: str, rules: Rules) -> list:
    """The model's spans less those inside a rule's blocker ("Affiliated Hospital" alone, a
    lowercase description) or inside a date or amount, an ORG that only ends a unit's name the
    rules found ("Key Laboratory of Cardiology of the Ministry of Health"), an ORG that is a
    word the rules know is none ("COVID", "SMS"), and a GPE that is a post or title alone
    ("Vice" in a headline) or in a slogan ("healthy China"): what the rules know a span is not
    stays so even where the model outranks the name rules."""
    held = [(a, b) for a, b, label, _, _ in cands if label in (None, "DATE", "MONEY")]
    units = [(a, b) for a, b, label, _, rule in cands if label == "ORG" and rule.startswith("name")]
    posts = rules.roles | {t.lower() for t in rules.titles} | (rules.role_modifiers - rules.lower_admin)
    out = []
    for c in model:
        name = text[c[0]:c[1]]
        if (any(a <= c[0] and c[1] <= b for a, b in held) or (c[2] == "ORG" and name in rules.not_org)
                or (c[2] == "ORG" and any(b == c[1] and _unit_of_field(text[a:c[0]], rules) for a, b in units))
                or (c[2] == "GPE" and " " not in name and name.lower() in posts)
                or (c[2] == "GPE" and (m := _PREV_WORD.search(text, max(0, c[0] - 30), c[0]))
                    and m.group(1).lower() in rules.slogan_words)):
            continue
        out.append(c)
    return out
