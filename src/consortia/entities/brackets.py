"""What is part of an ORG's name and what names none: a bracketed qualifier inside or after a
company's or a hospital's name is part of it; a party body written by its kind alone, and a
common noun capitalised alone, a title given to bodies and a numbered congress (a session) name
none."""

import re

from .names import _head_of
from .rules import Rules

# " (Qingmu)", "(Group)": one short bracket right after a name, on its line
_QUALIFIER = re.compile(r"[ \t\u00a0]?\(([^()\n,;]{2,30})\)")
# the capitalised words that may carry the name on after the bracket ("(Lanbo) Medical Investments Limited")
_NAME_WORD = re.compile(r"[ \t\u00a0]+(?:[A-Z][\w'\u2019&.-]*|&|of|and)")


def _company(text: str, start: int, end: int, after: int, rules: Rules) -> bool:
    """A company's name without its legal form yet, or with one after the bracket: "(Group)"
    or "(Hong Kong)" qualifies it there; after "X Hospital" or "Y Limited" a country or a
    territory in brackets only says where it is."""
    words = text[start:end].split()
    return (rules.legal_suffix.match(text, after) is not None
            or not (words[-1] in rules.heads - rules.company_heads or rules.legal_suffix.search(text, start, end)))


def _open_bracket_end(text: str, start: int, end: int) -> int:
    """ "Lanbo Life Insurance (Overseas": a name found up to the word in its bracket, the bracket
    closing right after it, ends before the bracket opens; the bracket is then judged as after
    any name (else it is cut off whole later, word and all)."""
    i = text.rfind("(", start, end)
    if i > start and ")" not in text[i:end] and text[end:end + 1] == ")":
        return len(text[:i].rstrip(" \t\u00a0"))
    return end


def bracketed_names(ents: list[tuple[int, int, str, str]], text: str, rules: Rules,
                    places: frozenset) -> list[tuple[int, int, str, str]]:
    """"Xinghe Medical Center (Qingmu)", "Lanbo Pharmaceutical (Group)", "Lanbo Holdings (Cayman)
    Medical Technology Co., Ltd": a place of the gazetteer, or a word that qualifies a company
    (bracket_words), in brackets after a name belongs to it, and so do the name's words after
    the bracket up to a head or legal form, as the real pages' gold writes such names. An acronym in brackets
    ("Xinghe University (XU)") is another mention, not part of the name. The place in the
    bracket is then no GPE, and an ORG found after it inside the name none of its own."""
    out: list[tuple[int, int, str, str]] = []
    n = 0
    while n < len(ents):
        start, end, label, rule = ents[n]
        base = _open_bracket_end(text, start, end) if label == "ORG" else end
        m = _QUALIFIER.match(text, base) if label == "ORG" else None
        word = m.group(1).strip() if m else ""
        if not (m and (word in places or word in rules.bracket_groups
                       or (word in rules.bracket_words and _company(text, start, base, m.end(), rules)))):
            out.append(ents[n])
            n += 1
            continue
        new_end = m.end()
        suffix = rules.legal_suffix.match(text, new_end)
        if suffix:
            new_end = suffix.end()
        else:  # words up to a legal form, or up to a head noun when the name before had none
            headed = text[start:base].split()[-1] in rules.heads
            pos, words = new_end, []
            while (w := _NAME_WORD.match(text, pos)):
                pos = w.end()
                words.append(text[w.start():pos].strip())
                if (s := rules.legal_suffix.match(text, pos)):
                    new_end = s.end()
                    break
                if not headed and (words[-1] in rules.heads or _head_of(words) in rules.heads):
                    new_end = pos
        if new_end > m.end() and text[new_end - 1] == ",":
            new_end -= 1
        n += 1
        while n < len(ents) and ents[n][0] < new_end:
            new_end = max(new_end, ents[n][1]) if ents[n][2] == "ORG" else new_end
            n += 1
        out.append((start, new_end, "ORG", rule))
    return out


def unnamed_body(name: str, rules: Rules) -> bool:
    """ "the Party Committee", "the Party Leadership Group": a party or governing body by its kind
    alone, with no name of whose it is (as "the hospital" is none)."""
    return " ".join(name.split()) in rules.unnamed_bodies


_ONE_WORD = re.compile(r"[A-Z][a-z]+")


def lowercase_words(text: str) -> frozenset:
    """The words a text writes in lowercase, outside web and mail addresses ("lanbo.edu"), read
    once per document so that `common_noun` costs no scan of the text per name."""
    return frozenset(_LOWER_WORD.findall(text))


_LOWER_WORD = re.compile(r"(?<![\w./@-])[a-z]+(?![\w/@-]|\.\w)")


def common_noun(text: str, start: int, end: int, rules: Rules, lowercase: frozenset) -> bool:
    """ "Trauma", "Data", "Ceremony" taken alone for a body (a name's word used alone, a heading)
    where the same text writes the word in lowercase too (`lowercase`: lowercase_words(text)): a
    common noun, no name. A head noun alone ("the Hospital" for the page's own hospital) is left
    to the rules that judge short forms."""
    word = text[start:end]
    if not _ONE_WORD.fullmatch(word) or word in rules.heads:
        return False
    return word.lower() in lowercase


def honorific_title(name: str, rules: Rules) -> bool:
    """ "National Top Hospital for Quality Care", "Advanced Group of Lanbo Health System": a title a
    body was given (honour_words), made of scope, generic and head words alone before its tail;
    "Best Lanbo Medical Group" has a word of its own, so it is a name."""
    words = re.split(r"[ \t\u00a0]+(?:of|for)[ \t\u00a0]", name, maxsplit=1)[0].split()
    plain = rules.generic | rules.ordinals | {w.lower() for w in rules.scope}
    return (any(w in rules.honour_words for w in words)
            and all(w in rules.honour_words or w.lower() in plain for w in words))


def designated_kind(name: str, rules: Rules) -> bool:
    """ "National Regional Medical Center", "State Key Laboratory": a kind of unit a ministry
    designates, with scope words alone before it, is a title a body holds; a field or a place of
    its own ("State Key Laboratory of Marine Toxins", "Lanbo National Regional Medical Center") names one."""
    words = name.replace("\u2019", "'").split()
    n = 0
    while n < len(words) and words[n] in rules.scope:
        n += 1
    return n > 0 and " ".join(words[n:]) in rules.designation_kinds


_SESSION_NUMBER = re.compile(r"(?<![\w-])(?:\d+(?:st|nd|rd|th)|[A-Za-z]+(?:teenth|tieth)|[A-Za-z]+)[ \t\u00a0]+\Z")


def congress_session(text: str, start: int, end: int, rules: Rules) -> bool:
    """ "the 19th Lanbo National Congress", "the 13th Lanbo LBU Congress": a party congress with its
    number is one session of it, an event. A people's congress is a standing body whatever term
    its number names ("deputy to the 13th Qingmu People's Congress")."""
    m = _SESSION_NUMBER.search(text, max(0, start - 20), start)
    word = m.group().split()[0] if m else ""
    words = text[start:end].replace("\u2019", "'").split()
    return (words[-1] == "Congress" and m is not None and words[-2:-1] != ["People's"]
            and (word[:1].isdigit() or word.lower() in rules.ordinals or word.endswith(("teenth", "tieth"))))
