"""Acquisitions read off the words between two names, where the parse does not join them.

The verb rules (verbs.py, nouns.py) read "A acquired B" from the parse; on news text the parse
often hangs the name elsewhere: "A completed its acquisition of Sioux City, Iowa-based B" (the
"of" takes the city), "A acquired private drugmakers B and C" (the object is the common noun).
Here two ORG names next to each other in a sentence, with only such words between them as a
purchase is written with, give B `transferred_to` A. What blocks a handover (a seller after
"from", a minority stake, a possibility) is the lexicon's `surface_acquisition`.
"""

from spacy.tokens import Span, Token

from .view import Candidate, DocView

RULE = "transferred_to.surface"
_PERCENT = frozenset({"%", "percent", "per cent"})


class SurfaceRules:
    """A part of RelationExtractor (component.py), whose attributes it reads."""

    def _surface_acquisitions(self, view: DocView, s: int) -> list[Candidate]:
        words = self.lex.surface_acquisition
        orgs = [e for e in view.ents_in_sent[s] if view.ents[e]["label"] == "ORG" and view.ent_tok[e] is not None]
        out = []
        for a, b in zip(orgs, orgs[1:]):
            between = view.doc[view.ent_tok[a][1]:view.ent_tok[b][0]]
            if not 0 < len(between) <= words.max_tokens or not self._handover_words(between):
                continue
            found = _trigger(between, words)
            if found is None:
                continue
            trigger, passive = found
            buyer, targets = (b, [a]) if passive else (a, [b] + _coordinated(view, b, orgs))
            for m in targets:
                after = view.doc[view.ent_tok[m][1]] if view.ent_tok[m][1] < len(view.doc) else None
                if after is not None and (after.pos_ == "NOUN" and after.is_lower or after.tag_ == "POS"):
                    continue  # "acquires X hospital in Y", "bought X's 30 percent stake": not X itself
                if not self._own_unit(view.ents[m]["canonical"], view.ents[buyer]["canonical"]):
                    out.append(self._cand(view, "transferred_to", view.end(m), view.end(buyer), RULE, trigger, ()))
        return out

    def _handover_words(self, between: Span) -> bool:
        """No blocking word, no clause break, and a share only when a majority one."""
        words = self.lex.surface_acquisition
        lowered = [t.lower_ for t in between]
        if any(w in words.blocking_words for w in lowered) or any(t.text in (";", ":", "(", ")") for t in between):
            return False
        share = any(w in self.stake_nouns or w in _PERCENT for w in lowered)
        return not share or any(w in self.majority_words for w in lowered)


def _trigger(between: Span, words) -> tuple[Token, bool] | None:
    """The purchase word between the names and whether the first name is the one bought ("B,
    acquired by A"). The passive needs "by" (and at most a determiner) right before the buyer; an
    active verb or an action noun followed by "of" needs the buyer first and nothing else
    that acts in between."""
    for i, t in enumerate(between):
        rest = between[i + 1:]
        if t.lower_ in words.passive_forms and _by_before_name(rest):
            return t, True
        if any(r.lower_ == "by" for r in rest):
            continue
        if t.lower_ in words.verbs and t.pos_ in ("VERB", "AUX", "PROPN") or (
                t.lower_ in words.nouns and len(rest) and rest[0].lower_ == "of"):
            if not any(r.pos_ == "VERB" and not r.lower_.endswith("based") for r in rest):  # "Iowa-based B"
                return t, False
    return None


def _by_before_name(rest: Span) -> bool:
    tail = [t.lower_ for t in rest]
    return tail[:1] == ["by"] and len(tail) <= 2 and (len(tail) == 1 or rest[1].pos_ == "DET")


def _coordinated(view: DocView, b: int, orgs: list[int]) -> list[int]:
    """"acquired B and C", "acquired B, C and D": the names listed right after B."""
    out, last = [], b
    for c in orgs[orgs.index(b) + 1:]:
        gap = view.doc[view.ent_tok[last][1]:view.ent_tok[c][0]]
        if not len(gap) or any(t.lower_ not in (",", "and") for t in gap):
            break
        out.append(c)
        last = c
    return out
