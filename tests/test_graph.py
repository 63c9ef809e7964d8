"""`consortia graph`: the organisation graph of an output or an export database, as GraphML,
GEXF or node-link JSON, read back with networkx."""

import pytest
from click.testing import CliRunner

from consortia.cli import cli
from consortia.graph import build_graph, edges_from_records, in_period
from consortia.names import entity_key

from .test_export import db_url, pg_schema  # noqa: F401  (fixtures)
from .test_review_support import write_output

nx = pytest.importorskip("networkx")


@pytest.fixture
def seeds_output(seed_records, tmp_path):
    return write_output(tmp_path / "seeds.jsonl", [seed_records[k] for k in sorted(seed_records)])


@pytest.mark.parametrize("name, read", [
    ("graph.graphml", lambda p: nx.read_graphml(p, force_multigraph=True)),
    ("graph.gexf", nx.read_gexf),
    ("graph.json", lambda p: nx.node_link_graph(__import__("json").loads(p.read_text()), edges="links")),
])
def test_the_seeds_graph_in_each_format_reads_back_in_networkx(seeds_output, seed_records, tmp_path, name, read):
    out = tmp_path / name
    result = CliRunner().invoke(cli, ["graph", str(seeds_output), "-o", str(out)])
    assert result.exit_code == 0, result.output
    g = read(out)
    relations = [r for rec in seed_records.values() for r in rec.relations]
    assert g.is_directed() and g.number_of_edges() == len(relations) > 10
    r = relations[0]
    source, target = entity_key(r.head.label, r.head.canonical), entity_key(r.tail.label, r.tail.canonical)
    if name.endswith("gexf"):  # networkx names GEXF nodes by label; ids are kept as 'id'
        assert g.has_edge(*[n for n, d in g.nodes(data=True) if d.get("id", n) == source][:1],
                          *[n for n, d in g.nodes(data=True) if d.get("id", n) == target][:1])
    else:
        assert g.has_edge(source, target)
        data = next(iter(g.get_edge_data(source, target).values()))
        assert data["type"] == r.type and data["status"] == "pending" and data["evidence"] == r.evidence.text
        assert g.nodes[source]["label"] == r.head.label
    assert f"{g.number_of_edges()} edges written" in result.output


def test_the_graph_of_an_export_database_equals_the_graph_of_its_output(seeds_output, tmp_path, db_url):  # noqa: F811
    runner = CliRunner()
    assert runner.invoke(cli, ["export", str(seeds_output), "--db", db_url]).exit_code == 0
    from_db, from_file = tmp_path / "db.json", tmp_path / "file.json"
    assert runner.invoke(cli, ["graph", "--db", db_url, "-o", str(from_db)]).exit_code == 0
    assert runner.invoke(cli, ["graph", str(seeds_output), "-o", str(from_file)]).exit_code == 0
    import json

    a, b = json.loads(from_db.read_text()), json.loads(from_file.read_text())
    key = lambda link: (link["key"], link["source"], link["target"], link["type"])  # noqa: E731
    assert sorted(map(key, a["links"])) == sorted(map(key, b["links"]))
    assert {n["id"] for n in a["nodes"]} == {n["id"] for n in b["nodes"]}


def test_reviewed_jsonl_leaves_rejected_relations_out_unless_asked(seed_records):
    record = seed_records[sorted(seed_records)[0]]
    data = record.model_dump(mode="json")
    data["relations"][0]["review"] = {"status": "rejected", "reviewer": "ana", "decided_at": None}
    corrected = {**data["relations"][1], "date": "2020"}
    data["relations"][1]["review"] = {"status": "corrected", "corrected": corrected}
    reviewed = type(record).model_validate(data)
    edges = list(edges_from_records([reviewed]))
    assert len(edges) == len(record.relations) - 1
    assert edges[0].status == "corrected" and edges[0].date == "2020"
    assert len(list(edges_from_records([reviewed], rejected=True))) == len(record.relations)
    graph = build_graph(edges)
    assert all(e.source in graph.nodes and e.target in graph.nodes for e in graph.edges)


def test_graph_command_errors_say_what_to_do(seeds_output, tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["graph", "-o", str(tmp_path / "g.graphml")])
    assert result.exit_code == 2 and "give OUT.jsonl or --db URL" in result.output
    result = runner.invoke(cli, ["graph", str(seeds_output), "-o", str(tmp_path / "g.txt")])
    assert result.exit_code == 2 and "name it .graphml, .gexf or .json" in result.output
    result = runner.invoke(cli, ["graph", str(seeds_output), "-o", str(tmp_path / "g.txt"), "--format", "gexf"])
    assert result.exit_code == 0 and (tmp_path / "g.txt").read_bytes().startswith(b"<?xml")
    result = runner.invoke(cli, ["graph", str(seeds_output), "-o", str(tmp_path / "no" / "g.json")])
    assert result.exit_code == 2 and "does not exist" in result.output


@pytest.mark.parametrize("date, since, until, expected", [
    ("2019-05", "2019", "2019-12-31", True),
    ("2018", "2019", None, False),
    ("2019", "2019-06", None, True),  # a year may hold June
    ("2020-01-02", None, "2019", False),
    ("XXXX-12-29", "2019", None, False),
    (None, None, None, True),
    (None, "2019", None, False),
])
def test_a_date_at_any_precision_in_a_period(date, since, until, expected):
    assert in_period(date, since, until) is expected
