"""Relations that the structure of one organisation name states, as pure functions of the name."""

import re
from collections.abc import Iterable

from ..names import ascii_quotes
from .lexicon import NameWords


def name_head(name: str) -> str:
    """The head noun of a name: the last word before the first " of ", else the last word
    ("Affiliated Hospital of Qingdao University" and "Xuzhou Central Hospital" -> "Hospital"), but
    a hospital named after a university's full name is a hospital."""
    parts = re.split(r"\s+of\s+", name, maxsplit=1)
    words = parts[0].replace(",", " ").split()
    if len(words) >= 2 and words[-1].isdigit():
        words = words[:-1]  # "Hospital 103 of the X Army": a numbered hospital
    tail = parts[1].replace(",", " ").split() if len(parts) > 1 else []
    # "Eastern University of Science and Technology Affiliated Hospital": a university's full
    # name, then the hospital it names
    if words and words[-1] in ("University", "College", "Academy") and len(tail) >= 2 and tail[-1] in (
            "Hospital", "Clinic", "Infirmary"):
        return tail[-1]
    return words[-1] if words else ""


# the words that make a body a party's ("Party Committee", "CPC Working Committee"); the rest of
# such a name is in the lexicon's party_words
PARTY_MARKERS = frozenset({"Party", "CPC", "Communist"})
_OF = re.compile(r"\s+of\s+(?:the\s+)?")


# Where a name may join two names: a space (", " too), or a hyphen between capitalised words
# ("University of Hong Kong-Shenzhen Hospital").
_GAP = re.compile(r",?\s+|(?<=[a-z])-(?=[A-Z])")


def _acronym(name: str) -> bool:
    """ "GMU", "LSTech", "U-M": one word, capitals at least half its letters and three letters or
    more (a two-letter one is mostly a country: "UK", "US")."""
    caps = sum(c.isupper() for c in name)
    return (len(name) >= 3 and bool(re.fullmatch(r"[A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)?", name))
            and caps >= max(2, sum(c.islower() for c in name)))


def _academic_acronym(name: str) -> bool:
    """An acronym that names a university ("LSU", "QHU", "LSTech", "U-M"): it spells the U; two
    joined ("LSU-QHU") name a joint body."""
    return _acronym(name) and "U" in name and ("-" not in name or len(name) <= 4)


def abbreviates(short: str, name: str) -> bool:
    """ "LHC" for "Lanshan Health Commission", "DoH" for "Department of Health": an
    acronym whose capitals are, in order, initials of the name's words, the first word's first
    ("NPC" is no short form of "Standing Committee of the NPC", nor "U-M" of "U-M Medical School")."""
    words = [w for w in re.split(r"[\s-]+", name) if w[:1].isalpha()]
    if not _acronym(short) or short in name.split() or len(words) < 2:
        return False
    caps = [c.lower() for c in short if c.isupper()]
    initials = iter(w[0].lower() for w in words)
    return caps[0] == words[0][0].lower() and all(c in initials for c in caps)


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
            # "X Hospital <Place> Branch [Hospital]" and "X Hospital (<Place> Branch)": the parent is
            # the whole name before the place ("X University People's Hospital Y Branch")
            ("branch_of", re.compile(rf"^(?P<parent>.+\b(?:{heads}))\s*[,(]?\s*(?:[A-Z][\w'.-]*\s+){{1,3}}"
                                     rf"(?:{branch})(?:\s+(?:{tails}))?\)?$")),
            # "X Hospital <Place> Hospital", "X Hospital of Y University <Place> Hospital": a
            # hospital's hospital elsewhere is its branch
            ("branch_of", re.compile(rf"^(?P<parent>.+?\bHospital)\s+(?:(?!(?:{affiliated})\b)[A-Z][\w'.-]*\s+){{1,3}}"
                                     r"Hospital$")),
            ("branch_of", re.compile(rf"^(?P<parent>(?:[\w-]+\s+)?(?:{affiliated})\s+Hospital\s+of\s+(?:the\s+)?.+?"
                                     rf"\b(?:{academic}))\s+(?:(?!(?:{affiliated})\b)[A-Z][\w'.-]*\s+){{1,3}}Hospital$")),
            # "<Place> Branch [Hospital] of X", also "<Place> branch of X".
            ("branch_of", re.compile(rf"^(?:[A-Z][\w'.-]*\s+){{1,3}}(?:{branch}|{branch.lower()})"
                                     rf"(?:\s+(?:{tails}))?\s+of\s+"
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
        return any(x in PARTY_MARKERS for x in words) and all(
            x in self.words.party_words for x in words)

    def _bare_body(self, name: str) -> bool:
        """ "the Party Committee", "Municipal Party Committee", "Provincial People's Congress",
        "Provincial Hospital": a body named by its level and kind alone refers to one the text
        names elsewhere, no parent of its own."""
        words = [x for x in name.split() if x not in self.words.reference_level_words]
        if _acronym(name):
            return False
        return len(words) <= 1 or (words[0] == "Party" and self._party_body(" ".join(words)))

    def relations(self, name: str) -> list[tuple[str, str, str]]:
        """(type, parent name, rule) for the relations a name states about itself, e.g.
        "Ningbo Eye Hospital Cixi Branch" -> [("branch_of", "Ningbo Eye Hospital", "branch_of.name")]."""
        w = self.words
        name = _strip_the(ascii_quotes(" ".join(name.split())))
        if not any(h in name for h in self.org_heads):
            return []
        unit, of, body = name.partition(" of ")
        if of and self._party_body(unit) and (self.category(_strip_the(body)) in ("academic", "hospital")
                                              or _academic_acronym(_strip_the(body))):
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
            if self._bare_body(right) and self.org_like(right):
                return []  # "Clinical Medical College of the Provincial Hospital": its parent is a reference
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
            if (academic and rh in w.hospital_heads and (len(right.split()) >= 2 or " of " in left
                                                         or self._medical_school(left))
                    and " of " not in right and right[0].isupper()):
                if rh in ("Center", "Centre") and not set(right.split()) & set(w.affiliated_words + w.hospital_words):
                    # "Y University Health Science Center": a centre of the university is one of its
                    # units; a cancer or medical centre is a hospital, affiliated
                    return [("part_of", left, "part_of.name_academic_unit")]
                return [("affiliated_with", left, "affiliated_with.name_prefix")]
            # "Second Affiliated Hospital Y University School of Medicine", "Zhongxin Hospital Y
            # University": a hospital named before the whole name of its school or university
            if (lh in w.hospital_heads and self.org_like(right) and len(right.split()) >= 2
                    and rh in w.academic_heads and (any(x in w.affiliated_words for x in left.split())
                         or (m.group() == " " and self._hospital_before_school(left, right)))):
                return [("affiliated_with", right, "affiliated_with.name_juxtaposed")]
            # "Y University School of Medicine": a school of the university
            if academic and right.split()[0] == rh and rh in w.subunit_heads and " of " in right:
                return [("part_of", left, "part_of.name_academic_unit")]
            # "Y University Medical School", "University of Y Nuffield Department of Z": a unit
            # named by up to three capitalised words after its university's whole name
            if (academic and (self.org_like(left) or _acronym(left)) and rh not in w.branch_words
                    and _named_unit(right, rh, w.subunit_heads, w.hospital_heads)):
                return [("part_of", left, "part_of.name_academic_unit")]
            # "Xinghe Health Commission General Office", "QTU Council": a unit named after the
            # whole name of the body it belongs to
            if self._body_unit(left, right):
                return [("part_of", left, "part_of.name_body_unit")]
            # "Institute of X, Y University": the comma form of "Institute of X of Y University"
            typ = self._comma_name(name) if m.group().startswith(",") else None
            if typ:
                return [(typ, right, f"{typ}.name_comma")]
        return []

    def _hospital_before_school(self, hospital: str, school: str) -> bool:
        """ "Zhongxin Hospital | Xinghe University": a hospital's own name of two words or more,
        then its university's whole name ("Xinghe Hospital Medical School" is one name)."""
        return (name_head(hospital) == "Hospital" and len(hospital.split()) >= 2 and hospital[0].isupper()
                and "," not in hospital + school and school.split()[0] not in self.words.hospital_words)

    def _medical_school(self, name: str) -> bool:
        """ "Xinghe Medical University": a university of medicine, whose bare "Hospital" is its own
        ("Xinghe Medical University Hospital"); the gold keeps "X Medical College Hospital" a name."""
        words = name.split()
        return words[-1] == "University" and any(x in self.words.medical_words for x in words[:-1])

    def _body_unit(self, body: str, unit: str) -> bool:
        """ "Council" after "Xinghe University", "General Office" after "XHC": the body's own
        council, board or office named after its whole name (or acronym). Longer unit names so
        written are as often bodies of their own ("X Hospital Development Center")."""
        w = self.words
        if unit not in w.body_unit_heads:
            return False
        if _acronym(body):
            return body not in w.field_acronyms
        words = body.split()
        return (" of " not in body and name_head(body) in w.parent_heads and self.org_like(body)
                and not all(x in w.field_level_words for x in words[:-1]))  # "Provincial Government": a reference

    def _unit_type(self, left: str, right: str) -> str | None:
        w = self.words
        if not left or not self._parent_like(right) or self._bare_body(right):
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
