"""Names a text writes again in other forms: lists, lowercase names, acronyms, short forms."""

import re

from spacy.tokens import Doc

from .rules import _alternation, CONNECTORS, NAME, PERSON_ROLE, POSS, Rules, SHORT_FORM, TAIL
from .names import _attributive, _generic
from .places import _title_word


# ---------------------------------------------------------------------------------------------
# Lowercase-written names: PLACE [Provincial] descriptors head ("Wuxi maternal and child health
# hospital"), and their short forms elsewhere ("central hospital").

def listed_name_words(doc: Doc, cands: list, rules: Rules, place_tokens: set[int]) -> list:
    """"Eye, Ear, Nose and Throat Hospital": a list of single capitalised words with commas
    before the "and" that opens a name is part of that name, the list words having no head
    of their own: generic vocabulary, not places or people ("Wang, Li, Zhao and X Hospital")."""
    out = []
    for start, end, label, _, rule in cands:
        if label != "ORG" or rule != "name":
            continue
        span = doc.char_span(start, end)
        if span is None or span.start < 2:
            continue
        if doc[span.start - 1].lower_ == "and":
            need = 2
        elif doc[span.start - 1].text == "," and len(span) > 2 and span[1].lower_ == "and":
            need = 1  # the name rules joined "Nose and Throat Hospital" already
        else:
            continue
        i, words = span.start - 2, 0
        while i >= 0 and _title_word(doc[i]) and i not in place_tokens and doc[i].text not in rules.heads \
                and doc[i].ent_type_ != "GPE":
            words += 1
            if i >= 2 and doc[i - 1].text == "," and _title_word(doc[i - 2]):
                i -= 2
                continue
            break
        listed = [t for t in doc[i:span.start - 1] if t.text != ","]
        if words >= need and all(_generic(t, rules) for t in listed) and (
                i == 0 or doc[i - 1].lower_ == "the" or not doc[i - 1].text[:1].isupper()):
            out.append((doc[i].idx, end, "ORG", NAME, "name.listed_words"))
    return out


def lowercase_names(doc: Doc, rules: Rules, places: list[tuple[int, int]]) -> list:
    """A place, descriptors and a lowercase head ("Wuxi children's hospital"); a government needs
    no descriptor, there being one per place ("the Quzhou government", "Xiuying district government")."""
    cands = []
    n = len(doc)
    for ps, pe in places:
        i = pe
        while i < n and doc[i].text in rules.scope:
            i += 1
        j, head = i, None
        while j < n and j - i < 8:
            t = doc[j]
            if t.is_lower and t.text in rules.lower_heads and (j > i or t.text in rules.lower_bare_heads):
                head = j
                break
            if (t.is_lower and t.is_alpha and t.tag_ in ("JJ", "NN", "NNS", "NNP", "VBG", "VBN")) \
                    or (t.lower_ == "and" and j > i) \
                    or (t.text in POSS and j > i and not doc[j - 1].whitespace_ and t.text not in ("'", "\u2019")) \
                    or (t.text[:1].isupper() and _generic(t, rules) and t.text not in rules.heads and j > i):
                j += 1
                continue
            break
        if head is None or not (any(t.is_lower for t in doc[i:head]) or doc[head].text in rules.lower_bare_heads):
            continue
        desc = doc[i:head]
        start, end = doc[ps].idx, doc[head].idx + len(doc[head])
        before = doc[ps - 1] if ps > 0 else None
        described = before is not None and (before.lower_ in rules.description_before
                                             or before.tag_ in rules.description_tags)
        followed_of = head + 1 < n and doc[head + 1].lower_ == "of"
        # "Guanghe county hospital": the county's hospital, described by its level, not named
        by_level = len(desc) and all(t.lower_ in rules.level_words for t in desc) and doc[head].text not in rules.lower_bare_heads
        if described or followed_of or by_level or any(t.lower_ in rules.lower_descriptor_stop for t in desc):
            cands.append((doc[i].idx, end, None, NAME, "lower.description"))
        else:
            cands.append((start, end, "ORG", NAME, "lower.name"))
    return cands


def _mentions(text: str, forms: set[str]):
    """Every whole-word occurrence of any of `forms` in one pass over the text, longest first."""
    if not forms:
        return iter(())
    return re.finditer(rf"(?<![\w-])(?:{_alternation(sorted(forms), space=' ')})(?![\w-])", text)


def lowercase_short_forms(doc: Doc, text: str, rules: Rules, cands: list) -> list:
    """"central hospital" for a "Xuzhou central hospital" named in the same text."""
    out: list = []
    suffixes = set()
    for start, end, label, _, rule in cands:
        if rule == "lower.name":
            span = doc.char_span(start, end, alignment_mode="expand")
            k = next((n for n, t in enumerate(span) if t.is_lower), None)
            if k is not None and len(span) - k >= 2:
                suffixes.add(text[span[k].idx:end])
    for m in _mentions(text, suffixes):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        before = doc[span.start - 1] if span.start > 0 else None
        if before is not None and (before.lower_ in rules.description_before
                                   or before.tag_ in rules.description_tags):
            continue
        if span.end < len(doc) and doc[span.end].lower_ == "of":
            continue
        out.append((m.start(), m.end(), "ORG", SHORT_FORM, "lower.short_form"))
    return out


_ACRONYM_DEF = re.compile(r"[ \t]?\([ \t]*([A-Z][A-Za-z&]{1,9})[ \t]*\)")
_REFERENCE_BEFORE = re.compile(r"\b[Tt]he[ \t]+([a-z]+)$")
# A short name defined in quotes after the full one: 'X Technology Co., Ltd. ("X Medical")'.
_ALIAS_DEF = re.compile(r"[ \t]?\([ \t]*(?:the[ \t]+)?[\"\u201c]([A-Z][\w&'\u2019-]*(?:[ \t][A-Z][\w&'\u2019-]*){0,3})[\"\u201d][ \t]*\)")


def _abbreviates(acronym: str, name: str) -> bool:
    """The acronym's letters appear in order in the name, starting with its first letter
    ("KVU" for Kelvin University, "SAHKU" for Second Affiliated Hospital of Kelvin University)."""
    letters, name = acronym.lower().replace("&", ""), name.lower()
    if not letters or not name.startswith(letters[0]):
        return False
    pos = 0
    for c in letters:
        pos = name.find(c, pos) + 1
        if not pos:
            return False
    return True


def acronyms(text: str, cands: list) -> list:
    """"Kelvin University (KVU)": the bracketed acronym and its every later use are ORG
    mentions of that name (normalize gives them its canonical)."""
    orgs = {end: start for start, end, label, *_ in cands if label == "ORG"}
    forms = set()
    for m in _ACRONYM_DEF.finditer(text):
        start = orgs.get(m.start())
        acr = m.group(1)
        if start is not None and sum(c.isupper() for c in acr) >= 2 and _abbreviates(acr, text[start:m.start()]):
            forms.add(acr)
    # "The alliance (HPMA)": the acronym of the last named body of that kind
    for m in _ACRONYM_DEF.finditer(text):
        ref = _REFERENCE_BEFORE.search(text, 0, m.start())
        acr = m.group(1)
        if ref is None or sum(c.isupper() for c in acr) < 2:
            continue
        noun = ref.group(1).lower()
        named = [text[s:e] for e, s in sorted(orgs.items()) if e <= ref.start()]
        if any(n.split()[-1].lower().rstrip("s") == noun.rstrip("s") and _abbreviates(acr, n) for n in named[-3:]):
            forms.add(acr)
    for m in _ALIAS_DEF.finditer(text):
        start = orgs.get(m.start())
        alias = m.group(1)
        if start is not None and (alias.split()[0] in text[start:m.start()].split()
                                  or _abbreviates(alias, text[start:m.start()])):
            forms.add(alias)
    return [(m.start(), m.end(), "ORG", SHORT_FORM, "acronym") for m in _mentions(text, forms)]


def company_short_names(doc: Doc, text: str, cands: list, rules: Rules, place_tokens: set[int]) -> list:
    """"Xiamen Tongan Medical Investment" after "Xiamen Tongan Medical Investment Co., Ltd.": a
    company is named again without its legal form and company head ("Co.", "Group"). The name
    left must still have a word of its own (not only places and generic words)."""
    forms: set[str] = set()
    for start, end, label, _, rule in cands:
        if label != "ORG" or rule != "name":
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        k = len(span)
        while k and (span[k - 1].text in (",", ".") or rules.legal_forms.match(", " + span[k - 1].text)
                     or span[k - 1].text in ("Ltd", "Ltd.", "Inc", "Inc.", "Limited")):
            k -= 1
        if k == len(span) and span[-1].text not in rules.company_heads:
            continue  # no legal form, no company head: not a company name
        while k and span[k - 1].text in rules.company_heads:
            k -= 1
        body = span[:k]
        if len(body) < 2 or body[-1].lower_ in CONNECTORS or body[-1].text in POSS or body[-1].text in rules.heads:
            continue  # "X Hospital Group": the hospital is a body of its own
        if any(t.i not in place_tokens and t.is_alpha and not _generic(t, rules) for t in body):
            forms.add(body.text)
    return [(m.start(), m.end(), "ORG", SHORT_FORM, "name.company_short") for m in _mentions(text, forms)]


def _opens_sentence(doc: Doc, i: int) -> bool:
    """Token i opens a block, a sentence or a quotation, where every word is capitalised."""
    k = i - 1
    while k >= 0 and (doc[k].is_quote or doc[k].text in ("(", "[")):
        k -= 1
    return k < 0 or doc[k].is_space or doc[k].text in (".", "!", "?", ":", ";") or doc[i].is_sent_start is True


def name_word_short_forms(doc: Doc, text: str, cands: list, rules: Rules, place_tokens: set[int],
                          place_words: set[str] = frozenset()) -> list:
    """"Kangning will send doctors" after "Beijing Kangning Hospital": the one word that tells a named
    body from others of its kind, used alone, is that body. Not where the word is used as a place
    anywhere in the text ("in Shenmu" beside "Shenmu Hospital", "Jinjiang Vice-mayor")."""
    words: set[str] = set()
    for start, end, label, _, rule in cands:
        if label != "ORG" or rule != "name":
            continue
        span = doc.char_span(start, end)
        if span is None:
            continue
        own = []
        for t in span:
            if t.lower_ in TAIL:
                break  # the "of" tail names another body
            if (t.is_title and t.is_alpha and t.i not in place_tokens and not _generic(t, rules)
                    and t.text not in rules.heads and t.lower_ not in rules.ordinals):
                own.append(t.text)
        if len(own) == 1 and own[0] not in place_words:
            words.add(own[0])
    if not words:
        return []
    # A word the text also writes in lowercase is a common noun ("acupuncture"): capitalised
    # only because it opens a sentence, a headline or a quote, it names no body there.
    common = {w for w in words if re.search(rf"(?<![\w-]){re.escape(w.lower())}(?![\w-])", text)}
    out, places = [], set()
    for m in _mentions(text, words):
        span = doc.char_span(m.start(), m.end())
        if span is None:
            continue
        if m.group(0) in common and _opens_sentence(doc, span.start):
            continue
        if span.start > 0 and doc[span.start - 1].lower_ in rules.locative_prepositions:
            places.add(m.group(0))
        if not _attributive(doc, span.end, rules):
            out.append((m.start(), m.end(), "ORG", SHORT_FORM, "name.word_short_form"))
    return [c for c in out if text[c[0]:c[1]] not in places]


def dateline_blockers(text: str, rules: Rules) -> list:
    """A news dateline ("XI'AN, Aug. 12 (Xinhua) --") gives the publication date and the
    source, not entities."""
    return [(m.start(), m.end(), None, PERSON_ROLE + 1, "dateline") for m in rules.dateline.finditer(text)]
