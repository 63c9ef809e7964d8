"""Names built from their structure: runs of capitalised words cut at head nouns, with their tails."""

import re

from spacy.tokens import Doc

from .rules import CONNECTORS, NAME, NUMBERED, NUMBERED_HEADS, POSS, Rules, SHORT_FORM, SP, _STOP, TAIL, _VERB_ENDING, _WORD


# ---------------------------------------------------------------------------------------------
# Names: capitalised runs cut at connectors, each name ending in a head noun.

def _cap(tok, rules: Rules, breakers: frozenset = frozenset(), places: frozenset = frozenset()) -> bool:
    """A capitalised word that can be part of a name: not a verb or function word by its tag,
    not a title or role ("... University President NAME"), not a headline verb. A known place
    is name material whatever its tag (the tagger reads "Ordos" at a sentence start as a verb)."""
    t = tok.text
    return (t[:1].isupper() and (tok.tag_ not in rules.breaking_tags or tok.i in places)
            and t not in rules.name_enders and tok.i not in breakers)


def headline_blocks(text: str) -> tuple[list[tuple[int, int]], str]:
    """Title-case blocks ("Shaanxi Launches Medical Consortium") as character spans, and the
    text of the other blocks."""
    heads, body, pos = [], [], 0
    for block in text.split("\n"):
        stripped = block.strip()
        words = [w for w in _WORD.findall(block) if len(w) > 3 and w.lower() not in _STOP]
        if (len(words) >= 3 and len(stripped) < 160 and not stripped.endswith((".", "!", "?", ":"))
                and sum(w[:1].isupper() for w in words) >= 0.9 * len(words)):
            heads.append((pos, pos + len(block)))
        else:
            body.append(block)
        pos += len(block) + 1
    return heads, "\n".join(body)


def headline_breakers(doc: Doc, heads: list[tuple[int, int]], body: str, rules: Rules,
                      places: frozenset) -> frozenset:
    """In a title-case block every word is capitalised, verbs too. There, a capitalised word
    with a verb ending (-s, -ed, -ing) that is neither name vocabulary nor a place nor used
    capitalised in the body ends a name, as a lowercase word would; so do an infinitive after
    "to" and a word the body uses only as a verb ("Join" over "joined")."""
    if not heads:
        return frozenset()
    seen = set(_WORD.findall(body))
    in_head = {i for a, b in heads for sp in [doc.char_span(a, b, alignment_mode="expand")] if sp for i in range(sp.start, sp.end)}
    verbs = {t.lemma_.lower() for t in doc if t.is_lower and t.tag_.startswith("VB") and t.i not in in_head}
    out = set()
    for a, b in heads:
        span = doc.char_span(a, b, alignment_mode="expand") if b > a else None
        for tok in span or ():
            t = tok.text
            if (t[:1].isupper() and t not in seen and _VERB_ENDING.search(t) and not _generic(tok, rules)
                    and t not in rules.gpe_heads
                    and t not in places and t not in rules.ethnic):
                out.add(tok.i)
            elif (t[:1].isupper() and tok.tag_ == "VB" and tok.i > 0 and doc[tok.i - 1].text == "to"
                  and t not in places):
                out.add(tok.i)  # "X to Open Eye Clinic": the infinitive after "to" is a verb
            elif (t[:1].isupper() and t not in seen and t.lower() in verbs and tok.i > span.start
                  and not _generic(tok, rules) and t not in rules.heads and t not in places):
                out.add(tok.i)  # "X Hospitals Join Y" over "X hospitals joined Y": the body's verb
    return frozenset(out)


def _hospital_number(doc: Doc, i: int) -> bool:
    """ "301 Hospital", "Hospital 103 of the X Army": a military hospital's number, next to the
    head it numbers (two or three digits: no year, no "Top 100 Hospitals")."""
    t = doc[i].text
    if not (t.isdigit() and 2 <= len(t) <= 3 and i + 1 < len(doc)):
        return False
    prev = doc[i - 1].text if i > 0 else ""
    if prev in NUMBERED_HEADS:
        return doc[i + 1].lower_ == "of"
    # after a capitalised word only an acronym's ("PLA 301 Hospital"; not "Top 100 Hospital",
    # "X Bureau 15 Hospital of Y": a count)
    return doc[i + 1].text in NUMBERED_HEADS and (not prev[:1].isupper() or prev.isupper() or prev == "The")


def _number_prefix(doc: Doc, i: int) -> int:
    """Tokens of a "No. 1" / "No.1" / "No 1" name part starting at i ("No. 1 People's Hospital"),
    or of a hospital's number ("301 Hospital")."""
    t = doc[i].text
    if _hospital_number(doc, i):
        return 1
    if t in ("No", "No.") and i + 1 < len(doc):
        if doc[i + 1].like_num:
            return 2
        if doc[i + 1].text == "." and i + 2 < len(doc) and doc[i + 2].like_num:
            return 3
    return 0


def name_runs(doc: Doc, rules: Rules, breakers: frozenset = frozenset(),
              places: frozenset = frozenset()) -> list[tuple[int, int]]:
    """Maximal runs of name material: capitalised words, possessives, joined hyphens, and
    "of" / "for" / "and" / "of the" between capitalised words. Whitespace tokens (newlines)
    end a run."""
    runs, i, n = [], 0, len(doc)
    while i < n:
        k = _number_prefix(doc, i)
        if not k and not _cap(doc[i], rules, breakers, places):
            i += 1
            continue
        j = i + (k or 1)
        while j < n:
            t, prev = doc[j], doc[j - 1]
            if t.text == "-" and not prev.whitespace_ and not t.whitespace_ and j + 1 < n and doc[j + 1].is_alpha:
                j += 2  # Yat-sen
            elif t.text in POSS and not prev.whitespace_ and (
                    t.text not in ("'", "\u2019")
                    or (prev.text.endswith("s") and j + 1 < n and _cap(doc[j + 1], rules, breakers, places))):
                j += 1  # "Children's", and a plural's bare apostrophe: "Workers' Hospital"
            elif k := _number_prefix(doc, j):
                j += k
            elif _cap(t, rules, breakers, places):
                j += 1
            elif (t.lower_ == "of" and doc[j - 1].text in rules.lowercase_tail_heads
                  and (k := _lowercase_tail(doc, j + 1, rules)) > j + 1):
                j = k  # "Ministry of health", "Department of science and technology of X Province"
            elif (t.lower_ in TAIL or t.lower_ in ("and", "&")) and j + 1 < n:
                k = j + 2 if doc[j + 1].lower_ == "the" and t.lower_ in TAIL else j + 1
                if k < n and _cap(doc[k], rules, breakers, places):
                    j = k + 1
                else:
                    break
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _lowercase_tail(doc: Doc, k: int, rules: Rules) -> int:
    """The end of a government body's "of" tail written in lowercase from token k, as
    machine-translated pages write names ("Ministry of health", "Department of science and
    technology"): lowercase generic words only, ending where the phrase does (no common noun
    after it: "Bureau of health policy" is none). k when there is no such tail."""
    j, n = k, len(doc)
    while j < n and ((doc[j].lower_ in rules.generic and doc[j].is_lower) or (doc[j].lower_ == "and" and j > k)):
        j += 1
    while j > k and doc[j - 1].lower_ == "and":
        j -= 1
    if j == k or not doc[j - 1].is_lower or not doc[k].is_lower:
        return k
    if j < n and doc[j].is_alpha and doc[j].is_lower and not doc[j].is_stop:
        return k
    return j


def _is_head(doc: Doc, i: int, rules: Rules) -> str | None:
    """"ORG" or "GPE" when token i ends an organisation or a place name."""
    t = doc[i].text
    if t in rules.heads:
        return "ORG"
    if t in rules.gpe_heads:
        return "GPE"
    for phrase in rules.gpe_head_phrases:
        k = len(phrase)
        if t == phrase[-1] and i - k + 1 >= 0 and tuple(x.text for x in doc[i - k + 1:i + 1]) == phrase:
            return "GPE"
    return None


def _generic(tok, rules: Rules) -> bool:
    return tok.lower_ in rules.generic or tok.text in rules.scope


def segments(doc: Doc, start: int, end: int, rules: Rules, place_tokens: set[int]) -> list[tuple[int, int]]:
    """Cut a run where one name ends and another begins:
    - "and" between two names ("... Hospital and X ...") but not inside one ("Health and Family
      Planning Commission", "Tujia and Miao Autonomous Prefecture");
    - "of" after a word that is not a head ("Direct Management of X University": the name is X
      University), except inside an "of" tail ("University of Science and Technology of China");
    - a possessive after a head, a place or an acronym ("X University's Y Hospital", "Beijing's
      Y District", "China's Inner Mongolia Autonomous Region": a place the model tagged counts
      too; "SDFMU's Affiliated Hospital").
    """
    out, s, in_tail = [], start, False
    i = start
    while i < end:
        tok = doc[i]
        low = tok.lower_
        if low in ("and", "&") and i > start and i + 1 < end:
            left, right = doc[i - 1], doc[i + 1]
            joined = ((_generic(left, rules) and not _is_head(doc, i - 1, rules) and _generic(right, rules))
                      or (left.text in rules.ethnic and right.text in rules.ethnic)
                      or _inner_and(doc, s, i, end, rules, place_tokens)
                      or (low == "&" and right.text in rules.heads and i + 2 == end))  # "Hospital & Institute"
            if not joined:
                out.append((s, i))
                s, in_tail = i + 1, False
        elif low in TAIL and i > start:
            if _is_head(doc, i - 1, rules) or _hospital_number(doc, i - 1):
                in_tail = True
            elif not in_tail:
                out.append((s, i))
                s = i + 1 + (i + 1 < end and doc[i + 1].lower_ == "the")
        elif tok.text in POSS and i > start and (_is_head(doc, i - 1, rules) or (i - 1) in place_tokens
                                                  or (doc[i - 1].ent_type_ == "GPE"
                                                      and doc[i - 1].lower_ not in rules.generic)
                                                  or (len(doc[i - 1].text) >= 2 and doc[i - 1].text.isupper())):
            out.append((s, i))
            s, in_tail = i + 1, False
        i += 1
    out.append((s, end))
    return [(a, b) for a, b in out if b > a]


def _inner_and(doc: Doc, s: int, i: int, end: int, rules: Rules, place_tokens: set[int]) -> bool:
    """"X Acupuncture and Moxibustion Alliance", "Obstetrics and Gynecology Hospital": the words
    before "and" have no head of their own, so they cannot be a name; the coordination is inside
    the one name that the head after it ends. Not between places or people ("Hebei and Tianjin
    ...", "Li Ming and X Hospital"), whose names need no head."""
    w = i - 2 if doc[i - 1].text in POSS and i - 2 >= s else i - 1  # "Women's and Children's Hospital"
    left = doc[w]
    if (any(_is_head(doc, k, rules) for k in range(s, i)) or w in place_tokens
            or (s > 0 and doc[s - 1].text == ",")  # "Wang, Li and X Hospital": the last of a list
            or (left.ent_type_ in ("PERSON", "GPE") and left.tag_ != "NNPS" and left.lower_ not in rules.generic)
            or not left.is_alpha):
        return False
    for k in range(i + 1, end):
        if doc[k].lower_ in ("and", "&"):
            return False
        if _is_head(doc, k, rules):
            return True
    return False


def names_in_segment(doc: Doc, s: int, e: int, rules: Rules) -> list[tuple[int, int, str]]:
    """The names in one segment: up to its last head, or all of it when it has an "of" tail.
    An organisation followed by a place name ("X Hospital Y District") gives both."""
    heads = [(i, lab) for i in range(s, e) if (lab := _is_head(doc, i, rules))]
    if not heads:
        return []
    of_i = next((i for i in range(s, e) if doc[i].lower_ in TAIL), None)
    if of_i is not None:
        label = _is_head(doc, of_i - 1, rules) or "ORG"
        tail = of_i + 1 + (of_i + 1 < e and doc[of_i + 1].lower_ == "the")
        if label == "GPE" and tail < e and all(t.text in rules.compass or t.text in rules.gpe_heads
                                               for t in doc[s:of_i]):
            return [(tail, e, "GPE")]  # "Northeast City of Qiqihar" in a headline: the place is Qiqihar
        return [(s, e, label)]
    last, label = heads[-1]
    if label == "GPE":
        orgs = [i for i, lab in heads if lab == "ORG"]
        if orgs:
            return [(s, orgs[-1] + 1, "ORG"), (orgs[-1] + 1, last + 1, "GPE")]
    return [(s, last + 1, label)]


def _company_suffix(doc: Doc, e: int, rules: Rules, text: str) -> int | None:
    """"X Technology Co., Ltd.": the legal form after the comma belongs to the company name.
    `text` is `doc.text`, passed in: spaCy rebuilds it from every token on each access, which
    made a long document's cost grow with the square of its length."""
    if e < len(doc) and doc[e - 1].text in rules.company_heads:
        m = rules.legal_forms.match(text, doc[e - 1].idx + len(doc[e - 1]))
        if m:
            return m.end()
    return None


def _kind(doc: Doc, s: int, e: int, rules: Rules) -> str:
    """"named" when a word is neither generic vocabulary nor a connector, "scoped" when only a
    scope word ("National", "Municipal") makes it specific, else "generic"."""
    scoped = False
    for tok in doc[s:e]:
        if tok.lower_ in CONNECTORS or tok.text in POSS or not tok.is_alpha and len(tok) == 1:
            continue
        if tok.text in rules.scope or _compass_pair(doc, tok.i, s, e, rules):
            scoped = True
        elif tok.lower_ not in rules.generic:
            return "named"
    return "scoped" if scoped else "generic"


def _compass_pair(doc: Doc, i: int, s: int, e: int, rules: Rules) -> bool:
    """ "Central South University", "North East Hospital": two compass words in a row name a
    region, which scopes the name as "Southwest" does ("Central" or "South" alone do not)."""
    pair = [t.text for t in doc[max(s, i - 1):min(e, i + 2)]]
    return doc[i].text in rules.compass and sum(w in rules.compass for w in pair) >= 2


def _prev_word(doc: Doc, i: int) -> str:
    return doc[i - 1].lower_ if i > 0 else ""


def _attributive(doc: Doc, e: int, rules: Rules) -> bool:
    """The name modifies a following common noun ("Lanbo Cancer Center construction plan"),
    other than a role ("Lanbo Health Commission spokesperson Li Wen" is the body's)."""
    return (e < len(doc) and doc[e].is_lower and doc[e].tag_ in ("NN", "NNS")
            and doc[e].lemma_ not in rules.roles)


def _head_of(words: list[str]) -> str:
    """The head noun of a name: the word before the first "of"/"for", else the last word."""
    for i, w in enumerate(words[1:], start=1):
        if w in TAIL:
            return words[i - 1]
    return words[-1]


def _short_form_of(short: list[str], named: list[list[tuple[str, bool]]]) -> bool:
    """A generic short form ("Cancer Hospital") stands for a named body of the text that has the
    same head, its words in order, and only droppable words besides: places, scope words,
    ordinals, an "of" tail ("Ningbo Cancer Hospital"; not "Ningbo Tiantan Cancer Hospital")."""
    synonyms = {"center": "centre", "centre": "center"}
    head = _head_of(short)
    for full in named:
        words = [w for w, _ in full]
        if _head_of(words) not in (head, synonyms.get(head, head)):
            continue
        j = 0
        for w, droppable in full:
            if j < len(short) and w in (short[j], synonyms.get(short[j])):
                j += 1
            elif not droppable:
                break
        else:
            if j == len(short):
                return True
    return False


def _two_tailed_names(words: list[str]) -> bool:
    """ "academy of sciences and academy of engineering": two names, each with its own "of" tail,
    joined by "and" into one run; no short form of one body."""
    if "and" not in words:
        return False
    k = words.index("and")
    return any(w in TAIL for w in words[1:k]) and any(w in TAIL for w in words[k + 2:])


def _definite_generic(words: list[str], rules: Rules) -> bool:
    """"the Port Authority", "the Central Government", "the Health Bureau": a capitalised name of
    two generic words or more after "the", with no "of" tail, names the one body of that kind the
    text speaks of. Not a party body ("the Party Committee"), which gives a post at its body, nor a
    name whose head says a kind ("the Rehabilitation Hospital")."""
    content = [w for w in words if w not in CONNECTORS]
    return (len(content) >= 2 and "party" not in content and not any(w in TAIL for w in words)
            and _head_of(words) not in rules.kind_heads)


def _unit_apposition(doc: Doc, e: int) -> bool:
    """", the university's largest school" / ", its teaching arm": the apposition after a generic
    name says whose unit it is, so the name is that unit's own ("the Clinical Medical College")."""
    if e + 2 >= len(doc) or doc[e].text != ",":
        return False
    if doc[e + 1].lower_ == "its":
        return True
    return (doc[e + 1].lower_ == "the" and e + 3 < len(doc) and doc[e + 2].is_lower
            and doc[e + 2].tag_ == "NN" and doc[e + 3].text in POSS)


def _owned_unit(doc: Doc, a: int, b: int, rules: Rules, owned_ends: set[int]) -> bool:
    """"X University's Development Planning Department", "its Medical Sciences Division", and
    the units listed after one ("..., Discipline Construction Department"): a name of generic
    words headed by a unit noun is the owner's own unit when a possessive gives the owner."""
    if b - a < 2 or doc[b - 1].text not in rules.owned_unit_heads or a == 0:
        return False
    before = doc[a - 1]
    if before.text in POSS or before.lower_ in ("its", "whose", "their"):
        return True
    if before.lower_ == "and" and a >= 2 and doc[a - 2].text == ",":
        before = doc[a - 2]
    if before.text not in (",", "and"):
        return False
    if before.i in owned_ends:
        return True
    # the second item of a list opened by a possessive ("the university's Party Committee office, X Department")
    for k in range(before.i - 1, max(0, before.i - 6), -1):
        if doc[k].text == "," or doc[k].is_sent_start:
            return False
        if doc[k].text in POSS:
            return True
    return False


def _body_names_another(place: str, head: str, body: str, rules: Rules) -> bool:
    """The body names a body of that place and kind by a word of its own ("Beijing Kangning
    Hospital"), not only by more generic words ("Hunan Pediatric Medical Alliance")."""
    for m in re.finditer(rf"\b{re.escape(place)}((?:{SP}+[A-Z][\w'\u2019-]*)+?){SP}+{re.escape(head)}\b", body):
        if any(w.lower() not in rules.generic and w not in rules.scope for w in m.group(1).split()):
            return True
    return False


def _lowercase_in_body(span, body: str, rules: Rules) -> bool:
    """Every word of a title-case headline name but its head is written in lowercase in the body
    and never capitalised there ("Wholly Foreign-Owned Hospital" over "a wholly foreign-owned
    general hospital"): headline case, not a name."""
    words = [t.text for t in span[:-1] if t.is_alpha]
    return bool(words) and all(
        re.search(rf"(?<!\w){re.escape(w.lower())}(?!\w)", body)
        and not re.search(rf"(?<!\w){re.escape(w)}(?!\w)", body) for w in words)


# "the " or a capitalised word right before a mention: the mention is no name of its own there
_THE_OR_NAME_BEFORE = re.compile(r"(?:\b[Tt]he|[A-Z][\w'\u2019.-]*)\s+$")


def _written_bare(text: str, start: int, end: int) -> bool:
    """The words of a short form ("the Cancer Hospital") are also written on the page as a name
    of their own, after neither "the" nor a capitalised word: the page names a body so. A
    several-word short form the page only writes after "the" ("the Teaching Hospital") says a
    kind as often as it names one."""
    name = text[start:end]
    for m in re.finditer(rf"(?<![\w'\u2019-]){re.escape(name)}(?![\w'\u2019-])", text):
        if not _THE_OR_NAME_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            return True
    return False


def name_candidates(doc: Doc, rules: Rules, place_tokens: set[int], breakers: frozenset = frozenset(),
                    heads: list[tuple[int, int]] = (), body: str = "", text: str | None = None,
                    proposed: frozenset = frozenset()) -> list:
    """ORG and GPE names from capitalised runs, and blockers where the model's span must not stay.
    In a title-case headline, capitals say nothing: after a describing word ("Gets Its First
    Top-tier Hospital") a name must also be written in the body to count. `proposed` holds the
    (start, end) token spans the trained recogniser labelled ORG: a generic name or a short form
    it proposed exactly gets no blocker, as on train those are names twice as often as not."""
    text = doc.text if text is None else text  # built once: doc.text costs the whole document
    cands, pending, named_words = [], [], []
    owned_ends: set[int] = set()  # the token after each owned unit: where a list of them goes on
    for rs, re_ in name_runs(doc, rules, breakers, frozenset(place_tokens)):
        for s, e in segments(doc, rs, re_, rules, place_tokens):
            for a, b, label in names_in_segment(doc, s, e, rules):
                kind = _kind(doc, a, b, rules)
                span = (doc[a].idx, doc[b - 1].idx + len(doc[b - 1]))
                before = _prev_word(doc, a)
                the = before == "the"
                designation = before in rules.designation_before or (
                    the and _prev_word(doc, a - 1) in rules.designation_before)
                described_head = (before in rules.description_before and label == "ORG"
                                  and any(x <= span[0] < y for x, y in heads)
                                  and text[span[0]:span[1]] not in body)
                in_head = label == "ORG" and any(x <= span[0] < y for x, y in heads)
                place_end = a
                while place_end < b and place_end in place_tokens:
                    place_end += 1
                if described_head or (in_head and text[span[0]:span[1]] not in body
                                      and _lowercase_in_body(doc[a:b], body, rules)):
                    cands.append((*span, None, NAME, "name.headline_description"))
                elif (in_head and a < place_end < b and text[span[0]:span[1]] not in body
                      and _kind(doc, place_end, b, rules) == "generic"
                      and _body_names_another(doc[a:place_end].text, doc[b - 1].text, body, rules)):
                    # "Beijing Heart Hospital Extends ..." over a body that names "Beijing Kangning
                    # Hospital" and never writes it: a title-case description of that hospital
                    cands.append((doc[place_end].idx, span[1], None, NAME, "name.headline_description"))
                elif kind == "named" and not (label == "ORG" and b - a == 1 and doc[a].text in rules.not_org):
                    span = (span[0], _company_suffix(doc, b, rules, text) or span[1])
                    numbered = label == "ORG" and any(_hospital_number(doc, k) for k in range(a, b))
                    cands.append((*span, label, NUMBERED if numbered else NAME, "name"))
                    if label == "ORG":
                        tail = next((k for k in range(a + 1, b) if doc[k].lower_ in TAIL), b)
                        named_words.append([(t.lower_, t.i in place_tokens or t.text in rules.scope
                                             or t.lower_ in rules.ordinals or t.i >= tail or t.text in POSS)
                                            for t in doc[a:b]])
                elif (kind == "scoped" or any(t.lower_ in TAIL for t in doc[a:b])) and label == "ORG" \
                        and not designation and not _attributive(doc, b, rules):
                    cands.append((*span, "ORG", NAME, "name.scoped"))
                elif (label == "ORG" and doc[a].lower_ in rules.ordinals and b - a >= 2
                      and (before == "whose" or (a > 0 and doc[a - 1].text in POSS)
                           or (the and not designation and not _attributive(doc, b, rules)))):
                    # "X University's Second Affiliated Hospital", "whose Third Affiliated
                    # Hospital", "the First Affiliated Hospital": the ordinal tells one unit of
                    # the owner from its others
                    cands.append((*span, "ORG", NAME, "name.owned_ordinal"))
                elif label == "ORG" and kind == "generic" and _owned_unit(doc, a, b, rules, owned_ends):
                    owned_ends.add(b)
                    cands.append((*span, "ORG", NAME, "name.owned_unit"))
                elif the and label == "ORG" and not designation:
                    pending.append((span, [t.lower_ for t in doc[a:b] if t.text not in POSS and t.text not in rules.scope],
                                    _unit_apposition(doc, b), (a, b)))
                elif (kind == "scoped" or any(t.lower_ in TAIL for t in doc[a:b])) and label == "ORG" \
                        and not designation:
                    pass  # "a State Council policy paper": a scoped name before a noun; the model judges it
                elif label == "ORG" and doc[a].lower_ in rules.ordinals and b - a >= 3 and not designation:
                    pass  # "president of Second Military Medical University": an ordinal's unit; the model judges it
                elif ((a, b) not in proposed or doc[b - 1].text in rules.unproposed_heads
                      or (the and _prev_word(doc, a - 1) == "as")):
                    # ("as the Affiliated Hospital": the capacity a body takes, not its name)
                    cands.append((*span, None, NAME, "name.generic"))
    for span, words, unit, tokens in pending:
        ok = _short_form_of(words, named_words) or (unit and len(words) >= 3) or _definite_generic(words, rules)
        if not ok and _two_tailed_names(words):
            continue  # "the Academy of Sciences and Academy of Engineering": two names; the model splits them
        if not ok and tokens in proposed and (len(words) == 1 or _written_bare(text, *span)):
            continue  # the recogniser's own reading of "the Centre": it judges the short form
        cands.append((*span, "ORG" if ok else None, SHORT_FORM if ok else NAME, "name.short_form"))
    return cands
