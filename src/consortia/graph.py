"""The organisation graph: entities as nodes, relations as typed, directed edges.

Edges come from a run's output (reviewed or not: `models.standing` applies the `review` fields)
or from an export database (`relations`, with `review_status`); the review page builds them from
its session. Nodes are cross-document entities (`names.entity_key`), so the same hospital named
in two articles is one node. Written as GraphML or GEXF (Gephi, networkx, yEd) or as
node-link JSON (`networkx.node_link_graph`, D3), all with the same attributes:

    node   id (entity key), name, label (ORG, PERSON, GPE, MONEY, DATE), documents
    edge   id, type, status (pending, accepted, rejected, corrected, added), date, modality,
           confidence, doc_id, evidence
"""

import json
import os
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConsortiaError
from .models import Record, standing
from .names import entity_key

FORMATS = ("graphml", "gexf", "json")
NODE_ATTRS = (("name", "string"), ("label", "string"), ("documents", "int"))
EDGE_ATTRS = (("type", "string"), ("status", "string"), ("date", "string"), ("modality", "string"),
              ("confidence", "double"), ("doc_id", "string"), ("evidence", "string"))


class GraphError(ConsortiaError):
    """The graph cannot be built or written: the message says what to fix."""

    code = "C060"


@dataclass(frozen=True)
class Edge:
    id: str
    type: str
    status: str
    head: tuple[str, str]  # (label, canonical name)
    tail: tuple[str, str]
    date: str | None
    modality: str
    confidence: float
    doc_id: str
    doc_sha256: str
    evidence: str

    @property
    def source(self) -> str:
        return entity_key(*self.head)

    @property
    def target(self) -> str:
        return entity_key(*self.tail)


@dataclass
class Node:
    id: str
    label: str
    names: Counter = field(default_factory=Counter)
    documents: set = field(default_factory=set)

    @property
    def name(self) -> str:
        """The name used most often, then the smallest string (independent of order)."""
        return min(self.names.items(), key=lambda kv: (-kv[1], kv[0]))[0]


@dataclass
class Graph:
    nodes: dict[str, Node]
    edges: list[Edge]

    def as_json(self, *, limit: int | None = None) -> dict:
        """Cytoscape.js elements (`{"data": {...}}`), at most `limit` edges and their nodes."""
        edges = self.edges if limit is None else self.edges[:limit]
        used = {k for e in edges for k in (e.source, e.target)}
        return {
            "nodes": [{"data": {"id": n.id, "name": n.name, "label": n.label, "documents": len(n.documents)}}
                      for n in self.nodes.values() if n.id in used],
            "edges": [{"data": {"id": e.id, "source": e.source, "target": e.target, **_edge_attrs(e),
                                "doc_sha256": e.doc_sha256}} for e in edges],
            "total_edges": len(self.edges), "shown_edges": len(edges),
        }


def build_graph(edges: Iterable[Edge]) -> Graph:
    nodes: dict[str, Node] = {}
    kept = []
    for e in edges:
        for label, name in (e.head, e.tail):
            node = nodes.setdefault(entity_key(label, name), Node(entity_key(label, name), label))
            node.names[name] += 1
            node.documents.add(e.doc_id)
        kept.append(e)
    return Graph(nodes, kept)


def in_period(date: str | None, since: str | None, until: str | None) -> bool:
    """Whether an ISO date at any precision may fall between since and until (inclusive, any
    precision too); a date that is unknown, or has no year, passes only when neither is set.

    >>> in_period("2019-05", "2019", "2019-12-31"), in_period("2018", "2019", None), in_period(None, None, None)
    (True, False, True)
    """
    if since is None and until is None:
        return True
    if not date or not date[:4].isdigit():
        return False
    if since is not None and date < since[:len(date)]:
        return False
    return until is None or date[:len(until)] <= until


# --- sources ---------------------------------------------------------------------------------

def edges_from_records(records: Iterable[Record], *, rejected: bool = False) -> Iterator[Edge]:
    """Edges of a run's records as review left them (corrections applied); rejected relations
    only when asked."""
    for record in records:
        _, relations = standing(record)
        for rel, status in relations:
            if status == "rejected" and not rejected:
                continue
            yield Edge(id=f"{record.doc_id}/{rel.id}", type=rel.type, status=status,
                       head=(rel.head.label, rel.head.canonical), tail=(rel.tail.label, rel.tail.canonical),
                       date=rel.date or record.published, modality=rel.modality,
                       confidence=rel.confidence, doc_id=record.doc_id, doc_sha256=record.sha256,
                       evidence=rel.evidence.text)


def edges_from_db(url: str, *, rejected: bool = False) -> Iterator[Edge]:
    """Edges of an export database (`consortia export`), in (doc_id, rel_id) order."""
    from sqlalchemy import select

    from .export.db import open_database
    from .export.schema import documents, relations

    engine = open_database(url)
    try:
        query = (select(relations, documents.c.published, documents.c.sha256)
                 .join(documents, documents.c.doc_id == relations.c.doc_id)
                 .order_by(relations.c.doc_id, relations.c.rel_id))
        if not rejected:
            query = query.where(relations.c.review_status != "rejected")
        with engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
    finally:
        engine.dispose()
    for r in rows:
        yield Edge(id=f"{r['doc_id']}/{r['rel_id']}", type=r["type"], status=r["review_status"],
                   head=(r["head_label"], r["head_name"]), tail=(r["tail_label"], r["tail_name"]),
                   date=r["date"] or r["published"], modality=r["modality"], confidence=r["confidence"],
                   doc_id=r["doc_id"], doc_sha256=r["sha256"], evidence=r["evidence"])


# --- writing ---------------------------------------------------------------------------------

def _edge_attrs(e: Edge) -> dict:
    return {"type": e.type, "status": e.status, "date": e.date, "modality": e.modality,
            "confidence": e.confidence, "doc_id": e.doc_id, "evidence": e.evidence}


def _node_attrs(n: Node) -> dict:
    return {"name": n.name, "label": n.label, "documents": len(n.documents)}


def graphml(graph: Graph) -> bytes:
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element("graphml", xmlns=ns)
    for kind, attrs in (("node", NODE_ATTRS), ("edge", EDGE_ATTRS)):
        for name, type_ in attrs:
            ET.SubElement(root, "key", {"id": f"{kind[0]}_{name}", "for": kind, "attr.name": name,
                                        "attr.type": type_})
    g = ET.SubElement(root, "graph", id="consortia", edgedefault="directed")
    for n in graph.nodes.values():
        node = ET.SubElement(g, "node", id=n.id)
        for name, value in _node_attrs(n).items():
            ET.SubElement(node, "data", key=f"n_{name}").text = str(value)
    for e in graph.edges:
        edge = ET.SubElement(g, "edge", id=e.id, source=e.source, target=e.target)
        for name, value in _edge_attrs(e).items():
            if value is not None:
                ET.SubElement(edge, "data", key=f"e_{name}").text = str(value)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def gexf(graph: Graph) -> bytes:
    """GEXF 1.2 (what Gephi and networkx read)."""
    root = ET.Element("gexf", xmlns="http://www.gexf.net/1.2draft", version="1.2")
    g = ET.SubElement(root, "graph", defaultedgetype="directed", mode="static")
    for kind, attrs in (("node", NODE_ATTRS), ("edge", EDGE_ATTRS)):
        block = ET.SubElement(g, "attributes", {"class": kind})
        for i, (name, type_) in enumerate(attrs):
            ET.SubElement(block, "attribute", id=f"{kind[0]}{i}", title=name,
                          type={"int": "integer"}.get(type_, type_))
    nodes = ET.SubElement(g, "nodes")
    for n in graph.nodes.values():
        node = ET.SubElement(nodes, "node", id=n.id, label=n.name)
        values = ET.SubElement(node, "attvalues")
        for i, (name, _) in enumerate(NODE_ATTRS):
            ET.SubElement(values, "attvalue", {"for": f"n{i}", "value": str(_node_attrs(n)[name])})
    edges = ET.SubElement(g, "edges")
    for e in graph.edges:
        edge = ET.SubElement(edges, "edge", id=e.id, source=e.source, target=e.target, label=e.type)
        values = ET.SubElement(edge, "attvalues")
        for i, (name, _) in enumerate(EDGE_ATTRS):
            value = _edge_attrs(e)[name]
            if value is not None:
                ET.SubElement(values, "attvalue", {"for": f"e{i}", "value": str(value)})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def node_link(graph: Graph) -> bytes:
    """networkx's node-link format (`networkx.node_link_graph(data, edges="links")`)."""
    data = {"directed": True, "multigraph": True, "graph": {"name": "consortia"},
            "nodes": [{"id": n.id, **_node_attrs(n)} for n in graph.nodes.values()],
            "links": [{"source": e.source, "target": e.target, "key": e.id, **_edge_attrs(e)}
                      for e in graph.edges]}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


WRITERS = {"graphml": graphml, "gexf": gexf, "json": node_link}


def format_of(path: Path, fmt: str | None) -> str:
    if fmt:
        return fmt
    suffix = path.suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    raise GraphError(f"cannot tell the format of {path.name}: name it .graphml, .gexf or .json, "
                     f"or give --format")


def write_graph(graph: Graph, path: Path, fmt: str) -> None:
    """Write whole or not at all (a temporary file beside it, then a rename)."""
    data = WRITERS[fmt](graph)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
