"""From a trigger's dependency arguments to entity groups and the pairs they make."""

from collections.abc import Iterable

from spacy.tokens import Token

from ..names import fold
from .syntax import is_passive, patient_tokens, prep_objects, subject_tokens
from .view import Candidate, DocView, Group, ORG_LABELS


class ArgumentRules:
    """From a trigger's dependency arguments to entity groups and the pairs they make. A part of RelationExtractor (component.py), whose
    attributes it reads."""

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
                g = self._possessor_group(view, t)
                if g is None and t.pos_ == "NOUN":  # "our subsidiary X": the name in apposition
                    g = next((view.group_at(c) for c in t.children if c.dep_ == "appos" and view.group_at(c)), None)
            if g is not None and all(g is not o for o in out):
                out.append(g)
        return out

    def _possessor_group(self, view: DocView, t: Token) -> Group | None:
        """The name a noun's phrase holds: "Hubei province" (the place an admin noun names comes
        before a possessive: "China's Guizhou province" is Guizhou), "the alliance's members". A
        place owns only bodies: "China's richest man" is no act of China's."""
        admin = t.lower_ in self.admin_nouns
        for dep in ("compound", "poss") if admin else ("poss",):
            for c in t.children:
                g = view.group_at(c) if c.dep_ == dep else None
                if g is not None and (admin or t.lower_ in self.reference_nouns or any(
                        view.ents[m]["label"] != "GPE" for m in g.members)):
                    return g
        return None

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

    @staticmethod
    def _written_pairs(groups: list[Group]):
        """"A and B, C and D signed agreements" ("respectively" or not): the pairs the list
        writes, each a side of its own agreement, never partners across pairs."""
        return next((g.subgroups for g in groups if g.subgroups), None)

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

    def _between_pairs(self, view, between: list[Group]) -> list[tuple[int, int]]:
        """"between A and B": the pair; "between X and A, B and C": X with each of the list."""
        hubs = [g.hub for g in between if g.hub is not None]
        members = self._members(view, between)
        if len(between) == 1 and hubs and hubs[0] in members:
            x = hubs[0]
            return [(x, m) for m in members if m != x and fold(view.ents[m]["canonical"]) != fold(view.ents[x]["canonical"])]
        return self._pairs(view, members)
