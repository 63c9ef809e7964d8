// The organisation graph as review leaves it (Cytoscape.js, vendored in static/): nodes are
// entities across documents, edges relations, styled by status; click an edge for its evidence.
"use strict";

(() => {
  const { api, el, toast, fillSelect } = Review;
  const $ = id => document.getElementById(id);
  const STATUS_COLOURS = { accepted: "#1f8a4c", pending: "#8a939d", rejected: "#b3261e", corrected: "#a35d00", added: "#3559c7" };
  const LABEL_COLOURS = { ORG: "#7aecec", PERSON: "#aa9cfc", GPE: "#feca74", MONEY: "#e4e7d2", DATE: "#bfe1d9" };
  let cy = null;

  async function init() {
    const summary = await api("/api/summary");
    fillSelect($("g-type"), summary.types, null, "all");
    for (const status of summary.statuses) {
      $("g-status").append(el("label", {}, el("input", { type: "checkbox", name: "status", value: status,
                                                         checked: status !== "rejected" }), ` ${status}`));
    }
    const params = new URLSearchParams(location.search);
    if (params.has("doc")) $("g-doc").value = params.get("doc");
    $("graph-filters").addEventListener("submit", event => { event.preventDefault(); draw(); });
    $("graph-filters").addEventListener("change", event => { if (event.target.type === "checkbox" || event.target.tagName === "SELECT") draw(); });
    await draw();
  }

  function query() {
    const params = new URLSearchParams();
    if ($("g-doc").value.trim()) params.set("doc", $("g-doc").value.trim());
    if ($("g-type").value) params.append("type", $("g-type").value);
    for (const box of document.querySelectorAll("#g-status input:checked")) params.append("status", box.value);
    if ($("g-since").value.trim()) params.set("since", $("g-since").value.trim());
    if ($("g-until").value.trim()) params.set("until", $("g-until").value.trim());
    return params;
  }

  async function draw() {
    let data;
    try {
      data = await api(`/api/graph?${query()}`);
    } catch (error) {
      return toast(error.message);
    }
    $("graph-info").textContent = `${data.nodes.length} nodes, ${data.shown_edges} edges` +
      (data.total_edges > data.shown_edges ? ` (first ${data.shown_edges} of ${data.total_edges}: narrow the filters)` : "") +
      ` from ${data.documents} document(s)`;
    if (cy) cy.destroy();
    cy = cytoscape({
      container: $("cy"),
      elements: { nodes: data.nodes, edges: data.edges },
      wheelSensitivity: 0.3,
      style: [
        { selector: "node", style: { "label": "data(name)", "font-size": 10, "text-wrap": "wrap", "text-max-width": 120,
                                     "background-color": n => LABEL_COLOURS[n.data("label")] || "#ccc",
                                     "border-width": 1, "border-color": "#555", "width": 18, "height": 18 } },
        { selector: "edge", style: { "label": "data(type)", "font-size": 8, "curve-style": "bezier",
                                     "target-arrow-shape": "triangle", "width": 2, "text-rotation": "autorotate",
                                     "line-color": e => STATUS_COLOURS[e.data("status")] || "#999",
                                     "target-arrow-color": e => STATUS_COLOURS[e.data("status")] || "#999" } },
        { selector: "edge[status = 'pending']", style: { "line-style": "dashed" } },
        { selector: "edge[status = 'rejected']", style: { "line-style": "dotted", "opacity": 0.6 } },
        { selector: ":selected", style: { "overlay-color": "#5b8def", "overlay-opacity": 0.25 } },
      ],
      layout: { name: data.nodes.length > 400 ? "concentric" : "cose", animate: false, randomize: false,
                nodeRepulsion: () => 8000, idealEdgeLength: () => 90, numIter: 800 },
    });
    cy.on("tap", "edge", event => showEdge(event.target.data()));
    cy.on("tap", "node", event => showNode(event.target));
    window.__graph = { nodes: data.nodes.length, edges: data.edges.length };  // for tests
    window.__cy = cy;
  }

  function showEdge(d) {
    const source = cy.getElementById(d.source).data("name"), target = cy.getElementById(d.target).data("name");
    $("edge-detail").replaceChildren(
      el("h2", {}, `${source} ${d.type} → ${target}`),
      el("p", {}, el("span", { className: `status status-${d.status}` }, d.status), ` ${d.modality}`,
         d.date ? ` · ${d.date}` : "", ` · confidence ${Number(d.confidence).toFixed(2)}`),
      el("blockquote", { className: "evidence" }, d.evidence),
      el("p", {}, el("a", { href: `/document/${d.doc_sha256}`, target: "_blank", rel: "noopener" }, `document ${d.doc_id}`),
         " · ", el("a", { href: `/?doc=${encodeURIComponent(d.doc_sha256)}` }, "its relations in the queue")));
  }

  function showNode(node) {
    const edges = node.connectedEdges().map(e => e.data());
    $("edge-detail").replaceChildren(
      el("h2", {}, `${node.data("name")} (${node.data("label")})`),
      el("p", { className: "muted" }, `${node.data("documents")} document(s), ${edges.length} link(s) shown`),
      el("ul", {}, ...edges.map(d => el("li", {}, `${d.type}: ${cy.getElementById(d.source).data("name")} → ${cy.getElementById(d.target).data("name")} (${d.status})`))));
  }

  init().catch(error => toast(error.message));
})();
