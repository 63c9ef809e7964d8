"""post_lists: posts of people listed after one body, over unit strings (no model)."""

import pytest

from consortia.relations.post_lists import honorific_gap, title_chain


def units(text: str) -> list[tuple]:
    """Unit tuples from a symbol string ("O R P , R P"): (symbol, start, end, entity)."""
    return [(sym, k, k + 1, None) for k, sym in enumerate(text.split())]


@pytest.mark.parametrize("text, items, expected", [
    # "ORG President A, Vice President B and Party Secretary C attended."
    ("O R P , R P and R P w .", {2: (0, 1, "org_role_name", False)},
     [(5, 0, 4, "title_chain", False), (8, 0, 7, "title_chain", False)]),
    # "President of ORG A, the Vice President B, Dr. C's ..." (the article and honorifics between)
    ("R of O P , the R mr P w", {3: (2, 0, "role_of_org_name", False)}, [(8, 2, 6, "title_chain", False)]),
    # "ORG President A and Director of ORG2 B": B's title has a body of its own
    ("O R P and R of the O P", {2: (0, 1, "org_role_name", False), 8: (7, 4, "role_of_org_name", False)}, []),
    # "ORG President A, Vice President B of ORG2": the body after B is B's
    ("O R P , R P of O", {2: (0, 1, "org_role_name", False)}, []),
    # "ORG President A, Vice President B, director of ...": B's own apposition
    ("O R P , R P , R of O", {2: (0, 1, "org_role_name", False)}, []),
    # "A, president of ORG, and Vice President B": the body is after the first name, no list of it
    ("P , R of O , and R P", {0: (4, 2, "apposition", False)}, []),
    # a list item without a title ends the list
    ("O R P , P and R P", {2: (0, 1, "org_role_name", False)}, []),
    # "President of ORG A, Vice President B, Vice President Dr C": a title and a name after B
    # are the next item, not B's apposition
    ("R of O P , R P , R dr P w", {3: (2, 0, "role_of_org_name", False)},
     [(6, 2, 5, "title_chain", False), (10, 2, 8, "title_chain", False)]),
    # "A, President of ORG, Vice President B, ORG2 Director C": after an apposition's body, up
    # to a name with a body of its own
    ("P , R of O , R P , O R P", {0: (4, 2, "apposition", False), 11: (9, 10, "org_role_name", False)},
     [(7, 4, 6, "title_chain", False)]),
])
def test_title_chain(text, items, expected):
    assert title_chain(units(text), items) == expected


def test_title_chain_stops_at_a_name_with_a_post_and_at_a_title_held_in_a_place():
    u = units("O R P , R P and R P")
    assert title_chain(u, {2: (0, 1, "org_role_name", False)}, {5}) == []
    assert title_chain(u, {2: (0, 1, "org_role_name", False)}, placed=lambda r: r == 4) == []
    assert title_chain(u, {2: (0, 1, "org_role_name", False)}, placed=lambda r: r == 7) == [
        (5, 0, 4, "title_chain", False)]


@pytest.mark.parametrize("text, k, expected", [
    ("mr P and dr P", 0, True), ("mr P and dr P", 2, True), ("mr P and dr P", 3, True),
    ("P , P", 1, True), ("P of O", 1, False), ("P", 5, False), ("P", -1, False),
])
def test_honorific_gap(text, k, expected):
    assert honorific_gap(units(text), k) is expected
