"""How short references ("the hospital", "both sides", "he") find the entities they stand for."""

import bisect

from spacy.tokens import Token

from ..names import fold
from .name_rules import name_head
from .syntax import SUBJECT_DEPS, patient_tokens, subject_tokens
from .view import DocView, Group, INVESTOR_LABELS, REFERENCE_WINDOW_MENTIONS, _inside_quotes, _mentions_by_name


class ReferenceRules:
    """How short references ("the hospital", "both sides", "he") find the entities they stand for. A part of RelationExtractor (component.py), whose
    attributes it reads."""

    def _reference(self, view: DocView, h: Token) -> Group | None:
        """The entities a short reference headed by h stands for ("the two hospitals", "both
        sides", "the alliance", "the cancer center", "the Cancer Hospital", "the province"),
        named before it in the same or the previous paragraph. A singular reference with nothing
        in that window stands for the body of its kind the document has spoken of most (a
        hospital's own news page says "the hospital" all along); "the city government" with no
        government named stands for the city. Resolved only when a rule asks about that token."""
        if h.lower_ in ("it", "they") and h.dep_ in SUBJECT_DEPS:
            return self._subject_pronoun(view, h)
        if h.lower_ in self.lex.references.brief_company_words and h.dep_ in SUBJECT_DEPS and h.left_edge.i == h.i:
            return self._brief_company(view, h)
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
        if category == "company" and not mods and not inner:
            return self._company(view, h, start)
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

    def _brief_company(self, view: DocView, h: Token) -> Group | None:
        """"* Says co plans to invest N": in a wire brief, "co" right after "says" is the company its
        headline names, the first company of the page."""
        if h.i == 0 or view.doc[h.i - 1].lemma_.lower() != "say":
            return None
        first = next((i for i, e in enumerate(view.ents) if e["label"] == "ORG"
                      and view.ent_tok[i] is not None and view.ent_tok[i][1] <= h.i), None)
        if first is None or not self._fits(view.ents[first]["canonical"], "company"):
            return None
        return Group((first,), h.i, h.i + 1, via=view.sent_of_tok[view.ent_tok[first][0]], far=True)

    def _company(self, view: DocView, h: Token, start: int) -> Group | None:
        """"the company" in a company's release or filing: the body a filing defines as the Company
        ('X (the "Company")'), else the company the page names most before it (a nearest company
        is as often the one it deals with: "the company bought X Co., Ltd. ... the company's ...")."""
        found = self._defined_company(view, start)
        if found is None:
            # among the companies named in this or the previous paragraph, the one the page names most
            near = {fold(view.ents[i]["canonical"]) for s in view.window(view.sent_of_tok[start])
                    for i in view.ents_in_sent[s] if view.ent_tok[i][1] <= start}
            far = {fold(e["canonical"]) for e in view.ents if e["label"] == "ORG"} - near
            main = self._main_antecedent(view, start, "company", (), None, self._clause_subjects(view, h) | far)
            found = main[0][0] if main and self._named_twice(view, main[0][0], start) else None
        if found is None:
            return None
        return Group((found,), start, h.i + 1, via=view.sent_of_tok[view.ent_tok[found][0]], far=True)

    @staticmethod
    def _named_twice(view: DocView, i: int, before: int) -> bool:
        """A company the page names once is as often the one the page's company deals with."""
        key = fold(view.ents[i]["canonical"])
        return sum(fold(e["canonical"]) == key and view.ent_tok[j][1] <= before
                   for j, e in enumerate(view.ents)) >= 2

    def _defined_company(self, view: DocView, before: int) -> int | None:
        """The ORG right before '(the "Company"' (or '(hereinafter "the Company")'), if that comes
        before the token."""
        found = view.memo("defined_company", lambda: self._company_definition(view) or self._listed_company(view))
        return found[0] if found and found[1] < before else None

    def _listed_company(self, view: DocView) -> tuple[int, int] | None:
        """The first ORG named with its listing code in brackets ('X (02453.HK) announced'): the
        company whose filing or release the page is, when none defines the Company."""
        if not self.listing_code:
            return None
        for e, span in enumerate(view.ent_tok):
            end = span[1] if span is not None else len(view.doc)
            if view.ents[e]["label"] == "ORG" and end < len(view.doc) and view.doc[end].text == "(" \
                    and self.listing_code.match(view.doc[end:end + 8].text):
                return e, end
        return None

    @staticmethod
    def _company_definition(view: DocView) -> tuple[int, int] | None:
        doc = view.doc
        for i in range(1, len(doc) - 2):
            if doc[i].text != "(":
                continue
            # 'X (the "Company")', 'X, a Cayman Islands company (the "Company")'
            e = next((view.tok_ent[j] for j in range(i - 1, max(i - 9, -1), -1) if view.tok_ent[j] >= 0
                      and (j == i - 1 or doc[j + 1].text == ",")), -1)
            if e >= 0 and view.ents[e]["label"] == "ORG":
                words = [t.lower_ for t in doc[i + 1:i + 6] if not (t.is_punct or t.is_quote or t.is_space)]
                if words[:2] in (["the", "company"], ["hereinafter", "the"], ["company"]) and "company" in words[:3]:
                    return e, i
        return None

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

    def _first_person(self, view: DocView, h: Token, start: int, words: list[str],
                      anywhere: bool = False) -> Group | None:
        """"our hospital" outside a quotation is the page's own voice: the body of that kind the
        page names most before it (`anywhere`: else in the whole page, for a post: "President of
        our hospital NAME" may come before the page names itself). Inside a quotation it is the
        speaker's, which is not guessed."""
        category = self.lex.references.singular_nouns.get(" ".join(words[1:]))
        if category is None or category.startswith("gpe:") or self._quoted(view, start):
            return None
        skip = self._clause_subjects(view, h)
        found = self._main_antecedent(view, start, category, skip=skip)
        if not found and anywhere:
            found = self._main_antecedent(view, len(view.doc) - 1, category, skip=skip)
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
        if category == "company":  # a company's legal form, or a brand name that has no institution head
            return bool(self.company_words & set(fold(canonical).replace(",", " ").split())) or (
                name_head(canonical) not in self.names.org_heads)
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
