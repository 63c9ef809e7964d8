"""relations stage: the nine relation types of docs/annotation.md, read from sentence structure.

Input: `state(doc)["entities"]` (clean offsets, with `canonical`) and the spaCy parse. Output:
`state(doc)["relations"]`, one dict per fact (see stagedata.py), deduplicated per document.

How a fact is found (each family is one small function; its name is the `rule` of the relation):
- Trigger words (pipelines/relations/lexicon.json) are found once per document by hash lookup
  over the token arrays (TriggerIndex, built once): verbs (cooperate, form, join, lead,
  transfer, affiliate, invest, ...) and predicate nouns (member, lead unit, affiliated hospital,
  branch, part, investment, ...).
- Their arguments come from the dependency parse: subjects (inherited through conj/xcomp/advcl,
  relative clauses and participles), objects, passive agents, prepositional objects. An argument
  token is mapped to an entity *group*: entities coordinated on the surface ("A, B and C",
  "A and B, C and D") form one group, since the small model often attaches coordinated names
  oddly inside the group while attaching the group as a whole correctly.
- Short references ("the two hospitals", "both sides", "the alliance", "the Cancer Hospital")
  are groups too, resolved to entities named before them in the same or previous paragraph.
- Relations carried by names ("X Hospital Y Branch", "Affiliated Hospital of Y University",
  "General Office of Y", "Cancer Hospital <Academy>") come from the structure of the name.
- holds_position is read from a compact string of the sentence's units (P person, O org,
  R role phrase, a few function words) with the patterns in the lexicon.
Each candidate gets a modality (asserted / planned / negated; hedged statements such as "may
sign" or "discussed plans to" are dropped), the ISO date of a DATE attached to its clause, and
the confidence measured for its rule on the development set (pipelines/relations/
confidence.json, written by benchmarks/calibrate_relations.py).
"""

import bisect
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from spacy.attrs import IS_SPACE, LEMMA, LOWER, SENT_START, SPACY, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .errors import ConfigError
from .names import ascii_quotes, fold
from .post_lists import honorific_gap, title_chain
from .relation_model.roles import post_ended, posts_at_governed
from .relation_model.scoring import RelationModel, merge
from .stagedata import guarded, state

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
ORG_LABELS = frozenset({"ORG"})
INVESTOR_LABELS = frozenset({"ORG", "GPE"})
SYMBOL = {"PERSON": "P", "ORG": "O", "GPE": "G", "DATE": "D", "MONEY": "M"}
# How far back a reference looks, so that a document's cost grows with its length and not with
# its square (a page with no line breaks is one paragraph; a 760 KB one took 16 minutes):
# "the same or previous paragraph" is also at most this many sentences back, and "the body
# mentioned most" counts at most this many mentions of its kind before the reference. News
# paragraphs are far shorter and articles name a kind far fewer times, so neither bites there.
REFERENCE_WINDOW_SENTENCES = 40
REFERENCE_WINDOW_MENTIONS = 400

Family = Literal["cooperate", "form", "join", "lead", "take_lead", "transfer", "manage", "affiliate", "subordinate",
                 "invest", "gather", "acquire"]
NounFamily = Literal["partner", "partner_modifiers", "partner_role", "form", "member", "lead", "leadership",
                     "transfer", "affiliation", "branch", "part", "invest", "acquire", "owner"]


# --------------------------------------------------------------------------------------------
# The lexicon: validated once at start-up.

class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NameWords(_Strict):
    org_heads: list[str]
    hospital_heads: list[str]
    academic_heads: list[str]
    subunit_heads: list[str]
    parent_heads: list[str]
    juxtaposed_parent_heads: list[str]
    # "School of Public Administration": a part headed by these names a field, not a body, unless
    # it carries a level word ("State Administration of X", "Municipal Administration of Hospitals")
    field_heads: list[str] = []
    field_level_words: list[str] = []
    # "Institute of X, Y University": the units a university's name follows after a comma
    academic_unit_heads: list[str] = []
    # "Party Committee of X": a party body "of X" is no ORG of its own (docs/annotation.md)
    party_words: list[str] = []
    field_acronyms: list[str] = []  # "College of TCM": an acronym of a field, not of a body
    hospital_words: list[str] = []  # "Y University Cancer Center": a centre that is a hospital
    collective_heads: list[str]
    branch_words: list[str]
    branch_tails: list[str]
    affiliated_words: list[str]
    management_nouns: list[str]
    admin_nouns: list[str]


class ReferenceWords(_Strict):
    pair_determiners: list[str]
    pair_nouns: dict[str, str]
    singular_nouns: dict[str, str]
    level_words: dict[str, str]
    level_name_words: dict[str, list[str]]  # "the county hospital": the words a name uses for that level
    new_words: list[str]  # "the new center" must bear that head noun
    countries: list[str]
    possessive_pronouns: list[str]


class RoleWords(_Strict):
    heads: list[str]
    compound_heads: list[str]  # two-word titles whose last word is no title alone ("head nurse")
    modifiers: list[str]
    not_current: list[str]
    # titles of posts that are no role head for the rules ("member", "academician"): the nouns
    # corpus/train's gold roles end in, read by the learned side's role (relation_model/roles.py)
    post_nouns: list[str] = []
    # bodies that govern another ("Party Committee of X"): the post is at X, the body in the role
    governing_bodies: list[str] = []
    ending_verbs: list[str] = []  # lemmas of verbs that end a post ("removed from office"): a former post
    # titles of posts held in a place ("mayor", "vice governor"), no post at a body the list names
    place_titles: list[str] = []


class ModalityWords(_Strict):
    planned_aux: list[str]
    planned_governors: list[str]
    planned_nouns: list[str]
    negation_words: list[str]
    negating_governors: list[str]
    hedging_governors: list[str]
    hedging_words: list[str]
    hedging_nouns: list[str]


class PositionPattern(_Strict):
    """A holds_position pattern over a sentence's unit string (P person, O organisation,
    R role phrase (a former one too: its role says so), w any other word; listed function words as written)."""

    name: str
    regex: str
    dated: bool  # the sentence's date is the date of this fact ("was appointed ... in 2020")
    role: str | None = None  # the role a verb states ("who heads X": "head"), for the `role` group's word

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            groups = re.compile(value).groupindex
        except re.error as err:
            raise ValueError(f"not a regular expression: {err}") from err
        if not {"person", "role"} <= set(groups):
            raise ValueError("needs the named groups person and role (and org unless elided)")
        return value


class Prepositions(_Strict):
    transfer_target: list[str]
    join_target: list[str]
    affiliate_target: list[str]
    part_target: list[str]
    purpose: list[str]
    list_openers: list[str]  # "N hospitals, including A and B": A and B are the argument too
    partner_manner: list[str] = []  # "in collaboration with Y", "through the tie-up with Y"


class Lexicon(_Strict):
    about: str = Field(alias="_about")
    names: NameWords
    triggers: dict[Family, list[str]]
    nouns: dict[NounFamily, list[str]]
    prepositions: Prepositions
    founding_verbs: list[str]
    references: ReferenceWords
    roles: RoleWords
    modality: ModalityWords
    position_patterns: list[PositionPattern]
    position_words: list[str]
    gerunds: dict[str, str]
    absorbing_verbs: list[str]
    title_nouns: list[str]
    gift_verbs: list[str]  # an investment only when they fund something ("donated X to buy a scanner")
    paying_verbs: list[str]  # an investment only when paid "for" something (not "paid X in fines")
    purpose_with_verbs: list[str]  # "equipping X with Y": the "with" phrase belongs to the purpose
    granting_verbs: list[str]
    own_time_words: list[str]  # "... in 2016 and now serves as ...": a conjunct with its own time
    speech_verbs: list[str]  # "NAME said the commission ...": the reference is the speaker's body
    selling_verbs: list[str] = []  # of the `acquire` triggers, those whose buyer follows "to" ("sell X to Y")
    stake_nouns: list[str] = []  # "a 70 percent stake in X": what is bought is a share of X
    majority_words: list[str] = []  # "a controlling stake": a share that hands X over
    # "X, a division of Y Group": a part of a company, never a member of an alliance
    corporate_part_nouns: list[str] = []
    # "in the construction of X" -> "constructing X": an action noun read as its gerund
    action_nouns: dict[str, str] = {}
    # "in order to", "in addition", "in return for": set phrases, not what money is for
    not_purpose_nouns: list[str] = []
    # "X has / secured a total investment of N": the subject receives the money, it is no investor
    receiving_verbs: list[str] = []
    # of the gift verbs, those that state an organisation's donation: invested when given "to" a body
    donating_verbs: list[str] = []
    # "X's revenue reached N", "X was fined N": words over an amount that make it no investment
    not_investment_words: list[str] = []
    # "the investment will be used to build X": verbs whose subject money has their purpose
    spending_verbs: list[str] = []
    # "X is under the management of Y": the nouns after a copula's "under" that hand X over
    under_nouns: list[str] = []
    # "the vice-chairman unit of X": a deputy of the lead unit is a member, not the leader
    deputy_words: list[str] = []
    # "A initiated / participated in the establishment of X": verbs that make their subject a founder
    founder_verbs: list[str] = []
    # "join the X network": lowercase nouns after a name that make it a collective
    collective_nouns: list[str] = []
    # "The X Alliance, composed of A and B": passive `gather` verbs whose "of" phrase lists members
    composed_verbs: list[str] = []


def load_lexicon(path: str | Path) -> Lexicon:
    try:
        return Lexicon.model_validate(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, ValidationError) as err:
        raise ConfigError(f"relations lexicon {path}: {err}") from err


def load_confidence(path: str | Path | None) -> dict:
    """{"default": float, "rules": {rule: {"confidence": float, ...}}}; absent file: defaults."""
    if path is None or not Path(path).is_file():
        return {"default": 0.5, "rules": {}}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        rules = {k: float(v["confidence"]) for k, v in data["rules"].items()}
        if not all(0.0 <= v <= 1.0 for v in rules.values()):
            raise ValueError("confidences must lie in 0..1")
        return {"default": float(data.get("default", 0.5)), "rules": rules}
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise ConfigError(f"relations confidence file {path}: {err}") from err


# --------------------------------------------------------------------------------------------
# Names: the structure of an institution's name says what it belongs to.

def name_head(name: str) -> str:
    """The head noun of a name: the last word before the first " of ", else the last word
    ("Affiliated Hospital of Qingdao University" and "Xuzhou Central Hospital" -> "Hospital"), but
    a hospital named after a university's full name is a hospital."""
    parts = re.split(r"\s+of\s+", name, maxsplit=1)
    words = parts[0].replace(",", " ").split()
    tail = parts[1].replace(",", " ").split() if len(parts) > 1 else []
    # "Eastern University of Science and Technology Affiliated Hospital": a university's full
    # name, then the hospital it names
    if words and words[-1] in ("University", "College", "Academy") and len(tail) >= 2 and tail[-1] in (
            "Hospital", "Clinic", "Infirmary"):
        return tail[-1]
    return words[-1] if words else ""


_OF = re.compile(r"\s+of\s+(?:the\s+)?")
# Where a name may join two names: a space (", " too), or a hyphen between capitalised words
# ("University of Hong Kong-Shenzhen Hospital").
_GAP = re.compile(r",?\s+|(?<=[a-z])-(?=[A-Z])")


def _acronym(name: str) -> bool:
    """ "GMU", "SUSTech", "U-M": one word, capitals at least half its letters and three letters or
    more (a two-letter one is mostly a country: "UK", "US")."""
    caps = sum(c.isupper() for c in name)
    return (len(name) >= 3 and bool(re.fullmatch(r"[A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)?", name))
            and caps >= max(2, sum(c.islower() for c in name)))


def _academic_acronym(name: str) -> bool:
    """An acronym that names a university ("SYSU", "HKU", "SUSTech", "U-M"): it spells the U; two
    joined ("SAHZU-UCLA") name a joint body."""
    return _acronym(name) and "U" in name and ("-" not in name or len(name) <= 4)


def _strip_the(name: str) -> str:
    return re.sub(r"^(?:the|The|THE)\s+", "", name.strip(" ,"))


def _named_unit(name: str, head: str, unit_heads: Iterable[str], hospital_heads: Iterable[str]) -> bool:
    """ "Medical School", "Nuffield Department of Orthopedics": one to three capitalised words,
    then a unit's head noun that is no hospital's (a university's "X Hospital" is affiliated)."""
    words = name.split(" of ")[0].split()
    return (head in unit_heads and head not in hospital_heads and 2 <= len(words) <= 4
            and words[-1] == head and all(x[:1].isupper() for x in words[:-1]))


class NameRules:
    """Relations carried by a name, as patterns over the lexicon's name words, compiled once."""

    def __init__(self, words: NameWords):
        self.words = words
        self.org_heads = frozenset(words.org_heads)
        branch = "|".join(map(re.escape, words.branch_words))
        tails = "|".join(map(re.escape, words.branch_tails))
        heads = "|".join(map(re.escape, words.org_heads))
        affiliated = "|".join(map(re.escape, words.affiliated_words))
        academic = "|".join(map(re.escape, words.academic_heads))
        self._patterns = [
            # "X Hospital <Place> Branch [Hospital]" and "X Hospital (<Place> Branch)".
            ("branch_of", re.compile(rf"^(?P<parent>.+?\b(?:{heads}))\s*[,(]?\s*(?:[A-Z][\w'.-]*\s+){{1,3}}"
                                     rf"(?:{branch})(?:\s+(?:{tails}))?\)?$")),
            # "X Hospital <Place> Hospital", "X Hospital of Y University <Place> Hospital": a
            # hospital's hospital elsewhere is its branch
            ("branch_of", re.compile(rf"^(?P<parent>.+?\bHospital)\s+(?:(?!(?:{affiliated})\b)[A-Z][\w'.-]*\s+){{1,3}}"
                                     r"Hospital$")),
            ("branch_of", re.compile(rf"^(?P<parent>(?:[\w-]+\s+)?(?:{affiliated})\s+Hospital\s+of\s+(?:the\s+)?.+?"
                                     rf"\b(?:{academic}))\s+(?:(?!(?:{affiliated})\b)[A-Z][\w'.-]*\s+){{1,3}}Hospital$")),
            # "<Place> Branch [Hospital] of X".
            ("branch_of", re.compile(rf"^(?:[A-Z][\w'.-]*\s+){{1,3}}(?:{branch})(?:\s+(?:{tails}))?\s+of\s+"
                                     rf"(?:the\s+)?(?P<parent>.+)$")),
            # "[First] Affiliated [Cancer] Hospital of Y".
            ("affiliated_with", re.compile(rf"^(?:[\w-]+\s+)?(?:{affiliated})\b.*?\s+of\s+(?:the\s+)?(?P<parent>.+)$")),
            # "Y University [First] Affiliated Hospital".
            ("affiliated_with", re.compile(rf"^(?P<parent>.+?\b(?:{academic}))(?:'s)?\s+(?:[\w-]+\s+)?(?:{affiliated})\b")),
        ]

    def org_like(self, name: str) -> bool:
        return bool(name) and name[0].isupper() and name_head(name) in self.org_heads

    def _parent_like(self, name: str) -> bool:
        """A name that can stand for a whole body: one with an organisation's head noun of more
        than one word ("Hospital" alone is a reference), or an acronym ("Office of GMU")."""
        return _acronym(name) or (self.org_like(name) and len(name.split()) >= 2)

    def _field(self, name: str) -> bool:
        """ "Medical Administration" in "Bureau of Medical Administration": a field of work, not a
        body; "State Administration of X" and "Municipal Administration of Hospitals" are bodies."""
        words = name.split(" of ")[0].split()
        return bool(words) and words[-1] in self.words.field_heads and not any(
            x in self.words.field_level_words for x in words)

    def _party_body(self, unit: str) -> bool:
        """ "Party Committee", "CPC Working Committee": a party body named only by what it is of."""
        words = unit.split()
        return any(x in ("Party", "CPC", "Communist") for x in words) and all(
            x in self.words.party_words for x in words)

    def relations(self, name: str) -> list[tuple[str, str, str]]:
        """(type, parent name, rule) for the relations a name states about itself, e.g.
        "Ningbo Eye Hospital Cixi Branch" -> [("branch_of", "Ningbo Eye Hospital", "branch_of.name")]."""
        w = self.words
        name = _strip_the(ascii_quotes(" ".join(name.split())))
        if not any(h in name for h in self.org_heads):
            return []
        unit, of, body = name.partition(" of ")
        if of and self._party_body(unit) and self.category(_strip_the(body)) in ("academic", "hospital"):
            # "Party Committee of X University": the post is at X (docs/annotation.md: only
            # "CPC X University Committee" names a committee of its own); a commission's party
            # committee is a unit of it, as the seeds have it
            return []
        for typ, rx in self._patterns:
            m = rx.match(name)
            if m and (self.org_like(m["parent"]) or _acronym(m["parent"])):
                if typ == "branch_of" and re.search(r"\bParty\s+Branch\b", name):
                    typ = "part_of"  # "Party Branch of X" is a party unit, not a branch
                return [(typ, m["parent"], f"{typ}.name")]
        # "X Hospital Affiliated to Y University": affiliated to a university or college, else
        # part of the body (docs/annotation.md)
        m = re.fullmatch(r"(?P<child>.+?)\s+[Aa]ffiliated\s+(?:to|with|of)\s+(?:the\s+)?(?P<parent>.+)", name)
        if m and name_head(m["child"]) in w.hospital_heads and self._parent_like(m["parent"]):
            academic = self.category(m["parent"]) == "academic" or _academic_acronym(m["parent"])
            typ = "affiliated_with" if academic else "part_of"
            return [(typ, m["parent"], f"{typ}.name_affiliated_to")]
        # "Y University's X College": the possessive is the whole ("People's" and "Children's"
        # are no bodies, so they go on as one name)
        owner, poss, unit = name.partition("'s ")
        if poss and (_acronym(owner) or (owner.split()[-1] in self.org_heads and self._parent_like(owner))):
            typ = self._unit_type(unit, owner)
            return [(typ, owner, f"{typ}.name_possessive")] if typ else []
        # "CPC X University Committee": a party committee with its own full name is part of X
        m = re.fullmatch(r"(?:CPC|Communist Party of China)\s+(?P<parent>.+?)\s+Committee", name)
        if m and (_academic_acronym(m["parent"]) or (
                self.category(m["parent"]) == "academic" and self._parent_like(m["parent"]))):
            return [("part_of", m["parent"], "part_of.name_party")]
        # "<Unit> of <Parent>": the first " of " whose right side is a whole organisation, so the
        # parent of "A of B of C" is "B of C" ("Department of Surgery of X Hospital of Y University"
        # -> X Hospital of Y University); a field ("Department of Medical Administration of the X
        # Commission") is skipped. A right side with a comma is a whole only in its comma form.
        for m in _OF.finditer(name):
            left, right = name[:m.start()], name[m.end():]
            if self._field(right) or ("," in right and not self._comma_name(right)):
                continue
            owner = re.match(r"([\w-]+)'s\s+", right)
            if owner and _acronym(owner[1]):
                right = right[owner.end():]  # "Xinghe Hospital of PLA's Air Force Medical University"
            elif owner:
                continue  # "School of Medicine's Organization Department": the "of" is inside the possessor
            typ = self._unit_type(left, right)
            if typ:
                return [(typ, right, f"{typ}.name")]
        # "<Unit> [,] <Academy ...>" and "<University> <Descriptor> Hospital".
        for m in _GAP.finditer(name):
            left, right = name[:m.start()], name[m.end():]
            if re.match(r"[A-Z][\w']*-[A-Z]", right):
                continue  # "Kong-Shenzhen Hospital": the left name goes on across the hyphen
            if left.split()[-1].lower() in ("and", "of", "for", "&", "the"):
                continue  # "University of Science and | Technology Hospital": the left name goes on
            left = re.sub(r"'s$", "", left)  # "School of Medicine's Organization Department"
            lh, rh = name_head(left), name_head(right)
            # a university's whole name, or its acronym ("SJTU School of Medicine")
            academic = (lh in w.academic_heads and len(left.split()) >= 2) or _academic_acronym(left)
            if (lh in w.subunit_heads and rh in w.juxtaposed_parent_heads and self.org_like(right)
                    and len(left.split()) >= 2):
                return [("part_of", right, "part_of.name_juxtaposed")]
            # a bare "<University> Hospital" only after a university's full "of" name ("Y University of
            # Science and Technology Hospital"): "Karolinska University Hospital" names no university
            if (academic and rh in w.hospital_heads and (len(right.split()) >= 2 or " of " in left)
                    and " of " not in right and right[0].isupper()):
                if rh in ("Center", "Centre") and not set(right.split()) & set(w.affiliated_words + w.hospital_words):
                    # "Y University Health Science Center": a centre of the university is one of its
                    # units; a cancer or medical centre is a hospital, affiliated
                    return [("part_of", left, "part_of.name_academic_unit")]
                return [("affiliated_with", left, "affiliated_with.name_prefix")]
            # "Second Affiliated Hospital Y University School of Medicine": an affiliated hospital
            # named before the whole name of its school or university
            if (lh in w.hospital_heads and any(x in w.affiliated_words for x in left.split())
                    and rh in w.academic_heads and self.org_like(right) and len(right.split()) >= 2):
                return [("affiliated_with", right, "affiliated_with.name_juxtaposed")]
            # "Y University School of Medicine": a school of the university
            if academic and right.split()[0] == rh and rh in w.subunit_heads and " of " in right:
                return [("part_of", left, "part_of.name_academic_unit")]
            # "Y University Medical School", "University of Y Nuffield Department of Z": a unit
            # named by up to three capitalised words after its university's whole name
            if (academic and (self.org_like(left) or _acronym(left)) and rh not in w.branch_words
                    and _named_unit(right, rh, w.subunit_heads, w.hospital_heads)):
                return [("part_of", left, "part_of.name_academic_unit")]
            # "Institute of X, Y University": the comma form of "Institute of X of Y University"
            typ = self._comma_name(name) if m.group().startswith(",") else None
            if typ:
                return [(typ, right, f"{typ}.name_comma")]
        return []

    def _unit_type(self, left: str, right: str) -> str | None:
        w = self.words
        if not left or not self._parent_like(right):
            return None
        child = name_head(left)
        if _acronym(right):  # "Office of GMU", "Zhongnan Hospital of WHU"; "College of TCM" names a field
            if right in w.field_acronyms:
                return None
            if child in w.hospital_heads:
                return "affiliated_with" if _academic_acronym(right) and child != "Center" else None
            return "part_of" if child in w.subunit_heads else None
        parent = name_head(right.split(",")[0])  # "X Hospital, Y University" is headed Hospital
        if child in w.hospital_heads and parent in w.academic_heads:
            return "affiliated_with"
        if child == parent and child in w.hospital_heads:
            return "branch_of"  # "X Hospital of Y Hospital", "X Center of Y Center": a body of its own kind's
        if child in w.branch_words:
            return "branch_of"  # "Branch of X Hospital"
        if child in w.subunit_heads and parent in w.parent_heads:
            return "part_of"
        return None

    def _comma_name(self, name: str) -> str | None:
        """The relation of a name written with a comma ("Institute of X, Y University", "X
        Hospital, Y University"): that of "<left> of <right>"; None when it is no such name."""
        left, sep, right = name.partition(", ")
        if not sep or "," in right or len(left.split()) < 2 or self._field(right):
            return None
        return self._unit_type(left, right)

    def category(self, name: str) -> str:
        """hospital / academic / collective / the head word itself, for resolving references."""
        head = name_head(name)
        if head in self.words.collective_heads:
            return "collective"
        if head in self.words.academic_heads:
            return "academic"
        if head in self.words.hospital_heads:
            return "hospital"
        return head


# --------------------------------------------------------------------------------------------
# Small pure helpers over tokens.

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
                subs += subject_tokens(v.head.head.head, depth + 1) if among else [v.head]
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


def intending_subject(v: Token) -> list[Token]:
    """Who does v, where v is an infinitive on a noun ("X signed an agreement to acquire Y", "X
    announced a plan to invest"): the subject of the verb that noun is the object of."""
    if v.dep_ == "acl" and not any(c.dep_ in SUBJECT_DEPS for c in v.children) and has_child(v, ("to",), ("aux",)) \
            and v.head.dep_ in OBJECT_DEPS and v.head.head.pos_ in ("VERB", "AUX"):
        return subject_tokens(v.head.head)
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


# words that may stand between an amount and the same amount in another currency: "(about $2 million)"
_RESTATING = frozenset({"(", "about", "approximately", "around", "nearly", "roughly", "some", "or", "over", "almost"})


def first_currency(view: "DocView") -> dict[int, int]:
    """MONEY entity -> the amount written first when it restates that amount in another currency:
    "70 billion yuan ($10 billion)", and a headline's "$10 billion" elsewhere, give one investment,
    to the yuan (docs/annotation.md: one amount in two currencies is one relation, to the first)."""
    money = [k for k, e in enumerate(view.ents) if e["label"] == "MONEY" and e.get("amount") is not None
             and view.ent_tok[k] is not None]
    firsts: dict[tuple, int] = {}
    for a, b in zip(money, money[1:]):
        between = view.doc[view.ent_tok[a][1]:view.ent_tok[b][0]]
        ea, eb = view.ents[a], view.ents[b]
        if len(between) and between[0].text == "(" and all(t.lower_ in _RESTATING for t in between) \
                and ea.get("currency") != eb.get("currency"):
            firsts.setdefault((eb["amount"], eb.get("currency")), a)
    out = {}
    for k in money:
        first = firsts.get((view.ents[k]["amount"], view.ents[k].get("currency")))
        if first is not None and first != k:
            out[k] = first
    return out


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


# --------------------------------------------------------------------------------------------
# One document's view: entities on tokens, surface groups, references.

@dataclass
class Group:
    """Entities coordinated on the surface ("A, B and C"), or a resolved reference."""

    members: tuple[int, ...]
    start: int  # token span
    end: int
    subgroups: tuple[tuple[int, ...], ...] = ()  # "A and B, C and D": ((A, B), (C, D))
    negated: bool = False  # "neither A nor B"
    uncertain: bool = False  # "A or B": nothing stated about either for sure
    hub: int | None = None  # "X and A, B and C": X, one side facing a list
    via: int | None = None  # for a reference: the sentence its antecedents were found in
    far: bool = False  # resolved beyond the window, to the document's main body of that kind

    @property
    def is_reference(self) -> bool:
        return self.via is not None


@dataclass
class Candidate:
    type: str
    head: dict
    tail: dict
    rule: str
    sent: int
    anchor: Token | None
    role: str | None = None
    purpose: str | None = None
    modality: str = "asserted"
    date: str | None = None
    first_sent: int | None = None  # evidence starts at this sentence when a reference reached back


@dataclass
class DocView:
    doc: Doc
    ents: list[dict]
    tok_ent: list[int]
    ent_tok: list[tuple[int, int] | None]
    sents: list[Span]
    sent_of_tok: list[int]
    para_of_sent: list[int]
    ents_in_sent: list[list[int]]  # entity indices per sentence, in text order
    by_name: dict[tuple[str, str], int]  # (label, folded canonical or text) -> first entity
    groups: dict[int, Group] = field(default_factory=dict)  # token index -> group
    resolve: Callable[[Token], Group | None] | None = None  # references, asked for lazily
    posts: dict[str, dict[str, int]] = field(default_factory=dict)  # folded person -> folded body -> its first entity
    _resolved: dict[int, Group | None] = field(default_factory=dict)
    # Indexes built once per document and kind of question, so a reference costs what its
    # window holds, not the whole document: mentions of a kind by position, quote counts, ...
    _memo: dict = field(default_factory=dict)

    def window(self, s0: int) -> Iterator[int]:
        """Sentences s0, s0-1, ... back to the start of the previous paragraph, at most
        REFERENCE_WINDOW_SENTENCES of them: where a reference finds what it stands for."""
        first_para = self.para_of_sent[s0] - 1
        for s in range(s0, max(s0 - REFERENCE_WINDOW_SENTENCES, -1), -1):
            if self.para_of_sent[s] < first_para:
                return
            yield s

    def memo(self, key, build: Callable[[], object]):
        """A value computed once per document for `key`."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def group_at(self, t: Token | None) -> Group | None:
        """The entity group a token belongs to, or the reference it heads."""
        if t is None:
            return None
        g = self.groups.get(t.i)
        if g is None and self.resolve is not None:
            if t.i not in self._resolved:
                self._resolved[t.i] = self.resolve(t)
            g = self._resolved[t.i]
        return g

    def end(self, e: int) -> dict:
        ent = self.ents[e]
        return {"entity": e, "canonical": ent["canonical"], "label": ent["label"]}

    def named_end(self, name: str, label: str = "ORG") -> dict:
        """An end given by a name: the entity of that name when the document has one."""
        found = self.by_name.get((label, fold(name)))
        if found is not None:
            return self.end(found)
        return {"entity": None, "canonical": _strip_the(ascii_quotes(name)), "label": label}


def build_view(doc: Doc, ents: list[dict]) -> DocView:
    tok_ent = [-1] * len(doc)
    ent_tok: list[tuple[int, int] | None] = []
    for i, ent in enumerate(ents):
        span = doc.char_span(ent["start"], ent["end"], alignment_mode="expand")
        if span is None or len(span) == 0:
            ent_tok.append(None)
            continue
        ent_tok.append((span.start, span.end))
        for t in range(span.start, span.end):
            if tok_ent[t] < 0:
                tok_ent[t] = i
    # Sentence starts from the array: `doc.sents` would build a Python Token for every token.
    flags = doc.to_array(SENT_START)
    starts = [0] + [int(i) for i in numpy.flatnonzero(flags == 1) if i > 0]
    bounds = list(zip(starts, starts[1:] + [len(doc)]))
    sents = [doc[a:b] for a, b in bounds]
    sent_of_tok = numpy.repeat(numpy.arange(len(bounds)), [b - a for a, b in bounds]).tolist()
    # Paragraph breaks are newlines, which spaCy keeps as whitespace tokens (doc.text would
    # rebuild the whole text from every token).
    breaks = [i for i in numpy.flatnonzero(doc.to_array(IS_SPACE)).tolist() if "\n" in doc[i].text]
    para_of_sent = [bisect.bisect_left(breaks, a) for a, _ in bounds]
    ents_in_sent: list[list[int]] = [[] for _ in sents]
    by_name: dict[tuple[str, str], int] = {}
    for i, span in sorted(enumerate(ent_tok), key=lambda x: x[1][0] if x[1] else -1):
        if span:
            ents_in_sent[sent_of_tok[span[0]]].append(i)
            for form in (ents[i]["canonical"], ents[i]["text"]):
                by_name.setdefault((ents[i]["label"], fold(form)), i)
    return DocView(doc, ents, tok_ent, ent_tok, sents, sent_of_tok, para_of_sent, ents_in_sent, by_name)


def _mentions_by_name(view: DocView, label: str) -> dict[str, list[int]]:
    """Folded canonical name -> the entities of a label so named, in text order."""
    out: dict[str, list[int]] = {}
    for i, ent in enumerate(view.ents):
        if ent["label"] == label and view.ent_tok[i]:
            out.setdefault(fold(ent["canonical"]), []).append(i)
    return out


def _inside_quotes(doc: Doc) -> list[bool]:
    """For each token, whether an odd number of quote marks precede it in its paragraph: one
    pass, where a scan back from each token cost the square of a long paragraph's length."""
    inside, quotes = [], 0
    for t in doc:
        inside.append(quotes % 2 == 1)
        if "\n" in t.text:
            quotes = 0
        elif t.text in ('"', "\u201c", "\u201d", "''", "``"):
            quotes += 1
    return inside


# What may stand between coordinated names ("the" and "both" are skipped); not nothing:
# adjacent names are one name split in two. "or" groups names but states nothing for sure.
_SEPARATORS = {(",",): "comma", ("and",): "and", (",", "and"): "and", ("&",): "and",
               ("as", "well", "as"): "and", (",", "as", "well", "as"): "and", ("nor",): "and",
               (",", "nor"): "and", ("together", "with"): "and", (",", "together", "with"): "and",
               ("or",): "or", (",", "or"): "or"}


def surface_groups(view: DocView) -> list[Group]:
    """Coordinated entities of one label family, sentence by sentence."""
    doc = view.doc
    order = sorted((span[0], span[1], i) for i, span in enumerate(view.ent_tok) if span)
    groups: list[Group] = []
    run: list[tuple[int, int, int]] = []
    seps: list[str] = []

    def family(i: int) -> str:
        label = view.ents[i]["label"]
        return "org" if label in ("ORG", "GPE") else label

    def flush():
        if not run:
            return
        # Commas alone do not coordinate ("Lanbo Hospital, Kelvin University" is one place).
        if seps and "and" not in seps and "or" not in seps:
            for item in run:
                groups.append(Group((item[2],), item[0], item[1]))
        else:
            members = tuple(item[2] for item in run)
            subgroups: list[tuple[int, ...]] = []
            current = [run[0][2]]
            for sep, item in zip(seps, run[1:]):
                if sep == "comma":
                    subgroups.append(tuple(current))
                    current = []
                current.append(item[2])
            subgroups.append(tuple(current))
            paired = len(subgroups) > 1 and all(len(sg) >= 2 for sg in subgroups)  # not "A, B and C"
            before = doc[run[0][0] - 1].lower_ if run[0][0] > 0 else ""
            hub = run[0][2] if not paired and len(seps) >= 2 and seps[0] == "and" and "comma" in seps[1:] else None
            groups.append(Group(members, run[0][0], run[-1][1], tuple(subgroups) if paired else (),
                                negated=before == "neither" or "nor" in _gap_words(doc, run),
                                uncertain="or" in seps, hub=hub))
        run.clear()
        seps.clear()

    for start, end, i in order:
        if run:
            p_start, p_end, p = run[-1]
            gap = tuple(t.lower_ for t in doc[p_end:start] if t.lower_ not in ("the", "both"))
            same_sent = view.sent_of_tok[p_end - 1] == view.sent_of_tok[start]
            sep = _SEPARATORS.get(gap) if start >= p_end else None
            if sep == "and" and gap[0] == "," and _opens_clause(doc, p_start, p_end, start, end):
                sep = None  # "..., and X will ...": a new clause, not a list
            if sep == "comma" and doc[p_start:p_end].root.dep_ == "pobj" and _opens_clause(
                    doc, p_start, p_end, start, end):
                sep = None  # "With the approval of X, A and B were ...": a fronted phrase ends at the comma
            mixed = view.ents[i]["label"] != view.ents[p]["label"]
            if (same_sent and sep is not None and family(i) == family(p)
                    and not (mixed and sep == "comma") and "\n" not in doc[p_end:start].text):
                run.append((start, end, i))
                seps.append(sep)
                continue
            flush()
        run.append((start, end, i))
    flush()
    return groups


def _opens_clause(doc: Doc, a0: int, a1: int, b0: int, b1: int) -> bool:
    """The name after ", and" is the subject of a verb the name before it is not a subject of."""
    left, right = doc[a0:a1].root, doc[b0:b1].root
    return right.dep_ in SUBJECT_DEPS and not (left.dep_ in SUBJECT_DEPS and left.head.i == right.head.i)


def _gap_words(doc: Doc, run) -> set[str]:
    return {t.lower_ for a, b in zip(run, run[1:]) for t in doc[a[1]:b[0]]}


# --------------------------------------------------------------------------------------------
# Trigger words, phrases and role phrases, found by hash lookup over the token arrays.

class TriggerIndex:
    """The lexicon's triggers as hash tables, built once. `find` reads a document's LEMMA and
    LOWER arrays and looks each token up: no Python Token objects for the tokens that match
    nothing (spaCy's Matcher iterates every token in Python, a measurable share of the time
    budget on long documents). Labels: "T:<family>" for verbs, "N:<family>" for predicate
    nouns, "ROLE" for role phrases ("executive vice president", "secretary and director")."""

    def __init__(self, strings, lexicon: Lexicon):
        h = strings.add
        self.by_lemma: dict[int, set[str]] = {}
        self.by_lower: dict[int, set[str]] = {}
        # first word hash -> [(label, middle LOWER hashes, last hash, last is a lemma)]
        self.phrases_lemma: dict[int, list] = {}
        self.phrases_lower: dict[int, list] = {}
        for family, words in lexicon.triggers.items():
            for w in words:
                parts = w.split()
                if len(parts) == 1:
                    self.by_lemma.setdefault(h(w), set()).add(f"T:{family}")
                    self.by_lower.setdefault(h(w), set()).add(f"T:{family}")
                else:  # verbs: first word by lemma ("handed over"), the rest as written
                    self.phrases_lemma.setdefault(h(parts[0]), []).append(
                        (f"T:{family}", tuple(h(x) for x in parts[1:-1]), h(parts[-1]), False))
        for family, words in lexicon.nouns.items():
            if family == "partner_modifiers":
                continue
            for w in words:
                parts = w.split()
                if len(parts) == 1:
                    self.by_lemma.setdefault(h(w), set()).add(f"N:{family}")
                else:  # nouns: last word by lemma ("lead units"), the rest as written
                    self.phrases_lower.setdefault(h(parts[0]), []).append(
                        (f"N:{family}", tuple(h(x) for x in parts[1:-1]), h(parts[-1]), True))
        self.role_heads = {h(w) for w in lexicon.roles.heads}
        self.compound_heads = {(h(w.split()[0]), h(w.split()[1])) for w in lexicon.roles.compound_heads}
        self.compound_lasts = {last for _, last in self.compound_heads}
        self.role_mods = {h(w) for w in lexicon.roles.modifiers}
        self.role_joins = {h("and"), h("&")}
        self.comma = h(",")
        self.hyphen = h("-")
        self.plural = {h("NNS"), h("NNPS")}
        self.of = h("of")
        self.role_words = frozenset(lexicon.roles.heads)

    def find(self, doc: Doc) -> list[tuple[str, int, int]]:
        rows = doc.to_array([LEMMA, LOWER, SPACY, TAG]).tolist()
        n = len(rows)
        out: list[tuple[str, int, int]] = []
        heads: list[int] = []
        compound: set[int] = set()  # heads that need the word before them ("nurse" of "head nurse")
        for i, (lemma, lower, _, tag) in enumerate(rows):
            if lemma in self.by_lemma or lower in self.by_lower:
                for label in sorted(self.by_lemma.get(lemma, set()) | self.by_lower.get(lower, set())):
                    out.append((label, i, i + 1))
            for table, key in ((self.phrases_lemma, lemma), (self.phrases_lower, lower)):
                for label, middle, last, last_lemma in table.get(key, ()):
                    j = i + 1 + len(middle)
                    if j < n and all(rows[i + 1 + k][1] == m for k, m in enumerate(middle)) and (
                            rows[j][0 if last_lemma else 1] == last):
                        out.append((label, i, j + 1))
            if lower in self.role_heads or (tag in self.plural and (i == 0 or rows[i - 1][1] != self.of)
                                            and singular_title(doc[i].lower_, self.role_words)):
                heads.append(i)  # a title shared by a list: "vice presidents" (not "Board of Directors")
            elif i > 0 and lower in self.compound_lasts and (rows[i - 1][1], lower) in self.compound_heads:
                heads.append(i)
                compound.add(i)
        return out + self._roles(rows, heads, compound)

    def _roles(self, rows: list, heads: list[int], compound: set[int] = frozenset()) -> list[tuple[str, int, int]]:
        """Role phrases: modifiers* head, coordinated as "R and R" or "R, R and R". Every
        modifier suffix is offered, so one that overlaps a name can give way to a shorter one."""
        segments = []
        n = len(rows)
        for i in heads:
            a = i - 1 if i in compound else i
            # "director-general", "vice-president": the tokenizer splits the hyphen off
            while (i + 2 < n and rows[i + 1][1] == self.hyphen and not rows[i][2] and not rows[i + 1][2]
                   and (rows[i + 2][1] in self.role_heads or rows[i + 2][1] in self.role_mods)):
                i += 2
            while a > 0:
                if rows[a - 1][1] in self.role_mods:
                    a -= 1
                elif (a > 1 and rows[a - 1][1] == self.hyphen and not rows[a - 2][2] and not rows[a - 1][2]
                      and rows[a - 2][1] in self.role_mods):
                    a -= 2
                else:
                    break
            segments.append((a, i))
        out = [("ROLE", b, i + 1) for a, i in segments for b in range(a, i + (i not in compound))]
        for k, (a, i) in enumerate(segments):
            for length in (2, 3):
                chain = segments[k:k + length]
                if len(chain) < length:
                    break
                gaps = [[r[1] for r in rows[x[1] + 1:y[0]]] for x, y in zip(chain, chain[1:])]
                if length == 2 and len(gaps[0]) == 1 and gaps[0][0] in self.role_joins:
                    out += [("ROLE", b, chain[-1][1] + 1) for b in range(a, i + 1)]
                if length == 3 and gaps[0] == [self.comma] and len(gaps[1]) == 1 and gaps[1][0] in self.role_joins:
                    out += [("ROLE", b, chain[-1][1] + 1) for b in range(a, i + 1)]
        return out


# --------------------------------------------------------------------------------------------
# The component.

class RelationExtractor:
    """The component: word lists, name rules and trigger tables built once; per document,
    candidates from triggers, role patterns and names, then one relation per fact."""

    def __init__(self, nlp: Language, lexicon: Lexicon, confidence: dict, learned=None,
                 learned_mode: str = "union"):
        self.lex = lexicon
        self.learned, self.learned_mode = learned, learned_mode  # relation_model.RelationModel
        self.names = NameRules(lexicon.names)
        self.conf = confidence
        self.index = TriggerIndex(nlp.vocab.strings, lexicon)
        self.position_patterns = [(p.name, p.dated, re.compile(r"(?:(?<= )|^)(?:" + p.regex + r")"), p.role)
                                  for p in lexicon.position_patterns]
        self.position_words = set(lexicon.position_words)
        m = lexicon.modality
        self.planned_aux, self.planned_gov = set(m.planned_aux), set(m.planned_governors)
        self.planned_nouns = set(m.planned_nouns)
        self.neg_words, self.neg_gov = set(m.negation_words), set(m.negating_governors)
        self.hedge_gov = set(m.hedging_governors) | set(m.hedging_nouns)
        self.hedge_words = set(m.hedging_words)
        self.partner_nouns = set(lexicon.nouns["partner"])
        self.partner_mods = set(lexicon.nouns["partner_modifiers"])
        self.form_nouns = set(lexicon.nouns["form"])
        self.management = set(lexicon.names.management_nouns)
        self.admin_nouns = set(lexicon.names.admin_nouns)
        self.countries = set(lexicon.references.countries)
        self.role_heads = set(lexicon.roles.heads)
        self.role_mods = set(lexicon.roles.modifiers)
        self.affiliated = {w.lower() for w in lexicon.names.affiliated_words}
        self.own_time_words = frozenset(w.lower() for w in lexicon.own_time_words)
        self.speech_verbs = frozenset(w.lower() for w in lexicon.speech_verbs)
        self.absorbing = set(lexicon.absorbing_verbs)
        self.selling = set(lexicon.selling_verbs)
        self.stake_nouns = set(lexicon.stake_nouns)
        self.majority_words = set(lexicon.majority_words)
        self.list_openers = set(lexicon.prepositions.list_openers)
        self.title_nouns = set(lexicon.title_nouns)
        self.gifts = set(lexicon.gift_verbs)
        self.paying = set(lexicon.paying_verbs)
        self.donating = set(lexicon.donating_verbs)
        self.not_investment = set(lexicon.not_investment_words)
        self.receiving = set(lexicon.receiving_verbs)
        self.spending = set(lexicon.spending_verbs)
        self.invest_nouns = set(lexicon.nouns["invest"])
        self.under_nouns = set(lexicon.under_nouns)
        self.with_verbs = frozenset(lexicon.purpose_with_verbs)
        self.granting = set(lexicon.granting_verbs)
        self.pronouns = set(lexicon.references.possessive_pronouns)
        self.founding = set(lexicon.founding_verbs)
        self.cooperate = set(lexicon.triggers["cooperate"])
        self.not_current = set(lexicon.roles.not_current)
        self.ending_verbs = frozenset(w.lower() for w in lexicon.roles.ending_verbs)
        self.governing_bodies = frozenset(w.lower() for w in lexicon.roles.governing_bodies)
        self.place_titles = frozenset(w.lower() for w in lexicon.roles.place_titles)
        # the last word of a compound title is a title word unless it modifies titles ("general" of
        # "director general": "Major General NAME" holds no post)
        self.post_titles = frozenset(w.lower() for w in lexicon.roles.heads + lexicon.roles.post_nouns
                                     + [c.split()[-1] for c in lexicon.roles.compound_heads
                                        if c.split()[-1] not in lexicon.roles.modifiers])

    # -- document ------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        ents = state(doc)["entities"]
        if not ents or len(doc) == 0:
            state(doc)["relations"] = []
            return doc
        view = build_view(doc, ents)
        for g in surface_groups(view):
            for t in range(g.start, g.end):
                view.groups[t] = g
        triggers: dict[int, list[tuple[str, int, int]]] = {}
        roles: dict[int, list[tuple[int, int]]] = {}
        for label, start, end in self.index.find(doc):
            s = view.sent_of_tok[start]
            if label == "ROLE":
                roles.setdefault(s, []).append((start, end))
            else:
                triggers.setdefault(s, []).append((label, start, end))
        view.resolve = lambda t: self._reference(view, t)
        found: list[Candidate] = []
        for s in range(len(view.sents)):
            # posts first: "NAME, director of X, said the commission ..." may need the speaker's
            posts = self._positions(view, s, _longest(roles.get(s, []), view))
            if posts:  # references read before this sentence's posts were known are read again
                sent = view.sents[s]
                for t in range(sent.start, sent.end):
                    view._resolved.pop(t, None)
            for label, start, end in _longest_per_start(triggers.get(s, [])):
                found += self._trigger(view, label, doc[start], end)
            found += posts
        found += self._name_relations(view)
        cut = cut_off_sentence(view.sents)
        found = [c for c in found if c.sent != cut]
        state(doc)["relations"] = self._finish(view, found)
        if self.learned is not None:
            # a title in the plural is the rules' (a list under one title), not a role the
            # classifier's posts take ("one of the founders of X": dev P 0.824 -> 0.813 with them)
            singular = {s: [(a, b) for a, b in spans if not singular_title(doc[b - 1].lower_, self.role_heads)]
                        for s, spans in roles.items()}
            learned = self.learned.relations(doc, ents, view.sents, roles=singular, planned=frozenset(self.planned_aux),
                                             former=frozenset(self.not_current), token_of=lambda e: view.ent_tok[e],
                                             titles=self.post_titles, ending=self.ending_verbs)
            if cut is not None:
                learned = [r for r in learned if r["evidence"][1] <= view.sents[cut].start_char]  # across two too
            learned = [r for r in learned if r["type"] != "holds_position" or not self._title_words(r["tail"]["canonical"])]
            restated = first_currency(view)
            learned = [r for r in learned if r["type"] != "invested" or not self._not_investment(view, r["tail"]["entity"])]
            for r in learned:
                if r["type"] == "invested" and r["tail"]["entity"] in restated:
                    r["tail"] = view.end(restated[r["tail"]["entity"]])
                if r["type"] == "invested" and not r["purpose"]:
                    r["purpose"] = self._amount_purpose(view, r["tail"]["entity"])
            state(doc)["relations"] = merge(state(doc)["relations"], learned, self.learned_mode, self.learned.keeps_rule)
        state(doc)["relations"] = posts_at_governed(self._no_partner_of_own_unit(state(doc)["relations"]), ents,
                                                    self.governing_bodies)
        return doc

    def _no_partner_of_own_unit(self, rels: list[dict]) -> list[dict]:
        """A body is no partner of a unit its name makes part of it ("Y University and New Hope
        Group will jointly establish the Y University Brain Hospital"), from rules or classifier."""
        def owns(a: str, b: str) -> bool:
            return any(fold(parent) == fold(b) for _, parent, _ in self.names.relations(a))

        return [r for r in rels if r["type"] != "partner_of" or not (
            owns(r["head"]["canonical"], r["tail"]["canonical"]) or owns(r["tail"]["canonical"], r["head"]["canonical"]))]

    # -- references ----------------------------------------------------------------------

    def _reference(self, view: DocView, h: Token) -> Group | None:
        """The entities a short reference headed by h stands for ("the two hospitals", "both
        sides", "the alliance", "the cancer center", "the Cancer Hospital", "the province"),
        named before it in the same or the previous paragraph. A singular reference with nothing
        in that window stands for the body of its kind the document has spoken of most (a
        hospital's own news page says "the hospital" all along); "the city government" with no
        government named stands for the city. Resolved only when a rule asks about that token."""
        if h.lower_ in ("it", "they") and h.dep_ in SUBJECT_DEPS:
            return self._subject_pronoun(view, h)
        if h.pos_ not in ("NOUN", "PROPN") or view.tok_ent[h.i] >= 0 or h.left_edge.i >= h.i:
            return None
        start = h.left_edge.i
        # a place may modify a reference ("the Qiqihar hospital"): the body must bear its name
        inner = [t for t in range(start, h.i) if view.tok_ent[t] >= 0]
        if any(view.ents[view.tok_ent[t]]["label"] != "GPE" for t in inner):
            return None
        if any(t.pos_ == "ADJ" and t.is_title and not t.is_sent_start for t in view.doc[start:h.i]):
            return None  # "the Japanese government": a nationality names another country's body
        doc = view.doc
        words = [t.lower_ for t in doc[start:h.i + 1]
                 if (t.pos_ != "ADJ" or t.lower_ == "both") and view.tok_ent[t.i] < 0
                 and not self._describing(t, h)]
        refs = self.lex.references
        mods: list[str] = [fold(doc[t].text) for t in inner]
        if inner and words[0] != "the":
            return None
        if words[-1] in refs.pair_nouns and " ".join(words[:-1]) in refs.pair_determiners and not inner:
            found = self._antecedents(view, start, refs.pair_nouns[words[-1]], 2)
            return Group(found[0], start, h.i + 1, via=found[1]) if found else None
        if words[0] == "our":
            return self._first_person(view, h, start, words)
        if words[0] != "the":
            return None
        if " ".join(words[1:]) in refs.singular_nouns:
            category = refs.singular_nouns[" ".join(words[1:])]
        elif (words[-1] in refs.singular_nouns and len(words) > 2
              and all(t.is_lower for t in doc[start + 1:h.i + 1] if view.tok_ent[t.i] < 0)):
            # "the cancer center", "the city government": the head noun, with its own words
            category = refs.singular_nouns[words[-1]]
            mods += [w for w in words[1:-1] if w not in refs.level_words]
        elif h.text in self.names.org_heads and all(t.is_title for t in doc[start + 1:h.i + 1]):
            # "the Cancer Hospital": a capitalised short form of a name used before
            category = "suffix:" + fold(doc[start + 1:h.i + 1].text)
        else:
            return None
        if category.startswith("gpe:") and not mods and not inner:
            spoken = self._speakers_place(view, h, category)
            if spoken is not None:  # "NAME, director of X Municipal Health Commission, said the city ..."
                return Group((spoken,), start, h.i + 1, via=view.sent_of_tok[view.ent_tok[spoken][0]])
        if not category.startswith(("gpe:", "suffix:")) and not mods:
            spoken = self._speakers_body(view, h, category)
            if spoken is not None:  # "NAME told reporters that the commission would ..."
                return Group((spoken,), start, h.i + 1, via=view.sent_of_tok[view.ent_tok[spoken][0]])
        # "the new center": a new thing is named by its own noun, not by a kind ("center" for a hospital)
        new = any(t.lower_ in refs.new_words for t in doc[start:h.i])
        head = h.lower_ if mods or new else None
        # "X will manage the hospital": the subject of the clause is not what the reference means
        skip = self._clause_subjects(view, h)
        # "the county hospital": the county's one hospital, so the body of that kind the text names
        # most (first, on a tie) among those whose name says that level, if there is one
        level = {w for t in doc[start + 1:h.i] if view.tok_ent[t.i] < 0
                 for w in refs.level_name_words.get(t.lower_, ())}
        # "the affiliated hospital": likewise a body whose name says Affiliated
        level |= {t.lower_ for t in doc[start + 1:h.i] if view.tok_ent[t.i] < 0 and t.lower_ in self.affiliated}
        if level and not category.startswith(("gpe:", "suffix:")):
            unlevelled = view.memo(("unlevelled", frozenset(level)), lambda: frozenset(
                fold(e["canonical"]) for e in view.ents if e["label"] == "ORG"
                and not level & set(fold(e["canonical"]).split())))
            found = self._main_antecedent(view, start, category, mods, head, skip | unlevelled, first_on_tie=True)
            if found:
                near = self._antecedents(view, start, category, 1, mods, head, skip | unlevelled)
                return Group(found[0], start, h.i + 1, via=near[1] if near and near[0] == found[0] else found[1],
                             far=not (near and near[0] == found[0]))
        found = None
        if category == "academic" and not mods:
            # "the university" is a University before it is a college named later
            found = self._antecedents(view, start, category, 1, [], h.lower_, skip)
        found = found or self._antecedents(view, start, category, 1, mods, head, skip)
        if found:
            return Group(found[0], start, h.i + 1, via=found[1])
        if not category.startswith("suffix:"):
            found = self._main_antecedent(view, start, category, mods, head, skip)
        if not found and category == "Government":
            levels = [refs.level_words[t.lower_] for t in doc[start + 1:h.i] if t.lower_ in refs.level_words]
            place = "gpe:" + (levels[0] if levels else "any")
            found = self._antecedents(view, start, place, 1) or self._main_antecedent(view, start, place)
        if not found:
            return None
        return Group(found[0], start, h.i + 1, via=view.sent_of_tok[start], far=True)

    def _speakers_place(self, view: DocView, h: Token, category: str) -> int | None:
        """"the city" in what an official of the "X Municipal Health Commission" reports is X: the
        place named right before the level word in the name of the speaker's body."""
        words = {w for level, ws in self.lex.references.level_name_words.items()
                 if self.lex.references.level_words.get(level) == category[4:] for w in ws}
        places = {}
        # each body once, and each place name once with its mentions in text order: a speaker
        # with many posts in a long text made this loop cost posts times entities
        by_name = view.memo("gpe_by_name", lambda: _mentions_by_name(view, "GPE"))
        for body in dict.fromkeys(fold(view.ents[o]["canonical"]) for o in self._speakers_posts(view, h)):
            name = " " + body + " "
            for key, mentions in by_name.items():
                if key in places or (" " + key + " ") not in name:
                    continue
                for i in mentions:
                    ent = view.ents[i]
                    if view.ent_tok[i][1] > h.i:
                        break  # the rest come later still
                    at = name.find(" " + key + " ")
                    # the place named right before the level word ("X Municipal ...")
                    after = name[at:].split()[len(ent["canonical"].split()):][:1]
                    if after and after[0] in words and self._fits(ent["canonical"], category, view, i):
                        places[key] = i
                        break
        return next(iter(places.values())) if len(places) == 1 else None

    def _speakers_body(self, view: DocView, h: Token, category: str) -> int | None:
        """In the clause a person reports ("Wei said the commission would spend ..."), a singular
        reference stands for the body of that kind where the speaker holds a post, if just one."""
        bodies = {}
        for o in self._speakers_posts(view, h):
            if view.ent_tok[o][1] <= h.i and self._fits(view.ents[o]["canonical"], category, view, o):
                bodies.setdefault(fold(view.ents[o]["canonical"]), o)
        return next(iter(bodies.values())) if len(bodies) == 1 else None

    def _speakers_posts(self, view: DocView, h: Token) -> list[int]:
        """The bodies where the person who reports the clause h sits in holds a post found so far."""
        node, reported = h, False
        for _ in range(12):
            if node.head.i == node.i:
                return []
            reported = reported or node.dep_ == "ccomp"
            node = node.head
            if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in self.speech_verbs:
                break
        else:
            return []
        if not reported or node.lemma_.lower() not in self.speech_verbs:
            return []
        return [o for t in subject_tokens(node) if view.tok_ent[t.i] >= 0
                and view.ents[view.tok_ent[t.i]]["label"] == "PERSON"
                for o in view.posts.get(fold(view.ents[view.tok_ent[t.i]]["canonical"]), {}).values()]

    def _first_person(self, view: DocView, h: Token, start: int, words: list[str]) -> Group | None:
        """"our hospital" outside a quotation is the page's own voice: the body of that kind the
        page names most. Inside a quotation it is the speaker's, which is not guessed."""
        category = self.lex.references.singular_nouns.get(" ".join(words[1:]))
        if category is None or category.startswith("gpe:") or self._quoted(view, start):
            return None
        found = self._main_antecedent(view, start, category, skip=self._clause_subjects(view, h))
        return Group(found[0], start, h.i + 1, via=view.sent_of_tok[start], far=True) if found else None

    @staticmethod
    def _quoted(view: DocView, i: int) -> bool:
        """Whether token i is inside a quotation opened earlier in its paragraph."""
        return view.memo("quoted", lambda: _inside_quotes(view.doc))[i]

    def _subject_pronoun(self, view: DocView, h: Token) -> Group | None:
        """"X said it would invest", "X announced that it will ...", "X has worked with Y since
        2021, when it signed ...": a subject pronoun in a clause under another stands for that
        clause's subject, when it is a named body (or a reference to one); "it" needs one body,
        "they" several. Nothing else is guessed."""
        node = h.head
        if node.pos_ not in ("VERB", "AUX"):
            # "X handed over Y to Z, making it Z's third affiliated hospital": it is the object above
            v = node.head
            if node.dep_ in ("ccomp", "xcomp", "oprd") and v.lemma_.lower() == "make" and v.dep_ in (
                    "advcl", "xcomp", "conj") and h.lower_ == "it":
                groups = [g for g in self._groups(view, patient_tokens(v.head))
                          if len(g.members) == 1 and view.ents[g.members[0]]["label"] == "ORG"]
                if len(groups) == 1:
                    g = groups[0]
                    return Group(g.members, h.i, h.i + 1, via=g.via if g.is_reference else view.sent_of_tok[h.i])
            return None
        for _ in range(6):
            if node.dep_ not in ("ccomp", "advcl", "relcl", "conj", "xcomp", "acl") or node.head.i == node.i:
                return None
            node = node.head
            while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
                node = node.head  # "since 2021, when it signed": from the date up to its verb
            subs = [t for t in subject_tokens(node) if t.lower_ not in ("it", "they")]
            if not subs:
                continue
            groups = [g for g in (view.group_at(t) for t in subs) if g is not None]
            members = [m for g in groups for m in g.members if view.ents[m]["label"] in INVESTOR_LABELS]
            if not members or (h.lower_ == "it") != (len(members) == 1):
                return None
            g = groups[0]
            return Group(tuple(members), h.i, h.i + 1, via=g.via if g.is_reference else view.sent_of_tok[h.i],
                         far=g.far)
        return None

    def _describing(self, t: Token, h: Token) -> bool:
        """A word that only describes the body a reference stands for: a participle ("the renamed
        hospital", "the newly merged group", but not "affiliated") or a measure ("the 2,300-bed
        hospital", "the 60-year-old college")."""
        if t.i >= h.i:
            return False
        if t.tag_ == "VBN" and t.dep_ == "amod" and t.lower_ not in self.affiliated:
            return True
        doc = t.doc
        if t.like_num and t.i + 1 < h.i and doc[t.i + 1].text == "-":
            return True
        if t.text == "-" and t.i > 0 and doc[t.i - 1].like_num:
            return True
        # the noun after "N-" ("bed" in "2,300-bed"), and "year-old" after it
        k = t.i - 1
        while k >= 1 and doc[k].text == "-" and not doc[k - 1].like_num:
            k -= 2
        return k >= 1 and doc[k].text == "-" and doc[k - 1].like_num and t.i > k

    def _clause_subjects(self, view: DocView, h: Token) -> frozenset:
        """Entities that are the subject of the clause a reference sits in (as its object or in
        a phrase under the verb)."""
        node = h
        while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
            node = node.head
        if node.pos_ not in ("VERB", "AUX") or h.dep_ in SUBJECT_DEPS:
            return frozenset()
        return frozenset(fold(view.ents[view.tok_ent[t.i]]["canonical"]) for t in subject_tokens(node)
                         if view.tok_ent[t.i] >= 0)

    def _antecedents(self, view: DocView, before: int, category: str, n: int, mods=(), head=None,
                     skip=frozenset()):
        """The n most recent distinct entities of a category before a token, within the window."""
        s0 = view.sent_of_tok[before]
        label = "GPE" if category.startswith("gpe:") else "ORG"
        if n == 2:
            pair = self._acting_pair(view, before, category)
            if pair is not None:
                return pair
        seen: dict[str, int] = {}
        order: list[int] = []
        for s in view.window(s0):
            in_sent = [i for i in view.ents_in_sent[s] if view.ent_tok[i][1] <= before
                       and fold(view.ents[i]["canonical"]) not in skip
                       and view.ents[i]["label"] == label and self._fits(view.ents[i]["canonical"], category, view, i)
                       and self._modified(view.ents[i]["canonical"], mods, head)
                       and not (n == 2 and self._role_affiliation(view, i))
                       and not (n == 1 and self._list_item_of_kind(view, i, category))]
            for i in sorted(in_sent, key=lambda i: -view.ent_tok[i][0]):
                key = fold(view.ents[i]["canonical"])
                if key not in seen:
                    seen[key] = i
                    order.append(i)
            if len(order) >= n:
                if n == 1:
                    return (order[0],), s
                if len(order) == 2:
                    return tuple(sorted(order, key=lambda i: view.ent_tok[i][0])), s
                # Three or more at once: only a coordinated pair in that sentence is clear.
                for i in in_sent:
                    g = view.groups.get(view.ent_tok[i][0])
                    if g is not None and not g.is_reference and len(g.members) == 2 and all(
                            m in in_sent for m in g.members):
                        return g.members, s
                return None
        return None

    def _list_item_of_kind(self, view: DocView, i: int, category: str) -> bool:
        """One item of a list of bodies of the same kind ("members include A Hospital, B Hospital
        and C Hospital"): "the hospital" after it cannot mean one of them."""
        g = view.groups.get(view.ent_tok[i][0])
        return (g is not None and not g.is_reference and len(g.members) > 1
                and sum(self._fits(view.ents[m]["canonical"], category, view, m) for m in g.members) > 1)

    def _acting_pair(self, view: DocView, before: int, category: str):
        """"The two sides", "both hospitals": the latest pair of bodies named together as one
        argument ("A and B signed ...") within the window, or None."""
        doc = view.doc
        for s in view.window(view.sent_of_tok[before]):
            ents = [i for i in view.ents_in_sent[s] if view.ent_tok[i][1] <= before
                    and view.ents[i]["label"] == "ORG" and self._fits(view.ents[i]["canonical"], category)]
            pairs = []
            for i in ents:
                g = view.groups.get(view.ent_tok[i][0])
                if g is not None and not g.is_reference and len(g.members) == 2 and all(m in ents for m in g.members):
                    pairs.append(g.members)
                root = doc[view.ent_tok[i][0]:view.ent_tok[i][1]].root
                for c in root.children:
                    j = view.tok_ent[c.i]
                    if c.dep_ == "conj" and j in ents and j != i:
                        pairs.append((i, j))
            pairs = [p for p in pairs if fold(view.ents[p[0]]["canonical"]) != fold(view.ents[p[1]]["canonical"])]
            if pairs:
                best = max(pairs, key=lambda p: view.ent_tok[p[1]][0])
                return tuple(sorted(best, key=lambda i: view.ent_tok[i][0])), s
        return None

    def _role_affiliation(self, view: DocView, i: int) -> bool:
        """A body named only as a person's affiliation ("NAME, director of the X Commission")."""
        k = view.ent_tok[i][0] - 1
        doc = view.doc
        if k >= 0 and doc[k].lower_ == "the":
            k -= 1
        return k >= 1 and doc[k].lower_ in ("of", "at") and doc[k - 1].lower_ in self.role_heads

    def _main_antecedent(self, view: DocView, before: int, category: str, mods=(), head=None,
                         skip=frozenset(), first_on_tie: bool = False):
        """The body of a category mentioned most often before a token anywhere in the document
        (the latest on a tie, or the first named when `first_on_tie`), or None."""
        mentions, ends = view.memo(("kind", category, tuple(mods), head),
                                   lambda: self._mentions_of_kind(view, category, mods, head))
        last = bisect.bisect_right(ends, before)  # the mentions that end before the token
        counts: dict[str, list[int]] = {}
        for i in mentions[max(0, last - REFERENCE_WINDOW_MENTIONS):last]:
            key = fold(view.ents[i]["canonical"])
            if key not in skip:
                counts.setdefault(key, []).append(i)
        if not counts:
            return None
        def alone(i: int) -> bool:  # named on its own, not as one item of a list
            g = view.groups.get(view.ent_tok[i][0])
            return g is None or len(g.members) == 1

        best = max(counts.values(), key=lambda mentions: (
            len(mentions), any(alone(i) for i in mentions),
            -view.ent_tok[mentions[0]][0] if first_on_tie else view.ent_tok[mentions[-1]][0]))
        return (best[-1],), view.sent_of_tok[before]

    def _mentions_of_kind(self, view: DocView, category: str, mods, head) -> tuple[list[int], list[int]]:
        """The entities that fit a kind of reference, in text order, and their token ends (which
        the entities stage keeps sorted), for a bisect by position."""
        label = "GPE" if category.startswith("gpe:") else "ORG"
        found = [i for i, ent in enumerate(view.ents)
                 if view.ent_tok[i] and ent["label"] == label and self._fits(ent["canonical"], category, view, i)
                 and self._modified(ent["canonical"], mods, head)]
        found.sort(key=lambda i: view.ent_tok[i][1])  # stable: text order is kept among equals
        return found, [view.ent_tok[i][1] for i in found]

    def _modified(self, canonical: str, mods, head) -> bool:
        """"the cancer center" fits a name with that head noun and those words."""
        if not mods and head is None:
            return True
        words = fold(canonical).split()
        synonyms = {"center": "centre", "centre": "center"}
        return fold(name_head(canonical)) in (head, synonyms.get(head)) and all(m in words for m in mods)

    def _fits(self, canonical: str, category: str, view: DocView | None = None, i: int | None = None) -> bool:
        if category == "any":
            return True
        if category.startswith("suffix:"):
            return fold(canonical).endswith(category[7:]) and fold(canonical) != category[7:]
        if category == "gpe:county" and view is not None and i is not None:
            # a county is named as one ("Deqing County") or written before the word ("Deqing county")
            end = view.ent_tok[i][1]
            after = view.doc[end].lower_ if end < len(view.doc) else ""
            return canonical.split()[-1].lower() in ("county", "district") or after in ("county", "district")
        if category.startswith("gpe:"):
            return self._place_fits(canonical, category[4:])
        return self.names.category(canonical) == category or name_head(canonical) == category

    def _place_fits(self, canonical: str, level: str) -> bool:
        """A place of the level a reference names: a province is not a city or a region; a
        country is none of them."""
        if canonical in self.countries:
            return False
        last = canonical.split()[-1].lower()
        if level == "region":
            return last == "region"
        if level == "province":
            return last not in ("city", "county", "district", "region", "area", "prefecture")
        if level == "city":
            return last not in ("province", "county", "district", "region")
        return True

    def _pronoun_org(self, view: DocView, i: int) -> int | None:
        """"Its president, NAME": the organisation last named in this or the previous sentence."""
        s0 = view.sent_of_tok[i]
        for s in range(s0, max(s0 - 2, -1), -1):
            if view.para_of_sent[s] < view.para_of_sent[s0] - 1:
                break
            found = [e for e in view.ents_in_sent[s] if view.ent_tok[e][1] <= i and view.ents[e]["label"] == "ORG"]
            # the subject the text is speaking of, rather than a body named in passing
            subjects = [e for e in found if view.doc[view.ent_tok[e][0]:view.ent_tok[e][1]].root.dep_ in SUBJECT_DEPS]
            if subjects or found:
                return max(subjects or found, key=lambda e: view.ent_tok[e][0])
        return None

    # -- triggers ------------------------------------------------------------------------

    def _trigger(self, view: DocView, label: str, t: Token, end: int) -> list[Candidate]:
        kind, family = label.split(":", 1)
        if kind == "T":
            # a relative clause always has a verb, whatever tag the parser gave it ("which X leads")
            if t.pos_ not in ("VERB", "AUX", "ADJ") and not (t.tag_ == "VBN") and t.dep_ != "relcl":
                return []
            return getattr(self, f"_verb_{family}")(view, t)
        if view.tok_ent[t.i] >= 0 and view.ents[view.tok_ent[t.i]]["label"] == "ORG":
            return []  # a word inside a name ("... Affiliated Hospital of ...") is not a description
        head = view.doc[end - 1]
        return getattr(self, f"_noun_{family}")(view, head)

    def _groups(self, view: DocView, tokens: Iterable[Token]) -> list[Group]:
        out = []
        tokens = list(tokens)
        for t in tokens:
            # "the Ordos government and the university": a reference coordinated with a name
            # is an argument too, and so is a name the surface grouping missed ("X (XU) and Y")
            tokens += [c for c in t.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")
                       and c not in tokens]
            # "seven health centers, including A, B and C": the named items stand for the whole
            if t.pos_ in ("NOUN", "PROPN"):
                tokens += [g for g in prep_objects(t, self.list_openers) if g not in tokens]
        for t in tokens:
            g = view.group_at(t)
            if g is None:
                # "the alliance's members": a possessive or compound name inside the phrase;
                # "Hubei province will invest": the place before a lowercase admin noun
                deps = ("poss", "compound") if t.lower_ in self.admin_nouns else ("poss",)
                g = next((view.group_at(c) for c in t.children if c.dep_ in deps and view.group_at(c)), None)
                if g is None and t.pos_ == "NOUN":  # "our subsidiary X": the name in apposition
                    g = next((view.group_at(c) for c in t.children if c.dep_ == "appos" and view.group_at(c)), None)
            if g is not None and all(g is not o for o in out):
                out.append(g)
        return out

    def _members(self, view: DocView, groups: Iterable[Group], labels=ORG_LABELS) -> list[int]:
        out: list[int] = []
        for g in groups:
            for m in g.members:
                if view.ents[m]["label"] in labels and m not in out:
                    out.append(m)
        return out

    def _collectives(self, view: DocView, groups: Iterable[Group]) -> list[int]:
        return [m for m in self._members(view, groups)
                if self.names.category(view.ents[m]["canonical"]) == "collective"]

    def _named_by_noun(self, view: DocView, tokens: Iterable[Token]) -> tuple[list[int], list[Group]]:
        """"join the X network", "members of X service network": a name before a lowercase
        collective noun (`collective_nouns`) is the collective, whatever its own head word."""
        found: list[int] = []
        groups: list[Group] = []
        for t in tokens:
            if t.lower_ not in self.lex.collective_nouns or view.tok_ent[t.i] >= 0:
                continue
            i = t.i - 1
            while i >= 0 and view.tok_ent[i] < 0 and view.doc[i].is_lower and view.doc[i].head.i in range(i + 1, t.i + 1):
                i -= 1  # "X service network": lowercase modifiers between name and noun
            e = view.tok_ent[i] if i >= 0 and i < t.i else -1
            if e >= 0 and view.ents[e]["label"] == "ORG" and view.ent_tok[e][1] == i + 1 \
                    and view.doc[i].head.i in range(i + 1, t.i + 1) and e not in found:
                found.append(e)
                g = view.group_at(view.doc[i])
                if g is not None:
                    groups.append(g)
        return found, groups

    def _target(self, view: DocView, tokens: Iterable[Token]) -> list[Group]:
        """Argument groups, looking through "the management of X", "X's management"."""
        out: list[Group] = []
        for t in tokens:
            if t.lower_ in self.management and view.group_at(t) is None:
                inner = prep_objects(t, ("of", "under", "by")) + [c for c in t.children if c.dep_ == "poss"]
                out += self._target(view, inner)
            else:
                out += self._groups(view, [t])
        return out

    def _scan_target(self, view: DocView, after: int, preps: Iterable[str]) -> list[Group]:
        """Surface fallback for a target the parse attached elsewhere: "to the management
        directly under X" -> X. Only determiners, adverbs, management nouns and prepositions
        may stand between."""
        doc, preps = view.doc, set(preps)
        sent_end = view.sents[view.sent_of_tok[min(after, len(doc) - 1)]].end
        i, seen_prep = after, False
        while i < sent_end:
            t = doc[i]
            g = view.group_at(t)
            if g is not None:
                return [g] if seen_prep else []
            if t.lower_ in preps:
                seen_prep = True
            elif not (t.pos_ in ("DET", "ADV", "ADJ") or t.lower_ in self.management or t.lower_ in ("of", "under")):
                return []
            i += 1
        return []

    def _pairs(self, view, members: list[int], subgroups=None) -> list[tuple[int, int]]:
        sets = subgroups or [members]
        out = []
        for s in sets:
            s = [m for m in s if m in members]
            for a in range(len(s)):
                for b in range(a + 1, len(s)):
                    if fold(view.ents[s[a]]["canonical"]) != fold(view.ents[s[b]]["canonical"]):
                        out.append((s[a], s[b]))
        return out

    def _partner_pairs(self, view, actors: list[Group], partners: list[Group], sub=None) -> list[tuple[int, int]]:
        """Who partners whom: the coordinated actors among themselves (or within their
        "respectively" pairs), and each actor with each "with" partner; partners listed after
        one "with" are not each other's partners ("A signed with B and C")."""
        if sub:
            return self._pairs(view, self._members(view, actors), sub)
        acting = self._members(view, actors)
        out = self._pairs(view, acting)
        for b in self._members(view, partners):
            out += [(a, b) for a in acting if a != b and fold(view.ents[a]["canonical"]) != fold(view.ents[b]["canonical"])]
        return out

    def _is_partner_noun(self, t: Token) -> bool:
        """"agreement", "alliance", ... or a noun such as "project" modified by a partnership
        word ("co-construction project", "joint clinic", "cooperation programme")."""
        if t.lemma_.lower() in self.partner_nouns or t.lower_ in self.partner_nouns:
            return True
        left = t.doc[t.left_edge.i:t.i].text.lower().replace(" - ", "-").replace(" -", "-").replace("- ", "-")
        return bool(self.partner_mods & set(left.split()))

    def _respectively(self, t: Token) -> bool:
        return any(c.lower_ == "respectively" for c in t.children)

    def _jointly(self, t: Token) -> bool:
        return any(c.lower_ in ("jointly", "together") and c.dep_ == "advmod" for c in t.children)

    def _cooperative_context(self, v: Token) -> bool:
        """A forming verb under "collaborated with ... to form", "took the lead in forming"."""
        h = v.head
        if v.dep_ in ("advcl", "xcomp", "conj") and (h.lemma_.lower() in self.cooperate or any(
                f"{h.lemma_.lower()} {c.lower_}" in self.cooperate for c in h.children if c.dep_ == "dobj")):
            return True  # "collaborated with ... to form", "joined hands with ... to set up"
        if v.dep_ == "pcomp" and h.dep_ == "prep" and h.head.lemma_.lower() == "take":
            return any(c.lower_ == "lead" for c in h.head.children)
        return False

    def _verb_cooperate(self, view, v):
        subj = self._groups(view, patient_tokens(v) if is_passive(v) else subject_tokens(v))  # "was paired with"
        withs = self._groups(view, prep_objects(v, ("with", "alongside")))
        sub = next((g.subgroups for g in subj if g.subgroups), None) if self._respectively(v) else None
        return [self._cand(view, "partner_of", view.end(a), view.end(b), "partner_of.cooperate", v, subj + withs)
                for a, b in self._partner_pairs(view, subj, withs, sub)]

    def _verb_form(self, view, v):
        passive = is_passive(v)
        objects = patient_tokens(v) + prep_objects(v, ("into",))
        actors = self._groups(view, actor_tokens(v))
        p = v.head.head if v.dep_ == "acl" and v.head.dep_ == "pobj" else None
        if passive and not actors and p is not None and p.dep_ == "prep" and p.head.pos_ in ("VERB", "AUX"):
            # "Under an agreement signed with X, Y will ...": the clause's subject signed it
            actors = self._groups(view, subject_tokens(p.head))
        withs = self._groups(view, prep_objects(v, ("with",)))
        out = []
        for o in objects:
            named = self._collectives(view, self._groups(view, [o]))
            if named:
                members = [m for m in self._members(view, actors + withs) if m not in named]
                if len(members) >= 2 or withs or self._cooperative_context(v) or (passive and members):
                    rule = "member_of.form_passive" if passive else "member_of.form"
                    out += [self._cand(view, "member_of", view.end(m), view.end(c), rule, v, actors + withs)
                            for m in members for c in named]
                elif len(members) == 1 and any(c.dep_ == "nsubj" for c in v.children):
                    # "A launched the X Network": the one body that set it up leads it
                    out += [self._cand(view, "leads", view.end(members[0]), view.end(c), "leads.founder", v, actors)
                            for c in named]
            elif self._is_partner_noun(o):
                partners = withs + self._groups(view, prep_objects(o, ("with",)))
                if not partners and (prep_objects(v, ("with",)) or prep_objects(o, ("with",))):
                    continue  # "A and B formed alliances with 46 county hospitals": each with others
                between = self._groups(view, prep_objects(o, ("between", "among")) + prep_objects(v, ("between",)))
                sub = next((g.subgroups for g in actors if g.subgroups), None) if self._respectively(v) else None
                rule = "partner_of.form_passive" if passive else "partner_of.form"
                pairs = (self._between_pairs(view, between) if between and not actors
                         else self._partner_pairs(view, actors or between, partners, sub))
                out += [self._cand(view, "partner_of", view.end(a), view.end(b), rule, v, actors + partners + between)
                        for a, b in pairs]
        if not out and not passive:
            sub = next((g.subgroups for g in actors if g.subgroups), None)
            if self._respectively(v) and sub and all(len(s) >= 2 for s in sub):
                out += [self._cand(view, "partner_of", view.end(a), view.end(b), "partner_of.respectively", v, actors)
                        for a, b in self._pairs(view, self._members(view, actors), sub)]
            elif self._jointly(v):
                out += [self._cand(view, "partner_of", view.end(a), view.end(b), "partner_of.jointly", v, actors)
                        for a, b in self._pairs(view, self._members(view, actors))]
            elif (any(c.dep_ == "nsubj" for c in v.children)  # its own subject, not one it inherits
                  and not has_child(v, ("each", "separately", "respectively", "also"))
                  and any(self._one_new_thing(view, o) for o in objects)):
                # "A and B launched a consultation platform": several bodies create one thing together
                out += [self._cand(view, "partner_of", view.end(a), view.end(b), "partner_of.joint_subjects", v,
                                   actors) for a, b in self._pairs(view, self._members(view, actors))]
        return out

    def _one_new_thing(self, view: DocView, o: Token) -> bool:
        """A single, unnamed thing ("a platform", "the new centre"), not "new departments"."""
        return (o.tag_ == "NN" and view.tok_ent[o.i] < 0 and view.group_at(o) is None
                and any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in o.children))

    def _verb_join(self, view, v):
        if is_passive(v):
            members = self._groups(view, patient_tokens(v))
            targets = self._groups(view, prep_objects(v, self.lex.prepositions.join_target))
            rule = "member_of.join_passive"
        else:
            members = self._groups(view, subject_tokens(v))
            n = v.head
            if not members and v.dep_ in ("relcl", "acl") and (n.dep_ in ("attr", "oprd") or (
                    n.dep_ == "dobj" and n.head.lemma_.lower() in self.lex.triggers["form"])):
                # "A became the first hospital to join X", "A signed an agreement to join X": the
                # subject of the verb over the noun joined
                members = self._groups(view, subject_tokens(n.head))
            targets = self._groups(view, patient_tokens(v))
            rule = "member_of.join"
            if self._collectives(view, members) and not self._collectives(view, targets):
                members, targets = targets, members  # "The X Alliance admitted / welcomed A and B"
        collectives = self._collectives(view, targets)
        if not collectives:
            collectives, extra = self._named_by_noun(
                view, prep_objects(v, self.lex.prepositions.join_target) if is_passive(v) else patient_tokens(v))
            targets = targets + extra
        return [self._cand(view, "member_of", view.end(m), view.end(c), rule, v, members + targets)
                for m in self._members(view, members) for c in collectives if m != c]

    def _verb_lead(self, view, v):
        if v.pos_ != "VERB" and v.dep_ != "relcl":
            return []
        if is_passive(v) or (v.dep_ == "conj" and v.tag_ == "VBN" and is_passive(v.head)):
            # "X is initiated and convened by Y": a participle joined to a passive shares its subject
            patients = patient_tokens(v) if is_passive(v) else patient_tokens(v.head)
            leaders, objects, rule = self._groups(view, agent_tokens(v)), patients, "leads.passive"
            if not objects and v.dep_ == "advcl" and v.i < v.head.i:  # "Led by X, the Y Alliance now ..."
                objects = self._surface_subject(view, v.head)
        else:
            leaders, objects, rule = self._groups(view, subject_tokens(v)), patient_tokens(v), "leads.verb"
        out = []
        for o in objects:
            founded = o.lemma_.lower() in self.form_nouns
            targets = self._groups(view, prep_objects(o, ("of",)) if founded else [o])
            for c in self._collectives(view, targets):
                for m in self._members(view, leaders):
                    if m != c:
                        out.append(self._cand(view, "leads", view.end(m), view.end(c), rule, v, leaders + targets))
                        if founded:
                            out.append(self._cand(view, "member_of", view.end(m), view.end(c),
                                                  "member_of.lead_founding", v, leaders + targets))
        return out

    def _verb_take_lead(self, view, v):
        leaders = self._groups(view, subject_tokens(v))
        targets: list[Group] = []
        for x in prep_objects(v, ("in", "of")):
            if x.pos_ in ("VERB", "AUX"):
                targets += self._groups(view, patient_tokens(x))
            elif x.lemma_.lower() in self.form_nouns:
                targets += self._groups(view, prep_objects(x, ("of",)))
            else:
                targets += self._groups(view, [x])
        out = []
        for c in self._collectives(view, targets):
            for m in self._members(view, leaders):
                out.append(self._cand(view, "leads", view.end(m), view.end(c), "leads.take_lead", v, leaders + targets))
                out.append(self._cand(view, "member_of", view.end(m), view.end(c), "member_of.take_lead", v,
                                      leaders + targets))
        return out

    def _verb_transfer(self, view, v):
        lemma = v.lemma_.lower()
        preps = self.lex.prepositions.transfer_target
        if lemma in ("be", "come"):  # "X is under the (direct) management of Y": placed under Y, as a state
            # "X came under Y" is a change of hands whatever Y is; "X is under Y" may be a place
            unders = [o for o in prep_objects(v, ("under",)) if lemma == "come" or o.lower_ in self.under_nouns]
            return self._transfer_cands(view, self._groups(view, subject_tokens(v)), self._target(view, unders),
                                        "transferred_to.under", v)
        held = [o for o in patient_tokens(v) if o.lower_ in self.under_nouns]
        if lemma in ("take", "gain", "assume") and held:  # "Y took control / custody of X"
            # "took control of X": the parse may hang "of X" on the verb
            bodies = self._target(view, held) + self._groups(view, prep_objects(v, ("of",)))
            return self._transfer_cands(view, bodies, self._groups(view, intending_subject(v)),
                                        "transferred_to.take_over", v)
        if lemma in ("gain", "assume"):
            return []  # "assumed office": only control or management gained hands a body over
        if lemma == "take":  # "Y took over X": the subject now manages the object
            if not has_child(v, ("over",), ("prt", "prep", "advmod")):
                return []
            if is_passive(v):
                patients, managers = self._groups(view, patient_tokens(v)), self._groups(view, agent_tokens(v))
            else:
                patients = self._target(view, patient_tokens(v) + prep_objects(v, ("over",)))
                managers = self._groups(view, intending_subject(v))
            rule = "transferred_to.take_over"
        else:  # "X was transferred to Y"; "70% of the shares in X were transferred to Y" (a majority)
            patients = self._target(view, self._acquired(patient_tokens(v)))  # "the management of X was ..."
            managers = self._target(view, prep_objects(v, preps))
            duties = [o for w in prep_objects(v, ("with",)) for o in prep_objects(w, ("of",))]
            if lemma == "entrust" and is_passive(v) and duties:  # "Y is entrusted with the operation of X"
                patients, managers = self._groups(view, duties), self._groups(view, subject_tokens(v))
                return self._transfer_cands(view, patients, managers, "transferred_to.manage", v)
            elif not patient_tokens(v) and lemma in self.absorbing and not is_passive(v) and managers:
                patients = self._groups(view, subject_tokens(v))  # "X merged into Y": no object, X is absorbed
            if not managers and patients:
                managers = self._scan_target(view, max(g.end for g in patients if g.start > v.i) if any(
                    g.start > v.i for g in patients) else v.i + 1, preps)
            rule = "transferred_to.passive" if is_passive(v) else "transferred_to.verb"
        return self._transfer_cands(view, patients, managers, rule, v)

    def _verb_manage(self, view, v):
        """"X is managed/run by Y", "Y will manage X": X is now under Y's management."""
        if v.pos_ != "VERB" and v.dep_ != "relcl":
            return []
        patients = self._groups(view, patient_tokens(v))
        managers = self._groups(view, agent_tokens(v) if is_passive(v) else intending_subject(v))
        rule = "transferred_to.managed_by" if is_passive(v) else "transferred_to.manage"
        return self._transfer_cands(view, patients, managers, rule, v)

    def _verb_acquire(self, view, v):
        """"Y acquired X", "X was bought by Y", "Y bought a 70 percent stake in X", "will sell X
        to Y": X now belongs to Y, `transferred_to` (docs/annotation.md, "Taking over"). A stake
        hands X over only when the text says it is a majority or controlling one, or over half."""
        if v.pos_ != "VERB" and v.dep_ != "relcl":
            return []
        patients = patient_tokens(v)
        if v.lemma_.lower() in self.selling:
            buyers, rule = prep_objects(v, ("to",)), "transferred_to.sell"
            # "X sold majority control to Y": the seller sold a share of itself
            if not self._acquired(patients) and any(p.lemma_.lower() in self.stake_nouns and
                                                    _majority(p, self.majority_words) for p in patients):
                patients = subject_tokens(v)
        elif is_passive(v):  # "X was bought by Y", "X was absorbed into Y"
            buyers, rule = agent_tokens(v) or prep_objects(v, ("into",)), "transferred_to.acquired_by"
        else:
            buyers, rule = intending_subject(v), "transferred_to.acquire"
        return self._acquire_cands(view, self._acquired(patients), buyers, rule, v)

    def _noun_acquire(self, view, n):
        """"Y's acquisition of X", "Y announced the acquisition of a 75% stake in X", "the
        acquisition of X by Y"."""
        shares = [c for c in n.children if c.i < n.i and (c.like_num or c.lower_ in ("%", "percent"))]
        if shares and not _majority(n, self.majority_words):
            return []  # "Y's 30 percent acquisition of X" buys a minority share: X is not handed over
        buyers = prep_objects(n, ("by",)) + [c for c in n.children if c.dep_ == "poss"]
        if not buyers and n.dep_ in OBJECT_DEPS and n.head.pos_ == "VERB":
            buyers = subject_tokens(n.head)
        elif not buyers and n.dep_ == "pobj":  # "Y signed an agreement (with Z) on the trusteeship of X"
            v = n.head.head.head if n.head.head.dep_ in OBJECT_DEPS else n.head.head
            if v.pos_ == "VERB" and any(o.dep_ in OBJECT_DEPS and o.lemma_.lower() in self.partner_nouns
                                        for o in v.children):
                buyers = subject_tokens(v)
        if any(b.lower_ in ("its", "their") for b in buyers):
            # "X has grown through its acquisition of Y": the pronoun is the clause's subject
            v = next((a for a in n.ancestors if a.pos_ in ("VERB", "AUX")), None)
            buyers = subject_tokens(v) if v is not None else []
        return self._acquire_cands(view, self._acquired(prep_objects(n, ("of",))), buyers,
                                   "transferred_to.acquisition", n)

    def _noun_owner(self, view, n):
        """"Y became the controlling shareholder of X": Y bought a majority stake, X is handed over
        (docs/annotation.md, "Taking over"). Being one ("Y, the majority owner of X") is the state
        the guideline makes `part_of`, not a transfer."""
        if n.dep_ not in ("attr", "oprd") or n.head.lemma_.lower() != "become":
            return []
        owners, owned = self._holders(view, n), self._groups(view, prep_objects(n, ("of", "in")))
        return [self._cand(view, "transferred_to", view.end(m), view.end(c), "transferred_to.owner", n, owned + owners)
                for c in self._members(view, owners) for m in self._members(view, owned)
                if m != c and not self._own_unit(view.ents[m]["canonical"], view.ents[c]["canonical"])]

    def _acquired(self, patients: list[Token]) -> list[Token]:
        """What a purchase hands over: the objects themselves, or the body a majority share is
        of ("100% of the equity interests in X", "a controlling stake in X", "70 percent of X")."""
        out = []
        for p in patients:
            share = p
            if p.like_num or p.lower_ in ("%", "percent"):
                p = next(iter(prep_objects(p, ("of",))), None)
                if p is None or not _majority(share, self.majority_words):
                    continue
            if p.lemma_.lower() in self.stake_nouns:
                if _majority(share, self.majority_words) or _majority(p, self.majority_words):
                    out += prep_objects(p, ("in", "of"))
            else:
                out.append(p)
        return out

    def _acquire_cands(self, view, targets, buyers, rule, anchor):
        patients, owners = self._groups(view, targets), self._groups(view, buyers)
        out = []
        for c in self._members(view, owners):
            for m in self._members(view, patients):
                if m != c and not self._own_unit(view.ents[m]["canonical"], view.ents[c]["canonical"]):
                    out.append(self._cand(view, "transferred_to", view.end(m), view.end(c), rule, anchor,
                                          patients + owners))
        return out

    def _transfer_cands(self, view, patients, managers, rule, anchor):
        out = []
        # "merged into the X Group": the body is absorbed, not a member; "run by the X Group": a
        # group that runs a body is its operator (README: managed/run by is transferred_to)
        absorbed = anchor is not None and anchor.lemma_.lower() in self.absorbing or rule.startswith(
            ("transferred_to.manage", "transferred_to.take_over"))  # a group that takes X over runs it
        for c in self._members(view, managers):
            collective = self.names.category(view.ents[c]["canonical"]) == "collective" and not absorbed
            typ = "member_of" if collective else "transferred_to"
            for m in self._members(view, patients):
                if m != c and not self._own_unit(view.ents[m]["canonical"], view.ents[c]["canonical"]):
                    out.append(self._cand(view, typ, view.end(m), view.end(c),
                                          rule.replace("transferred_to", typ), anchor, patients + managers))
        return out

    def _own_unit(self, unit: str, body: str) -> bool:
        """A branch or sub-unit run by its own parent ("X Hospital Y Branch is run by X Hospital")
        has not been transferred."""
        return any(typ in ("branch_of", "part_of") and fold(parent) == fold(body)
                   for typ, parent, _ in self.names.relations(unit))

    def _verb_affiliate(self, view, v):
        holders = self._groups(view, patient_tokens(v) if is_passive(v) else subject_tokens(v))
        if not holders and v.dep_ in ("amod", "acl"):
            holders = self._groups(view, [v.head])
            left = v.head.left_edge.i
            if not holders and left >= 2 and view.doc[left - 1].text == "," and view.group_at(view.doc[left - 2]):
                holders = [view.group_at(view.doc[left - 2])]  # "X, a 3,000-bed hospital affiliated with Y"
        targets = self._target(view, prep_objects(v, self.lex.prepositions.affiliate_target))
        return self._unit_cands(view, holders, targets, "verb", v)

    def _verb_gather(self, view, v):
        """"The X Alliance brings together / comprises / includes A and B", "consists of A and B":
        the members of a named alliance (or a reference to one) listed as its objects."""
        if v.dep_ == "prep":
            return []
        if is_passive(v):
            if v.lemma_.lower() not in self.lex.composed_verbs:
                return []
            # "The X Alliance, composed of A and B, ...", "X is composed of A and B"
            alliances = self._groups(view, patient_tokens(v))
            members = self._groups(view, prep_objects(v, ("of",)))
            return [self._cand(view, "member_of", view.end(m), view.end(c), "member_of.composed", v,
                               alliances + members)
                    for c in self._collectives(view, alliances) for m in self._members(view, members) if m != c]
        if v.tag_ == "VBD" and v.lemma_.lower() not in ("include", "comprise", "consist"):
            return []  # "The association brought together A and B for a seminar": an event, not members
        alliances = self._groups(view, subject_tokens(v) or self._surface_subject(view, v))
        members = self._groups(view, patient_tokens(v) + prep_objects(v, ("of",)))
        return [self._cand(view, "member_of", view.end(m), view.end(c), "member_of.gather", v, alliances + members)
                for c in self._collectives(view, alliances) for m in self._members(view, members) if m != c]

    @staticmethod
    def _surface_subject(view: DocView, v: Token) -> list[Token]:
        """A finite verb the parser left without a subject ("Led by X, the Y Alliance now includes
        ..." parsed with the alliance in apposition to X): the name right before it, across
        adverbs and auxiliaries only."""
        if any(c.dep_ in SUBJECT_DEPS for c in v.children) or v.tag_ not in ("VBZ", "VBP", "VBD"):
            return []
        i = v.i - 1
        while i >= 0 and view.doc[i].pos_ in ("ADV", "AUX", "PART"):
            i -= 1
        return [view.doc[i]] if i >= 0 and view.groups.get(i) is not None else []

    def _verb_subordinate(self, view, v):
        holders = self._groups(view, subject_tokens(v))
        targets = self._target(view, prep_objects(v, ("to",)))
        return self._unit_cands(view, holders, targets, "subordinate", v, kind="part")

    def _unit_cands(self, view, holders, targets, pattern: str, anchor, kind: str = "affiliation"):
        """holder -> target for "X is affiliated to / a branch of / part of Y". The type follows
        the target: a named alliance makes member_of; a university or college, affiliated_with
        (for an affiliation); a branch stays branch_of; any other body, part_of. `pattern` is
        the rule's name after the type ("noun", "verb", ...)."""
        out = []
        for c in self._members(view, targets):
            category = self.names.category(view.ents[c]["canonical"])
            if kind == "branch":
                typ = "branch_of"
            elif (kind == "part" and anchor is not None and anchor.lemma_.lower() in self.lex.corporate_part_nouns
                  and name_head(view.ents[c]["canonical"]) == "Group"
                  and not any(x.lower_ == "member" for x in anchor.children)):
                typ = "part_of"  # "Y Group's unit X", "X, a division of Y Group": a company's part ("a member unit": a member)
            elif category == "collective":
                typ = "member_of"
            elif kind == "affiliation" and category == "academic":
                typ = "affiliated_with"
            else:
                typ = "part_of"
            for m in self._members(view, holders):
                if m != c:
                    out.append(self._cand(view, typ, view.end(m), view.end(c), f"{typ}.{pattern}", anchor,
                                          holders + targets))
        return out

    def _verb_invest(self, view, v):
        money_tokens = patient_tokens(v) + prep_objects(v, ("with",))
        money = next((m for t in money_tokens for m in [self._money(view, t)] if m is not None), None)
        if money is None:
            return []
        if v.lemma_.lower() in self.receiving:
            # "Y received N from X": the giver, not the subject, is the investor
            givers = prep_objects(v, ("from",)) + prep_objects(self._money_root(view, money), ("from",))
            investors = self._groups(view, givers)
        else:
            investors = self._groups(view, agent_tokens(v) if is_passive(v) else intending_subject(v))
        if not investors:
            return []
        # "invest 15 billion yuan ($2.3 billion) in X": the parser may hang the purpose on the amount
        purpose = self._purpose(view, v) or self._purpose(view, self._money_root(view, money))
        if purpose is None and v.lemma_.lower() in self.gifts and not (
                v.lemma_.lower() in self.donating and prep_objects(v, ("to",))):
            return []  # a gift counts as an investment when it funds something or is donated to someone
        if v.lemma_.lower() in self.paying and not prep_objects(v, ("for",)):
            return []  # "will pay X for the arrangement", not "paid X in fines"
        rule = "invested.passive" if is_passive(v) else "invested.verb"
        return [self._cand(view, "invested", view.end(h), view.end(money), rule, v, investors, purpose=purpose)
                for h in self._members(view, investors, INVESTOR_LABELS)]

    def _money(self, view: DocView, t: Token) -> int | None:
        """The first MONEY entity in t's phrase ("a total of 50 million yuan ($7 million)")."""
        for i in range(t.left_edge.i, t.right_edge.i + 1):
            e = view.tok_ent[i]
            if e >= 0 and view.ents[e]["label"] == "MONEY":
                return e
        return None

    @staticmethod
    def _money_root(view: DocView, money: int) -> Token:
        span = view.ent_tok[money]
        return view.doc[span[0]:span[1]].root

    def _not_investment(self, view: DocView, money: int) -> bool:
        """The classifier pairs any body with any amount: an amount that a revenue, profit, fine,
        price or sale governs ("X's profit rose to N", "sold goods worth N") is no investment."""
        span = view.ent_tok[money]
        if span is None:
            return False
        tok = view.doc[span[0]:span[1]].root
        for _ in range(3):
            if any(o.lemma_.lower() in self.not_investment for o in prep_objects(tok, ("in",))):
                return True  # "paid N in fines": on the amount or on its verb
            if tok.head is tok:
                return False
            tok = tok.head
            if {tok.lemma_.lower(), tok.lower_} & self.not_investment:  # the small model reads "fined" as "fin"
                return True
            if tok.pos_ in ("VERB", "AUX"):  # the amount's own verb: its subject and "in", then no further
                return any(c.dep_ in SUBJECT_DEPS and c.lemma_.lower() in self.not_investment for c in tok.children) \
                    or any(o.lemma_.lower() in self.not_investment for o in prep_objects(tok, ("in",)))
        return False

    def _amount_purpose(self, view: DocView, money: int) -> str | None:
        """What an amount the classifier paired with an investor is for, read as the rules read it
        off the verb or noun above the amount ("will spend [1 billion yuan] on building X",
        "an investment of [5 million yuan] in X"), up to the amount's own verb."""
        span = view.ent_tok[money]
        if span is None:
            return None
        tok = view.doc[span[0]:span[1]].root
        own = self._purpose(view, tok)  # "$500 million for six new centers"
        if own:
            return own
        for _ in range(3):
            if tok.head is tok:
                return None
            tok = tok.head
            if tok.lemma_.lower() in self.invest_nouns:  # "with a [500 million yuan] investment"
                return self._nominal_purpose(view, tok)
            if tok.pos_ == "VERB":
                # "X's investment in Y has reached [N]": the investment says what it is for
                subject = [c for c in tok.children if c.dep_ in SUBJECT_DEPS and c.lemma_.lower() in self.invest_nouns]
                purpose = self._purpose(view, subject[0]) if subject else None
                return purpose or self._purpose(view, tok)  # above the amount's own verb is another clause's
            if tok.pos_ == "NOUN":
                purpose = self._purpose(view, tok)
                if purpose:
                    return purpose
        return None

    def _purpose(self, view: DocView, v: Token) -> str | None:
        """"in building X" / "to build X" -> "building X"; "for the construction of X" ->
        "constructing X"; "in Y Hospital" -> "Y Hospital" when nothing else states one. Places,
        dates and amounts are not purposes."""
        gerunds = self.lex.gerunds
        named = None
        for c in sorted(v.children, key=lambda c: c.i):
            if c.dep_ == "prep" and c.lower_ in self.lex.prepositions.purpose:
                for g in c.children:
                    if g.dep_ == "pcomp" and g.pos_ == "VERB":
                        return _verb_phrase(g, gerunds, self.with_verbs)
                    if g.dep_ == "pobj":
                        if g.lower_ in self.lex.not_purpose_nouns:
                            # "in order to build X" states it through the verb; "in addition" nothing
                            verbs = [x for x in g.children if x.pos_ == "VERB" and has_child(x, ("to",), ("aux",))]
                            if verbs:
                                return _verb_phrase(verbs[0], gerunds, self.with_verbs)
                            continue
                        if g.tag_ == "VBG" or any(x.dep_ == "dobj" for x in g.children):
                            return _verb_phrase(g, gerunds, self.with_verbs)
                        e = view.tok_ent[g.i]
                        if e >= 0 and view.ents[e]["label"] in ORG_LABELS and named is None:
                            # "invested X in Y Hospital": the body is the purpose when nothing
                            # else ("to build ...") states one
                            named = g.doc[g.left_edge.i:max(view.ent_tok[e][1], g.i + 1)].text
                        if e >= 0 and view.ents[e]["label"] == "DATE" or g.lower_ in TIME_NOUNS:
                            # "in the next five years into elderly-care communities": the parser
                            # may hang the purpose on the time phrase before it
                            inner = [o for p in g.children if p.dep_ == "prep" and p.i > g.i
                                     and p.lower_ in self.lex.prepositions.purpose
                                     for o in p.children if o.dep_ == "pobj" and o.pos_ == "NOUN"
                                     and view.tok_ent[o.i] < 0]
                            if inner:
                                return _noun_phrase(inner[0])
                        if e >= 0 or g.lower_ in CALENDAR_WORDS or g.lower_ in TIME_NOUNS:
                            continue  # "on Monday" is a time even where no DATE entity is kept
                        action = _action_phrase(g, self.lex.action_nouns)
                        if action:
                            return action
                        # "in new laboratories and a training center", "in A, B and C": the parser
                        # may hang the later nouns anywhere (on the verb, on the amount)
                        end = _list_end(g)
                        if end > g.right_edge.i:
                            return g.doc[g.left_edge.i:end + 1].text
                        return _noun_phrase(g)
            if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB" and (
                    has_child(c, ("to",), ("aux",)) or (c.tag_ == "VBG" and c.i > v.i)):
                return _verb_phrase(c, gerunds, self.with_verbs)
        # The parser may hang "in building X" on a time phrase before it ("over the next five
        # years in building X"): a gerund one level down still states the purpose.
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ not in self.lex.prepositions.purpose and c.i > v.i:
                for g in c.children:
                    for p in g.children if g.dep_ == "pobj" else ():
                        if p.dep_ == "prep" and p.lower_ in self.lex.prepositions.purpose:
                            verbs = [x for x in p.children if x.dep_ == "pcomp" and x.tag_ == "VBG"]
                            if verbs:
                                return _verb_phrase(verbs[0], gerunds, self.with_verbs)
        if v.lemma_.lower() in ("fund", "finance"):  # "funded the new wing with 5 million yuan"
            objs = [o for o in patient_tokens(v)
                    if view.tok_ent[o.i] < 0 or view.ents[view.tok_ent[o.i]]["label"] != "MONEY"]
            if objs:
                return _noun_phrase(objs[0])
        return named

    # -- predicate nouns -----------------------------------------------------------------

    def _holders(self, view: DocView, n: Token) -> list[Group]:
        return self._holders_of(view, self._holder_groups(view, n))

    @staticmethod
    def _holders_of(view: DocView, groups: list[Group]) -> list[Group]:
        return [g for g in groups if any(view.ents[m]["label"] in ORG_LABELS for m in g.members)]

    def _holder_groups(self, view: DocView, n: Token) -> list[Group]:
        """Who a predicate noun describes: "X is/became a member of", "X, a branch of",
        "As the lead unit, X ...", "With X as its lead unit", "X was established as a branch"."""
        dep = n.dep_
        # "according to its lead unit, the X Hospital": the name in apposition to the noun
        named = self._groups(view, [c for c in n.children if c.dep_ == "appos" and c.i > n.i]
                             + prep_objects(n, self.list_openers))  # "Its 30 members, including A and B"
        if named:
            return named
        doc, k = view.doc, n.right_edge.i + 1
        if k + 1 < len(doc) and doc[k].text == "," and n.dep_ == "pobj":
            g = view.group_at(doc[k + 1 + (doc[k + 1].lower_ == "the")])
            after = doc[g.end].text if g is not None and g.end < len(doc) else ""
            if g is not None and not g.is_reference and after in ("", ".", ",", ";", ")", "\n"):
                return [g]  # the parse missed the apposition: "according to its lead unit, the X."
        own = [c for c in n.children if c.dep_ == "nsubj"]
        if own and dep in ("ccomp", "xcomp", "oprd"):  # "making X the 36th member of Y"
            return self._groups(view, own)
        if dep in ("attr", "oprd", "acomp"):
            return self._groups(view, subject_tokens(n.head))
        if dep == "dobj" and n.head.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in n.head.children):
            return self._groups(view, subject_tokens(n.head))  # "are founding members" misread as a verb
        if dep == "appos" and self._groups(view, [n.head]):
            return self._groups(view, [n.head])  # else the name before the comma (the parse's head slipped)
        if dep == "conj":
            return self._holder_groups(view, n.head)
        if dep == "pobj":
            p = n.head
            if p.lower_ == "as":
                h = p.head
                withs = [g for c in h.children if c.dep_ == "prep" and c.lower_ == "with"
                         for g in c.children if g.dep_ == "pobj" and g.right_edge.i + 1 == p.i]
                if withs:  # "... was established with X as its lead unit": the parser hung "as" on the verb
                    return self._groups(view, withs)
                if h.pos_ in ("VERB", "AUX"):
                    return self._groups(view, patient_tokens(h) if is_passive(h) else subject_tokens(h))
                return self._groups(view, [h])
            if p.lower_ == "among":
                return self._groups(view, subject_tokens(p.head))
            if p.lower_ == "of" and p.head.lower_ in ("one", "some", "each", "all", "both", "two", "three"):
                return self._holder_groups(view, p.head)  # "X is one of the founding members of Y"
        # The parse missed an apposition: "X, a branch of Y" on the surface.
        left = n.left_edge.i
        if left >= 2 and view.doc[left - 1].text == ",":
            g = view.group_at(view.doc[left - 2])
            if g is not None:
                return [g]
        return []

    def _context_collective(self, view: DocView, s: int, exclude: Iterable[int]) -> tuple[int, int] | None:
        """The alliance a sentence speaks of without naming it: one named in that sentence,
        else the nearest before it in the same or previous paragraph."""
        exclude = set(exclude)
        for s2 in view.window(s):
            found = [i for i in view.ents_in_sent[s2] if i not in exclude and view.ents[i]["label"] == "ORG"
                     and self.names.category(view.ents[i]["canonical"]) == "collective"]
            if found:
                return found[-1], s2
        return None

    def _noun_member(self, view, n):
        targets = self._groups(view, prep_objects(n, ("of",)) + [c for c in n.children if c.dep_ == "poss"])
        if n.lemma_.lower() == "membership":
            return self._membership_brought(view, n, targets)
        holders = []
        if n.dep_ == "nsubj" and n.head.pos_ in ("VERB", "AUX"):  # "Members of X include A and B"
            holders = self._holders_of(view, self._groups(view, [c for c in n.head.children if c.dep_ in OBJECT_DEPS]))
        holders = holders or self._holders(view, n)  # "Its 30 members, including A and B, will ..."
        collectives = self._collectives(view, targets)
        if not collectives:
            collectives, extra = self._named_by_noun(view, prep_objects(n, ("of",)))
            targets = targets + extra
        out = [self._cand(view, "member_of", view.end(m), view.end(c), "member_of.noun", n, holders + targets)
               for c in collectives for m in self._members(view, holders) if m != c]
        if out or targets or prep_objects(n, ("of", "in")):
            return out
        # "New members include A and B": the alliance is the one the text is speaking of.
        members = self._members(view, holders)
        found = self._context_collective(view, view.sent_of_tok[n.i], members) if members else None
        if found is None:
            return []
        c, s2 = found
        for m in members:
            cand = self._cand(view, "member_of", view.end(m), view.end(c), "member_of.noun_context", n, holders)
            cand.first_sent = s2 if s2 < cand.sent else None
            out.append(cand)
        return out

    def _membership_brought(self, view, n, targets) -> list[Candidate]:
        """"Agreements were signed between X and A, B and C, bringing the consortium's membership
        to 12": the bodies the main clause names are members of the collective whose membership
        grew (the hub of a "between X and ..." list is the side that admits them)."""
        v = n.head
        if not (n.dep_ == "dobj" and v.lemma_.lower() == "bring" and v.dep_ in ("advcl", "xcomp", "conj")):
            return []
        main = v.head
        if is_passive(main):
            holders = self._groups(view, patient_tokens(main) + prep_objects(main, ("between", "among")))
        else:
            holders = self._groups(view, subject_tokens(main) + prep_objects(main, ("with",)))
        hubs = {g.hub for g in holders if g.hub is not None}
        out = []
        for c in self._collectives(view, targets):
            for m in self._members(view, holders):
                if m != c and m not in hubs:
                    out.append(self._cand(view, "member_of", view.end(m), view.end(c), "member_of.membership",
                                          n, holders + targets))
        return out

    def _noun_lead(self, view, n):
        holders = self._holders(view, n)
        leaders = self._members(view, holders)
        if not leaders:
            return []
        targets = self._groups(view, prep_objects(n, ("of",)))
        named = self._collectives(view, targets)
        typ, rule = "leads", "leads.noun"
        if any(t.lower_.split("-")[0] in self.lex.deputy_words for t in view.doc[n.left_edge.i:n.i]):
            typ, rule = "member_of", "member_of.deputy_lead"
        if named:
            return [self._cand(view, typ, view.end(m), view.end(c), rule, n, holders + targets)
                    for c in named for m in leaders if m != c]
        if prep_objects(n, ("of", "in", "for")):
            return []  # the lead unit of something unnamed
        found = self._context_collective(view, view.sent_of_tok[n.i], leaders)
        if found is None:
            return []
        c, s2 = found
        out = []
        for m in leaders:
            cand = self._cand(view, "leads", view.end(m), view.end(c), "leads.noun_context", n, holders)
            cand.first_sent = min(s2, cand.first_sent if cand.first_sent is not None else s2)
            out.append(cand)
        return out

    def _noun_leadership(self, view, n):
        """"Under the leadership of X, the Y Alliance ..." / "with X at its head": X leads the
        subject of the clause the phrase modifies."""
        leaders = self._groups(view, prep_objects(n, ("of",)) + [c for c in n.children if c.dep_ == "poss"])
        if not (n.dep_ == "pobj" and n.head.head.pos_ in ("VERB", "AUX")):
            return []
        v = n.head.head
        targets = self._groups(view, patient_tokens(v) if is_passive(v) else subject_tokens(v))
        return [self._cand(view, "leads", view.end(m), view.end(c), "leads.leadership", n, leaders + targets)
                for c in self._collectives(view, targets) for m in self._members(view, leaders) if m != c]

    def _noun_affiliation(self, view, n):
        holders = self._holders(view, n)
        # "the affiliated hospital of Y" and "Y's (fourth) affiliated hospital"
        targets = self._target(view, prep_objects(n, self.lex.prepositions.affiliate_target + ["of"])
                               + [c for c in n.children if c.dep_ == "poss"])
        if not targets and n.dep_ == "pobj" and n.head.lower_ == "as":
            v = n.head.head  # "X was transferred to Y as its affiliated hospital"
            if v.pos_ == "VERB":
                targets = self._target(view, prep_objects(v, self.lex.prepositions.transfer_target))
        title = n.head.head if n.dep_ == "pobj" and n.head.lower_ == "of" else None
        if title is not None and title.lemma_.lower() in self.title_nouns and title.head.pos_ == "VERB" \
                and title.head.lemma_.lower() in self.granting:
            # "Y awarded the title of affiliated hospital to A, B and C"; "A was awarded the title of
            # affiliated hospital of Y"
            v = title.head
            if is_passive(v):
                holders = self._groups(view, patient_tokens(v))
                # "by Y" may hang on the verb or on "title"
                targets = targets or self._groups(view, agent_tokens(v) + prep_objects(title, ("by",)))
            else:
                holders = self._groups(view, prep_objects(v, ("to",)) + [
                    c for c in v.children if c.dep_ == "dative" and c.i != title.i])
                targets = targets or self._groups(view, subject_tokens(v))
            return self._unit_cands(view, holders, targets, "title", n)
        return self._unit_cands(view, holders, targets, "noun", n)

    def _noun_branch(self, view, n):
        holders = self._holders(view, n)
        parents = self._groups(view, prep_objects(n, ("of",)) + [c for c in n.children if c.dep_ == "poss"])
        if holders:
            return self._unit_cands(view, holders, parents, "noun", n, kind="branch")
        # "the <Place> branch hospital of <Parent Name> <Place>": the name carries its place.
        out = []
        places = {c.lower_ for c in n.children if c.dep_ in ("compound", "amod", "nmod") and c.is_title}
        for m in self._members(view, parents):
            name = view.ents[m]["canonical"]
            words = name.split()
            if len(words) >= 3 and words[-1].lower() in places and self.names.org_like(" ".join(words[:-1])):
                out.append(self._cand(view, "branch_of", view.end(m), view.named_end(" ".join(words[:-1])),
                                      "branch_of.described_name", n, parents))
        return out

    def _noun_part(self, view, n):
        if n.lemma_.lower() == "part" and n.dep_ == "pobj" and n.head.lower_ == "as":
            return []  # "as part of a campaign" describes an action, not a unit
        holders = self._holders(view, n)
        # "X, the university's largest school": the possessive is the whole; so is a name
        # before the noun ("X, a Y Healthcare subsidiary")
        targets = self._target(view, prep_objects(n, self.lex.prepositions.part_target)
                               + [c for c in n.children if c.dep_ == "poss"
                                  or (c.dep_ == "compound" and view.group_at(c) is not None)])
        return self._unit_cands(view, holders, targets, "noun", n, kind="part")

    def _noun_partner(self, view, n):
        between = self._groups(view, prep_objects(n, ("between", "among")))
        if not between:
            return self._partner_manner(view, n)
        return [self._cand(view, "partner_of", view.end(a), view.end(b), "partner_of.between", n, between)
                for a, b in self._between_pairs(view, between)]

    def _partner_manner(self, view, n):
        """"X, in collaboration with Y, built ...", "Through the tie-up with Y, X will ...", "it is
        run in cooperation with Y": the clause's subject (or the name the phrase hangs on) works
        with Y."""
        while n.dep_ == "compound" and n.head.i != n.i:
            n = n.head  # "the tie-up": "tie" hangs on "up"
        p = n.head
        if n.dep_ != "pobj" or p.lower_ not in self.lex.prepositions.partner_manner:
            return []
        partners = self._groups(view, prep_objects(n, ("with",)))
        if not partners:
            return []
        h = p.head
        actors = self._groups(view, subject_tokens(h) if h.pos_ in ("VERB", "AUX") else [h])
        return [self._cand(view, "partner_of", view.end(a), view.end(b), "partner_of.manner", n, actors + partners)
                for a in self._members(view, actors) for b in self._members(view, partners)
                if a != b and fold(view.ents[a]["canonical"]) != fold(view.ents[b]["canonical"])]

    def _noun_partner_role(self, view, n):
        """"X is a strategic partner of Y", "X, the partner hospital of Y", "As Y's partner, X ...":
        X and Y are partners; "Its partners include A and B": A and B are its partners."""
        if n.pos_ not in ("NOUN", "PROPN"):
            return []
        targets = self._groups(view, prep_objects(n, ("of", "to")) + [c for c in n.children if c.dep_ == "poss"])
        if n.dep_ == "nsubj" and n.head.lemma_.lower() in self.lex.triggers["gather"]:
            holders = self._holders_of(view, self._groups(view, [c for c in n.head.children if c.dep_ in OBJECT_DEPS]))
        else:
            holders = self._holders(view, n)
        return [self._cand(view, "partner_of", view.end(a), view.end(b), "partner_of.noun", n, holders + targets)
                for b in self._members(view, targets) for a in self._members(view, holders)
                if a != b and fold(view.ents[a]["canonical"]) != fold(view.ents[b]["canonical"])]

    def _between_pairs(self, view, between: list[Group]) -> list[tuple[int, int]]:
        """"between A and B": the pair; "between X and A, B and C": X with each of the list."""
        hubs = [g.hub for g in between if g.hub is not None]
        members = self._members(view, between)
        if len(between) == 1 and hubs and hubs[0] in members:
            x = hubs[0]
            return [(x, m) for m in members if m != x and fold(view.ents[m]["canonical"]) != fold(view.ents[x]["canonical"])]
        return self._pairs(view, members)

    def _noun_transfer(self, view, n):
        preps = self.lex.prepositions.transfer_target
        patients = self._groups(view, prep_objects(n, ("of",)) + [c for c in n.children if c.dep_ == "poss"])
        managers = self._target(view, prep_objects(n, preps))
        if not managers and patients:
            managers = self._scan_target(view, max(g.end for g in patients), preps)
        return self._transfer_cands(view, patients, managers, "transferred_to.noun", n)

    def _noun_invest(self, view, n):
        money = next((m for t in prep_objects(n, ("of",)) for m in [self._money(view, t)] if m is not None), None)
        if money is None:
            money = next((m for c in n.children if c.dep_ in ("compound", "nmod", "nummod")
                          for m in [self._money(view, c)] if m is not None), None)
        if money is None:
            return []
        investors = self._groups(view, prep_objects(n, ("by", "from")) + [c for c in n.children if c.dep_ == "poss"])
        if not investors and n.dep_ in OBJECT_DEPS and n.head.lemma_.lower() not in self.receiving:
            investors = self._groups(view, subject_tokens(n.head))
        if not investors and n.dep_ == "pobj" and n.head.lower_ == "with" and n.head.head.pos_ == "VERB" \
                and n.head.head.lemma_.lower() not in self.receiving:
            investors = self._groups(view, actor_tokens(n.head.head))  # "built by X with an investment of"
        if not investors and n.dep_ == "pobj" and n.head.lower_ == "with" and n.head.head.dep_ in SUBJECT_DEPS \
                and is_passive(n.head.head.head):
            # "the hospital, with an investment of N, was built by X": the agent of the subject's verb
            investors = self._groups(view, agent_tokens(n.head.head.head))
        if not investors and n.dep_ in ("nsubj", "nsubjpass"):
            investors = self._groups(view, prep_objects(n.head, ("from",)))  # "the funding of N came from X"
        return [self._cand(view, "invested", view.end(h), view.end(money), "invested.nominal", n, investors,
                           purpose=self._nominal_purpose(view, n)) for h in self._members(view, investors, INVESTOR_LABELS)]

    def _nominal_purpose(self, view: DocView, n: Token) -> str | None:
        """What an investment noun is for: its own phrase ("an investment of N in X"), else the verb
        it is the object of ("approved an investment of N in X"), the verb its "with" phrase hangs
        on ("to build X with an investment of N": building X; not "will have 1,000 beds"), or the
        verb that spends it ("the investment will be used to build X")."""
        purpose = self._purpose(view, n)
        if purpose is None and n.dep_ in OBJECT_DEPS and n.head.pos_ == "VERB":
            purpose = self._purpose(view, n.head)
        if purpose is None and n.dep_ == "pobj" and n.head.lower_ == "with":
            v = n.head.head
            if v.pos_ == "VERB" and not is_passive(v) and v.lemma_.lower() not in self.receiving and any(
                    c.dep_ == "dobj" for c in v.children):
                purpose = _verb_phrase(v, self.lex.gerunds, self.with_verbs)
        if purpose is None and n.dep_ in SUBJECT_DEPS and n.head.lemma_.lower() in self.spending:
            purpose = self._purpose(view, n.head)
        return purpose

    def _noun_form(self, view, n):
        """"A initiated / participated in the establishment of the X Alliance": a founder is a
        member (a lead verb over the noun is `_verb_lead`'s: "led the establishment of X")."""
        v = n.head
        if n.dep_ == "pobj" and v.lower_ == "in":
            v = v.head
        elif n.dep_ != "dobj":
            return []
        if v.lemma_.lower() not in self.lex.founder_verbs or is_passive(v):
            return []
        founders = self._groups(view, subject_tokens(v))
        targets = self._groups(view, prep_objects(n, ("of",)))
        return [self._cand(view, "member_of", view.end(m), view.end(c), "member_of.founding", n, founders + targets)
                for c in self._collectives(view, targets) for m in self._members(view, founders) if m != c]

    # -- holds_position ------------------------------------------------------------------

    def _positions(self, view: DocView, s: int, roles: list[tuple[int, int]]) -> list[Candidate]:
        sent = view.sents[s]
        # no role phrase is needed: a verb may state the role ("NAME, who heads X")
        if not any(view.tok_ent[t] >= 0 and view.ents[view.tok_ent[t]]["label"] == "PERSON"
                   for t in range(sent.start, sent.end)):
            return []
        doc = view.doc
        role_at = {start: end for start, end in roles}
        units: list[tuple[str, int, int, int | None]] = []  # symbol, token start, end, entity
        ref_units: dict[int, Group] = {}
        former: set[int] = set()  # role units after "former", "ex-", "retired" ...
        i = sent.start
        while i < sent.end:
            e = view.tok_ent[i]
            if e >= 0 and view.ent_tok[e] and view.ent_tok[e][0] == i:
                units.append((SYMBOL.get(view.ents[e]["label"], "w"), i, view.ent_tok[e][1], e))
                i = view.ent_tok[e][1]
                continue
            if doc[i].lower_ in self.pronouns and i + 1 in role_at:
                # "NAME, vice-president of the hospital, was named its Party secretary": the body
                # named last in the sentence; "Its president, NAME, said": the one spoken of before
                last = next((k for k in range(len(units) - 1, -1, -1) if units[k][0] == "O"), None)
                org = units[last][3] if last is not None else self._pronoun_org(view, i)
                if org is not None:
                    units.append(("O", i, i + 1, org))
                    ref_units[len(units) - 1] = (ref_units[last] if last in ref_units else Group(
                        (org,), i, i + 1, via=view.sent_of_tok[view.ent_tok[org][0]]))
                    i += 1
                    continue
            head = doc[i].head
            if doc[i].lower_ == "the" and i < head.i < sent.end and head.left_edge.i == i:
                g = view.group_at(head)  # "NAME, president of the university"
                if g is not None and g.is_reference and len(g.members) == 1:
                    units.append(("O", i, g.end, g.members[0]))
                    ref_units[len(units) - 1] = g
                    i = g.end
                    continue
            if i + 1 in role_at and e < 0 and view.tok_ent[i + 1] < 0:
                owner = self._role_owner(view, i, role_at[i + 1], doc[i - 1].lower_ if i > sent.start else "")
                if owner is not None:  # "Group president NAME"
                    units.append(("O", i, i + 1, owner.members[0]))
                    ref_units[len(units) - 1] = owner
                    i += 1
                    continue
            if i in role_at and e < 0:
                before = doc[i - 1].lower_ if i > sent.start else ""
                if before in ("a", "an", "the") and i - 1 > sent.start:
                    before = doc[i - 2].lower_  # "formerly a deputy director"
                end = _role_field_end(doc, role_at[i], sent.end, view.tok_ent, view.ents)
                owner = self._role_owner(view, i, end, before)
                if owner is not None:  # "Hospital president NAME": the hospital is the reference
                    units.append(("O", i, i + 1, owner.members[0]))
                    ref_units[len(units) - 1] = owner
                    i += 1
                if before in self.not_current:  # "former president": a post, held before
                    former.add(len(units))
                units.append(("R", i, end, None))
                i = end
                continue
            w = doc[i].lower_.replace("\u2019", "'")
            units.append((w if w in self.position_words else "w", i, i + 1, None))
            i += 1
        text, starts = "", {}
        for k, u in enumerate(units):
            starts[len(text)] = k
            text += u[0] + " "
        text = text.rstrip()
        items: dict[int, tuple[int | None, int, str, bool]] = {}  # person unit -> (org unit, role unit, rule, dated)
        also: list[tuple[int, int | None, int, str, bool]] = []  # a person's further posts
        fixed = {}
        for name, dated, rx, role_as in self.position_patterns:
            fixed[name] = role_as
            for m in rx.finditer(text):
                p, r = starts.get(m.start("person")), starts.get(m.start("role"))
                o = starts.get(m.start("org")) if "org" in rx.groupindex else None
                if p is None or r is None:
                    continue
                if name.startswith("also_"):
                    also.append((p, o, r, name, dated))
                elif p not in items:
                    items[p] = (o, r, name, dated)
                elif o is not None and items[p][1] != r and items[p][0] != o and all(
                        a[0] != p or a[2] != r for a in also):
                    # "NAME, president of X, who was elected chairman of Y": another role, another body
                    also.append((p, o, r, name, dated))
        also += self._listed_holders(units, items, doc)
        also += title_chain(units, items, {a[0] for a in also},
                            placed=lambda r: doc[units[r][2] - 1].lower_ in self.place_titles)
        also += _post_chain(units, {(a[0], a[1]) for a in also} | {(p, v[0]) for p, v in items.items()})
        out = []
        ordered = sorted(items)
        for k, (p, (o, r, name, dated)) in enumerate([(p, items[p]) for p in ordered] + [(a[0], a[1:]) for a in also]):
            if o is None:  # "B, president;" between "A, director of X;" and "C, dean of X"
                o = self._elided_org(units, ordered, items, k) if k < len(ordered) else None
                if o is None:
                    continue
            person, org = units[p][3], units[o][3]
            if view.ents[org]["label"] != "ORG" or self._title_words(view.ents[org]["canonical"]):
                continue
            # a title shared by a list is each one's title in the singular ("vice presidents")
            role = fixed.get(name) or "".join(
                (singular_title(t.lower_, self.post_titles) or t.text) + t.whitespace_
                for t in doc[units[r][1]:units[r][2]]).strip().lower().replace("\u2019", "'")
            # "former president", "was vice president of Y from 2012 to 2016": a past post is
            # still a post held (docs/annotation.md), with "former" in its role
            if (r in former or self._ended(view, units[o][2], sent.end, units[p][1])
                    or post_ended(doc, units[p][1:3], self.ending_verbs)) \
                    and not role.startswith(("former", "ex-")):
                role = "former " + role
            anchor = doc[units[p][2]] if dated and units[p][2] < sent.end else None
            if anchor is not None:
                # the verb that states the post ("NAME, ..., will serve as", "was appointed"), which
                # carries its modality and date
                lo, hi = sorted((units[p][2], units[r][1]))
                verbs = [t for t in doc[lo:hi] if t.pos_ in ("VERB", "AUX")]
                anchor = verbs[-1] if verbs else anchor
                if anchor.dep_ in ("aux", "auxpass", "advmod", "neg"):
                    anchor = anchor.head
            # the first mention of each body only: a person's posts restated all through a long
            # text made every later "the commission" scan all of them
            view.posts.setdefault(fold(view.ents[person]["canonical"]), {}).setdefault(
                fold(view.ents[org]["canonical"]), org)
            via = [ref_units[o]] if o in ref_units else []
            cand = self._cand(view, "holds_position", view.end(person), view.end(org),
                              f"holds_position.{name}", anchor, via, sent=s, role=" ".join(role.split()))
            if not dated:
                cand.date = None
            out.append(cand)
        return out

    def _listed_holders(self, units, items, doc) -> list[tuple[int, int | None, int, str, bool]]:
        """People listed under one title hold it each: "ORG vice presidents A, B and C", "Vice
        President A and B of ORG" (the names after the title), "A and B, members of ORG" (before
        a plural title only: "A and B, director of ORG" is B's post)."""
        out = []
        for p, (o, r, name, dated) in list(items.items()):
            if o is None:
                continue
            if r < p:
                step, k = 1, p + 1
            elif singular_title(doc[units[r][2] - 1].lower_, self.post_titles):
                step, k = -1, p - 1
            else:
                continue
            while honorific_gap(units, k):  # "Mr A and Dr B, members of ORG"
                k += step
                if 0 <= k < len(units) and units[k][0] == "P" and k not in items:
                    if step > 0 and k + 2 < len(units) and units[k + 1][0] == "," and \
                            units[k + 2][0] in ("R", "O", "the", "a", "an"):
                        break  # "R of O A, and B, ORG Chancellor ...": B has a title of his own
                    out.append((k, o, r, name, dated))
                    k += step
            # stop at anything else: a name with its own title is its own item
        return out

    def _title_words(self, name: str) -> bool:
        """"Deputy Party" cut from "Deputy Party Secretary NAME": a name of title words alone
        names no body a post is held at."""
        return all(w in self.role_mods or w in self.role_heads for w in fold(name).split())

    def _ended(self, view: DocView, after: int, limit: int, lo: int) -> bool:
        """A post given an end ("from 2012 to 2016", "until 2019") right after its body, not in a
        statement about the future: a former post."""
        doc = view.doc
        if any(t.lower_ in self.planned_aux for t in doc[lo:after]):
            return False
        for k in range(after, min(after + 6, limit - 1)):
            if doc[k].text in (",", ";", ".") or (view.tok_ent[k] >= 0 and view.ents[view.tok_ent[k]]["label"] == "ORG"):
                return False
            e = view.tok_ent[k]
            if e >= 0 and view.ents[e]["label"] == "DATE" and _RANGE.search(view.ents[e]["text"]):
                return True  # one DATE "from 2012 to 2016", "2012-2016"
            nxt = view.tok_ent[k + 1]
            if doc[k].lower_ in ("to", "and", "until", "till", "through") and nxt >= 0 and \
                    view.ents[nxt]["label"] == "DATE":
                return doc[k].lower_ not in ("to", "and") or any(
                    t.lower_ in ("from", "between") for t in doc[after:k])
        return False

    def _role_owner(self, view: DocView, i: int, end: int, before: str) -> Group | None:
        """"Hospital president NAME", "Group president NAME": a role phrase opened by a reference
        noun names its body by that noun, the one the text is speaking of (not after "a"; the
        noun must leave a role behind it)."""
        doc, refs = view.doc, self.lex.references
        word = doc[i].lower_
        category = refs.singular_nouns.get(word)
        if (category is None or category.startswith("gpe:") or end - i < 2 or before in ("a", "an", "'s")
                or before in self.not_current or doc[i + 1].lower_ not in self.role_heads | self.role_mods
                or doc[i].pos_ not in ("NOUN", "PROPN") or (i > 0 and view.tok_ent[i - 1] >= 0)):
            return None
        found = self._antecedents(view, i, category, 1)
        if found:
            return Group(found[0], i, i + 1, via=found[1])
        found = self._main_antecedent(view, i, category)
        return Group(found[0], i, i + 1, via=found[1], far=True) if found else None

    @staticmethod
    def _elided_org(units, ordered, items, k) -> int | None:
        """The organisation of the neighbouring list items, when the gap holds only separators."""
        def gap_ok(a: int, b: int) -> bool:
            return all(u[0] in (";", ",", "and") for u in units[a:b])

        p = ordered[k]
        r = items[p][1]
        prev = ordered[k - 1] if k > 0 else None
        nxt = ordered[k + 1] if k + 1 < len(ordered) else None
        if prev is not None and items[prev][0] is not None and gap_ok(items[prev][0] + 1, p):
            return items[prev][0]
        if nxt is not None and items[nxt][0] is not None and gap_ok(r + 1, nxt):
            return items[nxt][0]
        return None

    # -- names ---------------------------------------------------------------------------

    def _name_relations(self, view: DocView) -> list[Candidate]:
        out = []
        cache: dict[str, list] = {}
        for e, ent in enumerate(view.ents):
            if ent["label"] != "ORG" or view.ent_tok[e] is None:
                continue
            found = cache.setdefault(ent["canonical"], self.names.relations(ent["canonical"]))
            if not found and fold(ent["text"]) != fold(ent["canonical"]):
                found = self.names.relations(ent["text"])
            if not found:
                out += self._owned_name(view, e) or self._comma_parent(view, e)
                continue
            start, end = view.ent_tok[e]
            root = view.doc[start:end].root
            anchor = self._founding_anchor(root)
            s = view.sent_of_tok[start]
            for typ, parent, rule in found:
                if fold(parent) == fold(ent["canonical"]):
                    continue
                cand = self._cand(view, typ, view.end(e), self._parent_end(view, parent), rule, anchor, [], sent=s)
                self._own_clause(cand, anchor)
                out.append(cand)
                # The parent's own name may carry a relation too ("... Hospital of Y University
                # School of Medicine": the school is part of Y University).
                for typ2, grand, rule2 in cache.setdefault(parent, self.names.relations(parent)):
                    if fold(grand) != fold(parent):
                        cand = self._cand(view, typ2, self._parent_end(view, parent), view.named_end(grand), rule2,
                                          None, [], sent=s)
                        cand.date = None
                        out.append(cand)
        return out

    def _comma_parent(self, view: DocView, e: int) -> list[Candidate]:
        """"director of the Institute of X, Y University": a unit named before a comma and its
        parent's name is the comma form of "Institute of X of Y University" (the two names apart),
        unless the two are items of a list ("A, B and C")."""
        doc, (start, end) = view.doc, view.ent_tok[e]
        if end + 1 >= len(doc) or doc[end].text != "," or view.tok_ent[end + 1] < 0:
            return []
        p = view.tok_ent[end + 1]
        if view.ents[p]["label"] != "ORG" or view.ent_tok[p] is None:
            return []
        p_end = view.ent_tok[p][1]
        after = doc[p_end] if p_end < len(doc) else None
        if after is not None and after.text in (",", "and", "&") and p_end + 1 < len(doc) and (
                view.tok_ent[p_end + 1] >= 0 or doc[p_end + 1].lower_ in ("the", "and")):
            return []  # "A, B, C and D" / "A, B and the C": a list
        if start >= 2 and doc[start - 1].text == "," and view.tok_ent[start - 2] >= 0:
            return []  # "..., A, B": a list
        if doc[view.ent_tok[p][0]:p_end].root.dep_ in SUBJECT_DEPS:
            return []  # "Through the tie-up with X Hospital, Y will ...": the next clause's subject
        w = self.names.words
        parent = view.ents[p]["canonical"]
        if name_head(view.ents[e]["canonical"]) not in w.academic_unit_heads or not (
                name_head(parent) in w.academic_heads + w.juxtaposed_parent_heads or _academic_acronym(parent)):
            return []  # a school or institute of a university or academy; other pairs so written are list items
        typ = self.names._comma_name(f"{view.ents[e]['canonical']}, {view.ents[p]['canonical']}")
        if typ != "part_of":
            return []
        return [self._cand(view, typ, view.end(e), view.end(p), "part_of.comma_parent", None, [],
                           sent=view.sent_of_tok[start])]

    @staticmethod
    def _parent_end(view: DocView, parent: str) -> dict:
        """The end a parent read from a name stands for: the entity of that name, else, for "B of
        C" that the text names only inside the longer name, the entity it names on its own as B
        ("Department of X of Xinghe Hospital of Y University", then "Xinghe Hospital")."""
        end = view.named_end(parent)
        short = _OF.split(parent, maxsplit=1)[0]
        if end["entity"] is None and short != parent and len(short.split()) >= 2:
            found = view.by_name.get(("ORG", fold(short)))
            if found is not None:
                return view.end(found)
        return end

    def _owned_name(self, view: DocView, e: int) -> list[Candidate]:
        """"the university's Weihai Affiliated Hospital", "the hospital's Xindian Branch": a name that
        says it is an affiliated hospital or a branch, owned by the possessive before it; "the
        hospital's Department of Pain Medicine": a unit (not a hospital) is part of its owner."""
        words = view.ents[e]["canonical"].split()
        w = self.names.words
        head = name_head(view.ents[e]["canonical"])
        if any(x in w.affiliated_words for x in words):
            typ = "affiliated_with"
        elif head in w.branch_words:
            typ = "branch_of"
        elif head in w.subunit_heads and head not in w.hospital_heads:
            typ = "part_of"
        else:
            return []
        start, end = view.ent_tok[e]
        root = view.doc[start:end].root
        owners = [c for c in root.children if c.dep_ == "poss" and c.i < start]
        if not owners and start >= 2 and view.doc[start - 1].lower_ in ("'s", "\u2019s"):
            owners = [view.doc[start - 2]]  # the parser may hang the possessive elsewhere
        if owners and owners[0].tag_ == "WP$":  # "Y University, whose Third Affiliated Hospital ..."
            node = owners[0]
            while node.dep_ != "relcl" and node.head.i != node.i:
                node = node.head
            w = owners[0].i
            owners = ([node.head] if node.dep_ == "relcl" else  # else the name before ", whose"
                      [view.doc[w - 2]] if w >= 2 and view.doc[w - 1].text == "," else [])
        g = view.group_at(owners[0]) if owners else None
        if g is None or len(g.members) != 1 or view.ents[g.members[0]]["label"] != "ORG":
            return []
        owner = g.members[0]
        if typ == "affiliated_with" and self.names.category(view.ents[owner]["canonical"]) != "academic":
            return []
        if typ == "part_of" and name_head(view.ents[owner]["canonical"]) not in self.names.words.parent_heads:
            return []  # "the alliance's Secretariat" is no unit of a body
        anchor = self._founding_anchor(root)
        cand = self._cand(view, typ, view.end(e), view.end(owner), f"{typ}.possessive_name", anchor, [g],
                          sent=view.sent_of_tok[start])
        self._own_clause(cand, anchor)
        return [cand]

    def _own_clause(self, cand: Candidate, anchor: Token | None) -> None:
        """A name-carried fact is dated only by its founding verb; one founded in a relative
        clause ("X Branch, which opened in 2020, will ...") takes no modality from the main clause."""
        if anchor is None:
            cand.date = None
        elif anchor.dep_ in ("relcl", "acl") and cand.modality != "hedged":
            cand.modality = "planned" if has_child(anchor, self.planned_aux, ("aux",)) else "asserted"

    def _founding_anchor(self, root: Token) -> Token | None:
        """The verb that opened/unveiled/established the named unit, when the name is its
        patient ("X Branch was unveiled on ...", "... opened X Branch") or the subject of its
        intransitive use ("X Branch opened in 2019", "X Branch, which opened in 2020, ..."),
        else None."""
        for c in root.children:  # "X Branch, which opened in 2020" / ", established in 2018,"
            if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in self.founding and self._founds(c, None):
                return c
        node, below = root, None
        while node.pos_ not in ("VERB", "AUX"):
            if node.head.i == node.i:
                return None
            node, below = node.head, node
        if below is None or node.lemma_.lower() not in self.founding:
            return None
        return node if self._founds(node, below) else None

    @staticmethod
    def _founds(v: Token, below: Token | None) -> bool:
        """v founds the unit `below` hangs from (None: the noun v modifies): as its patient, or
        as the subject of a verb used without an object."""
        if below is None:
            subject = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
            return v.dep_ == "acl" and v.tag_ == "VBN" or bool(subject) and subject[0].lower_ in RELATIVE_PRONOUNS and (
                is_passive(v) or not any(c.dep_ == "dobj" for c in v.children))
        if below.dep_ in ("nsubjpass", "dobj", "attr", "oprd") or (below.dep_ == "nsubj" and is_passive(v)):
            return True
        return below.dep_ == "nsubj" and not any(c.dep_ == "dobj" for c in v.children)

    # -- candidates, modality, dates -------------------------------------------------------

    def _cand(self, view: DocView, typ: str, head: dict, tail: dict, rule: str, anchor: Token | None,
              groups: Iterable[Group], sent: int | None = None, role: str | None = None,
              purpose: str | None = None) -> Candidate:
        groups = list(groups)
        s = sent if sent is not None else view.sent_of_tok[anchor.i]
        refs = [g for g in groups if g.is_reference and (
            head["entity"] in g.members or tail["entity"] in g.members)]
        if refs:
            rule += ".ref" + (".far" if any(g.far for g in refs) else "")
        cand = Candidate(typ, head, tail, rule, s, anchor, role=role, purpose=purpose,
                         first_sent=min([g.via for g in refs], default=None))
        if anchor is not None:
            mod = self._modality(anchor)
            if any(g.negated for g in groups):
                mod = "negated"
            cand.modality = "hedged" if mod is None or any(g.uncertain for g in groups) else mod
            cand.date = self._date(view, anchor)
        return cand

    def _modality(self, t: Token) -> str | None:
        """asserted, planned or negated; None when the statement is only a possibility."""
        negated = planned = False
        if has_child(t, self.neg_words, ("neg", "det", "preconj", "advmod")):
            negated = True
        if any(has_child(o, ("no",), ("det",)) for o in t.children if o.dep_ in OBJECT_DEPS):
            negated = True
        node, path_deps = t, []
        for _ in range(12):
            lemma = node.lemma_.lower()
            above = node.i != t.i  # a governor of the trigger, not the trigger itself
            if above and lemma in self.hedge_gov:
                return None
            if has_child(node, self.hedge_words, ("aux", "advmod", "mark", "amod")):
                return None
            if above and lemma in self.neg_gov:
                negated = True
            if has_child(node, self.planned_aux, ("aux",)):
                planned = True
            if has_child(node, ("to",), ("aux",)) and (
                    node.head.i == node.i and any(c.dep_ in SUBJECT_DEPS for c in node.children)
                    or node.dep_ in ("relcl", "acl") and node.head.dep_ == "ROOT" and node.head.i < node.i
                    and node.head.pos_ in ("NOUN", "PROPN")):
                planned = True  # a headline's "X to invest Y" (a clause or a noun with its infinitive)
            if above and (lemma in self.planned_gov or lemma in self.planned_nouns):
                planned = True
            if above and path_deps and path_deps[-1] == "xcomp" and has_child(node, self.neg_words, ("neg",)):
                negated = True  # "did not agree to form"
            if node.dep_ not in MODALITY_UP_DEPS or node.head.i == node.i:
                break
            if node.dep_ == "pobj" and node.head.lower_ == "as" and node.head.i < node.head.head.i:
                break  # "As an affiliated hospital of Y, X will ...": the description is not planned
            path_deps.append(node.dep_)
            node = node.head
        if negated:
            return "negated"
        return "planned" if planned else "asserted"

    def _date(self, view: DocView, anchor: Token) -> str | None:
        """The ISO value of the DATE attached to the anchor's clause (or the clauses it sits in),
        not one reached only through another finite clause."""
        s = view.sent_of_tok[anchor.i]
        sent = view.sents[s]
        chain = {anchor.i: 0}
        if anchor.pos_ in ("NOUN", "PROPN"):
            for c in anchor.children:
                if c.dep_ == "acl":
                    chain[c.i] = 0
        node = anchor
        for d in range(1, 40):
            # A description in apposition or a fronted "As ..." phrase is not dated by the main
            # verb; nor is a fact by the verb that reports it ("..., the hospital said on May 3").
            # Nor is a fact in a relative clause by its main clause ("The alliance, which X leads,
            # was founded in 2016").
            if node.dep_ == "relcl" and view.tok_ent[node.head.i] >= 0 and \
                    view.ents[view.tok_ent[node.head.i]]["label"] == "DATE":
                chain.setdefault(node.head.i, d)  # "in late 2021, when it signed ...": that date
            # "signed an agreement under which X becomes ...": the agreement's date is the fact's
            by_which = node.dep_ == "relcl" and any(
                c.dep_ == "prep" and any(g.lower_ == "which" for g in c.children) for c in node.children)
            # "..., making X the 36th member": the result is dated with the clause that caused it
            made = node.dep_ == "ccomp" and node.head.lemma_.lower() == "make"
            if (node.dep_ in ("appos", "ccomp", "parataxis", "relcl") and not by_which and not made) \
                    or node.head.i == node.i:
                break
            if node.dep_ == "pobj" and node.head.lower_ == "as" and node.head.i < node.head.head.i:
                break
            if node.dep_ == "conj" and self._own_time(node):
                break  # "was placed under Y in 2016 and now serves as ...": 2016 is the other verb's
            if node.dep_ == "pobj" and node.head.lower_ == "to" and node.head.head.lower_ == "according":
                break  # "..., according to its lead unit, X": the source, not dated by what it reports
            node = node.head
            chain.setdefault(node.i, d)
        best = None
        seen: set[int] = set()
        for t in range(sent.start, sent.end):
            e = view.tok_ent[t]
            if e < 0 or e in seen or view.ents[e]["label"] != "DATE" or not view.ents[e].get("value"):
                continue
            seen.add(e)
            start, end = view.ent_tok[e]
            node = view.doc[start:end].root
            steps = 0
            while node.i not in chain:
                foreign = node.dep_ in FOREIGN_CLAUSE_DEPS and not (
                    node.dep_ == "advcl" and has_child(node, ("to",), ("aux",))  # "to support X in 2022"
                    # "managed by Y since it opened in 2012": a clause saying when the fact began
                    or node.dep_ == "advcl" and has_child(node, ("since", "when"), ("mark", "advmod")))
                if node.pos_ in ("VERB", "AUX") and foreign and steps > 0:
                    node = None
                    break
                if node.head.i == node.i:
                    node = None
                    break
                node, steps = node.head, steps + 1
            if node is None:
                continue
            score = (chain[node.i], steps)
            if best is None or score < best[0]:
                best = (score, view.ents[e]["value"])
        return best[1] if best else None

    def _own_time(self, v: Token) -> bool:
        """A coordinated verb set in a time of its own: a time word of its own ("and now serves",
        "and later joined") or another tense than the verb it is joined to ("was placed ... and
        serves")."""
        if v.pos_ not in ("VERB", "AUX") or v.head.pos_ not in ("VERB", "AUX"):
            return False
        if any(c.dep_ in ("advmod", "npadvmod") and c.lower_ in self.own_time_words for c in v.children):
            return True

        def tense(t: Token) -> str | None:
            tags = [t.tag_] + [c.tag_ for c in t.children if c.dep_ in ("aux", "auxpass")]
            if any(tag in ("VBD",) for tag in tags):
                return "past"
            if any(tag in ("VBZ", "VBP") for tag in tags) and not any(
                    c.dep_ == "aux" and c.lower_ in ("has", "have") for c in t.children):
                return "present"
            return None

        a, b = tense(v), tense(v.head)
        return a is not None and b is not None and a != b

    # -- output ----------------------------------------------------------------------------

    def _confidence(self, rule: str) -> float:
        rules = self.conf["rules"]
        if rule in rules:
            return rules[rule]
        if rule.endswith(".far"):  # a reference resolved beyond its window: less sure
            return round(self._confidence(rule[:-4]) * 0.8, 4)
        if rule.endswith(".ref") and rule[:-4] in rules:
            return round(rules[rule[:-4]] * 0.9, 4)
        return self.conf["default"]

    def _finish(self, view: DocView, found: list[Candidate]) -> list[dict]:
        """One relation per (type, head, tail): asserted over negated, a current post over a
        former one, dated over undated, then the most confident; its confidence is the best any
        rule gave the fact."""
        best: dict[tuple, tuple[tuple, Candidate, float]] = {}
        purposes: dict[tuple, tuple[bool, str]] = {}  # (stated in a headline, purpose)
        restated = first_currency(view)
        for order, c in enumerate(found):
            if c.type == "invested" and c.tail["entity"] in restated:
                c.tail = view.end(restated[c.tail["entity"]])
            if c.modality == "hedged" or fold(c.head["canonical"]) == fold(c.tail["canonical"]):
                continue
            if c.type == "holds_position" and c.head["label"] != "PERSON":
                continue
            h, t = fold(c.head["canonical"]), fold(c.tail["canonical"])
            key = (c.type,) + (tuple(sorted((h, t))) if c.type == "partner_of" else (h, t))
            conf = self._confidence(c.rule)
            current = not (c.role or "").startswith(("former", "ex-"))  # a post now over a past one
            rank = (c.modality != "negated", current, c.date is not None, conf, c.modality == "asserted", -order)
            if c.purpose and (key not in purposes or purposes[key][0]):
                # a headline may state the amount, the body what it is for, and says it shorter
                purposes[key] = (_headline(view.sents[c.sent]), c.purpose)
            if key not in best:
                best[key] = (rank, c, conf if c.modality != "negated" else 0.0)
            else:
                prev_rank, prev, prev_conf = best[key]
                top = max(prev_conf, conf if c.modality != "negated" else 0.0)
                best[key] = (rank, c, top) if rank > prev_rank else (prev_rank, prev, top)
        for key, (rank, c, conf) in best.items():
            if key in purposes and (c.purpose is None or _headline(view.sents[c.sent]) and not purposes[key][0]):
                c.purpose = purposes[key][1]
        out = []
        for rank, c, conf in sorted(best.values(), key=lambda x: (x[1].sent, x[1].rule)):
            sent = view.sents[c.sent]
            start, end = sentence_evidence(sent)
            if c.first_sent is not None and c.first_sent < c.sent:
                start = sentence_evidence(view.sents[c.first_sent])[0]
            confidence = conf if c.modality != "negated" else self._confidence(c.rule)
            out.append({"type": c.type, "head": c.head, "tail": c.tail, "role": c.role, "date": c.date,
                        "purpose": c.purpose, "modality": c.modality,
                        "confidence": round(min(max(confidence, 0.0), 1.0), 4), "rule": c.rule,
                        "evidence": [start, end]})
        return out


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


def _role_field_end(doc: Doc, end: int, limit: int, tok_ent: list[int], ents: list[dict] | None = None) -> int:
    """"head of cardiology at X": a role with the field it heads ends before "at", which names
    the body (with "of" alone, the body follows "of" itself). "director of the medical department
    of X": lowercase words between two "of"s, the second one naming a body, are part of the role."""
    if end < limit and doc[end].lower_ == "of":
        j = end + 1
        while j < limit and j - end <= 3 and doc[j].is_lower and doc[j].is_alpha and tok_ent[j] < 0 \
                and doc[j].lower_ not in ("at", "the", "a", "an"):
            j += 1
        if j > end + 1 and j < limit and doc[j].lower_ == "at":
            return j
        j = end + 1 + (end + 1 < limit and doc[end + 1].lower_ == "the")
        first = j
        while j < limit and j - first < 3 and doc[j].is_lower and doc[j].is_alpha and tok_ent[j] < 0 \
                and doc[j].lower_ not in ("at", "the", "a", "an", "of", "and"):
            j += 1
        if ents is not None and first < j and j + 2 < limit and doc[j].lower_ == "of":
            k = j + 1 + (doc[j + 1].lower_ == "the")
            if tok_ent[k] >= 0 and ents[tok_ent[k]]["label"] == "ORG":
                return j
    return end


_HONORIFIC_UNITS = frozenset({"mr.", "mrs.", "ms.", "dr.", "prof.", "mr", "mrs", "ms", "dr", "prof", "comrade", "madam"})
_CHAIN_GAP = 8  # units from a title to its body: "member of the standing committee of O"


def _post_chain(units, have: set) -> list[tuple[int, int, int, str, bool]]:
    """"NAME, member of the Standing Committee of X and secretary of Y, President of Z": the
    posts after a name, read one segment ("[w] R of|at [...] O") after another across commas
    and "and", also past segments without a title the word lists know or without a named body
    ("member of ...", "former Vice Minister of Health"); "R of A and (the) B" gives the post at
    both. The chain ends at another name, a body followed by a name ("R of O NAME" is that
    name's post) or anything else."""
    out = []
    n = len(units)
    sym = lambda k: units[k][0] if k < n else "."  # noqa: E731
    for p, k in [(p, p + 2) for p in range(n - 1) if sym(p) == "P" and sym(p + 1) == ","]:
        last_role = None
        while k < n:
            j = k
            while sym(j) in ("the", "a", "an", "also"):
                j += 1
            w0 = j
            while sym(j) == "w" and j - w0 < 3:
                j += 1
            r = j if sym(j) == "R" else None
            j += r is not None
            if sym(j) in ("of", "at") and j > w0:
                j += 1
                o = None
                while j < n and j - w0 <= _CHAIN_GAP and sym(j) in ("w", "of", "the", "'s", "O"):
                    o = j if sym(j) == "O" else o
                    j += 1
                if o is not None and sym(o + 1) in ("of", "the", "'s", "w"):
                    j = o + 1  # the body ends the segment: "... of O in w" is no part of it
                elif o is None and sym(j) not in (",", "and"):
                    break
            elif (last_role is not None and sym(w0) == "O" and j == w0 and sym(k - 1) == "and" and sym(k - 2) != ","
                  and sym(w0 + 1) in (",", ";", ".", ")")):
                o, r, j = w0, last_role, w0 + 1  # "director of A and the B," (not "..., and B signed")
            else:
                break
            if o is not None and (sym(o + 1) == "P" or (sym(o + 1) in _HONORIFIC_UNITS and sym(o + 2) == "P")):
                break  # "R of O NAME": the next person's post
            # a further post (the first is the apposition's), stated as "R of|at (the) O" and done
            strict = o is not None and sym(o + 1) in (",", "and", ";", ".", ")") and (
                sym(o - 1) in ("of", "at") and o - 2 == r or sym(o - 1) == "the" and o - 3 == r or o == w0)
            if r is not None and strict and k > p + 2 and (p, o) not in have:
                out.append((p, o, r, "chain", False))
                have.add((p, o))
            last_role = r
            k = j
            if sym(k) == "," and sym(k + 1) == "and":
                k += 2
            elif sym(k) in (",", "and"):
                k += 1
            else:
                break
            if sym(k) == "P":
                break
    return out


def singular_title(word: str, titles: frozenset) -> str | None:
    """The singular of a plural title ("presidents", "deputies"), or None."""
    for plural, single in (("ies", "y"), ("s", "")):
        if word.endswith(plural) and word[:-len(plural)] + single in titles:
            return word[:-len(plural)] + single
    return None


def _longest_per_start(matches: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Triggers: per start token the longest verb phrase ("join hands" over "join"), every
    family of that length kept; per head noun the longest noun phrase ("lead unit" over "unit")."""
    verbs: dict[int, dict[str, tuple[str, int, int]]] = {}
    nouns: dict[int, tuple[str, int, int]] = {}
    for label, start, end in matches:
        if label.startswith("N:"):
            if end - 1 not in nouns or start < nouns[end - 1][1]:
                nouns[end - 1] = (label, start, end)
        else:
            fam = verbs.setdefault(start, {})
            if label not in fam or end > fam[label][2]:
                fam[label] = (label, start, end)
    out = list(nouns.values())
    for fam in verbs.values():
        longest = max(m[2] for m in fam.values())
        out += [m for m in fam.values() if m[2] == longest]
    return sorted(out, key=lambda m: (m[1], m[0]))


def _longest(spans: list[tuple[int, int]], view: DocView) -> list[tuple[int, int]]:
    """Non-overlapping role phrases, longest first, none inside an entity."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if any(view.tok_ent[t] >= 0 for t in range(start, end)):
            continue
        if all(end <= a or start >= b for a, b in out):
            out.append((start, end))
    return sorted(out)


@Language.factory("consortia_relations", assigns=["doc.user_data"], requires=["doc.sents", "token.dep"],
                  default_config={"lexicon": None, "confidence": None, "model": None,
                                  "model_mode": "union", "titled_post_threshold": None})
def make_relations(nlp: Language, name: str, lexicon: str | None, confidence: str | None,
                   model: str | None, model_mode: str, titled_post_threshold: float | None = None):
    """model: a folder with a trained relation classifier (`consortia train relations`), or
    null for the rules alone. model_mode: "union" adds the model's relations to the rules';
    "model" keeps of the rules only the relations that names state. titled_post_threshold: the
    classifier's score a post needs when a title links the person to the body (below the
    model's threshold), null for the model's threshold."""
    if lexicon is None:
        raise ConfigError("consortia_relations needs `lexicon`, a path to its word lists")
    if model_mode not in ("union", "model"):
        raise ConfigError(f"consortia_relations: model_mode is 'union' or 'model', not {model_mode!r}")
    if titled_post_threshold is not None and not 0.0 <= titled_post_threshold <= 1.0:
        raise ConfigError(f"consortia_relations: titled_post_threshold is a score from 0 to 1, "
                          f"not {titled_post_threshold!r}")
    learned = RelationModel(model, titled_threshold=titled_post_threshold) if model else None
    return guarded("relations")(RelationExtractor(nlp, load_lexicon(lexicon), load_confidence(confidence),
                                                  learned, model_mode))
