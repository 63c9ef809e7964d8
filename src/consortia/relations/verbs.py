"""Relation families read from verbs (cooperate, form, join, lead, transfer, acquire, affiliate, invest)."""

from spacy.tokens import Token

from ..names import fold
from .name_rules import name_head
from .syntax import CALENDAR_WORDS, RELATIVE_PRONOUNS, SUBJECT_DEPS, TIME_NOUNS, _action_phrase, _list_end, _majority, _noun_phrase, _verb_phrase, actor_tokens, agent_tokens, has_child, intending_subject, is_passive, patient_tokens, prep_objects, subject_tokens
from .view import DocView, Group, INVESTOR_LABELS, ORG_LABELS


class VerbRules:
    """Relation families read from verbs (cooperate, form, join, lead, transfer, acquire, affiliate, invest). A part of RelationExtractor (component.py), whose
    attributes it reads."""

    def _verb_cooperate(self, view, v):
        subj = self._groups(view, patient_tokens(v) if is_passive(v) else subject_tokens(v))  # "was paired with"
        withs = self._groups(view, prep_objects(v, ("with", "alongside")))
        sub = self._written_pairs(subj)
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
                sub = self._written_pairs(actors)
                rule = "partner_of.form_passive" if passive else "partner_of.form"
                pairs = (self._between_pairs(view, between) if between and not actors
                         else self._partner_pairs(view, actors or between, partners, sub))
                out += [self._cand(view, "partner_of", view.end(a), view.end(b), rule, v, actors + partners + between)
                        for a, b in pairs]
        if not out and passive and self._founded_jointly(v):
            # "X was jointly established by A, B and C": the founders are partners
            founders = actors + self._list_rest(view, agent_tokens(v))
            out += [self._cand(view, "partner_of", view.end(a), view.end(b), "partner_of.jointly_passive", v,
                               founders) for a, b in self._pairs(view, self._members(view, founders))]
        if not out and not passive:
            sub = self._written_pairs(actors)
            if self._respectively(v) and sub and all(len(s) >= 2 for s in sub):
                out += [self._cand(view, "partner_of", view.end(a), view.end(b), "partner_of.respectively", v, actors)
                        for a, b in self._pairs(view, self._members(view, actors), sub)]
            elif self._jointly(v):
                out += [self._cand(view, "partner_of", view.end(a), view.end(b), "partner_of.jointly", v, actors)
                        for a, b in self._pairs(view, self._members(view, actors), sub)]
            elif (any(c.dep_ == "nsubj" for c in v.children)  # its own subject, not one it inherits
                  and not has_child(v, ("each", "separately", "respectively", "also"))
                  and any(self._one_new_thing(view, o) for o in objects)):
                # "A and B launched a consultation platform": several bodies create one thing together
                out += [self._cand(view, "partner_of", view.end(a), view.end(b), "partner_of.joint_subjects", v,
                                   actors) for a, b in self._pairs(view, self._members(view, actors))]
        return out

    @staticmethod
    def _list_rest(view: DocView, items: list[Token]) -> list[Group]:
        """"by the foundation, A and B": the names the parse cut off a list after its first item
        (a common noun), when they follow its comma."""
        doc, out = view.doc, []
        for t in items:
            k = t.right_edge.i + 1
            if k + 1 >= len(doc) or doc[k].text != ",":
                continue
            g = view.groups.get(k + 1 + (doc[k + 1].lower_ == "the"))
            if g is not None and g not in out:
                out.append(g)
        return out

    def _founded_jointly(self, v: Token) -> bool:
        """"jointly founded", "co-founded": a founding verb that says its founders acted together."""
        lemma = v.lemma_.lower()
        phrase = f"{lemma} {next((c.lower_ for c in v.children if c.dep_ == 'prt'), '')}".strip()
        verbs = self.lex.joint_founding_verbs
        return (lemma in verbs or phrase in verbs) and (self._jointly(v) or lemma.startswith("co"))

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
            if not members and self._counted_subject(view, v):
                listed = self._members(view, targets)
                # "15 other systems have joined X, A, B, C": A, B, C are the 15; X is a collective,
                # or a name with no institution head (an acronym), never "joined X University, A, B"
                if len(listed) >= 3 and (self._collectives(view, targets)[:1] == listed[:1]
                                         or name_head(view.ents[listed[0]]["canonical"]) not in self.lex.names.org_heads):
                    return [self._cand(view, "member_of", view.end(m), view.end(listed[0]), "member_of.join_listed",
                                       v, targets) for m in listed[1:]]
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

    @staticmethod
    def _counted_subject(view: DocView, v: Token) -> bool:
        """The verb's subject is a counted plural noun that names nobody ("15 other hospitals")."""
        return any(c.dep_ == "nsubj" and c.tag_ == "NNS" and view.group_at(c) is None
                   and any(x.dep_ == "nummod" for x in c.children) for c in v.children)

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
            if has_child(v, self.lex.going_private_words, ("oprd", "acomp", "xcomp")) and not is_passive(v):
                # "Y took X private": Y bought all of X's shares off the market
                return self._acquire_cands(view, patient_tokens(v), intending_subject(v),
                                           "transferred_to.take_private", v)
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
            if not patients and lemma not in self.absorbing:
                patients = self._groups(view, self._handed(patient_tokens(v)))
            managers = self._target(view, prep_objects(v, preps))
            duties = [o for w in prep_objects(v, ("with",)) for o in prep_objects(w, ("of",))]
            if lemma == "entrust" and is_passive(v) and duties:  # "Y is entrusted with the operation of X"
                patients, managers = self._groups(view, duties), self._groups(view, subject_tokens(v))
                return self._transfer_cands(view, patients, managers, "transferred_to.manage", v)
            elif not patient_tokens(v) and lemma in self.absorbing and not is_passive(v) and managers:
                patients = self._groups(view, subject_tokens(v))  # "X merged into Y": no object, X is absorbed
            elif lemma in self.absorbing and not is_passive(v) and not managers and patient_tokens(v):
                formed = self._merged_to_form(view, v)
                if formed:
                    return formed
            if not managers and patients:
                managers = self._scan_target(view, max(g.end for g in patients if g.start > v.i) if any(
                    g.start > v.i for g in patients) else v.i + 1, preps)
            rule = "transferred_to.passive" if is_passive(v) else "transferred_to.verb"
        return self._transfer_cands(view, patients, managers, rule, v)

    def _handed(self, objects: list[Token]) -> list[Token]:
        """"hand over details of the organization, personnel and assets of X": the body whose
        handed things (`handed_nouns`, and those coordinated with them) are "of" it."""
        todo = [o for o in objects if o.lower_ in self.handed_nouns]
        seen, out = set(todo), []
        while todo:
            t = todo.pop()
            for x in [*prep_objects(t, ("of",)), *t.conjuncts]:
                if x.lower_ in self.handed_nouns and x not in seen:
                    seen.add(x)
                    todo.append(x)
                elif x.dep_ == "pobj" and x.pos_ == "PROPN":
                    out.append(x)
        return out

    def _merged_to_form(self, view, v):
        """"Z integrated (the resources of) A and B to establish C": the merged bodies now make up
        C, as in "the merger of A and B to form C" (nouns.py); "A merged its departments" is
        nothing. The intransitive "A and B merged to form C" is left to the classifier: on
        corpus/train the gold annotates it on no page of the four that say it (4 false positives)."""
        formed = next((c for c in v.children if c.dep_ in ("advcl", "xcomp") and c.i > v.i
                       and c.lemma_.lower() in self.merger_forming and has_child(c, ("to",), ("aux",))), None)
        if formed is None:
            return []
        merged = self._groups(view, [t for o in patient_tokens(v) for t in (
            [o] if view.group_at(o) is not None else prep_objects(o, ("of",)))])
        return self._transfer_cands(view, merged, self._groups(view, patient_tokens(formed)),
                                    "transferred_to.merger", v)

    def _verb_manage(self, view, v):
        """"X is managed/run by Y", "Y will manage X": X is now under Y's management. "Y owns and
        operates X" states Y's own body (`part_of`, for the classifier), not one handed over."""
        if v.pos_ != "VERB" and v.dep_ != "relcl":
            return []
        if v.dep_ == "conj" and v.head.lemma_.lower() in self.owning or any(
                c.dep_ == "conj" and c.lemma_.lower() in self.owning for c in v.children):
            return []
        patients = self._groups(view, self._described(view, patient_tokens(v)))
        managers = self._groups(view, agent_tokens(v) if is_passive(v) else intending_subject(v))
        rule = "transferred_to.managed_by" if is_passive(v) else "transferred_to.manage"
        return self._transfer_cands(view, patients, managers, rule, v)

    @staticmethod
    def _described(view: DocView, tokens: list[Token]) -> list[Token]:
        """"X, a private hospital run by Y": the participle's noun is in apposition to the name it
        describes, which is what was handed over."""
        return [t.head if view.group_at(t) is None and t.dep_ == "appos" and view.group_at(t.head) is not None
                else t for t in tokens]

    def _verb_acquire(self, view, v):
        """"Y acquired X", "X was bought by Y", "Y bought a 70 percent stake in X", "will sell X
        to Y": X now belongs to Y, `transferred_to` (docs/annotation.md, "Taking over"). A stake
        hands X over only when the text says it is a majority or controlling one, or over half."""
        if v.pos_ != "VERB" and v.dep_ != "relcl":
            return []
        patients = patient_tokens(v)
        if v.lemma_.lower() in self.paying:
            # "Y paid N for a 60 percent stake in X": only a share bought "for" the money, a
            # majority one (the parser may hang "for" on the amount); "paid N for X" may be a service
            bought = [o for x in [v, *patients] for o in prep_objects(x, ("for",))
                      if o.lemma_.lower() in self.stake_nouns or o.like_num or o.lower_ in ("%", "percent")]
            return self._acquire_cands(view, self._acquired(bought), intending_subject(v), "transferred_to.pay", v)
        if v.lemma_.lower() in self.selling:
            buyers, rule = prep_objects(v, ("to",)), "transferred_to.sell"
            if is_passive(v):  # "That business was sold to Y": the body the sentence before sold
                patients = self._sold_before(view, patients) or patients
            # "X sold majority control to Y": the seller sold a share of itself
            if not self._acquired(patients) and any(p.lemma_.lower() in self.stake_nouns and
                                                    _majority(p, self.majority_words) for p in patients):
                patients = subject_tokens(v)
        elif is_passive(v):  # "X was bought by Y", "X was absorbed into Y", "X, a clinic bought by Y"
            buyers, rule = agent_tokens(v) or prep_objects(v, ("into",)), "transferred_to.acquired_by"
            patients = self._described(view, patients)
        else:
            buyers, rule = intending_subject(v), "transferred_to.acquire"
        return self._acquire_cands(view, self._acquired(patients), buyers, rule, v)

    def _sold_before(self, view: DocView, patients: list[Token]) -> list[Token]:
        """A demonstrative subject ("that business", "this company") that names nothing stands for
        the body whose sale the sentence before names ("... the $1.2 billion sale of X.")."""
        if not any(p.pos_ == "NOUN" and view.group_at(p) is None and has_child(p, ("that", "this"), ("det",))
                   for p in patients):
            return []
        s = view.sent_of_tok[patients[0].i]
        if s == 0:
            return []
        objects = [o for t in view.sents[s - 1] if t.lemma_.lower() in self.lex.sale_nouns
                   for o in prep_objects(t, ("of",))]
        # the latest sale only ("the sale of A ... after the sale of hospital group B": B)
        groups = self._groups(view, objects[-1:])
        return [view.doc[groups[0].start]] if groups else []

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
                    # "X's majority stake was bought by Y": a named owner before the stake is the body
                    out += prep_objects(p, ("in", "of")) or [c for c in p.children
                                                             if c.dep_ == "poss" and c.pos_ != "PRON"]
            else:
                out.append(p)
        return out

    def _verb_own(self, view, v):
        """"Y owns X", "X is (wholly) owned by Y", "Y, which owns X", "Y owns a majority stake in
        X": X is part of its owner (docs/annotation.md: a company more than half owned by another
        is `part_of` it). Owning is a state, not a change of hands. A share says so only when over
        half ("partly owned", "a 30 percent stake" are nothing); a campus or branch owned is a branch."""
        if v.pos_ != "VERB" and v.dep_ not in ("relcl", "acl"):
            return []
        if any(c.lower_ in self.partial_owning for c in v.children if c.dep_ in ("advmod", "npadvmod", "amod")):
            return []
        # "owned and operated by Y": the agent may hang on the participle joined to it
        agents = agent_tokens(v) or [a for c in v.children if c.dep_ == "conj" and c.tag_ == "VBN"
                                     for a in agent_tokens(c)]
        if is_passive(v) or (v.dep_ == "acomp" and v.tag_ == "VBN" and agents):
            shares = [c for c in v.children if c.dep_ in ("npadvmod", "advmod") and (
                c.like_num or any(x.like_num for x in c.children))]  # "60 percent owned by Y"
            if any(not _majority(c, self.majority_words) for c in shares):
                return []
            # "which is wholly-owned by Y": the parser may make the participle the copula's complement
            patients = patient_tokens(v) if is_passive(v) else [
                v.head.head if c.lower_ in RELATIVE_PRONOUNS and v.head.dep_ == "relcl" else c
                for c in v.head.children if c.dep_ in SUBJECT_DEPS]
            owned, owners = self._described(view, patients), agents
        else:
            objects = patient_tokens(v)
            if not objects:  # "Y owns and operates X": the object hangs on the conjoined verb
                objects = [o for c in v.children if c.dep_ == "conj" and c.pos_ == "VERB" for o in patient_tokens(c)]
            owned, owners = self._acquired(objects), subject_tokens(v)
        patients, holders = self._target(view, owned), self._groups(view, owners)
        return [self._cand(view, "part_of", view.end(m), view.end(c), "part_of.own", v, patients + holders)
                for c in self._members(view, holders) for m in self._members(view, patients)
                if m != c and name_head(view.ents[m]["canonical"]) not in self.lex.owned_branch_heads]

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
        objects = patient_tokens(v) + prep_objects(v, ("of",))
        members = self._groups(view, objects + self._bracketed(view, objects))
        return [self._cand(view, "member_of", view.end(m), view.end(c), "member_of.gather", v, alliances + members)
                for c in self._collectives(view, alliances) for m in self._members(view, members) if m != c]

    @staticmethod
    def _bracketed(view: DocView, objects: list[Token]) -> list[Token]:
        """"consists of one main hospital and 3 branch hospitals (A, B, C)": the names in brackets
        within an unnamed object's phrase, whatever the parser made of the list."""
        out = []
        for o in objects:
            if view.group_at(o) is not None:
                continue
            depth = 0
            for t in o.subtree:
                depth += (t.text == "(") - (t.text == ")")
                if depth > 0 and view.group_at(t) is not None:
                    out.append(t)
        return out

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
                if m != c and not (typ == "part_of" and self._named_elsewhere(view, m, c)):
                    out.append(self._cand(view, typ, view.end(m), view.end(c), f"{typ}.{pattern}", anchor,
                                          holders + targets))
        return out

    def _named_elsewhere(self, view: DocView, m: int, c: int) -> bool:
        """"Lanbo Hospital Affiliated to X University, Y Hospital and Z Hospital affiliated to W
        University": a body whose own name says whose it is belongs to no other body by a verb
        or noun beside it (in a list the parser pairs it with the wrong one)."""
        parents = [p for _, p, _ in self.names.relations(view.ents[m]["canonical"])]
        return bool(parents) and all(fold(p) != fold(view.ents[c]["canonical"]) for p in parents)

    def _verb_invest(self, view, v):
        money_tokens = patient_tokens(v) + prep_objects(v, ("with",))
        if has_child(v, ("up",), ("prt", "advmod")):  # "allocate up to N": the parser hangs "to N" on the verb
            money_tokens += prep_objects(v, ("to",))
        money = next((m for t in money_tokens for m in [self._money(view, t)] if m is not None), None)
        if money is None:
            return []
        if any(c.lower_ in self.lex.per_unit_words for c in self._money_root(view, money).children
               if c.dep_ in ("prep", "advmod", "npadvmod")):
            return []  # "offered $22.00 per share": a price
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
        lemma = v.lemma_.lower()
        if purpose is None and lemma in self.gifts and not (
                lemma in self.donating or lemma in self.handing and prep_objects(v, ("to",))):
            return []  # a gift counts when it funds something, is donated, or is handed to someone
        if lemma in self.paying and not (prep_objects(v, ("for",)) or any(
                c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB" and has_child(c, ("to",), ("aux",))
                for c in v.children)):
            return []  # "will pay X for the arrangement", "paid N to buy X", not "paid X in fines"
        rule = "invested.passive" if is_passive(v) else "invested.verb"
        heads = self._members(view, investors, INVESTOR_LABELS)
        amounts = self._listed_amounts(view, money)
        if self._respectively(v) and len(amounts) == len(heads) > 1:
            # "A and B invested N1 and N2 respectively": each investor its own amount
            return [self._cand(view, "invested", view.end(h), view.end(m), rule + ".respectively", v, investors,
                               purpose=purpose) for h, m in zip(heads, amounts)]
        out = [self._cand(view, "invested", view.end(h), view.end(money), rule, v, investors, purpose=purpose)
               for h in heads]
        return out + [self._cand(view, "invested", view.end(h), view.end(m), rule + ".gapped", v, investors,
                                 purpose=self._purpose(view, self._money_root(view, m)))
                      for m in self._gapped_amounts(view, v, money) for h in heads]

    def _gapped_amounts(self, view: DocView, v: Token, money: int) -> list[int]:
        """"allocated N1 as operating fund, and N2 for new clinics": an amount that the parser
        joins to the verb itself (the verb left out before it) is spent by the same investors."""
        out = []
        for c in v.children:
            e = view.tok_ent[c.i]
            if c.dep_ == "conj" and c.pos_ in ("NUM", "NOUN", "PROPN") and e >= 0 and e != money \
                    and view.ents[e]["label"] == "MONEY" and not any(x.dep_ in SUBJECT_DEPS for x in c.children):
                out.append(e)
        return out

    def _listed_amounts(self, view: DocView, money: int) -> list[int]:
        """The amount and those coordinated with it ("N1 and N2"), in order; an amount restated
        in another currency in brackets is not one of them."""
        out = [money]
        for c in self._money_root(view, money).conjuncts:
            e = view.tok_ent[c.i]
            if e >= 0 and view.ents[e]["label"] == "MONEY" and e not in out:
                out.append(e)
        return sorted(out, key=lambda e: view.ent_tok[e][0])

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
