"""Posts of people listed after one body, read from the relations stage's unit string.

A sentence's units (posts.py, `_positions`) are tuples whose first item is a symbol: "P" a
person, "O" an organisation, "R" a role phrase, "w" any other word, and the listed function
words as written ("," "and" "of" "the" "mr" ...). These functions are pure: they take the units
and the posts found so far and return further posts as (person unit, org unit, role unit, rule,
dated) tuples, the shape `_positions` reads.
"""

from collections.abc import Callable, Sequence

HONORIFIC_UNITS = frozenset({"mr.", "mrs.", "ms.", "dr.", "prof.", "mr", "mrs", "ms", "dr", "prof", "comrade", "madam"})
SEPARATORS = frozenset({",", ";", "and"})
# the patterns whose post states the body before a title and a name: "ORG president NAME",
# "President of ORG NAME" (pipelines/relations/lexicon.json, position_patterns)
BODY_FIRST = frozenset({"org_role_name", "role_of_org_name"})
# the pattern whose post states the body after a name and its title: "A, President of ORG"
BODY_AFTER = frozenset({"apposition"})


def title_chain(units: Sequence[tuple], items: dict[int, tuple], taken: set[int] = frozenset(), *,
                placed: Callable[[int], bool] = lambda r: False,
                plural: Callable[[int], bool] = lambda r: False) -> list[tuple[int, int, int, str, bool]]:
    """"ORG President A, Vice President B and Party Secretary C", "A, President of ORG, Vice
    President B": the names listed after a body's first title-and-name, each with a title of
    its own right before it and no body of its own, hold their posts at that body.

    `items`: person unit -> (org unit, role unit, rule, dated) of the posts found so far;
    `taken`: person units that have a post already (the list ends at them); `placed(r)`: the
    role unit r is a post held in a place ("Vice Governor B"), at no body (the list ends there);
    `plural(r)`: the role unit r is a plural title ("Vice Presidents B and C"), held by each name
    listed right after it.

    >>> # units of "O R P , R P and R P ." with items {2: (0, 1, "org_role_name", False)}
    >>> # -> [(5, 0, 4, "title_chain", False), (8, 0, 7, "title_chain", False)]
    """
    n = len(units)
    sym = lambda k: units[k][0] if 0 <= k < n else "."  # noqa: E731
    out = []
    for p, (o, r, name, _dated) in sorted(items.items()):
        if o is not None and name in BODY_FIRST and o < p and r < p:
            k = p + 1
        elif o is not None and name in BODY_AFTER and p < r < o and sym(o + 1) == "," and sym(o + 2) != "and":
            k = o + 1  # "A, President of ORG, Vice President B" (not "..., and Vice President B")
        else:
            continue
        while True:
            j = k
            if sym(j) not in SEPARATORS:
                break
            while sym(j) in SEPARATORS:
                j += 1
            while sym(j) in ("the", "a", "an") or sym(j) in HONORIFIC_UNITS:
                j += 1
            if sym(j) != "R" or placed(j):
                break
            role = j
            j += 1
            while sym(j) in HONORIFIC_UNITS:
                j += 1
            if sym(j) != "P" or j in items or j in taken:
                break  # a name with its own post ends the list
            own_body = sym(j + 1) in ("of", "at", "'s", "O", "R")
            nxt = j + 3
            while sym(nxt) in HONORIFIC_UNITS:
                nxt += 1
            listed = sym(j + 2) == "R" and sym(nxt) == "P"  # "R B, R C": the next item
            if own_body or (sym(j + 1) == "," and sym(j + 2) in ("R", "the", "a", "an") and not listed):
                break  # "R B of ORG2", "R B, director of ...": B's body is another
            out.append((j, o, role, "title_chain", False))
            k = j + 1
            while plural(role) and sym(k) in SEPARATORS and sym(k + 1) == "P" and k + 1 not in items \
                    and k + 1 not in taken and sym(k + 2) not in ("of", "at", "'s", "O", "R"):
                out.append((k + 1, o, role, "title_chain", False))  # "Vice Presidents B and C"
                k += 2
    return out


def honorific_gap(units: Sequence[tuple], k: int) -> bool:
    """A unit a list of names may hold between two names: a separator or an honorific
    ("Mr A and Dr B")."""
    return 0 <= k < len(units) and (units[k][0] in (",", "and") or units[k][0] in HONORIFIC_UNITS)
