"""Small pure functions over the dependency parse: subjects, objects, phrases, sentence edges."""

import re
from collections.abc import Iterable

from spacy.tokens import Span, Token


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "dative"})
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom", "whose"})


# A date reached from the trigger only through another finite clause belongs to that clause.
# a DATE that is a span with an end ("from 2012 to 2016", "2012-2016", "until 2019")
_RANGE = re.compile(r"\b(?:to|until|till|through|and)\b|\d\s*[-\u2013]\s*\d")


FOREIGN_CLAUSE_DEPS = frozenset({"relcl", "ccomp", "conj", "acl", "advcl", "csubj", "parataxis"})


# Modality is inherited from the clauses a trigger is embedded in through these links.
MODALITY_UP_DEPS = frozenset({"xcomp", "advcl", "conj", "acl", "pcomp", "prep", "pobj", "dobj", "ccomp",
                              "nsubj", "nsubjpass", "attr", "appos", "compound", "amod", "relcl"})


# Days and months: times, never purposes (spelled out: calendar's names follow the locale).
CALENDAR_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april "
                           "may june july august september october november december".split())


def gerund(lemma: str, exceptions: dict[str, str]) -> str:
    """The -ing form of a verb, so "to build X" and "in building X" give the same purpose:
    build -> building, renovate -> renovating, set -> setting, tie -> tying; irregular
    doublings ("equip" -> "equipping") come from the lexicon."""
    lemma = lemma.lower()
    if lemma in exceptions:
        return exceptions[lemma]
    if lemma.endswith("ie"):
        return lemma[:-2] + "ying"
    if lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")) and len(lemma) > 2:
        return lemma[:-1] + "ing"
    if len(lemma) <= 4 and re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", lemma):
        return lemma + lemma[-1] + "ing"  # one-syllable consonant-vowel-consonant: set, plan
    return lemma + "ing"


def is_passive(v: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children):
        return True
    if v.tag_ == "VBN" and v.dep_ == "advcl" and any(c.dep_ == "agent" for c in v.children):
        return True  # "Led by X, the community ..."
    return v.tag_ == "VBN" and (v.dep_ == "acl" or (v.dep_ == "ROOT" and not any(
        c.dep_ in ("aux", "nsubj") for c in v.children)))


def subject_tokens(v: Token, depth: int = 0) -> list[Token]:
    """Who does v: its subject, or the subject it shares or is controlled by."""
    subs = []
    for c in v.children:
        if c.dep_ in SUBJECT_DEPS:
            if c.lower_ in RELATIVE_PRONOUNS and v.dep_ == "relcl":
                among = v.head.dep_ == "pobj" and v.head.head.lower_ == "among"
                # "X was founded in March 2013, which consists of ...": a date is no antecedent
                dated = v.head.dep_ == "pobj" and v.head.head.head.pos_ in ("VERB", "AUX") and _is_date_word(v.head)
                subs += subject_tokens(v.head.head.head, depth + 1) if among or dated else [v.head]
            else:
                subs.append(c)
    # "X, whose Y joined ...": the parser may give the verb both X and Y as subjects; Y it is
    whose = [c for c in subs if any(x.tag_ == "WP$" for x in c.children)]
    if whose:
        subs = whose
    if subs or depth > 4:
        return subs
    if v.dep_ in ("relcl", "acl"):
        if v.head.dep_ == "pobj" and v.head.head.lower_ == "among":  # "X was among N that joined"
            return subject_tokens(v.head.head.head, depth + 1) or [v.head]
        return [v.head]
    if v.dep_ in ("conj", "xcomp", "advcl", "acomp"):
        return subject_tokens(v.head, depth + 1)
    if v.dep_ == "pcomp" and v.head.dep_ == "prep":
        return subject_tokens(v.head.head, depth + 1)
    return []


def _is_date_word(t: Token) -> bool:
    """A month name or a year ("March", "2013") heading a time phrase."""
    return t.lower_ in CALENDAR_WORDS or (t.like_num and len(t.text) == 4 and t.text.startswith(("19", "20")))


def intending_subject(v: Token) -> list[Token]:
    """Who does v, where v is an infinitive on a noun ("X signed an agreement to acquire Y", "X
    announced a plan to invest"): the subject of the verb that noun is the object of."""
    if v.dep_ == "acl" and not any(c.dep_ in SUBJECT_DEPS for c in v.children) and has_child(v, ("to",), ("aux",)) \
            and v.head.dep_ in OBJECT_DEPS and v.head.head.pos_ in ("VERB", "AUX"):
        return subject_tokens(v.head.head)
    if v.dep_ == "acl" and not any(c.dep_ in SUBJECT_DEPS for c in v.children) and has_child(v, ("to",), ("aux",)) \
            and v.head.dep_ == "pobj" and v.head.head.lower_ == "into" and v.head.head.head.pos_ == "VERB":
        return subject_tokens(v.head.head.head)  # "X entered into an agreement to acquire Y"
    if v.dep_ == "xcomp" and not any(c.dep_ in SUBJECT_DEPS for c in v.children):
        objs = [c for c in v.head.children if c.dep_ == "dobj" and c.i < v.i]
        if objs:  # "Y entrusted X to manage Z": the object does it
            return objs
    return subject_tokens(v)


def agent_tokens(v: Token) -> list[Token]:
    return [g for c in v.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def actor_tokens(v: Token) -> list[Token]:
    """The doer of v: the passive agent, else the subject."""
    if is_passive(v):
        return agent_tokens(v)
    return subject_tokens(v)


def patient_tokens(v: Token) -> list[Token]:
    """What v is done to: the passive subject (or the noun a participle modifies), else objects."""
    if is_passive(v):
        subs = [v.head if c.lower_ in RELATIVE_PRONOUNS and v.dep_ == "relcl" else c
                for c in v.children if c.dep_ in ("nsubjpass", "nsubj")]
        if subs:
            return subs
        if v.dep_ in ("acl", "relcl"):
            return [v.head]
        if v.dep_ == "conj":
            return patient_tokens(v.head)
        if v.dep_ == "advcl" and v.i < v.head.i:  # "Led by X, the community ...": the main subject
            return subject_tokens(v.head)
        return []
    objs = [v.head if c.lower_ in RELATIVE_PRONOUNS and v.dep_ == "relcl" else c
            for c in v.children if c.dep_ in OBJECT_DEPS]
    if not objs and v.dep_ == "relcl" and v.head.pos_ in ("NOUN", "PROPN") and not any(
            c.lower_ in RELATIVE_PRONOUNS or c.dep_ in ("prep", "dative") and not list(c.children) for c in v.children):
        return [v.head]  # "an agreement the two sides signed": the noun is the object of its clause
    return objs


_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|percent|per cent)")


def _majority(t: Token, words: Iterable[str]) -> bool:
    """Whether the phrase headed by t ("a 70 percent stake", "controlling stakes", "100% of")
    is more than half: a majority word, or a percentage above 50."""
    words = set(words)
    phrase = [x for x in t.subtree if x.i <= t.i + 2]
    if any(x.lower_ in words for x in phrase):
        return True
    m = _PERCENT.search(" ".join(x.lower_ for x in phrase).replace(" %", "%"))
    return bool(m) and float(m.group(1)) > 50


SENTENCE_ENDS = frozenset('.!?"\')\u201d\u2019:;\u2026\u3002')


def _headline(sent: Span) -> bool:
    """A line with no sentence-ending mark: a headline or a caption, not a full sentence."""
    words = [t for t in sent if not t.is_space]
    return bool(words) and words[-1].text[-1] not in SENTENCE_ENDS


def cut_off_sentence(sents: list[Span]) -> int | None:
    """The last sentence when the page cut it off ("... including the University of Tokyo, the"):
    the guideline leaves an excerpt's cut-off last sentence out whole. None when the text ends
    a sentence, or is one sentence (a headline-like text is no excerpt)."""
    if len(sents) < 2:
        return None
    text = sents[-1].text.rstrip()
    return len(sents) - 1 if text and text[-1] not in SENTENCE_ENDS else None


def prep_objects(t: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of t's prepositions in `preps` ("transferred to X" -> X), pcomp included."""
    preps = set(preps)
    out = []
    for c in t.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            out += [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            # "directly under X" hangs an advmod before the preposition of the noun it modifies.
            out += [gg for g in c.children if g.dep_ == "prep" and g.lower_ in preps
                    for gg in g.children if gg.dep_ == "pobj"]
    return out


def has_child(t: Token, words: Iterable[str], deps: Iterable[str] | None = None) -> bool:
    words = set(words)
    return any(c.lower_ in words and (deps is None or c.dep_ in deps) for c in t.children)


def sentence_evidence(sent: Span) -> tuple[int, int]:
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    return start, sent.start_char + len(text.rstrip())


def _verb_phrase(v: Token, gerunds: dict[str, str], with_verbs: frozenset = frozenset(),
                 as_written: bool = False) -> str:
    """A purpose from a verb: its -ing form, particle and object ("to set up 20 clinics" ->
    "setting up 20 clinics"), the place phrases right after the object ("in Cangnan county"), and
    the coordinated verbs with their own objects ("building X, relocating Y and upgrading Z");
    adverbials of time are left out, and so is a relative clause on the object (", which is expected to open in 2023"). A verb in `with_verbs` keeps its "with"
    phrase ("equipping X with monitoring systems")."""
    verb = v.lower_ if as_written or v.tag_ == "VBG" or v.lower_.endswith("ing") else gerund(v.lemma_, gerunds)
    words = [verb] + [c.text for c in v.children if c.dep_ == "prt"]
    objs = [c for c in v.children if c.dep_ in ("dobj", "attr")]
    # a second "object" set off by a comma is a comment on the first (", most of them along ...")
    objs = objs[:1] + [o for o in objs[1:] if v.doc[o.left_edge.i - 1].text != ","]
    end = v.i + 1
    if objs:
        start = min(o.left_edge.i for o in objs)
        end = max(_phrase_end(o) for o in objs) + 1
        withs = [c for c in v.children if c.dep_ == "prep" and c.lower_ == "with" and c.i >= end]
        if v.lemma_.lower() in with_verbs and withs:
            end = max(end, _phrase_end(withs[0]) + 1)
        end = _place_end(v, end)
        words.append(v.doc[start:end].text)
    else:
        # "to help improve X" -> "helping improve X": a bare verb after the verb carries the object
        bare = [c for c in v.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB" and c.i > v.i
                and not has_child(c, ("to",), ("aux",))]
        # "to help China improve X" -> "helping China improve X": the bare verb's own subject kept
        subject = [c for c in bare[0].children if c.dep_ == "nsubj" and c.i < bare[0].i] if bare else []
        if bare and (bare[0].i == v.i + 1 or subject and subject[0].left_edge.i == v.i + 1
                     and subject[0].right_edge.i + 1 == bare[0].i):
            if subject:
                words.append(v.doc[v.i + 1:bare[0].i].text)
            words.append(_verb_phrase(bare[0], gerunds, with_verbs, as_written=True))
    for c in sorted(v.children, key=lambda c: c.i):
        # the parser may hang a list's middle item as an adverbial ("A, B, and C": B advcl, C conj of B)
        listed = c.dep_ == "advcl" and c.tag_ == "VBG" and any(x.dep_ == "conj" for x in c.children)
        if (c.dep_ == "conj" or listed) and c.pos_ == "VERB" and c.i >= end and any(
                x.dep_ in ("dobj", "attr") for x in c.children):
            # "relocating X, building Y, and establishing Z": the list's commas as written
            between = [t.lower_ for t in v.doc[end:c.i]]
            sep = "and"
            if between and all(t in (",", "and", "or") for t in between):
                sep = v.doc[end:c.i].text
            if sep.startswith(","):
                words[-1] += ","
                sep = sep[1:].strip()
            words += [sep] if sep else []
            words.append(_verb_phrase(c, gerunds, with_verbs))
            end = _phrase_end(c) + 1
    return " ".join(words)


# "throughout the province", "across the region" stay out, as the seed gold leaves them
PLACE_PREPOSITIONS = ("in", "on", "at", "around")


TIME_NOUNS = frozenset("year years month months week weeks day days period future time quarter decade "
                       "decades term past".split())


def _place_end(v: Token, end: int) -> int:
    """Where a verb's purpose ends once the place phrases right after its object are kept
    ("relocating an existing hospital in Cangnan county"); times ("in 2024", "in the next five
    years") and phrases set off by a comma are left out."""
    for c in sorted(v.children, key=lambda c: c.i):
        if c.i < end or c.dep_ != "prep":
            continue
        if c.i != end or not _is_place(c):
            break
        end = _phrase_end(c) + 1
    return end


def _is_place(prep: Token) -> bool:
    """"in Cangnan county", "on the island", "at the hospital"; not "in 2024", "in the next five
    years", "on Monday"."""
    objs = [o for o in prep.children if o.dep_ == "pobj"]
    return prep.lower_ in PLACE_PREPOSITIONS and bool(objs) and not (
        objs[0].like_num or objs[0].lower_ in CALENDAR_WORDS or objs[0].lower_ in TIME_NOUNS
        or objs[0].ent_type_ in ("DATE", "MONEY", "CARDINAL", "TIME"))


def _action_phrase(n: Token, actions: dict[str, str]) -> str | None:
    """"the construction of 50 new clinics on the island" -> "constructing 50 new clinics on the
    island": an action noun with its "of" object reads as the gerund the gold writes."""
    if n.lower_ not in actions:
        return None
    ofs = [c for c in n.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == n.i + 1]
    if not ofs or not any(o.dep_ == "pobj" for o in ofs[0].children):
        return None
    return actions[n.lower_] + " " + n.doc[ofs[0].i + 1:ofs[0].right_edge.i + 1].text


def _list_end(n: Token) -> int:
    """The last token of a list of noun phrases that n's phrase opens ("A, B and C"), read on
    the surface: each item follows ", " or "and" and is a noun phrase starting right there."""
    doc, end = n.doc, n.right_edge.i
    joined = False  # a list ends with "and": "A, a first step into B" is a comment, not a list
    while end + 2 < len(doc) and doc[end + 1].lower_ in (",", "and"):
        k = end + 2 + (doc[end + 2].lower_ == "and")
        item = next((t for t in doc[k:min(k + 6, len(doc))] if t.pos_ in ("NOUN", "PROPN") and t.left_edge.i == k
                     and t.dep_ in ("conj", "dobj", "appos", "pobj")), None)
        if item is None:
            break
        joined = joined or "and" in (doc[end + 1].lower_, doc[end + 2].lower_) or any(
            c.dep_ == "cc" and c.lower_ in ("and", "or") for c in item.children)  # "B and C" as one item
        end = _phrase_end(item)
    return end if joined else n.right_edge.i


def _phrase_end(t: Token) -> int:
    """The last token of t's phrase without a relative clause, or an apposition, participle or
    prepositional phrase after a comma (", including A, B and C"), or any other phrase set off by
    a comma except a list's next item (", most of them along the border")."""
    end = t.i
    for c in t.children:
        after_comma = c.left_edge.i - 1 > t.i and t.doc[c.left_edge.i - 1].text == ","
        if c.i > t.i and c.dep_ not in ("relcl", "appos", "punct") and not (
                c.dep_ in ("acl", "prep") and c.i - 1 >= 0 and t.doc[c.i - 1].text == ",") and not (
                after_comma and c.dep_ not in ("conj", "cc")):
            end = max(end, _phrase_end(c))
    return end


def _noun_phrase(n: Token) -> str:
    """A purpose from a noun with its modifiers, "of" or "for" phrase ("equipment for the center")
    and coordinated nouns ("new laboratories and a training center at the hospital"), a place phrase
    right after it ("three hospitals in the country"), with its
    article as the real-page gold keeps it ("a retirement community chain")."""
    start = n.left_edge.i
    end = n.i + 1
    for c in n.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "for") and c.i > n.i:
            end = max(end, c.right_edge.i + 1)
        if c.dep_ == "prep" and c.i == end and _is_place(c):  # "three hospitals in the country"
            end = _phrase_end(c) + 1
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN"):
            end = max(end, _phrase_end(c) + 1)
    # "nine projects dispersing X": a participle right after the noun says which ones
    acl = [c for c in n.children if c.dep_ == "acl" and c.tag_ == "VBG" and c.i == end]
    if acl:
        return n.doc[start:end].text + " " + _verb_phrase(acl[0], {})
    return n.doc[start:end].text
