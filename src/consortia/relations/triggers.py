"""Trigger words and role phrases found once per document by hash lookup over the token arrays."""

from spacy.attrs import LEMMA, LOWER, SPACY, TAG
from spacy.tokens import Doc

from .lexicon import Lexicon


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
