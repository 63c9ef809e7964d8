"""Relations that names state ("X Hospital North Branch", "Affiliated Hospital of Y", "X, Y University")."""

from ..names import fold
from .name_rules import _OF, PARTY_MARKERS, _academic_acronym, name_head
from .syntax import SUBJECT_DEPS
from .view import Candidate, DocView, Group


class NameRelations:
    """Relations that names state ("X Hospital North Branch", "Affiliated Hospital of Y", "X, Y University"). A part of RelationExtractor (component.py), whose
    attributes it reads."""

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
                out += (self._owned_name(view, e) or self._comma_parent(view, e) or self._at_parent(view, e)
                        or self._prefixed_parent(view, e))
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
                (view.tok_ent[p_end + 1] >= 0 and view.ents[view.tok_ent[p_end + 1]]["label"] == "ORG")
                or doc[p_end + 1].lower_ in ("the", "and")) and not self._comma_chain(view, e, p, p_end):
            return []  # "A, B, C and D" / "A, B and the C": a list ("..., Y University and Li Ming" is none)
        if start >= 2 and doc[start - 1].text == "," and view.tok_ent[start - 2] >= 0 and \
                not self._comma_chain(view, view.tok_ent[start - 2], e, start - 1):
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

    def _comma_chain(self, view: DocView, a: int, b: int, b_end: int) -> bool:
        """"Department of X, Y Medical College, Z University": an inner unit, then a school-level
        unit, then a university or academy, each a part of the next (a list's items are of one kind)."""
        doc, w = view.doc, self.names.words
        inner = set(w.inner_unit_heads)
        school = set(w.academic_unit_heads) - inner
        if b_end + 1 >= len(doc) or doc[b_end].text != "," or view.tok_ent[b_end + 1] < 0:
            return False
        c = view.tok_ent[b_end + 1]
        heads = [name_head(view.ents[x]["canonical"]) for x in (a, b, c)]
        top = view.ents[c]["canonical"]
        return view.ents[c]["label"] == "ORG" and heads[0] in inner and heads[1] in school and (
            heads[2] in w.academic_heads + w.juxtaposed_parent_heads or _academic_acronym(top))

    def _at_parent(self, view: DocView, e: int) -> list[Candidate]:
        """"the Faculty of Medicine at the University of X", "the Y Research Institute at X
        University": a unit (`at_unit_heads`) named right before "at" and a body that has units
        (`parent_heads`, or an academic acronym) is part of that body."""
        doc, (start, end) = view.doc, view.ent_tok[e]
        k = end + 1 + (end + 1 < len(doc) and doc[end + 1].lower_ == "the")
        if end >= len(doc) or doc[end].lower_ != "at" or k >= len(doc) or view.tok_ent[k] < 0:
            return []
        p = view.tok_ent[k]
        if view.ents[p]["label"] != "ORG" or view.ent_tok[p] is None or view.ent_tok[p][0] != k or p == e:
            return []
        parent = view.ents[p]["canonical"]
        if name_head(view.ents[e]["canonical"]) not in self.lex.at_unit_heads or not (
                name_head(parent) in self.names.words.parent_heads or _academic_acronym(parent)):
            return []
        return [self._cand(view, "part_of", view.end(e), view.end(p), "part_of.at_parent", None, [],
                           sent=view.sent_of_tok[start])]

    def _prefixed_parent(self, view: DocView, e: int) -> list[Candidate]:
        """"Xinghe Legislative Council Finance Committee", "Bravik Medical Greater China": a unit
        (`prefixed_unit_heads`) or a company's regional arm (`regional_arm_words`) named by the whole
        name of a body the page names on its own is part of that body. A hospital or a university
        with a place after it is a branch or a hospital of its own, left to the name rules."""
        words = view.ents[e]["canonical"].split()
        for k in range(len(words) - 1, 0, -1):
            prefix = " ".join(words[:k])
            p = view.by_name.get(("ORG", fold(prefix)))
            if p is None or p == e or fold(view.ents[p]["canonical"]) != fold(prefix):
                continue  # a shorter form of some other name ("Donghai" for "Donghai Hospital")
            suffix, category = " ".join(words[k:]), self.names.category(prefix)
            if suffix in self.lex.regional_arm_words:
                ok = category not in ("hospital", "academic") and not words[k - 1].endswith("'s")
            else:  # "X Hospital Development Committee" is as often a body of its own
                ok = (category != "hospital" and self.names._parent_like(prefix) and prefix not in PARTY_MARKERS
                      and suffix[0].isupper() and " of " not in suffix and len(suffix.split()) <= 3
                      and name_head(suffix) in self.lex.prefixed_unit_heads)
            if not ok:
                return []
            start = view.ent_tok[e][0]
            return [self._cand(view, "part_of", view.end(e), view.end(p), "part_of.prefixed_name", None, [],
                               sent=view.sent_of_tok[start])]
        return []

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
        elif head in w.subunit_heads and (head not in w.hospital_heads or head in w.unit_centre_heads and not any(
                x in w.hospital_words for x in words)):
            typ = "part_of"  # "Y's Stomatology Center" is a unit; "Y's Cancer Center" may be a hospital
        else:
            return []
        start, end = view.ent_tok[e]
        root = view.doc[start:end].root
        owners = [c for c in root.children if c.dep_ == "poss" and c.i < start]
        if not owners and start >= 2 and view.doc[start - 1].lower_ in ("'s", "\u2019s"):
            owners = [view.doc[start - 2]]  # the parser may hang the possessive elsewhere
        first = root
        while not owners and first.dep_ == "conj" and first.head.i < first.i:
            first = first.head  # "the university's X Office, Y Department and Z Department": the list's owner
            owners = [c for c in first.children if c.dep_ == "poss" and c.i < first.i]
        if owners and owners[0].tag_ == "WP$":  # "Y University, whose Third Affiliated Hospital ..."
            node = owners[0]
            while node.dep_ != "relcl" and node.head.i != node.i:
                node = node.head
            w = owners[0].i
            owners = ([node.head] if node.dep_ == "relcl" else  # else the name before ", whose"
                      [view.doc[w - 2]] if w >= 2 and view.doc[w - 1].text == "," else [])
        g = view.group_at(owners[0]) if owners else None
        if g is None and owners and owners[0].lower_ == "its":
            # "Y University and its Medical Sciences Division": the body last named before it
            found = self._pronoun_org(view, owners[0].i)
            g = (Group((found,), owners[0].i, owners[0].i + 1, via=view.sent_of_tok[view.ent_tok[found][0]])
                 if found is not None else None)
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
