// A whole document with its entities highlighted (displaCy), its relations, a panel to fix an
// entity (label, name, span), reject it or add a missed one from a text selection, and a form
// to add a relation the pipeline missed: click an entity for the head, another for the tail.
"use strict";

(() => {
  const { api, el, toast, endLabel, fillSelect, fillEnds } = Review;
  const $ = id => document.getElementById(id);
  const sha = decodeURIComponent(location.pathname.split("/").pop());
  let doc = null;
  let summary = null;
  let nextEnd = "head";
  let current = null;  // the entity the panel works on

  async function init() {
    summary = await api("/api/summary");
    const form = $("add-form");
    fillSelect(form.elements.type, summary.types, "partner_of");
    form.addEventListener("submit", add);
    $("entity-save").addEventListener("click", saveEntity);
    $("entity-span").addEventListener("click", spanFromSelection);
    $("entity-reject").addEventListener("click", () => decideEntity({ action: "reject" }));
    $("entity-undo").addEventListener("click", () => decideEntity({ action: "reset" }));
    $("entity-add").addEventListener("click", addEntity);
    await refresh();
  }

  async function refresh() {
    doc = await api(`/api/documents/${encodeURIComponent(sha)}`);
    document.title = `review: ${doc.doc_id}`;
    $("title").textContent = doc.title || doc.doc_id;
    $("meta").textContent = [doc.doc_id, doc.published, doc.source].filter(Boolean).join(" · ");
    $("raw-note").hidden = doc.raw_available;
    $("doc-text").innerHTML = doc.html;  // displaCy's markup: article text escaped on the server
    for (const mark of $("doc-text").querySelectorAll("mark[data-idx]")) {
      const ent = doc.entities[Number(mark.dataset.idx)];
      mark.title = `${ent.canonical} (${ent.label}, ${ent.entity}, ${ent.status})`;
      mark.dataset.entity = ent.entity;
      mark.classList.add(`entity-${ent.status}`);
      mark.addEventListener("click", () => choose(ent));
    }
    const form = $("add-form");
    const head = form.elements.head.value, tail = form.elements.tail.value;
    fillEnds(form.elements.head, doc.choices, head || null, "choose the head");
    fillEnds(form.elements.tail, doc.choices, tail || null, "choose the tail");
    if (current) current = doc.entities.find(e => e.entity === current.entity) || null;
    showEntity();
    items();
  }

  // First click sets the head, the next the tail, then the head again; the entity panel
  // follows the last click.
  function choose(ent) {
    const choice = doc.choices.find(c => c.canonical === ent.canonical && c.label === ent.label);
    $("add-form").elements[nextEnd].value = choice ? choice.entity : ent.entity;
    document.querySelectorAll(`mark.chosen-${nextEnd}`).forEach(m => m.classList.remove(`chosen-${nextEnd}`));
    document.querySelectorAll(`mark[data-idx="${ent.idx}"]`).forEach(m => m.classList.add(`chosen-${nextEnd}`));
    nextEnd = nextEnd === "head" ? "tail" : "head";
    current = ent;
    showEntity();
  }

  function showEntity() {
    document.querySelectorAll("mark.ent-selected").forEach(m => m.classList.remove("ent-selected"));
    if (!current) return;
    document.querySelectorAll(`mark[data-entity="${CSS.escape(current.entity)}"]`).forEach(m => m.classList.add("ent-selected"));
    $("entity-current").textContent = `${current.text} → ${current.canonical} (${current.label}, ${current.entity}, ${current.status})`;
    $("entity-label").value = current.label;
    $("entity-canonical").value = current.canonical;
  }

  // Raw offsets of the text selection: text nodes of the document in order, a <br> as one
  // line break, the label tags displaCy adds inside marks left out.
  function selectionSpan() {
    const sel = window.getSelection();
    if (!sel.rangeCount || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    const root = $("doc-text");
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
    const offsetOf = (container, offset) => {
      let at = 0;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const inLabel = node.parentElement && node.parentElement.closest(".ent-label");
        if (node === container && node.nodeType === Node.TEXT_NODE) return inLabel ? at : at + offset;
        if (node.nodeType === Node.ELEMENT_NODE && node === container) {
          // an offset counted in child nodes: add the text of the children before it
          let n = 0;
          for (const child of [...node.childNodes].slice(0, offset)) n += textLength(child);
          return at + n;
        }
        if (node.nodeType === Node.TEXT_NODE && !inLabel) at += node.data.length;
        else if (node.nodeName === "BR") at += 1;
      }
      return at;
    };
    const start = offsetOf(range.startContainer, range.startOffset);
    const end = offsetOf(range.endContainer, range.endOffset);
    return start < end ? { start, end } : null;
  }

  function textLength(node) {
    if (node.nodeType === Node.TEXT_NODE) return node.parentElement.closest(".ent-label") ? 0 : node.data.length;
    if (node.nodeName === "BR") return 1;
    if (node.classList && node.classList.contains("ent-label")) return 0;
    let n = 0;
    for (const child of node.childNodes) n += textLength(child);
    return n;
  }

  async function decideEntity(body) {
    if (!current) return toast("click an entity first");
    try {
      await api(`/api/documents/${encodeURIComponent(sha)}/entities/${encodeURIComponent(current.entity)}/decision`, { body });
      await refresh();
      toast(`entity ${body.action === "reset" ? "back as found" : body.action + "ed"}`, "info");
    } catch (error) {
      toast(error.message);
    }
  }

  function saveEntity() {
    if (!current) return toast("click an entity first");
    const changes = {};
    if ($("entity-label").value !== current.label) changes.label = $("entity-label").value;
    const name = $("entity-canonical").value.trim();
    if (name && name !== current.canonical) changes.canonical = name;
    if (!Object.keys(changes).length) return toast("nothing changed", "info");
    return decideEntity({ action: "correct", changes });
  }

  function spanFromSelection() {
    const span = selectionSpan();
    if (!span) return toast("select the entity's text in the document first");
    return decideEntity({ action: "correct", changes: span });
  }

  async function addEntity() {
    const span = selectionSpan();
    if (!span) return toast("select the missing entity's text in the document first");
    const body = { ...span, label: $("entity-label").value };
    try {
      const data = await api(`/api/documents/${encodeURIComponent(sha)}/entities`, { body });
      await refresh();
      current = doc.entities.find(e => e.entity === data.entity_id) || null;
      showEntity();
      toast(`added: ${data.entity.text} (${data.entity.label})`, "info");
    } catch (error) {
      toast(error.message);
    }
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
