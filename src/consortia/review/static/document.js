// A whole document with its entities highlighted (displaCy), its relations, and a form to add a
// relation the pipeline missed: click an entity for the head, another for the tail.
"use strict";

(() => {
  const { api, el, toast, endLabel, fillSelect, fillEnds } = Review;
  const $ = id => document.getElementById(id);
  const sha = decodeURIComponent(location.pathname.split("/").pop());
  let doc = null;
  let nextEnd = "head";

  async function init() {
    const summary = await api("/api/summary");
    doc = await api(`/api/documents/${encodeURIComponent(sha)}`);
    document.title = `review: ${doc.doc_id}`;
    $("title").textContent = doc.title || doc.doc_id;
    $("meta").textContent = [doc.doc_id, doc.published, doc.source].filter(Boolean).join(" · ");
    $("raw-note").hidden = doc.raw_available;
    $("doc-text").innerHTML = doc.html;  // displaCy's markup: article text escaped on the server
    for (const mark of $("doc-text").querySelectorAll("mark[data-idx]")) {
      const ent = doc.entities[Number(mark.dataset.idx)];
      mark.title = `${ent.canonical} (${ent.label}, ${ent.entity})`;
      mark.addEventListener("click", () => choose(ent));
    }
    const form = $("add-form");
    fillSelect(form.elements.type, summary.types, "partner_of");
    fillEnds(form.elements.head, doc.choices, null, "choose the head");
    fillEnds(form.elements.tail, doc.choices, null, "choose the tail");
    form.addEventListener("submit", add);
    items();
  }

  // First click sets the head, the next the tail, then the head again.
  function choose(ent) {
    const choice = doc.choices.find(c => c.canonical === ent.canonical && c.label === ent.label);
    $("add-form").elements[nextEnd].value = choice ? choice.entity : ent.entity;
    document.querySelectorAll(`mark.chosen-${nextEnd}`).forEach(m => m.classList.remove(`chosen-${nextEnd}`));
    document.querySelectorAll(`mark[data-idx="${ent.idx}"]`).forEach(m => m.classList.add(`chosen-${nextEnd}`));
    nextEnd = nextEnd === "head" ? "tail" : "head";
  }

  async function add(event) {
    event.preventDefault();
    const f = event.target.elements;
    if (!f.head.value || !f.tail.value) return toast("choose a head and a tail");
    const body = { type: f.type.value, head: { entity: f.head.value }, tail: { entity: f.tail.value },
                   modality: f.modality.value };
    for (const name of ["role", "date", "purpose"]) if (f[name].value.trim()) body[name] = f[name].value.trim();
    try {
      const data = await api(`/api/documents/${encodeURIComponent(sha)}/relations`, { body });
      doc.items.push(data.item);
      items();
      toast(`added: ${data.item.relation.head.canonical} ${data.item.relation.type} ${data.item.relation.tail.canonical}`, "info");
    } catch (error) {
      toast(error.message);
    }
  }

  function items() {
    $("doc-items").replaceChildren(...doc.items.map(item => el("li", { className: `status-${item.status}` },
      el("span", { className: "status" }, item.status), " ",
      endLabel(item.relation.head, "head"), el("span", { className: "arrow" }, ` ${item.relation.type} → `),
      endLabel(item.relation.tail, "tail"))));
    if (!doc.items.length) $("doc-items").append(el("li", { className: "muted" }, "none yet"));
  }

  init().catch(error => toast(error.message));
})();
