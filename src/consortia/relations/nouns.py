"""Relation families read from predicate nouns (member, lead unit, affiliated hospital, branch, investment)."""

from spacy.tokens import Token

from ..names import fold
from .syntax import OBJECT_DEPS, SUBJECT_DEPS, _majority, _verb_phrase, actor_tokens, agent_tokens, has_child, is_passive, patient_tokens, prep_objects, subject_tokens
from .view import Candidate, DocView, Group, INVESTOR_LABELS


class NounRules:
    """Relation families read from predicate nouns (member, lead unit, affiliated hospital, branch, investment). A part of RelationExtractor (component.py), whose
    attributes it reads."""

    def _noun_acquire(self, view, n):
        """"Y's acquisition of X", "Y announced the acquisition of a 75% stake in X", "the
        acquisition of X by Y"."""
        # "its $816 million acquisition of X": an amount is the price, not a share bought
        shares = [c for c in n.children if c.i < n.i and (c.like_num or c.lower_ in ("%", "percent"))
                  and not (view.tok_ent[c.i] >= 0 and view.ents[view.tok_ent[c.i]]["label"] == "MONEY")]
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

    def _noun_merger(self, view, n):
        """"Y, which was formed by the integration of A, B and C", "the merger between A and B to
        form Y": the bodies merged now make up Y (transferred_to; member_of a named alliance). A
        merger that names no body it forms ("the merger of A and B") is left alone."""
        head = n.head if n.dep_ == "compound" else n  # "the merger process between A and B"
        merged = self._groups(view, prep_objects(n, ("of", "between")) + prep_objects(head, ("of", "between")))
        formed: list[Token] = []
        v = head.head.head if head.dep_ == "pobj" else None
        if v is not None and head.head.lower_ in ("by", "through", "from", "via") and is_passive(v) \
                and v.lemma_.lower() in self.merger_forming:
            formed = patient_tokens(v)  # "Y was formed by the merger of A and B"
        for c in head.children if not formed else ():  # "the merger of A and B to form Y"
            if c.dep_ in ("acl", "relcl", "advcl") and c.i > n.i and c.lemma_.lower() in self.merger_forming \
                    and has_child(c, ("to",), ("aux",)):
                formed = patient_tokens(c)
                break
        if not formed:  # "signaling the completion of the merger between A and B to form Y": the
            formed = self._formed_by_governing_verb(head)  # parse hangs "to form" on the verb
        targets = self._groups(view, formed)
        keep = set(self._members(view, targets))
        merged = [g for g in merged if not set(self._members(view, [g])) & keep]
        return self._transfer_cands(view, merged, targets, "transferred_to.merger", n)

    def _formed_by_governing_verb(self, head):
        """The object of a "to form"-type clause of the verb that governs the merger noun through
        objects and "of" phrases only ("completed the integration of A and B to form Y")."""
        t = head
        while t.dep_ in ("pobj", "dobj") and (t.dep_ == "dobj" or t.head.lower_ == "of"):
            t = t.head if t.dep_ == "dobj" else t.head.head
            if t.pos_ == "VERB":
                for c in t.children:
                    if c.dep_ in ("advcl", "xcomp") and c.i > head.i and has_child(c, ("to",), ("aux",)) \
                            and c.lemma_.lower() in self.merger_forming:
                        return patient_tokens(c)
                return []
        return []

    def _noun_owner(self, view, n):
        """"Y became the controlling shareholder of X": Y bought a majority stake, X is handed over
        (docs/annotation.md, "Taking over"). Being one ("Y, the majority owner of X", "the sole
        shareholder of X is Y", "Y, the parent company of X") is the state the guideline makes
        `part_of`, not a transfer."""
        owned = self._groups(view, prep_objects(n, ("of", "in")))
        if n.dep_ in ("attr", "oprd") and n.head.lemma_.lower() == "become":
            typ, owners = "transferred_to", self._holders(view, n)
        else:
            # "Y, the parent company of X", "X's parent company, Y", "the sole shareholder of X is Y"
            typ, owners = "part_of", self._holders(view, n)
            if not owners and n.dep_ == "nsubj" and n.head.lemma_.lower() == "be":
                owners = self._groups(view, [c for c in n.head.children if c.dep_ == "attr"])
            owned = owned or self._groups(view, [c for c in n.children if c.dep_ == "poss"])
        return [self._cand(view, typ, view.end(m), view.end(c), f"{typ}.owner", n, owned + owners)
                for c in self._members(view, owners) for m in self._members(view, owned)
                if m != c and not self._own_unit(view.ents[m]["canonical"], view.ents[c]["canonical"])]

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
        phrase = f"{view.doc[n.i - 1].lower_} {n.lemma_.lower()}" if n.i > 0 else ""
        centre = phrase in self.lex.center_lead_nouns
        v = n.head.head if centre and n.dep_ == "pobj" and n.head.lower_ == "as" else None
        objects = patient_tokens(v) if v is not None and v.pos_ == "VERB" else []
        withs = [g for o in objects for g in prep_objects(o, ("with",))]
        if centre and withs:
            # "set up the X Center with Y as the main body": "with Y" may hang on the object (not
            # the subject that set it up)
            holders = self._holders_of(view, self._groups(view, withs))
        leaders = self._members(view, holders)
        if not leaders:
            return []
        targets = self._groups(view, prep_objects(n, ("of",)))
        named = self._collectives(view, targets)
        if centre:
            # "the main body of the X Medical Center": a centre carried by one body, not only an
            # alliance; "set up X with Y as the main body": the object set up
            targets = targets or self._groups(view, objects)
            named = [m for m in self._members(view, targets) if m not in leaders]
            if not named:
                return []
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
        if not targets and n.lemma_.lower() in self.lex.corporate_part_nouns:
            holders, targets = self._its_part(view, n, holders)
        return self._unit_cands(view, holders, targets, "noun", n, kind="part")

    def _its_part(self, view, n, holders):
        """"Y sold masks via its subsidiary, X", "through its subsidiaries X and Z": the named
        part belongs to the body "its" stands for (the clause's subject, else the body last named);
        the parser may make the noun a modifier of the name ("its subsidiary X")."""
        named = view.group_at(n.head) if n.dep_ == "compound" else None
        if named is not None and not holders:
            holders = [named]
        owners = [c for c in list(n.children) + (list(n.head.children) if named is not None else [])
                  if c.dep_ == "poss" and c.lower_ in ("its", "their")]
        found = self._pronoun_org(view, owners[0].i) if owners and holders else None
        if found is None:
            return holders, []
        return holders, [Group((found,), owners[0].i, owners[0].i + 1, via=view.sent_of_tok[view.ent_tok[found][0]])]

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

    def _noun_transfer(self, view, n):
        preps = self.lex.prepositions.transfer_target
        patients = self._groups(view, prep_objects(n, ("of",)) + [c for c in n.children if c.dep_ == "poss"])
        managers = self._target(view, prep_objects(n, preps))
        if not managers and patients:
            managers = self._scan_target(view, max(g.end for g in patients), preps)
        return self._transfer_cands(view, patients, managers, "transferred_to.noun", n)

    def _noun_round(self, view, n):
        """A funding round: "X secured $56 million in a Series B round led by A and B", "X
        completed a US$400 million Series D financing, which was led by A", "X raised N in a
        round from A, B and other investors", "a seed round backed by A, with participation from
        B". The round's investors (the agents of the verbs that lead or back it, its "from"
        phrases, its participants) each invested its amount; X, who raised it, did not."""
        if n.dep_ == "compound" and n.head.lemma_.lower() in self.round_nouns:
            return []  # "financing round": the head word reads it
        rounds = [n] + [o for o in prep_objects(n, ("of",)) if o.lemma_.lower() in self.round_words]
        marked = n.lower_ != "round" or any(t.lower_ in self.round_words for r in rounds for t in r.subtree if t.i <= r.i)
        definite = self._definite_round(n)
        if not marked and not definite:
            return []  # "a second round of talks", "the round of inspections"
        # the verb the round is in: "completed a round", "secured N in a round" (the parser may
        # hang "in a round" on the amount), "announced the completion of a round"
        v = next((a for a in n.ancestors if a.pos_ in ("VERB", "AUX")), None)
        worth = [c for x in [n, *([v] if v is not None else [])] for c in x.children if c.lower_ in self.amounting]
        money = self._round_amount(view, n, v, worth) if marked else None
        earlier = None
        if money is None and definite:
            # "X closed a Series B round that raised N. The round was led by A": the round the
            # sentence before named, with its amount
            earlier = self._earlier_round_amount(view, n)
            money = earlier[0] if earlier else None
        if money is None:
            return []
        clauses = [c for r in rounds + worth for c in r.children if c.pos_ == "VERB" and c.dep_ in ("acl", "relcl")]
        if n.dep_ in ("nsubjpass", "nsubj") and is_passive(n.head):  # "The Series B round was led by A"
            clauses.append(n.head)
        clauses += [c for c in (v.children if v is not None else ()) if c.pos_ == "VERB" and c.dep_ == "advcl"]
        clauses += [x for c in clauses for x in c.children if x.dep_ == "conj" and x.pos_ == "VERB"]  # "co-led and backed by"
        givers = [a for c in clauses if c.lemma_.lower() in self.round_leading for a in agent_tokens(c)]
        givers += [o for r in rounds + clauses for o in prep_objects(r, ("from",))]
        if v is not None:
            givers += prep_objects(v, ("from",))
        # "with participation / contributions from B": on the round, the verb or a leading clause;
        # "The round also saw participation from B": the object of the round's own verb
        shares = [w for x in [*rounds, *clauses, *([v] if v is not None else [])] for w in prep_objects(x, ("with",))]
        if v is not None and n.dep_ in SUBJECT_DEPS and n.head.i == v.i:
            shares += patient_tokens(v)
        for w in shares:
            if w.lemma_.lower() in self.round_participation:
                givers += prep_objects(w, ("from", "of", "by"))
        joined = v is not None and v.lemma_.lower() in self.round_joining and not is_passive(v)
        if joined:  # "B also participated in the round", "B poured capital into the new round"
            # "A; B, a VC firm; alongside C, ... all poured capital into the round": C too
            givers += [g for s in subject_tokens(v) for g in (s, *prep_objects(s, ("alongside",)))]
        investors = self._groups(view, givers)
        raiser = set(self._members(view, self._groups(view, subject_tokens(v)))) if v is not None and not joined \
            else set()
        out = [self._cand(view, "invested", view.end(h), view.end(money), "invested.round", n, investors)
               for h in self._members(view, investors, INVESTOR_LABELS) if h not in raiser and not self._based(view, h)]
        for cand in out if earlier else ():
            cand.first_sent = earlier[1]
        return out

    @staticmethod
    def _based(view: DocView, e: int) -> bool:
        """"Beijing-based PE investor X": the place describes the investor, it invests nothing."""
        span = view.ent_tok[e]
        doc = view.doc
        return span is not None and span[1] + 1 < len(doc) and doc[span[1]].text == "-" \
            and doc[span[1] + 1].lower_ == "based"

    @staticmethod
    def _definite_round(n: Token) -> bool:
        """"The round", "the new round of funding", "this financing": a round named before."""
        return any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in n.children)

    def _earlier_round_amount(self, view: DocView, n: Token) -> tuple[int, int] | None:
        """The amount of the last funding round named in the sentence before n's (same paragraph),
        with that sentence's index."""
        s = view.sent_of_tok[n.i]
        prev = next((x for x in view.window(s) if x == s - 1), None)
        if prev is None:
            return None
        for t in reversed(view.sents[prev]):
            if t.lemma_.lower() not in self.round_nouns or t.i == n.i:
                continue
            if t.dep_ == "compound" and t.head.lemma_.lower() in self.round_nouns:
                continue
            rounds = [t] + [o for o in prep_objects(t, ("of",)) if o.lemma_.lower() in self.round_words]
            if t.lower_ == "round" and not any(x.lower_ in self.round_words for r in rounds for x in r.subtree
                                               if x.i <= r.i):
                continue
            v = next((a for a in t.ancestors if a.pos_ in ("VERB", "AUX")), None)
            worth = [c for x in [t, *([v] if v is not None else [])] for c in x.children if c.lower_ in self.amounting]
            money = self._round_amount(view, t, v, worth)
            if money is not None:
                return money, prev
        return None

    def _round_amount(self, view: DocView, n: Token, v: Token | None, worth: list[Token]) -> int | None:
        """A round's amount: before it ("a US$400 million Series D financing"), after it ("a round
        of more than US$100m", "the round, worth N"), or the object of the verb it is in ("secured
        N in a Series B round"; "a round that raised N")."""
        for i in range(n.left_edge.i, n.i):
            e = view.tok_ent[i]
            if e >= 0 and view.ents[e]["label"] == "MONEY":
                return e
        after = prep_objects(n, ("of",)) + worth
        after += [o for c in n.children if c.dep_ == "relcl" for o in patient_tokens(c)]
        if v is not None and n.dep_ == "pobj":
            after += [o for o in patient_tokens(v) if o.i < n.i and o.pos_ in ("NUM", "NOUN", "SYM")]
        for t in after:
            m = self._money(view, t)
            if m is not None:
                return m
        return None

    def _noun_invest(self, view, n):
        money = next((m for t in prep_objects(n, ("of",)) for m in [self._money(view, t)] if m is not None), None)
        if money is None:
            money = next((m for c in n.children if c.dep_ in ("compound", "nmod", "nummod")
                          for m in [self._money(view, c)] if m is not None), None)
        if money is None:  # "a grant totaling N", "a donation worth N"
            money = next((m for c in n.children if c.dep_ in ("acl", "amod") and c.lower_ in self.amounting
                          for o in c.children if o.dep_ in ("dobj", "pobj", "npadvmod", "prep")
                          for m in [self._money(view, o)] if m is not None), None)
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
