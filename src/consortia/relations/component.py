"""The relations component: the rule families put together, per document, into one relation per fact."""

import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..errors import ConfigError
from ..names import fold
from ..relation_model.roles import posts_at_governed
from ..relation_model.scoring import RelationModel, merge
from ..stagedata import guarded, state
from .arguments import ArgumentRules
from .headlines import headline_items, headline_partners, is_headline
from .lexicon import Lexicon, load_confidence, load_lexicon
from .name_rules import NameRules, abbreviates
from .naming import NameRelations
from .nouns import NounRules
from .posts import PostRules
from .references import ReferenceRules
from .surface import SurfaceRules
from .syntax import FOREIGN_CLAUSE_DEPS, MODALITY_UP_DEPS, OBJECT_DEPS, RELATIVE_PRONOUNS, SUBJECT_DEPS, _headline, cut_off_sentence, has_child, is_passive, sentence_evidence
from .triggers import TriggerIndex, _longest_per_start, singular_title
from .verbs import VerbRules
from .view import Candidate, DocView, Group, _longest, build_view, first_currency, surface_groups


class RelationExtractor(ReferenceRules, ArgumentRules, VerbRules, NounRules, PostRules, NameRelations, SurfaceRules):
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
        self.company_words = {fold(w) for w in lexicon.references.company_words}
        self.role_heads = set(lexicon.roles.heads)
        self.role_mods = set(lexicon.roles.modifiers)
        self.affiliated = {w.lower() for w in lexicon.names.affiliated_words}
        self.own_time_words = frozenset(w.lower() for w in lexicon.own_time_words)
        self.speech_verbs = frozenset(w.lower() for w in lexicon.speech_verbs)
        self.absorbing = set(lexicon.absorbing_verbs)
        self.selling = set(lexicon.selling_verbs)
        self.stake_nouns = set(lexicon.stake_nouns)
        self.majority_words = set(lexicon.majority_words)
        self.owning = set(lexicon.owning_verbs)
        self.partial_owning = set(lexicon.partial_owning_words)
        self.round_words = frozenset(lexicon.round_words)
        self.round_nouns = frozenset(lexicon.nouns["round"])
        self.round_leading = frozenset(lexicon.round_leading_verbs)
        self.round_participation = frozenset(lexicon.round_participation_nouns)
        self.round_joining = frozenset(lexicon.round_joining_verbs)
        self.listing_code = re.compile(lexicon.references.listing_code) if lexicon.references.listing_code else None
        self.merger_forming = frozenset(lexicon.merger_forming_verbs)
        self.list_openers = set(lexicon.prepositions.list_openers)
        self.title_nouns = set(lexicon.title_nouns)
        self.gifts = set(lexicon.gift_verbs)
        self.paying = set(lexicon.paying_verbs)
        self.donating = set(lexicon.donating_verbs)
        self.handing = set(lexicon.handing_verbs)
        self.not_investment = set(lexicon.not_investment_words)
        self.receiving = set(lexicon.receiving_verbs)
        self.amounting = frozenset(lexicon.amounting_words)
        self.spending = set(lexicon.spending_verbs)
        self.invest_nouns = set(lexicon.nouns["invest"])
        self.under_nouns = set(lexicon.under_nouns)
        self.handed_nouns = frozenset(lexicon.handed_nouns)
        self.with_verbs = frozenset(lexicon.purpose_with_verbs)
        self.granting = set(lexicon.granting_verbs)
        self.pronouns = set(lexicon.references.possessive_pronouns)
        # "of the hospital": the one-word nouns of singular references to a body
        self.reference_nouns = frozenset(w for w, kind in lexicon.references.singular_nouns.items()
                                         if " " not in w and not kind.startswith("gpe:"))
        self.founding = set(lexicon.founding_verbs)
        self.cooperate = set(lexicon.triggers["cooperate"])
        self.not_current = set(lexicon.roles.not_current)
        self.ending_verbs = frozenset(w.lower() for w in lexicon.roles.ending_verbs)
        self.governing_bodies = frozenset(w.lower() for w in lexicon.roles.governing_bodies)
        self.place_titles = frozenset(w.lower() for w in lexicon.roles.place_titles)
        self.name_honorifics = frozenset(w.lower() for w in lexicon.roles.name_honorifics)
        h = lexicon.headline_partners
        self.headline_words = {"signing": frozenset(h.signing_verbs), "pairing": frozenset(h.pairing_verbs),
                               "with_verbs": frozenset(h.with_verbs), "deals": frozenset(h.deal_nouns)}
        # the last word of a compound title is a title word unless it modifies titles ("general" of
        # "director general": "Major General NAME" holds no post)
        self.post_titles = frozenset(w.lower() for w in lexicon.roles.heads + lexicon.roles.post_nouns
                                     + [c.split()[-1] for c in lexicon.roles.compound_heads
                                        if c.split()[-1] not in lexicon.roles.modifiers])

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
            found += self._headline_partners(view, s)
            # the parse's reading first: a pair it already relates keeps that rule
            stated = {(c.type, c.head["entity"], c.tail["entity"]) for c in found if c.sent == s}
            found += [c for c in self._surface_acquisitions(view, s)
                      if (c.type, c.head["entity"], c.tail["entity"]) not in stated]
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
        state(doc)["relations"] = posts_at_governed(self._no_part_of_both_ways(self._no_part_of_itself(
            self._no_partner_of_own_unit(state(doc)["relations"]))), ents, self.governing_bodies)
        return doc

    def _headline_partners(self, view: DocView, s: int) -> list[Candidate]:
        """partner_of read off a headline's words (headlines.py): its title case defeats the parse."""
        sent = view.sents[s]
        if not is_headline(sent):
            return []
        items = headline_items(sent, view.tok_ent, view.ents)
        return [self._cand(view, "partner_of", view.end(a), view.end(b), f"partner_of.headline_{pattern}", None, (),
                           sent=s) for a, b, pattern in headline_partners(items, **self.headline_words)]

    def _no_partner_of_own_unit(self, rels: list[dict]) -> list[dict]:
        """A body is no partner of a unit its name makes part of it ("Y University and New Hope
        Group will jointly establish the Y University Brain Hospital"), from rules or classifier."""
        def owns(a: str, b: str) -> bool:
            return any(fold(parent) == fold(b) for _, parent, _ in self.names.relations(a))

        return [r for r in rels if r["type"] != "partner_of" or not (
            owns(r["head"]["canonical"], r["tail"]["canonical"]) or owns(r["tail"]["canonical"], r["head"]["canonical"]))]

    @staticmethod
    def _no_part_of_itself(rels: list[dict]) -> list[dict]:
        """A body is no part of its own short form ("Department of Health (DoH)"), from rules or
        classifier: the two names are one body the entities stage left apart."""
        def same(r: dict) -> bool:
            a, b = r["head"]["canonical"], r["tail"]["canonical"]
            return abbreviates(a, b) or abbreviates(b, a)

        return [r for r in rels if r["type"] != "part_of" or not same(r)]

    @staticmethod
    def _no_part_of_both_ways(rels: list[dict]) -> list[dict]:
        """A part of B and B part of A, from rules or classifier: the readings contradict each other,
        so only the more certain stands (on a tie both do: nothing tells them apart)."""
        best: dict[tuple[str, str], float] = {}
        for r in rels:
            if r["type"] == "part_of":
                key = (fold(r["head"]["canonical"]), fold(r["tail"]["canonical"]))
                best[key] = max(best.get(key, 0.0), r["confidence"])
        return [r for r in rels if r["type"] != "part_of" or r["confidence"] >= best.get(
            (fold(r["tail"]["canonical"]), fold(r["head"]["canonical"])), 0.0)]

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
            if above and lemma in self.neg_gov and path_deps[-1:] != ["advcl"]:
                negated = True  # "X was revoked, signaling the merger of A and B": no object of it
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
