"""holds_position: posts read from a compact string of the sentence's units and from title chains."""

from spacy.tokens import Doc

from ..names import fold
from .name_rules import PARTY_MARKERS
from .post_lists import honorific_gap, title_chain
from ..relation_model.roles import governing_body, post_ended
from .syntax import _RANGE
from .triggers import singular_title
from .view import Candidate, DocView, Group, SYMBOL


def _names_body(doc: Doc, k: int, limit: int, tok_ent: list[int], ents: list[dict], refs: frozenset) -> bool:
    """Token k opens a body: an ORG name, or a reference to one ("the hospital", "our hospital":
    `refs`, the nouns of singular references)."""
    if tok_ent[k] >= 0:
        return ents[tok_ent[k]]["label"] == "ORG"
    k += doc[k].lower_ == "our"
    return k < limit and doc[k].lower_ in refs and doc[k - 1].lower_ in ("the", "our") and tok_ent[k] < 0 \
        and (k + 1 >= limit or not doc[k + 1].is_alpha or doc[k + 1].lower_ in ("and", "'s", "\u2019s"))


def _role_field_end(doc: Doc, end: int, limit: int, tok_ent: list[int], ents: list[dict] | None = None,
                    bodies: frozenset = frozenset(), refs: frozenset = frozenset()) -> int:
    """"head of cardiology at X": a role with the field it heads ends before "at", which names
    the body (with "of" alone, the body follows "of" itself). "director of the medical department
    of X": lowercase words between two "of"s, the second one naming a body, are part of the role;
    so is a governing body in any case ("Chairman of the Board of Directors of X": `bodies`), also
    before a reference to the body ("Secretary of the Party Committee of the hospital": `refs`)."""
    if end < limit and doc[end].lower_ == "of" and ents is not None:
        first = end + 1 + (end + 1 < limit and doc[end + 1].lower_ == "the")
        for size in (4, 3, 2, 1):
            j = first + size
            if j + 2 < limit and doc[j].lower_ == "of" and all(tok_ent[t] < 0 for t in range(first, j)) \
                    and " ".join(t.lower_ for t in doc[first:j]) in bodies:
                k = j + 1 + (doc[j + 1].lower_ == "the")
                if _names_body(doc, k, limit, tok_ent, ents, refs):
                    return j
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


def _post_chain(units, have: set, plural=lambda r: False) -> list[tuple[int, int, int, str, bool]]:
    """"NAME, member of the Standing Committee of X and secretary of Y, President of Z": the
    posts after a name, read one segment ("[w] R of|at [...] O") after another across commas
    and "and", also past segments without a title the word lists know or without a named body
    ("member of ...", "former Vice Minister of Health"); "R of A and (the) B" gives the post at
    both. The chain ends at another name, a body followed by a name ("R of O NAME" is that
    name's post) or anything else. A plural title (`plural(r)`: "11 academicians of X") is a
    group's, not the person's."""
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
            if r is not None and strict and k > p + 2 and (p, o) not in have and not plural(r):
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


def _served_before(units, p: int, r: int) -> bool:
    """"NAME served as R of X": the simple past of "serve" tells a past post ("was R of X" does
    not, nor "has served as", "currently serves")."""
    between = {u[0] for u in units[p + 1:r]} if p < r else set()
    return "served" in between and not between & {"has", "have", "currently", "still", "now"}


class PostRules:
    """holds_position: posts read from a compact string of the sentence's units and from title chains. A part of RelationExtractor (component.py), whose
    attributes it reads."""

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
            if doc[i].lower_ in ("the", "our") and i < head.i < sent.end and head.left_edge.i == i:
                g = view.group_at(head)  # "NAME, president of the university", "of our hospital"
                if g is not None and g.is_reference and len(g.members) == 1:
                    units.append(("O", i, g.end, g.members[0]))
                    ref_units[len(units) - 1] = g
                    i = g.end
                    continue
            if doc[i].lower_ == "our" and i + 1 < sent.end and view.tok_ent[i + 1] < 0 \
                    and doc[i + 1].lower_ in self.reference_nouns:
                # "President of our hospital NAME": the page's own body, also when the page names
                # itself only later or the parse hangs "our" on the name
                g = self._first_person(view, doc[i + 1], i, ["our", doc[i + 1].lower_], anywhere=True)
                if g is not None:
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
                end = _role_field_end(doc, role_at[i], sent.end, view.tok_ent, view.ents, self.governing_bodies,
                                      self.reference_nouns)
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
            nxt = view.tok_ent[i + 1] if i + 1 < sent.end else -1
            if w in self.name_honorifics and doc[i].is_title and nxt >= 0 and view.ent_tok[nxt][0] == i + 1 \
                    and view.ents[nxt]["label"] == "PERSON":
                w = "prof."  # "X University President Professor NAME": a rank before a name, as "Prof."
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
                    if doc[units[r][2] - 1].tag_ not in ("NNS", "NNPS"):  # "and leaders of X": others'
                        also.append((p, o, r, name, dated))
                elif p not in items:
                    items[p] = (o, r, name, dated)
                elif o is not None and items[p][1] != r and items[p][0] != o and all(
                        a[0] != p or a[2] != r for a in also):
                    # "NAME, president of X, who was elected chairman of Y": another role, another body
                    also.append((p, o, r, name, dated))
        also += self._listed_holders(units, items, doc)
        also += title_chain(units, items, {a[0] for a in also},
                            placed=lambda r: doc[units[r][2] - 1].lower_ in self.place_titles,
                            plural=lambda r: singular_title(doc[units[r][2] - 1].lower_, self.post_titles) is not None)
        also += _post_chain(units, {(a[0], a[1]) for a in also} | {(p, v[0]) for p, v in items.items()},
                            plural=lambda r: doc[units[r][2] - 1].tag_ in ("NNS", "NNPS"))
        out = []
        ordered = sorted(items)
        elided: dict[int, int] = {}  # person unit -> the body its list neighbours gave it
        for k, (p, (o, r, name, dated)) in enumerate([(p, items[p]) for p in ordered] + [(a[0], a[1:]) for a in also]):
            if o is None:  # "B, president;" between "A, director of X;" and "C, dean of X"
                o = self._elided_org(units, ordered, items, k, elided) if k < len(ordered) else None
                if o is None:
                    continue
                elided[p] = o
            person, org = units[p][3], units[o][3]
            if p in elided:
                org = self._institution(view, org)
            if view.ents[org]["label"] != "ORG" or self._title_words(view.ents[org]["canonical"]):
                continue
            # a title shared by a list is each one's title in the singular ("vice presidents")
            # (the title's words only: "chairman of the board of directors" keeps its board)
            words = doc[units[r][1]:units[r][2]]
            cut = next((t.i for t in words if t.lower_ == "of"), words.end)
            role = fixed.get(name) or "".join(
                ((singular_title(t.lower_, self.post_titles) if t.i < cut else None) or t.text) + t.whitespace_
                for t in words).strip().lower().replace("\u2019", "'")
            # "former president", "was vice president of Y from 2012 to 2016": a past post is
            # still a post held (docs/annotation.md), with "former" in its role
            if (r in former or _served_before(units, p, r) or self._ended(view, units[o][2], sent.end, units[p][1])
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

    def _institution(self, view: DocView, org: int) -> int:
        """The institution a party body is of ("Party Committee of X", "CPC X Committee"), when
        the text names it: "A, Secretary of the CPC X Committee, B, Vice President": a bare
        title listed after a party post is held at the institution."""
        words = view.ents[org]["canonical"].split()
        if not any(w in PARTY_MARKERS for w in words):
            return org
        found = governing_body(" ".join(words), self.governing_bodies)
        party = self.names.words.party_words
        target = fold(found[1] if found else " ".join(w for w in words if w not in party))
        return next((k for k, e in enumerate(view.ents) if e["label"] == "ORG" and fold(e["canonical"]) == target), org)

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
    def _elided_org(units, ordered, items, k, elided: dict[int, int]) -> int | None:
        """The organisation of the neighbouring list items, when the gap holds only separators
        (and honorifics, after the previous item: a list names its body first); the previous
        item's may itself be elided ("A, President of X, Mr B, Vice President, Prof C, Vice
        President": `elided`, the bodies read so far)."""
        def gap_ok(a: int, b: int, honorifics: bool = True) -> bool:
            return all(u[0] in (";", ",", "and") or honorifics and u[0] in _HONORIFIC_UNITS for u in units[a:b])

        p = ordered[k]
        r = items[p][1]
        prev = ordered[k - 1] if k > 0 else None
        nxt = ordered[k + 1] if k + 1 < len(ordered) else None
        if prev is not None and items[prev][0] is not None and gap_ok(items[prev][0] + 1, p):
            return items[prev][0]
        if prev in elided and gap_ok(items[prev][1] + 1, p):
            return elided[prev]
        if nxt is not None and items[nxt][0] is not None and gap_ok(r + 1, nxt, honorifics=False):
            return items[nxt][0]
        return None
